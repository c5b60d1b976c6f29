//! `/`: the Routekaart overview, every opgave as a row on one time axis.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::routekaart_overzicht::RoutekaartOverzicht;
use crate::server_fns::routekaart::routekaart_ophalen;

/// The Routekaart overview page.
#[component]
pub fn RoutekaartPagina() -> impl IntoView {
    let overzicht = OnceResource::new(routekaart_ophalen());
    view! {
        <Title text="Routekaart" />
        <h1 class="utrecht-heading-1">"Routekaart Common Ground"</h1>
        <p class="utrecht-paragraph gp-inleiding">
            "Per opgave de ontwikkelfase, waarin coalitiepartners een oplossing ontwikkelen, en de "
            "opschalingsfase, waarin meer gemeenten de oplossing in gebruik nemen. De ruiten zijn "
            "besluitmomenten; de verticale lijn is vandaag."
        </p>
        <Suspense fallback=|| {
            view! { <p class="utrecht-paragraph">"De Routekaart wordt geladen…"</p> }
        }>
            {move || Suspend::new(async move {
                match overzicht.await {
                    Ok(overzicht) => view! { <RoutekaartOverzicht overzicht /> }.into_any(),
                    Err(fout) => {
                        view! {
                            <p class="gp-fout" role="alert">
                                "De Routekaart kon niet worden geladen: " {fout.to_string()}
                            </p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
