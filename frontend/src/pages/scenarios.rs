//! `/gemeenten/{code}/scenarios`: two of a gemeente's saved scenarios (or the published
//! plan) side by side: overstapmomenten, besparing and bijdragen per year, overloaded
//! quarters. Worked out on today's data in the browser; the choice is in the URL
//! (`?a=&b=`), so it reads without JavaScript too.

use domain::contract::{Benoemdscenario, Planbasis};
use domain::scenario::{Scenario, vergelijk};
use domain::{GemeenteCode, Overstapplan};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::formaat::{aantal, bedrag, datum_kort, getal};
use crate::pages::laden::{gemeentekop, laden_eigen};
use crate::server_fns::landschap::scenarios_ophalen;

/// The comparison page.
#[component]
pub fn ScenariosPagina() -> impl IntoView {
    let code = use_params_map().with_untracked(|p| p.get("code").unwrap_or_default());
    let query = use_query_map();
    let gekozen = move |k: &str| query.with(|q| q.get(k).unwrap_or_default());
    let gegevens = OnceResource::new(scenarios_ophalen(code.clone()));
    view! {
        {gemeentekop("Scenario's vergelijken van", code.clone())}
        {laden_eigen("De scenario's worden geladen…", gegevens, move |(basis, lijst)| {
            let code = code.clone();
            async move {
                let (a, b) = (gekozen("a"), gekozen("b"));
                view! { <Vergelijking code basis lijst a b /> }.into_any()
            }
        })}
    }
}

