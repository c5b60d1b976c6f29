//! The Routekaart as the overview page needs it.

use chrono::NaiveDate;
use domain::Opgave;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The Routekaart on a given day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutekaartOverzicht {
    /// "Today" as the server sees it, so the server and the browser draw the today line
    /// on the same day whatever the browser's clock or time zone.
    pub peildatum: NaiveDate,
    /// Every opgave, by start of its ontwikkelfase.
    pub opgaven: Vec<Opgave>,
}

/// Every opgave and today's date.
///
/// # Errors
/// When storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "routekaart")]
pub async fn routekaart_ophalen() -> Result<RoutekaartOverzicht, ServerFnError> {
    let opgaven = super::opslag::publiek()?
        .opgaven()
        .await
        .map_err(super::opslag::fout)?;
    Ok(RoutekaartOverzicht {
        // The calendar day in UTC: dates in Grondplan carry no time or zone.
        peildatum: super::opslag::vandaag()?,
        opgaven,
    })
}

/// One opgave, `None` when there is no such opgave.
///
/// # Errors
/// When the id is malformed or storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "opgave")]
pub async fn opgave_ophalen(id: String) -> Result<Option<Opgave>, ServerFnError> {
    let Ok(id) = domain::OpgaveId::parse(&id) else {
        return Ok(None);
    };
    super::opslag::publiek()?
        .opgave(&id)
        .await
        .map_err(super::opslag::fout)
}
