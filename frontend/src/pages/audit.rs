//! `/gemeenten/{code}/audit`: the changes to a gemeente's own data, for its members and
//! regie; everybody else is told why not (and gets status 401 or 403). Per change who,
//! when (Dutch time), what by name and each changed field from its old to its new value;
//! filtered by kind and paged once the page runs in the browser.

use domain::contract::{Auditpost, Auditsoort};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::tabel::{self, Bladeren};
use crate::formaat::{tijdstip, veldnaam, waarde};
use crate::pages::laden::{gemeentekop, laden_eigen};
use crate::server_fns::audit::audit_ophalen;

/// Changes per page.
const PER_PAGINA: usize = 25;

/// The audit page.
#[component]
pub fn AuditPagina() -> impl IntoView {
    let code = use_params_map().with_untracked(|p| p.get("code").unwrap_or_default());
    let regels = OnceResource::new(audit_ophalen(code.clone()));
    view! {
        {gemeentekop("Wijzigingen van", code.clone())}
        {laden_eigen("De wijzigingen worden geladen…", regels, |regels| async move {
            if regels.is_empty() {
                return view! { <p class="utrecht-paragraph">"Er zijn nog geen wijzigingen."</p> }.into_any();
            }
            view! { <Wijzigingen regels /> }.into_any()
        })}
    }
}

#[component]
fn Wijzigingen(regels: Vec<Auditpost>) -> impl IntoView {
    let mut soorten: Vec<String> = regels.iter().map(|r| r.entiteit.clone()).collect();
    soorten.sort();
    soorten.dedup();
    let regels = StoredValue::new(regels);
    let soort = RwSignal::new(String::new());
    let pagina = RwSignal::new(0_usize);
    let gekozen = Memo::new(move |_| {
        let soort = soort.get();
        regels.with_value(|r| {
            r.iter()
                .filter(|r| soort.is_empty() || r.entiteit == soort)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let paginas = move || gekozen.with(|g| tabel::aantal_paginas(g.len(), PER_PAGINA));
    let opties = soorten
        .into_iter()
        .map(|s| view! { <option value=s.clone()>{s.clone()}</option> })
        .collect_view();
    let items = move || {
        let begin = pagina.get() * PER_PAGINA;
        gekozen.with(|g| {
            g.iter()
                .skip(begin)
                .take(PER_PAGINA)
                .map(|r| view! { <Wijziging regel=r.clone() /> })
                .collect_view()
        })
    };
    view! {
        <div class="gp-filters">
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="audit-soort">"Soort"</label>
                <select class="utrecht-select" id="audit-soort"
                    on:change=move |ev| { soort.set(event_target_value(&ev)); pagina.set(0); }>
                    <option value="">"Alle"</option>
                    {opties}
                </select>
            </div>
        </div>
        <p class="utrecht-paragraph" aria-live="polite" id="audit-aantal">
            {move || {
                let totaal = gekozen.with(Vec::len);
                format!("{totaal} wijziging(en), nieuwste eerst; pagina {} van {}.", pagina.get() + 1, paginas())
            }}
        </p>
        <ol class="gp-audit" id="audit">{items}</ol>
        <Bladeren pagina paginas=Signal::derive(paginas) label="Pagina's" />
    }
}

#[component]
fn Wijziging(regel: Auditpost) -> impl IntoView {
    let wat = match regel.soort {
        Auditsoort::Toegevoegd => "voegde toe",
        Auditsoort::Gewijzigd => "wijzigde",
        Auditsoort::Verwijderd => "verwijderde",
    };
    let velden = regel
        .wijzigingen
        .iter()
        .map(|v| {
            let leeg = || "leeg".to_owned();
            let tekst = match regel.soort {
                Auditsoort::Toegevoegd => format!(
                    "{}: {}",
                    veldnaam(&v.veld),
                    v.na.as_deref().map_or_else(leeg, waarde)
                ),
                Auditsoort::Verwijderd => format!(
                    "{}: {}",
                    veldnaam(&v.veld),
                    v.voor.as_deref().map_or_else(leeg, waarde)
                ),
                Auditsoort::Gewijzigd => format!(
                    "{}: {} → {}",
                    veldnaam(&v.veld),
                    v.voor.as_deref().map_or_else(leeg, waarde),
                    v.na.as_deref().map_or_else(leeg, waarde)
                ),
            };
            view! { <li>{tekst}</li> }
        })
        .collect_view();
    view! {
        <li class="gp-audit__regel">
            <p class="utrecht-paragraph">
                <strong>{tijdstip(regel.tijdstip)}</strong>
                {format!(": {} {wat} {} {}", regel.actor, regel.entiteit, regel.onderwerp)}
            </p>
            {(!regel.wijzigingen.is_empty()).then(|| view! { <ul class="utrecht-unordered-list">{velden}</ul> })}
        </li>
    }
}
