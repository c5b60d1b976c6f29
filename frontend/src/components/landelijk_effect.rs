//! Regie's national what-if on the Routekaart: while a fase is dragged (by pointer or by
//! keyboard), how many gemeenten lose their contract window (an overstapmoment moves to
//! a later renewal, or none is left) and what that costs in extra contract fees; and,
//! moved earlier, who gains one. Computed in the browser on every change from the compact
//! basis the server sends (`domain::landelijk::venster`), against the published
//! Routekaart. Shown to regie only: the basis holds every gemeente's contracts.

use domain::Opgave;
use domain::landelijk::venster::{Vensterbasis, Venstereffect};
use leptos::prelude::*;

use crate::formaat::{aantal, bedrag, telwoord};

/// The panel, for regie (`basis` is `Some` only for regie); nothing for anyone else.
#[component]
pub fn LandelijkEffect(
    basis: Result<Option<Vensterbasis>, ServerFnError>,
    kaart: Signal<Vec<Opgave>>,
    gepubliceerd: Vec<Opgave>,
) -> impl IntoView {
    match basis {
        Ok(Some(basis)) => view! { <Paneel basis gepubliceerd kaart /> }.into_any(),
        Ok(None) => ().into_any(),
        Err(fout) => view! {
            <p class="gp-fout" role="alert">
                {format!("Het landelijk effect kon niet worden geladen: {}", crate::api::serverfout(&fout))}
            </p>
        }
        .into_any(),
    }
}

/// The effect as sentences, one for losses and one for gains.
pub fn zinnen(effect: &Venstereffect) -> (String, String) {
    let verlies = if effect.applicaties_verliezen == 0 {
        "Geen gemeente verliest een contractvenster.".to_owned()
    } else {
        let zonder = if effect.zonder_moment > 0 {
            format!(
                ", waarvan {} zonder overstapmoment",
                aantal(effect.zonder_moment)
            )
        } else {
            String::new()
        };
        format!(
            "{} een contractvenster ({}{zonder}): {} extra contractkosten.",
            telwoord(
                effect.gemeenten_verliezen,
                "gemeente verliest",
                "gemeenten verliezen"
            ),
            telwoord(effect.applicaties_verliezen, "applicatie", "applicaties"),
            bedrag(effect.extra_kosten)
        )
    };
    let winst = if effect.applicaties_winnen == 0 {
        "Geen gemeente krijgt een eerder contractvenster.".to_owned()
    } else {
        format!(
            "{} een eerder contractvenster ({}): {} minder contractkosten.",
            telwoord(
                effect.gemeenten_winnen,
                "gemeente krijgt",
                "gemeenten krijgen"
            ),
            telwoord(effect.applicaties_winnen, "applicatie", "applicaties"),
            bedrag(effect.minder_kosten)
        )
    };
    (verlies, winst)
}

#[component]
fn Paneel(
    basis: Vensterbasis,
    gepubliceerd: Vec<Opgave>,
    kaart: Signal<Vec<Opgave>>,
) -> impl IntoView {
    let voor = basis.stand(&gepubliceerd);
    let applicaties = basis.applicaties.len();
    let gemeenten = basis.gemeenten.len();
    let zinnen = Memo::new(move |_| kaart.with(|k| zinnen(&basis.effect(&voor, k))));
    view! {
        <section class="gp-landelijk-effect" aria-labelledby="landelijk-effect-kop">
            <h2 class="utrecht-heading-2" id="landelijk-effect-kop">"Landelijk effect van deze Routekaart"</h2>
            <p class="utrecht-paragraph">
                {format!(
                    "Versleep een fase (of verschuif haar met de pijltjestoetsen) en zie wat dat betekent voor de {} applicaties in {} gemeenten waarvan het overstapmoment van de Routekaart afhangt. Vergeleken met de gepubliceerde Routekaart.",
                    aantal(applicaties),
                    aantal(gemeenten),
                )}
            </p>
            <div class="gp-landelijk-effect__uitkomst" id="landelijk-effect-uitkomst" role="status" aria-live="polite">
                <p class="utrecht-paragraph gp-landelijk-effect__verlies">{move || zinnen.with(|z| z.0.clone())}</p>
                <p class="utrecht-paragraph">{move || zinnen.with(|z| z.1.clone())}</p>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_change_says_so_and_a_loss_names_gemeenten_applicaties_and_fees() {
        let (verlies, winst) = zinnen(&Venstereffect::default());
        assert_eq!(verlies, "Geen gemeente verliest een contractvenster.");
        assert_eq!(winst, "Geen gemeente krijgt een eerder contractvenster.");
        let (verlies, _) = zinnen(&Venstereffect {
            gemeenten_verliezen: 12,
            applicaties_verliezen: 15,
            zonder_moment: 2,
            extra_kosten: 1_250_000,
            ..Venstereffect::default()
        });
        assert_eq!(
            verlies,
            "12 gemeenten verliezen een contractvenster (15 applicaties, waarvan 2 zonder overstapmoment): € 1.250.000 extra contractkosten."
        );
        let (_, winst) = zinnen(&Venstereffect {
            gemeenten_winnen: 1,
            applicaties_winnen: 1,
            minder_kosten: 80_000,
            ..Venstereffect::default()
        });
        assert_eq!(
            winst,
            "1 gemeente krijgt een eerder contractvenster (1 applicatie): € 80.000 minder contractkosten."
        );
    }
}
