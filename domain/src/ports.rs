//! The storage ports: what the rules and the pages need from storage, as traits.
//!
//! The implementations live in the server (sqlx on SQLite or PostgreSQL); the frontend's
//! server functions reach them through Leptos context. A port that reads a gemeente's own
//! data takes a proof of the right ([`crate::toegang::recht`]), never a session key: who
//! asks is recognised once per request, before any port is called. The futures are boxed by hand so
//! that the traits stay object-safe without pulling an async runtime into this crate.

use std::future::Future;
use std::pin::Pin;

use crate::contract::{Auditpost, Benoemdscenario, GedeeldScenario, Leesfout, Planbasis};
use crate::gemeente::Gemeente;
use crate::routekaart::Opgave;
use crate::toegang::recht::{AlleGemeentenLeesrecht, GemeenteLeesrecht, LandelijkLeesrecht};

/// The service's one clock: "now" and "today" come from here, never from the system clock
/// directly, so that a test or a demo can fix them (the server's `klok` module holds the
/// implementations).
pub trait Klok: Send + Sync + std::fmt::Debug {
    /// This moment.
    fn nu(&self) -> chrono::DateTime<chrono::Utc>;

    /// Today: the default peildatum of every plan.
    fn vandaag(&self) -> chrono::NaiveDate {
        self.nu().date_naive()
    }

    /// This moment in microseconds since 1970-01-01 UTC, as the database stores moments.
    fn nu_micros(&self) -> i64 {
        self.nu().timestamp_micros()
    }
}

/// A boxed, sendable future, as the ports return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Storage failed. The cause is logged where it happened; this says only what a user
/// may be told.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpslagFout {
    /// The database could not be reached or answered with an error.
    #[error("de opslag is tijdelijk niet beschikbaar")]
    Onbeschikbaar,
    /// A stored row breaks a rule of the domain (e.g. an edited database).
    #[error("opgeslagen gegevens zijn ongeldig: {0}")]
    OngeldigeGegevens(String),
}

/// Reads of the published, public data: gemeenten and the Routekaart.
pub trait PubliekeGegevens: Send + Sync {
    /// All gemeenten, ordered by name.
    fn gemeenten(&self) -> BoxFuture<'_, Result<Vec<Gemeente>, OpslagFout>>;

    /// One gemeente by its CBS code, `None` when the CBS list does not name it.
    fn gemeente<'a>(
        &'a self,
        code: &'a crate::GemeenteCode,
    ) -> BoxFuture<'a, Result<Option<Gemeente>, OpslagFout>>;

    /// All opgaven of the Routekaart, ordered by the start of their ontwikkelfase.
    fn opgaven(&self) -> BoxFuture<'_, Result<Vec<Opgave>, OpslagFout>>;

    /// The catalogue, by layer and name.
    fn componenten(&self) -> BoxFuture<'_, Result<Vec<crate::catalogus::Component>, OpslagFout>>;

    /// The GEMMA referentiecomponenten, by name.
    fn referentiecomponenten(
        &self,
    ) -> BoxFuture<'_, Result<Vec<crate::catalogus::Referentiecomponent>, OpslagFout>>;
}

/// Opens share links.
pub trait Deellinks: Send + Sync {
    /// The scenario behind a live share-link token; `None` for an unknown or revoked one.
    fn gedeeld<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<Option<GedeeldScenario>, OpslagFout>>;
}

/// Reads a gemeente's audit trail.
pub trait Auditlezer: Send + Sync {
    /// The trail of the gemeente `recht` covers, newest first.
    fn audit<'a>(
        &'a self,
        recht: &'a GemeenteLeesrecht,
    ) -> BoxFuture<'a, Result<Vec<Auditpost>, Leesfout>>;
}

/// Reads a gemeente's landscape with what its plan needs.
pub trait Landschappen: Send + Sync {
    /// The saved scenarios of the gemeente `recht` covers, by name.
    fn scenarios<'a>(
        &'a self,
        recht: &'a GemeenteLeesrecht,
    ) -> BoxFuture<'a, Result<Vec<Benoemdscenario>, Leesfout>>;

    /// The plan basis of the gemeente `recht` covers.
    fn planbasis<'a>(
        &'a self,
        recht: &'a GemeenteLeesrecht,
    ) -> BoxFuture<'a, Result<Planbasis, Leesfout>>;
}

/// Reads over all gemeenten (DOMAIN.md section 6), after checking the right.
pub trait Landelijk: Send + Sync {
    /// The landelijk beeld on the server's today with `drempel`, as the holder of
    /// `recht` may see it.
    fn kansrijke_momenten<'a>(
        &'a self,
        recht: &'a LandelijkLeesrecht,
        drempel: usize,
    ) -> BoxFuture<'a, Result<crate::landelijk::LandelijkBeeld, Leesfout>>;

    /// The applicaties whose overstap follows the Routekaart, on the server's today, for
    /// regie's national what-if.
    fn contractvensters<'a>(
        &'a self,
        recht: &'a AlleGemeentenLeesrecht,
    ) -> BoxFuture<'a, Result<crate::landelijk::venster::Vensterbasis, Leesfout>>;

    /// Whether the gemeente `recht` covers chose to be named in cohorts, with the
    /// version of that choice.
    fn zichtbaarheid<'a>(
        &'a self,
        recht: &'a GemeenteLeesrecht,
    ) -> BoxFuture<'a, Result<(bool, i64), Leesfout>>;
}

/// Reads for the pages that manage accounts, after checking the right.
pub trait Accountbeheer: Send + Sync {
    /// The accounts and open invitations of the kring `recht` covers.
    fn accounts<'a>(
        &'a self,
        recht: &'a crate::toegang::recht::Accountbeheerrecht,
    ) -> BoxFuture<'a, Result<crate::contract::Accountlijst, Leesfout>>;

    /// Every API token (regie's page).
    fn tokens<'a>(
        &'a self,
        recht: &'a crate::toegang::recht::Accountbeheerrecht,
    ) -> BoxFuture<'a, Result<Vec<crate::contract::Tokenregel>, Leesfout>>;

    /// The open invitation behind `token` (the link itself is the right to read it).
    fn uitnodiging<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<Option<crate::contract::Uitnodigingsinfo>, Leesfout>>;
}
