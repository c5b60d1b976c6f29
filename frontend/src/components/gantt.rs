//! The Routekaart you can drag: fasen and activiteiten as bars on one time axis. Drag a
//! bar (mouse, touch or pen: pointer events) to move it, its ends to resize it; or focus
//! it and use the arrow keys. Every change runs DOMAIN.md section 4 in the browser
//! (`domain::tijdlijn::bewerk`): what moved along is highlighted and listed and announced.
//! Ctrl+Z and Ctrl+Y undo and redo, one drag being one step. The steps are a draft kept in
//! the browser's storage, so a reload keeps them; the published Routekaart is unchanged.

pub mod maat;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use domain::tijdlijn::{Bewerking, Onderdeel, Verschuiving, bewerk};
use domain::{FaseSoort, Opgave, Periode};
use leptos::prelude::*;

use crate::formaat::{datum_lang, getal};
use crate::schaal::{Tijdas, css_procent};
use maat::{Doel, Greep, bewerking, gesleepte_dagen, toetsstap, verschuif_dagen};

/// Where the draft lives in the browser's local storage.
const CONCEPT: &str = "grondplan.concept.routekaart";

/// The Routekaart after some edits.
#[derive(Debug, Clone, PartialEq, Default)]
struct Stand {
    posities: HashMap<Onderdeel, Periode>,
    verschoven: Vec<Verschuiving>,
    /// Why a step of the draft no longer applies (the published Routekaart changed).
    fout: Option<String>,
    kaart: Vec<Opgave>,
}

impl Stand {
    fn na(basis: &[Opgave], stappen: &[Bewerking]) -> Self {
        let mut stand = Self {
            kaart: basis.to_vec(),
            ..Self::default()
        };
        for stap in stappen {
            stand.pas_toe(stap);
        }
        stand.meet();
        stand
    }

    fn pas_toe(&mut self, stap: &Bewerking) {
        match bewerk(&self.kaart, stap) {
            Ok(bewerkt) => {
                self.kaart = bewerkt.routekaart;
                self.verschoven = bewerkt.verschoven;
            }
            Err(fout) => self.fout = Some(fout.to_string()),
        }
    }

    fn meet(&mut self) {
        self.posities.clear();
        for o in &self.kaart {
            for soort in [FaseSoort::Ontwikkelfase, FaseSoort::Opschalingsfase] {
                self.posities.insert(
                    Onderdeel::Fase {
                        opgave: o.id.clone(),
                        fase: soort,
                    },
                    o.fase(soort).periode,
                );
            }
            for a in &o.activiteiten {
                self.posities
                    .insert(Onderdeel::Activiteit { id: a.id.clone() }, a.periode);
            }
        }
    }

    fn verschoven(&self, onderdeel: &Onderdeel) -> bool {
        self.verschoven.iter().any(|v| &v.onderdeel == onderdeel)
    }
}

/// How close the timeline is drawn: the lane grows wider, with finer labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zoom {
    Jaren,
    Kwartalen,
    Maanden,
}

impl Zoom {
    const ALLE: [Self; 3] = [Self::Jaren, Self::Kwartalen, Self::Maanden];

    fn label(self) -> &'static str {
        match self {
            Self::Jaren => "Jaren",
            Self::Kwartalen => "Kwartalen",
            Self::Maanden => "Maanden",
        }
    }

    /// How many times the default lane width.
    fn factor(self) -> u32 {
        match self {
            Self::Jaren => 1,
            Self::Kwartalen => 3,
            Self::Maanden => 8,
        }
    }
}

/// A drag in progress.
#[derive(Debug, Clone, PartialEq)]
struct Sleep {
    onderdeel: Onderdeel,
    doel: Doel,
    greep: Greep,
    x0: f64,
    breedte: f64,
}

/// What every bar needs: the state, the drag, and the way to commit a step.
#[derive(Clone, Copy)]
struct Bediening {
    huidig: Memo<Stand>,
    voorlopig: RwSignal<Option<Bewerking>>,
    sleep: RwSignal<Option<Sleep>>,
    leg_vast: Callback<Bewerking>,
    annuleer: Callback<()>,
    as_: Tijdas,
    dagen: i64,
}

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
    let huidig = Memo::new(move |_| {
        let mut stand = vastgelegd.get();
        if let Some(stap) = voorlopig.get() {
            stand.pas_toe(&stap);
            stand.meet();
        }
        stand
    });
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
        huidig,
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

