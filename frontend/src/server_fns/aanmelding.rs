//! Who is logged in, for the header and the forms.

use domain::ports::Aanmelding;
use leptos::prelude::*;

/// The name of the session cookie (the server sets it on login).
#[cfg(feature = "ssr")]
const SESSIECOOKIE: &str = "grondplan_sessie";

/// The session of the current request, if any.
///
/// # Errors
/// When storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "aanmelding")]
pub async fn aanmelding_ophalen() -> Result<Option<Aanmelding>, ServerFnError> {
    let Some(delen) = use_context::<http::request::Parts>() else {
        return Ok(None);
    };
    let sleutel = delen
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|w| w.to_str().ok())
        .flat_map(|w| w.split(';'))
        .find_map(|paar| {
            paar.trim()
                .strip_prefix(SESSIECOOKIE)?
                .strip_prefix('=')
                .map(str::to_owned)
        });
    let Some(sleutel) = sleutel else {
        return Ok(None);
    };
    let aanmeldingen = use_context::<std::sync::Arc<dyn domain::ports::Aanmeldingen>>()
        .ok_or_else(|| ServerFnError::new("de opslag is niet ingesteld"))?;
    aanmeldingen
        .aanmelding(&sleutel)
        .await
        .map_err(|e| ServerFnError::new(e.to_string()))
}
