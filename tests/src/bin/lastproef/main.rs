//! A load test of the whole service (issue 17) with [goose](https://crates.io/crates/goose):
//! simulated people who pause like people between requests, spread over every server
//! instance, in a mix modelled on real use:
//! - *publiek* (anonymous): the Routekaart, the catalogue and opgave pages, the opgaven
//!   API;
//! - *lid* (a member reading): the overstapplan and landscape APIs, the start page and the
//!   overstapplan page, the landelijk beeld;
//! - *bewerker* (a member writing): edits of its own applicatie, scenario saves, now and
//!   then an import of 300 rows, and the plan it reads back;
//! - *regie*: the landelijk beeld and the contract windows, and Routekaart edits (a
//!   whole opgave moved by a day and back, by one regie user, so no two write the same).
//!
//! Every write the service acknowledged is read back after the run; one that is not there
//! as written is a lost write, and the run fails.
//!
//! Run with `scripts/bench-last`, which builds the release server, fills PostgreSQL,
//! starts the instances and passes `LAST_INSTANTIES` (their base URLs, comma separated),
//! `LAST_TOKENS` (a file of `regie <token>` and `GMxxxx <token>` lines) and `LAST_RONDE` (a
//! name that keeps the ids of two runs on one database apart). The goose options (users,
//! run time, …) come from the command line.
//!
//! After goose's report it prints which slow answers the host caused ([`gestolen`]).

mod gestolen;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;

use goose::prelude::*;
use serde_json::{Value, json};

/// What the script set up.
struct Omgeving {
    instanties: Vec<String>,
    regie: String,
    leden: Vec<(String, String)>,
    opgaven: Vec<String>,
    ronde: String,
}

static OMGEVING: OnceLock<Omgeving> = OnceLock::new();

/// Every acknowledged write, by where to read it back: its path and the `naam` it must
/// have (the last acknowledged one wins: each is written by one user only, in order).
static BEVESTIGD: Mutex<BTreeMap<String, String>> = Mutex::new(BTreeMap::new());

/// Regie users get an opgave each, in the order they start.
static REGIE_NUMMER: AtomicUsize = AtomicUsize::new(0);

fn omgeving() -> &'static Omgeving {
    OMGEVING.get().expect("set before the attack")
}

fn bevestig(pad: String, naam: String) {
    BEVESTIGD
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(pad, naam);
}

/// One simulated person.
#[derive(Debug, Clone)]
struct Persoon {
    token: Option<String>,
    gemeente: String,
    /// The own applicatie's version (bewerker).
    versie: i64,
    /// The own scenario and its ETag (bewerker).
    scenario: Option<(String, String)>,
    /// How many writes it made, to make each one different.
    teller: u64,
    /// How many turns it had at importing.
    importbeurten: u64,
    /// Whether this regie user edits the Routekaart.
    redacteur: bool,
}

impl Persoon {
    fn nieuw(user: &mut GooseUser, token: Option<String>) -> Result<(), Box<TransactionError>> {
        let o = omgeving();
        let i = user.weighted_users_index;
        user.set_base_url(&o.instanties[i % o.instanties.len()])?;
        let gemeente = o.leden[i % o.leden.len()].0.clone();
        user.set_session_data(Self {
            token,
            gemeente,
            versie: 0,
            scenario: None,
            teller: 0,
            importbeurten: 0,
            redacteur: false,
        });
        Ok(())
    }
}

fn persoon(user: &GooseUser) -> Persoon {
    user.get_session_data_unchecked::<Persoon>().clone()
}

/// One request: `naam` names it in the report; `verwacht` is the only status that counts
/// as success.
async fn vraag(
    user: &mut GooseUser,
    methode: GooseMethod,
    pad: &str,
    naam: &str,
    extra: impl FnOnce(reqwest13::RequestBuilder) -> reqwest13::RequestBuilder,
    verwacht: u16,
) -> Result<goose::goose::GooseResponse, Box<TransactionError>> {
    let mut bouwer = user.get_request_builder(&methode, pad)?;
    if let Some(token) = &persoon(user).token {
        bouwer = bouwer.bearer_auth(token);
    }
    // As goose names it in its report: `GET api /opgaven`.
    let soort = format!("{} {naam}", format!("{methode:?}").to_uppercase());
    let verzoek = GooseRequest::builder()
        .method(methode)
        .path(pad)
        .name(naam)
        .expect_status_code(verwacht)
        .set_request_builder(extra(bouwer))
        .build();
    let begin = std::time::Instant::now();
    let antwoord = user.request(verzoek).await;
    gestolen::noteer(soort, begin);
    antwoord
}

