//! The REST API against API.md: resources, problem+json, the version header, the OpenAPI
//! document and its lint against the Dutch API Design Rules.

use serde_json::Value;

use crate::helpers::{gedeeld, spawn_app};

#[tokio::test]
async fn every_api_response_carries_the_full_api_version() {
    let app = spawn_app().await;
    for pad in [
        "/api/v1/opgaven",
        "/api/v1/gemeenten",
        "/api/v1/openapi.json",
        "/api/v1/bestaat-niet",
    ] {
        let antwoord = app.get(pad).await;
        assert_eq!(
            antwoord
                .headers()
                .get("API-Version")
                .and_then(|v| v.to_str().ok()),
            Some("1.0.0"),
            "{pad}"
        );
    }
}

#[tokio::test]
async fn opgaven_are_listed_with_fasen_in_lower_camel_case() {
    let app = spawn_app().await;
    let antwoord = app.get("/api/v1/opgaven").await;
    assert_eq!(antwoord.status(), 200);
    let opgaven: Value = antwoord.json().await.expect("json");
    let eerste = &opgaven[0];
    assert_eq!(eerste["id"], "registratie-vakantieverhuur");
    assert_eq!(eerste["ontwikkelfase"]["start"], "2025-01-06");
    assert_eq!(
        eerste["opschalingsfase"]["wachtOpBesluit"],
        "rvv-go-opschaling"
    );
    assert_eq!(
        eerste["aanpak"]["mensenEnMiddelen"]
            .as_str()
            .map(|s| !s.is_empty()),
        Some(true)
    );
    assert_eq!(eerste["bijdrage"]["coalitiepartner"]["ftePerKwartaal"], 1.5);
    assert_eq!(
        eerste["activiteiten"][1]["afhankelijkVan"][0],
        "rvv-ontwerp"
    );
}

#[tokio::test]
async fn one_opgave_is_found_by_its_id() {
    let app = spawn_app().await;
    let antwoord = app.get("/api/v1/opgaven/zaakgericht-werken").await;
    assert_eq!(antwoord.status(), 200);
    let opgave: Value = antwoord.json().await.expect("json");
    assert_eq!(opgave["naam"], "Zaakgericht werken");
    // Its first activiteit waits for one of another opgave.
    assert_eq!(
        opgave["activiteiten"][0]["afhankelijkVan"][0],
        "cgc-standaarden"
    );
}

