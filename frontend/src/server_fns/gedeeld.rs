//! A scenario opened through a share link (a read-only capability: no login).

use domain::ports::GedeeldScenario;
use leptos::prelude::*;

/// The scenario behind a share-link token; `None` for an unknown or revoked one.
///
/// # Errors
/// When storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "gedeeld")]
pub async fn gedeeld_ophalen(token: String) -> Result<Option<GedeeldScenario>, ServerFnError> {
    let deellinks = use_context::<std::sync::Arc<dyn domain::ports::Deellinks>>()
        .ok_or_else(|| ServerFnError::new("de opslag is niet ingesteld"))?;
    deellinks
        .gedeeld(&token)
        .await
        .map_err(|e| ServerFnError::new(e.to_string()))
}
