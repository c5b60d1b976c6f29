//! Identifiers: kebab-case slugs for what Grondplan itself names (opgaven, activiteiten,
//! besluiten, componenten, applicaties, scenarios), and the GEMMA object id of a
//! referentiecomponent as GEMMA gives it.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Why a text is not a usable identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdFout {
    /// Empty, too long, or with characters other than `a-z`, `0-9` and `-`.
    #[error("'{0}' is geen geldige id: gebruik 1 tot 64 kleine letters, cijfers en streepjes")]
    Vorm(String),
}

macro_rules! slug_id {
    ($(#[$doc:meta])* $naam:ident) => {
        $(#[$doc])*
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", schema(value_type = String))]
        pub struct $naam(Arc<str>);

        impl $naam {
            /// Parses a kebab-case identifier such as `zaakgericht-werken`.
            ///
            /// # Errors
            /// [`IdFout::Vorm`] when the text is empty, longer than 64 characters or
            /// holds anything but `a-z`, `0-9` and `-`.
            pub fn parse(tekst: &str) -> Result<Self, IdFout> {
                let geldig = !tekst.is_empty()
                    && tekst.len() <= 64
                    && tekst
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if geldig {
                    Ok(Self(Arc::from(tekst)))
                } else {
                    Err(IdFout::Vorm(tekst.to_owned()))
                }
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $naam {
            type Error = IdFout;

            fn try_from(tekst: String) -> Result<Self, Self::Error> {
                Self::parse(&tekst)
            }
        }

        impl From<$naam> for String {
            fn from(id: $naam) -> Self {
                id.0.to_string()
            }
        }

        impl fmt::Display for $naam {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// An id from a name: `Open Zaak` → `open-zaak`; empty when the name has no letters or
/// digits. The result is a valid slug id unless empty.
pub fn slug(naam: &str) -> String {
    let mut uit = String::new();
    for teken in naam.to_lowercase().chars() {
        if teken.is_ascii_alphanumeric() {
            uit.push(teken);
        } else if !uit.ends_with('-') && !uit.is_empty() {
            uit.push('-');
        }
    }
    uit.trim_end_matches('-')
        .chars()
        .take(64)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

slug_id!(
    /// Identifies an opgave, e.g. `registratie-vakantieverhuur`; it appears in URLs.
    OpgaveId
);
slug_id!(
    /// Identifies an activiteit across the whole Routekaart, since dependencies may cross
    /// opgaven.
    ActiviteitId
);
slug_id!(
    /// Identifies a besluit across the whole Routekaart.
    BesluitId
);

slug_id!(
    /// Identifies a component of the catalogue, e.g. `open-zaak`.
    ComponentId
);
slug_id!(
    /// Identifies an applicatie within the landscape of its gemeente.
    ApplicatieId
);

/// A free identifier for something called `naam`: its [`slug`] (at most 56 characters,
/// so a suffix fits), or when `bezet` holds that, the first free `slug-2`, `slug-3`, …;
/// `standaard` for a name without letters or digits.
fn vrije_slug(naam: &str, standaard: &str, bezet: impl Fn(&str) -> bool) -> Arc<str> {
    let basis = match slug(naam) {
        leeg if leeg.is_empty() => standaard.to_owned(),
        s => s
            .chars()
            .take(56)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned(),
    };
    let kandidaat = (1..)
        .map(|n| match n {
            1 => basis.clone(),
            n => format!("{basis}-{n}"),
        })
        .find(|k| !bezet(k))
        .unwrap_or(basis);
    Arc::from(kandidaat)
}

impl ApplicatieId {
    /// The id an applicatie called `naam` gets: free among those `bezet` holds
    /// (`zaaksysteem-x`, else `zaaksysteem-x-2`, …; `applicatie` for a name without letters).
    pub fn vrij(naam: &str, bezet: impl Fn(&str) -> bool) -> Self {
        Self(vrije_slug(naam, "applicatie", bezet))
    }
}

impl ComponentId {
    /// The id a new component called `naam` gets: free among those `bezet` holds
    /// (`open-zaak`, else `open-zaak-2`, …; `component` for a name without letters).
    pub fn vrij(naam: &str, bezet: impl Fn(&str) -> bool) -> Self {
        Self(vrije_slug(naam, "component", bezet))
    }
}

/// Why a text is not a referentiecomponent id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferentiecomponentIdFout {
    /// Empty, too long or with white space or control characters.
    #[error("'{0}' is geen geldige referentiecomponent-id: 1 tot 128 tekens zonder spaties")]
    Vorm(String),
}

/// A GEMMA referentiecomponent's `Object ID` (a UUID in GEMMA's own files), or any other
/// stable token without white space, such as `zaakregistratie`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", schema(value_type = String))]
pub struct ReferentiecomponentId(Arc<str>);

impl ReferentiecomponentId {
    /// Parses an id; surrounding white space is ignored.
    ///
    /// # Errors
    /// [`ReferentiecomponentIdFout::Vorm`] when empty, over 128 characters, or holding
    /// white space or control characters inside.
    pub fn parse(tekst: &str) -> Result<Self, ReferentiecomponentIdFout> {
        let tekst = tekst.trim();
        let geldig = !tekst.is_empty()
            && tekst.chars().count() <= 128
            && !tekst.chars().any(|c| c.is_whitespace() || c.is_control());
        if geldig {
            Ok(Self(Arc::from(tekst)))
        } else {
            Err(ReferentiecomponentIdFout::Vorm(tekst.to_owned()))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ReferentiecomponentId {
    type Error = ReferentiecomponentIdFout;

    fn try_from(tekst: String) -> Result<Self, Self::Error> {
        Self::parse(&tekst)
    }
}

impl From<ReferentiecomponentId> for String {
    fn from(id: ReferentiecomponentId) -> Self {
        id.0.to_string()
    }
}

impl fmt::Display for ReferentiecomponentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_applicatie_id_gets_the_next_free_number() {
        let bezet = ["zaaksysteem-x", "zaaksysteem-x-2"];
        assert_eq!(
            ApplicatieId::vrij("Zaaksysteem X", |k| bezet.contains(&k)).as_str(),
            "zaaksysteem-x-3"
        );
        assert_eq!(ApplicatieId::vrij("!!!", |_| false).as_str(), "applicatie");
        assert_eq!(
            ComponentId::vrij("Open Zaak", |k| k == "open-zaak").as_str(),
            "open-zaak-2"
        );
        let lang = "x".repeat(80);
        assert!(ApplicatieId::parse(ApplicatieId::vrij(&lang, |k| k.len() == 56).as_str()).is_ok());
    }

    #[test]
    fn a_slug_is_kebab_case_of_at_most_64_characters() {
        assert!(OpgaveId::parse("zaakgericht-werken").is_ok());
        for fout in ["", "Zaak", "zaak werken", "zaak/werken", &"a".repeat(65)] {
            assert!(OpgaveId::parse(fout).is_err(), "{fout}");
        }
    }

    #[test]
    fn a_name_becomes_a_kebab_case_id() {
        assert_eq!(slug("Open Zaak"), "open-zaak");
        assert_eq!(slug("  Signalen frontend (v2) "), "signalen-frontend-v2");
        assert_eq!(slug("Objecten API"), "objecten-api");
        assert_eq!(slug("!!!"), "");
    }

    #[test]
    fn a_gemma_object_id_is_taken_as_given() {
        let id =
            ReferentiecomponentId::parse(" 1c2ce840-6683-4f51-844f-04d3c8a6f2cc ").expect("valid");
        assert_eq!(id.as_str(), "1c2ce840-6683-4f51-844f-04d3c8a6f2cc");
        assert!(ReferentiecomponentId::parse("zaak registratie").is_err());
        assert!(ReferentiecomponentId::parse("").is_err());
    }
}
