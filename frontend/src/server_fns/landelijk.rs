//! Over all gemeenten: the landelijk beeld for its page (with the member's own naming
//! choice), and the contract windows behind regie's national what-if on the Routekaart.

use domain::GemeenteCode;
use domain::contract::Leesfout;
use domain::landelijk::LandelijkBeeld;
use domain::landelijk::venster::Vensterbasis;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A member's own gemeente and its choice whether it is named in cohorts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eigenkeuze {
    /// The gemeente.
    pub gemeente: GemeenteCode,
    /// Its name.
    pub naam: String,
    /// Named in cohorts.
    pub genoemd: bool,
    /// The version of the choice, for `If-Match`.
    pub versie: i64,
    /// The session's CSRF token, to save the choice through the API.
    pub csrf: String,
}

/// What the landelijk page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Landelijkepagina {
    /// The beeld as this reader may see it.
    pub beeld: LandelijkBeeld,
    /// The names of the gemeenten named in it.
    pub namen: Vec<(GemeenteCode, String)>,
    /// For a member: its own gemeente's choice.
    pub eigen: Option<Eigenkeuze>,
}

/// The landelijk beeld with `drempel` for the current session, or why not (the status is
/// set to match).
///
/// # Errors
/// When the storage port is missing or fails in a way not covered by [`Leesfout`].
#[server(prefix = "/fn", endpoint = "landelijk")]
pub async fn landelijk_ophalen(
    drempel: usize,
) -> Result<Result<Landelijkepagina, Leesfout>, ServerFnError> {
    use std::collections::HashSet;
    let landelijk = super::opslag::poort::<dyn domain::ports::Landelijk>()?;
    let recht = super::opslag::actor().and_then(|actor| {
        domain::toegang::recht::LandelijkLeesrecht::voor(&actor).map_err(Leesfout::from)
    });
    let beeld = match async { landelijk.kansrijke_momenten(&recht?, drempel).await }.await {
        Ok(beeld) => beeld,
        Err(fout) => {
            super::opslag::zet_status(&fout);
            return Ok(Err(fout));
        }
    };
    let lid = super::opslag::sessie().and_then(|a| Some((a.gemeente?, a.csrf)));
    let mut genoemd: HashSet<&GemeenteCode> = beeld
        .componenten
        .iter()
        .flat_map(|r| &r.kwartalen)
        .filter_map(|c| c.cohort.as_ref())
        .flat_map(|c| c.genoemd.iter().map(|l| &l.gemeente))
        .collect();
    if let Some((g, _)) = &lid {
        genoemd.insert(g);
    }
    let gemeenten = super::opslag::publiek()?
        .gemeenten()
        .await
        .map_err(super::opslag::fout)?;
    let namen: Vec<(GemeenteCode, String)> = gemeenten
        .into_iter()
        .filter(|g| genoemd.contains(&g.code))
        .map(|g| (g.code, g.naam))
        .collect();
    let eigen = match lid {
        Some((gemeente, csrf)) => {
            let recht = match super::opslag::leesrecht(&gemeente) {
                Ok(recht) => recht,
                Err(fout) => return Ok(Err(fout)),
            };
            let (keuze, versie) = match landelijk.zichtbaarheid(&recht).await {
                Ok(k) => k,
                Err(fout) => return Ok(Err(fout)),
            };
            let naam = namen
                .iter()
                .find(|(c, _)| *c == gemeente)
                .map_or_else(|| gemeente.to_string(), |(_, n)| n.clone());
            Some(Eigenkeuze {
                gemeente,
                naam,
                genoemd: keuze,
                versie,
                csrf,
            })
        }
        None => None,
    };
    Ok(Ok(Landelijkepagina {
        beeld,
        namen,
        eigen,
    }))
}

/// For regie, the applicaties whose overstap follows the Routekaart; `None` for anyone
/// else (they hold every gemeente's contracts).
///
/// # Errors
/// When storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "contractvensters")]
pub async fn contractvensters_ophalen() -> Result<Option<Vensterbasis>, ServerFnError> {
    let actor = super::opslag::actor().map_err(|fout| ServerFnError::new(fout.to_string()))?;
    let Ok(recht) = domain::toegang::recht::AlleGemeentenLeesrecht::voor(&actor) else {
        return Ok(None);
    };
    let landelijk = super::opslag::poort::<dyn domain::ports::Landelijk>()?;
    landelijk
        .contractvensters(&recht)
        .await
        .map(Some)
        .map_err(|fout| ServerFnError::new(fout.to_string()))
}
