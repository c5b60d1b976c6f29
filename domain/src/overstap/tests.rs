use super::*;
use crate::testdata::*;

fn plan_van(
    peildatum: &str,
    app: &Applicatie,
    componenten: &[Component],
    opgaven: &[Opgave],
) -> Uitkomst {
    Overstapcontext::new(d(peildatum), componenten, opgaven)
        .overstap(app, &gm("GM0344"))
        .uitkomst
}

#[test]
fn worked_example_a_switches_at_the_first_exit_point_after_ready() {
    let uitkomst = plan_van("2025-01-01", &zaaksysteem_x(), &[open_zaak()], &[]);
    assert_eq!(
        uitkomst,
        Uitkomst::Overstap {
            component: open_zaak().id,
            gereed: d("2025-10-01"),
            overstapmoment: d("2025-12-31"),
            opzeggen_voor: Some(d("2025-06-30")),
            wachttijd_dagen: 91,
            frictiekosten: 29_918,
            urgent: false,
        }
    );
}

#[test]
fn worked_example_b_skips_a_passed_notice_deadline_to_the_next_renewal() {
    let uitkomst = plan_van("2025-08-01", &zaaksysteem_x(), &[open_zaak()], &[]);
    assert_eq!(
        uitkomst,
        Uitkomst::Overstap {
            component: open_zaak().id,
            gereed: d("2026-05-01"),
            overstapmoment: d("2026-12-31"),
            opzeggen_voor: Some(d("2026-06-30")),
            wachttijd_dagen: 244,
            frictiekosten: 80_219,
            urgent: false,
        }
    );
}

#[test]
fn worked_example_c_bridges_a_contract_that_stops_before_ready() {
    let mut app = zaaksysteem_x();
    app.contract = contract("2025-06-30", 6, 0, None, 120_000);
    let uitkomst = plan_van("2025-01-01", &app, &[open_zaak()], &[]);
    assert_eq!(
        uitkomst,
        Uitkomst::Overbrugging {
            component: open_zaak().id,
            gereed: d("2025-10-01"),
            definitief_einde: d("2025-06-30"),
            overbrugging_dagen: 93,
            overbruggingskosten: 30_575,
        }
    );
}

#[test]
fn a_contract_that_already_ended_is_bridged_from_the_peildatum() {
    let mut app = zaaksysteem_x();
    app.contract = contract("2024-06-30", 0, 0, None, 365_000);
    let Uitkomst::Overbrugging {
        overbrugging_dagen,
        overbruggingskosten,
        ..
    } = plan_van("2025-01-01", &app, &[open_zaak()], &[])
    else {
        panic!("expected overbrugging");
    };
    assert_eq!(overbrugging_dagen, 273); // 2025-01-01 to 2025-10-01
    assert_eq!(overbruggingskosten, 273_000);
}

#[test]
fn an_applicatie_without_a_replacing_component_has_geen_component() {
    let app = applicatie(
        "gis",
        &["geo-informatie"],
        contract("2025-12-31", 6, 12, None, 1),
    );
    assert_eq!(
        plan_van("2025-01-01", &app, &[open_zaak()], &[]),
        Uitkomst::GeenComponent
    );
}

#[test]
fn a_component_that_is_never_available_is_no_candidate() {
    let mut idee = open_zaak();
    idee.status = Status::Idee;
    assert_eq!(
        plan_van("2025-01-01", &zaaksysteem_x(), &[idee], &[]),
        Uitkomst::GeenComponent
    );
}

#[test]
fn no_usable_exit_point_within_the_horizon_is_geen_moment() {
    // Renewal every 20 years: the next exit point after the passed one lies beyond 15 years.
    let mut app = zaaksysteem_x();
    app.contract = contract("2025-03-31", 6, 240, None, 120_000);
    assert_eq!(
        plan_van("2025-01-01", &app, &[open_zaak()], &[]),
        Uitkomst::GeenMoment {
            component: open_zaak().id,
            gereed: d("2025-10-01")
        }
    );
}

#[test]
fn switching_at_the_final_end_needs_no_notice() {
    let mut app = zaaksysteem_x();
    app.contract = contract("2025-12-31", 6, 0, None, 120_000);
    let mut snel = component("snel", "zaakregistratie");
    snel.migratie_maanden = 1;
    // The notice deadline 2025-06-30 has passed, but the final end needs none.
    let Uitkomst::Overstap {
        overstapmoment,
        opzeggen_voor,
        urgent,
        ..
    } = plan_van("2025-08-01", &app, &[snel], &[])
    else {
        panic!("expected overstap");
    };
    assert_eq!(overstapmoment, d("2025-12-31"));
    assert_eq!(opzeggen_voor, None);
    assert!(!urgent);
}

