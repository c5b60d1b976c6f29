use super::*;
use crate::overstap::Uitkomst;
use crate::routekaart::FaseSoort;
use crate::testdata::*;

/// A gemeente with Zaaksysteem X, and Open Zaak delivered by opgave "zgw" (in development).
fn basis() -> Basis {
    let mut k = open_zaak();
    k.status = Status::InOntwikkeling;
    k.beschikbaar_vanaf = None;
    k.migratie_maanden = 3;
    k.opgave = Some(OpgaveId::parse("zgw").expect("id"));
    let mut zgw = opgave(
        "zgw",
        ("2025-01-01", "2025-06-30"),
        ("2025-07-01", "2027-06-30"),
    );
    zgw.activiteiten = vec![
        activiteit(
            "bouw",
            FaseSoort::Ontwikkelfase,
            "2025-01-01",
            "2025-06-30",
            &[],
        ),
        activiteit(
            "uitrol",
            FaseSoort::Opschalingsfase,
            "2025-07-01",
            "2027-06-30",
            &["bouw"],
        ),
    ];
    zgw.bijdrage.coalitiepartner = crate::routekaart::Bijdrage {
        fte_per_kwartaal: 1.0,
        euro: 50_000,
    };
    Basis {
        routekaart: vec![zgw],
        componenten: vec![k],
        applicaties: vec![zaaksysteem_x()],
        capaciteit: None,
    }
}

fn scenario(wijzigingen: Vec<Wijziging>) -> Scenario {
    Scenario {
        gemeente: gm("GM0344"),
        peildatum: d("2025-01-01"),
        basisversie: "1".into(),
        wijzigingen,
    }
}

fn zgw() -> OpgaveId {
    OpgaveId::parse("zgw").expect("id")
}

fn moment(u: &Uitwerking) -> Option<NaiveDate> {
    u.plan.applicaties[0].uitkomst.overstapmoment()
}

#[test]
fn joining_as_coalitiepartner_brings_the_overstapmoment_forward_and_adds_bijdragen() {
    let volger = scenario(vec![]).werk_uit(&basis());
    // Volger: available 2027-06-30, ready 2027-09-30 → exit 2027-12-31.
    assert_eq!(moment(&volger), Some(d("2027-12-31")));
    let partner = scenario(vec![Wijziging::Rol {
        opgave: zgw(),
        rol: Some(Rol::Coalitiepartner),
    }])
    .werk_uit(&basis());
    // Coalitiepartner: available 2025-06-30, ready 2025-09-30 → exit 2025-12-31.
    assert_eq!(moment(&partner), Some(d("2025-12-31")));
    assert_eq!(partner.plan.bijdragen_per_jaar[0].euro, 50_000);
    let vergelijking = vergelijk(&volger.plan, &partner.plan);
    assert_eq!(vergelijking.overstapmomenten[0].verschil_dagen, Some(-730));
    assert_eq!(
        vergelijking.bijdragen[0],
        JaarVergelijking {
            jaar: 2025,
            a: 0,
            b: 50_000
        }
    );
}

#[test]
fn leaving_an_opgave_removes_the_rol() {
    let s = scenario(vec![
        Wijziging::Rol {
            opgave: zgw(),
            rol: Some(Rol::EersteGebruiker),
        },
        Wijziging::Rol {
            opgave: zgw(),
            rol: None,
        },
    ]);
    let u = s.werk_uit(&basis());
    assert!(u.basis.routekaart[0].deelnemers.is_empty());
    assert_eq!(moment(&u), Some(d("2027-12-31")));
}

#[test]
fn a_timeline_edit_moves_availability_and_so_the_overstapmoment() {
    let bewerking = crate::tijdlijn::Bewerking::VerplaatsFase {
        opgave: zgw(),
        fase: FaseSoort::Opschalingsfase,
        start: d("2025-09-01"),
    };
    let s = scenario(vec![Wijziging::Tijdlijn { bewerking }]);
    let u = s.werk_uit(&basis());
    assert_eq!(
        u.basis.routekaart[0].opschalingsfase.periode.eind(),
        d("2027-08-31")
    );
    assert_eq!(
        moment(&u),
        Some(d("2027-12-31")),
        "ready 2027-11-30 is still before the exit point"
    );
    assert!(
        u.verschoven
            .iter()
            .any(|v| v.onderdeel.to_string() == "zgw/opschalingsfase")
    );
}

