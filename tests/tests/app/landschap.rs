//! A gemeente's landscape through the API: applicaties one at a time with optimistic
//! concurrency, whole files in (CSV, XLSX; all or nothing) and out (CSV without formula
//! injection), and the overstapplan of DOMAIN.md worked example A.

use reqwest::StatusCode;
use serde_json::{Value, json};
use server::Db;

use crate::helpers::{TestApp, python, spawn_app};
use crate::toegang::{Tokens, maak_tokens};

const APPS: &str = "/api/v1/gemeenten/GM0344/applicaties";

/// The GEMMA id of the Zaakregistratiecomponent; `None` without the reference data.
pub async fn zaakregistratie(app: &TestApp) -> Option<String> {
    let lijst: Vec<Value> = app
        .get("/api/v1/referentiecomponenten")
        .await
        .json()
        .await
        .expect("json");
    let id = lijst
        .iter()
        .find(|r| r["naam"] == "Zaakregistratiecomponent")
        .map(|r| r["id"].as_str().expect("id").to_owned());
    if id.is_none() {
        eprintln!("OVERGESLAGEN: de GEMMA-referentiecomponenten ontbreken");
    }
    id
}

/// Makes "Open Zaak" the component of worked example A: replaces zaakregistratie,
/// beschikbaar since 2021-06-01, 9 months of migration.
pub async fn open_zaak_als_voorbeeld_a(app: &TestApp, tokens: &Tokens, zaakregistratie: &str) {
    let bestaand = app.get("/api/v1/componenten/open-zaak").await;
    let component = json!({
        "id": "open-zaak", "naam": "Open Zaak", "laag": "services", "soort": "decentraal",
        "status": "beschikbaar", "beschikbaarVanaf": "2021-06-01", "migratieMaanden": 9,
        "migratieFte": 1.5, "jaarlijkseKosten": 40000, "vervangt": [zaakregistratie],
        "url": "https://github.com/open-zaak/open-zaak"
    });
    let verzoek = if bestaand.status() == StatusCode::OK {
        let etag = bestaand.headers()["etag"]
            .to_str()
            .expect("etag")
            .to_owned();
        app.http
            .put(app.url("/api/v1/componenten/open-zaak"))
            .header("If-Match", etag)
    } else {
        app.http.post(app.url("/api/v1/componenten"))
    };
    let antwoord = verzoek
        .bearer_auth(&tokens.regie)
        .json(&component)
        .send()
        .await
        .expect("answers");
    assert!(
        antwoord.status().is_success(),
        "{}",
        antwoord.text().await.unwrap_or_default()
    );
}

/// The tokens and the Zaakregistratiecomponent's id of `app`, with Open Zaak made the
/// component of worked example A; `None` without the reference data (the test is then
/// skipped, as [`zaakregistratie`] says).
pub async fn met_open_zaak(app: &TestApp) -> Option<(Tokens, String)> {
    let zaakregistratie = zaakregistratie(app).await?;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    open_zaak_als_voorbeeld_a(app, &tokens, &zaakregistratie).await;
    Some((tokens, zaakregistratie))
}

fn voorbeeld_a() -> Value {
    json!({
        "naam": "Zaaksysteem X", "leverancier": "Leverancier B.V.",
        "referentiecomponenten": ["Zaakregistratiecomponent"],
        "einddatum": "2025-12-31", "opzegtermijnMaanden": 6, "verlengingMaanden": 12,
        "jaarlijkseKosten": 120000, "inGebruik": true, "gebruikers": 150
    })
}

async fn lijst(app: &TestApp, token: &str) -> Vec<Value> {
    serde_json::from_value(lees(app, token, APPS).await).expect("a list")
}

