//! Logging in and out with a plain HTML form (it works without JavaScript): `POST
//! /inloggen` and `POST /uitloggen`. Sessions and failed attempts live in the database, so
//! any instance can serve any request.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use domain::toegang::Actor;
use serde::Deserialize;
use tokio::sync::Semaphore;

use super::SESSIECOOKIE;
use super::geheim::{nieuw_geheim, schijnhash, sha256_hex, wachtwoord_klopt};
use crate::AppState;
use crate::beveiliging::Client;

/// How long a session lasts.
pub const SESSIEDUUR_MICROS: i64 = 8 * 3600 * 1_000_000;

/// Failed attempts on one account from one address before each further one waits.
pub const VRIJE_POGINGEN_ACCOUNT: i64 = 3;
/// Failed attempts from one address (over all accounts) before each further one waits:
/// more, since colleagues behind one office address share it.
pub const VRIJE_POGINGEN_ADRES: i64 = 10;
/// The longest wait between attempts: 15 minutes.
pub const LANGSTE_WACHTTIJD_MICROS: i64 = 15 * 60 * 1_000_000;
/// A streak whose last attempt is this old starts again: 15 minutes.
pub const VERGEETTIJD_MICROS: i64 = 15 * 60 * 1_000_000;
/// How long an attempt holds its keys while the password is checked (released sooner
/// when it ends; this bounds a crashed instance's hold).
const RESERVERING_MICROS: i64 = 10 * 1_000_000;
/// Throttle keys idle this long are pruned: a day.
const OPRUIMEN_NA_MICROS: i64 = 24 * 3600 * 1_000_000;
/// The longest e-mail address (RFC 5321's path limit).
pub const MAX_EMAIL_TEKENS: usize = 254;
/// The longest password that is hashed (a longer one costs the hash more, not the
/// attacker).
pub const MAX_WACHTWOORD_BYTES: usize = 1_024;
/// Password hashes one instance runs at the same time (each takes about 19 MiB and one
/// core for a tenth of a second); the rest wait up to [`HASH_WACHTTIJD`].
pub const MAX_GELIJKTIJDIGE_HASHES: usize = 2;
/// How long an attempt waits for a free hash before it is told to try again.
const HASH_WACHTTIJD: Duration = Duration::from_secs(3);

/// The wait after `mislukt` failures in a row, once `vrij` are spent: one second,
/// doubling with each further failure, at most [`LANGSTE_WACHTTIJD_MICROS`]. A growing
/// delay slows a guesser to a few hundred guesses a day per address without ever
/// locking the owner out.
pub fn wachttijd(mislukt: i64, vrij: i64) -> i64 {
    let boven = mislukt - vrij;
    if boven < 0 {
        return 0;
    }
    let macht = u32::try_from(boven).unwrap_or(u32::MAX).min(30);
    (1_000_000_i64 << macht).min(LANGSTE_WACHTTIJD_MICROS)
}

/// The places for password hashes on this instance.
#[derive(Debug, Clone)]
pub struct Hashwerk(Arc<Semaphore>);

impl Default for Hashwerk {
    fn default() -> Self {
        Self(Arc::new(Semaphore::new(MAX_GELIJKTIJDIGE_HASHES)))
    }
}

impl Hashwerk {
    /// A place for one password hash, waiting at most [`HASH_WACHTTIJD`]; `None` when
    /// none came free (the caller asks to try again).
    pub async fn plaats(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        tokio::time::timeout(HASH_WACHTTIJD, Arc::clone(&self.0).acquire_owned())
            .await
            .ok()?
            .ok()
    }
}

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

