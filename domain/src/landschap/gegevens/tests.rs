use std::collections::HashMap;

use super::*;
use crate::ReferentiecomponentId;

fn rij<'a>(paren: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<&'a str> {
    let map: HashMap<&str, &str> = paren.iter().copied().collect();
    move |k| map.get(k).copied()
}

fn gemeente() -> GemeenteCode {
    GemeenteCode::parse("GM0344").expect("valid")
}

fn zaakregistratie(t: &str) -> Option<ReferentiecomponentId> {
    (t == "zaakregistratie" || t == "Zaakregistratiecomponent")
        .then(|| ReferentiecomponentId::parse("zaakregistratie").expect("valid"))
}

fn voorbeeld_a() -> Vec<(&'static str, &'static str)> {
    vec![
        ("naam", "Zaaksysteem X"),
        ("leverancier", "Leverancier B.V."),
        ("referentiecomponenten", "Zaakregistratiecomponent"),
        ("einddatum", "2025-12-31"),
        ("opzegtermijnMaanden", "6"),
        ("verlengingMaanden", "12"),
        ("jaarlijkseKosten", "120.000"),
        ("inGebruik", "ja"),
        ("gebruikers", "150"),
    ]
}

#[test]
fn a_text_row_of_worked_example_a_becomes_its_applicatie() {
    let paren = voorbeeld_a();
    let gegevens = Applicatiegegevens::uit_tekst(rij(&paren)).expect("readable");
    let app = gegevens
        .toets(
            &gemeente(),
            ApplicatieId::parse("zaaksysteem-x").expect("valid"),
            zaakregistratie,
        )
        .expect("valid");
    assert_eq!(app.contract.jaarlijkse_kosten(), 120_000);
    assert_eq!(app.contract.verlenging_maanden(), 12);
    assert_eq!(app.referentiecomponenten[0].as_str(), "zaakregistratie");
    assert_eq!(app.gebruikers, Some(150));
}

#[test]
fn every_unreadable_field_is_named_with_its_reason() {
    let paren = [
        ("naam", "X"),
        ("einddatum", "31/12/2025"),
        ("opzegtermijnMaanden", "zes"),
        ("jaarlijkseKosten", "1234.56"),
        ("inGebruik", "misschien"),
        ("gebruikers", "-3"),
    ];
    let fouten = Applicatiegegevens::uit_tekst(rij(&paren)).unwrap_err();
    let velden: Vec<&str> = fouten.iter().map(|f| f.veld.as_str()).collect();
    assert_eq!(
        velden,
        [
            "einddatum",
            "opzegtermijnMaanden",
            "jaarlijkseKosten",
            "inGebruik",
            "gebruikers"
        ]
    );
    assert_eq!(fouten[0].reden, "'31/12/2025' is geen datum (JJJJ-MM-DD)");
}

#[test]
fn a_missing_einddatum_makes_an_applicatie_aan_te_vullen_and_toets_refuses_it() {
    let gegevens = Applicatiegegevens::uit_tekst(rij(&[
        ("naam", " X "),
        ("referentiecomponenten", "Zaakregistratiecomponent"),
        ("opzegtermijnMaanden", "6"),
    ]))
    .expect("readable");
    assert_eq!(gegevens.einddatum, None);
    let id = ApplicatieId::parse("x").expect("id");
    let Ok(Ingelezen::AanTeVullen(aan_te_vullen)) =
        gegevens
            .clone()
            .toets_import(&gemeente(), id.clone(), zaakregistratie)
    else {
        panic!("expected aan te vullen")
    };
    assert_eq!(aan_te_vullen.naam, "X");
    assert_eq!(aan_te_vullen.ontbreekt, ["einddatum"]);
    assert_eq!(
        aan_te_vullen.gegevens.referentiecomponenten,
        ["zaakregistratie"],
        "names resolved to ids"
    );
    assert_eq!(aan_te_vullen.gegevens.opzegtermijn_maanden, 6);
    assert_eq!(
        gegevens
            .toets(&gemeente(), id, zaakregistratie)
            .unwrap_err(),
        [Veldfout::new("einddatum", "ontbreekt")]
    );
}

