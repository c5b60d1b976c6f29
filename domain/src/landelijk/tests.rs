use super::*;
use crate::testdata::*;

/// Gemeente `code` with one zaaksysteem whose contract ends on `eind` (yearly renewal).
fn landschap(code: &str, eind: &str) -> (GemeenteCode, Vec<Applicatie>) {
    let mut app = zaaksysteem_x();
    app.gemeente = gm(code);
    app.contract = contract(eind, 1, 12, None, 100_000);
    (gm(code), vec![app])
}

fn telling(landschappen: &[(GemeenteCode, Vec<Applicatie>)]) -> Landelijketelling {
    let componenten = [open_zaak()];
    let ctx = crate::Overstapcontext::new(d("2025-01-01"), &componenten, &[]);
    let mut telling = Landelijketelling::new(d("2025-01-01"));
    for (g, a) in landschappen {
        telling.tel(&ctx, &crate::overstapplan(&ctx, g, a, None), a);
    }
    telling
}

fn beeld(landschappen: &[(GemeenteCode, Vec<Applicatie>)], drempel: usize) -> LandelijkBeeld {
    telling(landschappen).beeld(drempel, |_| true)
}

fn code(n: usize) -> String {
    format!("GM{n:04}")
}

#[test]
fn each_component_counts_gemeenten_applicaties_and_fees_per_quarter() {
    // Ready 2025-10-01 for all; ends in Q4 2025 (3 gemeenten) and Q1 2026 (1).
    let mut alle: Vec<_> = (1..=3).map(|n| landschap(&code(n), "2025-12-31")).collect();
    alle.push(landschap(&code(4), "2026-03-31"));
    let b = beeld(&alle, 2);
    let reeks = &b.componenten[0];
    assert_eq!(reeks.component.as_str(), "open-zaak");
    assert_eq!(reeks.naam, "Open Zaak");
    let q: Vec<(String, usize, usize, Option<i64>)> = reeks
        .kwartalen
        .iter()
        .map(|c| {
            (
                c.kwartaal.to_string(),
                c.gemeenten,
                c.applicaties,
                c.jaarlijkse_kosten,
            )
        })
        .collect();
    assert_eq!(
        q,
        [
            ("2025-Q4".into(), 3, 3, Some(300_000)),
            // One gemeente's fees would be its contract value: not shown.
            ("2026-Q1".into(), 1, 1, None)
        ]
    );
}

#[test]
fn a_quarter_is_kansrijk_at_the_threshold_when_no_neighbour_is_higher() {
    let mut alle: Vec<_> = (1..=5).map(|n| landschap(&code(n), "2025-12-31")).collect();
    alle.extend((6..=11).map(|n| landschap(&code(n), "2026-03-31")));
    alle.extend((12..=16).map(|n| landschap(&code(n), "2026-06-30")));
    let b = beeld(&alle, 5);
    let kansrijk: Vec<(String, bool)> = b.componenten[0]
        .kwartalen
        .iter()
        .map(|c| (c.kwartaal.to_string(), c.kansrijk))
        .collect();
    // 5, 6, 5: only the peak is kansrijk, though all three reach the threshold.
    assert_eq!(
        kansrijk,
        [
            ("2025-Q4".into(), false),
            ("2026-Q1".into(), true),
            ("2026-Q2".into(), false)
        ]
    );
    let cohort = b.componenten[0].kwartalen[1]
        .cohort
        .as_ref()
        .expect("cohort");
    assert_eq!((cohort.genoemd.len(), cohort.niet_genoemd), (6, 0));
    assert!(b.componenten[0].kwartalen[0].cohort.is_none());
}

#[test]
fn below_the_threshold_nothing_is_kansrijk_and_plateaus_count() {
    let twee: Vec<_> = (1..=2).map(|n| landschap(&code(n), "2025-12-31")).collect();
    assert!(!beeld(&twee, 5).componenten[0].kwartalen[0].kansrijk);
    let mut plateau: Vec<_> = (1..=5).map(|n| landschap(&code(n), "2025-12-31")).collect();
    plateau.extend((6..=10).map(|n| landschap(&code(n), "2026-03-31")));
    assert!(
        beeld(&plateau, 5).componenten[0]
            .kwartalen
            .iter()
            .all(|c| c.kansrijk)
    );
}

#[test]
fn a_gemeente_is_counted_once_per_quarter_however_many_applicaties() {
    let (g, mut apps) = landschap(&code(1), "2025-12-31");
    let mut tweede = apps[0].clone();
    tweede.id = crate::ApplicatieId::parse("tweede").expect("id");
    tweede.gebruikers = Some(20);
    // Both fulfil zaakregistratie: the one with fewer users is overbodig and not counted.
    apps.push(tweede);
    let b = beeld(&[(g, apps)], 1);
    let cel = &b.componenten[0].kwartalen[0];
    assert_eq!((cel.gemeenten, cel.applicaties), (1, 1));
    assert_eq!(
        b.overbodig,
        Afschafpotentieel {
            applicaties: 1,
            gemeenten: 1,
            jaarlijkse_kosten: None
        }
    );
}

