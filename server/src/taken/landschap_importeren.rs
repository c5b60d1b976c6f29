//! A gemeente member imports its landscape from a file (CSV or XLSX): every row read and
//! checked off the async workers while the import holds a place of [`Importwerk`], then
//! stored all or nothing (replacing the landscape, or adding to it with free ids).

use std::collections::HashSet;

use domain::contract::Landschapimport;
use domain::toegang::recht::GemeenteSchrijfrecht;

use super::Taakfout;
use super::importwerk::Importwerk;
use crate::db::Db;
use crate::import::landschap;

/// Reads, checks and stores a landscape file for the holder of `recht`; `vervangen`
/// replaces the whole landscape, else the rows are added (an id already taken gets the
/// next free one).
///
/// # Errors
/// An unreadable file or bad rows (every row named), a file past a limit, no free place
/// to read it, or storage.
pub async fn importeer(
    db: &Db,
    importwerk: &Importwerk,
    recht: &GemeenteSchrijfrecht,
    bytes: bytes::Bytes,
    vervangen: bool,
) -> Result<Landschapimport, Taakfout> {
    let plaats = importwerk.plaats()?;
    let bezet: HashSet<String> = if vervangen {
        HashSet::new()
    } else {
        db.applicatie_ids(recht).await?.into_iter().collect()
    };
    let zoeker = db.referentiezoeker().await?;
    let gemeente = recht.gemeente().clone();
    let applicaties = Importwerk::doe(&plaats, move || {
        let rijen = landschap::lees(&bytes)?;
        landschap::controleer(rijen, &gemeente, &bezet, &zoeker)
    })
    .await?;
    let verslag = db
        .importeer_applicaties(recht, &applicaties, vervangen)
        .await?;
    drop(plaats);
    Ok(verslag)
}
