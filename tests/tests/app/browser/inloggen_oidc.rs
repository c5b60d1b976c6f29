//! Signing in through a gemeente's own identity provider. In Chromium against a real
//! OpenID provider (npm oidc-provider, OpenID Certified): two providers, each for its own
//! gemeente; the person signs in on the provider's own form and lands on the gemeente's
//! start page; the second time the same account is found (by provider and `sub`). Over
//! plain HTTP: answers this service did not start, and, against a provider that
//! misbehaves on purpose (tests/oidc/vals.mjs), every kind of ID token that must not
//! hold, and a rotated key that must.

use std::time::Duration;

use domain::GemeenteCode;
use domain::toegang::Toegangsrol;
use fantoccini::Locator;
use reqwest::StatusCode;
use serde_json::json;
use server::toegang::oidc::Aanbieder;

use super::Browser;
use crate::helpers::{Identiteitsaanbieder, TestApp, spawn_app_met_aanbieders};

/// The app with a provider for Utrecht and one for Amsterdam.
async fn app_met_twee_aanbieders() -> (TestApp, Vec<Identiteitsaanbieder>) {
    let mut processen = Vec::new();
    let app = spawn_app_met_aanbieders(|adres| {
        [
            ("utrecht", "Gemeente Utrecht", "GM0344"),
            ("amsterdam", "Gemeente Amsterdam", "GM0363"),
        ]
        .into_iter()
        .map(|(naam, label, gemeente)| {
            let geheim = format!("het-geheim-van-{naam}-lang-genoeg-voor-de-aanbieder");
            let aanbieder = Identiteitsaanbieder::start(&json!([{
                "client_id": "grondplan",
                "client_secret": geheim,
                "redirect_uris": [format!("{adres}/inloggen/oidc/{naam}/terug")],
                "post_logout_redirect_uris": [format!("{adres}/")],
            }]));
            let config = Aanbieder {
                naam: naam.into(),
                label: label.into(),
                issuer: aanbieder.issuer.clone(),
                client_id: "grondplan".into(),
                client_secret: Some(geheim),
                rol: Some(Toegangsrol::Gemeente),
                gemeente: Some(GemeenteCode::parse(gemeente).expect("code")),
                ..Aanbieder::default()
            };
            processen.push(aanbieder);
            config
        })
        .collect()
    })
    .await;
    (app, processen)
}

/// Signs in as `login` on the provider's own development form, and agrees.
pub(super) async fn bij_de_aanbieder(browser: &Browser, login: &str) {
    let wacht = |css: &'static str| async move {
        match browser
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(fout) => panic!(
                "{css} at the provider: {fout}; at {:?}:\n{}",
                browser.client.current_url().await.map(|u| u.to_string()),
                browser
                    .client
                    .source()
                    .await
                    .unwrap_or_default()
                    .chars()
                    .take(2_000)
                    .collect::<String>()
            ),
        }
    };
    wacht("input[name=login]")
        .await
        .send_keys(login)
        .await
        .expect("login typed");
    wacht("input[name=password]")
        .await
        .send_keys("wat-dan-ook")
        .await
        .expect("password typed");
    wacht("button[type=submit]")
        .await
        .click()
        .await
        .expect("signed in");
    // The consent screen, the first time this client asks.
    if let Ok(akkoord) = browser
        .client
        .wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css(
            "form[action*='confirm'] button[type=submit], button[autofocus]",
        ))
        .await
    {
        akkoord.click().await.expect("agreed");
    }
}

/// Waits until the browser is back at a hydrated Grondplan page; where it is.
pub(super) async fn terug_bij_grondplan(browser: &Browser) -> reqwest::Url {
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("body[data-hydrated] h1"))
        .await
        .unwrap_or_else(|fout| panic!("back at Grondplan: {fout}"));
    browser.client.current_url().await.expect("url")
}

