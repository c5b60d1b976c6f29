//! Reading the enums that carry their variant in a field (`"soort": "verplaats"`) through a
//! plain struct with every variant's fields, instead of serde's `tag = "…"`. serde reads
//! such an enum by buffering the whole object first and then reading it again for the
//! variant, which needs a second deserializer for every type inside: 9 KB of the 604 KB
//! (gzipped) that a first visit to the Routekaart loaded (docs/performance.md, session 22).
//! The JSON and the messages stay the same: a field the variant needs is "missing field
//! `…`", an unknown variant is serde's own message.

use std::fmt;

/// A field that the variant needs is absent: the message serde gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OntbrekendVeld(pub &'static str);

impl fmt::Display for OntbrekendVeld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "missing field `{}`", self.0)
    }
}

/// The value of a field the variant needs.
///
/// # Errors
/// [`OntbrekendVeld`] naming `veld` when it is absent.
pub fn nodig<T>(waarde: Option<T>, veld: &'static str) -> Result<T, OntbrekendVeld> {
    waarde.ok_or(OntbrekendVeld(veld))
}