#[test]
fn setting_availability_capaciteit_and_a_contract_decision_all_apply() {
    let s = scenario(vec![
        Wijziging::Beschikbaarheid {
            component: open_zaak().id,
            datum: d("2025-02-01"),
        },
        Wijziging::Capaciteit {
            capaciteit: Capaciteit {
                fte_per_kwartaal: 0.5,
                budget_per_jaar: 10,
            },
        },
        Wijziging::Contract {
            applicatie: zaaksysteem_x().id,
            keuze: ContractKeuze::VerlengenTot(d("2026-03-31")),
        },
    ]);
    let u = s.werk_uit(&basis());
    assert!(u.conflicten.is_empty(), "{:?}", u.conflicten);
    // Available 2025-02-01, ready 2025-05-01; the contract now simply ends 2026-03-31.
    assert!(matches!(
        &u.plan.applicaties[0].uitkomst,
        Uitkomst::Overstap { overstapmoment, opzeggen_voor: None, .. } if *overstapmoment == d("2026-03-31")
    ));
    assert_eq!(u.basis.capaciteit.map(|c| c.budget_per_jaar), Some(10));
}

#[test]
fn a_bad_edit_is_refused_when_added_and_nothing_changes() {
    let mut s = scenario(vec![]);
    let u = s.werk_uit(&basis());
    let fout = s
        .voeg_toe(
            &u,
            Wijziging::Contract {
                applicatie: zaaksysteem_x().id,
                keuze: ContractKeuze::VerlengenTot(d("2025-01-31")),
            },
        )
        .unwrap_err();
    assert!(matches!(fout, WijzigingFout::GeenVerlenging { .. }));
    assert!(s.wijzigingen.is_empty());
    assert!(
        s.voeg_toe(
            &u,
            Wijziging::Capaciteit {
                capaciteit: Capaciteit {
                    fte_per_kwartaal: -1.0,
                    budget_per_jaar: 0
                }
            }
        )
        .is_err()
    );
    assert!(
        s.voeg_toe(
            &u,
            Wijziging::Rol {
                opgave: zgw(),
                rol: Some(Rol::Coalitiepartner)
            }
        )
        .is_ok()
    );
    assert_eq!(s.wijzigingen.len(), 1);
}

#[test]
fn undo_drops_the_last_edit_and_returns_the_previous_outcome_exactly() {
    let mut s = scenario(vec![Wijziging::Rol {
        opgave: zgw(),
        rol: Some(Rol::EersteGebruiker),
    }]);
    let voor = s.werk_uit(&basis());
    s.wijzigingen.push(Wijziging::Rol {
        opgave: zgw(),
        rol: Some(Rol::Coalitiepartner),
    });
    assert_ne!(s.werk_uit(&basis()), voor);
    assert_eq!(
        s.maak_ongedaan(),
        Some(Wijziging::Rol {
            opgave: zgw(),
            rol: Some(Rol::Coalitiepartner)
        })
    );
    assert_eq!(s.werk_uit(&basis()), voor);
}

#[test]
fn replay_on_a_changed_base_keeps_skips_and_reports_an_edit_whose_item_is_gone() {
    let s = scenario(vec![
        Wijziging::Tijdlijn {
            bewerking: crate::tijdlijn::Bewerking::Verplaats {
                activiteit: crate::ActiviteitId::parse("bouw").expect("id"),
                start: d("2025-02-01"),
            },
        },
        Wijziging::Rol {
            opgave: zgw(),
            rol: Some(Rol::Coalitiepartner),
        },
    ]);
    let mut nieuwe_basis = basis();
    // The base changed: activiteit "bouw" was deleted.
    nieuwe_basis.routekaart[0]
        .activiteiten
        .retain(|a| a.id.as_str() != "bouw");
    nieuwe_basis.routekaart[0].activiteiten[0]
        .afhankelijk_van
        .clear();
    let u = s.werk_uit(&nieuwe_basis);
    assert_eq!(u.conflicten.len(), 1);
    assert_eq!(u.conflicten[0].index, 0);
    assert_eq!(u.conflicten[0].reden, "er is geen activiteit 'bouw'");
    assert_eq!(s.wijzigingen.len(), 2, "the edit is kept");
    assert_eq!(
        u.basis.routekaart[0].rol_van(&gm("GM0344")),
        Some(Rol::Coalitiepartner),
        "the rest applies"
    );
}

