//! Property tests (proptest) for the invariants that must hold for any input, not only for
//! the worked examples: the overstapmoment, the notice deadline, the cascade and undo.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use crate::catalogus::Status;
use crate::landschap::Capaciteit;
use crate::landschap::Contract;
use crate::overstap::{Overstapcontext, Uitkomst, uitstappunten};
use crate::routekaart::Rol;
use crate::routekaart::{FaseSoort, Opgave};
use crate::scenario::{Basis, Scenario, Wijziging};
use crate::testdata::*;
use crate::tijdlijn::{Bewerking, Onderdeel, bewerk, valideer};
use crate::{ActiviteitId, Periode};

fn dag(n: u32) -> NaiveDate {
    d("2023-01-01") + Days::new(u64::from(n))
}

fn contract_strategie() -> impl Strategy<Value = Contract> {
    (
        0_u32..3_000,
        0_u32..13,
        prop::sample::select(vec![0_u32, 1, 3, 6, 12, 24, 36, 60]),
        prop::option::of(0_u32..4_000),
        0_i64..1_000_000,
    )
        .prop_map(|(eind, opzeg, verlenging, extra, kosten)| {
            let einddatum = dag(eind);
            let uiterste = extra.map(|e| einddatum + Days::new(u64::from(e)));
            Contract::new(None, einddatum, opzeg, verlenging, uiterste, kosten)
                .expect("valid by construction")
        })
}

proptest! {
    #[test]
    fn an_overstapmoment_is_a_usable_exit_point_on_or_after_ready(
        contract in contract_strategie(),
        peil in 0_u32..2_500,
        migratie in 0_u32..24,
        beschikbaar in prop::option::of(0_u32..3_000),
    ) {
        let mut k = open_zaak();
        k.migratie_maanden = migratie;
        k.beschikbaar_vanaf = beschikbaar.map(dag);
        let mut app = zaaksysteem_x();
        app.contract = contract;
        let p = dag(peil);
        let componenten = [k];
        let ctx = Overstapcontext::new(p, &componenten, &[]);
        let overstap = ctx.overstap(&app, &gm("GM0344"));
        if let Uitkomst::Overstap { overstapmoment, gereed, opzeggen_voor, wachttijd_dagen, .. } = overstap.uitkomst {
            let punten = uitstappunten(&contract, p);
            prop_assert!(punten.punten.contains(&overstapmoment));
            prop_assert!(punten.bruikbaar(&contract, overstapmoment, p));
            prop_assert!(overstapmoment >= gereed);
            prop_assert_eq!(wachttijd_dagen, (overstapmoment - gereed).num_days());
            if let Some(opzeggen) = opzeggen_voor {
                prop_assert!(opzeggen >= p, "opzeggen vóór {} ligt voor peildatum {}", opzeggen, p);
            }
        }
    }

    #[test]
    fn the_quick_search_for_an_exit_point_agrees_with_walking_them_all(
        contract in contract_strategie(),
        peil in 0_u32..2_500,
        vanaf in 0_u32..4_000,
    ) {
        let (p, vanaf) = (dag(peil), dag(vanaf));
        let punten = uitstappunten(&contract, p);
        let traag = punten.punten.iter().copied().find(|&x| x >= vanaf && punten.bruikbaar(&contract, x, p));
        prop_assert_eq!(crate::overstap::eerste_bruikbare(&contract, vanaf, p), traag);
        // The final end, walked from E: the last E + k·r ≤ M.
        if let (Some(m), r @ 1..) = (contract.uiterste_einddatum(), contract.verlenging_maanden()) {
            let mut laatste = contract.einddatum();
            for k in 1.. {
                let Some(x) = crate::plus_maanden(contract.einddatum(), k * i32::try_from(r).expect("small")) else { break };
                if x > m { break; }
                laatste = x;
            }
            prop_assert_eq!(punten.definitief_einde, Some(laatste));
        }
    }

    #[test]
    fn a_dropped_applicatie_goes_on_a_usable_exit_point(contract in contract_strategie(), peil in 0_u32..2_500) {
        let mut app = zaaksysteem_x();
        app.contract = contract;
        app.in_gebruik = false;
        let p = dag(peil);
        let lijst = crate::afschaffen::afschaffingen(&[app], p);
        if let Some(datum) = lijst[0].afschafdatum {
            prop_assert!(uitstappunten(&contract, p).bruikbaar(&contract, datum, p));
        }
    }
}

