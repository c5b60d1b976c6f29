//! Regie adds or changes a component of the Componentencatalogus: checked as a whole
//! (`Component::toets`: what it names must exist, its own rules must hold), then stored
//! with its audit record.

use domain::toegang::recht::PubliekSchrijfrecht;
use domain::{Component, ComponentId};

use super::Taakfout;
use crate::db::Db;

/// Checks `component` against what the catalogue holds now and stores it: a new one
/// (`verwacht` none) or a change at exactly version `verwacht`. Returns the new version.
///
/// # Errors
/// Every field that names something unknown or breaks a rule, a stale version, or
/// storage; nothing is stored then.
pub async fn bewaar(
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
        Err(Taakfout::NietGevonden(format!(
            "er is geen component '{id}'"
        )))
    }
}
