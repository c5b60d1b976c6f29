use super::*;
use crate::testdata::*;

/// Gemeente `code` with one zaaksysteem whose contract ends on `eind` (yearly renewal).
fn landschap(code: &str, eind: &str) -> (GemeenteCode, Vec<Applicatie>) {
    let mut app = zaaksysteem_x();
    app.gemeente = gm(code);
    app.contract = contract(eind, 1, 12, None, 100_000);
    (gm(code), vec![app])
}

fn beeld(landschappen: &[(GemeenteCode, Vec<Applicatie>)], drempel: usize) -> LandelijkBeeld {
    let componenten = [open_zaak()];
    let ctx = crate::Overstapcontext::new(d("2025-01-01"), &componenten, &[]);
    let plannen: Vec<_> = landschappen
        .iter()
        .map(|(g, a)| crate::overstapplan(&ctx, g, a, None))
        .collect();
    landelijk_beeld(
        plannen
            .iter()
            .zip(landschappen.iter().map(|(_, a)| a.as_slice())),
        drempel,
    )
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
    let q: Vec<(String, usize, usize, i64)> = reeks
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
            ("2025-Q4".into(), 3, 3, 300_000),
            ("2026-Q1".into(), 1, 1, 100_000)
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
    assert_eq!(b.componenten[0].kwartalen[1].cohort.len(), 6);
    assert!(b.componenten[0].kwartalen[0].cohort.is_empty());
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
            jaarlijkse_kosten: 100_000
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
            jaarlijkse_kosten: 200_000
        }
    );
    assert!(
        b.componenten.is_empty(),
        "dropped applicaties do not switch"
    );
}
