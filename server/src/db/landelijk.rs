//! The landelijk beeld from storage: every gemeente's overstapplan added up
//! (`domain::landelijk`), and each gemeente's choice whether it is named in cohorts.
//!
//! Reading 342 landscapes of 300 applicaties takes most of a second through sqlx, adding
//! them up about 60 ms: far more than an answer may take. So each server keeps the
//! result, but only under the *gegevensversie* it read: a counter in the database that
//! every write the beeld rests on raises in its own transaction ([`super::gegevensversie::na_wijziging`]). Every
//! request reads the counter first, so a change made through any instance is in the next
//! answer of every instance. To recompute quickly after a write, a server also keeps the
//! landscapes it read and reloads only those whose *landschapversie* (the counter at
//! their last write) is newer than what it holds. What a server keeps is derived data it
//! can always read again, never state another instance needs. One computation runs at a
//! time per server; requests that arrive meanwhile wait for it and share its result.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use domain::landelijk::venster::Vensterbasis;
use domain::landelijk::{LandelijkBeeld, Landelijketelling};
use domain::{Applicatie, Component, GemeenteCode, Opgave, Overstapcontext, overstapplan};

use super::audit::{Auditregel, Entiteit};
use super::schrijving::Versiestap;
use super::{Db, DbFout};
use crate::toegang::recht::{
    AlleGemeentenLeesrecht, GemeenteLeesrecht, GemeenteSchrijfrecht, LandelijkLeesrecht,
};

/// How many computations (per version and peildatum) a server keeps.
const BEWAREN: usize = 4;

/// Everything added up on one version of the data and one peildatum.
#[derive(Debug)]
pub struct Berekening {
    /// The gegevensversie it was computed at (or later).
    pub versie: i64,
    /// "Today" of every plan.
    pub peildatum: NaiveDate,
    /// The plans added up.
    pub telling: Landelijketelling,
    /// The applicaties whose overstap follows the Routekaart, for the national what-if.
    pub vensters: Vensterbasis,
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
#[derive(Debug, Default)]
pub struct Berekeningen {
    bewaard: Mutex<Vec<Arc<Berekening>>>,
    geladen: tokio::sync::Mutex<Option<Geladen>>,
    berekend: std::sync::atomic::AtomicU64,
}

impl Berekeningen {
    fn zoek(&self, versie: i64, peildatum: NaiveDate) -> Option<Arc<Berekening>> {
        let bewaard = self.bewaard.lock().unwrap_or_else(PoisonError::into_inner);
        bewaard
            .iter()
            .find(|b| b.versie == versie && b.peildatum == peildatum)
            .cloned()
    }

