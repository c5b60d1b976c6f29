//! The demo Routekaart: the five opgaven of the VNG letter on the Common Ground transition,
//! with illustrative (not official) dates, activiteiten with dependencies, besluiten and
//! deelnemers.

use chrono::NaiveDate;
use domain::routekaart::{Aanpak, Draagvlak};
use domain::{
    Activiteit, ActiviteitId, Besluit, BesluitId, Bijdrage, Bijdragen, Deelnemer, Fase, FaseSoort,
    GemeenteCode, Opgave, OpgaveId, Orgaan, Periode, Rol,
};

/// The name under which the demo Routekaart is recorded in `importen`.
pub const BRON: &str = "demo-routekaart-v1";

// The demo data below are literals checked by the unit tests, so a failure here is a
// bug in this file, never bad input.
fn d(tekst: &str) -> NaiveDate {
    tekst
        .parse()
        .unwrap_or_else(|_| unreachable!("demo date '{tekst}' is a real date"))
}

fn periode(start: &str, eind: &str) -> Periode {
    Periode::new(d(start), d(eind)).unwrap_or_else(|e| unreachable!("demo period: {e}"))
}

fn id<T, E>(parse: impl Fn(&str) -> Result<T, E>, tekst: &str) -> T {
    parse(tekst).unwrap_or_else(|_| unreachable!("demo id '{tekst}' is kebab-case"))
}

/// id, naam, fase, start, eind, afhankelijk van.
type ActiviteitSchets = (
    &'static str,
    &'static str,
    FaseSoort,
    &'static str,
    &'static str,
    &'static [&'static str],
);

struct Schets {
    id: &'static str,
    naam: &'static str,
    doelstelling: &'static str,
    aanpak: [&'static str; 3],
    coalitie: &'static str,
    draagvlak: [&'static str; 3],
    ontwikkel: (&'static str, &'static str),
    opschaling: (&'static str, &'static str),
    wacht_op_besluit: Option<&'static str>,
    activiteiten: &'static [ActiviteitSchets],
    besluiten: &'static [(&'static str, &'static str, Orgaan, &'static str)],
    deelnemers: &'static [(&'static str, Rol)],
    bijdrage: ((f64, i64), (f64, i64)),
}

impl Schets {
    fn opgave(&self) -> Opgave {
        Opgave {
            id: id(OpgaveId::parse, self.id),
            naam: self.naam.into(),
            doelstelling: self.doelstelling.into(),
            aanpak: Aanpak {
                randvoorwaarden: self.aanpak[0].into(),
                mensen_en_middelen: self.aanpak[1].into(),
                planning: self.aanpak[2].into(),
            },
            coalitie: self.coalitie.into(),
            draagvlak: Draagvlak {
                convenant: self.draagvlak[0].into(),
                financiele_arrangementen: self.draagvlak[1].into(),
                governance: self.draagvlak[2].into(),
            },
            ontwikkelfase: Fase {
                periode: periode(self.ontwikkel.0, self.ontwikkel.1),
                wacht_op_besluit: None,
            },
            opschalingsfase: Fase {
                periode: periode(self.opschaling.0, self.opschaling.1),
                wacht_op_besluit: self.wacht_op_besluit.map(|b| id(BesluitId::parse, b)),
            },
            activiteiten: self
                .activiteiten
                .iter()
                .map(|&(aid, naam, fase, start, eind, na)| Activiteit {
                    id: id(ActiviteitId::parse, aid),
                    naam: naam.into(),
                    fase,
                    periode: periode(start, eind),
                    afhankelijk_van: na.iter().map(|v| id(ActiviteitId::parse, v)).collect(),
                })
                .collect(),
            besluiten: self
                .besluiten
                .iter()
                .map(|&(bid, datum, orgaan, onderwerp)| Besluit {
                    id: id(BesluitId::parse, bid),
                    datum: d(datum),
                    orgaan,
                    onderwerp: onderwerp.into(),
                })
                .collect(),
            deelnemers: self
                .deelnemers
                .iter()
                .map(|&(code, rol)| Deelnemer {
                    gemeente: id(GemeenteCode::parse, code),
                    rol,
                })
                .collect(),
            bijdrage: Bijdragen {
                coalitiepartner: Bijdrage {
                    fte_per_kwartaal: self.bijdrage.0.0,
                    euro: self.bijdrage.0.1,
                },
                eerste_gebruiker: Bijdrage {
                    fte_per_kwartaal: self.bijdrage.1.0,
                    euro: self.bijdrage.1.1,
                },
            },
        }
    }
}

