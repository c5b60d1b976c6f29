//! What nearly every request reads and few write, kept per server under the version the
//! database gives it: the catalogue, the Routekaart, the gemeenten and the GEMMA
//! referentiecomponenten under the contextversie, each
//! gemeente's landscape under its landschapversie (both raised inside every writer's
//! transaction, see [`super::gegevensversie`]). A read asks the database for the version
//! first (one small query) and takes the kept copy only when it was read at that version;
//! otherwise it reads the rows and keeps them. Data read after the version is at least as
//! new as it, so no answer is older than the version it read, and a write through any
//! instance is in the next read of every instance.
//!
//! Under load, decoding a 300-row landscape through the `Any` driver on every member's
//! request took most of the server's time (docs/performance.md, the load test).
//!
//! A row written into the database by hand, past the writers, is seen only once some
//! write raises the version.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use domain::{Applicatie, Component, Gemeente, GemeenteCode, Opgave, Referentiecomponent};

use super::DbFout;

/// A landscape with each applicatie's version.
type Landschap = Vec<(Applicatie, i64)>;

/// The kept copies of one server.
#[derive(Debug, Default)]
pub(super) struct Leescache {
    /// The catalogue, under the contextversie.
    pub(super) componenten: Versiecache<Vec<Component>>,
    /// The Routekaart, under the contextversie.
    pub(super) opgaven: Versiecache<Vec<Opgave>>,
    /// The CBS list, under the contextversie (loading it raises that version).
    pub(super) gemeenten: Versiecache<Vec<Gemeente>>,
    /// The GEMMA referentiecomponenten, under the contextversie.
    pub(super) referentiecomponenten: Versiecache<Vec<Referentiecomponent>>,
    landschappen: Mutex<HashMap<GemeenteCode, (i64, Arc<Landschap>)>>,
}

/// One kept copy of what a whole table (or two) holds, and the version it was read at.
#[derive(Debug)]
pub(super) struct Versiecache<T>(Mutex<Option<(i64, Arc<T>)>>);

impl<T> Default for Versiecache<T> {
    fn default() -> Self {
        Self(Mutex::new(None))
    }
}

impl<T> Versiecache<T> {
    /// The copy kept at `versie` (read before), else what `lees` reads, then kept.
    ///
    /// # Errors
    /// What `lees` fails with; nothing is kept then.
    pub(super) async fn bij(
        &self,
        versie: i64,
        lees: impl Future<Output = Result<T, DbFout>>,
    ) -> Result<Arc<T>, DbFout> {
        if let Some(kopie) = self.neem(versie) {
            return Ok(kopie);
        }
        let kopie = Arc::new(lees.await?);
        self.leg(versie, Arc::clone(&kopie));
        Ok(kopie)
    }

    /// [`Versiecache::bij`], as a copy of its own for a caller that changes or hands it on.
    ///
    /// # Errors
    /// What `lees` fails with; nothing is kept then.
    pub(super) async fn kopie_bij(
        &self,
        versie: i64,
        lees: impl Future<Output = Result<T, DbFout>>,
    ) -> Result<T, DbFout>
    where
        T: Clone,
    {
        Ok(self.bij(versie, lees).await?.as_ref().clone())
    }

    fn neem(&self, versie: i64) -> Option<Arc<T>> {
        match &*self.0.lock().unwrap_or_else(PoisonError::into_inner) {
            Some((v, kopie)) if *v == versie => Some(Arc::clone(kopie)),
            _ => None,
        }
    }

    fn leg(&self, versie: i64, kopie: Arc<T>) {
        let mut bewaard = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        // A slower reader of an older version does not replace a newer copy.
        if bewaard.as_ref().is_none_or(|(v, _)| *v <= versie) {
            *bewaard = Some((versie, kopie));
        }
    }
}

