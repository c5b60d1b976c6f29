//! Regie edits an opgave of the published Routekaart: its texts (doelstelling, aanpak,
//! coalitie, draagvlak), the dates of both fasen and the bijdrage per rol. Saved through
//! `PUT /api/v1/opgaven/{id}` with the ETag just read, so a change by someone else is
//! refused, not overwritten; the server checks the whole Routekaart and names what breaks.
//! Activiteiten, dependencies, besluiten and deelnemers are changed through the API (and
//! deelnemers through aanmeldingen).

use domain::Opgave;
use leptos::prelude::*;

use crate::api::{Inhoud, Probleem, stuur};
use crate::components::bestandsimport::Probleemverslag;
use crate::server_fns::aanmelding::aanmelding_ophalen;

/// The fields: (JSON pointer into the opgave, label, input type).
const VELDEN: [(&str, &str, &str); 16] = [
    ("/doelstelling", "Doelstelling", "textarea"),
    (
        "/aanpak/randvoorwaarden",
        "Aanpak: randvoorwaarden",
        "textarea",
    ),
    (
        "/aanpak/mensenEnMiddelen",
        "Aanpak: mensen en middelen",
        "textarea",
    ),
    ("/aanpak/planning", "Aanpak: planning", "textarea"),
    ("/coalitie", "Coalitie", "textarea"),
    ("/draagvlak/convenant", "Draagvlak: convenant", "textarea"),
    (
        "/draagvlak/financieleArrangementen",
        "Draagvlak: financiële arrangementen",
        "textarea",
    ),
    ("/draagvlak/governance", "Draagvlak: governance", "textarea"),
    ("/ontwikkelfase/start", "Ontwikkelfase: start", "date"),
    ("/ontwikkelfase/eind", "Ontwikkelfase: eind", "date"),
    ("/opschalingsfase/start", "Opschalingsfase: start", "date"),
    ("/opschalingsfase/eind", "Opschalingsfase: eind", "date"),
    (
        "/bijdrage/coalitiepartner/ftePerKwartaal",
        "Bijdrage coalitiepartner: fte per kwartaal",
        "number",
    ),
    (
        "/bijdrage/coalitiepartner/euro",
        "Bijdrage coalitiepartner: euro",
        "number",
    ),
    (
        "/bijdrage/eersteGebruiker/ftePerKwartaal",
        "Bijdrage eerste gebruiker: fte per kwartaal",
        "number",
    ),
    (
        "/bijdrage/eersteGebruiker/euro",
        "Bijdrage eerste gebruiker: euro",
        "number",
    ),
];

/// The form, for regie only.
#[component]
pub fn OpgaveBewerken(opgave: Opgave) -> impl IntoView {
    let wie = OnceResource::new(aanmelding_ophalen());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let opgave = opgave.clone();
                Suspend::new(async move {
                    let regie = wie.await.ok().flatten().filter(|a| a.gemeente.is_none())?;
                    Some(view! { <Formulier opgave csrf=regie.csrf /> })
                })
            }}
        </Suspense>
    }
}

#[component]
fn Formulier(opgave: Opgave, csrf: String) -> impl IntoView {
    let json = serde_json::to_value(&opgave).unwrap_or_default();
    let waarden: Vec<(&'static str, RwSignal<String>)> = VELDEN
        .iter()
        .map(|(pad, _, _)| {
            let tekst = match json.pointer(pad) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(anders) => anders.to_string(),
                None => String::new(),
            };
            (*pad, RwSignal::new(tekst))
        })
        .collect();
    let waarden = StoredValue::new(waarden);
    let probleem = RwSignal::new(None::<Probleem>);
    let gelukt = RwSignal::new(false);
    let id = opgave.id.to_string();
    let opslaan = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        probleem.set(None);
        gelukt.set(false);
        let pad = format!("/opgaven/{id}");
        let csrf = csrf.clone();
        let ingevuld: Vec<(&'static str, String)> =
            waarden.with_value(|w| w.iter().map(|(p, s)| (*p, s.get_untracked())).collect());
        crate::api::in_browser(async move {
            let uitkomst = async {
                // Read now for the ETag and every field this form does not show.
                let gelezen = stuur("GET", &pad, Inhoud::Geen, &csrf, None).await?;
                let mut json: serde_json::Value = serde_json::from_str(&gelezen.tekst)
                    .map_err(|_| Probleem::lokaal("onleesbaar antwoord van de server"))?;
                for (pointer, tekst) in ingevuld {
                    let soort = VELDEN
                        .iter()
                        .find(|(p, _, _)| *p == pointer)
                        .map_or("text", |v| v.2);
                    let waarde = if soort == "number" {
                        tekst
                            .replace(',', ".")
                            .parse::<f64>()
                            .map(|g| {
                                if pointer.ends_with("/euro") {
                                    serde_json::json!(g.round() as i64)
                                } else {
                                    serde_json::json!(g)
                                }
                            })
                            .map_err(|_| Probleem::lokaal(format!("'{tekst}' is geen getal")))?
                    } else {
                        serde_json::Value::String(tekst)
                    };
                    if let Some(plek) = json.pointer_mut(pointer) {
                        *plek = waarde;
                    }
                }
                stuur(
                    "PUT",
                    &pad,
                    Inhoud::Json(json.to_string()),
                    &csrf,
                    gelezen.etag.as_deref(),
                )
                .await
            }
            .await;
            match uitkomst {
                Ok(_) => gelukt.set(true),
                Err(p) => probleem.set(Some(p)),
            }
        });
    };
    let velden = VELDEN
        .iter()
        .map(|&(pad, label, soort)| {
            let veld_id = format!("opgave-{}", pad.trim_start_matches('/').replace('/', "-"));
            let waarde = waarden.with_value(|w| {
                w.iter()
                    .find(|(p, _)| *p == pad)
                    .map(|(_, s)| *s)
                    .unwrap_or_else(|| RwSignal::new(String::new()))
            });
            let invoer = if soort == "textarea" {
                view! {
                    <textarea class="utrecht-textarea" id=veld_id.clone() rows="3"
                        prop:value=move || waarde.get() on:input=move |ev| waarde.set(event_target_value(&ev))></textarea>
                }
                .into_any()
            } else {
                view! {
                    <input class="utrecht-textbox" id=veld_id.clone() type=soort step="any"
                        prop:value=move || waarde.get() on:input=move |ev| waarde.set(event_target_value(&ev)) />
                }
                .into_any()
            };
            view! {
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for=veld_id>{label}</label>
                    {invoer}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="gp-beheer" aria-labelledby="bewerken-kop">
            <h2 class="utrecht-heading-2" id="bewerken-kop">"Opgave bewerken (regie)"</h2>
            <form class="gp-formulier" on:submit=opslaan>
                {velden}
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Opgave opslaan"</button>
            </form>
            <div aria-live="polite">
                {move || gelukt.get().then(|| view! { <p class="gp-gelukt" role="status">"De opgave is opgeslagen; de Routekaart is bijgewerkt."</p> })}
                {move || probleem.get().map(|p| view! { <Probleemverslag probleem=p /> })}
            </div>
        </section>
    }
}
