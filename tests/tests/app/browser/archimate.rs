//! A gemeente brings its landscape from its architecture tool and takes the plan back:
//! an ArchiMate exchange file is previewed and confirmed, the applicatie without
//! einddatum is filled in the grid by keyboard and enters the overstapplan, and the
//! landscape's XLSX and ArchiMate exports read back in independent libraries.

use fantoccini::Locator;
use fantoccini::key::Key;
use serde_json::{Value, json};

use super::Browser;
use crate::helpers::{python, spawn_app};
use crate::landschap::met_open_zaak;
use crate::toegang::maak_account;

/// An exchange file as Archi writes it: one applicatie with its contract and its GEMMA
/// function, one without einddatum.
fn model(zaakregistratie: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="id-utrecht">
  <name xml:lang="nl">Utrecht</name>
  <elements>
    <element identifier="id-zaak" xsi:type="ApplicationComponent">
      <name xml:lang="nl">Zaaksysteem X</name>
      <properties>
        <property propertyDefinitionRef="p1"><value>2025-12-31</value></property>
        <property propertyDefinitionRef="p2"><value>6</value></property>
        <property propertyDefinitionRef="p3"><value>12</value></property>
        <property propertyDefinitionRef="p4"><value>120000</value></property>
      </properties>
    </element>
    <element identifier="id-archief" xsi:type="ApplicationComponent">
      <name xml:lang="nl">Archiefsysteem</name>
      <properties>
        <property propertyDefinitionRef="p2"><value>3</value></property>
        <property propertyDefinitionRef="p4"><value>15000</value></property>
      </properties>
    </element>
    <element identifier="id-{zaakregistratie}" xsi:type="ApplicationComponent">
      <name xml:lang="nl">Zaakregistratiecomponent</name>
      <properties><property propertyDefinitionRef="p5"><value>{zaakregistratie}</value></property></properties>
    </element>
  </elements>
  <relationships>
    <relationship identifier="id-r1" source="id-zaak" target="id-{zaakregistratie}" xsi:type="Specialization"/>
  </relationships>
  <propertyDefinitions>
    <propertyDefinition identifier="p1" type="string"><name>Einddatum contract</name></propertyDefinition>
    <propertyDefinition identifier="p2" type="string"><name>Opzegtermijn (maanden)</name></propertyDefinition>
    <propertyDefinition identifier="p3" type="string"><name>Verlenging (maanden)</name></propertyDefinition>
    <propertyDefinition identifier="p4" type="string"><name>Jaarlijkse kosten</name></propertyDefinition>
    <propertyDefinition identifier="p5" type="string"><name>Object ID</name></propertyDefinition>
  </propertyDefinitions>
</model>"#
    )
}

impl Browser {
    /// The bytes of the download behind link `css`, fetched by the page itself (with its
    /// session), written to `pad`.
    async fn download(&self, css: &str, pad: &std::path::Path) {
        let bytes = self
            .client
            .execute_async(
                "const [css, klaar] = arguments;
                 const href = document.querySelector(css).getAttribute('href');
                 fetch(href).then(r => r.arrayBuffer())
                   .then(b => klaar(Array.from(new Uint8Array(b))), e => klaar(String(e)));",
                vec![json!(css)],
            )
            .await
            .expect("fetched");
        let bytes: Vec<u8> = serde_json::from_value(bytes.clone())
            .unwrap_or_else(|_| panic!("{css} did not download: {bytes}"));
        std::fs::write(pad, bytes).expect("written");
    }
}

