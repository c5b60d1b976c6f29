use chrono::NaiveDate;
use domain::landschap::gegevens::Applicatiegegevens;
use domain::scenario::{Basis, Scenario};
use domain::{ApplicatieId, Contract, GemeenteCode, ReferentiecomponentId};

use super::*;
use crate::import::ameff::lees_model;
use crate::import::ameff_landschap;
use crate::import::rij::Bestaand;

fn datum(tekst: &str) -> NaiveDate {
    tekst.parse().expect("date")
}

fn applicatie(id: &str, naam: &str, functies: &[&str], contract: Contract) -> Applicatie {
    Applicatie {
        id: ApplicatieId::parse(id).expect("id"),
        gemeente: GemeenteCode::parse("GM0344").expect("code"),
        naam: naam.into(),
        leverancier: "Leverancier <A> & B".into(),
        referentiecomponenten: functies
            .iter()
            .map(|f| ReferentiecomponentId::parse(f).expect("ref"))
            .collect(),
        contract,
        in_gebruik: true,
        gebruikers: Some(40),
    }
}

fn landschap_van(applicaties: Vec<Applicatie>) -> String {
    let referentiecomponenten = vec![Referentiecomponent {
        id: ReferentiecomponentId::parse("zaakregistratie").expect("ref"),
        naam: "Zaakregistratiecomponent".into(),
        omschrijving: "Registreert zaken & hun status".into(),
    }];
    let basis = Basis {
        routekaart: Vec::new(),
        componenten: Vec::new(),
        applicaties,
        capaciteit: None,
    };
    let gemeente = GemeenteCode::parse("GM0344").expect("code");
    let plan = Scenario::concept(gemeente, datum("2025-01-01"), &basis)
        .werk_uit(&basis)
        .plan;
    landschap(&Landschapsmodel {
        titel: "Applicatielandschap Utrecht",
        applicaties: &basis.applicaties,
        aan_te_vullen: &[],
        referentiecomponenten: &referentiecomponenten,
        plan: &plan,
        componentnaam: &|_| None,
    })
}

fn voorbeeld() -> Vec<Applicatie> {
    vec![
        applicatie(
            "zaaksysteem-x",
            "Zaaksysteem \"X\"",
            &["zaakregistratie", "a/b:c"],
            Contract::new(
                Some(datum("2020-01-01")),
                datum("2027-12-31"),
                6,
                12,
                Some(datum("2031-12-31")),
                120_000,
            )
            .expect("contract"),
        ),
        applicatie(
            "id-4c3f1b0e2d8a",
            "Burgerzaken",
            &["zaakregistratie"],
            Contract::new(None, datum("2026-06-30"), 3, 0, None, 5_000).expect("contract"),
        ),
    ]
}

#[test]
fn identifiers_are_stable_and_each_function_is_a_specialization() {
    let xml = landschap_van(voorbeeld());
    assert_eq!(xml, landschap_van(voorbeeld()), "the same file every time");
    let model = lees_model(xml.as_bytes()).expect("a valid exchange file");
    let ids: Vec<&str> = model
        .elementen
        .iter()
        .map(|e| e.identifier.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "gp-zaaksysteem-x",
            "id-4c3f1b0e2d8a",
            "id-zaakregistratie",
            "id-a_b_c"
        ],
        "an id that came from an exchange file is kept; GEMMA's elements as GEMMA names them"
    );
    let relaties: Vec<(&str, &str, &str)> = model
        .relaties
        .iter()
        .map(|r| (r.soort.as_str(), r.bron.as_str(), r.doel.as_str()))
        .collect();
    assert_eq!(
        relaties,
        [
            ("Specialization", "gp-zaaksysteem-x", "id-zaakregistratie"),
            ("Specialization", "gp-zaaksysteem-x", "id-a_b_c"),
            ("Specialization", "id-4c3f1b0e2d8a", "id-zaakregistratie"),
        ]
    );
    let referentie = &model.elementen[2];
    assert_eq!(referentie.naam, "Zaakregistratiecomponent");
    assert_eq!(referentie.eigenschap("Object ID"), Some("zaakregistratie"));
    assert_eq!(model.elementen[3].eigenschap("Object ID"), Some("a/b:c"));
    assert_eq!(
        model.elementen[0].eigenschap("Grondplan uitkomst"),
        Some("geen component")
    );
}

#[test]
fn the_export_imports_back_into_the_same_landscape() {
    let applicaties = voorbeeld();
    let xml = landschap_van(applicaties.clone());
    let gelezen = ameff_landschap::lees(xml.as_bytes(), &Bestaand::new(), &Default::default())
        .expect("reads back");
    let verwacht: Vec<Applicatiegegevens> = applicaties
        .iter()
        .map(|a| {
            let cellen = a.tekstrij();
            Applicatiegegevens::uit_tekst(|kolom| {
                let i = KOLOMMEN.iter().position(|k| *k == kolom)?;
                Some(cellen[i].as_str())
            })
            .expect("valid")
        })
        .collect();
    let gelezen: Vec<Applicatiegegevens> = gelezen.into_iter().map(|(_, g)| g).collect();
    assert_eq!(gelezen, verwacht);
}
