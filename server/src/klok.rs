//! The clock of the service ([`domain::ports::Klok`]): the system's, or a fixed one for
//! tests and demonstrations. This is the only place that reads the system's date and time
//! (a test in `tests/` checks that).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::ports::Klok;

/// The system clock, in UTC.
#[derive(Debug, Clone, Copy, Default)]
pub struct Systeemklok;

impl Klok for Systeemklok {
    fn nu(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still at one moment.
#[derive(Debug, Clone, Copy)]
pub struct VasteKlok(pub DateTime<Utc>);

impl Klok for VasteKlok {
    fn nu(&self) -> DateTime<Utc> {
        self.0
    }
}

/// The system clock, shared.
pub fn systeem() -> Arc<dyn Klok> {
    Arc::new(Systeemklok)
}
