//! A gemeente member asks to join an opgave as coalitiepartner or eerste gebruiker (one
//! open request per gemeente and opgave); regie accepts, which makes the gemeente a
//! deelnemer of the published Routekaart, or declines. Members see their own gemeente's
//! requests, regie all of them.

use domain::contract::{Besluit, Opgaveaanmelding};
use domain::toegang::Actor;
use domain::toegang::recht::{GemeenteSchrijfrecht, PubliekSchrijfrecht};
use domain::{OpgaveId, Rol};

use super::Taakfout;
use crate::db::Db;

/// `id` as the id of an opgave on the Routekaart.
async fn bestaande_opgave(db: &Db, id: &str) -> Result<OpgaveId, Taakfout> {
    let id = OpgaveId::parse(id).map_err(|e| Taakfout::Ongeldig("id", e.to_string()))?;
    match db.opgaveversie(&id).await? {
        Some(_) => Ok(id),
        None => Err(super::opgave_bewaren::geen_opgave(&id)),
    }
}

/// The requests to join opgave `id` that `actor` may see, oldest first.
///
/// # Errors
/// An anonymous actor, no such opgave, or storage.
pub async fn aanmeldingen(
    db: &Db,
    actor: &Actor,
    id: &str,
) -> Result<Vec<Opgaveaanmelding>, Taakfout> {
    let gemeente = match actor {
        Actor::Anoniem => return Err(domain::toegang::Weigering::NietIngelogd.into()),
        Actor::Lid { gemeente, .. } => Some(gemeente),
        Actor::Regie { .. } => None,
    };
    let opgave = bestaande_opgave(db, id).await?;
    Ok(db.aanmeldingen(&opgave, gemeente).await?)
}

/// The gemeente of `recht` asks to join opgave `id` as `rol`.
///
/// # Errors
/// No such opgave, an open request already there, or storage.
pub async fn meld_aan(
    db: &Db,
    recht: &GemeenteSchrijfrecht,
    id: &str,
    rol: Rol,
) -> Result<Opgaveaanmelding, Taakfout> {
    let opgave = bestaande_opgave(db, id).await?;
    Ok(db.meld_aan(recht, &opgave, rol).await?)
}

/// Regie's decision on the open request `id`.
///
/// # Errors
/// No such request, one decided before, or storage.
pub async fn besluit(
    db: &Db,
    recht: &PubliekSchrijfrecht,
    id: &str,
    besluit: Besluit,
) -> Result<Opgaveaanmelding, Taakfout> {
    db.besluit_aanmelding(recht, id, matches!(besluit, Besluit::Accepteren))
        .await?
        .ok_or_else(|| Taakfout::NietGevonden(format!("er is geen aanmelding '{id}'")))
}
