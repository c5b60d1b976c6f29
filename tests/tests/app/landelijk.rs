//! The landelijk beeld from outside: it adds up exactly what each gemeente's own
//! overstapplan says, names only gemeenten that chose to be named, hides sums that would
//! reveal one gemeente's contract value, and follows every change at once, also through a
//! second instance on the same database.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{Datelike, NaiveDate};
use reqwest::StatusCode;
use serde_json::{Value, json};
use server::Db;
use server::demo::landschap::Opdracht;
use server::taken::landelijk_beeld::{self, Berekeningen};
use server::toegang::geheim::sha256_hex;

use crate::helpers::{TestApp, spawn_app, tweede_instantie};
use crate::toegang::maak_tokens;

const PEILDATUM: &str = "2026-01-01";

/// Generated landscapes for the first `aantal` gemeenten (by code); their codes.
async fn vul(db: &Db, aantal: usize, applicaties: usize) -> Vec<String> {
    vul_vanaf(db, aantal, applicaties, PEILDATUM.parse().expect("date")).await
}

/// Like [`vul`], with contracts that end after `vanaf`.
pub async fn vul_vanaf(
    db: &Db,
    aantal: usize,
    applicaties: usize,
    vanaf: NaiveDate,
) -> Vec<String> {
    let opdracht = Opdracht {
        applicaties,
        seed: 7,
        vanaf,
    };
    server::demo::vul_landschappen(db, opdracht, aantal)
        .await
        .expect("landscapes");
    let mut codes: Vec<String> = db
        .alle_gemeenten()
        .await
        .expect("gemeenten")
        .into_iter()
        .map(|g| g.code.to_string())
        .collect();
    codes.sort();
    codes.truncate(aantal);
    codes
}

/// A bearer token for a member of `code`.
pub async fn lid(db: &Db, code: &str) -> String {
    let token = format!("gp_test_lid_{code}");
    let gemeente = domain::GemeenteCode::parse(code).expect("code");
    db.maak_token(
        code,
        &sha256_hex(&token),
        domain::toegang::Toegangsrol::Gemeente,
        Some(&gemeente),
        1,
    )
    .await
    .expect("token");
    token
}

fn kwartaal(datum: &str) -> String {
    let d: NaiveDate = datum.parse().expect("date");
    format!("{}-Q{}", d.year(), d.month0() / 3 + 1)
}

/// The quarters before and after `q` (`2026-Q1` → `2025-Q4`, `2026-Q2`).
fn buren(q: &str) -> (String, String) {
    let jaar: i32 = q[..4].parse().expect("year");
    let n: i32 = q[6..].parse().expect("quarter");
    let schrijf = |i: i32| format!("{}-Q{}", i.div_euclid(4), i.rem_euclid(4) + 1);
    let i = jaar * 4 + n - 1;
    (schrijf(i - 1), schrijf(i + 1))
}

#[derive(Default, Debug, PartialEq)]
struct Cel {
    gemeenten: BTreeSet<String>,
    applicaties: usize,
    kosten: i64,
}

