//! Errors as `application/problem+json` (RFC 9457), the only shape an API error takes.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::ports::OpslagFout;
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of every API error.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One invalid input: which parameter, field or row, and why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvalidParam {
    /// The parameter, field, or `rij 7: einddatum` for an import.
    #[schema(example = "peildatum")]
    pub name: String,
    /// What is wrong with it, in Dutch.
    #[schema(example = "'2025-13-01' is geen datum (JJJJ-MM-DD)")]
    pub reason: String,
}

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// A URI that identifies the kind of problem.
    #[schema(example = "urn:grondplan:probleem:ongeldige-invoer")]
    pub r#type: String,
    /// A short summary of the kind of problem.
    #[schema(example = "Ongeldige invoer")]
    pub title: String,
    /// The HTTP status code.
    #[schema(example = 400)]
    pub status: u16,
    /// What went wrong this time, for a person to read.
    #[schema(example = "De parameter peildatum is geen datum.")]
    pub detail: String,
    /// For validation errors: each invalid input.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
}

/// What an API handler can fail with; each variant becomes one kind of problem.
#[derive(Debug, thiserror::Error)]
pub enum ApiFout {
    /// Malformed input (400): a parameter or body that cannot be read.
    #[error("{detail}")]
    OngeldigeInvoer {
        /// The summary for a person.
        detail: String,
        /// Each invalid input.
        invalid_params: Vec<InvalidParam>,
    },
    /// Well-formed input that breaks a domain rule (422).
    #[error("{detail}")]
    Regel {
        /// The summary for a person.
        detail: String,
        /// Each input that breaks a rule.
        invalid_params: Vec<InvalidParam>,
    },
    /// Nobody is logged in and no token was sent (401).
    #[error("log in of stuur een token (Authorization: Bearer) om dit te doen")]
    NietIngelogd,
    /// A token that is malformed, unknown or revoked (401).
    #[error("{0}")]
    Token(String),
    /// Logged in, but without the right (403).
    #[error("u hebt geen recht om dit te doen")]
    GeenRecht,
    /// A cookie-authenticated write without the session's CSRF token (403).
    #[error("stuur het CSRF-token van de sessie mee in de header X-CSRF-Token")]
    Csrf,
    /// The resource changed since it was read (409).
    #[error("{0}")]
    VersieConflict(String),
    /// A write to an existing resource without If-Match (428).
    #[error("stuur de ETag van de laatste keer lezen mee in If-Match")]
    VersieVereist,
    /// The body or file is past a limit (413); the text names the limit.
    #[error("{0}")]
    TeGroot(String),
    /// The server is busy with as much of this work as it takes at once (503, with
    /// `Retry-After`); the text says what.
    #[error("{0}")]
    Bezet(String),
    /// No such resource or path (404).
    #[error("{0}")]
    NietGevonden(String),
    /// The method is not supported on this path (405).
    #[error("deze methode wordt op dit pad niet ondersteund")]
    MethodeNietToegestaan,
    /// Storage failed (503, or 500 for invalid stored data).
    #[error(transparent)]
    Opslag(#[from] OpslagFout),
}

impl ApiFout {
    /// The refusal of a body past its limit, naming the limit.
    pub fn te_groot(grens: usize) -> Self {
        use crate::import::grenzen::{MAX_BESTAND_BYTES, bytes_als_tekst};
        Self::TeGroot(format!(
            "de inhoud van het verzoek is te groot: hoogstens {} ({})",
            bytes_als_tekst(grens as u64),
            if grens == MAX_BESTAND_BYTES {
                "een bestand"
            } else {
                "JSON"
            }
        ))
    }

    /// A 400 for one named input.
    pub fn ongeldig(naam: &str, reden: impl Into<String>) -> Self {
        let reden = reden.into();
        Self::OngeldigeInvoer {
            detail: format!("{naam}: {reden}"),
            invalid_params: vec![InvalidParam {
                name: naam.into(),
                reason: reden,
            }],
        }
    }

    /// A 422 for fields that break a rule, each as (field, reason); nothing was stored.
    pub fn velden(fouten: impl IntoIterator<Item = (String, String)>) -> Self {
        let invalid_params: Vec<InvalidParam> = fouten
            .into_iter()
            .map(|(name, reason)| InvalidParam { name, reason })
            .collect();
        Self::Regel {
            detail: format!(
                "{} veld(en) voldoen niet; er is niets opgeslagen",
                invalid_params.len()
            ),
            invalid_params,
        }
    }

