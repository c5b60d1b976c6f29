use super::*;
use crate::datum::Periode;
use crate::id::ActiviteitId;
use crate::routekaart::Besluit;
use crate::routekaart::Orgaan;
use crate::routekaart::{FaseSoort, Opgave};
use crate::testdata::*;
use FaseSoort::{Ontwikkelfase as O, Opschalingsfase as S};
use chrono::NaiveDate;

/// Two opgaven; b1 (in b) waits for a2 (in a).
fn routekaart() -> Vec<Opgave> {
    let mut a = opgave(
        "a",
        ("2025-01-01", "2025-06-30"),
        ("2025-07-01", "2025-12-31"),
    );
    a.activiteiten = vec![
        activiteit("a1", O, "2025-01-01", "2025-03-31", &[]),
        activiteit("a2", O, "2025-04-01", "2025-06-30", &["a1"]),
        activiteit("a3", S, "2025-07-01", "2025-09-30", &["a2"]),
    ];
    let mut b = opgave(
        "b",
        ("2025-07-01", "2025-12-31"),
        ("2026-01-01", "2026-06-30"),
    );
    b.activiteiten = vec![
        activiteit("b1", O, "2025-07-01", "2025-09-30", &["a2"]),
        activiteit("b2", S, "2026-01-01", "2026-03-31", &["b1"]),
    ];
    vec![a, b]
}

fn aid(id: &str) -> ActiviteitId {
    ActiviteitId::parse(id).expect("id")
}

fn periode_van(kaart: &[Opgave], id: &str) -> (NaiveDate, NaiveDate) {
    let a = kaart
        .iter()
        .flat_map(|o| &o.activiteiten)
        .find(|a| a.id.as_str() == id)
        .expect("activiteit");
    (a.periode.start(), a.periode.eind())
}

fn verschuiving(bewerkt: &Bewerkt, onderdeel: &str) -> Option<(i64, i64)> {
    bewerkt
        .verschoven
        .iter()
        .find(|v| v.onderdeel.to_string() == onderdeel)
        .map(|v| (v.start_dagen, v.eind_dagen))
}

#[test]
fn a_valid_routekaart_passes() {
    assert_eq!(valideer(&routekaart()), Ok(()));
}

#[test]
fn a_dependency_cycle_is_rejected_naming_the_cycle() {
    let mut kaart = routekaart();
    kaart[0].activiteiten[0].afhankelijk_van.push(aid("a2"));
    let fout = valideer(&kaart).unwrap_err();
    let RoutekaartFout::Kring(kring) = &fout else {
        panic!("expected a cycle, got {fout}")
    };
    let namen: Vec<&str> = kring.iter().map(ActiviteitId::as_str).collect();
    assert!(
        namen == ["a1", "a2", "a1"] || namen == ["a2", "a1", "a2"],
        "{namen:?}"
    );
    assert!(
        fout.to_string().contains("a1 → a2") || fout.to_string().contains("a2 → a1"),
        "{fout}"
    );
}

#[test]
fn a_cycle_through_the_fase_order_is_rejected_too() {
    // b1 (ontwikkelfase of b) needs a3 (opschalingsfase of a), and a1 (ontwikkelfase of a)
    // needs b2 (opschalingsfase of b): each opschalingsfase follows its ontwikkelfase.
    let mut kaart = routekaart();
    kaart[1].activiteiten[0].afhankelijk_van = vec![aid("a3")];
    kaart[0].activiteiten[0].afhankelijk_van = vec![aid("b2")];
    assert!(matches!(valideer(&kaart), Err(RoutekaartFout::Kring(k)) if k.len() >= 4));
}

