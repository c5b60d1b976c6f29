//! The catalogue and the landscape in the browser: regie imports GEMMA and a
//! publiccode.yml and maps a component; a gemeente enters worked example A and reads its
//! plan; a bad file and a bad field are explained; axe-core finds nothing on these pages.

use fantoccini::Locator;

use super::Browser;
use crate::helpers::{gedeeld, spawn_app, spawn_app_met_demo};
use crate::landschap::met_open_zaak;
use crate::toegang::maak_regieaccount;

#[tokio::test]
async fn regie_imports_gemma_and_open_zaak_and_maps_it_to_zaakregistratie_in_the_browser() {
    let Some(data) = gedeeld().and_then(|g| g.join("data").canonicalize().ok()) else {
        eprintln!("OVERGESLAGEN: ../shared ontbreekt");
        return;
    };
    let app = spawn_app_met_demo(false).await;
    maak_regieaccount(&app, "regie@vng.nl", "een lang wachtwoord").await;
    let browser = Browser::start().await;
    browser
        .log_in(&app, "regie@vng.nl", "een lang wachtwoord")
        .await;

    browser.open(&app, "/referentiecomponenten").await;
    browser.assert_toegankelijk("/referentiecomponenten").await;
    let gemma = data.join("gemma-applicatiecomponenten.xml");
    browser
        .client
        .find(Locator::Id("ameff"))
        .await
        .expect("file field")
        .send_keys(&gemma.display().to_string())
        .await
        .expect("file chosen");
    browser.klik("form.gp-import button[type=submit]").await;
    let verslag = browser.wacht_op_tekst(".gp-gelukt", "Import klaar").await;
    assert_eq!(
        verslag,
        "Import klaar: 0 toegevoegd, 171 bijgewerkt, 56 overgeslagen (geen referentiecomponent)."
    );
    assert_eq!(
        browser
            .wacht_op_tekst("#aantal-referentiecomponenten", "171")
            .await,
        "171 referentiecomponenten"
    );
    browser
        .assert_toegankelijk("/referentiecomponenten na import")
        .await;

    browser.open(&app, "/componenten").await;
    browser.assert_toegankelijk("/componenten").await;
    browser
        .client
        .find(Locator::Css("#import-laag option[value=services]"))
        .await
        .expect("services")
        .click()
        .await
        .expect("chosen");
    browser
        .client
        .find(Locator::Id("publiccode"))
        .await
        .expect("file field")
        .send_keys(
            &data
                .join("publiccode/open-zaak.publiccode.yaml")
                .display()
                .to_string(),
        )
        .await
        .expect("file chosen");
    browser.klik("form.gp-import button[type=submit]").await;
    browser
        .wacht_op_tekst(
            ".gp-gelukt",
            "Open Zaak is toegevoegd aan de laag services.",
        )
        .await;
    browser
        .wacht_op_tekst("#laag-services + ul", "Open Zaak")
        .await;

    browser.open(&app, "/componenten/open-zaak").await;
    browser.assert_toegankelijk("/componenten/open-zaak").await;
    let keuze = browser
        .client
        .find(Locator::XPath(
            "//select[@id='koppel-referentie']/option[.='Zaakregistratiecomponent']",
        ))
        .await
        .expect("Zaakregistratiecomponent offered");
    keuze.click().await.expect("chosen");
    browser
        .client
        .find(Locator::XPath("//button[.='Toevoegen']"))
        .await
        .expect("add")
        .click()
        .await
        .expect("added");
    browser.klik("#koppel-kop + form button[type=submit]").await;
    browser
        .wacht_op_tekst(".gp-gelukt", "De koppeling is opgeslagen.")
        .await;
    // Read back from the server: the mapping is stored.
    browser.open(&app, "/componenten/open-zaak").await;
    browser.schermafdruk("component").await;
    let vervangt = browser.tekst("h2 + ul.utrecht-unordered-list").await;
    assert_eq!(vervangt, "Zaakregistratiecomponent");
    browser.sluit().await;
}

