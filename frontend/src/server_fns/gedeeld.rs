//! A scenario opened through a share link (a read-only capability: no login).

use domain::contract::GedeeldScenario;
use leptos::prelude::*;

/// The scenario behind a share-link token; `None` for an unknown or revoked one.
///
/// # Errors
/// When storage fails, or the scenario (saved before the bounds of `domain::grenzen`
/// existed) lies outside them, so that no viewer's browser works out a plan of a million
/// quarters; the message is safe to show.
#[server(prefix = "/fn", endpoint = "gedeeld")]
pub async fn gedeeld_ophalen(token: String) -> Result<Option<GedeeldScenario>, ServerFnError> {
    let deellinks = super::opslag::poort::<dyn domain::ports::Deellinks>()?;
    let gedeeld = deellinks
        .gedeeld(&token)
        .await
        .map_err(|e| ServerFnError::new(e.to_string()))?;
    if let Some((_, reden)) = gedeeld
        .as_ref()
        .and_then(|g| g.scenario.grensfouten().into_iter().next())
    {
        return Err(ServerFnError::new(format!(
            "het valt buiten wat Grondplan doorrekent ({reden})"
        )));
    }
    Ok(gedeeld)
}
