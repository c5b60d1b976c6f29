//! The HTTP contract of `/api/v1`: the request and response bodies that are not domain
//! values themselves. One definition, compiled into the server (its handlers and the
//! OpenAPI document) and into the browser (which decodes every answer into these types),
//! so a renamed field is a compile error on both sides, never a page that shows 0.

use serde::{Deserialize, Serialize};

use crate::catalogus::Component;
use crate::gemeente::GemeenteCode;
use crate::routekaart::{OpgaveId, Rol};
use crate::scenario::Scenario;

/// A scenario to save (`POST /scenarios`, `PUT /scenarios/{id}`): its name and the
/// scenario itself.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenarioinvoer {
    /// A name, "Coalitiepartner Zaakgericht werken".
    pub naam: String,
    /// The scenario.
    pub scenario: Scenario,
}

/// A stored scenario.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpgeslagenScenario {
    /// Its id.
    pub id: String,
    /// Its name, "Coalitiepartner Zaakgericht werken".
    pub naam: String,
    /// The scenario itself.
    pub scenario: Scenario,
    /// Its version, for If-Match.
    pub versie: i64,
}

/// A new share link (`POST /scenarios/{id}/deellinks`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deellink {
    /// The token (shown only now; stored only as its hash).
    pub token: String,
    /// The read-only page, `/plan/{token}`.
    pub url: String,
}

/// A request to join an opgave (`POST /opgaven/{id}/aanmeldingen`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Aanmeldverzoek {
    /// The gemeente that asks (the caller's own), a CBS-code.
    pub gemeente: String,
    /// `coalitiepartner` or `eerste_gebruiker`.
    pub rol: Rol,
}

/// Regie's decision on an aanmelding.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Besluit {
    /// The gemeente becomes a deelnemer.
    Accepteren,
    /// It does not.
    Afwijzen,
}

/// The decision, as a body (`PUT /aanmeldingen/{id}`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Besluitbericht {
    /// `accepteren` or `afwijzen`.
    pub besluit: Besluit,
}

/// Where an aanmelding stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aanmeldstatus {
    /// Waiting for regie.
    Open,
    /// Accepted: the gemeente is a deelnemer.
    Geaccepteerd,
    /// Declined.
    Afgewezen,
}

impl Aanmeldstatus {
    /// The code in the API: `open`, `geaccepteerd`, `afgewezen`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Geaccepteerd => "geaccepteerd",
            Self::Afgewezen => "afgewezen",
        }
    }
}

/// A gemeente's request to join an opgave.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Opgaveaanmelding {
    /// Its id.
    pub id: String,
    /// The opgave.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub opgave: OpgaveId,
    /// The gemeente.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub gemeente: GemeenteCode,
    /// The rol asked for.
    pub rol: Rol,
    /// Where it stands.
    pub status: Aanmeldstatus,
}

/// Whether a gemeente may be named in the national cohorts
/// (`PUT /gemeenten/{code}/zichtbaarheid`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Zichtbaarheid {
    /// Named (true) or only counted (false, the default).
    pub genoemd_in_cohorten: bool,
}

/// What a landscape import did.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Landschapimport {
    /// Applicaties that were new.
    pub toegevoegd: usize,
    /// Applicaties that replaced one with the same id.
    pub bijgewerkt: usize,
    /// Applicaties removed because the import replaced the whole landscape.
    pub verwijderd: usize,
    /// Applicaties kept aan te vullen: they lack an einddatum, and stay out of the plan
    /// until it is filled in.
    #[serde(default)]
    pub aan_te_vullen: usize,
}

/// What a landscape import would do, as a dry run (`?proefdraai=true`) shows it before
/// anything is stored: the applicaties added, those changed with each field before and
/// after, those removed (when the file replaces the landscape), and how many stay as
/// they are. Importing the same file with `If-Match` set to `versie` applies exactly this,
/// or is refused (409) when the landscape changed meanwhile.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Importvoorbeeld {
    /// The new applicaties, by name.
    pub toegevoegd: Vec<String>,
    /// The changed ones, by name, with their changed fields.
    pub gewijzigd: Vec<Gewijzigdeapplicatie>,
    /// The removed ones, by name.
    pub verwijderd: Vec<String>,
    /// How many the file leaves as they are.
    pub ongewijzigd: usize,
    /// The applicaties it keeps aan te vullen (out of the plan until completed), with what
    /// each lacks.
    #[serde(default)]
    pub aan_te_vullen: Vec<crate::landschap::gegevens::Ontbrekend>,
    /// The landscape's version this was worked out on.
    pub versie: i64,
}

