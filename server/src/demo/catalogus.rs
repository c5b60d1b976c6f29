//! The demo catalogue: Common Ground components with illustrative (not official) terms,
//! each mapped to real GEMMA referentiecomponenten by name, some delivered by an opgave of
//! the demo Routekaart so that joining it moves their availability. Open Zaak, Open
//! Notificaties, Objecten API and Signalen carry the repository url of their real
//! publiccode.yml, so importing that file updates the component instead of adding a twin.

use domain::{Component, ComponentId, Laag, OpgaveId, ReferentiecomponentId, Soort, Status};

use domain::catalogus::Referentiezoeker;

/// The name under which the demo catalogue is recorded in `importen`.
pub const BRON: &str = "demo-catalogus-v1";

struct Schets {
    id: &'static str,
    naam: &'static str,
    laag: Laag,
    soort: Soort,
    status: Status,
    opgave: Option<&'static str>,
    beschikbaar_vanaf: Option<&'static str>,
    verwacht: Option<&'static str>,
    migratie: (u32, f64),
    kosten: i64,
    vervangt: &'static [&'static str],
    afhankelijk_van: &'static [&'static str],
    url: Option<&'static str>,
}

/// Dependencies come before what depends on them: the order of loading.
const SCHETSEN: &[Schets] = &[
    Schets {
        id: "open-notificaties",
        naam: "Open Notificaties",
        laag: Laag::Integratie,
        soort: Soort::Decentraal,
        status: Status::Beschikbaar,
        opgave: None,
        beschikbaar_vanaf: Some("2021-06-01"),
        verwacht: None,
        migratie: (3, 0.5),
        kosten: 10_000,
        vervangt: &["Notificatierouteringcomponent"],
        afhankelijk_van: &[],
        url: Some("https://github.com/open-zaak/open-notificaties.git"),
    },
    Schets {
        id: "open-zaak",
        naam: "Open Zaak",
        laag: Laag::Services,
        soort: Soort::Decentraal,
        status: Status::Beschikbaar,
        opgave: None,
        beschikbaar_vanaf: Some("2021-06-01"),
        verwacht: None,
        migratie: (9, 1.5),
        kosten: 40_000,
        vervangt: &[
            "Zaakregistratiecomponent",
            "Zaaktypecataloguscomponent",
            "Documentregistratiecomponent",
        ],
        afhankelijk_van: &["open-notificaties"],
        url: Some("https://github.com/open-zaak/open-zaak.git"),
    },
    Schets {
        id: "objecten-api",
        naam: "Objecten API",
        laag: Laag::Data,
        soort: Soort::Decentraal,
        status: Status::Beschikbaar,
        opgave: None,
        beschikbaar_vanaf: Some("2022-01-01"),
        verwacht: None,
        migratie: (6, 1.0),
        kosten: 15_000,
        vervangt: &["Gegevensmagazijncomponent"],
        afhankelijk_van: &["open-notificaties"],
        url: Some("http://github.com/maykinmedia/open-object.git"),
    },
    Schets {
        id: "signalen",
        naam: "Signalen",
        laag: Laag::Interactie,
        soort: Soort::Gemeenschappelijk,
        status: Status::Beschikbaar,
        opgave: None,
        beschikbaar_vanaf: Some("2020-01-01"),
        verwacht: None,
        migratie: (6, 1.0),
        kosten: 25_000,
        vervangt: &["Meldingen openbare ruimtecomponent"],
        afhankelijk_van: &[],
        url: Some("https://github.com/Amsterdam/signals-frontend"),
    },
    Schets {
        id: "open-klant",
        naam: "Open Klant",
        laag: Laag::Services,
        soort: Soort::Decentraal,
        status: Status::Beschikbaar,
        opgave: None,
        beschikbaar_vanaf: Some("2023-03-01"),
        verwacht: None,
        migratie: (6, 1.0),
        kosten: 20_000,
        vervangt: &["Relatiebeheercomponent (CRM)"],
        afhankelijk_van: &["open-notificaties"],
        url: None,
    },
    Schets {
        id: "open-formulieren",
        naam: "Open Formulieren",
        laag: Laag::Interactie,
        soort: Soort::Decentraal,
        status: Status::Beschikbaar,
        opgave: None,
        beschikbaar_vanaf: Some("2022-01-01"),
        verwacht: None,
        migratie: (4, 0.8),
        kosten: 18_000,
        vervangt: &["E-formulieren publicatie-en-beheercomponent"],
        afhankelijk_van: &["open-zaak", "objecten-api"],
        url: None,
    },
    Schets {
        id: "open-inwoner",
        naam: "Open Inwoner",
        laag: Laag::Interactie,
        soort: Soort::Decentraal,
        status: Status::Beschikbaar,
        opgave: None,
        beschikbaar_vanaf: Some("2024-01-01"),
        verwacht: None,
        migratie: (6, 1.0),
        kosten: 20_000,
        vervangt: &["Mijngemeentecomponent"],
        afhankelijk_van: &["open-zaak", "open-klant"],
        url: None,
    },
    Schets {
        id: "zaakafhandelcomponent",
        naam: "Zaakafhandelcomponent",
        laag: Laag::Proces,
        soort: Soort::Gemeenschappelijk,
        status: Status::InOntwikkeling,
        opgave: Some("zaakgericht-werken"),
        beschikbaar_vanaf: None,
        verwacht: None,
        migratie: (6, 2.0),
        kosten: 30_000,
        vervangt: &["Generiek zaakafhandelcomponent"],
        afhankelijk_van: &["open-zaak"],
        url: None,
    },
    Schets {
        id: "registratie-vakantieverhuur",
        naam: "Landelijke Voorziening Vakantieverhuur",
        laag: Laag::Services,
        soort: Soort::Gemeenschappelijk,
        status: Status::InOntwikkeling,
        opgave: Some("registratie-vakantieverhuur"),
        beschikbaar_vanaf: None,
        verwacht: None,
        migratie: (3, 0.5),
        kosten: 8_000,
        vervangt: &["Vergunning- Toezicht- Handhavingcomponent"],
        afhankelijk_van: &["open-notificaties"],
        url: None,
    },
    Schets {
        id: "huishoudboekje",
        naam: "Huishoudboekje",
        laag: Laag::Interactie,
        soort: Soort::Gemeenschappelijk,
        status: Status::InOntwikkeling,
        opgave: Some("huishoudboekje"),
        beschikbaar_vanaf: None,
        verwacht: None,
        migratie: (4, 1.0),
        kosten: 12_000,
        vervangt: &["Budgetadvies- en schuldhulpverleningcomponent"],
        afhankelijk_van: &[],
        url: None,
    },
    Schets {
        id: "gemeenschappelijke-hosting",
        naam: "Gemeenschappelijke hosting",
        laag: Laag::Integratie,
        soort: Soort::Gemeenschappelijk,
        status: Status::InOntwikkeling,
        opgave: Some("cloudinfrastructuur"),
        beschikbaar_vanaf: None,
        verwacht: None,
        migratie: (6, 1.5),
        kosten: 15_000,
        vervangt: &["Gemeentelijke servicebuscomponent"],
        afhankelijk_van: &[],
        url: None,
    },
    Schets {
        id: "open-archiefbeheer",
        naam: "Open Archiefbeheer",
        laag: Laag::Services,
        soort: Soort::Gemeenschappelijk,
        status: Status::InOntwikkeling,
        opgave: None,
        beschikbaar_vanaf: None,
        verwacht: Some("2027-07-01"),
        migratie: (6, 1.0),
        kosten: 10_000,
        vervangt: &["Archiefbeheercomponent"],
        afhankelijk_van: &["open-zaak"],
        url: None,
    },
    Schets {
        id: "open-producten",
        naam: "Open Producten",
        laag: Laag::Services,
        soort: Soort::Decentraal,
        status: Status::Idee,
        opgave: None,
        beschikbaar_vanaf: None,
        verwacht: Some("2028-01-01"),
        migratie: (4, 0.5),
        kosten: 8_000,
        vervangt: &["Producten-en-dienstencataloguscomponent"],
        afhankelijk_van: &[],
        url: None,
    },
];

