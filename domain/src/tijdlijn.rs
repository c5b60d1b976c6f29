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
pub use valideren::{valideer, zet_opgave};

use crate::id::{ActiviteitId, OpgaveId};

/// Why a Routekaart breaks its invariants.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoutekaartFout {
    /// Two opgaven, activiteiten or besluiten share an id.
    #[error("de id '{0}' komt meer dan eens voor")]
    DubbeleId(String),
    /// A dependency names an activiteit that does not exist.
    #[error("activiteit '{activiteit}' hangt af van onbekende activiteit '{voorganger}'")]
    OnbekendeVoorganger {
        /// The dependent one.
        activiteit: ActiviteitId,
        /// The missing predecessor.
        voorganger: ActiviteitId,
    },
    /// Dependencies (with the fase order) form a cycle.
    #[error("de afhankelijkheden vormen een kring: {}", kring_tekst(.0))]
    Kring(Vec<ActiviteitId>),
    /// A successor starts before its predecessor ends.
    #[error("activiteit '{activiteit}' begint voor het einde van '{voorganger}'")]
    AfhankelijkheidGeschonden {
        /// The successor.
        activiteit: ActiviteitId,
        /// The predecessor.
        voorganger: ActiviteitId,
    },
    /// The ontwikkelfase ends after the opschalingsfase starts.
    #[error("in opgave '{0}' eindigt de ontwikkelfase na de start van de opschalingsfase")]
    FasenOverlappen(OpgaveId),
    /// A fase waits for a besluit that does not exist or is taken after it starts.
    #[error(
        "de {fase} van opgave '{opgave}' begint voor besluit '{besluit}' (of dat besluit bestaat niet)"
    )]
    FaseVoorBesluit {
        /// The opgave.
        opgave: OpgaveId,
        /// Which fase.
        fase: &'static str,
        /// The besluit it waits for.
        besluit: String,
    },
    /// An activiteit lies outside its fase.
    #[error("activiteit '{0}' valt buiten haar fase")]
    BuitenFase(ActiviteitId),
    /// A text or date of an opgave lies outside the bounds of [`crate::grenzen`].
    #[error("opgave '{opgave}', {veld}: {reden}")]
    BuitenGrenzen {
        /// The opgave.
        opgave: OpgaveId,
        /// The field, `naam` or `activiteiten[2].periode`.
        veld: String,
        /// Why, naming the bound.
        reden: String,
    },
}

fn kring_tekst(kring: &[ActiviteitId]) -> String {
    kring
        .iter()
        .map(ActiviteitId::as_str)
        .collect::<Vec<_>>()
        .join(" → ")
}

#[cfg(test)]
mod tests;
