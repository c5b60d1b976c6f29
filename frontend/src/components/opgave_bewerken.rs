//! Regie edits an opgave of the published Routekaart: its texts (doelstelling, aanpak,
//! coalitie, draagvlak), the dates of both fasen and the bijdrage per rol. Saved through
//! `PUT /api/v1/opgaven/{id}` with the ETag just read, so a change by someone else is
//! refused, not overwritten; the server checks the whole Routekaart and names what breaks.
//! Activiteiten (with their dependencies), besluiten and deelnemers are edited as rows
//! of small tables in the same form.

use domain::Opgave;
use leptos::prelude::*;

use crate::api::{Inhoud, Probleem, stuur};
use crate::components::bestandsimport::Probleemverslag;

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

/// How a column of a row editor is edited.
#[derive(Clone, Copy)]
enum Soort {
    Tekst,
    Datum,
    Keuze(&'static [(&'static str, &'static str)]),
    /// A list in JSON, `;`-separated in the cell.
    Lijst,
}

/// A column of a row editor: the JSON key, its label, how it is edited.
type Kolom = (&'static str, &'static str, Soort);

const FASEN: &[(&str, &str)] = &[
    ("ontwikkelfase", "Ontwikkelfase"),
    ("opschalingsfase", "Opschalingsfase"),
];
const ORGANEN: &[(&str, &str)] = &[
    (
        "college_van_dienstverleningszaken",
        "College van Dienstverleningszaken",
    ),
    ("ledenvergadering", "Ledenvergadering"),
    ("bestuur", "Bestuur"),
];
const ROLLEN: &[(&str, &str)] = &[
    ("coalitiepartner", "Coalitiepartner"),
    ("eerste_gebruiker", "Eerste gebruiker"),
];

/// The row editors: (JSON key of the list, heading, columns).
const LIJSTEN: [(&str, &str, &[Kolom]); 3] = [
    (
        "activiteiten",
        "Activiteiten",
        &[
            ("id", "Id", Soort::Tekst),
            ("naam", "Naam", Soort::Tekst),
            ("fase", "Fase", Soort::Keuze(FASEN)),
            ("start", "Start", Soort::Datum),
            ("eind", "Eind", Soort::Datum),
            (
                "afhankelijkVan",
                "Na (ids, gescheiden door ;)",
                Soort::Lijst,
            ),
        ],
    ),
    (
        "besluiten",
        "Besluiten",
        &[
            ("id", "Id", Soort::Tekst),
            ("datum", "Datum", Soort::Datum),
            ("orgaan", "Orgaan", Soort::Keuze(ORGANEN)),
            ("onderwerp", "Onderwerp", Soort::Tekst),
        ],
    ),
    (
        "deelnemers",
        "Deelnemers",
        &[
            ("gemeente", "Gemeente (CBS-code)", Soort::Tekst),
            ("rol", "Rol", Soort::Keuze(ROLLEN)),
        ],
    ),
];

/// The rows of one list: a number per row (its key) and a signal per cell.
type Rijen = RwSignal<Vec<(usize, Vec<RwSignal<String>>)>>;

fn rijen_uit(
    json: &serde_json::Value,
    lijst: &str,
    kolommen: &[Kolom],
) -> Vec<(usize, Vec<RwSignal<String>>)> {
    json[lijst]
        .as_array()
        .map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let cellen = kolommen
                        .iter()
                        .map(|(sleutel, _, soort)| {
                            let tekst = match (soort, &item[*sleutel]) {
                                (Soort::Lijst, serde_json::Value::Array(l)) => l
                                    .iter()
                                    .filter_map(serde_json::Value::as_str)
                                    .collect::<Vec<_>>()
                                    .join("; "),
                                (_, serde_json::Value::String(t)) => t.clone(),
                                _ => String::new(),
                            };
                            RwSignal::new(tekst)
                        })
                        .collect();
                    (i, cellen)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn rijen_naar(rijen: &[(usize, Vec<RwSignal<String>>)], kolommen: &[Kolom]) -> serde_json::Value {
    serde_json::Value::Array(
        rijen
            .iter()
            .map(|(_, cellen)| {
                let mut item = serde_json::Map::new();
                for ((sleutel, _, soort), cel) in kolommen.iter().zip(cellen) {
                    let tekst = cel.get_untracked();
                    let waarde = match soort {
                        Soort::Lijst => serde_json::Value::Array(
                            tekst
                                .split(';')
                                .map(str::trim)
                                .filter(|t| !t.is_empty())
                                .map(|t| serde_json::Value::String(t.to_owned()))
                                .collect(),
                        ),
                        _ => serde_json::Value::String(tekst.trim().to_owned()),
                    };
                    item.insert((*sleutel).to_owned(), waarde);
                }
                serde_json::Value::Object(item)
            })
            .collect(),
    )
}

/// A small table of rows, each cell an input, with add and remove.
#[component]
fn Lijsteditor(
    lijst: &'static str,
    kop: &'static str,
    kolommen: &'static [Kolom],
    rijen: Rijen,
) -> impl IntoView {
    let volgende =
        StoredValue::new(rijen.with_untracked(|r| r.iter().map(|(i, _)| i + 1).max().unwrap_or(0)));
    let toevoegen = move |_| {
        let nummer = volgende.get_value();
        volgende.set_value(nummer + 1);
        let cellen = kolommen
            .iter()
            .map(|(_, _, soort)| {
                RwSignal::new(match soort {
                    Soort::Keuze(opties) => {
                        opties.first().map_or(String::new(), |o| o.0.to_owned())
                    }
                    _ => String::new(),
                })
            })
            .collect();
        rijen.update(|r| r.push((nummer, cellen)));
    };
    view! {
        <h3 class="utrecht-heading-3" id=format!("lijst-{lijst}")>{kop}</h3>
        <div class="gp-tabel-rol">
            <table class="utrecht-table utrecht-table--html-table gp-lijsteditor" aria-labelledby=format!("lijst-{lijst}")>
                <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                        {kolommen.iter().map(|(_, label, _)| view! { <th class="utrecht-table__header-cell" scope="col">{*label}</th> }).collect_view()}
                        <th class="utrecht-table__header-cell" scope="col">"Actie"</th>
                    </tr>
                </thead>
                <tbody class="utrecht-table__body">
                    <For each=move || rijen.get() key=|(nummer, _)| *nummer let:rij>
                        {
                            let (nummer, cellen) = rij;
                            let invoer = kolommen
                                .iter()
                                .zip(cellen)
                                .map(|((sleutel, label, soort), cel)| {
                                    let naam = format!("{label}, rij {}", nummer + 1);
                                    let id = format!("{lijst}-{sleutel}-{nummer}");
                                    let veld = match soort {
                                        Soort::Keuze(opties) => view! {
                                            <select class="utrecht-select" id=id aria-label=naam
                                                on:change=move |ev| cel.set(event_target_value(&ev))>
                                                {opties.iter().map(|(waarde, tekst)| {
                                                    let gekozen = cel.get_untracked() == *waarde;
                                                    view! { <option value=*waarde selected=gekozen>{*tekst}</option> }
                                                }).collect_view()}
                                            </select>
                                        }.into_any(),
                                        _ => view! {
                                            <input class="utrecht-textbox" id=id aria-label=naam
                                                type=if matches!(soort, Soort::Datum) { "date" } else { "text" }
                                                prop:value=move || cel.get() on:input=move |ev| cel.set(event_target_value(&ev)) />
                                        }.into_any(),
                                    };
                                    view! { <td class="utrecht-table__cell">{veld}</td> }
                                })
                                .collect_view();
                            view! {
                                <tr class="utrecht-table__row">
                                    {invoer}
                                    <td class="utrecht-table__cell">
                                        <button type="button" class="utrecht-button utrecht-button--subtle"
                                            aria-label=format!("{kop}: rij {} verwijderen", nummer + 1)
                                            on:click=move |_| rijen.update(|r| r.retain(|(n, _)| *n != nummer))>
                                            "Verwijderen"
                                        </button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </div>
        <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=toevoegen>
            {format!("{kop}: rij toevoegen")}
        </button>
    }
}

/// The form, for regie only: `regie_csrf` is the session's CSRF token when regie is
/// logged in, and there is no form without it.
#[component]
pub fn OpgaveBewerken(opgave: Opgave, regie_csrf: Option<String>) -> impl IntoView {
    regie_csrf.map(|csrf| view! { <Formulier opgave csrf /> }.into_any())
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
    let lijsten: Vec<(&'static str, Rijen)> = LIJSTEN
        .iter()
        .map(|(lijst, _, kolommen)| (*lijst, RwSignal::new(rijen_uit(&json, lijst, kolommen))))
        .collect();
    let lijsten = StoredValue::new(lijsten);
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
        let rijen: Vec<(&'static str, serde_json::Value)> = lijsten.with_value(|l| {
            l.iter()
                .zip(LIJSTEN.iter())
                .map(|((lijst, rijen), (_, _, kolommen))| {
                    (*lijst, rijen.with_untracked(|r| rijen_naar(r, kolommen)))
                })
                .collect()
        });
        crate::api::in_browser(async move {
            // Read now for the ETag and every field this form does not show.
            let uitkomst = crate::api::wijzig(&pad, &csrf, |json| {
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
                for (lijst, waarde) in rijen {
                    json[lijst] = waarde;
                }
                Ok(())
            })
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
            <form class="gp-formulier gp-formulier--breed" on:submit=opslaan>
                {velden}
                {LIJSTEN
                    .iter()
                    .zip(lijsten.get_value())
                    .map(|((lijst, kop, kolommen), (_, rijen))| view! { <Lijsteditor lijst=*lijst kop=*kop kolommen=*kolommen rijen /> }.into_any())
                    .collect_view()}
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Opgave opslaan"</button>
            </form>
            <div aria-live="polite">
                {move || gelukt.get().then(|| view! { <p class="gp-gelukt" role="status">"De opgave is opgeslagen; de Routekaart is bijgewerkt."</p> })}
                {move || probleem.get().map(|p| view! { <Probleemverslag probleem=p /> })}
            </div>
        </section>
    }
}

/// Regie adds an opgave to the Routekaart: its id, name and the dates of both fasen; the
/// rest is filled in on its page. Only with regie's CSRF token.
#[component]
pub fn NieuweOpgave(regie_csrf: Option<String>) -> impl IntoView {
    regie_csrf.map(|csrf| view! { <NieuweOpgaveFormulier csrf /> }.into_any())
}

#[component]
fn NieuweOpgaveFormulier(csrf: String) -> impl IntoView {
    const VELDEN: [(&str, &str, &str); 6] = [
        ("id", "Id (kleine letters, cijfers en streepjes)", "text"),
        ("naam", "Naam", "text"),
        ("ontwikkel-start", "Ontwikkelfase: start", "date"),
        ("ontwikkel-eind", "Ontwikkelfase: eind", "date"),
        ("opschaling-start", "Opschalingsfase: start", "date"),
        ("opschaling-eind", "Opschalingsfase: eind", "date"),
    ];
    let waarden: Vec<RwSignal<String>> = VELDEN
        .iter()
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let waarden = StoredValue::new(waarden);
    let probleem = RwSignal::new(None::<Probleem>);
    let gemaakt = RwSignal::new(None::<String>);
    let maak = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        probleem.set(None);
        gemaakt.set(None);
        let w: Vec<String> = waarden.with_value(|w| {
            w.iter()
                .map(|s| s.get_untracked().trim().to_owned())
                .collect()
        });
        let leeg = || serde_json::json!("");
        let bijdrage = serde_json::json!({"ftePerKwartaal": 0.0, "euro": 0});
        let body = serde_json::json!({
            "id": w[0], "naam": w[1], "doelstelling": leeg(), "coalitie": leeg(),
            "aanpak": {"randvoorwaarden": leeg(), "mensenEnMiddelen": leeg(), "planning": leeg()},
            "draagvlak": {"convenant": leeg(), "financieleArrangementen": leeg(), "governance": leeg()},
            "ontwikkelfase": {"start": w[2], "eind": w[3]},
            "opschalingsfase": {"start": w[4], "eind": w[5]},
            "activiteiten": [], "besluiten": [], "deelnemers": [],
            "bijdrage": {"coalitiepartner": bijdrage, "eersteGebruiker": bijdrage},
        })
        .to_string();
        let id = w[0].clone();
        let csrf = csrf.clone();
        crate::api::in_browser(async move {
            match stuur("POST", "/opgaven", Inhoud::Json(body), &csrf, None).await {
                Ok(_) => gemaakt.set(Some(id)),
                Err(p) => probleem.set(Some(p)),
            }
        });
    };
    view! {
        <section class="gp-beheer" aria-labelledby="nieuw-kop">
            <h2 class="utrecht-heading-2" id="nieuw-kop">"Nieuwe opgave (regie)"</h2>
            <form class="gp-formulier" on:submit=maak>
                {VELDEN
                    .iter()
                    .enumerate()
                    .map(|(i, (id, label, soort))| {
                        let waarde = waarden.with_value(|w| w[i]);
                        let veld = format!("nieuw-{id}");
                        view! {
                            <div class="utrecht-form-field">
                                <label class="utrecht-form-label" for=veld.clone()>{*label}</label>
                                <input class="utrecht-textbox" id=veld type=*soort
                                    prop:value=move || waarde.get() on:input=move |ev| waarde.set(event_target_value(&ev)) />
                            </div>
                        }
                    })
                    .collect_view()}
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Opgave toevoegen"</button>
            </form>
            <div aria-live="polite">
                {move || gemaakt.get().map(|id| view! {
                    <p class="gp-gelukt" role="status">
                        "De opgave is toegevoegd. "
                        <a class="utrecht-link" href=format!("/opgaven/{id}")>"Vul haar verder in"</a>
                    </p>
                })}
                {move || probleem.get().map(|p| view! { <Probleemverslag probleem=p /> })}
            </div>
        </section>
    }
}
