//! What if my gemeente joins as coalitiepartner? For the logged-in member's gemeente (or,
//! for anyone else, a gemeente they pick: regie sees its landscape too, visitors only what
//! joining costs): per opgave a rol, and its capaciteit; live, on the Routekaart as dragged, the load per
//! quarter against capacity (overloaded quarters explained), besparing and bijdragen per
//! year, the terugverdienjaar, and which applicaties' overstapmomenten moved compared with
//! the published Routekaart and roles. All computed in the browser by `domain`.

use std::collections::HashMap;

use domain::contract::Planbasis;
use domain::contract::{Deellink, OpgeslagenScenario, Scenarioinvoer};
use domain::plan::Oorzaak;
use domain::scenario::{Scenario, Wijziging, vergelijk};
use domain::tijdlijn::Bewerking;
use domain::{Capaciteit, CapaciteitFout, GemeenteCode, Overstapplan, Rol};
use leptos::prelude::*;

use crate::api::{Inhoud, Probleem, na_hydratie, stuur};
use crate::components::bestandsimport::Probleemverslag;
use crate::formaat::{bedrag, datum_kort, getal};
use crate::server_fns::landschap::{WatAlsBegin, wat_als_basis};

/// The what-if panel, from where the page's [`WatAlsBegin`] says it starts.
#[component]
pub fn WatAls(
    begin: Result<WatAlsBegin, ServerFnError>,
    /// The Routekaart edits of the draft, saved with the scenario.
    stappen: RwSignal<Vec<Bewerking>>,
    /// The Routekaart edit being dragged, not yet a step.
    sleepstap: Signal<Option<Bewerking>>,
) -> impl IntoView {
    let inhoud = match begin {
        Ok(WatAlsBegin::Eigen(eigen)) => view! {
            <Paneel code=eigen.gemeente basis=eigen.basis csrf=Some(eigen.csrf) stappen sleepstap />
        }
        .into_any(),
        Ok(WatAlsBegin::Kiezen(gemeenten)) => {
            view! { <Kiezer gemeenten stappen sleepstap /> }.into_any()
        }
        Err(fout) => view! { <p class="gp-fout" role="alert">{fout.to_string()}</p> }.into_any(),
    };
    view! {
        <section class="gp-wat-als" aria-labelledby="wat-als-kop">
            <h2 class="utrecht-heading-2" id="wat-als-kop">"Wat betekent dit voor uw gemeente?"</h2>
            {inhoud}
        </section>
    }
}

/// For visitors and regie: pick a gemeente, then the what-if for it.
#[component]
fn Kiezer(
    gemeenten: Vec<domain::Gemeente>,
    stappen: RwSignal<Vec<Bewerking>>,
    sleepstap: Signal<Option<Bewerking>>,
) -> impl IntoView {
    let gekozen = RwSignal::new(String::new());
    let gehydrateerd = na_hydratie();
    let basis = LocalResource::new(move || {
        let code = gekozen.get();
        async move {
            if code.is_empty() {
                Ok(None)
            } else {
                wat_als_basis(code.clone()).await.map(|b| Some((code, b)))
            }
        }
    });
    view! {
        <p class="utrecht-paragraph">
            "Kies een gemeente om te zien wat deelnemen en verschuiven betekent voor haar mensen en geld. "
            "Het applicatielandschap en de capaciteit van een gemeente ziet alleen wie van die gemeente is (en de regie); "
            "log in om ook de overstapmomenten te zien."
        </p>
        <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="wat-als-gemeente">"Gemeente"</label>
            <select class="utrecht-select" id="wat-als-gemeente" on:change=move |ev| gekozen.set(event_target_value(&ev))>
                <option value="">"Kies…"</option>
                {gemeenten
                    .into_iter()
                    .map(|g| view! { <option value=g.code.to_string()>{g.naam}</option> })
                    .collect_view()}
            </select>
        </div>
        {move || match gehydrateerd.get().then(|| basis.get()).flatten() {
            Some(Ok(Some((code, pb)))) => GemeenteCode::parse(&code)
                .ok()
                .map(|code| view! { <Paneel code basis=pb csrf=None stappen sleepstap /> }.into_any()),
            Some(Err(fout)) => Some(view! { <p class="gp-fout" role="alert">{fout.to_string()}</p> }.into_any()),
            _ => None,
        }}
    }
}