use FaseSoort::{Ontwikkelfase as O, Opschalingsfase as S};
use Orgaan::{Bestuur, CollegeVanDienstverleningszaken as Cvd, Ledenvergadering};
use Rol::{Coalitiepartner as C, EersteGebruiker as G};

const SCHETSEN: &[Schets] = &[
    Schets {
        id: "registratie-vakantieverhuur",
        naam: "Registratie Vakantieverhuur",
        doelstelling: "Eén landelijke voorziening waarmee verhuurders hun woning registreren en vakantieverhuur melden, zodat gemeenten het maximum aantal nachten kunnen handhaven.",
        aanpak: [
            "Wet toeristische verhuur van woonruimte; aansluiting op de BRP en de BAG via gestandaardiseerde API's.",
            "Productteam van de coalitiepartners met een product owner per gemeente; ontwikkeling door een marktpartij onder regie van de VNG.",
            "Minimaal werkend product in de ontwikkelfase, daarna gefaseerde aansluiting van eerste gebruikers.",
        ],
        coalitie: "Koplopers: Amsterdam en 's-Gravenhage. Slimme volgers sluiten aan zodra de registratie landelijk beschikbaar is.",
        draagvlak: [
            "Convenant Registratie Vakantieverhuur tussen VNG en de coalitiepartners.",
            "Ontwikkeling gefinancierd door de coalitiepartners en deels uit het Fonds GGU; beheer via de gezamenlijke financiering.",
            "Stuurgroep van de coalitiepartners; besluitvorming via het College van Dienstverleningszaken.",
        ],
        ontwikkel: ("2025-01-06", "2025-12-19"),
        opschaling: ("2026-01-05", "2027-06-30"),
        wacht_op_besluit: Some("rvv-go-opschaling"),
        activiteiten: &[
            (
                "rvv-ontwerp",
                "Ontwerp registratie en API",
                O,
                "2025-01-06",
                "2025-03-28",
                &[],
            ),
            (
                "rvv-bouw",
                "Bouw registratievoorziening",
                O,
                "2025-03-31",
                "2025-09-26",
                &["rvv-ontwerp"],
            ),
            (
                "rvv-pilot",
                "Pilot met coalitiepartners",
                O,
                "2025-09-29",
                "2025-12-19",
                &["rvv-bouw"],
            ),
            (
                "rvv-aansluiten-1g",
                "Aansluiten eerste gebruikers",
                S,
                "2026-01-05",
                "2026-06-26",
                &["rvv-pilot"],
            ),
            (
                "rvv-landelijk",
                "Landelijke uitrol",
                S,
                "2026-06-29",
                "2027-06-30",
                &["rvv-aansluiten-1g"],
            ),
        ],
        besluiten: &[
            (
                "rvv-start",
                "2025-01-15",
                Cvd,
                "Start ontwikkeling Registratie Vakantieverhuur",
            ),
            (
                "rvv-go-opschaling",
                "2025-12-10",
                Cvd,
                "Go/no-go opschaling Registratie Vakantieverhuur",
            ),
        ],
        deelnemers: &[
            ("GM0363", C),
            ("GM0518", C),
            ("GM0344", G),
            ("GM0599", G),
            ("GM0034", G),
        ],
        bijdrage: ((1.5, 120_000), (0.5, 25_000)),
    },
    Schets {
        id: "huishoudboekje",
        naam: "Huishoudboekje",
        doelstelling: "Inwoners met (dreigende) schulden krijgen overzicht in inkomsten en uitgaven en gemeenten kunnen vroegtijdig ondersteunen.",
        aanpak: [
            "Gegevens blijven bij de bron; toestemming van de inwoner via een gestandaardiseerd machtigingsmechanisme.",
            "Coalitie van gemeenten met schuldhulpverleners; ontwikkeling in sprints met gebruikersonderzoek.",
            "Eerst werkend in de coalitiegemeenten, daarna beschikbaar voor alle gemeenten.",
        ],
        coalitie: "Koplopers: Utrecht en Tilburg. Slimme volgers: gemeenten met een lopende aanbesteding voor schuldhulpsoftware.",
        draagvlak: [
            "Samenwerkingsovereenkomst Huishoudboekje.",
            "Gezamenlijke financiering na de ontwikkelfase, naar rato van inwonertal.",
            "Regiegroep onder het College van Dienstverleningszaken.",
        ],
        ontwikkel: ("2025-03-03", "2026-03-27"),
        opschaling: ("2026-04-06", "2027-12-17"),
        wacht_op_besluit: None,
        activiteiten: &[
            (
                "hhb-onderzoek",
                "Gebruikersonderzoek en ontwerp",
                O,
                "2025-03-03",
                "2025-05-30",
                &[],
            ),
            (
                "hhb-bouw",
                "Bouw Huishoudboekje",
                O,
                "2025-06-02",
                "2026-01-30",
                &["hhb-onderzoek"],
            ),
            (
                "hhb-test",
                "Praktijktest coalitiegemeenten",
                O,
                "2026-02-02",
                "2026-03-27",
                &["hhb-bouw"],
            ),
            (
                "hhb-uitrol",
                "Uitrol eerste gebruikers",
                S,
                "2026-04-06",
                "2026-12-18",
                &["hhb-test"],
            ),
            (
                "hhb-beheer",
                "Overdracht naar gezamenlijk beheer",
                S,
                "2027-01-04",
                "2027-12-17",
                &["hhb-uitrol"],
            ),
        ],
        besluiten: &[
            (
                "hhb-start",
                "2025-02-20",
                Cvd,
                "Start ontwikkeling Huishoudboekje",
            ),
            (
                "hhb-financiering",
                "2026-06-12",
                Ledenvergadering,
                "Gezamenlijke financiering Huishoudboekje",
            ),
        ],
        deelnemers: &[("GM0344", C), ("GM0855", C), ("GM0202", G), ("GM0268", G)],
        bijdrage: ((1.0, 80_000), (0.4, 15_000)),
    },
    Schets {
        id: "cg-componenten",
        naam: "Common Ground-componenten",
        doelstelling: "Herbruikbare componenten in de vijf lagen van Common Ground, zodat gemeenten gegevens scheiden van applicaties en processen.",
        aanpak: [
            "Componenten voldoen aan de API-standaarden en worden als open source gepubliceerd met een publiccode.yml.",
            "Marktpartijen bouwen in opdracht; gemeenten leveren product owners en testcapaciteit.",
            "Per kwartaal een release; componenten gaan van in ontwikkeling naar beschikbaar na een acceptatietest.",
        ],
        coalitie: "Koplopers: Rotterdam, Eindhoven en Enschede. Marktpartijen uit het Groeipact Common Ground doen mee.",
        draagvlak: [
            "Groeipact Common Ground.",
            "Financiering uit het Fonds GGU en bijdragen van de coalitiepartners.",
            "Architectuurboard Common Ground; vaststelling door het bestuur.",
        ],
        ontwikkel: ("2025-06-02", "2026-09-25"),
        opschaling: ("2026-10-05", "2028-06-30"),
        wacht_op_besluit: None,
        activiteiten: &[
            (
                "cgc-standaarden",
                "API-standaarden vaststellen",
                O,
                "2025-06-02",
                "2025-10-31",
                &[],
            ),
            (
                "cgc-integratie",
                "Integratiecomponenten bouwen",
                O,
                "2025-11-03",
                "2026-05-29",
                &["cgc-standaarden"],
            ),
            (
                "cgc-acceptatie",
                "Acceptatietest",
                O,
                "2026-06-01",
                "2026-09-25",
                &["cgc-integratie"],
            ),
            (
                "cgc-uitrol",
                "Uitrol in gemeenten",
                S,
                "2026-10-05",
                "2028-06-30",
                &["cgc-acceptatie"],
            ),
        ],
        besluiten: &[
            (
                "cgc-transitiestrategie",
                "2025-05-28",
                Bestuur,
                "Meerjarige Transitiestrategie Common Ground",
            ),
            (
                "cgc-alv",
                "2026-06-10",
                Ledenvergadering,
                "Jaarplan GGU en componentenportfolio",
            ),
        ],
        deelnemers: &[
            ("GM0599", C),
            ("GM0772", C),
            ("GM0153", C),
            ("GM0307", G),
            ("GM0193", G),
        ],
        bijdrage: ((2.0, 150_000), (0.6, 30_000)),
    },
    Schets {
        id: "zaakgericht-werken",
        naam: "Zaakgericht werken",
        doelstelling: "Zaken en documenten volgens de ZGW-API's, zodat gemeenten van een monolithisch zaaksysteem naar losse componenten overstappen.",
        aanpak: [
            "Componenten van het Common Ground-model beschikbaar en gekoppeld via notificaties.",
            "Implementatieteams per gemeente; ondersteuning via het kennisnetwerk.",
            "Overstap per gemeente op het moment dat het contract van het zaaksysteem afloopt.",
        ],
        coalitie: "Koplopers: Utrecht en Groningen. Slimme volgers stappen over bij het aflopen van hun contract.",
        draagvlak: [
            "Convenant Zaakgericht werken.",
            "Decentrale aanschaf van implementatiediensten; gezamenlijke financiering van het beheer.",
            "Gebruikersoverleg per component.",
        ],
        ontwikkel: ("2025-11-03", "2026-12-18"),
        opschaling: ("2027-01-04", "2029-06-29"),
        wacht_op_besluit: Some("zgw-opschaling"),
        activiteiten: &[
            (
                "zgw-koppelvlak",
                "Koppelvlakken ZGW-API's",
                O,
                "2025-11-03",
                "2026-02-27",
                &["cgc-standaarden"],
            ),
            (
                "zgw-migratietool",
                "Migratietooling zaaksystemen",
                O,
                "2026-03-02",
                "2026-10-30",
                &["zgw-koppelvlak"],
            ),
            (
                "zgw-proefmigratie",
                "Proefmigratie",
                O,
                "2026-11-02",
                "2026-12-18",
                &["zgw-migratietool"],
            ),
            (
                "zgw-overstap-1g",
                "Overstap eerste gebruikers",
                S,
                "2027-01-04",
                "2027-12-17",
                &["zgw-proefmigratie"],
            ),
            (
                "zgw-overstap",
                "Overstap overige gemeenten",
                S,
                "2028-01-03",
                "2029-06-29",
                &["zgw-overstap-1g"],
            ),
        ],
        besluiten: &[(
            "zgw-opschaling",
            "2026-12-09",
            Cvd,
            "Besluit opschaling Zaakgericht werken",
        )],
        deelnemers: &[
            ("GM0344", C),
            ("GM0014", C),
            ("GM0200", G),
            ("GM1680", G),
            ("GM0034", G),
        ],
        bijdrage: ((1.2, 90_000), (0.8, 40_000)),
    },
    Schets {
        id: "cloudinfrastructuur",
        naam: "Cloudinfrastructuur",
        doelstelling: "Een gezamenlijke, veilige hostingomgeving waarin gemeenten Common Ground-componenten kunnen draaien.",
        aanpak: [
            "Voldoet aan de BIO en de Haven-standaard; leveranciersonafhankelijk.",
            "Platformteam onder regie van de VNG met inbreng van de coalitiepartners.",
            "Eerst een referentie-implementatie, dan opschaling naar gemeenten die zelf niet hosten.",
        ],
        coalitie: "Koplopers: Amsterdam en Eindhoven. Slimme volgers: kleinere gemeenten zonder eigen rekencentrum.",
        draagvlak: [
            "Convenant gezamenlijke infrastructuur.",
            "Abonnementsmodel per gemeente na de ontwikkelfase.",
            "Bestuur besluit over de opschaling.",
        ],
        ontwikkel: ("2026-01-05", "2027-03-26"),
        opschaling: ("2027-04-05", "2029-12-21"),
        wacht_op_besluit: Some("cloud-opschaling"),
        activiteiten: &[
            (
                "cloud-referentie",
                "Referentie-implementatie Haven",
                O,
                "2026-01-05",
                "2026-09-25",
                &[],
            ),
            (
                "cloud-beveiliging",
                "Beveiligingsaudit BIO",
                O,
                "2026-09-28",
                "2027-03-26",
                &["cloud-referentie"],
            ),
            (
                "cloud-migratie",
                "Migratie eerste gebruikers",
                S,
                "2027-04-05",
                "2028-03-31",
                &["cloud-beveiliging"],
            ),
            (
                "cloud-opschalen",
                "Opschaling",
                S,
                "2028-04-03",
                "2029-12-21",
                &["cloud-migratie"],
            ),
        ],
        besluiten: &[
            (
                "cloud-start",
                "2025-12-03",
                Cvd,
                "Start Cloudinfrastructuur",
            ),
            (
                "cloud-opschaling",
                "2027-03-17",
                Bestuur,
                "Opschaling Cloudinfrastructuur",
            ),
        ],
        deelnemers: &[("GM0363", C), ("GM0772", C), ("GM0193", G), ("GM0307", G)],
        bijdrage: ((2.5, 200_000), (0.5, 35_000)),
    },
];

