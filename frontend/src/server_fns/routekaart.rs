//! The Routekaart as the overview page needs it.

use chrono::NaiveDate;
use domain::{ActiviteitId, Opgave};
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

/// One opgave for its page, with the names of its activiteiten's predecessors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opgavepagina {
    pub opgave: Opgave,
    /// Each predecessor's id and name; one in another opgave with that opgave's name
    /// ("API-standaarden vaststellen (Common Ground-componenten)").
    pub voorgangers: Vec<(ActiviteitId, String)>,
}

/// One opgave and the names of its predecessors, `None` when there is no such opgave:
/// both from the Routekaart as the server keeps it.
///
/// # Errors
/// When storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "opgave")]
pub async fn opgave_ophalen(id: String) -> Result<Option<Opgavepagina>, ServerFnError> {
    let Ok(id) = domain::OpgaveId::parse(&id) else {
        return Ok(None);
    };
    let routekaart = super::opslag::publiek()?
        .opgaven()
        .await
        .map_err(super::opslag::fout)?;
    let Some(opgave) = routekaart.iter().find(|o| o.id == id) else {
        return Ok(None);
    };
    let voorgangers = opgave
        .activiteiten
        .iter()
        .flat_map(|a| &a.afhankelijk_van)
        .filter_map(|v| {
            routekaart.iter().find_map(|o| {
                let a = o.activiteiten.iter().find(|a| &a.id == v)?;
                let naam = if o.id == id {
                    a.naam.clone()
                } else {
                    format!("{} ({})", a.naam, o.naam)
                };
                Some((v.clone(), naam))
            })
        })
        .collect();
    Ok(Some(Opgavepagina {
        opgave: opgave.clone(),
        voorgangers,
    }))
}
