//! The rules of Grondplan, as fixed by `DOMAIN.md`, and nothing else.
//!
//! This crate is compiled twice: natively inside the server and to WebAssembly inside the
//! browser, so that a what-if recalculation while dragging gives exactly the numbers the
//! server gives. It therefore does no IO and reads no clock: "today" is always a parameter
//! (a `peildatum`). Its only dependencies are serde, thiserror and chrono without its clock.
//!
//! The names are the glossary's names. One module per section of `DOMAIN.md`:
//! [`overstap`] (1, overstapregels), [`afschaffen`] (2), [`plan`] (3, money and capacity,
//! and the whole overstapplan), [`tijdlijn`] (4, validation and dragging), [`scenario`]
//! (5) and [`landelijk`] (6); the types they work on live in [`gemeente`], [`catalogus`],
//! [`landschap`], [`routekaart`], [`id`], [`datum`] and [`geld`]. Storage is reached only
//! through the [`ports`] traits, whose implementations live in the server.

pub mod afschaffen;
pub mod catalogus;
pub mod contract;
pub mod datum;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod eigenschappen;
pub mod geld;
pub mod gemeente;
pub mod grenzen;
pub mod id;
pub mod landelijk;
pub mod landschap;
pub mod overstap;
pub mod plan;
pub mod ports;
pub mod routekaart;
pub(crate) mod ruw;
pub mod scenario;
mod snel;
#[cfg(test)]
mod testdata;
pub mod tijdlijn;
pub mod toegang;
pub mod werklijst;

pub use catalogus::{Component, Laag, Referentiecomponent, Soort, Status};
pub use datum::{Kwartaal, KwartaalFout, Periode, PeriodeFout, plus_maanden};
pub use gemeente::{Gemeente, GemeenteCode, GemeenteCodeFout};
pub use id::{
    ActiviteitId, ApplicatieId, BesluitId, ComponentId, IdFout, OpgaveId, ReferentiecomponentId,
};
pub use landschap::{Applicatie, Capaciteit, CapaciteitFout, Contract, ContractFout};
pub use overstap::{Overstap, Overstapcontext, Uitkomst};
pub use plan::{Overstapplan, overstapplan};
pub use routekaart::{
    Activiteit, Besluit, Bijdrage, Bijdragen, Deelnemer, Fase, FaseSoort, Opgave, Orgaan, Rol,
};
