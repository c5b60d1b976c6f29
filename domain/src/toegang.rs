//! Who may do what: the one access rule every write and every non-public read passes
//! through. Pure: the caller establishes who the [`Actor`] is (session or token); this
//! module decides.
//!
//! - anonymous: reads the published Routekaart and catalogue (public reads need no check);
//! - a `gemeente` member: reads and writes its own gemeente's landscape, capaciteit,
//!   intended rollen, scenarios and audit trail;
//! - `regie` (the VNG programme office): writes the Routekaart and the catalogue and reads
//!   everything, but does not write a gemeente's own data.

use std::fmt;

use serde::{Deserialize, Serialize};

pub mod recht;

use crate::gemeente::GemeenteCode;

impl Sessie {
    /// The session of `actor` with CSRF token `csrf` and a member's gemeente by name, as
    /// the pages show it; none for nobody.
    pub fn van(actor: &Actor, csrf: &str, gemeentenaam: Option<String>) -> Option<Self> {
        let (naam, rol, gemeente) = match actor {
            Actor::Anoniem => return None,
            Actor::Lid { naam, gemeente } => (naam, Toegangsrol::Gemeente, Some(gemeente.clone())),
            Actor::Regie { naam } => (naam, Toegangsrol::Regie, None),
        };
        Some(Self {
            naam: naam.clone(),
            rol,
            gemeente,
            gemeentenaam,
            csrf: csrf.to_owned(),
        })
    }
}

/// Who is logged in on a session, as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sessie {
    /// The account's e-mail address.
    pub naam: String,
    /// Its role.
    pub rol: Toegangsrol,
    /// For a member, its gemeente.
    pub gemeente: Option<GemeenteCode>,
    /// For a member, its gemeente's name (`Utrecht`).
    pub gemeentenaam: Option<String>,
    /// The session's CSRF token, for the forms the page renders.
    pub csrf: String,
}

/// The roles an account or token can have.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Toegangsrol {
    /// Member of one gemeente.
    Gemeente,
    /// The VNG programme office.
    Regie,
}

impl Toegangsrol {
    /// As written in the CLI and the database.
    pub fn als_tekst(self) -> &'static str {
        match self {
            Self::Gemeente => "gemeente",
            Self::Regie => "regie",
        }
    }

    /// Reads `gemeente` or `regie`.
    ///
    /// # Errors
    /// Any other text, with the reason.
    pub fn parse(tekst: &str) -> Result<Self, String> {
        match tekst {
            "gemeente" => Ok(Self::Gemeente),
            "regie" => Ok(Self::Regie),
            anders => Err(format!(
                "onbekende rol '{anders}': gebruik gemeente of regie"
            )),
        }
    }
}

/// Who makes a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Nobody logged in, no token.
    Anoniem,
    /// A member of one gemeente (account or token).
    Lid {
        /// The account's e-mail or the token's name, for the audit trail.
        naam: String,
        /// The gemeente.
        gemeente: GemeenteCode,
    },
    /// The programme office.
    Regie {
        /// The account's e-mail or the token's name, for the audit trail.
        naam: String,
    },
}

impl Actor {
    /// How the audit trail names this actor.
    pub fn naam(&self) -> &str {
        match self {
            Self::Anoniem => "anoniem",
            Self::Lid { naam, .. } | Self::Regie { naam } => naam,
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Anoniem => f.write_str("anoniem"),
            Self::Lid { naam, gemeente } => write!(f, "{naam} ({gemeente})"),
            Self::Regie { naam } => write!(f, "{naam} (regie)"),
        }
    }
}