#[tokio::test]
async fn the_landelijk_beeld_adds_up_every_gemeentes_own_overstapplan() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let regie = maak_tokens(&db).await.regie;
    let codes = vul(&db, 24, 80).await;

    // The sum of the plans, each as its own gemeente reads it.
    let mut cellen: BTreeMap<(String, String), Cel> = BTreeMap::new();
    let mut afschaf: BTreeMap<&str, (usize, usize, i64)> = BTreeMap::new();
    for code in &codes {
        let plan = app
            .lees(
                &format!("/api/v1/gemeenten/{code}/overstapplan?peildatum={PEILDATUM}"),
                &regie,
            )
            .await;
        let landschap = app
            .lees(&format!("/api/v1/gemeenten/{code}/applicaties"), &regie)
            .await;
        let kosten = |id: &str| {
            landschap
                .as_array()
                .expect("list")
                .iter()
                .find(|a| a["id"] == id)
                .and_then(|a| a["jaarlijkseKosten"].as_i64())
                .expect("fees")
        };
        let mut afgeschaft = HashSet::new();
        for soort in ["ongebruikt", "overbodig"] {
            let lijst = plan[soort].as_array().expect("list");
            let telling = afschaf.entry(soort).or_default();
            if !lijst.is_empty() {
                telling.0 += lijst.len();
                telling.1 += 1;
                telling.2 += lijst
                    .iter()
                    .map(|a| a["jaarlijkseKosten"].as_i64().expect("fees"))
                    .sum::<i64>();
            }
            afgeschaft.extend(lijst.iter().map(|a| a["applicatie"].as_str().expect("id")));
        }
        for a in plan["applicaties"].as_array().expect("list") {
            let id = a["applicatie"].as_str().expect("id");
            if a["uitkomst"] != "overstap" || afgeschaft.contains(id) {
                continue;
            }
            let cel = cellen
                .entry((
                    a["component"].as_str().expect("component").to_owned(),
                    kwartaal(a["overstapmoment"].as_str().expect("date")),
                ))
                .or_default();
            cel.gemeenten.insert(code.clone());
            cel.applicaties += 1;
            cel.kosten += kosten(id);
        }
    }

    let drempel = 3;
    let beeld = app
        .lees(
            &format!(
                "/api/v1/landelijk/kansrijke-momenten?peildatum={PEILDATUM}&drempel={drempel}"
            ),
            &regie,
        )
        .await;
    assert_eq!(beeld["gemeentenMetLandschap"], codes.len());
    let mut gezien = 0;
    let mut kansrijk = 0;
    for reeks in beeld["componenten"].as_array().expect("list") {
        let component = reeks["component"].as_str().expect("id");
        let kwartalen = reeks["kwartalen"].as_array().expect("list");
        let aantal = |q: &str| {
            cellen
                .get(&(component.to_owned(), q.to_owned()))
                .map_or(0, |c| c.gemeenten.len())
        };
        for (i, cel) in kwartalen.iter().enumerate() {
            let q = cel["kwartaal"].as_str().expect("quarter");
            let verwacht = cellen
                .get(&(component.to_owned(), q.to_owned()))
                .unwrap_or_else(|| panic!("{component} {q} is in no plan"));
            let n = verwacht.gemeenten.len();
            assert_eq!(cel["gemeenten"], n, "{component} {q}");
            assert_eq!(cel["applicaties"], verwacht.applicaties, "{component} {q}");
            let kosten = if n >= 3 {
                json!(verwacht.kosten)
            } else {
                Value::Null
            };
            assert_eq!(cel["jaarlijkseKosten"], kosten, "{component} {q}");
            // Kansrijk: at the threshold and no neighbour higher (computed from the plans).
            let (vorige, volgende) = buren(q);
            let piek = n >= drempel && n >= aantal(&vorige) && n >= aantal(&volgende);
            assert_eq!(cel["kansrijk"], piek, "{component} {q}");
            if piek {
                kansrijk += 1;
                // Regie reads too, but no gemeente here chose to be named.
                assert_eq!(cel["cohort"]["genoemd"], json!([]));
                assert_eq!(cel["cohort"]["nietGenoemd"], n);
            }
            if i > 0 {
                assert!(kwartalen[i - 1]["kwartaal"].as_str() < Some(q), "in order");
            }
            gezien += 1;
        }
    }
    assert_eq!(
        gezien,
        cellen.len(),
        "every cell of the plans is in the beeld"
    );
    assert!(
        kansrijk > 0 && gezien > 10,
        "the data set is big enough to mean something"
    );
    assert!(afschaf["ongebruikt"].1 >= 3, "{afschaf:?}");
    for soort in ["ongebruikt", "overbodig"] {
        let (applicaties, gemeenten, kosten) = afschaf[soort];
        assert_eq!(beeld[soort]["applicaties"], applicaties, "{soort}");
        assert_eq!(beeld[soort]["gemeenten"], gemeenten, "{soort}");
        let zichtbaar = if gemeenten >= 3 {
            json!(kosten)
        } else {
            Value::Null
        };
        assert_eq!(beeld[soort]["jaarlijkseKosten"], zichtbaar, "{soort}");
    }
}

