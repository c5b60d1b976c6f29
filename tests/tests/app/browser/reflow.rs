//! WCAG 1.4.10 reflow and axe-core on every page in Chromium, logged in as a member of
//! a gemeente with a 300-applicatie landscape, so the longest lists are there. At 320 CSS
//! px wide (1280 px at 400 % zoom), 375 px (a phone), 683 px (1366 px at 200 % zoom) and
//! 1366 px (a laptop) no page scrolls sideways: what is wider than the screen (a table,
//! the heatmap, the Routekaart) scrolls inside its own region, and axe-core, run at 375
//! and 1366 px, checks that each such region is reachable by keyboard.

use chrono::Utc;
use serde_json::Value;
use server::Db;

use super::Browser;
use crate::helpers::{TestApp, spawn_app};
use crate::landelijk::vul_vanaf;
use crate::toegang::{maak_lid, maak_regieaccount};

/// The page's scroll width and its width, with the elements and texts that stick out
/// without being inside a scrolling region (at most ten).
const UITSTEKERS: &str = "
    const breedte = document.documentElement.clientWidth;
    const schuift = (o) => {
        for (; o; o = o.parentElement) {
            if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(o).overflowX)) return true;
        }
        return false;
    };
    const naam = (e) => `${e.tagName.toLowerCase()}#${e.id}.${String(e.className.baseVal ?? e.className).split(' ').join('.')}`;
    const uit = [];
    for (const e of document.querySelectorAll('body *')) {
        const r = e.getBoundingClientRect();
        if (r.width > 0 && r.right > breedte + 1 && !schuift(e.parentElement)) {
            uit.push(`${naam(e)} (${Math.round(r.right)} px)`);
        }
    }
    const tekst = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const bereik = document.createRange();
    for (let t = tekst.nextNode(); t; t = tekst.nextNode()) {
        if (!t.textContent.trim()) continue;
        bereik.selectNodeContents(t);
        const r = bereik.getBoundingClientRect();
        if (r.width > 0 && r.right > breedte + 1 && !schuift(t.parentElement)) {
            uit.push(`'${t.textContent.trim().slice(0, 30)}' in ${naam(t.parentElement)} (${Math.round(r.right)} px)`);
        }
    }
    return [document.documentElement.scrollWidth, breedte, uit.slice(0, 10)];
";

#[tokio::test]
async fn every_page_reflows_from_320_px_to_200_percent_zoom_and_passes_axe_on_a_phone_and_a_laptop()
{
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let codes = vul_vanaf(&db, 3, 300, Utc::now().date_naive()).await;
    let code = &codes[0];
    // A beheerder, to see the accounts page too.
    maak_lid(
        &app,
        "ib@gemeente.nl",
        "een lang wachtwoord",
        code,
        domain::toegang::Lidrecht::Beheren,
    )
    .await;
    maak_regieaccount(&app, "regie@vng.nl", "een lang wachtwoord").await;
    let browser = Browser::start().await;
    browser
        .log_in(&app, "ib@gemeente.nl", "een lang wachtwoord")
        .await;
    let paginas = [
        "/".to_owned(),
        "/componenten".to_owned(),
        "/componenten/open-zaak".to_owned(),
        "/referentiecomponenten".to_owned(),
        "/gemeenten".to_owned(),
        "/opgaven/zaakgericht-werken".to_owned(),
        "/landelijk".to_owned(),
        format!("/gemeenten/{code}"),
        format!("/gemeenten/{code}/overstapplan"),
        format!("/gemeenten/{code}/landschap"),
        format!("/gemeenten/{code}/scenarios"),
        format!("/gemeenten/{code}/audit"),
        format!("/gemeenten/{code}/accounts"),
    ];
    let mut fouten = Vec::new();
    meet(&browser, &app, &paginas, &mut fouten).await;
    // With GRONDPLAN_SCHERMAFDRUKKEN set, each page as a laptop and a phone show it.
    if std::env::var_os("GRONDPLAN_SCHERMAFDRUKKEN").is_some() {
        for pad in &paginas {
            browser.open(&app, pad).await;
            let naam = pad.trim_matches('/').replace(['/', '?', '='], "-");
            browser
                .schermafdruk(&format!(
                    "pagina-{}",
                    if naam.is_empty() { "routekaart" } else { &naam }
                ))
                .await;
        }
        browser
            .open(&app, &format!("/gemeenten/{code}/overstapplan"))
            .await;
        for id in [
            "selectie-besparing",
            "besparing-grafiek",
            "plan-belasting-grafiek",
        ] {
            browser
                .schermafdruk_bij(id, &format!("overstapplan-{id}"))
                .await;
        }
    }
    // Regie's page, signed in as regie.
    browser.log_uit().await;
    browser
        .log_in(&app, "regie@vng.nl", "een lang wachtwoord")
        .await;
    meet(&browser, &app, &["/beheer".to_owned()], &mut fouten).await;
    if std::env::var_os("GRONDPLAN_SCHERMAFDRUKKEN").is_some() {
        browser.open(&app, "/beheer").await;
        browser.schermafdruk("pagina-beheer").await;
    }
    browser.sluit().await;
    assert!(
        fouten.is_empty(),
        "pages scroll sideways:\n{}",
        fouten.join("\n")
    );
}

/// Each of `paginas` at every width: what sticks out, into `fouten`; axe-core at 375 and
/// 1366 px.
async fn meet(browser: &Browser, app: &TestApp, paginas: &[String], fouten: &mut Vec<String>) {
    for breedte in [320_u32, 375, 683, 1366] {
        browser
            .client
            .set_window_size(breedte, 900)
            .await
            .expect("window resized");
        for pad in paginas {
            browser.open(app, pad).await;
            let meting = browser
                .client
                .execute(UITSTEKERS, Vec::new())
                .await
                .expect("script");
            let breed = meting[0].as_i64().unwrap_or(i64::MAX);
            let scherm = meting[1].as_i64().unwrap_or(0);
            if breed > scherm {
                fouten.push(format!(
                    "{pad} at {breedte} px: {breed} px wide in {scherm}; {}",
                    meting[2]
                        .as_array()
                        .map(|u| u
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(", "))
                        .unwrap_or_default()
                ));
            }
            // axe-core on a phone and on a laptop.
            if breedte == 375 || breedte == 1366 {
                browser
                    .assert_toegankelijk(&format!("{pad} at {breedte} px"))
                    .await;
            }
        }
    }
}
