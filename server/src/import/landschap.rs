//! A gemeente's landscape as a file: CSV (comma or semicolon, as Dutch spreadsheets save
//! it) or XLSX in, CSV out, with the columns of `domain::landschap::gegevens::KOLOMMEN`.
//! Reading is all or nothing: every bad row and field is reported and nothing is kept.

use std::collections::{HashMap, HashSet};

use domain::landschap::gegevens::{
    AanTeVullen, Applicatiegegevens, Ingelezen, KOLOMMEN, SCHEIDING,
};
use domain::{Applicatie, ApplicatieId, GemeenteCode};

use super::ameff_landschap::Eigenschapnamen;
use super::grenzen::{MAX_CEL_BYTES, MAX_KOLOMMEN, MAX_RIJEN, cel_te_lang, hoogstens};
pub use super::rij::Bestaand;
use super::rij::gegevens_van_rij;
use super::{Foutenlijst, ImportFout, RijFout, Rijlezer, softwarecatalogus, xlsx};
use domain::catalogus::Referentiezoeker;

// A Softwarecatalogus row's cells fit where Grondplan's go.
const _: () = assert!(softwarecatalogus::GELEZEN.len() <= KOLOMMEN.len());

/// Reads a landscape file, CSV or XLSX (recognised by its content, not its name), into
/// the gegevens of each row, within the limits of [`super::grenzen`].
///
/// # Errors
/// [`ImportFout::Onleesbaar`] when the file is neither, or lacks the columns `naam` and
/// `einddatum`; [`ImportFout::TeGroot`] past a limit; [`ImportFout::Rijen`] with every
/// field that cannot be read (the first 100 in full).
pub fn lees(bytes: &[u8]) -> Result<Vec<(usize, Applicatiegegevens)>, ImportFout> {
    lees_met(bytes, &Bestaand::new(), &Eigenschapnamen::default())
}

/// As [`lees`], and also an ArchiMate exchange file (see [`super::ameff_landschap`]) and
/// the Softwarecatalogus's CSV and JSON (see [`softwarecatalogus`]), each recognised by
/// its content; a row for an applicatie `bestaand` holds keeps each field the file does
/// not have (a column it lacks, a property an element lacks), so that what was entered
/// in Grondplan survives an import from a source that does not know it. `namen` adds
/// property names of the gemeente's own ArchiMate model.
///
/// # Errors
/// As [`lees`] and [`super::ameff_landschap::lees`].
pub fn lees_met(
    bytes: &[u8],
    bestaand: &Bestaand,
    namen: &Eigenschapnamen,
) -> Result<Vec<(usize, Applicatiegegevens)>, ImportFout> {
    let begin = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .trim_ascii_start();
    if begin.starts_with(b"<") {
        return super::ameff_landschap::lees(bytes, bestaand, namen);
    }
    if begin.starts_with(b"[") || begin.starts_with(b"{") {
        return softwarecatalogus::lees_json(begin, bestaand);
    }
    let mut lezer = Landschaplezer::new(bestaand);
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx::lees(bytes, &mut lezer)?;
    } else {
        lees_csv(bytes, &mut lezer)?;
    }
    lezer.af()
}

/// Turns cells into [`Applicatiegegevens`] row by row: the first non-empty row names the
/// columns; of later rows only the cells under a known column are kept.
struct Landschaplezer<'b> {
    /// The landscape as it is, for the fields a file lacks.
    bestaand: &'b Bestaand,
    /// Per column of the file, which of [`KOLOMMEN`] it holds (of a Softwarecatalogus
    /// export: which of [`softwarecatalogus::GELEZEN`]); `None` until the header has been
    /// read.
    kolommen: Option<HashMap<usize, usize>>,
    /// Whether the file is a Softwarecatalogus export.
    softwarecatalogus: bool,
    /// The header's cells while it is read.
    kop: Vec<(usize, String)>,
    /// The current row's cells, by index into [`KOLOMMEN`] (or
    /// [`softwarecatalogus::GELEZEN`], which has fewer).
    huidig: [Option<String>; KOLOMMEN.len()],
    /// The current row's unreadable cells.
    celfouten: Vec<(usize, String)>,
    /// Whether the current row has more columns than a file may have.
    te_breed: bool,
    /// Data rows read so far.
    rijen: usize,
    gelezen: Vec<(usize, Applicatiegegevens)>,
    fouten: Foutenlijst,
}

impl<'b> Landschaplezer<'b> {
    fn new(bestaand: &'b Bestaand) -> Self {
        Self {
            bestaand,
            kolommen: None,
            softwarecatalogus: false,
            kop: Vec::new(),
            huidig: Default::default(),
            celfouten: Vec::new(),
            te_breed: false,
            rijen: 0,
            gelezen: Vec::new(),
            fouten: Foutenlijst::default(),
        }
    }

