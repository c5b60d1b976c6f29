//! `spawn_app()`: the real server on a free port with a fresh database, and the paths of
//! the things the tests need from around the workspace.

use std::path::{Path, PathBuf};

use server::Config;
use sqlx::Connection as _;

/// A running server for one test.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub adres: String,
    /// The database it uses (a fresh one).
    pub database_url: String,
    /// An HTTP client for it.
    pub http: reqwest::Client,
    _tijdelijk: Option<tempfile::TempDir>,
}

impl TestApp {
    /// `adres` + `pad`.
    pub fn url(&self, pad: &str) -> String {
        format!("{}{pad}", self.adres)
    }

    /// GET `pad` with a bearer token as JSON, failing the test unless the answer is 200.
    pub async fn lees(&self, pad: &str, token: &str) -> serde_json::Value {
        let antwoord = self.get_met_token(pad, token).await;
        assert_eq!(antwoord.status(), reqwest::StatusCode::OK, "{pad}");
        antwoord.json().await.expect("json")
    }

    /// GET `pad` with a bearer token, failing the test unless the answer is a 400
    /// problem+json; returns the problem.
    pub async fn weigert(&self, pad: &str, token: &str) -> serde_json::Value {
        let antwoord = self.get_met_token(pad, token).await;
        assert_eq!(antwoord.status(), reqwest::StatusCode::BAD_REQUEST, "{pad}");
        assert_eq!(
            antwoord.headers()["content-type"],
            "application/problem+json",
            "{pad}"
        );
        antwoord.json().await.expect("json")
    }

    /// The API's OpenAPI document.
    pub async fn openapi(&self) -> serde_json::Value {
        self.get("/api/v1/openapi.json")
            .await
            .json()
            .await
            .expect("json")
    }

    /// GET `pad` with a bearer token, failing the test when the server cannot be reached.
    pub async fn get_met_token(&self, pad: &str, token: &str) -> reqwest::Response {
        self.http
            .get(self.url(pad))
            .bearer_auth(token)
            .send()
            .await
            .expect("server answers")
    }

    /// The page at `pad` as the server renders it, without the empty `<!>` comments Leptos
    /// puts after dynamic text for hydration.
    pub async fn html(&self, pad: &str) -> String {
        let html = self.get(pad).await.text().await.expect("html");
        html.replace("<!>", "")
    }

    /// GET `pad`, failing the test when the server cannot be reached.
    pub async fn get(&self, pad: &str) -> reqwest::Response {
        self.http
            .get(self.url(pad))
            .send()
            .await
            .expect("server answers")
    }
}

/// The workspace root.
pub fn werkmap() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared` beside the workspace, when it is there.
pub fn gedeeld() -> Option<PathBuf> {
    Some(werkmap().join("../shared")).filter(|p| p.is_dir())
}

/// Starts the server on a free port with a fresh database, the reference data and the
/// demo Routekaart and catalogue.
pub async fn spawn_app() -> TestApp {
    spawn_app_met_demo(true).await
}

/// Like [`spawn_app`]; without the demo data when `demo` is false (an empty Routekaart
/// and catalogue).
pub async fn spawn_app_met_demo(demo: bool) -> TestApp {
    let (database_url, tijdelijk) = verse_database().await;
    start(database_url, tijdelijk, demo, server::klok::systeem()).await
}

/// Like [`spawn_app`], with the service's clock standing still at `moment`.
pub async fn spawn_app_op(moment: chrono::DateTime<chrono::Utc>) -> TestApp {
    let (database_url, tijdelijk) = verse_database().await;
    let klok = std::sync::Arc::new(server::klok::VasteKlok(moment));
    start(database_url, tijdelijk, true, klok).await
}

/// A second server on the database of `app`, as a second instance behind a load
/// balancer would run.
pub async fn tweede_instantie(app: &TestApp) -> TestApp {
    start(
        app.database_url.clone(),
        None,
        true,
        server::klok::systeem(),
    )
    .await
}

async fn start(
    database_url: String,
    tijdelijk: Option<tempfile::TempDir>,
    demo: bool,
    klok: std::sync::Arc<dyn domain::ports::Klok>,
) -> TestApp {
    let mut config = Config::lokaal(
        "127.0.0.1:0".parse().expect("valid address"),
        database_url.clone(),
        gedeeld().map(|p| p.join("data")),
        werkmap().join("target/site"),
        demo,
    );
    // The tests play several clients from one machine: this address is the proxy, so an
    // X-Forwarded-For header names the client (tests without it are 127.0.0.1).
    config.proxies = vec![std::net::Ipv4Addr::LOCALHOST.into()];
    let app = server::bouw_met_klok(&config, klok)
        .await
        .expect("the app builds");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("free port");
    let adres = format!("http://{}", listener.local_addr().expect("bound"));
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .expect("server runs")
    });
    {
        // A request that hangs fails the test after 30 s instead of holding up the run.
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .expect("client");
        TestApp {
            adres,
            database_url,
            http,
            _tijdelijk: tijdelijk,
        }
    }
}

/// A SQLite file in a fresh temporary folder, or a fresh PostgreSQL database on the
/// server `TEST_DATABASE_URL` names.
pub async fn verse_database() -> (String, Option<tempfile::TempDir>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(beheer) if beheer.starts_with("postgres") => {
            let naam = format!("gp_test_{}", uuid::Uuid::new_v4().simple());
            let mut verbinding = sqlx::PgConnection::connect(&beheer)
                .await
                .expect("TEST_DATABASE_URL reachable");
            sqlx::query(&format!("CREATE DATABASE {naam}"))
                .execute(&mut verbinding)
                .await
                .expect("create test database");
            let basis = beheer
                .rsplit_once('/')
                .map_or(beheer.as_str(), |(basis, _)| basis);
            (format!("{basis}/{naam}"), None)
        }
        _ => {
            let map = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", map.path().join("grondplan.db").display());
            (url, Some(map))
        }
    }
}
