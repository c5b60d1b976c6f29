//! Server functions: the pages' way to storage. Each body is short: find the storage port
//! in context, call it, map its error to a message that is safe to show.
//!
//! Their URLs live under `/fn/`, apart from the public REST API under `/api/v1`.

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

    /// The public-data port the server put in context.
    pub fn publiek() -> Result<Arc<dyn PubliekeGegevens>, ServerFnError> {
        use_context::<Arc<dyn PubliekeGegevens>>()
            .ok_or_else(|| ServerFnError::new("de opslag is niet ingesteld"))
    }

    /// Today by the service's clock (the server put it in context).
    pub fn vandaag() -> Result<chrono::NaiveDate, ServerFnError> {
        use_context::<Arc<dyn domain::ports::Klok>>()
            .map(|klok| klok.vandaag())
            .ok_or_else(|| ServerFnError::new("de klok is niet ingesteld"))
    }

    /// The session cookie's value of the current request, if any.
    pub fn sessiesleutel() -> Option<String> {
        let delen = use_context::<http::request::Parts>()?;
        delen
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|w| w.to_str().ok())
            .flat_map(|w| w.split(';'))
            .find_map(|paar| {
                paar.trim()
                    .strip_prefix("grondplan_sessie=")
                    .map(str::to_owned)
            })
    }

    /// Sets the status of the page being rendered to match a refused read.
    pub fn zet_status(fout: &domain::ports::Leesfout) {
        use domain::ports::Leesfout;
        if let Some(antwoord) = use_context::<leptos_axum::ResponseOptions>() {
            antwoord.set_status(match fout {
                Leesfout::NietIngelogd => http::StatusCode::UNAUTHORIZED,
                Leesfout::GeenRecht => http::StatusCode::FORBIDDEN,
                Leesfout::Opslag => http::StatusCode::SERVICE_UNAVAILABLE,
            });
        }
    }

    /// Storage errors carry only a message that is safe to show; the cause was logged.
    pub fn fout(fout: OpslagFout) -> ServerFnError {
        ServerFnError::new(fout.to_string())
    }
}