    fn bewaar(&self, berekening: Arc<Berekening>) {
        let mut bewaard = self.bewaard.lock().unwrap_or_else(PoisonError::into_inner);
        // An older version is never asked for again: the counter only rises.
        bewaard.retain(|b| b.versie >= berekening.versie);
        if bewaard.len() >= BEWAREN {
            bewaard.remove(0);
        }
        bewaard.push(berekening);
    }
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

impl Db {
    /// The current gegevensversie.
    ///
    /// # Errors
    /// A database error.
    pub async fn gegevensversie(&self) -> Result<i64, DbFout> {
        Ok(
            sqlx::query_scalar("SELECT versie FROM gegevensversie WHERE id = 1")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// The landelijk beeld on `peildatum` with `drempel`, as the holder of `recht` may see
    /// it: in cohorts only the gemeenten that chose to be named, and the reader's own.
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn landelijk_beeld(
        &self,
        recht: &LandelijkLeesrecht,
        peildatum: NaiveDate,
        drempel: usize,
    ) -> Result<LandelijkBeeld, DbFout> {
        let berekening = self.landelijke_berekening(peildatum).await?;
        let genoemd = self.genoemd_in_cohorten().await?;
        let eigen = recht.eigen_gemeente();
        Ok(berekening
            .telling
            .beeld(drempel, |g| genoemd.contains(g) || eigen == Some(g)))
    }

    /// The applicaties whose overstap follows the Routekaart, with every gemeente's
    /// contracts (regie's national what-if).
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn contractvensters(
        &self,
        _recht: &AlleGemeentenLeesrecht,
        peildatum: NaiveDate,
    ) -> Result<Vensterbasis, DbFout> {
        Ok(self
            .landelijke_berekening(peildatum)
            .await?
            .vensters
            .clone())
    }

    /// Every gemeente's plan on `peildatum` added up, on the current data: kept from an
    /// earlier request when the data has not changed since.
    async fn landelijke_berekening(&self, peildatum: NaiveDate) -> Result<Arc<Berekening>, DbFout> {
        let versie = self.gegevensversie().await?;
        if let Some(berekening) = self.landelijk.zoek(versie, peildatum) {
            return Ok(berekening);
        }
        let mut geladen = self.landelijk.geladen.lock().await;
        // Another request may have computed it, or the data changed, while this one waited.
        let versie = self.gegevensversie().await?;
        if let Some(berekening) = self.landelijk.zoek(versie, peildatum) {
            return Ok(berekening);
        }
        // Read after the version: the data is at least as new as the version it is kept
        // under, so an answer is never older than the version a request read.
        let begin = std::time::Instant::now();
        let landschappen = self.werk_landschappen_bij(&mut geladen, versie).await?;
        let componenten = self.componenten().await?;
        let routekaart = self.alle_opgaven().await?;
        let geladen_in = begin.elapsed();
        let berekening = tokio::task::spawn_blocking(move || {
            bereken(versie, peildatum, &componenten, &routekaart, &landschappen)
        })
        .await
        .map_err(|fout| DbFout::Afgebroken(fout.to_string()))?;
        tracing::info!(
            versie,
            %peildatum,
            laden_ms = geladen_in.as_millis(),
            totaal_ms = begin.elapsed().as_millis(),
            "landelijk beeld berekend"
        );
        let berekening = Arc::new(berekening);
        self.landelijk.bewaar(Arc::clone(&berekening));
        self.landelijk
            .berekend
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // Only now is the turn given up: whoever waited finds the result kept.
        drop(geladen);
        Ok(berekening)
    }

    /// Brings the held landscapes up to gegevensversie `versie`: all of them the first
    /// time, afterwards only those written since.
    async fn werk_landschappen_bij(
        &self,
        geladen: &mut Option<Geladen>,
        versie: i64,
    ) -> Result<Vec<(GemeenteCode, Arc<Vec<Applicatie>>)>, DbFout> {
        match geladen {
            None => {
                let landschappen = self
                    .alle_landschappen()
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
                let gewijzigd: Vec<String> = sqlx::query_scalar(
                    "SELECT gemeente_code FROM landschapversies WHERE versie > $1",
                )
                .bind(bekend.versie)
                .fetch_all(&self.pool)
                .await?;
                for code in gewijzigd {
                    let gemeente = GemeenteCode::parse(&code)
                        .map_err(|e| super::ongeldig("landschapversies")(&e))?;
                    let apps: Vec<Applicatie> = self
                        .landschap(&gemeente)
                        .await?
                        .into_iter()
                        .map(|(a, _)| a)
                        .collect();
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

    /// The gemeenten that chose to be named in cohorts.
    async fn genoemd_in_cohorten(&self) -> Result<HashSet<GemeenteCode>, DbFout> {
        let codes: Vec<String> = sqlx::query_scalar(
            "SELECT gemeente_code FROM zichtbaarheid WHERE genoemd_in_cohorten = 1",
        )
        .fetch_all(&self.pool)
        .await?;
        codes
            .iter()
            .map(|c| GemeenteCode::parse(c).map_err(|e| super::ongeldig("zichtbaarheid")(&e)))
            .collect()
    }

    /// Whether the gemeente the right is for is named in cohorts, with the version (0:
    /// never chosen, so not named).
    ///
    /// # Errors
    /// A database error.
    pub async fn zichtbaarheid(&self, recht: &GemeenteLeesrecht) -> Result<(bool, i64), DbFout> {
        let rij: Option<(i64, i64)> = sqlx::query_as(
            "SELECT genoemd_in_cohorten, versie FROM zichtbaarheid WHERE gemeente_code = $1",
        )
        .bind(recht.gemeente().as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(rij.map_or((false, 0), |(genoemd, versie)| (genoemd != 0, versie)))
    }

    /// Sets whether the gemeente the right is for is named in cohorts. Once chosen,
    /// `verwacht` must be the current version; returns the new one.
    ///
    /// # Errors
    /// [`DbFout::VersieVereist`] or [`DbFout::VersieConflict`] (nothing changed), or a
    /// database error.
    pub async fn zet_zichtbaarheid(
        &self,
        recht: &GemeenteSchrijfrecht,
        genoemd: bool,
        verwacht: Option<i64>,
    ) -> Result<i64, DbFout> {
        let gemeente = recht.gemeente().as_str();
        let mut tx = self.schrijving().await?;
        let huidig: Option<(i64, i64)> = sqlx::query_as(
            "SELECT genoemd_in_cohorten, versie FROM zichtbaarheid WHERE gemeente_code = $1",
        )
        .bind(gemeente)
        .fetch_optional(&mut *tx)
        .await?;
        let stap = Versiestap::zetten(huidig.map(|(_, v)| v), verwacht)?;
        let geraakt = sqlx::query(
            "INSERT INTO zichtbaarheid (gemeente_code, genoemd_in_cohorten, versie) VALUES ($1, $2, 1) \
             ON CONFLICT (gemeente_code) DO UPDATE SET genoemd_in_cohorten = $2, \
             versie = zichtbaarheid.versie + 1 WHERE zichtbaarheid.versie = $3",
        )
        .bind(gemeente)
        .bind(i64::from(genoemd))
        .bind(stap.bewaakt())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let versie = stap.na(geraakt)?;
        let voor = huidig.map(|(g, _)| g != 0);
        tx.leg_vast(Auditregel::door(
            recht,
            Entiteit::Zichtbaarheid,
            gemeente,
            voor.as_ref(),
            Some(&genoemd),
        ))
        .await?;
        Ok(versie)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn requests_at_once_for_one_peildatum_share_one_computation_and_the_cache_stays_small() {
        let map = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", map.path().join("landelijk.db").display());
        let db = Db::connect(&url).await.expect("db");
        let peildatum = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let vragen: Vec<_> = (0..8)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move { db.landelijke_berekening(peildatum).await })
            })
            .collect();
        for vraag in vragen {
            vraag.await.expect("joins").expect("computes");
        }
        let berekend = || {
            db.landelijk
                .berekend
                .load(std::sync::atomic::Ordering::Relaxed)
        };
        assert_eq!(berekend(), 1, "eight requests, one computation");
        for dag in 1..=10 {
            let peildatum = NaiveDate::from_ymd_opt(2027, 1, dag).expect("date");
            db.landelijke_berekening(peildatum).await.expect("computes");
        }
        assert_eq!(berekend(), 11);
        let bewaard = db
            .landelijk
            .bewaard
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        assert_eq!(bewaard, BEWAREN, "the cache keeps at most {BEWAREN}");
    }
}
