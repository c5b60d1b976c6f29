//! A gemeente member sets what the gemeente can spend on the transition: fte per quarter
//! and budget per year, both 0 or more (`Capaciteit::toets`). Once set, a change names the
//! version it was read at.

use domain::Capaciteit;
use domain::toegang::recht::GemeenteSchrijfrecht;

use super::Taakfout;
use crate::db::Db;

/// Checks `capaciteit` and stores it for the gemeente of `recht`; returns the new version.
///
/// # Errors
/// Each field below 0, a missing or stale version for an existing one, or storage;
/// nothing is stored then.
pub async fn zet(
    db: &Db,
    recht: &GemeenteSchrijfrecht,
    capaciteit: Capaciteit,
    verwacht: Option<i64>,
) -> Result<(Capaciteit, i64), Taakfout> {
    let capaciteit = capaciteit.toets().map_err(|fouten| {
        Taakfout::Velden(
            fouten
                .into_iter()
                .map(|f| (f.veld().into(), "moet 0 of meer zijn".into()))
                .collect(),
        )
    })?;
    let versie = db.zet_capaciteit(recht, capaciteit, verwacht).await?;
    Ok((capaciteit, versie))
}
