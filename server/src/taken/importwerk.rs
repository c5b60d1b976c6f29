//! Where imports run: parsed off the async workers, and at most one fewer at once than
//! the instance has cores (at least one, at most [`MAX_GELIJKTIJDIGE_IMPORTEN`]), from
//! reading the file until it is stored, so one core stays free for every other request,
//! `/health` included. A further import is told to come back (503 with `Retry-After`)
//! rather than queue up memory. This is a per-instance bound on work in progress, not
//! state another instance needs.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::Taakfout;
use crate::import::ImportFout;
use crate::import::grenzen::MAX_GELIJKTIJDIGE_IMPORTEN;

/// The places for imports on this instance (one is held from reading a file to storing it).
#[derive(Clone, Debug)]
pub struct Importwerk(Arc<Semaphore>);

impl Default for Importwerk {
    fn default() -> Self {
        let kernen = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self(Arc::new(Semaphore::new(
            kernen
                .saturating_sub(1)
                .clamp(1, MAX_GELIJKTIJDIGE_IMPORTEN),
        )))
    }
}

/// A place taken for one import, held until it is stored (dropped: free again).
#[derive(Debug)]
pub struct Importplaats(#[expect(dead_code, reason = "held for its drop")] OwnedSemaphorePermit);

impl Importwerk {
    /// Takes a place for one import.
    ///
    /// # Errors
    /// [`Taakfout::Bezet`] when every place is taken.
    pub fn plaats(&self) -> Result<Importplaats, Taakfout> {
        Arc::clone(&self.0)
            .try_acquire_owned()
            .map(Importplaats)
            .map_err(|_| Taakfout::Bezet)
    }

    /// Runs `werk` (reading and checking a file) on a blocking thread, for an import
    /// that holds a place.
    ///
    /// # Errors
    /// The file's own errors, or [`Taakfout::Afgebroken`] when reading did not finish.
    pub async fn doe<T: Send + 'static>(
        _plaats: &Importplaats,
        werk: impl FnOnce() -> Result<T, ImportFout> + Send + 'static,
    ) -> Result<T, Taakfout> {
        match tokio::task::spawn_blocking(werk).await {
            Ok(gelezen) => Ok(gelezen?),
            Err(fout) => {
                tracing::error!(error = %fout, "import: het inlezen is afgebroken");
                Err(Taakfout::Afgebroken)
            }
        }
    }
}
