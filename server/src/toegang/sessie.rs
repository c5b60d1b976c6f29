//! Logging in and out with a plain HTML form (it works without JavaScript): `POST
//! /inloggen` and `POST /uitloggen`. Sessions and failed attempts live in the database, so
//! any instance can serve any request.

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

use super::geheim::{nieuw_geheim, schijnhash, sha256_hex, wachtwoord_klopt};
use super::{SESSIECOOKIE, nu_micros};
use crate::AppState;

/// How long a session lasts.
pub const SESSIEDUUR_MICROS: i64 = 8 * 3600 * 1_000_000;
/// After this many failed logins for one address within [`SMOORVENSTER_MICROS`], further
/// attempts are refused until the window has passed.
pub const MAX_POGINGEN: i64 = 5;
/// The throttling window: 15 minutes.
pub const SMOORVENSTER_MICROS: i64 = 15 * 60 * 1_000_000;

/// The login form.
#[derive(Debug, Deserialize)]
pub struct Inlogformulier {
    email: String,
    wachtwoord: String,
}

/// The logout form: the session's CSRF token.
#[derive(Debug, Deserialize)]
pub struct Uitlogformulier {
    csrf: String,
}

/// Whether the request came to a local address, where a cookie need not be `Secure`.
fn lokaal(headers: &HeaderMap) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let naam = host.rsplit_once(':').map_or(host, |(naam, _)| naam);
    matches!(naam, "localhost" | "127.0.0.1" | "[::1]")
}

/// A form post from another site is refused: the `Origin`, when sent, must be this host.
fn zelfde_herkomst(headers: &HeaderMap) -> bool {
    let Some(herkomst) = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    herkomst
        .split_once("://")
        .is_some_and(|(_, rest)| rest == host)
}

fn terug_naar_inloggen(fout: &str, email: &str) -> Response {
    let email: String = url_codeer(email);
    Redirect::to(&format!("/inloggen?fout={fout}&email={email}")).into_response()
}

fn url_codeer(tekst: &str) -> String {
    tekst
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `POST /inloggen`.
pub async fn inloggen(
    State(state): State<AppState>,
    jar: CookieJar,
    headers: HeaderMap,
    Form(formulier): Form<Inlogformulier>,
) -> Response {
    if !zelfde_herkomst(&headers) {
        return terug_naar_inloggen("herkomst", "");
    }
    let email = formulier.email.trim().to_lowercase();
    if email.is_empty() {
        return terug_naar_inloggen("email-leeg", "");
    }
    let nu = nu_micros();
    let db = &state.db;
    match db.mislukte_pogingen(&email, nu - SMOORVENSTER_MICROS).await {
        Ok(n) if n >= MAX_POGINGEN => return terug_naar_inloggen("te-vaak", &email),
        Ok(_) => {}
        Err(fout) => {
            tracing::error!(error = %fout, "inloggen: opslag");
            return terug_naar_inloggen("storing", &email);
        }
    }
    let account = match db.account(&email).await {
        Ok(account) => account,
        Err(fout) => {
            tracing::error!(error = %fout, "inloggen: opslag");
            return terug_naar_inloggen("storing", &email);
        }
    };
    let hash = account
        .as_ref()
        .map_or_else(|| schijnhash().to_owned(), |a| a.wachtwoord_hash.clone());
    let wachtwoord = formulier.wachtwoord;
    // argon2 is deliberately slow: off the async threads.
    let klopt = tokio::task::spawn_blocking(move || wachtwoord_klopt(&wachtwoord, &hash))
        .await
        .unwrap_or(false);
    let Some(account) = account.filter(|_| klopt) else {
        if let Err(fout) = db.noteer_mislukte_poging(&email, nu).await {
            tracing::error!(error = %fout, "inloggen: poging niet genoteerd");
        }
        tracing::info!(email, "inloggen mislukt");
        return terug_naar_inloggen("onjuist", &email);
    };
    let (Ok(sleutel), Ok(csrf)) = (nieuw_geheim(), nieuw_geheim()) else {
        return terug_naar_inloggen("storing", &email);
    };
    let gestart = db
        .start_sessie(
            &account.id,
            &sha256_hex(&sleutel),
            &csrf,
            nu,
            nu + SESSIEDUUR_MICROS,
        )
        .await;
    if let Err(fout) = gestart.and(db.wis_pogingen(&email).await) {
        tracing::error!(error = %fout, "inloggen: sessie niet opgeslagen");
        return terug_naar_inloggen("storing", &email);
    }
    tracing::info!(email, "ingelogd");
    let cookie = Cookie::build((SESSIECOOKIE, sleutel))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(!lokaal(&headers))
        .build();
    (jar.add(cookie), Redirect::to("/")).into_response()
}

/// `POST /uitloggen`: ends the session named by the cookie when the form carries its CSRF
/// token.
pub async fn uitloggen(
    State(state): State<AppState>,
    jar: CookieJar,
    Form(formulier): Form<Uitlogformulier>,
) -> Response {
    if let Some(cookie) = jar.get(SESSIECOOKIE) {
        let sleutel_hash = sha256_hex(cookie.value());
        match state.db.sessie(&sleutel_hash, nu_micros()).await {
            Ok(Some((_, csrf))) if csrf == formulier.csrf => {
                if let Err(fout) = state.db.beeindig_sessie(&sleutel_hash).await {
                    tracing::error!(error = %fout, "uitloggen: opslag");
                }
            }
            Ok(Some(_)) => {
                return (
                    axum::http::StatusCode::FORBIDDEN,
                    "Ongeldig formulier (CSRF).",
                )
                    .into_response();
            }
            Ok(None) => {}
            Err(fout) => tracing::error!(error = %fout, "uitloggen: opslag"),
        }
    }
    (
        jar.remove(Cookie::build(SESSIECOOKIE).path("/")),
        Redirect::to("/"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(paren: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in paren {
            h.insert(
                axum::http::HeaderName::from_bytes(k.as_bytes()).expect("name"),
                v.parse().expect("value"),
            );
        }
        h
    }

    #[test]
    fn a_cookie_is_secure_except_on_a_local_address() {
        assert!(lokaal(&headers(&[("host", "127.0.0.1:3000")])));
        assert!(lokaal(&headers(&[("host", "localhost")])));
        assert!(!lokaal(&headers(&[("host", "grondplan.vng.nl")])));
    }

    #[test]
    fn a_login_form_from_another_site_is_refused() {
        assert!(zelfde_herkomst(&headers(&[
            ("host", "a.nl"),
            ("origin", "https://a.nl")
        ])));
        assert!(!zelfde_herkomst(&headers(&[
            ("host", "a.nl"),
            ("origin", "https://kwaad.example")
        ])));
        assert!(zelfde_herkomst(&headers(&[("host", "a.nl")])));
    }

    #[test]
    fn an_email_address_is_encoded_for_the_redirect() {
        assert_eq!(url_codeer("a+b@c.nl"), "a%2Bb%40c.nl");
    }
}
