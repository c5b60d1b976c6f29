//! `/opgaven/{id}`: one opgave of the Routekaart in full: doelstelling, aanpak
//! (randvoorwaarden, mensen en middelen, planning), coalitie (coalitiepartners, eerste
//! gebruikers, and who follows), draagvlak (convenant, financiële arrangementen,
//! governance), its fasen, activiteiten, besluiten and what each rol asks.

use crate::components::kop::Paginatitel;
use domain::{FaseSoort, Opgave, Rol};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::aanmelden::Aanmelden;
use crate::components::opgave_bewerken::OpgaveBewerken;
use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::formaat::{bedrag, datum_lang, periode_lang};
use crate::pages::laden::laden;
use crate::pages::niet_gevonden::NietGevonden;
use crate::server_fns::gemeenten::gemeenten_ophalen;
use crate::server_fns::routekaart::{Opgavepagina, opgave_ophalen};
use crate::server_fns::sessie::{Wie, regie_csrf, wie};

/// The opgave page.
#[component]
pub fn OpgavePagina() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let opgave = OnceResource::new(opgave_ophalen(id));
    let gemeenten = OnceResource::new(gemeenten_ophalen());
    let wie = wie();
    view! {
        {laden("De opgave wordt geladen…", opgave, move |opgave| async move {
            let Some(Opgavepagina { opgave: o, voorgangers }) = opgave else {
                return view! { <NietGevonden /> }.into_any();
            };
            let namen = gemeenten.await.unwrap_or_default();
            let naam_van = |code: &domain::GemeenteCode| {
                namen.iter().find(|g| &g.code == code).map_or_else(|| code.to_string(), |g| g.naam.clone())
            };
            let deelnemers = |rol: Rol| -> String {
                let lijst: Vec<String> = o.deelnemers_met(rol).map(naam_van).collect();
                if lijst.is_empty() { "nog geen".into() } else { lijst.join(", ") }
            };
            let coalitiepartners = deelnemers(Rol::Coalitiepartner);
            let eerste_gebruikers = deelnemers(Rol::EersteGebruiker);
            let wie = wie.await;
            view! { <Opgavedetail opgave=o.clone() voorgangers coalitiepartners eerste_gebruikers wie namen /> }.into_any()
        })}
    }
}

#[component]
fn Opgavedetail(
    opgave: Opgave,
    voorgangers: Vec<(domain::ActiviteitId, String)>,
    coalitiepartners: String,
    eerste_gebruikers: String,
    wie: Wie,
    namen: Vec<domain::Gemeente>,
) -> impl IntoView {
    let fase = |soort: FaseSoort| {
        let p = opgave.fase(soort).periode;
        periode_lang(p.start(), p.eind())
    };
    // A predecessor by the name the server gave it (by its id only when the Routekaart
    // no longer has it).
    let activiteitnaam = |id: &domain::ActiviteitId| {
        voorgangers
            .iter()
            .find(|(v, _)| v == id)
            .map_or_else(|| id.to_string(), |(_, naam)| naam.clone())
    };
    let activiteiten = opgave
        .activiteiten
        .iter()
        .map(|a| view! {
            <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="row">{a.naam.clone()}</th>
                <td class="utrecht-table__cell">{a.fase.label()}</td>
                <td class="utrecht-table__cell">{periode_lang(a.periode.start(), a.periode.eind())}</td>
                <td class="utrecht-table__cell">{a.afhankelijk_van.iter().map(&activiteitnaam).collect::<Vec<_>>().join(", ")}</td>
            </tr>
        })
        .collect_view();
    let besluiten = opgave
        .besluiten
        .iter()
        .map(|b| view! { <li>{format!("{} — {}: {}", datum_lang(b.datum), b.orgaan.label(), b.onderwerp)}</li> })
        .collect_view();
    let b = opgave.bijdrage;
    let regie_csrf = regie_csrf(&wie);
    view! {
        <Paginatitel tekst=opgave.naam.clone() />
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/">"← Routekaart"</a></p>
        <h1 class="utrecht-heading-1">{opgave.naam.clone()}</h1>
        <h2 class="utrecht-heading-2">"Doelstelling"</h2>
        <p class="utrecht-paragraph">{opgave.doelstelling.clone()}</p>
        <h2 class="utrecht-heading-2">"Aanpak"</h2>
        <dl class="gp-kenmerken">
            <dt>"Randvoorwaarden"</dt><dd>{opgave.aanpak.randvoorwaarden.clone()}</dd>
            <dt>"Mensen en middelen"</dt><dd>{opgave.aanpak.mensen_en_middelen.clone()}</dd>
            <dt>"Planning"</dt><dd>{opgave.aanpak.planning.clone()}</dd>
        </dl>
        <h2 class="utrecht-heading-2">"Coalitie"</h2>
        <p class="utrecht-paragraph">{opgave.coalitie.clone()}</p>
        <dl class="gp-kenmerken">
            <dt>"Coalitiepartners (koplopers)"</dt><dd>{coalitiepartners}</dd>
            <dt>"Eerste gebruikers"</dt><dd>{eerste_gebruikers}</dd>
            <dt>"Slimme volgers"</dt><dd>"alle andere gemeenten, vanaf het einde van de opschalingsfase"</dd>
        </dl>
        <h2 class="utrecht-heading-2">"Draagvlak"</h2>
        <dl class="gp-kenmerken">
            <dt>"Convenant"</dt><dd>{opgave.draagvlak.convenant.clone()}</dd>
            <dt>"Financiële arrangementen"</dt><dd>{opgave.draagvlak.financiele_arrangementen.clone()}</dd>
            <dt>"Governance"</dt><dd>{opgave.draagvlak.governance.clone()}</dd>
        </dl>
        <h2 class="utrecht-heading-2">"Fasen en bijdragen"</h2>
        <dl class="gp-kenmerken">
            <dt>"Ontwikkelfase"</dt><dd>{fase(FaseSoort::Ontwikkelfase)}</dd>
            <dt>"Opschalingsfase"</dt><dd>{fase(FaseSoort::Opschalingsfase)}</dd>
            <dt>"Bijdrage coalitiepartner"</dt>
            <dd>{format!("{} fte per kwartaal tijdens de ontwikkelfase en {} in totaal", b.coalitiepartner.fte_per_kwartaal, bedrag(b.coalitiepartner.euro))}</dd>
            <dt>"Bijdrage eerste gebruiker"</dt>
            <dd>{format!("{} fte per kwartaal tijdens de opschalingsfase en {} in totaal", b.eerste_gebruiker.fte_per_kwartaal, bedrag(b.eerste_gebruiker.euro))}</dd>
        </dl>
        <h2 class="utrecht-heading-2">"Activiteiten"</h2>
        <Schuifvlak label="Activiteiten van deze opgave">
            <table class="utrecht-table utrecht-table--html-table">
                <Kolomkoppen koppen=&["Activiteit", "Fase", "Periode", "Na"] />
                <tbody class="utrecht-table__body">{activiteiten}</tbody>
            </table>
        </Schuifvlak>
        <h2 class="utrecht-heading-2">"Besluitmomenten"</h2>
        <ul class="utrecht-unordered-list">{besluiten}</ul>
        <Aanmelden opgave=opgave.id.clone() wie=wie.ok().flatten() namen />
        <OpgaveBewerken opgave=opgave.clone() regie_csrf />
    }
}
