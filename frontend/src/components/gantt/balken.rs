//! The rows of the Routekaart: per opgave its fasen with its besluiten, then each
//! activiteit, as bars that move by pointer or key, with arrows for dependencies.

use std::collections::{HashMap, HashSet};

use domain::tijdlijn::{Bewerking, Onderdeel};
use domain::{FaseSoort, Opgave, Periode};
use leptos::prelude::*;

use super::concept::Stand;
use super::maat::{Doel, Greep, bewerking, gesleepte_dagen, toetsstap, verschuif_dagen};
use crate::formaat::datum_lang;
use crate::schaal::{Tijdas, css_procent};

/// A drag in progress.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Sleep {
    pub(super) onderdeel: Onderdeel,
    pub(super) doel: Doel,
    pub(super) greep: Greep,
    pub(super) x0: f64,
    pub(super) breedte: f64,
}

/// Where one bar stands and whether the last step moved it: a signal per bar, so that a
/// drag frame re-renders only the bars it moves.
#[derive(Clone, Copy)]
pub(super) struct Balkstand {
    periode: RwSignal<Option<Periode>>,
    verschoven: RwSignal<bool>,
}

/// Every bar's [`Balkstand`].
pub(super) struct Balkstanden(HashMap<Onderdeel, Balkstand>);

impl Balkstanden {
    pub(super) fn van(stand: &Stand) -> Self {
        let balken = Self(
            stand
                .posities
                .keys()
                .map(|onderdeel| {
                    let balk = Balkstand {
                        periode: RwSignal::new(None),
                        verschoven: RwSignal::new(false),
                    };
                    (onderdeel.clone(), balk)
                })
                .collect(),
        );
        balken.volg(stand);
        balken
    }

    /// Sets the signals of the bars that `stand` changes, and only those.
    pub(super) fn volg(&self, stand: &Stand) {
        let verschoven: HashSet<&Onderdeel> =
            stand.verschoven.iter().map(|v| &v.onderdeel).collect();
        for (onderdeel, balk) in &self.0 {
            let periode = stand.posities.get(onderdeel).copied();
            if balk.periode.get_untracked() != periode {
                balk.periode.set(periode);
            }
            let is_verschoven = verschoven.contains(onderdeel);
            if balk.verschoven.get_untracked() != is_verschoven {
                balk.verschoven.set(is_verschoven);
            }
        }
    }

    fn periode(&self, onderdeel: &Onderdeel) -> Signal<Option<Periode>> {
        self.0
            .get(onderdeel)
            .map_or_else(|| Signal::stored(None), |b| b.periode.into())
    }

    fn verschoven(&self, onderdeel: &Onderdeel) -> Signal<bool> {
        self.0
            .get(onderdeel)
            .map_or_else(|| Signal::stored(false), |b| b.verschoven.into())
    }
}

/// What every bar needs: its state, the drag, and the way to commit a step.
#[derive(Clone, Copy)]
pub(super) struct Bediening {
    pub(super) balken: StoredValue<Balkstanden>,
    pub(super) voorlopig: RwSignal<Option<Bewerking>>,
    pub(super) sleep: RwSignal<Option<Sleep>>,
    pub(super) leg_vast: Callback<Bewerking>,
    pub(super) annuleer: Callback<()>,
    pub(super) as_: Tijdas,
    pub(super) dagen: i64,
}

/// The rows of one opgave: its fasen with its besluiten, then each activiteit.
pub(super) fn opgaverijen(
    opgave: &Opgave,
    bediening: Bediening,
    vandaag: Option<String>,
) -> AnyView {
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
pub(super) fn pijl(
    voorganger: Onderdeel,
    opvolger: Onderdeel,
    bediening: Bediening,
) -> impl IntoView {
    let Bediening { balken, as_, .. } = bediening;
    let (voor, na) = balken.with_value(|b| (b.periode(&voorganger), b.periode(&opvolger)));
    let stijl = move || {
        let (Some(v), Some(o)) = (voor.get(), na.get()) else {
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
    };
    view! { <span class="gp-pijl" style=stijl aria-hidden="true"></span> }
}

/// One draggable bar.
#[component]
pub(super) fn Balk(
    onderdeel: Onderdeel,
    naam: String,
    klasse: &'static str,
    bediening: Bediening,
) -> impl IntoView {
    let Bediening {
        balken,
        voorlopig,
        sleep,
        leg_vast,
        annuleer,
        as_,
        dagen,
    } = bediening;
    let (periode, verschoven) =
        balken.with_value(|b| (b.periode(&onderdeel), b.verschoven(&onderdeel)));
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
    let sleept = {
        let onderdeel = onderdeel.clone();
        Memo::new(move |_| sleep.with(|s| s.as_ref().is_some_and(|s| s.onderdeel == onderdeel)))
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
                if verschoven.get() { k.push_str(" gp-verschoven"); }
                if sleept.get() { k.push_str(" gp-sleept"); }
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
