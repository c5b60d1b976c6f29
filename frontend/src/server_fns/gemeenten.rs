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