impl Leescache {
    pub(super) fn landschap(&self, gemeente: &GemeenteCode, versie: i64) -> Option<Arc<Landschap>> {
        let bewaard = self
            .landschappen
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match bewaard.get(gemeente) {
            Some((v, kopie)) if *v == versie => Some(Arc::clone(kopie)),
            _ => None,
        }
    }

    /// Keeps one landscape; at most one per gemeente, so the whole is bounded by the
    /// landscapes themselves.
    pub(super) fn leg_landschap(
        &self,
        gemeente: &GemeenteCode,
        versie: i64,
        kopie: Arc<Landschap>,
    ) {
        let mut bewaard = self
            .landschappen
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match bewaard.get(gemeente) {
            Some((v, _)) if *v > versie => {}
            _ => {
                bewaard.insert(gemeente.clone(), (versie, kopie));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use domain::catalogus::Referentievinder;
    use domain::{Gemeente, GemeenteCode, Referentiecomponent, ReferentiecomponentId};

    use crate::db::Db;

    fn gemeente(code: &str, naam: &str) -> Gemeente {
        Gemeente {
            code: GemeenteCode::parse(code).expect("code"),
            naam: naam.into(),
            provincie: "Utrecht".into(),
        }
    }

    fn referentiecomponent(id: &str, naam: &str) -> Referentiecomponent {
        Referentiecomponent {
            id: ReferentiecomponentId::parse(id).expect("id"),
            naam: naam.into(),
            omschrijving: String::new(),
        }
    }

    #[tokio::test]
    async fn the_gemeenten_and_referentiecomponenten_are_kept_until_a_write_raises_the_contextversie()
     {
        let map = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", map.path().join("cache.db").display());
        let db = Db::connect(&url).await.expect("db");
        db.laad_gemeenten("eerste", &[gemeente("GM0344", "Utrecht")])
            .await
            .expect("gemeenten");
        db.laad_referentiecomponenten("gemma", &[referentiecomponent("id-1", "Zaaksysteem")])
            .await
            .expect("referentiecomponenten");
        let namen = |lijst: Vec<Gemeente>| lijst.into_iter().map(|g| g.naam).collect::<Vec<_>>();
        let referenties =
            |lijst: Vec<Referentiecomponent>| lijst.into_iter().map(|r| r.naam).collect::<Vec<_>>();
        assert_eq!(namen(db.alle_gemeenten().await.expect("read")), ["Utrecht"]);
        assert_eq!(
            referenties(db.referentiecomponenten().await.expect("read")),
            ["Zaaksysteem"]
        );

        // Rows written past the writers raise no version: the kept copies answer.
        for sql in [
            "INSERT INTO gemeenten (code, naam, provincie) VALUES ('GM0363', 'Amsterdam', 'Noord-Holland')",
            "INSERT INTO referentiecomponenten (id, naam, omschrijving) VALUES ('id-2', 'Archief', '')",
        ] {
            sqlx::query(sql).execute(&db.pool).await.expect("by hand");
        }
        assert_eq!(namen(db.alle_gemeenten().await.expect("read")), ["Utrecht"]);
        let zoeker = db.referentiezoeker().await.expect("zoeker");
        assert!(
            (&zoeker).vind("Archief").is_err(),
            "not seen before a version"
        );

        // A write through a writer raises the contextversie: everything is read again.
        db.laad_gemeenten("tweede", &[gemeente("GM0599", "Rotterdam")])
            .await
            .expect("gemeenten");
        assert_eq!(
            namen(db.alle_gemeenten().await.expect("read")),
            ["Amsterdam", "Rotterdam", "Utrecht"]
        );
        assert_eq!(
            referenties(db.referentiecomponenten().await.expect("read")),
            ["Archief", "Zaaksysteem"]
        );
        let zoeker = db.referentiezoeker().await.expect("zoeker");
        assert!(
            (&zoeker).vind("Archief").is_ok(),
            "read again at the new version"
        );
    }
}