/// Replaces what `pad` names with `body`, as read at ETag `versie`.
async fn vervang(
    user: &mut GooseUser,
    pad: &str,
    naam: &str,
    versie: &str,
    body: &Value,
) -> Result<goose::goose::GooseResponse, Box<TransactionError>> {
    let if_match = format!("\"{versie}\"");
    vraag(
        user,
        GooseMethod::Put,
        pad,
        naam,
        |b| b.header("If-Match", if_match).json(body),
        200,
    )
    .await
}

async fn lees(user: &mut GooseUser, pad: &str, naam: &str) -> TransactionResult {
    vraag(user, GooseMethod::Get, pad, naam, |b| b, 200).await?;
    Ok(())
}

/// The answer's ETag, without quotes.
fn etag(antwoord: &reqwest13::Response) -> Option<String> {
    antwoord
        .headers()
        .get("etag")?
        .to_str()
        .ok()
        .map(|e| e.trim_matches('"').to_owned())
}

// --- publiek ---

async fn start_anoniem(user: &mut GooseUser) -> TransactionResult {
    Persoon::nieuw(user, None)
}

async fn routekaart(user: &mut GooseUser) -> TransactionResult {
    lees(user, "/", "pagina /").await
}

async fn catalogus(user: &mut GooseUser) -> TransactionResult {
    lees(user, "/componenten", "pagina /componenten").await
}

async fn opgavepagina(user: &mut GooseUser) -> TransactionResult {
    let o = omgeving();
    let id = &o.opgaven[persoon(user).teller as usize % o.opgaven.len()];
    user.get_session_data_unchecked_mut::<Persoon>().teller += 1;
    lees(user, &format!("/opgaven/{id}"), "pagina /opgaven/{id}").await
}

async fn opgaven_api(user: &mut GooseUser) -> TransactionResult {
    lees(user, "/api/v1/opgaven", "api /opgaven").await
}

// --- lid ---

async fn start_lid(user: &mut GooseUser) -> TransactionResult {
    let o = omgeving();
    let token = o.leden[user.weighted_users_index % o.leden.len()].1.clone();
    Persoon::nieuw(user, Some(token))
}

async fn overstapplan_api(user: &mut GooseUser) -> TransactionResult {
    let g = persoon(user).gemeente;
    let pad = format!("/api/v1/gemeenten/{g}/overstapplan");
    lees(user, &pad, "api /gemeenten/{code}/overstapplan").await
}

async fn landschap_api(user: &mut GooseUser) -> TransactionResult {
    let g = persoon(user).gemeente;
    let pad = format!("/api/v1/gemeenten/{g}/applicaties");
    lees(user, &pad, "api /gemeenten/{code}/applicaties").await
}

async fn startpagina(user: &mut GooseUser) -> TransactionResult {
    let g = persoon(user).gemeente;
    lees(user, &format!("/gemeenten/{g}"), "pagina /gemeenten/{code}").await
}

async fn overstapplanpagina(user: &mut GooseUser) -> TransactionResult {
    let g = persoon(user).gemeente;
    let pad = format!("/gemeenten/{g}/overstapplan");
    lees(user, &pad, "pagina /gemeenten/{code}/overstapplan").await
}

async fn landelijk_api(user: &mut GooseUser) -> TransactionResult {
    let pad = "/api/v1/landelijk/kansrijke-momenten";
    lees(user, pad, "api /landelijk/kansrijke-momenten").await
}

async fn landelijk_pagina(user: &mut GooseUser) -> TransactionResult {
    lees(user, "/landelijk", "pagina /landelijk").await
}

// --- bewerker ---

fn applicatie(id: &str, naam: &str, teller: u64) -> Value {
    json!({
        "id": id,
        "naam": naam,
        "referentiecomponenten": ["Zaakregistratiecomponent"],
        "einddatum": "2028-12-31",
        "opzegtermijnMaanden": 3,
        "verlengingMaanden": 12,
        "jaarlijkseKosten": 10_000 + teller,
    })
}

