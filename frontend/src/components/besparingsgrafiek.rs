//! Besparing and bijdragen per year: an SVG bar chart drawn by the app (bars told apart by
//! pattern and label, not by colour alone) with the same figures in a table.

use domain::plan::{Jaarbedrag, in_jaar};
use leptos::prelude::*;

use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::components::vast::vast;
use crate::formaat::bedrag;
use crate::grafiek::Staafvlak;

const BREEDTE: f64 = 960.0;
const HOOGTE: f64 = 220.0;

/// The chart and its table.
#[component]
pub fn Besparingsgrafiek(
    besparing: Vec<Jaarbedrag>,
    bijdragen: Vec<Jaarbedrag>,
    netto: Vec<Jaarbedrag>,
) -> impl IntoView {
    vast(move || {
        let bij = |jaar: i32| in_jaar(&bijdragen, jaar);
        let mut lopend = 0;
        let rijen = netto
            .iter()
            .map(|n| {
                lopend += n.euro;
                let b = in_jaar(&besparing, n.jaar);
                view! {
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">{n.jaar}</th>
                        <td class="utrecht-table__cell gp-getal">{bedrag(b)}</td>
                        <td class="utrecht-table__cell gp-getal">{bedrag(bij(n.jaar))}</td>
                        <td class="utrecht-table__cell gp-getal">{bedrag(n.euro)}</td>
                        <td class="utrecht-table__cell gp-getal">{bedrag(lopend)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <Geldgrafiek id="besparing-grafiek" besparing=besparing.clone() bijdragen=bijdragen.clone() />
            <Schuifvlak label="Besparing en bijdragen per jaar">
                <table class="utrecht-table utrecht-table--html-table" id="besparing-tabel">
                    <caption class="utrecht-table__caption">"Besparing en bijdragen per jaar"</caption>
                    <Kolomkoppen koppen=&["Jaar", "Besparing", "Bijdragen", "Netto", "Netto opgeteld"] />
                    <tbody class="utrecht-table__body">{rijen}</tbody>
                </table>
            </Schuifvlak>
        }
    })
}

/// The bars alone, for a page that shows the figures in its own table; `id` keeps the ids
/// of two charts on one page apart. Without `bijdragen` only besparing is drawn.
#[component]
pub fn Geldgrafiek(
    id: &'static str,
    besparing: Vec<Jaarbedrag>,
    bijdragen: Vec<Jaarbedrag>,
) -> impl IntoView {
    vast(move || {
        let met_bijdragen = !bijdragen.is_empty();
        let max = besparing
            .iter()
            .chain(&bijdragen)
            .map(|j| j.euro)
            .max()
            .unwrap_or(0);
        let vlak = Staafvlak {
            breedte: BREEDTE,
            hoogte: HOOGTE,
            groepen: besparing.len(),
            per_groep: if met_bijdragen { 2 } else { 1 },
            max,
        };
        let arcering = format!("{id}-arcering");
        let staven = besparing
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let s = vlak.staaf(i, 0, b.euro);
            let bij = in_jaar(&bijdragen, b.jaar);
            let d = vlak.staaf(i, 1, bij);
            let titel = if met_bijdragen {
                format!("{}: besparing {}, bijdragen {}", b.jaar, bedrag(b.euro), bedrag(bij))
            } else {
                format!("{}: besparing {}", b.jaar, bedrag(b.euro))
            };
            view! {
                <g>
                    <title>{titel}</title>
                    <rect class="gp-staaf gp-staaf--besparing" x=s.x y=s.y width=s.breedte height=s.hoogte />
                    {met_bijdragen.then(|| view! {
                        <rect class="gp-staaf gp-staaf--bijdragen" x=d.x y=d.y width=d.breedte height=d.hoogte
                            fill=format!("url(#{arcering})") />
                    })}
                    <text class="gp-svg-tekst" x=vlak.midden(i) y=HOOGTE + 16.0 text-anchor="middle">{b.jaar}</text>
                </g>
            }
        })
        .collect_view();
        let titel_id = format!("{id}-titel");
        let titel_ref = titel_id.clone();
        let titel = if met_bijdragen {
            "Besparing (effen) en bijdragen (gearceerd) per jaar; de cijfers staan in de tabel hieronder"
        } else {
            "Besparing per jaar; de cijfers staan in de tabel hieronder"
        };
        view! {
            <figure class="gp-figuur" id=id>
                <svg
                    class="gp-grafiek"
                    viewBox=format!("0 -18 {BREEDTE} {}", HOOGTE + 38.0)
                    role="img"
                    aria-labelledby=titel_ref
                >
                    <title id=titel_id>{titel}</title>
                    {arcering_patroon(arcering.clone(), "gp-arcering-lijn")}
                    <line class="gp-basislijn" x1="0" y1=HOOGTE x2=BREEDTE y2=HOOGTE />
                    {(max > 0).then(|| view! {
                        <line class="gp-raster" x1="0" y1="0" x2=BREEDTE y2="0" />
                        <text class="gp-svg-tekst" x=BREEDTE y="-2" text-anchor="end">{bedrag(max)}</text>
                    })}
                    {staven}
                </svg>
                <figcaption class="gp-legenda">
                    <span class="gp-legenda__item"><span class="gp-legenda__vak gp-staaf--besparing"></span>"Besparing (effen)"</span>
                    {met_bijdragen.then(|| view! {
                        <span class="gp-legenda__item"><span class="gp-legenda__vak gp-legenda__vak--arcering"></span>"Bijdragen (gearceerd)"</span>
                    })}
                </figcaption>
            </figure>
        }
    })
}

/// The hatching a chart fills bars with (`fill="url(#{id})"`), its lines styled by
/// `lijnklasse`: told apart without colour.
pub fn arcering_patroon(id: String, lijnklasse: &'static str) -> impl IntoView {
    view! {
        <defs>
            <pattern id=id width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" class="gp-arcering-achtergrond" />
                <line x1="0" y1="0" x2="0" y2="6" class=lijnklasse />
            </pattern>
        </defs>
    }
}
