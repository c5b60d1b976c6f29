//! The HTML shell and the router: which page answers which path.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::kop::Kop;
use crate::pages::accounts::{AccountsPagina, BeheerPagina};
use crate::pages::audit::AuditPagina;
use crate::pages::catalogus::CatalogusPagina;
use crate::pages::component::ComponentPagina;
use crate::pages::gemeenten::GemeentenPagina;
use crate::pages::inloggen::InloggenPagina;
use crate::pages::landelijk::LandelijkPagina;
use crate::pages::landschap::LandschapPagina;
use crate::pages::niet_gevonden::NietGevonden;
use crate::pages::opgave::OpgavePagina;
use crate::pages::overstapplan::OverstapplanPagina;
use crate::pages::plan::PlanPagina;
use crate::pages::referentiecomponenten::ReferentiecomponentenPagina;
use crate::pages::routekaart::RoutekaartPagina;
use crate::pages::scenarios::ScenariosPagina;
use crate::pages::start::StartPagina;
use crate::pages::uitnodiging::UitnodigingPagina;
use crate::server_fns::sessie::bied_wie_aan;

/// Loads the app's JavaScript and WebAssembly once the browser is idle after the first
/// paint, and then hydrates the page. Leptos's `HydrationScripts` also puts preload hints
/// for both files in the head, which start the 1 MB download before the first paint and so
/// count in Lighthouse's largest-paint estimate on a slow phone line (5.1 s, score 0.75;
/// docs/performance.md); without them the page is complete and readable first, and becomes
/// interactive when the download is in.
fn hydratiescript(options: &LeptosOptions) -> String {
    let map = format!("/{}", options.site_pkg_dir);
    let naam = &options.output_name;
    format!(
        "const hydreer = () => import('{map}/{naam}.js').then((app) => \
           app.default({{ module_or_path: '{map}/{naam}_bg.wasm' }}).then(() => app.hydrate()));\n\
         if ('requestIdleCallback' in window) {{ requestIdleCallback(hydreer, {{ timeout: 2000 }}); }} \
         else {{ addEventListener('load', hydreer); }}"
    )
}

/// The document around the app, rendered on the server only. Its inline script carries
/// the nonce the server's Content-Security-Policy for this response names.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="nl">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content="Grondplan: de Routekaart en de Componentencatalogus van de VNG, en per gemeente wat zij moet doen voor de overstap naar Common Ground." />
                <link rel="icon" href="data:," />
                <link rel="stylesheet" href="/pkg/grondplan.css" />
                <script type="module" nonce=leptos::nonce::use_nonce()>{hydratiescript(&options)}</script>
                <MetaTags />
            </head>
            <body class="utrecht-theme utrecht-document utrecht-document--surface">
                <App />
            </body>
        </html>
    }
}

/// The app: header, the routed page, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    bied_wie_aan();
    view! {
        <Title formatter=|titel: String| format!("{titel} · Grondplan") />
        <Router>
            <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
                "Naar de inhoud"
            </a>
            <Kop />
            <main id="inhoud" class="gp-inhoud" tabindex="-1">
                <Routes fallback=NietGevonden>
                    <Route path=path!("") view=RoutekaartPagina ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten") view=GemeentenPagina ssr=SsrMode::Async />
                    <Route path=path!("/opgaven/:id") view=OpgavePagina ssr=SsrMode::Async />
                    <Route path=path!("/componenten") view=CatalogusPagina ssr=SsrMode::Async />
                    <Route path=path!("/componenten/:id") view=ComponentPagina ssr=SsrMode::Async />
                    <Route path=path!("/referentiecomponenten") view=ReferentiecomponentenPagina ssr=SsrMode::Async />
                    // The status of these (401/403/404) depends on their data; the server
                    // sets it before streaming starts (server/src/toegang/paginastatus.rs).
                    <Route path=path!("/gemeenten/:code") view=StartPagina ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten/:code/audit") view=AuditPagina ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten/:code/accounts") view=AccountsPagina ssr=SsrMode::Async />
                    <Route path=path!("/beheer") view=BeheerPagina ssr=SsrMode::Async />
                    <Route path=path!("/uitnodiging/:token") view=UitnodigingPagina ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten/:code/landschap") view=LandschapPagina ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten/:code/overstapplan") view=OverstapplanPagina ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten/:code/scenarios") view=ScenariosPagina ssr=SsrMode::Async />
                    <Route path=path!("/inloggen") view=InloggenPagina ssr=SsrMode::Async />
                    <Route path=path!("/landelijk") view=LandelijkPagina ssr=SsrMode::Async />
                    <Route path=path!("/plan/:token") view=PlanPagina ssr=SsrMode::Async />
                </Routes>
            </main>
            <footer class="gp-voet">
                <p class="utrecht-paragraph">
                    "Grondplan helpt gemeenten hun overstap naar Common Ground te plannen. "
                    "Data: CBS (gemeenten) en GEMMA (VNG). De Routekaart bevat illustratieve datums."
                </p>
            </footer>
        </Router>
    }
}
