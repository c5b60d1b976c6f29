//! Benchmarks with targets from issue 3:
//! - one gemeente with 300 applicaties → full overstapplan: < 1 ms;
//! - one drag on a Routekaart of 50 opgaven × 20 activiteiten with dependencies, plus
//!   re-planning one 300-applicatie gemeente: < 2 ms;
//! - all 342 gemeenten × 300 applicaties plus the landelijk beeld: < 100 ms on one core;
//! - issue 7: the national effect of a moved fase for all 342 gemeenten, per drag frame;
//! - issue 17: the landelijk beeld from scratch ≤ 50 ms on one core, and after a write to
//!   one landscape (that gemeente's part replaced) well under 10 ms; after a Routekaart
//!   edit the parts are made again with each landscape's own share kept, and only for
//!   the gemeenten whose ready dates moved (one gemeente joining an opgave: its own).
//!
//! The data come from a seeded generator (below), so every run measures the same input.

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use domain::landelijk::venster::Vensterbasis;
use domain::landelijk::{Gemeentebijdrage, LandelijkBeeld, Landelijketelling, Landschapsdeel};
use domain::tijdlijn::{Bewerking, bewerk, valideer};
use domain::{
    Activiteit, ActiviteitId, Applicatie, ApplicatieId, Bijdrage, Bijdragen, Capaciteit, Component,
    ComponentId, Contract, Deelnemer, Fase, FaseSoort, GemeenteCode, Laag, Opgave, OpgaveId,
    Overstapcontext, Periode, ReferentiecomponentId, Rol, Soort, Status, overstapplan,
};

/// A small, seeded pseudo-random generator (SplitMix64): the same numbers every run.
struct Toeval(u64);

impl Toeval {
    fn volgende(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn onder(&mut self, n: u64) -> u64 {
        self.volgende() % n
    }
}

fn dag(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).expect("date") + Days::new(n)
}

const REFERENTIECOMPONENTEN: u64 = 171;

fn referentiecomponent(n: u64) -> ReferentiecomponentId {
    ReferentiecomponentId::parse(&format!("rc-{n}")).expect("id")
}

/// 50 opgaven of 20 activiteiten: chains within each fase, and a dependency on an
/// activiteit of the previous opgave.
fn routekaart() -> Vec<Opgave> {
    let mut toeval = Toeval(7);
    (0..50_u64)
        .map(|o| {
            let start = o * 20;
            let mut activiteiten = Vec::new();
            let mut t = start;
            for a in 0..20_u64 {
                let fase = if a < 10 {
                    FaseSoort::Ontwikkelfase
                } else {
                    FaseSoort::Opschalingsfase
                };
                let duur = 14 + toeval.onder(30);
                let mut afhankelijk_van = Vec::new();
                if a > 0 && a != 10 {
                    afhankelijk_van
                        .push(ActiviteitId::parse(&format!("o{o}-a{}", a - 1)).expect("id"));
                }
                activiteiten.push(Activiteit {
                    id: ActiviteitId::parse(&format!("o{o}-a{a}")).expect("id"),
                    naam: format!("Activiteit {a}"),
                    fase,
                    periode: Periode::new(dag(t), dag(t + duur)).expect("period"),
                    afhankelijk_van,
                });
                t += duur;
            }
            let ontwikkel_eind = activiteiten[9].periode.eind();
            let opschaling_start = activiteiten[10].periode.start();
            let opschaling_eind = activiteiten[19].periode.eind();
            let bijdrage = Bijdrage {
                fte_per_kwartaal: 0.5,
                euro: 50_000,
            };
            Opgave {
                id: OpgaveId::parse(&format!("o{o}")).expect("id"),
                naam: format!("Opgave {o}"),
                doelstelling: String::new(),
                aanpak: Default::default(),
                coalitie: String::new(),
                draagvlak: Default::default(),
                ontwikkelfase: Fase {
                    periode: Periode::new(dag(start), ontwikkel_eind).expect("period"),
                    wacht_op_besluit: None,
                },
                opschalingsfase: Fase {
                    periode: Periode::new(opschaling_start, opschaling_eind).expect("period"),
                    wacht_op_besluit: None,
                },
                activiteiten,
                besluiten: vec![],
                deelnemers: vec![],
                bijdrage: Bijdragen {
                    coalitiepartner: bijdrage,
                    eerste_gebruiker: bijdrage,
                },
            }
        })
        .collect::<Vec<_>>()
        .into_iter()
        .enumerate()
        .map(|(i, mut o)| {
            // Across opgaven: a2 of opgave i waits for a0 of i−1 (which ends at most 24 days
            // after opgave i starts, while a2 starts at least 28 days after), so dragging an
            // early activiteit later ripples through every later opgave.
            if i > 0 {
                o.activiteiten[2]
                    .afhankelijk_van
                    .push(ActiviteitId::parse(&format!("o{}-a0", i - 1)).expect("id"));
            }
            o
        })
        .collect()
}

