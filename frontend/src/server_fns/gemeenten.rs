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

/// The name of the gemeente with CBS code `code`, for a page's heading.
///
/// # Errors
/// A text that is no gemeente code, a code the CBS list does not name (each said, with
/// what to do), or storage; the message is safe to show, and the heading keeps the code.
#[server(prefix = "/fn", endpoint = "gemeentenaam")]
pub async fn gemeentenaam_ophalen(code: String) -> Result<String, ServerFnError> {
    let gemeente = super::opslag::gemeentecode(&code)?;
    super::opslag::publiek()?
        .gemeente(&gemeente)
        .await
        .map_err(super::opslag::fout)?
        .map(|g| g.naam)
        .ok_or_else(|| ServerFnError::new(domain::gemeente::onbekende_gemeente(&code)))
}
