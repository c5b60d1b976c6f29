use super::*;
use crate::testdata::*;

fn met_gebruikers(mut app: Applicatie, gebruikers: Option<u32>, kosten: i64) -> Applicatie {
    app.gebruikers = gebruikers;
    app.contract = contract("2025-12-31", 3, 12, None, kosten);
    app
}

fn ids(lijst: &[Afschaffing], reden: Reden) -> Vec<&str> {
    lijst
        .iter()
        .filter(|a| a.reden == reden)
        .map(|a| a.applicatie.as_str())
        .collect()
}

#[test]
fn an_applicatie_not_in_use_or_without_users_is_ongebruikt() {
    let mut uit = applicatie("uit", &["x"], contract("2025-12-31", 3, 12, None, 100));
    uit.in_gebruik = false;
    let mut leeg = applicatie("leeg", &["y"], contract("2025-12-31", 3, 12, None, 100));
    leeg.gebruikers = Some(0);
    let lijst = afschaffingen(
        &[
            uit,
            leeg,
            applicatie("vol", &["z"], contract("2025-12-31", 3, 12, None, 1)),
        ],
        d("2025-01-01"),
    );
    assert_eq!(ids(&lijst, Reden::Ongebruikt), ["uit", "leeg"]);
    assert!(ids(&lijst, Reden::Overbodig).is_empty());
}

#[test]
fn of_two_applicaties_with_the_same_function_the_one_with_fewer_users_goes() {
    let a = met_gebruikers(
        applicatie("a", &["x"], contract("2025-12-31", 3, 12, None, 1)),
        Some(5),
        100,
    );
    let b = met_gebruikers(
        applicatie("b", &["x"], contract("2025-12-31", 3, 12, None, 1)),
        Some(50),
        100,
    );
    let lijst = afschaffingen(&[b, a], d("2025-01-01"));
    assert_eq!(ids(&lijst, Reden::Overbodig), ["a"]);
    assert_eq!(
        lijst[0].overgenomen_door,
        vec![Overname {
            referentiecomponent: r("x"),
            door: ApplicatieId::parse("b").expect("id")
        }]
    );
}

#[test]
fn unknown_users_count_as_zero_and_equal_users_drop_the_most_expensive_first() {
    let onbekend = met_gebruikers(
        applicatie("onbekend", &["x"], contract("2025-12-31", 3, 12, None, 1)),
        None,
        10,
    );
    let een = met_gebruikers(
        applicatie("een", &["x"], contract("2025-12-31", 3, 12, None, 1)),
        Some(1),
        10,
    );
    assert_eq!(
        ids(
            &afschaffingen(&[een.clone(), onbekend], d("2025-01-01")),
            Reden::Overbodig
        ),
        ["onbekend"]
    );

    let duur = met_gebruikers(
        applicatie("duur", &["x"], contract("2025-12-31", 3, 12, None, 1)),
        Some(1),
        900,
    );
    assert_eq!(
        ids(
            &afschaffingen(&[een, duur], d("2025-01-01")),
            Reden::Overbodig
        ),
        ["duur"]
    );
}

#[test]
fn the_greedy_walk_never_drops_the_last_applicatie_of_a_function() {
    // Walk order a (1 user), b (2), c (3). a goes (x also in b); b stays (x would be
    // left to nobody); c goes (y also in b).
    let a = met_gebruikers(
        applicatie("a", &["x"], contract("2025-12-31", 3, 12, None, 1)),
        Some(1),
        10,
    );
    let b = met_gebruikers(
        applicatie("b", &["x", "y"], contract("2025-12-31", 3, 12, None, 1)),
        Some(2),
        10,
    );
    let c = met_gebruikers(
        applicatie("c", &["y"], contract("2025-12-31", 3, 12, None, 1)),
        Some(3),
        10,
    );
    let lijst = afschaffingen(&[c, b, a], d("2025-01-01"));
    assert_eq!(ids(&lijst, Reden::Overbodig), ["a", "c"]);
    for afschaffing in &lijst {
        assert_eq!(
            afschaffing.overgenomen_door[0].door.as_str(),
            "b",
            "{}",
            afschaffing.applicatie
        );
    }
}

#[test]
fn the_keeper_named_is_one_that_stays_even_when_a_later_one_also_goes() {
    // a, b and c all fulfil x; a and b go, c keeps x for both.
    let maak = |id: &str, n: u32| {
        met_gebruikers(
            applicatie(id, &["x"], contract("2025-12-31", 3, 12, None, 1)),
            Some(n),
            10,
        )
    };
    let lijst = afschaffingen(&[maak("a", 1), maak("b", 2), maak("c", 3)], d("2025-01-01"));
    assert_eq!(ids(&lijst, Reden::Overbodig), ["a", "b"]);
    assert!(
        lijst
            .iter()
            .all(|a| a.overgenomen_door[0].door.as_str() == "c")
    );
}

#[test]
fn an_applicatie_without_referentiecomponenten_is_never_overbodig() {
    let onbekend = met_gebruikers(
        applicatie("onbekend", &[], contract("2025-12-31", 3, 12, None, 1)),
        Some(1),
        10,
    );
    let ander = met_gebruikers(
        applicatie("ander", &["x"], contract("2025-12-31", 3, 12, None, 1)),
        Some(9),
        10,
    );
    assert!(afschaffingen(&[onbekend, ander], d("2025-01-01")).is_empty());
}

#[test]
fn an_unused_applicatie_does_not_keep_a_function_alive() {
    let mut uit = applicatie("uit", &["x"], contract("2025-12-31", 3, 12, None, 1));
    uit.in_gebruik = false;
    let enige = applicatie("enige", &["x"], contract("2025-12-31", 3, 12, None, 1));
    let lijst = afschaffingen(&[uit, enige], d("2025-01-01"));
    assert_eq!(ids(&lijst, Reden::Overbodig), Vec::<&str>::new());
}

#[test]
fn a_dropped_applicatie_goes_at_its_first_usable_exit_point() {
    let mut uit = applicatie("uit", &["x"], contract("2025-12-31", 6, 12, None, 1));
    uit.in_gebruik = false;
    // On 2025-08-01 the 2025-12-31 deadline (2025-06-30) has passed: the next one counts.
    let lijst = afschaffingen(&[uit], d("2025-08-01"));
    assert_eq!(lijst[0].afschafdatum, Some(d("2026-12-31")));
}
