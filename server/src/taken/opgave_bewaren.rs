//! Regie adds or changes an opgave of the published Routekaart. The opgave goes on the
//! Routekaart as read inside storage's locked transaction and the whole is checked
//! (`domain::tijdlijn::zet_opgave`), so two edits at once are checked one after the other.

use domain::Opgave;
use domain::toegang::recht::PubliekSchrijfrecht;

use super::Taakfout;
use crate::db::{Db, DbFout};

/// Adds `opgave` (`verwacht` none; its id must be free) or changes it at exactly version
/// `verwacht` (it must exist). Returns the new version.
///
/// # Errors
/// A taken id or a missing opgave, a stale version, a Routekaart that would no longer
/// hold (named), or storage; nothing is stored then.
pub async fn bewaar(
    db: &Db,
    recht: &PubliekSchrijfrecht,
    opgave: &Opgave,
    verwacht: Option<i64>,
) -> Result<i64, Taakfout> {
    // A taken id is named before the Routekaart is checked; storage refuses a stale
    // version or a change to a missing opgave itself.
    if verwacht.is_none() && db.opgaveversie(&opgave.id).await?.is_some() {
        return Err(DbFout::Bestaat(format!("er is al een opgave '{}'", opgave.id)).into());
    }
    db.zet_opgave(recht, opgave, verwacht)
        .await?
        .map_err(Taakfout::Routekaart)
}
