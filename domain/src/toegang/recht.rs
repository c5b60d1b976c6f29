//! Proofs of a right. Each can only be made here, by passing the actor through
//! [`super::mag`]; the storage ports and methods that need a right take one of these, so
//! nothing reads or writes a gemeente's data without the check having been made.

use super::{Actor, Handeling, Lidrecht, Weigering, mag};
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

/// Whose accounts: one gemeente's members, or regie's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accountkring {
    /// The members of one gemeente.
    Gemeente(GemeenteCode),
    /// The programme office.
    Regie,
}

/// The actor may manage the accounts of a kring: list them, change their rights, disable
/// them, invite anyone into it (a gemeente's beheerder for its own gemeente, regie for
/// regie).
#[derive(Debug, Clone)]
pub struct Accountbeheerrecht {
    actor: Actor,
    kring: Accountkring,
}

impl Accountbeheerrecht {
    /// Checks the right.
    ///
    /// # Errors
    /// 401 or 403 as [`Weigering`].
    pub fn voor(actor: &Actor, kring: &Accountkring) -> Result<Self, Weigering> {
        match kring {
            Accountkring::Gemeente(gemeente) => mag(actor, &Handeling::BeheerLeden(gemeente))?,
            Accountkring::Regie => mag(actor, &Handeling::BeheerRegie)?,
        }
        Ok(Self {
            actor: actor.clone(),
            kring: kring.clone(),
        })
    }

    /// Whose accounts; storage touches only accounts of this kring.
    pub fn kring(&self) -> &Accountkring {
        &self.kring
    }

    /// Who manages, for the audit trail.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }
}

/// The actor may invite someone into a kring with a right: what
/// [`Accountbeheerrecht`] allows, and also regie appointing a gemeente's beheerder.
#[derive(Debug, Clone)]
pub struct Uitnodigrecht {
    actor: Actor,
    kring: Accountkring,
    recht: Lidrecht,
}

impl Uitnodigrecht {
    /// Checks the right to invite into `kring` with `recht` (ignored for regie).
    ///
    /// # Errors
    /// 401 or 403 as [`Weigering`].
    pub fn voor(actor: &Actor, kring: &Accountkring, recht: Lidrecht) -> Result<Self, Weigering> {
        let beheer = Accountbeheerrecht::voor(actor, kring);
        match (kring, recht) {
            (Accountkring::Gemeente(gemeente), Lidrecht::Beheren) if beheer.is_err() => {
                mag(actor, &Handeling::BenoemBeheerder(gemeente))?;
            }
            _ => {
                beheer?;
            }
        }
        Ok(Self {
            actor: actor.clone(),
            kring: kring.clone(),
            recht,
        })
    }

    /// Into which kring.
    pub fn kring(&self) -> &Accountkring {
        &self.kring
    }

    /// With which right.
    pub fn recht(&self) -> Lidrecht {
        self.recht
    }

    /// Who invites, for the audit trail.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }
}
