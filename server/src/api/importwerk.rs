//! Where imports are parsed: off the async workers (so a large file never holds up other
//! requests, `/health` included), and at most [`MAX_GELIJKTIJDIGE_IMPORTEN`] at once per
//! instance; a further one is told to come back (503 with `Retry-After`) rather than
//! queue up memory. This is a per-instance bound on work in progress, not state another
//! instance needs.

use std::sync::Arc;

use tokio::sync::Semaphore;

use super::problem::ApiFout;
use crate::import::ImportFout;
use crate::import::grenzen::MAX_GELIJKTIJDIGE_IMPORTEN;

/// The places for imports being parsed on this instance.
#[derive(Clone, Debug)]
pub struct Importwerk(Arc<Semaphore>);

impl Default for Importwerk {
    fn default() -> Self {
        Self(Arc::new(Semaphore::new(MAX_GELIJKTIJDIGE_IMPORTEN)))
    }
}

impl Importwerk {
    /// Runs `werk` (reading and checking a file) on a blocking thread when a place is
    /// free.
    ///
    /// # Errors
    /// [`ApiFout::Bezet`] when every place is taken; the file's own errors as problems.
    pub async fn doe<T: Send + 'static>(
        &self,
        werk: impl FnOnce() -> Result<T, ImportFout> + Send + 'static,
    ) -> Result<T, ApiFout> {
        let plaats = Arc::clone(&self.0).try_acquire_owned().map_err(|_| {
            ApiFout::Bezet(format!(
                "er worden al {MAX_GELIJKTIJDIGE_IMPORTEN} bestanden ingelezen; probeer het over een paar seconden opnieuw"
            ))
        })?;
        let uitkomst = tokio::task::spawn_blocking(move || {
            let _plaats = plaats;
            werk()
        })
        .await;
        match uitkomst {
            Ok(gelezen) => Ok(gelezen?),
            Err(fout) => {
                tracing::error!(error = %fout, "import: het inlezen is afgebroken");
                Err(ApiFout::Opslag(
                    domain::ports::OpslagFout::OngeldigeGegevens(
                        "het inlezen is afgebroken".into(),
                    ),
                ))
            }
        }
    }
}
