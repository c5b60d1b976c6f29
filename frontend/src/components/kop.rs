//! The page header: the name of the app and the main navigation.

use leptos::prelude::*;
use leptos_router::components::A;

/// Header with the app name and the main navigation; the current page is marked with
/// `aria-current="page"` by the router's link.
#[component]
pub fn Kop() -> impl IntoView {
    view! {
        <header class="gp-kop">
            <div class="gp-kop__binnen">
                <a class="gp-kop__naam" href="/">
                    "Grondplan"
                </a>
                <span class="gp-kop__ondertitel">"Samen naar Common Ground"</span>
                <nav class="gp-nav" aria-label="Hoofdmenu">
                    <ul class="gp-nav__lijst">
                        <li>
                            <A href="/" exact=true attr:class="gp-nav__link">
                                "Routekaart"
                            </A>
                        </li>
                        <li>
                            <A href="/gemeenten" attr:class="gp-nav__link">
                                "Gemeenten"
                            </A>
                        </li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}
