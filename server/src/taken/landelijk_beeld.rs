//! The landelijk beeld: every gemeente's overstapplan added up (`domain::landelijk`), as a
//! reader may see it, and the applicaties whose overstap follows the Routekaart for
//! regie's national what-if.
//!
//! Reading 342 landscapes of 300 applicaties takes most of a second through sqlx, adding
//! them up about 40 ms: far more than an answer may take. So each server keeps the
//! result, but only under the *gegevensversie* it read: a counter in the database that
//! every write the beeld rests on raises in its own transaction. Every request reads the
//! counter first, so a change made through any instance is in the next answer of every
//! instance.
//!
//! The beeld is a sum of one part per gemeente ([`Gemeentebijdrage`]). After a write to
//! landscapes a server reloads only the landscapes written since (their landschapversie)
//! and, in a copy of the kept sum, replaces only their parts: about a millisecond, where
//! counting all again takes 40. After a write to what every plan rests on (the
//! Routekaart, the catalogue: the *contextversie*) the same holds for the gemeenten whose
//! ready dates did not move (one gemeente joining an opgave moves only its own); a new
//! catalogue, a new set of components following the Routekaart, a moved fase that every
//! gemeente waits for, or a new peildatum counts every gemeente again.
//! What a server keeps is derived data it can always read again, never state another
//! instance needs. One computation runs at a time per server; requests that arrive
//! meanwhile wait for it and share its result. A server computes today's beeld before it
//! listens ([`verwarm`]), so its first answer is as quick as any other, and on PostgreSQL
//! brings it up to date as each write commits, through whichever instance ([`houd_bij`]),
//! so that a request mostly finds it ready.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use bytes::Bytes;
use chrono::NaiveDate;
use domain::landelijk::venster::Vensterbasis;
use domain::landelijk::{Gemeentebijdrage, LandelijkBeeld, Landelijketelling, Landschapsdeel};
use domain::toegang::Actor;
use domain::toegang::recht::{AlleGemeentenLeesrecht, LandelijkLeesrecht};
use domain::{Applicatie, Component, GemeenteCode, Opgave, Overstapcontext};

use super::Taakfout;
use crate::db::Db;
use crate::db::landelijk::{Gegevensversie, Wijzigingen};

/// How many computations (per version and peildatum) a server keeps.
const BEWAREN: usize = 4;

/// What every plan rests on, read at one contextversie.
#[derive(Debug)]
struct Grondslag {
    /// The contextversie it was read at (or later).
    versie: i64,
    componenten: Vec<Component>,
    routekaart: Vec<Opgave>,
}

impl Grondslag {
    fn context(&self, peildatum: NaiveDate) -> Overstapcontext<'_> {
        Overstapcontext::new(peildatum, &self.componenten, &self.routekaart)
    }
}

/// Everything added up on one version of the data and one peildatum.
#[derive(Debug)]
struct Berekening {
    /// The gegevensversie it was computed at (or later).
    versie: i64,
    /// "Today" of every plan.
    peildatum: NaiveDate,
    /// What the plans rest on.
    grondslag: Arc<Grondslag>,
    /// Each gemeente's part.
    delen: BTreeMap<GemeenteCode, Arc<Gemeentebijdrage>>,
    /// The landscape each part was made from (shared with the server's copy of it): the
    /// same allocation is the same landscape, so a part can be kept after a Routekaart
    /// edit ([`Berekening::herteld`]).
    bronnen: BTreeMap<GemeenteCode, Arc<Vec<Applicatie>>>,
    /// The parts added up.
    telling: Landelijketelling,
    /// The applicaties whose overstap follows the Routekaart, for the national what-if:
    /// made from the parts when regie first asks.
    vensters: OnceLock<Vensterbasis>,
    /// The same as the API sends them (JSON), made once: regie's what-if asks for them
    /// again on every Routekaart it opens, and they change only with the computation.
    vensters_json: OnceLock<Bytes>,
}

impl Berekening {
    /// Counts every gemeente of `landschappen`: their parts added to an empty count.
    fn geheel(
        versie: i64,
        peildatum: NaiveDate,
        grondslag: Arc<Grondslag>,
        landschappen: &BTreeMap<GemeenteCode, Landschap>,
    ) -> Self {
        let alle: Vec<_> = landschappen
            .iter()
            .map(|(g, l)| (g.clone(), l.clone()))
            .collect();
        let leeg = Self {
            versie,
            peildatum,
            grondslag,
            delen: BTreeMap::new(),
            bronnen: BTreeMap::new(),
            telling: Landelijketelling::new(peildatum),
            vensters: OnceLock::new(),
            vensters_json: OnceLock::new(),
        };
        let grondslag = Arc::clone(&leeg.grondslag);
        leeg.bijgewerkt(versie, grondslag, &alle)
    }