async fn start_bewerker(user: &mut GooseUser) -> TransactionResult {
    start_lid(user).await?;
    let p = persoon(user);
    let id = format!("last-{}-{}", omgeving().ronde, user.weighted_users_index);
    let naam = format!("Lastproef {id}");
    let pad = format!("/api/v1/gemeenten/{}/applicaties", p.gemeente);
    let body = applicatie(&id, &naam, 0);
    let antwoord = vraag(
        user,
        GooseMethod::Post,
        &pad,
        "api POST /gemeenten/{code}/applicaties",
        |b| b.json(&body),
        201,
    )
    .await?;
    if let Ok(r) = &antwoord.response
        && r.status() == 201
    {
        bevestig(format!("{pad}/{id}"), naam);
        user.get_session_data_unchecked_mut::<Persoon>().versie =
            etag(r).and_then(|e| e.parse().ok()).unwrap_or(1);
    }
    Ok(())
}

async fn applicatie_wijzigen(user: &mut GooseUser) -> TransactionResult {
    let p = persoon(user);
    let id = format!("last-{}-{}", omgeving().ronde, user.weighted_users_index);
    let pad = format!("/api/v1/gemeenten/{}/applicaties/{id}", p.gemeente);
    let naam = format!("Lastproef {id} wijziging {}", p.teller + 1);
    let body = applicatie(&id, &naam, p.teller + 1);
    let versie = p.versie;
    let naam_verzoek = "api PUT /gemeenten/{code}/applicaties/{id}";
    let antwoord = vervang(user, &pad, naam_verzoek, &versie.to_string(), &body).await?;
    let staat = user.get_session_data_unchecked_mut::<Persoon>();
    staat.teller += 1;
    if let Ok(r) = &antwoord.response
        && r.status() == 200
    {
        staat.versie = etag(r).and_then(|e| e.parse().ok()).unwrap_or(versie + 1);
        bevestig(pad, naam);
    }
    Ok(())
}

async fn scenario_bewaren(user: &mut GooseUser) -> TransactionResult {
    let p = persoon(user);
    let naam = format!(
        "Lastproef {} scenario {}",
        user.weighted_users_index, p.teller
    );
    let body = json!({"naam": naam, "scenario": {
        "gemeente": p.gemeente, "peildatum": "2027-01-01", "basisversie": "x", "wijzigingen": []}});
    let antwoord = match &p.scenario {
        None => {
            vraag(
                user,
                GooseMethod::Post,
                "/api/v1/scenarios",
                "api POST /scenarios",
                |b| b.json(&body),
                201,
            )
            .await?
        }
        Some((id, versie)) => {
            let pad = format!("/api/v1/scenarios/{id}");
            vervang(user, &pad, "api PUT /scenarios/{id}", versie, &body).await?
        }
    };
    let Ok(r) = antwoord.response else {
        return Ok(());
    };
    if !r.status().is_success() {
        return Ok(());
    }
    let versie = etag(&r).unwrap_or_default();
    let opgeslagen: Value = r.json().await.unwrap_or_default();
    if let Some(id) = opgeslagen["id"].as_str() {
        bevestig(format!("/api/v1/scenarios/{id}"), naam);
        let staat = user.get_session_data_unchecked_mut::<Persoon>();
        staat.scenario = Some((id.to_owned(), versie));
        staat.teller += 1;
    }
    Ok(())
}

/// One turn in ten imports 300 rows (a gemeente imports its landscape rarely, far less
/// than it edits); the others read the landscape.
async fn importeren(user: &mut GooseUser) -> TransactionResult {
    let p = persoon(user);
    user.get_session_data_unchecked_mut::<Persoon>()
        .importbeurten += 1;
    // Staggered by user: not every bewerker imports in the same second.
    if !(p.importbeurten + user.weighted_users_index as u64).is_multiple_of(10) {
        return landschap_api(user).await;
    }
    let mut csv = String::from(
        "id,naam,referentiecomponenten,einddatum,opzegtermijnMaanden,verlengingMaanden,jaarlijkseKosten\n",
    );
    for n in 0..300 {
        let einde = 2027 + n % 4;
        csv.push_str(&format!(
            "imp-{n},Import {n} ronde {},Zaakregistratiecomponent,{einde}-12-31,3,12,{}\n",
            p.importbeurten,
            1_000 + n
        ));
    }
    let pad = format!("/api/v1/gemeenten/{}/applicaties/import", p.gemeente);
    let antwoord = vraag(
        user,
        GooseMethod::Post,
        &pad,
        "api POST /gemeenten/{code}/applicaties/import (300 rijen)",
        |b| b.header("content-type", "text/csv").body(csv),
        200,
    )
    .await?;
    if antwoord.response.as_ref().is_ok_and(|r| r.status() == 200) {
        let teruglezen = format!("/api/v1/gemeenten/{}/applicaties/imp-7", p.gemeente);
        bevestig(teruglezen, format!("Import 7 ronde {}", p.importbeurten));
    }
    Ok(())
}

