//! People per quarter against the capaciteit: an SVG bar chart drawn by the app (an
//! overloaded quarter is hatched and marked "!", the capaciteit is a dashed line, so
//! nothing rests on colour alone) with the same figures in a table that says, by name,
//! which opgaven and applicaties overload a quarter.

use std::collections::HashMap;

use domain::Overstapplan;
use domain::plan::Oorzaak;
use domain::scenario::Basis;
use leptos::prelude::*;

use crate::components::besparingsgrafiek::arcering_patroon;
use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::components::vast::vast;
use crate::formaat::{fte, kwartaal_kort};

const BREEDTE: f64 = 960.0;
const HOOGTE: f64 = 200.0;

/// What causes load, in words: "coalitiepartner in Zaakgericht werken", "migratie van
/// Zaaksysteem X".
pub fn oorzaak(oorzaak: &Oorzaak, basis: &Basis) -> String {
    match oorzaak {
        Oorzaak::Bijdrage { opgave, rol } => {
            let naam = basis
                .routekaart
                .iter()
                .find(|o| &o.id == opgave)
                .map_or_else(|| opgave.to_string(), |o| o.naam.clone());
            format!("{} in {naam}", rol.label())
        }
        Oorzaak::Migratie { applicatie } => {
            let naam = basis
                .applicaties
                .iter()
                .find(|a| &a.id == applicatie)
                .map_or_else(|| applicatie.to_string(), |a| a.naam.clone());
            format!("migratie van {naam}")
        }
    }
}

