//! Proofs of a right. Each can only be made here, by passing the actor through
//! [`super::mag`]; the storage ports and methods that need a right take one of these, so
//! nothing reads or writes a gemeente's data without the check having been made.

use super::{Actor, Handeling, Weigering, mag};
use crate::gemeente::GemeenteCode;

/// The actor may read gemeente `gemeente`'s non-public data.
#[derive(Debug, Clone)]
pub struct GemeenteLeesrecht {
    actor: Actor,
    gemeente: GemeenteCode,
}

/// The actor may change gemeente `gemeente`'s own data.
#[derive(Debug, Clone)]
pub struct GemeenteSchrijfrecht {
    actor: Actor,
    gemeente: GemeenteCode,
}

/// The actor may change the published Routekaart and catalogue (regie).
#[derive(Debug, Clone)]
pub struct PubliekSchrijfrecht {
    actor: Actor,
}

impl GemeenteLeesrecht {
    /// Checks the right.
    ///
    /// # Errors
    /// 401 or 403 as [`Weigering`].
    pub fn voor(actor: &Actor, gemeente: &GemeenteCode) -> Result<Self, Weigering> {
        mag(actor, &Handeling::LeesGemeente(gemeente))?;
        Ok(Self {
            actor: actor.clone(),
            gemeente: gemeente.clone(),
        })
    }

    /// Whose data.
    pub fn gemeente(&self) -> &GemeenteCode {
        &self.gemeente
    }

    /// Who reads.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }
}

impl GemeenteSchrijfrecht {
    /// Checks the right.
    ///
    /// # Errors
    /// 401 or 403 as [`Weigering`].
    pub fn voor(actor: &Actor, gemeente: &GemeenteCode) -> Result<Self, Weigering> {
        mag(actor, &Handeling::SchrijfGemeente(gemeente))?;
        Ok(Self {
            actor: actor.clone(),
            gemeente: gemeente.clone(),
        })
    }

    /// Whose data; storage writes only rows of this gemeente.
    pub fn gemeente(&self) -> &GemeenteCode {
        &self.gemeente
    }

    /// Who writes, for the audit trail.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }
}

impl PubliekSchrijfrecht {
    /// Checks the right.
    ///
    /// # Errors
    /// 401 or 403 as [`Weigering`].
    pub fn voor(actor: &Actor) -> Result<Self, Weigering> {
        mag(actor, &Handeling::SchrijfPubliek)?;
        Ok(Self {
            actor: actor.clone(),
        })
    }

    /// Who writes, for the audit trail.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }
}

/// The actor may read the landelijk beeld (any logged-in actor).
#[derive(Debug, Clone)]
pub struct LandelijkLeesrecht {
    actor: Actor,
}

impl LandelijkLeesrecht {
    /// Checks the right.
    ///
    /// # Errors
    /// 401 as [`Weigering`] for an anonymous actor.
    pub fn voor(actor: &Actor) -> Result<Self, Weigering> {
        mag(actor, &Handeling::LeesLandelijk)?;
        Ok(Self {
            actor: actor.clone(),
        })
    }

    /// The reader's own gemeente (a member's), which it always sees named.
    pub fn eigen_gemeente(&self) -> Option<&GemeenteCode> {
        match &self.actor {
            Actor::Lid { gemeente, .. } => Some(gemeente),
            Actor::Anoniem | Actor::Regie { .. } => None,
        }
    }
}

/// The actor may read every gemeente's contracts at once (regie).
#[derive(Debug, Clone)]
pub struct AlleGemeentenLeesrecht {
    actor: Actor,
}

impl AlleGemeentenLeesrecht {
    /// Checks the right.
    ///
    /// # Errors
    /// 401 or 403 as [`Weigering`].
    pub fn voor(actor: &Actor) -> Result<Self, Weigering> {
        mag(actor, &Handeling::LeesAlleGemeenten)?;
        Ok(Self {
            actor: actor.clone(),
        })
    }

    /// Who reads every gemeente's contracts may read the landelijk beeld they add up to.
    pub fn als_landelijke_lezer(&self) -> LandelijkLeesrecht {
        LandelijkLeesrecht {
            actor: self.actor.clone(),
        }
    }
}