#[component]
fn Vergelijking(
    code: String,
    basis: Planbasis,
    lijst: Vec<Benoemdscenario>,
    a: String,
    b: String,
) -> impl IntoView {
    let Ok(gemeente) = GemeenteCode::parse(&code) else {
        return view! { <p class="gp-fout" role="alert">"Onbekende gemeentecode."</p> }.into_any();
    };
    if lijst.is_empty() {
        return view! {
            <p class="utrecht-paragraph">
                "Er zijn nog geen opgeslagen scenario's. Maak er een op de "
                <a class="utrecht-link" href="/">"Routekaart"</a> "."
            </p>
        }
        .into_any();
    }
    // The published plan is a scenario without edits.
    let gepubliceerd = Scenario {
        gemeente,
        peildatum: basis.peildatum,
        basisversie: String::new(),
        wijzigingen: Vec::new(),
    };
    let uitwerken = |id: &str| -> (String, Overstapplan) {
        match lijst.iter().find(|s| s.id == id) {
            Some(s) => (s.naam.clone(), s.scenario.werk_uit(&basis.basis).plan),
            None => (
                "Gepubliceerd".to_owned(),
                gepubliceerd.werk_uit(&basis.basis).plan,
            ),
        }
    };
    let b = if b.is_empty() { lijst[0].id.clone() } else { b };
    let (naam_a, plan_a) = uitwerken(&a);
    let (naam_b, plan_b) = uitwerken(&b);
    let v = vergelijk(&plan_a, &plan_b);
    let (kop_a, kop_b) = (format!("A: {naam_a}"), format!("B: {naam_b}"));
    let (samenvatting_a, samenvatting_b) = (kop_a.clone(), kop_b.clone());
    let keuze = |veld: &'static str, gekozen: String| {
        let opties = std::iter::once(("".to_owned(), "Gepubliceerd".to_owned()))
            .chain(lijst.iter().map(|s| (s.id.clone(), s.naam.clone())))
            .map(|(id, naam)| {
                let is = id == gekozen;
                view! { <option value=id selected=is>{naam}</option> }
            })
            .collect_view();
        view! {
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for=format!("keuze-{veld}")>{format!("Scenario {}", veld.to_uppercase())}</label>
                <select class="utrecht-select" id=format!("keuze-{veld}") name=veld>{opties}</select>
            </div>
        }
    };
    let verschoven: Vec<_> = v.overstapmomenten.iter().filter(|m| m.a != m.b).collect();
    let gelijk = v.overstapmomenten.len() - verschoven.len();
    let heeft_verschil = !verschoven.is_empty();
    let momenten = verschoven
        .iter()
        .map(|m| {
            let d = |x: Option<chrono::NaiveDate>| x.map_or_else(|| "—".to_owned(), datum_kort);
            let verschil = m.verschil_dagen.map_or_else(
                || "—".to_owned(),
                |v| match v {
                    0 => "gelijk".into(),
                    v if v > 0 => format!("{} dagen later", getal(v)),
                    v => format!("{} dagen eerder", getal(-v)),
                },
            );
            view! {
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">{m.naam.clone()}</th>
                    <td class="utrecht-table__cell">{d(m.a)}</td>
                    <td class="utrecht-table__cell">{d(m.b)}</td>
                    <td class="utrecht-table__cell">{verschil}</td>
                </tr>
            }
        })
        .collect_view();
    let jaren = v
        .besparing
        .iter()
        .zip(&v.bijdragen)
        .filter(|(s, d)| s.a != s.b || d.a != d.b)
        .map(|(s, d)| {
            view! {
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">{s.jaar}</th>
                    <td class="utrecht-table__cell gp-getal">{bedrag(s.a)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(s.b)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(d.a)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(d.b)}</td>
                </tr>
            }
        })
        .collect_view();
    let jaar =
        |j: Option<i32>| j.map_or_else(|| "niet binnen de horizon".to_owned(), |j| j.to_string());
    let netto = |plan: &Overstapplan| plan.netto_per_jaar.iter().map(|j| j.euro).sum::<i64>();
    let kwartalen = |lijst: &[domain::Kwartaal]| {
        if lijst.is_empty() {
            "geen".to_owned()
        } else {
            lijst
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    view! {
        <form class="gp-filters" method="get">
            {keuze("a", a.clone())}
            {keuze("b", b.clone())}
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Vergelijken"</button>
        </form>
        <Schuifvlak label="Samenvatting van de vergelijking">
            <table class="utrecht-table utrecht-table--html-table" id="vergelijking-samenvatting">
                <caption class="utrecht-table__caption">"Samenvatting"</caption>
                <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                        <td class="utrecht-table__header-cell"></td>
                        <th class="utrecht-table__header-cell" scope="col">{samenvatting_a}</th>
                        <th class="utrecht-table__header-cell" scope="col">{samenvatting_b}</th>
                    </tr>
                </thead>
                <tbody class="utrecht-table__body">
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">"Terugverdienjaar"</th>
                        <td class="utrecht-table__cell">{jaar(plan_a.terugverdienjaar)}</td>
                        <td class="utrecht-table__cell">{jaar(plan_b.terugverdienjaar)}</td>
                    </tr>
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">"Netto over de planperiode"</th>
                        <td class="utrecht-table__cell gp-getal">{bedrag(netto(&plan_a))}</td>
                        <td class="utrecht-table__cell gp-getal">{bedrag(netto(&plan_b))}</td>
                    </tr>
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">"Overbelaste kwartalen"</th>
                        <td class="utrecht-table__cell">{kwartalen(&v.overbelast_a)}</td>
                        <td class="utrecht-table__cell">{kwartalen(&v.overbelast_b)}</td>
                    </tr>
                </tbody>
            </table>
        </Schuifvlak>
        <h2 class="utrecht-heading-2">"Overstapmomenten die verschillen"</h2>
        <p class="utrecht-paragraph" id="vergelijking-gelijk">
            {match (verschoven.len(), gelijk) {
                (0, _) => "Geen: elke applicatie stapt in beide scenario's op hetzelfde moment over.".to_owned(),
                (_, 1) => "1 andere applicatie stapt in beide op hetzelfde moment over.".to_owned(),
                (_, n) => format!("{} andere applicaties stappen in beide op hetzelfde moment over.", aantal(n)),
            }}
        </p>
        {heeft_verschil.then(|| view! {
        <Schuifvlak label="Overstapmomenten die verschillen">
            <table class="utrecht-table utrecht-table--html-table" id="vergelijking-momenten">
                <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="col">"Applicatie"</th>
                        <th class="utrecht-table__header-cell" scope="col">{kop_a}</th>
                        <th class="utrecht-table__header-cell" scope="col">{kop_b}</th>
                        <th class="utrecht-table__header-cell" scope="col">"B ten opzichte van A"</th>
                    </tr>
                </thead>
                <tbody class="utrecht-table__body">{momenten}</tbody>
            </table>
        </Schuifvlak>
        })}
        <h2 class="utrecht-heading-2">"Jaren waarin het geld verschilt"</h2>
        <Schuifvlak label="Scenario's">
            <table class="utrecht-table utrecht-table--html-table">
                <Kolomkoppen koppen=&["Jaar", "Besparing A", "Besparing B", "Bijdragen A", "Bijdragen B"] />
                <tbody class="utrecht-table__body">{jaren}</tbody>
            </table>
        </Schuifvlak>
    }
    .into_any()
}
