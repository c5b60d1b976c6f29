//! Regie adds or changes a component of the Componentencatalogus: checked as a whole
//! (`Component::toets`: what it names must exist, its own rules must hold), then stored
//! with its audit record.

use domain::Component;
use domain::toegang::recht::PubliekSchrijfrecht;

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
