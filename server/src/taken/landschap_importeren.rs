//! A gemeente member imports its landscape from a file (CSV, XLSX or ArchiMate): every row read and
//! checked off the async workers while the import holds a place of [`Importwerk`], then
//! stored all or nothing (replacing the landscape, or adding to it with free ids). First,
//! as a dry run, it sees what the file would change ([`bekijk`]); the import itself can
//! be tied to the version that preview was made on.

use std::collections::{HashMap, HashSet};

use domain::Applicatie;
use domain::contract::{Gewijzigdeapplicatie, Importvoorbeeld, Landschapimport, Ontbrekend};
use domain::landschap::gegevens::{AanTeVullen, Ingelezen};
use domain::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

use super::Taakfout;
use super::audit_lezen::verschillen;
use super::importwerk::Importwerk;
use crate::db::Db;
use crate::import::landschap;

/// Reads, checks and stores a landscape file for the holder of `recht`; `vervangen`
/// replaces the whole landscape, else the rows are added (an id already taken gets the
/// next free one). With `verwacht`, the version a preview ([`bekijk`]) was made on, the
/// landscape must not have changed since.
///
/// # Errors
/// An unreadable file or bad rows (every row named), a file past a limit, no free place
/// to read it, a landscape changed since the preview, or storage.
pub async fn importeer(
    db: &Db,
    importwerk: &Importwerk,
    recht: &GemeenteSchrijfrecht,
    bytes: bytes::Bytes,
    vervangen: bool,
    verwacht: Option<i64>,
) -> Result<Landschapimport, Taakfout> {
    let leesrecht = GemeenteLeesrecht::voor(recht.actor(), recht.gemeente())?;
    let huidig = Landschap::van(db, &leesrecht).await?;
    let (applicaties, aanvullingen) =
        lees(db, importwerk, recht, bytes, vervangen, &huidig).await?;
    Ok(db
        .importeer_applicaties(recht, &applicaties, &aanvullingen, vervangen, verwacht)
        .await?)
}

/// What importing the file would do, without storing anything: the applicaties added,
/// changed (field by field) and removed, on the landscape's current version.
///
/// # Errors
/// As [`importeer`], but nothing is stored in any case.
pub async fn bekijk(
    db: &Db,
    importwerk: &Importwerk,
    recht: &GemeenteSchrijfrecht,
    bytes: bytes::Bytes,
    vervangen: bool,
) -> Result<Importvoorbeeld, Taakfout> {
    let versie = db.landschapversie(recht.gemeente()).await?;
    let leesrecht = GemeenteLeesrecht::voor(recht.actor(), recht.gemeente())?;
    let huidig = Landschap::van(db, &leesrecht).await?;
    let (nieuw, aanvullingen) = lees(db, importwerk, recht, bytes, vervangen, &huidig).await?;
    Ok(voorbeeld(&huidig, &nieuw, &aanvullingen, vervangen, versie))
}

/// A landscape as an import meets it: its applicaties and those aan te vullen.
struct Landschap {
    applicaties: Vec<Applicatie>,
    aan_te_vullen: Vec<AanTeVullen>,
}

impl Landschap {
    async fn van(db: &Db, recht: &GemeenteLeesrecht) -> Result<Self, Taakfout> {
        Ok(Self {
            applicaties: db.applicaties(recht).await?,
            aan_te_vullen: db.aan_te_vullen(recht).await?,
        })
    }
}

/// The file's rows, read and checked off the async workers while holding a place of
/// [`Importwerk`], as the applicaties ready for the plan and those aan te vullen; a row
/// for an applicatie of `huidig` keeps what the file does not have.
async fn lees(
    db: &Db,
    importwerk: &Importwerk,
    recht: &GemeenteSchrijfrecht,
    bytes: bytes::Bytes,
    vervangen: bool,
    huidig: &Landschap,
) -> Result<(Vec<Applicatie>, Vec<AanTeVullen>), Taakfout> {
    let plaats = importwerk.plaats()?;
    let bezet: HashSet<String> = if vervangen {
        HashSet::new()
    } else {
        db.applicatie_ids(recht).await?.into_iter().collect()
    };
    let zoeker = db.referentiezoeker().await?;
    let gemeente = recht.gemeente().clone();
    let bestaand: landschap::Bestaand = huidig
        .applicaties
        .iter()
        .map(|a| (a.id.to_string(), a.tekstrij()))
        .chain(
            huidig
                .aan_te_vullen
                .iter()
                .map(|a| (a.id.to_string(), a.gegevens.tekstrij())),
        )
        .collect();
    let ingelezen = Importwerk::doe(&plaats, move || {
        let rijen = landschap::lees_met(&bytes, &bestaand)?;
        landschap::controleer(rijen, &gemeente, &bezet, &zoeker)
    })
    .await?;
    let mut applicaties = Vec::with_capacity(ingelezen.len());
    let mut aanvullingen = Vec::new();
    for rij in ingelezen {
        match rij {
            Ingelezen::Volledig(a) => applicaties.push(a),
            Ingelezen::AanTeVullen(a) => aanvullingen.push(a),
        }
    }
    Ok((applicaties, aanvullingen))
}

/// What `nieuw` and `aanvullingen` do to `huidig`: a row with a known id changes that
/// applicatie (the fields compared as the API writes them), another is added (also one
/// that was aan te vullen and is now complete); a row aan te vullen is listed with what
/// it lacks; with `vervangen` the applicaties the file does not hold are removed.
fn voorbeeld(
    huidig: &Landschap,
    nieuw: &[Applicatie],
    aanvullingen: &[AanTeVullen],
    vervangen: bool,
    versie: i64,
) -> Importvoorbeeld {
    let Landschap {
        applicaties: huidig,
        aan_te_vullen: huidig_aan_te_vullen,
    } = huidig;
    let als_json = |a: &Applicatie| serde_json::to_value(a).ok();
    let bestaand: HashMap<&str, &Applicatie> = huidig.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut uitkomst = Importvoorbeeld {
        toegevoegd: Vec::new(),
        gewijzigd: Vec::new(),
        verwijderd: Vec::new(),
        ongewijzigd: 0,
        aan_te_vullen: aanvullingen.iter().map(Ontbrekend::from).collect(),
        versie,
    };
    for app in nieuw {
        match bestaand.get(app.id.as_str()) {
            None => uitkomst.toegevoegd.push(app.naam.clone()),
            Some(vorig) => {
                let velden = verschillen(als_json(vorig).as_ref(), als_json(app).as_ref());
                if velden.is_empty() {
                    uitkomst.ongewijzigd += 1;
                } else {
                    uitkomst.gewijzigd.push(Gewijzigdeapplicatie {
                        naam: app.naam.clone(),
                        velden,
                    });
                }
            }
        }
    }
    if vervangen {
        let blijft: HashSet<&str> = nieuw
            .iter()
            .map(|a| a.id.as_str())
            .chain(aanvullingen.iter().map(|a| a.id.as_str()))
            .collect();
        uitkomst.verwijderd = huidig
            .iter()
            .map(|a| (&a.id, &a.naam))
            .chain(huidig_aan_te_vullen.iter().map(|a| (&a.id, &a.naam)))
            .filter(|(id, _)| !blijft.contains(id.as_str()))
            .map(|(_, naam)| naam.clone())
            .collect();
    }
    uitkomst
}
