//! Browser tests: Debian's headless Chromium, driven through chromedriver (WebDriver),
//! against the real server. Each test starts its own chromedriver and a fresh browser
//! profile. axe-core from npm (`tests/node_modules`) is injected into each page.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, werkmap};

mod accounts;
mod archimate;
mod catalogus;
mod inloggen_oidc;
mod landelijk;
mod reflow;
mod routekaart;
mod start;

/// A browser session and the chromedriver behind it; both end when this is dropped.
struct Browser {
    client: Client,
    chromium: tests::Chromium,
}

impl Browser {
    async fn start() -> Self {
        let chromium = tests::Chromium::start().await;
        Self {
            client: chromium.client.clone(),
            chromium,
        }
    }

    /// Opens `pad` and waits until the page is hydrated; if it does not, fails with what
    /// the page wrote to the console (a hydration error, a panic).
    async fn open(&self, app: &TestApp, pad: &str) {
        self.client.goto(&app.url(pad)).await.expect("page opens");
        self.gehydrateerd(pad).await;
    }

    /// Waits until the page shown (`pad`, for the message) is hydrated: a link followed
    /// before that loads the next page from the server, whose script loads when the
    /// browser is idle.
    async fn gehydrateerd(&self, pad: &str) {
        let gehydrateerd = self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("body[data-hydrated]"))
            .await;
        if let Err(fout) = gehydrateerd {
            panic!(
                "{pad} hydrates within 20 s ({fout}; is target/site/pkg built?); the console:\n{}",
                self.console().await
            );
        }
    }

    /// The browser's console messages since the last call, one per line.
    async fn console(&self) -> String {
        let sessie = self
            .client
            .session_id()
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let antwoord = reqwest::Client::new()
            .post(format!(
                "{}/session/{sessie}/se/log",
                self.chromium.webdriver
            ))
            .json(&json!({ "type": "browser" }))
            .send()
            .await;
        let regels = match antwoord {
            Ok(a) => a.json::<Value>().await.unwrap_or_default(),
            Err(fout) => return format!("(the log could not be read: {fout})"),
        };
        regels["value"]
            .as_array()
            .map(|regels| {
                regels
                    .iter()
                    .map(|r| {
                        format!(
                            "{} {}",
                            r["level"].as_str().unwrap_or("?"),
                            r["message"].as_str().unwrap_or("")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_else(|| format!("(no log: {regels})"))
    }

    /// Runs axe-core on the page and returns its violations.
    async fn axe_violations(&self) -> Vec<Value> {
        let axe = std::fs::read_to_string(werkmap().join("tests/node_modules/axe-core/axe.min.js"))
            .expect("axe-core installed in tests/node_modules (npm ci --prefix tests)");
        self.client
            .execute(&axe, vec![])
            .await
            .expect("axe injects");
        let resultaat = self
            .client
            .execute_async(
                "const klaar = arguments[arguments.length - 1];
                 axe.run(document).then(r => klaar(r.violations), e => klaar([{id: 'axe-error', help: String(e)}]));",
                vec![],
            )
            .await
            .expect("axe runs");
        resultaat
            .as_array()
            .cloned()
            .expect("axe returns a list of violations")
    }

    async fn assert_toegankelijk(&self, pagina: &str) {
        let violations = self.axe_violations().await;
        let samenvatting: Vec<String> = violations
            .iter()
            .map(|v| {
                let doelen: Vec<String> = v["nodes"]
                    .as_array()
                    .map(|nodes| {
                        nodes
                            .iter()
                            .take(3)
                            .map(|n| n["target"].to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                format!("{}: {} ({})", v["id"], v["help"], doelen.join(", "))
            })
            .collect();
        assert!(
            samenvatting.is_empty(),
            "axe-core on {pagina}:\n{}",
            samenvatting.join("\n")
        );
    }

    async fn tekst(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} on the page: {e}"))
            .text()
            .await
            .expect("text")
    }

    /// The text content of the first element `css` selects, shown or not (an SVG
    /// `<title>` is never shown).
    async fn inhoud(&self, css: &str) -> String {
        self.client
            .execute(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
                vec![Value::from(css)],
            )
            .await
            .expect("script")
            .as_str()
            .unwrap_or_else(|| panic!("{css} on the page"))
            .to_owned()
    }

    /// The paths of the WASM files this page has fetched so far.
    async fn wasm_geladen(&self) -> Vec<String> {
        let paden = self
            .client
            .execute(
                "return performance.getEntriesByType('resource')
                   .map(e => new URL(e.name).pathname).filter(p => p.endsWith('.wasm'));",
                vec![],
            )
            .await
            .expect("resource timing");
        serde_json::from_value(paden).expect("a list of paths")
    }

    /// A new browser logged in as a member of Utrecht, whose account this makes.
    async fn als_lid_van_utrecht(app: &TestApp) -> Self {
        crate::toegang::maak_account(app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
        let browser = Self::start().await;
        browser
            .log_in(app, "ib@utrecht.nl", "een lang wachtwoord")
            .await;
        browser
    }

    /// Logs in through the login form and waits for the header to show who.
    async fn log_in(&self, app: &TestApp, email: &str, wachtwoord: &str) {
        self.open(app, "/inloggen").await;
        self.vul("email", email).await;
        self.vul("wachtwoord", wachtwoord).await;
        self.klik("form.gp-formulier button[type=submit]").await;
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(".gp-sessie__naam"))
            .await
            .expect("logged in");
    }

    /// Logs out with the header's button and waits until the page says so: a page opened
    /// before that could be overtaken by the logout's own redirect.
    async fn log_uit(&self) {
        self.klik(".gp-sessie button[type=submit]").await;
        self.wacht_op_tekst("a.gp-sessie", "Inloggen").await;
    }

    /// Types `tekst` into the field with id `id`, after clearing it.
    async fn vul(&self, id: &str, tekst: &str) {
        let veld = self
            .client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|e| panic!("#{id}: {e}"));
        veld.clear().await.expect("clear");
        veld.send_keys(tekst).await.expect("type");
    }

    /// Sets a date field the way a date picker does (typing depends on the locale).
    async fn kies_datum(&self, id: &str, datum: &str) {
        self.client
            .execute(
                "const v = document.getElementById(arguments[0]); v.value = arguments[1];
                 v.dispatchEvent(new Event('input', {bubbles: true}));",
                vec![json!(id), json!(datum)],
            )
            .await
            .expect("date set");
    }

    /// Clicks `css` once it is there (a part that loads after hydration may come later).
    async fn klik(&self, css: &str) {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .expect("click");
    }

    /// Waits until `css` holds text containing `deel`, and returns the text.
    async fn wacht_op_tekst(&self, css: &str, deel: &str) -> String {
        let mut laatste = String::new();
        for _ in 0..100 {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                laatste = element.text().await.unwrap_or_default();
                if laatste.contains(deel) {
                    return laatste;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // What the page showed, for whoever reads the failure.
        let pad = std::env::temp_dir().join("grondplan-browserfout.png");
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(&pad, png);
        }
        panic!(
            "{css} never contained '{deel}'; last: '{laatste}' (screenshot: {})",
            pad.display()
        );
    }

    /// With `GRONDPLAN_SCHERMAFDRUKKEN=map` set, saves the page as `map/naam-1366.png` and
    /// `map/naam-375.png` (a laptop and a phone), to look at what a user sees.
    async fn schermafdruk(&self, naam: &str) {
        if let Ok(map) = std::env::var("GRONDPLAN_SCHERMAFDRUKKEN") {
            std::fs::create_dir_all(&map).expect("the screenshot folder");
            let (breedte, hoogte) = self.client.get_window_size().await.expect("window size");
            let maat = |m: u64| u32::try_from(m).unwrap_or(u32::MAX);
            for (scherm, h) in [(1366, 900), (375, 812)] {
                self.client
                    .set_window_size(scherm, h)
                    .await
                    .expect("window resized");
                let png = self.client.screenshot().await.expect("screenshot");
                std::fs::write(
                    std::path::Path::new(&map).join(format!("{naam}-{scherm}.png")),
                    png,
                )
                .expect("screenshot written");
            }
            self.client
                .set_window_size(maat(breedte), maat(hoogte))
                .await
                .expect("window restored");
        }
    }

    /// Scrolls the element with id `id` into view, then [`Self::schermafdruk`].
    async fn schermafdruk_bij(&self, id: &str, naam: &str) {
        self.client
            .execute(
                "document.getElementById(arguments[0]).scrollIntoView();",
                vec![serde_json::json!(id)],
            )
            .await
            .expect("scroll");
        self.schermafdruk(naam).await;
    }

    async fn sluit(self) {
        self.client.close().await.expect("browser closes");
    }
}

#[tokio::test]
async fn the_routekaart_renders_every_opgave_with_its_fasen_and_has_no_axe_violations() {
    let app = spawn_app().await;
    let browser = Browser::start().await;
    browser.open(&app, "/").await;
    assert_eq!(browser.tekst("h1").await, "Routekaart Common Ground");
    let rijen = browser
        .client
        .find_all(Locator::Css(".gp-rij:not(.gp-rij--activiteit)"))
        .await
        .expect("rows");
    assert_eq!(rijen.len(), 5);
    let namen = browser
        .client
        .find_all(Locator::Css(".gp-rij__naam"))
        .await
        .expect("names");
    assert_eq!(
        namen[0].text().await.expect("text"),
        "Registratie Vakantieverhuur"
    );
    let balken = browser
        .client
        .find_all(Locator::Css(
            ".gp-tijdlijn .gp-balk--ontwikkelfase, .gp-tijdlijn .gp-balk--opschalingsfase",
        ))
        .await
        .expect("bars");
    assert_eq!(balken.len(), 10, "two fasen per opgave");
    assert!(
        !browser
            .client
            .find_all(Locator::Css(".gp-besluit"))
            .await
            .expect("markers")
            .is_empty()
    );
    browser.assert_toegankelijk("/").await;
    browser.sluit().await;
}

#[tokio::test]
async fn the_gemeenten_search_filters_as_you_type_once_hydrated() {
    let app = spawn_app().await;
    let browser = Browser::start().await;
    browser.open(&app, "/gemeenten").await;
    let alle = browser
        .client
        .find_all(Locator::Css("tbody tr"))
        .await
        .expect("rows")
        .len();
    assert!(alle > 0, "gemeenten listed");
    browser.assert_toegankelijk("/gemeenten").await;

    let zoekveld = browser
        .client
        .find(Locator::Id("zoek-gemeente"))
        .await
        .expect("search box");
    zoekveld.send_keys("utrecht").await.expect("typing");
    // No submit: the list filters on every keystroke.
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::XPath("//p[@role='status'][contains(., ' van ')]"))
        .await
        .expect("the count updates while typing");
    let namen: Vec<String> = {
        let mut namen = Vec::new();
        for rij in browser
            .client
            .find_all(Locator::Css("tbody tr td:first-child"))
            .await
            .expect("rows")
        {
            namen.push(rij.text().await.expect("text"));
        }
        namen
    };
    assert!(namen.contains(&"Utrecht".to_owned()), "{namen:?}");
    assert!(namen.len() < alle, "{} of {alle}", namen.len());
    browser.assert_toegankelijk("/gemeenten (gefilterd)").await;
    browser.sluit().await;
}

/// The parts of the WASM in `geladen` beyond the first, by name (`split_<name>_<hash>.wasm`;
/// the chunks they share are left out).
fn delen(geladen: &[String]) -> Vec<&str> {
    let mut delen: Vec<&str> = geladen
        .iter()
        .filter_map(|pad| pad.strip_prefix("/pkg/split_")?.rsplit_once('_'))
        .map(|(naam, _hash)| naam)
        .collect();
    delen.sort_unstable();
    delen
}

#[tokio::test]
async fn every_page_loads_the_first_part_of_the_wasm_and_only_its_own_part_when_shown() {
    let app = spawn_app().await;
    crate::toegang::maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    let browser = Browser::start().await;
    browser.open(&app, "/").await;
    let geladen = browser.wasm_geladen().await;
    assert!(
        geladen.contains(&"/pkg/frontend_bg.wasm".to_owned()),
        "{geladen:?}"
    );
    assert_eq!(delen(&geladen), ["routekaartpagina"], "{geladen:?}");

    // Following a link in the app loads the part of the public pages, once.
    browser.klik("a.gp-nav__link[href='/gemeenten']").await;
    browser.wacht_op_tekst("h1", "Gemeenten").await;
    browser.vul("zoek-gemeente", "utrecht").await;
    browser.wacht_op_tekst("p[role='status']", " van ").await;
    let geladen = browser.wasm_geladen().await;
    assert_eq!(
        delen(&geladen),
        ["openbare_pagina", "routekaartpagina"],
        "{geladen:?}"
    );
    browser.assert_toegankelijk("/gemeenten, na een link").await;

    // Signing in, then a member's start page and another member's page opened directly:
    // each loads its own part before the page hydrates, and no other.
    browser.open(&app, "/inloggen").await;
    assert_eq!(delen(&browser.wasm_geladen().await), ["aanmeldpagina"]);
    browser
        .log_in(&app, "ib@utrecht.nl", "een lang wachtwoord")
        .await;
    browser.open(&app, "/gemeenten/GM0344").await;
    let geladen = browser.wasm_geladen().await;
    assert_eq!(delen(&geladen), ["startpagina"], "{geladen:?}");
    assert_eq!(
        browser.client.title().await.expect("title"),
        "Utrecht: wat nu te doen · Grondplan"
    );
    browser.assert_toegankelijk("/gemeenten/GM0344").await;
    browser.schermafdruk("start-met-eigen-deel").await;
    browser.open(&app, "/gemeenten/GM0344/overstapplan").await;
    browser.wacht_op_tekst("h1", "Utrecht").await;
    let geladen = browser.wasm_geladen().await;
    assert_eq!(delen(&geladen), ["planpagina"], "{geladen:?}");
    browser.open(&app, "/gemeenten/GM0344/landschap").await;
    browser.wacht_op_tekst("h1", "Utrecht").await;
    let geladen = browser.wasm_geladen().await;
    assert_eq!(delen(&geladen), ["gemeentepagina"], "{geladen:?}");
    browser.sluit().await;
}

#[tokio::test]
async fn the_axe_check_does_catch_a_violation() {
    // Guards the guard: if axe were not really running, every page would "pass".
    let app = spawn_app().await;
    let browser = Browser::start().await;
    browser.open(&app, "/gemeenten").await;
    browser
        .client
        .execute("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"data:,\">');", vec![])
        .await
        .expect("inject an image without alt text");
    let violations = browser.axe_violations().await;
    assert!(
        violations.iter().any(|v| v["id"] == "image-alt"),
        "{violations:?}"
    );
    browser.sluit().await;
}

#[tokio::test]
async fn an_unknown_page_says_so_in_dutch_with_status_404() {
    let app = spawn_app().await;
    assert_eq!(app.get("/bestaat-niet").await.status(), 404);
    let browser = Browser::start().await;
    browser.open(&app, "/bestaat-niet").await;
    assert_eq!(browser.tekst("h1").await, "Pagina niet gevonden");
    browser.assert_toegankelijk("404").await;
    browser.sluit().await;
}

#[tokio::test]
async fn logging_in_and_out_works_and_a_wrong_password_is_explained_next_to_the_field() {
    let app = spawn_app().await;
    crate::toegang::maak_account(&app, "ib@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    let browser = Browser::start().await;
    browser.open(&app, "/inloggen").await;
    browser.assert_toegankelijk("/inloggen").await;

    let vul_in = |wachtwoord: &'static str| {
        let client = browser.client.clone();
        async move {
            client
                .find(Locator::Id("email"))
                .await
                .expect("email")
                .clear()
                .await
                .expect("clear");
            client
                .find(Locator::Id("email"))
                .await
                .expect("email")
                .send_keys("ib@utrecht.nl")
                .await
                .expect("type");
            client
                .find(Locator::Id("wachtwoord"))
                .await
                .expect("password")
                .send_keys(wachtwoord)
                .await
                .expect("type");
            client
                .find(Locator::Css("form.gp-formulier button[type=submit]"))
                .await
                .expect("button")
                .click()
                .await
                .expect("submit");
        }
    };
    vul_in("verkeerd").await;
    let fout = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("wachtwoord-fout"))
        .await
        .expect("the error appears");
    assert_eq!(
        fout.text().await.expect("text"),
        "Het e-mailadres of het wachtwoord klopt niet."
    );
    let veld = browser
        .client
        .find(Locator::Id("wachtwoord"))
        .await
        .expect("field");
    assert_eq!(
        veld.attr("aria-describedby")
            .await
            .expect("attr")
            .as_deref(),
        Some("wachtwoord-fout")
    );
    assert_eq!(
        veld.attr("aria-invalid").await.expect("attr").as_deref(),
        Some("true")
    );
    browser
        .client
        .wait()
        .for_element(Locator::Css("body[data-hydrated]"))
        .await
        .expect("hydrated");
    browser.assert_toegankelijk("/inloggen met fout").await;

    vul_in("een lang wachtwoord").await;
    let naam = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(".gp-sessie__naam"))
        .await
        .expect("logged in");
    assert_eq!(naam.text().await.expect("text"), "ib@utrecht.nl (Utrecht)");
    browser
        .client
        .wait()
        .for_element(Locator::Css("body[data-hydrated]"))
        .await
        .expect("hydrated");
    browser.assert_toegankelijk("/ ingelogd").await;
    browser.open(&app, "/gemeenten/GM0344/audit").await;
    assert_eq!(browser.tekst("h1").await, "Wijzigingen van Utrecht");
    browser.assert_toegankelijk("/gemeenten/GM0344/audit").await;
    browser.schermafdruk("audit").await;

    browser
        .client
        .find(Locator::Css(".gp-sessie__knop"))
        .await
        .expect("logout")
        .click()
        .await
        .expect("click");
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(
            "//a[contains(@class,'gp-sessie')][.='Inloggen']",
        ))
        .await
        .expect("logged out");
    browser.sluit().await;
}