/// A random valid Routekaart: every dependency points at an activiteit made earlier that
/// ends before the dependent one starts, so there is never a cycle.
fn routekaart_strategie() -> impl Strategy<Value = Vec<Opgave>> {
    let schets = (
        0_u32..400,
        prop::collection::vec((1_u32..60, 0_u32..20), 1..5),
        prop::collection::vec((1_u32..60, 0_u32..20), 1..5),
        0_u32..30,
    );
    (
        prop::collection::vec(schets, 1..5),
        prop::collection::vec(any::<prop::sample::Index>(), 40),
    )
        .prop_map(|(schetsen, keuzes)| {
            let mut kaart: Vec<Opgave> = Vec::new();
            let mut gemaakt: Vec<(ActiviteitId, NaiveDate)> = Vec::new();
            let mut keuze = keuzes.into_iter().cycle();
            for (i, (start, ontwikkel, opschaling, pauze)) in schetsen.into_iter().enumerate() {
                let mut o = opgave(
                    &format!("o{i}"),
                    ("2023-01-01", "2023-01-01"),
                    ("2023-01-01", "2023-01-01"),
                );
                let mut dagteller = start;
                let mut fase_van = |soort: FaseSoort,
                                    stukken: &[(u32, u32)],
                                    o: &mut Opgave,
                                    dagteller: &mut u32| {
                    let begin = *dagteller;
                    for (j, &(duur, gat)) in stukken.iter().enumerate() {
                        *dagteller += gat;
                        let (s, e) = (dag(*dagteller), dag(*dagteller + duur));
                        let id = ActiviteitId::parse(&format!(
                            "o{i}-{}{j}",
                            if soort == FaseSoort::Ontwikkelfase {
                                "a"
                            } else {
                                "b"
                            }
                        ))
                        .expect("id");
                        let kandidaten: Vec<&ActiviteitId> = gemaakt
                            .iter()
                            .filter(|(_, eind)| *eind <= s)
                            .map(|(id, _)| id)
                            .collect();
                        let mut afhankelijk_van = Vec::new();
                        if let (false, Some(k)) = (kandidaten.is_empty(), keuze.next()) {
                            afhankelijk_van.push(kandidaten[k.index(kandidaten.len())].clone());
                        }
                        o.activiteiten.push(crate::Activiteit {
                            id: id.clone(),
                            naam: id.to_string(),
                            fase: soort,
                            periode: Periode::new(s, e).expect("period"),
                            afhankelijk_van,
                        });
                        gemaakt.push((id, e));
                        *dagteller += duur;
                    }
                    Periode::new(dag(begin), dag(*dagteller)).expect("period")
                };
                o.ontwikkelfase.periode =
                    fase_van(FaseSoort::Ontwikkelfase, &ontwikkel, &mut o, &mut dagteller);
                dagteller += pauze;
                o.opschalingsfase.periode = fase_van(
                    FaseSoort::Opschalingsfase,
                    &opschaling,
                    &mut o,
                    &mut dagteller,
                );
                kaart.push(o);
            }
            kaart
        })
}

