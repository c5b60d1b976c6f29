//! Reading the enums that carry their variant in a field (`"soort": "verplaats"`) through a
//! plain struct with every variant's fields, instead of serde's `tag = "…"`. serde reads
//! such an enum by buffering the whole object first and then reading it again for the
//! variant, which needs a second deserializer for every type inside: 9 KB of the 604 KB
//! (gzipped) that a first visit to the Routekaart loaded (docs/performance.md, session 22).
//! The JSON and the messages stay the same: a field the variant needs is serde's own
//! "missing field `…`", an unknown variant serde's own message.

use serde::de::Error as _;
use serde::de::value::Error;

/// The value of a field the variant needs.
///
/// # Errors
/// serde's "missing field" naming `veld` when it is absent.
pub fn nodig<T>(waarde: Option<T>, veld: &'static str) -> Result<T, Error> {
    waarde.ok_or_else(|| Error::missing_field(veld))
}