/// One applicatie an import changes.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Gewijzigdeapplicatie {
    /// Its name.
    pub naam: String,
    /// Each field that changes, before and after.
    pub velden: Vec<Veldwijziging>,
}

/// What a GEMMA (AMEFF) import of referentiecomponenten did.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Importrapport {
    /// New referentiecomponenten.
    pub toegevoegd: usize,
    /// Known ones whose name or description was updated (or stayed the same).
    pub bijgewerkt: usize,
    /// Elements in the file that are no referentiecomponent.
    pub overgeslagen: usize,
}

/// What a publiccode.yml import did.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Componentimport {
    /// The component as stored.
    pub component: Component,
    /// Whether it was new (else: updated, matched on url).
    pub nieuw: bool,
    /// `usedBy` names that match no gemeente; not stored, reported.
    pub onbekende_gemeenten: Vec<String>,
    /// `dependsOn` names that match no component in the catalogue (often infrastructure
    /// such as PostgreSQL).
    pub onbekende_afhankelijkheden: Vec<String>,
    /// For those unknown names that come close to a known gemeente or component: the
    /// names they may have meant.
    #[serde(default)]
    pub bedoeld: Vec<Bedoeling>,
}

/// An unknown name and the known names it may have meant ("bedoelt u …?").
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bedoeling {
    /// The name as given.
    pub onbekend: String,
    /// Up to three known names close to it, closest first.
    pub bedoelt: Vec<String>,
}

// What the pages' server functions answer.

/// A scenario shared through a read-only link: its name and content, and the current data
/// of its gemeente to work it out on (the link is the capability to read that plan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GedeeldScenario {
    /// Its name.
    pub naam: String,
    /// Whose plan, by name and code.
    pub gemeente: crate::Gemeente,
    /// The scenario.
    pub scenario: crate::scenario::Scenario,
    /// The published Routekaart and catalogue with the gemeente's landscape, as now.
    pub basis: crate::scenario::Basis,
}

/// One change in a gemeente's audit trail, as a page shows it: who, when, what (by name)
/// and which fields changed from what to what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Auditpost {
    /// When, microseconds since 1970-01-01 UTC (the page shows Dutch time).
    pub tijdstip: i64,
    /// Who.
    pub actor: String,
    /// What kind of thing (`applicatie`, `capaciteit`, …).
    pub entiteit: String,
    /// Which one: its name when it has one, else its id.
    pub onderwerp: String,
    /// Added, changed or deleted.
    pub soort: Auditsoort,
    /// The fields that differ, in the order of the record.
    pub wijzigingen: Vec<Veldwijziging>,
}

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Auditsoort {
    /// There was nothing before.
    Toegevoegd,
    /// Something changed.
    Gewijzigd,
    /// There is nothing after.
    Verwijderd,
}

/// One field of a change: its value before and after, as text (none: absent).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Veldwijziging {
    /// The field (`einddatum`, `jaarlijkseKosten`).
    pub veld: String,
    /// Before.
    pub voor: Option<String>,
    /// After.
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

/// What a gemeente's landscape and overstapplan pages rest on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Planbasis {
    /// Whose plan: the gemeente by name and code.
    pub gemeente: crate::Gemeente,
    /// The Routekaart, the catalogue, the landscape and the capaciteit.
    pub basis: crate::scenario::Basis,
    /// The GEMMA referentiecomponenten, to name the functions.
    pub referentiecomponenten: Vec<crate::catalogus::Referentiecomponent>,
    /// The plan's date: the server's today, so that page and server agree.
    pub peildatum: chrono::NaiveDate,
    /// Whether the session may change this landscape (a member, not regie).
    pub mag_schrijven: bool,
    /// Its applicaties aan te vullen: outside `basis`, so outside the plan.
    #[serde(default)]
    pub aan_te_vullen: Vec<crate::landschap::gegevens::AanTeVullen>,
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

