//! A gemeente member chooses whether the landelijk beeld names the gemeente in its
//! cohorts (DOMAIN.md 6; by default it is counted, not named). Once chosen, a change names
//! the version it was read at. The choice is applied when the beeld is read, so it does
//! not make the beeld be worked out again.

use domain::toegang::recht::GemeenteSchrijfrecht;

use super::Taakfout;
use crate::db::Db;

/// Stores the choice for the gemeente of `recht`; returns the new version.
///
/// # Errors
/// A missing or stale version once chosen, or storage; nothing changes then.
pub async fn kies(
    db: &Db,
    recht: &GemeenteSchrijfrecht,
    genoemd: bool,
    verwacht: Option<i64>,
) -> Result<i64, Taakfout> {
    Ok(db.zet_zichtbaarheid(recht, genoemd, verwacht).await?)
}
