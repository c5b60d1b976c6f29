//! The HTML shell and the router: which page answers which path.

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, SsrMode, path};

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

// Every page comes in a part of the WASM that the browser loads only when it shows that
// page: the build cuts the WASM at each `deel!` below (wasm-split in scripts/build-site),
// and puts what some parts share in chunks that each of them loads with it. The first
// download holds the header, the router and what every page shares. The parts are chosen
// so that a first visit to any page downloads at most 600 KB gzipped: the pages people
// open first (the Routekaart, signing in, a member's start page) each have one of their
// own; the other public pages share one; a plan (overstapplan, scenarios, a shared plan)
// and a gemeente's landscape with the pages that manage it have one each. More parts cost
// more: with one per page the code that pages share came in 415 files, and the Routekaart
// alone needed 718 KB (docs/performance.md, sessions 21 and 22).

/// A part of the WASM: the enum `$soort` names its pages, the function `$deel` (made lazy:
/// in the part) renders one, and each `$route` is the lazy route that shows `$pagina`. The
/// router loads the part (`$laad`, made by `#[lazy]`) before it shows or hydrates such a
/// page, so that the page is there at once, as the server rendered it.
macro_rules! deel {
    ($(#[$doc:meta])* $soort:ident, $deel:ident, $laad:ident {
        $($route:ident => $variant:ident($pagina:ident)),+ $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        enum $soort {
            $($variant,)+
        }

        #[leptos::lazy]
        fn $deel(pagina: $soort) -> AnyView {
            match pagina {
                $($soort::$variant => view! { <$pagina /> }.into_any(),)+
            }
        }

        $(
            struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                async fn view(_route: Self) -> AnyView {
                    $deel($soort::$variant).await
                }

                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    $laad().await;
                }
            }
        )+
    };
}

deel!(
    /// The Routekaart.
    Routekaartpagina, routekaartpagina, __preload_routekaartpagina {
        RoutekaartRoute => Routekaart(RoutekaartPagina),
    }
);

deel!(
    /// Signing in and an invitation.
    Aanmeldpagina, aanmeldpagina, __preload_aanmeldpagina {
        InloggenRoute => Inloggen(InloggenPagina),
        UitnodigingRoute => Uitnodiging(UitnodigingPagina),
    }
);

deel!(
    /// A member's start page.
    Startpagina, startpagina, __preload_startpagina {
        StartRoute => Start(StartPagina),
    }
);

deel!(
    /// The other public pages.
    OpenbarePagina, openbare_pagina, __preload_openbare_pagina {
        OpgaveRoute => Opgave(OpgavePagina),
        GemeentenRoute => Gemeenten(GemeentenPagina),
        LandelijkRoute => Landelijk(LandelijkPagina),
        CatalogusRoute => Catalogus(CatalogusPagina),
        ComponentRoute => Component(ComponentPagina),
        ReferentiecomponentenRoute => Referentiecomponenten(ReferentiecomponentenPagina),
    }
);

deel!(
    /// A plan: the overstapplan, scenarios and a shared plan.
    Planpagina, planpagina, __preload_planpagina {
        OverstapplanRoute => Overstapplan(OverstapplanPagina),
        ScenariosRoute => Scenarios(ScenariosPagina),
        PlanRoute => Plan(PlanPagina),
    }
);

deel!(
    /// The landscape and the pages that manage a gemeente.
    Gemeentepagina, gemeentepagina, __preload_gemeentepagina {
        LandschapRoute => Landschap(LandschapPagina),
        AuditRoute => Audit(AuditPagina),
        AccountsRoute => Accounts(AccountsPagina),
        BeheerRoute => Beheer(BeheerPagina),
    }
);

/// The app: header, the routed page, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    bied_wie_aan();
    view! {
        <Router>
            <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
                "Naar de inhoud"
            </a>
            <Kop />
            <main id="inhoud" class="gp-inhoud" tabindex="-1">
                <Routes fallback=NietGevonden>
                    <Route path=path!("") view={Lazy::<RoutekaartRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten") view={Lazy::<GemeentenRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/opgaven/:id") view={Lazy::<OpgaveRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/componenten") view={Lazy::<CatalogusRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/componenten/:id") view={Lazy::<ComponentRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/referentiecomponenten") view={Lazy::<ReferentiecomponentenRoute>::new()} ssr=SsrMode::Async />
                    // The status of these (401/403/404) depends on their data; the server
                    // sets it before streaming starts (server/src/toegang/paginastatus.rs).
                    <Route path=path!("/gemeenten/:code") view={Lazy::<StartRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten/:code/audit") view={Lazy::<AuditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten/:code/accounts") view={Lazy::<AccountsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/beheer") view={Lazy::<BeheerRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/uitnodiging/:token") view={Lazy::<UitnodigingRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten/:code/landschap") view={Lazy::<LandschapRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten/:code/overstapplan") view={Lazy::<OverstapplanRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/gemeenten/:code/scenarios") view={Lazy::<ScenariosRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/inloggen") view={Lazy::<InloggenRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/landelijk") view={Lazy::<LandelijkRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/plan/:token") view={Lazy::<PlanRoute>::new()} ssr=SsrMode::Async />
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
