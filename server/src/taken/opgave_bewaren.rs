//! Regie adds or changes an opgave of the published Routekaart. The opgave goes on the
//! Routekaart as read inside storage's locked transaction and the whole is checked
//! (`domain::tijdlijn::zet_opgave`), so two edits at once are checked one after the other.

use domain::gemeente::onbekende_gemeente;
use domain::toegang::recht::PubliekSchrijfrecht;
use domain::{GemeenteCode, Opgave, OpgaveId};

use super::Taakfout;
use crate::db::{Db, DbFout};

/// Adds `opgave`, whose id must be free. Returns its version.
///
/// # Errors
/// A taken id, a deelnemer that is no known gemeente, a Routekaart that would no longer hold (named), or storage; nothing is
/// stored then.
pub async fn maak(db: &Db, recht: &PubliekSchrijfrecht, opgave: &Opgave) -> Result<i64, Taakfout> {
    // A taken id is named before the Routekaart is checked.
    if db.opgaveversie(&opgave.id).await?.is_some() {
        return Err(DbFout::Bestaat(format!("er is al een opgave '{}'", opgave.id)).into());
    }
    bewaar(db, recht, opgave, None).await
}

/// Changes `opgave`, which must exist, read at version `verwacht` (which a change
/// requires). Returns the new version.
///
/// # Errors
/// No such opgave, a missing or stale version, a deelnemer that is no known gemeente, a
/// Routekaart that would no longer hold
/// (named), or storage; nothing is stored then.
pub async fn wijzig(
    db: &Db,
    recht: &PubliekSchrijfrecht,
    opgave: &Opgave,
    verwacht: Option<i64>,
) -> Result<i64, Taakfout> {
    if db.opgaveversie(&opgave.id).await?.is_none() {
        return Err(geen_opgave(&opgave.id));
    }
    let verwacht = verwacht.ok_or(DbFout::VersieVereist)?;
    bewaar(db, recht, opgave, Some(verwacht)).await
}

/// There is no opgave `id` on the Routekaart.
pub fn geen_opgave(id: &OpgaveId) -> Taakfout {
    Taakfout::NietGevonden(format!("er is geen opgave met id '{id}'"))
}

async fn bewaar(
    db: &Db,
    recht: &PubliekSchrijfrecht,
    opgave: &Opgave,
    verwacht: Option<i64>,
) -> Result<i64, Taakfout> {
    if !opgave.deelnemers.is_empty() {
        let bekend: std::collections::HashSet<GemeenteCode> = db
            .alle_gemeenten()
            .await?
            .into_iter()
            .map(|g| g.code)
            .collect();
        let fouten: Vec<(String, String)> = opgave
            .deelnemers
            .iter()
            .enumerate()
            .filter(|(_, d)| !bekend.contains(&d.gemeente))
            .map(|(i, d)| {
                (
                    format!("deelnemers[{i}].gemeente"),
                    onbekende_gemeente(d.gemeente.as_str()),
                )
            })
            .collect();
        if !fouten.is_empty() {
            return Err(Taakfout::Velden(fouten));
        }
    }
    db.zet_opgave(recht, opgave, verwacht)
        .await?
        .map_err(Taakfout::Routekaart)
}