#[tokio::test]
async fn a_gemeente_that_does_not_share_is_named_nowhere_in_the_response() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let regie = maak_tokens(&db).await.regie;
    let codes = vul(&db, 12, 60).await;
    let (deelt, leest) = (&codes[0], &codes[1]);
    let token_deelt = lid(&db, deelt).await;
    let token_leest = lid(&db, leest).await;
    let pad = format!("/api/v1/gemeenten/{deelt}/zichtbaarheid");
    let keuze = app
        .http
        .put(app.url(&pad))
        .bearer_auth(&token_deelt)
        .json(&json!({"genoemdInCohorten": true}))
        .send()
        .await
        .expect("answers");
    assert_eq!(keuze.status(), StatusCode::OK);

    // A low threshold, so that nearly every gemeente is in some cohort.
    let vraag = format!("/api/v1/landelijk/kansrijke-momenten?peildatum={PEILDATUM}&drempel=1");
    for (lezer, token, eigen) in [
        ("regie", regie.as_str(), None),
        ("lid", token_leest.as_str(), Some(leest)),
    ] {
        let beeld = app.lees(&vraag, token).await;
        let tekst = beeld.to_string();
        let genoemd: BTreeSet<&str> = beeld["componenten"]
            .as_array()
            .expect("list")
            .iter()
            .flat_map(|r| r["kwartalen"].as_array().expect("list"))
            .filter_map(|c| c["cohort"]["genoemd"].as_array())
            .flatten()
            .map(|l| l["gemeente"].as_str().expect("code"))
            .collect();
        assert!(genoemd.contains(deelt.as_str()), "{lezer}: {deelt} shares");
        for code in &codes {
            let mag = code == deelt || Some(code) == eigen;
            assert_eq!(
                tekst.contains(code.as_str()),
                mag,
                "{lezer}: {code} named = {}",
                !mag
            );
        }
        // No sum of fees from fewer than three gemeenten.
        for cel in beeld["componenten"]
            .as_array()
            .expect("list")
            .iter()
            .flat_map(|r| r["kwartalen"].as_array().expect("list"))
        {
            if cel["gemeenten"].as_u64() < Some(3) {
                assert_eq!(cel["jaarlijkseKosten"], Value::Null, "{cel}");
            }
        }
    }
    // Anonymous callers see nothing; a malformed threshold is named.
    let anoniem = app.get(&vraag).await;
    assert_eq!(anoniem.status(), StatusCode::UNAUTHORIZED);
    let probleem = app
        .weigert("/api/v1/landelijk/kansrijke-momenten?drempel=0", &regie)
        .await;
    assert_eq!(probleem["invalidParams"][0]["name"], "drempel");
}

#[tokio::test]
async fn the_naming_choice_is_the_gemeentes_own_with_optimistic_concurrency() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let pad = "/api/v1/gemeenten/GM0344/zichtbaarheid";
    let zet = |token: &str, waarde: bool, etag: Option<&str>| {
        let mut v = app
            .http
            .put(app.url(pad))
            .bearer_auth(token)
            .json(&json!({"genoemdInCohorten": waarde}));
        if let Some(etag) = etag {
            v = v.header("If-Match", etag);
        }
        v.send()
    };
    let eerst = app
        .http
        .get(app.url(pad))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert_eq!(eerst.headers()["etag"], "\"0\"");
    assert_eq!(
        eerst.json::<Value>().await.expect("json"),
        json!({"genoemdInCohorten": false}),
        "default: counted, not named"
    );
    assert_eq!(
        zet(&tokens.amsterdam, true, None)
            .await
            .expect("answers")
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        zet(&tokens.regie, true, None)
            .await
            .expect("answers")
            .status(),
        StatusCode::FORBIDDEN
    );
    let gekozen = zet(&tokens.utrecht, true, None).await.expect("answers");
    assert_eq!(gekozen.status(), StatusCode::OK);
    assert_eq!(gekozen.headers()["etag"], "\"1\"");
    assert_eq!(
        zet(&tokens.utrecht, false, None)
            .await
            .expect("answers")
            .status(),
        StatusCode::PRECONDITION_REQUIRED
    );
    assert_eq!(
        zet(&tokens.utrecht, false, Some("\"7\""))
            .await
            .expect("answers")
            .status(),
        StatusCode::CONFLICT
    );
    let slecht = app
        .http
        .put(app.url(pad))
        .bearer_auth(&tokens.utrecht)
        .header("If-Match", "\"1\"")
        .json(&json!({"genoemd": "ja"}))
        .send()
        .await
        .expect("answers");
    assert!(slecht.status().is_client_error());
    assert_eq!(slecht.headers()["content-type"], "application/problem+json");
    let nu: Value = app
        .http
        .get(app.url(pad))
        .bearer_auth(&tokens.regie)
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    assert_eq!(
        nu,
        json!({"genoemdInCohorten": true}),
        "nothing half-written"
    );
}

