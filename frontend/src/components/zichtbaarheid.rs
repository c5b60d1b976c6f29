//! A member's choice whether its gemeente is named in the cohorts of the landelijk beeld
//! (default: counted, not named). Saved through the API with the version it was read at.

use domain::contract::Zichtbaarheid;
use leptos::prelude::*;

use crate::api::{Inhoud, stuur};
use crate::server_fns::landelijk::Eigenkeuze;

/// The choice as a checkbox with a save button and the outcome announced.
#[component]
pub fn Zichtbaarheidkeuze(
    eigen: Eigenkeuze,
    /// Set to the choice once it is saved.
    opgeslagen: RwSignal<bool>,
) -> impl IntoView {
    let Eigenkeuze {
        gemeente,
        naam,
        genoemd,
        versie,
        csrf,
    } = eigen;
    let aangevinkt = RwSignal::new(genoemd);
    let versie = RwSignal::new(versie);
    let melding = RwSignal::new(None::<(bool, String)>);
    let bezig = RwSignal::new(false);
    let pad = format!("/gemeenten/{gemeente}/zichtbaarheid");
    let bewaar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (pad, csrf) = (pad.clone(), csrf.clone());
        let keuze = aangevinkt.get_untracked();
        bezig.set(true);
        leptos::task::spawn_local(async move {
            let body = Inhoud::json(&Zichtbaarheid {
                genoemd_in_cohorten: keuze,
            });
            let etag = format!("\"{}\"", versie.get_untracked());
            let uitkomst = stuur("PUT", &pad, body, &csrf, Some(&etag)).await;
            bezig.set(false);
            melding.set(Some(match uitkomst {
                Ok(antwoord) => {
                    opgeslagen.set(keuze);
                    if let Some(nieuw) = antwoord
                        .etag
                        .as_deref()
                        .and_then(|e| e.trim_matches('"').parse().ok())
                    {
                        versie.set(nieuw);
                    }
                    let tekst = if keuze {
                        "Opgeslagen: uw gemeente wordt voortaan bij naam genoemd in cohorten."
                    } else {
                        "Opgeslagen: uw gemeente wordt voortaan alleen meegeteld, niet genoemd."
                    };
                    (true, tekst.to_owned())
                }
                Err(probleem) => (false, format!("Niet opgeslagen: {}", probleem.detail)),
            }));
        });
    };
    view! {
        <section class="gp-zichtbaarheid" aria-labelledby="zichtbaarheid-kop">
            <h2 class="utrecht-heading-2" id="zichtbaarheid-kop">"Uw gemeente in cohorten"</h2>
            <p class="utrecht-paragraph">
                "Andere gemeenten zien in een cohort alleen de gemeenten die daarvoor kiezen, met hun opzegdatum. "
                "Contractbedragen van één gemeente ziet niemand: bedragen staan er alleen als ten minste drie gemeenten eraan bijdragen."
            </p>
            <form class="gp-formulier" on:submit=bewaar>
                <div class="utrecht-form-field utrecht-form-field--checkbox">
                    <input
                        class="utrecht-checkbox"
                        type="checkbox"
                        id="zichtbaarheid-genoemd"
                        prop:checked=move || aangevinkt.get()
                        on:change=move |ev| aangevinkt.set(event_target_checked(&ev))
                    />
                    <label class="utrecht-form-label utrecht-form-label--checkbox" for="zichtbaarheid-genoemd">
                        {format!("Noem {naam} bij naam in cohorten")}
                    </label>
                </div>
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=move || bezig.get()>
                    "Keuze opslaan"
                </button>
                <p role="status" class=move || match melding.get() {
                    Some((false, _)) => "gp-fout",
                    _ => "gp-gelukt",
                }>
                    {move || melding.get().map(|(_, tekst)| tekst)}
                </p>
            </form>
        </section>
    }
}
