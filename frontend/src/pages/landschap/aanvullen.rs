//! The applicaties aan te vullen as a grid to fill quickly: one row each, with what it
//! lacks, its einddatum and notice and renewal terms to enter, and a button that adds it
//! to the landscape. Each row is a form of its own (its fields name it with `form=`), so
//! Tab walks the fields in reading order and Enter in any field saves that row; after a
//! save the focus moves to the next row's einddatum.

use domain::GemeenteCode;
use domain::landschap::gegevens::{AanTeVullen, Applicatiegegevens, KOLOMMEN};
use leptos::prelude::*;

use crate::api::{Inhoud, stuur};
use crate::components::tabel::Schuifvlak;
use crate::formaat::{telwoord, veldnaam};

use super::formulier::{focus, getoetst};

/// The fields a row lets the member fill: (JSON name, column head, input type).
const VELDEN: [(&str, &str, &str); 3] = [
    ("einddatum", "Einddatum", "date"),
    ("opzegtermijnMaanden", "Opzegtermijn (mnd)", "number"),
    ("verlengingMaanden", "Verlenging (mnd)", "number"),
];

/// The grid; `herlaad` reloads the landscape after a row is added to it.
#[component]
pub fn Aanvullen(
    gemeente: GemeenteCode,
    lijst: RwSignal<Vec<AanTeVullen>>,
    csrf: String,
    herlaad: Callback<()>,
    referentie: StoredValue<Vec<domain::Referentiecomponent>>,
) -> impl IntoView {
    let melding = RwSignal::new(None::<String>);
    // Keyed: a row that stays keeps its fields (and the focus) when another is added.
    let (gemeente, csrf) = (StoredValue::new(gemeente), StoredValue::new(csrf));
    let rijen = move || {
        let (gemeente, csrf) = (gemeente.get_value(), csrf.get_value());
        view! {
            <For each=move || lijst.get() key=|a| a.id.clone() let:a>
                <Aanvulrij
                    a=a
                    lijst=lijst
                    gemeente=gemeente.clone()
                    csrf=csrf.clone()
                    herlaad=herlaad
                    melding=melding
                    referentie=referentie
                />
            </For>
        }
    };
    view! {
        // Outside the section, which goes once the last one is added.
        <div aria-live="polite" id="aanvullen-melding">
            {move || melding.get().map(|m| view! { <p class="gp-gelukt" role="status">{m}</p> })}
        </div>
        <Show when=move || lijst.with(|l| !l.is_empty())>
            <section class="gp-aanvullen" aria-labelledby="aanvullen-kop">
                <h2 class="utrecht-heading-2" id="aanvullen-kop">
                    {move || format!(
                        "Aan te vullen: {} buiten het plan",
                        telwoord(lijst.with(Vec::len), "applicatie", "applicaties")
                    )}
                </h2>
                <p class="utrecht-paragraph">
                    "Deze applicaties kwamen binnen zonder einddatum. Zonder einddatum is er geen uitstapmoment, \
                     dus staan ze niet in het overstapplan. Vul de einddatum in en druk op Enter of \
                     op \u{201c}Toevoegen\u{201d}: de applicatie gaat het plan in en u gaat door naar de volgende. \
                     Hoort een applicatie niet in uw landschap, kies dan \u{201c}Weglaten\u{201d}."
                </p>
                <Schuifvlak label="Applicaties aan te vullen">
                    <table class="utrecht-table utrecht-table--html-table" id="aanvullen">
                        <caption class="utrecht-table__caption">"Applicaties aan te vullen"</caption>
                        <thead class="utrecht-table__header">
                            <tr class="utrecht-table__row">
                                <th class="utrecht-table__header-cell" scope="col">"Naam"</th>
                                <th class="utrecht-table__header-cell" scope="col">"Ontbreekt"</th>
                                {VELDEN.iter().map(|(_, kop, _)| view! {
                                    <th class="utrecht-table__header-cell" scope="col">{*kop}</th>
                                }).collect_view()}
                                <th class="utrecht-table__header-cell" scope="col">"Actie"</th>
                            </tr>
                        </thead>
                        <tbody class="utrecht-table__body">{rijen}</tbody>
                    </table>
                </Schuifvlak>
            </section>
        </Show>
    }
}