fn bewerking_strategie(kaart: &[Opgave]) -> impl Strategy<Value = Bewerking> + use<> {
    let activiteiten: Vec<(ActiviteitId, NaiveDate, NaiveDate)> = kaart
        .iter()
        .flat_map(|o| &o.activiteiten)
        .map(|a| (a.id.clone(), a.periode.start(), a.periode.eind()))
        .collect();
    let opgaven: Vec<(crate::OpgaveId, NaiveDate, NaiveDate)> = kaart
        .iter()
        .map(|o| {
            (
                o.id.clone(),
                o.ontwikkelfase.periode.start(),
                o.opschalingsfase.periode.start(),
            )
        })
        .collect();
    let a1 = activiteiten.clone();
    prop_oneof![
        (prop::sample::select(activiteiten.clone()), -90_i64..90).prop_map(
            |((id, start, _), dagen)| Bewerking::Verplaats {
                activiteit: id,
                start: start + chrono::Duration::days(dagen),
            }
        ),
        (prop::sample::select(a1), -30_i64..90).prop_map(|((id, _, eind), dagen)| Bewerking::Rek {
            activiteit: id,
            start: None,
            eind: Some(eind + chrono::Duration::days(dagen)),
        }),
        (prop::sample::select(opgaven), any::<bool>(), -90_i64..90).prop_map(
            |((id, ontwikkel, opschaling), eerste, dagen)| {
                let (fase, start) = if eerste {
                    (FaseSoort::Ontwikkelfase, ontwikkel)
                } else {
                    (FaseSoort::Opschalingsfase, opschaling)
                };
                Bewerking::VerplaatsFase {
                    opgave: id,
                    fase,
                    start: start + chrono::Duration::days(dagen),
                }
            }
        ),
    ]
}

