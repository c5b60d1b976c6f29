//! Server functions: the pages' way to storage. Each body is short: find the storage port
//! in context, call it, map its error to a message that is safe to show.
//!
//! Their URLs live under `/fn/`, apart from the public REST API under `/api/v1`.

pub mod accounts;
pub mod audit;
pub mod catalogus;
pub mod gedeeld;
pub mod gemeenten;
pub mod landelijk;
pub mod landschap;
pub mod routekaart;
pub mod sessie;

#[cfg(feature = "ssr")]
pub(crate) mod opslag {
    use std::sync::Arc;

    use domain::ports::{OpslagFout, PubliekeGegevens};
    use leptos::prelude::{ServerFnError, use_context};

    /// The port `P` (e.g. `dyn domain::ports::Landelijk`) the server put in context.
    pub fn poort<P: ?Sized + Send + Sync + 'static>() -> Result<Arc<P>, ServerFnError> {
        use_context::<Arc<P>>().ok_or_else(|| ServerFnError::new("de opslag is niet ingesteld"))
    }

    /// The public-data port the server put in context.
    pub fn publiek() -> Result<Arc<dyn PubliekeGegevens>, ServerFnError> {
        poort()
    }

    /// Today by the service's clock (the server put it in context).
    pub fn vandaag() -> Result<chrono::NaiveDate, ServerFnError> {
        use_context::<Arc<dyn domain::ports::Klok>>()
            .map(|klok| klok.vandaag())
            .ok_or_else(|| ServerFnError::new("de klok is niet ingesteld"))
    }

    /// Who asks. The server recognised the request's session or token once, before
    /// anything else ran (`server::toegang::herkenning`), and put the actor in the request.
    ///
    /// # Errors
    /// When that failed (storage), as a read that could not be made.
    pub fn actor() -> Result<domain::toegang::Actor, domain::contract::Leesfout> {
        use_context::<http::request::Parts>()
            .and_then(|delen| delen.extensions.get::<domain::toegang::Actor>().cloned())
            .ok_or(domain::contract::Leesfout::Opslag)
    }

    /// The browser session of the request, if there is one.
    pub fn sessie() -> Option<domain::toegang::Sessie> {
        use_context::<http::request::Parts>()
            .and_then(|delen| delen.extensions.get::<domain::toegang::Sessie>().cloned())
    }

    /// The right to read `gemeente`'s own data, or why not (the page's status set to
    /// match).
    pub fn leesrecht(
        gemeente: &domain::GemeenteCode,
    ) -> Result<domain::toegang::recht::GemeenteLeesrecht, domain::contract::Leesfout> {
        let recht = actor().and_then(|actor| {
            domain::toegang::recht::GemeenteLeesrecht::voor(&actor, gemeente)
                .map_err(domain::contract::Leesfout::from)
        });
        if let Err(fout) = &recht {
            zet_status(fout);
        }
        recht
    }

    /// Sets the status of the page being rendered to match a refused read.
    pub fn zet_status(fout: &domain::contract::Leesfout) {
        use domain::contract::Leesfout;
        zet(match fout {
            Leesfout::NietIngelogd => http::StatusCode::UNAUTHORIZED,
            Leesfout::GeenRecht => http::StatusCode::FORBIDDEN,
            Leesfout::Opslag => http::StatusCode::SERVICE_UNAVAILABLE,
        });
    }

    /// Sets the status of the answer being made (a page or a server function's).
    fn zet(status: http::StatusCode) {
        if let Some(antwoord) = use_context::<leptos_axum::ResponseOptions>() {
            antwoord.set_status(status);
        }
    }

    /// `code` as a gemeente code, or an error naming what is wrong, with the answer's status
    /// 400 (a server function called with a code that is none, or a page's address).
    pub fn gemeentecode(code: &str) -> Result<domain::GemeenteCode, ServerFnError> {
        domain::GemeenteCode::parse(code).map_err(|fout| {
            zet(http::StatusCode::BAD_REQUEST);
            ServerFnError::new(fout.to_string())
        })
    }

    /// Storage errors carry only a message that is safe to show; the cause was logged.
    pub fn fout(fout: OpslagFout) -> ServerFnError {
        ServerFnError::new(fout.to_string())
    }
}
