//! `/gemeenten/{code}/landschap`: a gemeente's applicaties with their contracts, for its
//! members (who edit it) and regie (who reads it). Adding and editing use one form whose
//! fields are checked in the browser by the same rules the server applies, with each
//! message next to its field; a file import reports every bad row.

mod aanvullen;
mod formulier;

/// Applicaties per page.
const PER_PAGINA: usize = 50;

use domain::contract::Landschapimport;
use domain::contract::Planbasis;
use domain::landschap::gegevens::KOLOMMEN;
use domain::{Applicatie, GemeenteCode, Referentiecomponent};
use leptos::prelude::*;

use crate::components::tabel::{self, Bladeren, Schuifvlak};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{Antwoord, Inhoud, Probleem, stuur};
use crate::components::bestandsimport::Bestandsimport;
use crate::formaat::{bedrag, datum_kort};
use crate::pages::laden::{gemeentekop, laden_eigen};
use crate::server_fns::landschap::planbasis_ophalen;
use crate::server_fns::sessie::wie;
use formulier::{Applicatieformulier, Formulier};

/// The landscape page.
#[component]
pub fn LandschapPagina() -> impl IntoView {
    let code = use_params_map().with_untracked(|p| p.get("code").unwrap_or_default());
    let basis = OnceResource::new(planbasis_ophalen(code.clone(), true));
    let aanmelding = wie();
    view! {
        {gemeentekop("Applicatielandschap van", code.clone())}
        <p class="utrecht-paragraph">
            <a class="utrecht-link" href=format!("/gemeenten/{code}/overstapplan")>"Naar het overstapplan"</a>
        </p>
        {laden_eigen("Het landschap wordt geladen…", basis, move |pb| {
            let code = code.clone();
            async move {
                let csrf = aanmelding.await.ok().flatten().map(|a| a.csrf);
                view! { <Landschap code=code basis=pb csrf=csrf /> }.into_any()
            }
        })}
    }
}

