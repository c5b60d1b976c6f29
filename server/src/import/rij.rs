//! One row of a landscape file, whatever its format, made into [`Applicatiegegevens`]:
//! the one place where a field the file lacks is taken from what Grondplan holds.

use std::collections::HashMap;

use domain::landschap::gegevens::{Applicatiegegevens, KOLOMMEN};

use super::RijFout;

/// What the landscape already holds, by applicatie id: its cells as [`KOLOMMEN`].
pub type Bestaand = HashMap<String, [String; KOLOMMEN.len()]>;

/// The gegevens of row `rij` from its cells (by index into [`KOLOMMEN`]): a field the
/// file does not have (`in_bestand` false) is taken from the applicatie `bestaand`
/// holds under the row's id, if any.
///
/// # Errors
/// Every field that cannot be read, named with the row.
pub(crate) fn gegevens_van_rij(
    rij: usize,
    cellen: &[Option<String>; KOLOMMEN.len()],
    in_bestand: impl Fn(usize) -> bool,
    bestaand: &Bestaand,
) -> Result<Applicatiegegevens, Vec<RijFout>> {
    let vorig = cellen[0]
        .as_deref()
        .map(str::trim)
        .and_then(|id| bestaand.get(id));
    let veld = |naam: &str| {
        let i = KOLOMMEN.iter().position(|k| *k == naam)?;
        let leeg = cellen[i].as_deref().is_none_or(|t| t.trim().is_empty());
        match vorig {
            // A blank einddatum does not undo one Grondplan has.
            Some(vorig) if !in_bestand(i) || (naam == "einddatum" && leeg) => {
                Some(vorig[i].as_str())
            }
            _ => cellen[i].as_deref(),
        }
    };
    Applicatiegegevens::uit_tekst(veld).map_err(|velden| {
        velden
            .into_iter()
            .map(|v| RijFout {
                rij,
                veld: v.veld,
                reden: v.reden,
            })
            .collect()
    })
}