#[tokio::test]
async fn worked_example_a_entered_in_the_landscape_reads_right_on_the_overstapplan_page() {
    let app = spawn_app().await;
    let Some(_) = met_open_zaak(&app).await else {
        return;
    };
    let browser = Browser::als_lid_van_utrecht(&app).await;

    browser.open(&app, "/gemeenten/GM0344/landschap").await;
    browser
        .assert_toegankelijk("/gemeenten/GM0344/landschap")
        .await;
    // A mistake is named next to its field before anything is sent.
    browser.vul("veld-naam", "Zaaksysteem X").await;
    browser.klik(".gp-formulier button[type=submit]").await;
    assert_eq!(
        browser.wacht_op_tekst("#fout-einddatum", "O").await,
        "Ontbreekt"
    );
    let veld = browser
        .client
        .find(Locator::Id("veld-einddatum"))
        .await
        .expect("field");
    assert_eq!(
        veld.attr("aria-invalid").await.expect("attr").as_deref(),
        Some("true")
    );
    assert_eq!(
        veld.attr("aria-describedby")
            .await
            .expect("attr")
            .as_deref(),
        Some("fout-einddatum")
    );
    browser
        .assert_toegankelijk("/gemeenten/GM0344/landschap met fout")
        .await;

    browser.vul("veld-leverancier", "Leverancier B.V.").await;
    browser
        .vul("veld-referentiecomponenten", "Zaakregistratiecomponent")
        .await;
    browser.kies_datum("veld-einddatum", "2025-12-31").await;
    browser.vul("veld-opzegtermijnMaanden", "6").await;
    browser.vul("veld-verlengingMaanden", "12").await;
    browser.vul("veld-jaarlijkseKosten", "120000").await;
    browser.vul("veld-gebruikers", "150").await;
    browser.klik(".gp-formulier button[type=submit]").await;
    browser
        .wacht_op_tekst(".gp-beheer .gp-gelukt", "Zaaksysteem X is opgeslagen.")
        .await;
    browser
        .wacht_op_tekst("#landschap tbody", "Zaaksysteem X")
        .await;

    // A file with a bad row: its error is shown and nothing is stored.
    let map = tempfile::tempdir().expect("temp dir");
    let csv = map.path().join("landschap.csv");
    std::fs::write(
        &csv,
        "naam;startdatum;einddatum\nGoed;;2027-12-31\nVerkeerd;2026-01-01;2025-12-31\n",
    )
    .expect("written");
    browser
        .client
        .find(Locator::Id("landschapbestand"))
        .await
        .expect("file field")
        .send_keys(&csv.display().to_string())
        .await
        .expect("file chosen");
    browser.klik("form.gp-import button[type=submit]").await;
    let fout = browser
        .wacht_op_tekst("form.gp-import [role=alert]", "rij 3")
        .await;
    assert!(
        fout.contains("rij 3: einddatum: einddatum 2025-12-31 ligt voor startdatum 2026-01-01"),
        "{fout}"
    );
    browser
        .assert_toegankelijk("/gemeenten/GM0344/landschap met importfout")
        .await;
    let rijen = browser
        .client
        .find_all(Locator::Css("#landschap tbody tr"))
        .await
        .expect("rows");
    assert_eq!(rijen.len(), 1, "nothing of the bad file was stored");

    // A good file: first what it changes, field by field; stored only when confirmed.
    std::fs::write(
        &csv,
        "id;naam;leverancier;referentiecomponenten;einddatum;opzegtermijnMaanden;verlengingMaanden;jaarlijkseKosten;gebruikers\n\
         zaaksysteem-x;Zaaksysteem X;Leverancier B.V.;Zaakregistratiecomponent;2025-12-31;6;12;120000;160\n",
    )
    .expect("written");
    let veld = browser
        .client
        .find(Locator::Id("landschapbestand"))
        .await
        .expect("file field");
    veld.send_keys(&csv.display().to_string())
        .await
        .expect("file chosen");
    browser.klik("form.gp-import button[type=submit]").await;
    let voorbeeld = browser
        .wacht_op_tekst("#landschapbestand-voorbeeld", "Gewijzigd")
        .await;
    assert!(
        voorbeeld.contains("wijzigt er 1")
            && voorbeeld.contains("Zaaksysteem X: gebruikers: 150 \u{2192} 160")
            && voorbeeld.contains("Er is nog niets opgeslagen"),
        "{voorbeeld}"
    );
    browser
        .assert_toegankelijk("/gemeenten/GM0344/landschap met importvoorbeeld")
        .await;
    browser
        .schermafdruk_bij("landschapbestand-voorbeeld", "importvoorbeeld")
        .await;
    browser.klik("#landschapbestand-bevestigen").await;
    browser
        .wacht_op_tekst(
            "form.gp-import .gp-gelukt",
            "0 toegevoegd, 1 bijgewerkt, 0 verwijderd",
        )
        .await;

    browser
        .open(&app, "/gemeenten/GM0344/overstapplan?peildatum=2025-01-01")
        .await;
    browser
        .assert_toegankelijk("/gemeenten/GM0344/overstapplan")
        .await;
    let rij = browser
        .client
        .find(Locator::XPath(
            "//table[@id='overstapplan']//tr[th[.='Zaaksysteem X']]",
        ))
        .await
        .expect("the row of example A");
    let cellen: Vec<String> = {
        let mut uit = Vec::new();
        for cel in rij.find_all(Locator::Css("td")).await.expect("cells") {
            uit.push(cel.text().await.expect("text"));
        }
        uit
    };
    assert_eq!(
        cellen,
        [
            "Overstap",
            "Open Zaak",
            "1 okt. 2025",
            "31 dec. 2025",
            "30 juni 2025",
            "91",
            "€ 29.918 frictie"
        ]
    );
    browser.schermafdruk("overstapplan").await;

    // The plan narrowed to one component, then to a leverancier it does not have.
    assert!(
        browser
            .tekst("#plan-aantal")
            .await
            .starts_with("1 van 1 applicaties vragen actie"),
        "by default what asks for action"
    );
    browser
        .client
        .find(Locator::XPath(
            "//select[@id='plan-component']/option[.='Open Zaak']",
        ))
        .await
        .expect("the component offered")
        .click()
        .await
        .expect("chosen");
    browser.wacht_op_tekst("#plan-aantal", "1 van 1").await;
    // The savings chart follows the selection: the one applicatie of the landscape
    // saves, per year, what the whole plan saves; a selection of none saves nothing.
    let per_jaar = |tabel: &str| {
        format!(
            "return [...document.querySelectorAll('#{tabel} tbody tr')]
                .map(r => [r.cells[0].textContent, r.cells[1].textContent])
                .filter(([, b]) => b !== '€ 0');"
        )
    };
    let selectie = browser
        .client
        .execute(&per_jaar("selectie-besparing-tabel"), vec![])
        .await
        .expect("script");
    let geheel = browser
        .client
        .execute(&per_jaar("besparing-tabel"), vec![])
        .await
        .expect("script");
    assert!(
        selectie.as_array().is_some_and(|j| j.len() > 1),
        "{selectie}"
    );
    assert_eq!(selectie, geheel);
    browser.vul("plan-zoek", "archief").await;
    browser.wacht_op_tekst("#plan-aantal", "0 van 1").await;
    browser
        .wacht_op_tekst(
            "#selectie-besparing-samenvatting",
            "De 0 gekozen applicaties besparen samen € 0",
        )
        .await;
    browser.vul("plan-zoek", "zaak").await;
    browser.wacht_op_tekst("#plan-aantal", "1 van 1").await;
    browser
        .wacht_op_tekst("#selectie-besparing-samenvatting", "De 1 gekozen")
        .await;
    browser
        .klik("#overstapplan thead th:first-child button")
        .await;
    assert_eq!(
        browser
            .client
            .find(Locator::Css("#overstapplan thead th:first-child"))
            .await
            .expect("heading")
            .attr("aria-sort")
            .await
            .expect("attr")
            .as_deref(),
        Some("ascending")
    );
    browser
        .assert_toegankelijk("/gemeenten/GM0344/overstapplan gefilterd")
        .await;
    browser.open(&app, "/gemeenten/GM0344/landschap").await;
    browser.schermafdruk("landschap").await;
    browser.sluit().await;
}