/// The landscape once loaded: the table follows `apps`, which a write reloads in place,
/// so the form, its messages and the focus stay where they are.
#[component]
fn Landschap(code: String, basis: Planbasis, csrf: Option<String>) -> impl IntoView {
    let Planbasis {
        basis,
        referentiecomponenten,
        mag_schrijven,
        aan_te_vullen,
        ..
    } = basis;
    let apps = RwSignal::new(basis.applicaties);
    let aan_te_vullen = RwSignal::new(aan_te_vullen);
    let herlaad = Callback::new({
        let code = code.clone();
        move |()| {
            let code = code.clone();
            crate::api::in_browser(async move {
                if let Ok(Ok(nieuw)) = planbasis_ophalen(code, true).await {
                    apps.set(nieuw.basis.applicaties);
                    aan_te_vullen.set(nieuw.aan_te_vullen);
                }
            });
        }
    });
    let schrijver = csrf.filter(|_| mag_schrijven);
    let eigen_namen = RwSignal::new(String::new());
    let formulier = Formulier::new();
    let melding = RwSignal::new(None::<String>);
    let referentie = StoredValue::new(referentiecomponenten);
    let rij = {
        let code = code.clone();
        let schrijver = schrijver.clone();
        move |a: &Applicatie| {
            let functies: Vec<String> = a
                .referentiecomponenten
                .iter()
                .map(|r| referentie.with_value(|lijst| naam_van(lijst, r.as_str())))
                .collect();
            let app = a.clone();
            let bewerk = move |_| formulier.vul(&app, &referentie.get_value());
            let verwijder = {
                let pad = format!("/gemeenten/{code}/applicaties/{}", a.id);
                let naam = a.naam.clone();
                let csrf = schrijver.clone().unwrap_or_default();
                move |_| {
                    let (pad, naam, csrf) = (pad.clone(), naam.clone(), csrf.clone());
                    crate::api::in_browser(async move {
                        match stuur("DELETE", &pad, Inhoud::Geen, &csrf, None).await {
                            Ok(_) => {
                                melding.set(Some(format!("{naam} is verwijderd.")));
                                herlaad.run(());
                            }
                            Err(p) => melding.set(Some(p.detail)),
                        }
                    });
                }
            };
            let c = &a.contract;
            view! {
                <tr class="utrecht-table__row" id=format!("applicatie-{}", a.id)>
                    <th class="utrecht-table__header-cell" scope="row">{a.naam.clone()}</th>
                    <td class="utrecht-table__cell">{a.leverancier.clone()}</td>
                    <td class="utrecht-table__cell">{functies.join(", ")}</td>
                    <td class="utrecht-table__cell">{datum_kort(c.einddatum())}</td>
                    <td class="utrecht-table__cell gp-getal">{c.opzegtermijn_maanden()}</td>
                    <td class="utrecht-table__cell gp-getal">{c.verlenging_maanden()}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(c.jaarlijkse_kosten())}</td>
                    <td class="utrecht-table__cell">{if a.ongebruikt() { "nee" } else { "ja" }}</td>
                    {mag_schrijven.then(|| view! {
                        <td class="utrecht-table__cell gp-acties">
                            <button type="button" class="utrecht-button utrecht-button--subtle" on:click=bewerk
                                aria-label=format!("{} bewerken", a.naam)>"Bewerken"</button>
                            <button type="button" class="utrecht-button utrecht-button--subtle" on:click=verwijder
                                aria-label=format!("{} verwijderen", a.naam)>"Verwijderen"</button>
                        </td>
                    })}
                </tr>
            }
        }
    };
    // Search, sort and page: a landscape of thousands stays quick. A link to one
    // applicatie (`?applicatie=id`, from the start page) opens with it found.
    let gevraagd = use_query_map().with_untracked(|q| q.get("applicatie"));
    let zoek = RwSignal::new(
        gevraagd
            .and_then(|id| {
                apps.with_untracked(|l| {
                    l.iter()
                        .find(|a| a.id.as_str() == id)
                        .map(|a| a.naam.clone())
                })
            })
            .unwrap_or_default(),
    );
    let sortering = RwSignal::new("positie".to_owned());
    let functie = RwSignal::new(String::new());
    let gebruik = RwSignal::new(String::new());
    let pagina = RwSignal::new(0_usize);
    let gekozen = Memo::new(move |_| {
        let (zoek, sortering) = (zoek.get().trim().to_lowercase(), sortering.get());
        let (functie, gebruik) = (functie.get(), gebruik.get());
        apps.with(|lijst| {
            let mut gekozen: Vec<Applicatie> = lijst
                .iter()
                .filter(|a| {
                    zoek.is_empty()
                        || a.naam.to_lowercase().contains(&zoek)
                        || a.leverancier.to_lowercase().contains(&zoek)
                })
                .filter(|a| {
                    functie.is_empty()
                        || a.referentiecomponenten
                            .iter()
                            .any(|r| r.as_str() == functie)
                })
                .filter(|a| match gebruik.as_str() {
                    "ja" => !a.ongebruikt(),
                    "nee" => a.ongebruikt(),
                    _ => true,
                })
                .cloned()
                .collect();
            match sortering.as_str() {
                "naam" => gekozen.sort_by_key(|a| a.naam.to_lowercase()),
                "einddatum" => gekozen.sort_by_key(|a| a.contract.einddatum()),
                "kosten" => {
                    gekozen.sort_by_key(|a| std::cmp::Reverse(a.contract.jaarlijkse_kosten()))
                }
                _ => {}
            }
            gekozen
        })
    });
    let paginas = move || gekozen.with(|g| tabel::aantal_paginas(g.len(), PER_PAGINA));
    let rijen = move || {
        let begin = pagina.get() * PER_PAGINA;
        gekozen.with(|lijst| {
            lijst
                .iter()
                .skip(begin)
                .take(PER_PAGINA)
                .map(rij.clone())
                .collect_view()
        })
    };
    let aantal = move || {
        let (n, totaal) = (gekozen.with(Vec::len), apps.with(Vec::len));
        let wat = if totaal == 1 {
            "applicatie"
        } else {
            "applicaties"
        };
        if n == totaal {
            format!(
                "{totaal} {wat}; pagina {} van {}. ",
                pagina.get() + 1,
                paginas()
            )
        } else {
            format!(
                "{n} van {totaal} {wat}; pagina {} van {}. ",
                pagina.get() + 1,
                paginas()
            )
        }
    };
    // The functions the landscape fulfils, by name, to filter on.
    let functies = move || {
        let mut ids: Vec<String> = apps.with(|lijst| {
            lijst
                .iter()
                .flat_map(|a| {
                    a.referentiecomponenten
                        .iter()
                        .map(|r| r.as_str().to_owned())
                })
                .collect()
        });
        ids.sort();
        ids.dedup();
        let mut paren: Vec<(String, String)> = ids
            .into_iter()
            .map(|id| {
                let naam = referentie.with_value(|lijst| naam_van(lijst, &id));
                (id, naam)
            })
            .collect();
        paren.sort_by_key(|p| p.1.to_lowercase());
        paren
            .into_iter()
            .map(|(id, naam)| view! { <option value=id>{naam}</option> })
            .collect_view()
    };
    let export = format!("/api/v1/gemeenten/{code}/applicaties/export");
    let gemeente = GemeenteCode::parse(&code).ok();
    view! {
        <p class="utrecht-paragraph" id="landschap-aantal" aria-live="polite">
            {aantal}
            <a class="utrecht-link" href=export.clone() download="">"Exporteren als CSV"</a>
            ", "
            <a class="utrecht-link" href=format!("{export}?formaat=xlsx") download="">"Excel (XLSX)"</a>
            " of "
            <a class="utrecht-link" href=format!("{export}?formaat=archimate") download="">"ArchiMate (voor uw architectuurtool)"</a>
        </p>
        <div aria-live="polite">{move || melding.get().map(|m| view! { <p class="gp-gelukt" role="status">{m}</p> })}</div>
        {match (schrijver.clone(), gemeente.clone()) {
            (Some(csrf), Some(gemeente)) => view! {
                <aanvullen::Aanvullen gemeente=gemeente lijst=aan_te_vullen csrf=csrf herlaad=herlaad referentie=referentie />
            }.into_any(),
            _ => view! {
                <Show when=move || aan_te_vullen.with(|l| !l.is_empty())>
                    <p class="utrecht-paragraph" id="aanvullen-aantal">
                        {move || format!(
                            "Aan te vullen (einddatum ontbreekt, dus buiten het plan): {}.",
                            crate::formaat::telwoord(aan_te_vullen.with(Vec::len), "applicatie", "applicaties")
                        )}
                    </p>
                </Show>
            }.into_any(),
        }}
        <form class="gp-filters" role="search" aria-label="Landschap doorzoeken" on:submit=|ev| ev.prevent_default()>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="landschap-zoek">"Zoek op naam of leverancier"</label>
                <input class="utrecht-textbox" id="landschap-zoek" type="search" prop:value=move || zoek.get()
                    on:input=move |ev| { zoek.set(event_target_value(&ev)); pagina.set(0); } />
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="landschap-functie">"Functie"</label>
                <select class="utrecht-select" id="landschap-functie"
                    on:change=move |ev| { functie.set(event_target_value(&ev)); pagina.set(0); }>
                    <option value="">"Alle"</option>
                    {functies}
                </select>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="landschap-gebruik">"In gebruik"</label>
                <select class="utrecht-select" id="landschap-gebruik"
                    on:change=move |ev| { gebruik.set(event_target_value(&ev)); pagina.set(0); }>
                    <option value="">"Alle"</option>
                    <option value="ja">"In gebruik"</option>
                    <option value="nee">"Niet in gebruik"</option>
                </select>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="landschap-sortering">"Sorteer op"</label>
                <select class="utrecht-select" id="landschap-sortering"
                    on:change=move |ev| { sortering.set(event_target_value(&ev)); pagina.set(0); }>
                    <option value="positie">"Volgorde van het landschap"</option>
                    <option value="naam">"Naam"</option>
                    <option value="einddatum">"Einddatum, vroegste eerst"</option>
                    <option value="kosten">"Kosten per jaar, hoogste eerst"</option>
                </select>
            </div>
        </form>
        <Schuifvlak label="Applicaties en hun contracten">
            <table class="utrecht-table utrecht-table--html-table" id="landschap">
                <caption class="utrecht-table__caption">"Applicaties en hun contracten"</caption>
                <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="col">"Naam"</th>
                        <th class="utrecht-table__header-cell" scope="col">"Leverancier"</th>
                        <th class="utrecht-table__header-cell" scope="col">"Functies"</th>
                        <th class="utrecht-table__header-cell" scope="col">"Einddatum"</th>
                        <th class="utrecht-table__header-cell" scope="col">"Opzegtermijn (mnd)"</th>
                        <th class="utrecht-table__header-cell" scope="col">"Verlenging (mnd)"</th>
                        <th class="utrecht-table__header-cell" scope="col">"Kosten per jaar"</th>
                        <th class="utrecht-table__header-cell" scope="col">"In gebruik"</th>
                        {mag_schrijven.then(|| view! { <th class="utrecht-table__header-cell" scope="col">"Acties"</th> })}
                    </tr>
                </thead>
                <tbody class="utrecht-table__body">{rijen}</tbody>
            </table>
        </Schuifvlak>
        <Bladeren pagina paginas=Signal::derive(paginas) label="Pagina's van het landschap" />
        {match (schrijver, gemeente) {
            (Some(csrf), Some(gemeente)) => view! {
                <Applicatieformulier
                    gemeente=gemeente
                    formulier=formulier
                    referentie=referentie
                    csrf=csrf.clone()
                    herlaad=herlaad
                />
                <section class="gp-beheer" aria-labelledby="import-kop">
                    <h2 class="utrecht-heading-2" id="import-kop">"Bestand importeren"</h2>
                    <p class="utrecht-paragraph">
                        {format!(
                            "U ziet eerst wat er verandert; pas als u bevestigt, wordt het opgeslagen. \
                             Is één rij fout, dan wordt niets opgeslagen. Een rij met een bekende id werkt die applicatie bij; \
                             wat het bestand niet noemt (zoals een opzegtermijn), blijft zoals het is. \
                             Een applicatie zonder einddatum komt bij \u{201c}Aan te vullen\u{201d}. Grondplan leest: \
                             CSV (komma of puntkomma) of XLSX met in de eerste rij de kolommen {}; \
                             de export van uw pakketten uit de Softwarecatalogus (CSV of JSON); \
                             of een ArchiMate-uitwisselbestand (XML) uit de Softwarecatalogus of uw architectuurtool, \
                             waarin elke applicatiecomponent een applicatie wordt, wat zij specialiseert of realiseert van de \
                             GEMMA-referentiecomponenten haar functies, met eigenschappen als Einddatum, \
                             Opzegtermijn (maanden) en Jaarlijkse kosten.",
                            KOLOMMEN.join(", ")
                        )}
                    </p>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for="eigenschapnamen">
                            "Eigen namen van eigenschappen (alleen voor ArchiMate; mag leeg blijven)"
                        </label>
                        <p class="utrecht-form-field-description" id="eigenschapnamen-uitleg">
                            "Noemt uw model een contractgegeven anders dan Grondplan verwacht, geef dan kolom:naam, \
                             gescheiden door puntkomma's. Bijvoorbeeld: einddatum:Contract einde; opzegtermijnMaanden:Opzegging"
                        </p>
                        <input class="utrecht-textbox" id="eigenschapnamen" type="text"
                            aria-describedby="eigenschapnamen-uitleg"
                            prop:value=move || eigen_namen.get()
                            on:input=move |ev| eigen_namen.set(event_target_value(&ev)) />
                    </div>
                    <Bestandsimport
                        id="landschapbestand"
                        label="Landschapsbestand (CSV, XLSX, JSON of ArchiMate-XML)"
                        accept=".csv,.xlsx,.json,.xml,text/csv"
                        pad=Signal::derive(move || {
                            let pad = format!("/gemeenten/{code}/applicaties/import");
                            match eigen_namen.get() {
                                n if n.trim().is_empty() => pad,
                                n => format!(
                                    "{pad}?eigenschappen={}",
                                    percent_encoding::utf8_percent_encode(&n, percent_encoding::NON_ALPHANUMERIC)
                                ),
                            }
                        })
                        csrf=csrf
                        verslag=landschapverslag
                        na_import=herlaad
                        proefdraai=true
                    />
                </section>
            }
                .into_any(),
            _ => view! {
                <p class="utrecht-paragraph">"Alleen medewerkers van deze gemeente kunnen het landschap wijzigen."</p>
            }
                .into_any(),
        }}
    }
}

/// The name of referentiecomponent `id`, or the id itself.
fn naam_van(referentie: &[Referentiecomponent], id: &str) -> String {
    referentie
        .iter()
        .find(|r| r.id.as_str() == id)
        .map_or_else(|| id.to_owned(), |r| r.naam.clone())
}

/// The report of a landscape import.
fn landschapverslag(antwoord: &Antwoord) -> Result<String, Probleem> {
    let import: Landschapimport = antwoord.lees()?;
    Ok(format!(
        "Import klaar: {} toegevoegd, {} bijgewerkt, {} verwijderd{}.",
        import.toegevoegd,
        import.bijgewerkt,
        import.verwijderd,
        match import.aan_te_vullen {
            0 => String::new(),
            n =>
                format!("; {n} zonder einddatum staan hieronder bij \u{201c}Aan te vullen\u{201d}"),
        }
    ))
}
