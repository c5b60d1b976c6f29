//! Issue 12 from outside: every hostile upload, parameter and path gets a clear 4xx
//! problem naming its limit, nothing already stored changes, the server keeps answering,
//! and every response carries the headers that keep a browser safe.

use std::sync::Arc;

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use reqwest::StatusCode;
use serde_json::{Value, json};
use server::Db;

use crate::helpers::{TestApp, spawn_app, spawn_app_met_drukte};
use crate::toegang::{Tokens, maak_tokens};

const APPS: &str = "/api/v1/gemeenten/GM0344/applicaties";

async fn met_tokens() -> (TestApp, Tokens) {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    (app, tokens)
}

fn is_problem(antwoord: &reqwest::Response) -> bool {
    antwoord
        .headers()
        .get("content-type")
        .is_some_and(|c| c == "application/problem+json")
}

async fn probleem(antwoord: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(antwoord.status(), status);
    assert!(is_problem(&antwoord), "{:?}", antwoord.headers());
    antwoord.json().await.expect("json")
}

async fn post(
    app: &TestApp,
    pad: &str,
    token: Option<&str>,
    soort: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    let mut verzoek = app
        .http
        .post(app.url(pad))
        .header("content-type", soort)
        .body(body);
    if let Some(token) = token {
        verzoek = verzoek.bearer_auth(token);
    }
    verzoek.send().await.expect("answers")
}

