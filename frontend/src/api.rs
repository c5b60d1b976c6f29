//! Writes from the browser go through the same REST API as every other client, with the
//! session cookie and the session's CSRF token in `X-CSRF-Token`; errors come back as
//! problem+json and are shown next to the field they name. Reads for rendering go through
//! server functions instead, so pages render on the server too.
//!
//! Only the hydrated app sends; on the server [`stuur`] is never called (event handlers do
//! not run there) and answers with an error if it were.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// One field the server refused, as problem+json's `invalidParams` names it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Ongeldig {
    /// The field, or `rij 7: einddatum` for a row of a file.
    pub name: String,
    /// Why.
    pub reason: String,
}

/// An error answer of the API.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Probleem {
    /// The HTTP status.
    #[serde(default)]
    pub status: u16,
    /// Short.
    #[serde(default)]
    pub title: String,
    /// What happened, safe to show.
    #[serde(default)]
    pub detail: String,
    /// Per field or row.
    #[serde(default)]
    pub invalid_params: Vec<Ongeldig>,
}

impl Probleem {
    /// A problem that did not come from the server (no network, an unreadable answer).
    pub fn lokaal(detail: impl Into<String>) -> Self {
        Self {
            status: 0,
            title: "Fout".into(),
            detail: detail.into(),
            invalid_params: Vec::new(),
        }
    }

    /// The reasons for field `veld`, joined, if the server named it.
    pub fn voor_veld(&self, veld: &str) -> Option<String> {
        let redenen: Vec<&str> = self
            .invalid_params
            .iter()
            .filter(|p| p.name == veld)
            .map(|p| p.reason.as_str())
            .collect();
        (!redenen.is_empty()).then(|| redenen.join("; "))
    }
}

/// A successful answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Antwoord {
    /// Its `ETag`, if any.
    pub etag: Option<String>,
    /// Its body as text (JSON for most).
    pub tekst: String,
}

impl Antwoord {
    /// The body as a type of the API contract (`domain::contract` or a domain value).
    ///
    /// # Errors
    /// A local problem when the body is not that type.
    pub fn lees<T: DeserializeOwned>(&self) -> Result<T, Probleem> {
        serde_json::from_str(&self.tekst)
            .map_err(|_| Probleem::lokaal("onleesbaar antwoord van de server"))
    }
}

/// What a request carries.
pub enum Inhoud {
    /// Nothing.
    Geen,
    /// A JSON body.
    Json(String),
    /// A file the user picked, sent as it is.
    #[cfg(feature = "hydrate")]
    Bestand(web_sys::File),
}

impl Inhoud {
    /// `waarde` as a JSON body.
    pub fn json(waarde: &impl Serialize) -> Self {
        // Serialising a contract type to a string cannot fail: no maps with non-string keys.
        Self::Json(serde_json::to_string(waarde).unwrap_or_default())
    }
}

