//! The form that adds or edits one applicatie: each field checked in the browser by the
//! rules the server applies (`domain::landschap::gegevens`), each message next to its
//! field, the focus on the first one.

use domain::landschap::gegevens::{Applicatiegegevens, KOLOMMEN, Veldfout};
use domain::{Applicatie, ApplicatieId, GemeenteCode, Referentiecomponent};
use leptos::prelude::*;

use super::naam_van;
use crate::api::{Inhoud, Probleem, stuur};
use crate::components::bestandsimport::Probleemverslag;

/// The label and input type of each field of the form, by its JSON name.
pub(super) const VELDEN: [(&str, &str, &str); 11] = [
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

/// The state of the form: the text of each field, the applicatie being edited, the
/// messages per field.
#[derive(Clone, Copy)]
pub(super) struct Formulier {
    pub(super) waarden: StoredValue<Vec<(&'static str, RwSignal<String>)>>,
    pub(super) bewerkt: RwSignal<Option<ApplicatieId>>,
    pub(super) fouten: RwSignal<Vec<Veldfout>>,
}

impl Formulier {
    pub(super) fn new() -> Self {
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
    pub(super) fn vul(&self, app: &Applicatie, referentie: &[Referentiecomponent]) {
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

    pub(super) fn leeg(&self) {
        self.waarden
            .with_value(|w| w.iter().for_each(|(_, s)| s.set(String::new())));
        self.bewerkt.set(None);
        self.fouten.set(Vec::new());
    }

    pub(super) fn fout(&self, veld: &'static str) -> Option<String> {
        let fouten = self.fouten.get();
        let redenen: Vec<String> = fouten
            .into_iter()
            .filter(|f| f.veld == veld)
            .map(|f| f.reden)
            .collect();
        (!redenen.is_empty()).then(|| crate::formaat::hoofdletter(&redenen.join("; ")))
    }
}

/// `gegevens` as they are when they pass the rules the server applies (as applicatie
/// `id` of `gemeente`, its functions looked up in `referentie`), else every field that
/// does not.
pub(super) fn getoetst(
    gegevens: Applicatiegegevens,
    gemeente: &GemeenteCode,
    id: ApplicatieId,
    referentie: StoredValue<Vec<Referentiecomponent>>,
) -> Result<Applicatiegegevens, Vec<Veldfout>> {
    let zoeker = referentie.with_value(|lijst| {
        domain::catalogus::Referentiezoeker::met(
            lijst.iter().map(|r| (r.id.as_str(), r.naam.as_str())),
        )
    });
    gegevens
        .clone()
        .toets(gemeente, id, &zoeker)
        .map(|_| gegevens)
}

/// Moves keyboard focus to element `id` (after an edit starts, or to the first error).
pub(super) fn focus(id: &str) {
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
pub(super) fn Applicatieformulier(
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
            getoetst(g, &gemeente, id, referentie)
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
