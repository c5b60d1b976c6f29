//! The audit trail: every change records who, when, what (entity and id) and the values
//! before and after, in the same transaction as the change itself.

use serde::Serialize;

use domain::GemeenteCode;
use domain::toegang::Actor;

use super::gegevensversie::{Raakt, na_wijziging};
use super::{Db, DbFout};
use crate::toegang::recht::GemeenteLeesrecht;

/// What a change is about, as the audit trail names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entiteit {
    Aanmelding,
    /// An account managed by a beheerder (its right, enabled or not).
    Account,
    Applicatie,
    /// A whole landscape replaced or added to from a file.
    ApplicatiesImport,
    Capaciteit,
    Component,
    Deellink,
    Opgave,
    Referentiecomponenten,
    Scenario,
    /// An API token made or revoked in the browser.
    Token,
    /// An invitation to make an account.
    Uitnodiging,
    Zichtbaarheid,
}

impl Entiteit {
    /// What a change to it does to the landelijk beeld. Scenarios and share links are
    /// private what-ifs; capaciteit changes only a plan's load check; the naming choice
    /// is applied when answering, not when adding up. The match is exhaustive: a new kind
    /// of change must say here what it does to the beeld.
    fn raakt(self) -> Raakt {
        match self {
            Self::Scenario
            | Self::Deellink
            | Self::Capaciteit
            | Self::Zichtbaarheid
            | Self::Account
            | Self::Token
            | Self::Uitnodiging => Raakt::Niets,
            Self::Applicatie => Raakt::Applicatie,
            Self::ApplicatiesImport => Raakt::Landschap,
            Self::Component | Self::Opgave | Self::Referentiecomponenten | Self::Aanmelding => {
                Raakt::Alles
            }
        }
    }

    /// Its name in the audit trail.
    pub fn code(self) -> &'static str {
        match self {
            Self::Aanmelding => "aanmelding",
            Self::Account => "account",
            Self::Applicatie => "applicatie",
            Self::ApplicatiesImport => "applicaties-import",
            Self::Capaciteit => "capaciteit",
            Self::Component => "component",
            Self::Deellink => "deellink",
            Self::Opgave => "opgave",
            Self::Referentiecomponenten => "referentiecomponenten",
            Self::Scenario => "scenario",
            Self::Token => "token",
            Self::Uitnodiging => "uitnodiging",
            Self::Zichtbaarheid => "zichtbaarheid",
        }
    }
}

/// One audit record: a change, about to be recorded.
pub struct Auditregel<'a, T: Serialize> {
    /// Who.
    actor: &'a Actor,
    /// Whose data, when it is a gemeente's.
    gemeente: Option<&'a GemeenteCode>,
    /// What kind of thing.
    entiteit: Entiteit,
    /// Which one.
    entiteit_id: &'a str,
    /// Its values before (none: created).
    voor: Option<&'a T>,
    /// Its values after (none: deleted).
    na: Option<&'a T>,
}

impl<'a, T: Serialize> Auditregel<'a, T> {
    /// A change by `actor` to data of no gemeente in particular.
    fn van(
        actor: &'a Actor,
        entiteit: Entiteit,
        entiteit_id: &'a str,
        voor: Option<&'a T>,
        na: Option<&'a T>,
    ) -> Self {
        Self {
            actor,
            gemeente: None,
            entiteit,
            entiteit_id,
            voor,
            na,
        }
    }

    /// A change to gemeente data, by the holder of `recht`.
    pub fn door(
        recht: &'a crate::toegang::recht::GemeenteSchrijfrecht,
        entiteit: Entiteit,
        entiteit_id: &'a str,
        voor: Option<&'a T>,
        na: Option<&'a T>,
    ) -> Self {
        Self {
            gemeente: Some(recht.gemeente()),
            ..Self::van(recht.actor(), entiteit, entiteit_id, voor, na)
        }
    }

    /// A change to accounts, invitations or tokens by `actor`: of gemeente `gemeente`, or
    /// of regie (none).
    pub fn over_accounts(
        actor: &'a Actor,
        gemeente: Option<&'a GemeenteCode>,
        entiteit: Entiteit,
        entiteit_id: &'a str,
        voor: Option<&'a T>,
        na: Option<&'a T>,
    ) -> Self {
        Self {
            gemeente,
            ..Self::van(actor, entiteit, entiteit_id, voor, na)
        }
    }

    /// A change to the published data (the Routekaart, the catalogue), by regie.
    pub fn door_regie(
        recht: &'a crate::toegang::recht::PubliekSchrijfrecht,
        entiteit: Entiteit,
        entiteit_id: &'a str,
        voor: Option<&'a T>,
        na: Option<&'a T>,
    ) -> Self {
        Self::van(recht.actor(), entiteit, entiteit_id, voor, na)
    }

    /// A change by regie to data of gemeente `gemeente` (a decision on its aanmelding).
    pub fn door_regie_voor(
        recht: &'a crate::toegang::recht::PubliekSchrijfrecht,
        gemeente: &'a GemeenteCode,
        entiteit: Entiteit,
        entiteit_id: &'a str,
        voor: Option<&'a T>,
        na: Option<&'a T>,
    ) -> Self {
        Self {
            gemeente: Some(gemeente),
            ..Self::van(recht.actor(), entiteit, entiteit_id, voor, na)
        }
    }

    /// Records the change inside `tx`.
    ///
    /// # Errors
    /// A database error; the caller's transaction then rolls back with it.
    pub(super) async fn schrijf(
        self,
        tx: &mut sqlx::AnyConnection,
        tijdstip: i64,
    ) -> Result<(), DbFout> {
        let json = |waarde: Option<&T>| waarde.and_then(|w| serde_json::to_string(w).ok());
        sqlx::query(
            "INSERT INTO audit (id, tijdstip, actor, gemeente_code, entiteit, entiteit_id, voor, na) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(tijdstip)
        .bind(self.actor.to_string())
        .bind(self.gemeente.map(GemeenteCode::as_str))
        .bind(self.entiteit.code())
        .bind(self.entiteit_id)
        .bind(json(self.voor))
        .bind(json(self.na))
        .execute(&mut *tx)
        .await?;
        let nieuw = self.voor.is_none();
        na_wijziging(
            tx,
            self.entiteit.raakt(),
            self.gemeente,
            self.entiteit_id,
            nieuw,
        )
        .await?;
        Ok(())
    }
}

/// One recorded change, as read back.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OpgeslagenAuditregel {
    /// Microseconds since 1970-01-01 UTC.
    pub tijdstip: i64,
    /// Who.
    pub actor: String,
    /// What kind of thing.
    pub entiteit: String,
    /// Which one.
    pub entiteit_id: String,
    /// JSON before.
    pub voor: Option<String>,
    /// JSON after.
    pub na: Option<String>,
}

impl Db {
    /// The audit trail of the gemeente the right is for, newest first (at most 500).
    ///
    /// # Errors
    /// A database error.
    pub async fn audit(
        &self,
        recht: &GemeenteLeesrecht,
    ) -> Result<Vec<OpgeslagenAuditregel>, DbFout> {
        Ok(sqlx::query_as::<_, OpgeslagenAuditregel>(
            "SELECT tijdstip, actor, entiteit, entiteit_id, voor, na FROM audit \
             WHERE gemeente_code = $1 ORDER BY tijdstip DESC, id LIMIT 500",
        )
        .bind(recht.gemeente().as_str())
        .fetch_all(&self.pool)
        .await?)
    }
}
