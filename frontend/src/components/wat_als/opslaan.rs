//! Saving the draft as a scenario (a stale save is refused, nothing is overwritten), and
//! a read-only share link, made and revoked.

use domain::contract::{Deellink, OpgeslagenScenario, Scenarioinvoer};
use domain::scenario::Scenario;
use leptos::prelude::*;

use crate::api::{Inhoud, Probleem, stuur};
use crate::components::bestandsimport::Probleemverslag;

/// Where the saved scenario of this browser's draft is remembered.
#[cfg(feature = "hydrate")]
const OPGESLAGEN: &str = "grondplan.concept.scenario";

/// The saved scenario this draft belongs to.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Opgeslagen {
    id: String,
    etag: String,
    naam: String,
    /// The share link's token, kept so that it can be revoked after a reload.
    #[serde(default)]
    deellink: Option<String>,
}

/// Save the draft as a scenario (a stale save is refused, nothing is overwritten), and
/// make or revoke a read-only share link.
#[component]
pub fn Opslaan(
    /// The draft to save, or why it cannot be saved yet.
    scenario: Signal<Result<Scenario, String>>,
    csrf: String,
) -> impl IntoView {
    let naam = RwSignal::new("Mijn plan".to_owned());
    let opgeslagen = RwSignal::new(None::<Opgeslagen>);
    let link = RwSignal::new(None::<String>);
    let melding = RwSignal::new(None::<String>);
    let probleem = RwSignal::new(None::<Probleem>);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use gloo_storage::Storage as _;
            if let Ok(o) = gloo_storage::LocalStorage::get::<Opgeslagen>(OPGESLAGEN) {
                naam.set(o.naam.clone());
                link.set(o.deellink.clone());
                opgeslagen.set(Some(o));
            }
        }
    });
    let onthoud = move |o: Opgeslagen| {
        #[cfg(feature = "hydrate")]
        {
            use gloo_storage::Storage as _;
            // Without storage the next reload starts a new scenario; nothing is lost on the server.
            let _ = gloo_storage::LocalStorage::set(OPGESLAGEN, &o);
        }
        opgeslagen.set(Some(o));
    };
    let bewaar = {
        let csrf = csrf.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            melding.set(None);
            probleem.set(None);
            let scenario = match scenario.get_untracked() {
                Ok(scenario) => scenario,
                Err(reden) => {
                    probleem.set(Some(Probleem::lokaal(reden)));
                    return;
                }
            };
            let body = Inhoud::json(&Scenarioinvoer {
                naam: naam.get_untracked(),
                scenario,
            });
            let vorige = opgeslagen.get_untracked();
            let csrf = csrf.clone();
            crate::api::in_browser(async move {
                let antwoord = match &vorige {
                    Some(o) => {
                        stuur(
                            "PUT",
                            &format!("/scenarios/{}", o.id),
                            body,
                            &csrf,
                            Some(&o.etag),
                        )
                        .await
                    }
                    None => stuur("POST", "/scenarios", body, &csrf, None).await,
                };
                match antwoord.and_then(|a| Ok((a.lees::<OpgeslagenScenario>()?, a.etag))) {
                    Ok((opgeslagen, etag)) => {
                        onthoud(Opgeslagen {
                            id: opgeslagen.id,
                            etag: etag.unwrap_or_default(),
                            naam: naam.get_untracked(),
                            deellink: link.get_untracked(),
                        });
                        melding.set(Some("Het scenario is opgeslagen.".into()));
                    }
                    Err(mut p) => {
                        if p.status == 409 {
                            p.detail = format!(
                                "Dit scenario is intussen elders gewijzigd; er is niets overschreven. {}",
                                p.detail
                            );
                        }
                        probleem.set(Some(p));
                    }
                }
            });
        }
    };
    let deel = {
        let csrf = csrf.clone();
        move |_| {
            let Some(o) = opgeslagen.get_untracked() else {
                return;
            };
            let csrf = csrf.clone();
            crate::api::in_browser(async move {
                match stuur(
                    "POST",
                    &format!("/scenarios/{}/deellinks", o.id),
                    Inhoud::Geen,
                    &csrf,
                    None,
                )
                .await
                .and_then(|a| a.lees::<Deellink>())
                {
                    Ok(deellink) => {
                        let token = Some(deellink.token);
                        link.set(token.clone());
                        onthoud(Opgeslagen {
                            deellink: token,
                            ..o
                        });
                        melding.set(Some(
                            "De deellink is gemaakt; iedereen met de link kan het plan lezen."
                                .into(),
                        ));
                    }
                    Err(p) => probleem.set(Some(p)),
                }
            });
        }
    };
    let trek_in = move |_| {
        let (Some(o), Some(token)) = (opgeslagen.get_untracked(), link.get_untracked()) else {
            return;
        };
        let csrf = csrf.clone();
        crate::api::in_browser(async move {
            match stuur(
                "DELETE",
                &format!("/scenarios/{}/deellinks/{token}", o.id),
                Inhoud::Geen,
                &csrf,
                None,
            )
            .await
            {
                Ok(_) => {
                    link.set(None);
                    onthoud(Opgeslagen {
                        deellink: None,
                        ..o
                    });
                    melding.set(Some(
                        "De deellink is ingetrokken; hij werkt niet meer.".into(),
                    ));
                }
                Err(p) => probleem.set(Some(p)),
            }
        });
    };
    view! {
        <h3 class="utrecht-heading-3">"Bewaren en delen"</h3>
        <form class="gp-opslaan" on:submit=bewaar>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="scenario-naam">"Naam van het scenario"</label>
                <input class="utrecht-textbox" id="scenario-naam" prop:value=move || naam.get()
                    on:input=move |ev| naam.set(event_target_value(&ev)) />
            </div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
                {move || if opgeslagen.with(Option::is_some) { "Wijzigingen opslaan" } else { "Opslaan als scenario" }}
            </button>
            <button class="utrecht-button utrecht-button--secondary-action" type="button"
                disabled=move || opgeslagen.with(Option::is_none) on:click=deel>
                "Deellink maken"
            </button>
        </form>
        <div aria-live="polite">
            {move || melding.get().map(|m| view! { <p class="gp-gelukt" role="status">{m}</p> })}
            {move || probleem.get().map(|p| view! { <Probleemverslag probleem=p /> })}
        </div>
        {move || link.get().map(|token| {
            let pad = format!("/plan/{token}");
            view! {
                <p class="utrecht-paragraph" id="deellink">
                    "Deellink: " <a class="utrecht-link" href=pad.clone()>{pad.clone()}</a> " "
                    <button type="button" class="utrecht-button utrecht-button--subtle" on:click=trek_in.clone()>
                        "Deellink intrekken"
                    </button>
                </p>
            }
        })}
    }
}