    fn problem(self) -> Problem {
        let (status, soort, title) = match &self {
            Self::OngeldigeInvoer { .. } => (
                StatusCode::BAD_REQUEST,
                "ongeldige-invoer",
                "Ongeldige invoer",
            ),
            Self::Regel { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "regel",
                "Voldoet niet aan de regels",
            ),
            Self::NietIngelogd | Self::Token(_) => {
                (StatusCode::UNAUTHORIZED, "niet-ingelogd", "Niet ingelogd")
            }
            Self::GeenRecht | Self::Csrf => (StatusCode::FORBIDDEN, "geen-recht", "Geen recht"),
            Self::VersieConflict(_) => (StatusCode::CONFLICT, "versieconflict", "Versieconflict"),
            Self::VersieVereist => (
                StatusCode::PRECONDITION_REQUIRED,
                "versie-vereist",
                "If-Match vereist",
            ),
            Self::TeGroot(_) => (StatusCode::PAYLOAD_TOO_LARGE, "te-groot", "Te groot"),
            Self::Bezet(_) => (StatusCode::SERVICE_UNAVAILABLE, "bezet", "Even bezet"),
            Self::NietGevonden(_) => (StatusCode::NOT_FOUND, "niet-gevonden", "Niet gevonden"),
            Self::MethodeNietToegestaan => (
                StatusCode::METHOD_NOT_ALLOWED,
                "methode-niet-toegestaan",
                "Methode niet toegestaan",
            ),
            Self::Opslag(OpslagFout::Onbeschikbaar) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "opslag-onbeschikbaar",
                "Tijdelijk niet beschikbaar",
            ),
            Self::Opslag(OpslagFout::OngeldigeGegevens(_)) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "interne-fout",
                "Interne fout",
            ),
        };
        let detail = match &self {
            // Never show the stored row to the client; it was logged where it was found.
            Self::Opslag(OpslagFout::OngeldigeGegevens(_)) => {
                "Opgeslagen gegevens zijn ongeldig; de beheerder is gewaarschuwd.".to_owned()
            }
            anders => anders.to_string(),
        };
        let invalid_params = match self {
            Self::OngeldigeInvoer { invalid_params, .. } | Self::Regel { invalid_params, .. } => {
                invalid_params
            }
            _ => Vec::new(),
        };
        Problem {
            r#type: format!("urn:grondplan:probleem:{soort}"),
            title: title.into(),
            status: status.as_u16(),
            detail,
            invalid_params,
        }
    }
}

impl From<domain::toegang::Weigering> for ApiFout {
    fn from(weigering: domain::toegang::Weigering) -> Self {
        match weigering {
            domain::toegang::Weigering::NietIngelogd => Self::NietIngelogd,
            domain::toegang::Weigering::GeenRecht => Self::GeenRecht,
        }
    }
}

impl From<crate::db::DbFout> for ApiFout {
    fn from(fout: crate::db::DbFout) -> Self {
        use crate::db::DbFout;
        match fout {
            DbFout::VersieConflict { .. } => Self::VersieConflict(fout.to_string()),
            DbFout::VersieVereist => Self::VersieVereist,
            DbFout::Bestaat(melding) => Self::VersieConflict(melding),
            anders => Self::Opslag(anders.into()),
        }
    }
}

impl Problem {
    /// A problem for a refusal that came with only a status and a text (from the
    /// framework, before a handler ran) and has no variant of [`ApiFout`] of its own.
    pub fn van_status(status: StatusCode, detail: String) -> Self {
        let (soort, title) = if status.is_server_error() {
            ("interne-fout", "Interne fout")
        } else {
            ("ongeldige-invoer", "Ongeldige invoer")
        };
        Self {
            r#type: format!("urn:grondplan:probleem:{soort}"),
            title: title.into(),
            status: status.as_u16(),
            detail: if detail.is_empty() {
                title.into()
            } else {
                detail
            },
            invalid_params: Vec::new(),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, PROBLEM_JSON)], body).into_response()
    }
}

