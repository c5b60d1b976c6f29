//! Who may do what: the one access rule every write and every non-public read passes
//! through. Pure: the caller establishes who the [`Actor`] is (session or token); this
//! module decides.
//!
//! - anonymous: reads the published Routekaart and catalogue (public reads need no check);
//! - a `gemeente` member: reads its own gemeente's landscape, capaciteit, intended rollen,
//!   scenarios and audit trail, and writes them unless its [`Lidrecht`] is read-only; a
//!   *beheerder* also manages the accounts of its own gemeente (and nobody else's);
//! - `regie` (the VNG programme office): writes the Routekaart and the catalogue and reads
//!   everything, but does not write a gemeente's own data; it manages regie accounts and
//!   API tokens and appoints a gemeente's first beheerder.

use std::fmt;

use serde::{Deserialize, Serialize};

pub mod recht;

use crate::gemeente::GemeenteCode;

impl Sessie {
    /// The session of `actor` with CSRF token `csrf` and a member's gemeente by name, as
    /// the pages show it; none for nobody.
    pub fn van(actor: &Actor, csrf: &str, gemeentenaam: Option<String>) -> Option<Self> {
        let (naam, rol, gemeente, recht) = match actor {
            Actor::Anoniem => return None,
            Actor::Lid {
                naam,
                gemeente,
                recht,
            } => (
                naam,
                Toegangsrol::Gemeente,
                Some(gemeente.clone()),
                Some(*recht),
            ),
            Actor::Regie { naam } => (naam, Toegangsrol::Regie, None, None),
        };
        Some(Self {
            naam: naam.clone(),
            rol,
            gemeente,
            gemeentenaam,
            recht,
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
    /// For a member, what it may do there.
    pub recht: Option<Lidrecht>,
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

/// What a member of a gemeente may do with its gemeente's data: its beheerder decides.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lidrecht {
    /// Reads only.
    Lezen,
    /// Reads and changes the landscape, capaciteit, rollen and scenarios.
    Bewerken,
    /// Also manages the gemeente's accounts: invites, changes rights, disables.
    Beheren,
}

impl Lidrecht {
    /// Every right, least first.
    pub const ALLE: [Self; 3] = [Self::Lezen, Self::Bewerken, Self::Beheren];

    /// As written in the API and the database.
    pub fn als_tekst(self) -> &'static str {
        match self {
            Self::Lezen => "lezen",
            Self::Bewerken => "bewerken",
            Self::Beheren => "beheren",
        }
    }

    /// As a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Lezen => "Alleen lezen",
            Self::Bewerken => "Lezen en bewerken",
            Self::Beheren => "Beheerder (bewerken en accounts beheren)",
        }
    }

    /// Reads `lezen`, `bewerken` or `beheren`.
    ///
    /// # Errors
    /// Any other text, with what to use instead.
    pub fn parse(tekst: &str) -> Result<Self, String> {
        Self::ALLE
            .into_iter()
            .find(|r| r.als_tekst() == tekst)
            .ok_or_else(|| format!("onbekend recht '{tekst}': gebruik lezen, bewerken of beheren"))
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
        /// What it may do there.
        recht: Lidrecht,
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
            Self::Lid { naam, gemeente, .. } => write!(f, "{naam} ({gemeente})"),
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
    /// Manage a gemeente's accounts: invite colleagues, change their rights, disable them.
    BeheerLeden(&'a GemeenteCode),
    /// Invite a beheerder for a gemeente (regie appoints the first).
    BenoemBeheerder(&'a GemeenteCode),
    /// Manage regie accounts and API tokens.
    BeheerRegie,
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
            | Handeling::LeesAlleGemeenten
            | Handeling::BenoemBeheerder(_)
            | Handeling::BeheerRegie,
        )
        | (Actor::Lid { .. }, Handeling::LeesLandelijk) => Ok(()),
        (Actor::Lid { gemeente, .. }, Handeling::LeesGemeente(doel)) if gemeente == *doel => Ok(()),
        (
            Actor::Lid {
                gemeente, recht, ..
            },
            Handeling::SchrijfGemeente(doel),
        ) if gemeente == *doel && *recht >= Lidrecht::Bewerken => Ok(()),
        (
            Actor::Lid {
                gemeente,
                recht: Lidrecht::Beheren,
                ..
            },
            Handeling::BeheerLeden(doel) | Handeling::BenoemBeheerder(doel),
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
            recht: Lidrecht::Bewerken,
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

    #[test]
    fn only_a_gemeentes_own_beheerder_manages_its_accounts_and_a_reader_only_reads() {
        let utrecht = gm("GM0344");
        let amsterdam = gm("GM0363");
        let lid = |recht| Actor::Lid {
            naam: "a@utrecht.nl".into(),
            gemeente: utrecht.clone(),
            recht,
        };
        let (lezer, bewerker, beheerder) = (
            lid(Lidrecht::Lezen),
            lid(Lidrecht::Bewerken),
            lid(Lidrecht::Beheren),
        );
        let regie = Actor::Regie {
            naam: "r@vng.nl".into(),
        };
        let nee = Err(Weigering::GeenRecht);
        let tabel: [(&Actor, Handeling<'_>, Result<(), Weigering>); 18] = [
            (&lezer, Handeling::LeesGemeente(&utrecht), Ok(())),
            (&lezer, Handeling::SchrijfGemeente(&utrecht), nee),
            (&lezer, Handeling::BeheerLeden(&utrecht), nee),
            (&bewerker, Handeling::SchrijfGemeente(&utrecht), Ok(())),
            (&bewerker, Handeling::BeheerLeden(&utrecht), nee),
            (&bewerker, Handeling::BenoemBeheerder(&utrecht), nee),
            (&beheerder, Handeling::SchrijfGemeente(&utrecht), Ok(())),
            (&beheerder, Handeling::BeheerLeden(&utrecht), Ok(())),
            (&beheerder, Handeling::BenoemBeheerder(&utrecht), Ok(())),
            (&beheerder, Handeling::BeheerLeden(&amsterdam), nee),
            (&beheerder, Handeling::BenoemBeheerder(&amsterdam), nee),
            (&beheerder, Handeling::SchrijfGemeente(&amsterdam), nee),
            (&beheerder, Handeling::BeheerRegie, nee),
            (&regie, Handeling::BenoemBeheerder(&amsterdam), Ok(())),
            (&regie, Handeling::BeheerLeden(&utrecht), nee),
            (&regie, Handeling::BeheerRegie, Ok(())),
            (
                &Actor::Anoniem,
                Handeling::BeheerLeden(&utrecht),
                Err(Weigering::NietIngelogd),
            ),
            (
                &Actor::Anoniem,
                Handeling::BeheerRegie,
                Err(Weigering::NietIngelogd),
            ),
        ];
        for (actor, handeling, verwacht) in tabel {
            assert_eq!(mag(actor, &handeling), verwacht, "{actor} {handeling:?}");
        }
    }

    #[test]
    fn a_right_reads_back_from_its_text_and_names_the_choices_otherwise() {
        for recht in Lidrecht::ALLE {
            assert_eq!(Lidrecht::parse(recht.als_tekst()), Ok(recht));
        }
        let fout = Lidrecht::parse("admin").expect_err("unknown");
        assert!(fout.contains("lezen, bewerken of beheren"), "{fout}");
    }
}
