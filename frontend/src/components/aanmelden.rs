//! Taking part in an opgave: a gemeente member asks to join as coalitiepartner or eerste
//! gebruiker; regie accepts or declines the open requests. Through the REST API, so it
//! works once the page is live; the list is read in the browser.

use domain::contract::{Aanmeldstatus, Aanmeldverzoek, Besluit, Besluitbericht, Opgaveaanmelding};
use domain::toegang::Sessie;
use domain::{Gemeente, OpgaveId, Rol};
use leptos::prelude::*;

use crate::api::{Inhoud, Probleem, na_hydratie, stuur};
use crate::components::bestandsimport::Probleemverslag;

/// The section on the opgave page, for whoever is logged in (`wie`, loaded by the page).
#[component]
pub fn Aanmelden(opgave: OpgaveId, wie: Option<Sessie>, namen: Vec<Gemeente>) -> impl IntoView {
    let inhoud = match wie {
        None => view! {
            <p class="utrecht-paragraph">
                "Log in als medewerker van een gemeente om uw gemeente aan te melden als coalitiepartner of eerste gebruiker."
            </p>
        }
            .into_any(),
        Some(a) => {
            let gemeentenaam = a.gemeente.as_ref().map(|g| a.gemeentenaam.clone().unwrap_or_else(|| g.to_string()));
            let gemeente = a.gemeente.map(|g| g.to_string());
            view! { <Aanmeldingen opgave gemeente gemeentenaam csrf=a.csrf namen /> }.into_any()
        }
    };
    view! {
        <section class="gp-beheer" aria-labelledby="aanmelden-kop">
            <h2 class="utrecht-heading-2" id="aanmelden-kop">"Meedoen"</h2>
            {inhoud}
        </section>
    }
}

#[component]
fn Aanmeldingen(
    opgave: OpgaveId,
    gemeente: Option<String>,
    gemeentenaam: Option<String>,
    csrf: String,
    namen: Vec<Gemeente>,
) -> impl IntoView {
    let namen = StoredValue::new(namen);
    let versie = RwSignal::new(0_u32);
    let pad = format!("/opgaven/{opgave}/aanmeldingen");
    let lijst = LocalResource::new({
        let (pad, csrf) = (pad.clone(), csrf.clone());
        move || {
            versie.track();
            let (pad, csrf) = (pad.clone(), csrf.clone());
            async move {
                stuur("GET", &pad, Inhoud::Geen, &csrf, None)
                    .await?
                    .lees::<Vec<Opgaveaanmelding>>()
            }
        }
    });
    let rol = RwSignal::new(Rol::Coalitiepartner);
    let probleem = RwSignal::new(None::<Probleem>);
    let melding = RwSignal::new(None::<String>);
    let is_regie = gemeente.is_none();
    let meld_aan = {
        let (pad, csrf, gemeente) = (pad.clone(), csrf.clone(), gemeente.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = Inhoud::json(&Aanmeldverzoek {
                gemeente: gemeente.clone().unwrap_or_default(),
                rol: rol.get_untracked(),
            });
            let (pad, csrf) = (pad.clone(), csrf.clone());
            crate::api::in_browser(async move {
                match stuur("POST", &pad, body, &csrf, None).await {
                    Ok(_) => {
                        probleem.set(None);
                        melding.set(Some("Aangemeld; de regie beslist.".into()));
                        versie.update(|v| *v += 1);
                    }
                    Err(p) => probleem.set(Some(p)),
                }
            });
        }
    };
    let beslis = move |id: String, besluit: Besluit, csrf: String| {
        crate::api::in_browser(async move {
            match stuur(
                "PUT",
                &format!("/aanmeldingen/{id}"),
                Inhoud::json(&Besluitbericht { besluit }),
                &csrf,
                None,
            )
            .await
            {
                Ok(_) => {
                    melding.set(Some(if besluit == Besluit::Accepteren {
                        "Geaccepteerd: de gemeente staat nu bij de deelnemers.".into()
                    } else {
                        "Afgewezen.".into()
                    }));
                    versie.update(|v| *v += 1);
                }
                Err(p) => probleem.set(Some(p)),
            }
        });
    };
    let gehydrateerd = na_hydratie();
    let regels = move || {
        let csrf = csrf.clone();
        match gehydrateerd.get().then(|| lijst.get()).flatten() {
            None => view! { <p class="utrecht-paragraph">"Aanmeldingen worden geladen…"</p> }.into_any(),
            Some(Err(p)) => view! { <Probleemverslag probleem=p /> }.into_any(),
            Some(Ok(lijst)) if lijst.is_empty() => {
                view! { <p class="utrecht-paragraph">"Nog geen aanmeldingen."</p> }.into_any()
            }
            Some(Ok(lijst)) => view! {
                <ul class="utrecht-unordered-list" id="aanmeldingen">
                    {lijst
                        .into_iter()
                        .map(|a| {
                            let id = a.id.clone();
                            let naam = namen.with_value(|n| {
                                n.iter()
                                    .find(|g| g.code == a.gemeente)
                                    .map_or_else(|| a.gemeente.to_string(), |g| g.naam.clone())
                            });
                            let tekst = format!(
                                "{naam} als {}: {}",
                                a.rol.code().replace('_', " "),
                                a.status.code()
                            );
                            let knoppen = (is_regie && a.status == Aanmeldstatus::Open).then(|| {
                                let (id2, csrf2) = (id.clone(), csrf.clone());
                                let (id3, csrf3) = (id.clone(), csrf.clone());
                                view! {
                                    " "
                                    <button type="button" class="utrecht-button utrecht-button--secondary-action"
                                        on:click=move |_| beslis(id2.clone(), Besluit::Accepteren, csrf2.clone())>"Accepteren"</button>
                                    " "
                                    <button type="button" class="utrecht-button utrecht-button--subtle"
                                        on:click=move |_| beslis(id3.clone(), Besluit::Afwijzen, csrf3.clone())>"Afwijzen"</button>
                                }
                            });
                            view! { <li>{tekst} {knoppen}</li> }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        }
    };
    view! {
        {gemeentenaam.map(|g| view! {
            <form class="gp-formulier" on:submit=meld_aan>
                <fieldset class="gp-rolkeuze">
                    <legend>{format!("{g} aanmelden als")}</legend>
                    <span class="gp-keuze">
                        <input type="radio" id="aanmelden-c" name="aanmelden-rol" value="coalitiepartner"
                            prop:checked=move || rol.get() == Rol::Coalitiepartner on:change=move |_| rol.set(Rol::Coalitiepartner) />
                        <label for="aanmelden-c">"Coalitiepartner"</label>
                    </span>
                    <span class="gp-keuze">
                        <input type="radio" id="aanmelden-1g" name="aanmelden-rol" value="eerste_gebruiker"
                            prop:checked=move || rol.get() == Rol::EersteGebruiker on:change=move |_| rol.set(Rol::EersteGebruiker) />
                        <label for="aanmelden-1g">"Eerste gebruiker"</label>
                    </span>
                </fieldset>
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Aanmelden"</button>
            </form>
        })}
        <div aria-live="polite">
            {move || melding.get().map(|m| view! { <p class="gp-gelukt" role="status">{m}</p> })}
            {move || probleem.get().map(|p| view! { <Probleemverslag probleem=p /> })}
        </div>
        <h3 class="utrecht-heading-3">{if is_regie { "Aanmeldingen" } else { "Uw aanmeldingen" }}</h3>
        {regels}
    }
}