/// GET `pad` with `token`, as JSON.
async fn lees(app: &TestApp, token: &str, pad: &str) -> Value {
    app.http
        .get(app.url(pad))
        .bearer_auth(token)
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn worked_example_a_as_an_applicatie_gives_its_overstapmoment_and_frictiekosten() {
    let app = spawn_app().await;
    let Some((tokens, zaakregistratie)) = met_open_zaak(&app).await else {
        return;
    };

    let gemaakt = app
        .http
        .post(app.url(APPS))
        .bearer_auth(&tokens.utrecht)
        .json(&voorbeeld_a())
        .send()
        .await
        .expect("answers");
    assert_eq!(gemaakt.status(), StatusCode::CREATED);
    assert_eq!(
        gemaakt.headers()["location"],
        "/api/v1/gemeenten/GM0344/applicaties/zaaksysteem-x"
    );
    let app_json: Value = gemaakt.json().await.expect("json");
    assert_eq!(app_json["referentiecomponenten"], json!([zaakregistratie]));
    assert_eq!(app_json["opzegtermijnMaanden"], 6);

    let plan = lees(
        &app,
        &tokens.utrecht,
        "/api/v1/gemeenten/GM0344/overstapplan?peildatum=2025-01-01",
    )
    .await;
    let x = &plan["applicaties"][0];
    assert_eq!(x["applicatie"], "zaaksysteem-x");
    assert_eq!(x["uitkomst"], "overstap");
    assert_eq!(x["component"], "open-zaak");
    assert_eq!(x["gereed"], "2025-10-01");
    assert_eq!(x["overstapmoment"], "2025-12-31");
    assert_eq!(x["opzeggenVoor"], "2025-06-30");
    assert_eq!(x["wachttijdDagen"], 91);
    assert_eq!(x["frictiekosten"], 29_918);
    assert_eq!(x["urgent"], false);
    assert!(plan["besparingPerJaar"].is_array() && plan["terugverdienjaar"].is_number());

    // The same plan as CSV and as a calendar (import into Outlook: RFC 5545 all-day events).
    let csv = app
        .http
        .get(app.url("/api/v1/gemeenten/GM0344/overstapplan/export?peildatum=2025-01-01"))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("text");
    assert!(
        csv.starts_with("applicatie,naam,uitkomst,component,gereed,overstapmoment,opzeggenVoor,")
    );
    assert!(
        csv.contains("zaaksysteem-x,Zaaksysteem X,overstap,open-zaak,2025-10-01,2025-12-31,2025-06-30,91,29918,,,nee,Open Zaak"),
        "{csv}"
    );
    // And as a workbook (the same writer as the landscape's, which imports back).
    let xlsx =
        app.http
            .get(app.url(
                "/api/v1/gemeenten/GM0344/overstapplan/export?peildatum=2025-01-01&formaat=xlsx",
            ))
            .bearer_auth(&tokens.utrecht)
            .send()
            .await
            .expect("answers");
    assert_eq!(
        xlsx.headers()["content-disposition"],
        "attachment; filename=\"overstapplan-GM0344.xlsx\""
    );
    assert!(xlsx.bytes().await.expect("bytes").starts_with(b"PK"));
    let agenda = app
        .http
        .get(app.url("/api/v1/gemeenten/GM0344/agenda.ics?peildatum=2025-01-01"))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert!(
        agenda.headers()["content-type"]
            .to_str()
            .expect("text")
            .starts_with("text/calendar")
    );
    let ics = agenda.text().await.expect("text");
    let gebeurtenis = |titel: &str| {
        ics.split("BEGIN:VEVENT")
            .find(|e| e.contains(&format!("SUMMARY:{titel}\r\n")))
            .unwrap_or_else(|| panic!("no event '{titel}' in {ics}"))
            .to_owned()
    };
    // Folded at 75 octets with CRLF, also where "vóór", "→" and "€" take several bytes.
    for regel in ics.split("\r\n").filter(|r| !r.is_empty()) {
        assert!(regel.len() <= 75 && !regel.contains('\n'), "{regel:?}");
    }
    let opzeggen = gebeurtenis("Opzeggen vóór vandaag: Zaaksysteem X");
    assert!(
        opzeggen.contains("DTSTART;VALUE=DATE:20250630\r\n")
            && opzeggen.contains("DTEND;VALUE=DATE:20250701\r\n"),
        "an all-day event on the deadline: {opzeggen}"
    );
    assert!(
        gebeurtenis("Overstapmoment: Zaaksysteem X → Open Zaak")
            .contains("DTSTART;VALUE=DATE:20251231")
    );
    assert_eq!(
        app.get("/api/v1/gemeenten/GM0344/agenda.ics")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let besluiten = app.get("/api/v1/besluiten.ics").await;
    assert_eq!(besluiten.status(), StatusCode::OK);
    let ics = besluiten.text().await.expect("text");
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("SUMMARY:Besluit: "));
    let gedocumenteerd = app.get("/api/v1/routekaart/besluiten.ics").await;
    assert_eq!(
        gedocumenteerd.status(),
        StatusCode::OK,
        "the path in the OpenAPI document"
    );

    // Worked example B: the same applicatie on 2025-08-01.
    let plan_b = lees(
        &app,
        &tokens.utrecht,
        "/api/v1/gemeenten/GM0344/overstapplan?peildatum=2025-08-01",
    )
    .await;
    assert_eq!(plan_b["applicaties"][0]["overstapmoment"], "2026-12-31");
    assert_eq!(plan_b["applicaties"][0]["frictiekosten"], 80_219);

    let problem = app
        .weigert(
            "/api/v1/gemeenten/GM0344/overstapplan?peildatum=2025-13-01",
            &tokens.utrecht,
        )
        .await;
    assert_eq!(problem["invalidParams"][0]["name"], "peildatum");
}

#[tokio::test]
async fn an_unknown_referentiecomponent_is_refused_with_the_names_it_may_have_meant() {
    let app = spawn_app().await;
    if zaakregistratie(&app).await.is_none() {
        return;
    }
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let mut body = voorbeeld_a();
    body["referentiecomponenten"] = json!(["Zaakafhandelcomponent"]);
    let antwoord = app
        .http
        .post(app.url(APPS))
        .bearer_auth(&tokens.utrecht)
        .json(&body)
        .send()
        .await
        .expect("answers");
    assert_eq!(antwoord.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let probleem: Value = antwoord.json().await.expect("problem");
    let reden = probleem["invalidParams"][0]["reason"]
        .as_str()
        .expect("a reason");
    assert!(
        reden.starts_with("onbekende referentiecomponent 'Zaakafhandelcomponent'; bedoelt u ")
            && reden.contains("'Generiek zaakafhandelcomponent'"),
        "{reden}"
    );
    assert!(
        lijst(&app, &tokens.utrecht).await.is_empty(),
        "nothing stored"
    );
}

#[tokio::test]
async fn an_applicatie_is_changed_with_its_etag_and_rules_are_named_by_field() {
    let app = spawn_app().await;
    let Some(_) = zaakregistratie(&app).await else {
        return;
    };
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let gemaakt = app
        .http
        .post(app.url(APPS))
        .bearer_auth(&tokens.utrecht)
        .json(&voorbeeld_a())
        .send()
        .await
        .expect("answers");
    let etag = gemaakt.headers()["etag"].to_str().expect("etag").to_owned();
    let pad = format!("{APPS}/zaaksysteem-x");
    let wijzig = |body: Value, etag: Option<String>| {
        let mut v = app
            .http
            .put(app.url(&pad))
            .bearer_auth(&tokens.utrecht)
            .json(&body);
        if let Some(etag) = etag {
            v = v.header("If-Match", etag);
        }
        v.send()
    };

    let mut ongeldig = voorbeeld_a();
    ongeldig["startdatum"] = json!("2026-01-01");
    ongeldig["referentiecomponenten"] = json!(["Tovercomponent"]);
    let antwoord = wijzig(ongeldig, Some(etag.clone())).await.expect("answers");
    assert_eq!(antwoord.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = antwoord.json().await.expect("json");
    let namen: Vec<&str> = problem["invalidParams"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(namen, ["referentiecomponenten", "einddatum"]);

    assert_eq!(
        wijzig(voorbeeld_a(), None).await.expect("answers").status(),
        StatusCode::PRECONDITION_REQUIRED
    );
    let mut later = voorbeeld_a();
    later["einddatum"] = json!("2026-12-31");
    let goed = wijzig(later.clone(), Some(etag.clone()))
        .await
        .expect("answers");
    assert_eq!(goed.status(), StatusCode::OK);
    assert_eq!(
        wijzig(later, Some(etag)).await.expect("answers").status(),
        StatusCode::CONFLICT,
        "a stale ETag changes nothing"
    );
    let nu = lijst(&app, &tokens.utrecht).await;
    assert_eq!(nu.len(), 1);
    assert_eq!(nu[0]["einddatum"], "2026-12-31");

    let dubbel = app
        .http
        .post(app.url(APPS))
        .bearer_auth(&tokens.utrecht)
        .json(&json!({"id": "zaaksysteem-x", "naam": "Ander", "einddatum": "2027-01-31"}))
        .send()
        .await
        .expect("answers");
    assert_eq!(dubbel.status(), StatusCode::CONFLICT);

    let weg = app
        .http
        .delete(app.url(&pad))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert_eq!(weg.status(), StatusCode::NO_CONTENT);
    let weer = app
        .http
        .delete(app.url(&pad))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert_eq!(weer.status(), StatusCode::NOT_FOUND);
}

async fn importeer(app: &TestApp, token: &str, body: Vec<u8>, query: &str) -> reqwest::Response {
    importeer_op(app, token, body, query, None).await
}

/// [`importeer`] tied to the landscape version `etag` (a preview's).
async fn importeer_op(
    app: &TestApp,
    token: &str,
    body: Vec<u8>,
    query: &str,
    etag: Option<&str>,
) -> reqwest::Response {
    let mut verzoek = app
        .http
        .post(app.url(&format!("{APPS}/import{query}")))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(body);
    if let Some(etag) = etag {
        verzoek = verzoek.header("if-match", etag);
    }
    verzoek.send().await.expect("answers")
}

#[tokio::test]
async fn a_landscape_file_imports_all_or_nothing_and_exports_without_formulas() {
    let app = spawn_app().await;
    let Some(_) = zaakregistratie(&app).await else {
        return;
    };
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;

    let goed = "naam;leverancier;referentiecomponenten;einddatum;opzegtermijnMaanden;verlengingMaanden;jaarlijkseKosten;inGebruik;gebruikers\n\
                Zaaksysteem X;Leverancier B.V.;Zaakregistratiecomponent;31-12-2025;6;12;120.000;ja;150\n\
                =SOM(A1);@evil;;2026-06-30;3;0;5000;nee;0\n";
    let verslag = importeer(&app, &tokens.utrecht, goed.as_bytes().to_vec(), "").await;
    assert_eq!(verslag.status(), StatusCode::OK);
    let verslag: Value = verslag.json().await.expect("json");
    assert_eq!(
        verslag,
        json!({"toegevoegd": 2, "bijgewerkt": 0, "verwijderd": 0, "aanTeVullen": 0})
    );
    let voor = lijst(&app, &tokens.utrecht).await;

    let fout = "naam,startdatum,einddatum,jaarlijkseKosten\n\
                Goed,,2027-12-31,10\n\
                Verkeerd,2026-01-01,2025-12-31,10\n\
                Datum,,31/12/2025,10\n";
    let antwoord = importeer(&app, &tokens.utrecht, fout.as_bytes().to_vec(), "").await;
    assert_eq!(antwoord.status(), StatusCode::BAD_REQUEST);
    let problem: Value = antwoord.json().await.expect("json");
    assert_eq!(
        problem["invalidParams"],
        json!([
            {"name": "rij 4: einddatum", "reason": "'31/12/2025' is geen datum (JJJJ-MM-DD)"}
        ])
    );
    let regel = "naam,startdatum,einddatum\nGoed,,2027-12-31\nVerkeerd,2026-01-01,2025-12-31\n";
    let problem: Value = importeer(&app, &tokens.utrecht, regel.as_bytes().to_vec(), "")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(problem["invalidParams"][0]["name"], "rij 3: einddatum");
    assert_eq!(
        problem["invalidParams"][0]["reason"],
        "einddatum 2025-12-31 ligt voor startdatum 2026-01-01"
    );
    assert_eq!(
        lijst(&app, &tokens.utrecht).await,
        voor,
        "nothing of a bad file is stored"
    );

    let export = app
        .http
        .get(app.url(&format!("{APPS}/export")))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert_eq!(export.status(), StatusCode::OK);
    assert!(
        export.headers()["content-type"]
            .to_str()
            .expect("text")
            .starts_with("text/csv")
    );
    let csv = export.text().await.expect("text");
    assert!(csv.starts_with("id,naam,leverancier,referentiecomponenten,startdatum,einddatum,"));
    assert!(csv.contains("'=SOM(A1),'@evil"), "{csv}");

    // The export read back replaces each applicatie by id: nothing added.
    let terug: Value = importeer(&app, &tokens.utrecht, csv.into_bytes(), "")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        terug,
        json!({"toegevoegd": 0, "bijgewerkt": 2, "verwijderd": 0, "aanTeVullen": 0})
    );
    let vervangen: Value = importeer(
        &app,
        &tokens.utrecht,
        b"naam,einddatum\nEnige,2029-01-31\n".to_vec(),
        "?vervangen=true",
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(
        vervangen,
        json!({"toegevoegd": 1, "bijgewerkt": 0, "verwijderd": 2, "aanTeVullen": 0})
    );
    assert_eq!(lijst(&app, &tokens.utrecht).await.len(), 1);

    let te_groot = importeer(&app, &tokens.utrecht, vec![b'a'; 21 * 1024 * 1024], "").await;
    assert_eq!(te_groot.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let kapot = importeer(&app, &tokens.utrecht, b"PK\x03\x04kapot".to_vec(), "").await;
    assert_eq!(kapot.status(), StatusCode::BAD_REQUEST);
    assert_eq!(kapot.headers()["content-type"], "application/problem+json");
    assert_eq!(lijst(&app, &tokens.utrecht).await.len(), 1);
}

/// Saves scenario `body` (`{"naam", "scenario"}`) for Utrecht and makes a share link to
/// it: (the scenario's id, the link's token).
#[tokio::test]
async fn a_dry_run_shows_what_an_import_would_change_and_the_import_applies_exactly_that() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let eerst = "id;naam;einddatum;jaarlijkseKosten\n\
                 zaaksysteem-x;Zaaksysteem X;2025-12-31;120000\n\
                 archief;Archief;2027-06-30;5000\n";
    let antwoord = importeer(&app, &tokens.utrecht, eerst.as_bytes().to_vec(), "").await;
    assert_eq!(antwoord.status(), StatusCode::OK);
    let voor = lijst(&app, &tokens.utrecht).await;

    // Replacing: Zaaksysteem X gets another einddatum, Archief goes, Burgerzaken comes.
    let daarna = "id;naam;einddatum;jaarlijkseKosten\n\
                  zaaksysteem-x;Zaaksysteem X;2026-06-30;120000\n\
                  burgerzaken;Burgerzaken;2028-01-31;80000\n";
    let proef = importeer(
        &app,
        &tokens.utrecht,
        daarna.as_bytes().to_vec(),
        "?vervangen=true&proefdraai=true",
    )
    .await;
    assert_eq!(proef.status(), StatusCode::OK);
    let etag = proef.headers()["etag"].to_str().expect("etag").to_owned();
    let voorbeeld: Value = proef.json().await.expect("json");
    assert_eq!(voorbeeld["toegevoegd"], json!(["Burgerzaken"]));
    assert_eq!(voorbeeld["verwijderd"], json!(["Archief"]));
    assert_eq!(voorbeeld["ongewijzigd"], 0);
    assert_eq!(
        voorbeeld["gewijzigd"],
        json!([{"naam": "Zaaksysteem X", "velden": [
            {"veld": "einddatum", "voor": "2025-12-31", "na": "2026-06-30"}
        ]}]),
        "field by field"
    );
    assert_eq!(etag, format!("\"{}\"", voorbeeld["versie"]));
    assert_eq!(
        lijst(&app, &tokens.utrecht).await,
        voor,
        "a dry run stores nothing"
    );

    // A change in between: the import of the preview is refused and changes nothing.
    let tussendoor = importeer(
        &app,
        &tokens.utrecht,
        "naam;einddatum\nNieuw;2029-01-01\n".as_bytes().to_vec(),
        "",
    )
    .await;
    assert_eq!(tussendoor.status(), StatusCode::OK);
    let na_tussendoor = lijst(&app, &tokens.utrecht).await;
    let oud = importeer_op(
        &app,
        &tokens.utrecht,
        daarna.as_bytes().to_vec(),
        "?vervangen=true",
        Some(&etag),
    )
    .await;
    assert_eq!(oud.status(), StatusCode::CONFLICT);
    assert_eq!(lijst(&app, &tokens.utrecht).await, na_tussendoor);

    // Seen again, and imported with that version: exactly what the preview said.
    let proef = importeer(
        &app,
        &tokens.utrecht,
        daarna.as_bytes().to_vec(),
        "?vervangen=true&proefdraai=true",
    )
    .await;
    let etag = proef.headers()["etag"].to_str().expect("etag").to_owned();
    let voorbeeld: Value = proef.json().await.expect("json");
    assert_eq!(voorbeeld["verwijderd"], json!(["Archief", "Nieuw"]));
    let verslag: Value = importeer_op(
        &app,
        &tokens.utrecht,
        daarna.as_bytes().to_vec(),
        "?vervangen=true",
        Some(&etag),
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(
        verslag,
        json!({"toegevoegd": 1, "bijgewerkt": 1, "verwijderd": 2, "aanTeVullen": 0})
    );
    let namen: Vec<Value> = lijst(&app, &tokens.utrecht)
        .await
        .iter()
        .map(|a| a["naam"].clone())
        .collect();
    assert_eq!(namen, [json!("Zaaksysteem X"), json!("Burgerzaken")]);
}

#[tokio::test]
async fn the_export_names_the_functions_and_imports_back_unchanged_as_csv_and_xlsx() {
    let app = spawn_app().await;
    let Some(zaakregistratie) = zaakregistratie(&app).await else {
        return;
    };
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let bestand = "naam;leverancier;referentiecomponenten;einddatum;opzegtermijnMaanden;jaarlijkseKosten\n\
                   Zaaksysteem X;Leverancier B.V.;Zaakregistratiecomponent;2025-12-31;6;120000\n\
                   Archief;;;2027-06-30;3;5000\n";
    let antwoord = importeer(&app, &tokens.utrecht, bestand.as_bytes().to_vec(), "").await;
    assert_eq!(antwoord.status(), StatusCode::OK);
    let exporteer = |formaat: &'static str| {
        let (http, url, token) = (
            app.http.clone(),
            app.url(&format!("{APPS}/export?formaat={formaat}")),
            tokens.utrecht.clone(),
        );
        async move {
            http.get(url)
                .bearer_auth(token)
                .send()
                .await
                .expect("answers")
        }
    };
    let csv = exporteer("csv").await.bytes().await.expect("csv").to_vec();
    let tekst = String::from_utf8(csv.clone()).expect("utf-8");
    let kop = tekst.lines().next().expect("header");
    assert!(kop.ends_with(",functies (GEMMA-namen)"), "{kop}");
    let rij = tekst
        .lines()
        .find(|r| r.contains("Zaaksysteem X"))
        .expect("row");
    assert!(
        rij.contains(&zaakregistratie) && rij.ends_with(",Zaakregistratiecomponent"),
        "the Object ID and the name: {rij}"
    );
    let xlsx = exporteer("xlsx").await;
    assert_eq!(
        xlsx.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let xlsx = xlsx.bytes().await.expect("xlsx").to_vec();
    assert!(xlsx.starts_with(b"PK"), "a zip file");
    // Each imports back to the same landscape: the dry run finds nothing to change.
    for (naam, bytes) in [("csv", csv), ("xlsx", xlsx)] {
        let voorbeeld: Value = importeer(
            &app,
            &tokens.utrecht,
            bytes,
            "?vervangen=true&proefdraai=true",
        )
        .await
        .json()
        .await
        .expect("json");
        assert_eq!(
            (
                &voorbeeld["toegevoegd"],
                &voorbeeld["gewijzigd"],
                &voorbeeld["verwijderd"],
                &voorbeeld["ongewijzigd"]
            ),
            (&json!([]), &json!([]), &json!([]), &json!(2)),
            "{naam}: {voorbeeld}"
        );
    }
    let onbekend = exporteer("pdf").await;
    assert_eq!(onbekend.status(), StatusCode::BAD_REQUEST);
    let probleem: Value = onbekend.json().await.expect("problem");
    assert_eq!(probleem["invalidParams"][0]["name"], "formaat");
}

async fn bewaar_en_deel(app: &TestApp, tokens: &Tokens, body: &Value) -> (String, String) {
    let gemaakt: Value = app
        .http
        .post(app.url("/api/v1/scenarios"))
        .bearer_auth(&tokens.utrecht)
        .json(body)
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    let id = gemaakt["id"].as_str().expect("saved").to_owned();
    let link: Value = app
        .http
        .post(app.url(&format!("/api/v1/scenarios/{id}/deellinks")))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    let token = link["token"].as_str().expect("token").to_owned();
    (id, token)
}

#[tokio::test]
async fn a_shared_scenario_on_a_changed_base_is_replayed_and_shows_its_conflicts() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let body = json!({
        "naam": "Oud plan",
        "scenario": {
            "gemeente": "GM0344", "peildatum": "2026-01-01", "basisversie": "rk-oud",
            "wijzigingen": [
                {"soort": "rol", "opgave": "zaakgericht-werken", "rol": "coalitiepartner"},
                {"soort": "tijdlijn", "bewerking": {"soort": "verplaats", "activiteit": "bestaat-niet", "start": "2026-03-02"}}
            ]
        }
    });
    let (_, token) = bewaar_en_deel(&app, &tokens, &body).await;
    let html = app
        .get(&format!("/plan/{token}"))
        .await
        .text()
        .await
        .expect("html");
    assert!(html.contains("De Routekaart is gewijzigd sinds dit plan werd gemaakt"));
    assert!(
        html.contains("Activiteit bestaat-niet begint op 2 maart 2026: er is geen activiteit"),
        "the skipped edit is a conflict"
    );
    assert!(
        html.contains("id=\"overstapplan\""),
        "and the plan is worked out all the same"
    );
}

#[tokio::test]
async fn two_saved_scenarios_are_compared_side_by_side_for_members_only() {
    let app = spawn_app().await;
    let Some((tokens, _)) = met_open_zaak(&app).await else {
        return;
    };
    app.http
        .post(app.url(APPS))
        .bearer_auth(&tokens.utrecht)
        .json(&voorbeeld_a())
        .send()
        .await
        .expect("answers");
    let maak = |naam: &str, peildatum: &str| {
        app.http
            .post(app.url("/api/v1/scenarios"))
            .bearer_auth(&tokens.utrecht)
            .json(&json!({"naam": naam, "scenario": {
                "gemeente": "GM0344", "peildatum": peildatum, "basisversie": "x", "wijzigingen": []}}))
            .send()
    };
    let a: Value = maak("Begin 2025", "2025-01-01")
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    let b: Value = maak("Zomer 2025", "2025-08-01")
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    crate::toegang::maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    let (_, cookie, _) = crate::toegang::log_in(&app, "ib@utrecht.nl", "een lang wachtwoord").await;
    let pad = format!(
        "/gemeenten/GM0344/scenarios?a={}&b={}",
        a["id"].as_str().expect("id"),
        b["id"].as_str().expect("id")
    );
    let html = app
        .http
        .get(app.url(&pad))
        .header("cookie", cookie.expect("cookie"))
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("html");
    // Worked examples A and B side by side: 31 December 2025 and 2026, a year apart.
    assert!(
        html.contains("31 dec. 2025")
            && html.contains("31 dec. 2026")
            && html.contains("365 dagen later"),
        "{html}"
    );
    assert_eq!(app.get(&pad).await.status(), StatusCode::UNAUTHORIZED);
}

/// DOMAIN.md section 5 across the wire: a draft made on the Routekaart page (its own draft
/// functions, on the basis the page loads) works out through its share link, and through
/// the API, exactly as the page showed it. Random drafts from a fixed seed
/// (`SCENARIO_ZAAD` picks another).
#[tokio::test]
async fn what_the_page_shows_for_a_draft_is_what_its_share_link_shows_after_saving() {
    use domain::contract::Planbasis;
    use domain::scenario::Scenario;
    use domain::tijdlijn::Bewerking;
    use domain::{Capaciteit, Rol};
    use rand::{Rng, SeedableRng, seq::IndexedRandom};

    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    // A landscape with an applicatie for every referentiecomponent the catalogue replaces,
    // so that rollen and the Routekaart move overstapmomenten.
    let referentie: Vec<Value> = app
        .get("/api/v1/referentiecomponenten")
        .await
        .json()
        .await
        .expect("json");
    let componenten: Vec<Value> = app
        .get("/api/v1/componenten")
        .await
        .json()
        .await
        .expect("json");
    for (i, naam) in componenten
        .iter()
        .flat_map(|k| k["vervangt"].as_array().cloned().unwrap_or_default())
        .filter_map(|id| referentie.iter().find(|r| r["id"] == id))
        .filter_map(|r| r["naam"].as_str())
        .enumerate()
    {
        let antwoord = app
            .http
            .post(app.url(APPS))
            .bearer_auth(&tokens.utrecht)
            .json(&json!({
                "naam": format!("Applicatie {i}"), "referentiecomponenten": [naam],
                "einddatum": format!("{}-12-31", 2026 + i % 5), "opzegtermijnMaanden": 6,
                "verlengingMaanden": 12, "jaarlijkseKosten": 50_000 + 10_000 * i, "inGebruik": true
            }))
            .send()
            .await
            .expect("answers");
        assert!(antwoord.status().is_success(), "applicatie {i}");
    }
    crate::toegang::maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    let (_, cookie, _) = crate::toegang::log_in(&app, "ib@utrecht.nl", "een lang wachtwoord").await;
    let cookie = cookie.expect("cookie");
    let server_fn = |pad: &'static str, veld: &'static str, waarde: String| {
        let verzoek = app
            .http
            .post(app.url(pad))
            .header("cookie", &cookie)
            .form(&[(veld, waarde)]);
        async move {
            let antwoord = verzoek.send().await.expect("answers");
            assert!(antwoord.status().is_success(), "{pad}");
            antwoord.json::<Value>().await.expect("json")
        }
    };
    // What the page loads for its what-if.
    let pagina: Planbasis =
        serde_json::from_value(server_fn("/fn/wat-als", "gemeente", "GM0344".into()).await)
            .expect("a plan basis");
    let basis = pagina.basis;
    assert!(!basis.applicaties.is_empty() && !basis.routekaart.is_empty());
    let activiteiten: Vec<_> = basis
        .routekaart
        .iter()
        .flat_map(|o| &o.activiteiten)
        .map(|a| (a.id.clone(), a.periode.start()))
        .collect();
    let zaad = std::env::var("SCENARIO_ZAAD")
        .ok()
        .and_then(|z| z.parse().ok())
        .unwrap_or(13_u64);
    let mut rng = rand::rngs::StdRng::seed_from_u64(zaad);
    let mut verschillend = std::collections::HashSet::new();
    for ronde in 0..8 {
        // The page: timeline steps, rollen and a capaciteit, as the panel records them.
        let mut concept = Scenario::concept(
            domain::GemeenteCode::parse("GM0344").expect("code"),
            pagina.peildatum,
            &basis,
        );
        let mut stappen = Vec::new();
        for _ in 0..rng.random_range(1..10) {
            match rng.random_range(0..3) {
                0 => {
                    let (activiteit, start) = activiteiten.choose(&mut rng).expect("some").clone();
                    stappen.push(Bewerking::Verplaats {
                        activiteit,
                        start: start + chrono::Days::new(rng.random_range(1..400)),
                    });
                }
                1 => {
                    let opgave = basis.routekaart.choose(&mut rng).expect("some").id.clone();
                    let rol = *[None, Some(Rol::Coalitiepartner), Some(Rol::EersteGebruiker)]
                        .choose(&mut rng)
                        .expect("some");
                    concept.kies_rol(&basis, opgave, rol);
                }
                _ => {
                    let capaciteit = Capaciteit::new(
                        f64::from(rng.random_range(0..16_u32)) / 4.0,
                        rng.random_range(0..500_000),
                    )
                    .expect("in range");
                    concept.zet_capaciteit(&basis, capaciteit);
                }
            }
            concept.zet_tijdlijn(&stappen);
        }
        let getoond = concept.werk_uit(&basis).plan;
        verschillend.insert(serde_json::to_string(&getoond).expect("json"));

        // Saved as the page saves it, shared, and opened through the link.
        let body = json!({ "naam": format!("Plan {ronde}"), "scenario": concept });
        let (id, token) = bewaar_en_deel(&app, &tokens, &body).await;
        let gedeeld = server_fn("/fn/gedeeld", "token", token).await;
        let opgeslagen: Scenario =
            serde_json::from_value(gedeeld["scenario"].clone()).expect("a scenario");
        let gedeelde_basis: domain::scenario::Basis =
            serde_json::from_value(gedeeld["basis"].clone()).expect("a basis");
        assert_eq!(opgeslagen, concept, "round {ronde}: the saved draft");
        assert_eq!(
            opgeslagen.werk_uit(&gedeelde_basis).plan,
            getoond,
            "round {ronde}: the share link shows what the page showed"
        );
        let via_api = lees(
            &app,
            &tokens.utrecht,
            &format!(
                "/api/v1/gemeenten/GM0344/overstapplan?scenario={id}&peildatum={}",
                pagina.peildatum
            ),
        )
        .await;
        assert_eq!(
            via_api,
            serde_json::to_value(&getoond).expect("json"),
            "round {ronde}: the API works it out the same"
        );
    }
    assert!(verschillend.len() > 1, "the drafts differ in outcome");
}

#[tokio::test]
async fn the_landscape_as_archimate_reads_in_another_library_and_imports_back_unchanged() {
    let app = spawn_app().await;
    let Some((tokens, zaakregistratie)) = met_open_zaak(&app).await else {
        return;
    };
    let gemaakt = app
        .http
        .post(app.url(APPS))
        .bearer_auth(&tokens.utrecht)
        .json(&voorbeeld_a())
        .send()
        .await
        .expect("answers");
    assert_eq!(gemaakt.status(), StatusCode::CREATED);

    let antwoord = app
        .http
        .get(app.url(&format!("{APPS}/export?formaat=archimate")))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert_eq!(antwoord.status(), StatusCode::OK);
    assert_eq!(
        antwoord.headers()["content-disposition"],
        "attachment; filename=\"applicaties-GM0344.xml\""
    );
    let xml = antwoord.bytes().await.expect("bytes").to_vec();
    let map = tempfile::tempdir().expect("tempdir");
    let pad = map.path().join("landschap.xml");
    std::fs::write(&pad, &xml).expect("write");

    // pyArchimate reads the file: the applicatie, its GEMMA function, its contract and
    // the plan's outcome, as the overstapplan of the same day gives it.
    let model = python("archimate_lezen.py", &pad);
    assert_eq!(model["naam"], "Applicatielandschap Utrecht");
    let element = |naam: &str| {
        model["elementen"]
            .as_array()
            .expect("elements")
            .iter()
            .find(|e| e["naam"] == naam)
            .unwrap_or_else(|| panic!("no element '{naam}' in {model}"))
            .clone()
    };
    let zaak = element("Zaaksysteem X");
    assert_eq!(zaak["type"], "ApplicationComponent");
    assert_eq!(zaak["id"], "gp-zaaksysteem-x", "a stable identifier");
    let eigenschappen = &zaak["eigenschappen"];
    assert_eq!(eigenschappen["Einddatum"], "2025-12-31");
    assert_eq!(eigenschappen["Opzegtermijn (maanden)"], "6");
    assert_eq!(eigenschappen["Jaarlijkse kosten"], "120000");
    let plan = lees(
        &app,
        &tokens.utrecht,
        "/api/v1/gemeenten/GM0344/overstapplan",
    )
    .await;
    let x = &plan["applicaties"][0];
    assert_eq!(eigenschappen["Grondplan uitkomst"], x["uitkomst"]);
    assert_eq!(eigenschappen["Overstappen naar"], "Open Zaak");
    assert_eq!(eigenschappen["Overstapmoment"], x["overstapmoment"]);
    assert_eq!(eigenschappen["Opzeggen vóór"], x["opzeggenVoor"]);
    let functie = element("Zaakregistratiecomponent");
    assert_eq!(
        functie["eigenschappen"]["Object ID"],
        zaakregistratie.as_str()
    );
    assert_eq!(
        functie["id"],
        format!("id-{zaakregistratie}"),
        "as GEMMA names it"
    );
    assert_eq!(
        model["relaties"],
        json!([{"id": format!("gp-zaaksysteem-x--id-{zaakregistratie}"), "type": "Specialization",
                "bron": "Zaaksysteem X", "doel": "Zaakregistratiecomponent"}])
    );

    // Grondplan's own importer reads it back as the same landscape.
    let voorbeeld: Value = importeer(
        &app,
        &tokens.utrecht,
        xml,
        "?vervangen=true&proefdraai=true",
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(
        (
            &voorbeeld["toegevoegd"],
            &voorbeeld["gewijzigd"],
            &voorbeeld["verwijderd"],
            &voorbeeld["ongewijzigd"]
        ),
        (&json!([]), &json!([]), &json!([]), &json!(1)),
        "{voorbeeld}"
    );
}

#[tokio::test]
async fn an_archimate_file_with_a_relation_to_nothing_is_refused_by_line_and_stores_nothing() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let xml = r#"<?xml version="1.0"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <elements>
    <element identifier="id-a" xsi:type="ApplicationComponent"><name>Zaaksysteem X</name></element>
  </elements>
  <relationships>
    <relationship identifier="r1" source="id-a" target="id-weg" xsi:type="Specialization"/>
  </relationships>
</model>"#;
    let antwoord = importeer(&app, &tokens.utrecht, xml.as_bytes().to_vec(), "").await;
    assert_eq!(antwoord.status(), StatusCode::BAD_REQUEST);
    let problem: Value = antwoord.json().await.expect("json");
    assert_eq!(problem["invalidParams"][0]["name"], "rij 7: relatie 'r1'");
    assert!(
        problem["invalidParams"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("'id-weg'")),
        "{problem}"
    );
    let namespace = xml.replace("archimate/3.0/", "archimate/2.1/");
    let antwoord = importeer(&app, &tokens.utrecht, namespace.into_bytes(), "").await;
    assert_eq!(antwoord.status(), StatusCode::BAD_REQUEST);
    let problem: Value = antwoord.json().await.expect("json");
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("archimate/2.1/")),
        "{problem}"
    );
    assert!(
        lijst(&app, &tokens.utrecht).await.is_empty(),
        "nothing stored"
    );
}

#[tokio::test]
async fn an_applicatie_without_einddatum_is_aan_te_vullen_out_of_the_plan_until_completed() {
    let app = spawn_app().await;
    let Some(_) = zaakregistratie(&app).await else {
        return;
    };
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let csv = "id;naam;referentiecomponenten;einddatum;opzegtermijnMaanden;jaarlijkseKosten\n\
               zaak;Zaaksysteem X;Zaakregistratiecomponent;2027-12-31;6;120000\n\
               archief;Archiefsysteem;;;3;15000\n";
    let proef = importeer(&app, &tokens.utrecht, csv.into(), "?proefdraai=true").await;
    let voorbeeld: Value = proef.json().await.expect("json");
    assert_eq!(voorbeeld["toegevoegd"], json!(["Zaaksysteem X"]));
    assert_eq!(
        voorbeeld["aanTeVullen"],
        json!([{"naam": "Archiefsysteem", "ontbreekt": ["einddatum"]}]),
        "the preview says what stays out of the plan and why"
    );
    let verslag: Value = importeer(&app, &tokens.utrecht, csv.into(), "")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        verslag,
        json!({"toegevoegd": 1, "bijgewerkt": 0, "verwijderd": 0, "aanTeVullen": 1})
    );
    let namen = |lijst: Vec<Value>| -> Vec<String> {
        lijst
            .iter()
            .map(|a| a["naam"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(namen(lijst(&app, &tokens.utrecht).await), ["Zaaksysteem X"]);
    let aan_te_vullen = lees(
        &app,
        &tokens.utrecht,
        "/api/v1/gemeenten/GM0344/aan-te-vullen",
    )
    .await;
    assert_eq!(aan_te_vullen[0]["id"], "archief");
    assert_eq!(aan_te_vullen[0]["ontbreekt"], json!(["einddatum"]));
    assert_eq!(aan_te_vullen[0]["gegevens"]["opzegtermijnMaanden"], 3);
    let plan = lees(
        &app,
        &tokens.utrecht,
        "/api/v1/gemeenten/GM0344/overstapplan",
    )
    .await;
    assert_eq!(plan["applicaties"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        plan["aanTeVullen"],
        json!([{"naam": "Archiefsysteem", "ontbreekt": ["einddatum"]}]),
        "left out of the plan, not silently"
    );

    // The exports carry it, so that a round trip through a spreadsheet keeps it.
    let csv_uit = app
        .http
        .get(app.url(&format!("{APPS}/export")))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers")
        .bytes()
        .await
        .expect("bytes")
        .to_vec();
    assert!(String::from_utf8_lossy(&csv_uit).contains("archief,Archiefsysteem,"));
    let terug: Value = importeer(
        &app,
        &tokens.utrecht,
        csv_uit,
        "?vervangen=true&proefdraai=true",
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(
        (
            &terug["verwijderd"],
            &terug["ongewijzigd"],
            &terug["aanTeVullen"][0]["naam"]
        ),
        (&json!([]), &json!(1), &json!("Archiefsysteem")),
        "{terug}"
    );
    let xml = app
        .http
        .get(app.url(&format!("{APPS}/export?formaat=archimate")))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("text");
    assert!(
        xml.contains("<name xml:lang=\"nl\">Archiefsysteem</name>")
            && xml.contains("aan te vullen: einddatum ontbreekt"),
        "{xml}"
    );

    // Completing it: the applicatie with its id and an einddatum enters the plan.
    let mut gegevens = aan_te_vullen[0]["gegevens"].clone();
    gegevens["einddatum"] = json!("2026-12-31");
    let gemaakt = app
        .http
        .post(app.url(APPS))
        .bearer_auth(&tokens.utrecht)
        .json(&gegevens)
        .send()
        .await
        .expect("answers");
    assert_eq!(gemaakt.status(), StatusCode::CREATED);
    let leeg = lees(
        &app,
        &tokens.utrecht,
        "/api/v1/gemeenten/GM0344/aan-te-vullen",
    )
    .await;
    assert_eq!(leeg, json!([]));
    let archief = lees(&app, &tokens.utrecht, &format!("{APPS}/archief")).await;
    assert_eq!(
        (
            &archief["einddatum"],
            &archief["opzegtermijnMaanden"],
            &archief["jaarlijkseKosten"]
        ),
        (&json!("2026-12-31"), &json!(3), &json!(15000)),
        "what the import brought stays"
    );
    let plan = lees(
        &app,
        &tokens.utrecht,
        "/api/v1/gemeenten/GM0344/overstapplan",
    )
    .await;
    assert_eq!(plan["applicaties"].as_array().map(Vec::len), Some(2));
    assert_eq!(plan["aanTeVullen"], json!([]));
}

#[tokio::test]
async fn a_softwarecatalogus_export_is_previewed_and_an_unknown_column_is_named() {
    let app = spawn_app().await;
    let Some(_) = zaakregistratie(&app).await else {
        return;
    };
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let csv = "\u{feff}Pakket ID;Pakket Naam;Pakketversie Naam;Leverancier Naam;Referentiecomponenten;Einddatum;Status;Kosten;Kostenperiode\r\n\
               5d9a4c1e;Zaaksysteem X;4.2;Leverancier B.V.;Zaakregistratiecomponent;31-12-2027;Actief;10.000;Maandelijks\r\n\
               0a0b;Archief;1;Archief B.V.;;;Actief;;\r\n";
    let voorbeeld: Value = importeer(&app, &tokens.utrecht, csv.into(), "?proefdraai=true")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(voorbeeld["toegevoegd"], json!(["Zaaksysteem X"]));
    assert_eq!(
        voorbeeld["aanTeVullen"],
        json!([{"naam": "Archief", "ontbreekt": ["einddatum"]}])
    );
    importeer(&app, &tokens.utrecht, csv.into(), "").await;
    let zaak = lees(&app, &tokens.utrecht, &format!("{APPS}/id-5d9a4c1e")).await;
    assert_eq!(
        zaak["jaarlijkseKosten"], 120_000,
        "monthly costs times twelve"
    );

    // The same package again with a notice period entered in Grondplan: the catalogue
    // does not know it, so it stays.
    let etag = app
        .get_met_token(&format!("{APPS}/id-5d9a4c1e"), &tokens.utrecht)
        .await
        .headers()["etag"]
        .to_str()
        .expect("etag")
        .to_owned();
    let mut gewijzigd = zaak.clone();
    gewijzigd["opzegtermijnMaanden"] = json!(9);
    let antwoord = app
        .http
        .put(app.url(&format!("{APPS}/id-5d9a4c1e")))
        .bearer_auth(&tokens.utrecht)
        .header("if-match", etag)
        .json(&gewijzigd)
        .send()
        .await
        .expect("answers");
    assert!(
        antwoord.status().is_success(),
        "{}",
        antwoord.text().await.unwrap_or_default()
    );
    let opnieuw: Value = importeer(&app, &tokens.utrecht, csv.into(), "?proefdraai=true")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(opnieuw["ongewijzigd"], 1, "{opnieuw}");
    assert_eq!(
        opnieuw["gewijzigd"],
        json!([]),
        "the notice period is not undone"
    );

    let onbekend = csv.replace("Pakketversie Naam", "Kleur");
    let antwoord = importeer(&app, &tokens.utrecht, onbekend.into_bytes(), "").await;
    assert_eq!(antwoord.status(), StatusCode::BAD_REQUEST);
    let problem: Value = antwoord.json().await.expect("json");
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("kolom 3: de kolom 'Kleur'")),
        "{problem}"
    );
}

#[tokio::test]
async fn an_archimate_import_reads_the_gemeentes_own_property_names() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let xml = r#"<?xml version="1.0"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <elements>
    <element identifier="id-a" xsi:type="ApplicationComponent"><name>Zaaksysteem X</name>
      <properties><property propertyDefinitionRef="p1"><value>2027-06-30</value></property></properties></element>
  </elements>
  <propertyDefinitions><propertyDefinition identifier="p1" type="string"><name>Contract loopt tot</name></propertyDefinition></propertyDefinitions>
</model>"#;
    let zonder: Value = importeer(&app, &tokens.utrecht, xml.into(), "?proefdraai=true")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        zonder["aanTeVullen"][0]["naam"], "Zaaksysteem X",
        "a name Grondplan does not know is not read: {zonder}"
    );
    let met: Value = importeer(
        &app,
        &tokens.utrecht,
        xml.into(),
        "?proefdraai=true&eigenschappen=einddatum%3AContract%20loopt%20tot",
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(met["toegevoegd"], json!(["Zaaksysteem X"]), "{met}");
    let fout = importeer(
        &app,
        &tokens.utrecht,
        xml.into(),
        "?eigenschappen=naam%3ATitel",
    )
    .await;
    assert_eq!(fout.status(), StatusCode::BAD_REQUEST);
    let problem: Value = fout.json().await.expect("json");
    assert_eq!(problem["invalidParams"][0]["name"], "eigenschappen");
    assert!(
        lijst(&app, &tokens.utrecht).await.is_empty(),
        "nothing stored"
    );
}

#[tokio::test]
async fn an_applicatie_aan_te_vullen_can_be_left_out() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    importeer(
        &app,
        &tokens.utrecht,
        "id;naam;einddatum\noud;Oud systeem;\n".into(),
        "",
    )
    .await;
    let pad = format!("{APPS}/oud");
    let weg = app
        .http
        .delete(app.url(&pad))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert_eq!(weg.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        lees(
            &app,
            &tokens.utrecht,
            "/api/v1/gemeenten/GM0344/aan-te-vullen"
        )
        .await,
        json!([])
    );
    let nogmaals = app
        .http
        .delete(app.url(&pad))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert_eq!(nogmaals.status(), StatusCode::NOT_FOUND);
    let anders = app
        .http
        .delete(app.url("/api/v1/gemeenten/GM0363/applicaties/oud"))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert_eq!(anders.status(), StatusCode::FORBIDDEN, "another gemeente's");
}