// --- regie ---

async fn start_regie(user: &mut GooseUser) -> TransactionResult {
    Persoon::nieuw(user, Some(omgeving().regie.clone()))?;
    // One regie user edits the Routekaart (each opgave in turn), the others read: two
    // would write the same opgave, and regie edits far less than it reads.
    if REGIE_NUMMER.fetch_add(1, Ordering::Relaxed) == 0 {
        user.get_session_data_unchecked_mut::<Persoon>().redacteur = true;
    }
    Ok(())
}

async fn contractvensters(user: &mut GooseUser) -> TransactionResult {
    let pad = "/api/v1/landelijk/contractvensters";
    lees(user, pad, "api /landelijk/contractvensters").await
}

/// Moves every date of the user's own opgave one day later, then back, alternately.
async fn routekaart_wijzigen(user: &mut GooseUser) -> TransactionResult {
    let p = persoon(user);
    if !p.redacteur {
        return landelijk_api(user).await;
    }
    let o = omgeving();
    let id = o.opgaven[(p.teller / 2) as usize % o.opgaven.len()].clone();
    let pad = format!("/api/v1/opgaven/{id}");
    let antwoord = vraag(
        user,
        GooseMethod::Get,
        &pad,
        "api /opgaven/{id}",
        |b| b,
        200,
    )
    .await?;
    let Ok(r) = antwoord.response else {
        return Ok(());
    };
    let Some(versie) = etag(&r) else {
        return Ok(());
    };
    let mut opgave: Value = r.json().await.unwrap_or_default();
    let dagen = if p.teller.is_multiple_of(2) { 1 } else { -1 };
    verschuif(&mut opgave, dagen);
    let naam = opgave["naam"].as_str().unwrap_or_default().to_owned();
    let antwoord = vervang(user, &pad, "api PUT /opgaven/{id}", &versie, &opgave).await?;
    if antwoord.response.as_ref().is_ok_and(|r| r.status() == 200) {
        bevestig(pad, naam);
    }
    user.get_session_data_unchecked_mut::<Persoon>().teller += 1;
    Ok(())
}

/// Every date of an opgave `dagen` later.
fn verschuif(opgave: &mut Value, dagen: i64) {
    let schuif = |v: &mut Value| {
        if let Some(d) = v.as_str().and_then(|s| s.parse::<chrono::NaiveDate>().ok()) {
            *v = json!((d + chrono::Duration::days(dagen)).to_string());
        }
    };
    for fase in ["ontwikkelfase", "opschalingsfase"] {
        for grens in ["start", "eind"] {
            schuif(&mut opgave[fase][grens]);
        }
    }
    if let Some(lijst) = opgave["activiteiten"].as_array_mut() {
        for a in lijst {
            schuif(&mut a["start"]);
            schuif(&mut a["eind"]);
        }
    }
    if let Some(lijst) = opgave["besluiten"].as_array_mut() {
        for b in lijst {
            schuif(&mut b["datum"]);
        }
    }
}

fn lees_omgeving() -> Omgeving {
    let waarde = |n: &str| {
        std::env::var(n).unwrap_or_else(|_| panic!("{n} ontbreekt: start via scripts/bench-last"))
    };
    let instanties: Vec<String> = waarde("LAST_INSTANTIES")
        .split(',')
        .map(str::to_owned)
        .collect();
    let tokens = std::fs::read_to_string(waarde("LAST_TOKENS")).expect("token file");
    let mut regie = String::new();
    let mut leden = Vec::new();
    for regel in tokens.lines() {
        if let Some((wie, token)) = regel.split_once(' ') {
            if wie == "regie" {
                regie = token.to_owned();
            } else {
                leden.push((wie.to_owned(), token.to_owned()));
            }
        }
    }
    assert!(
        !regie.is_empty() && !leden.is_empty(),
        "tokens ontbreken in LAST_TOKENS"
    );
    Omgeving {
        instanties,
        regie,
        leden,
        opgaven: Vec::new(),
        ronde: waarde("LAST_RONDE"),
    }
}

