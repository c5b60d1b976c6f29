//! The page skeleton every page shares: while its data loads, one line saying what is
//! loading; then the page made from the data, or one sentence saying why there is none.
//! A page calls it at the top of its view, with resources it created itself (the
//! hydration rule of docs/architecture.md), never inside another `Suspense`.

use std::future::{Future, IntoFuture};

use crate::components::kop::Paginatitel;
use domain::contract::Leesfout;
use leptos::prelude::*;

use crate::components::melding::{geweigerd, laadfout};

/// Shows `laadtekst` while `gegevens` loads, then `inhoud` of what it loaded, or why it
/// could not be loaded.
pub fn laden<R, T, F, U>(laadtekst: &'static str, gegevens: R, inhoud: F) -> impl IntoView
where
    R: IntoFuture<Output = Result<T, ServerFnError>> + Copy + Send + Sync + 'static,
    R::IntoFuture: Send,
    T: Send + 'static,
    F: Fn(T) -> U + Clone + Send + Sync + 'static,
    U: Future<Output = AnyView> + Send + 'static,
{
    view! {
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{laadtekst}</p> }>
            {move || {
                let inhoud = inhoud.clone();
                Suspend::new(async move {
                    match gegevens.await {
                        Ok(waarde) => inhoud(waarde).await,
                        Err(fout) => laadfout(&fout),
                    }
                })
            }}
        </Suspense>
    }
}

/// [`laden`] for a gemeente's own data, which the reader may be refused: the refusal is
/// said instead of the page.
pub fn laden_eigen<R, T, F, U>(laadtekst: &'static str, gegevens: R, inhoud: F) -> impl IntoView
where
    R: IntoFuture<Output = Result<Result<T, Leesfout>, ServerFnError>>
        + Copy
        + Send
        + Sync
        + 'static,
    R::IntoFuture: Send,
    T: Send + 'static,
    F: Fn(T) -> U + Clone + Send + Sync + 'static,
    U: Future<Output = AnyView> + Send + 'static,
{
    laden(laadtekst, gegevens, move |uitkomst| {
        let inhoud = inhoud.clone();
        async move {
            match uitkomst {
                Ok(waarde) => inhoud(waarde).await,
                Err(fout) => geweigerd(&fout),
            }
        }
    })
}

/// A gemeente page's title and heading, `{wat} {gemeente}`, with the gemeente by name
/// ("Applicatielandschap van Utrecht"); by its code until the name is read or when it
/// cannot be.
pub fn gemeentekop(wat: &'static str, code: String) -> impl IntoView {
    let naam = OnceResource::new(crate::server_fns::gemeenten::gemeentenaam_ophalen(
        code.clone(),
    ));
    let met_code = format!("{wat} {code}");
    view! {
        <Suspense fallback=move || view! { <h1 class="utrecht-heading-1">{met_code.clone()}</h1> }>
            {move || {
                let code = code.clone();
                Suspend::new(async move {
                    let titel = format!("{wat} {}", naam.await.unwrap_or(code));
                    view! {
                        <Paginatitel tekst=titel.clone() />
                        <h1 class="utrecht-heading-1">{titel}</h1>
                    }
                })
            }}
        </Suspense>
    }
}
