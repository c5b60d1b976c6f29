//! The list of gemeenten.

use domain::Gemeente;
use leptos::prelude::*;

/// All gemeenten, by name.
///
/// # Errors
/// When storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "gemeenten")]
pub async fn gemeenten_ophalen() -> Result<Vec<Gemeente>, ServerFnError> {
    super::opslag::publiek()?
        .gemeenten()
        .await
        .map_err(super::opslag::fout)
}

/// The name of the gemeente with CBS code `code`, for a page's heading; its code when the
/// CBS list does not name it.
///
/// # Errors
/// When storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "gemeentenaam")]
pub async fn gemeentenaam_ophalen(code: String) -> Result<String, ServerFnError> {
    let Ok(gemeente) = domain::GemeenteCode::parse(&code) else {
        return Ok(code);
    };
    let gevonden = super::opslag::publiek()?
        .gemeente(&gemeente)
        .await
        .map_err(super::opslag::fout)?;
    Ok(gevonden.map_or(code, |g| g.naam))
}
