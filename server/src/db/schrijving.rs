//! The two steps every write of a user shares, written once.
//!
//! - [`Schrijving`]: a write is one transaction that commits only together with its audit
//!   record; there is no other way to commit one. Start-up seeding and sessions, which are
//!   not a user's change to data, open their own transactions.
//! - [`Versiestap`]: optimistic concurrency. What the write may do follows from the version
//!   stored and the one its writer read, and the guarded `UPDATE`/`DELETE … AND versie = $n`
//!   must then touch exactly one row, so a concurrent writer loses instead of overwriting.

use std::ops::{Deref, DerefMut};

use serde::Serialize;
use sqlx::{Any, AnyConnection, Transaction};

use super::audit::Auditregel;
use super::{Db, DbFout};

/// One user's write in progress: queries run on it as on a connection; [`Self::leg_vast`]
/// writes the audit record and commits. Dropped without it, everything rolls back.
pub(super) struct Schrijving {
    tx: Transaction<'static, Any>,
    tijdstip: i64,
}

impl Db {
    /// Begins a write; its moment is read once from the clock.
    ///
    /// # Errors
    /// A database error.
    pub(super) async fn schrijving(&self) -> Result<Schrijving, DbFout> {
        Ok(Schrijving {
            tx: self.pool.begin().await?,
            tijdstip: self.nu_micros(),
        })
    }
}

impl Schrijving {
    /// The moment of this write (microseconds since 1970-01-01 UTC).
    pub(super) fn tijdstip(&self) -> i64 {
        self.tijdstip
    }

    /// Records `regel` and commits the write with it.
    ///
    /// # Errors
    /// A database error; then nothing of the write is stored.
    pub(super) async fn leg_vast<T: Serialize>(
        mut self,
        regel: Auditregel<'_, T>,
    ) -> Result<(), DbFout> {
        regel.schrijf(&mut self.tx, self.tijdstip).await?;
        self.tx.commit().await?;
        Ok(())
    }
}

impl Deref for Schrijving {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for Schrijving {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

/// What a versioned write does with its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Versiestap {
    /// There is none yet: it is added at version 1.
    Nieuw,
    /// It is stored at this version, which the writer read: it is replaced, guarded by
    /// that version, and gets the next one.
    Vervang(i64),
}

impl Versiestap {
    /// For a write that sets a value (a PUT): none stored is added whatever was sent;
    /// a stored one needs the version it was read at.
    ///
    /// # Errors
    /// [`DbFout::VersieVereist`] without a version, [`DbFout::VersieConflict`] for another.
    pub(super) fn zetten(huidig: Option<i64>, verwacht: Option<i64>) -> Result<Self, DbFout> {
        match (huidig, verwacht) {
            (None, _) => Ok(Self::Nieuw),
            (Some(_), None) => Err(DbFout::VersieVereist),
            (Some(huidig), Some(verwacht)) => Self::wijzigen(huidig, verwacht),
        }
    }

    /// For a write that adds (no `verwacht`: the id must be free, else `bezet`) or
    /// changes (the row must be there, else `ontbreekt`, at version `verwacht`).
    ///
    /// # Errors
    /// [`DbFout::Bestaat`] naming the taken id or the missing row, or
    /// [`DbFout::VersieConflict`].
    pub(super) fn maken_of_wijzigen(
        huidig: Option<i64>,
        verwacht: Option<i64>,
        bezet: impl FnOnce() -> String,
        ontbreekt: &str,
    ) -> Result<Self, DbFout> {
        match (huidig, verwacht) {
            (None, None) => Ok(Self::Nieuw),
            (Some(_), None) => Err(DbFout::Bestaat(bezet())),
            (None, Some(_)) => Err(DbFout::Bestaat(ontbreekt.into())),
            (Some(huidig), Some(verwacht)) => Self::wijzigen(huidig, verwacht),
        }
    }

    /// For a change of a row stored at `huidig` that its writer read at `verwacht`.
    ///
    /// # Errors
    /// [`DbFout::VersieConflict`] when they differ.
    pub(super) fn wijzigen(huidig: i64, verwacht: i64) -> Result<Self, DbFout> {
        if huidig == verwacht {
            Ok(Self::Vervang(huidig))
        } else {
            Err(DbFout::VersieConflict { huidig })
        }
    }

    /// The version the guarded statement compares with (0 for a new row).
    pub(super) fn bewaakt(self) -> i64 {
        match self {
            Self::Nieuw => 0,
            Self::Vervang(versie) => versie,
        }
    }

    /// The version the row has after the write.
    pub(super) fn nieuwe_versie(self) -> i64 {
        self.bewaakt() + 1
    }

    /// The new version, when the guarded statement touched exactly one row.
    ///
    /// # Errors
    /// [`DbFout::VersieConflict`] when it touched none: another writer came first.
    pub(super) fn na(self, geraakt: u64) -> Result<i64, DbFout> {
        if geraakt == 1 {
            Ok(self.nieuwe_versie())
        } else {
            Err(DbFout::VersieConflict {
                huidig: self.bewaakt(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Versiestap;
    use crate::db::DbFout;

    #[test]
    fn setting_adds_what_is_not_there_and_asks_the_version_of_what_is() {
        assert_eq!(Versiestap::zetten(None, None).ok(), Some(Versiestap::Nieuw));
        assert_eq!(
            Versiestap::zetten(None, Some(4)).ok(),
            Some(Versiestap::Nieuw)
        );
        assert!(matches!(
            Versiestap::zetten(Some(3), None),
            Err(DbFout::VersieVereist)
        ));
        assert!(matches!(
            Versiestap::zetten(Some(3), Some(2)),
            Err(DbFout::VersieConflict { huidig: 3 })
        ));
        assert_eq!(
            Versiestap::zetten(Some(3), Some(3)).ok(),
            Some(Versiestap::Vervang(3))
        );
    }

    #[test]
    fn adding_needs_a_free_id_and_changing_an_existing_row() {
        let stap = |huidig, verwacht| {
            Versiestap::maken_of_wijzigen(huidig, verwacht, || "bezet".into(), "ontbreekt")
        };
        assert_eq!(stap(None, None).ok(), Some(Versiestap::Nieuw));
        assert!(matches!(stap(Some(1), None), Err(DbFout::Bestaat(m)) if m == "bezet"));
        assert!(matches!(stap(None, Some(1)), Err(DbFout::Bestaat(m)) if m == "ontbreekt"));
        assert!(matches!(
            stap(Some(2), Some(1)),
            Err(DbFout::VersieConflict { huidig: 2 })
        ));
        assert_eq!(stap(Some(2), Some(2)).ok(), Some(Versiestap::Vervang(2)));
    }

    #[test]
    fn the_guarded_statement_must_touch_one_row() {
        assert_eq!(Versiestap::Nieuw.na(1).ok(), Some(1));
        assert_eq!(Versiestap::Vervang(5).na(1).ok(), Some(6));
        assert!(matches!(
            Versiestap::Vervang(5).na(0),
            Err(DbFout::VersieConflict { huidig: 5 })
        ));
    }
}