    /// This computation at `versie`, with the parts of `gewijzigd` made again (an empty
    /// landscape: the gemeente has none left).
    fn bijgewerkt(
        &self,
        versie: i64,
        grondslag: Arc<Grondslag>,
        gewijzigd: &[(GemeenteCode, Landschap)],
    ) -> Self {
        let context = grondslag.context(self.peildatum);
        let nieuw = nieuwe_delen(&context, gewijzigd);
        let mut telling = self.telling.clone();
        let mut delen = self.delen.clone();
        let mut bronnen = self.bronnen.clone();
        for ((gemeente, landschap), deel) in gewijzigd.iter().zip(nieuw) {
            if let Some(oud) = delen.remove(gemeente) {
                telling.trek_af(&oud);
            }
            bronnen.remove(gemeente);
            if let Some(deel) = deel {
                telling.voeg_toe(&context, &deel);
                delen.insert(gemeente.clone(), Arc::new(deel));
                bronnen.insert(gemeente.clone(), Arc::clone(&landschap.applicaties));
            }
        }
        drop(context);
        Self {
            versie,
            peildatum: self.peildatum,
            grondslag,
            delen,
            bronnen,
            telling,
            vensters: OnceLock::new(),
            vensters_json: OnceLock::new(),
        }
    }

    /// This computation brought up to date at `versie`, on `grondslag` (a new one after a
    /// Routekaart or catalogue edit), from `landschappen`, every landscape as it is now: a
    /// landscape written since has its part made again. After an edit, a gemeente keeps
    /// its part when it was made from the same landscape and the gemeente has the same
    /// ready dates on both ([`Overstapcontext::zelfde_voor`]: e.g. a gemeente that did not
    /// join the opgave another joined); the others are made again, as after a landscape
    /// write. On other ground (another catalogue, another set of components that follow the
    /// Routekaart) every gemeente is counted again. Returns it with the number of parts
    /// made again.
    fn herteld(
        &self,
        versie: i64,
        grondslag: Arc<Grondslag>,
        landschappen: &BTreeMap<GemeenteCode, Landschap>,
    ) -> (Self, usize) {
        // The gemeenten whose ready dates moved: none on the same grondslag; on another,
        // those for which `zelfde_voor` fails, or all (`None`) on other ground.
        let verschoven: Option<BTreeSet<&GemeenteCode>> =
            if Arc::ptr_eq(&self.grondslag, &grondslag) {
                Some(BTreeSet::new())
            } else {
                let oud = self.grondslag.context(self.peildatum);
                let context = grondslag.context(self.peildatum);
                context.zelfde_grond(&oud).then(|| {
                    landschappen
                        .keys()
                        .filter(|g| !context.zelfde_voor(&oud, g))
                        .collect()
                })
            };
        let Some(verschoven) = verschoven else {
            let geheel = Self::geheel(versie, self.peildatum, grondslag, landschappen);
            return (geheel, landschappen.len());
        };
        let gewijzigd: Vec<(GemeenteCode, Landschap)> = landschappen
            .iter()
            .filter(|(gemeente, landschap)| {
                verschoven.contains(gemeente)
                    || !self
                        .bronnen
                        .get(*gemeente)
                        .is_some_and(|bron| Arc::ptr_eq(bron, &landschap.applicaties))
            })
            .map(|(g, l)| (g.clone(), l.clone()))
            // A landscape gone since: its part goes.
            .chain(
                self.delen
                    .keys()
                    .filter(|g| !landschappen.contains_key(*g))
                    .map(|g| (g.clone(), Landschap::nieuw(Vec::new()))),
            )
            .collect();
        let herteld = self.bijgewerkt(versie, grondslag, &gewijzigd);
        (herteld, gewijzigd.len())
    }

    fn vensters(&self) -> &Vensterbasis {
        self.vensters.get_or_init(|| {
            let context = self.grondslag.context(self.peildatum);
            Vensterbasis::uit(&context, self.delen.values().map(AsRef::as_ref))
        })
    }

