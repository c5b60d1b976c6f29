//! Who is logged in, for the header and the forms.

use domain::ports::Aanmelding;
use leptos::prelude::*;

/// The session of the current request, if any.
///
/// # Errors
/// When storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "aanmelding")]
pub async fn aanmelding_ophalen() -> Result<Option<Aanmelding>, ServerFnError> {
    let Some(sleutel) = super::opslag::sessiesleutel() else {
        return Ok(None);
    };
    let aanmeldingen = use_context::<std::sync::Arc<dyn domain::ports::Aanmeldingen>>()
        .ok_or_else(|| ServerFnError::new("de opslag is niet ingesteld"))?;
    aanmeldingen
        .aanmelding(&sleutel)
        .await
        .map_err(|e| ServerFnError::new(e.to_string()))
}
