//! The what-if of one gemeente: its draft (a `domain` `Scenario` of rol and capaciteit
//! choices plus the timeline's steps), worked out live, and saving it when the reader is
//! a member.

use domain::contract::Planbasis;
use domain::scenario::{Scenario, Wijziging};
use domain::tijdlijn::Bewerking;
use domain::{Capaciteit, CapaciteitFout, GemeenteCode, Rol};
use leptos::prelude::*;

use super::opslaan::Opslaan;
use super::uitkomst::uitkomst;
use crate::formaat::datum_kort;

/// The draft of `code` on `basis`; saving when `csrf` is there (a member).
#[component]
pub fn Paneel(
    code: GemeenteCode,
    basis: Planbasis,
    csrf: Option<String>,
    stappen: RwSignal<Vec<Bewerking>>,
    sleepstap: Signal<Option<Bewerking>>,
) -> impl IntoView {
    let peildatum = basis.peildatum;
    let gemeentenaam = basis.gemeente.naam.clone();
    let opgaven = basis.basis.routekaart.clone();
    // Not entered is unknown, not 0: the fields stay empty and no quarter is overloaded.
    let opgeslagen = basis.basis.capaciteit;
    let fte =
        RwSignal::new(opgeslagen.map_or_else(String::new, |c| c.fte_per_kwartaal.to_string()));
    let budget =
        RwSignal::new(opgeslagen.map_or_else(String::new, |c| c.budget_per_jaar.to_string()));
    let capaciteitsfouten = RwSignal::new(Vec::<CapaciteitFout>::new());
    let gegevens = StoredValue::new(basis.basis);
    // The draft: the rol and capaciteit choices as scenario edits; the Routekaart steps
    // are the timeline's and join them in `scenario`. What the panel shows and what is
    // saved are the same scenario, worked out by `Scenario::werk_uit`.
    let keuzes =
        RwSignal::new(gegevens.with_value(|b| Scenario::concept(code.clone(), peildatum, b)));
    let scenario = Memo::new(move |_| {
        let mut s = keuzes.get();
        stappen.with(|stappen| s.zet_tijdlijn(stappen));
        s
    });
    bewaar_keuzes(&code, keuzes, fte, budget);
    let basisplan =
        StoredValue::new(gegevens.with_value(|b| keuzes.get_untracked().werk_uit(b).plan));
    // Live while dragging: the draft plus the step in progress. Always "changed": its
    // inputs change only when something real did, and comparing two whole outcomes (the
    // landscape included) would cost more than the parts that compare their own figures.
    let uitwerking = Memo::new_with_compare(
        move |_| {
            let mut s = scenario.get();
            s.wijzigingen.extend(
                sleepstap
                    .get()
                    .map(|bewerking| Wijziging::Tijdlijn { bewerking }),
            );
            gegevens.with_value(|b| s.werk_uit(b))
        },
        |_, _| true,
    );
    let lees_capaciteit = move || {
        let (f, b) = (fte.get_untracked(), budget.get_untracked());
        if opgeslagen.is_none() && f.trim().is_empty() && b.trim().is_empty() {
            // Still unknown: nothing to check against.
            capaciteitsfouten.set(Vec::new());
            keuzes.update(Scenario::wis_capaciteit);
            return;
        }
        match Capaciteit::lees(&f, &b) {
            Ok(nieuw) => {
                capaciteitsfouten.set(Vec::new());
                gegevens.with_value(|b| keuzes.update(|s| s.zet_capaciteit(b, nieuw)));
            }
            Err(fouten) => capaciteitsfouten.set(fouten),
        }
    };
    let fout_bij = move |soort: CapaciteitFout| {
        move || {
            capaciteitsfouten
                .with(|f| f.contains(&soort))
                .then(|| soort.to_string())
        }
    };
    let te_bewaren = Signal::derive(move || {
        if capaciteitsfouten.with(Vec::is_empty) {
            Ok(scenario.get())
        } else {
            Err("Verbeter eerst de capaciteit; het scenario is nog niet opgeslagen.".to_owned())
        }
    });
    let keuzes = opgaven
        .iter()
        .map(|o| {
            let id = o.id.clone();
            let naam = o.naam.clone();
            let opties = [None, Some(Rol::Coalitiepartner), Some(Rol::EersteGebruiker)]
                .into_iter()
                .map(|rol| {
                    let veld = format!("rol-{}-{}", id, rol.map_or("geen", Rol::code));
                    let gekozen = {
                        let (id, code) = (id.clone(), code.clone());
                        move || uitwerking.with(|u| {
                            u.basis.routekaart.iter().find(|o| o.id == id).and_then(|o| o.rol_van(&code)) == rol
                        })
                    };
                    let kies = {
                        let id = id.clone();
                        move |_| gegevens.with_value(|b| keuzes.update(|s| s.kies_rol(b, id.clone(), rol)))
                    };
                    view! {
                        <span class="gp-keuze">
                            <input type="radio" id=veld.clone() name=format!("rol-{id}") value=rol.map_or("", Rol::code)
                                prop:checked=gekozen on:change=kies />
                            <label for=veld>{rol.map_or("Niet", Rol::label)}</label>
                        </span>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="gp-rolkeuze">
                    <legend>{naam}</legend>
                    {opties}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <p class="utrecht-paragraph">
            {format!("Voor {gemeentenaam}, op {}. Kies per opgave een rol; verschuif de Routekaart hierboven.", datum_kort(peildatum))}
        </p>
        <div class="gp-wat-als__keuzes">{keuzes}</div>
        {opgeslagen.is_none().then(|| view! {
            <p class="utrecht-paragraph" id="wat-als-capaciteit-hulp">
                "De capaciteit van uw gemeente is nog niet ingevuld. Vul in hoeveel fte per kwartaal en hoeveel budget per jaar u voor de overstap hebt; dan ziet u welke kwartalen overbelast raken."
            </p>
        })}
        <div class="gp-wat-als__capaciteit">
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="wat-als-fte">"Capaciteit (fte per kwartaal)"</label>
                <input class="utrecht-textbox" id="wat-als-fte" inputmode="decimal" prop:value=move || fte.get()
                    placeholder=opgeslagen.is_none().then_some("onbekend")
                    aria-invalid=move || capaciteitsfouten.with(|f| f.contains(&CapaciteitFout::Fte)).then_some("true")
                    aria-describedby="wat-als-fte-fout"
                    on:input=move |ev| { fte.set(event_target_value(&ev)); lees_capaciteit(); } />
                <p class="gp-veldfout" id="wat-als-fte-fout">{fout_bij(CapaciteitFout::Fte)}</p>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="wat-als-budget">"Budget (euro per jaar)"</label>
                <input class="utrecht-textbox" id="wat-als-budget" inputmode="numeric" prop:value=move || budget.get()
                    placeholder=opgeslagen.is_none().then_some("onbekend")
                    aria-invalid=move || capaciteitsfouten.with(|f| f.contains(&CapaciteitFout::Budget)).then_some("true")
                    aria-describedby="wat-als-budget-fout"
                    on:input=move |ev| { budget.set(event_target_value(&ev)); lees_capaciteit(); } />
                <p class="gp-veldfout" id="wat-als-budget-fout">{fout_bij(CapaciteitFout::Budget)}</p>
            </div>
        </div>
        <div aria-live="polite">
            {uitkomst(basisplan, uitwerking, Signal::derive(move || sleepstap.with(Option::is_some)))}
        </div>
        {csrf.map(|csrf| view! { <Opslaan scenario=te_bewaren csrf /> })}
    }
}

/// Keeps the rol and capaciteit choices of the draft for `code` in the browser's local
/// storage, as the timeline keeps its steps: restored once the page is live (a restored
/// capaciteit back in its fields), then saved on every change. Nothing happens on the
/// server; a choice about an opgave that no longer exists is skipped when worked out.
fn bewaar_keuzes(
    code: &GemeenteCode,
    keuzes: RwSignal<Scenario>,
    fte: RwSignal<String>,
    budget: RwSignal<String>,
) {
    let sleutel = format!("grondplan.concept.keuzes.{code}");
    let hersteld = RwSignal::new(false);
    Effect::new({
        let sleutel = sleutel.clone();
        move |_| {
            #[cfg(feature = "hydrate")]
            {
                use gloo_storage::Storage as _;
                if let Ok(wijzigingen) = gloo_storage::LocalStorage::get::<Vec<Wijziging>>(&sleutel)
                {
                    for w in &wijzigingen {
                        if let Wijziging::Capaciteit { capaciteit } = w {
                            fte.set(capaciteit.fte_per_kwartaal.to_string());
                            budget.set(capaciteit.budget_per_jaar.to_string());
                        }
                    }
                    keuzes.update(|s| {
                        s.wijzigingen = wijzigingen
                            .into_iter()
                            .filter(|w| {
                                matches!(w, Wijziging::Rol { .. } | Wijziging::Capaciteit { .. })
                            })
                            .collect();
                    });
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&sleutel, fte, budget);
            hersteld.set(true);
        }
    });
    Effect::new(move |_| {
        let wijzigingen = keuzes.with(|s| s.wijzigingen.clone());
        if hersteld.get() {
            #[cfg(feature = "hydrate")]
            {
                use gloo_storage::Storage as _;
                // A full or blocked storage only loses the choices on reload, nothing else.
                let _ = gloo_storage::LocalStorage::set(&sleutel, &wijzigingen);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&sleutel, wijzigingen);
        }
    });
}