/// The chart and its table for `plan`, worked out on `basis`; `id` keeps the ids of two
/// charts on one page apart.
#[component]
pub fn Belastinggrafiek(plan: Overstapplan, basis: Basis, id: &'static str) -> impl IntoView {
    vast(move || {
        let capaciteit = basis.capaciteit.map(|c| c.fte_per_kwartaal);
        let redenen: HashMap<_, String> = plan
            .overbelast
            .kwartalen
            .iter()
            .map(|k| {
                let oorzaken: Vec<String> = k
                    .posten
                    .iter()
                    .map(|p| format!("{} {}", oorzaak(&p.oorzaak, &basis), fte(p.fte)))
                    .collect();
                (
                    k.kwartaal,
                    format!(
                        "Overbelast: {} boven {}; door {}",
                        fte(k.fte),
                        fte(k.capaciteit),
                        oorzaken.join(", ")
                    ),
                )
            })
            .collect();
        let kwartalen = &plan.belasting_per_kwartaal;
        let max = kwartalen
            .iter()
            .map(|k| k.fte)
            .chain(capaciteit)
            .fold(0.0_f64, f64::max)
            .max(0.1);
        let y = |waarde: f64| HOOGTE - HOOGTE * (waarde.max(0.0) / max);
        let vak = BREEDTE / kwartalen.len().max(1) as f64;
        let arcering = format!("{id}-arcering");
        let staven = kwartalen
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let x = vak * i as f64 + vak * 0.1;
            let over = redenen.contains_key(&k.kwartaal);
            let top = y(k.fte);
            let label = (k.kwartaal.nummer() == 1 || i == 0).then(|| {
                view! {
                    <text class="gp-svg-tekst" x=x y=HOOGTE + 16.0>{k.kwartaal.jaar()}</text>
                }
            });
            let titel = format!(
                "{}: {}{}",
                kwartaal_kort(k.kwartaal),
                fte(k.fte),
                if over { ", overbelast" } else { "" }
            );
            view! {
                <g>
                    <title>{titel}</title>
                    <rect class="gp-staaf" class:gp-staaf--besparing=!over class:gp-staaf--over=over
                        x=x y=top width=vak * 0.8 height=HOOGTE - top
                        fill=over.then(|| format!("url(#{arcering})")) />
                    {over.then(|| view! {
                        <text class="gp-svg-tekst gp-svg-tekst--vet" x=x + vak * 0.4 y=top - 3.0 text-anchor="middle">"!"</text>
                    })}
                    {label}
                </g>
            }
        })
        .collect_view();
        let lijn = capaciteit.map(|c| {
            let hoogte = y(c);
            view! { <line class="gp-capaciteitslijn" x1="0" y1=hoogte x2=BREEDTE y2=hoogte /> }
        });
        let rijen = kwartalen
        .iter()
        .filter(|k| k.fte >= 0.05 || redenen.contains_key(&k.kwartaal))
        .map(|k| {
            let reden = redenen.get(&k.kwartaal).cloned();
            let over = reden.is_some();
            let status = reden.unwrap_or_else(|| {
                if capaciteit.is_some() {
                    "Binnen de capaciteit"
                } else {
                    "Capaciteit onbekend"
                }
                .to_owned()
            });
            view! {
                <tr class="utrecht-table__row" class:gp-urgent=over>
                    <th class="utrecht-table__header-cell" scope="row">{kwartaal_kort(k.kwartaal)}</th>
                    <td class="utrecht-table__cell gp-getal">{fte(k.fte)}</td>
                    <td class="utrecht-table__cell">{status}</td>
                </tr>
            }
        })
        .collect_view();
        let titel_id = format!("{id}-titel");
        let titel_ref = titel_id.clone();
        let samenvatting = match capaciteit {
        Some(c) => format!(
            "Belasting per kwartaal in fte tegen de capaciteit van {}; {} kwartalen overbelast (gearceerd en met een uitroepteken). De cijfers staan in de tabel hieronder.",
            fte(c),
            redenen.len()
        ),
        None => "Belasting per kwartaal in fte; de capaciteit is nog niet ingevuld. De cijfers staan in de tabel hieronder.".to_owned(),
    };
        view! {
            <figure class="gp-figuur" id=format!("{id}-grafiek")>
                <svg class="gp-grafiek" viewBox=format!("0 -18 {BREEDTE} {}", HOOGTE + 38.0)
                    role="img" aria-labelledby=titel_ref>
                    <title id=titel_id>{samenvatting}</title>
                    {arcering_patroon(arcering.clone(), "gp-over-lijn")}
                    <line class="gp-basislijn" x1="0" y1=HOOGTE x2=BREEDTE y2=HOOGTE />
                    <line class="gp-raster" x1="0" y1="0" x2=BREEDTE y2="0" />
                    <text class="gp-svg-tekst" x=BREEDTE y="-2" text-anchor="end">{fte(max)}</text>
                    {staven}
                    {lijn}
                </svg>
                <figcaption class="gp-legenda">
                    {match capaciteit {
                        Some(c) => view! {
                            <span class="gp-legenda__item"><span class="gp-legenda__vak gp-staaf--besparing"></span>"Binnen de capaciteit (effen)"</span>
                            <span class="gp-legenda__item"><span class="gp-legenda__vak gp-legenda__vak--over"></span>"Overbelast (gearceerd, !)"</span>
                            <span class="gp-legenda__item"><span class="gp-legenda__streep"></span>{format!("Capaciteit {} (stippellijn)", fte(c))}</span>
                        }.into_any(),
                        None => view! {
                            <span class="gp-legenda__item"><span class="gp-legenda__vak gp-staaf--besparing"></span>"Belasting (capaciteit nog onbekend)"</span>
                        }.into_any(),
                    }}
                </figcaption>
            </figure>
            <Schuifvlak label="Mensen per kwartaal">
                <table class="utrecht-table utrecht-table--html-table" id=id>
                    <caption class="utrecht-table__caption">"Belasting per kwartaal tegen de capaciteit"</caption>
                    <Kolomkoppen koppen=&["Kwartaal", "Belasting", "Tegen de capaciteit"] />
                    <tbody class="utrecht-table__body">{rijen}</tbody>
                </table>
            </Schuifvlak>
        }
    })
}
