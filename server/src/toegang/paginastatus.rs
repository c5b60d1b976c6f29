//! The HTTP status of pages whose answer depends on a right or a capability:
//! `/plan/{token}` (404 for an unknown or revoked link) and a gemeente's own pages
//! `/gemeenten/{code}` (its start page), `…/audit`, `…/landschap`, `…/overstapplan` and
//! `…/scenarios` (401/403),
//! and the landelijk beeld `/landelijk` (401 without login). Leptos streams a page, so a status set while rendering can come too late;
//! this layer decides it before the page streams, with the same checks the page's server
//! functions make, and leaves the body to the page.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use domain::GemeenteCode;
use domain::toegang::{Actor, Weigering};

use super::recht::{GemeenteLeesrecht, LandelijkLeesrecht};
use crate::AppState;

/// The gemeente code in the path of a page with the gemeente's own data.
fn gemeentepad(pad: &str) -> Option<&str> {
    let rest = pad.strip_prefix("/gemeenten/")?;
    ["/audit", "/landschap", "/overstapplan", "/scenarios", ""]
        .iter()
        .find_map(|einde| rest.strip_suffix(einde))
        .filter(|code| !code.is_empty() && !code.contains('/'))
}

/// The status of page `pad` for `actor`, by the same rights the page's server functions
/// check.
async fn status_voor(
    state: &AppState,
    pad: &str,
    actor: &Actor,
) -> Result<Option<StatusCode>, domain::ports::OpslagFout> {
    if let Some(token) = pad.strip_prefix("/plan/") {
        let gevonden = state.db.gedeeld_scenario(token).await?.is_some();
        return Ok((!gevonden).then_some(StatusCode::NOT_FOUND));
    }
    if pad == "/landelijk" {
        return Ok(LandelijkLeesrecht::voor(actor)
            .err()
            .map(|_| StatusCode::UNAUTHORIZED));
    }
    if let Some(code) = gemeentepad(pad) {
        let Ok(code) = GemeenteCode::parse(code) else {
            return Ok(Some(StatusCode::NOT_FOUND));
        };
        return Ok(match GemeenteLeesrecht::voor(actor, &code) {
            Ok(_) => None,
            Err(Weigering::NietIngelogd) => Some(StatusCode::UNAUTHORIZED),
            Err(Weigering::GeenRecht) => Some(StatusCode::FORBIDDEN),
        });
    }
    Ok(None)
}

/// The middleware.
pub async fn paginastatus(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let status = if request.method() == Method::GET {
        // Owned copies: the request itself is not `Sync`, so no reference to it is held
        // across an await. Who asks was recognised once, before (`super::herkenning`).
        let pad = request.uri().path().to_owned();
        let actor = request
            .extensions()
            .get::<Actor>()
            .cloned()
            .unwrap_or(Actor::Anoniem);
        status_voor(&state, &pad, &actor)
            .await
            .unwrap_or(Some(StatusCode::SERVICE_UNAVAILABLE))
    } else {
        None
    };
    let mut antwoord = next.run(request).await;
    if let Some(status) = status {
        *antwoord.status_mut() = status;
    }
    antwoord
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_own_pages_of_a_gemeente_match() {
        assert_eq!(gemeentepad("/gemeenten/GM0344/audit"), Some("GM0344"));
        assert_eq!(gemeentepad("/gemeenten/GM0344/landschap"), Some("GM0344"));
        assert_eq!(
            gemeentepad("/gemeenten/GM0344/overstapplan"),
            Some("GM0344")
        );
        assert_eq!(gemeentepad("/gemeenten/GM0344/x/audit"), None);
        assert_eq!(gemeentepad("/gemeenten"), None);
    }
}
