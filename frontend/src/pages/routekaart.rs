//! `/`: the Routekaart overview, every opgave as a row on one time axis.

use crate::components::kop::Paginatitel;
use leptos::prelude::*;

use crate::components::routekaart_overzicht::RoutekaartOverzicht;
use crate::pages::laden::laden;
use crate::server_fns::landelijk::contractvensters_ophalen;
use crate::server_fns::landschap::wat_als_beginpunt;
use crate::server_fns::routekaart::routekaart_ophalen;
use crate::server_fns::sessie::{regie_csrf, wie};

/// The Routekaart overview page.
#[component]
pub fn RoutekaartPagina() -> impl IntoView {
    // Every resource of the page is created here, before the Suspense, and the parts below
    // get plain data: nothing that takes a hydration id is created after an await, where
    // the server's order would depend on timing (docs/architecture.md, "Hydration ids").
    let overzicht = OnceResource::new(routekaart_ophalen());
    let wat_als = OnceResource::new(wat_als_beginpunt());
    let vensters = OnceResource::new(contractvensters_ophalen());
    let wie = wie();
    view! {
        <Paginatitel tekst="Routekaart" />
        <h1 class="utrecht-heading-1">"Routekaart Common Ground"</h1>
        <p class="utrecht-paragraph gp-inleiding">
            "Per opgave de ontwikkelfase, waarin coalitiepartners een oplossing ontwikkelen, en de "
            "opschalingsfase, waarin meer gemeenten de oplossing in gebruik nemen. De ruiten zijn "
            "besluitmomenten; de verticale lijn is vandaag."
        </p>
        {laden("De Routekaart wordt geladen…", overzicht, move |overzicht| async move {
            let (wat_als, vensters) = (wat_als.await, vensters.await);
            let regie_csrf = regie_csrf(&wie.await);
            view! { <RoutekaartOverzicht overzicht wat_als vensters regie_csrf /> }.into_any()
        })}
    }
}
