//! Regie adds an opgave to the Routekaart: its id, name and the dates of both fasen; the
//! rest is filled in on its page.

use domain::datum::lees_datum;
use domain::{Opgave, OpgaveId, Periode};
use leptos::prelude::*;

use crate::api::{Inhoud, Probleem, stuur};
use crate::components::bestandsimport::Probleemverslag;

/// The fields: (element id suffix, label, input type).
const VELDEN: [(&str, &str, &str); 6] = [
    ("id", "Id (kleine letters, cijfers en streepjes)", "text"),
    ("naam", "Naam", "text"),
    ("ontwikkel-start", "Ontwikkelfase: start", "date"),
    ("ontwikkel-eind", "Ontwikkelfase: eind", "date"),
    ("opschaling-start", "Opschalingsfase: start", "date"),
    ("opschaling-eind", "Opschalingsfase: eind", "date"),
];

/// The new opgave the six fields describe.
///
/// # Errors
/// The first field that is not valid, by its label.
fn nieuwe_opgave(w: &[String]) -> Result<Opgave, String> {
    let veld = |i: usize| w.get(i).map_or("", String::as_str);
    let benoemd = |i: usize, fout: &dyn std::fmt::Display| format!("{}: {fout}", VELDEN[i].1);
    let periode = |start: usize, eind: usize| {
        let s = lees_datum(veld(start)).map_err(|f| benoemd(start, &f))?;
        let e = lees_datum(veld(eind)).map_err(|f| benoemd(eind, &f))?;
        Periode::new(s, e).map_err(|f| benoemd(eind, &f))
    };
    Ok(Opgave::nieuw(
        OpgaveId::parse(veld(0)).map_err(|f| benoemd(0, &f))?,
        veld(1).to_owned(),
        periode(2, 3)?,
        periode(4, 5)?,
    ))
}

/// The form, for regie only: there is none without regie's CSRF token.
#[component]
pub fn NieuweOpgave(regie_csrf: Option<String>) -> impl IntoView {
    regie_csrf.map(|csrf| view! { <NieuweOpgaveFormulier csrf /> }.into_any())
}

#[component]
fn NieuweOpgaveFormulier(csrf: String) -> impl IntoView {
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
        let opgave = match nieuwe_opgave(&w) {
            Ok(opgave) => opgave,
            Err(fout) => {
                probleem.set(Some(Probleem::lokaal(fout)));
                return;
            }
        };
        let csrf = csrf.clone();
        crate::api::in_browser(async move {
            match stuur("POST", "/opgaven", Inhoud::json(&opgave), &csrf, None).await {
                Ok(_) => gemaakt.set(Some(opgave.id.to_string())),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn velden(w: [&str; 6]) -> Vec<String> {
        w.into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn the_six_fields_make_an_opgave_or_name_the_first_wrong_one() {
        let opgave = nieuwe_opgave(&velden([
            "open-raadsinformatie",
            "Open Raadsinformatie",
            "2027-01-04",
            "2027-12-17",
            "2028-01-03",
            "2028-12-15",
        ]))
        .expect("valid");
        assert_eq!(opgave.naam, "Open Raadsinformatie");
        assert_eq!(
            opgave.opschalingsfase.periode.eind().to_string(),
            "2028-12-15"
        );
        let fout = nieuwe_opgave(&velden([
            "x",
            "X",
            "2027-01-04",
            "2026-01-01",
            "2028-01-03",
            "2028-12-15",
        ]))
        .expect_err("end before start");
        assert!(fout.starts_with("Ontwikkelfase: eind:"), "{fout}");
        let fout = nieuwe_opgave(&velden(["Geen Id!", "X", "", "", "", ""])).expect_err("bad id");
        assert!(fout.starts_with("Id"), "{fout}");
    }
}
