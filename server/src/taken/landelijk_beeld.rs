//! The landelijk beeld: every gemeente's overstapplan added up (`domain::landelijk`), as a
//! reader may see it, and the applicaties whose overstap follows the Routekaart for
//! regie's national what-if.
//!
//! Reading 342 landscapes of 300 applicaties takes most of a second through sqlx, adding
//! them up about 60 ms: far more than an answer may take. So each server keeps the
//! result, but only under the *gegevensversie* it read: a counter in the database that
//! every write the beeld rests on raises in its own transaction. Every request reads the
//! counter first, so a change made through any instance is in the next answer of every
//! instance. To recompute quickly after a write, a server also keeps the landscapes it
//! read and reloads only those written since. What a server keeps is derived data it can
//! always read again, never state another instance needs. One computation runs at a time
//! per server; requests that arrive meanwhile wait for it and share its result.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use domain::landelijk::venster::Vensterbasis;
use domain::landelijk::{LandelijkBeeld, Landelijketelling};
use domain::toegang::recht::{AlleGemeentenLeesrecht, LandelijkLeesrecht};
use domain::{Applicatie, Component, GemeenteCode, Opgave, Overstapcontext, overstapplan};

use super::Taakfout;
use crate::db::Db;

/// How many computations (per version and peildatum) a server keeps.
const BEWAREN: usize = 4;

/// Everything added up on one version of the data and one peildatum.
#[derive(Debug)]
struct Berekening {
    /// The gegevensversie it was computed at (or later).
    versie: i64,
    /// "Today" of every plan.
    peildatum: NaiveDate,
    /// The plans added up.
    telling: Landelijketelling,
    /// The applicaties whose overstap follows the Routekaart, for the national what-if.
    vensters: Vensterbasis,
}

/// The landscapes a server holds, current to at least gegevensversie `versie`.
#[derive(Debug)]
struct Geladen {
    versie: i64,
    landschappen: BTreeMap<GemeenteCode, Arc<Vec<Applicatie>>>,
}

/// What a server keeps: the computations (newest last, at most [`BEWAREN`]) and the
/// landscapes they were made from. The lock on the landscapes is also the turn to
/// compute: one computation at a time per server, held until its result is kept, so a
/// request that waited for it finds the result instead of computing it again (single
/// flight), and many peildatums asked at once queue instead of taking every core.
/// Cloning shares it.
#[derive(Debug, Default, Clone)]
pub struct Berekeningen(Arc<Bewaard>);

#[derive(Debug, Default)]
struct Bewaard {
    berekeningen: Mutex<Vec<Arc<Berekening>>>,
    geladen: tokio::sync::Mutex<Option<Geladen>>,
    berekend: AtomicU64,
}

impl Berekeningen {
    fn zoek(&self, versie: i64, peildatum: NaiveDate) -> Option<Arc<Berekening>> {
        let bewaard = self
            .0
            .berekeningen
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        bewaard
            .iter()
            .find(|b| b.versie == versie && b.peildatum == peildatum)
            .cloned()
    }

    fn bewaar(&self, berekening: Arc<Berekening>) {
        let mut bewaard = self
            .0
            .berekeningen
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // An older version is never asked for again: the counter only rises.
        bewaard.retain(|b| b.versie >= berekening.versie);
        if bewaard.len() >= BEWAREN {
            bewaard.remove(0);
        }
        bewaard.push(berekening);
    }
}

/// The landelijk beeld on `peildatum` with `drempel`, as the holder of `recht` may see it:
/// in cohorts only the gemeenten that chose to be named, and the reader's own.
///
/// # Errors
/// Storage, or a computation that stopped.
pub async fn beeld(
    db: &Db,
    berekeningen: &Berekeningen,
    recht: &LandelijkLeesrecht,
    peildatum: NaiveDate,
    drempel: usize,
) -> Result<LandelijkBeeld, Taakfout> {
    let berekening = berekening(db, berekeningen, recht, peildatum).await?;
    let genoemd = db.genoemd_in_cohorten().await?;
    let eigen = recht.eigen_gemeente();
    Ok(berekening
        .telling
        .beeld(drempel, |g| genoemd.contains(g) || eigen == Some(g)))
}

/// The applicaties whose overstap follows the Routekaart, with every gemeente's contracts
/// (regie's national what-if).
///
/// # Errors
/// Storage, or a computation that stopped.
pub async fn contractvensters(
    db: &Db,
    berekeningen: &Berekeningen,
    recht: &AlleGemeentenLeesrecht,
    peildatum: NaiveDate,
) -> Result<Vensterbasis, Taakfout> {
    let lezer = recht.als_landelijke_lezer();
    Ok(berekening(db, berekeningen, &lezer, peildatum)
        .await?
        .vensters
        .clone())
}