#[test]
fn a_notice_deadline_within_three_months_is_urgent() {
    let mut snel = component("snel", "zaakregistratie");
    snel.migratie_maanden = 1;
    // P = 2025-04-01: ready 2025-05-01; exit 2025-12-31 has deadline 2025-06-30 < 2025-07-01.
    let Uitkomst::Overstap {
        urgent,
        opzeggen_voor,
        ..
    } = plan_van("2025-04-01", &zaaksysteem_x(), &[snel.clone()], &[])
    else {
        panic!("expected overstap");
    };
    assert_eq!(opzeggen_voor, Some(d("2025-06-30")));
    assert!(urgent);
    // P = 2025-03-30: P + 3 months is 2025-06-30, the deadline itself, which is not
    // less than three months away: not urgent.
    let Uitkomst::Overstap { urgent, .. } = plan_van("2025-03-30", &zaaksysteem_x(), &[snel], &[])
    else {
        panic!("expected overstap");
    };
    assert!(!urgent);
}

#[test]
fn exit_points_count_from_the_end_date_and_clamp_to_the_month_end() {
    let c = contract("2024-01-31", 0, 1, None, 0);
    let punten = uitstappunten(&c, d("2024-01-01")).punten;
    assert_eq!(
        &punten[..4],
        &[
            d("2024-01-31"),
            d("2024-02-29"),
            d("2024-03-31"),
            d("2024-04-30")
        ]
    );
}

#[test]
fn exit_points_on_a_leap_day_fall_back_to_february_28_and_return_in_leap_years() {
    let c = contract("2024-02-29", 0, 12, None, 0);
    let punten = uitstappunten(&c, d("2024-01-01")).punten;
    assert_eq!(
        &punten[..5],
        &[
            d("2024-02-29"),
            d("2025-02-28"),
            d("2026-02-28"),
            d("2027-02-28"),
            d("2028-02-29")
        ]
    );
}

#[test]
fn exit_points_stop_at_the_latest_end_date_which_is_the_final_end() {
    let c = contract("2025-12-31", 6, 12, Some("2028-06-30"), 0);
    let punten = uitstappunten(&c, d("2025-01-01"));
    assert_eq!(
        punten.punten,
        vec![d("2025-12-31"), d("2026-12-31"), d("2027-12-31")]
    );
    assert_eq!(punten.definitief_einde, Some(d("2027-12-31")));
    // The final end needs no notice: usable even after its deadline.
    assert!(punten.bruikbaar(&c, d("2027-12-31"), d("2027-11-01")));
    assert!(!punten.bruikbaar(&c, d("2026-12-31"), d("2026-11-01")));
}

#[test]
fn exit_points_reach_at_most_fifteen_years_past_the_peildatum() {
    let c = contract("2025-12-31", 0, 12, None, 0);
    let punten = uitstappunten(&c, d("2025-01-01"));
    assert_eq!(punten.punten.last(), Some(&d("2039-12-31")));
    assert_eq!(punten.definitief_einde, None);
}

#[test]
fn the_earliest_ready_candidate_is_chosen() {
    let mut traag = component("a-traag", "zaakregistratie");
    traag.migratie_maanden = 12;
    let mut snel = component("b-snel", "zaakregistratie");
    snel.migratie_maanden = 2;
    let app = zaaksysteem_x();
    let uitkomst = plan_van("2025-01-01", &app, &[traag, snel], &[]);
    assert_eq!(
        uitkomst.component().map(ComponentId::as_str),
        Some("b-snel")
    );
}

#[test]
fn a_tie_between_candidates_goes_to_the_lowest_id() {
    let b = component("b-zaak", "zaakregistratie");
    let a = component("a-zaak", "zaakregistratie");
    let uitkomst = plan_van("2025-01-01", &zaaksysteem_x(), &[b, a], &[]);
    assert_eq!(
        uitkomst.component().map(ComponentId::as_str),
        Some("a-zaak")
    );
}

fn geleverd_door_opgave() -> (Component, Opgave) {
    let mut k = open_zaak();
    k.status = Status::InOntwikkeling;
    k.beschikbaar_vanaf = None;
    k.opgave = Some(OpgaveId::parse("zgw").expect("id"));
    k.verwacht_beschikbaar = Some(d("2030-01-01"));
    (
        k,
        opgave(
            "zgw",
            ("2025-01-01", "2025-12-31"),
            ("2026-03-01", "2027-06-30"),
        ),
    )
}

/// When the component of `geleverd_door_opgave` is available to Utrecht, when gemeente
/// `deelnemer` takes part in its opgave as `rol`.
fn beschikbaar_voor_utrecht(deelnemer: &str, rol: Rol) -> Beschikbaarheid {
    let (k, o) = geleverd_door_opgave();
    let o = met_deelnemer(o, deelnemer, rol);
    let ctx = Overstapcontext::new(
        d("2025-01-01"),
        std::slice::from_ref(&k),
        std::slice::from_ref(&o),
    );
    ctx.beschikbaarheid(&k, &gm("GM0344"))
}