#[tokio::test]
async fn a_person_signs_in_through_the_gemeentes_own_provider_and_is_found_again_by_sub() {
    let (app, _aanbieders) = app_met_twee_aanbieders().await;
    let browser = Browser::start().await;
    browser.open(&app, "/inloggen").await;
    assert_eq!(
        browser.tekst("#inlogdiensten-kop + ul").await,
        "Inloggen met Gemeente Utrecht\nInloggen met Gemeente Amsterdam"
    );
    browser
        .assert_toegankelijk("/inloggen met aanbieders")
        .await;
    browser.schermafdruk("inloggen-aanbieders").await;

    browser.klik("a[href='/inloggen/oidc/utrecht']").await;
    bij_de_aanbieder(&browser, "ib-utrecht").await;
    let hier = terug_bij_grondplan(&browser).await;
    assert_eq!(hier.path(), "/gemeenten/GM0344", "Utrecht's start page");
    browser
        .wacht_op_tekst(".gp-sessie", "ib-utrecht@voorbeeld.nl (Utrecht)")
        .await;

    // Logging out ends the session at the provider too (RP-initiated logout): it asks
    // to confirm and sends the browser back to Grondplan's start.
    browser.klik(".gp-sessie button[type=submit]").await;
    let bevestig = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("button[name=logout][value=yes]"))
        .await
        .expect("the provider asks to confirm the logout");
    bevestig.click().await.expect("confirmed");
    assert_eq!(terug_bij_grondplan(&browser).await.path(), "/");
    assert_eq!(browser.tekst("a.gp-sessie").await, "Inloggen");
    // Signing in again asks for the provider's form again, and finds the same account
    // (not a second one).
    browser.open(&app, "/inloggen").await;
    browser.klik("a[href='/inloggen/oidc/utrecht']").await;
    bij_de_aanbieder(&browser, "ib-utrecht").await;
    browser
        .wacht_op_tekst(".gp-sessie", "ib-utrecht@voorbeeld.nl (Utrecht)")
        .await;
    let db = server::Db::connect(&app.database_url).await.expect("db");
    let rekeningen = db
        .account_van_identiteit("utrecht", "ib-utrecht")
        .await
        .expect("read");
    assert!(rekeningen.is_some(), "found by provider and sub");
    browser.sluit().await;

    // Amsterdam's provider makes an Amsterdam member.
    let ander = Browser::start().await;
    ander.open(&app, "/inloggen").await;
    ander.klik("a[href='/inloggen/oidc/amsterdam']").await;
    bij_de_aanbieder(&ander, "ib-amsterdam").await;
    ander
        .wacht_op_tekst(".gp-sessie", "ib-amsterdam@voorbeeld.nl (Amsterdam)")
        .await;
    ander.sluit().await;
}

#[tokio::test]
async fn an_answer_with_a_state_this_service_did_not_start_signs_nobody_in() {
    let (app, _aanbieders) = app_met_twee_aanbieders().await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    for pad in [
        "/inloggen/oidc/utrecht/terug?code=abc&state=nooit-begonnen",
        "/inloggen/oidc/utrecht/terug?code=abc",
        "/inloggen/oidc/onbekend/terug?code=abc&state=x",
    ] {
        let antwoord = http.get(app.url(pad)).send().await.expect("answers");
        assert_eq!(antwoord.status(), StatusCode::SEE_OTHER, "{pad}");
        let naar = antwoord.headers()["location"].to_str().expect("ascii");
        assert!(naar.starts_with("/inloggen?fout=oidc-"), "{pad}: {naar}");
        assert!(
            antwoord.headers().get("set-cookie").is_none(),
            "{pad}: no session"
        );
    }
    // A state that was started, answered from another provider's callback, is refused
    // and used up.
    let begin = http
        .get(app.url("/inloggen/oidc/utrecht"))
        .send()
        .await
        .expect("answers");
    assert_eq!(begin.status(), StatusCode::SEE_OTHER);
    let naar_aanbieder =
        reqwest::Url::parse(begin.headers()["location"].to_str().expect("ascii")).expect("a URL");
    let parameter = |naam: &str| {
        naar_aanbieder
            .query_pairs()
            .find(|(k, _)| k == naam)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_else(|| panic!("{naam} in {naar_aanbieder}"))
    };
    assert_eq!(parameter("code_challenge_method"), "S256");
    assert_eq!(parameter("response_type"), "code");
    assert!(parameter("state").len() >= 22, "at least 128 bits");
    assert!(parameter("nonce").len() >= 22, "at least 128 bits");
    assert!(parameter("redirect_uri").ends_with("/inloggen/oidc/utrecht/terug"));
    let state = parameter("state");
    let elders = http
        .get(app.url(&format!(
            "/inloggen/oidc/amsterdam/terug?code=abc&state={state}"
        )))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        elders.headers()["location"],
        "/inloggen?fout=oidc-verlopen&email="
    );
    let opnieuw = http
        .get(app.url(&format!(
            "/inloggen/oidc/utrecht/terug?code=abc&state={state}"
        )))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        opnieuw.headers()["location"],
        "/inloggen?fout=oidc-verlopen&email=",
        "a state works once"
    );

    // A client that starts sign-ins without finishing them is stopped at 20 under way;
    // another client is not.
    let begin_vanaf = |adres: &'static str| {
        let http = http.clone();
        let url = app.url("/inloggen/oidc/utrecht");
        async move {
            let antwoord = http
                .get(url)
                .header("x-forwarded-for", adres)
                .send()
                .await
                .expect("answers");
            antwoord.headers()["location"]
                .to_str()
                .expect("ascii")
                .to_owned()
        }
    };
    for _ in 0..server::db::toegang::MAX_AANVRAGEN_PER_ADRES {
        assert!(
            begin_vanaf("203.0.113.5")
                .await
                .starts_with("http://127.0.0.1")
        );
    }
    assert_eq!(
        begin_vanaf("203.0.113.5").await,
        "/inloggen?fout=oidc-te-veel&email="
    );
    assert!(
        begin_vanaf("203.0.113.6")
            .await
            .starts_with("http://127.0.0.1")
    );
}

