//! Per applicatie its exit points against the day the component is ready: a row per
//! applicatie in one SVG, with shapes that differ (open circle: exit point whose notice
//! deadline has passed; filled circle: usable; triangle: ready; diamond: overstapmoment),
//! so nothing depends on colour. The table above it holds the same dates as text.

use chrono::NaiveDate;
use domain::overstap::uitstappunten;
use domain::{Applicatie, Overstap, Uitkomst, plus_maanden};
use leptos::prelude::*;

use crate::components::vast::vast;
use crate::formaat::datum_kort;
use crate::schaal::Tijdas;

const LABEL: f64 = 260.0;
const BREEDTE: f64 = 960.0;
const RIJ: f64 = 26.0;
/// How far the timeline looks ahead of the peildatum.
const JAREN: i32 = 6;

/// The timeline.
#[component]
pub fn Uitstaptijdlijn(
    peildatum: NaiveDate,
    applicaties: Vec<Applicatie>,
    overstappen: Vec<Overstap>,
) -> impl IntoView {
    vast(move || {
        let eind = plus_maanden(peildatum, 12 * JAREN).unwrap_or(peildatum);
        let Some(as_) = Tijdas::rond([peildatum, eind]) else {
            return ().into_any();
        };
        let x = move |d: NaiveDate| LABEL + (BREEDTE - LABEL) * as_.procent(d) / 100.0;
        let rijen: Vec<(Applicatie, Overstap)> = applicaties
            .into_iter()
            .zip(overstappen)
            .filter(|(_, o)| o.uitkomst != Uitkomst::GeenComponent)
            .collect();
        if rijen.is_empty() {
            return view! {
            <p class="utrecht-paragraph">"Geen applicatie heeft een component om naar over te stappen."</p>
        }
        .into_any();
        }
        let hoogte = RIJ * rijen.len() as f64 + 30.0;
        let jaren = as_
            .jaren()
            .into_iter()
            .map(|j| {
                let links = LABEL + (BREEDTE - LABEL) * j.links / 100.0;
                view! {
                    <line class="gp-raster" x1=links y1="20" x2=links y2=hoogte />
                    <text class="gp-svg-tekst" x=links + 4.0 y="14">{j.jaar}</text>
                }
            })
            .collect_view();
        let regels = rijen
        .into_iter()
        .enumerate()
        .map(|(i, (app, overstap))| {
            let y = 30.0 + RIJ * i as f64 + RIJ / 2.0;
            let punten = uitstappunten(&app.contract, peildatum);
            let gereed = match &overstap.uitkomst {
                Uitkomst::Overstap { gereed, .. }
                | Uitkomst::Overbrugging { gereed, .. }
                | Uitkomst::GeenMoment { gereed, .. } => Some(*gereed),
                Uitkomst::GeenComponent => None,
            };
            let moment = overstap.uitkomst.overstapmoment();
            let beschrijving = format!(
                "{}: uitstappunten {}; gereed {}; overstapmoment {}",
                app.naam,
                punten
                    .punten
                    .iter()
                    .filter(|d| **d <= eind)
                    .map(|d| datum_kort(*d))
                    .collect::<Vec<_>>()
                    .join(", "),
                gereed.map_or_else(|| "—".into(), datum_kort),
                moment.map_or_else(|| "geen".into(), datum_kort),
            );
            let stippen = punten
                .punten
                .iter()
                .filter(|d| as_.bevat(**d) && **d >= peildatum)
                .map(|&d| {
                    let bruikbaar = punten.bruikbaar(&app.contract, d, peildatum);
                    view! {
                        <circle
                            class=if bruikbaar { "gp-punt gp-punt--bruikbaar" } else { "gp-punt" }
                            cx=x(d)
                            cy=y
                            r="5"
                        />
                    }
                })
                .collect_view();
            let naam: String = app.naam.chars().take(34).collect();
            view! {
                <g>
                    <title>{beschrijving}</title>
                    <text class="gp-svg-tekst" x="0" y=y + 4.0>{naam}</text>
                    <line class="gp-raster" x1=LABEL y1=y x2=BREEDTE y2=y />
                    {stippen}
                    {gereed.filter(|g| as_.bevat(*g)).map(|g| {
                        let gx = x(g);
                        view! { <path class="gp-gereed" d=format!("M{gx},{} l-6,10 h12 z", y - 5.0) /> }
                    })}
                    {moment.filter(|m| as_.bevat(*m)).map(|m| {
                        let mx = x(m);
                        view! { <path class="gp-moment" d=format!("M{mx},{} l8,8 l-8,8 l-8,-8 z", y - 8.0) /> }
                    })}
                </g>
            }
        })
        .collect_view();
        view! {
        <figure class="gp-figuur">
            <svg class="gp-grafiek" viewBox=format!("0 0 {BREEDTE} {hoogte}") role="img" aria-labelledby="tijdlijn-titel">
                <title id="tijdlijn-titel">
                    "Uitstappunten per applicatie tegen de datum waarop de component gereed is; de datums staan ook in de tabel"
                </title>
                {jaren}
                {regels}
            </svg>
            <figcaption class="gp-legenda">
                <span class="gp-legenda__item">"○ uitstappunt, opzegtermijn verstreken"</span>
                <span class="gp-legenda__item">"● bruikbaar uitstappunt"</span>
                <span class="gp-legenda__item">"▲ component gereed"</span>
                <span class="gp-legenda__item">"◆ overstapmoment"</span>
            </figcaption>
        </figure>
    }
    .into_any()
    })
}
