//! Access control from outside: every route that writes or reads a gemeente's own data,
//! for every kind of caller, with the stored data compared byte for byte; tokens, sessions,
//! CSRF and login throttling.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use server::Db;
use server::toegang::geheim::{hash_wachtwoord, sha256_hex};
use sqlx::{Connection as _, Row as _};

use crate::helpers::{TestApp, spawn_app};

/// Bearer tokens for a member of Utrecht, a member of Amsterdam and regie.
pub struct Tokens {
    pub utrecht: String,
    pub amsterdam: String,
    pub regie: String,
}

pub async fn maak_tokens(db: &Db) -> Tokens {
    use domain::toegang::Toegangsrol;
    let maak = |naam: &'static str, rol, gemeente: Option<&'static str>| async move {
        let token = format!("gp_test_{naam}");
        let code = gemeente.map(|g| domain::GemeenteCode::parse(g).expect("code"));
        db.maak_token(naam, &sha256_hex(&token), rol, code.as_ref(), 1)
            .await
            .expect("token");
        token
    };
    Tokens {
        utrecht: maak("utrecht", Toegangsrol::Gemeente, Some("GM0344")).await,
        amsterdam: maak("amsterdam", Toegangsrol::Gemeente, Some("GM0363")).await,
        regie: maak("regie", Toegangsrol::Regie, None).await,
    }
}

/// Everything a gemeente owns, as text, to compare before and after.
async fn stand(app: &TestApp) -> String {
    let vragen: Vec<(&str, String)> = [
        ("capaciteit", "gemeente_code"),
        ("zichtbaarheid", "gemeente_code"),
        ("applicaties", "gemeente_code, id"),
        (
            "applicatie_functies",
            "gemeente_code, applicatie_id, referentiecomponent_id",
        ),
        ("audit", "id"),
        ("scenarios", "id"),
        ("deellinks", "token_hash"),
    ]
    .into_iter()
    .map(|(tabel, sleutel)| (tabel, format!("SELECT * FROM {tabel} ORDER BY {sleutel}")))
    .collect();
    als_tekst(app, &vragen).await
}

/// The rows each query (labelled) answers, one line a row, to compare before and after.
pub(crate) async fn als_tekst(app: &TestApp, vragen: &[(&str, String)]) -> String {
    let mut db = sqlx::AnyConnection::connect(&app.database_url)
        .await
        .expect("connect");
    let mut tekst = String::new();
    for (label, sql) in vragen {
        let rijen = sqlx::query(sql).fetch_all(&mut db).await.expect("read");
        for rij in rijen {
            let kolommen: Vec<String> = (0..rij.len())
                .map(|i| {
                    rij.try_get::<String, _>(i)
                        .or_else(|_| rij.try_get::<i64, _>(i).map(|v| v.to_string()))
                        .or_else(|_| rij.try_get::<f64, _>(i).map(|v| v.to_string()))
                        .unwrap_or_else(|_| "NULL".into())
                })
                .collect();
            tekst.push_str(&format!("{label}: {}\n", kolommen.join(" | ")));
        }
    }
    db.close().await.expect("close");
    tekst
}

async fn verzoek(
    app: &TestApp,
    methode: &Method,
    pad: &str,
    body: Option<&Value>,
    token: Option<&str>,
    if_match: Option<&str>,
) -> reqwest::Response {
    let mut v = app.http.request(methode.clone(), app.url(pad));
    if let Some(token) = token {
        v = v.bearer_auth(token);
    }
    match body {
        // A text body is a file (an import), sent as it is.
        Some(Value::String(bestand)) => {
            v = v.header("content-type", "text/csv").body(bestand.clone());
        }
        Some(body) => v = v.json(body),
        None => {}
    }
    if let Some(etag) = if_match {
        v = v.header("If-Match", etag);
    }
    v.send().await.expect("answers")
}

fn scenario_body(naam: &str) -> Value {
    json!({
        "naam": naam,
        "scenario": {
            "gemeente": "GM0344",
            "peildatum": "2026-01-01",
            "basisversie": "1",
            "wijzigingen": [{"soort": "rol", "opgave": "zaakgericht-werken", "rol": "coalitiepartner"}]
        }
    })
}

