//! A gemeente's landscape with what its overstapplan needs, for its members and regie.

use domain::contract::{Leesfout, Planbasis};
use domain::werklijst::{SamenOverstappen, Werklijst};
use leptos::prelude::*;

/// The plan basis of `gemeente` for the current session, or why not (the status is set
/// to 401/403/503 to match). The GEMMA names (36 KB of the page's data) come along only
/// with `met_gemma_namen`: the landscape page names functions, the plan pages do not.
///
/// # Errors
/// When the code is malformed or the storage port is missing.
#[server(prefix = "/fn", endpoint = "landschap")]
pub async fn planbasis_ophalen(
    gemeente: String,
    met_gemma_namen: bool,
) -> Result<Result<Planbasis, Leesfout>, ServerFnError> {
    let code = super::opslag::gemeentecode(&gemeente)?;
    let landschappen = super::opslag::poort::<dyn domain::ports::Landschappen>()?;
    let recht = match super::opslag::leesrecht(&code) {
        Ok(recht) => recht,
        Err(fout) => return Ok(Err(fout)),
    };
    let uitkomst = landschappen.planbasis(&recht).await;
    if let Err(fout) = &uitkomst {
        super::opslag::zet_status(fout);
    }
    Ok(uitkomst.map(|basis| {
        if met_gemma_namen {
            basis
        } else {
            zonder_gemma_namen(basis)
        }
    }))
}

/// What a gemeente's start page shows, made on the server from the plan basis and the
/// landelijk beeld: its work list and the kansrijke momenten it is in. The page carries
/// this (a few KB) for hydration instead of what it is made from (about 150 KB for 300
/// applicaties), so it is smaller and comes to life without working out the plan again.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Startbeeld {
    /// Whose start page: the gemeente by name and code.
    pub gemeente: domain::Gemeente,
    /// Whether the session may change this landscape (a member, not regie).
    pub mag_schrijven: bool,
    /// What to do, most urgent first.
    pub lijst: Werklijst,
    /// The kansrijke momenten its own plan is in: `None` when the reader may not see the
    /// landelijk beeld, an error when it could not be read (the rest of the page stands).
    pub samen: Result<Option<Vec<SamenOverstappen>>, ServerFnError>,
}

/// The start page of `gemeente` for the current session, or why not (the status is set
/// as by [`planbasis_ophalen`]).
///
/// # Errors
/// When the code is malformed or the storage port is missing.
#[server(prefix = "/fn", endpoint = "start")]
pub async fn startbeeld_ophalen(
    gemeente: String,
) -> Result<Result<Startbeeld, Leesfout>, ServerFnError> {
    let basis = match planbasis_ophalen(gemeente, false).await? {
        Ok(basis) => basis,
        Err(fout) => return Ok(Err(fout)),
    };
    let b = &basis.basis;
    let code = &basis.gemeente.code;
    let context = domain::Overstapcontext::new(basis.peildatum, &b.componenten, &b.routekaart);
    let plan = domain::overstapplan(&context, code, &b.applicaties, b.capaciteit);
    let lijst = domain::werklijst::werklijst(code, &plan, &b.routekaart, &b.componenten);
    Ok(Ok(Startbeeld {
        samen: samen_overstappen(&plan).await,
        lijst,
        mag_schrijven: basis.mag_schrijven,
        gemeente: basis.gemeente,
    }))
}

/// The kansrijke momenten of the landelijk beeld (standard drempel) that `plan` is in;
/// `None` when the session may not see the landelijk beeld.
#[cfg(feature = "ssr")]
async fn samen_overstappen(
    plan: &domain::Overstapplan,
) -> Result<Option<Vec<SamenOverstappen>>, ServerFnError> {
    let landelijk = super::opslag::poort::<dyn domain::ports::Landelijk>()?;
    let Ok(recht) = super::opslag::actor().and_then(|actor| {
        domain::toegang::recht::LandelijkLeesrecht::voor(&actor).map_err(Leesfout::from)
    }) else {
        return Ok(None);
    };
    let beeld = landelijk
        .kansrijke_momenten(&recht, domain::landelijk::STANDAARD_DREMPEL)
        .await
        .map_err(|fout| ServerFnError::new(fout.to_string()))?;
    Ok(Some(domain::werklijst::samen_overstappen(
        plan,
        &beeld.componenten,
    )))
}

/// `basis` without the GEMMA referentiecomponenten, for a page that does not name them:
/// less to send and to read while the page comes to life.
#[cfg(feature = "ssr")]
fn zonder_gemma_namen(basis: Planbasis) -> Planbasis {
    Planbasis {
        referentiecomponenten: Vec::new(),
        ..basis
    }
}

/// The logged-in member's own gemeente with its plan basis and the session's CSRF token
/// (to save scenarios through the API).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EigenPlan {
    /// The member's gemeente.
    pub gemeente: domain::GemeenteCode,
    /// Its data.
    pub basis: Planbasis,
    /// The session's CSRF token.
    pub csrf: String,
}

