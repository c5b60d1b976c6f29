//! A gemeente member adds or changes one applicatie of its landscape: the fields checked
//! by the domain's rules (`Applicatiegegevens::toets`, the referentiecomponenten found by
//! Object ID or name), a new one given a free id from its name, then stored with its
//! audit record.

use domain::catalogus::Referentiezoeker;
use domain::landschap::gegevens::Applicatiegegevens;
use domain::toegang::recht::GemeenteSchrijfrecht;
use domain::{Applicatie, ApplicatieId};

use super::Taakfout;
use crate::db::{Db, DbFout};

/// Adds the applicatie `gegevens` describe to the landscape of the gemeente of `recht`:
/// under the id they name, else under a free id made from its name. Returns it and its
/// version.
///
/// # Errors
/// Every field that breaks a rule, a taken id, or storage; nothing is stored then.
pub async fn maak(
    db: &Db,
    recht: &GemeenteSchrijfrecht,
    gegevens: Applicatiegegevens,
) -> Result<(Applicatie, i64), Taakfout> {
    bewaar(db, recht, gegevens, None, None).await
}

/// Changes applicatie `id`, which must exist, read at version `verwacht` (which a change
/// requires). Returns it and its new version.
///
/// # Errors
/// No such applicatie, a missing or stale version, every field that breaks a rule, or
/// storage; nothing is stored then.
pub async fn wijzig(
    db: &Db,
    recht: &GemeenteSchrijfrecht,
    id: ApplicatieId,
    gegevens: Applicatiegegevens,
    verwacht: Option<i64>,
) -> Result<(Applicatie, i64), Taakfout> {
    if db.applicatieversie(recht, &id).await?.is_none() {
        return Err(geen_applicatie(recht, &id));
    }
    let verwacht = verwacht.ok_or(DbFout::VersieVereist)?;
    bewaar(db, recht, gegevens, Some(id), Some(verwacht)).await
}

/// Checks `gegevens` for the gemeente of `recht` and stores the applicatie: as `id` (a
/// change at exactly version `verwacht`), else under the id the fields name, else under a
/// free id made from its name (new).
async fn bewaar(
    db: &Db,
    recht: &GemeenteSchrijfrecht,
    gegevens: Applicatiegegevens,
    id: Option<ApplicatieId>,
    verwacht: Option<i64>,
) -> Result<(Applicatie, i64), Taakfout> {
    let zoeker: Referentiezoeker = db.referentiezoeker().await?;
    let id = match id.or_else(|| gegevens.id.clone()) {
        Some(id) => id,
        None => {
            let bezet = db.applicatie_ids(recht).await?;
            ApplicatieId::vrij(&gegevens.naam, |kandidaat| {
                bezet.iter().any(|b| b == kandidaat)
            })
        }
    };
    let applicatie = gegevens
        .toets(recht.gemeente(), id, &zoeker)
        .map_err(|fouten| {
            Taakfout::Velden(fouten.into_iter().map(|f| (f.veld, f.reden)).collect())
        })?;
    let versie = db.zet_applicatie(recht, &applicatie, verwacht).await?;
    Ok((applicatie, versie))
}

/// Deletes applicatie `id` of the gemeente of `recht`.
///
/// # Errors
/// No such applicatie, or storage.
pub async fn verwijder(
    db: &Db,
    recht: &GemeenteSchrijfrecht,
    id: &ApplicatieId,
) -> Result<(), Taakfout> {
    // An applicatie aan te vullen goes the same way (the grid's "Weglaten").
    if db.verwijder_applicatie(recht, id).await? || db.verwijder_aan_te_vullen(recht, id).await? {
        Ok(())
    } else {
        Err(geen_applicatie(recht, id))
    }
}

/// The gemeente of `recht` has no applicatie `id`.
fn geen_applicatie(recht: &GemeenteSchrijfrecht, id: &ApplicatieId) -> Taakfout {
    Taakfout::NietGevonden(format!("{} heeft geen applicatie '{id}'", recht.gemeente()))
}
