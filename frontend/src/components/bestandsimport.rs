//! A file import: pick a file, send it to an import route of the API, and read what
//! happened: the report, or every bad row with its field and reason. With `proefdraai`
//! the file is first sent as a dry run and what it would change is shown; only the
//! confirmation imports it, tied to the version the preview was made on.

use domain::contract::Importvoorbeeld;
use leptos::prelude::*;

use crate::api::{Antwoord, Inhoud, Probleem};

/// Names a preview lists per kind at most; the rest is counted.
const MAX_GENOEMD: usize = 50;

/// The form. `pad` is the API route (with its query), `verslag` reads the answer as its
/// contract type and says it in a sentence, `na_import` runs after a successful import (to reload data).
#[component]
pub fn Bestandsimport(
    /// Unique on the page: the ids of the field and its messages derive from it.
    id: &'static str,
    /// The field's label.
    label: &'static str,
    /// Which files the picker offers.
    accept: &'static str,
    /// The API route, read when the form is sent.
    #[prop(into)]
    pad: Signal<String>,
    /// The session's CSRF token.
    csrf: String,
    /// The report of a successful import, from the API's answer.
    verslag: fn(&Antwoord) -> Result<String, Probleem>,
    /// Runs after a successful import.
    #[prop(optional, into)]
    na_import: Option<Callback<()>>,
    /// Extra fields inside the form (a layer choice, an option).
    #[prop(optional)]
    children: Option<Children>,
    /// First a dry run and its preview; the confirmation imports.
    #[prop(optional)]
    proefdraai: bool,
) -> impl IntoView {
    let invoer = NodeRef::<leptos::html::Input>::new();
    let bezig = RwSignal::new(false);
    let gelukt = RwSignal::new(None::<String>);
    let probleem = RwSignal::new(None::<Probleem>);
    let voorbeeld = RwSignal::new(None::<Importvoorbeeld>);
    let fout_id = format!("{id}-fout");
    // Sends the chosen file: as a dry run (`bekijken`), or for real, tied to the version
    // of the preview shown.
    let stuur = move |bekijken: bool| {
        gelukt.set(None);
        probleem.set(None);
        #[cfg(feature = "hydrate")]
        {
            let bestand = invoer
                .get()
                .and_then(|i| i.files())
                .and_then(|lijst| lijst.get(0));
            let Some(bestand) = bestand else {
                probleem.set(Some(Probleem::lokaal("kies eerst een bestand")));
                return;
            };
            let basis = pad.get_untracked();
            let pad = if bekijken {
                let teken = if basis.contains('?') { '&' } else { '?' };
                format!("{basis}{teken}proefdraai=true")
            } else {
                basis
            };
            let versie = voorbeeld
                .get_untracked()
                .filter(|_| !bekijken)
                .map(|v| format!("\"{}\"", v.versie));
            let csrf = csrf.clone();
            bezig.set(true);
            crate::api::in_browser(async move {
                let antwoord = crate::api::stuur(
                    "POST",
                    &pad,
                    Inhoud::Bestand(bestand),
                    &csrf,
                    versie.as_deref(),
                )
                .await;
                match antwoord {
                    Ok(antwoord) if bekijken => match antwoord.lees::<Importvoorbeeld>() {
                        Ok(v) => voorbeeld.set(Some(v)),
                        Err(p) => probleem.set(Some(p)),
                    },
                    Ok(antwoord) => {
                        voorbeeld.set(None);
                        match verslag(&antwoord) {
                            Ok(zin) => gelukt.set(Some(zin)),
                            Err(p) => probleem.set(Some(p)),
                        }
                        if let Some(na) = na_import {
                            na.run(());
                        }
                    }
                    Err(p) => {
                        voorbeeld.set(None);
                        probleem.set(Some(p));
                    }
                }
                bezig.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (
            bekijken,
            &csrf,
            pad,
            verslag,
            na_import,
            invoer,
            Inhoud::Geen,
        );
    };
    let stuur_ook = stuur.clone();
    let versturen = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        stuur(proefdraai);
    };
    view! {
        <form class="gp-import" on:submit=versturen>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for=id>{label}</label>
                <input
                    class="utrecht-textbox"
                    type="file"
                    id=id
                    name="bestand"
                    accept=accept
                    node_ref=invoer
                    aria-describedby=fout_id.clone()
                    on:change=move |_| voorbeeld.set(None)
                />
            </div>
            {children.map(|c| c())}
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=move || bezig.get()>
                {move || match (bezig.get(), proefdraai) {
                    (true, _) => "Bezig…",
                    (false, true) => "Bekijk wat er verandert",
                    (false, false) => "Importeren",
                }}
            </button>
            <div id=fout_id aria-live="polite">
                {move || gelukt.get().map(|tekst| view! { <p class="gp-gelukt" role="status">{tekst}</p> })}
                {move || probleem.get().map(|p| view! { <Probleemverslag probleem=p /> })}
                {move || voorbeeld.get().map(|v| {
                    let stuur = stuur_ook.clone();
                    view! {
                        <Voorbeeld id voorbeeld=v />
                        <div class="gp-knoppen">
                            <button type="button" class="utrecht-button utrecht-button--primary-action"
                                id=format!("{id}-bevestigen") disabled=move || bezig.get()
                                on:click=move |_| stuur(false)>
                                "Bevestigen en importeren"
                            </button>
                            <button type="button" class="utrecht-button utrecht-button--secondary-action"
                                on:click=move |_| voorbeeld.set(None)>
                                "Annuleren"
                            </button>
                        </div>
                    }
                })}
            </div>
        </form>
    }
}

/// A problem as the user reads it: what happened, then each row or field.
#[component]
pub fn Probleemverslag(probleem: Probleem) -> impl IntoView {
    let regels = probleem
        .invalid_params
        .into_iter()
        .map(|p| view! { <li>{format!("{}: {}", p.name, p.reason)}</li> })
        .collect_view();
    view! {
        <div class="gp-fout" role="alert">
            <p class="utrecht-paragraph">{crate::formaat::hoofdletter(&probleem.detail)}</p>
            <ul class="utrecht-unordered-list">{regels}</ul>
        </div>
    }
}

/// What an import would change, before anything is stored.
#[component]
fn Voorbeeld(id: &'static str, voorbeeld: Importvoorbeeld) -> impl IntoView {
    let Importvoorbeeld {
        toegevoegd,
        gewijzigd,
        verwijderd,
        ongewijzigd,
        aan_te_vullen,
        ..
    } = voorbeeld;
    let samenvatting = format!(
        "Deze import voegt {} applicaties toe, wijzigt er {}, verwijdert er {} en laat er {} zoals ze zijn.{} Er is nog niets opgeslagen.",
        toegevoegd.len(),
        gewijzigd.len(),
        verwijderd.len(),
        ongewijzigd,
        match aan_te_vullen.len() {
            0 => String::new(),
            1 => " 1 zonder einddatum blijft buiten het plan tot u die aanvult.".to_owned(),
            n => format!(" {n} zonder einddatum blijven buiten het plan tot u die aanvult."),
        }
    );
    let aanvullen = aan_te_vullen
        .iter()
        .map(|a| {
            let velden: Vec<String> = a
                .ontbreekt
                .iter()
                .map(|v| crate::formaat::veldnaam(v))
                .collect();
            format!("{}: {} ontbreekt", a.naam, velden.join(", "))
        })
        .collect();
    let lijst = |kop: &'static str, namen: Vec<String>| {
        (!namen.is_empty()).then(|| {
            let meer = namen.len().saturating_sub(MAX_GENOEMD);
            view! {
                <h4 class="utrecht-heading-4">{kop}</h4>
                <ul class="utrecht-unordered-list">
                    {namen.into_iter().take(MAX_GENOEMD).map(|n| view! { <li>{n}</li> }).collect_view()}
                    {(meer > 0).then(|| view! { <li>{format!("en nog {meer}")}</li> })}
                </ul>
            }
        })
    };
    let wijzigingen = gewijzigd
        .iter()
        .map(|g| {
            let velden: Vec<String> = g
                .velden
                .iter()
                .map(|v| {
                    format!(
                        "{}: {} \u{2192} {}",
                        crate::formaat::veldnaam(&v.veld),
                        v.voor
                            .as_deref()
                            .map_or_else(|| "leeg".to_owned(), crate::formaat::waarde),
                        v.na.as_deref()
                            .map_or_else(|| "leeg".to_owned(), crate::formaat::waarde)
                    )
                })
                .collect();
            format!("{}: {}", g.naam, velden.join("; "))
        })
        .collect();
    view! {
        <section class="gp-voorbeeld" id=format!("{id}-voorbeeld") aria-labelledby=format!("{id}-voorbeeld-kop")>
            <h3 class="utrecht-heading-3" id=format!("{id}-voorbeeld-kop")>"Wat deze import verandert"</h3>
            <p class="utrecht-paragraph">{samenvatting}</p>
            {lijst("Toegevoegd", toegevoegd)}
            {lijst("Gewijzigd", wijzigingen)}
            {lijst("Verwijderd", verwijderd)}
            {lijst("Aan te vullen (buiten het plan)", aanvullen)}
        </section>
    }
}