#[test]
fn a_coalitiepartner_gets_the_component_at_the_end_of_the_ontwikkelfase() {
    assert_eq!(
        beschikbaar_voor_utrecht("GM0344", Rol::Coalitiepartner),
        Beschikbaarheid::Vanaf(d("2025-12-31"))
    );
}

#[test]
fn an_eerste_gebruiker_gets_it_at_the_start_of_the_opschalingsfase() {
    assert_eq!(
        beschikbaar_voor_utrecht("GM0344", Rol::EersteGebruiker),
        Beschikbaarheid::Vanaf(d("2026-03-01"))
    );
}

#[test]
fn a_volger_gets_it_at_the_end_of_the_opschalingsfase() {
    // Another gemeente is coalitiepartner; Utrecht itself has no rol.
    assert_eq!(
        beschikbaar_voor_utrecht("GM0363", Rol::Coalitiepartner),
        Beschikbaarheid::Vanaf(d("2027-06-30"))
    );
}

#[test]
fn without_an_opgave_the_expected_date_counts_and_without_any_date_never() {
    let (mut k, _) = geleverd_door_opgave();
    k.opgave = None;
    let ctx = Overstapcontext::new(d("2025-01-01"), &[], &[]);
    assert_eq!(
        ctx.beschikbaarheid(&k, &gm("GM0344")),
        Beschikbaarheid::Vanaf(d("2030-01-01"))
    );
    k.verwacht_beschikbaar = None;
    assert_eq!(
        ctx.beschikbaarheid(&k, &gm("GM0344")),
        Beschikbaarheid::Nooit
    );
}

#[test]
fn an_available_component_without_a_date_is_available_now_and_phased_out_never() {
    let mut k = open_zaak();
    k.beschikbaar_vanaf = None;
    let ctx = Overstapcontext::new(d("2025-01-01"), &[], &[]);
    assert_eq!(ctx.beschikbaarheid(&k, &gm("GM0344")), Beschikbaarheid::Nu);
    assert_eq!(ctx.gereed(&k, &gm("GM0344")), Some(d("2025-10-01")));
    k.status = Status::Uitgefaseerd;
    assert_eq!(
        ctx.beschikbaarheid(&k, &gm("GM0344")),
        Beschikbaarheid::Nooit
    );
}

#[test]
fn ready_counts_from_the_later_of_available_and_peildatum() {
    let mut k = open_zaak();
    k.beschikbaar_vanaf = Some(d("2026-01-31"));
    k.migratie_maanden = 1;
    let ctx = Overstapcontext::new(d("2025-01-01"), &[], &[]);
    assert_eq!(ctx.gereed(&k, &gm("GM0344")), Some(d("2026-02-28")));
}

#[test]
fn the_outcome_serialises_flat_with_its_kind() {
    let overstap = Overstapcontext::new(d("2025-01-01"), &[open_zaak()], &[])
        .overstap(&zaaksysteem_x(), &gm("GM0344"));
    let json = serde_json::to_value(&overstap).expect("json");
    assert_eq!(json["uitkomst"], "overstap");
    assert_eq!(json["overstapmoment"], "2025-12-31");
    assert_eq!(json["opzeggenVoor"], "2025-06-30");
    assert_eq!(json["wachttijdDagen"], 91);
    assert_eq!(json["frictiekosten"], 29_918);
    assert_eq!(json["applicatie"], "zaaksysteem-x");
}

#[test]
fn the_einddatum_is_an_exit_point_whatever_the_renewal_and_months_stop_at_1200() {
    let eind = d("2026-12-31");
    let lang = Contract::new(None, eind, 6, 1_200, None, 1_000).expect("1 200 months is allowed");
    let punten = uitstappunten(&lang, d("2026-01-01"));
    assert_eq!(
        punten.punten,
        [eind],
        "E itself, the next one lies 100 years later"
    );
    assert_eq!(
        eerste_bruikbare(&lang, d("2026-01-01"), d("2026-01-01")),
        Some(eind)
    );
    for (opzeg, verlenging, veld) in [
        (0, 1_201, "verlengingMaanden"),
        (4_000_000_000, 0, "opzegtermijnMaanden"),
    ] {
        match Contract::new(None, eind, opzeg, verlenging, None, 0) {
            Err(crate::landschap::ContractFout::TeVeelMaanden { veld: v, reden }) => {
                assert_eq!(v, veld);
                assert!(reden.contains("hoogstens 1200"), "{reden}");
            }
            anders => panic!("expected too many months, got {anders:?}"),
        }
    }
}
