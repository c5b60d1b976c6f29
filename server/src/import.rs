//! Importers: files from outside (CSV, XLSX, AMEFF XML, publiccode.yml) turned
//! into domain types, all or nothing, with one error per bad row and field.

pub mod ameff;
pub mod ameff_landschap;
pub mod gemeenten_csv;
pub mod grenzen;
pub mod landschap;
pub mod publiccode;
pub mod rij;
pub mod softwarecatalogus;
mod xlsx;

use std::fmt;

use quick_xml::events::BytesRef;

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

/// The errors of a file: the first [`grenzen::MAX_GEMELDE_FOUTEN`] in full and how many
/// there are in all, so that a file of a million bad rows gives a short answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Foutenlijst {
    eerste: Vec<RijFout>,
    totaal: usize,
}

impl Foutenlijst {
    /// Counts `fout`, and keeps it while fewer than the reported maximum are kept.
    pub fn voeg_toe(&mut self, fout: RijFout) {
        self.totaal += 1;
        if self.eerste.len() < grenzen::MAX_GEMELDE_FOUTEN {
            self.eerste.push(fout);
        }
    }

    /// How many errors the file has, also those not kept.
    pub fn totaal(&self) -> usize {
        self.totaal
    }

    /// `Ok(waarde)` when there are no errors, else [`ImportFout::Rijen`].
    ///
    /// # Errors
    /// [`ImportFout::Rijen`] with these errors when there is one.
    pub fn of<T>(self, waarde: T) -> Result<T, ImportFout> {
        if self.totaal == 0 {
            Ok(waarde)
        } else {
            Err(ImportFout::Rijen(self))
        }
    }
}

impl std::ops::Deref for Foutenlijst {
    type Target = [RijFout];

    /// The errors kept, in file order.
    fn deref(&self) -> &[RijFout] {
        &self.eerste
    }
}

impl Extend<RijFout> for Foutenlijst {
    fn extend<I: IntoIterator<Item = RijFout>>(&mut self, fouten: I) {
        for fout in fouten {
            self.voeg_toe(fout);
        }
    }
}

/// Why a file was not imported. Nothing of it was stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportFout {
    /// The file is not readable as the expected format at all.
    #[error("het bestand is onleesbaar: {0}")]
    Onleesbaar(String),
    /// Some rows are wrong: the first ones listed, all counted.
    #[error("{} rij(en) met fouten, eerste: {}", .0.totaal(), .0.first().map(ToString::to_string).unwrap_or_default())]
    Rijen(Foutenlijst),
    /// The file goes past one of the limits of [`grenzen`]; the text names it.
    #[error("het bestand is te groot: {0}")]
    TeGroot(String),
}

/// Where a spreadsheet reader (CSV or XLSX) hands what it reads, cell by cell, so that
/// no reader builds a table of the whole file.
pub(crate) trait Rijlezer {
    /// A cell of the current row: its column (0-based) and its text.
    fn cel(&mut self, kolom: usize, tekst: &str);
    /// A cell of the current row that could not be read, and why.
    fn celfout(&mut self, kolom: usize, reden: String);
    /// The current row ends; `rij` is its number as a spreadsheet shows it.
    ///
    /// # Errors
    /// When reading must stop: a limit is passed or the header lacks a needed column.
    fn einde_rij(&mut self, rij: usize) -> Result<(), ImportFout>;
}

/// The text an XML entity or character reference stands for; `None` for an entity XML
/// does not predefine (importers refuse those rather than guess).
fn xml_entiteit(referentie: &BytesRef<'_>) -> Option<String> {
    if let Ok(Some(teken)) = referentie.resolve_char_ref() {
        return Some(teken.to_string());
    }
    let naam = referentie.decode().ok()?;
    quick_xml::escape::resolve_predefined_entity(&naam).map(str::to_owned)
}

#[cfg(test)]
mod aanvallen;

#[cfg(test)]
mod robuustheid {
    //! Every importer, fed arbitrary bytes, answers with a result or an error, never a panic.

    use proptest::prelude::*;

    /// A small, valid landscape workbook.
    fn echt_xlsx() -> Vec<u8> {
        let mut werkmap = rust_xlsxwriter::Workbook::new();
        let blad = werkmap.add_worksheet();
        for (k, kop) in ["naam", "einddatum", "jaarlijkseKosten"].iter().enumerate() {
            blad.write_string(0, u16::try_from(k).expect("few"), *kop)
                .expect("write");
        }
        blad.write_string(1, 0, "Zaaksysteem X").expect("write");
        blad.write_string(1, 1, "2025-12-31").expect("write");
        blad.write_number(1, 2, 120_000).expect("write");
        werkmap.save_to_buffer().expect("xlsx")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn the_importers_never_panic_on_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2_000)) {
            let _ = super::gemeenten_csv::lees(&bytes);
            let _ = super::ameff::lees(&bytes);
            let _ = super::publiccode::lees(&bytes);
            let _ = super::landschap::lees(&bytes);
            let _ = super::softwarecatalogus::lees_json(&bytes, &super::landschap::Bestaand::new());
        }

        #[test]
        fn the_catalogue_json_reader_never_panics_on_json_like_text(
            tekst in r#"(\[|\]|\{|\}|"[a-zA-Z]{0,14}"|:|,|[0-9.e-]{1,8}|null|true){0,80}"#
        ) {
            let _ = super::softwarecatalogus::lees_json(tekst.as_bytes(), &super::landschap::Bestaand::new());
        }

        #[test]
        fn the_landscape_importer_never_panics_on_broken_xlsx(bytes in prop::collection::vec(any::<u8>(), 0..2_000)) {
            // What looks like a zip (an XLSX) goes to the spreadsheet reader.
            let mut bestand = b"PK\x03\x04".to_vec();
            bestand.extend(bytes);
            let _ = super::landschap::lees(&bestand);
        }

        #[test]
        fn the_landscape_importer_never_panics_on_a_damaged_real_xlsx(
            knip in 0usize..20_000, plek in 0usize..20_000, byte in any::<u8>()
        ) {
            let mut bestand = echt_xlsx();
            let plek = plek % bestand.len();
            bestand[plek] = byte;
            bestand.truncate(knip.max(4));
            let _ = super::landschap::lees(&bestand);
        }

        #[test]
        fn the_importers_never_panic_on_xml_like_or_csv_like_text(
            tekst in r#"(<[a-zA-Z:]{1,12}( [a-zA-Z]{1,8}="[^"<]{0,8}")?/?>|</[a-zA-Z:]{1,12}>|&[a-z#0-9]{1,6};|[^<&]{0,12}|,|\n|"){0,60}"#
        ) {
            let _ = super::gemeenten_csv::lees(tekst.as_bytes());
            let _ = super::ameff::lees(tekst.as_bytes());
            let _ = super::publiccode::lees(tekst.as_bytes());
            let _ = super::landschap::lees(tekst.as_bytes());
        }
    }
}