fn kaart_met_bewerking() -> impl Strategy<Value = (Vec<Opgave>, Bewerking)> {
    routekaart_strategie().prop_flat_map(|kaart| {
        let b = bewerking_strategie(&kaart);
        (Just(kaart), b)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn generated_routekaarten_are_valid(kaart in routekaart_strategie()) {
        prop_assert_eq!(valideer(&kaart), Ok(()));
    }

    #[test]
    fn after_any_edit_every_invariant_holds_and_only_the_dragged_item_moves_earlier((kaart, bewerking) in kaart_met_bewerking()) {
        let Ok(bewerkt) = bewerk(&kaart, &bewerking) else { return Ok(()) };
        prop_assert_eq!(valideer(&bewerkt.routekaart), Ok(()));
        let gesleept = |o: &Opgave, a: &crate::Activiteit| match &bewerking {
            Bewerking::Verplaats { activiteit, .. } | Bewerking::Rek { activiteit, .. } => &a.id == activiteit,
            Bewerking::VerplaatsFase { opgave, fase, .. } => &o.id == opgave && a.fase == *fase,
        };
        for (oud, nieuw) in kaart.iter().zip(&bewerkt.routekaart) {
            for (a, b) in oud.activiteiten.iter().zip(&nieuw.activiteiten) {
                if !gesleept(oud, a) {
                    prop_assert!(b.periode.start() >= a.periode.start(), "{} moved earlier: {} → {}", a.id, a.periode.start(), b.periode.start());
                }
            }
            let fase_gesleept = |f: FaseSoort| matches!(&bewerking, Bewerking::VerplaatsFase { opgave, fase, .. } if opgave == &oud.id && *fase == f);
            for soort in [FaseSoort::Ontwikkelfase, FaseSoort::Opschalingsfase] {
                if !fase_gesleept(soort) {
                    prop_assert!(nieuw.fase(soort).periode.eind() >= oud.fase(soort).periode.eind());
                }
            }
        }
        // What moved is reported: every activiteit whose dates changed is in the list.
        for (oud, nieuw) in kaart.iter().flat_map(|o| &o.activiteiten).zip(bewerkt.routekaart.iter().flat_map(|o| &o.activiteiten)) {
            if oud.periode != nieuw.periode {
                let gemeld = Onderdeel::Activiteit { id: oud.id.clone() };
                prop_assert!(bewerkt.verschoven.iter().any(|v| v.onderdeel == gemeld), "{} not reported", oud.id);
            }
        }
    }

    #[test]
    fn applying_edits_and_then_undoing_returns_the_previous_state_exactly(
        (kaart, bewerkingen) in routekaart_strategie().prop_flat_map(|kaart| {
            let b = prop::collection::vec(bewerking_strategie(&kaart), 1..4);
            (Just(kaart), b)
        })
    ) {
        let mut k = open_zaak();
        k.status = Status::InOntwikkeling;
        k.opgave = Some(kaart[0].id.clone());
        let basis = Basis { routekaart: kaart, componenten: vec![k], applicaties: vec![zaaksysteem_x()], capaciteit: None };
        let mut scenario = Scenario { gemeente: gm("GM0344"), peildatum: d("2023-06-01"), basisversie: "1".into(), wijzigingen: Vec::new() };
        for bewerking in bewerkingen {
            let voor = scenario.werk_uit(&basis);
            scenario.wijzigingen.push(Wijziging::Tijdlijn { bewerking });
            let na = scenario.werk_uit(&basis);
            let teruggenomen = scenario.maak_ongedaan();
            prop_assert_eq!(scenario.werk_uit(&basis), voor);
            // Put it back, so the next edit builds on this one.
            scenario.wijzigingen.extend(teruggenomen);
            prop_assert_eq!(scenario.werk_uit(&basis), na);
        }
    }

    #[test]
    fn the_draft_works_out_as_the_edits_in_the_order_they_were_made_also_after_saving(
        (kaart, handelingen) in routekaart_strategie().prop_flat_map(|kaart| {
            let opgaven: Vec<crate::OpgaveId> = kaart.iter().map(|o| o.id.clone()).collect();
            let rol = prop::sample::select(vec![None, Some(Rol::Coalitiepartner), Some(Rol::EersteGebruiker)]);
            let handeling = prop_oneof![
                bewerking_strategie(&kaart).prop_map(Handeling::Stap),
                Just(Handeling::Ongedaan),
                (prop::sample::select(opgaven), rol).prop_map(|(o, r)| Handeling::Rol(o, r)),
                (0_u32..40, 0_i64..400_000).prop_map(|(fte, euro)| Handeling::Capaciteit(f64::from(fte) / 4.0, euro)),
            ];
            (Just(kaart), prop::collection::vec(handeling, 0..12))
        })
    ) {
        let mut k = open_zaak();
        k.status = Status::InOntwikkeling;
        k.opgave = Some(kaart[0].id.clone());
        let basis = Basis { routekaart: kaart, componenten: vec![k], applicaties: vec![zaaksysteem_x()], capaciteit: None };
        let (gemeente, peildatum) = (gm("GM0344"), d("2023-06-01"));
        // The edits as made, one after the other: the record the draft must amount to.
        let mut logboek = Scenario::concept(gemeente.clone(), peildatum, &basis);
        // The page: the timeline's steps, and the draft of choices.
        let mut stappen: Vec<Bewerking> = Vec::new();
        let mut concept = Scenario::concept(gemeente, peildatum, &basis);
        for handeling in handelingen {
            match handeling {
                Handeling::Stap(bewerking) => {
                    stappen.push(bewerking.clone());
                    logboek.wijzigingen.push(Wijziging::Tijdlijn { bewerking });
                }
                Handeling::Ongedaan => {
                    if stappen.pop().is_some() {
                        let laatste = logboek.wijzigingen.iter().rposition(|w| matches!(w, Wijziging::Tijdlijn { .. })).expect("a step");
                        logboek.wijzigingen.remove(laatste);
                    }
                }
                Handeling::Rol(opgave, rol) => {
                    concept.kies_rol(&basis, opgave.clone(), rol);
                    logboek.wijzigingen.push(Wijziging::Rol { opgave, rol });
                }
                Handeling::Capaciteit(fte, euro) => {
                    let capaciteit = Capaciteit::new(fte, euro).expect("in range");
                    concept.zet_capaciteit(&basis, capaciteit);
                    logboek.wijzigingen.push(Wijziging::Capaciteit { capaciteit });
                }
            }
            concept.zet_tijdlijn(&stappen);
            let getoond = concept.werk_uit(&basis);
            let verwacht = logboek.werk_uit(&basis);
            prop_assert_eq!(&getoond.basis, &verwacht.basis);
            prop_assert_eq!(&getoond.plan, &verwacht.plan);
            // Saved and read back (JSON, as the API stores it), it works out the same.
            let opgeslagen: Scenario = serde_json::from_str(&serde_json::to_string(&concept).expect("json")).expect("read back");
            prop_assert_eq!(&opgeslagen, &concept);
            prop_assert_eq!(opgeslagen.werk_uit(&basis), getoond);
        }
    }
}

/// What someone does to the draft on the Routekaart page.
#[derive(Debug, Clone)]
enum Handeling {
    Stap(Bewerking),
    Ongedaan,
    Rol(crate::OpgaveId, Option<Rol>),
    Capaciteit(f64, i64),
}