/// Adds up every gemeente's overstapplan on `peildatum`.
fn bereken(
    versie: i64,
    peildatum: NaiveDate,
    componenten: &[Component],
    routekaart: &[Opgave],
    landschappen: &[(GemeenteCode, Arc<Vec<Applicatie>>)],
) -> Berekening {
    let context = Overstapcontext::new(peildatum, componenten, routekaart);
    let mut telling = Landelijketelling::new(peildatum);
    let mut vensters = Vensterbasis::new(peildatum);
    for (gemeente, applicaties) in landschappen {
        // Capaciteit changes no outcome counted here, only the plan's load check.
        let plan = overstapplan(&context, gemeente, applicaties, None);
        telling.tel(&context, &plan, applicaties);
        vensters.voeg_toe(&context, &plan, applicaties);
    }
    Berekening {
        versie,
        peildatum,
        telling,
        vensters,
    }
}

/// Every gemeente's plan on `peildatum` added up, on the current data: kept from an
/// earlier request when the data has not changed since.
async fn berekening(
    db: &Db,
    berekeningen: &Berekeningen,
    recht: &LandelijkLeesrecht,
    peildatum: NaiveDate,
) -> Result<Arc<Berekening>, Taakfout> {
    let versie = db.gegevensversie().await?;
    if let Some(berekening) = berekeningen.zoek(versie, peildatum) {
        return Ok(berekening);
    }
    let mut geladen = berekeningen.0.geladen.lock().await;
    // Another request may have computed it, or the data changed, while this one waited.
    let versie = db.gegevensversie().await?;
    if let Some(berekening) = berekeningen.zoek(versie, peildatum) {
        return Ok(berekening);
    }
    // Read after the version: the data is at least as new as the version it is kept
    // under, so an answer is never older than the version a request read.
    let begin = std::time::Instant::now();
    let landschappen = werk_landschappen_bij(db, recht, &mut geladen, versie).await?;
    let componenten = db.componenten().await?;
    let routekaart = db.alle_opgaven().await?;
    let geladen_in = begin.elapsed();
    let berekening = tokio::task::spawn_blocking(move || {
        bereken(versie, peildatum, &componenten, &routekaart, &landschappen)
    })
    .await
    .map_err(|_| Taakfout::Afgebroken)?;
    tracing::info!(
        versie,
        %peildatum,
        laden_ms = geladen_in.as_millis(),
        totaal_ms = begin.elapsed().as_millis(),
        "landelijk beeld berekend"
    );
    let berekening = Arc::new(berekening);
    berekeningen.bewaar(Arc::clone(&berekening));
    berekeningen.0.berekend.fetch_add(1, Ordering::Relaxed);
    // Only now is the turn given up: whoever waited finds the result kept.
    drop(geladen);
    Ok(berekening)
}

/// Brings the held landscapes up to gegevensversie `versie`: all of them the first time,
/// afterwards only those written since.
async fn werk_landschappen_bij(
    db: &Db,
    recht: &LandelijkLeesrecht,
    geladen: &mut Option<Geladen>,
    versie: i64,
) -> Result<Vec<(GemeenteCode, Arc<Vec<Applicatie>>)>, Taakfout> {
    match geladen {
        None => {
            let landschappen = db
                .landschappen_om_op_te_tellen(recht)
                .await?
                .into_iter()
                .map(|(g, apps)| (g, Arc::new(apps)))
                .collect();
            *geladen = Some(Geladen {
                versie,
                landschappen,
            });
        }
        Some(bekend) => {
            for (gemeente, apps) in db.landschappen_gewijzigd_na(recht, bekend.versie).await? {
                if apps.is_empty() {
                    bekend.landschappen.remove(&gemeente);
                } else {
                    bekend.landschappen.insert(gemeente, Arc::new(apps));
                }
            }
            bekend.versie = versie;
        }
    }
    Ok(geladen
        .as_ref()
        .map(|g| {
            g.landschappen
                .iter()
                .map(|(code, apps)| (code.clone(), Arc::clone(apps)))
                .collect()
        })
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::toegang::Actor;

    #[tokio::test]
    async fn requests_at_once_for_one_peildatum_share_one_computation_and_the_cache_stays_small() {
        let map = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", map.path().join("landelijk.db").display());
        let db = Db::connect(&url).await.expect("db");
        let berekeningen = Berekeningen::default();
        let recht = LandelijkLeesrecht::voor(&Actor::Regie {
            naam: "regie".into(),
        })
        .expect("regie reads the beeld");
        let peildatum = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let vragen: Vec<_> = (0..8)
            .map(|_| {
                let (db, berekeningen, recht) = (db.clone(), berekeningen.clone(), recht.clone());
                tokio::spawn(async move {
                    berekening(&db, &berekeningen, &recht, peildatum)
                        .await
                        .map(|_| ())
                })
            })
            .collect();
        for vraag in vragen {
            vraag.await.expect("joins").expect("computes");
        }
        let berekend = || berekeningen.0.berekend.load(Ordering::Relaxed);
        assert_eq!(berekend(), 1, "eight requests, one computation");
        for dag in 1..=10 {
            let peildatum = NaiveDate::from_ymd_opt(2027, 1, dag).expect("date");
            berekening(&db, &berekeningen, &recht, peildatum)
                .await
                .expect("computes");
        }
        assert_eq!(berekend(), 11);
        let bewaard = berekeningen
            .0
            .berekeningen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        assert_eq!(bewaard, BEWAREN, "the cache keeps at most {BEWAREN}");
    }
}
