//! `/plan/{token}`: a saved scenario opened through its share link, read-only, rendered on
//! the server (it reads fine without JavaScript) and hydrated. The scenario is worked out
//! on today's data: when the Routekaart changed since it was made, that is said, and edits
//! that no longer apply are listed as conflicts. An unknown or revoked link is a 404.

use crate::components::kop::Paginatitel;
use domain::scenario::{Basis, ContractKeuze, Wijziging};
use domain::tijdlijn::Bewerking;
use domain::{ActiviteitId, ApplicatieId, ComponentId, OpgaveId};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use domain::scenario::basisversie;

use crate::formaat::{bedrag, datum_lang, fte};
use crate::pages::laden::laden;
use crate::pages::niet_gevonden::NietGevonden;
use crate::pages::overstapplan::Planweergave;
use crate::server_fns::gedeeld::gedeeld_ophalen;

/// The names a description of an edit uses, from the data the plan is worked out on
/// (an id that is no longer there reads as itself).
struct Namen<'a>(&'a Basis);

impl Namen<'_> {
    fn opgave(&self, id: &OpgaveId) -> String {
        self.0
            .routekaart
            .iter()
            .find(|o| &o.id == id)
            .map_or_else(|| id.to_string(), |o| o.naam.clone())
    }

    fn activiteit(&self, id: &ActiviteitId) -> String {
        self.0
            .routekaart
            .iter()
            .flat_map(|o| &o.activiteiten)
            .find(|a| &a.id == id)
            .map_or_else(|| id.to_string(), |a| a.naam.clone())
    }

    fn component(&self, id: &ComponentId) -> String {
        self.0
            .componenten
            .iter()
            .find(|k| &k.id == id)
            .map_or_else(|| id.to_string(), |k| k.naam.clone())
    }

    fn applicatie(&self, id: &ApplicatieId) -> String {
        self.0
            .applicaties
            .iter()
            .find(|a| &a.id == id)
            .map_or_else(|| id.to_string(), |a| a.naam.clone())
    }
}

/// One edit in words, naming opgaven, activiteiten, components and applicaties as `basis`
/// does.
pub fn beschrijf(wijziging: &Wijziging, basis: &Basis) -> String {
    let namen = Namen(basis);
    match wijziging {
        Wijziging::Rol {
            opgave,
            rol: Some(rol),
        } => format!(
            "Doet mee aan {} als {}",
            namen.opgave(opgave),
            rol.label().to_lowercase()
        ),
        Wijziging::Rol { opgave, rol: None } => {
            format!("Doet niet mee aan {}", namen.opgave(opgave))
        }
        Wijziging::Tijdlijn {
            bewerking: Bewerking::Verplaats { activiteit, start },
        } => {
            format!(
                "Activiteit {} begint op {}",
                namen.activiteit(activiteit),
                datum_lang(*start)
            )
        }
        Wijziging::Tijdlijn {
            bewerking:
                Bewerking::Rek {
                    activiteit,
                    start,
                    eind,
                },
        } => {
            let delen: Vec<String> = [
                start.map(|d| format!("begint op {}", datum_lang(d))),
                eind.map(|d| format!("eindigt op {}", datum_lang(d))),
            ]
            .into_iter()
            .flatten()
            .collect();
            format!(
                "Activiteit {} {}",
                namen.activiteit(activiteit),
                delen.join(" en ")
            )
        }
        Wijziging::Tijdlijn {
            bewerking:
                Bewerking::VerplaatsFase {
                    opgave,
                    fase,
                    start,
                },
        } => {
            format!(
                "{} van {} begint op {}",
                fase.label(),
                namen.opgave(opgave),
                datum_lang(*start)
            )
        }
        Wijziging::Beschikbaarheid { component, datum } => format!(
            "{} is beschikbaar vanaf {}",
            namen.component(component),
            datum_lang(*datum)
        ),
        Wijziging::Capaciteit { capaciteit } => format!(
            "Capaciteit: {} per kwartaal en {} per jaar",
            fte(capaciteit.fte_per_kwartaal),
            bedrag(capaciteit.budget_per_jaar)
        ),
        Wijziging::Contract {
            applicatie,
            keuze: ContractKeuze::VerlengenTot(d),
        } => {
            format!(
                "Contract van {} verlengen tot {}",
                namen.applicatie(applicatie),
                datum_lang(*d)
            )
        }
        Wijziging::Contract {
            applicatie,
            keuze: ContractKeuze::BeeindigenOp(d),
        } => {
            format!(
                "Contract van {} beëindigen op {}",
                namen.applicatie(applicatie),
                datum_lang(*d)
            )
        }
    }
}

