//! A member's start page in Chromium: after logging in, the member lands on what to do
//! now, and the next notice deadline is one click from its applicatie in the landscape.
//! A gemeente without a landscape is told how to fill it.

use chrono::TimeZone;
use fantoccini::Locator;
use reqwest::StatusCode;
use serde_json::json;
use server::Db;

use super::Browser;
use crate::helpers::spawn_app_op;
use crate::landelijk::lid;
use crate::landschap::{open_zaak_als_voorbeeld_a, zaakregistratie};
use crate::toegang::{maak_account, maak_tokens};

#[tokio::test]
async fn a_member_lands_on_the_work_list_and_reaches_the_next_notice_deadline_in_one_click() {
    // Worked example A on 1 January 2025: notice for Zaaksysteem X by 30 June 2025.
    let app = spawn_app_op(
        chrono::Utc
            .with_ymd_and_hms(2025, 1, 1, 9, 0, 0)
            .single()
            .expect("moment"),
    )
    .await;
    let Some(zaakregistratie) = zaakregistratie(&app).await else {
        return;
    };
    let db = Db::connect(&app.database_url).await.expect("db");
    let tokens = maak_tokens(&db).await;
    open_zaak_als_voorbeeld_a(&app, &tokens, &zaakregistratie).await;
    let antwoord = app
        .http
        .post(app.url("/api/v1/gemeenten/GM0344/applicaties"))
        .bearer_auth(&tokens.utrecht)
        .json(&json!({
            "naam": "Zaaksysteem X", "leverancier": "Leverancier B.V.",
            "referentiecomponenten": [zaakregistratie], "einddatum": "2025-12-31",
            "opzegtermijnMaanden": 6, "verlengingMaanden": 12, "jaarlijkseKosten": 120000,
            "gebruikers": 150
        }))
        .send()
        .await
        .expect("answers");
    assert_eq!(antwoord.status(), StatusCode::CREATED);
    // Four more gemeenten switch to Open Zaak in the same quarter: with Utrecht that is the
    // drempel of five, a kansrijk moment to switch together.
    let zelfde = |leverancier: &str| {
        json!({
            "naam": "Zaaksysteem X", "leverancier": leverancier,
            "referentiecomponenten": [zaakregistratie], "einddatum": "2025-12-31",
            "opzegtermijnMaanden": 6, "verlengingMaanden": 12, "jaarlijkseKosten": 120000
        })
    };
    for code in ["GM0014", "GM0034", "GM0518", "GM0599"] {
        let token = lid(&db, code).await;
        let antwoord = app
            .http
            .post(app.url(&format!("/api/v1/gemeenten/{code}/applicaties")))
            .bearer_auth(&token)
            .json(&zelfde("Leverancier B.V."))
            .send()
            .await
            .expect("answers");
        assert_eq!(antwoord.status(), StatusCode::CREATED, "{code}");
    }
    maak_account(&app, "ib@amsterdam.nl", "een lang wachtwoord", "GM0363").await;

    let browser = Browser::als_lid_van_utrecht(&app).await;
    let hier = browser.client.current_url().await.expect("url");
    assert_eq!(
        hier.path(),
        "/gemeenten/GM0344",
        "a member lands on its start page"
    );
    assert_eq!(browser.tekst("h1").await, "Utrecht: wat nu te doen");
    let taak = browser
        .wacht_op_tekst("#opzegtermijnen", "Zaaksysteem X")
        .await;
    assert_eq!(
        taak,
        "Zaaksysteem X: opzeggen vóór 30 juni 2025 (nog 180 dagen), dan over naar Open Zaak op 31 dec. 2025"
    );
    assert_eq!(
        browser.tekst("#cohorten").await,
        "Open Zaak in het 4e kwartaal 2025: u (Zaaksysteem X) met 4 andere gemeenten; de eerste gemeente zegt op vóór 30 juni 2025",
        "the cohort it is in, without naming the others"
    );
    browser
        .assert_toegankelijk("/gemeenten/GM0344 (start)")
        .await;
    browser.schermafdruk("start").await;

    browser.klik("#opzegtermijnen a").await;
    browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::Css(
            "body[data-hydrated] tr#applicatie-zaaksysteem-x",
        ))
        .await
        .expect("the applicatie's row in the landscape");
    let hier = browser.client.current_url().await.expect("url");
    assert_eq!(hier.path(), "/gemeenten/GM0344/landschap");
    assert_eq!(hier.fragment(), Some("applicatie-zaaksysteem-x"));
    assert_eq!(
        browser
            .client
            .find(Locator::Id("landschap-zoek"))
            .await
            .expect("search field")
            .prop("value")
            .await
            .expect("value")
            .as_deref(),
        Some("Zaaksysteem X"),
        "the landscape opens searched for the applicatie, whatever its page"
    );
    browser
        .assert_toegankelijk("/gemeenten/GM0344/landschap?applicatie=zaaksysteem-x")
        .await;

    // The audit trail names who changed what, by name, field by field in words.
    browser.open(&app, "/gemeenten/GM0344/audit").await;
    let regel = browser
        .wacht_op_tekst("#audit", "voegde toe applicatie Zaaksysteem X")
        .await;
    assert!(
        regel.contains("token utrecht (GM0344) voegde toe applicatie Zaaksysteem X")
            && regel.contains("einddatum: 31 dec. 2025")
            && regel.contains("jaarlijkse kosten: 120.000"),
        "{regel}"
    );
    browser.assert_toegankelijk("/gemeenten/GM0344/audit").await;
    browser.schermafdruk("audit").await;
    browser.sluit().await;

    // Amsterdam has no landscape yet: its start page says what to do first.
    let leeg = Browser::start().await;
    leeg.log_in(&app, "ib@amsterdam.nl", "een lang wachtwoord")
        .await;
    let kop = leeg.wacht_op_tekst("#leeg-kop", "Nog geen").await;
    assert_eq!(kop, "Nog geen applicatielandschap");
    assert_eq!(
        leeg.tekst("#leeg-kop + p a").await,
        "Importeer een bestand of voer uw applicaties in"
    );
    leeg.assert_toegankelijk("/gemeenten/GM0363 (leeg)").await;
    leeg.schermafdruk("start-leeg").await;
    leeg.sluit().await;
}

