//! The numbers of the what-if against the published plan: the terugverdienjaar, the
//! overstapmomenten that move, money per year and people per quarter.

use domain::Capaciteit;
use domain::Overstapplan;
use domain::plan::{Jaarbedrag, Kwartaalbelasting, Overbelasting, in_jaar};
use domain::scenario::{Uitwerking, vergelijk};
use leptos::prelude::*;

use crate::components::belastinggrafiek::Belastinggrafiek;
use crate::components::besparingsgrafiek::Geldgrafiek;
use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::formaat::{bedrag, datum_kort, getal};

/// The numbers of the what-if, against the published plan `basis`. While a bar is
/// dragged (`sleept`), `uitwerking` changes every frame: the summary and the moments that
/// move follow it live, each re-rendering only when its own text changes; the two charts
/// and their tables are drawn again when the bar is let go (a chart drawn anew each frame
/// took most of the frame's time), and say so meanwhile.
pub fn uitkomst(
    basis: StoredValue<Overstapplan>,
    uitwerking: Memo<Uitwerking>,
    sleept: Signal<bool>,
) -> impl IntoView {
    let samenvatting = Memo::new(move |_| {
        uitwerking.with(|u| {
            basis.with_value(|b| {
                let jaar = |j: Option<i32>| {
                    j.map_or_else(|| "niet binnen 15 jaar".to_owned(), |j| j.to_string())
                };
                let terugverdienjaar = format!(
                    "{} (gepubliceerd: {})",
                    jaar(u.plan.terugverdienjaar),
                    jaar(b.terugverdienjaar)
                );
                let overbelast = if u.basis.capaciteit.is_some() {
                    u.plan.overbelast.kwartalen.len().to_string()
                } else {
                    "onbekend: vul hieronder de capaciteit in".to_owned()
                };
                (terugverdienjaar, overbelast)
            })
        })
    });
    let momenten = Memo::new(move |_| {
        uitwerking.with(|u| basis.with_value(|b| verschoven_momenten(b, &u.plan)))
    });
    // The figures each chart is drawn from, kept while a bar is dragged: equal figures,
    // no new chart.
    let geld = Memo::new(move |vorig: Option<&Geld>| match vorig {
        Some(vorig) if sleept.get() => vorig.clone(),
        _ => uitwerking.with(|u| {
            (
                u.plan.besparing_per_jaar.clone(),
                u.plan.bijdragen_per_jaar.clone(),
                u.plan.netto_per_jaar.clone(),
            )
        }),
    });
    let belasting = Memo::new(move |vorig: Option<&Belasting>| match vorig {
        Some(vorig) if sleept.get() => vorig.clone(),
        _ => uitwerking.with(|u| {
            (
                u.plan.belasting_per_kwartaal.clone(),
                u.plan.overbelast.clone(),
                u.basis.capaciteit,
            )
        }),
    });
    let wacht = move || {
        sleept.get().then(|| view! {
            <p class="utrecht-paragraph" id="wat-als-volgt">"De grafieken en tabellen hieronder volgen zodra u de balk loslaat."</p>
        })
    };
    view! {
        <dl class="gp-kenmerken" id="wat-als-samenvatting">
            <dt>"Terugverdienjaar"</dt>
            <dd>{move || samenvatting.with(|s| s.0.clone())}</dd>
            <dt>"Overbelaste kwartalen"</dt>
            <dd>{move || samenvatting.with(|s| s.1.clone())}</dd>
        </dl>
        <h3 class="utrecht-heading-3">"Overstapmomenten die verschuiven"</h3>
        {move || {
            let momenten = momenten.get();
            if momenten.is_empty() {
                view! { <p class="utrecht-paragraph" id="verschoven-momenten">"Geen: alle overstapmomenten blijven gelijk."</p> }.into_any()
            } else {
                view! {
                    <ul class="utrecht-unordered-list" id="verschoven-momenten">
                        {momenten.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
        {wacht}
        <h3 class="utrecht-heading-3">"Geld per jaar"</h3>
        {move || geld.with(|(besparing, bijdragen, netto)| basis.with_value(|b| geld_per_jaar(b, besparing, bijdragen, netto)))}
        <h3 class="utrecht-heading-3">"Mensen per kwartaal"</h3>
        // Reading the figures (not only tracking them) runs the memo, so it follows the plan.
        {move || belasting.with(|_| uitwerking.with_untracked(|u| view! {
            <Belastinggrafiek id="wat-als-belasting" plan=u.plan.clone() basis=u.basis.clone() />
        }))}
    }
}

/// Besparing, bijdragen and netto per year.
type Geld = (Vec<Jaarbedrag>, Vec<Jaarbedrag>, Vec<Jaarbedrag>);

/// People per quarter, the overloaded quarters, and the capaciteit they are judged by.
type Belasting = (Vec<Kwartaalbelasting>, Overbelasting, Option<Capaciteit>);

/// "Zaaksysteem X: 1-3-2027 → 1-9-2027 (184 dagen later)" per overstapmoment that moved.
fn verschoven_momenten(basis: &Overstapplan, plan: &Overstapplan) -> Vec<String> {
    vergelijk(basis, plan)
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
        .collect()
}

/// Money per year as a chart and as a table, against the published plan `basis`.
fn geld_per_jaar(
    basis: &Overstapplan,
    besparing: &[Jaarbedrag],
    bijdragen: &[Jaarbedrag],
    netto: &[Jaarbedrag],
) -> impl IntoView + use<> {
    let jaren = netto
        .iter()
        .filter(|n| n.euro != 0 || in_jaar(besparing, n.jaar) != 0)
        .map(|n| {
            let gespaard = in_jaar(besparing, n.jaar);
            let bijgedragen = in_jaar(bijdragen, n.jaar);
            let oud = in_jaar(&basis.netto_per_jaar, n.jaar);
            view! {
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">{n.jaar}</th>
                    <td class="utrecht-table__cell gp-getal">{bedrag(gespaard)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(bijgedragen)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(n.euro)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(n.euro - oud)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Geldgrafiek id="wat-als-geld-grafiek" besparing=besparing.to_vec() bijdragen=bijdragen.to_vec() />
        <Schuifvlak label="Geld per jaar">
            <table class="utrecht-table utrecht-table--html-table" id="wat-als-geld">
                <caption class="utrecht-table__caption">"Besparing en bijdragen per jaar, tegen het gepubliceerde plan"</caption>
                <Kolomkoppen koppen=&["Jaar", "Besparing", "Bijdragen", "Netto", "Verschil met gepubliceerd"] />
                <tbody class="utrecht-table__body">{jaren}</tbody>
            </table>
        </Schuifvlak>
    }
}
