//! The Grondplan web app: Leptos pages that the server renders to HTML and the browser
//! then hydrates from WebAssembly.
//!
//! `pages/` holds one file per route, `components/` one component per file, and
//! `server_fns/` the server functions the pages call (short bodies that reach storage
//! through the [`domain::ports`] traits in context). Layout maths ([`schaal`]) and Dutch
//! formatting ([`formaat`]) are plain functions with unit tests, kept out of `view!`.
//!
//! Build with feature `ssr` for the server or `hydrate` for the browser, never both.

pub mod api;
pub mod app;
pub mod beveiliging;
pub mod components;
pub mod formaat;
pub mod grafiek;
pub mod pages;
pub mod schaal;
pub mod server_fns;

pub use app::{App, shell};

/// The browser's entry point, called by the generated JS once the WASM is loaded: attaches
/// the reactive app to the server-rendered HTML (after loading the part of the WASM that
/// holds the page shown: `app::deel!`), then marks `<body data-hydrated>` so that tests
/// (and curious people) can see that the page is live, and marks that moment as
/// `gp-gehydrateerd` in the performance timeline.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let window = web_sys::window();
        let Some(body) = window
            .as_ref()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        else {
            return;
        };
        leptos::mount::hydrate_from_async(body.clone(), App)
            .await
            .forget();
        // Failing to set a marker attribute changes nothing for the user.
        let _ = body.set_attribute("data-hydrated", "");
        // The moment in the browser's performance timeline (scripts/bench-drag reads it).
        if let Some(tijdlijn) = window.and_then(|w| w.performance()) {
            let _ = tijdlijn.mark("gp-gehydrateerd");
        }
    });
}