/// Every route that writes, or reads non-public data, with a valid body: for Utrecht's
/// scenario `id` with share-link token `token`. Deleting comes last.
fn beschermde_routes(id: &str, token: &str) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (
            Method::GET,
            "/api/v1/gemeenten/GM0344/capaciteit".into(),
            None,
        ),
        (
            Method::PUT,
            "/api/v1/gemeenten/GM0344/capaciteit".into(),
            Some(json!({"ftePerKwartaal": 9.0, "budgetPerJaar": 1})),
        ),
        (Method::GET, "/api/v1/gemeenten/GM0344/audit".into(), None),
        (
            Method::GET,
            "/api/v1/gemeenten/GM0344/zichtbaarheid".into(),
            None,
        ),
        (
            Method::PUT,
            "/api/v1/gemeenten/GM0344/zichtbaarheid".into(),
            Some(json!({"genoemdInCohorten": true})),
        ),
        (
            Method::GET,
            "/api/v1/gemeenten/GM0344/applicaties".into(),
            None,
        ),
        (
            Method::POST,
            "/api/v1/gemeenten/GM0344/applicaties".into(),
            Some(json!({"naam": "Nieuw", "einddatum": "2027-12-31"})),
        ),
        (
            Method::GET,
            "/api/v1/gemeenten/GM0344/applicaties/zaaksysteem-x".into(),
            None,
        ),
        (
            Method::PUT,
            "/api/v1/gemeenten/GM0344/applicaties/zaaksysteem-x".into(),
            Some(json!({"naam": "Zaaksysteem X", "einddatum": "2026-12-31"})),
        ),
        (
            Method::POST,
            "/api/v1/gemeenten/GM0344/applicaties/import".into(),
            Some(Value::String(
                "naam,einddatum\nGeimporteerd,2028-06-30\n".into(),
            )),
        ),
        (
            Method::GET,
            "/api/v1/gemeenten/GM0344/applicaties/export".into(),
            None,
        ),
        (
            Method::GET,
            "/api/v1/gemeenten/GM0344/overstapplan?peildatum=2025-01-01".into(),
            None,
        ),
        (
            Method::GET,
            "/api/v1/gemeenten/GM0344/overstapplan/export".into(),
            None,
        ),
        (
            Method::GET,
            "/api/v1/gemeenten/GM0344/agenda.ics".into(),
            None,
        ),
        (
            Method::DELETE,
            "/api/v1/gemeenten/GM0344/applicaties/zaaksysteem-x".into(),
            None,
        ),
        (
            Method::GET,
            "/api/v1/scenarios?gemeente=GM0344".into(),
            None,
        ),
        (
            Method::POST,
            "/api/v1/scenarios".into(),
            Some(scenario_body("Nog een")),
        ),
        (Method::GET, format!("/api/v1/scenarios/{id}"), None),
        (
            Method::PUT,
            format!("/api/v1/scenarios/{id}"),
            Some(scenario_body("Gewijzigd")),
        ),
        (
            Method::POST,
            format!("/api/v1/scenarios/{id}/deellinks"),
            None,
        ),
        (
            Method::DELETE,
            format!("/api/v1/scenarios/{id}/deellinks/{token}"),
            None,
        ),
        (Method::DELETE, format!("/api/v1/scenarios/{id}"), None),
    ]
}

/// Saves a scenario for Utrecht and shares it: (id, token).
async fn gedeeld_scenario(app: &TestApp, tokens: &Tokens) -> (String, String) {
    let body = scenario_body("Coalitiepartner ZGW");
    let gemaakt: Value = verzoek(
        app,
        &Method::POST,
        "/api/v1/scenarios",
        Some(&body),
        Some(&tokens.utrecht),
        None,
    )
    .await
    .json()
    .await
    .expect("json");
    let id = gemaakt["id"].as_str().expect("id").to_owned();
    let pad = format!("/api/v1/scenarios/{id}/deellinks");
    let link: Value = verzoek(app, &Method::POST, &pad, None, Some(&tokens.utrecht), None)
        .await
        .json()
        .await
        .expect("json");
    (id, link["token"].as_str().expect("token").to_owned())
}

