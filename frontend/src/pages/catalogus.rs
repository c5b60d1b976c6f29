//! `/componenten`: the Componentencatalogus, the five layers of Common Ground side by
//! side, filtered by status and soort (a plain GET form, so it works before hydration
//! too). Regie imports a publiccode.yml here.

use crate::components::kop::Paginatitel;
use domain::catalogus::bedoelt_u;
use domain::contract::Componentimport;
use domain::{Component, Laag, Soort, Status};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{Antwoord, Probleem};
use crate::components::bestandsimport::Bestandsimport;
use crate::pages::laden::laden;
use crate::server_fns::catalogus::catalogus_ophalen;
use crate::server_fns::sessie::{regie_csrf, wie};

/// The catalogue page.
#[component]
pub fn CatalogusPagina() -> impl IntoView {
    let catalogus = Resource::new(|| (), |()| catalogus_ophalen());
    let aanmelding = wie();
    let query = use_query_map();
    let status = move || query.with(|q| q.get("status").unwrap_or_default());
    let soort = move || query.with(|q| q.get("soort").unwrap_or_default());
    let past = move |k: &Component| {
        let (status, soort) = (status(), soort());
        (status.is_empty() || k.status.code() == status)
            && (soort.is_empty() || k.soort.code() == soort)
    };
    view! {
        <Paginatitel tekst="Componentencatalogus" />
        <h1 class="utrecht-heading-1">"Componentencatalogus"</h1>
        <p class="utrecht-paragraph">
            "De Common Ground-componenten in de vijf lagen, met de GEMMA-referentiecomponenten die ze vervangen. "
            <a class="utrecht-link" href="/referentiecomponenten">"Alle GEMMA-referentiecomponenten"</a>
        </p>
        <form class="gp-filters" method="get" action="/componenten">
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="filter-status">"Status"</label>
                <select class="utrecht-select" id="filter-status" name="status">
                    <option value="" selected=move || status().is_empty()>"Alle"</option>
                    {Status::ALLE
                        .into_iter()
                        .map(|s| view! { <option value=s.code() selected=move || status() == s.code()>{s.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="filter-soort">"Soort"</label>
                <select class="utrecht-select" id="filter-soort" name="soort">
                    <option value="" selected=move || soort().is_empty()>"Alle"</option>
                    {Soort::ALLE
                        .into_iter()
                        .map(|s| view! { <option value=s.code() selected=move || soort() == s.code()>{s.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Filteren"</button>
        </form>
        {laden("De catalogus wordt geladen…", catalogus, move |catalogus| async move {
            let lagen = Laag::ALLE
                .into_iter()
                .map(|laag| {
                    let kaarten = catalogus
                        .componenten
                        .iter()
                        .filter(|k| k.laag == laag && past(k))
                        .map(|k| view! { <Componentkaart component=k.clone() /> })
                        .collect_view();
                    let kop = format!("laag-{}", laag.code());
                    let verwijzing = kop.clone();
                    view! {
                        <section class="gp-laag" aria-labelledby=verwijzing>
                            <h2 class="utrecht-heading-2" id=kop>{laag.label()}</h2>
                            <ul class="gp-laag__lijst">{kaarten}</ul>
                        </section>
                    }
                })
                .collect_view();
            view! { <div class="gp-lagen">{lagen}</div> }.into_any()
        })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let csrf = regie_csrf(&aanmelding.await)?;
                let laag = RwSignal::new("services".to_owned());
                Some(view! {
                    <section class="gp-beheer" aria-labelledby="import-kop">
                        <h2 class="utrecht-heading-2" id="import-kop">"Component importeren (regie)"</h2>
                        <p class="utrecht-paragraph">
                            "Een publiccode.yml; een component met dezelfde url wordt bijgewerkt. "
                            "De laag geldt als het bestand er geen noemt."
                        </p>
                        <Bestandsimport
                            id="publiccode"
                            label="publiccode.yml"
                            accept=".yml,.yaml"
                            pad=Signal::derive(move || format!("/componenten/import?laag={}", laag.get()))
                            csrf
                            verslag=componentverslag
                            na_import=Callback::new(move |()| catalogus.refetch())
                        >
                            <div class="utrecht-form-field">
                                <label class="utrecht-form-label" for="import-laag">"Laag"</label>
                                <select
                                    class="utrecht-select"
                                    id="import-laag"
                                    on:change=move |ev| laag.set(event_target_value(&ev))
                                >
                                    {Laag::ALLE
                                        .into_iter()
                                        .map(|l| view! { <option value=l.code() selected=l == Laag::Services>{l.label()}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                        </Bestandsimport>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// One component in its layer column.
#[component]
fn Componentkaart(component: Component) -> impl IntoView {
    let functies = match component.vervangt.len() {
        0 => "vervangt geen referentiecomponent".to_owned(),
        1 => "vervangt 1 referentiecomponent".to_owned(),
        n => format!("vervangt {n} referentiecomponenten"),
    };
    view! {
        <li class="gp-kaart">
            <a class="utrecht-link gp-kaart__naam" href=format!("/componenten/{}", component.id)>
                {component.naam}
            </a>
            <span class=format!("gp-status gp-status--{}", component.status.code())>{component.status.label()}</span>
            <span class="gp-kaart__soort">{component.soort.label()}</span>
            <span class="gp-kaart__functies">{functies}</span>
        </li>
    }
}

/// The report of a publiccode.yml import.
fn componentverslag(antwoord: &Antwoord) -> Result<String, Probleem> {
    let import: Componentimport = antwoord.lees()?;
    let (naam, laag) = (&import.component.naam, import.component.laag.code());
    let mut zin = if import.nieuw {
        format!("{naam} is toegevoegd aan de laag {laag}.")
    } else {
        format!("{naam} is bijgewerkt (laag {laag}).")
    };
    for (namen, wat) in [
        (
            &import.onbekende_gemeenten,
            "Onbekende gemeenten (niet opgeslagen)",
        ),
        (
            &import.onbekende_afhankelijkheden,
            "Onbekende afhankelijkheden",
        ),
    ] {
        if !namen.is_empty() {
            let namen: Vec<String> = namen
                .iter()
                .map(
                    |naam| match import.bedoeld.iter().find(|b| &b.onbekend == naam) {
                        Some(b) => format!("{naam} ({})", bedoelt_u(&b.bedoelt, "")),
                        None => naam.clone(),
                    },
                )
                .collect();
            zin.push_str(&format!(" {wat}: {}.", namen.join(", ")));
        }
    }
    Ok(zin)
}
