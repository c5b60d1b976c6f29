//! The Componentencatalogus and the GEMMA referentiecomponenten, public.

use domain::{Component, Referentiecomponent};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The catalogue with the referentiecomponenten its components replace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalogus {
    /// The components, by layer and name.
    pub componenten: Vec<Component>,
    /// All referentiecomponenten, by name.
    pub referentiecomponenten: Vec<Referentiecomponent>,
}

/// The whole catalogue.
///
/// # Errors
/// When storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "catalogus")]
pub async fn catalogus_ophalen() -> Result<Catalogus, ServerFnError> {
    let opslag = super::opslag::publiek()?;
    Ok(Catalogus {
        componenten: opslag.componenten().await.map_err(super::opslag::fout)?,
        referentiecomponenten: opslag
            .referentiecomponenten()
            .await
            .map_err(super::opslag::fout)?,
    })
}