#[test]
fn every_broken_invariant_is_named() {
    let mut kaart = routekaart();
    kaart[1].activiteiten[0].afhankelijk_van = vec![aid("bestaat-niet")];
    assert!(matches!(
        valideer(&kaart),
        Err(RoutekaartFout::OnbekendeVoorganger { .. })
    ));

    let mut kaart = routekaart();
    kaart[1].activiteiten[0].periode =
        Periode::new(d("2025-06-01"), d("2025-09-30")).expect("period");
    kaart[1].ontwikkelfase.periode =
        Periode::new(d("2025-06-01"), d("2025-12-31")).expect("period");
    assert_eq!(
        valideer(&kaart),
        Err(RoutekaartFout::AfhankelijkheidGeschonden {
            activiteit: aid("b1"),
            voorganger: aid("a2")
        })
    );

    let mut kaart = routekaart();
    kaart[0].opschalingsfase.periode =
        Periode::new(d("2025-06-01"), d("2025-12-31")).expect("period");
    assert!(matches!(
        valideer(&kaart),
        Err(RoutekaartFout::FasenOverlappen(_))
    ));

    let mut kaart = routekaart();
    kaart[0].activiteiten[2].periode =
        Periode::new(d("2025-07-01"), d("2026-09-30")).expect("period");
    assert_eq!(valideer(&kaart), Err(RoutekaartFout::BuitenFase(aid("a3"))));

    let mut kaart = routekaart();
    kaart[1].activiteiten[1].id = aid("a1");
    assert_eq!(
        valideer(&kaart),
        Err(RoutekaartFout::DubbeleId("a1".into()))
    );

    let mut kaart = routekaart();
    kaart[0].opschalingsfase.wacht_op_besluit = Some(crate::BesluitId::parse("go").expect("id"));
    assert!(
        matches!(
            valideer(&kaart),
            Err(RoutekaartFout::FaseVoorBesluit { .. })
        ),
        "unknown besluit"
    );
    kaart[0].besluiten.push(Besluit {
        id: crate::BesluitId::parse("go").expect("id"),
        datum: d("2025-07-02"),
        orgaan: Orgaan::Bestuur,
        onderwerp: "Go".into(),
    });
    assert!(
        matches!(
            valideer(&kaart),
            Err(RoutekaartFout::FaseVoorBesluit { .. })
        ),
        "besluit after start"
    );
}

#[test]
fn moving_later_pushes_successors_grows_the_fase_and_shifts_the_opschalingsfase() {
    let bewerkt = bewerk(
        &routekaart(),
        &Bewerking::Verplaats {
            activiteit: aid("a2"),
            start: d("2025-05-01"),
        },
    )
    .expect("edit");
    let kaart = &bewerkt.routekaart;
    assert_eq!(periode_van(kaart, "a2"), (d("2025-05-01"), d("2025-07-30")));
    // The ontwikkelfase of a grows by 30 days, so its opschalingsfase shifts by 29.
    assert_eq!(kaart[0].ontwikkelfase.periode.eind(), d("2025-07-30"));
    assert_eq!(kaart[0].opschalingsfase.periode.start(), d("2025-07-30"));
    assert_eq!(periode_van(kaart, "a3"), (d("2025-07-30"), d("2025-10-29")));
    assert_eq!(verschuiving(&bewerkt, "a2"), Some((30, 30)));
    assert_eq!(verschuiving(&bewerkt, "a/ontwikkelfase"), Some((0, 30)));
    assert_eq!(verschuiving(&bewerkt, "a/opschalingsfase"), Some((29, 29)));
    assert_eq!(
        bewerkt.verschoven[0].onderdeel,
        Onderdeel::Activiteit { id: aid("a2") },
        "dragged first"
    );
    assert_eq!(valideer(kaart), Ok(()));
}

#[test]
fn the_cascade_crosses_opgaven() {
    let bewerkt = bewerk(
        &routekaart(),
        &Bewerking::Verplaats {
            activiteit: aid("a2"),
            start: d("2025-05-01"),
        },
    )
    .expect("edit");
    // b1 waits for a2: pushed to start at a2's new end, b's fasen follow.
    assert_eq!(
        periode_van(&bewerkt.routekaart, "b1"),
        (d("2025-07-30"), d("2025-10-29"))
    );
    assert_eq!(verschuiving(&bewerkt, "b1"), Some((29, 29)));
    assert_eq!(
        verschuiving(&bewerkt, "b2"),
        None,
        "b2 still starts after b1 ends"
    );
}

#[test]
fn nothing_is_pulled_earlier_by_a_cascade() {
    let bewerkt = bewerk(
        &routekaart(),
        &Bewerking::Verplaats {
            activiteit: aid("a1"),
            start: d("2024-12-01"),
        },
    )
    .expect("edit");
    assert_eq!(
        periode_van(&bewerkt.routekaart, "a1"),
        (d("2024-12-01"), d("2025-02-28"))
    );
    assert_eq!(
        periode_van(&bewerkt.routekaart, "a2"),
        (d("2025-04-01"), d("2025-06-30"))
    );
    // The fase grows to contain a1; nothing else moves.
    assert_eq!(bewerkt.verschoven.len(), 2);
    assert_eq!(verschuiving(&bewerkt, "a/ontwikkelfase"), Some((-31, 0)));
}

#[test]
fn a_drag_before_a_predecessor_ends_stops_against_it() {
    let bewerkt = bewerk(
        &routekaart(),
        &Bewerking::Verplaats {
            activiteit: aid("a2"),
            start: d("2025-02-01"),
        },
    )
    .expect("edit");
    assert_eq!(
        periode_van(&bewerkt.routekaart, "a2"),
        (d("2025-03-31"), d("2025-06-29")),
        "90 days kept"
    );
}