impl From<crate::toegang::Weigering> for Leesfout {
    fn from(weigering: crate::toegang::Weigering) -> Self {
        match weigering {
            crate::toegang::Weigering::NietIngelogd => Self::NietIngelogd,
            crate::toegang::Weigering::GeenRecht => Self::GeenRecht,
        }
    }
}

/// An account as its beheerder sees it (`GET /gemeenten/{code}/accounts`,
/// `GET /regie/accounts`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Accountregel {
    /// Its id, for changing it.
    pub id: String,
    /// Its e-mail address.
    pub email: String,
    /// What a gemeente member may do (none for regie).
    pub recht: Option<crate::toegang::Lidrecht>,
    /// The providers it signs in through (none: a password).
    pub aanbieders: Vec<String>,
    /// Since when (RFC 3339).
    pub aangemaakt_op: String,
    /// Disabled since (RFC 3339), if so.
    pub uitgeschakeld_op: Option<String>,
}

/// An invitation not yet used, revoked or expired.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Uitnodigingregel {
    /// Its id, for revoking it.
    pub id: String,
    /// For whom.
    pub email: String,
    /// With which right (none for regie).
    pub recht: Option<crate::toegang::Lidrecht>,
    /// By whom.
    pub uitgenodigd_door: String,
    /// Valid until (RFC 3339).
    pub verloopt_op: String,
}

/// The accounts of a gemeente or of regie, and the invitations still open.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Accountlijst {
    /// The accounts, by e-mail address.
    pub accounts: Vec<Accountregel>,
    /// The open invitations, newest first.
    pub uitnodigingen: Vec<Uitnodigingregel>,
}

/// A new invitation (`POST /gemeenten/{code}/uitnodigingen`, `POST /regie/uitnodigingen`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Uitnodigingsinvoer {
    /// Whom: the e-mail address the account will have.
    pub email: String,
    /// What a gemeente member may do (ignored for regie; default `bewerken`).
    #[serde(default)]
    pub recht: Option<crate::toegang::Lidrecht>,
}

/// The invitation just made: its link, shown this once.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NieuweUitnodiging {
    /// Its id.
    pub id: String,
    /// The path to send to the invitee, `/uitnodiging/{token}`; valid once.
    pub link: String,
    /// Valid until (RFC 3339).
    pub verloopt_op: String,
}

/// A change to an account (`PATCH /gemeenten/{code}/accounts/{id}`,
/// `PATCH /regie/accounts/{id}`): what is given changes.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Accountwijziging {
    /// Another right (gemeente members only).
    #[serde(default)]
    pub recht: Option<crate::toegang::Lidrecht>,
    /// `false` disables the account and ends its sessions; `true` enables it again.
    #[serde(default)]
    pub actief: Option<bool>,
}

/// An API token as regie sees it (`GET /tokens`): never the token itself.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tokenregel {
    /// Its id, for revoking it.
    pub id: String,
    /// What it is for.
    pub naam: String,
    /// For a gemeente token, which (none: a regie token).
    pub gemeente: Option<GemeenteCode>,
    /// Since when (RFC 3339).
    pub aangemaakt_op: String,
    /// Revoked since (RFC 3339), if so.
    pub ingetrokken_op: Option<String>,
}

/// A new API token (`POST /tokens`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tokeninvoer {
    /// What it is for, "Koppeling zaaksysteem".
    pub naam: String,
    /// For a gemeente token, which (none: a regie token).
    #[serde(default)]
    pub gemeente: Option<GemeenteCode>,
}

/// The token just made, shown this once.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NieuwToken {
    /// Its id.
    pub id: String,
    /// The token; it is stored only as a hash.
    pub token: String,
}

/// An open invitation as its link shows it to the invitee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uitnodigingsinfo {
    /// The address the account will have.
    pub email: String,
    /// Into which gemeente, by name (none: regie).
    pub gemeentenaam: Option<String>,
    /// With which right (none: regie).
    pub recht: Option<crate::toegang::Lidrecht>,
}
