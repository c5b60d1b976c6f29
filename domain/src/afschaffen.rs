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

/// Which applicaties of a landscape can go, by their index in it: what the landelijk beeld
/// counts, without the dates and names of each [`Afschaffing`].
#[derive(Debug)]
pub(crate) struct Afschafbaar {
    /// The ongebruikte, in landscape order.
    pub(crate) ongebruikt: Vec<usize>,
    /// The overbodige, in walk order.
    pub(crate) overbodig: Vec<usize>,
    /// The applicaties in use, in landscape order.
    in_gebruik: Vec<usize>,
}

/// Puts `indices` into `applicaties` in walk order: fewest users first (unknown counts as
/// 0), then the most expensive, then by name; ids settle ties between equal names (they
/// are unique in a landscape), so the order never depends on input order.
fn op_looporde(applicaties: &[Applicatie], indices: &mut [usize]) {
    indices.sort_unstable_by_key(|&i| {
        let a = &applicaties[i];
        (
            a.gebruikers.unwrap_or(0),
            std::cmp::Reverse(a.contract.jaarlijkse_kosten()),
            &a.naam,
            &a.id,
        )
    });
}

/// Finds the ongebruikte and overbodige applicaties of one landscape.
pub(crate) fn afschafbaar(applicaties: &[Applicatie]) -> Afschafbaar {
    let (ongebruikt, in_gebruik): (Vec<usize>, Vec<usize>) =
        (0..applicaties.len()).partition(|&i| applicaties[i].ongebruikt());

    // How many not-yet-redundant applicaties in use fulfil each function.
    let mut vervullers: SnelleMap<&ReferentiecomponentId, usize> = SnelleMap::default();
    for &i in &in_gebruik {
        for r in uniek(&applicaties[i].referentiecomponenten) {
            *vervullers.entry(r).or_default() += 1;
        }
    }
    let vervuld = |vervullers: &SnelleMap<&ReferentiecomponentId, usize>, i: usize| {
        let functies = &applicaties[i].referentiecomponenten;
        // An applicatie whose function is unknown is never redundant.
        !functies.is_empty()
            && uniek(functies).all(|r| vervullers.get(r).copied().unwrap_or(0) >= 2)
    };
    // Counts only fall during the walk, so only these can become redundant; the walk
    // order decides among them.
    let mut kandidaten: Vec<usize> = in_gebruik
        .iter()
        .copied()
        .filter(|&i| vervuld(&vervullers, i))
        .collect();
    op_looporde(applicaties, &mut kandidaten);
    let mut overbodig = Vec::new();
    for i in kandidaten {
        if vervuld(&vervullers, i) {
            overbodig.push(i);
            for r in uniek(&applicaties[i].referentiecomponenten) {
                if let Some(n) = vervullers.get_mut(r) {
                    *n -= 1;
                }
            }
        }
    }
    Afschafbaar {
        ongebruikt,
        overbodig,
        in_gebruik,
    }
}

/// The ongebruikt and overbodig applicaties of one landscape, in that order.
pub fn afschaffingen(applicaties: &[Applicatie], peildatum: NaiveDate) -> Vec<Afschaffing> {
    let afschafbaar = afschafbaar(applicaties);
    let mut gaat = vec![false; applicaties.len()];
    for &i in &afschafbaar.overbodig {
        gaat[i] = true;
    }
    // The keeper of each function: the last in walk order (most users) among those that stay.
    let mut blijvend: Vec<usize> = afschafbaar
        .in_gebruik
        .iter()
        .copied()
        .filter(|&i| !gaat[i])
        .collect();
    op_looporde(applicaties, &mut blijvend);
    let mut houder: SnelleMap<&ReferentiecomponentId, usize> = SnelleMap::default();
    for i in blijvend {
        for r in &applicaties[i].referentiecomponenten {
            houder.insert(r, i);
        }
    }
    let mut uit: Vec<Afschaffing> = afschafbaar
        .ongebruikt
        .iter()
        .map(|&i| afschaffing(&applicaties[i], Reden::Ongebruikt, Vec::new(), peildatum))
        .collect();
    for &i in &afschafbaar.overbodig {
        let app = &applicaties[i];
        let overnames = uniek(&app.referentiecomponenten)
            .filter_map(|r| {
                let door = applicaties[*houder.get(r)?].id.clone();
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