/// The demo Routekaart.
pub fn routekaart() -> Vec<Opgave> {
    SCHETSEN.iter().map(Schets::opgave).collect()
}

/// The demo Routekaart grown to `opgaven` opgaven for measuring a programme at national
/// scale (`scripts/bench-drag`): after the five of the letter come generated ones, each
/// with `activiteiten` activiteiten in a chain per fase, two besluiten, and a dependency
/// on the previous generated opgave's first activiteit, so a drag early on can ripple
/// through the rest. The same seed gives the same Routekaart.
pub fn uitgebreid(opgaven: usize, activiteiten: usize, seed: u64) -> Vec<Opgave> {
    use rand::{Rng, SeedableRng};
    let mut toeval = rand::rngs::StdRng::seed_from_u64(seed);
    let mut kaart = routekaart();
    let eerste = kaart.len();
    let begin = d("2026-01-05");
    let dag = |n: u64| begin + chrono::Days::new(n);
    for n in eerste..opgaven {
        let nummer = n + 1 - eerste;
        let mut start = u64::try_from(nummer).unwrap_or(0) * 21;
        let eerste_start = start;
        let mut lijst: Vec<Activiteit> = Vec::with_capacity(activiteiten);
        for a in 0..activiteiten {
            let fase = if a < activiteiten / 2 { O } else { S };
            let duur = toeval.random_range(14..45);
            let mut na = Vec::new();
            if a > 0 && a != activiteiten / 2 {
                na.push(format!("groot-{nummer}-a{}", a - 1));
            }
            if a == 2 && nummer > 1 {
                na.push(format!("groot-{}-a0", nummer - 1));
            }
            lijst.push(Activiteit {
                id: id(ActiviteitId::parse, &format!("groot-{nummer}-a{a}")),
                naam: format!("Stap {} van opgave {nummer}", a + 1),
                fase,
                periode: Periode::new(dag(start), dag(start + duur))
                    .unwrap_or_else(|e| unreachable!("a generated period is forward: {e}")),
                afhankelijk_van: na.iter().map(|v| id(ActiviteitId::parse, v)).collect(),
            });
            start += duur + 1;
        }
        let span = |fase: FaseSoort, terugval: u64| {
            let mut in_fase = lijst.iter().filter(|a| a.fase == fase).map(|a| a.periode);
            let eerste = in_fase.next();
            let periode = eerste.map_or_else(
                || Periode::new(dag(terugval), dag(terugval + 90)),
                |p| Periode::new(p.start(), in_fase.next_back().unwrap_or(p).eind()),
            );
            Fase {
                periode: periode
                    .unwrap_or_else(|e| unreachable!("a generated fase is forward: {e}")),
                wacht_op_besluit: None,
            }
        };
        let ontwikkelfase = span(O, eerste_start);
        let opschalingsfase = span(S, start);
        let besluiten = [
            (ontwikkelfase.periode.start(), Cvd, "Start ontwikkelfase"),
            (
                opschalingsfase.periode.start(),
                Ledenvergadering,
                "Start opschaling",
            ),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (datum, orgaan, onderwerp))| Besluit {
            id: id(BesluitId::parse, &format!("groot-{nummer}-b{i}")),
            datum,
            orgaan,
            onderwerp: format!("{onderwerp} van opgave {nummer}"),
        })
        .collect();
        kaart.push(Opgave {
            id: id(OpgaveId::parse, &format!("groot-{nummer}")),
            naam: format!("Opgave {nummer} (meting)"),
            doelstelling: "Gegenereerd om de Routekaart op landelijke omvang te meten.".into(),
            aanpak: Aanpak::default(),
            coalitie: String::new(),
            draagvlak: Draagvlak::default(),
            ontwikkelfase,
            opschalingsfase,
            activiteiten: lijst,
            besluiten,
            deelnemers: Vec::new(),
            bijdrage: Bijdragen {
                coalitiepartner: Bijdrage {
                    fte_per_kwartaal: 0.5,
                    euro: 40_000,
                },
                eerste_gebruiker: Bijdrage {
                    fte_per_kwartaal: 0.2,
                    euro: 10_000,
                },
            },
        });
    }
    kaart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grown_routekaart_keeps_the_demo_and_is_a_valid_routekaart() {
        let kaart = uitgebreid(50, 20, 7);
        assert_eq!(kaart.len(), 50);
        assert_eq!(kaart[..5], routekaart()[..]);
        assert!(kaart[5..].iter().all(|o| o.activiteiten.len() == 20));
        assert_eq!(
            uitgebreid(50, 20, 7),
            kaart,
            "the same seed, the same Routekaart"
        );
        domain::tijdlijn::valideer(&kaart).expect("a valid Routekaart");
    }

    #[test]
    fn the_demo_routekaart_has_the_five_opgaven_of_the_vng_letter() {
        let namen: Vec<String> = routekaart().into_iter().map(|o| o.naam).collect();
        assert_eq!(
            namen,
            [
                "Registratie Vakantieverhuur",
                "Huishoudboekje",
                "Common Ground-componenten",
                "Zaakgericht werken",
                "Cloudinfrastructuur"
            ]
        );
    }

    #[test]
    fn every_demo_date_is_real_and_every_period_runs_forward() {
        for schets in SCHETSEN {
            let mut datums = vec![
                schets.ontwikkel.0,
                schets.ontwikkel.1,
                schets.opschaling.0,
                schets.opschaling.1,
            ];
            datums.extend(schets.activiteiten.iter().flat_map(|a| [a.3, a.4]));
            datums.extend(schets.besluiten.iter().map(|b| b.1));
            for datum in datums {
                assert!(datum.parse::<NaiveDate>().is_ok(), "{}: {datum}", schets.id);
            }
            for a in schets.activiteiten {
                assert!(Periode::new(d(a.3), d(a.4)).is_ok(), "{}", a.0);
            }
            assert!(
                d(schets.ontwikkel.1) <= d(schets.opschaling.0),
                "{}",
                schets.id
            );
        }
    }

    #[test]
    fn the_demo_routekaart_keeps_every_invariant_of_the_timeline() {
        assert_eq!(domain::tijdlijn::valideer(&routekaart()), Ok(()));
    }

    #[test]
    fn every_dependency_finishes_before_its_successor_starts() {
        let opgaven = routekaart();
        let alle: Vec<&Activiteit> = opgaven.iter().flat_map(|o| &o.activiteiten).collect();
        for a in &alle {
            for v in &a.afhankelijk_van {
                let voorganger = alle.iter().find(|x| &x.id == v).expect("known predecessor");
                assert!(
                    voorganger.periode.eind() <= a.periode.start(),
                    "{} na {}",
                    a.id,
                    v
                );
            }
        }
    }
}
