//! The worked examples of `DOMAIN.md`, through the public API only. The same file runs
//! natively (`cargo test -p domain`) and as WebAssembly in headless Chromium
//! (`cargo test -p domain --target wasm32-unknown-unknown --test voorbeelden`, with
//! `wasm-bindgen-test-runner`), so the browser computes exactly what the server computes.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use chrono::NaiveDate;
use domain::tijdlijn::{Bewerking, bewerk};
use domain::{
    Activiteit, ActiviteitId, Applicatie, ApplicatieId, Component, ComponentId, Contract,
    FaseSoort, GemeenteCode, Laag, Opgave, OpgaveId, Overstapcontext, Periode,
    ReferentiecomponentId, Soort, Status, Uitkomst,
};

fn d(tekst: &str) -> NaiveDate {
    tekst.parse().expect("date")
}

fn open_zaak() -> Component {
    Component {
        id: ComponentId::parse("open-zaak").expect("id"),
        naam: "Open Zaak".into(),
        laag: Laag::Services,
        soort: Soort::Gemeenschappelijk,
        status: Status::Beschikbaar,
        opgave: None,
        vervangt: vec![ReferentiecomponentId::parse("zaakregistratie").expect("id")],
        beschikbaar_vanaf: Some(d("2021-06-01")),
        verwacht_beschikbaar: None,
        migratie_maanden: 9,
        migratie_fte: 0.0,
        jaarlijkse_kosten: 0,
        url: None,
        licentie: None,
        gebruikt_door: vec![],
        afhankelijk_van: vec![],
    }
}

fn zaaksysteem_x(verlenging: u32, eind: &str) -> Applicatie {
    Applicatie {
        id: ApplicatieId::parse("zaaksysteem-x").expect("id"),
        gemeente: GemeenteCode::parse("GM0344").expect("code"),
        naam: "Zaaksysteem X".into(),
        leverancier: "Leverancier".into(),
        referentiecomponenten: vec![ReferentiecomponentId::parse("zaakregistratie").expect("id")],
        contract: Contract::new(None, d(eind), 6, verlenging, None, 120_000).expect("contract"),
        in_gebruik: true,
        gebruikers: Some(40),
    }
}

fn uitkomst(peildatum: &str, app: &Applicatie) -> Uitkomst {
    let componenten = [open_zaak()];
    Overstapcontext::new(d(peildatum), &componenten, &[])
        .overstap(app, &app.gemeente)
        .uitkomst
}

#[test]
fn worked_example_a() {
    let Uitkomst::Overstap {
        gereed,
        overstapmoment,
        opzeggen_voor,
        wachttijd_dagen,
        frictiekosten,
        urgent,
        ..
    } = uitkomst("2025-01-01", &zaaksysteem_x(12, "2025-12-31"))
    else {
        panic!("expected overstap");
    };
    assert_eq!(gereed, d("2025-10-01"));
    assert_eq!(overstapmoment, d("2025-12-31"));
    assert_eq!(opzeggen_voor, Some(d("2025-06-30")));
    assert_eq!(wachttijd_dagen, 91);
    assert_eq!(frictiekosten, 29_918);
    assert!(!urgent);
}

#[test]
fn worked_example_b() {
    let Uitkomst::Overstap {
        overstapmoment,
        opzeggen_voor,
        wachttijd_dagen,
        frictiekosten,
        ..
    } = uitkomst("2025-08-01", &zaaksysteem_x(12, "2025-12-31"))
    else {
        panic!("expected overstap");
    };
    assert_eq!(overstapmoment, d("2026-12-31"));
    assert_eq!(opzeggen_voor, Some(d("2026-06-30")));
    assert_eq!(wachttijd_dagen, 244);
    assert_eq!(frictiekosten, 80_219);
}

#[test]
fn worked_example_c() {
    let Uitkomst::Overbrugging {
        overbrugging_dagen,
        overbruggingskosten,
        definitief_einde,
        ..
    } = uitkomst("2025-01-01", &zaaksysteem_x(0, "2025-06-30"))
    else {
        panic!("expected overbrugging");
    };
    assert_eq!(definitief_einde, d("2025-06-30"));
    assert_eq!(overbrugging_dagen, 93);
    assert_eq!(overbruggingskosten, 30_575);
}

#[test]
fn month_end_clamping_is_the_same_in_the_browser() {
    assert_eq!(
        domain::plus_maanden(d("2024-01-31"), 1),
        Some(d("2024-02-29"))
    );
}

#[test]
fn a_drag_cascades_the_same_in_the_browser() {
    let activiteit = |id: &str, fase, start: &str, eind: &str, na: &[&str]| Activiteit {
        id: ActiviteitId::parse(id).expect("id"),
        naam: id.into(),
        fase,
        periode: Periode::new(d(start), d(eind)).expect("period"),
        afhankelijk_van: na
            .iter()
            .map(|v| ActiviteitId::parse(v).expect("id"))
            .collect(),
    };
    let fase = |start: &str, eind: &str| domain::Fase {
        periode: Periode::new(d(start), d(eind)).expect("period"),
        wacht_op_besluit: None,
    };
    let opgave = Opgave {
        id: OpgaveId::parse("a").expect("id"),
        naam: "A".into(),
        doelstelling: String::new(),
        aanpak: Default::default(),
        coalitie: String::new(),
        draagvlak: Default::default(),
        ontwikkelfase: fase("2025-01-01", "2025-06-30"),
        opschalingsfase: fase("2025-07-01", "2025-12-31"),
        activiteiten: vec![
            activiteit(
                "a1",
                FaseSoort::Ontwikkelfase,
                "2025-01-01",
                "2025-03-31",
                &[],
            ),
            activiteit(
                "a2",
                FaseSoort::Ontwikkelfase,
                "2025-04-01",
                "2025-06-30",
                &["a1"],
            ),
            activiteit(
                "a3",
                FaseSoort::Opschalingsfase,
                "2025-07-01",
                "2025-09-30",
                &["a2"],
            ),
        ],
        besluiten: vec![],
        deelnemers: vec![],
        bijdrage: Default::default(),
    };
    let bewerkt = bewerk(
        &[opgave],
        &Bewerking::Verplaats {
            activiteit: ActiviteitId::parse("a2").expect("id"),
            start: d("2025-05-01"),
        },
    )
    .expect("edit");
    let a3 = &bewerkt.routekaart[0].activiteiten[2];
    assert_eq!(
        (a3.periode.start(), a3.periode.eind()),
        (d("2025-07-30"), d("2025-10-29"))
    );
    assert_eq!(bewerkt.verschoven.len(), 4);
}
