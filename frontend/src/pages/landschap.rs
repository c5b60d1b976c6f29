//! `/gemeenten/{code}/landschap`: a gemeente's applicaties with their contracts, for its
//! members (who edit it) and regie (who reads it). Adding and editing use one form whose
//! fields are checked in the browser by the same rules the server applies, with each
//! message next to its field; a file import reports every bad row.

use domain::contract::Landschapimport;
use domain::contract::Planbasis;
use domain::landschap::gegevens::{Applicatiegegevens, KOLOMMEN, Veldfout};
use domain::{Applicatie, ApplicatieId, GemeenteCode, Referentiecomponent};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::{Antwoord, Inhoud, Probleem, stuur};
use crate::components::bestandsimport::{Bestandsimport, Probleemverslag};
use crate::formaat::{bedrag, datum_kort};
use crate::server_fns::landschap::planbasis_ophalen;
use crate::server_fns::sessie::wie;

/// The landscape page.
#[component]
pub fn LandschapPagina() -> impl IntoView {
    let code = use_params_map().with_untracked(|p| p.get("code").unwrap_or_default());
    let basis = OnceResource::new(planbasis_ophalen(code.clone()));
    let aanmelding = wie();
    let titel = format!("Applicatielandschap van {code}");
    view! {
        <Title text=titel.clone() />
        <h1 class="utrecht-heading-1">{titel}</h1>
        <p class="utrecht-paragraph">
            <a class="utrecht-link" href=format!("/gemeenten/{code}/overstapplan")>"Naar het overstapplan"</a>
        </p>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Het landschap wordt geladen…"</p> }>
            {
                let code = code.clone();
                move || {
                    let code = code.clone();
                    Suspend::new(async move {
                        let csrf = aanmelding.await.ok().flatten().map(|a| a.csrf);
                        match basis.await {
                            Ok(Ok(pb)) => view! { <Landschap code=code basis=pb csrf=csrf /> }
                                .into_any(),
                            Ok(Err(fout)) => crate::components::melding::geweigerd(&fout),
                            Err(fout) => view! { <p class="gp-fout" role="alert">{fout.to_string()}</p> }.into_any(),
                        }
                    })
                }
            }
        </Suspense>
    }
}

/// The label and input type of each field of the form, by its JSON name.
const VELDEN: [(&str, &str, &str); 11] = [
    ("naam", "Naam", "text"),
    ("leverancier", "Leverancier", "text"),
    (
        "referentiecomponenten",
        "Referentiecomponenten (gescheiden door ;)",
        "text",
    ),
    ("startdatum", "Startdatum contract", "date"),
    ("einddatum", "Einddatum contract", "date"),
    ("opzegtermijnMaanden", "Opzegtermijn (maanden)", "number"),
    (
        "verlengingMaanden",
        "Stilzwijgende verlenging (maanden, 0 = geen)",
        "number",
    ),
    ("uitersteEinddatum", "Uiterste einddatum", "date"),
    ("jaarlijkseKosten", "Jaarlijkse kosten (euro)", "number"),
    ("inGebruik", "In gebruik (ja of nee)", "text"),
    ("gebruikers", "Aantal gebruikers", "number"),
];