#[tokio::test]
async fn an_id_token_that_does_not_hold_signs_nobody_in_and_a_rotated_key_is_accepted() {
    let mut vals = None;
    let app = spawn_app_met_aanbieders(|adres| {
        let geheim = "het-geheim-van-de-valse-aanbieder".to_owned();
        let aanbieder = Identiteitsaanbieder::vals(&json!({
            "client_id": "grondplan",
            "client_secret": geheim,
            "redirect_uri": format!("{adres}/inloggen/oidc/vals/terug"),
        }));
        let config = Aanbieder {
            naam: "vals".into(),
            label: "Een aanbieder die zich misdraagt".into(),
            issuer: aanbieder.issuer.clone(),
            client_id: "grondplan".into(),
            client_secret: Some(geheim),
            rol: Some(Toegangsrol::Gemeente),
            gemeente: Some(GemeenteCode::parse("GM0344").expect("code")),
            ..Aanbieder::default()
        };
        vals = Some(aanbieder);
        vec![config]
    })
    .await;
    let issuer = vals.as_ref().expect("started").issuer.clone();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let volg = |url: String| {
        let http = http.clone();
        async move {
            let antwoord = http.get(&url).send().await.expect("answers");
            assert_eq!(antwoord.status(), StatusCode::SEE_OTHER, "{url}");
            (
                antwoord.headers()["location"]
                    .to_str()
                    .expect("ascii")
                    .to_owned(),
                antwoord.headers().get("set-cookie").is_some(),
            )
        }
    };
    // One sign-in: Grondplan → the provider → back; where it ends, and whether a
    // session cookie came with it, and the callback URL.
    let inloggen = || async {
        let (naar_aanbieder, _) = volg(app.url("/inloggen/oidc/vals")).await;
        let (terug, _) = volg(naar_aanbieder).await;
        let (einde, cookie) = volg(terug.clone()).await;
        (einde, cookie, terug)
    };
    let gebrek = |soort: &'static str| {
        let http = http.clone();
        let issuer = issuer.clone();
        async move {
            http.post(format!("{issuer}/gebrek"))
                .json(&json!({ "gebrek": soort }))
                .send()
                .await
                .expect("the provider takes the defect");
        }
    };

    gebrek("geen").await;
    let (einde, cookie, terug) = inloggen().await;
    assert_eq!(einde, "/gemeenten/GM0344", "the control case signs in");
    assert!(cookie);
    let (opnieuw, cookie) = volg(terug).await;
    assert_eq!(
        (opnieuw.as_str(), cookie),
        ("/inloggen?fout=oidc-verlopen&email=", false),
        "the same answer again (its state and nonce) signs nobody in"
    );

    for soort in ["handtekening", "aud", "verlopen", "nonce", "onbekende-kid"] {
        gebrek(soort).await;
        let (einde, cookie, _) = inloggen().await;
        assert_eq!(
            (einde.as_str(), cookie),
            ("/inloggen?fout=oidc-ongeldig&email=", false),
            "an ID token with defect '{soort}'"
        );
    }

    // The provider rotates to a new key: its keys are read again and the token holds.
    gebrek("gedraaid").await;
    let (einde, cookie, _) = inloggen().await;
    assert_eq!((einde.as_str(), cookie), ("/gemeenten/GM0344", true));
}

