//! The limits every importer checks before it allocates, in one place, so that no upload
//! can make the process ask for more memory or time than a shared service can give one
//! tenant. docs/security.md says what each limit protects; a file past one is refused
//! whole with [`super::ImportFout::TeGroot`], naming the limit.

/// The largest landscape or catalogue file the API takes (the body limit of the import
/// routes): 20 MiB.
pub const MAX_BESTAND_BYTES: usize = 20 * 1024 * 1024;

/// The largest publiccode.yml: 1 MiB (real ones are a few KiB).
pub const MAX_PUBLICCODE_BYTES: usize = 1024 * 1024;

/// The largest CBS gemeentenlijst: 1 MiB (the real one is 15 KiB).
pub const MAX_CBS_BYTES: usize = 1024 * 1024;

/// Data rows in one landscape file (a gemeente has hundreds, a large one a few thousand).
pub const MAX_RIJEN: usize = 50_000;

/// Columns a landscape file may have (it needs 12).
pub const MAX_KOLOMMEN: usize = 100;

/// Bytes in one cell or field.
pub const MAX_CEL_BYTES: usize = 4_096;

/// Errors reported in full; the rest are counted.
pub const MAX_GEMELDE_FOUTEN: usize = 100;

/// Entries in an XLSX archive (Excel writes about a dozen).
pub const MAX_ZIP_DELEN: usize = 1_000;

/// Decompressed bytes of one part of an XLSX archive (a 50 000-row sheet is about 20 MiB).
pub const MAX_UITGEPAKT_DEEL: u64 = 64 * 1024 * 1024;

/// Decompressed bytes of all parts read from one XLSX archive together.
pub const MAX_UITGEPAKT_TOTAAL: u64 = 96 * 1024 * 1024;

/// Bytes of one XML event (a tag with its attributes, or one run of text): what a
/// streaming XML reader buffers at most.
pub const MAX_XML_GEBEURTENIS: u64 = 1024 * 1024;

/// Shared strings in one workbook.
pub const MAX_GEDEELDE_TEKSTEN: usize = 600_000;

/// Bytes of all shared strings of a workbook together.
pub const MAX_GEDEELDE_TEKST_BYTES: usize = 16 * 1024 * 1024;

/// Elements in one ArchiMate exchange file (GEMMA's has about 200).
pub const MAX_AMEFF_ELEMENTEN: usize = 100_000;

/// Relationships in one ArchiMate exchange file: a landscape at the row limit with a few
/// functions per applicatie.
pub const MAX_AMEFF_RELATIES: usize = 200_000;

/// Bytes of one name, documentation or property value in an ArchiMate exchange file.
pub const MAX_AMEFF_TEKST_BYTES: usize = 64 * 1024;

/// Rows of the CBS gemeentenlijst (there are 342 gemeenten).
pub const MAX_CBS_RIJEN: usize = 2_000;

/// The most imports one instance runs at the same time (fewer on a machine with few
/// cores: one core always stays free); as many more wait in line, and a further one gets
/// a 503 with `Retry-After`, so that imports cannot take every core from the other
/// tenants.
pub const MAX_GELIJKTIJDIGE_IMPORTEN: usize = 4;

/// How long an import waits in line for a place before it is told to come back (a
/// 300-row import takes well under a second).
pub const IMPORT_WACHTTIJD: std::time::Duration = std::time::Duration::from_secs(5);

/// A number of bytes the way the refusals say it: `20 MiB`, `4.096 bytes`.
pub fn bytes_als_tekst(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{} bytes", aantal(bytes))
    }
}

/// A count as the pages write it: `50.000`.
pub fn aantal(getal: u64) -> String {
    frontend::formaat::getal(i64::try_from(getal).unwrap_or(i64::MAX))
}

/// Why a cell is refused: it is longer than [`MAX_CEL_BYTES`].
pub fn cel_te_lang() -> String {
    format!("is langer dan {}", bytes_als_tekst(MAX_CEL_BYTES as u64))
}

/// A size check: `Err(TeGroot)` naming `wat` and the limit in bytes when `bytes > grens`.
///
/// # Errors
/// [`super::ImportFout::TeGroot`] when the size is past the limit.
pub fn hoogstens_bytes(wat: &str, bytes: usize, grens: usize) -> Result<(), super::ImportFout> {
    if bytes > grens {
        Err(super::ImportFout::TeGroot(format!(
            "{wat}: hoogstens {}",
            bytes_als_tekst(grens as u64)
        )))
    } else {
        Ok(())
    }
}

/// A limit check: `Err(TeGroot)` naming `wat` and the limit when `waarde > grens`.
///
/// # Errors
/// [`super::ImportFout::TeGroot`] when the value is past the limit.
pub fn hoogstens(wat: &str, waarde: usize, grens: usize) -> Result<(), super::ImportFout> {
    if waarde > grens {
        Err(super::ImportFout::TeGroot(format!(
            "{wat}: hoogstens {}",
            aantal(grens as u64)
        )))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_written_the_dutch_way() {
        assert_eq!(bytes_als_tekst(20 * 1024 * 1024), "20 MiB");
        assert_eq!(bytes_als_tekst(4_096), "4.096 bytes");
    }

    #[test]
    fn a_value_past_its_limit_is_refused_naming_the_limit() {
        assert!(hoogstens("rijen", 50_000, MAX_RIJEN).is_ok());
        let fout = hoogstens("rijen", 50_001, MAX_RIJEN).unwrap_err();
        assert_eq!(
            fout.to_string(),
            "het bestand is te groot: rijen: hoogstens 50.000"
        );
    }
}