#[test]
fn unused_applicaties_are_counted_nationally() {
    let (g1, mut a1) = landschap(&code(1), "2025-12-31");
    a1[0].in_gebruik = false;
    let (g2, mut a2) = landschap(&code(2), "2025-12-31");
    a2[0].gebruikers = Some(0);
    let b = beeld(&[(g1, a1), (g2, a2)], 1);
    assert_eq!(
        b.ongebruikt,
        Afschafpotentieel {
            applicaties: 2,
            gemeenten: 2,
            jaarlijkse_kosten: None
        }
    );
    assert!(
        b.componenten.is_empty(),
        "dropped applicaties do not switch"
    );
}

#[test]
fn national_fees_of_unused_applicaties_show_from_three_gemeenten() {
    let alle: Vec<_> = (1..=3)
        .map(|n| {
            let (g, mut a) = landschap(&code(n), "2025-12-31");
            a[0].in_gebruik = false;
            (g, a)
        })
        .collect();
    assert_eq!(beeld(&alle, 5).ongebruikt.jaarlijkse_kosten, Some(300_000));
}

#[test]
fn a_cohort_names_only_the_gemeenten_that_chose_to_be_named() {
    let alle: Vec<_> = (1..=6).map(|n| landschap(&code(n), "2025-12-31")).collect();
    let deelt = [gm(&code(2)), gm(&code(5))];
    let b = telling(&alle).beeld(5, |g| deelt.contains(g));
    let cohort = b.componenten[0].kwartalen[0]
        .cohort
        .as_ref()
        .expect("kansrijk");
    let genoemd: Vec<&str> = cohort.genoemd.iter().map(|l| l.gemeente.as_str()).collect();
    assert_eq!(genoemd, ["GM0002", "GM0005"]);
    assert_eq!(cohort.niet_genoemd, 4);
    let json = serde_json::to_string(&b).expect("json");
    for n in [1, 3, 4, 6] {
        assert!(!json.contains(&code(n)), "{} is named: {json}", code(n));
    }
}

#[test]
fn a_cohort_gives_each_gemeentes_earliest_notice_deadline_and_the_span() {
    // Notice 1 month before 2025-12-31 for GM0001..4; GM0005 has a 3-month notice.
    let mut alle: Vec<_> = (1..=4).map(|n| landschap(&code(n), "2025-12-31")).collect();
    let (g5, mut a5) = landschap(&code(5), "2025-12-31");
    a5[0].contract = contract("2025-12-31", 3, 12, None, 100_000);
    alle.push((g5, a5));
    let b = beeld(&alle, 5);
    let cohort = b.componenten[0].kwartalen[0]
        .cohort
        .as_ref()
        .expect("kansrijk");
    assert_eq!(cohort.genoemd[0].opzeggen_voor, Some(d("2025-11-30")));
    assert_eq!(cohort.genoemd[4].opzeggen_voor, Some(d("2025-09-30")));
    assert_eq!(cohort.eerste_opzegdatum, Some(d("2025-09-30")));
    assert_eq!(cohort.laatste_opzegdatum, Some(d("2025-11-30")));
}

#[test]
fn the_drempel_defaults_to_five_and_refuses_what_is_not_a_count() {
    assert_eq!(lees_drempel(None), Ok(STANDAARD_DREMPEL));
    assert_eq!(lees_drempel(Some("")), Ok(STANDAARD_DREMPEL));
    assert_eq!(lees_drempel(Some(" 3 ")), Ok(3));
    assert!(lees_drempel(Some("0")).is_err());
    assert_eq!(
        lees_drempel(Some("veel")),
        Err("'veel' is geen heel getal van 1 of meer".to_owned())
    );
}

/// Gemeenten with contracts ending in different quarters, some with an unused second
/// applicatie, so that cells, cohorts and drops all have several gemeenten.
fn gevarieerd() -> Vec<(GemeenteCode, Vec<Applicatie>)> {
    (1..=12)
        .map(|n| {
            let eind = ["2025-03-31", "2025-06-30", "2025-12-31"][n % 3];
            let (g, mut apps) = landschap(&code(n), eind);
            if n % 4 == 0 {
                let mut ongebruikt = zaaksysteem_x();
                ongebruikt.id = crate::ApplicatieId::parse("oud").expect("id");
                ongebruikt.gemeente = g.clone();
                ongebruikt.in_gebruik = false;
                ongebruikt.contract = contract("2025-09-30", 1, 12, None, 5_000);
                apps.push(ongebruikt);
            }
            (g, apps)
        })
        .collect()
}

