//! What the heatmap and the cohorts of the landelijk beeld share: the order of the
//! components, how a cell's fees read and where a cohort is on the page.

use domain::landelijk::{Componentreeks, LandelijkBeeld};
use domain::{ComponentId, Kwartaal};

use crate::formaat::bedrag;

/// The components in the order the page shows them: by layer, then by name.
pub fn in_volgorde(beeld: &LandelijkBeeld) -> Vec<&Componentreeks> {
    let mut reeksen: Vec<&Componentreeks> = beeld.componenten.iter().collect();
    reeksen.sort_by(|a, b| (a.laag, &a.naam).cmp(&(b.laag, &b.naam)));
    reeksen
}

/// The yearly fees of a cell, or why they are not shown.
pub fn kosten_tekst(kosten: Option<i64>) -> String {
    kosten.map_or_else(
        || "niet getoond (minder dan 3 gemeenten)".to_owned(),
        |k| format!("{} per jaar", bedrag(k)),
    )
}

/// Where the cohort of `component` in `kwartaal` is on the page, for the heatmap's links.
pub fn cohort_anker(component: &ComponentId, kwartaal: Kwartaal) -> String {
    format!("cohort-{component}-{kwartaal}")
}
