//! What every API request passes before its handler reads a byte of its body: a write by
//! nobody (no session, no token) is refused here, and a body larger than its route
//! allows is refused by its declared length or cut off while it streams in. So an
//! anonymous client cannot make the server read and parse large bodies, and no route
//! takes a body larger than it needs.

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::toegang::Actor;

use super::problem::ApiFout;
use crate::AppState;
use crate::import::grenzen::MAX_BESTAND_BYTES;
use crate::toegang::Aanvrager;

/// The body limit of a path: files for the import routes, JSON for every other.
pub fn bodygrens(pad: &str) -> usize {
    if pad.ends_with("/import") {
        MAX_BESTAND_BYTES
    } else {
        super::MAX_JSON_BYTES
    }
}

/// Where a request's path or query holds a percent-encoded control character (`%00` to
/// `%1F`, `%7F`): no id, code or value has one, and a NUL cannot even reach PostgreSQL.
fn stuurteken_in(uri: &axum::http::Uri) -> Option<&'static str> {
    let heeft = |tekst: &str| {
        tekst.as_bytes().windows(3).any(|w| {
            w[0] == b'%'
                && matches!(
                    (w[1].to_ascii_uppercase(), w[2].to_ascii_uppercase()),
                    (b'0' | b'1', b'0'..=b'9' | b'A'..=b'F') | (b'7', b'F')
                )
        })
    };
    if heeft(uri.path()) {
        Some("path")
    } else if uri.query().is_some_and(heeft) {
        Some("query")
    } else {
        None
    }
}

/// The middleware: decides who asks before the body (keeping the answer for the handler,
/// so the session or token is looked up once), then bounds the body.
pub async fn poort(State(state): State<AppState>, verzoek: Request, volgende: Next) -> Response {
    let (mut delen, body) = verzoek.into_parts();
    if let Some(waar) = stuurteken_in(&delen.uri) {
        return ApiFout::ongeldig(waar, "bevat een stuurteken (zoals %00)").into_response();
    }
    let veilig = matches!(delen.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !veilig {
        let aanvrager = match Aanvrager::from_request_parts(&mut delen, &state).await {
            Ok(aanvrager) => aanvrager,
            Err(fout) => return fout.into_response(),
        };
        if matches!(aanvrager.actor, Actor::Anoniem) {
            return ApiFout::NietIngelogd.into_response();
        }
        delen.extensions.insert(aanvrager);
    }
    let grens = bodygrens(delen.uri.path());
    let opgegeven = delen
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|w| w.to_str().ok())
        .and_then(|w| w.parse::<u64>().ok());
    if opgegeven.is_some_and(|lengte| lengte > grens as u64) {
        return ApiFout::te_groot(grens).into_response();
    }
    let body = Body::new(http_body_util::Limited::new(body, grens));
    volgende.run(Request::from_parts(delen, body)).await
}

/// The largest text of a framework refusal carried into a problem's detail.
const MAX_DETAIL_BYTES: usize = 1_000;

/// Makes every error of the API a problem+json, also those axum gives itself before a
/// handler runs (a path that is no valid UTF-8, a body that is no JSON): their text
/// becomes the problem's detail.
pub async fn als_problem(verzoek: Request, volgende: Next) -> Response {
    let antwoord = volgende.run(verzoek).await;
    let status = antwoord.status();
    let is_problem = antwoord
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|c| c == super::problem::PROBLEM_JSON);
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return antwoord;
    }
    let body = axum::body::to_bytes(antwoord.into_body(), MAX_DETAIL_BYTES * 4)
        .await
        .unwrap_or_default();
    let mut detail = String::from_utf8_lossy(&body).trim().to_owned();
    if detail.len() > MAX_DETAIL_BYTES {
        let mut eind = MAX_DETAIL_BYTES;
        while !detail.is_char_boundary(eind) {
            eind -= 1;
        }
        detail.truncate(eind);
    }
    match status {
        StatusCode::NOT_FOUND => ApiFout::NietGevonden(detail).into_response(),
        StatusCode::METHOD_NOT_ALLOWED => ApiFout::MethodeNietToegestaan.into_response(),
        StatusCode::PAYLOAD_TOO_LARGE => ApiFout::TeGroot(detail).into_response(),
        _ => super::problem::Problem::van_status(status, detail).into_response(),
    }
}