#[tokio::test]
async fn anonymous_and_foreign_callers_are_refused_everywhere_and_change_nothing() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    // Utrecht has a capaciteit (and so an audit record) to protect.
    let eerste = verzoek(
        &app,
        &Method::PUT,
        "/api/v1/gemeenten/GM0344/capaciteit",
        Some(&json!({"ftePerKwartaal": 2.5, "budgetPerJaar": 100000})),
        Some(&tokens.utrecht),
        None,
    )
    .await;
    assert_eq!(eerste.status(), StatusCode::OK);
    let etag = eerste.headers()["etag"].to_str().expect("etag").to_owned();

    let (id, token) = gedeeld_scenario(&app, &tokens).await;
    let applicatie = verzoek(
        &app,
        &Method::POST,
        "/api/v1/gemeenten/GM0344/applicaties",
        Some(&json!({"naam": "Zaaksysteem X", "einddatum": "2025-12-31", "jaarlijkseKosten": 120000})),
        Some(&tokens.utrecht),
        None,
    )
    .await;
    assert_eq!(applicatie.status(), StatusCode::CREATED);
    let begin = stand(&app).await;
    assert!(
        begin.contains("capaciteit: GM0344 | 2.5 | 100000 | 1") && begin.contains("audit: "),
        "{begin}"
    );
    assert!(
        begin.contains("scenarios: ")
            && begin.contains("deellinks: ")
            && begin.contains("applicaties: GM0344 | zaaksysteem-x"),
        "{begin}"
    );
    for (methode, pad, body) in beschermde_routes(&id, &token) {
        let voor = stand(&app).await;
        let anoniem = verzoek(&app, &methode, &pad, body.as_ref(), None, Some(&etag)).await;
        assert_eq!(
            anoniem.status(),
            StatusCode::UNAUTHORIZED,
            "{methode} {pad} anonymous"
        );
        assert_eq!(
            anoniem.headers()["content-type"],
            "application/problem+json"
        );
        let vreemd = verzoek(
            &app,
            &methode,
            &pad,
            body.as_ref(),
            Some(&tokens.amsterdam),
            Some(&etag),
        )
        .await;
        assert_eq!(
            vreemd.status(),
            StatusCode::FORBIDDEN,
            "{methode} {pad} member of another gemeente"
        );
        let kapot = verzoek(
            &app,
            &methode,
            &pad,
            body.as_ref(),
            Some("gp_bestaat_niet"),
            Some(&etag),
        )
        .await;
        assert_eq!(
            kapot.status(),
            StatusCode::UNAUTHORIZED,
            "{methode} {pad} unknown token"
        );
        assert_eq!(
            stand(&app).await,
            voor,
            "{methode} {pad}: stored data changed"
        );
    }
    // The right member succeeds on every route.
    for (methode, pad, body) in beschermde_routes(&id, &token) {
        let bron = if pad.contains("capaciteit") {
            "/api/v1/gemeenten/GM0344/capaciteit".to_owned()
        } else if pad.contains("zichtbaarheid") {
            "/api/v1/gemeenten/GM0344/zichtbaarheid".to_owned()
        } else if pad.contains("applicaties/") {
            "/api/v1/gemeenten/GM0344/applicaties/zaaksysteem-x".to_owned()
        } else {
            format!("/api/v1/scenarios/{id}")
        };
        let huidig = verzoek(&app, &Method::GET, &bron, None, Some(&tokens.utrecht), None).await;
        let etag = huidig
            .headers()
            .get("etag")
            .and_then(|e| e.to_str().ok())
            .unwrap_or("\"0\"")
            .to_owned();
        // An import is tied to a landscape version only when a preview asked for one (its
        // If-Match names the landscape's version, not an applicatie's).
        let etag = (!pad.ends_with("/import")).then_some(etag.as_str());
        let antwoord = verzoek(
            &app,
            &methode,
            &pad,
            body.as_ref(),
            Some(&tokens.utrecht),
            etag,
        )
        .await;
        assert!(
            antwoord.status().is_success(),
            "{methode} {pad} own member: {}",
            antwoord.status()
        );
    }
    // Regie reads a gemeente's data but does not write it.
    let regie_leest = verzoek(
        &app,
        &Method::GET,
        "/api/v1/gemeenten/GM0344/audit",
        None,
        Some(&tokens.regie),
        None,
    )
    .await;
    assert_eq!(regie_leest.status(), StatusCode::OK);
    let regie_schrijft = verzoek(
        &app,
        &Method::PUT,
        "/api/v1/gemeenten/GM0344/capaciteit",
        Some(&json!({"ftePerKwartaal": 1.0, "budgetPerJaar": 1})),
        Some(&tokens.regie),
        Some(&etag),
    )
    .await;
    assert_eq!(regie_schrijft.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_stale_write_gets_409_and_changes_nothing_and_every_change_is_audited() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let pad = "/api/v1/gemeenten/GM0344/capaciteit";
    let eerste = verzoek(
        &app,
        &Method::PUT,
        pad,
        Some(&json!({"ftePerKwartaal": 2.0, "budgetPerJaar": 10})),
        Some(&tokens.utrecht),
        None,
    )
    .await;
    let oud = eerste.headers()["etag"].to_str().expect("etag").to_owned();
    let tweede = verzoek(
        &app,
        &Method::PUT,
        pad,
        Some(&json!({"ftePerKwartaal": 3.0, "budgetPerJaar": 20})),
        Some(&tokens.utrecht),
        Some(&oud),
    )
    .await;
    assert_eq!(tweede.status(), StatusCode::OK);
    let voor = stand(&app).await;
    let verouderd = verzoek(
        &app,
        &Method::PUT,
        pad,
        Some(&json!({"ftePerKwartaal": 4.0, "budgetPerJaar": 30})),
        Some(&tokens.utrecht),
        Some(&oud),
    )
    .await;
    assert_eq!(verouderd.status(), StatusCode::CONFLICT);
    let zonder = verzoek(
        &app,
        &Method::PUT,
        pad,
        Some(&json!({"ftePerKwartaal": 4.0, "budgetPerJaar": 30})),
        Some(&tokens.utrecht),
        None,
    )
    .await;
    assert_eq!(zonder.status(), StatusCode::PRECONDITION_REQUIRED);
    let negatief = verzoek(
        &app,
        &Method::PUT,
        pad,
        Some(&json!({"ftePerKwartaal": -1.0, "budgetPerJaar": 30})),
        Some(&tokens.utrecht),
        None,
    )
    .await;
    assert_eq!(negatief.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = negatief.json().await.expect("json");
    assert_eq!(problem["invalidParams"][0]["name"], "ftePerKwartaal");
    assert_eq!(stand(&app).await, voor, "refused writes change nothing");

    let audit: Vec<Value> = verzoek(
        &app,
        &Method::GET,
        "/api/v1/gemeenten/GM0344/audit",
        None,
        Some(&tokens.utrecht),
        None,
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(audit.len(), 2);
    assert_eq!(audit[0]["actor"], "token utrecht (GM0344)");
    assert_eq!(audit[0]["entiteit"], "capaciteit");
    assert_eq!(audit[0]["voor"]["ftePerKwartaal"], 2.0);
    assert_eq!(audit[0]["na"]["ftePerKwartaal"], 3.0);
    assert!(audit[1]["voor"].is_null(), "created");
    // Amsterdam's trail shows nothing of Utrecht's.
    let amsterdam: Vec<Value> = verzoek(
        &app,
        &Method::GET,
        "/api/v1/gemeenten/GM0363/audit",
        None,
        Some(&tokens.amsterdam),
        None,
    )
    .await
    .json()
    .await
    .expect("json");
    assert!(amsterdam.is_empty());
}

#[tokio::test]
async fn a_revoked_token_no_longer_works() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let pad = "/api/v1/gemeenten/GM0344/audit";
    assert_eq!(
        verzoek(&app, &Method::GET, pad, None, Some(&tokens.utrecht), None)
            .await
            .status(),
        StatusCode::OK
    );
    let id = db
        .tokens()
        .await
        .expect("list")
        .into_iter()
        .find(|t| t.naam == "utrecht")
        .expect("token")
        .id;
    assert!(db.trek_token_in(&id, 2).await.expect("revoke"));
    assert_eq!(
        verzoek(&app, &Method::GET, pad, None, Some(&tokens.utrecht), None)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

/// Logs in with the form and returns the session cookie (`name=value`).
pub async fn log_in(
    app: &TestApp,
    email: &str,
    wachtwoord: &str,
) -> (StatusCode, Option<String>, String) {
    log_in_vanaf(app, "127.0.0.1", email, wachtwoord).await
}

/// Logs in as a client at address `client` (the test server believes X-Forwarded-For
/// from 127.0.0.1, as from a proxy).
pub async fn log_in_vanaf(
    app: &TestApp,
    client: &str,
    email: &str,
    wachtwoord: &str,
) -> (StatusCode, Option<String>, String) {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let antwoord = http
        .post(app.url("/inloggen"))
        .header("x-forwarded-for", client)
        .form(&[("email", email), ("wachtwoord", wachtwoord)])
        .send()
        .await
        .expect("answers");
    let cookie = antwoord
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.starts_with("grondplan_sessie="))
        .map(|c| c.split(';').next().unwrap_or("").to_owned());
    let naar = antwoord
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (antwoord.status(), cookie, naar)
}

/// The CSRF token of session `cookie`: it is in the page the session renders (the
/// logout form).
pub(crate) async fn csrf_van(app: &TestApp, cookie: &str) -> String {
    let pagina = app
        .http
        .get(app.url("/"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("html");
    pagina
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("csrf in page")
        .to_owned()
}

pub(crate) async fn maak_account(app: &TestApp, email: &str, wachtwoord: &str, gemeente: &str) {
    maak_lid(
        app,
        email,
        wachtwoord,
        gemeente,
        domain::toegang::Lidrecht::Bewerken,
    )
    .await;
}

/// An account of gemeente `gemeente` with right `recht`.
pub(crate) async fn maak_lid(
    app: &TestApp,
    email: &str,
    wachtwoord: &str,
    gemeente: &str,
    recht: domain::toegang::Lidrecht,
) {
    let db = Db::connect(&app.database_url).await.expect("db");
    let hash = hash_wachtwoord(wachtwoord).expect("hash");
    let code = domain::GemeenteCode::parse(gemeente).expect("code");
    db.maak_account(
        email,
        &hash,
        domain::toegang::Toegangsrol::Gemeente,
        Some(&code),
        recht,
        1,
    )
    .await
    .expect("account");
}

pub(crate) async fn maak_regieaccount(app: &TestApp, email: &str, wachtwoord: &str) {
    let db = Db::connect(&app.database_url).await.expect("db");
    let hash = hash_wachtwoord(wachtwoord).expect("hash");
    db.maak_account(
        email,
        &hash,
        domain::toegang::Toegangsrol::Regie,
        None,
        domain::toegang::Lidrecht::Bewerken,
        1,
    )
    .await
    .expect("account");
}

#[tokio::test]
async fn a_session_cookie_is_http_only_and_writes_need_its_csrf_token() {
    let app = spawn_app().await;
    maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let antwoord = http
        .post(app.url("/inloggen"))
        .form(&[
            ("email", "IB@utrecht.nl"),
            ("wachtwoord", "een lang wachtwoord"),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(antwoord.status(), StatusCode::SEE_OTHER);
    let set_cookie = antwoord.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    assert!(
        !set_cookie.contains("Secure"),
        "not Secure on 127.0.0.1: {set_cookie}"
    );
    let cookie = set_cookie.split(';').next().expect("pair").to_owned();

    let pad = "/api/v1/gemeenten/GM0344/capaciteit";
    let body = json!({"ftePerKwartaal": 1.0, "budgetPerJaar": 5});
    let zonder = http
        .put(app.url(pad))
        .header("cookie", &cookie)
        .json(&body)
        .send()
        .await
        .expect("answers");
    assert_eq!(zonder.status(), StatusCode::FORBIDDEN, "no CSRF token");
    let csrf = csrf_van(&app, &cookie).await;
    let met = http
        .put(app.url(pad))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .json(&body)
        .send()
        .await
        .expect("answers");
    assert_eq!(met.status(), StatusCode::OK);

    // Logging out ends the session on the server: the cookie no longer works.
    let uit = http
        .post(app.url("/uitloggen"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("answers");
    assert_eq!(uit.status(), StatusCode::SEE_OTHER);
    let na = http
        .get(app.url(pad))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("answers");
    assert_eq!(na.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_guesser_is_slowed_down_but_the_owner_elsewhere_logs_in() {
    let app = spawn_app().await;
    maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    let gokker = "203.0.113.9";
    for _ in 0..3 {
        let (status, cookie, naar) = log_in_vanaf(&app, gokker, "ib@utrecht.nl", "fout").await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(cookie.is_none());
        assert!(naar.starts_with("/inloggen?fout=onjuist"), "{naar}");
    }
    // The third failure makes the next attempt from this address wait, right password
    // or not, and the page says how long.
    let (_, cookie, naar) =
        log_in_vanaf(&app, gokker, "ib@utrecht.nl", "een lang wachtwoord").await;
    assert!(cookie.is_none(), "throttled even with the right password");
    assert!(naar.starts_with("/inloggen?fout=te-vaak&wacht=1"), "{naar}");
    let pagina = app.html(&naar).await;
    assert!(
        pagina.contains("Probeer het over 1 seconde opnieuw"),
        "the page says why and how long: {pagina}"
    );
    // The owner, from another address, is not locked out.
    let (_, cookie, _) =
        log_in_vanaf(&app, "198.51.100.4", "ib@utrecht.nl", "een lang wachtwoord").await;
    assert!(cookie.is_some(), "the owner logs in from elsewhere");
    // After the wait, the guesser may try again, and the wait grows after each failure.
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let (_, _, naar) = log_in_vanaf(&app, gokker, "ib@utrecht.nl", "fout").await;
    assert!(naar.starts_with("/inloggen?fout=onjuist"), "{naar}");
    let (_, _, naar) = log_in_vanaf(&app, gokker, "ib@utrecht.nl", "fout").await;
    assert!(naar.starts_with("/inloggen?fout=te-vaak&wacht=2"), "{naar}");
}

#[tokio::test]
async fn parallel_guesses_are_taken_one_at_a_time() {
    let app = std::sync::Arc::new(spawn_app().await);
    maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    let pogingen: Vec<_> = (0..30)
        .map(|_| {
            let app = std::sync::Arc::clone(&app);
            tokio::spawn(async move {
                log_in_vanaf(&app, "203.0.113.10", "ib@utrecht.nl", "fout")
                    .await
                    .2
            })
        })
        .collect();
    let mut onjuist = 0;
    for poging in pogingen {
        let naar = poging.await.expect("joins");
        if naar.starts_with("/inloggen?fout=onjuist") {
            onjuist += 1;
        } else {
            assert!(naar.starts_with("/inloggen?fout=te-vaak"), "{naar}");
        }
    }
    // Each attempt reserves its keys before hashing: at most the free three are
    // checked, whatever arrives at the same moment.
    assert!(
        (1..=3).contains(&onjuist),
        "{onjuist} of 30 parallel guesses were checked"
    );
}

#[tokio::test]
async fn many_accounts_from_one_address_are_slowed_and_a_long_address_is_refused_unechoed() {
    let app = spawn_app().await;
    let adres = "203.0.113.11";
    let mut geremd = false;
    for i in 0..11 {
        let (_, _, naar) =
            log_in_vanaf(&app, adres, &format!("persoon{i}@utrecht.nl"), "fout").await;
        geremd |= naar.contains("fout=te-vaak");
    }
    let (_, _, naar) = log_in_vanaf(&app, adres, "nog-iemand@utrecht.nl", "fout").await;
    assert!(
        geremd || naar.contains("fout=te-vaak"),
        "the address is slowed: {naar}"
    );
    let lang = format!("{}@utrecht.nl", "a".repeat(1024 * 1024));
    let (status, _, naar) = log_in_vanaf(&app, "198.51.100.5", &lang, "x").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(naar, "/inloggen?fout=email-lang&email=");
}

#[tokio::test]
async fn a_new_password_or_disabling_ends_the_sessions_of_an_account() {
    let app = spawn_app().await;
    maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let ingelogd = |cookie: String| {
        app.http
            .get(app.url("/api/v1/gemeenten/GM0344/capaciteit"))
            .header("cookie", cookie)
            .send()
    };
    let (_, cookie, _) = log_in(&app, "ib@utrecht.nl", "een lang wachtwoord").await;
    let cookie = cookie.expect("logged in");
    assert_ne!(
        ingelogd(cookie.clone()).await.expect("answers").status(),
        StatusCode::UNAUTHORIZED
    );
    let hash = hash_wachtwoord("een nieuw lang wachtwoord").expect("hash");
    assert!(
        db.zet_wachtwoord("ib@utrecht.nl", &hash)
            .await
            .expect("set")
    );
    assert_eq!(
        ingelogd(cookie).await.expect("answers").status(),
        StatusCode::UNAUTHORIZED
    );
    let (_, cookie, _) = log_in(&app, "ib@utrecht.nl", "een nieuw lang wachtwoord").await;
    let cookie = cookie.expect("logged in with the new password");
    assert!(
        db.schakel_account_uit("ib@utrecht.nl", 1)
            .await
            .expect("disable")
    );
    assert_eq!(
        ingelogd(cookie).await.expect("answers").status(),
        StatusCode::UNAUTHORIZED
    );
    let (_, cookie, _) = log_in(&app, "ib@utrecht.nl", "een nieuw lang wachtwoord").await;
    assert!(cookie.is_none(), "a disabled account cannot log in");
}

#[tokio::test]
async fn the_api_document_describes_the_bearer_scheme() {
    let app = spawn_app().await;
    let doc: Value = app.openapi().await;
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["sessie"]["in"],
        "cookie"
    );
    assert!(doc["paths"]["/gemeenten/{code}/capaciteit"]["put"]["security"].is_array());
}

#[tokio::test]
async fn a_share_link_opens_one_scenario_without_login_until_it_is_revoked() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let (id, token) = gedeeld_scenario(&app, &tokens).await;
    assert!(token.len() >= 22, "at least 128 bits");
    let stored = stand(&app).await;
    assert!(!stored.contains(&token), "the token itself is not stored");

    let open = app.get(&format!("/plan/{token}")).await;
    assert_eq!(open.status(), StatusCode::OK);
    let html = open.text().await.expect("html");
    assert!(
        html.contains("Coalitiepartner ZGW")
            && html.contains("Doet mee aan Zaakgericht werken als coalitiepartner")
    );
    assert!(html.contains("alleen lezen"));
    assert!(
        !html.contains(&id),
        "the page shows the scenario, not how to reach anything else"
    );

    let onbekend = app.get("/plan/bestaat-niet-0000000000000000000000").await;
    assert_eq!(onbekend.status(), StatusCode::NOT_FOUND);
    let ingetrokken = verzoek(
        &app,
        &Method::DELETE,
        &format!("/api/v1/scenarios/{id}/deellinks/{token}"),
        None,
        Some(&tokens.utrecht),
        None,
    )
    .await;
    assert_eq!(ingetrokken.status(), StatusCode::NO_CONTENT);
    let na = app.get(&format!("/plan/{token}")).await;
    assert_eq!(na.status(), StatusCode::NOT_FOUND);
    assert!(
        na.text()
            .await
            .expect("html")
            .contains("Pagina niet gevonden"),
        "the same answer as an unknown link"
    );
}

#[tokio::test]
async fn the_audit_page_shows_a_gemeentes_changes_to_its_members_only() {
    let app = spawn_app().await;
    maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    maak_account(&app, "ib@amsterdam.nl", "een ander wachtwoord", "GM0363").await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let body = json!({"ftePerKwartaal": 2.5, "budgetPerJaar": 100000});
    verzoek(
        &app,
        &Method::PUT,
        "/api/v1/gemeenten/GM0344/capaciteit",
        Some(&body),
        Some(&tokens.utrecht),
        None,
    )
    .await;

    let anoniem = app.get("/gemeenten/GM0344/audit").await;
    assert_eq!(anoniem.status(), StatusCode::UNAUTHORIZED);
    assert!(
        anoniem
            .text()
            .await
            .expect("html")
            .contains("Log in om de gegevens van deze gemeente te zien")
    );

    let (_, amsterdam, _) = log_in(&app, "ib@amsterdam.nl", "een ander wachtwoord").await;
    let vreemd = app
        .http
        .get(app.url("/gemeenten/GM0344/audit"))
        .header("cookie", amsterdam.expect("cookie"))
        .send()
        .await
        .expect("answers");
    assert_eq!(vreemd.status(), StatusCode::FORBIDDEN);
    let html = vreemd.text().await.expect("html");
    assert!(
        html.contains("geen toegang") && !html.contains("100000"),
        "nothing of Utrecht's data"
    );

    // The server function behind the page answers the same when called directly.
    let functie = |cookie: Option<String>| {
        let mut v = app
            .http
            .post(app.url("/fn/audit"))
            .form(&[("gemeente", "GM0344")]);
        if let Some(cookie) = cookie {
            v = v.header("cookie", cookie);
        }
        v.send()
    };
    let direct_anoniem = functie(None).await.expect("answers");
    assert_eq!(direct_anoniem.status(), StatusCode::UNAUTHORIZED);
    assert!(
        direct_anoniem
            .text()
            .await
            .expect("body")
            .contains("NietIngelogd")
    );
    let (_, amsterdam_opnieuw, _) = log_in(&app, "ib@amsterdam.nl", "een ander wachtwoord").await;
    let direct_vreemd = functie(amsterdam_opnieuw).await.expect("answers");
    assert_eq!(direct_vreemd.status(), StatusCode::FORBIDDEN);
    assert!(!direct_vreemd.text().await.expect("body").contains("100000"));

    let (_, utrecht, _) = log_in(&app, "ib@utrecht.nl", "een lang wachtwoord").await;
    let eigen = app
        .http
        .get(app.url("/gemeenten/GM0344/audit"))
        .header("cookie", utrecht.expect("cookie"))
        .send()
        .await
        .expect("answers");
    assert_eq!(eigen.status(), StatusCode::OK);
    let html = eigen.text().await.expect("html");
    assert!(
        html.contains("token utrecht (GM0344)") && html.contains("capaciteit GM0344"),
        "the change is listed"
    );
    assert!(
        html.contains("voegde toe capaciteit GM0344")
            && html.contains("fte per kwartaal: 2.5")
            && html.contains("budget per jaar: 100.000"),
        "each field of the change, in words"
    );
}

#[tokio::test]
async fn the_landscape_and_overstapplan_pages_show_a_gemeentes_contracts_to_its_members_only() {
    let app = spawn_app().await;
    maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    maak_account(&app, "ib@amsterdam.nl", "een ander wachtwoord", "GM0363").await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let gemaakt = verzoek(
        &app,
        &Method::POST,
        "/api/v1/gemeenten/GM0344/applicaties",
        Some(&json!({"naam": "Geheim Zaaksysteem", "einddatum": "2027-12-31", "jaarlijkseKosten": 987654})),
        Some(&tokens.utrecht),
        None,
    )
    .await;
    assert_eq!(gemaakt.status(), StatusCode::CREATED);
    let (_, amsterdam, _) = log_in(&app, "ib@amsterdam.nl", "een ander wachtwoord").await;
    let (_, utrecht, _) = log_in(&app, "ib@utrecht.nl", "een lang wachtwoord").await;
    for pagina in [
        "/gemeenten/GM0344/landschap",
        "/gemeenten/GM0344/overstapplan",
    ] {
        let anoniem = app.get(pagina).await;
        assert_eq!(anoniem.status(), StatusCode::UNAUTHORIZED, "{pagina}");
        assert!(!anoniem.text().await.expect("html").contains("Geheim"));
        let vreemd = app
            .get_met_cookie(pagina, amsterdam.as_deref().expect("cookie"))
            .await;
        assert_eq!(vreemd.status(), StatusCode::FORBIDDEN, "{pagina}");
        let html = vreemd.text().await.expect("html");
        assert!(
            html.contains("geen toegang") && !html.contains("Geheim") && !html.contains("987"),
            "{pagina}: nothing of Utrecht's landscape"
        );
        let eigen = app
            .http
            .get(app.url(pagina))
            .header("cookie", utrecht.clone().expect("cookie"))
            .send()
            .await
            .expect("answers");
        assert_eq!(eigen.status(), StatusCode::OK, "{pagina}");
        assert!(
            eigen
                .text()
                .await
                .expect("html")
                .contains("Geheim Zaaksysteem"),
            "{pagina}"
        );
    }
    // The server functions behind the pages refuse the same way when called directly.
    for (functie, velden) in [
        (
            "/fn/landschap",
            &[("gemeente", "GM0344"), ("met_gemma_namen", "true")][..],
        ),
        ("/fn/start", &[("gemeente", "GM0344")][..]),
    ] {
        let direct = app
            .http
            .post(app.url(functie))
            .header("cookie", amsterdam.clone().expect("cookie"))
            .form(velden)
            .send()
            .await
            .expect("answers");
        assert_eq!(direct.status(), StatusCode::FORBIDDEN, "{functie}");
        assert!(!direct.text().await.expect("body").contains("Geheim"));
    }
}

#[tokio::test]
async fn the_start_page_is_for_members_only_and_carries_its_work_list_not_the_landscape() {
    let app = spawn_app().await;
    maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    maak_account(&app, "ib@amsterdam.nl", "een ander wachtwoord", "GM0363").await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    // In use, with no function and a contract far ahead: nothing to do about it yet.
    let gemaakt = verzoek(
        &app,
        &Method::POST,
        "/api/v1/gemeenten/GM0344/applicaties",
        Some(&json!({"naam": "Stille Archiefapplicatie", "einddatum": "2045-12-31", "jaarlijkseKosten": 987654})),
        Some(&tokens.utrecht),
        None,
    )
    .await;
    assert_eq!(gemaakt.status(), StatusCode::CREATED);
    let (_, amsterdam, _) = log_in(&app, "ib@amsterdam.nl", "een ander wachtwoord").await;
    let (_, utrecht, _) = log_in(&app, "ib@utrecht.nl", "een lang wachtwoord").await;
    let pagina = "/gemeenten/GM0344";
    assert_eq!(app.get(pagina).await.status(), StatusCode::UNAUTHORIZED);
    let lees = |cookie: Option<String>| {
        let verzoek = app
            .http
            .get(app.url(pagina))
            .header("cookie", cookie.expect("cookie"));
        async move {
            let antwoord = verzoek.send().await.expect("answers");
            (antwoord.status(), antwoord.text().await.expect("html"))
        }
    };
    let (status, vreemd) = lees(amsterdam).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(vreemd.contains("geen toegang") && !vreemd.contains("Stille"));
    let (status, eigen) = lees(utrecht.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(eigen.contains("Utrecht: wat nu te doen"), "the work list");
    assert!(
        !eigen.contains("Stille Archiefapplicatie") && !eigen.contains("987654"),
        "an applicatie with nothing to do is not on the page, not even in its data"
    );
    let landschap = app
        .http
        .get(app.url("/gemeenten/GM0344/landschap"))
        .header("cookie", utrecht.expect("cookie"))
        .send()
        .await
        .expect("answers");
    assert!(
        landschap
            .text()
            .await
            .expect("html")
            .contains("Stille Archiefapplicatie"),
        "it is in the landscape"
    );
}