#[tokio::test]
async fn a_provider_for_several_gemeenten_decides_rol_and_gemeente_by_a_claim() {
    let mut processen = Vec::new();
    let app = spawn_app_met_aanbieders(|adres| {
        let geheim = "het-geheim-van-het-inlogportaal-lang-genoeg".to_owned();
        let aanbieder = Identiteitsaanbieder::met_groepen(
            &json!([{
                "client_id": "grondplan",
                "client_secret": geheim,
                "redirect_uris": [format!("{adres}/inloggen/oidc/portaal/terug")],
            }]),
            &json!({"anna": ["medewerkers", "gp-utrecht"], "bert": ["gp-regie"], "carla": ["medewerkers"]}),
        );
        let config = Aanbieder {
            naam: "portaal".into(),
            label: "het Gemeentelijk inlogportaal".into(),
            issuer: aanbieder.issuer.clone(),
            client_id: "grondplan".into(),
            client_secret: Some(geheim),
            regels: Some(server::toegang::oidc::Regels {
                claim: "groups".into(),
                regie: vec!["gp-regie".into()],
                gemeenten: [(
                    "gp-utrecht".to_owned(),
                    GemeenteCode::parse("GM0344").expect("code"),
                )]
                .into(),
            }),
            ..Aanbieder::default()
        };
        processen.push(aanbieder);
        vec![config]
    })
    .await;
    for (login, pad, wie) in [
        (
            "anna",
            "/gemeenten/GM0344",
            Some("anna@voorbeeld.nl (Utrecht)"),
        ),
        ("bert", "/", Some("bert@voorbeeld.nl (regie)")),
        ("carla", "/inloggen", None),
    ] {
        let browser = Browser::start().await;
        browser.open(&app, "/inloggen").await;
        browser.klik("a[href='/inloggen/oidc/portaal']").await;
        bij_de_aanbieder(&browser, login).await;
        let hier = terug_bij_grondplan(&browser).await;
        assert_eq!(hier.path(), pad, "{login}");
        match wie {
            Some(wie) => {
                browser.wacht_op_tekst(".gp-sessie", wie).await;
            }
            None => {
                let melding = browser.tekst("#formulier-fout").await;
                assert!(
                    melding.contains("geen toegang tot Grondplan"),
                    "{login}: {melding}"
                );
                browser
                    .assert_toegankelijk("/inloggen zonder toegang")
                    .await;
                browser.schermafdruk("inloggen-geen-toegang").await;
            }
        }
        browser.sluit().await;
    }
}

#[tokio::test]
async fn a_client_proving_itself_with_its_private_key_signs_in_and_with_another_key_does_not() {
    // A key pair made for this test; the provider knows only its public half.
    let sleutelpaar = std::process::Command::new("node")
        .arg(crate::helpers::werkmap().join("tests/oidc/sleutelpaar.mjs"))
        .output()
        .expect("node makes a key pair");
    let sleutelpaar: serde_json::Value =
        serde_json::from_slice(&sleutelpaar.stdout).expect("JSON with pem and jwk");
    let ander: serde_json::Value = serde_json::from_slice(
        &std::process::Command::new("node")
            .arg(crate::helpers::werkmap().join("tests/oidc/sleutelpaar.mjs"))
            .output()
            .expect("node makes another key pair")
            .stdout,
    )
    .expect("JSON");
    let map = tempfile::tempdir().expect("a folder for the keys");
    let pad = |naam: &str, sleutel: &serde_json::Value| {
        let pad = map.path().join(naam);
        std::fs::write(&pad, sleutel["pem"].as_str().expect("pem")).expect("written");
        pad.to_string_lossy().into_owned()
    };
    let (goed, fout) = (pad("goed.pem", &sleutelpaar), pad("fout.pem", &ander));
    let mut processen = Vec::new();
    let app = spawn_app_met_aanbieders(|adres| {
        let aanbieder = Identiteitsaanbieder::start(&json!([{
            "client_id": "grondplan",
            "token_endpoint_auth_method": "private_key_jwt",
            "jwks": { "keys": [sleutelpaar["jwk"]] },
            "redirect_uris": [
                format!("{adres}/inloggen/oidc/sleutel/terug"),
                format!("{adres}/inloggen/oidc/andere-sleutel/terug"),
            ],
        }]));
        let config = json!([
            {"naam": "sleutel", "label": "Gemeente Utrecht", "issuer": aanbieder.issuer,
             "clientId": "grondplan", "clientAuth": "private_key_jwt", "privateKey": goed,
             "kid": "grondplan-test", "rol": "gemeente", "gemeente": "GM0344"},
            {"naam": "andere-sleutel", "label": "Gemeente Utrecht (verkeerde sleutel)",
             "issuer": aanbieder.issuer, "clientId": "grondplan",
             "clientAuth": "private_key_jwt", "privateKey": fout, "kid": "grondplan-test",
             "rol": "gemeente", "gemeente": "GM0344"}
        ]);
        processen.push(aanbieder);
        server::toegang::oidc::lees_aanbieders(&config.to_string()).expect("a valid list")
    })
    .await;
    for (naam, verwacht) in [
        ("sleutel", "/gemeenten/GM0344"),
        ("andere-sleutel", "/inloggen"),
    ] {
        let browser = Browser::start().await;
        browser.open(&app, "/inloggen").await;
        browser
            .klik(&format!("a[href='/inloggen/oidc/{naam}']"))
            .await;
        bij_de_aanbieder(&browser, "ib-utrecht").await;
        let hier = terug_bij_grondplan(&browser).await;
        assert_eq!(hier.path(), verwacht, "{naam}");
        if verwacht == "/inloggen" {
            assert!(
                browser
                    .tekst("#formulier-fout")
                    .await
                    .contains("klopte niet; u bent niet ingelogd"),
                "{naam}: the refusal is explained"
            );
        }
        browser.sluit().await;
    }
}