#[tokio::test]
async fn on_postgresql_an_instance_brings_its_beeld_up_to_date_when_another_writes() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    vul(&db, 5, 20).await;
    // A second instance's beeld, made before it listens, then kept up to date; it gets no
    // request in this test.
    let berekeningen = Berekeningen::default();
    landelijk_beeld::verwarm(&db, &berekeningen).await;
    let voor = berekeningen
        .nieuwste_versie()
        .expect("made before it listens");
    let bijhouden = tokio::spawn(landelijk_beeld::houd_bij(
        db.clone(),
        berekeningen.clone(),
        app.database_url.clone(),
    ));
    if !app.database_url.starts_with("postgres") {
        // On SQLite every write goes through one server: nothing to follow.
        tokio::time::timeout(std::time::Duration::from_secs(5), bijhouden)
            .await
            .expect("ends at once on SQLite")
            .expect("without a panic");
        return;
    }
    let import = app
        .http
        .post(app.url("/api/v1/gemeenten/GM0344/applicaties/import"))
        .bearer_auth(&tokens.utrecht)
        .header("content-type", "text/csv")
        .body("naam,referentiecomponenten,einddatum,opzegtermijnMaanden,verlengingMaanden,jaarlijkseKosten\nZaaksysteem,Zaakregistratiecomponent,2027-12-31,3,12,50000\n")
        .send()
        .await
        .expect("answers");
    assert!(import.status().is_success(), "{}", import.status());
    let geschreven = db.gegevensversie().await.expect("version").versie;
    assert!(geschreven > voor, "the import raised the version");
    let begin = std::time::Instant::now();
    while berekeningen.nieuwste_versie() < Some(geschreven) {
        assert!(
            begin.elapsed() < std::time::Duration::from_secs(10),
            "the write was not followed: {:?} < {geschreven}",
            berekeningen.nieuwste_versie()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    bijhouden.abort();
}

/// The opgave Zaakgericht werken as the API gives it, with its ETag.
async fn zgw_lezen(app: &TestApp) -> (Value, String) {
    let antwoord = app.get("/api/v1/opgaven/zaakgericht-werken").await;
    let etag = antwoord.headers()["etag"]
        .to_str()
        .expect("etag")
        .to_owned();
    (antwoord.json::<Value>().await.expect("json"), etag)
}

/// Zaakgericht werken replaced by `zgw` (regie's `token`, If-Match `etag`).
async fn zgw_zetten(app: &TestApp, token: &str, zgw: &Value, etag: &str) -> reqwest::Response {
    app.http
        .put(app.url("/api/v1/opgaven/zaakgericht-werken"))
        .bearer_auth(token)
        .header("If-Match", etag)
        .json(zgw)
        .send()
        .await
        .expect("answers")
}

#[tokio::test]
async fn a_change_through_any_instance_is_in_the_next_answer_of_every_instance() {
    let app = spawn_app().await;
    let tweede = tweede_instantie(&app).await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let codes = vul(&db, 10, 60).await;
    let vraag = format!("/api/v1/landelijk/kansrijke-momenten?peildatum={PEILDATUM}");
    let voor = tweede.lees(&vraag, &tokens.regie).await;
    assert_eq!(voor["gemeentenMetLandschap"], 10);

    // A landscape written through the first instance is in the second's next answer.
    let import = app
        .http
        .post(app.url("/api/v1/gemeenten/GM0344/applicaties/import"))
        .bearer_auth(&tokens.utrecht)
        .header("content-type", "text/csv")
        .body("naam,referentiecomponenten,einddatum,opzegtermijnMaanden,verlengingMaanden,jaarlijkseKosten\nZaaksysteem,Zaakregistratiecomponent,2027-12-31,3,12,50000\n")
        .send()
        .await
        .expect("answers");
    assert!(import.status().is_success(), "{}", import.status());
    let na = tweede.lees(&vraag, &tokens.regie).await;
    assert_eq!(na["gemeentenMetLandschap"], 11);
    // The second instance replaced only Utrecht's part in what it kept; an instance that
    // counts every gemeente afresh answers the same.
    let derde = tweede_instantie(&app).await;
    assert_eq!(derde.lees(&vraag, &tokens.regie).await, na);
    // And removing it again (the second instance holds the landscapes it read and
    // reloads only Utrecht's).
    let weg = app
        .http
        .delete(app.url("/api/v1/gemeenten/GM0344/applicaties/zaaksysteem"))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert_eq!(weg.status(), StatusCode::NO_CONTENT);
    let zonder = tweede.lees(&vraag, &tokens.regie).await;
    assert_eq!(zonder["gemeentenMetLandschap"], 10);
    assert_eq!(zonder["componenten"], voor["componenten"], "back as it was");

    // Moving an opgave's fasen moves the overstapmomenten of what it delivers.
    let componenten_van = |beeld: &Value| beeld["componenten"].to_string();
    let (mut zgw, etag) = zgw_lezen(&app).await;
    for fase in ["ontwikkelfase", "opschalingsfase"] {
        for grens in ["start", "eind"] {
            let d: NaiveDate = zgw[fase][grens]
                .as_str()
                .expect("date")
                .parse()
                .expect("date");
            zgw[fase][grens] = json!((d + chrono::Days::new(730)).to_string());
        }
    }
    for a in zgw["activiteiten"].as_array_mut().expect("list") {
        for grens in ["start", "eind"] {
            let d: NaiveDate = a[grens].as_str().expect("date").parse().expect("date");
            a[grens] = json!((d + chrono::Days::new(730)).to_string());
        }
    }
    for b in zgw["besluiten"].as_array_mut().expect("list") {
        let d: NaiveDate = b["datum"].as_str().expect("date").parse().expect("date");
        b["datum"] = json!((d + chrono::Days::new(730)).to_string());
    }
    let verschoven = zgw_zetten(&app, &tokens.regie, &zgw, &etag).await;
    assert_eq!(
        verschoven.status(),
        StatusCode::OK,
        "{:?}",
        verschoven.text().await
    );
    let later = tweede.lees(&vraag, &tokens.regie).await;
    assert_ne!(componenten_van(&later), componenten_van(&na));
    let vensters = format!("/api/v1/landelijk/contractvensters?peildatum={PEILDATUM}");
    let als_vers = async |stap: &str| {
        let vers = tweede_instantie(&app).await;
        for pad in [&vraag, &vensters] {
            assert_eq!(
                tweede.lees(pad, &tokens.regie).await,
                vers.lees(pad, &tokens.regie).await,
                "{stap}: {pad}"
            );
        }
    };
    als_vers("na het verschuiven").await;

    // One gemeente with a landscape joins as coalitiepartner: only its ready dates move,
    // so the second instance makes only its part again, and answers as a fresh one.
    let (mut zgw, etag) = zgw_lezen(&app).await;
    let eerste = codes.first().expect("a gemeente with a landscape");
    let deelnemers = zgw["deelnemers"].as_array_mut().expect("deelnemers");
    deelnemers.retain(|d| d["gemeente"] != eerste.as_str());
    deelnemers.push(json!({"gemeente": eerste, "rol": "coalitiepartner"}));
    let aangemeld = zgw_zetten(&app, &tokens.regie, &zgw, &etag).await;
    assert_eq!(aangemeld.status(), StatusCode::OK);
    als_vers("na een aanmelding als coalitiepartner").await;
}

#[tokio::test]
async fn an_instance_that_keeps_a_landscape_follows_each_single_write_as_a_fresh_read_does() {
    let app = spawn_app().await;
    let tweede = tweede_instantie(&app).await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    vul(&db, 3, 20).await;
    const APPS: &str = "/api/v1/gemeenten/GM0344/applicaties";
    let import = app
        .http
        .post(app.url(&format!("{APPS}/import")))
        .bearer_auth(&tokens.utrecht)
        .header("content-type", "text/csv")
        .body("naam,referentiecomponenten,einddatum,opzegtermijnMaanden,verlengingMaanden,jaarlijkseKosten\n\
               Zaaksysteem,Zaakregistratiecomponent,2027-12-31,3,12,50000\n\
               Archief,,2028-06-30,6,12,20000\n\
               Burgerzaken,,2027-03-31,3,12,30000\n")
        .send()
        .await
        .expect("answers");
    assert!(import.status().is_success(), "{}", import.status());
    let vragen = [
        (APPS.to_owned(), tokens.utrecht.clone()),
        (
            format!("/api/v1/gemeenten/GM0344/overstapplan?peildatum={PEILDATUM}"),
            tokens.utrecht.clone(),
        ),
        (
            format!("/api/v1/landelijk/kansrijke-momenten?peildatum={PEILDATUM}"),
            tokens.regie.clone(),
        ),
        (
            format!("/api/v1/landelijk/contractvensters?peildatum={PEILDATUM}"),
            tokens.regie.clone(),
        ),
    ];
    // The second instance keeps what it read; after every write through the first, it
    // answers as an instance that reads everything afresh.
    let vergelijk = async |stap: &str| {
        let vers = tweede_instantie(&app).await;
        for (pad, token) in &vragen {
            assert_eq!(
                tweede.lees(pad, token).await,
                vers.lees(pad, token).await,
                "{stap}: {pad}"
            );
        }
    };
    vergelijk("na de import").await;
    let namen = async || -> Vec<String> {
        tweede
            .lees(APPS, &tokens.utrecht)
            .await
            .as_array()
            .map(|l| {
                l.iter()
                    .map(|a| a["naam"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let applicatie = |id: &str, naam: &str, kosten: i64| {
        json!({
            "id": id, "naam": naam, "referentiecomponenten": ["Zaakregistratiecomponent"],
            "einddatum": "2027-09-30", "opzegtermijnMaanden": 3, "verlengingMaanden": 12,
            "jaarlijkseKosten": kosten
        })
    };
    let zet = async |id: &str, naam: &str, kosten: i64| {
        let pad = format!("{APPS}/{id}");
        let bestaand = app.get_met_token(&pad, &tokens.utrecht).await;
        let verzoek = if bestaand.status() == StatusCode::OK {
            let etag = bestaand.headers()["etag"]
                .to_str()
                .expect("etag")
                .to_owned();
            app.http.put(app.url(&pad)).header("If-Match", etag)
        } else {
            app.http.post(app.url(APPS))
        };
        let antwoord = verzoek
            .bearer_auth(&tokens.utrecht)
            .json(&applicatie(id, naam, kosten))
            .send()
            .await
            .expect("answers");
        assert!(
            antwoord.status().is_success(),
            "{id}: {}",
            antwoord.status()
        );
    };
    let verwijder = async |id: &str| {
        let antwoord = app
            .http
            .delete(app.url(&format!("{APPS}/{id}")))
            .bearer_auth(&tokens.utrecht)
            .send()
            .await
            .expect("answers");
        assert_eq!(antwoord.status(), StatusCode::NO_CONTENT, "{id}");
    };

    zet("zaaksysteem", "Zaaksysteem", 60_000).await;
    vergelijk("een wijziging").await;
    zet("nieuw", "Nieuw", 10_000).await;
    verwijder("archief").await;
    vergelijk("een toevoeging en een verwijdering").await;
    assert_eq!(namen().await, ["Zaaksysteem", "Burgerzaken", "Nieuw"]);
    verwijder("zaaksysteem").await;
    zet("zaaksysteem", "Zaaksysteem opnieuw", 70_000).await;
    vergelijk("verwijderd en opnieuw toegevoegd").await;
    assert_eq!(
        namen().await,
        ["Burgerzaken", "Nieuw", "Zaaksysteem opnieuw"]
    );
}

#[tokio::test]
async fn regie_gets_the_compact_contract_windows_and_a_member_does_not() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    vul(&db, 10, 100).await;
    let pad = format!("/api/v1/landelijk/contractvensters?peildatum={PEILDATUM}");
    let lid = app
        .http
        .get(app.url(&pad))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert_eq!(lid.status(), StatusCode::FORBIDDEN);
    // Sent as JSON, made once: a second answer is the same, byte for byte.
    let mut antwoorden = Vec::new();
    for _ in 0..2 {
        let antwoord = app.get_met_token(&pad, &tokens.regie).await;
        assert_eq!(antwoord.status(), StatusCode::OK);
        assert_eq!(antwoord.headers()["content-type"], "application/json");
        antwoorden.push(antwoord.bytes().await.expect("body"));
    }
    assert_eq!(antwoorden[0], antwoorden[1]);
    let vensters: serde_json::Value = serde_json::from_slice(&antwoorden[0]).expect("json");
    let rijen = vensters["applicaties"].as_array().expect("list").len();
    assert!(
        rijen > 0 && rijen < 1000 / 2,
        "only the applicaties that follow the Routekaart: {rijen} of 1000"
    );
    for k in vensters["componenten"].as_array().expect("list") {
        assert_eq!(k["status"], "in_ontwikkeling", "{k}");
        assert!(k["opgave"].is_string(), "{k}");
    }
}
