//! Accounts that gemeenten manage (issue 15): from outside, over HTTP, with sessions as a
//! browser has them. Who may manage which accounts, table-driven, with the stored
//! accounts, invitations and sessions compared before and after every refusal; an
//! invitation used once; a disabled account signed out at once; regie's tokens; and every
//! change in the audit trail.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use server::Db;

use crate::helpers::{TestApp, spawn_app};
use crate::toegang::{als_tekst, csrf_van, log_in, maak_lid, maak_regieaccount, maak_tokens};
use domain::toegang::Lidrecht;

const WACHTWOORD: &str = "een lang wachtwoord";

/// A signed-in browser session: its cookie and its CSRF token.
pub struct Sessie {
    cookie: String,
    csrf: String,
}

/// Signs in with the form and reads the CSRF token from the page the session renders.
pub async fn sessie(app: &TestApp, email: &str) -> Sessie {
    let (status, cookie, _) = log_in(app, email, WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{email} logs in");
    let cookie = cookie.unwrap_or_else(|| panic!("{email} gets a session"));
    let csrf = csrf_van(app, &cookie).await;
    Sessie { cookie, csrf }
}

/// A row of the table: who, method, path, body, and the answer expected.
type Geval<'a> = (
    &'a str,
    Option<&'a Sessie>,
    Method,
    String,
    Option<&'a Value>,
    StatusCode,
);

async fn vraag(
    app: &TestApp,
    wie: Option<&Sessie>,
    methode: &Method,
    pad: &str,
    body: Option<&Value>,
) -> reqwest::Response {
    let mut v = app
        .http
        .request(methode.clone(), app.url(&format!("/api/v1{pad}")));
    if let Some(s) = wie {
        v = v
            .header("cookie", &s.cookie)
            .header("x-csrf-token", &s.csrf);
    }
    if let Some(body) = body {
        v = v.json(body);
    }
    v.send().await.expect("answers")
}

/// The JSON `wie` gets for `methode pad` with `body`.
async fn json(
    app: &TestApp,
    wie: Option<&Sessie>,
    methode: &Method,
    pad: &str,
    body: Option<&Value>,
) -> Value {
    vraag(app, wie, methode, pad, body)
        .await
        .json()
        .await
        .unwrap_or_else(|e| panic!("{methode} {pad}: {e}"))
}

/// The accounts, invitations, sessions and tokens as text, to compare before and after.
async fn stand(app: &TestApp) -> String {
    let vragen: Vec<(&str, String)> = [
        (
            "gebruikers",
            "id, email, rol, COALESCE(gemeente_code, ''), recht, COALESCE(uitgeschakeld_op, 0)",
        ),
        (
            "uitnodigingen",
            "id, email, recht, COALESCE(gebruikt_op, 0), COALESCE(ingetrokken_op, 0)",
        ),
        ("sessies", "sleutel_hash, gebruiker_id"),
        ("api_tokens", "id, COALESCE(ingetrokken_op, 0)"),
    ]
    .into_iter()
    .map(|(tabel, kolommen)| (tabel, format!("SELECT {kolommen} FROM {tabel} ORDER BY 1")))
    .collect();
    als_tekst(app, &vragen).await
}

