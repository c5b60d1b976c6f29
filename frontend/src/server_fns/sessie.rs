//! Who is logged in, for the header and the forms.

use domain::toegang::Sessie;
use leptos::prelude::*;

/// The session of the current request, if any (recognised once by the server, before
/// this runs).
///
/// # Errors
/// When recognising the request failed (storage); the message is safe to show.
#[server(prefix = "/fn", endpoint = "sessie")]
pub async fn sessie_ophalen() -> Result<Option<Sessie>, ServerFnError> {
    super::opslag::actor().map_err(|fout| ServerFnError::new(fout.to_string()))?;
    Ok(super::opslag::sessie())
}

/// What [`sessie_ophalen`] gives.
pub type Wie = Result<Option<Sessie>, ServerFnError>;

/// Who is logged in, read once per page load. `App` creates it before any page, so it
/// takes a fixed place among the resources serialised for hydration; every part of the
/// page takes it from here instead of asking the server again.
#[derive(Clone, Copy)]
struct GedeeldeWie(OnceResource<Wie>);

/// Creates the one [`Wie`] of this page load; `App` calls it first.
pub fn bied_wie_aan() {
    provide_context(GedeeldeWie(OnceResource::new(sessie_ophalen())));
}

/// The [`Wie`] of this page load, to await inside a page's `Suspense`.
///
/// # Panics
/// Outside `App` (a programming error, not an input).
#[must_use]
pub fn wie() -> OnceResource<Wie> {
    expect_context::<GedeeldeWie>().0
}

/// The session's CSRF token when regie is logged in; regie's forms render only then.
#[must_use]
pub fn regie_csrf(wie: &Wie) -> Option<String> {
    wie.as_ref()
        .ok()
        .and_then(Option::as_ref)
        .filter(|a| a.gemeente.is_none())
        .map(|a| a.csrf.clone())
}

/// The identity providers one may sign in through, as (naam, label): the server puts
/// them in the context of every request (`GRONDPLAN_OIDC`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Inlogknoppen(pub Vec<(String, String)>);

/// The identity providers for the login page's buttons; none without any configured.
///
/// # Errors
/// Never in practice: the list is the server's configuration.
#[server(prefix = "/fn", endpoint = "inlogknoppen")]
pub async fn inlogknoppen_ophalen() -> Result<Inlogknoppen, ServerFnError> {
    Ok(use_context::<Inlogknoppen>().unwrap_or_default())
}