/// A form post from another site is refused: the `Origin`, when sent, must be this host.
pub(crate) fn zelfde_herkomst(headers: &HeaderMap) -> bool {
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

pub(crate) fn terug_naar_inloggen(fout: &str, email: &str) -> Response {
    let email: String = url_codeer(email);
    Redirect::to(&format!("/inloggen?fout={fout}&email={email}")).into_response()
}

/// Back to the form, told to wait until `tot` (microseconds since 1970).
fn wacht_tot(tot: i64, nu: i64, email: &str) -> Response {
    let seconden = ((tot - nu).max(0) + 999_999) / 1_000_000;
    let seconden = seconden.max(1);
    Redirect::to(&format!(
        "/inloggen?fout=te-vaak&wacht={seconden}&email={}",
        url_codeer(email)
    ))
    .into_response()
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

/// The throttle keys of an attempt: the client's address, and the account from that
/// address. The owner logging in from elsewhere is never slowed by a guesser's failures.
fn sleutels(client: IpAddr, email: &str) -> [(String, i64); 2] {
    [
        (format!("adres:{client}"), VRIJE_POGINGEN_ADRES),
        (format!("account:{client}:{email}"), VRIJE_POGINGEN_ACCOUNT),
    ]
}

/// `POST /inloggen`.
pub async fn inloggen(
    State(state): State<AppState>,
    Client(client): Client,
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
    if email.chars().any(char::is_control) {
        return terug_naar_inloggen("onjuist", "");
    }
    if email.chars().count() > MAX_EMAIL_TEKENS {
        // Not echoed back: a long address is refused, not stored or repeated.
        return terug_naar_inloggen("email-lang", "");
    }
    if formulier.wachtwoord.len() > MAX_WACHTWOORD_BYTES {
        return terug_naar_inloggen("onjuist", &email);
    }
    let nu = state.db.nu_micros();
    let db = &state.db;
    let storing = |fout: &dyn std::fmt::Display| {
        tracing::error!(error = %fout, "inloggen: opslag");
        terug_naar_inloggen("storing", &email)
    };
    // Reserve both keys before the slow hash: a blocked key, or one another attempt
    // holds, sends this attempt back with how long to wait.
    let sleutels = sleutels(client, &email);
    let mut gereserveerd: Vec<&str> = Vec::new();
    for (sleutel, _) in &sleutels {
        match db
            .reserveer_inlogpoging(
                sleutel,
                nu,
                nu + RESERVERING_MICROS,
                nu - VERGEETTIJD_MICROS,
            )
            .await
        {
            Ok(None) => gereserveerd.push(sleutel),
            Ok(Some(tot)) => {
                geef_vrij(&state, &gereserveerd, nu).await;
                tracing::info!(email, %client, "inloggen afgeremd");
                return wacht_tot(tot, nu, &email);
            }
            Err(fout) => {
                geef_vrij(&state, &gereserveerd, nu).await;
                return storing(&fout);
            }
        }
    }
    let account = match db.account(&email).await {
        Ok(account) => account,
        Err(fout) => {
            geef_vrij(&state, &gereserveerd, nu).await;
            return storing(&fout);
        }
    };
    let hash = account
        .as_ref()
        .map_or_else(|| schijnhash().to_owned(), |a| a.wachtwoord_hash.clone());
    let wachtwoord = formulier.wachtwoord;
    // argon2 is deliberately slow and large: off the async threads, a few at a time.
    let Some(plaats) = state.hashwerk.plaats().await else {
        geef_vrij(&state, &gereserveerd, nu).await;
        tracing::warn!("inloggen: alle plaatsen voor wachtwoordcontrole bezet");
        return wacht_tot(nu + 1_000_000, nu, &email);
    };
    let klopt = tokio::task::spawn_blocking(move || {
        let _plaats = plaats;
        wachtwoord_klopt(&wachtwoord, &hash)
    })
    .await
    .unwrap_or(false);
    let nu = state.db.nu_micros();
    let Some(account) = account.filter(|_| klopt) else {
        for (sleutel, vrij) in &sleutels {
            let afloop = db
                .noteer_mislukte_inlogpoging(sleutel, nu, |n| wachttijd(n, *vrij))
                .await;
            if let Err(fout) = afloop {
                tracing::error!(error = %fout, "inloggen: poging niet genoteerd");
            }
        }
        ruim_op(&state, nu).await;
        tracing::info!(email, %client, "inloggen mislukt");
        return terug_naar_inloggen("onjuist", &email);
    };
    let (Ok(sleutel), Ok(csrf)) = (nieuw_geheim(), nieuw_geheim()) else {
        geef_vrij(&state, &gereserveerd, nu).await;
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
    // The account's streak from this address is forgotten; the address keeps its own
    // (one good login does not wipe a guesser's failures on other accounts).
    let [(adres, _), (account_sleutel, _)] = &sleutels;
    let afgerond = async {
        db.vergeet_inlogsleutel(account_sleutel).await?;
        db.geef_inlogsleutel_vrij(adres, nu).await
    };
    if let Err(fout) = gestart.and(afgerond.await) {
        tracing::error!(error = %fout, "inloggen: sessie niet opgeslagen");
        return terug_naar_inloggen("storing", &email);
    }
    tracing::info!(email, %client, "ingelogd");
    binnen(&state, jar, &account, sleutel)
}

/// Starts a session for `account` (through provider `via`: its name and the ID token)
/// and answers as [`binnen`]; `None` when it could not be stored (logged).
pub(crate) async fn open_sessie(
    state: &AppState,
    jar: CookieJar,
    account: &crate::db::toegang::Account,
    via: Option<(&str, &str)>,
) -> Option<Response> {
    let nu = state.db.nu_micros();
    let (Ok(sleutel), Ok(csrf)) = (nieuw_geheim(), nieuw_geheim()) else {
        tracing::error!("sessie: geen willekeur");
        return None;
    };
    if let Err(fout) = state
        .db
        .start_sessie_via(
            &account.id,
            &sha256_hex(&sleutel),
            &csrf,
            nu,
            nu + SESSIEDUUR_MICROS,
            via,
        )
        .await
    {
        tracing::error!(error = %fout, "sessie niet opgeslagen");
        return None;
    }
    Some(binnen(state, jar, account, sleutel))
}

/// The answer to a login that started the session with key `sleutel`: its cookie, and
/// on to where the account starts (a member on its gemeente's start page, what to do
/// now; regie on the Routekaart).
pub(crate) fn binnen(
    state: &AppState,
    jar: CookieJar,
    account: &crate::db::toegang::Account,
    sleutel: String,
) -> Response {
    let cookie = Cookie::build((SESSIECOOKIE, sleutel))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.beveiliging.via_https)
        .build();
    let bestemming = match account.actor() {
        Ok(Actor::Lid { gemeente, .. }) => format!("/gemeenten/{gemeente}"),
        _ => "/".to_owned(),
    };
    (jar.add(cookie), Redirect::to(&bestemming)).into_response()
}

/// Frees the keys this attempt reserved, without counting it.
async fn geef_vrij(state: &AppState, sleutels: &[&str], nu: i64) {
    for sleutel in sleutels {
        if let Err(fout) = state.db.geef_inlogsleutel_vrij(sleutel, nu).await {
            tracing::error!(error = %fout, "inloggen: reservering niet vrijgegeven");
        }
    }
}

/// Prunes throttle keys idle for a day (after a failure: no background job needed).
async fn ruim_op(state: &AppState, nu: i64) {
    if let Err(fout) = state
        .db
        .ruim_inlogsloten_op(nu - OPRUIMEN_NA_MICROS, nu)
        .await
    {
        tracing::error!(error = %fout, "inloggen: oude pogingen niet opgeruimd");
    }
}

/// `POST /uitloggen`: ends the session named by the cookie (as recognised for this
/// request, `super::herkenning`) when the form carries its CSRF token.
pub async fn uitloggen(
    State(state): State<AppState>,
    jar: CookieJar,
    sessie: Option<axum::Extension<domain::toegang::Sessie>>,
    Form(formulier): Form<Uitlogformulier>,
) -> Response {
    let mut bestemming = "/".to_owned();
    if let (Some(cookie), Some(axum::Extension(sessie))) = (jar.get(SESSIECOOKIE), sessie) {
        if sessie.csrf != formulier.csrf {
            return (
                axum::http::StatusCode::FORBIDDEN,
                "Ongeldig formulier (CSRF).",
            )
                .into_response();
        }
        let hash = sha256_hex(cookie.value());
        // Signed in through a provider: on to its end-session endpoint, to end the
        // session there too (RP-initiated logout), and back here.
        if let Ok(Some((aanbieder, id_token))) = state.db.sessie_via(&hash).await
            && let Some(url) = state.oidc.afmelding(&aanbieder, &id_token).await
        {
            bestemming = url.to_string();
        }
        if let Err(fout) = state.db.beeindig_sessie(&hash).await {
            tracing::error!(error = %fout, "uitloggen: opslag");
        }
    }
    (
        jar.remove(Cookie::build(SESSIECOOKIE).path("/")),
        Redirect::to(&bestemming),
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
    fn failures_past_the_free_ones_wait_longer_each_time_up_to_fifteen_minutes() {
        assert_eq!(wachttijd(2, VRIJE_POGINGEN_ACCOUNT), 0);
        assert_eq!(wachttijd(3, VRIJE_POGINGEN_ACCOUNT), 1_000_000);
        assert_eq!(wachttijd(4, VRIJE_POGINGEN_ACCOUNT), 2_000_000);
        assert_eq!(wachttijd(12, VRIJE_POGINGEN_ACCOUNT), 512_000_000);
        assert_eq!(
            wachttijd(13, VRIJE_POGINGEN_ACCOUNT),
            LANGSTE_WACHTTIJD_MICROS
        );
        assert_eq!(wachttijd(i64::MAX, 0), LANGSTE_WACHTTIJD_MICROS);
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