    fn af(self) -> Result<Vec<(usize, Applicatiegegevens)>, ImportFout> {
        if self.kolommen.is_none() {
            return Err(ImportFout::Onleesbaar("het bestand is leeg".into()));
        }
        self.fouten.of(self.gelezen)
    }

    /// The name a file column goes by in an error: its header, else its letter-free number.
    fn kolomnaam(&self, kolom: usize) -> String {
        self.kolommen
            .as_ref()
            .and_then(|k| k.get(&kolom))
            .map_or_else(
                || format!("kolom {}", kolom + 1),
                |&i| {
                    if self.softwarecatalogus {
                        softwarecatalogus::GELEZEN[i].to_owned()
                    } else {
                        KOLOMMEN[i].to_owned()
                    }
                },
            )
    }

    fn lees_kop(&mut self, rij: usize) -> Result<(), ImportFout> {
        if self.te_breed {
            return Err(ImportFout::TeGroot(format!(
                "rij {rij} (de kolomnamen) heeft te veel kolommen: hoogstens {MAX_KOLOMMEN}"
            )));
        }
        if self.kop.iter().all(|(_, t)| t.trim().is_empty()) {
            // Blank rows above the header are skipped, as a spreadsheet user expects.
            self.kop.clear();
            return Ok(());
        }
        if softwarecatalogus::herkent(self.kop.iter().map(|(_, t)| t.as_str())) {
            return self.lees_softwarecatalogus_kop(rij);
        }
        let mut kolommen = HashMap::new();
        for (kolom, tekst) in &self.kop {
            if let Some(i) = KOLOMMEN
                .iter()
                .position(|k| tekst.trim().eq_ignore_ascii_case(k))
                && !kolommen.values().any(|&bezet| bezet == i)
            {
                kolommen.insert(*kolom, i);
            }
        }
        let ontbreekt: Vec<&str> = ["naam", "einddatum"]
            .into_iter()
            .filter(|k| !kolommen.values().any(|&i| KOLOMMEN[i] == *k))
            .collect();
        if !ontbreekt.is_empty() {
            return Err(ImportFout::Onleesbaar(format!(
                "de kolom(men) {} ontbreken; de eerste rij moet de kolomnamen bevatten: {}",
                ontbreekt.join(", "),
                KOLOMMEN.join(", ")
            )));
        }
        self.kop = Vec::new();
        self.kolommen = Some(kolommen);
        Ok(())
    }

    /// The header of a Softwarecatalogus export: each column read or left aside, an
    /// unknown one refused by name.
    fn lees_softwarecatalogus_kop(&mut self, rij: usize) -> Result<(), ImportFout> {
        let mut kolommen = HashMap::new();
        for (kolom, tekst) in &self.kop {
            match softwarecatalogus::kolom(tekst) {
                Ok(Some(i)) if !kolommen.values().any(|&bezet| bezet == i) => {
                    kolommen.insert(*kolom, i);
                }
                Ok(_) => {}
                Err(reden) => {
                    return Err(ImportFout::Onleesbaar(format!(
                        "rij {rij}, kolom {}: {reden}",
                        kolom + 1
                    )));
                }
            }
        }
        self.kop = Vec::new();
        self.kolommen = Some(kolommen);
        self.softwarecatalogus = true;
        Ok(())
    }

    fn lees_rij(&mut self, rij: usize) -> Result<(), ImportFout> {
        let huidig = std::mem::take(&mut self.huidig);
        let celfouten = std::mem::take(&mut self.celfouten);
        let te_breed = std::mem::take(&mut self.te_breed);
        let leeg = huidig.iter().flatten().all(|t| t.trim().is_empty());
        if leeg && celfouten.is_empty() && !te_breed {
            return Ok(());
        }
        self.rijen += 1;
        hoogstens("rijen", self.rijen, MAX_RIJEN)?;
        if te_breed || !celfouten.is_empty() {
            if te_breed {
                self.fouten.voeg_toe(RijFout {
                    rij,
                    veld: "rij".into(),
                    reden: format!("heeft meer dan {MAX_KOLOMMEN} kolommen"),
                });
            }
            for (kolom, reden) in celfouten {
                let veld = self.kolomnaam(kolom);
                self.fouten.voeg_toe(RijFout { rij, veld, reden });
            }
            return Ok(());
        }
        let kolommen = self.kolommen.as_ref();
        let in_bestand = |i| kolommen.is_some_and(|k| k.values().any(|&k| k == i));
        let gegevens = if self.softwarecatalogus {
            softwarecatalogus::rij(rij, &huidig, self.bestaand)
        } else {
            gegevens_van_rij(rij, &huidig, in_bestand, self.bestaand)
        };
        match gegevens {
            Ok(g) => self.gelezen.push((rij, g)),
            Err(fouten) => self.fouten.extend(fouten),
        }
        Ok(())
    }
}