/// The landscape once loaded: the table follows `apps`, which a write reloads in place,
/// so the form, its messages and the focus stay where they are.
#[component]
fn Landschap(code: String, basis: Planbasis, csrf: Option<String>) -> impl IntoView {
    let Planbasis {
        basis,
        referentiecomponenten,
        mag_schrijven,
        ..
    } = basis;
    let apps = RwSignal::new(basis.applicaties);
    let herlaad = Callback::new({
        let code = code.clone();
        move |()| {
            let code = code.clone();
            crate::api::in_browser(async move {
                if let Ok(Ok(nieuw)) = planbasis_ophalen(code).await {
                    apps.set(nieuw.basis.applicaties);
                }
            });
        }
    });
    let schrijver = csrf.filter(|_| mag_schrijven);
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
                <tr class="utrecht-table__row">
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
    let rijen = move || apps.with(|lijst| lijst.iter().map(rij.clone()).collect_view());
    let aantal = move || match apps.with(Vec::len) {
        1 => "1 applicatie. ".to_owned(),
        n => format!("{n} applicaties. "),
    };
    let export = format!("/api/v1/gemeenten/{code}/applicaties/export");
    let gemeente = GemeenteCode::parse(&code).ok();
    view! {
        <p class="utrecht-paragraph">
            {aantal}
            <a class="utrecht-link" href=export download="">"Exporteren als CSV"</a>
        </p>
        <div aria-live="polite">{move || melding.get().map(|m| view! { <p class="gp-gelukt" role="status">{m}</p> })}</div>
        <div class="gp-tabel-rol">
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
        </div>
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
                            "CSV (komma of puntkomma) of XLSX met in de eerste rij de kolommen: {}. \
                             Een rij met een bekende id vervangt die applicatie; andere rijen worden toegevoegd. \
                             Is één rij fout, dan wordt niets opgeslagen.",
                            KOLOMMEN.join(", ")
                        )}
                    </p>
                    <Bestandsimport
                        id="landschapbestand"
                        label="Landschapsbestand (CSV of XLSX)"
                        accept=".csv,.xlsx,text/csv"
                        pad=Signal::derive(move || format!("/gemeenten/{code}/applicaties/import"))
                        csrf=csrf
                        verslag=landschapverslag
                        na_import=herlaad
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
        "Import klaar: {} toegevoegd, {} bijgewerkt, {} verwijderd.",
        import.toegevoegd, import.bijgewerkt, import.verwijderd
    ))
}

/// The state of the form: the text of each field, the applicatie being edited, the
/// messages per field.
#[derive(Clone, Copy)]
struct Formulier {
    waarden: StoredValue<Vec<(&'static str, RwSignal<String>)>>,
    bewerkt: RwSignal<Option<ApplicatieId>>,
    fouten: RwSignal<Vec<Veldfout>>,
}

impl Formulier {
    fn new() -> Self {
        Self {
            waarden: StoredValue::new(
                VELDEN
                    .iter()
                    .map(|(veld, _, _)| (*veld, RwSignal::new(String::new())))
                    .collect(),
            ),
            bewerkt: RwSignal::new(None),
            fouten: RwSignal::new(Vec::new()),
        }
    }

    fn signaal(&self, veld: &str) -> RwSignal<String> {
        self.waarden.with_value(|w| {
            w.iter()
                .find(|(v, _)| *v == veld)
                .map(|(_, s)| *s)
                .unwrap_or_else(|| RwSignal::new(String::new()))
        })
    }

    /// The form filled with `app`, to edit it; functions by name.
    fn vul(&self, app: &Applicatie, referentie: &[Referentiecomponent]) {
        let cellen = app.tekstrij();
        for (kolom, cel) in KOLOMMEN.iter().zip(cellen) {
            let waarde = if *kolom == "referentiecomponenten" {
                app.referentiecomponenten
                    .iter()
                    .map(|r| naam_van(referentie, r.as_str()))
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                cel
            };
            self.signaal(kolom).set(waarde);
        }
        self.bewerkt.set(Some(app.id.clone()));
        self.fouten.set(Vec::new());
        focus("veld-naam");
    }

    fn leeg(&self) {
        self.waarden
            .with_value(|w| w.iter().for_each(|(_, s)| s.set(String::new())));
        self.bewerkt.set(None);
        self.fouten.set(Vec::new());
    }

