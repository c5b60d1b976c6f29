//! The landelijk beeld in Chromium: a member reads the heatmap and the cohorts and
//! chooses to be named; regie moves a fase with the keyboard and sees at once how many
//! gemeenten lose their contract window; axe-core finds nothing on either page.

use fantoccini::Locator;
use fantoccini::key::Key;
use reqwest::StatusCode;
use serde_json::json;
use server::Db;

use super::Browser;
use crate::helpers::spawn_app;
use crate::landelijk::vul_vanaf;
use crate::toegang::{maak_account, maak_regieaccount, maak_tokens};

/// Landscapes whose contracts run from the server's today on, so the page (which plans on
/// today) has windows to show.
async fn landschappen(db: &Db, aantal: usize) -> Vec<String> {
    vul_vanaf(db, aantal, 60, chrono::Utc::now().date_naive()).await
}

/// The text of the cohort row that names the member's own gemeente (read as text: its
/// disclosure may be closed).
async fn eigen_rij(browser: &Browser) -> String {
    browser
        .client
        .find(Locator::XPath("//li[contains(., '(uw gemeente')]"))
        .await
        .expect("own gemeente in a cohort")
        .prop("textContent")
        .await
        .expect("text")
        .unwrap_or_default()
}

#[tokio::test]
async fn a_member_reads_heatmap_and_cohorts_and_chooses_to_be_named() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    let codes = landschappen(&db, 24).await;
    let eigen = &codes[0];

    // Without login: status 401 and the way to log in.
    let anoniem = app.get("/landelijk").await;
    assert_eq!(anoniem.status(), StatusCode::UNAUTHORIZED);
    assert!(anoniem.text().await.expect("body").contains("Log in"));

    maak_account(&app, "ib@gemeente.nl", "een lang wachtwoord", eigen).await;
    let browser = Browser::start().await;
    browser
        .log_in(&app, "ib@gemeente.nl", "een lang wachtwoord")
        .await;
    browser.open(&app, "/landelijk?drempel=2").await;
    browser
        .wacht_op_tekst("#samenvatting-kop", "In het kort")
        .await;
    let kansrijk = browser
        .client
        .find_all(Locator::Css(".gp-heat__tabel .gp-heat--kansrijk"))
        .await
        .expect("cells");
    let cohorten = browser
        .client
        .find_all(Locator::Css(".gp-cohort"))
        .await
        .expect("cohorts");
    assert!(!kansrijk.is_empty(), "kansrijke cells are framed");
    assert_eq!(
        kansrijk.len(),
        cohorten.len(),
        "one cohort per kansrijk cell"
    );
    // A kansrijk cell links to its cohort: following it opens the component's group.
    let doel = kansrijk[0]
        .find(Locator::Css("a"))
        .await
        .expect("link in a kansrijk cell")
        .attr("href")
        .await
        .expect("href")
        .expect("an anchor");
    browser
        .klik(&format!(".gp-heat__tabel a[href='{doel}']"))
        .await;
    let eerste = browser.wacht_op_tekst(&doel, "gemeenten met").await;
    assert!(
        eerste.contains("niet bij naam genoemd") || eerste.contains("opzeggen vóór"),
        "{eerste}"
    );
    browser.assert_toegankelijk("/landelijk").await;
    for (kop, naam) in [
        ("heatmap-kop", "landelijk-heatmap"),
        ("cohorten-kop", "landelijk-cohorten"),
        ("zichtbaarheid-kop", "landelijk-keuze"),
    ] {
        browser.schermafdruk_bij(kop, naam).await;
    }

    // The choice: named from now on, saved with the version it was read at. With
    // threshold 1 the member's own gemeente is in some cohort, named to itself only (read
    // from the page as text: the cohort's disclosure may be closed).
    browser.open(&app, "/landelijk?drempel=1").await;
    let voor = eigen_rij(&browser).await;
    assert!(voor.contains("anderen zien haar niet bij naam"), "{voor}");
    browser.klik("#zichtbaarheid-genoemd").await;
    browser.klik(".gp-zichtbaarheid button[type=submit]").await;
    browser
        .wacht_op_tekst(".gp-zichtbaarheid [role=status]", "Opgeslagen")
        .await;
    let na = eigen_rij(&browser).await;
    assert!(na.contains("(uw gemeente):"), "{na}");
    browser.assert_toegankelijk("/landelijk na opslaan").await;
    let keuze = app
        .lees(
            &format!("/api/v1/gemeenten/{eigen}/zichtbaarheid"),
            &tokens.regie,
        )
        .await;
    assert_eq!(keuze, json!({"genoemdInCohorten": true}));
    // Saving again with the same (now current) version works; the page keeps it.
    browser.klik("#zichtbaarheid-genoemd").await;
    browser.klik(".gp-zichtbaarheid button[type=submit]").await;
    browser
        .wacht_op_tekst(".gp-zichtbaarheid [role=status]", "alleen meegeteld")
        .await;
    browser.sluit().await;
}

#[tokio::test]
async fn regie_moves_a_fase_by_keyboard_and_sees_gemeenten_lose_their_window() {
    let app = spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    landschappen(&db, 24).await;
    maak_regieaccount(&app, "regie@vng.nl", "een lang wachtwoord").await;
    let browser = Browser::start().await;
    browser
        .log_in(&app, "regie@vng.nl", "een lang wachtwoord")
        .await;
    browser.open(&app, "/").await;
    browser
        .wacht_op_tekst(
            ".gp-landelijk-effect__verlies",
            "Geen gemeente verliest een contractvenster.",
        )
        .await;
    browser.assert_toegankelijk("/ met landelijk effect").await;

    // A year later, a month per key press.
    let fase = "[data-onderdeel='zaakgericht-werken/ontwikkelfase']";
    let balk = browser.client.find(Locator::Css(fase)).await.expect("bar");
    // One call per press: WebDriver releases a modifier when it is sent again.
    for _ in 0..12 {
        balk.send_keys(&format!("{}{}", Key::Shift, Key::Right))
            .await
            .expect("keys");
    }
    let verlies = browser
        .wacht_op_tekst(
            ".gp-landelijk-effect__verlies",
            "verliezen een contractvenster",
        )
        .await;
    let gemeenten: usize = verlies
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count first: {verlies}"));
    assert!((1..=24).contains(&gemeenten), "{verlies}");
    assert!(verlies.contains("extra contractkosten"), "{verlies}");
    browser
        .assert_toegankelijk("/ na verschuiven, landelijk")
        .await;
    browser
        .schermafdruk_bij("landelijk-effect-kop", "landelijk-effect")
        .await;

    // Undoing the twelve steps brings the published Routekaart back: no effect.
    for _ in 0..12 {
        balk.send_keys(&format!("{}z", Key::Control))
            .await
            .expect("undo");
    }
    browser
        .wacht_op_tekst(
            ".gp-landelijk-effect__verlies",
            "Geen gemeente verliest een contractvenster.",
        )
        .await;
    browser.sluit().await;
}
