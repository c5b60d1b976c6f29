//! Section 6 of `DOMAIN.md`, the landelijk beeld: over all gemeenten, per component and
//! quarter, how many gemeenten (and applicaties, and yearly fees) reach an overstapmoment
//! to that component, each under its own rol; the kansrijke quarters for a joint switch
//! with their cohorts; and, nationally, the ongebruikte and overbodige applicaties.
//!
//! Counted as in each gemeente's own overstapplan: an applicatie with outcome `overstap`
//! that is not dropped (a dropped applicatie does not switch), so the aggregate equals
//! the sum of the plans.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use crate::datum::Kwartaal;
use crate::gemeente::GemeenteCode;
use crate::id::{ApplicatieId, ComponentId};
use crate::landschap::Applicatie;
use crate::overstap::Uitkomst;
use crate::plan::Overstapplan;

/// The default threshold: a quarter needs at least this many gemeenten to be kansrijk.
pub const STANDAARD_DREMPEL: usize = 5;

/// One component in one quarter.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Kwartaalcel {
    /// The quarter.
    pub kwartaal: Kwartaal,
    /// Gemeenten with at least one overstapmoment to the component in it.
    pub gemeenten: usize,
    /// Applicaties with their overstapmoment in it.
    pub applicaties: usize,
    /// The yearly fees of those applicaties.
    pub jaarlijkse_kosten: i64,
    /// At least the threshold and not lower than either neighbouring quarter.
    pub kansrijk: bool,
    /// For a kansrijk quarter: the gemeenten in it, a cohort that could procure and
    /// migrate together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cohort: Vec<GemeenteCode>,
}

/// All quarters of one component that have an overstapmoment.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Componentreeks {
    /// The component.
    pub component: ComponentId,
    /// Its quarters in order; quarters without any overstapmoment are left out.
    pub kwartalen: Vec<Kwartaalcel>,
}

/// National counts of one kind of droppable applicatie.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Afschafpotentieel {
    /// How many applicaties.
    pub applicaties: usize,
    /// In how many gemeenten.
    pub gemeenten: usize,
    /// Their yearly fees.
    pub jaarlijkse_kosten: i64,
}

/// The landelijk beeld.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LandelijkBeeld {
    /// The threshold used.
    pub drempel: usize,
    /// Per component (by id), its quarters.
    pub componenten: Vec<Componentreeks>,
    /// Unused applicaties nationally.
    pub ongebruikt: Afschafpotentieel,
    /// Redundant applicaties nationally.
    pub overbodig: Afschafpotentieel,
}

#[derive(Default)]
struct Telling<'a> {
    gemeenten: BTreeSet<&'a GemeenteCode>,
    applicaties: usize,
    jaarlijkse_kosten: i64,
}

/// The landelijk beeld from each gemeente's overstapplan with the applicaties it was made
/// from (in the same order).
pub fn landelijk_beeld<'a>(
    plannen: impl IntoIterator<Item = (&'a Overstapplan, &'a [Applicatie])>,
    drempel: usize,
) -> LandelijkBeeld {
    let mut tellingen: BTreeMap<&ComponentId, BTreeMap<Kwartaal, Telling<'_>>> = BTreeMap::new();
    let mut ongebruikt = Afschafpotentieel::default();
    let mut overbodig = Afschafpotentieel::default();
    let mut opslag: Vec<(&Uitkomst, &GemeenteCode, i64)> = Vec::new();
    for (plan, applicaties) in plannen {
        for (lijst, potentieel) in [
            (&plan.ongebruikt, &mut ongebruikt),
            (&plan.overbodig, &mut overbodig),
        ] {
            if !lijst.is_empty() {
                potentieel.gemeenten += 1;
                potentieel.applicaties += lijst.len();
                potentieel.jaarlijkse_kosten +=
                    lijst.iter().map(|a| a.jaarlijkse_kosten).sum::<i64>();
            }
        }
        let afgeschaft: HashSet<&ApplicatieId> = plan
            .ongebruikt
            .iter()
            .chain(&plan.overbodig)
            .map(|a| &a.applicatie)
            .collect();
        for (overstap, app) in plan.applicaties.iter().zip(applicaties) {
            if matches!(overstap.uitkomst, Uitkomst::Overstap { .. })
                && !afgeschaft.contains(&overstap.applicatie)
            {
                opslag.push((
                    &overstap.uitkomst,
                    &plan.gemeente,
                    app.contract.jaarlijkse_kosten(),
                ));
            }
        }
    }
    for (uitkomst, gemeente, kosten) in &opslag {
        let Uitkomst::Overstap {
            component,
            overstapmoment,
            ..
        } = uitkomst
        else {
            continue;
        };
        let telling = tellingen
            .entry(component)
            .or_default()
            .entry(Kwartaal::van(*overstapmoment))
            .or_default();
        telling.gemeenten.insert(gemeente);
        telling.applicaties += 1;
        telling.jaarlijkse_kosten += kosten;
    }
    let componenten = tellingen
        .into_iter()
        .map(|(component, kwartalen)| {
            let aantal = |q: Kwartaal| kwartalen.get(&q).map_or(0, |t| t.gemeenten.len());
            let cellen = kwartalen
                .iter()
                .map(|(&q, t)| {
                    let n = t.gemeenten.len();
                    let kansrijk =
                        n >= drempel && n >= aantal(q.vorige()) && n >= aantal(q.volgende());
                    Kwartaalcel {
                        kwartaal: q,
                        gemeenten: n,
                        applicaties: t.applicaties,
                        jaarlijkse_kosten: t.jaarlijkse_kosten,
                        kansrijk,
                        cohort: if kansrijk {
                            t.gemeenten.iter().map(|g| (*g).clone()).collect()
                        } else {
                            Vec::new()
                        },
                    }
                })
                .collect();
            Componentreeks {
                component: component.clone(),
                kwartalen: cellen,
            }
        })
        .collect();
    LandelijkBeeld {
        drempel,
        componenten,
        ongebruikt,
        overbodig,
    }
}

#[cfg(test)]
mod tests;
