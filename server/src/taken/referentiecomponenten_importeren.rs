//! Regie imports the GEMMA referentiecomponenten from an ArchiMate exchange file (AMEFF):
//! a known Object ID is updated in place, all or nothing.

use domain::contract::Importrapport;
use domain::toegang::recht::PubliekSchrijfrecht;

use super::Taakfout;
use super::importwerk::Importwerk;
use crate::db::Db;
use crate::import::ameff;

/// Reads the file off the async workers and stores what it holds.
///
/// # Errors
/// An unreadable file, a file past a limit, no free place to read it, or storage.
pub async fn importeer(
    db: &Db,
    importwerk: &Importwerk,
    recht: &PubliekSchrijfrecht,
    bytes: bytes::Bytes,
) -> Result<Importrapport, Taakfout> {
    let plaats = importwerk.plaats().await?;
    let inhoud = Importwerk::doe(&plaats, move || ameff::lees(&bytes)).await?;
    Ok(db
        .importeer_referentiecomponenten(recht, &inhoud.referentiecomponenten, inhoud.overgeslagen)
        .await?)
}
