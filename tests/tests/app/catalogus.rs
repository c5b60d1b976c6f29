//! The catalogue side: GEMMA referentiecomponenten loaded at first start and imported by
//! regie through the API, all or nothing.

use reqwest::StatusCode;
use serde_json::Value;
use server::Db;

use crate::helpers::{gedeeld, spawn_app};
use crate::toegang::maak_tokens;

fn gemma(pad: &str) -> Option<Vec<u8>> {
    let bytes = gedeeld().and_then(|g| std::fs::read(g.join("data").join(pad)).ok());
    if bytes.is_none() {
        eprintln!("OVERGESLAGEN: ../shared/data/{pad} ontbreekt");
    }
    bytes
}

#[tokio::test]
async fn the_first_start_loads_the_171_referentiecomponenten_and_anyone_may_read_them() {
    let app = spawn_app().await;
    let lijst: Vec<Value> = app
        .get("/api/v1/referentiecomponenten")
        .await
        .json()
        .await
        .expect("json");
    if gedeeld().is_none() {
        eprintln!("OVERGESLAGEN: ../shared ontbreekt");
        return;
    }
    assert_eq!(lijst.len(), 171);
    assert!(
        lijst
            .iter()
            .any(|r| r["naam"] == "Aanwezigheid- en toegangscontrolecomponent")
    );
}

#[tokio::test]
async fn regie_imports_an_ameff_file_that_updates_in_place_and_others_may_not() {
    let Some(bestand) = gemma("gemma-applicatiecomponenten.xml") else {
        return;
    };
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let importeer = |token: Option<String>, body: Vec<u8>| {
        let mut v = app
            .http
            .post(app.url("/api/v1/referentiecomponenten/import"))
            .header("content-type", "application/xml")
            .body(body);
        if let Some(token) = token {
            v = v.bearer_auth(token);
        }
        v.send()
    };
    assert_eq!(
        importeer(None, bestand.clone())
            .await
            .expect("answers")
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        importeer(Some(tokens.utrecht.clone()), bestand.clone())
            .await
            .expect("answers")
            .status(),
        StatusCode::FORBIDDEN
    );

    let antwoord = importeer(Some(tokens.regie.clone()), bestand)
        .await
        .expect("answers");
    assert_eq!(antwoord.status(), StatusCode::OK);
    let rapport: Value = antwoord.json().await.expect("json");
    // Loaded at first start already: a re-import updates all 171 and adds none.
    assert_eq!(rapport["toegevoegd"], 0);
    assert_eq!(rapport["bijgewerkt"], 171);
    assert_eq!(rapport["overgeslagen"], 56);
    let lijst: Vec<Value> = app
        .get("/api/v1/referentiecomponenten")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(lijst.len(), 171, "no duplicates");
}

#[tokio::test]
async fn a_broken_or_oversized_file_is_a_problem_and_stores_nothing() {
    let Some(afgebroken) = gemma("gemma-voorbeelden/GEMMA-afgebroken.xml") else {
        return;
    };
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let voor = db.referentiecomponenten().await.expect("read");

    let antwoord = app
        .http
        .post(app.url("/api/v1/referentiecomponenten/import"))
        .bearer_auth(&tokens.regie)
        .body(afgebroken)
        .send()
        .await
        .expect("answers");
    assert_eq!(antwoord.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        antwoord.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = antwoord.json().await.expect("json");
    assert_eq!(problem["invalidParams"][0]["name"], "bestand");
    assert!(
        problem["invalidParams"][0]["reason"]
            .as_str()
            .unwrap_or("")
            .contains("XML-fout"),
        "{problem}"
    );

    let te_groot = vec![b' '; 21 * 1024 * 1024];
    let antwoord = app
        .http
        .post(app.url("/api/v1/referentiecomponenten/import"))
        .bearer_auth(&tokens.regie)
        .body(te_groot)
        .send()
        .await
        .expect("answers");
    assert_eq!(antwoord.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        antwoord.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        db.referentiecomponenten().await.expect("read"),
        voor,
        "nothing stored"
    );
}

#[tokio::test]
async fn regie_imports_a_publiccode_file_into_a_layer_matched_on_its_url() {
    let Some(open_zaak) = gemma("publiccode/open-zaak.publiccode.yaml") else {
        return;
    };
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let importeer = |token: &str, laag: Option<&str>, body: Vec<u8>| {
        let pad = laag.map_or_else(
            || "/api/v1/componenten/import".to_owned(),
            |l| format!("/api/v1/componenten/import?laag={l}"),
        );
        app.http
            .post(app.url(&pad))
            .bearer_auth(token)
            .header("content-type", "application/yaml")
            .body(body)
            .send()
    };
    assert_eq!(
        importeer(&tokens.utrecht, Some("services"), open_zaak.clone())
            .await
            .expect("answers")
            .status(),
        StatusCode::FORBIDDEN
    );
    let zonder_laag = importeer(&tokens.regie, None, open_zaak.clone())
        .await
        .expect("answers");
    assert_eq!(zonder_laag.status(), StatusCode::BAD_REQUEST);
    let problem: Value = zonder_laag.json().await.expect("json");
    assert_eq!(problem["invalidParams"][0]["name"], "laag");

    let rapport: Value = importeer(&tokens.regie, Some("services"), open_zaak.clone())
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    assert_eq!(rapport["nieuw"], true);
    let component = &rapport["component"];
    assert_eq!(component["id"], "open-zaak");
    assert_eq!(component["laag"], "services");
    assert_eq!(component["status"], "beschikbaar");
    assert_eq!(component["licentie"], "EUPL-1.2");
    let gebruikers: Vec<&str> = component["gebruiktDoor"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        gebruikers.contains(&"GM0344") && gebruikers.contains(&"GM0518"),
        "Utrecht, and Den Haag as 's-Gravenhage: {gebruikers:?}"
    );
    assert_eq!(
        rapport["onbekendeGemeenten"],
        serde_json::json!([]),
        "every usedBy name is a known gemeente"
    );
    assert!(
        rapport["onbekendeAfhankelijkheden"]
            .as_array()
            .expect("list")
            .iter()
            .any(|n| n == "PostgreSQL")
    );

    let opnieuw: Value = importeer(&tokens.regie, Some("services"), open_zaak)
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    assert_eq!(opnieuw["nieuw"], false);
    let catalogus: Vec<Value> = app
        .get("/api/v1/componenten")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(catalogus.len(), 1, "matched on url: no duplicate");
    assert_eq!(
        app.get("/api/v1/componenten/open-zaak").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/componenten/bestaat-niet").await.status(),
        StatusCode::NOT_FOUND
    );

    let kapot = importeer(&tokens.regie, Some("services"), b"name: [kapot".to_vec())
        .await
        .expect("answers");
    assert_eq!(kapot.status(), StatusCode::BAD_REQUEST);
    assert_eq!(kapot.headers()["content-type"], "application/problem+json");
}