/// Where the what-if on the Routekaart starts for the current session.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum WatAlsBegin {
    /// A member: its own gemeente's plan basis.
    Eigen(Box<EigenPlan>),
    /// Visitors and regie (who belong to no gemeente): the gemeenten to pick one from.
    Kiezen(Vec<domain::Gemeente>),
}

/// For a logged-in member the plan basis of its own gemeente, for anyone else the list of
/// gemeenten: what the what-if on the Routekaart starts from.
///
/// # Errors
/// When storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "wat-als-begin")]
pub async fn wat_als_beginpunt() -> Result<WatAlsBegin, ServerFnError> {
    super::opslag::actor().map_err(|fout| ServerFnError::new(fout.to_string()))?;
    let lid = super::opslag::sessie().and_then(|a| Some((a.gemeente?, a.csrf)));
    let Some((code, csrf)) = lid else {
        let gemeenten = super::opslag::publiek()?
            .gemeenten()
            .await
            .map_err(super::opslag::fout)?;
        return Ok(WatAlsBegin::Kiezen(gemeenten));
    };
    let landschappen = super::opslag::poort::<dyn domain::ports::Landschappen>()?;
    let recht =
        super::opslag::leesrecht(&code).map_err(|fout| ServerFnError::new(fout.to_string()))?;
    match landschappen.planbasis(&recht).await {
        Ok(basis) => Ok(WatAlsBegin::Eigen(Box::new(EigenPlan {
            gemeente: code,
            basis: zonder_gemma_namen(basis),
            csrf,
        }))),
        Err(fout) => Err(ServerFnError::new(fout.to_string())),
    }
}

/// The plan basis and the saved scenarios of `gemeente`, to compare two side by side.
///
/// # Errors
/// When the code is malformed or the storage port is missing.
#[server(prefix = "/fn", endpoint = "scenarios")]
pub async fn scenarios_ophalen(
    gemeente: String,
) -> Result<Result<(Planbasis, Vec<domain::contract::Benoemdscenario>), Leesfout>, ServerFnError> {
    let code = super::opslag::gemeentecode(&gemeente)?;
    let landschappen = super::opslag::poort::<dyn domain::ports::Landschappen>()?;
    let recht = match super::opslag::leesrecht(&code) {
        Ok(recht) => recht,
        Err(fout) => return Ok(Err(fout)),
    };
    let uitkomst = match landschappen.planbasis(&recht).await {
        Ok(basis) => landschappen
            .scenarios(&recht)
            .await
            .map(|lijst| (zonder_gemma_namen(basis), lijst)),
        Err(fout) => Err(fout),
    };
    if let Err(fout) = &uitkomst {
        super::opslag::zet_status(fout);
    }
    Ok(uitkomst)
}

/// What the what-if of `gemeente` can use for the current session: its whole plan basis
/// when the session may read it (its members, regie), else only the public part (the
/// Routekaart and the catalogue, no landscape and no capaciteit), so anyone can see what
/// joining costs in people and money.
///
/// # Errors
/// When the code is malformed or storage fails; the message is safe to show.
#[server(prefix = "/fn", endpoint = "wat-als")]
pub async fn wat_als_basis(gemeente: String) -> Result<Planbasis, ServerFnError> {
    let code = super::opslag::gemeentecode(&gemeente)?;
    let landschappen = super::opslag::poort::<dyn domain::ports::Landschappen>()?;
    let actor = super::opslag::actor().map_err(|fout| ServerFnError::new(fout.to_string()))?;
    let recht = domain::toegang::recht::GemeenteLeesrecht::voor(&actor, &code);
    match async {
        landschappen
            .planbasis(&recht.map_err(Leesfout::from)?)
            .await
    }
    .await
    {
        Ok(basis) => return Ok(zonder_gemma_namen(basis)),
        Err(Leesfout::Opslag) => return Err(ServerFnError::new(Leesfout::Opslag.to_string())),
        Err(Leesfout::NietIngelogd | Leesfout::GeenRecht) => {}
    }
    let publiek = super::opslag::publiek()?;
    let gemeente = publiek
        .gemeente(&code)
        .await
        .map_err(super::opslag::fout)?
        .unwrap_or_else(|| domain::Gemeente::onbekend(code));
    Ok(Planbasis {
        gemeente,
        basis: domain::scenario::Basis {
            routekaart: publiek.opgaven().await.map_err(super::opslag::fout)?,
            componenten: publiek.componenten().await.map_err(super::opslag::fout)?,
            applicaties: Vec::new(),
            capaciteit: None,
        },
        referentiecomponenten: Vec::new(),
        peildatum: super::opslag::vandaag()?,
        mag_schrijven: false,
        aan_te_vullen: Vec::new(),
    })
}
