//! The rules of Grondplan, as fixed by `DOMAIN.md`, and nothing else.
//!
//! This crate is compiled twice: natively inside the server and to WebAssembly inside the
//! browser, so that a what-if recalculation while dragging gives exactly the numbers the
//! server gives. It therefore does no IO and reads no clock: "today" is always a parameter
//! (a `peildatum`). Its only dependencies are serde, thiserror and chrono without its clock.
//!
//! The names are the glossary's names: a [`gemeente::Gemeente`] has a
//! [`gemeente::GemeenteCode`], the [`routekaart`] holds [`routekaart::Opgave`]s with their
//! fasen, activiteiten and besluiten. Storage is reached only through the [`ports`] traits,
//! whose implementations live in the server.

pub mod afschaffen;
pub mod catalogus;
pub mod datum;
pub mod geld;
pub mod gemeente;
pub mod id;
pub mod landschap;
pub mod overstap;
pub mod plan;
pub mod ports;
pub mod routekaart;
pub mod scenario;
#[cfg(test)]
mod testdata;
pub mod tijdlijn;

pub use datum::{Kwartaal, KwartaalFout, Periode, PeriodeFout, plus_maanden};
pub use gemeente::{Gemeente, GemeenteCode, GemeenteCodeFout};
pub use routekaart::{
    Activiteit, ActiviteitId, Besluit, BesluitId, Bijdrage, Bijdragen, Deelnemer, Fase, FaseSoort,
    IdFout, Opgave, OpgaveId, Orgaan, Rol,
};
