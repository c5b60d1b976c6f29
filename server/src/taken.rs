//! The use cases: what someone does with Grondplan, one module each, named for what it
//! does. A REST handler or a server function translates HTTP into a call here and the
//! answer back; a use case reads and writes through the storage ([`crate::db`], which only
//! runs SQL and maps rows) and leaves the rules to `domain`. The layering is checked by
//! `tests/tests/bouwregels.rs`; docs/architecture.md maps every use case to its file.

pub mod aanmelden;
pub mod accounts_beheren;
pub mod applicatie_bewaren;
pub mod audit_lezen;
pub mod capaciteit_zetten;
pub mod component_bewaren;
pub mod importwerk;
pub mod landelijk_beeld;
pub mod landschap_importeren;
pub mod opgave_bewaren;
pub mod overstapplan_berekenen;
pub mod paginas;
pub mod publiccode_importeren;
pub mod referentiecomponenten_importeren;
pub mod scenario_bewaren;
pub mod zichtbaarheid_kiezen;

use crate::db::DbFout;
use crate::import::ImportFout;

/// Why a use case did not go through; each transport (the REST API, a server function,
/// the command line) says it in its own way.
#[derive(Debug, thiserror::Error)]
pub enum Taakfout {
    /// The actor may not.
    #[error(transparent)]
    Recht(#[from] domain::toegang::Weigering),
    /// What the caller names does not exist (for the caller).
    #[error("{0}")]
    NietGevonden(String),
    /// Fields that break a rule or name what does not exist: each (field, reason).
    #[error("{} veld(en) voldoen niet", .0.len())]
    Velden(Vec<(String, String)>),
    /// A value the caller gave is not valid: (field, reason).
    #[error("{0}: {1}")]
    Ongeldig(&'static str, String),
    /// A file that cannot be read, or rows that break the rules.
    #[error(transparent)]
    Bestand(#[from] ImportFout),
    /// Storage refused or failed.
    #[error(transparent)]
    Opslag(#[from] DbFout),
    /// The Routekaart would no longer hold.
    #[error("de Routekaart klopt dan niet meer: {0}")]
    Routekaart(domain::tijdlijn::RoutekaartFout),
    /// Every place for an import on this instance is taken.
    #[error("er wordt al een bestand ingelezen; probeer het over een paar seconden opnieuw")]
    Bezet,
    /// Reading a file did not finish (its thread stopped).
    #[error("het inlezen is afgebroken")]
    Afgebroken,
}