/// What someone wants to do that needs a right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handeling<'a> {
    /// Read a gemeente's own data (landscape, capaciteit, plan, scenarios, audit).
    LeesGemeente(&'a GemeenteCode),
    /// Change a gemeente's own data.
    SchrijfGemeente(&'a GemeenteCode),
    /// Change the published Routekaart or the catalogue.
    SchrijfPubliek,
    /// Read the landelijk beeld: counts over all gemeenten, naming only those that chose
    /// to be named.
    LeesLandelijk,
    /// Read every gemeente's contracts at once (the national what-if of the Routekaart).
    LeesAlleGemeenten,
}

/// Why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Weigering {
    /// Nobody is logged in (HTTP 401).
    #[error("log in om dit te doen")]
    NietIngelogd,
    /// Logged in, but without the right (HTTP 403).
    #[error("u hebt geen recht om dit te doen")]
    GeenRecht,
}

/// Whether `actor` may do `handeling`.
///
/// # Errors
/// [`Weigering::NietIngelogd`] for an anonymous actor, [`Weigering::GeenRecht`] for one
/// without the right.
pub fn mag(actor: &Actor, handeling: &Handeling<'_>) -> Result<(), Weigering> {
    match (actor, handeling) {
        (Actor::Anoniem, _) => Err(Weigering::NietIngelogd),
        (
            Actor::Regie { .. },
            Handeling::LeesGemeente(_)
            | Handeling::SchrijfPubliek
            | Handeling::LeesLandelijk
            | Handeling::LeesAlleGemeenten,
        )
        | (Actor::Lid { .. }, Handeling::LeesLandelijk) => Ok(()),
        (
            Actor::Lid { gemeente, .. },
            Handeling::LeesGemeente(doel) | Handeling::SchrijfGemeente(doel),
        ) if gemeente == *doel => Ok(()),
        _ => Err(Weigering::GeenRecht),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gm(code: &str) -> GemeenteCode {
        GemeenteCode::parse(code).expect("code")
    }

    #[test]
    fn the_access_table_holds_for_every_actor_and_action() {
        let utrecht = gm("GM0344");
        let amsterdam = gm("GM0363");
        let lid = Actor::Lid {
            naam: "a@utrecht.nl".into(),
            gemeente: utrecht.clone(),
        };
        let regie = Actor::Regie {
            naam: "r@vng.nl".into(),
        };
        let tabel: [(&Actor, Handeling<'_>, Result<(), Weigering>); 17] = [
            (
                &Actor::Anoniem,
                Handeling::LeesGemeente(&utrecht),
                Err(Weigering::NietIngelogd),
            ),
            (
                &Actor::Anoniem,
                Handeling::SchrijfGemeente(&utrecht),
                Err(Weigering::NietIngelogd),
            ),
            (
                &Actor::Anoniem,
                Handeling::SchrijfPubliek,
                Err(Weigering::NietIngelogd),
            ),
            (&lid, Handeling::LeesGemeente(&utrecht), Ok(())),
            (&lid, Handeling::SchrijfGemeente(&utrecht), Ok(())),
            (
                &lid,
                Handeling::LeesGemeente(&amsterdam),
                Err(Weigering::GeenRecht),
            ),
            (
                &lid,
                Handeling::SchrijfGemeente(&amsterdam),
                Err(Weigering::GeenRecht),
            ),
            (&lid, Handeling::SchrijfPubliek, Err(Weigering::GeenRecht)),
            (&regie, Handeling::LeesGemeente(&utrecht), Ok(())),
            (&regie, Handeling::LeesGemeente(&amsterdam), Ok(())),
            (
                &regie,
                Handeling::SchrijfGemeente(&utrecht),
                Err(Weigering::GeenRecht),
            ),
            (&regie, Handeling::SchrijfPubliek, Ok(())),
            (
                &Actor::Anoniem,
                Handeling::LeesLandelijk,
                Err(Weigering::NietIngelogd),
            ),
            (&lid, Handeling::LeesLandelijk, Ok(())),
            (&regie, Handeling::LeesLandelijk, Ok(())),
            (
                &lid,
                Handeling::LeesAlleGemeenten,
                Err(Weigering::GeenRecht),
            ),
            (&regie, Handeling::LeesAlleGemeenten, Ok(())),
        ];
        for (actor, handeling, verwacht) in tabel {
            assert_eq!(mag(actor, &handeling), verwacht, "{actor} {handeling:?}");
        }
    }
}