impl IntoResponse for ApiFout {
    fn into_response(self) -> Response {
        let bezet = matches!(self, Self::Bezet(_));
        let mut antwoord = self.problem().into_response();
        if bezet {
            antwoord.headers_mut().insert(
                header::RETRY_AFTER,
                header::HeaderValue::from_static(RETRY_AFTER_SECONDEN),
            );
        }
        antwoord
    }
}

/// How long a client is asked to wait after a [`ApiFout::Bezet`].
const RETRY_AFTER_SECONDEN: &str = "5";

impl From<crate::taken::Taakfout> for ApiFout {
    fn from(fout: crate::taken::Taakfout) -> Self {
        use crate::taken::Taakfout;
        match fout {
            Taakfout::Recht(weigering) => weigering.into(),
            Taakfout::NietGevonden(wat) => Self::NietGevonden(wat),
            Taakfout::Velden(fouten) => Self::velden(fouten),
            Taakfout::Routekaart(fout) => Self::Regel {
                detail: format!("de Routekaart klopt dan niet meer: {fout}"),
                invalid_params: vec![InvalidParam {
                    name: "opgave".into(),
                    reason: fout.to_string(),
                }],
            },
            Taakfout::Ongeldig(veld, reden) => Self::ongeldig(veld, reden),
            Taakfout::Bestand(fout) => fout.into(),
            Taakfout::Opslag(fout) => fout.into(),
            bezet @ Taakfout::Bezet => Self::Bezet(bezet.to_string()),
            Taakfout::Afgebroken => Self::Opslag(domain::ports::OpslagFout::OngeldigeGegevens(
                Taakfout::Afgebroken.to_string(),
            )),
        }
    }
}

impl From<crate::import::ImportFout> for ApiFout {
    /// An unreadable file is a 400 naming the file, rows with errors a 400 naming each
    /// of the first ones and counting all, a file past a limit a 413 naming the limit.
    fn from(fout: crate::import::ImportFout) -> Self {
        use crate::import::ImportFout;
        match fout {
            ImportFout::Onleesbaar(reden) => Self::ongeldig("bestand", reden),
            ImportFout::TeGroot(reden) => {
                Self::TeGroot(format!("het bestand is te groot: {reden}"))
            }
            ImportFout::Rijen(rijen) => Self::OngeldigeInvoer {
                detail: if rijen.totaal() > rijen.len() {
                    format!(
                        "{} fouten; de eerste {} staan hieronder; er is niets opgeslagen",
                        crate::import::grenzen::aantal(rijen.totaal() as u64),
                        rijen.len()
                    )
                } else {
                    format!("{} fout(en); er is niets opgeslagen", rijen.totaal())
                },
                invalid_params: rijen
                    .iter()
                    .map(|r| InvalidParam {
                        name: r.naam(),
                        reason: r.reden.clone(),
                    })
                    .collect(),
            },
        }
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiFout {
    fn from(fout: axum::extract::rejection::QueryRejection) -> Self {
        Self::ongeldig("query", fout.body_text())
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiFout {
    /// A body past the JSON limit is a 413 naming it; anything else a 400 naming the body.
    fn from(fout: axum::extract::rejection::JsonRejection) -> Self {
        use axum::extract::rejection::{BytesRejection, FailedToBufferBody, JsonRejection};
        match fout {
            JsonRejection::BytesRejection(BytesRejection::FailedToBufferBody(
                FailedToBufferBody::LengthLimitError(_),
            )) => Self::te_groot(super::MAX_JSON_BYTES),
            anders => Self::ongeldig("body", anders.body_text()),
        }
    }
}

impl From<axum::extract::rejection::BytesRejection> for ApiFout {
    /// A file body: too large is a 413 naming the limit, anything else a 400 naming the
    /// file.
    fn from(fout: axum::extract::rejection::BytesRejection) -> Self {
        use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
        match fout {
            BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                Self::te_groot(crate::import::grenzen::MAX_BESTAND_BYTES)
            }
            anders => Self::ongeldig("bestand", anders.body_text()),
        }
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiFout {
    fn from(fout: axum::extract::rejection::PathRejection) -> Self {
        Self::ongeldig("path", fout.body_text())
    }
}
