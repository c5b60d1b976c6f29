//! Accounts a gemeente manages itself, in Chromium: its beheerder reaches the accounts
//! page from the header, invites a colleague, the colleague accepts with a password of
//! their own, and the beheerder disables the account again, which signs it out at once.
//! And an invitation accepted through the gemeente's own provider (npm oidc-provider), at
//! a provider that only says who someone is, and refused through a provider that puts the
//! person in another gemeente. Every page axe-clean.

use domain::GemeenteCode;
use domain::toegang::{Lidrecht, Toegangsrol};
use fantoccini::Locator;
use reqwest::StatusCode;
use serde_json::json;
use server::toegang::oidc::Aanbieder;

use super::Browser;
use super::inloggen_oidc::{bij_de_aanbieder, terug_bij_grondplan};
use crate::accounts::leest_met;
use crate::helpers::{Identiteitsaanbieder, TestApp, spawn_app, spawn_app_met_aanbieders};
use crate::toegang::{log_in, maak_lid};

const WACHTWOORD: &str = "een lang wachtwoord";

/// As the beheerder of Utrecht: the accounts page, reached from the header, and an
/// invitation for `email` with right `recht`; the link to send.
async fn nodig_uit(browser: &Browser, email: &str, recht: &str) -> String {
    browser
        .klik("a.gp-nav__link[href='/gemeenten/GM0344/accounts']")
        .await;
    browser.wacht_op_tekst("h1", "Accounts van Utrecht").await;
    browser.gehydrateerd("/gemeenten/GM0344/accounts").await;
    browser.vul("uitnodiging-email", email).await;
    browser
        .klik(&format!("#uitnodiging-recht option[value={recht}]"))
        .await;
    browser.klik("#uitnodiging-maken").await;
    let veld = browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::Id("uitnodiging-link"))
        .await
        .expect("the link is shown");
    let link = veld.prop("value").await.expect("value").expect("a link");
    browser
        .wacht_op_tekst("#uitnodigingen", &email.to_lowercase())
        .await;
    link
}

/// Utrecht's beheerder (made here) signs in in a new browser and invites `email`; the
/// browser and the link.
async fn beheerder_nodigt_uit(app: &TestApp, email: &str, recht: &str) -> (Browser, String) {
    maak_lid(
        app,
        "bh@utrecht.nl",
        WACHTWOORD,
        "GM0344",
        Lidrecht::Beheren,
    )
    .await;
    let browser = Browser::start().await;
    browser.log_in(app, "bh@utrecht.nl", WACHTWOORD).await;
    let link = nodig_uit(&browser, email, recht).await;
    (browser, link)
}

/// The path of a whole link on `app`.
fn pad_van(app: &TestApp, link: &str) -> String {
    link.strip_prefix(&app.url(""))
        .unwrap_or_else(|| panic!("{link} on this site"))
        .to_owned()
}

#[tokio::test]
async fn a_beheerder_invites_a_colleague_who_accepts_and_is_disabled_again() {
    let app = spawn_app().await;
    let (browser, link) = beheerder_nodigt_uit(&app, "Collega@Utrecht.nl", "lezen").await;
    assert!(
        browser
            .tekst("[role=status] .gp-uitnodigingslink")
            .await
            .contains("Stuur deze link aan collega@utrecht.nl"),
        "the page says whom to send it to"
    );
    browser
        .assert_toegankelijk("/gemeenten/GM0344/accounts")
        .await;
    browser.schermafdruk("accounts").await;

    // The colleague opens the link (signed out) and chooses a password.
    browser.log_uit().await;
    let pad = pad_van(&app, &link);
    browser.open(&app, &pad).await;
    assert!(
        browser.tekst(".gp-inleiding").await.contains(
            "collega@utrecht.nl voor Utrecht, met het recht \u{201c}alleen lezen\u{201d}"
        ),
        "whom, where and which right"
    );
    browser.assert_toegankelijk("/uitnodiging").await;
    browser.schermafdruk("uitnodiging").await;
    browser.vul("wachtwoord", "te kort").await;
    browser.vul("herhaling", "te kort").await;
    // The browser's own check (minlength) would stop the form; the server's is shown.
    browser
        .client
        .execute(
            "document.querySelector('form.gp-formulier').noValidate = true;",
            vec![],
        )
        .await
        .expect("script");
    browser.klik("form.gp-formulier button[type=submit]").await;
    browser
        .wacht_op_tekst("#wachtwoord-fout", "ten minste 12 tekens")
        .await;
    browser.assert_toegankelijk("/uitnodiging met fout").await;
    browser.vul("wachtwoord", WACHTWOORD).await;
    browser.vul("herhaling", WACHTWOORD).await;
    browser.klik("form.gp-formulier button[type=submit]").await;
    browser
        .wacht_op_tekst(".gp-sessie", "collega@utrecht.nl (Utrecht)")
        .await;
    assert_eq!(
        browser.client.current_url().await.expect("url").path(),
        "/gemeenten/GM0344",
        "on the gemeente's start page"
    );
    // A reader sees no accounts page in the header.
    assert!(
        browser
            .client
            .find(Locator::Css("a[href='/gemeenten/GM0344/accounts']"))
            .await
            .is_err()
    );
    // A second session of the colleague, to see it end.
    let (_, cookie, _) = log_in(&app, "collega@utrecht.nl", WACHTWOORD).await;
    let cookie = cookie.expect("signed in");
    assert_eq!(leest_met(&app, &cookie).await, StatusCode::OK);

    // The beheerder gives the right to edit, then disables the account.
    browser.log_uit().await;
    browser.log_in(&app, "bh@utrecht.nl", WACHTWOORD).await;
    browser
        .klik("a.gp-nav__link[href='/gemeenten/GM0344/accounts']")
        .await;
    browser
        .wacht_op_tekst("#accounts", "collega@utrecht.nl")
        .await;
    browser.gehydrateerd("/gemeenten/GM0344/accounts").await;
    let keuze = browser
        .client
        .find(Locator::XPath(
            "//table[@id='accounts']//tr[th[contains(., 'collega@utrecht.nl')]]//select",
        ))
        .await
        .expect("a right to choose");
    keuze.select_by_value("bewerken").await.expect("chosen");
    browser
        .klik("button[aria-label='Recht opslaan voor collega@utrecht.nl']")
        .await;
    browser
        .wacht_op_tekst("#accounts-melding", "collega@utrecht.nl: lezen en bewerken")
        .await;
    browser
        .klik("button[aria-label='Uitschakelen: collega@utrecht.nl']")
        .await;
    browser
        .wacht_op_tekst("#accounts-melding", "uitgeschakeld en uitgelogd")
        .await;
    browser
        .wacht_op_tekst("#accounts", "Uitgeschakeld sinds")
        .await;
    browser
        .assert_toegankelijk("/gemeenten/GM0344/accounts na uitschakelen")
        .await;
    browser.schermafdruk_bij("accounts", "accounts-tabel").await;
    assert_eq!(
        leest_met(&app, &cookie).await,
        StatusCode::UNAUTHORIZED,
        "the disabled account is signed out at once"
    );
    // The beheerder's own account cannot be disabled from here.
    let eigen = browser
        .client
        .find(Locator::Css(
            "button[aria-label='Uitschakelen: bh@utrecht.nl']",
        ))
        .await
        .expect("own row");
    assert_eq!(
        eigen.attr("disabled").await.expect("attr").as_deref(),
        Some("true")
    );
    browser.sluit().await;
}