/// The status of reading Utrecht's landscape with session `cookie`.
pub async fn leest_met(app: &TestApp, cookie: &str) -> StatusCode {
    app.http
        .get(app.url("/api/v1/gemeenten/GM0344/applicaties"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("answers")
        .status()
}

/// The id of the account `email` in the list `lijst` answered.
fn id_van(lijst: &Value, email: &str) -> String {
    lijst["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .find(|a| a["email"] == email)
        .and_then(|a| a["id"].as_str())
        .unwrap_or_else(|| panic!("{email} in {lijst}"))
        .to_owned()
}

#[tokio::test]
async fn only_a_gemeentes_own_beheerder_manages_its_accounts_and_refusals_change_nothing() {
    let app = spawn_app().await;
    for (email, gemeente, recht) in [
        ("bh@utrecht.nl", "GM0344", Lidrecht::Beheren),
        ("bw@utrecht.nl", "GM0344", Lidrecht::Bewerken),
        ("lz@utrecht.nl", "GM0344", Lidrecht::Lezen),
        ("bh@amsterdam.nl", "GM0363", Lidrecht::Beheren),
    ] {
        maak_lid(&app, email, WACHTWOORD, gemeente, recht).await;
    }
    maak_regieaccount(&app, "r@vng.nl", WACHTWOORD).await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let utrecht = sessie(&app, "bh@utrecht.nl").await;
    let bewerker = sessie(&app, "bw@utrecht.nl").await;
    let lezer = sessie(&app, "lz@utrecht.nl").await;
    let amsterdam = sessie(&app, "bh@amsterdam.nl").await;
    let regie = sessie(&app, "r@vng.nl").await;

    let lijst: Value = json(
        &app,
        Some(&utrecht),
        &Method::GET,
        "/gemeenten/GM0344/accounts",
        None,
    )
    .await;
    assert_eq!(
        lijst["accounts"].as_array().map(Vec::len),
        Some(3),
        "{lijst}"
    );
    let lezer_id = id_van(&lijst, "lz@utrecht.nl");
    let amsterdams: Value = json(
        &app,
        Some(&amsterdam),
        &Method::GET,
        "/gemeenten/GM0363/accounts",
        None,
    )
    .await;
    let amsterdam_id = id_van(&amsterdams, "bh@amsterdam.nl");
    // An invitation of Utrecht, for the revoke rows.
    let open: Value = json(
        &app,
        Some(&utrecht),
        &Method::POST,
        "/gemeenten/GM0344/uitnodigingen",
        Some(&json!({"email": "nieuw@utrecht.nl", "recht": "lezen"})),
    )
    .await;
    let open_id = open["id"].as_str().expect("id").to_owned();

    let nee = StatusCode::FORBIDDEN;
    let uitnodiging = json!({"email": "x@utrecht.nl", "recht": "bewerken"});
    let beheerder = json!({"email": "y@utrecht.nl", "recht": "beheren"});
    let lager = json!({"recht": "lezen"});
    let uit = json!({"actief": false});
    let capaciteit = json!({"ftePerKwartaal": 1.0, "budgetPerJaar": 1});
    let token_body = json!({"naam": "x", "gemeente": "GM0344"});
    let lijst_pad = "/gemeenten/GM0344/accounts";
    let uitnodig_pad = "/gemeenten/GM0344/uitnodigingen";
    let account_pad = format!("/gemeenten/GM0344/accounts/{lezer_id}");
    let intrek_pad = format!("/gemeenten/GM0344/uitnodigingen/{open_id}");
    // Who, what, and the answer: nothing of it may change a stored row.
    let tabel: Vec<Geval<'_>> = vec![
        (
            "anoniem",
            None,
            Method::GET,
            lijst_pad.into(),
            None,
            StatusCode::UNAUTHORIZED,
        ),
        (
            "anoniem",
            None,
            Method::POST,
            uitnodig_pad.into(),
            Some(&uitnodiging),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "amsterdam",
            Some(&amsterdam),
            Method::GET,
            lijst_pad.into(),
            None,
            nee,
        ),
        (
            "amsterdam",
            Some(&amsterdam),
            Method::POST,
            uitnodig_pad.into(),
            Some(&uitnodiging),
            nee,
        ),
        (
            "amsterdam",
            Some(&amsterdam),
            Method::POST,
            uitnodig_pad.into(),
            Some(&beheerder),
            nee,
        ),
        (
            "amsterdam",
            Some(&amsterdam),
            Method::PATCH,
            account_pad.clone(),
            Some(&uit),
            nee,
        ),
        (
            "amsterdam",
            Some(&amsterdam),
            Method::DELETE,
            intrek_pad.clone(),
            None,
            nee,
        ),
        // Utrecht's beheerder cannot reach Amsterdam's account through its own path.
        (
            "utrecht via eigen pad",
            Some(&utrecht),
            Method::PATCH,
            format!("/gemeenten/GM0344/accounts/{amsterdam_id}"),
            Some(&uit),
            StatusCode::NOT_FOUND,
        ),
        (
            "utrecht naar amsterdam",
            Some(&utrecht),
            Method::PATCH,
            format!("/gemeenten/GM0363/accounts/{amsterdam_id}"),
            Some(&uit),
            nee,
        ),
        (
            "bewerker",
            Some(&bewerker),
            Method::GET,
            lijst_pad.into(),
            None,
            nee,
        ),
        (
            "bewerker",
            Some(&bewerker),
            Method::POST,
            uitnodig_pad.into(),
            Some(&uitnodiging),
            nee,
        ),
        (
            "bewerker",
            Some(&bewerker),
            Method::PATCH,
            account_pad.clone(),
            Some(&lager),
            nee,
        ),
        (
            "lezer",
            Some(&lezer),
            Method::PATCH,
            account_pad.clone(),
            Some(&lager),
            nee,
        ),
        (
            "lezer schrijft",
            Some(&lezer),
            Method::PUT,
            "/gemeenten/GM0344/capaciteit".into(),
            Some(&capaciteit),
            nee,
        ),
        (
            "regie",
            Some(&regie),
            Method::GET,
            lijst_pad.into(),
            None,
            nee,
        ),
        (
            "regie",
            Some(&regie),
            Method::POST,
            uitnodig_pad.into(),
            Some(&uitnodiging),
            nee,
        ),
        (
            "regie",
            Some(&regie),
            Method::PATCH,
            account_pad.clone(),
            Some(&uit),
            nee,
        ),
        (
            "utrecht-beheerder",
            Some(&utrecht),
            Method::GET,
            "/regie/accounts".into(),
            None,
            nee,
        ),
        (
            "utrecht-beheerder",
            Some(&utrecht),
            Method::GET,
            "/tokens".into(),
            None,
            nee,
        ),
        (
            "utrecht-beheerder",
            Some(&utrecht),
            Method::POST,
            "/tokens".into(),
            Some(&token_body),
            nee,
        ),
        (
            "utrecht-beheerder",
            Some(&utrecht),
            Method::POST,
            "/regie/uitnodigingen".into(),
            Some(&uitnodiging),
            nee,
        ),
    ];
    for (wie, sessie, methode, pad, body, verwacht) in &tabel {
        let voor = stand(&app).await;
        let antwoord = vraag(&app, *sessie, methode, pad, *body).await;
        assert_eq!(antwoord.status(), *verwacht, "{wie}: {methode} {pad}");
        assert_eq!(
            antwoord.headers()["content-type"],
            "application/problem+json",
            "{wie}: {methode} {pad}"
        );
        assert_eq!(
            stand(&app).await,
            voor,
            "{wie}: {methode} {pad} changed something"
        );
    }
    // A gemeente's token (no beheerder) does not manage accounts either.
    let token = app
        .http
        .get(app.url("/api/v1/gemeenten/GM0344/accounts"))
        .bearer_auth(&tokens.utrecht)
        .send()
        .await
        .expect("answers");
    assert_eq!(token.status(), nee);
    // The reader still reads.
    let leest = vraag(
        &app,
        Some(&lezer),
        &Method::GET,
        "/gemeenten/GM0344/applicaties",
        None,
    )
    .await;
    assert_eq!(leest.status(), StatusCode::OK);
    // Regie appoints a beheerder; the beheerder's own account stays as it is.
    let benoemd = vraag(
        &app,
        Some(&regie),
        &Method::POST,
        uitnodig_pad,
        Some(&beheerder),
    )
    .await;
    assert_eq!(benoemd.status(), StatusCode::CREATED);
    let eigen = vraag(
        &app,
        Some(&utrecht),
        &Method::PATCH,
        &format!(
            "/gemeenten/GM0344/accounts/{}",
            id_van(&lijst, "bh@utrecht.nl")
        ),
        Some(&uit),
    )
    .await;
    assert_eq!(eigen.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let probleem: Value = eigen.json().await.expect("problem");
    assert!(
        probleem["invalidParams"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("andere beheerder")),
        "{probleem}"
    );
}

#[tokio::test]
async fn an_invitation_works_once_and_a_disabled_account_is_signed_out_at_once() {
    let app = spawn_app().await;
    maak_lid(
        &app,
        "bh@utrecht.nl",
        WACHTWOORD,
        "GM0344",
        Lidrecht::Beheren,
    )
    .await;
    let beheerder = sessie(&app, "bh@utrecht.nl").await;
    let ongeldig = vraag(
        &app,
        Some(&beheerder),
        &Method::POST,
        "/gemeenten/GM0344/uitnodigingen",
        Some(&json!({"email": "geen adres"})),
    )
    .await;
    assert_eq!(ongeldig.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let probleem: Value = ongeldig.json().await.expect("problem");
    assert_eq!(probleem["invalidParams"][0]["name"], "email", "{probleem}");
    let bezet = vraag(
        &app,
        Some(&beheerder),
        &Method::POST,
        "/gemeenten/GM0344/uitnodigingen",
        Some(&json!({"email": "BH@utrecht.nl"})),
    )
    .await;
    assert_eq!(
        bezet.status(),
        StatusCode::CONFLICT,
        "an address with an account"
    );

    let nieuw: Value = json(
        &app,
        Some(&beheerder),
        &Method::POST,
        "/gemeenten/GM0344/uitnodigingen",
        Some(&json!({"email": "Collega@Utrecht.nl", "recht": "lezen"})),
    )
    .await;
    let link = nieuw["link"].as_str().expect("link").to_owned();
    assert!(link.starts_with("/uitnodiging/"), "{link}");
    let pagina = app.html(&link).await;
    assert!(
        pagina.contains("collega@utrecht.nl")
            && pagina.contains("Utrecht")
            && pagina.contains("alleen lezen"),
        "the page says for whom, where and with which right"
    );

    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let aanvaard = |wachtwoord: &'static str, herhaling: &'static str| {
        let (http, url) = (http.clone(), app.url(&link));
        async move {
            http.post(url)
                .form(&[("wachtwoord", wachtwoord), ("herhaling", herhaling)])
                .send()
                .await
                .expect("answers")
        }
    };
    let voor = stand(&app).await;
    for (wachtwoord, herhaling, fout) in [
        ("kort", "kort", "kort"),
        ("een lang wachtwoord", "een ander wachtwoord", "verschil"),
    ] {
        let antwoord = aanvaard(wachtwoord, herhaling).await;
        assert_eq!(antwoord.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            antwoord.headers()["location"],
            format!("{link}?fout={fout}").as_str()
        );
    }
    assert_eq!(stand(&app).await, voor, "a refused password stores nothing");
    let aanvaard_antwoord = aanvaard(WACHTWOORD, WACHTWOORD).await;
    assert_eq!(aanvaard_antwoord.status(), StatusCode::SEE_OTHER);
    assert_eq!(aanvaard_antwoord.headers()["location"], "/gemeenten/GM0344");
    let cookie = aanvaard_antwoord
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.starts_with("grondplan_sessie="))
        .map(|c| c.split(';').next().unwrap_or("").to_owned())
        .expect("signed in");
    let opnieuw = aanvaard(WACHTWOORD, WACHTWOORD).await;
    assert_eq!(
        opnieuw.headers()["location"],
        format!("{link}?fout=onbekend").as_str(),
        "an invitation works once"
    );
    assert_eq!(
        leest_met(&app, &cookie).await,
        StatusCode::OK,
        "the new member reads"
    );

    let lijst: Value = json(
        &app,
        Some(&beheerder),
        &Method::GET,
        "/gemeenten/GM0344/accounts",
        None,
    )
    .await;
    let collega = id_van(&lijst, "collega@utrecht.nl");
    assert_eq!(
        lijst["accounts"]
            .as_array()
            .and_then(|a| a.iter().find(|a| a["id"] == collega.as_str()))
            .map(|a| a["recht"].clone()),
        Some(json!("lezen"))
    );
    let pad = format!("/gemeenten/GM0344/accounts/{collega}");
    let hoger: Value = json(
        &app,
        Some(&beheerder),
        &Method::PATCH,
        &pad,
        Some(&json!({"recht": "bewerken"})),
    )
    .await;
    assert_eq!(hoger["recht"], "bewerken", "{hoger}");
    let uit = vraag(
        &app,
        Some(&beheerder),
        &Method::PATCH,
        &pad,
        Some(&json!({"actief": false})),
    )
    .await;
    assert_eq!(uit.status(), StatusCode::OK);
    assert_eq!(
        leest_met(&app, &cookie).await,
        StatusCode::UNAUTHORIZED,
        "disabling ends the sessions at once"
    );
    let (status, sessie_cookie, naar) = log_in(&app, "collega@utrecht.nl", WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        sessie_cookie.is_none() && naar.contains("fout=onjuist"),
        "{naar}"
    );

    // Every change is in Utrecht's audit trail, by whom.
    let audit: Value = json(
        &app,
        Some(&beheerder),
        &Method::GET,
        "/gemeenten/GM0344/audit",
        None,
    )
    .await;
    let regels = audit.as_array().expect("list");
    for (entiteit, actor) in [
        ("uitnodiging", "bh@utrecht.nl"),
        ("account", "collega@utrecht.nl"),
        ("account", "bh@utrecht.nl"),
    ] {
        assert!(
            regels.iter().any(|r| r["entiteit"] == entiteit
                && r["actor"].as_str().is_some_and(|a| a.contains(actor))),
            "{entiteit} by {actor} in {audit}"
        );
    }
}

#[tokio::test]
async fn regie_makes_and_revokes_tokens_and_manages_its_own_accounts_in_the_browser_api() {
    let app = spawn_app().await;
    maak_regieaccount(&app, "r@vng.nl", WACHTWOORD).await;
    maak_regieaccount(&app, "r2@vng.nl", WACHTWOORD).await;
    let regie = sessie(&app, "r@vng.nl").await;
    let onbekend = vraag(
        &app,
        Some(&regie),
        &Method::POST,
        "/tokens",
        Some(&json!({"naam": "Koppeling", "gemeente": "GM9999"})),
    )
    .await;
    assert_eq!(onbekend.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let leeg = vraag(
        &app,
        Some(&regie),
        &Method::POST,
        "/tokens",
        Some(&json!({"naam": " "})),
    )
    .await;
    assert_eq!(leeg.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let nieuw: Value = json(
        &app,
        Some(&regie),
        &Method::POST,
        "/tokens",
        Some(&json!({"naam": "Koppeling zaaksysteem", "gemeente": "GM0344"})),
    )
    .await;
    let token = nieuw["token"].as_str().expect("token").to_owned();
    let gebruik = || {
        let (http, url, token) = (
            app.http.clone(),
            app.url("/api/v1/gemeenten/GM0344/applicaties"),
            token.clone(),
        );
        async move {
            http.get(url)
                .bearer_auth(token)
                .send()
                .await
                .expect("answers")
                .status()
        }
    };
    assert_eq!(gebruik().await, StatusCode::OK);
    let lijst: Value = json(&app, Some(&regie), &Method::GET, "/tokens", None).await;
    assert!(
        lijst.to_string().contains("Koppeling zaaksysteem") && !lijst.to_string().contains(&token),
        "listed, never the token itself: {lijst}"
    );
    let id = nieuw["id"].as_str().expect("id");
    let weg = vraag(
        &app,
        Some(&regie),
        &Method::DELETE,
        &format!("/tokens/{id}"),
        None,
    )
    .await;
    assert_eq!(weg.status(), StatusCode::NO_CONTENT);
    assert_eq!(gebruik().await, StatusCode::UNAUTHORIZED);

    // Regie's own accounts: no right per gemeente, and another regie account disabled.
    let lijst: Value = json(&app, Some(&regie), &Method::GET, "/regie/accounts", None).await;
    let ander = id_van(&lijst, "r2@vng.nl");
    let recht = vraag(
        &app,
        Some(&regie),
        &Method::PATCH,
        &format!("/regie/accounts/{ander}"),
        Some(&json!({"recht": "lezen"})),
    )
    .await;
    assert_eq!(recht.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let uit = vraag(
        &app,
        Some(&regie),
        &Method::PATCH,
        &format!("/regie/accounts/{ander}"),
        Some(&json!({"actief": false})),
    )
    .await;
    assert_eq!(uit.status(), StatusCode::OK);
    let uitnodiging = vraag(
        &app,
        Some(&regie),
        &Method::POST,
        "/regie/uitnodigingen",
        Some(&json!({"email": "r3@vng.nl"})),
    )
    .await;
    assert_eq!(uitnodiging.status(), StatusCode::CREATED);
}