/// Sends `methode pad` to the API (`pad` from `/api/v1` on).
///
/// # Errors
/// The server's problem, or a local one when the request could not be made.
pub async fn stuur(
    methode: &str,
    pad: &str,
    inhoud: Inhoud,
    csrf: &str,
    if_match: Option<&str>,
) -> Result<Antwoord, Probleem> {
    #[cfg(feature = "hydrate")]
    {
        use gloo_net::http::{Method, RequestBuilder};
        let methode = match methode {
            "POST" => Method::POST,
            "PUT" => Method::PUT,
            "DELETE" => Method::DELETE,
            "PATCH" => Method::PATCH,
            _ => Method::GET,
        };
        let mut verzoek = RequestBuilder::new(&format!("/api/v1{pad}"))
            .method(methode)
            .header("X-CSRF-Token", csrf)
            .header("Accept", "application/json");
        if let Some(etag) = if_match {
            verzoek = verzoek.header("If-Match", etag);
        }
        let verzoek = match inhoud {
            Inhoud::Geen => verzoek.build(),
            Inhoud::Json(json) => verzoek
                .header("Content-Type", "application/json")
                .body(json),
            Inhoud::Bestand(bestand) => verzoek.body(wasm_bindgen::JsValue::from(bestand)),
        }
        .map_err(|e| Probleem::lokaal(format!("het verzoek kon niet worden gemaakt: {e}")))?;
        let antwoord = verzoek.send().await.map_err(|_| {
            Probleem::lokaal("de server is niet bereikbaar; controleer de verbinding")
        })?;
        let tekst = antwoord.text().await.unwrap_or_default();
        if antwoord.ok() {
            Ok(Antwoord {
                etag: antwoord.headers().get("etag"),
                tekst,
            })
        } else {
            let mut probleem: Probleem = serde_json::from_str(&tekst).unwrap_or_else(|_| {
                Probleem::lokaal(format!(
                    "de server antwoordde met status {}",
                    antwoord.status()
                ))
            });
            probleem.status = antwoord.status();
            Err(probleem)
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (methode, pad, inhoud, csrf, if_match);
        Err(Probleem::lokaal("alleen in de browser"))
    }
}

/// Changes the resource at `pad`: reads it as a `T` with its `ETag`, lets `pas_aan` change
/// it, and writes it back with `If-Match`, so a change someone else made since is refused
/// (409), never overwritten.
///
/// # Errors
/// The server's problem, a local one when the answer is no `T`, or `pas_aan`'s.
pub async fn wijzig<T: DeserializeOwned + Serialize>(
    pad: &str,
    csrf: &str,
    pas_aan: impl FnOnce(&mut T) -> Result<(), Probleem>,
) -> Result<Antwoord, Probleem> {
    let gelezen = stuur("GET", pad, Inhoud::Geen, csrf, None).await?;
    let mut waarde: T = gelezen.lees()?;
    pas_aan(&mut waarde)?;
    stuur(
        "PUT",
        pad,
        Inhoud::json(&waarde),
        csrf,
        gelezen.etag.as_deref(),
    )
    .await
}

/// Replaces the resource at `pad` by `nieuw`, with the `ETag` read just now (a change
/// someone else made since is refused, 409).
///
/// # Errors
/// The server's problem, or a local one.
pub async fn vervang(pad: &str, csrf: &str, nieuw: &impl Serialize) -> Result<Antwoord, Probleem> {
    let gelezen = stuur("GET", pad, Inhoud::Geen, csrf, None).await?;
    stuur(
        "PUT",
        pad,
        Inhoud::json(nieuw),
        csrf,
        gelezen.etag.as_deref(),
    )
    .await
}

/// What a server function's refusal says to a person: the server's own Dutch text,
/// without the framework's English "error running server function:" before it.
pub fn serverfout(fout: &leptos::prelude::ServerFnError) -> String {
    match fout {
        leptos::prelude::ServerFnError::ServerError(tekst) => tekst.clone(),
        anders => anders.to_string(),
    }
}

/// `false` on the server and while the page hydrates, `true` from then on. Data that only
/// the browser loads (a `LocalResource`) is read behind it: read while the server renders
/// a `Suspense`, it makes that `Suspense` give up its content or not depending on timing,
/// and the browser can then no longer hydrate what the server sent.
#[must_use]
pub fn na_hydratie() -> leptos::prelude::Signal<bool> {
    use leptos::prelude::{Effect, RwSignal, Set};
    let klaar = RwSignal::new(false);
    Effect::new(move |_| klaar.set(true));
    klaar.into()
}

/// Starts `taak` in the browser; on the server it does nothing.
pub fn in_browser(taak: impl std::future::Future<Output = ()> + 'static) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(taak);
    #[cfg(not(feature = "hydrate"))]
    drop(taak);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_names_the_reasons_of_one_field() {
        let probleem: Probleem = serde_json::from_str(
            r#"{"type":"x","title":"Voldoet niet","status":422,"detail":"2 veld(en)",
                "invalidParams":[{"name":"einddatum","reason":"ligt voor startdatum"},
                                 {"name":"naam","reason":"ontbreekt"}]}"#,
        )
        .expect("problem+json");
        assert_eq!(probleem.voor_veld("naam").as_deref(), Some("ontbreekt"));
        assert_eq!(probleem.voor_veld("leverancier"), None);
    }
}
