//! The demo data the project ships, loaded once, on first start, unless
//! `GRONDPLAN_DEMO=0`: the Routekaart of the VNG letter with illustrative dates
//! ([`routekaart`]); illustrative components mapped to real GEMMA referentiecomponenten
//! ([`catalogus`]); seeded landscapes (`grondplan demo`, [`landschap`] and
//! [`vul_landschappen`]).

pub mod catalogus;
pub mod landschap;

mod routekaart;

use domain::GemeenteCode;

pub use routekaart::{BRON, routekaart, uitgebreid};

/// Replaces the landscapes of the first `aantal` gemeenten (by CBS code) with generated
/// ones; returns how many were filled. The operator acts as a member of each gemeente,
/// so every landscape passes the same right and audit trail as a user's import.
///
/// # Errors
/// When the database fails or a gemeente code is refused; gemeenten filled before stay
/// filled (each is one transaction).
pub async fn vul_landschappen(
    db: &crate::Db,
    opdracht: landschap::Opdracht,
    aantal: usize,
) -> anyhow::Result<usize> {
    use crate::toegang::recht::GemeenteSchrijfrecht;
    use domain::toegang::Actor;
    let referentie = db.referentiecomponenten().await?;
    anyhow::ensure!(
        !referentie.is_empty(),
        "er zijn geen referentiecomponenten: start met de gegevensmap (GRONDPLAN_DATA)"
    );
    let gemeenten = db.alle_gemeenten().await?;
    let mut codes: Vec<&GemeenteCode> = gemeenten.iter().map(|g| &g.code).collect();
    codes.sort();
    for code in codes.iter().take(aantal) {
        let actor = Actor::Lid {
            naam: "grondplan demo".into(),
            gemeente: (*code).clone(),
            recht: domain::toegang::Lidrecht::Bewerken,
        };
        let recht = GemeenteSchrijfrecht::voor(&actor, code)?;
        let apps = landschap::landschap(opdracht, code, &referentie);
        db.importeer_applicaties(&recht, &apps, &[], true, None)
            .await?;
    }
    Ok(codes.len().min(aantal))
}
