//! The Routekaart as a chart: one row per opgave with its two fasen as bars on a shared
//! year axis, besluiten as diamonds and a line for today; plus the same facts as a table
//! for those who do not read charts.

use domain::{Besluit, Fase, FaseSoort, Opgave, Rol};
use leptos::prelude::*;

use crate::formaat::{datum_lang, periode_lang};
use crate::schaal::{Tijdas, css_procent};
use crate::server_fns::routekaart::RoutekaartOverzicht as Overzicht;

/// The Routekaart chart and its table alternative.
#[component]
pub fn RoutekaartOverzicht(overzicht: Overzicht) -> impl IntoView {
    let Overzicht { peildatum, opgaven } = overzicht;
    let datums = opgaven
        .iter()
        .flat_map(|o| {
            [o.ontwikkelfase.periode, o.opschalingsfase.periode]
                .into_iter()
                .flat_map(|p| [p.start(), p.eind()])
                .chain(o.besluiten.iter().map(|b| b.datum))
        })
        .chain([peildatum]);
    let Some(as_) = Tijdas::rond(datums) else {
        return view! { <p class="utrecht-paragraph">"Er staan nog geen opgaven op de Routekaart."</p> }
            .into_any();
    };
    let vandaag = as_
        .bevat(peildatum)
        .then(|| css_procent(as_.procent(peildatum)));
    let aantal_jaren = as_.jaren().len();
    let jaren = as_
        .jaren()
        .into_iter()
        .map(|j| {
            let stijl = format!(
                "left:{};width:{}",
                css_procent(j.links),
                css_procent(j.breedte)
            );
            view! { <span class="gp-as__jaar" style=stijl>{j.jaar}</span> }
        })
        .collect_view();
    let rijen = opgaven
        .iter()
        .map(|opgave| view! { <OpgaveRij opgave=opgave.clone() as_ vandaag=vandaag.clone() /> })
        .collect_view();
    view! {
        <section class="gp-routekaart" aria-label="Routekaart als tijdlijn">
            <ul class="gp-legenda" aria-label="Legenda">
                <li>
                    <span class="gp-legenda__staal gp-balk--ontwikkelfase" aria-hidden="true"></span>
                    "Ontwikkelfase (coalitiepartners)"
                </li>
                <li>
                    <span class="gp-legenda__staal gp-balk--opschalingsfase" aria-hidden="true"></span>
                    "Opschalingsfase (eerste gebruikers, daarna iedereen)"
                </li>
                <li>
                    <span class="gp-legenda__ruit" aria-hidden="true"></span>
                    "Besluitmoment"
                </li>
                <li>
                    <span class="gp-legenda__vandaag" aria-hidden="true"></span>
                    "Vandaag: "
                    {datum_lang(peildatum)}
                </li>
            </ul>
            <div class="gp-tijdlijn" style=format!("--gp-jaren:{aantal_jaren}")>
                <div class="gp-tijdlijn__as" aria-hidden="true">
                    <span class="gp-tijdlijn__kop">"Opgave"</span>
                    <div class="gp-as">{jaren}</div>
                </div>
                <ol class="gp-tijdlijn__rijen">{rijen}</ol>
            </div>
        </section>
        <RoutekaartTabel opgaven />
    }
    .into_any()
}

