//! Who is asking: a bearer token (machine clients), a session cookie (browsers), or
//! nobody. A browser that writes through the API with its cookie must also send the
//! session's CSRF token in `X-CSRF-Token`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum_extra::extract::CookieJar;
use domain::toegang::Actor;

use super::geheim::sha256_hex;
use super::{CSRF_HEADER, SESSIECOOKIE};
use crate::AppState;
use crate::api::problem::ApiFout;

/// The actor of a request, and its session's CSRF token when it came with a cookie.
#[derive(Debug, Clone)]
pub struct Aanvrager {
    /// Who.
    pub actor: Actor,
    /// The session's CSRF token, for a cookie session.
    pub csrf: Option<String>,
}

/// Who a request comes from, as the recognising layer ([`herkenning`]) found it once:
/// the actor, and the session's CSRF token when it came with a cookie.
#[derive(Debug, Clone)]
struct Herkend {
    actor: Actor,
    csrf: Option<String>,
    gemeentenaam: Option<String>,
}

/// The actor behind the request's bearer token or session cookie (anonymous without
/// either, or with an expired or unknown session), with the session's CSRF token.
///
/// # Errors
/// A malformed `Authorization` header, an unknown or revoked token, or storage.
async fn herken(db: &crate::Db, headers: &axum::http::HeaderMap) -> Result<Herkend, ApiFout> {
    if let Some(waarde) = headers.get(header::AUTHORIZATION) {
        let token = waarde
            .to_str()
            .ok()
            .and_then(|w| w.strip_prefix("Bearer "))
            .ok_or_else(|| {
                ApiFout::Token(
                    "de Authorization-header moet de vorm 'Bearer <token>' hebben".into(),
                )
            })?;
        let actor = db
            .token_actor(&sha256_hex(token.trim()))
            .await
            .map_err(domain::ports::OpslagFout::from)?
            .ok_or_else(|| ApiFout::Token("onbekend of ingetrokken token".into()))?;
        return Ok(Herkend {
            actor,
            csrf: None,
            gemeentenaam: None,
        });
    }
    let jar = CookieJar::from_headers(headers);
    let sessie = match jar.get(SESSIECOOKIE) {
        Some(cookie) => db
            .sessie(&sha256_hex(cookie.value()), db.nu_micros())
            .await
            .map_err(domain::ports::OpslagFout::from)?,
        None => None,
    };
    Ok(sessie.map_or(
        Herkend {
            actor: Actor::Anoniem,
            csrf: None,
            gemeentenaam: None,
        },
        |rij| Herkend {
            actor: rij.actor,
            csrf: Some(rij.csrf),
            gemeentenaam: rij.gemeentenaam,
        },
    ))
}

/// The layer that recognises who asks, once per request, before any route: the API's
/// handlers ([`Aanvrager`]), the page gate ([`super::paginastatus`]) and the pages'
/// server functions (the [`Actor`] and, for a browser session, the
/// [`domain::toegang::Sessie`] in the request's extensions) all take it from here.
/// Files under `/pkg/` and `/health` need no one. When recognising fails (storage, a bad
/// token) nothing is put in: the API then answers with the reason, a page's server
/// functions with "storage unavailable".
pub async fn herkenning(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut verzoek: axum::extract::Request,
    volgende: axum::middleware::Next,
) -> axum::response::Response {
    let pad = verzoek.uri().path();
    if !(pad.starts_with("/pkg/") || pad == "/health")
        && let Ok(herkend) = herken(&state.db, verzoek.headers()).await
    {
        let extensies = verzoek.extensions_mut();
        if let Some(csrf) = &herkend.csrf
            && let Some(sessie) =
                domain::toegang::Sessie::van(&herkend.actor, csrf, herkend.gemeentenaam.clone())
        {
            extensies.insert(sessie);
        }
        extensies.insert(herkend.actor.clone());
        extensies.insert(herkend);
    }
    volgende.run(verzoek).await
}

impl FromRequestParts<AppState> for Aanvrager {
    type Rejection = ApiFout;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let herkend = match parts.extensions.get::<Herkend>() {
            Some(herkend) => herkend.clone(),
            // Recognising failed before: once more, for the reason.
            None => herken(&state.db, &parts.headers).await?,
        };
        // A browser writing with its session cookie must send the session's CSRF token.
        let veilig = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if let Some(csrf) = &herkend.csrf {
            let meegestuurd = parts.headers.get(CSRF_HEADER).and_then(|w| w.to_str().ok());
            if !veilig && meegestuurd != Some(csrf.as_str()) {
                return Err(ApiFout::Csrf);
            }
        }
        Ok(Self {
            actor: herkend.actor,
            csrf: herkend.csrf,
        })
    }
}