    fn vensters_json(&self) -> Result<&Bytes, serde_json::Error> {
        if let Some(json) = self.vensters_json.get() {
            return Ok(json);
        }
        let json = Bytes::from(serde_json::to_vec(self.vensters())?);
        Ok(self.vensters_json.get_or_init(|| json))
    }
}

/// The part of each of `landschappen` (none for an empty landscape), in their order: on
/// every core when there are many (counting every gemeente again after a Routekaart edit),
/// where each part is made on its own and only adding them up is done in turn.
fn nieuwe_delen(
    context: &Overstapcontext<'_>,
    landschappen: &[(GemeenteCode, Landschap)],
) -> Vec<Option<Gemeentebijdrage>> {
    let maak = |stuk: &[(GemeenteCode, Landschap)]| -> Vec<Option<Gemeentebijdrage>> {
        stuk.iter()
            .map(|(gemeente, landschap)| landschap.bijdrage(context, gemeente))
            .collect()
    };
    if landschappen.len() < PARALLEL_VANAF {
        return maak(landschappen);
    }
    // Asked only here: on Linux it reads the cgroup's quota, too much for every write.
    let kernen = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if kernen < 2 {
        return maak(landschappen);
    }
    let per_kern = landschappen.len().div_ceil(kernen);
    std::thread::scope(|s| {
        let stukken: Vec<_> = landschappen
            .chunks(per_kern)
            .map(|stuk| s.spawn(move || maak(stuk)))
            .collect();
        stukken
            .into_iter()
            .flat_map(|stuk| stuk.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// From how many changed landscapes their parts are made on every core (fewer: the
/// threads cost more than they save).
const PARALLEL_VANAF: usize = 16;

/// One gemeente's landscape as a server holds it. Cloning shares it.
#[derive(Debug, Clone)]
struct Landschap {
    applicaties: Arc<Vec<Applicatie>>,
    /// What of its part rests on the landscape alone, made with its first part and kept
    /// for every later one (a Routekaart edit makes only the outcomes again).
    landschapsdeel: Arc<OnceLock<Landschapsdeel>>,
}

impl Landschap {
    fn nieuw(applicaties: Vec<Applicatie>) -> Self {
        Self {
            applicaties: Arc::new(applicaties),
            landschapsdeel: Arc::default(),
        }
    }

    /// Its gemeente's part in `context`; none for an empty landscape.
    fn bijdrage(
        &self,
        context: &Overstapcontext<'_>,
        gemeente: &GemeenteCode,
    ) -> Option<Gemeentebijdrage> {
        let applicaties = self.applicaties.as_slice();
        (!applicaties.is_empty()).then(|| {
            let deel = self
                .landschapsdeel
                .get_or_init(|| Landschapsdeel::van(applicaties));
            Gemeentebijdrage::met(context, gemeente, applicaties, deel)
        })
    }
}

/// How a computation was made: from nothing, from a kept one on the same grondslag (only
/// the written landscapes again), or from a kept one on another (only the gemeenten whose
/// ready dates moved again).
#[derive(Debug, Clone, Copy)]
enum Soort {
    Geheel,
    Bijgewerkt,
    Herteld,
}

/// What a server holds, current to at least gegevensversie `versie`.
#[derive(Debug)]
struct Geladen {
    versie: i64,
    grondslag: Arc<Grondslag>,
    landschappen: BTreeMap<GemeenteCode, Landschap>,
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
    /// How many times every gemeente was counted (for the tests).
    geheel_berekend: AtomicU64,
    /// How many times a kept computation was brought up to date.
    bijgewerkt: AtomicU64,
    /// How many times a kept computation was counted again on a new grondslag.
    herteld: AtomicU64,
}

impl Berekeningen {
    fn bewaard(&self) -> std::sync::MutexGuard<'_, Vec<Arc<Berekening>>> {
        self.0
            .berekeningen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The newest kept computation on `peildatum` at `versie` or later: it holds every
    /// write up to `versie` (the counter only rises, and a computation's data is at least
    /// as new as its version).
    fn zoek(&self, versie: i64, peildatum: NaiveDate) -> Option<Arc<Berekening>> {
        self.bewaard()
            .iter()
            .rev()
            .find(|b| b.versie >= versie && b.peildatum == peildatum)
            .cloned()
    }

    /// The newest kept computation on `peildatum`, whatever it rests on: the start for
    /// bringing it up to date ([`Berekening::herteld`]).
    fn vorige(&self, peildatum: NaiveDate) -> Option<Arc<Berekening>> {
        self.bewaard()
            .iter()
            .rev()
            .find(|b| b.peildatum == peildatum)
            .cloned()
    }

    /// The gegevensversie of the newest computation this server keeps (none before the
    /// first).
    #[must_use]
    pub fn nieuwste_versie(&self) -> Option<i64> {
        self.bewaard().iter().map(|b| b.versie).max()
    }

    fn bewaar(&self, berekening: Arc<Berekening>) {
        let mut bewaard = self.bewaard();
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
    met_vensters(db, berekeningen, recht, peildatum, |b| {
        Ok(b.vensters().clone())
    })
    .await
}

/// [`contractvensters`] as JSON, made once per computation and shared by every answer
/// after it (the API sends these bytes as they are).
///
/// # Errors
/// Storage, or a computation that stopped.
pub async fn contractvensters_json(
    db: &Db,
    berekeningen: &Berekeningen,
    recht: &AlleGemeentenLeesrecht,
    peildatum: NaiveDate,
) -> Result<Bytes, Taakfout> {
    met_vensters(db, berekeningen, recht, peildatum, |b| {
        b.vensters_json().cloned().map_err(|fout| {
            tracing::error!(%fout, "contractvensters niet als JSON te schrijven");
            Taakfout::Afgebroken
        })
    })
    .await
}

/// `lees` of the computation on `peildatum`, off the request threads: the vensters are
/// made when regie first asks.
async fn met_vensters<T: Send + 'static>(
    db: &Db,
    berekeningen: &Berekeningen,
    recht: &AlleGemeentenLeesrecht,
    peildatum: NaiveDate,
    lees: impl FnOnce(&Berekening) -> Result<T, Taakfout> + Send + 'static,
) -> Result<T, Taakfout> {
    let lezer = recht.als_landelijke_lezer();
    let berekening = berekening(db, berekeningen, &lezer, peildatum).await?;
    tokio::task::spawn_blocking(move || lees(&berekening))
        .await
        .map_err(|_| Taakfout::Afgebroken)?
}

/// Computes today's beeld before a server takes requests, so that its first answer waits
/// for no computation. Storage errors are logged: the first request then tries again.
pub async fn verwarm(db: &Db, berekeningen: &Berekeningen) {
    let server = Actor::Regie {
        naam: "grondplan (opstart)".into(),
    };
    let Ok(recht) = LandelijkLeesrecht::voor(&server) else {
        return;
    };
    let begin = std::time::Instant::now();
    match berekening(db, berekeningen, &recht, db.klok().vandaag()).await {
        Ok(_) => tracing::info!(
            ms = begin.elapsed().as_millis(),
            "landelijk beeld van vandaag berekend voor het eerste verzoek"
        ),
        Err(fout) => tracing::warn!(%fout, "landelijk beeld vooraf berekenen mislukt"),
    }
}

/// Brings today's beeld up to date after every write, from whichever instance, as it
/// commits (PostgreSQL; see [`Wijzigingen`]): a request then mostly finds it ready instead
/// of reading the written landscapes itself. Runs until the server stops; a lost
/// connection is logged and tried again a second later. Nothing on SQLite, where every
/// write goes through this one server.
pub async fn houd_bij(db: Db, berekeningen: Berekeningen, url: String) {
    let server = Actor::Regie {
        naam: "grondplan (bijhouden)".into(),
    };
    let Ok(recht) = LandelijkLeesrecht::voor(&server) else {
        return;
    };
    let mut wijzigingen = loop {
        match Wijzigingen::volg(&url).await {
            Ok(Some(wijzigingen)) => break wijzigingen,
            Ok(None) => return,
            Err(fout) => {
                tracing::warn!(%fout, "luisteren naar wijzigingen mislukt; over een seconde opnieuw");
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        }
    };
    loop {
        if let Err(fout) = wijzigingen.volgende().await {
            tracing::warn!(%fout, "wijzigingen ontvangen mislukt; over een seconde opnieuw");
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            continue;
        }
        if let Err(fout) = berekening(&db, &berekeningen, &recht, db.klok().vandaag()).await {
            tracing::warn!(%fout, "landelijk beeld bijhouden mislukt");
        }
    }
}

/// Every gemeente's plan on `peildatum` added up, on the current data: kept from an
/// earlier request when the data has not changed since, else brought up to date.
async fn berekening(
    db: &Db,
    berekeningen: &Berekeningen,
    recht: &LandelijkLeesrecht,
    peildatum: NaiveDate,
) -> Result<Arc<Berekening>, Taakfout> {
    let versie = db.gegevensversie().await?;
    if let Some(berekening) = berekeningen.zoek(versie.versie, peildatum) {
        return Ok(berekening);
    }
    let (mut geladen, gewacht) = match berekeningen.0.geladen.try_lock() {
        Ok(geladen) => (geladen, false),
        Err(_) => (berekeningen.0.geladen.lock().await, true),
    };
    // The computation that held the turn holds every write this request must show when
    // it read the counter after this request did.
    if let Some(berekening) = berekeningen.zoek(versie.versie, peildatum) {
        return Ok(berekening);
    }
    // Else this one brings its own up to the data as it is now.
    let versie = if gewacht {
        db.gegevensversie().await?
    } else {
        versie
    };
    // Read after the version: the data is at least as new as the version it is kept
    // under, so an answer is never older than the version a request read.
    let begin = std::time::Instant::now();
    let bekend = werk_bij(db, recht, &mut geladen, versie).await?;
    let geladen_in = begin.elapsed();
    let vorige = berekeningen.vorige(peildatum);
    let soort = match &vorige {
        None => Soort::Geheel,
        Some(v) if Arc::ptr_eq(&v.grondslag, &bekend.grondslag) => Soort::Bijgewerkt,
        Some(_) => Soort::Herteld,
    };
    let (berekening, opnieuw) = tokio::task::spawn_blocking(move || match vorige {
        Some(vorige) => vorige.herteld(versie.versie, bekend.grondslag, &bekend.landschappen),
        None => {
            let geheel = Berekening::geheel(
                versie.versie,
                peildatum,
                bekend.grondslag,
                &bekend.landschappen,
            );
            (geheel, bekend.landschappen.len())
        }
    })
    .await
    .map_err(|_| Taakfout::Afgebroken)?;
    tracing::info!(
        versie = versie.versie,
        %peildatum,
        soort = ?soort,
        opnieuw,
        laden_ms = geladen_in.as_millis(),
        totaal_ms = begin.elapsed().as_millis(),
        "landelijk beeld berekend"
    );
    let teller = match soort {
        Soort::Bijgewerkt => &berekeningen.0.bijgewerkt,
        Soort::Herteld => &berekeningen.0.herteld,
        Soort::Geheel => &berekeningen.0.geheel_berekend,
    };
    teller.fetch_add(1, Ordering::Relaxed);
    let berekening = Arc::new(berekening);
    berekeningen.bewaar(Arc::clone(&berekening));
    // Only now is the turn given up: whoever waited finds the result kept.
    drop(geladen);
    Ok(berekening)
}

/// What a computation works from, shared with the blocking task.
struct Bekend {
    grondslag: Arc<Grondslag>,
    landschappen: BTreeMap<GemeenteCode, Landschap>,
}

/// Brings what the server holds up to gegevensversie `versie`: everything the first
/// time; afterwards what every plan rests on when the contextversie rose, and only the
/// landscapes written since. Returns a copy to compute from (the landscapes shared).
async fn werk_bij(
    db: &Db,
    recht: &LandelijkLeesrecht,
    geladen: &mut Option<Geladen>,
    versie: Gegevensversie,
) -> Result<Bekend, Taakfout> {
    let grondslag = async {
        let (componenten, routekaart) = db.catalogus_en_routekaart().await?;
        Ok::<_, Taakfout>(Arc::new(Grondslag {
            versie: versie.context,
            componenten,
            routekaart,
        }))
    };
    match geladen {
        None => {
            let landschappen = db
                .landschappen_om_op_te_tellen(recht)
                .await?
                .into_iter()
                .map(|(g, apps)| (g, Landschap::nieuw(apps)))
                .collect();
            *geladen = Some(Geladen {
                versie: versie.versie,
                grondslag: grondslag.await?,
                landschappen,
            });
        }
        Some(bekend) => {
            if versie.context > bekend.grondslag.versie {
                bekend.grondslag = grondslag.await?;
            }
            for (gemeente, apps) in db.landschappen_gewijzigd_na(recht, bekend.versie).await? {
                if apps.is_empty() {
                    bekend.landschappen.remove(&gemeente);
                } else {
                    bekend.landschappen.insert(gemeente, Landschap::nieuw(apps));
                }
            }
            // Never lower: a request that read the counter before another one may
            // compute after it.
            bekend.versie = bekend.versie.max(versie.versie);
        }
    }
    let bekend = geladen.as_ref().ok_or(Taakfout::Afgebroken)?;
    Ok(Bekend {
        grondslag: Arc::clone(&bekend.grondslag),
        landschappen: bekend.landschappen.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toegang::recht::GemeenteSchrijfrecht;
    use domain::toegang::{Actor, Lidrecht};
    use domain::{ApplicatieId, Contract, Gemeente};

    fn gemeente(n: u32) -> Gemeente {
        Gemeente {
            code: GemeenteCode::parse(&format!("GM{n:04}")).expect("code"),
            naam: format!("Gemeente {n}"),
            provincie: "Utrecht".into(),
        }
    }

    /// Writes a landscape of `aantal` applicaties (the first unused) for gemeente `n`.
    async fn schrijf_landschap(db: &Db, n: u32, aantal: usize, eind: &str) {
        let code = gemeente(n).code;
        let actor = Actor::Lid {
            naam: "test".into(),
            gemeente: code.clone(),
            recht: Lidrecht::Bewerken,
        };
        let recht = GemeenteSchrijfrecht::voor(&actor, &code).expect("right");
        let contract = Contract::new(None, eind.parse().expect("date"), 3, 12, None, 10_000)
            .expect("contract");
        let apps: Vec<Applicatie> = (0..aantal)
            .map(|i| Applicatie {
                id: ApplicatieId::parse(&format!("app-{i}")).expect("id"),
                gemeente: code.clone(),
                naam: format!("Applicatie {i}"),
                leverancier: String::new(),
                referentiecomponenten: Vec::new(),
                contract,
                in_gebruik: i > 0,
                gebruikers: None,
            })
            .collect();
        db.importeer_applicaties(&recht, &apps, &[], true, None)
            .await
            .expect("import");
    }

    #[test]
    fn parts_made_on_every_core_add_up_to_the_same_beeld_as_made_in_turn() {
        let peildatum = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let contract = |eind: &str| {
            Contract::new(None, eind.parse().expect("date"), 3, 12, None, 10_000).expect("contract")
        };
        // More landscapes than PARALLEL_VANAF, of different sizes, every fifth empty.
        let landschappen: BTreeMap<GemeenteCode, Landschap> = (1..=3 * PARALLEL_VANAF)
            .map(|n| {
                let code = gemeente(u32::try_from(n).expect("small")).code;
                let aantal = if n % 5 == 0 { 0 } else { n % 7 + 1 };
                let apps = (0..aantal)
                    .map(|i| Applicatie {
                        id: ApplicatieId::parse(&format!("app-{i}")).expect("id"),
                        gemeente: code.clone(),
                        naam: format!("Applicatie {}", i % 3),
                        leverancier: String::new(),
                        referentiecomponenten: Vec::new(),
                        contract: contract(if i % 2 == 0 {
                            "2027-06-30"
                        } else {
                            "2028-12-31"
                        }),
                        in_gebruik: i % 4 != 0,
                        gebruikers: None,
                    })
                    .collect();
                (code, Landschap::nieuw(apps))
            })
            .collect();
        let grondslag = Arc::new(Grondslag {
            versie: 1,
            componenten: Vec::new(),
            routekaart: Vec::new(),
        });
        let parallel = Berekening::geheel(1, peildatum, Arc::clone(&grondslag), &landschappen);

        let context = grondslag.context(peildatum);
        let mut telling = Landelijketelling::new(peildatum);
        for (gemeente, landschap) in landschappen
            .iter()
            .filter(|(_, l)| !l.applicaties.is_empty())
        {
            let deel = Gemeentebijdrage::van(&context, gemeente, &landschap.applicaties);
            // Each part is kept under its own gemeente.
            let gehouden = parallel
                .delen
                .get(gemeente)
                .expect("a part for every landscape");
            assert_eq!(**gehouden, deel, "{gemeente}");
            telling.voeg_toe(&context, &deel);
        }
        assert_eq!(
            parallel.delen.len(),
            landschappen.len() - landschappen.len() / 5
        );
        assert_eq!(
            parallel.telling.beeld(1, |_| true),
            telling.beeld(1, |_| true),
            "the same beeld, part for part"
        );
    }

    /// A catalogue with one component in development, delivered by opgave "zaken", whose
    /// ontwikkelfase ends on `ontwikkel_eind`; gemeente 1 builds it as coalitiepartner.
    fn grondslag_met_opgave(versie: i64, ontwikkel_eind: &str) -> Arc<Grondslag> {
        use domain::catalogus::{Laag, Soort, Status};
        use domain::routekaart::{Deelnemer, Rol};
        let dag = |d: &str| d.parse::<NaiveDate>().expect("date");
        let periode =
            |van: &str, tot: &str| domain::Periode::new(dag(van), dag(tot)).expect("period");
        let id = domain::OpgaveId::parse("zaken").expect("id");
        let mut opgave = Opgave::nieuw(
            id.clone(),
            "Zaken".into(),
            periode("2026-01-01", ontwikkel_eind),
            periode("2028-07-01", "2029-12-31"),
        );
        opgave.deelnemers.push(Deelnemer {
            gemeente: gemeente(1).code,
            rol: Rol::Coalitiepartner,
        });
        let component = Component {
            id: domain::ComponentId::parse("zaken-nieuw").expect("id"),
            naam: "Zaken nieuw".into(),
            laag: Laag::Services,
            soort: Soort::Gemeenschappelijk,
            status: Status::InOntwikkeling,
            opgave: Some(id),
            vervangt: vec![domain::ReferentiecomponentId::parse("zaakregistratie").expect("id")],
            beschikbaar_vanaf: None,
            verwacht_beschikbaar: None,
            migratie_maanden: 3,
            migratie_fte: 0.0,
            jaarlijkse_kosten: 0,
            url: None,
            licentie: None,
            gebruikt_door: vec![],
            afhankelijk_van: vec![],
        };
        Arc::new(Grondslag {
            versie,
            componenten: vec![component],
            routekaart: vec![opgave],
        })
    }

    #[test]
    fn after_a_routekaart_edit_only_the_gemeenten_whose_ready_dates_moved_are_made_again() {
        let peildatum = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        // Five gemeenten with a zaakregistratie whose yearly contract ends mid-year.
        let landschappen: BTreeMap<GemeenteCode, Landschap> = (1..=5)
            .map(|n| {
                let code = gemeente(n).code;
                let app = Applicatie {
                    id: ApplicatieId::parse("zaaksysteem").expect("id"),
                    gemeente: code.clone(),
                    naam: "Zaaksysteem".into(),
                    leverancier: String::new(),
                    referentiecomponenten: vec![
                        domain::ReferentiecomponentId::parse("zaakregistratie").expect("id"),
                    ],
                    contract: Contract::new(
                        None,
                        "2027-06-30".parse().expect("date"),
                        3,
                        12,
                        None,
                        10_000,
                    )
                    .expect("contract"),
                    in_gebruik: true,
                    gebruikers: None,
                };
                (code, Landschap::nieuw(vec![app]))
            })
            .collect();
        let voor = Berekening::geheel(
            1,
            peildatum,
            grondslag_met_opgave(1, "2026-12-31"),
            &landschappen,
        );
        // The ontwikkelfase ends a year later: only the coalitiepartner's ready date moves.
        let na = grondslag_met_opgave(2, "2027-12-31");
        let (herteld, opnieuw) = voor.herteld(2, Arc::clone(&na), &landschappen);
        assert_eq!(opnieuw, 1, "only gemeente 1 made again");
        let geheel = Berekening::geheel(2, peildatum, na, &landschappen);
        assert_eq!(herteld.delen, geheel.delen);
        assert_eq!(
            herteld.telling.beeld(1, |_| true),
            geheel.telling.beeld(1, |_| true)
        );
        assert_eq!(herteld.vensters(), geheel.vensters());
        assert_ne!(
            voor.delen[&gemeente(1).code],
            herteld.delen[&gemeente(1).code],
            "the coalitiepartner's overstap moved"
        );
        assert!(Arc::ptr_eq(
            &voor.delen[&gemeente(2).code],
            &herteld.delen[&gemeente(2).code]
        ));

        // A landscape read again (another allocation) is made again, even when equal.
        let mut gelezen = landschappen.clone();
        let derde = gemeente(3).code;
        let apps = gelezen[&derde].applicaties.as_ref().clone();
        gelezen.insert(derde, Landschap::nieuw(apps));
        let (_, opnieuw) = voor.herteld(2, grondslag_met_opgave(2, "2026-12-31"), &gelezen);
        assert_eq!(opnieuw, 1, "only the landscape read again");

        // Another catalogue is other ground: every gemeente again.
        let leeg = Arc::new(Grondslag {
            versie: 3,
            componenten: Vec::new(),
            routekaart: Vec::new(),
        });
        let (_, opnieuw) = voor.herteld(3, leeg, &landschappen);
        assert_eq!(opnieuw, landschappen.len());
    }

    #[tokio::test]
    async fn a_landscape_write_replaces_one_part_and_equals_counting_all_again() {
        let map = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", map.path().join("landelijk.db").display());
        let db = Db::connect(&url).await.expect("db");
        db.laad_gemeenten("test", &[gemeente(1), gemeente(2), gemeente(3)])
            .await
            .expect("gemeenten");
        schrijf_landschap(&db, 1, 3, "2027-06-30").await;
        schrijf_landschap(&db, 2, 2, "2027-12-31").await;
        let recht = LandelijkLeesrecht::voor(&Actor::Regie {
            naam: "regie".into(),
        })
        .expect("regie reads the beeld");
        let peildatum = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let berekeningen = Berekeningen::default();
        let tellers = |b: &Berekeningen| {
            (
                b.0.geheel_berekend.load(Ordering::Relaxed),
                b.0.bijgewerkt.load(Ordering::Relaxed),
                b.0.herteld.load(Ordering::Relaxed),
            )
        };
        let beeld_van = |b: Arc<Berekening>| b.telling.beeld(1, |_| true);
        let eerst = berekening(&db, &berekeningen, &recht, peildatum)
            .await
            .expect("computes");
        assert_eq!(tellers(&berekeningen), (1, 0, 0));
        assert_eq!(beeld_van(eerst).ongebruikt.applicaties, 2);

        // A new landscape, a changed one and an emptied one: three parts replaced.
        schrijf_landschap(&db, 3, 4, "2028-03-31").await;
        schrijf_landschap(&db, 1, 1, "2027-09-30").await;
        schrijf_landschap(&db, 2, 0, "2027-12-31").await;
        let bijgewerkt = berekening(&db, &berekeningen, &recht, peildatum)
            .await
            .expect("computes");
        assert_eq!(
            tellers(&berekeningen),
            (1, 1, 0),
            "brought up to date, not recounted"
        );
        let vers = Berekeningen::default();
        let opnieuw = berekening(&db, &vers, &recht, peildatum)
            .await
            .expect("computes");
        assert_eq!(tellers(&vers), (1, 0, 0));
        let beeld = beeld_van(Arc::clone(&bijgewerkt));
        assert_eq!(beeld.gemeenten_met_landschap, 2);
        assert_eq!(beeld, beeld_van(opnieuw), "the same as counting all again");
        assert_eq!(
            bijgewerkt.vensters(),
            &Vensterbasis::new(peildatum),
            "nothing follows the Routekaart here"
        );

        // A write that every plan rests on (here a data set loaded) counts all again, from
        // the kept parts: with the same catalogue and Routekaart, every part stays.
        db.laad_gemeenten("tweede lijst", &[gemeente(4)])
            .await
            .expect("gemeenten");
        let herteld = berekening(&db, &berekeningen, &recht, peildatum)
            .await
            .expect("computes");
        assert_eq!(tellers(&berekeningen), (1, 1, 1));
        assert_eq!(herteld.delen, bijgewerkt.delen);
        assert_eq!(beeld_van(herteld), beeld);
    }

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
        let berekend = || berekeningen.0.geheel_berekend.load(Ordering::Relaxed);
        assert_eq!(berekend(), 1, "eight requests, one computation");
        for dag in 1..=10 {
            let peildatum = NaiveDate::from_ymd_opt(2027, 1, dag).expect("date");
            berekening(&db, &berekeningen, &recht, peildatum)
                .await
                .expect("computes");
        }
        assert_eq!(berekend(), 11);
        let bewaard = berekeningen.bewaard().len();
        assert_eq!(bewaard, BEWAREN, "the cache keeps at most {BEWAREN}");
    }
}
