//! Section 2 of `DOMAIN.md`: applicaties a gemeente can drop, because nobody uses them
//! (ongebruikt) or because others already fulfil all their functions (overbodig), and the
//! day each can go.

use crate::snel::SnelleMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{ApplicatieId, ReferentiecomponentId};
use crate::landschap::Applicatie;
use crate::overstap::eerste_bruikbare;

/// Why an applicatie can go.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reden {
    /// Not in use, or no users.
    Ongebruikt,
    /// Every function it fulfils is fulfilled by another applicatie in use.
    Overbodig,
}

/// Which applicatie keeps fulfilling a referentiecomponent of a redundant one.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Overname {
    /// The function.
    pub referentiecomponent: ReferentiecomponentId,
    /// The applicatie that keeps fulfilling it.
    pub door: ApplicatieId,
}

/// An applicatie the gemeente can drop.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Afschaffing {
    /// Which applicatie.
    pub applicatie: ApplicatieId,
    /// Its name.
    pub naam: String,
    /// Why it can go.
    pub reden: Reden,
    /// Its first usable exit point (or its final end): from then on its fees are saved.
    /// None when the contract offers no such moment within the horizon.
    pub afschafdatum: Option<NaiveDate>,
    /// Its yearly fees, saved from `afschafdatum` on.
    pub jaarlijkse_kosten: i64,
    /// For an overbodige applicatie: who keeps fulfilling each of its functions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overgenomen_door: Vec<Overname>,
}

/// The ongebruikt and overbodig applicaties of one landscape, in that order.
pub fn afschaffingen(applicaties: &[Applicatie], peildatum: NaiveDate) -> Vec<Afschaffing> {
    let mut in_gebruik: Vec<&Applicatie> = applicaties.iter().filter(|a| !a.ongebruikt()).collect();
    // The walk order: fewest users first (unknown counts as 0), then the most expensive,
    // then by name; ids settle ties between equal names so the result never depends on
    // input order.
    in_gebruik.sort_by(|a, b| {
        (
            a.gebruikers.unwrap_or(0),
            std::cmp::Reverse(a.contract.jaarlijkse_kosten()),
            &a.naam,
            &a.id,
        )
            .cmp(&(
                b.gebruikers.unwrap_or(0),
                std::cmp::Reverse(b.contract.jaarlijkse_kosten()),
                &b.naam,
                &b.id,
            ))
    });

    // How many not-yet-redundant applicaties in use fulfil each function.
    let mut vervullers: SnelleMap<&ReferentiecomponentId, usize> = SnelleMap::default();
    for app in &in_gebruik {
        for r in uniek(&app.referentiecomponenten) {
            *vervullers.entry(r).or_default() += 1;
        }
    }
    let mut overbodig = vec![false; in_gebruik.len()];
    for (i, app) in in_gebruik.iter().enumerate() {
        if app.referentiecomponenten.is_empty() {
            continue; // its function is unknown: never redundant
        }
        if uniek(&app.referentiecomponenten).all(|r| vervullers.get(r).copied().unwrap_or(0) >= 2) {
            overbodig[i] = true;
            for r in uniek(&app.referentiecomponenten) {
                if let Some(n) = vervullers.get_mut(r) {
                    *n -= 1;
                }
            }
        }
    }

    // The keeper of each function: the last in walk order (most users) among those that stay.
    let mut houder: SnelleMap<&ReferentiecomponentId, usize> = SnelleMap::default();
    for (j, app) in in_gebruik
        .iter()
        .enumerate()
        .filter(|(j, _)| !overbodig[*j])
    {
        for r in &app.referentiecomponenten {
            houder.insert(r, j);
        }
    }
    let mut uit: Vec<Afschaffing> = applicaties
        .iter()
        .filter(|a| a.ongebruikt())
        .map(|a| afschaffing(a, Reden::Ongebruikt, Vec::new(), peildatum))
        .collect();
    for (_, app) in in_gebruik.iter().enumerate().filter(|(i, _)| overbodig[*i]) {
        let overnames = uniek(&app.referentiecomponenten)
            .filter_map(|r| {
                let door = in_gebruik[*houder.get(r)?].id.clone();
                Some(Overname {
                    referentiecomponent: r.clone(),
                    door,
                })
            })
            .collect();
        uit.push(afschaffing(app, Reden::Overbodig, overnames, peildatum));
    }
    uit
}

/// Each referentiecomponent once, in order, without allocating.
fn uniek(
    referentiecomponenten: &[ReferentiecomponentId],
) -> impl Iterator<Item = &ReferentiecomponentId> {
    referentiecomponenten
        .iter()
        .enumerate()
        .filter(|(k, r)| !referentiecomponenten[..*k].contains(r))
        .map(|(_, r)| r)
}

fn afschaffing(
    app: &Applicatie,
    reden: Reden,
    overgenomen_door: Vec<Overname>,
    peildatum: NaiveDate,
) -> Afschaffing {
    Afschaffing {
        applicatie: app.id.clone(),
        naam: app.naam.clone(),
        reden,
        afschafdatum: eerste_bruikbare(&app.contract, peildatum, peildatum),
        jaarlijkse_kosten: app.contract.jaarlijkse_kosten(),
        overgenomen_door,
    }
}

#[cfg(test)]
mod tests;