/// One opgave: its name and numbers of deelnemers, and its lane with bars and diamonds.
#[component]
fn OpgaveRij(opgave: Opgave, as_: Tijdas, vandaag: Option<String>) -> impl IntoView {
    let coalitiepartners = opgave.deelnemers_met(Rol::Coalitiepartner).count();
    let eerste_gebruikers = opgave.deelnemers_met(Rol::EersteGebruiker).count();
    let balken = [FaseSoort::Ontwikkelfase, FaseSoort::Opschalingsfase]
        .map(|soort| fase_balk(&as_, soort, opgave.fase(soort)))
        .into_iter()
        .collect_view();
    let besluiten = opgave
        .besluiten
        .iter()
        .map(|b| besluit_ruit(&as_, b))
        .collect_view();
    view! {
        <li class="gp-rij">
            <div class="gp-rij__kop">
                <h2 class="gp-rij__naam">{opgave.naam.clone()}</h2>
                <p class="gp-rij__deelnemers">
                    {format!(
                        "{coalitiepartners} coalitiepartner{}, {eerste_gebruikers} eerste gebruiker{}",
                        if coalitiepartners == 1 { "" } else { "s" },
                        if eerste_gebruikers == 1 { "" } else { "s" },
                    )}
                </p>
            </div>
            <div class="gp-rij__baan">
                {vandaag
                    .map(|links| {
                        view! {
                            <span class="gp-vandaag" style=format!("left:{links}") aria-hidden="true"></span>
                        }
                    })}
                {balken}
                {besluiten}
            </div>
        </li>
    }
}

fn fase_balk(as_: &Tijdas, soort: FaseSoort, fase: &Fase) -> impl IntoView + use<> {
    let (start, eind) = (fase.periode.start(), fase.periode.eind());
    let stijl = format!(
        "left:{};width:{}",
        css_procent(as_.procent(start)),
        css_procent(as_.breedte(start, eind))
    );
    let tekst = format!("{}: {}", soort.label(), periode_lang(start, eind));
    let klasse = match soort {
        FaseSoort::Ontwikkelfase => "gp-balk gp-balk--ontwikkelfase",
        FaseSoort::Opschalingsfase => "gp-balk gp-balk--opschalingsfase",
    };
    let titel = tekst.clone();
    view! {
        <span class=klasse style=stijl title=titel>
            <span class="gp-visueel-verborgen">{tekst}</span>
        </span>
    }
}

fn besluit_ruit(as_: &Tijdas, besluit: &Besluit) -> impl IntoView + use<> {
    let stijl = format!("left:{}", css_procent(as_.procent(besluit.datum)));
    let tekst = format!(
        "Besluit {} ({}): {}",
        datum_lang(besluit.datum),
        besluit.orgaan.label(),
        besluit.onderwerp
    );
    let titel = tekst.clone();
    view! {
        <span class="gp-besluit" style=stijl title=titel>
            <span class="gp-visueel-verborgen">{tekst}</span>
        </span>
    }
}

/// The same facts as the chart, as a table inside a disclosure.
#[component]
fn RoutekaartTabel(opgaven: Vec<Opgave>) -> impl IntoView {
    let rijen = opgaven
        .into_iter()
        .map(|o| {
            let besluiten = o
                .besluiten
                .iter()
                .map(|b| format!("{}: {}", datum_lang(b.datum), b.onderwerp))
                .collect::<Vec<_>>()
                .join("; ");
            view! {
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">{o.naam.clone()}</th>
                    <td class="utrecht-table__cell">
                        {periode_lang(o.ontwikkelfase.periode.start(), o.ontwikkelfase.periode.eind())}
                    </td>
                    <td class="utrecht-table__cell">
                        {periode_lang(o.opschalingsfase.periode.start(), o.opschalingsfase.periode.eind())}
                    </td>
                    <td class="utrecht-table__cell">{besluiten}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="gp-als-tabel">
            <summary>"Routekaart als tabel"</summary>
            <table class="utrecht-table utrecht-table--html-table">
                <caption class="utrecht-table__caption">"Fasen en besluitmomenten per opgave"</caption>
                <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="col">"Opgave"</th>
                        <th class="utrecht-table__header-cell" scope="col">"Ontwikkelfase"</th>
                        <th class="utrecht-table__header-cell" scope="col">"Opschalingsfase"</th>
                        <th class="utrecht-table__header-cell" scope="col">"Besluiten"</th>
                    </tr>
                </thead>
                <tbody class="utrecht-table__body">{rijen}</tbody>
            </table>
        </details>
    }
}
