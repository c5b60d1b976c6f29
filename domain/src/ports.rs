//! The storage ports: what the rules and the pages need from storage, as traits.
//!
//! The implementations live in the server (sqlx on SQLite or PostgreSQL); the frontend's
//! server functions reach them through Leptos context. The futures are boxed by hand so
//! that the traits stay object-safe without pulling an async runtime into this crate.

use std::future::Future;
use std::pin::Pin;

use serde::{Deserialize, Serialize};

use crate::gemeente::{Gemeente, GemeenteCode};
use crate::routekaart::{Opgave, OpgaveId};
use crate::toegang::Sessie;

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

    /// All opgaven of the Routekaart, ordered by the start of their ontwikkelfase.
    fn opgaven(&self) -> BoxFuture<'_, Result<Vec<Opgave>, OpslagFout>>;

    /// One opgave, `None` when there is no such opgave.
    fn opgave<'a>(&'a self, id: &'a OpgaveId) -> BoxFuture<'a, Result<Option<Opgave>, OpslagFout>>;

    /// The catalogue, by layer and name.
    fn componenten(&self) -> BoxFuture<'_, Result<Vec<crate::catalogus::Component>, OpslagFout>>;

    /// The GEMMA referentiecomponenten, by name.
    fn referentiecomponenten(
        &self,
    ) -> BoxFuture<'_, Result<Vec<crate::catalogus::Referentiecomponent>, OpslagFout>>;
}

/// Looks up the session behind a session cookie.
pub trait Sessies: Send + Sync {
    /// The live session with this cookie value, if any.
    fn zoek<'a>(
        &'a self,
        sessiesleutel: &'a str,
    ) -> BoxFuture<'a, Result<Option<Sessie>, OpslagFout>>;
}

/// A scenario shared through a read-only link: its name and content, and the current data
/// of its gemeente to work it out on (the link is the capability to read that plan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GedeeldScenario {
    /// Its name.
    pub naam: String,
    /// The scenario.
    pub scenario: crate::scenario::Scenario,
    /// The published Routekaart and catalogue with the gemeente's landscape, as now.
    pub basis: crate::scenario::Basis,
}

/// Opens share links.
pub trait Deellinks: Send + Sync {
    /// The scenario behind a live share-link token; `None` for an unknown or revoked one.
    fn gedeeld<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<Option<GedeeldScenario>, OpslagFout>>;
}

/// One change in a gemeente's audit trail, as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Auditpost {
    /// When, RFC 3339 in UTC.
    pub tijdstip: String,
    /// Who.
    pub actor: String,
    /// What kind of thing.
    pub entiteit: String,
    /// Which one.
    pub entiteit_id: String,
    /// Its values before, as JSON text.
    pub voor: Option<String>,
    /// Its values after, as JSON text.
    pub na: Option<String>,
}

/// Why a gemeente's own data (its audit trail, its landscape) could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum Leesfout {
    /// Not logged in.
    #[error("log in om de gegevens van deze gemeente te zien")]
    NietIngelogd,
    /// No right to this gemeente's data.
    #[error("u hebt geen toegang tot de gegevens van deze gemeente")]
    GeenRecht,
    /// Storage failed.
    #[error("de opslag is tijdelijk niet beschikbaar")]
    Opslag,
}

/// Reads a gemeente's audit trail for the holder of a session, after checking the right.
pub trait Auditlezer: Send + Sync {
    /// The trail of `gemeente`, newest first, for the session with this cookie value.
    fn audit<'a>(
        &'a self,
        sessiesleutel: Option<&'a str>,
        gemeente: &'a GemeenteCode,
    ) -> BoxFuture<'a, Result<Vec<Auditpost>, Leesfout>>;
}

/// What a gemeente's landscape and overstapplan pages rest on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Planbasis {
    /// The Routekaart, the catalogue, the landscape and the capaciteit.
    pub basis: crate::scenario::Basis,
    /// The GEMMA referentiecomponenten, to name the functions.
    pub referentiecomponenten: Vec<crate::catalogus::Referentiecomponent>,
    /// The plan's date: the server's today, so that page and server agree.
    pub peildatum: chrono::NaiveDate,
    /// Whether the session may change this landscape (a member, not regie).
    pub mag_schrijven: bool,
}

/// A saved scenario by name, for the comparison page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benoemdscenario {
    /// Its id.
    pub id: String,
    /// Its name.
    pub naam: String,
    /// The scenario.
    pub scenario: crate::scenario::Scenario,
}

/// Reads a gemeente's landscape with what its plan needs, after checking the right.
pub trait Landschappen: Send + Sync {
    /// The saved scenarios of `gemeente`, by name, for the session with this cookie value.
    fn scenarios<'a>(
        &'a self,
        sessiesleutel: Option<&'a str>,
        gemeente: &'a GemeenteCode,
    ) -> BoxFuture<'a, Result<Vec<Benoemdscenario>, Leesfout>>;

    /// The plan basis of `gemeente` for the session with this cookie value.
    fn planbasis<'a>(
        &'a self,
        sessiesleutel: Option<&'a str>,
        gemeente: &'a GemeenteCode,
    ) -> BoxFuture<'a, Result<Planbasis, Leesfout>>;
}

/// Reads over all gemeenten (DOMAIN.md section 6), after checking the right.
pub trait Landelijk: Send + Sync {
    /// The landelijk beeld on the server's today with `drempel`, as the session may see
    /// it (logged in: a member or regie).
    fn kansrijke_momenten<'a>(
        &'a self,
        sessiesleutel: Option<&'a str>,
        drempel: usize,
    ) -> BoxFuture<'a, Result<crate::landelijk::LandelijkBeeld, Leesfout>>;

    /// The applicaties whose overstap follows the Routekaart, on the server's today, for
    /// regie's national what-if.
    fn contractvensters<'a>(
        &'a self,
        sessiesleutel: Option<&'a str>,
    ) -> BoxFuture<'a, Result<crate::landelijk::venster::Vensterbasis, Leesfout>>;

    /// Whether `gemeente` chose to be named in cohorts, with the version of that choice.
    fn zichtbaarheid<'a>(
        &'a self,
        sessiesleutel: Option<&'a str>,
        gemeente: &'a GemeenteCode,
    ) -> BoxFuture<'a, Result<(bool, i64), Leesfout>>;
}
