//! Regie changes the published Routekaart through the API: checked as a whole (a cycle is
//! refused with its name), with optimistic concurrency, dependencies across opgaven kept;
//! nobody else may.

use reqwest::StatusCode;
use serde_json::{Value, json};
use server::Db;

use crate::helpers::{TestApp, spawn_app};
use crate::toegang::maak_tokens;

async fn opgave(app: &TestApp, id: &str) -> (Value, String) {
    let antwoord = app.get(&format!("/api/v1/opgaven/{id}")).await;
    let etag = antwoord.headers()["etag"]
        .to_str()
        .expect("etag")
        .to_owned();
    (antwoord.json().await.expect("json"), etag)
}

async fn zet(app: &TestApp, token: &str, body: &Value, etag: Option<&str>) -> reqwest::Response {
    let id = body["id"].as_str().expect("id");
    let mut v = app
        .http
        .put(app.url(&format!("/api/v1/opgaven/{id}")))
        .bearer_auth(token)
        .json(body);
    if let Some(etag) = etag {
        v = v.header("If-Match", etag);
    }
    v.send().await.expect("answers")
}

#[tokio::test]
async fn regie_edits_an_opgave_checked_as_a_whole_and_others_may_not() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let afhankelijkheden_voor: usize = app
        .get("/api/v1/opgaven")
        .await
        .json::<Vec<Value>>()
        .await
        .expect("json")
        .iter()
        .flat_map(|o| o["activiteiten"].as_array().cloned().unwrap_or_default())
        .map(|a| a["afhankelijkVan"].as_array().map_or(0, Vec::len))
        .sum();

    let (mut zgw, etag) = opgave(&app, "zaakgericht-werken").await;
    zgw["doelstelling"] = json!("Zaakgericht werken met de ZGW-API's in elke gemeente.");
    assert_eq!(
        zet(&app, &tokens.utrecht, &zgw, Some(&etag)).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        zet(&app, &tokens.regie, &zgw, None).await.status(),
        StatusCode::PRECONDITION_REQUIRED
    );
    // A cycle: the first activiteit waits for the last.
    let mut kring = zgw.clone();
    let laatste = kring["activiteiten"]
        .as_array()
        .and_then(|l| l.last())
        .expect("activiteiten")["id"]
        .clone();
    kring["activiteiten"][0]["afhankelijkVan"] = json!([laatste]);
    let fout = zet(&app, &tokens.regie, &kring, Some(&etag)).await;
    assert_eq!(fout.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = fout.json().await.expect("json");
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains("kring")
            || problem["detail"]
                .as_str()
                .expect("detail")
                .contains("cyclus"),
        "{problem}"
    );

    // A deelnemer that is no gemeente is named, with what to do, and nothing is stored.
    let mut vreemd = zgw.clone();
    let plek = vreemd["deelnemers"].as_array().map_or(0, Vec::len);
    vreemd["deelnemers"]
        .as_array_mut()
        .expect("deelnemers")
        .push(json!({"gemeente": "GM9999", "rol": "coalitiepartner"}));
    let fout = zet(&app, &tokens.regie, &vreemd, Some(&etag)).await;
    assert_eq!(fout.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = fout.json().await.expect("json");
    assert_eq!(
        problem["invalidParams"][0]["name"],
        format!("deelnemers[{plek}].gemeente"),
        "{problem}"
    );
    assert!(
        problem["invalidParams"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("onbekende gemeente 'GM9999'; gebruik de CBS-code")),
        "{problem}"
    );

    let goed = zet(&app, &tokens.regie, &zgw, Some(&etag)).await;
    assert_eq!(goed.status(), StatusCode::OK);
    assert_eq!(
        zet(&app, &tokens.regie, &zgw, Some(&etag)).await.status(),
        StatusCode::CONFLICT,
        "a stale ETag"
    );
    let (nu, _) = opgave(&app, "zaakgericht-werken").await;
    assert_eq!(nu["doelstelling"], zgw["doelstelling"]);
    let afhankelijkheden_na: usize = app
        .get("/api/v1/opgaven")
        .await
        .json::<Vec<Value>>()
        .await
        .expect("json")
        .iter()
        .flat_map(|o| o["activiteiten"].as_array().cloned().unwrap_or_default())
        .map(|a| a["afhankelijkVan"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(
        afhankelijkheden_na, afhankelijkheden_voor,
        "dependencies kept"
    );

    // A new opgave.
    let mut nieuw = zgw.clone();
    nieuw["id"] = json!("open-raadsinformatie");
    nieuw["naam"] = json!("Open Raadsinformatie");
    nieuw["deelnemers"] = json!([]);
    for (i, a) in nieuw["activiteiten"]
        .as_array_mut()
        .expect("list")
        .iter_mut()
        .enumerate()
    {
        a["id"] = json!(format!("ori-{i}"));
        a["afhankelijkVan"] = json!([]);
    }
    for (i, b) in nieuw["besluiten"]
        .as_array_mut()
        .expect("list")
        .iter_mut()
        .enumerate()
    {
        b["id"] = json!(format!("ori-besluit-{i}"));
    }
    nieuw["ontwikkelfase"]["wachtOpBesluit"] = Value::Null;
    nieuw["opschalingsfase"]["wachtOpBesluit"] = Value::Null;
    let gemaakt = app
        .http
        .post(app.url("/api/v1/opgaven"))
        .bearer_auth(&tokens.regie)
        .json(&nieuw)
        .send()
        .await
        .expect("answers");
    assert_eq!(
        gemaakt.status(),
        StatusCode::CREATED,
        "{}",
        gemaakt.text().await.unwrap_or_default()
    );
    assert_eq!(
        app.get("/api/v1/opgaven/open-raadsinformatie")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_member_asks_to_join_and_an_accepted_aanmelding_appears_in_the_coalitie() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let pad = "/api/v1/opgaven/huishoudboekje/aanmeldingen";
    let meld = |token: &str, gemeente: &str| {
        app.http
            .post(app.url(pad))
            .bearer_auth(token)
            .json(&json!({"gemeente": gemeente, "rol": "coalitiepartner"}))
            .send()
    };
    assert_eq!(
        meld(&tokens.amsterdam, "GM0344")
            .await
            .expect("answers")
            .status(),
        StatusCode::FORBIDDEN,
        "only for one's own gemeente"
    );
    assert_eq!(app.get(pad).await.status(), StatusCode::UNAUTHORIZED);
    let gemeld = meld(&tokens.utrecht, "GM0344").await.expect("answers");
    assert_eq!(gemeld.status(), StatusCode::CREATED);
    let aanmelding: Value = gemeld.json().await.expect("json");
    assert_eq!(aanmelding["status"], "open");
    assert_eq!(
        meld(&tokens.utrecht, "GM0344")
            .await
            .expect("answers")
            .status(),
        StatusCode::CONFLICT,
        "one open aanmelding at a time"
    );
    // Amsterdam does not see Utrecht's aanmelding; regie does.
    let lijst = |token: &str| {
        let token = token.to_owned();
        let app = &app;
        async move {
            app.http
                .get(app.url(pad))
                .bearer_auth(token)
                .send()
                .await
                .expect("answers")
                .json::<Vec<Value>>()
                .await
                .expect("json")
        }
    };
    assert!(lijst(&tokens.amsterdam).await.is_empty());
    assert_eq!(lijst(&tokens.regie).await.len(), 1);

    let besluit = |token: &str, besluit: &str| {
        app.http
            .put(app.url(&format!(
                "/api/v1/aanmeldingen/{}",
                aanmelding["id"].as_str().expect("id")
            )))
            .bearer_auth(token)
            .json(&json!({"besluit": besluit}))
            .send()
    };
    assert_eq!(
        besluit(&tokens.utrecht, "accepteren")
            .await
            .expect("answers")
            .status(),
        StatusCode::FORBIDDEN
    );
    let geaccepteerd = besluit(&tokens.regie, "accepteren").await.expect("answers");
    assert_eq!(geaccepteerd.status(), StatusCode::OK);
    let (opgave, _) = opgave(&app, "huishoudboekje").await;
    assert!(
        opgave["deelnemers"]
            .as_array()
            .expect("list")
            .iter()
            .any(|d| d["gemeente"] == "GM0344" && d["rol"] == "coalitiepartner"),
        "Utrecht is now a coalitiepartner: {}",
        opgave["deelnemers"]
    );
    assert_eq!(
        besluit(&tokens.regie, "afwijzen")
            .await
            .expect("answers")
            .status(),
        StatusCode::CONFLICT,
        "decided once"
    );
}
