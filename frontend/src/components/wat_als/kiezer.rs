//! For visitors and regie: pick a gemeente, then the what-if for it.

use domain::GemeenteCode;
use domain::tijdlijn::Bewerking;
use leptos::prelude::*;

use super::paneel::Paneel;
use crate::api::na_hydratie;
use crate::server_fns::landschap::wat_als_basis;

/// For visitors and regie: pick a gemeente, then the what-if for it.
#[component]
pub fn Kiezer(
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
            Some(Err(fout)) => Some(crate::components::melding::laadfout(&fout)),
            _ => None,
        }}
    }
}
