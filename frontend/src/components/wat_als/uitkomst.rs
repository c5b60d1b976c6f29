//! The numbers of the what-if against the published plan: the terugverdienjaar, the
//! overstapmomenten that move, money per year and people per quarter.

use domain::Overstapplan;
use domain::plan::in_jaar;
use domain::scenario::{Basis, vergelijk};
use leptos::prelude::*;

use crate::components::belastinggrafiek::Belastinggrafiek;
use crate::components::besparingsgrafiek::Geldgrafiek;
use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::formaat::{bedrag, datum_kort, getal};

/// The numbers of the what-if, against the published plan. `gegevens` is what `plan` was
/// worked out on (for names, and whether a capaciteit is known: without one there is no
/// overload to show, only a prompt to enter it).
pub fn uitkomst(basis: &Overstapplan, plan: &Overstapplan, gegevens: &Basis) -> AnyView {
    let bekend = gegevens.capaciteit.is_some();
    let vergelijking = vergelijk(basis, plan);
    let jaar =
        |j: Option<i32>| j.map_or_else(|| "niet binnen 15 jaar".to_owned(), |j| j.to_string());
    let momenten: Vec<String> = vergelijking
        .overstapmomenten
        .iter()
        .filter(|m| m.a != m.b)
        .map(|m| {
            let d = |x: Option<chrono::NaiveDate>| x.map_or_else(|| "geen".to_owned(), datum_kort);
            let verschil = m.verschil_dagen.map_or_else(String::new, |v| match v {
                v if v > 0 => format!(" ({} dagen later)", getal(v)),
                v => format!(" ({} dagen eerder)", getal(-v)),
            });
            format!("{}: {} → {}{verschil}", m.naam, d(m.a), d(m.b))
        })
        .collect();
    let jaren = plan
        .netto_per_jaar
        .iter()
        .filter(|n| n.euro != 0 || in_jaar(&plan.besparing_per_jaar, n.jaar) != 0)
        .map(|n| {
            let besparing = in_jaar(&plan.besparing_per_jaar, n.jaar);
            let bijdragen = in_jaar(&plan.bijdragen_per_jaar, n.jaar);
            let oud = in_jaar(&basis.netto_per_jaar, n.jaar);
            view! {
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">{n.jaar}</th>
                    <td class="utrecht-table__cell gp-getal">{bedrag(besparing)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(bijdragen)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(n.euro)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(n.euro - oud)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <dl class="gp-kenmerken" id="wat-als-samenvatting">
            <dt>"Terugverdienjaar"</dt>
            <dd>{format!("{} (gepubliceerd: {})", jaar(plan.terugverdienjaar), jaar(basis.terugverdienjaar))}</dd>
            <dt>"Overbelaste kwartalen"</dt>
            <dd>
                {if bekend {
                    plan.overbelast.kwartalen.len().to_string()
                } else {
                    "onbekend: vul hieronder de capaciteit in".to_owned()
                }}
            </dd>
        </dl>
        <h3 class="utrecht-heading-3">"Overstapmomenten die verschuiven"</h3>
        {if momenten.is_empty() {
            view! { <p class="utrecht-paragraph" id="verschoven-momenten">"Geen: alle overstapmomenten blijven gelijk."</p> }.into_any()
        } else {
            view! {
                <ul class="utrecht-unordered-list" id="verschoven-momenten">
                    {momenten.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        <h3 class="utrecht-heading-3">"Geld per jaar"</h3>
        <Geldgrafiek id="wat-als-geld-grafiek" besparing=plan.besparing_per_jaar.clone() bijdragen=plan.bijdragen_per_jaar.clone() />
        <Schuifvlak label="Geld per jaar">
            <table class="utrecht-table utrecht-table--html-table" id="wat-als-geld">
                <caption class="utrecht-table__caption">"Besparing en bijdragen per jaar, tegen het gepubliceerde plan"</caption>
                <Kolomkoppen koppen=&["Jaar", "Besparing", "Bijdragen", "Netto", "Verschil met gepubliceerd"] />
                <tbody class="utrecht-table__body">{jaren}</tbody>
            </table>
        </Schuifvlak>
        <h3 class="utrecht-heading-3">"Mensen per kwartaal"</h3>
        <Belastinggrafiek id="wat-als-belasting" plan=plan.clone() basis=gegevens.clone() />
    }
    .into_any()
}
