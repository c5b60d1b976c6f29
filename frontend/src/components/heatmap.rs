//! The landelijk beeld as a heatmap: a row per component, a column per quarter, each
//! cell the number of gemeenten that reach an overstapmoment then, darker as more do; the
//! kansrijke quarters framed and starred. It is an HTML table, so screen readers read
//! each number with its component and quarter; the same facts as a plain list follow in a
//! disclosure for those who prefer text.

use std::collections::HashMap;

use domain::datum::Kwartaal;
use domain::landelijk::{Componentreeks, Kwartaalcel, LandelijkBeeld};
use leptos::prelude::*;

use crate::components::beeld::{cohort_anker, in_volgorde, kosten_tekst};
use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::formaat::aantal;

/// Every quarter from `van` to `tot`, both included.
pub fn kwartalen_tussen(van: Kwartaal, tot: Kwartaal) -> Vec<Kwartaal> {
    let mut lijst = Vec::new();
    let mut q = van;
    while q <= tot {
        lijst.push(q);
        q = q.volgende();
    }
    lijst
}

/// How dark a cell is drawn: 0 for nobody, else 1 to [`NIVEAUS`] in proportion to the
/// highest count.
pub fn niveau(gemeenten: usize, hoogste: usize) -> usize {
    if gemeenten == 0 || hoogste == 0 {
        0
    } else {
        (gemeenten * NIVEAUS).div_ceil(hoogste).clamp(1, NIVEAUS)
    }
}

/// The number of shades.
pub const NIVEAUS: usize = 5;

