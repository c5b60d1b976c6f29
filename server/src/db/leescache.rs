//! What nearly every request reads and few write, kept per server under the version the
//! database gives it: the catalogue and the Routekaart under the contextversie, each
//! gemeente's landscape under its landschapversie (both raised inside every writer's
//! transaction, see [`super::gegevensversie`]). A read asks the database for the version
//! first (one small query) and takes the kept copy only when it was read at that version;
//! otherwise it reads the rows and keeps them. Data read after the version is at least as
//! new as it, so no answer is older than the version it read, and a write through any
//! instance is in the next read of every instance.
//!
//! Under load, decoding a 300-row landscape through the `Any` driver on every member's
//! request took most of the server's time (docs/performance.md, the load test).
//!
//! A row written into the database by hand, past the writers, is seen only once some
//! write raises the version.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use domain::{Applicatie, Component, GemeenteCode, Opgave};

/// One kept copy and the version it was read at.
type Bewaard<T> = Mutex<Option<(i64, Arc<T>)>>;

/// A landscape with each applicatie's version.
type Landschap = Vec<(Applicatie, i64)>;

/// The kept copies of one server.
#[derive(Debug, Default)]
pub(super) struct Leescache {
    componenten: Bewaard<Vec<Component>>,
    opgaven: Bewaard<Vec<Opgave>>,
    landschappen: Mutex<HashMap<GemeenteCode, (i64, Arc<Landschap>)>>,
}

fn neem<T>(plek: &Bewaard<T>, versie: i64) -> Option<Arc<T>> {
    match &*plek.lock().unwrap_or_else(PoisonError::into_inner) {
        Some((v, kopie)) if *v == versie => Some(Arc::clone(kopie)),
        _ => None,
    }
}

fn leg<T>(plek: &Bewaard<T>, versie: i64, kopie: Arc<T>) {
    let mut bewaard = plek.lock().unwrap_or_else(PoisonError::into_inner);
    // A slower reader of an older version does not replace a newer copy.
    if bewaard.as_ref().is_none_or(|(v, _)| *v <= versie) {
        *bewaard = Some((versie, kopie));
    }
}

impl Leescache {
    pub(super) fn componenten(&self, versie: i64) -> Option<Arc<Vec<Component>>> {
        neem(&self.componenten, versie)
    }

    pub(super) fn leg_componenten(&self, versie: i64, kopie: Arc<Vec<Component>>) {
        leg(&self.componenten, versie, kopie);
    }

    pub(super) fn opgaven(&self, versie: i64) -> Option<Arc<Vec<Opgave>>> {
        neem(&self.opgaven, versie)
    }

    pub(super) fn leg_opgaven(&self, versie: i64, kopie: Arc<Vec<Opgave>>) {
        leg(&self.opgaven, versie, kopie);
    }

    pub(super) fn landschap(&self, gemeente: &GemeenteCode, versie: i64) -> Option<Arc<Landschap>> {
        let bewaard = self
            .landschappen
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match bewaard.get(gemeente) {
            Some((v, kopie)) if *v == versie => Some(Arc::clone(kopie)),
            _ => None,
        }
    }

    /// Keeps one landscape; at most one per gemeente, so the whole is bounded by the
    /// landscapes themselves.
    pub(super) fn leg_landschap(
        &self,
        gemeente: &GemeenteCode,
        versie: i64,
        kopie: Arc<Landschap>,
    ) {
        let mut bewaard = self
            .landschappen
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match bewaard.get(gemeente) {
            Some((v, _)) if *v > versie => {}
            _ => {
                bewaard.insert(gemeente.clone(), (versie, kopie));
            }
        }
    }
}