/// 60 components, each replacing 3 referentiecomponenten; a third delivered by an opgave.
fn componenten() -> Vec<Component> {
    let mut toeval = Toeval(11);
    (0..60_u64)
        .map(|k| {
            let status = match k % 6 {
                0..=2 => Status::Beschikbaar,
                3 | 4 => Status::InOntwikkeling,
                _ => Status::Idee,
            };
            Component {
                id: ComponentId::parse(&format!("k{k:02}")).expect("id"),
                naam: format!("Component {k}"),
                laag: Laag::ALLE[(k % 5) as usize],
                soort: if k % 2 == 0 {
                    Soort::Gemeenschappelijk
                } else {
                    Soort::Decentraal
                },
                status,
                opgave: (status == Status::InOntwikkeling)
                    .then(|| OpgaveId::parse(&format!("o{}", k % 50)).expect("id")),
                vervangt: (0..3)
                    .map(|_| referentiecomponent(toeval.onder(REFERENTIECOMPONENTEN)))
                    .collect(),
                beschikbaar_vanaf: (k % 3 == 1).then(|| dag(toeval.onder(900))),
                verwacht_beschikbaar: Some(dag(400 + toeval.onder(1500))),
                migratie_maanden: 2 + u32::try_from(toeval.onder(10)).expect("small"),
                migratie_fte: 0.2
                    + f64::from(u32::try_from(toeval.onder(10)).expect("small")) / 10.0,
                jaarlijkse_kosten: i64::try_from(toeval.onder(50_000)).expect("small"),
                url: None,
                licentie: None,
                gebruikt_door: vec![],
                afhankelijk_van: vec![],
            }
        })
        .collect()
}

/// One gemeente's 300 applicaties: 1 to 3 functions each, varied contracts, some unused.
fn landschap(gemeente: &GemeenteCode, zaad: u64) -> Vec<Applicatie> {
    let mut toeval = Toeval(zaad);
    (0..300_u64)
        .map(|a| {
            let functies = 1 + toeval.onder(3);
            let verlenging = [0, 12, 12, 12, 24, 36, 60][toeval.onder(7) as usize];
            let einddatum = dag(toeval.onder(2_500));
            let uiterste =
                (toeval.onder(4) == 0).then(|| einddatum + Days::new(toeval.onder(2_000)));
            Applicatie {
                id: ApplicatieId::parse(&format!("app-{a}")).expect("id"),
                gemeente: gemeente.clone(),
                naam: format!("Applicatie {a}"),
                leverancier: format!("Leverancier {}", toeval.onder(40)),
                referentiecomponenten: (0..functies)
                    .map(|_| referentiecomponent(toeval.onder(REFERENTIECOMPONENTEN)))
                    .collect(),
                contract: Contract::new(
                    None,
                    einddatum,
                    [1, 3, 3, 6, 6, 12][toeval.onder(6) as usize],
                    verlenging,
                    uiterste,
                    i64::try_from(1_000 + toeval.onder(250_000)).expect("small"),
                )
                .expect("contract"),
                in_gebruik: toeval.onder(25) != 0,
                gebruikers: Some(u32::try_from(toeval.onder(500)).expect("small")),
            }
        })
        .collect()
}

fn gemeente(n: u64) -> GemeenteCode {
    GemeenteCode::parse(&format!("GM{n:04}")).expect("code")
}

fn met_rollen(mut kaart: Vec<Opgave>, g: &GemeenteCode) -> Vec<Opgave> {
    for (i, o) in kaart.iter_mut().enumerate() {
        match i % 5 {
            0 => o.deelnemers.push(Deelnemer {
                gemeente: g.clone(),
                rol: Rol::Coalitiepartner,
            }),
            1 => o.deelnemers.push(Deelnemer {
                gemeente: g.clone(),
                rol: Rol::EersteGebruiker,
            }),
            _ => {}
        }
    }
    kaart
}