#[test]
fn a_part_made_without_the_whole_plan_counts_as_the_plan() {
    let landschappen = gevarieerd();
    let componenten = [open_zaak()];
    let ctx = crate::Overstapcontext::new(d("2025-01-01"), &componenten, &[]);
    let mut telling = Landelijketelling::new(d("2025-01-01"));
    for (g, a) in &landschappen {
        telling.voeg_toe(&ctx, &Gemeentebijdrage::van(&ctx, g, a));
    }
    let verwacht = beeld(&landschappen, 2);
    assert!(verwacht.ongebruikt.applicaties > 0 && !verwacht.componenten.is_empty());
    assert_eq!(telling.beeld(2, |_| true), verwacht);
}

#[test]
fn replacing_one_gemeentes_part_equals_counting_all_again() {
    let mut landschappen = gevarieerd();
    let componenten = [open_zaak()];
    let ctx = crate::Overstapcontext::new(d("2025-01-01"), &componenten, &[]);
    let delen = |l: &[(GemeenteCode, Vec<Applicatie>)]| -> Vec<Gemeentebijdrage> {
        l.iter()
            .map(|(g, a)| Gemeentebijdrage::van(&ctx, g, a))
            .collect()
    };
    let oud = delen(&landschappen);
    let mut telling = Landelijketelling::new(d("2025-01-01"));
    for deel in &oud {
        telling.voeg_toe(&ctx, deel);
    }
    // Gemeente 4 moves its contract to another quarter and drops its unused applicatie;
    // gemeente 5 empties its landscape.
    landschappen[3] = landschap(&code(4), "2026-03-31");
    landschappen[4].1.clear();
    let nieuw = delen(&landschappen);
    for i in [3, 4] {
        telling.trek_af(&oud[i]);
        telling.voeg_toe(&ctx, &nieuw[i]);
    }
    let verwacht = beeld(&landschappen, 2);
    assert_eq!(verwacht.gemeenten_met_landschap, 11);
    assert_eq!(telling.beeld(2, |_| true), verwacht);
    // Taking every part out leaves nothing behind.
    for deel in &nieuw {
        telling.trek_af(deel);
    }
    assert_eq!(telling.beeld(2, |_| true), beeld(&[], 2));
}

#[test]
fn after_a_routekaart_edit_a_gemeente_with_the_same_ready_dates_has_the_same_part() {
    // A component in development, delivered by opgave "zaken"; gemeente 1 builds it with
    // the coalitie, gemeente 2 is an eerste gebruiker, the others wait for opschaling.
    let mut ontwikkeld = component("zaken-nieuw", "zaakregistratie");
    ontwikkeld.status = crate::Status::InOntwikkeling;
    ontwikkeld.opgave = Some(crate::OpgaveId::parse("zaken").expect("id"));
    ontwikkeld.beschikbaar_vanaf = None;
    ontwikkeld.migratie_maanden = 3;
    let componenten = [ontwikkeld];
    let opgave = |ontwikkel_eind: &str, opschaling_start: &str| {
        let o = opgave(
            "zaken",
            ("2025-01-01", ontwikkel_eind),
            (opschaling_start, "2026-12-31"),
        );
        let o = met_deelnemer(o, &code(1), crate::Rol::Coalitiepartner);
        met_deelnemer(o, &code(2), crate::Rol::EersteGebruiker)
    };
    let peildatum = d("2025-01-01");
    let voor = [opgave("2025-06-30", "2026-07-01")];
    let na = [opgave("2026-06-30", "2026-07-01")];
    let oud = crate::Overstapcontext::new(peildatum, &componenten, &voor);
    let nieuw = crate::Overstapcontext::new(peildatum, &componenten, &na);
    assert!(nieuw.zelfde_grond(&oud));
    let landschappen = gevarieerd();
    let mut opnieuw = Vec::new();
    for (g, a) in &landschappen {
        let (was, wordt) = (
            Gemeentebijdrage::van(&oud, g, a),
            Gemeentebijdrage::van(&nieuw, g, a),
        );
        if nieuw.zelfde_voor(&oud, g) {
            assert_eq!(was, wordt, "{g}");
        } else {
            opnieuw.push(g.clone());
            assert_ne!(was, wordt, "{g}: its overstap moves with the ontwikkelfase");
        }
    }
    // Only the coalitiepartner's ready date follows the end of the ontwikkelfase.
    assert_eq!(opnieuw, [gm(&code(1))]);
    // Another catalogue, or an opgave gone, is other ground: every gemeente again.
    assert!(!crate::Overstapcontext::new(peildatum, &componenten, &[]).zelfde_grond(&oud));
    assert!(!crate::Overstapcontext::new(d("2025-01-02"), &componenten, &voor).zelfde_grond(&oud));
    let anders = [open_zaak()];
    assert!(!crate::Overstapcontext::new(peildatum, &anders, &voor).zelfde_grond(&oud));
}