#[test]
fn resizing_the_end_later_pushes_the_successors() {
    let bewerkt = bewerk(
        &routekaart(),
        &Bewerking::Rek {
            activiteit: aid("a1"),
            start: None,
            eind: Some(d("2025-04-10")),
        },
    )
    .expect("edit");
    assert_eq!(
        periode_van(&bewerkt.routekaart, "a1"),
        (d("2025-01-01"), d("2025-04-10"))
    );
    assert_eq!(
        periode_van(&bewerkt.routekaart, "a2"),
        (d("2025-04-10"), d("2025-07-09"))
    );
    assert_eq!(verschuiving(&bewerkt, "a1"), Some((0, 10)));
}

#[test]
fn a_resize_that_ends_before_it_starts_is_refused() {
    let fout = bewerk(
        &routekaart(),
        &Bewerking::Rek {
            activiteit: aid("a1"),
            start: None,
            eind: Some(d("2024-12-31")),
        },
    )
    .unwrap_err();
    assert!(matches!(fout, BewerkingFout::EindVoorStart { .. }));
}

#[test]
fn moving_the_ontwikkelfase_later_shifts_the_opschalingsfase_by_the_overlap() {
    let opgave = crate::OpgaveId::parse("a").expect("id");
    let bewerkt = bewerk(
        &routekaart(),
        &Bewerking::VerplaatsFase {
            opgave,
            fase: O,
            start: d("2025-01-11"),
        },
    )
    .expect("edit");
    let kaart = &bewerkt.routekaart;
    assert_eq!(kaart[0].ontwikkelfase.periode.start(), d("2025-01-11"));
    assert_eq!(kaart[0].ontwikkelfase.periode.eind(), d("2025-07-10"));
    assert_eq!(verschuiving(&bewerkt, "a/opschalingsfase"), Some((9, 9)));
    assert_eq!(verschuiving(&bewerkt, "a1"), Some((10, 10)));
    assert_eq!(
        verschuiving(&bewerkt, "b1"),
        Some((9, 9)),
        "b1 waits for a2, which ends 2025-07-10"
    );
    assert_eq!(valideer(kaart), Ok(()));
}

#[test]
fn an_unknown_item_is_an_error_and_changes_nothing() {
    let kaart = routekaart();
    assert_eq!(
        bewerk(
            &kaart,
            &Bewerking::Verplaats {
                activiteit: aid("x"),
                start: d("2025-01-01")
            }
        )
        .unwrap_err(),
        BewerkingFout::OnbekendeActiviteit(aid("x"))
    );
    assert_eq!(kaart, routekaart());
}

#[test]
fn an_opgave_with_an_overlong_text_or_a_date_outside_1990_to_2100_is_refused() {
    let mut kaart = routekaart();
    kaart[0].naam = "n".repeat(201);
    match valideer(&kaart) {
        Err(RoutekaartFout::BuitenGrenzen { veld, reden, .. }) => {
            assert_eq!(veld, "naam");
            assert_eq!(reden, "is langer dan 200 tekens");
        }
        anders => panic!("expected a bound, got {anders:?}"),
    }
    let mut kaart = routekaart();
    let eind = kaart[0].opschalingsfase.periode.start();
    kaart[0].ontwikkelfase.periode = Periode::new(d("1200-01-01"), eind).expect("period");
    assert!(matches!(
        valideer(&kaart),
        Err(RoutekaartFout::BuitenGrenzen { veld, .. }) if veld == "ontwikkelfase"
    ));
}

#[test]
fn an_opgave_is_put_in_place_or_added_and_the_routekaart_stays_as_it_was_when_it_breaks() {
    let mut kaart = vec![
        opgave(
            "a",
            ("2025-01-01", "2025-06-30"),
            ("2025-07-01", "2025-12-31"),
        ),
        opgave(
            "b",
            ("2025-01-01", "2025-06-30"),
            ("2025-07-01", "2025-12-31"),
        ),
    ];
    let mut nieuw_a = kaart[0].clone();
    nieuw_a.naam = "A, herzien".into();
    let voor = zet_opgave(&mut kaart, &nieuw_a).expect("valid");
    assert_eq!(voor.map(|o| o.naam), Some("a".to_owned()));
    assert_eq!(kaart[0].naam, "A, herzien");
    let c = opgave(
        "c",
        ("2026-01-01", "2026-06-30"),
        ("2026-07-01", "2026-12-31"),
    );
    assert_eq!(zet_opgave(&mut kaart, &c), Ok(None));
    assert_eq!(kaart.len(), 3);
    let zo_was = kaart.clone();
    let mut kapot = kaart[1].clone();
    kapot.opschalingsfase.periode = kapot.ontwikkelfase.periode;
    assert!(zet_opgave(&mut kaart, &kapot).is_err());
    assert_eq!(kaart, zo_was, "unchanged after a refusal");
}