impl Rijlezer for Landschaplezer<'_> {
    fn cel(&mut self, kolom: usize, tekst: &str) {
        if kolom >= MAX_KOLOMMEN {
            self.te_breed = true;
            return;
        }
        match &self.kolommen {
            None if !tekst.trim().is_empty() => self.kop.push((kolom, tekst.to_owned())),
            None => {}
            Some(kolommen) => {
                if let Some(&i) = kolommen.get(&kolom) {
                    self.huidig[i] = Some(tekst.to_owned());
                }
            }
        }
    }

    fn celfout(&mut self, kolom: usize, reden: String) {
        if kolom >= MAX_KOLOMMEN {
            self.te_breed = true;
        } else if self.kolommen.is_some() {
            self.celfouten.push((kolom, reden));
        } else {
            // An unreadable header cell names no known column; it is left out.
            self.kop.push((kolom, String::new()));
        }
    }

    fn einde_rij(&mut self, rij: usize) -> Result<(), ImportFout> {
        if self.kolommen.is_none() {
            self.lees_kop(rij)
        } else {
            self.lees_rij(rij)
        }
    }
}

/// Checks every row against the rules and the referentiecomponenten: a row without id
/// gets one from its naam that neither `bezet` nor an earlier row holds; an id used twice
/// in the file is an error; a row that only lacks its einddatum is aan te vullen.
///
/// # Errors
/// [`ImportFout::Rijen`] with every field of every row that breaks a rule.
pub fn controleer(
    rijen: Vec<(usize, Applicatiegegevens)>,
    gemeente: &GemeenteCode,
    bezet: &HashSet<String>,
    zoeker: &Referentiezoeker,
) -> Result<Vec<Ingelezen>, ImportFout> {
    let gegeven: HashMap<String, usize> = rijen
        .iter()
        .rev()
        .filter_map(|(rij, g)| Some((g.id.as_ref()?.to_string(), *rij)))
        .collect();
    let mut in_bestand: HashMap<String, usize> = HashMap::new();
    let mut applicaties = Vec::with_capacity(rijen.len());
    let mut fouten = Foutenlijst::default();
    for (rij, gegevens) in rijen {
        let id = match &gegevens.id {
            Some(id) => id.clone(),
            None => ApplicatieId::vrij(&gegevens.naam, |k| {
                bezet.contains(k) || gegeven.contains_key(k) || in_bestand.contains_key(k)
            }),
        };
        if let Some(eerder) = in_bestand.insert(id.to_string(), rij) {
            fouten.voeg_toe(RijFout {
                rij,
                veld: "id".into(),
                reden: format!("'{id}' staat ook in rij {eerder}"),
            });
            continue;
        }
        match gegevens.toets_import(gemeente, id, zoeker) {
            Ok(app) => applicaties.push(app),
            Err(velden) => fouten.extend(velden.into_iter().map(|v| RijFout {
                rij,
                veld: v.veld,
                reden: v.reden,
            })),
        }
    }
    fouten.of(applicaties)
}

/// The column an export adds after [`KOLOMMEN`]: the functions by their GEMMA names,
/// beside the Object IDs of `referentiecomponenten`. An import skips it (it reads only
/// the columns it knows), so an export imports back as it is.
pub const NAMENKOLOM: &str = "functies (GEMMA-namen)";

