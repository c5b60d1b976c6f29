//! Per kansrijk quarter, the cohort: the gemeenten that reach an overstapmoment to the same
//! component then and could procure and migrate together, with what their contracts cost
//! now and when they must give notice. Only gemeenten that chose to be named are named;
//! the others are counted. With all 342 gemeenten there are dozens of kansrijke quarters,
//! so they are grouped per component in disclosures; each kansrijk cell of the heatmap
//! links to its cohort (the browser opens the disclosure on the way).

use std::collections::HashMap;

use domain::GemeenteCode;
use domain::landelijk::{Cohort, LandelijkBeeld};
use leptos::prelude::*;

use crate::components::beeld::{cohort_anker, in_volgorde, kosten_tekst};
use crate::formaat::datum_lang;

/// The cohorts of every kansrijk quarter, per component (in the heatmap's order), each
/// component a disclosure that a link from the heatmap opens.
#[component]
pub fn Cohorten(
    beeld: LandelijkBeeld,
    namen: Vec<(GemeenteCode, String)>,
    /// The reader's own gemeente and whether others see it named (as saved).
    eigen: Option<(GemeenteCode, Signal<bool>)>,
) -> impl IntoView {
    let namen: HashMap<GemeenteCode, String> = namen.into_iter().collect();
    let groepen: Vec<_> = in_volgorde(&beeld)
        .into_iter()
        .filter_map(|reeks| {
            let kansrijk: Vec<_> = reeks
                .kwartalen
                .iter()
                .filter_map(|c| Some((c, c.cohort.as_ref()?)))
                .collect();
            (!kansrijk.is_empty()).then_some((reeks, kansrijk))
        })
        .collect();
    if groepen.is_empty() {
        return view! {
            <p class="utrecht-paragraph">
                {format!(
                    "Geen enkel kwartaal is kansrijk: nergens bereiken ten minste {} gemeenten tegelijk een overstapmoment naar dezelfde component.",
                    beeld.drempel,
                )}
            </p>
        }
            .into_any();
    }
    groepen
        .into_iter()
        .map(|(reeks, kansrijk)| {
            let grootste = kansrijk
                .iter()
                .max_by_key(|(c, _)| (c.gemeenten, std::cmp::Reverse(c.kwartaal)))
                .map(|(c, _)| format!("grootste: {} gemeenten in {}", c.gemeenten, c.kwartaal))
                .unwrap_or_default();
            let samenvatting = format!(
                "{}: {} ({grootste})",
                reeks.naam,
                if kansrijk.len() == 1 {
                    "1 kansrijk kwartaal".to_owned()
                } else {
                    format!("{} kansrijke kwartalen", kansrijk.len())
                }
            );
            let cohorten = kansrijk
                .into_iter()
                .map(|(cel, cohort)| {
                    let kop = format!("{} — {}", reeks.naam, cel.kwartaal);
                    let feiten = format!(
                        "{} gemeenten met {} applicaties; huidige contracten: {}.",
                        cel.gemeenten,
                        cel.applicaties,
                        kosten_tekst(cel.jaarlijkse_kosten)
                    );
                    view! {
                        <article class="gp-cohort" id=cohort_anker(&reeks.component, cel.kwartaal)>
                            <h3 class="utrecht-heading-3">{kop}</h3>
                            <p class="utrecht-paragraph">{feiten}</p>
                            <p class="utrecht-paragraph">{opzegtermijn(cohort)}</p>
                            <Leden cohort=cohort.clone() namen=namen.clone() eigen=eigen.clone() />
                        </article>
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                <details class="gp-als-tabel gp-cohortgroep">
                    <summary>{samenvatting}</summary>
                    {cohorten}
                </details>
            }
            .into_any()
        })
        .collect_view()
        .into_any()
}

/// When the cohort must give notice, as a sentence.
fn opzegtermijn(cohort: &Cohort) -> String {
    match (cohort.eerste_opzegdatum, cohort.laatste_opzegdatum) {
        (Some(eerste), Some(laatste)) if eerste == laatste => {
            format!("Opzeggen vóór {}.", datum_lang(eerste))
        }
        (Some(eerste), Some(laatste)) => format!(
            "Opzeggen tussen {} (de eerste gemeente) en {} (de laatste).",
            datum_lang(eerste),
            datum_lang(laatste)
        ),
        _ => "Geen opzegging nodig: de contracten lopen dan vanzelf af.".to_owned(),
    }
}

#[component]
fn Leden(
    cohort: Cohort,
    namen: HashMap<GemeenteCode, String>,
    eigen: Option<(GemeenteCode, Signal<bool>)>,
) -> impl IntoView {
    let lijst = (!cohort.genoemd.is_empty()).then(|| {
        let items = cohort
            .genoemd
            .iter()
            .map(|lid| {
                let naam = namen
                    .get(&lid.gemeente)
                    .cloned()
                    .unwrap_or_else(|| lid.gemeente.to_string());
                let eigen = eigen
                    .as_ref()
                    .filter(|(g, _)| *g == lid.gemeente)
                    .map(|(_, genoemd)| *genoemd);
                let naam = move || match eigen.map(|g| g.get()) {
                    Some(true) => format!("{naam} (uw gemeente)"),
                    Some(false) => format!("{naam} (uw gemeente; anderen zien haar niet bij naam)"),
                    None => naam.clone(),
                };
                let opzeggen = lid.opzeggen_voor.map_or_else(
                    || "loopt vanzelf af".to_owned(),
                    |d| format!("opzeggen vóór {}", datum_lang(d)),
                );
                view! { <li>{move || format!("{}: {opzeggen}", naam())}</li> }
            })
            .collect_view();
        view! { <ul class="utrecht-unordered-list">{items}</ul> }
    });
    let anoniem = (cohort.niet_genoemd > 0).then(|| {
        let tekst = match (cohort.genoemd.is_empty(), cohort.niet_genoemd) {
            (true, 1) => "1 gemeente, niet bij naam genoemd.".to_owned(),
            (true, n) => format!("{n} gemeenten, niet bij naam genoemd."),
            (false, 1) => "En 1 gemeente die niet bij naam genoemd wordt.".to_owned(),
            (false, n) => format!("En {n} gemeenten die niet bij naam genoemd worden."),
        };
        view! { <p class="utrecht-paragraph">{tekst}</p> }
    });
    view! {
        {lijst}
        {anoniem}
    }
}