/// The shared plan page.
#[component]
pub fn PlanPagina() -> impl IntoView {
    let params = use_params_map();
    let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
    let gedeeld = OnceResource::new(gedeeld_ophalen(token));
    view! {
        {laden("Het plan wordt geladen…", gedeeld, |gedeeld| async move {
            let Some(gedeeld) = gedeeld else {
                return view! { <NietGevonden /> }.into_any();
            };
                let s = gedeeld.scenario;
                let uitwerking = s.werk_uit(&gedeeld.basis);
                let gewijzigd = basisversie(&gedeeld.basis.routekaart) != s.basisversie;
                let conflicten = uitwerking
                    .conflicten
                    .iter()
                    .map(|c| view! { <li>{format!("{}: {}", beschrijf(&c.wijziging, &gedeeld.basis), c.reden)}</li> })
                    .collect_view();
                let aantal_conflicten = uitwerking.conflicten.len();
                let wijzigingen = s.wijzigingen.iter().map(|w| view! { <li>{beschrijf(w, &gedeeld.basis)}</li> }).collect_view();
                view! {
                    <Paginatitel tekst=gedeeld.naam.clone() />
                    <p class="gp-alleen-lezen">"Gedeeld plan, alleen lezen"</p>
                    <h1 class="utrecht-heading-1">{gedeeld.naam}</h1>
                    <dl class="gp-gegevens">
                        <dt>"Gemeente"</dt>
                        <dd>{format!("{} ({})", gedeeld.gemeente.naam, gedeeld.gemeente.code)}</dd>
                        <dt>"Peildatum"</dt>
                        <dd>{datum_lang(s.peildatum)}</dd>
                    </dl>
                    {gewijzigd.then(|| view! {
                        <p class="gp-melding" role="status" id="basis-gewijzigd">
                            "De Routekaart is gewijzigd sinds dit plan werd gemaakt; het plan is opnieuw uitgerekend op de huidige gegevens."
                        </p>
                    })}
                    {(aantal_conflicten > 0).then(|| view! {
                        <section aria-labelledby="conflicten-kop">
                            <h2 class="utrecht-heading-2" id="conflicten-kop">"Keuzes die niet meer passen"</h2>
                            <ul class="utrecht-unordered-list" id="conflicten">{conflicten}</ul>
                        </section>
                    })}
                    <h2 class="utrecht-heading-2">"Keuzes in dit plan"</h2>
                    <ol class="utrecht-ordered-list">{wijzigingen}</ol>
                    <Planweergave plan=uitwerking.plan basis=uitwerking.basis />
                }
                    .into_any()
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_read_as_dutch_sentences_with_names() {
        let opgave = OpgaveId::parse("zaakgericht-werken").expect("id");
        let mut basis = Basis {
            routekaart: Vec::new(),
            componenten: Vec::new(),
            applicaties: Vec::new(),
            capaciteit: None,
        };
        let wijziging = Wijziging::Rol {
            opgave,
            rol: Some(domain::Rol::Coalitiepartner),
        };
        assert_eq!(
            beschrijf(&wijziging, &basis),
            "Doet mee aan zaakgericht-werken als coalitiepartner",
            "an opgave no longer there reads as its id"
        );
        let periode = |s: &str, e: &str| {
            let d = |t: &str| domain::datum::lees_datum(t).expect("date");
            domain::Periode::new(d(s), d(e)).expect("period")
        };
        basis.routekaart = vec![domain::Opgave::nieuw(
            OpgaveId::parse("zaakgericht-werken").expect("id"),
            "Zaakgericht werken".into(),
            periode("2026-01-01", "2026-12-31"),
            periode("2027-01-01", "2028-06-30"),
        )];
        assert_eq!(
            beschrijf(&wijziging, &basis),
            "Doet mee aan Zaakgericht werken als coalitiepartner"
        );
    }
}