#[test]
fn an_applicatie_aan_te_vullen_still_breaks_no_other_rule() {
    let gegevens =
        Applicatiegegevens::uit_tekst(rij(&[("naam", "X"), ("referentiecomponenten", "onbekend")]))
            .expect("readable");
    let fouten = gegevens
        .toets_import(
            &gemeente(),
            ApplicatieId::parse("x").expect("id"),
            zaakregistratie,
        )
        .unwrap_err();
    assert_eq!(fouten[0].veld, "referentiecomponenten");
}

#[test]
fn dutch_dates_and_thousand_separators_are_read() {
    let paren = [
        ("naam", "X"),
        ("einddatum", "31-12-2025"),
        ("jaarlijkseKosten", "€ 1.250.000"),
        ("inGebruik", "Nee"),
    ];
    let g = Applicatiegegevens::uit_tekst(rij(&paren)).expect("readable");
    assert_eq!(
        g.einddatum.map(|d| d.to_string()).as_deref(),
        Some("2025-12-31")
    );
    assert_eq!(g.jaarlijkse_kosten, 1_250_000);
    assert!(!g.in_gebruik);
}

#[test]
fn an_end_before_the_start_and_an_unknown_function_are_refused_by_field() {
    let mut paren = voorbeeld_a();
    paren.push(("startdatum", "2026-01-01"));
    paren.retain(|(k, _)| *k != "referentiecomponenten");
    paren.push(("referentiecomponenten", "zaakregistratie; onbekend"));
    let fouten = Applicatiegegevens::uit_tekst(rij(&paren))
        .expect("readable")
        .toets(
            &gemeente(),
            ApplicatieId::parse("x").expect("valid"),
            zaakregistratie,
        )
        .unwrap_err();
    assert_eq!(
        fouten,
        [
            Veldfout::new(
                "referentiecomponenten",
                "onbekende referentiecomponent 'onbekend'; gebruik de naam of het Object ID uit de lijst van referentiecomponenten"
            ),
            Veldfout::new(
                "einddatum",
                "einddatum 2025-12-31 ligt voor startdatum 2026-01-01"
            ),
        ]
    );
}

#[test]
fn an_exported_row_reads_back_as_the_same_applicatie() {
    let paren = voorbeeld_a();
    let app = Applicatiegegevens::uit_tekst(rij(&paren))
        .expect("readable")
        .toets(
            &gemeente(),
            ApplicatieId::parse("zaaksysteem-x").expect("valid"),
            zaakregistratie,
        )
        .expect("valid");
    let cellen = app.tekstrij();
    let terug: Vec<(&str, &str)> = KOLOMMEN
        .iter()
        .copied()
        .zip(cellen.iter().map(String::as_str))
        .collect();
    let opnieuw = Applicatiegegevens::uit_tekst(rij(&terug))
        .expect("readable")
        .toets(
            &gemeente(),
            ApplicatieId::parse("anders").expect("valid"),
            zaakregistratie,
        )
        .expect("valid");
    assert_eq!(opnieuw.id.as_str(), "anders");
    assert_eq!(
        Applicatiegegevens::from(&opnieuw).id.expect("id").as_str(),
        "anders"
    );
    assert_eq!(
        Applicatie {
            id: app.id.clone(),
            ..opnieuw
        },
        app
    );
}

#[test]
fn applicatie_json_is_flat_as_the_api_describes() {
    let paren = voorbeeld_a();
    let app = Applicatiegegevens::uit_tekst(rij(&paren))
        .expect("readable")
        .toets(
            &gemeente(),
            ApplicatieId::parse("zaaksysteem-x").expect("valid"),
            zaakregistratie,
        )
        .expect("valid");
    let json = serde_json::to_value(&app).expect("json");
    assert_eq!(json["einddatum"], "2025-12-31");
    assert_eq!(json["opzegtermijnMaanden"], 6);
    assert_eq!(json["jaarlijkseKosten"], 120_000);
    let terug: Applicatie = serde_json::from_value(json).expect("reads back");
    assert_eq!(terug, app);
}
