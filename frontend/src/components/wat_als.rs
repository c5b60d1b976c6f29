//! What if my gemeente joins as coalitiepartner? For the logged-in member's gemeente (or,
//! for anyone else, a gemeente they pick: regie sees its landscape too, visitors only what
//! joining costs): per opgave a rol, and its capaciteit; live, on the Routekaart as
//! dragged, the load per quarter against capacity (overloaded quarters explained),
//! besparing and bijdragen per year, the terugverdienjaar, and which applicaties'
//! overstapmomenten moved compared with the published Routekaart and roles. All computed
//! in the browser by `domain`: [`kiezer`] picks the gemeente, [`paneel`] keeps the draft
//! and shows [`uitkomst`], [`opslaan`] saves and shares it.

mod kiezer;
mod opslaan;
mod paneel;
mod uitkomst;

use domain::tijdlijn::Bewerking;
use leptos::prelude::*;

use crate::server_fns::landschap::{EigenPlan, WatAlsBegin};
use kiezer::Kiezer;
use paneel::Paneel;

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
        Ok(WatAlsBegin::Eigen(eigen)) => {
            let EigenPlan {
                gemeente,
                basis,
                csrf,
            } = *eigen;
            view! { <Paneel code=gemeente basis csrf=Some(csrf) stappen sleepstap /> }.into_any()
        }
        Ok(WatAlsBegin::Kiezen(gemeenten)) => {
            view! { <Kiezer gemeenten stappen sleepstap /> }.into_any()
        }
        Err(fout) => crate::components::melding::laadfout(&fout),
    };
    view! {
        <section class="gp-wat-als" aria-labelledby="wat-als-kop">
            <h2 class="utrecht-heading-2" id="wat-als-kop">"Wat betekent dit voor uw gemeente?"</h2>
            {inhoud}
        </section>
    }
}