#[tokio::test]
async fn an_unknown_opgave_is_a_404_problem() {
    let app = spawn_app().await;
    let antwoord = app.get("/api/v1/opgaven/bestaat-niet").await;
    assert_eq!(antwoord.status(), 404);
    assert_eq!(
        antwoord.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = antwoord.json().await.expect("json");
    assert_eq!(problem["status"], 404);
    assert_eq!(problem["title"], "Niet gevonden");
    assert_eq!(problem["detail"], "er is geen opgave met id 'bestaat-niet'");
}

#[tokio::test]
async fn a_malformed_opgave_id_is_a_400_problem_naming_the_parameter() {
    let app = spawn_app().await;
    let antwoord = app.get("/api/v1/opgaven/Geen%20Id").await;
    assert_eq!(antwoord.status(), 400);
    assert_eq!(
        antwoord.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = antwoord.json().await.expect("json");
    assert_eq!(problem["invalidParams"][0]["name"], "id");
    assert!(
        problem["invalidParams"][0]["reason"]
            .as_str()
            .unwrap_or("")
            .contains("geen geldige id")
    );
}

#[tokio::test]
async fn an_unknown_path_under_the_api_is_a_404_problem() {
    let app = spawn_app().await;
    let antwoord = app.get("/api/v1/componenten-die-niet-bestaan").await;
    assert_eq!(antwoord.status(), 404);
    assert_eq!(
        antwoord.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = antwoord.json().await.expect("json");
    assert_eq!(
        problem["detail"],
        "het pad /api/v1/componenten-die-niet-bestaan bestaat niet in deze API"
    );
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem_once_the_caller_is_known() {
    let app = spawn_app().await;
    let db = server::Db::connect(&app.database_url).await.expect("db");
    let tokens = crate::toegang::maak_tokens(&db).await;
    let antwoord = app
        .http
        .delete(app.url("/api/v1/gemeenten"))
        .bearer_auth(&tokens.regie)
        .send()
        .await
        .expect("answers");
    assert_eq!(antwoord.status(), 405);
    assert_eq!(
        antwoord.headers()["content-type"],
        "application/problem+json"
    );
    // A write by nobody is refused before anything else, its body unread.
    let anoniem = app
        .http
        .delete(app.url("/api/v1/gemeenten"))
        .send()
        .await
        .expect("answers");
    assert_eq!(anoniem.status(), 401);
    assert_eq!(
        anoniem.headers()["content-type"],
        "application/problem+json"
    );
}

#[tokio::test]
async fn gemeenten_are_listed_with_code_naam_and_provincie() {
    let app = spawn_app().await;
    let gemeenten: Vec<Value> = app
        .get("/api/v1/gemeenten")
        .await
        .json()
        .await
        .expect("json");
    if gedeeld().is_none() {
        eprintln!("OVERGESLAGEN: ../shared ontbreekt, geen gemeenten geladen");
        return;
    }
    assert_eq!(gemeenten.len(), 342);
    let utrecht = gemeenten
        .iter()
        .find(|g| g["code"] == "GM0344")
        .expect("Utrecht");
    assert_eq!(utrecht["naam"], "Utrecht");
    assert_eq!(utrecht["provincie"], "Utrecht");
}

#[tokio::test]
async fn health_checks_the_database() {
    let app = spawn_app().await;
    let antwoord = app.get("/health").await;
    assert_eq!(antwoord.status(), 200);
    let body: Value = antwoord.json().await.expect("json");
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn the_openapi_document_describes_every_route_with_problems_and_the_version_header() {
    let app = spawn_app().await;
    let doc: Value = app.openapi().await;
    assert_eq!(doc["info"]["version"], "1.0.0");
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    for pad in ["/gemeenten", "/opgaven", "/opgaven/{id}"] {
        let get = &doc["paths"][pad]["get"];
        assert!(
            get["responses"]["200"]["headers"]["API-Version"].is_object(),
            "{pad}"
        );
        assert!(
            get["responses"]["503"]["content"]["application/problem+json"].is_object(),
            "{pad}"
        );
    }
    assert!(doc["paths"]["/opgaven/{id}"]["get"]["responses"]["400"].is_object());
    assert!(doc["paths"]["/opgaven/{id}"]["get"]["responses"]["404"].is_object());
}

#[tokio::test]
async fn the_openapi_document_passes_the_dutch_api_design_rules() {
    let Some(gedeeld) = gedeeld() else {
        eprintln!("OVERGESLAGEN: ../shared ontbreekt, adr-lint is niet beschikbaar");
        return;
    };
    let app = spawn_app().await;
    let doc = app
        .get("/api/v1/openapi.json")
        .await
        .bytes()
        .await
        .expect("body");
    let map = tempfile::tempdir().expect("temp dir");
    let bestand = map.path().join("openapi.json");
    std::fs::write(&bestand, &doc).expect("write");
    let lint = tokio::process::Command::new(gedeeld.join("tools/adr-lint"))
        .arg(&bestand)
        .kill_on_drop(true)
        .output();
    let uitvoer = tokio::time::timeout(std::time::Duration::from_secs(300), lint)
        .await
        .expect("adr-lint finishes within 5 minutes")
        .expect("adr-lint runs");
    assert!(
        uitvoer.status.success(),
        "adr-lint found errors:\n{}\n{}",
        String::from_utf8_lossy(&uitvoer.stdout),
        String::from_utf8_lossy(&uitvoer.stderr)
    );
}

#[tokio::test]
async fn a_missing_query_parameter_is_a_400_problem() {
    let app = spawn_app().await;
    let antwoord = app.get("/api/v1/scenarios").await;
    assert_eq!(antwoord.status(), 400);
    assert_eq!(
        antwoord.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = antwoord.json().await.expect("json");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or("")
            .contains("gemeente"),
        "{problem}"
    );
}
