//! Regie adds or changes a component of the Componentencatalogus: checked as a whole
//! (`Component::toets`: what it names must exist, its own rules must hold), then stored
//! with its audit record.

use domain::toegang::recht::PubliekSchrijfrecht;
use domain::{Component, ComponentId};

use super::Taakfout;
use crate::db::{Db, DbFout};

/// Adds `component`, whose id must be free, checked against what the catalogue holds
/// now. Returns its version.
///
/// # Errors
/// A taken id, every field that names something unknown or breaks a rule, or storage;
/// nothing is stored then.
pub async fn maak(
    db: &Db,
    recht: &PubliekSchrijfrecht,
    component: &Component,
) -> Result<i64, Taakfout> {
    if db.componentversie(&component.id).await?.is_some() {
        return Err(DbFout::Bestaat(format!("er is al een component '{}'", component.id)).into());
    }
    bewaar(db, recht, component, None).await
}

/// Changes `component`, which must exist, read at version `verwacht` (which a change
/// requires). Returns the new version.
///
/// # Errors
/// No such component, a missing or stale version, every field that names something
/// unknown or breaks a rule, or storage; nothing is stored then.
pub async fn wijzig(
    db: &Db,
    recht: &PubliekSchrijfrecht,
    component: &Component,
    verwacht: Option<i64>,
) -> Result<i64, Taakfout> {
    if db.componentversie(&component.id).await?.is_none() {
        return Err(geen_component(&component.id));
    }
    let verwacht = verwacht.ok_or(DbFout::VersieVereist)?;
    bewaar(db, recht, component, Some(verwacht)).await
}

async fn bewaar(
    db: &Db,
    recht: &PubliekSchrijfrecht,
    component: &Component,
    verwacht: Option<i64>,
) -> Result<i64, Taakfout> {
    let fouten = component.toets(&db.bekende_ids().await?);
    if !fouten.is_empty() {
        return Err(Taakfout::Velden(fouten));
    }
    Ok(db.zet_component(recht, component, verwacht).await?)
}

/// There is no component `id` in the catalogue.
pub fn geen_component(id: &ComponentId) -> Taakfout {
    Taakfout::NietGevonden(format!("er is geen component '{id}'"))
}

/// Deletes component `id` and what refers to it.
///
/// # Errors
/// No such component, or storage.
pub async fn verwijder(
    db: &Db,
    recht: &PubliekSchrijfrecht,
    id: &ComponentId,
) -> Result<(), Taakfout> {
    if db.verwijder_component(recht, id).await? {
        Ok(())
    } else {
        Err(geen_component(id))
    }
}
