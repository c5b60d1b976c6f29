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

/// The live session named by the request's session cookie: its actor and CSRF token.
/// An expired or unknown session is none.
///
/// # Errors
/// When storage fails.
pub async fn sessie_van(
    db: &crate::Db,
    headers: &axum::http::HeaderMap,
) -> Result<Option<(Actor, String)>, domain::ports::OpslagFout> {
    let jar = CookieJar::from_headers(headers);
    let Some(cookie) = jar.get(SESSIECOOKIE) else {
        return Ok(None);
    };
    Ok(db
        .sessie(&sha256_hex(cookie.value()), db.nu_micros())
        .await?)
}

impl FromRequestParts<AppState> for Aanvrager {
    type Rejection = ApiFout;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        // The API's gate (api/poort.rs) has already decided for a write.
        if let Some(aanvrager) = parts.extensions.get::<Self>() {
            return Ok(aanvrager.clone());
        }
        if let Some(waarde) = parts.headers.get(header::AUTHORIZATION) {
            let token = waarde
                .to_str()
                .ok()
                .and_then(|w| w.strip_prefix("Bearer "))
                .ok_or_else(|| {
                    ApiFout::Token(
                        "de Authorization-header moet de vorm 'Bearer <token>' hebben".into(),
                    )
                })?;
            let actor = state
                .db
                .token_actor(&sha256_hex(token.trim()))
                .await
                .map_err(domain::ports::OpslagFout::from)?
                .ok_or_else(|| ApiFout::Token("onbekend of ingetrokken token".into()))?;
            return Ok(Self { actor, csrf: None });
        }
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(cookie) = jar.get(SESSIECOOKIE) else {
            return Ok(Self {
                actor: Actor::Anoniem,
                csrf: None,
            });
        };
        let sessie = state
            .db
            .sessie(&sha256_hex(cookie.value()), state.db.nu_micros())
            .await
            .map_err(domain::ports::OpslagFout::from)?;
        let Some((actor, csrf)) = sessie else {
            // An expired or unknown session is simply nobody.
            return Ok(Self {
                actor: Actor::Anoniem,
                csrf: None,
            });
        };
        let veilig = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        let meegestuurd = parts.headers.get(CSRF_HEADER).and_then(|w| w.to_str().ok());
        if !veilig && meegestuurd != Some(csrf.as_str()) {
            return Err(ApiFout::Csrf);
        }
        Ok(Self {
            actor,
            csrf: Some(csrf),
        })
    }
}