/// Keeps `stappen` in local storage: restores a saved draft once the page is live, then
/// saves every change. Nothing happens on the server.
fn bewaar_concept(stappen: RwSignal<Vec<Bewerking>>) {
    let hersteld = RwSignal::new(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use gloo_storage::Storage as _;
            if let Ok(concept) = gloo_storage::LocalStorage::get::<Vec<Bewerking>>(CONCEPT) {
                stappen.set(concept);
            }
        }
        hersteld.set(true);
    });
    Effect::new(move |_| {
        let stappen = stappen.get();
        if hersteld.get() {
            #[cfg(feature = "hydrate")]
            {
                use gloo_storage::Storage as _;
                // A full or blocked storage only loses the draft on reload, nothing else.
                let _ = gloo_storage::LocalStorage::set(CONCEPT, &stappen);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (stappen, CONCEPT);
        }
    });
}

/// The readable name of every movable part.
fn namen(opgaven: &[Opgave]) -> HashMap<Onderdeel, String> {
    let mut namen = HashMap::new();
    for o in opgaven {
        for soort in [FaseSoort::Ontwikkelfase, FaseSoort::Opschalingsfase] {
            namen.insert(
                Onderdeel::Fase {
                    opgave: o.id.clone(),
                    fase: soort,
                },
                format!("{} van {}", soort.label(), o.naam),
            );
        }
        for a in &o.activiteiten {
            namen.insert(Onderdeel::Activiteit { id: a.id.clone() }, a.naam.clone());
        }
    }
    namen
}

/// "Bouwen: begin 7 dagen later, einde 7 dagen later" per moved part.
fn verschuivingsregels(
    verschoven: &[Verschuiving],
    namen: &HashMap<Onderdeel, String>,
) -> Vec<String> {
    let dagen = |n: i64| match n {
        0 => "gelijk".to_owned(),
        n if n > 0 => format!("{} dagen later", getal(n)),
        n => format!("{} dagen eerder", getal(-n)),
    };
    verschoven
        .iter()
        .map(|v| {
            let naam = namen
                .get(&v.onderdeel)
                .cloned()
                .unwrap_or_else(|| v.onderdeel.to_string());
            format!(
                "{naam}: begin {}, einde {}",
                dagen(v.start_dagen),
                dagen(v.eind_dagen)
            )
        })
        .collect()
}

/// What a screen reader hears after a step.
fn beschrijving(verschoven: &[Verschuiving], namen: &HashMap<Onderdeel, String>) -> String {
    let regels = verschuivingsregels(verschoven, namen);
    match regels.split_first() {
        None => "Niets verschoven.".into(),
        Some((eerste, [])) => format!("{eerste}."),
        Some((eerste, rest)) => format!(
            "{eerste}. Daardoor verschoven ook {} onderdelen: {}.",
            rest.len(),
            rest.join("; ")
        ),
    }
}

