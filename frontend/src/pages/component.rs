//! `/componenten/{id}`: one component: what it replaces, which gemeenten use it, and how
//! it fits with the others across the layers (what it needs, what needs it). Regie maps
//! it to referentiecomponenten here.

use crate::components::kop::Paginatitel;
use domain::{Component, ComponentId, Laag, Referentiecomponent};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::Probleem;
use crate::components::bestandsimport::Probleemverslag;
use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::formaat::{bedrag, datum_lang};
use crate::pages::laden::laden;
use crate::server_fns::catalogus::{Catalogus, catalogus_ophalen};
use crate::server_fns::gemeenten::gemeenten_ophalen;
use crate::server_fns::sessie::{regie_csrf, wie};

/// The component page.
#[component]
pub fn ComponentPagina() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let catalogus = Resource::new(|| (), |()| catalogus_ophalen());
    let gemeenten = OnceResource::new(gemeenten_ophalen());
    let aanmelding = wie();
    // Outside the part that reloads after a save, so the message stays and is announced.
    let gelukt = RwSignal::new(false);
    view! {
        {laden("De component wordt geladen…", catalogus, move |gelezen| {
            let id = id.clone();
            async move {
                let Some(component) = gelezen.componenten.iter().find(|k| k.id.as_str() == id).cloned() else {
                    return view! {
                        <Paginatitel tekst="Component niet gevonden" />
                        <h1 class="utrecht-heading-1">"Component niet gevonden"</h1>
                        <p class="utrecht-paragraph">
                            {format!("Er is geen component '{id}'. ")}
                            <a class="utrecht-link" href="/componenten">"Naar de catalogus"</a>
                        </p>
                    }
                        .into_any();
                };
                let namen = gemeenten.await.unwrap_or_default();
                let gebruikers: Vec<String> = component
                    .gebruikt_door
                    .iter()
                    .map(|c| {
                        namen
                            .iter()
                            .find(|g| &g.code == c)
                            .map_or_else(|| c.to_string(), |g| g.naam.clone())
                    })
                    .collect();
                let csrf = regie_csrf(&aanmelding.await);
                view! {
                    <Componentdetail
                        component=component
                        catalogus=gelezen
                        gebruikers=gebruikers
                        csrf
                        gelukt=gelukt
                        na_opslaan=Callback::new(move |()| catalogus.refetch())
                    />
                }
                    .into_any()
            }
        })}
        <div aria-live="polite">
            {move || gelukt.get().then(|| view! { <p class="gp-gelukt" role="status">"De koppeling is opgeslagen."</p> })}
        </div>
    }
}

