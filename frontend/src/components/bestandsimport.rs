//! A file import: pick a file, send it to an import route of the API, and read what
//! happened: the report, or every bad row with its field and reason.

use leptos::prelude::*;

use crate::api::{Antwoord, Inhoud, Probleem};

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
) -> impl IntoView {
    let invoer = NodeRef::<leptos::html::Input>::new();
    let bezig = RwSignal::new(false);
    let gelukt = RwSignal::new(None::<String>);
    let probleem = RwSignal::new(None::<Probleem>);
    let fout_id = format!("{id}-fout");
    let versturen = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
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
            let pad = pad.get_untracked();
            let csrf = csrf.clone();
            bezig.set(true);
            crate::api::in_browser(async move {
                match crate::api::stuur("POST", &pad, Inhoud::Bestand(bestand), &csrf, None).await {
                    Ok(antwoord) => {
                        match verslag(&antwoord) {
                            Ok(zin) => gelukt.set(Some(zin)),
                            Err(p) => probleem.set(Some(p)),
                        }
                        if let Some(na) = na_import {
                            na.run(());
                        }
                    }
                    Err(p) => probleem.set(Some(p)),
                }
                bezig.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&csrf, pad, verslag, na_import, invoer, Inhoud::Geen);
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
                />
            </div>
            {children.map(|c| c())}
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=move || bezig.get()>
                {move || if bezig.get() { "Bezig met importeren…" } else { "Importeren" }}
            </button>
            <div id=fout_id aria-live="polite">
                {move || gelukt.get().map(|tekst| view! { <p class="gp-gelukt" role="status">{tekst}</p> })}
                {move || probleem.get().map(|p| view! { <Probleemverslag probleem=p /> })}
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