    fn fout(&self, veld: &'static str) -> Option<String> {
        let fouten = self.fouten.get();
        let redenen: Vec<String> = fouten
            .into_iter()
            .filter(|f| f.veld == veld)
            .map(|f| f.reden)
            .collect();
        (!redenen.is_empty()).then(|| crate::formaat::hoofdletter(&redenen.join("; ")))
    }
}

/// Moves keyboard focus to element `id` (after an edit starts, or to the first error).
fn focus(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            // Focus is a convenience; failing to move it changes nothing else.
            let _ = element.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

#[component]
fn Applicatieformulier(
    gemeente: GemeenteCode,
    formulier: Formulier,
    referentie: StoredValue<Vec<Referentiecomponent>>,
    csrf: String,
    herlaad: Callback<()>,
) -> impl IntoView {
    let probleem = RwSignal::new(None::<Probleem>);
    let gelukt = RwSignal::new(None::<String>);
    let code = gemeente.to_string();
    let opslaan = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        probleem.set(None);
        gelukt.set(None);
        let tekst: Vec<(&'static str, String)> = formulier
            .waarden
            .with_value(|w| w.iter().map(|(v, s)| (*v, s.get_untracked())).collect());
        let veld = |naam: &str| {
            tekst
                .iter()
                .find(|(v, _)| *v == naam)
                .map(|(_, t)| t.as_str())
        };
        let bewerkt = formulier.bewerkt.get_untracked();
        // The same rules as the server, so a mistake is named before anything is sent.
        let gecontroleerd = Applicatiegegevens::uit_tekst(veld).and_then(|g| {
            let id = bewerkt
                .clone()
                .or_else(|| ApplicatieId::parse("nieuw").ok())
                .ok_or_else(Vec::new)?;
            let referentie = referentie.get_value();
            g.clone()
                .toets(&gemeente, id, |t| {
                    referentie
                        .iter()
                        .find(|r| r.id.as_str() == t || r.naam.eq_ignore_ascii_case(t))
                        .map(|r| r.id.clone())
                })
                .map(|_| g)
        });
        let mut gegevens = match gecontroleerd {
            Ok(g) => g,
            Err(fouten) => {
                if let Some(eerste) = fouten.first() {
                    focus(&format!("veld-{}", eerste.veld));
                }
                formulier.fouten.set(fouten);
                return;
            }
        };
        formulier.fouten.set(Vec::new());
        gegevens.id.clone_from(&bewerkt);
        let naam = gegevens.naam.clone();
        let (code, csrf) = (code.clone(), csrf.clone());
        crate::api::in_browser(async move {
            let uitkomst = match &bewerkt {
                Some(id) => {
                    let pad = format!("/gemeenten/{code}/applicaties/{id}");
                    // The ETag of now: a change by someone else since is refused, not lost.
                    crate::api::vervang(&pad, &csrf, &gegevens).await
                }
                None => {
                    stuur(
                        "POST",
                        &format!("/gemeenten/{code}/applicaties"),
                        Inhoud::json(&gegevens),
                        &csrf,
                        None,
                    )
                    .await
                }
            };
            match uitkomst {
                Ok(_) => {
                    formulier.leeg();
                    gelukt.set(Some(format!("{naam} is opgeslagen.")));
                    herlaad.run(());
                }
                Err(p) => {
                    let per_veld: Vec<Veldfout> = p
                        .invalid_params
                        .iter()
                        .map(|o| Veldfout {
                            veld: o.name.clone(),
                            reden: o.reason.clone(),
                        })
                        .collect();
                    formulier.fouten.set(per_veld);
                    probleem.set(Some(p));
                }
            }
        });
    };
    let velden = VELDEN
        .iter()
        .map(|&(veld, label, soort)| {
            let id = format!("veld-{veld}");
            let fout_id = format!("fout-{veld}");
            let waarde = formulier.signaal(veld);
            let lijst = (veld == "referentiecomponenten").then_some("referentie-namen");
            view! {
                <div class="utrecht-form-field" class:gp-veld--fout=move || formulier.fout(veld).is_some()>
                    <label class="utrecht-form-label" for=id.clone()>{label}</label>
                    <input
                        class="utrecht-textbox"
                        id=id
                        name=veld
                        type=soort
                        list=lijst
                        prop:value=move || waarde.get()
                        on:input=move |ev| waarde.set(event_target_value(&ev))
                        aria-invalid=move || formulier.fout(veld).map(|_| "true")
                        aria-describedby=fout_id.clone()
                    />
                    <p class="gp-veldfout" id=fout_id>{move || formulier.fout(veld)}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="gp-beheer" aria-labelledby="formulier-kop">
            <h2 class="utrecht-heading-2" id="formulier-kop">
                {move || if formulier.bewerkt.get().is_some() { "Applicatie bewerken" } else { "Applicatie toevoegen" }}
            </h2>
            <form class="gp-formulier" on:submit=opslaan novalidate=true>
                <datalist id="referentie-namen">
                    {referentie.get_value().into_iter().map(|r| view! { <option value=r.naam /> }).collect_view()}
                </datalist>
                {velden}
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Opslaan"</button>
                <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| formulier.leeg()>
                    "Leegmaken"
                </button>
                <div aria-live="polite">
                    {move || gelukt.get().map(|m| view! { <p class="gp-gelukt" role="status">{m}</p> })}
                    {move || probleem.get().filter(|p| p.invalid_params.is_empty()).map(|p| view! { <Probleemverslag probleem=p /> })}
                </div>
            </form>
        </section>
    }
}