/// The landscape as rows of text, header first: the columns of an import, and the
/// functions by name (`naam_van` gives a referentiecomponent's name, if known). The
/// applicaties aan te vullen follow, their einddatum blank, so that the file imports back
/// into the same landscape.
pub fn als_rijen<'a>(
    applicaties: &[Applicatie],
    aan_te_vullen: &[AanTeVullen],
    naam_van: impl Fn(&str) -> Option<&'a str>,
) -> Vec<Vec<String>> {
    let kop = KOLOMMEN
        .iter()
        .copied()
        .chain([NAMENKOLOM])
        .map(str::to_owned)
        .collect();
    let cellen = applicaties
        .iter()
        .map(Applicatie::tekstrij)
        .chain(aan_te_vullen.iter().map(|a| a.gegevens.tekstrij()));
    std::iter::once(kop)
        .chain(cellen.map(|cellen| {
            let namen: Vec<&str> = cellen[3]
                .split(SCHEIDING)
                .filter(|r| !r.is_empty())
                .map(|r| naam_van(r).unwrap_or(r))
                .collect();
            let namen = namen.join("; ");
            let mut rij = cellen.to_vec();
            rij.push(namen);
            rij
        }))
        .collect()
}

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULETEKENS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Rows as CSV (comma separated, UTF-8, CRLF) that open safely in a spreadsheet whichever
/// separator it splits on: Dutch Excel splits on `;`, so a cell is quoted when it holds
/// either separator, a quote or a line break (RFC 4180 quoting, widened to `;`), and a
/// formula character at the start of a cell or after a separator inside it gets an
/// apostrophe (see [`onschadelijk`]).
pub fn csv_veilig(rijen: &[Vec<String>]) -> Vec<u8> {
    let mut uit = String::new();
    for rij in rijen {
        for (i, cel) in rij.iter().enumerate() {
            if i > 0 {
                uit.push(',');
            }
            let cel = onschadelijk(cel);
            if cel.contains([',', ';', '"', '\r', '\n']) {
                uit.push('"');
                uit.push_str(&cel.replace('"', "\"\""));
                uit.push('"');
            } else {
                uit.push_str(&cel);
            }
        }
        uit.push_str("\r\n");
    }
    uit.into_bytes()
}

/// A cell that cannot start a formula however a spreadsheet splits it: a formula
/// character at its start, or after a `,`, `;` or line break inside it (behind any
/// quotes or spaces), gets an apostrophe before it, as Excel itself writes text that
/// looks like a formula.
fn onschadelijk(cel: &str) -> std::borrow::Cow<'_, str> {
    // Only a cell that needs an apostrophe is copied.
    let mut veilig: Option<String> = None;
    let mut begin = true;
    for (i, teken) in cel.char_indices() {
        if begin && FORMULETEKENS.contains(&teken) {
            veilig.get_or_insert_with(|| cel[..i].to_owned()).push('\'');
            begin = false;
        } else if begin && !matches!(teken, '"' | ' ') {
            begin = false;
        }
        if let Some(veilig) = veilig.as_mut() {
            veilig.push(teken);
        }
        if matches!(teken, ',' | ';' | '\n') {
            begin = true;
        }
    }
    veilig.map_or(cel.into(), Into::into)
}

/// Reads CSV (comma or semicolon, whichever the first line has more of) field by field
/// with `csv-core`, so that no row or field is held in full past its limit: a field
/// longer than a cell may be is skipped and reported, a row with more columns than a file
/// may have is reported without keeping its fields.
fn lees_csv(bytes: &[u8], lezer: &mut impl Rijlezer) -> Result<(), ImportFout> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let eerste_regel = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let tel = |teken: u8| eerste_regel.iter().filter(|&&b| b == teken).count();
    let scheiding = if tel(b';') > tel(b',') { b';' } else { b',' };
    let mut csv = csv_core::ReaderBuilder::new().delimiter(scheiding).build();
    let mut veld = vec![0_u8; MAX_CEL_BYTES];
    let mut lengte = 0;
    let mut te_lang = false;
    let mut kolom = 0;
    let mut plek = 0;
    // The line a row starts on, as a spreadsheet numbers it (blank lines count): blank
    // lines are skipped here, so the newlines before a row can be counted once.
    let mut regel = 1;
    let mut begin_rij: Option<usize> = None;
    loop {
        if begin_rij.is_none() {
            let overslaan = bytes[plek..]
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            regel += bytes[plek..plek + overslaan]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            plek += overslaan;
            begin_rij = Some(regel);
        }
        let invoer = &bytes[plek..];
        let (uitkomst, gelezen, geschreven) = csv.read_field(invoer, &mut veld[lengte..]);
        regel += invoer[..gelezen].iter().filter(|&&b| b == b'\n').count();
        plek += gelezen;
        lengte += geschreven;
        match uitkomst {
            csv_core::ReadFieldResult::InputEmpty if invoer.is_empty() => break,
            csv_core::ReadFieldResult::InputEmpty => {}
            csv_core::ReadFieldResult::OutputFull => {
                // Past the limit: the rest of the field is read into the same buffer
                // and thrown away.
                te_lang = true;
                lengte = 0;
            }
            csv_core::ReadFieldResult::Field { record_end } => {
                if te_lang {
                    lezer.celfout(kolom, cel_te_lang());
                } else {
                    match std::str::from_utf8(&veld[..lengte]) {
                        Ok(tekst) => lezer.cel(kolom, tekst),
                        Err(_) => lezer.celfout(kolom, "is geen geldige UTF-8-tekst".into()),
                    }
                }
                kolom += 1;
                lengte = 0;
                te_lang = false;
                if record_end {
                    lezer.einde_rij(begin_rij.take().unwrap_or(regel))?;
                    kolom = 0;
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
