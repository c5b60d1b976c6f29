//! Storage on the real database: the schema, the first-start loads and what survives a
//! restart.

use server::{Config, Db};

use crate::helpers::{gedeeld, spawn_app};

#[tokio::test]
async fn the_first_start_loads_the_cbs_list_and_the_demo_routekaart_once() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("reopen");
    let opgaven = db.alle_opgaven().await.expect("read opgaven");
    assert_eq!(opgaven.len(), 5);
    let rvv = opgaven
        .iter()
        .find(|o| o.id.as_str() == "registratie-vakantieverhuur")
        .expect("demo opgave");
    assert_eq!(rvv.activiteiten.len(), 5);
    assert_eq!(rvv.besluiten.len(), 2);
    assert_eq!(
        rvv.activiteiten[1].afhankelijk_van[0].as_str(),
        "rvv-ontwerp"
    );
    let gemeenten = db.alle_gemeenten().await.expect("read gemeenten");
    if gedeeld().is_some() {
        assert_eq!(gemeenten.len(), 342);
        assert_eq!(
            rvv.deelnemers.len(),
            5,
            "all demo deelnemers are real gemeenten"
        );
    } else {
        eprintln!("OVERGESLAGEN: ../shared ontbreekt, de CBS-lijst is niet geladen");
    }

    // A second start on the same database (a restart, or a second instance) loads nothing twice.
    let config = Config::lokaal(
        "127.0.0.1:0".parse().expect("valid"),
        app.database_url.clone(),
        gedeeld().map(|p| p.join("data")),
        "target/site".into(),
        true,
    );
    let _herstart = server::bouw(&config).await.expect("restart");
    assert_eq!(db.alle_opgaven().await.expect("read").len(), 5);
    assert_eq!(
        db.alle_gemeenten().await.expect("read").len(),
        gemeenten.len()
    );
}

#[tokio::test]
async fn an_expired_session_is_nobody() {
    let app = spawn_app().await;
    crate::toegang::maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let account = db
        .account("ib@utrecht.nl")
        .await
        .expect("read")
        .expect("account");
    db.start_sessie(&account.id, "verlopen", "csrf", 1_000, 2_000)
        .await
        .expect("session");
    db.start_sessie(&account.id, "levend", "csrf", 1_000, i64::MAX)
        .await
        .expect("session");
    assert!(db.sessie("verlopen", 3_000).await.expect("read").is_none());
    assert!(db.sessie("levend", 3_000).await.expect("read").is_some());
}

/// Starting an instance must not stall pages another instance in the same process is
/// rendering: leptos pauses every resource in the process while it lists the routes
/// (leptos issue 4773), and a resource first polled in that window never resolves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_finish_while_another_instance_starts_in_the_same_process() {
    let app = spawn_app().await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let starter = {
        let stop = std::sync::Arc::clone(&stop);
        let database_url = app.database_url.clone();
        tokio::spawn(async move {
            let mut gestart = 0_u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let config = Config::lokaal(
                    "127.0.0.1:0".parse().expect("valid"),
                    database_url.clone(),
                    None,
                    crate::helpers::werkmap().join("target/site"),
                    false,
                );
                // Building the router is the start that lists the routes; it need not serve.
                drop(server::bouw(&config).await.expect("the app builds"));
                gestart += 1;
            }
            gestart
        })
    };
    let http = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .expect("client");
    for poging in 0..150 {
        let pagina = ["/componenten", "/", "/componenten?status=idee"][poging % 3];
        let html = http
            .get(app.url(pagina))
            .send()
            .await
            .expect("server answers")
            .text()
            .await
            .unwrap_or_else(|fout| panic!("{pagina} (request {poging}) did not finish: {fout}"));
        assert!(html.contains("</html>"), "{pagina} rendered completely");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let gestart = starter.await.expect("starter ran");
    assert!(gestart > 0, "another instance started meanwhile");
}

/// "Today" is the service's one clock: fixed, every default peildatum and every recorded
/// moment follows it.
#[tokio::test]
async fn today_is_the_services_clock_in_pages_plans_and_the_audit_trail() {
    let moment = "2025-03-15T10:00:00Z"
        .parse::<chrono::DateTime<chrono::Utc>>()
        .expect("a moment");
    let app = crate::helpers::spawn_app_op(moment).await;
    let routekaart = app.html("/").await;
    assert!(
        routekaart.contains("Vandaag: 15 maart 2025"),
        "the page's today"
    );

    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = crate::toegang::maak_tokens(&db).await;
    let plan = app
        .lees("/api/v1/gemeenten/GM0344/overstapplan", &tokens.utrecht)
        .await;
    assert_eq!(
        plan["peildatum"], "2025-03-15",
        "the plan's default peildatum"
    );
    let beeld = app
        .lees("/api/v1/landelijk/kansrijke-momenten", &tokens.regie)
        .await;
    assert_eq!(beeld["peildatum"], "2025-03-15", "the national picture's");

    let antwoord = app
        .http
        .post(app.url("/api/v1/scenarios"))
        .bearer_auth(&tokens.utrecht)
        .json(&serde_json::json!({"naam": "Klok", "scenario": {
            "gemeente": "GM0344", "peildatum": "2025-03-15", "basisversie": "x", "wijzigingen": []}}))
        .send()
        .await
        .expect("answers");
    assert!(antwoord.status().is_success());
    let audit = app
        .lees("/api/v1/gemeenten/GM0344/audit", &tokens.utrecht)
        .await;
    assert_eq!(
        audit.to_string().matches("2025-03-15T10:00:00").count(),
        1,
        "the audit trail's moment: {audit}"
    );
}
