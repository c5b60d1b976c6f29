//! Where imports run: parsed off the async workers, and at most one fewer at once than
//! the instance has cores (at least one, at most [`MAX_GELIJKTIJDIGE_IMPORTEN`]), from
//! reading the file until it is stored, so one core stays free for every other request,
//! `/health` included. An import that finds every place taken waits in a short line (as
//! many as there are places, each for at most [`IMPORT_WACHTTIJD`]): two imports arriving
//! in the same second both succeed. Past that line, or that wait, it is told to come back
//! (503 with `Retry-After`) rather than queue up memory. This is a per-instance bound on
//! work in progress, not state another instance needs.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::Taakfout;
use crate::import::ImportFout;
use crate::import::grenzen::{IMPORT_WACHTTIJD, MAX_GELIJKTIJDIGE_IMPORTEN};

/// The places for imports on this instance (one is held from reading a file to storing
/// it), and the line of those waiting for one.
#[derive(Clone, Debug)]
pub struct Importwerk {
    plaatsen: Arc<Semaphore>,
    wachtrij: Arc<Semaphore>,
    wachttijd: Duration,
}

impl Default for Importwerk {
    fn default() -> Self {
        let kernen = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let plaatsen = kernen
            .saturating_sub(1)
            .clamp(1, MAX_GELIJKTIJDIGE_IMPORTEN);
        Self::met(plaatsen, plaatsen, IMPORT_WACHTTIJD)
    }
}

/// A place taken for one import, held until it is stored (dropped: free again).
#[derive(Debug)]
pub struct Importplaats(#[expect(dead_code, reason = "held for its drop")] OwnedSemaphorePermit);

impl Importwerk {
    fn met(plaatsen: usize, wachtrij: usize, wachttijd: Duration) -> Self {
        Self {
            plaatsen: Arc::new(Semaphore::new(plaatsen)),
            wachtrij: Arc::new(Semaphore::new(wachtrij)),
            wachttijd,
        }
    }

    /// Takes a place for one import: at once when one is free, else after waiting in line.
    ///
    /// # Errors
    /// [`Taakfout::Bezet`] when every place is taken and the line is full, or no place
    /// came free within the wait.
    pub async fn plaats(&self) -> Result<Importplaats, Taakfout> {
        if let Ok(plaats) = Arc::clone(&self.plaatsen).try_acquire_owned() {
            return Ok(Importplaats(plaats));
        }
        let _in_de_rij = self.wachtrij.try_acquire().map_err(|_| Taakfout::Bezet)?;
        match tokio::time::timeout(self.wachttijd, Arc::clone(&self.plaatsen).acquire_owned()).await
        {
            Ok(Ok(plaats)) => Ok(Importplaats(plaats)),
            // The wait ran out (or the places closed, which they never do).
            _ => Err(Taakfout::Bezet),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_import_waits_in_a_short_line_for_a_place_and_past_it_is_told_to_come_back() {
        let werk = Importwerk::met(1, 1, Duration::from_secs(5));
        let eerste = werk.plaats().await.expect("a free place");
        // The second waits; the first finishing gives it the place.
        let wachtend = tokio::spawn({
            let werk = werk.clone();
            async move { werk.plaats().await.map(drop) }
        });
        while werk.wachtrij.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        // The line is full: a third is refused at once.
        assert!(matches!(werk.plaats().await, Err(Taakfout::Bezet)));
        drop(eerste);
        wachtend
            .await
            .expect("joins")
            .expect("the waiting import got the place");

        // A place that does not come free within the wait: refused when it ran out.
        let kort = Importwerk::met(1, 1, Duration::from_millis(50));
        let _bezig = kort.plaats().await.expect("a free place");
        assert!(matches!(kort.plaats().await, Err(Taakfout::Bezet)));
        assert_eq!(
            kort.wachtrij.available_permits(),
            1,
            "the line is left again"
        );
    }
}