#[tokio::test]
async fn an_archimate_landscape_is_previewed_completed_by_keyboard_planned_and_exported() {
    let app = spawn_app().await;
    let Some((_, zaakregistratie)) = met_open_zaak(&app).await else {
        return;
    };
    maak_account(&app, "im@utrecht.nl", "een lang wachtwoord", "GM0344").await;
    let browser = Browser::start().await;
    browser
        .log_in(&app, "im@utrecht.nl", "een lang wachtwoord")
        .await;
    browser.open(&app, "/gemeenten/GM0344/landschap").await;

    // The file, previewed: what is added, and what stays out of the plan and why.
    let map = tempfile::tempdir().expect("temp dir");
    let bestand = map.path().join("utrecht.xml");
    std::fs::write(&bestand, model(&zaakregistratie)).expect("written");
    browser
        .client
        .find(Locator::Id("landschapbestand"))
        .await
        .expect("file field")
        .send_keys(&bestand.display().to_string())
        .await
        .expect("file chosen");
    browser.klik("form.gp-import button[type=submit]").await;
    let voorbeeld = browser
        .wacht_op_tekst("#landschapbestand-voorbeeld", "Aan te vullen")
        .await;
    assert!(
        voorbeeld.contains("voegt 1 applicaties toe")
            && voorbeeld.contains("1 zonder einddatum blijft buiten het plan")
            && voorbeeld.contains("Zaaksysteem X")
            && voorbeeld.contains("Archiefsysteem: einddatum ontbreekt")
            && voorbeeld.contains("Er is nog niets opgeslagen"),
        "{voorbeeld}"
    );
    browser
        .assert_toegankelijk("/gemeenten/GM0344/landschap met ArchiMate-voorbeeld")
        .await;
    browser.klik("#landschapbestand-bevestigen").await;
    browser
        .wacht_op_tekst(
            "form.gp-import .gp-gelukt",
            "1 toegevoegd, 0 bijgewerkt, 0 verwijderd; 1 zonder einddatum",
        )
        .await;
    browser.wacht_op_tekst("#aanvullen", "Archiefsysteem").await;
    browser
        .assert_toegankelijk("/gemeenten/GM0344/landschap met applicaties aan te vullen")
        .await;
    browser.schermafdruk_bij("aanvullen-kop", "aanvullen").await;

    // The plan says what it leaves out.
    browser.open(&app, "/gemeenten/GM0344/overstapplan").await;
    let buiten = browser.tekst(".gp-buiten-plan").await;
    assert!(
        buiten.contains("Niet in dit plan: 1 applicatie zonder einddatum")
            && buiten.contains("Archiefsysteem (einddatum ontbreekt)"),
        "{buiten}"
    );
    browser
        .assert_toegankelijk("/gemeenten/GM0344/overstapplan met applicaties buiten het plan")
        .await;
    browser.schermafdruk("overstapplan-buiten-plan").await;

    // Filled by keyboard: a date, then Enter in the field saves the row.
    browser.open(&app, "/gemeenten/GM0344/landschap").await;
    browser
        .kies_datum("aanvul-id-archief-einddatum", "2026-12-31")
        .await;
    browser
        .client
        .find(Locator::Id("aanvul-id-archief-einddatum"))
        .await
        .expect("the field")
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("Enter");
    browser
        .wacht_op_tekst(
            "#aanvullen-melding",
            "Archiefsysteem staat nu in het landschap en het plan.",
        )
        .await;
    browser
        .wacht_op_tekst("#landschap tbody", "Archiefsysteem")
        .await;
    assert!(
        browser
            .client
            .find(Locator::Css(".gp-aanvullen"))
            .await
            .is_err(),
        "nothing is left to fill"
    );

    browser.open(&app, "/gemeenten/GM0344/overstapplan").await;
    browser
        .wacht_op_tekst("#plan-aantal", "van 2 applicaties")
        .await;
    assert!(
        browser
            .client
            .find(Locator::Css(".gp-buiten-plan"))
            .await
            .is_err(),
        "no applicatie is left out any more"
    );

    // The exports, read back by independent libraries.
    browser.open(&app, "/gemeenten/GM0344/landschap").await;
    let xlsx = map.path().join("landschap.xlsx");
    browser
        .download("a[href$='export?formaat=xlsx']", &xlsx)
        .await;
    let werkboek = python("xlsx_lezen.py", &xlsx);
    assert_eq!(werkboek["blad"], "Landschap");
    let rijen = werkboek["rijen"].as_array().expect("rows");
    let kop = rijen[0].as_array().expect("header");
    let kolom = |naam: &str| {
        kop.iter()
            .position(|k| k == naam)
            .unwrap_or_else(|| panic!("no column {naam} in {kop:?}"))
    };
    let zaak = rijen
        .iter()
        .find(|r| r[kolom("naam")] == "Zaaksysteem X")
        .expect("Zaaksysteem X");
    assert_eq!(
        zaak[kolom("referentiecomponenten")],
        zaakregistratie.as_str()
    );
    assert_eq!(
        zaak[kolom("functies (GEMMA-namen)")],
        "Zaakregistratiecomponent",
        "the function by name beside its Object ID"
    );
    let archief = rijen
        .iter()
        .find(|r| r[kolom("naam")] == "Archiefsysteem")
        .expect("Archiefsysteem");
    assert_eq!(
        (
            &archief[kolom("einddatum")],
            &archief[kolom("opzegtermijnMaanden")]
        ),
        (&json!("2026-12-31"), &json!("3"))
    );

    let xml = map.path().join("landschap.xml");
    browser
        .download("a[href$='export?formaat=archimate']", &xml)
        .await;
    let model = python("archimate_lezen.py", &xml);
    let element = |naam: &str| -> Value {
        model["elementen"]
            .as_array()
            .expect("elements")
            .iter()
            .find(|e| e["naam"] == naam)
            .cloned()
            .unwrap_or_else(|| panic!("no {naam} in {model}"))
    };
    assert_eq!(
        element("Archiefsysteem")["id"],
        "id-archief",
        "the identifier it came with"
    );
    assert_eq!(
        element("Archiefsysteem")["eigenschappen"]["Einddatum"],
        "2026-12-31"
    );
    assert_eq!(
        element("Zaaksysteem X")["eigenschappen"]["Overstappen naar"],
        "Open Zaak"
    );
    browser.sluit().await;
}
