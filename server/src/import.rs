//! Importers: files from outside (CSV now; AMEFF XML, publiccode.yml and XLSX later) turned
//! into domain types, all or nothing, with one error per bad row and field.

pub mod gemeenten_csv;

use std::fmt;

/// One thing wrong in an imported file, named the way API.md asks (`rij 7: einddatum`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RijFout {
    /// The row number as a spreadsheet shows it: the header is row 1.
    pub rij: usize,
    /// The column or field.
    pub veld: String,
    /// What is wrong, in Dutch.
    pub reden: String,
}

impl RijFout {
    /// The `name` of the problem's `invalidParams` entry: `rij 7: einddatum`.
    pub fn naam(&self) -> String {
        format!("rij {}: {}", self.rij, self.veld)
    }
}

impl fmt::Display for RijFout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.naam(), self.reden)
    }
}

/// Why a file was not imported. Nothing of it was stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportFout {
    /// The file is not readable as the expected format at all.
    #[error("het bestand is onleesbaar: {0}")]
    Onleesbaar(String),
    /// Some rows are wrong; each is listed.
    #[error("{} rij(en) met fouten, eerste: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
    Rijen(Vec<RijFout>),
}