#[tokio::test]
async fn the_landscape_of_300_filters_by_function_and_use_and_pages() {
    let app = crate::helpers::spawn_app().await;
    let db = Db::connect(&app.database_url).await.expect("db");
    let codes = crate::landelijk::vul_vanaf(&db, 1, 300, chrono::Utc::now().date_naive()).await;
    let code = &codes[0];
    maak_account(&app, "ib@gemeente.nl", "een lang wachtwoord", code).await;
    let browser = Browser::start().await;
    browser
        .log_in(&app, "ib@gemeente.nl", "een lang wachtwoord")
        .await;
    browser
        .open(&app, &format!("/gemeenten/{code}/landschap"))
        .await;
    assert!(
        browser
            .tekst("#landschap-aantal")
            .await
            .starts_with("300 applicaties; pagina 1 van 6."),
        "50 a page"
    );
    // Only what is not in use: every row says so.
    browser
        .client
        .find(Locator::Css("#landschap-gebruik option[value=nee]"))
        .await
        .expect("the choice")
        .click()
        .await
        .expect("chosen");
    let telling = browser
        .wacht_op_tekst("#landschap-aantal", " van 300")
        .await;
    let ongebruikt: usize = telling
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count");
    assert!((1..300).contains(&ongebruikt), "{telling}");
    let cellen = browser
        .client
        .find_all(Locator::Css("#landschap tbody td:nth-child(8)"))
        .await
        .expect("cells");
    assert_eq!(cellen.len(), ongebruikt.min(50));
    for cel in cellen {
        assert_eq!(cel.text().await.expect("text"), "nee");
    }
    // Back to all, then one function by name: the list narrows to rows that name it.
    browser
        .client
        .find(Locator::Css("#landschap-gebruik option[value='']"))
        .await
        .expect("the choice")
        .click()
        .await
        .expect("chosen");
    browser
        .wacht_op_tekst("#landschap-aantal", "300 applicaties")
        .await;
    let optie = browser
        .client
        .find(Locator::Css("#landschap-functie option:nth-child(2)"))
        .await
        .expect("a function");
    let functie = optie.text().await.expect("name");
    optie.click().await.expect("chosen");
    browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::XPath(&format!(
            "//table[@id='landschap']/tbody[count(tr) > 0 and count(tr) = count(tr[contains(td[2], \"{functie}\")])]"
        )))
        .await
        .expect("every row names the function");
    browser.assert_toegankelijk("landschap gefilterd").await;
    browser.schermafdruk("landschap-gefilterd").await;
    browser.sluit().await;
}