#[component]
fn Paneel(
    code: GemeenteCode,
    basis: Planbasis,
    csrf: Option<String>,
    stappen: RwSignal<Vec<Bewerking>>,
    sleepstap: Signal<Option<Bewerking>>,
) -> impl IntoView {
    let peildatum = basis.peildatum;
    let opgaven = basis.basis.routekaart.clone();
    let capaciteit = basis.basis.capaciteit.unwrap_or_default();
    let fte = RwSignal::new(capaciteit.fte_per_kwartaal.to_string());
    let budget = RwSignal::new(capaciteit.budget_per_jaar.to_string());
    let capaciteitsfouten = RwSignal::new(Vec::<CapaciteitFout>::new());
    let gegevens = StoredValue::new(basis.basis);
    // The draft: the rol and capaciteit choices as scenario edits; the Routekaart steps
    // are the timeline's and join them in `scenario`. What the panel shows and what is
    // saved are the same scenario, worked out by `Scenario::werk_uit`.
    let keuzes =
        RwSignal::new(gegevens.with_value(|b| Scenario::concept(code.clone(), peildatum, b)));
    let scenario = Memo::new(move |_| {
        let mut s = keuzes.get();
        stappen.with(|stappen| s.zet_tijdlijn(stappen));
        s
    });
    let basisplan =
        StoredValue::new(gegevens.with_value(|b| keuzes.get_untracked().werk_uit(b).plan));
    // Live while dragging: the draft plus the step in progress.
    let uitwerking = Memo::new(move |_| {
        let mut s = scenario.get();
        s.wijzigingen.extend(
            sleepstap
                .get()
                .map(|bewerking| Wijziging::Tijdlijn { bewerking }),
        );
        gegevens.with_value(|b| s.werk_uit(b))
    });
    let lees_capaciteit =
        move || match Capaciteit::lees(&fte.get_untracked(), &budget.get_untracked()) {
            Ok(nieuw) => {
                capaciteitsfouten.set(Vec::new());
                gegevens.with_value(|b| keuzes.update(|s| s.zet_capaciteit(b, nieuw)));
            }
            Err(fouten) => capaciteitsfouten.set(fouten),
        };
    let fout_bij = move |soort: CapaciteitFout| {
        move || {
            capaciteitsfouten
                .with(|f| f.contains(&soort))
                .then(|| soort.to_string())
        }
    };
    let te_bewaren = Signal::derive(move || {
        if capaciteitsfouten.with(Vec::is_empty) {
            Ok(scenario.get())
        } else {
            Err("Verbeter eerst de capaciteit; het scenario is nog niet opgeslagen.".to_owned())
        }
    });
    let keuzes = opgaven
        .iter()
        .map(|o| {
            let id = o.id.clone();
            let naam = o.naam.clone();
            let opties = [None, Some(Rol::Coalitiepartner), Some(Rol::EersteGebruiker)]
                .into_iter()
                .map(|rol| {
                    let veld = format!("rol-{}-{}", id, rol.map_or("geen", Rol::code));
                    let gekozen = {
                        let (id, code) = (id.clone(), code.clone());
                        move || uitwerking.with(|u| {
                            u.basis.routekaart.iter().find(|o| o.id == id).and_then(|o| o.rol_van(&code)) == rol
                        })
                    };
                    let kies = {
                        let id = id.clone();
                        move |_| gegevens.with_value(|b| keuzes.update(|s| s.kies_rol(b, id.clone(), rol)))
                    };
                    view! {
                        <span class="gp-keuze">
                            <input type="radio" id=veld.clone() name=format!("rol-{id}") value=rol.map_or("", Rol::code)
                                prop:checked=gekozen on:change=kies />
                            <label for=veld>{rol.map_or("Niet", Rol::label)}</label>
                        </span>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="gp-rolkeuze">
                    <legend>{naam}</legend>
                    {opties}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <p class="utrecht-paragraph">
            {format!("Voor {code}, op {}. Kies per opgave een rol; verschuif de Routekaart hierboven.", datum_kort(peildatum))}
        </p>
        <div class="gp-wat-als__keuzes">{keuzes}</div>
        <div class="gp-wat-als__capaciteit">
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="wat-als-fte">"Capaciteit (fte per kwartaal)"</label>
                <input class="utrecht-textbox" id="wat-als-fte" inputmode="decimal" prop:value=move || fte.get()
                    aria-invalid=move || capaciteitsfouten.with(|f| f.contains(&CapaciteitFout::Fte)).then_some("true")
                    aria-describedby="wat-als-fte-fout"
                    on:input=move |ev| { fte.set(event_target_value(&ev)); lees_capaciteit(); } />
                <p class="gp-veldfout" id="wat-als-fte-fout">{fout_bij(CapaciteitFout::Fte)}</p>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="wat-als-budget">"Budget (euro per jaar)"</label>
                <input class="utrecht-textbox" id="wat-als-budget" inputmode="numeric" prop:value=move || budget.get()
                    aria-invalid=move || capaciteitsfouten.with(|f| f.contains(&CapaciteitFout::Budget)).then_some("true")
                    aria-describedby="wat-als-budget-fout"
                    on:input=move |ev| { budget.set(event_target_value(&ev)); lees_capaciteit(); } />
                <p class="gp-veldfout" id="wat-als-budget-fout">{fout_bij(CapaciteitFout::Budget)}</p>
            </div>
        </div>
        <div aria-live="polite">
            {move || uitwerking.with(|u| basisplan.with_value(|b| uitkomst(b, &u.plan)))}
        </div>
        {csrf.map(|csrf| view! { <Opslaan scenario=te_bewaren csrf /> })}
    }
}

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
fn Opslaan(
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

/// The numbers of the what-if, against the published plan.
fn uitkomst(basis: &Overstapplan, plan: &Overstapplan) -> AnyView {
    let vergelijking = vergelijk(basis, plan);
    let jaar =
        |j: Option<i32>| j.map_or_else(|| "niet binnen 15 jaar".to_owned(), |j| j.to_string());
    let momenten: Vec<String> = vergelijking
        .overstapmomenten
        .iter()
        .filter(|m| m.a != m.b)
        .map(|m| {
            let d = |x: Option<chrono::NaiveDate>| x.map_or_else(|| "geen".to_owned(), datum_kort);
            let verschil = m.verschil_dagen.map_or_else(String::new, |v| match v {
                v if v > 0 => format!(" ({} dagen later)", getal(v)),
                v => format!(" ({} dagen eerder)", getal(-v)),
            });
            format!("{}: {} → {}{verschil}", m.naam, d(m.a), d(m.b))
        })
        .collect();
    let jaren = plan
        .netto_per_jaar
        .iter()
        .filter(|n| {
            let b = plan
                .besparing_per_jaar
                .iter()
                .find(|x| x.jaar == n.jaar)
                .map_or(0, |x| x.euro);
            n.euro != 0 || b != 0
        })
        .map(|n| {
            let besparing = plan
                .besparing_per_jaar
                .iter()
                .find(|x| x.jaar == n.jaar)
                .map_or(0, |x| x.euro);
            let bijdragen = plan
                .bijdragen_per_jaar
                .iter()
                .find(|x| x.jaar == n.jaar)
                .map_or(0, |x| x.euro);
            let oud = basis
                .netto_per_jaar
                .iter()
                .find(|x| x.jaar == n.jaar)
                .map_or(0, |x| x.euro);
            view! {
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">{n.jaar}</th>
                    <td class="utrecht-table__cell gp-getal">{bedrag(besparing)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(bijdragen)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(n.euro)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(n.euro - oud)}</td>
                </tr>
            }
        })
        .collect_view();
    let overbelast: HashMap<String, String> = plan
        .overbelast
        .kwartalen
        .iter()
        .map(|k| {
            let oorzaken: Vec<String> = k
                .posten
                .iter()
                .map(|p| {
                    let wat = match &p.oorzaak {
                        Oorzaak::Bijdrage { opgave, rol } => format!("{} in {opgave}", rol.label()),
                        Oorzaak::Migratie { applicatie } => format!("migratie van {applicatie}"),
                    };
                    format!("{wat} {:.1} fte", p.fte)
                })
                .collect();
            (
                k.kwartaal.to_string(),
                format!(
                    "Overbelast: {:.1} fte boven {:.1}; door {}",
                    k.fte,
                    k.capaciteit,
                    oorzaken.join(", ")
                ),
            )
        })
        .collect();
    let kwartalen = plan
        .belasting_per_kwartaal
        .iter()
        .filter(|k| k.fte > 0.0)
        .map(|k| {
            let naam = k.kwartaal.to_string();
            let status = overbelast.get(&naam).cloned();
            let is_over = status.is_some();
            view! {
                <tr class="utrecht-table__row" class:gp-urgent=is_over>
                    <th class="utrecht-table__header-cell" scope="row">{naam}</th>
                    <td class="utrecht-table__cell gp-getal">{format!("{:.1}", k.fte)}</td>
                    <td class="utrecht-table__cell">
                        {status.unwrap_or_else(|| "Binnen de capaciteit".to_owned())}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <dl class="gp-kenmerken" id="wat-als-samenvatting">
            <dt>"Terugverdienjaar"</dt>
            <dd>{format!("{} (gepubliceerd: {})", jaar(plan.terugverdienjaar), jaar(basis.terugverdienjaar))}</dd>
            <dt>"Overbelaste kwartalen"</dt>
            <dd>{plan.overbelast.kwartalen.len()}</dd>
        </dl>
        <h3 class="utrecht-heading-3">"Overstapmomenten die verschuiven"</h3>
        {if momenten.is_empty() {
            view! { <p class="utrecht-paragraph" id="verschoven-momenten">"Geen: alle overstapmomenten blijven gelijk."</p> }.into_any()
        } else {
            view! {
                <ul class="utrecht-unordered-list" id="verschoven-momenten">
                    {momenten.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        <h3 class="utrecht-heading-3">"Geld per jaar"</h3>
        <table class="utrecht-table utrecht-table--html-table" id="wat-als-geld">
            <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">"Jaar"</th>
                    <th class="utrecht-table__header-cell" scope="col">"Besparing"</th>
                    <th class="utrecht-table__header-cell" scope="col">"Bijdragen"</th>
                    <th class="utrecht-table__header-cell" scope="col">"Netto"</th>
                    <th class="utrecht-table__header-cell" scope="col">"Verschil met gepubliceerd"</th>
                </tr>
            </thead>
            <tbody class="utrecht-table__body">{jaren}</tbody>
        </table>
        <h3 class="utrecht-heading-3">"Mensen per kwartaal"</h3>
        <table class="utrecht-table utrecht-table--html-table" id="wat-als-belasting">
            <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">"Kwartaal"</th>
                    <th class="utrecht-table__header-cell" scope="col">"Belasting (fte)"</th>
                    <th class="utrecht-table__header-cell" scope="col">"Tegen de capaciteit"</th>
                </tr>
            </thead>
            <tbody class="utrecht-table__body">{kwartalen}</tbody>
        </table>
    }
    .into_any()
}
