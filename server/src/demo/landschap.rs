//! Seeded demo landscapes: for each gemeente a number of applicaties fulfilling real
//! GEMMA referentiecomponenten, from a spread of (fictitious) vendors, with contract ends
//! over the coming years, typical notice periods and renewals, and some duplicate and
//! unused ones. The same seed and start date give the same landscapes.

use chrono::{Datelike, NaiveDate};
use domain::{Applicatie, ApplicatieId, Contract, GemeenteCode, Referentiecomponent, plus_maanden};
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};

/// Fictitious vendors; any likeness to a real company is unintended.
const LEVERANCIERS: [&str; 12] = [
    "Polderdata",
    "Dijkstra ICT",
    "Grachtenware",
    "Molensoft",
    "Tulpsystemen",
    "Deltaplan IT",
    "Kanaalsoftware",
    "Waddenlogic",
    "Heidegroep ICT",
    "Veluwe Solutions",
    "Brugwerk",
    "Sluisdata",
];

/// What the generator makes.
#[derive(Debug, Clone, Copy)]
pub struct Opdracht {
    /// Applicaties per gemeente.
    pub applicaties: usize,
    /// The seed.
    pub seed: u64,
    /// Contracts end after this date (the generator's "today").
    pub vanaf: NaiveDate,
}

/// The landscape of `gemeente` (each gemeente gets its own stream from the seed, so one
/// landscape does not depend on how many others are made).
pub fn landschap(
    opdracht: Opdracht,
    gemeente: &GemeenteCode,
    referentie: &[Referentiecomponent],
) -> Vec<Applicatie> {
    let stroom = gemeente
        .as_str()
        .bytes()
        .fold(opdracht.seed, |h, b| h.rotate_left(5) ^ u64::from(b));
    let mut rng = StdRng::seed_from_u64(stroom);
    // Every function once (in random order), then extra applicaties: about a third
    // duplicate a function, the rest have none recorded.
    let mut functies: Vec<&Referentiecomponent> = referentie.iter().collect();
    functies.shuffle(&mut rng);
    let mut namen_gezien = std::collections::HashSet::new();
    (0..opdracht.applicaties)
        .map(|i| {
            let functie = match functies.get(i) {
                Some(f) => Some(*f),
                None if rng.random_bool(0.35) => functies.choose(&mut rng).copied(),
                None => None,
            };
            let leverancier = *LEVERANCIERS.choose(&mut rng).unwrap_or(&LEVERANCIERS[0]);
            let basis = functie.map_or_else(
                || format!("Vakapplicatie {}", i + 1),
                |f| {
                    f.naam
                        .trim_end_matches("component")
                        .trim_end_matches('-')
                        .trim()
                        .to_owned()
                },
            );
            let mut naam = format!("{leverancier} {basis}");
            if !namen_gezien.insert(naam.clone()) {
                naam = format!("{naam} {}", i + 1);
                namen_gezien.insert(naam.clone());
            }
            Applicatie {
                id: ApplicatieId::parse(&format!("app-{:04}", i + 1))
                    .unwrap_or_else(|_| unreachable!("app-NNNN is a valid id")),
                gemeente: gemeente.clone(),
                naam,
                leverancier: leverancier.into(),
                referentiecomponenten: functie.map(|f| f.id.clone()).into_iter().collect(),
                contract: contract(&mut rng, opdracht.vanaf),
                in_gebruik: !rng.random_bool(0.03),
                gebruikers: match rng.random_range(0..100) {
                    0..5 => Some(0),
                    5..15 => None,
                    _ => Some(rng.random_range(1..2_000)),
                },
            }
        })
        .collect()
}

fn contract(rng: &mut StdRng, vanaf: NaiveDate) -> Contract {
    // Ends spread over the next six years, most at a year's or a quarter's end.
    let maanden = rng.random_range(1..=72);
    let dag = plus_maanden(vanaf, maanden).unwrap_or(vanaf);
    let einddatum = match rng.random_range(0..10) {
        0..4 => NaiveDate::from_ymd_opt(dag.year(), 12, 31),
        4..7 => NaiveDate::from_ymd_opt(dag.year(), (dag.month0() / 3 + 1) * 3, 1)
            .and_then(|d| plus_maanden(d, 1))
            .and_then(|d| d.pred_opt()),
        _ => Some(dag),
    }
    .unwrap_or(dag);
    let opzegtermijn = *[3, 3, 6, 6, 6, 12].choose(rng).unwrap_or(&6);
    let verlenging = *[12, 12, 12, 24, 0, 0].choose(rng).unwrap_or(&12);
    let uiterste = (verlenging > 0 && rng.random_bool(0.2))
        .then(|| plus_maanden(einddatum, 12 * rng.random_range(2..=5)))
        .flatten();
    // Yearly fees from a few thousand to a few hundred thousand euros, most small.
    let kosten = (2_000.0 * (rng.random::<f64>() * 4.8).exp()).round() as i64;
    let startdatum = einddatum.with_year(einddatum.year() - rng.random_range(2..=8));
    Contract::new(
        startdatum,
        einddatum,
        opzegtermijn,
        verlenging,
        uiterste,
        kosten,
    )
    .unwrap_or_else(|e| unreachable!("generated terms are valid: {e}"))
}

#[cfg(test)]
mod tests {
    use domain::ReferentiecomponentId;

    use super::*;

    fn referentie(n: usize) -> Vec<Referentiecomponent> {
        (0..n)
            .map(|i| Referentiecomponent {
                id: ReferentiecomponentId::parse(&format!("r{i}")).expect("valid"),
                naam: format!("Functie{i}component"),
                omschrijving: String::new(),
            })
            .collect()
    }

    fn opdracht(seed: u64) -> Opdracht {
        Opdracht {
            applicaties: 300,
            seed,
            vanaf: "2026-01-01".parse().expect("date"),
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_landscape_and_another_seed_another() {
        let g = GemeenteCode::parse("GM0344").expect("valid");
        let r = referentie(171);
        assert_eq!(
            landschap(opdracht(7), &g, &r),
            landschap(opdracht(7), &g, &r)
        );
        assert_ne!(
            landschap(opdracht(7), &g, &r),
            landschap(opdracht(8), &g, &r)
        );
    }

    #[test]
    fn a_landscape_has_every_function_some_duplicates_and_some_unused() {
        let g = GemeenteCode::parse("GM0344").expect("valid");
        let apps = landschap(opdracht(1), &g, &referentie(171));
        assert_eq!(apps.len(), 300);
        let mut functies: Vec<&str> = apps
            .iter()
            .flat_map(|a| a.referentiecomponenten.iter().map(|r| r.as_str()))
            .collect();
        let met_functie = functies.len();
        functies.sort_unstable();
        functies.dedup();
        assert_eq!(functies.len(), 171, "every function once at least");
        assert!(met_functie > 171 + 20, "some duplicates: {met_functie}");
        assert!(apps.iter().any(Applicatie::ongebruikt));
        let vanaf: NaiveDate = "2026-01-01".parse().expect("date");
        assert!(apps.iter().all(|a| a.contract.einddatum() > vanaf));
        let leveranciers: std::collections::HashSet<&str> =
            apps.iter().map(|a| a.leverancier.as_str()).collect();
        assert!(leveranciers.len() >= 8);
    }
}
