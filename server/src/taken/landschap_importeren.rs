//! A gemeente member imports its landscape from a file (CSV, XLSX, Softwarecatalogus or
//! ArchiMate): every row read and checked off the async workers while the import holds a
//! place of [`Importwerk`] (taken before anything is loaded), then stored all or nothing
//! (replacing the landscape, or adding to it with free ids). First,
//! as a dry run, it sees what the file would change ([`bekijk`]); the import itself can
//! be tied to the version that preview was made on.

use std::collections::{HashMap, HashSet};

use domain::Applicatie;
use domain::contract::{Gewijzigdeapplicatie, Importvoorbeeld, Landschapimport};
use domain::landschap::gegevens::{AanTeVullen, Ingelezen, Ontbrekend};
use domain::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

use super::Taakfout;
use super::audit_lezen::verschillen;
use super::importwerk::{Importplaats, Importwerk};
use crate::db::Db;
use crate::import::ameff_landschap::Eigenschapnamen;
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
    bestand: Bestand,
    vervangen: bool,
    verwacht: Option<i64>,
) -> Result<Landschapimport, Taakfout> {
    let plaats = importwerk.plaats().await?;
    let (applicaties, aanvullingen) =
        lees(db, &plaats, recht, bestand, vervangen, |_, a, b| (a, b)).await?;
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
    bestand: Bestand,
    vervangen: bool,
) -> Result<Importvoorbeeld, Taakfout> {
    let plaats = importwerk.plaats().await?;
    let versie = db.landschapversie(recht.gemeente()).await?;
    lees(
        db,
        &plaats,
        recht,
        bestand,
        vervangen,
        move |huidig, nieuw, aanvullingen| {
            voorbeeld(&huidig, &nieuw, &aanvullingen, vervangen, versie)
        },
    )
    .await
}

/// A file to import, with the property names of the gemeente's own ArchiMate model.
pub struct Bestand {
    /// The file as sent.
    pub bytes: bytes::Bytes,
    /// Its own names for contract facts (ArchiMate only).
    pub namen: Eigenschapnamen,
}

/// A landscape as an import meets it: its applicaties and those aan te vullen.
struct Landschap {
    applicaties: Vec<Applicatie>,
    aan_te_vullen: Vec<AanTeVullen>,
}

/// Reads and checks the file for an import that holds `plaats`, and hands the landscape
/// as it is, the applicaties ready for the plan and those aan te vullen to `daarna`; all
/// of that off the async workers (a landscape of 50 000 rows is real work). A row for an
/// applicatie the landscape holds keeps what the file does not have.
async fn lees<T: Send + 'static>(
    db: &Db,
    plaats: &Importplaats,
    recht: &GemeenteSchrijfrecht,
    bestand: Bestand,
    vervangen: bool,
    daarna: impl FnOnce(Landschap, Vec<Applicatie>, Vec<AanTeVullen>) -> T + Send + 'static,
) -> Result<T, Taakfout> {
    let leesrecht = GemeenteLeesrecht::voor(recht.actor(), recht.gemeente())?;
    let huidig = Landschap {
        applicaties: db.applicaties(&leesrecht).await?,
        aan_te_vullen: db.aan_te_vullen(&leesrecht).await?,
    };
    let zoeker = db.referentiezoeker().await?;
    let gemeente = recht.gemeente().clone();
    Importwerk::doe(plaats, move || {
        // The ids a row without id must not take: those of the landscape it adds to.
        let bezet: HashSet<String> = if vervangen {
            HashSet::new()
        } else {
            huidig
                .applicaties
                .iter()
                .map(|a| a.id.to_string())
                .chain(huidig.aan_te_vullen.iter().map(|a| a.id.to_string()))
                .collect()
        };
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
        let rijen = landschap::lees_met(&bestand.bytes, &bestaand, &bestand.namen)?;
        let mut applicaties = Vec::with_capacity(rijen.len());
        let mut aanvullingen = Vec::new();
        for rij in landschap::controleer(rijen, &gemeente, &bezet, &zoeker)? {
            match rij {
                Ingelezen::Volledig(a) => applicaties.push(a),
                Ingelezen::AanTeVullen(a) => aanvullingen.push(a),
            }
        }
        Ok(daarna(huidig, applicaties, aanvullingen))
    })
    .await
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
