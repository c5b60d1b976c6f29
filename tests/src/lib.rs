//! What the whole-app tests (`tests/app/main.rs`) and the browser benchmark
//! (`examples/sleepmeting.rs`) share: a headless Chromium driven through chromedriver.

use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use serde_json::json;

/// Debian's headless Chromium behind its own chromedriver, with a fresh profile; both end
/// when this is dropped.
pub struct Chromium {
    /// The WebDriver session.
    pub client: Client,
    /// chromedriver's address, for the commands fantoccini does not offer (the browser log).
    pub webdriver: String,
    _driver: tokio::process::Child,
    _profiel: tempfile::TempDir,
}

impl Chromium {
    /// Starts chromedriver on a free port and opens a session (`CHROMEDRIVER`, `CHROMIUM`
    /// override the Debian paths).
    ///
    /// # Panics
    /// When chromedriver or Chromium does not start within a minute: a test must fail,
    /// not hang.
    pub async fn start() -> Self {
        let poort = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
            l.local_addr().expect("bound").port()
        };
        let driver = tokio::process::Command::new(
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
        )
        .arg(format!("--port={poort}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("chromedriver starts (apt-get install chromium-driver)");
        let profiel = tempfile::tempdir().expect("temp dir");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profiel.path().display()),
                ],
            }),
        );
        // Keep what the page writes to the console (a panic, a hydration error), so that a
        // test that fails can say why.
        capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let url = format!("http://127.0.0.1:{poort}");
        let mut laatste_fout = None;
        for _ in 0..50 {
            let mut bouwer =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
            bouwer.capabilities(capabilities.clone());
            let sessie = tokio::time::timeout(Duration::from_secs(60), bouwer.connect(&url))
                .await
                .expect("chromedriver answers within 60 s");
            match sessie {
                Ok(client) => {
                    return Self {
                        client,
                        webdriver: url,
                        _driver: driver,
                        _profiel: profiel,
                    };
                }
                Err(fout) => {
                    laatste_fout = Some(fout);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        panic!("chromedriver did not accept a session: {laatste_fout:?}");
    }
}