#[tokio::test]
async fn an_invitation_is_accepted_through_the_gemeentes_own_provider() {
    let mut processen = Vec::new();
    // A provider that only says who someone is: no rules, no fixed rol. Only the invited
    // get in.
    let app = spawn_app_met_aanbieders(|adres| {
        // "broker" only says who someone is; "amsterdam" puts everyone in Amsterdam.
        [("broker", None), ("amsterdam", Some("GM0363"))]
            .into_iter()
            .map(|(naam, gemeente)| {
                let geheim = format!("het-geheim-van-{naam}-lang-genoeg-voor-de-aanbieder");
                let aanbieder = Identiteitsaanbieder::start(&json!([{
                    "client_id": "grondplan",
                    "client_secret": geheim,
                    "redirect_uris": [format!("{adres}/inloggen/oidc/{naam}/terug")],
                    "post_logout_redirect_uris": [format!("{adres}/")],
                }]));
                let config = Aanbieder {
                    naam: naam.into(),
                    label: format!("de inlogdienst {naam}"),
                    issuer: aanbieder.issuer.clone(),
                    client_id: "grondplan".into(),
                    client_secret: Some(geheim),
                    rol: gemeente.map(|_| Toegangsrol::Gemeente),
                    gemeente: gemeente.map(|g| GemeenteCode::parse(g).expect("code")),
                    ..Aanbieder::default()
                };
                processen.push(aanbieder);
                config
            })
            .collect()
    })
    .await;
    let (browser, link) = beheerder_nodigt_uit(&app, "ib-utrecht@voorbeeld.nl", "bewerken").await;
    browser.log_uit().await;

    // Someone not invited is told whom to ask (in a browser of their own: the provider
    // remembers who signed in).
    let vreemd = Browser::start().await;
    vreemd.open(&app, "/inloggen").await;
    vreemd.klik("a[href='/inloggen/oidc/broker']").await;
    bij_de_aanbieder(&vreemd, "vreemde").await;
    terug_bij_grondplan(&vreemd).await;
    vreemd
        .wacht_op_tekst("#formulier-fout", "geen toegang")
        .await;
    vreemd.sluit().await;

    // Through Amsterdam's provider the invitation into Utrecht is refused, and stays open.
    let token = link.rsplit('/').next().expect("token").to_owned();
    browser.open(&app, &pad_van(&app, &link)).await;
    browser
        .assert_toegankelijk("/uitnodiging met aanbieders")
        .await;
    browser
        .klik(&format!(
            "a[href='/inloggen/oidc/amsterdam?uitnodiging={token}']"
        ))
        .await;
    bij_de_aanbieder(&browser, "ib-utrecht").await;
    terug_bij_grondplan(&browser).await;
    browser
        .wacht_op_tekst("#formulier-fout", "andere gemeente dan die u uitnodigde")
        .await;
    // The invited person accepts through the provider that only says who they are.
    browser.open(&app, &pad_van(&app, &link)).await;
    browser
        .klik(&format!(
            "a[href='/inloggen/oidc/broker?uitnodiging={token}']"
        ))
        .await;
    bij_de_aanbieder(&browser, "ib-utrecht").await;
    assert_eq!(
        terug_bij_grondplan(&browser).await.path(),
        "/gemeenten/GM0344"
    );
    browser
        .wacht_op_tekst(".gp-sessie", "ib-utrecht@voorbeeld.nl (Utrecht)")
        .await;
    let db = server::Db::connect(&app.database_url).await.expect("db");
    assert!(
        db.account_van_identiteit("broker", "ib-utrecht")
            .await
            .expect("read")
            .is_some(),
        "linked by provider and sub"
    );
    browser.sluit().await;
}
