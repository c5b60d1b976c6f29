//! Section 4 of `DOMAIN.md`: the Routekaart as a timeline one can drag. [`valideer`]
//! checks its invariants (rejecting dependency cycles by name); [`bewerk`] moves or
//! resizes an activiteit or moves a fase, then pushes everything that must follow, and
//! returns the new Routekaart with the list of what moved.
//!
//! Decisions where `DOMAIN.md` is silent (see `docs/domain.md`):
//! - a drag never breaks a rule: the dragged item is clamped to the earliest start its
//!   predecessors, its fase's besluit and (in the opschalingsfase) the end of the
//!   ontwikkelfase allow, the way a bar stops against an obstacle;
//! - an activiteit lies within its fase, and every activiteit of the ontwikkelfase counts
//!   as finishing before every activiteit of the opschalingsfase of the same opgave, so a
//!   cycle through the fase order is rejected too.

mod afhankelijkheden;
mod bewerken;
mod valideren;

pub use bewerken::{
    Bewerking, BewerkingFout, Bewerkt, Onderdeel, Verschuiving, bewerk, verschuivingen,
};
pub use valideren::{RoutekaartFout, valideer, zet_opgave};

#[cfg(test)]
mod tests;
