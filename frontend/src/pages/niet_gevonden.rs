//! The page for a path that does not exist; answered with status 404.

use crate::components::kop::Paginatitel;
use leptos::prelude::*;

/// "Pagina niet gevonden", with a way back.
#[component]
pub fn NietGevonden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(antwoord) = use_context::<leptos_axum::ResponseOptions>() {
        antwoord.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Paginatitel tekst="Pagina niet gevonden" />
        <h1 class="utrecht-heading-1">"Pagina niet gevonden"</h1>
        <p class="utrecht-paragraph">
            "Deze pagina bestaat niet (meer). Ga naar de "
            <a class="utrecht-link utrecht-link--html-a" href="/">
                "Routekaart"
            </a> " of naar het overzicht van " <a class="utrecht-link utrecht-link--html-a" href="/gemeenten">
                "gemeenten"
            </a> "."
        </p>
    }
}