/// Reads every acknowledged write back from the last instance; returns the lost ones.
async fn verloren_schrijfacties(o: &Omgeving) -> (usize, Vec<String>) {
    let client = reqwest13::Client::new();
    let basis = o.instanties.last().expect("an instance");
    let bevestigd = BEVESTIGD
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let mut verloren = Vec::new();
    for (pad, naam) in &bevestigd {
        // A member's write is read with that gemeente's token, the rest as regie.
        let token = o
            .leden
            .iter()
            .find(|(g, _)| pad.contains(&format!("/gemeenten/{g}/")))
            .map_or(&o.regie, |(_, t)| t);
        let gelezen: Option<Value> = match client
            .get(format!("{basis}{pad}"))
            .bearer_auth(token)
            .send()
            .await
        {
            Ok(r) if r.status().is_success() => r.json().await.ok(),
            _ => None,
        };
        let gevonden = gelezen.as_ref().and_then(|v| v["naam"].as_str());
        if gevonden != Some(naam.as_str()) {
            verloren.push(format!("{pad}: verwacht '{naam}', gelezen {gevonden:?}"));
        }
    }
    (bevestigd.len(), verloren)
}

#[tokio::main]
async fn main() -> Result<(), GooseError> {
    let mut o = lees_omgeving();
    let opgaven: Value = reqwest13::get(format!("{}/api/v1/opgaven", o.instanties[0]))
        .await
        .expect("opgaven")
        .json()
        .await
        .expect("json");
    o.opgaven = opgaven
        .as_array()
        .or_else(|| opgaven["opgaven"].as_array())
        .expect("a list of opgaven")
        .iter()
        .filter_map(|x| x["id"].as_str().map(str::to_owned))
        .collect();
    let eerste = o.instanties[0].clone();
    OMGEVING.get_or_init(|| o);
    let pauze = (Duration::from_millis(500), Duration::from_millis(1500));
    let meter = gestolen::Meter::start();
    GooseAttack::initialize()?
        .set_default(GooseDefault::Host, eerste.as_str())?
        .register_scenario(
            scenario!("publiek")
                .set_weight(6)?
                .set_wait_time(pauze.0, pauze.1)?
                .register_transaction(transaction!(start_anoniem).set_on_start())
                .register_transaction(transaction!(routekaart).set_weight(3)?)
                .register_transaction(transaction!(catalogus).set_weight(2)?)
                .register_transaction(transaction!(opgavepagina).set_weight(2)?)
                .register_transaction(transaction!(opgaven_api)),
        )
        .register_scenario(
            scenario!("lid")
                .set_weight(8)?
                .set_wait_time(pauze.0, pauze.1)?
                .register_transaction(transaction!(start_lid).set_on_start())
                .register_transaction(transaction!(overstapplan_api).set_weight(3)?)
                .register_transaction(transaction!(landschap_api).set_weight(2)?)
                .register_transaction(transaction!(startpagina).set_weight(2)?)
                .register_transaction(transaction!(overstapplanpagina))
                .register_transaction(transaction!(landelijk_api))
                .register_transaction(transaction!(landelijk_pagina)),
        )
        .register_scenario(
            scenario!("bewerker")
                .set_weight(3)?
                .set_wait_time(pauze.0, pauze.1)?
                .register_transaction(transaction!(start_bewerker).set_on_start())
                .register_transaction(transaction!(applicatie_wijzigen).set_weight(3)?)
                .register_transaction(transaction!(overstapplan_api).set_weight(2)?)
                .register_transaction(transaction!(scenario_bewaren))
                .register_transaction(transaction!(importeren)),
        )
        .register_scenario(
            scenario!("regie")
                .set_weight(1)?
                .set_wait_time(pauze.0, pauze.1)?
                .register_transaction(transaction!(start_regie).set_on_start())
                .register_transaction(transaction!(landelijk_api).set_weight(3)?)
                .register_transaction(transaction!(contractvensters))
                .register_transaction(transaction!(routekaart_wijzigen)),
        )
        .execute()
        .await?;
    if let Some(meter) = meter {
        print!("{}", meter.rapport());
    }
    let (aantal, verloren) = verloren_schrijfacties(omgeving()).await;
    println!(
        "bevestigde schrijfacties teruggelezen: {aantal}, verloren: {}",
        verloren.len()
    );
    for v in verloren.iter().take(20) {
        println!("  verloren: {v}");
    }
    if !verloren.is_empty() {
        std::process::exit(1);
    }
    Ok(())
}
