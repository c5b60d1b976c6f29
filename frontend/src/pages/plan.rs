//! `/plan/{token}`: a saved scenario opened through its share link, read-only, rendered on
//! the server (it reads fine without JavaScript) and hydrated. The scenario is worked out
//! on today's data: when the Routekaart changed since it was made, that is said, and edits
//! that no longer apply are listed as conflicts. An unknown or revoked link is a 404.

use domain::scenario::{ContractKeuze, Wijziging};
use domain::tijdlijn::Bewerking;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use domain::scenario::basisversie;

use crate::formaat::datum_lang;
use crate::pages::laden::laden;
use crate::pages::niet_gevonden::NietGevonden;
use crate::pages::overstapplan::Planweergave;
use crate::server_fns::gedeeld::gedeeld_ophalen;

/// One edit in words.
pub fn beschrijf(wijziging: &Wijziging) -> String {
    match wijziging {
        Wijziging::Rol {
            opgave,
            rol: Some(rol),
        } => format!("Doet mee aan {opgave} als {}", rol.label().to_lowercase()),
        Wijziging::Rol { opgave, rol: None } => format!("Doet niet mee aan {opgave}"),
        Wijziging::Tijdlijn {
            bewerking: Bewerking::Verplaats { activiteit, start },
        } => {
            format!("Activiteit {activiteit} begint op {}", datum_lang(*start))
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
            format!("Activiteit {activiteit} {}", delen.join(" en "))
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
                "{} van {opgave} begint op {}",
                fase.label(),
                datum_lang(*start)
            )
        }
        Wijziging::Beschikbaarheid { component, datum } => format!(
            "Component {component} is beschikbaar vanaf {}",
            datum_lang(*datum)
        ),
        Wijziging::Capaciteit { capaciteit } => format!(
            "Capaciteit: {} fte per kwartaal en € {} per jaar",
            capaciteit.fte_per_kwartaal, capaciteit.budget_per_jaar
        ),
        Wijziging::Contract {
            applicatie,
            keuze: ContractKeuze::VerlengenTot(d),
        } => {
            format!("Contract van {applicatie} verlengen tot {}", datum_lang(*d))
        }
        Wijziging::Contract {
            applicatie,
            keuze: ContractKeuze::BeeindigenOp(d),
        } => {
            format!("Contract van {applicatie} beëindigen op {}", datum_lang(*d))
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
                    .map(|c| view! { <li>{format!("{}: {}", beschrijf(&c.wijziging), c.reden)}</li> })
                    .collect_view();
                let aantal_conflicten = uitwerking.conflicten.len();
                let wijzigingen = s.wijzigingen.iter().map(|w| view! { <li>{beschrijf(w)}</li> }).collect_view();
                view! {
                    <Title text=gedeeld.naam.clone() />
                    <p class="gp-alleen-lezen">"Gedeeld plan, alleen lezen"</p>
                    <h1 class="utrecht-heading-1">{gedeeld.naam}</h1>
                    <dl class="gp-gegevens">
                        <dt>"Gemeente"</dt>
                        <dd>{s.gemeente.to_string()}</dd>
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
    fn edits_read_as_dutch_sentences() {
        let opgave = domain::OpgaveId::parse("zaakgericht-werken").expect("id");
        assert_eq!(
            beschrijf(&Wijziging::Rol {
                opgave,
                rol: Some(domain::Rol::Coalitiepartner)
            }),
            "Doet mee aan zaakgericht-werken als coalitiepartner"
        );
    }
}
