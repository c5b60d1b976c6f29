//! The catalogue side: GEMMA referentiecomponenten loaded at first start and imported by
//! regie through the API, all or nothing.

use reqwest::StatusCode;
use serde_json::Value;
use server::Db;

use crate::helpers::{gedeeld, spawn_app, spawn_app_met_demo};
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
    let app = spawn_app_met_demo(false).await;
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

#[tokio::test]
async fn regie_maps_a_component_to_the_zaakregistratie_function_with_optimistic_concurrency() {
    let Some(open_zaak) = gemma("publiccode/open-zaak.publiccode.yaml") else {
        return;
    };
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let rapport = app
        .http
        .post(app.url("/api/v1/componenten/import?laag=services"))
        .bearer_auth(&tokens.regie)
        .body(open_zaak)
        .send()
        .await
        .expect("answers");
    assert_eq!(rapport.status(), StatusCode::OK);
    let zaakregistratie = crate::landschap::zaakregistratie(&app)
        .await
        .expect("in GEMMA");

    let gelezen = app.get("/api/v1/componenten/open-zaak").await;
    let etag = gelezen.headers()["etag"].to_str().expect("etag").to_owned();
    let mut component: Value = gelezen.json().await.expect("json");
    component["vervangt"] = serde_json::json!([zaakregistratie]);
    let wijzig = |token: &str, body: &Value, etag: Option<&str>| {
        let mut v = app
            .http
            .put(app.url("/api/v1/componenten/open-zaak"))
            .bearer_auth(token)
            .json(body);
        if let Some(etag) = etag {
            v = v.header("If-Match", etag);
        }
        v.send()
    };
    assert_eq!(
        wijzig(&tokens.utrecht, &component, Some(&etag))
            .await
            .expect("answers")
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        wijzig(&tokens.regie, &component, None)
            .await
            .expect("answers")
            .status(),
        StatusCode::PRECONDITION_REQUIRED
    );
    let mut fout = component.clone();
    fout["vervangt"] = serde_json::json!(["bestaat-niet"]);
    let onbekend = wijzig(&tokens.regie, &fout, Some(&etag))
        .await
        .expect("answers");
    assert_eq!(onbekend.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = onbekend.json().await.expect("json");
    assert_eq!(problem["invalidParams"][0]["name"], "vervangt[0]");

    let goed = wijzig(&tokens.regie, &component, Some(&etag))
        .await
        .expect("answers");
    assert_eq!(goed.status(), StatusCode::OK);
    assert_eq!(
        wijzig(&tokens.regie, &component, Some(&etag))
            .await
            .expect("answers")
            .status(),
        StatusCode::CONFLICT,
        "stale ETag"
    );
    let nu: Value = app
        .get("/api/v1/componenten/open-zaak")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(nu["vervangt"], serde_json::json!([zaakregistratie]));

    let weg = app
        .http
        .delete(app.url("/api/v1/componenten/open-zaak"))
        .bearer_auth(&tokens.regie)
        .send()
        .await
        .expect("answers");
    assert_eq!(weg.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/componenten/open-zaak").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_regie_writes_the_catalogue_and_refused_writes_change_nothing() {
    let app = spawn_app_met_demo(false).await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let nieuw = serde_json::json!({"id": "open-notificaties", "naam": "Open Notificaties", "laag": "integratie", "soort": "gemeenschappelijk", "status": "beschikbaar"});
    let gemaakt = app
        .http
        .post(app.url("/api/v1/componenten"))
        .bearer_auth(&tokens.regie)
        .json(&nieuw)
        .send()
        .await
        .expect("answers");
    assert_eq!(gemaakt.status(), StatusCode::CREATED);
    let etag = gemaakt.headers()["etag"].to_str().expect("etag").to_owned();
    let routes: Vec<(reqwest::Method, &str, Option<Vec<u8>>)> = vec![
        (reqwest::Method::POST, "/api/v1/componenten", Some(serde_json::to_vec(&serde_json::json!({"id": "x", "naam": "X", "laag": "data", "soort": "decentraal", "status": "idee"})).expect("json"))),
        (reqwest::Method::PUT, "/api/v1/componenten/open-notificaties", Some(serde_json::to_vec(&nieuw).expect("json"))),
        (reqwest::Method::DELETE, "/api/v1/componenten/open-notificaties", None),
        (reqwest::Method::POST, "/api/v1/componenten/import?laag=data", Some(b"name: Y\nurl: https://y\ndevelopmentStatus: stable\n".to_vec())),
        (reqwest::Method::POST, "/api/v1/referentiecomponenten/import", Some(b"<model/>".to_vec())),
    ];
    let stand = || async {
        let componenten = app
            .get("/api/v1/componenten")
            .await
            .text()
            .await
            .expect("body");
        let referentie = app
            .get("/api/v1/referentiecomponenten")
            .await
            .text()
            .await
            .expect("body");
        format!("{componenten}\n{referentie}")
    };
    for (methode, pad, body) in routes {
        let voor = stand().await;
        for (token, verwacht) in [
            (None, StatusCode::UNAUTHORIZED),
            (Some(&tokens.utrecht), StatusCode::FORBIDDEN),
        ] {
            let mut v = app
                .http
                .request(methode.clone(), app.url(pad))
                .header("If-Match", &etag)
                .header("content-type", "application/json");
            if let Some(token) = token {
                v = v.bearer_auth(token);
            }
            if let Some(body) = &body {
                v = v.body(body.clone());
            }
            let antwoord = v.send().await.expect("answers");
            assert_eq!(antwoord.status(), verwacht, "{methode} {pad}");
        }
        assert_eq!(
            stand().await,
            voor,
            "{methode} {pad}: the catalogue changed"
        );
    }
}

#[tokio::test]
async fn the_catalogue_page_shows_the_five_layers_and_filters_by_status_and_soort() {
    let app = spawn_app().await;
    let alle = app.html("/componenten").await;
    for laag in ["Interactie", "Proces", "Integratie", "Services", "Data"] {
        assert!(alle.contains(&format!(">{laag}</h2>")), "{laag}");
    }
    assert!(alle.contains("Open Zaak") && alle.contains("Open Producten"));
    let ideeen = app.html("/componenten?status=idee").await;
    assert!(ideeen.contains("Open Producten") && !ideeen.contains(">Open Zaak<"));
    let gemeenschappelijk = app.html("/componenten?soort=gemeenschappelijk").await;
    assert!(gemeenschappelijk.contains("Signalen") && !gemeenschappelijk.contains(">Open Klant<"));

    // The component page: what it replaces, what it needs and what needs it.
    let open_zaak = app.html("/componenten/open-zaak").await;
    assert!(
        open_zaak.contains(">Open Notificaties<"),
        "needs Open Notificaties"
    );
    assert!(
        open_zaak.contains(">Open Formulieren<"),
        "needed by Open Formulieren"
    );
    if gedeeld().is_some() {
        assert!(open_zaak.contains("Zaakregistratiecomponent"));
    }
}
