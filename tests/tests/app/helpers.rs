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

    /// GET `pad` with a session cookie (`name=value`), failing the test when the server
    /// cannot be reached.
    pub async fn get_met_cookie(&self, pad: &str, cookie: &str) -> reqwest::Response {
        self.http
            .get(self.url(pad))
            .header("cookie", cookie)
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

/// What `tests/python/{script}` prints (JSON) for `pad`, run by the tests' own Python
/// (`scripts/setup --test` makes `tests/.venv` with the packages of
/// `tests/python/requirements.txt`): an independent reader for what Grondplan exports.
pub fn python(script: &str, pad: &Path) -> serde_json::Value {
    let python = werkmap().join("tests/.venv/bin/python");
    let uit = std::process::Command::new(&python)
        .arg(werkmap().join("tests/python").join(script))
        .arg(pad)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{} kan niet starten ({e}); voer eerst scripts/setup --test uit",
                python.display()
            )
        });
    assert!(
        uit.status.success(),
        "{script} faalde: {}",
        String::from_utf8_lossy(&uit.stderr)
    );
    serde_json::from_slice(&uit.stdout).expect("the script prints JSON")
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
    start_met(database_url, tijdelijk, demo, klok, |_, _| {}).await
}

/// Starts the server with the demo data and the identity providers `aanbieders` gives
/// for the server's own address (to register its redirect URIs with them first).
pub async fn spawn_app_met_aanbieders(
    aanbieders: impl FnOnce(&str) -> Vec<server::toegang::oidc::Aanbieder>,
) -> TestApp {
    let (database_url, tijdelijk) = verse_database().await;
    start_met(
        database_url,
        tijdelijk,
        true,
        server::klok::systeem(),
        |config, adres| {
            config.publieke_url = Some(adres.to_owned());
            config.oidc = aanbieders(adres);
        },
    )
    .await
}

/// Starts the server with the demo data and the bounds on load `drukte`.
pub async fn spawn_app_met_drukte(drukte: server::config::Drukte) -> TestApp {
    let (database_url, tijdelijk) = verse_database().await;
    start_met(
        database_url,
        tijdelijk,
        true,
        server::klok::systeem(),
        |config, _| config.drukte = drukte,
    )
    .await
}

async fn start_met(
    database_url: String,
    tijdelijk: Option<tempfile::TempDir>,
    demo: bool,
    klok: std::sync::Arc<dyn domain::ports::Klok>,
    instellen: impl FnOnce(&mut Config, &str),
) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("free port");
    let adres = format!("http://{}", listener.local_addr().expect("bound"));
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
    instellen(&mut config, &adres);
    let app = server::bouw_met_klok(&config, klok)
        .await
        .expect("the app builds");
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

/// An OpenID provider for the sign-in tests: npm `oidc-provider` (OpenID Certified,
/// installed in tests/node_modules), run by tests/oidc/aanbieder.mjs on a free port with
/// the `clients` given. It stops when this is dropped.
pub struct Identiteitsaanbieder {
    /// Its issuer URL.
    pub issuer: String,
    proces: std::process::Child,
}

impl Identiteitsaanbieder {
    /// Starts one with these clients (oidc-provider's client metadata, as JSON).
    pub fn start(clients: &serde_json::Value) -> Self {
        Self::met_groepen(clients, &serde_json::json!({}))
    }

    /// Like [`Self::start`], giving each login the `groups` claim `groepen` names for it.
    pub fn met_groepen(clients: &serde_json::Value, groepen: &serde_json::Value) -> Self {
        Self::script(
            "aanbieder.mjs",
            &serde_json::json!({ "clients": clients, "groepen": groepen }),
        )
    }

    /// Starts the provider that misbehaves on purpose (tests/oidc/vals.mjs) for one
    /// client: `client_id`, `client_secret` and `redirect_uri`.
    pub fn vals(instellingen: &serde_json::Value) -> Self {
        Self::script("vals.mjs", instellingen)
    }

    fn script(naam: &str, instellingen: &serde_json::Value) -> Self {
        use std::io::BufRead as _;
        let mut proces = std::process::Command::new("node")
            .arg(werkmap().join("tests/oidc").join(naam))
            .arg(instellingen.to_string())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("node runs tests/oidc/{naam} (npm ci --prefix tests): {e}"));
        let uit = proces.stdout.take().expect("its output");
        let mut regels = std::io::BufReader::new(uit).lines();
        let issuer = regels
            .by_ref()
            .map_while(Result::ok)
            .find_map(|regel| regel.strip_prefix("klaar ").map(str::to_owned))
            .expect("the provider says where it listens");
        // What it prints later is read and dropped: a closed pipe would stop it.
        std::thread::spawn(move || regels.for_each(drop));
        Self { issuer, proces }
    }
}

impl Drop for Identiteitsaanbieder {
    fn drop(&mut self) {
        // Already gone is as good as stopped.
        let _ = self.proces.kill();
        let _ = self.proces.wait();
    }
}