/// The demo catalogue, its referentiecomponenten resolved with `zoeker` (names GEMMA
/// does not know are left out, so the catalogue also loads without reference data).
pub fn componenten(zoeker: &Referentiezoeker) -> Vec<Component> {
    let datum = |t: &str| {
        t.parse()
            .unwrap_or_else(|_| unreachable!("demo date '{t}' is a real date"))
    };
    SCHETSEN
        .iter()
        .map(|s| Component {
            id: component_id(s.id),
            naam: s.naam.into(),
            laag: s.laag,
            soort: s.soort,
            status: s.status,
            opgave: s.opgave.map(|o| {
                OpgaveId::parse(o).unwrap_or_else(|_| unreachable!("demo id '{o}' is kebab-case"))
            }),
            vervangt: s
                .vervangt
                .iter()
                .filter_map(|naam| zoeker.zoek(naam))
                .collect::<Vec<ReferentiecomponentId>>(),
            beschikbaar_vanaf: s.beschikbaar_vanaf.map(datum),
            verwacht_beschikbaar: s.verwacht.map(datum),
            migratie_maanden: s.migratie.0,
            migratie_fte: s.migratie.1,
            jaarlijkse_kosten: s.kosten,
            url: s.url.map(Into::into),
            licentie: Some("EUPL-1.2".into()),
            gebruikt_door: Vec::new(),
            afhankelijk_van: s.afhankelijk_van.iter().map(|a| component_id(a)).collect(),
        })
        .collect()
}

fn component_id(tekst: &str) -> ComponentId {
    ComponentId::parse(tekst).unwrap_or_else(|_| unreachable!("demo id '{tekst}' is kebab-case"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dependency_is_loaded_before_what_depends_on_it() {
        let alle = componenten(&Referentiezoeker::default());
        for (i, k) in alle.iter().enumerate() {
            for a in &k.afhankelijk_van {
                assert!(
                    alle[..i].iter().any(|eerder| &eerder.id == a),
                    "{} needs {a} first",
                    k.id
                );
            }
        }
    }

    #[test]
    fn only_open_zaak_replaces_the_zaakregistratiecomponent() {
        let zoeker = Referentiezoeker::met([("zr", "Zaakregistratiecomponent")]);
        let vervangers: Vec<String> = componenten(&zoeker)
            .into_iter()
            .filter(|k| k.vervangt.iter().any(|r| r.as_str() == "zr"))
            .map(|k| k.id.to_string())
            .collect();
        assert_eq!(vervangers, ["open-zaak"]);
    }
}