/// One row: its fields, its message, its button.
#[component]
fn Aanvulrij(
    a: AanTeVullen,
    lijst: RwSignal<Vec<AanTeVullen>>,
    gemeente: GemeenteCode,
    csrf: String,
    herlaad: Callback<()>,
    melding: RwSignal<Option<String>>,
    referentie: StoredValue<Vec<domain::Referentiecomponent>>,
) -> impl IntoView {
    let id = a.id.to_string();
    let formulier = format!("aanvul-{id}");
    let cellen = a.gegevens.tekstrij();
    let waarden: Vec<RwSignal<String>> = VELDEN
        .iter()
        .map(|(veld, _, _)| {
            let i = KOLOMMEN.iter().position(|k| k == veld).unwrap_or(0);
            RwSignal::new(cellen[i].clone())
        })
        .collect();
    let fout = RwSignal::new(None::<String>);
    let fout_id = format!("aanvul-fout-{id}");
    let ontbreekt: Vec<String> = a.ontbreekt.iter().map(|v| veldnaam(v)).collect();
    let naam = a.naam.clone();
    let weglaten = {
        let (pad, csrf, naam, id) = (
            format!("/gemeenten/{gemeente}/applicaties/{}", a.id),
            csrf.clone(),
            a.naam.clone(),
            a.id.clone(),
        );
        move |_| {
            let (pad, csrf, naam, id) = (pad.clone(), csrf.clone(), naam.clone(), id.clone());
            crate::api::in_browser(async move {
                match stuur("DELETE", &pad, Inhoud::Geen, &csrf, None).await {
                    Ok(_) => {
                        melding.set(Some(format!("{naam} is weggelaten.")));
                        uit_het_rooster(lijst, &id, herlaad);
                    }
                    Err(p) => fout.set(Some(crate::formaat::hoofdletter(&p.detail))),
                }
            });
        }
    };
    let opslaan = {
        let waarden = waarden.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut cellen = a.gegevens.tekstrij();
            for ((veld, _, _), waarde) in VELDEN.iter().zip(&waarden) {
                if let Some(i) = KOLOMMEN.iter().position(|k| k == veld) {
                    cellen[i] = waarde.get_untracked();
                }
            }
            let gelezen = Applicatiegegevens::uit_tekst(|kolom| {
                let i = KOLOMMEN.iter().position(|k| *k == kolom)?;
                Some(cellen[i].as_str())
            });
            let gecontroleerd =
                gelezen.and_then(|g| getoetst(g, &gemeente, a.id.clone(), referentie));
            let gegevens = match gecontroleerd {
                Ok(g) => g,
                Err(fouten) => {
                    fout.set(Some(
                        fouten
                            .iter()
                            .map(|f| format!("{}: {}", veldnaam(&f.veld), f.reden))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ));
                    focus(&format!("aanvul-{}-{}", a.id, veld_van(&fouten)));
                    return;
                }
            };
            fout.set(None);
            let (pad, csrf, naam) = (
                format!("/gemeenten/{gemeente}/applicaties"),
                csrf.clone(),
                a.naam.clone(),
            );
            let id = a.id.clone();
            crate::api::in_browser(async move {
                match stuur("POST", &pad, Inhoud::json(&gegevens), &csrf, None).await {
                    Ok(_) => {
                        melding.set(Some(format!(
                            "{naam} staat nu in het landschap en het plan."
                        )));
                        uit_het_rooster(lijst, &id, herlaad);
                    }
                    Err(p) => fout.set(Some(crate::formaat::hoofdletter(&p.detail))),
                }
            });
        }
    };
    let velden = VELDEN
        .iter()
        .zip(waarden)
        .map(|((veld, kop, soort), waarde)| {
            let invoer_id = format!("aanvul-{id}-{veld}");
            let label = format!("{kop} van {naam}");
            let formulier = formulier.clone();
            let fout_id = fout_id.clone();
            view! {
                <td class="utrecht-table__cell">
                    <input
                        class="utrecht-textbox gp-aanvulveld"
                        id=invoer_id
                        type=*soort
                        min=(*soort == "number").then_some("0")
                        form=formulier
                        aria-label=label
                        aria-describedby=fout_id
                        aria-invalid=move || fout.with(Option::is_some).then_some("true")
                        required=*veld == "einddatum"
                        prop:value=move || waarde.get()
                        on:input=move |ev| waarde.set(event_target_value(&ev))
                    />
                </td>
            }
        })
        .collect_view();
    view! {
        <tr class="utrecht-table__row" id=format!("aanvulrij-{id}")>
            <th class="utrecht-table__header-cell" scope="row">
                {naam.clone()}
                <p class="gp-veldfout" id=fout_id.clone()>{move || fout.get()}</p>
            </th>
            <td class="utrecht-table__cell">{ontbreekt.join(", ")}</td>
            {velden}
            <td class="utrecht-table__cell">
                <form id=formulier class="gp-knoppen" on:submit=opslaan novalidate>
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action"
                        aria-label=format!("{naam} toevoegen aan het landschap")>"Toevoegen"</button>
                    <button type="button" class="utrecht-button utrecht-button--subtle" on:click=weglaten
                        aria-label=format!("{naam} weglaten")>"Weglaten"</button>
                </form>
            </td>
        </tr>
    }
}

/// Takes row `id` out of the grid (it was added or left out), reloads the landscape, and
/// puts the focus on the next row's einddatum (else the previous row's, else the search
/// field of the landscape), so a keyboard user goes on where they were.
fn uit_het_rooster(
    lijst: RwSignal<Vec<AanTeVullen>>,
    id: &domain::ApplicatieId,
    herlaad: Callback<()>,
) {
    let volgende = lijst.with_untracked(|l| {
        let plek = l.iter().position(|x| &x.id == id)?;
        l.get(plek + 1)
            .or_else(|| plek.checked_sub(1).and_then(|p| l.get(p)))
            .map(|x| x.id.clone())
    });
    lijst.update(|l| l.retain(|x| &x.id != id));
    herlaad.run(());
    let doel = volgende.map_or_else(
        || "landschap-zoek".to_owned(),
        |v| format!("aanvul-{v}-einddatum"),
    );
    request_animation_frame(move || focus(&doel));
}

/// The field of the first error that this grid has, else the einddatum.
fn veld_van(fouten: &[domain::landschap::gegevens::Veldfout]) -> &'static str {
    fouten
        .iter()
        .find_map(|f| {
            VELDEN
                .iter()
                .find(|(v, _, _)| *v == f.veld)
                .map(|(v, _, _)| *v)
        })
        .unwrap_or("einddatum")
}
