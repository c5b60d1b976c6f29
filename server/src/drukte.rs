//! A bound on the requests one instance works on at once (`GRONDPLAN_MAX_VERZOEKEN`).
//! Past it a request is answered at once with a 503 problem and `Retry-After`, instead of
//! waiting in a queue that makes every answer slower: the client (or the load balancer)
//! tries again, or another instance. `/health` is never turned away, so a busy instance
//! is not taken for a dead one. This is work in progress of this instance, not state
//! another instance needs.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use crate::api::problem::ApiFout;

/// The places for requests on this instance.
#[derive(Clone, Debug)]
pub struct Verzoekplaatsen(Arc<Semaphore>);

impl Verzoekplaatsen {
    /// Room for `max` requests at once.
    pub fn nieuw(max: usize) -> Self {
        Self(Arc::new(Semaphore::new(max)))
    }
}

/// The middleware: a place for the request while it is worked on, or a 503 at once.
pub async fn begrens(
    State(plaatsen): State<Verzoekplaatsen>,
    verzoek: Request,
    volgende: Next,
) -> Response {
    if verzoek.uri().path() == "/health" {
        return volgende.run(verzoek).await;
    }
    match Arc::clone(&plaatsen.0).try_acquire_owned() {
        Ok(plaats) => {
            let antwoord = volgende.run(verzoek).await;
            drop(plaats);
            antwoord
        }
        Err(_) => {
            tracing::warn!(pad = %verzoek.uri().path(), "te druk: verzoek geweigerd");
            ApiFout::Bezet(
                "deze server werkt al aan zoveel verzoeken als hij aankan; probeer het over een paar seconden opnieuw"
                    .into(),
            )
            .into_response()
        }
    }
}
