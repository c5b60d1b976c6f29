//! The Routekaart you can drag: fasen and activiteiten as bars on one time axis. Drag a
//! bar (mouse, touch or pen: pointer events) to move it, its ends to resize it; or focus
//! it and use the arrow keys. Every change runs DOMAIN.md section 4 in the browser
//! (`domain::tijdlijn::bewerk`): what moved along is highlighted and listed and announced.
//! Ctrl+Z and Ctrl+Y undo and redo, one drag being one step. The steps are a draft kept in
//! the browser's storage, so a reload keeps them; the published Routekaart is unchanged.

//!
//! [`concept`] holds the draft (its steps, kept in the browser, and how a change reads),
//! [`zoom`] the scale of the time axis, [`balken`] the rows, bars and dependency arrows,
//! [`maat`] the layout maths.

mod balken;
mod concept;
pub mod maat;
mod zoom;

use chrono::{Datelike, NaiveDate};
use domain::Opgave;
use domain::tijdlijn::Bewerking;
use leptos::prelude::*;

use crate::schaal::{Tijdas, css_procent};
use balken::{Balkstanden, Bediening, Sleep, opgaverijen};
use concept::{Stand, beschrijving, bewaar_concept, namen, verschuivingsregels};
use zoom::Zoom;

/// The draggable Routekaart.
#[component]
pub fn Gantt(
    opgaven: Vec<Opgave>,
    peildatum: NaiveDate,
    /// Receives the Routekaart as dragged (the draft plus a drag in progress), for the
    /// what-if that follows it.
    #[prop(optional)]
    concept: Option<RwSignal<Vec<Opgave>>>,
    /// The draft's steps, when the page needs them too (to save a scenario).
    #[prop(optional)]
    stappen: Option<RwSignal<Vec<Bewerking>>>,
    /// The step being dragged, when the page follows the drag too.
    #[prop(optional)]
    sleepstap: Option<RwSignal<Option<Bewerking>>>,
) -> impl IntoView {
    let datums: Vec<NaiveDate> = opgaven
        .iter()
        .flat_map(|o| {
            [o.ontwikkelfase.periode, o.opschalingsfase.periode]
                .into_iter()
                .flat_map(|p| [p.start(), p.eind()])
                .chain(o.besluiten.iter().map(|b| b.datum))
        })
        .chain([peildatum])
        .collect();
    // A year of room after the last date, so bars can be dragged later.
    let laatste = datums.iter().max().copied().unwrap_or(peildatum);
    let ruimte = domain::plus_maanden(laatste, 12).unwrap_or(laatste);
    let Some(as_) = Tijdas::rond(datums.iter().copied().chain([ruimte])) else {
        return view! { <p class="utrecht-paragraph">"Er staan nog geen opgaven op de Routekaart."</p> }
            .into_any();
    };
    let namen = StoredValue::new(namen(&opgaven));
    let basis = StoredValue::new(opgaven.clone());
    let stappen = stappen.unwrap_or_else(|| RwSignal::new(Vec::new()));
    let herhaal = RwSignal::new(Vec::<Bewerking>::new());
    let voorlopig = sleepstap.unwrap_or_else(|| RwSignal::new(None::<Bewerking>));
    let sleep = RwSignal::new(None::<Sleep>);
    let aankondiging = RwSignal::new(String::new());
    // The committed steps change only on a drop, a key or undo; a drag frame adds one edit.
    let vastgelegd = Memo::new(move |_| basis.with_value(|b| stappen.with(|s| Stand::na(b, s))));
    // Always "changed": comparing two whole states costs more than what follows, and a
    // drag sets `voorlopig` only when the step differs.
    let huidig = Memo::new_with_compare(
        move |_| match voorlopig.get() {
            Some(stap) => {
                let mut stand = vastgelegd.with(|s| s.met(&stap));
                stand.meet();
                stand
            }
            None => vastgelegd.get(),
        },
        |_, _| true,
    );
    // A signal per bar: a frame touches only the bars that moved.
    let balken = StoredValue::new(Balkstanden::van(&vastgelegd.get_untracked()));
    Effect::new(move |_| huidig.with(|s| balken.with_value(|b| b.volg(s))));
    let beschrijf = move || {
        let stand = vastgelegd.get_untracked();
        namen.with_value(|n| beschrijving(&stand.verschoven, n))
    };
    let leg_vast = Callback::new(move |stap: Bewerking| {
        stappen.update(|s| s.push(stap));
        herhaal.set(Vec::new());
        aankondiging.set(beschrijf());
    });
    let annuleer = Callback::new(move |()| {
        if sleep.get_untracked().is_some() {
            sleep.set(None);
            voorlopig.set(None);
            aankondiging.set("Slepen geannuleerd.".into());
        }
    });
    let ongedaan = move || {
        if let Some(stap) = stappen.try_update(Vec::pop).flatten() {
            herhaal.update(|h| h.push(stap));
            aankondiging.set("Laatste stap ongedaan gemaakt.".into());
        }
    };
    let opnieuw = move || {
        if let Some(stap) = herhaal.try_update(Vec::pop).flatten() {
            stappen.update(|s| s.push(stap));
            aankondiging.set(format!("Opnieuw gedaan. {}", beschrijf()));
        }
    };
    bewaar_concept(stappen);
    if let Some(concept) = concept {
        Effect::new(move |_| concept.set(huidig.with(|s| s.kaart.clone())));
    }

    let bediening = Bediening {
        balken,
        voorlopig,
        sleep,
        leg_vast,
        annuleer,
        as_,
        dagen: as_.dagen(),
    };
    let aantal_jaren = as_.jaren().len();
    let zoom = RwSignal::new(Zoom::Jaren);
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
    let onderverdeling = move || {
        let (maanden, label): (i32, fn(NaiveDate) -> String) = match zoom.get() {
            Zoom::Jaren => return Vec::new(),
            Zoom::Kwartalen => (3, |d| format!("K{}", d.month0() / 3 + 1)),
            Zoom::Maanden => (1, |d| crate::formaat::maand_kort(d).to_owned()),
        };
        as_.vakken(maanden)
            .into_iter()
            .map(|(dag, links, breedte)| {
                let stijl = format!("left:{};width:{}", css_procent(links), css_procent(breedte));
                view! { <span class="gp-as__vak" style=stijl>{label(dag)}</span> }
            })
            .collect::<Vec<_>>()
    };
    let vandaag = as_
        .bevat(peildatum)
        .then(|| css_procent(as_.procent(peildatum)));
    let rijen = opgaven
        .iter()
        .map(|o| opgaverijen(o, bediening, vandaag.clone()))
        .collect_view();
    let sneltoetsen = move |ev: leptos::ev::KeyboardEvent| {
        let ctrl = ev.ctrl_key() || ev.meta_key();
        match ev.key().as_str() {
            "z" | "Z" if ctrl && !ev.shift_key() => {
                ev.prevent_default();
                ongedaan();
            }
            "y" | "Y" if ctrl => {
                ev.prevent_default();
                opnieuw();
            }
            "z" | "Z" if ctrl => {
                ev.prevent_default();
                opnieuw();
            }
            _ => {}
        }
    };
    view! {
        <section class="gp-gantt" aria-labelledby="gantt-kop" on:keydown=sneltoetsen>
            <h2 class="utrecht-heading-2" id="gantt-kop">"Routekaart verschuiven"</h2>
            <p class="utrecht-paragraph" id="gantt-uitleg">
                "Sleep een balk om hem te verplaatsen, of de rand om hem korter of langer te maken. "
                "Met het toetsenbord: kies een balk met Tab; pijltjes verschuiven een week, Shift+pijltjes een maand, "
                "Alt+pijltjes verschuiven het einde van een activiteit en Alt+Shift+pijltjes het begin; Escape annuleert het slepen; Ctrl+Z maakt ongedaan, Ctrl+Y doet opnieuw. "
                "Uw wijzigingen blijven een concept in deze browser; de gepubliceerde Routekaart verandert niet."
            </p>
            <div class="gp-gantt__knoppen">
                <button type="button" class="utrecht-button utrecht-button--secondary-action"
                    disabled=move || stappen.with(Vec::is_empty) on:click=move |_| ongedaan()>
                    "Ongedaan maken"
                </button>
                <button type="button" class="utrecht-button utrecht-button--secondary-action"
                    disabled=move || herhaal.with(Vec::is_empty) on:click=move |_| opnieuw()>
                    "Opnieuw"
                </button>
                <button type="button" class="utrecht-button utrecht-button--subtle"
                    disabled=move || stappen.with(Vec::is_empty)
                    on:click=move |_| {
                        stappen.set(Vec::new());
                        herhaal.set(Vec::new());
                        aankondiging.set("Concept gewist; de gepubliceerde Routekaart staat er weer.".into());
                    }>
                    "Concept wissen"
                </button>
                <span class="gp-gantt__stappen">
                    {move || match stappen.with(Vec::len) {
                        0 => "Geen wijzigingen".to_owned(),
                        1 => "1 wijziging in het concept".to_owned(),
                        n => format!("{n} wijzigingen in het concept"),
                    }}
                </span>
            </div>
            {move || huidig.with(|s| s.fout.clone()).map(|f| view! {
                <p class="gp-fout" role="alert">{format!("Een stap van het concept past niet meer: {f}.")}</p>
            })}
            <p class="gp-visueel-verborgen" aria-live="polite" id="gantt-aankondiging">{move || aankondiging.get()}</p>
            <fieldset class="gp-zoom">
                <legend>"Zoom"</legend>
                {Zoom::ALLE
                    .into_iter()
                    .map(|z| view! {
                        <span class="gp-keuze">
                            <input type="radio" name="gantt-zoom" id=format!("zoom-{}", z.label())
                                prop:checked=move || zoom.get() == z on:change=move |_| zoom.set(z) />
                            <label for=format!("zoom-{}", z.label())>{z.label()}</label>
                        </span>
                    })
                    .collect_view()}
            </fieldset>
            <div
                class="gp-tijdlijn gp-tijdlijn--sleepbaar"
                style=move || format!("--gp-jaren:{aantal_jaren};--gp-zoom:{}", zoom.get().factor())
            >
                <div class="gp-tijdlijn__as" aria-hidden="true">
                    <span class="gp-tijdlijn__kop">"Opgave en activiteit"</span>
                    <div class="gp-as">{jaren} {onderverdeling}</div>
                </div>
                <ol class="gp-tijdlijn__rijen">{rijen}</ol>
            </div>
            <h3 class="utrecht-heading-3">"Wat er verschoof"</h3>
            {move || {
                let regels = vastgelegd.with(|s| namen.with_value(|n| verschuivingsregels(&s.verschoven, n)));
                if regels.is_empty() {
                    view! { <p class="utrecht-paragraph">"Nog niets: verschuif een balk."</p> }.into_any()
                } else {
                    view! {
                        <ul class="utrecht-unordered-list" id="verschoven">
                            {regels.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </section>
    }
    .into_any()
}
