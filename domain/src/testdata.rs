//! Builders for the unit tests: short ways to write dates, components, applicaties and
//! opgaven, so each test shows only what it is about.

use chrono::NaiveDate;

use crate::catalogus::{Component, Laag, Soort, Status};
use crate::gemeente::GemeenteCode;
use crate::id::{ActiviteitId, ApplicatieId, ComponentId, OpgaveId, ReferentiecomponentId};
use crate::landschap::{Applicatie, Contract};
use crate::routekaart::{Activiteit, Bijdragen, Deelnemer, Fase, FaseSoort, Opgave, Rol};
use crate::{Periode, routekaart};

pub fn d(tekst: &str) -> NaiveDate {
    tekst.parse().expect("test date")
}

pub fn gm(code: &str) -> GemeenteCode {
    GemeenteCode::parse(code).expect("test code")
}

pub fn r(id: &str) -> ReferentiecomponentId {
    ReferentiecomponentId::parse(id).expect("test id")
}

/// "Open Zaak" of worked example A: beschikbaar since 2021-06-01, 9 months to migrate.
pub fn open_zaak() -> Component {
    Component {
        id: ComponentId::parse("open-zaak").expect("id"),
        naam: "Open Zaak".into(),
        laag: Laag::Services,
        soort: Soort::Gemeenschappelijk,
        status: Status::Beschikbaar,
        opgave: None,
        vervangt: vec![r("zaakregistratie")],
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

pub fn component(id: &str, vervangt: &str) -> Component {
    Component {
        id: ComponentId::parse(id).expect("id"),
        naam: id.into(),
        vervangt: vec![r(vervangt)],
        ..open_zaak()
    }
}

/// "Zaaksysteem X" of worked example A.
pub fn zaaksysteem_x() -> Applicatie {
    applicatie(
        "zaaksysteem-x",
        &["zaakregistratie"],
        contract("2025-12-31", 6, 12, None, 120_000),
    )
}

pub fn contract(
    eind: &str,
    opzeg: u32,
    verlenging: u32,
    uiterste: Option<&str>,
    kosten: i64,
) -> Contract {
    Contract::new(None, d(eind), opzeg, verlenging, uiterste.map(d), kosten).expect("test contract")
}

pub fn applicatie(id: &str, referentiecomponenten: &[&str], contract: Contract) -> Applicatie {
    Applicatie {
        id: ApplicatieId::parse(id).expect("id"),
        gemeente: gm("GM0344"),
        naam: id.into(),
        leverancier: String::new(),
        referentiecomponenten: referentiecomponenten.iter().map(|x| r(x)).collect(),
        contract,
        in_gebruik: true,
        gebruikers: Some(10),
    }
}

pub fn fase(start: &str, eind: &str) -> Fase {
    Fase {
        periode: Periode::new(d(start), d(eind)).expect("period"),
        wacht_op_besluit: None,
    }
}

pub fn activiteit(id: &str, fase: FaseSoort, start: &str, eind: &str, na: &[&str]) -> Activiteit {
    Activiteit {
        id: ActiviteitId::parse(id).expect("id"),
        naam: id.into(),
        fase,
        periode: Periode::new(d(start), d(eind)).expect("period"),
        afhankelijk_van: na
            .iter()
            .map(|v| ActiviteitId::parse(v).expect("id"))
            .collect(),
    }
}

pub fn opgave(id: &str, ontwikkel: (&str, &str), opschaling: (&str, &str)) -> Opgave {
    Opgave {
        id: OpgaveId::parse(id).expect("id"),
        naam: id.into(),
        doelstelling: String::new(),
        aanpak: routekaart::Aanpak::default(),
        coalitie: String::new(),
        draagvlak: routekaart::Draagvlak::default(),
        ontwikkelfase: fase(ontwikkel.0, ontwikkel.1),
        opschalingsfase: fase(opschaling.0, opschaling.1),
        activiteiten: vec![],
        besluiten: vec![],
        deelnemers: vec![],
        bijdrage: Bijdragen::default(),
    }
}

pub fn met_deelnemer(mut o: Opgave, code: &str, rol: Rol) -> Opgave {
    o.deelnemers.push(Deelnemer {
        gemeente: gm(code),
        rol,
    });
    o
}