async fn landschap(app: &TestApp, token: &str) -> Vec<Value> {
    app.lees(APPS, token)
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_tiny_spreadsheet_that_names_the_last_cell_is_refused_and_the_server_keeps_answering() {
    let (app, tokens) = met_tokens().await;
    let mut werkboek = rust_xlsxwriter::Workbook::new();
    let blad = werkboek.add_worksheet();
    blad.write_string(0, 0, "naam").expect("write");
    blad.write_string(0, 1, "einddatum").expect("write");
    blad.write_string(1_048_575, 16_383, "ver").expect("write");
    let bom = werkboek.save_to_buffer().expect("xlsx");
    let voor = landschap(&app, &tokens.utrecht).await;
    let antwoord = post(
        &app,
        &format!("{APPS}/import?vervangen=true"),
        Some(&tokens.utrecht),
        "application/octet-stream",
        bom,
    )
    .await;
    let problem = probleem(antwoord, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(
        problem["detail"],
        "het bestand is te groot: rijen in het werkblad: hoogstens 50.001"
    );
    assert_eq!(app.get("/health").await.status(), StatusCode::OK);
    assert_eq!(
        landschap(&app, &tokens.utrecht).await,
        voor,
        "nothing changed"
    );
}

#[tokio::test]
async fn a_file_of_many_bad_rows_names_the_first_hundred_and_counts_them_all() {
    let (app, tokens) = met_tokens().await;
    let mut csv = String::from("naam,einddatum\n");
    for _ in 0..20_000 {
        csv.push_str("x,gisteren\n");
    }
    let antwoord = post(
        &app,
        &format!("{APPS}/import"),
        Some(&tokens.utrecht),
        "text/csv",
        csv.into_bytes(),
    )
    .await;
    let problem = probleem(antwoord, StatusCode::BAD_REQUEST).await;
    assert_eq!(problem["invalidParams"].as_array().map(Vec::len), Some(100));
    assert_eq!(
        problem["detail"],
        "20.000 fouten; de eerste 100 staan hieronder; er is niets opgeslagen"
    );
}

#[tokio::test]
async fn nobody_cannot_make_the_server_read_a_large_body_and_json_has_its_own_limit() {
    let (app, tokens) = met_tokens().await;
    let groot = vec![b'a'; 19 * 1024 * 1024];
    let anoniem = post(&app, &format!("{APPS}/import"), None, "text/csv", groot).await;
    let problem = probleem(anoniem, StatusCode::UNAUTHORIZED).await;
    assert_eq!(problem["title"], "Niet ingelogd");
    let json_te_groot = format!("{{\"naam\": \"{}\"}}", "x".repeat(1024 * 1024));
    let antwoord = post(
        &app,
        APPS,
        Some(&tokens.utrecht),
        "application/json",
        json_te_groot.into_bytes(),
    )
    .await;
    let problem = probleem(antwoord, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(
        problem["detail"],
        "de inhoud van het verzoek is te groot: hoogstens 1 MiB (JSON)"
    );
}

#[tokio::test]
async fn month_counts_past_1200_and_unsafe_links_are_refused_naming_the_field() {
    let (app, tokens) = met_tokens().await;
    let antwoord = app
        .http
        .post(app.url(APPS))
        .bearer_auth(&tokens.utrecht)
        .json(&json!({"naam": "Zaaksysteem", "einddatum": "2027-12-31", "verlengingMaanden": 4_000_000_000_u64}))
        .send()
        .await
        .expect("answers");
    let problem = probleem(antwoord, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["invalidParams"][0]["name"], "verlengingMaanden");
    assert_eq!(
        problem["invalidParams"][0]["reason"],
        "4000000000 maanden is te veel: hoogstens 1200"
    );
    for (veld, waarde) in [
        ("url", json!("javascript:alert(document.cookie)")),
        ("migratieMaanden", json!(3_000_000_000_u64)),
    ] {
        let mut component = json!({
            "id": "kwaad", "naam": "Kwaad", "laag": "services", "soort": "decentraal",
            "status": "beschikbaar"
        });
        component[veld] = waarde;
        let antwoord = app
            .http
            .post(app.url("/api/v1/componenten"))
            .bearer_auth(&tokens.regie)
            .json(&component)
            .send()
            .await
            .expect("answers");
        let problem = probleem(antwoord, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(
            problem["invalidParams"]
                .as_array()
                .expect("list")
                .iter()
                .any(|p| p["name"] == veld),
            "{problem}"
        );
    }
    let publiccode = "publiccodeYmlVersion: '0.2'\nname: Kwaad\nurl: 'javascript:alert(1)'\ndevelopmentStatus: stable\n";
    let antwoord = post(
        &app,
        "/api/v1/componenten/import?laag=services",
        Some(&tokens.regie),
        "application/yaml",
        publiccode.into(),
    )
    .await;
    let problem = probleem(antwoord, StatusCode::BAD_REQUEST).await;
    assert_eq!(
        problem["invalidParams"][0]["reason"],
        "url: moet met http:// of https:// beginnen"
    );
}

#[tokio::test]
async fn a_peildatum_outside_1990_to_2100_and_an_oversized_scenario_are_refused() {
    let (app, tokens) = met_tokens().await;
    for peildatum in ["-262143-01-01", "1989-12-31", "2101-01-01"] {
        let problem = app
            .weigert(
                &format!("/api/v1/gemeenten/GM0344/overstapplan?peildatum={peildatum}"),
                &tokens.utrecht,
            )
            .await;
        assert_eq!(
            problem["invalidParams"][0]["name"], "peildatum",
            "{peildatum}"
        );
    }
    let rol = json!({"soort": "rol", "opgave": "zaakgericht-werken", "rol": "coalitiepartner"});
    for (scenario, veld) in [
        (
            json!({"gemeente": "GM0344", "peildatum": "0001-01-01", "basisversie": "x", "wijzigingen": []}),
            "scenario.peildatum",
        ),
        (
            json!({"gemeente": "GM0344", "peildatum": "2026-01-01", "basisversie": "x", "wijzigingen": vec![rol; 501]}),
            "scenario.wijzigingen",
        ),
    ] {
        let antwoord = app
            .http
            .post(app.url("/api/v1/scenarios"))
            .bearer_auth(&tokens.utrecht)
            .json(&json!({"naam": "Groot", "scenario": scenario}))
            .send()
            .await
            .expect("answers");
        let problem = probleem(antwoord, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(problem["invalidParams"][0]["name"], veld);
    }
}

#[tokio::test]
async fn a_gemeente_code_with_a_line_break_is_a_400_not_a_broken_header() {
    let (app, tokens) = met_tokens().await;
    for (pad, naam) in [
        ("/api/v1/gemeenten/GM0344%0D%0A/applicaties/export", "path"),
        ("/api/v1/gemeenten/GM0344%0A/overstapplan/export", "path"),
        ("/api/v1/gemeenten/%20GM0344/agenda.ics", "code"),
    ] {
        let problem = app.weigert(pad, &tokens.utrecht).await;
        assert_eq!(problem["invalidParams"][0]["name"], naam, "{pad}");
    }
}

#[tokio::test]
async fn the_export_opens_safely_whichever_separator_a_spreadsheet_splits_on() {
    let (app, tokens) = met_tokens().await;
    let kwaad = "x;=1+cmd|' /C calc'!A0";
    for (naam, leverancier) in [(kwaad, "Leverancier, =SOM(A1)"), ("\"; @SUM(1)", "a\n-2+3")] {
        let antwoord = app
            .http
            .post(app.url(APPS))
            .bearer_auth(&tokens.utrecht)
            .json(&json!({"naam": naam, "leverancier": leverancier, "einddatum": "2027-12-31"}))
            .send()
            .await
            .expect("answers");
        assert_eq!(antwoord.status(), StatusCode::CREATED);
    }
    let export = app
        .get_met_token(&format!("{APPS}/export"), &tokens.utrecht)
        .await
        .bytes()
        .await
        .expect("body");
    for scheiding in [b',', b';'] {
        let mut lezer = csv::ReaderBuilder::new()
            .delimiter(scheiding)
            .flexible(true)
            .has_headers(false)
            .from_reader(&export[..]);
        let mut cellen = 0;
        for rij in lezer.records() {
            for cel in rij.expect("parses").iter() {
                cellen += 1;
                assert!(
                    !cel.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "split on '{}': a cell starts a formula: {cel:?}",
                    char::from(scheiding)
                );
            }
        }
        assert!(
            cellen >= 3,
            "the export was read: {}",
            String::from_utf8_lossy(&export)
        );
    }
    // Read as the API reads it (RFC 4180 with commas), the names come back whole.
    let terug = String::from_utf8(export.to_vec()).expect("utf-8");
    assert!(terug.contains("\"x;'=1+cmd|' /C calc'!A0\""), "{terug}");
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_a_page_its_nonce() {
    let (app, tokens) = met_tokens().await;
    let pagina = app.get("/").await;
    let beleid = pagina.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert_eq!(pagina.headers()["x-content-type-options"], "nosniff");
    let html = pagina.text().await.expect("html");
    let nonce = beleid
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("the page's policy has a nonce");
    assert!(nonce.len() >= 22, "at least 128 bits: {nonce}");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries it"
    );
    for eis in [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "'wasm-unsafe-eval'",
    ] {
        assert!(beleid.contains(eis), "{eis} in {beleid}");
    }
    let tweede = app.get("/").await;
    assert_ne!(
        tweede.headers()["content-security-policy"]
            .to_str()
            .expect("ascii"),
        beleid,
        "a new nonce for every page"
    );
    let deellink = app.get("/plan/bestaat-niet").await;
    assert_eq!(deellink.headers()["referrer-policy"], "no-referrer");
    assert_eq!(deellink.headers()["cache-control"], "no-store");
    let prive = app.get_met_token(APPS, &tokens.utrecht).await;
    assert_eq!(prive.headers()["cache-control"], "no-store");
    assert!(prive.headers().contains_key("content-security-policy"));
    assert!(
        !app.get("/")
            .await
            .headers()
            .contains_key("strict-transport-security"),
        "no HSTS over plain http"
    );
}

/// Random text for a path segment or query value: printable, percent-encoded bytes
/// (line breaks, NUL, high bytes), Unicode and very long runs.
fn willekeurig(rng: &mut StdRng) -> String {
    let stukjes = [
        "GM0344",
        "GM9999",
        "x",
        "%0D%0A",
        "%00",
        "%FF",
        "%25",
        // No "." or "..": clients resolve them away, so the request would be for another path.
        "a.b",
        "é",
        "😀",
        "-1",
        "99999999999999999999",
        "2026-13-45",
        "-262143-01-01",
        "true",
        "null",
        "%20",
        "a%2Fb",
        "[]",
        "{}",
    ];
    let aantal = rng.random_range(0..4);
    let mut tekst: String = (0..aantal)
        .map(|_| stukjes[rng.random_range(0..stukjes.len())])
        .collect();
    if rng.random_bool(0.05) {
        tekst.push_str(&"z".repeat(rng.random_range(1_000..20_000)));
    }
    tekst
}

fn willekeurige_body(rng: &mut StdRng) -> Vec<u8> {
    match rng.random_range(0..5) {
        0 => Vec::new(),
        1 => (0..rng.random_range(1..2_000))
            .map(|_| rng.random())
            .collect(),
        2 => br#"{"naam": 5, "einddatum": [], "id": "../x"}"#.to_vec(),
        3 => format!(
            "{{\"naam\": \"{}\", \"einddatum\": \"2027-12-31\", \"opzegtermijnMaanden\": {}}}",
            "é".repeat(rng.random_range(0..300)),
            rng.random::<u32>()
        )
        .into_bytes(),
        _ => b"naam,einddatum\nx,2027-12-31\n".to_vec(),
    }
}

#[tokio::test]
async fn random_paths_queries_and_bodies_on_every_route_never_give_a_5xx() {
    let (app, tokens) = met_tokens().await;
    let app = Arc::new(app);
    let doc: Value = app.openapi().await;
    let mut routes: Vec<(String, String, Vec<String>)> = Vec::new();
    for (pad, item) in doc["paths"].as_object().expect("paths") {
        for (methode, operatie) in item.as_object().expect("item") {
            let query: Vec<String> = operatie["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect();
            routes.push((methode.to_uppercase(), pad.clone(), query));
        }
    }
    assert!(routes.len() > 30, "{} routes", routes.len());
    // A fixed seed in CI; GRENZEN_ZAAD tries others.
    let zaad = std::env::var("GRENZEN_ZAAD")
        .ok()
        .and_then(|z| z.parse().ok())
        .unwrap_or(12);
    let mut rng = StdRng::seed_from_u64(zaad);
    let wie = [
        None,
        Some(tokens.utrecht.clone()),
        Some(tokens.regie.clone()),
    ];
    let mut verzoeken = 0;
    for ronde in 0..6 {
        for (methode, sjabloon, query) in &routes {
            let mut pad = String::new();
            for deel in sjabloon.split('/').filter(|d| !d.is_empty()) {
                pad.push('/');
                if deel.starts_with('{') {
                    pad.push_str(&willekeurig(&mut rng));
                } else {
                    pad.push_str(deel);
                }
            }
            let vraag: Vec<String> = query
                .iter()
                .map(|naam| format!("{naam}={}", willekeurig(&mut rng)))
                .collect();
            let url = format!("{}/api/v1{pad}?{}", app.adres, vraag.join("&"));
            let token = &wie[(ronde + verzoeken) % wie.len()];
            let methode = reqwest::Method::from_bytes(methode.as_bytes()).expect("method");
            let mut verzoek = app
                .http
                .request(methode.clone(), &url)
                .header("if-match", willekeurig(&mut rng).replace('%', ""))
                .body(willekeurige_body(&mut rng));
            if rng.random_bool(0.5) {
                verzoek = verzoek.header("content-type", "application/json");
            }
            if let Some(token) = token {
                verzoek = verzoek.bearer_auth(token);
            }
            let antwoord = verzoek.send().await.expect("answers");
            verzoeken += 1;
            let status = antwoord.status();
            assert!(!status.is_server_error(), "{methode} {url}: {status}");
            if status.is_client_error() {
                assert!(
                    is_problem(&antwoord),
                    "{methode} {url}: {status} without problem+json"
                );
            }
        }
    }
    assert!(verzoeken > 180);
    assert_eq!(app.get("/health").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn two_regie_edits_of_different_opgaven_at_once_both_keep_their_dependencies() {
    let (app, tokens) = met_tokens().await;
    let app = Arc::new(app);
    let opgaven: Vec<Value> = app.get("/api/v1/opgaven").await.json().await.expect("json");
    // In each of two opgaven, a new finish-to-start dependency that fits the dates.
    let mut bewerkt = Vec::new();
    for opgave in &opgaven {
        let activiteiten = opgave["activiteiten"].as_array().expect("list");
        let paar = activiteiten.iter().enumerate().find_map(|(i, a)| {
            activiteiten
                .iter()
                .enumerate()
                .find(|(j, b)| {
                    *j != i
                        && b["start"].as_str() >= a["eind"].as_str()
                        && b["fase"] == a["fase"]
                        && !b["afhankelijkVan"]
                            .as_array()
                            .is_some_and(|l| l.contains(&a["id"]))
                })
                .map(|(j, _)| (i, j))
        });
        if let Some((voor, na)) = paar {
            let mut nieuw = opgave.clone();
            let id = nieuw["activiteiten"][voor]["id"].clone();
            nieuw["activiteiten"][na]["afhankelijkVan"]
                .as_array_mut()
                .expect("list")
                .push(id.clone());
            bewerkt.push((nieuw, id));
        }
        if bewerkt.len() == 2 {
            break;
        }
    }
    assert_eq!(bewerkt.len(), 2, "two opgaven to edit");
    let zet = |opgave: Value| {
        let app = Arc::clone(&app);
        let token = tokens.regie.clone();
        async move {
            let id = opgave["id"].as_str().expect("id").to_owned();
            let etag = app.get(&format!("/api/v1/opgaven/{id}")).await.headers()["etag"].clone();
            app.http
                .put(app.url(&format!("/api/v1/opgaven/{id}")))
                .bearer_auth(token)
                .header("if-match", etag)
                .json(&opgave)
                .send()
                .await
                .expect("answers")
                .status()
        }
    };
    let (a, b) = tokio::join!(zet(bewerkt[0].0.clone()), zet(bewerkt[1].0.clone()));
    assert_eq!((a, b), (StatusCode::OK, StatusCode::OK));
    let na: Vec<Value> = app.get("/api/v1/opgaven").await.json().await.expect("json");
    for (opgave, voorganger) in &bewerkt {
        let nu = na
            .iter()
            .find(|o| o["id"] == opgave["id"])
            .expect("still there");
        assert!(
            nu["activiteiten"]
                .as_array()
                .expect("list")
                .iter()
                .any(|a| a["afhankelijkVan"]
                    .as_array()
                    .is_some_and(|l| l.contains(voorganger))),
            "the dependency on {voorganger} in {} was kept",
            opgave["id"]
        );
    }
}

#[tokio::test]
async fn a_stored_link_that_is_not_http_is_shown_as_text_never_as_a_link() {
    let app = spawn_app().await;
    // Stored before links were checked: written straight into the database.
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&app.database_url).await.expect("db");
    sqlx::query("UPDATE componenten SET url = $1 WHERE id = $2")
        .bind("javascript:alert(document.cookie)")
        .bind("signalen")
        .execute(&pool)
        .await
        .expect("update");
    // As every writer of the catalogue does: a new contextversie, so that no server keeps
    // serving the catalogue it read before.
    sqlx::query("UPDATE gegevensversie SET versie = versie + 1, contextversie = versie + 1")
        .execute(&pool)
        .await
        .expect("version");
    let html = app.html("/componenten/signalen").await;
    assert!(
        html.contains("javascript:alert(document.cookie)"),
        "shown as text"
    );
    assert!(!html.contains("href=\"javascript:"), "never as a link");
    let veilig = app.html("/componenten/open-zaak").await;
    assert!(veilig.contains("href=\"https://github.com/open-zaak/open-zaak.git\""));
}

#[tokio::test]
async fn a_nul_in_a_path_a_query_or_a_stored_text_is_a_400_or_422_on_every_database() {
    let (app, tokens) = met_tokens().await;
    for pad in [
        "/api/v1/scenarios/%00x",
        "/api/v1/gemeenten/GM0344/overstapplan?scenario=%00",
    ] {
        let problem = app.weigert(pad, &tokens.utrecht).await;
        assert!(
            problem["invalidParams"][0]["reason"]
                .as_str()
                .is_some_and(|r| r.contains("stuurteken")),
            "{pad}: {problem}"
        );
    }
    let antwoord = app
        .http
        .post(app.url(APPS))
        .bearer_auth(&tokens.utrecht)
        .json(&json!({"naam": "Zaak\u{0}systeem", "einddatum": "2027-12-31"}))
        .send()
        .await
        .expect("answers");
    let problem = probleem(antwoord, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        problem["invalidParams"][0]["reason"],
        "bevat een stuurteken"
    );
}

#[tokio::test]
async fn the_name_of_a_gemeente_is_refused_for_a_text_that_is_no_code_and_for_an_unknown_code() {
    let app = spawn_app().await;
    let naam = |code: &'static str| {
        app.http
            .post(app.url("/fn/gemeentenaam"))
            .form(&[("code", code)])
            .send()
    };
    let fout = naam("<script>").await.expect("answers");
    assert_eq!(fout.status(), StatusCode::BAD_REQUEST);
    assert!(
        fout.text()
            .await
            .expect("body")
            .contains("geen gemeentecode: verwacht GM gevolgd door vier cijfers"),
        "the form named"
    );
    let onbekend = naam("GM9999").await.expect("answers");
    assert!(!onbekend.status().is_success());
    assert!(
        onbekend
            .text()
            .await
            .expect("body")
            .contains("onbekende gemeente 'GM9999'; gebruik de CBS-code"),
    );
    // With the CBS list loaded (from ../shared/data), a known code gives its name.
    let gemeenten: Vec<Value> = app
        .get("/api/v1/gemeenten")
        .await
        .json()
        .await
        .expect("json");
    let bekend = naam("GM0344").await.expect("answers");
    assert_eq!(bekend.status().is_success(), !gemeenten.is_empty());
    if !gemeenten.is_empty() {
        assert!(bekend.text().await.expect("body").contains("Utrecht"));
    }
}

#[tokio::test]
async fn every_server_function_that_takes_a_gemeente_answers_400_to_a_code_that_is_none() {
    let app = spawn_app().await;
    for (functie, veld) in [
        ("/fn/landschap", "gemeente"),
        ("/fn/start", "gemeente"),
        ("/fn/scenarios", "gemeente"),
        ("/fn/wat-als", "gemeente"),
        ("/fn/audit", "gemeente"),
        ("/fn/accounts", "kring"),
        ("/fn/gemeentenaam", "code"),
    ] {
        let antwoord = app
            .http
            .post(app.url(functie))
            .form(&[(veld, "GM03<b>"), ("met_gemma_namen", "true")])
            .send()
            .await
            .expect("answers");
        assert_eq!(antwoord.status(), StatusCode::BAD_REQUEST, "{functie}");
        let tekst = antwoord.text().await.expect("body");
        assert!(
            tekst.contains("geen gemeentecode") && tekst.contains("GM03<b>"),
            "{functie}: {tekst}"
        );
    }
}

#[tokio::test]
async fn a_gemeente_page_for_a_code_that_is_none_is_a_404_that_says_why() {
    let app = spawn_app().await;
    crate::toegang::maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    let (_, cookie, _) = crate::toegang::log_in(&app, "ib@utrecht.nl", "een lang wachtwoord").await;
    let cookie = cookie.expect("logged in");
    for pad in [
        "/gemeenten/GM03x",
        "/gemeenten/GM03x/landschap",
        "/gemeenten/GM03x/overstapplan",
        "/gemeenten/GM03x/scenarios",
        "/gemeenten/GM03x/audit",
    ] {
        let antwoord = app.get_met_cookie(pad, &cookie).await;
        assert_eq!(antwoord.status(), StatusCode::NOT_FOUND, "{pad}");
        let tekst = antwoord.text().await.expect("body");
        assert!(
            tekst.contains("&#x27;GM03x&#x27; is geen gemeentecode")
                || tekst.contains("'GM03x' is geen gemeentecode"),
            "{pad}: {tekst}"
        );
    }
}

#[tokio::test]
async fn past_its_bound_an_instance_answers_503_at_once_and_health_still_answers() {
    use tokio::io::AsyncWriteExt as _;
    let app = spawn_app_met_drukte(server::config::Drukte {
        max_verzoeken: 2,
        ..Default::default()
    })
    .await;
    assert_eq!(app.get("/api/v1/opgaven").await.status(), StatusCode::OK);
    // Two logins whose form never arrives hold both places.
    let adres = app.adres.trim_start_matches("http://").to_owned();
    let mut bezig = Vec::new();
    for _ in 0..2 {
        let mut verbinding = tokio::net::TcpStream::connect(&adres)
            .await
            .expect("connects");
        verbinding
            .write_all(
                b"POST /inloggen HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=",
            )
            .await
            .expect("sent");
        bezig.push(verbinding);
    }
    let mut weigering = None;
    for _ in 0..50 {
        let antwoord = app.get("/api/v1/opgaven").await;
        if antwoord.status() == StatusCode::SERVICE_UNAVAILABLE {
            weigering = Some(antwoord);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let weigering = weigering.expect("a third request is turned away");
    assert_eq!(weigering.headers()["retry-after"], "5");
    assert_eq!(
        weigering.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = weigering.json().await.expect("json");
    assert_eq!(problem["status"], 503);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("probeer het over een paar seconden opnieuw")),
        "{problem}"
    );
    let start = std::time::Instant::now();
    assert_eq!(app.get("/health").await.status(), StatusCode::OK);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(1),
        "health is never queued"
    );

    // The places come free again once those requests end.
    drop(bezig);
    let mut weer = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..100 {
        weer = app.get("/api/v1/opgaven").await.status();
        if weer == StatusCode::OK {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(weer, StatusCode::OK);
}