/// The rows of one opgave: its fasen with its besluiten, then each activiteit.
fn opgaverijen(opgave: &Opgave, bediening: Bediening, vandaag: Option<String>) -> AnyView {
    let lijn = move || {
        vandaag.clone().map(|links| {
            view! { <span class="gp-vandaag" style=format!("left:{links}") aria-hidden="true"></span> }
        })
    };
    let fasen = [FaseSoort::Ontwikkelfase, FaseSoort::Opschalingsfase]
        .into_iter()
        .map(|soort| {
            let onderdeel = Onderdeel::Fase {
                opgave: opgave.id.clone(),
                fase: soort,
            };
            let klasse = match soort {
                FaseSoort::Ontwikkelfase => "gp-balk gp-balk--ontwikkelfase",
                FaseSoort::Opschalingsfase => "gp-balk gp-balk--opschalingsfase",
            };
            view! {
                <Balk onderdeel naam=format!("{} van {}", soort.label(), opgave.naam) klasse bediening />
            }
        })
        .collect_view();
    let besluiten = opgave
        .besluiten
        .iter()
        .map(|b| {
            let stijl = format!("left:{}", css_procent(bediening.as_.procent(b.datum)));
            let tekst = format!(
                "Besluit {} ({}): {}",
                datum_lang(b.datum),
                b.orgaan.label(),
                b.onderwerp
            );
            let titel = tekst.clone();
            let afkorting = match b.orgaan {
                domain::Orgaan::CollegeVanDienstverleningszaken => "CvD",
                domain::Orgaan::Ledenvergadering => "LV",
                domain::Orgaan::Bestuur => "B",
            };
            view! {
                <span class="gp-besluit" style=stijl.clone() title=titel>
                    <span class="gp-visueel-verborgen">{tekst}</span>
                </span>
                <span class="gp-besluit__orgaan" style=stijl aria-hidden="true">{afkorting}</span>
            }
        })
        .collect_view();
    let activiteiten = opgave
        .activiteiten
        .iter()
        .map(|a| {
            let onderdeel = Onderdeel::Activiteit { id: a.id.clone() };
            let pijlen = a
                .afhankelijk_van
                .iter()
                .map(|v| pijl(Onderdeel::Activiteit { id: v.clone() }, onderdeel.clone(), bediening))
                .collect_view();
            view! {
                <li class="gp-rij gp-rij--activiteit">
                    <div class="gp-rij__kop"><span class="gp-rij__activiteit">{a.naam.clone()}</span></div>
                    <div class="gp-rij__baan">
                        {lijn()}
                        {pijlen}
                        <Balk onderdeel naam=a.naam.clone() klasse="gp-balk gp-balk--activiteit" bediening />
                    </div>
                </li>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <li class="gp-rij">
            <div class="gp-rij__kop">
                <h3 class="gp-rij__naam">
                    <a class="utrecht-link" href=format!("/opgaven/{}", opgave.id)>{opgave.naam.clone()}</a>
                </h3>
            </div>
            <div class="gp-rij__baan">{lijn()} {fasen} {besluiten}</div>
        </li>
        {activiteiten}
    }
    .into_any()
}

/// A finish-to-start dependency drawn in the successor's lane: from the day after the
/// predecessor ends to the day the successor starts (hidden when a drag makes them
/// overlap for a moment; the cascade then closes the gap on drop).
fn pijl(voorganger: Onderdeel, opvolger: Onderdeel, bediening: Bediening) -> impl IntoView {
    let Bediening { huidig, as_, .. } = bediening;
    let stijl = move || {
        huidig.with(|s| {
            let (Some(v), Some(o)) = (s.posities.get(&voorganger), s.posities.get(&opvolger))
            else {
                return "display:none".to_owned();
            };
            let links = as_.procent(v.eind().succ_opt().unwrap_or(v.eind()));
            let rechts = as_.procent(o.start());
            if rechts < links {
                "display:none".to_owned()
            } else {
                format!(
                    "left:{};width:{}",
                    css_procent(links),
                    css_procent(rechts - links)
                )
            }
        })
    };
    view! { <span class="gp-pijl" style=stijl aria-hidden="true"></span> }
}

/// One draggable bar.
#[component]
fn Balk(
    onderdeel: Onderdeel,
    naam: String,
    klasse: &'static str,
    bediening: Bediening,
) -> impl IntoView {
    let Bediening {
        huidig,
        voorlopig,
        sleep,
        leg_vast,
        annuleer,
        as_,
        dagen,
    } = bediening;
    let periode = {
        let onderdeel = onderdeel.clone();
        Memo::new(move |_| huidig.with(|s| s.posities.get(&onderdeel).copied()))
    };
    let doel = {
        let onderdeel = onderdeel.clone();
        move || -> Option<Doel> {
            let periode = periode.get_untracked()?;
            Some(match &onderdeel {
                Onderdeel::Activiteit { id } => Doel::Activiteit {
                    id: id.clone(),
                    periode,
                },
                Onderdeel::Fase { opgave, fase } => Doel::Fase {
                    opgave: opgave.clone(),
                    fase: *fase,
                    periode,
                },
            })
        }
    };
    let is_activiteit = matches!(onderdeel, Onderdeel::Activiteit { .. });
    let verschoven = {
        let onderdeel = onderdeel.clone();
        move || huidig.with(|s| s.verschoven(&onderdeel))
    };
    let sleept = {
        let onderdeel = onderdeel.clone();
        move || sleep.with(|s| s.as_ref().is_some_and(|s| s.onderdeel == onderdeel))
    };
    let stijl = move || {
        periode.get().map_or_else(String::new, |p| {
            format!(
                "left:{};width:{}",
                css_procent(as_.procent(p.start())),
                css_procent(as_.breedte(p.start(), p.eind()))
            )
        })
    };
    let label = {
        let naam = naam.clone();
        move || {
            periode.get().map_or_else(
                || naam.clone(),
                |p| {
                    format!(
                        "{naam}: {} tot en met {}",
                        datum_lang(p.start()),
                        datum_lang(p.eind())
                    )
                },
            )
        }
    };
    let begin_slepen = {
        let doel = doel.clone();
        let onderdeel = onderdeel.clone();
        move |ev: leptos::ev::PointerEvent, greep: Greep| {
            if ev.button() != 0 {
                return;
            }
            ev.prevent_default();
            ev.stop_propagation();
            #[cfg(feature = "hydrate")]
            {
                use wasm_bindgen::JsCast;
                let Some(balk) = ev
                    .current_target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|e| e.closest(".gp-balk").ok().flatten())
                else {
                    return;
                };
                let breedte = balk
                    .parent_element()
                    .map_or(0.0, |baan| baan.get_bounding_client_rect().width());
                // Keep receiving the moves even when the pointer leaves the bar.
                let _ = balk.set_pointer_capture(ev.pointer_id());
                if let Some(doel) = doel() {
                    sleep.set(Some(Sleep {
                        onderdeel: onderdeel.clone(),
                        doel,
                        greep,
                        x0: f64::from(ev.client_x()),
                        breedte,
                    }));
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&doel, &onderdeel, greep);
        }
    };
    let bewegen = move |ev: leptos::ev::PointerEvent| {
        let Some(s) = sleep.get_untracked() else {
            return;
        };
        let verschil = gesleepte_dagen(f64::from(ev.client_x()) - s.x0, s.breedte, dagen);
        let stap = bewerking(&s.doel, s.greep, |d| verschuif_dagen(d, verschil));
        if voorlopig.get_untracked() != stap {
            voorlopig.set(stap);
        }
    };
    let loslaten = move |_ev: leptos::ev::PointerEvent| {
        if sleep.get_untracked().is_some() {
            sleep.set(None);
            if let Some(stap) = voorlopig.get_untracked() {
                voorlopig.set(None);
                leg_vast.run(stap);
            }
        }
    };
    let toets = {
        let doel = doel.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let richting = match ev.key().as_str() {
                "ArrowLeft" => -1,
                "ArrowRight" => 1,
                "Escape" => {
                    annuleer.run(());
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            // Alt resizes an activiteit by a week: the end, or with Shift the start (what
            // the two grips do with a pointer); without Alt, Shift makes the step a month.
            let (greep, maand) = match (ev.alt_key() && is_activiteit, ev.shift_key()) {
                (true, false) => (Greep::Einde, false),
                (true, true) => (Greep::Begin, false),
                (false, shift) => (Greep::Geheel, shift),
            };
            if let Some(stap) =
                doel().and_then(|d| bewerking(&d, greep, |x| toetsstap(x, richting, maand)))
            {
                leg_vast.run(stap);
            }
        }
    };
    let begin = begin_slepen.clone();
    let rand_begin = begin_slepen.clone();
    let rand_einde = begin_slepen;
    view! {
        <div
            class=move || {
                let mut k = klasse.to_owned();
                if verschoven() { k.push_str(" gp-verschoven"); }
                if sleept() { k.push_str(" gp-sleept"); }
                k
            }
            style=stijl
            tabindex="0"
            role="button"
            aria-roledescription="versleepbare balk"
            aria-label=label
            aria-describedby="gantt-uitleg"
            data-onderdeel=onderdeel.to_string()
            on:pointerdown=move |ev| begin(ev, Greep::Geheel)
            on:pointermove=bewegen
            on:pointerup=loslaten
            on:pointercancel=move |_| annuleer.run(())
            on:lostpointercapture=loslaten
            on:keydown=toets
        >
            {is_activiteit.then(|| view! {
                <span class="gp-greep gp-greep--begin" aria-hidden="true"
                    on:pointerdown=move |ev| rand_begin(ev, Greep::Begin)></span>
                <span class="gp-greep gp-greep--einde" aria-hidden="true"
                    on:pointerdown=move |ev| rand_einde(ev, Greep::Einde)></span>
            })}
        </div>
    }
    .into_any()
}