#[test]
fn a_scenario_round_trips_through_json() {
    let s = scenario(vec![
        Wijziging::Rol {
            opgave: zgw(),
            rol: Some(Rol::EersteGebruiker),
        },
        Wijziging::Contract {
            applicatie: zaaksysteem_x().id,
            keuze: ContractKeuze::BeeindigenOp(d("2026-01-31")),
        },
    ]);
    let json = serde_json::to_string(&s).expect("json");
    assert!(
        json.contains(r#""soort":"rol""#) && json.contains(r#""keuze":"beeindigen_op""#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Scenario>(&json).expect("back"), s);
}

#[test]
fn every_kind_of_wijziging_reads_back_what_it_writes_and_a_missing_field_is_named() {
    use crate::tijdlijn::Onderdeel;

    let bouw = crate::id::ActiviteitId::parse("bouw").expect("id");
    let wijzigingen = vec![
        Wijziging::Rol {
            opgave: zgw(),
            rol: Some(Rol::Coalitiepartner),
        },
        Wijziging::Rol {
            opgave: zgw(),
            rol: None,
        },
        Wijziging::Tijdlijn {
            bewerking: Bewerking::Verplaats {
                activiteit: bouw.clone(),
                start: d("2025-02-01"),
            },
        },
        Wijziging::Tijdlijn {
            bewerking: Bewerking::Rek {
                activiteit: bouw.clone(),
                start: None,
                eind: Some(d("2025-08-31")),
            },
        },
        Wijziging::Tijdlijn {
            bewerking: Bewerking::VerplaatsFase {
                opgave: zgw(),
                fase: FaseSoort::Opschalingsfase,
                start: d("2025-09-01"),
            },
        },
        Wijziging::Beschikbaarheid {
            component: open_zaak().id,
            datum: d("2026-01-01"),
        },
        Wijziging::Capaciteit {
            capaciteit: Capaciteit {
                fte_per_kwartaal: 1.5,
                budget_per_jaar: 100_000,
            },
        },
        Wijziging::Contract {
            applicatie: zaaksysteem_x().id,
            keuze: ContractKeuze::VerlengenTot(d("2027-12-31")),
        },
    ];
    let json = serde_json::to_string(&wijzigingen).expect("json");
    assert_eq!(
        serde_json::from_str::<Vec<Wijziging>>(&json).expect("back"),
        wijzigingen
    );
    for onderdeel in [
        Onderdeel::Activiteit { id: bouw },
        Onderdeel::Fase {
            opgave: zgw(),
            fase: FaseSoort::Ontwikkelfase,
        },
    ] {
        let json = serde_json::to_string(&onderdeel).expect("json");
        assert_eq!(
            serde_json::from_str::<Onderdeel>(&json).expect("back"),
            onderdeel
        );
    }

    let fout = |json: &str| {
        serde_json::from_str::<Wijziging>(json)
            .expect_err(json)
            .to_string()
    };
    let zonder_activiteit =
        r#"{"soort":"tijdlijn","bewerking":{"soort":"verplaats","start":"2025-02-01"}}"#;
    assert!(
        fout(zonder_activiteit).starts_with("missing field `activiteit`"),
        "{}",
        fout(zonder_activiteit)
    );
    let zonder_keuze = r#"{"soort":"contract","applicatie":"zaaksysteem-x"}"#;
    assert!(
        fout(zonder_keuze).starts_with("missing field `keuze`"),
        "{}",
        fout(zonder_keuze)
    );
    assert!(fout(r#"{"opgave":"zgw"}"#).starts_with("missing field `soort`"));
    assert!(
        fout(r#"{"soort":"vliegen"}"#).starts_with(
            "unknown variant `vliegen`, expected one of `rol`, `tijdlijn`, `beschikbaarheid`, `capaciteit`, `contract`"
        ),
        "{}",
        fout(r#"{"soort":"vliegen"}"#)
    );
}

#[test]
fn a_draft_keeps_one_edit_per_choice_and_the_timeline_steps_first() {
    let basis = basis();
    let mut concept = Scenario::concept(gm("GM0344"), d("2025-01-01"), &basis);
    assert_eq!(concept.basisversie, basisversie(&basis.routekaart));
    assert_eq!(
        concept.werk_uit(&basis).plan,
        scenario(vec![]).werk_uit(&basis).plan
    );

    concept.kies_rol(&basis, zgw(), Some(Rol::EersteGebruiker));
    concept.kies_rol(&basis, zgw(), Some(Rol::Coalitiepartner));
    let capaciteit = Capaciteit::new(2.0, 90_000).expect("valid");
    concept.zet_capaciteit(&basis, Capaciteit::new(1.0, 1).expect("valid"));
    concept.zet_capaciteit(&basis, capaciteit);
    let stap = Bewerking::Verplaats {
        activiteit: crate::ActiviteitId::parse("bouw").expect("id"),
        start: d("2025-02-01"),
    };
    concept.zet_tijdlijn(std::slice::from_ref(&stap));
    assert_eq!(
        concept.wijzigingen,
        vec![
            Wijziging::Tijdlijn {
                bewerking: stap.clone()
            },
            Wijziging::Rol {
                opgave: zgw(),
                rol: Some(Rol::Coalitiepartner)
            },
            Wijziging::Capaciteit { capaciteit },
        ]
    );
    // Undoing the step on the timeline drops it from the draft; the choices stay.
    concept.zet_tijdlijn(&[]);
    assert_eq!(concept.wijzigingen.len(), 2);
    // Choosing the published rol (none) again, or the capaciteit on record, is no edit.
    concept.kies_rol(&basis, zgw(), None);
    let mut met_capaciteit = basis.clone();
    met_capaciteit.capaciteit = Some(capaciteit);
    concept.zet_capaciteit(&met_capaciteit, capaciteit);
    assert!(concept.wijzigingen.is_empty());
}
