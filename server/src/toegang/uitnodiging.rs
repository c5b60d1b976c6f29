//! Accepting an invitation with a password of one's own: `POST /uitnodiging/{token}`, a
//! plain HTML form like the login (it works without JavaScript). The page
//! `/uitnodiging/{token}` shows what the invitation is for; accepting it through a
//! provider instead goes by `/inloggen/oidc/{naam}?uitnodiging={token}` (`oidc.rs`).

use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::geheim::{hash_wachtwoord, sha256_hex};
use super::sessie::{MAX_WACHTWOORD_BYTES, open_sessie, zelfde_herkomst};
use crate::AppState;
use crate::db::DbFout;

/// The fewest characters a password has (as the command line asks).
pub const MIN_WACHTWOORD_TEKENS: usize = 12;

/// The form: the password, twice.
#[derive(Debug, Deserialize)]
pub struct Aanvaardformulier {
    wachtwoord: String,
    herhaling: String,
}

/// Whether `token` has the form of an invitation token (43 characters of URL-safe
/// base64): anything else is refused before the database is asked, and never echoed.
pub fn lijkt_op_token(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn terug(token: &str, fout: &str) -> Response {
    let pad = if lijkt_op_token(token) {
        format!("/uitnodiging/{token}?fout={fout}")
    } else {
        "/inloggen?fout=uitnodiging-onbekend".to_owned()
    };
    Redirect::to(&pad).into_response()
}

/// `POST /uitnodiging/{token}`: makes the invited account with this password and signs
/// it in; back to the page with what is wrong otherwise (nothing is stored then, and the
/// invitation stays open).
pub async fn aanvaarden(
    State(state): State<AppState>,
    Path(token): Path<String>,
    jar: CookieJar,
    headers: HeaderMap,
    Form(formulier): Form<Aanvaardformulier>,
) -> Response {
    if !lijkt_op_token(&token) {
        return terug(&token, "onbekend");
    }
    if !zelfde_herkomst(&headers) {
        return terug(&token, "herkomst");
    }
    let wachtwoord = formulier.wachtwoord;
    if wachtwoord.len() > MAX_WACHTWOORD_BYTES {
        return terug(&token, "lang");
    }
    if wachtwoord.chars().count() < MIN_WACHTWOORD_TEKENS {
        return terug(&token, "kort");
    }
    if wachtwoord != formulier.herhaling {
        return terug(&token, "verschil");
    }
    let token_hash = sha256_hex(&token);
    match state.db.uitnodiging(&token_hash).await {
        Ok(Some(_)) => {}
        Ok(None) => return terug(&token, "onbekend"),
        Err(fout) => {
            tracing::error!(error = %fout, "uitnodiging: opslag");
            return terug(&token, "storing");
        }
    }
    // argon2 off the async threads, a few at a time, as at the login.
    let Some(plaats) = state.hashwerk.plaats().await else {
        return terug(&token, "bezet");
    };
    let hash = tokio::task::spawn_blocking(move || {
        let _plaats = plaats;
        hash_wachtwoord(&wachtwoord)
    })
    .await;
    let Ok(Ok(hash)) = hash else {
        return terug(&token, "storing");
    };
    match state
        .db
        .aanvaard_uitnodiging(&token_hash, &hash, None)
        .await
    {
        Ok(Some(account)) => {
            tracing::info!(email = account.email, "uitnodiging aanvaard");
            open_sessie(&state, jar, &account, None)
                .await
                .unwrap_or_else(|| terug(&token, "storing"))
        }
        Ok(None) => terug(&token, "onbekend"),
        Err(DbFout::Bestaat(_)) => terug(&token, "bestaat"),
        Err(fout) => {
            tracing::error!(error = %fout, "uitnodiging: opslag");
            terug(&token, "storing")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_token_of_the_right_form_reaches_the_database_or_a_redirect() {
        assert!(lijkt_op_token(&"a".repeat(43)));
        assert!(lijkt_op_token(
            "abcdefghijklmnopqrstuvwxyz-_ABCDEFGHIJ01234"
        ));
        assert!(!lijkt_op_token(&"a".repeat(42)));
        assert!(!lijkt_op_token(&format!("{}/", "a".repeat(42))));
        assert!(!lijkt_op_token(&format!("{}%", "a".repeat(42))));
    }
}