/// Opens the disclosure around the element with id `id`, so that following a link to it
/// shows it (browsers do not do that for every way of following a link).
fn open_rond(id: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(Ok(Some(omhulsel))) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .map(|e| e.closest("details"))
    {
        // Only a disclosure can be here; setting the attribute cannot fail on it.
        let _ = omhulsel.set_attribute("open", "");
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// The heatmap with its legend and the text alternative.
#[component]
pub fn Heatmap(beeld: LandelijkBeeld) -> impl IntoView {
    let alle_cellen = || beeld.componenten.iter().flat_map(|r| &r.kwartalen);
    let hoogste = alle_cellen().map(|c| c.gemeenten).max().unwrap_or(0);
    let van = alle_cellen().map(|c| c.kwartaal).min();
    let tot = alle_cellen().map(|c| c.kwartaal).max();
    let (Some(van), Some(tot)) = (van, tot) else {
        return view! {
            <p class="utrecht-paragraph">
                "Nog geen enkele gemeente heeft een applicatie met een overstapmoment naar een component uit de catalogus."
            </p>
        }
            .into_any();
    };
    let kwartalen = kwartalen_tussen(van, tot);
    let reeksen = in_volgorde(&beeld);
    let koppen = kwartalen
        .iter()
        .map(|q| view! { <th class="gp-heat__kwartaal" scope="col">{q.to_string()}</th> })
        .collect_view();
    let rijen = reeksen
        .iter()
        .map(|reeks| {
            let per: HashMap<Kwartaal, &Kwartaalcel> =
                reeks.kwartalen.iter().map(|c| (c.kwartaal, c)).collect();
            let cellen = kwartalen
                .iter()
                .map(|q| match per.get(q) {
                    Some(cel) => {
                        let klasse = format!(
                            "gp-heat__cel gp-heat--{}{}",
                            niveau(cel.gemeenten, hoogste),
                            if cel.kansrijk {
                                " gp-heat--kansrijk"
                            } else {
                                ""
                            }
                        );
                        let titel = format!(
                            "{} gemeenten, {} applicaties, {}",
                            cel.gemeenten,
                            cel.applicaties,
                            kosten_tekst(cel.jaarlijkse_kosten)
                        );
                        let inhoud = if cel.kansrijk {
                            let id = cohort_anker(&reeks.component, *q);
                            let anker = format!("#{id}");
                            view! {
                                <a href=anker on:click=move |_| open_rond(&id)>
                                    {cel.gemeenten}
                                    <span aria-hidden="true">"★"</span>
                                    <span class="gp-visueel-verborgen">" kansrijk, naar het cohort"</span>
                                </a>
                            }
                                .into_any()
                        } else {
                            cel.gemeenten.into_any()
                        };
                        view! { <td class=klasse title=titel>{inhoud}</td> }.into_any()
                    }
                    None => view! { <td class="gp-heat__cel gp-heat--0"></td> }.into_any(),
                })
                .collect_view();
            view! {
                <tr>
                    <th class="gp-heat__component" scope="row">
                        <a href=format!("/componenten/{}", reeks.component)>{reeks.naam.clone()}</a>
                    </th>
                    {cellen}
                </tr>
            }
        })
        .collect_view();
    let drempel = beeld.drempel;
    view! {
        <ul class="gp-legenda" aria-label="Legenda van de heatmap">
            <li>
                <span class="gp-legenda__staal gp-heat--1" aria-hidden="true"></span>
                <span class="gp-legenda__staal gp-heat--3" aria-hidden="true"></span>
                <span class="gp-legenda__staal gp-heat--5" aria-hidden="true"></span>
                {format!("Aantal gemeenten met een overstapmoment in dat kwartaal (donkerder is meer, hoogste {hoogste})")}
            </li>
            <li>
                <span class="gp-legenda__staal gp-heat--kansrijk" aria-hidden="true"></span>
                {format!("★ Kansrijk: ten minste {drempel} gemeenten en geen buurkwartaal hoger")}
            </li>
        </ul>
        <div class="gp-heat" role="region" aria-label="Heatmap, horizontaal te scrollen" tabindex="0">
            <table class="gp-heat__tabel">
                <caption class="utrecht-table__caption">"Gemeenten met een overstapmoment, per component en kwartaal"</caption>
                <thead>
                    <tr>
                        <th class="gp-heat__component" scope="col">"Component"</th>
                        {koppen}
                    </tr>
                </thead>
                <tbody>{rijen}</tbody>
            </table>
        </div>
        <HeatmapAlsTekst reeksen=reeksen.into_iter().cloned().collect() />
    }
        .into_any()
}

/// The same facts as a list per component, in a disclosure.
#[component]
fn HeatmapAlsTekst(reeksen: Vec<Componentreeks>) -> impl IntoView {
    let rijen = reeksen
        .into_iter()
        .flat_map(|r| {
            let naam = r.naam;
            r.kwartalen.into_iter().map(move |c| (naam.clone(), c))
        })
        .map(|(naam, c)| {
            view! {
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">{naam}</th>
                    <td class="utrecht-table__cell">{c.kwartaal.to_string()}</td>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{aantal(c.gemeenten)}</td>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric">{aantal(c.applicaties)}</td>
                    <td class="utrecht-table__cell">{kosten_tekst(c.jaarlijkse_kosten)}</td>
                    <td class="utrecht-table__cell">{if c.kansrijk { "kansrijk" } else { "" }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="gp-als-tabel">
            <summary>"Heatmap als tabel"</summary>
            <Schuifvlak label="Kwartalen per component als tabel">
                <table class="utrecht-table utrecht-table--html-table">
                    <caption class="utrecht-table__caption">"Overstapmomenten per component en kwartaal"</caption>
                    <Kolomkoppen koppen=&["Component", "Kwartaal", "Gemeenten", "Applicaties", "Huidige jaarlijkse kosten", "Kansrijk"] />
                    <tbody class="utrecht-table__body">{rijen}</tbody>
                </table>
            </Schuifvlak>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(tekst: &str) -> Kwartaal {
        tekst.parse().expect("quarter")
    }

    #[test]
    fn quarters_between_cross_the_year_and_include_both_ends() {
        let lijst: Vec<String> = kwartalen_tussen(q("2026-Q3"), q("2027-Q2"))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(lijst, ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]);
        assert!(kwartalen_tussen(q("2027-Q1"), q("2026-Q1")).is_empty());
    }

    #[test]
    fn the_shade_grows_with_the_count_and_only_nobody_is_blank() {
        assert_eq!(niveau(0, 40), 0);
        assert_eq!(niveau(1, 40), 1);
        assert_eq!(niveau(8, 40), 1);
        assert_eq!(niveau(9, 40), 2);
        assert_eq!(niveau(40, 40), NIVEAUS);
        assert_eq!(niveau(3, 0), 0);
    }
}
