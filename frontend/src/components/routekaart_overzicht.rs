//! The Routekaart as a chart (per opgave its fasen, besluiten and activiteiten on one
//! time axis, draggable: [`Gantt`]) with its legend, plus the same facts as a table for
//! those who do not read charts.

use domain::Opgave;
use domain::landelijk::venster::Vensterbasis;
use leptos::prelude::*;

use crate::components::gantt::Gantt;
use crate::components::landelijk_effect::LandelijkEffect;
use crate::components::opgave_bewerken::NieuweOpgave;
use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::components::vast::vast;
use crate::components::wat_als::WatAls;
use crate::formaat::{datum_lang, periode_lang};
use crate::server_fns::landschap::WatAlsBegin;
use crate::server_fns::routekaart::RoutekaartOverzicht as Overzicht;

/// The Routekaart chart and its table alternative.
#[component]
pub fn RoutekaartOverzicht(
    overzicht: Overzicht,
    /// Where the what-if starts for this reader.
    wat_als: Result<WatAlsBegin, ServerFnError>,
    /// Regie's basis for the national effect (`None` for anyone else).
    vensters: Result<Option<Vensterbasis>, ServerFnError>,
    /// The session's CSRF token when regie is logged in.
    regie_csrf: Option<String>,
) -> impl IntoView {
    let Overzicht { peildatum, opgaven } = overzicht;
    let concept = RwSignal::new(opgaven.clone());
    let stappen = RwSignal::new(Vec::new());
    let sleepstap = RwSignal::new(None);
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
                    "Besluitmoment, met het orgaan: CvD College van Dienstverleningszaken, LV Ledenvergadering, B Bestuur"
                </li>
                <li>
                    <span aria-hidden="true">"↳ "</span>
                    "Afhankelijkheid: begint na het einde van de vorige"
                </li>
                <li>
                    <span class="gp-legenda__vandaag" aria-hidden="true"></span>
                    "Vandaag: "
                    {datum_lang(peildatum)}
                </li>
            </ul>
            <Gantt opgaven=opgaven.clone() peildatum concept stappen sleepstap />
        </section>
        <LandelijkEffect basis=vensters kaart=concept.into() gepubliceerd=opgaven.clone() />
        <WatAls begin=wat_als stappen sleepstap=sleepstap.into() />
        <NieuweOpgave regie_csrf />
        <RoutekaartTabel opgaven />
    }
}

/// The same facts as the chart, as a table inside a disclosure.
#[component]
fn RoutekaartTabel(opgaven: Vec<Opgave>) -> impl IntoView {
    vast(move || {
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
                <Schuifvlak label="Routekaart als tabel">
                    <table class="utrecht-table utrecht-table--html-table">
                        <caption class="utrecht-table__caption">"Fasen en besluitmomenten per opgave"</caption>
                        <Kolomkoppen koppen=&["Opgave", "Ontwikkelfase", "Opschalingsfase", "Besluiten"] />
                        <tbody class="utrecht-table__body">{rijen}</tbody>
                    </table>
                </Schuifvlak>
            </details>
        }
    })
}