/// The gemeenten's parts added up, as a server does: the landelijk beeld and the what-if
/// basis.
fn opgeteld(
    context: &Overstapcontext<'_>,
    delen: &[Gemeentebijdrage],
) -> (LandelijkBeeld, Vensterbasis) {
    let mut telling = Landelijketelling::new(context.peildatum());
    for deel in delen {
        telling.voeg_toe(context, deel);
    }
    (
        telling.beeld(5, |_| true),
        Vensterbasis::uit(context, delen),
    )
}

fn benchmarks(c: &mut Criterion) {
    let peildatum = dag(500);
    let g = gemeente(344);
    let kaart = met_rollen(routekaart(), &g);
    valideer(&kaart).expect("the generated Routekaart is valid");
    let componenten = componenten();
    let apps = landschap(&g, 344);
    let capaciteit = Some(Capaciteit {
        fte_per_kwartaal: 3.0,
        budget_per_jaar: 500_000,
    });

    c.bench_function("overstapplan: 1 gemeente, 300 applicaties", |b| {
        b.iter(|| {
            let context = Overstapcontext::new(peildatum, &componenten, &kaart);
            black_box(overstapplan(&context, &g, black_box(&apps), capaciteit))
        });
    });

    let sleep = Bewerking::Verplaats {
        activiteit: ActiviteitId::parse("o0-a0").expect("id"),
        start: dag(30),
    };
    c.bench_function(
        "slepen: 50 opgaven x 20 activiteiten + herplannen 300 applicaties",
        |b| {
            b.iter(|| {
                let bewerkt = bewerk(black_box(&kaart), black_box(&sleep)).expect("edit");
                let context = Overstapcontext::new(peildatum, &componenten, &bewerkt.routekaart);
                black_box((
                    overstapplan(&context, &g, &apps, capaciteit),
                    bewerkt.verschoven.len(),
                ))
            });
        },
    );

    let gemeenten: Vec<GemeenteCode> = (1..=342).map(gemeente).collect();
    let landschappen: Vec<Vec<Applicatie>> = gemeenten
        .iter()
        .zip(1..)
        .map(|(g, zaad)| landschap(g, zaad))
        .collect();
    let mut groep = c.benchmark_group("landelijk");
    groep.sample_size(20);
    groep.bench_function(
        "342 gemeenten x 300 applicaties: hele plannen + landelijk beeld + vensterbasis",
        |b| {
            b.iter(|| {
                let context = Overstapcontext::new(peildatum, &componenten, &kaart);
                let mut telling = Landelijketelling::new(peildatum);
                let mut vensters = Vensterbasis::new(peildatum);
                for (g, apps) in gemeenten.iter().zip(&landschappen) {
                    let plan = overstapplan(&context, g, apps, capaciteit);
                    let deel = Gemeentebijdrage::uit_plan(&context, &plan, apps);
                    telling.voeg_toe(&context, &deel);
                    vensters.voeg_toe(&context, &deel);
                }
                let beeld = telling.beeld(5, |_| true);
                black_box((beeld, vensters))
            });
        },
    );
    // What a server does from scratch (a new peildatum): each gemeente's part from its
    // outcomes alone, added up, the beeld and the what-if basis. After a Routekaart edit
    // the same, but what of each part rests on the landscape alone (the drop rule's
    // outcome) is kept from before.
    let landschapsdelen: Vec<Landschapsdeel> = landschappen
        .iter()
        .map(|apps| Landschapsdeel::van(apps))
        .collect();
    for (naam, bewaard) in [
        (
            "342 gemeenten x 300 applicaties: delen + landelijk beeld + vensterbasis",
            None,
        ),
        (
            "na een Routekaartwijziging: delen met bewaard landschapsdeel + landelijk beeld + vensterbasis",
            Some(&landschapsdelen),
        ),
    ] {
        groep.bench_function(naam, |b| {
            b.iter(|| {
                let context = Overstapcontext::new(peildatum, &componenten, &kaart);
                let delen: Vec<Gemeentebijdrage> = gemeenten
                    .iter()
                    .zip(&landschappen)
                    .enumerate()
                    .map(|(i, (g, apps))| match bewaard {
                        Some(landschapsdelen) => {
                            Gemeentebijdrage::met(&context, g, apps, &landschapsdelen[i])
                        }
                        None => Gemeentebijdrage::van(&context, g, apps),
                    })
                    .collect();
                black_box(opgeteld(&context, &delen))
            });
        });
    }
    // What a server does after a write to one landscape: the kept count copied, that
    // gemeente's old part taken out and its new part added, and the beeld made.
    let context = Overstapcontext::new(peildatum, &componenten, &kaart);
    let delen: Vec<Gemeentebijdrage> = gemeenten
        .iter()
        .zip(&landschappen)
        .map(|(g, apps)| Gemeentebijdrage::van(&context, g, apps))
        .collect();
    let mut bewaard = Landelijketelling::new(peildatum);
    for deel in &delen {
        bewaard.voeg_toe(&context, deel);
    }
    let mut gewijzigd = landschappen[100].clone();
    gewijzigd[0].contract = Contract::new(None, dag(900), 3, 12, None, 12_345).expect("contract");
    groep.bench_function(
        "na een schrijfactie: 1 gemeente opnieuw + landelijk beeld",
        |b| {
            b.iter(|| {
                let context = Overstapcontext::new(peildatum, &componenten, &kaart);
                let mut telling = bewaard.clone();
                let nieuw = Gemeentebijdrage::van(&context, &gemeenten[100], &gewijzigd);
                telling.trek_af(&delen[100]);
                telling.voeg_toe(&context, &nieuw);
                black_box(telling.beeld(5, |_| true))
            });
        },
    );
    // After one gemeente joins an opgave as coalitiepartner, what a server does: find the
    // gemeenten whose ready dates moved (only that one), make its part again in a copy of
    // the kept count, and the beeld.
    let mut aangemeld = kaart.clone();
    aangemeld[1].deelnemers.push(Deelnemer {
        gemeente: gemeenten[100].clone(),
        rol: Rol::Coalitiepartner,
    });
    let oud = Overstapcontext::new(peildatum, &componenten, &kaart);
    let nieuw = Overstapcontext::new(peildatum, &componenten, &aangemeld);
    assert!(nieuw.zelfde_grond(&oud));
    let verschoven: Vec<usize> = (0..gemeenten.len())
        .filter(|&i| !nieuw.zelfde_voor(&oud, &gemeenten[i]))
        .collect();
    assert_eq!(verschoven, [100], "only the gemeente that joined");
    groep.bench_function(
        "na een aanmelding als coalitiepartner: wie verschoof + 1 gemeente opnieuw + landelijk beeld",
        |b| {
            b.iter(|| {
                let oud = Overstapcontext::new(peildatum, &componenten, &kaart);
                let nieuw = Overstapcontext::new(peildatum, &componenten, &aangemeld);
                let mut telling = bewaard.clone();
                if nieuw.zelfde_grond(&oud) {
                    for (i, g) in gemeenten.iter().enumerate() {
                        if !nieuw.zelfde_voor(&oud, g) {
                            let deel = Gemeentebijdrage::met(
                                &nieuw,
                                g,
                                &landschappen[i],
                                &landschapsdelen[i],
                            );
                            telling.trek_af(&delen[i]);
                            telling.voeg_toe(&nieuw, &deel);
                        }
                    }
                }
                black_box(telling.beeld(5, |_| true))
            });
        },
    );
    groep.finish();

    // Regie's national what-if: the compact basis of all 342 gemeenten, then one frame of
    // a drag (a fase move cascading through the Routekaart) judged against the published
    // one, as the browser does on every pointer move.
    let context = Overstapcontext::new(peildatum, &componenten, &kaart);
    let mut vensters = Vensterbasis::new(peildatum);
    for (g, apps) in gemeenten.iter().zip(&landschappen) {
        vensters.voeg_toe(&context, &Gemeentebijdrage::van(&context, g, apps));
    }
    let voor = vensters.stand(&kaart);
    let fase = Bewerking::VerplaatsFase {
        opgave: kaart[0].id.clone(),
        fase: FaseSoort::Ontwikkelfase,
        start: kaart[0].ontwikkelfase.periode.start() + Days::new(200),
    };
    let verschoven = bewerk(&kaart, &fase).expect("edit").routekaart;
    println!(
        "vensterbasis: {} applicaties van {} gemeenten",
        vensters.applicaties.len(),
        vensters.gemeenten.len()
    );
    c.bench_function(
        "landelijk effect: 342 gemeenten, een fase verschoven",
        |b| b.iter(|| black_box(vensters.effect(&voor, black_box(&verschoven)))),
    );
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