#[component]
fn Componentdetail(
    component: Component,
    catalogus: Catalogus,
    gebruikers: Vec<String>,
    csrf: Option<String>,
    gelukt: RwSignal<bool>,
    na_opslaan: Callback<()>,
) -> impl IntoView {
    let naam_van = |r: &domain::ReferentiecomponentId| {
        catalogus
            .referentiecomponenten
            .iter()
            .find(|x| &x.id == r)
            .map_or_else(|| r.to_string(), |x| x.naam.clone())
    };
    let vervangt: Vec<String> = component.vervangt.iter().map(naam_van).collect();
    let samenhang = samenhang(&component, &catalogus.componenten);
    let beschikbaar = match (component.beschikbaar_vanaf, component.verwacht_beschikbaar) {
        (Some(d), _) => format!("vanaf {}", datum_lang(d)),
        (None, Some(d)) => format!("verwacht {}", datum_lang(d)),
        (None, None) if component.opgave.is_some() => "volgens de Routekaart van de opgave".into(),
        (None, None) => "nog onbekend".into(),
    };
    view! {
        <Paginatitel tekst=component.naam.clone() />
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/componenten">"← Componentencatalogus"</a></p>
        <h1 class="utrecht-heading-1">{component.naam.clone()}</h1>
        {view! { <dl class="gp-kenmerken">
            <dt>"Laag"</dt><dd>{component.laag.label()}</dd>
            <dt>"Soort"</dt><dd>{component.soort.label()}</dd>
            <dt>"Status"</dt><dd>{component.status.label()}</dd>
            <dt>"Beschikbaar"</dt><dd>{beschikbaar}</dd>
            <dt>"Opgave"</dt><dd>{component.opgave.as_ref().map_or_else(|| "—".to_owned(), ToString::to_string)}</dd>
            <dt>"Migratie"</dt><dd>{format!("{} maanden, {} fte", component.migratie_maanden, component.migratie_fte)}</dd>
            <dt>"Jaarlijkse kosten"</dt><dd>{bedrag(component.jaarlijkse_kosten)}</dd>
            <dt>"Licentie"</dt><dd>{component.licentie.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>"Broncode"</dt>
            <dd>{match component.url.clone() {
                // A stored link is checked again before it becomes one: only http(s).
                Some(u) if domain::grenzen::is_veilige_url(&u) => view! { <a class="utrecht-link" href=u.clone() rel="noopener noreferrer">{u.clone()}</a> }.into_any(),
                Some(u) => view! { {u} }.into_any(),
                None => view! { "—" }.into_any(),
            }}</dd>
        </dl> }.into_any()}
        <h2 class="utrecht-heading-2">"Vervangt"</h2>
        {lijst_of(vervangt, "Nog geen referentiecomponent gekoppeld.")}
        <h2 class="utrecht-heading-2">"Samenhang over de lagen"</h2>
        <p class="utrecht-paragraph">"Wat deze component nodig heeft en wat haar nodig heeft, per laag."</p>
        {view! { <Schuifvlak label="Samenhang"><table class="utrecht-table utrecht-table--html-table gp-samenhang">
            <Kolomkoppen koppen=&["Laag", "Heeft nodig", "Wordt gebruikt door"] />
            <tbody class="utrecht-table__body">
                {samenhang
                    .into_iter()
                    .map(|(laag, nodig, nodig_door)| view! {
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="row">{laag.label()}</th>
                            <td class="utrecht-table__cell">{koppelingen(nodig)}</td>
                            <td class="utrecht-table__cell">{koppelingen(nodig_door)}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table></Schuifvlak> }.into_any()}
        <h2 class="utrecht-heading-2">"Gebruikt door"</h2>
        {lijst_of(gebruikers, "Nog geen gemeente bekend.")}
        {csrf.map(|csrf| view! {
            <Functiekoppeling
                component=component.id.clone()
                huidig=component.vervangt.clone()
                referentiecomponenten=catalogus.referentiecomponenten.clone()
                csrf=csrf
                gelukt=gelukt
                na_opslaan=na_opslaan
            />
        }.into_any())}
    }
}

/// Components by id and name, to link to.
type Koppelingen = Vec<(ComponentId, String)>;

/// Per layer: the components this one needs and those that need it.
fn samenhang(component: &Component, alle: &[Component]) -> Vec<(Laag, Koppelingen, Koppelingen)> {
    Laag::ALLE
        .iter()
        .map(|&laag| {
            let in_laag = |k: &&Component| k.laag == laag;
            let nodig = alle
                .iter()
                .filter(|k| component.afhankelijk_van.contains(&k.id))
                .filter(in_laag)
                .map(|k| (k.id.clone(), k.naam.clone()))
                .collect();
            let nodig_door = alle
                .iter()
                .filter(|k| k.afhankelijk_van.contains(&component.id))
                .filter(in_laag)
                .map(|k| (k.id.clone(), k.naam.clone()))
                .collect();
            (laag, nodig, nodig_door)
        })
        .collect()
}

fn koppelingen(lijst: Koppelingen) -> AnyView {
    if lijst.is_empty() {
        return view! { "—" }.into_any();
    }
    lijst
        .into_iter()
        .map(|(id, naam)| view! { <a class="utrecht-link gp-koppeling" href=format!("/componenten/{id}")>{naam}</a> })
        .collect_view()
        .into_any()
}

fn lijst_of(namen: Vec<String>, leeg: &'static str) -> AnyView {
    if namen.is_empty() {
        return view! { <p class="utrecht-paragraph">{leeg}</p> }.into_any();
    }
    view! {
        <ul class="utrecht-unordered-list">
            {namen.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Regie's form to map the component to referentiecomponenten.
#[component]
fn Functiekoppeling(
    component: ComponentId,
    huidig: Vec<domain::ReferentiecomponentId>,
    referentiecomponenten: Vec<Referentiecomponent>,
    csrf: String,
    gelukt: RwSignal<bool>,
    na_opslaan: Callback<()>,
) -> impl IntoView {
    let gekozen = RwSignal::new(huidig);
    let toevoegen = RwSignal::new(String::new());
    let probleem = RwSignal::new(None::<Probleem>);
    let namen = referentiecomponenten.clone();
    let naam_van = move |r: &domain::ReferentiecomponentId| {
        namen
            .iter()
            .find(|x| &x.id == r)
            .map_or_else(|| r.to_string(), |x| x.naam.clone())
    };
    let opslaan = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        probleem.set(None);
        gelukt.set(false);
        let pad = format!("/componenten/{component}");
        let csrf = csrf.clone();
        let vervangt = gekozen.get_untracked();
        crate::api::in_browser(async move {
            let uitkomst = crate::api::wijzig(&pad, &csrf, |k: &mut domain::Component| {
                k.vervangt = vervangt;
                Ok(())
            })
            .await;
            match uitkomst {
                Ok(_) => {
                    gelukt.set(true);
                    na_opslaan.run(());
                }
                Err(p) => probleem.set(Some(p)),
            }
        });
    };
    view! {
        <section class="gp-beheer" aria-labelledby="koppel-kop">
            <h2 class="utrecht-heading-2" id="koppel-kop">"Referentiecomponenten koppelen (regie)"</h2>
            <form on:submit=opslaan>
                <ul class="utrecht-unordered-list">
                    {move || {
                        gekozen
                            .get()
                            .into_iter()
                            .map(|r| {
                                let naam = naam_van(&r);
                                let weg = r.clone();
                                view! {
                                    <li>
                                        {naam.clone()} " "
                                        <button
                                            type="button"
                                            class="utrecht-button utrecht-button--subtle"
                                            aria-label=format!("{naam} ontkoppelen")
                                            on:click=move |_| gekozen.update(|g| g.retain(|x| x != &weg))
                                        >
                                            "Ontkoppelen"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for="koppel-referentie">"Referentiecomponent toevoegen"</label>
                    <select class="utrecht-select" id="koppel-referentie" on:change=move |ev| toevoegen.set(event_target_value(&ev))>
                        <option value="">"Kies…"</option>
                        {referentiecomponenten
                            .iter()
                            .map(|r| view! { <option value=r.id.to_string()>{r.naam.clone()}</option> })
                            .collect_view()}
                    </select>
                    <button
                        type="button"
                        class="utrecht-button utrecht-button--secondary-action"
                        on:click=move |_| {
                            let keuze = toevoegen.get_untracked();
                            if let Ok(id) = domain::ReferentiecomponentId::parse(&keuze) {
                                gekozen.update(|g| if !g.contains(&id) { g.push(id) });
                            }
                        }
                    >
                        "Toevoegen"
                    </button>
                </div>
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Koppeling opslaan"</button>
                <div aria-live="polite">
                    {move || probleem.get().map(|p| view! { <Probleemverslag probleem=p /> })}
                </div>
            </form>
        </section>
    }
}
