//! The first worksheet of an XLSX workbook, read as a stream of cells with every
//! allocation bounded: the archive's declared entries, each part's decompressed size (zip
//! bombs), each XML event, the declared sheet dimension, the shared strings (count and
//! total size) and each cell. A general spreadsheet library cannot be bounded from
//! outside (a sheet that names cells A1 and XFD1048576 makes one allocate the whole
//! rectangle), so this reads the few parts a landscape needs itself, with the zip and
//! quick-xml crates.
//!
//! Dates are recognised the way Excel shows them: a number in a cell whose style has a
//! date format (built in, or a custom format with d, m or y) becomes `JJJJ-MM-DD`.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};
use std::rc::Rc;

use chrono::NaiveDate;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::grenzen::{
    MAX_CEL_BYTES, MAX_GEDEELDE_TEKST_BYTES, MAX_GEDEELDE_TEKSTEN, MAX_KOLOMMEN, MAX_RIJEN,
    MAX_UITGEPAKT_DEEL, MAX_UITGEPAKT_TOTAAL, MAX_XML_GEBEURTENIS, MAX_ZIP_DELEN, bytes_als_tekst,
    cel_te_lang, hoogstens, hoogstens_bytes,
};
use super::{ImportFout, Rijlezer, xml_entiteit};

/// The highest row number a worksheet can have.
const LAATSTE_RIJ: usize = 1_048_576;

fn onleesbaar(reden: impl std::fmt::Display) -> ImportFout {
    ImportFout::Onleesbaar(format!("geen leesbaar XLSX-bestand ({reden})"))
}

/// Reads the first worksheet of `bytes`, handing each cell and each row's end to `lezer`.
///
/// # Errors
/// [`ImportFout::Onleesbaar`] for an archive or part that is not what XLSX needs,
/// [`ImportFout::TeGroot`] for one past a limit of [`grenzen`], or what `lezer` returns.
pub fn lees(bytes: &[u8], lezer: &mut impl Rijlezer) -> Result<(), ImportFout> {
    controleer_delen(bytes)?;
    let mut werkmap = Werkmap {
        archief: ZipArchive::new(Cursor::new(bytes)).map_err(onleesbaar)?,
        uitgepakt: Rc::new(Cell::new(0)),
    };
    let (blad, datum1904) = werkmap.eerste_blad()?;
    let datumstijlen = werkmap.datumstijlen()?;
    let teksten = werkmap.gedeelde_teksten()?;
    let mut blad = werkmap
        .xml(&blad)?
        .ok_or_else(|| onleesbaar(format_args!("het werkblad {blad} ontbreekt in het archief")))?;
    let tijdrekening = if datum1904 {
        Tijdrekening::Sinds1904
    } else {
        Tijdrekening::Sinds1900
    };
    lees_blad(
        &mut blad,
        &Opmaak {
            teksten: &teksten,
            datumstijlen: &datumstijlen,
            tijdrekening,
        },
        lezer,
    )
}

/// Refuses an archive whose end-of-central-directory record declares more entries than
/// an XLSX has, before the zip reader reserves room for them. Every candidate record in
/// the tail is checked, since a reader may pick any of them.
fn controleer_delen(bytes: &[u8]) -> Result<(), ImportFout> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let u16_op = |plek: usize| -> Option<u64> {
        Some(u64::from(u16::from_le_bytes(
            bytes.get(plek..plek + 2)?.try_into().ok()?,
        )))
    };
    let u64_op = |plek: usize| -> Option<u64> {
        Some(u64::from_le_bytes(
            bytes.get(plek..plek + 8)?.try_into().ok()?,
        ))
    };
    let begin = bytes.len().saturating_sub(22 + usize::from(u16::MAX));
    let mut gevonden = false;
    for plek in (begin..bytes.len().saturating_sub(21)).rev() {
        if !bytes[plek..].starts_with(EOCD) {
            continue;
        }
        gevonden = true;
        let mut delen = u16_op(plek + 10).unwrap_or(0);
        if delen == u64::from(u16::MAX) {
            // ZIP64: the count is in the ZIP64 record the locator before this one names.
            delen = plek
                .checked_sub(20)
                .filter(|&l| bytes[l..].starts_with(b"PK\x06\x07"))
                .and_then(|l| u64_op(l + 8))
                .and_then(|record| usize::try_from(record).ok())
                .filter(|&record| {
                    bytes
                        .get(record..)
                        .is_some_and(|r| r.starts_with(b"PK\x06\x06"))
                })
                .and_then(|record| u64_op(record + 32))
                .unwrap_or(u64::MAX);
        }
        hoogstens(
            "delen in het XLSX-archief",
            usize::try_from(delen).unwrap_or(usize::MAX),
            MAX_ZIP_DELEN,
        )?;
    }
    if gevonden {
        Ok(())
    } else {
        Err(onleesbaar("geen zip-archief"))
    }
}

/// The archive, and how many bytes have been decompressed from it so far.
struct Werkmap<'a> {
    archief: ZipArchive<Cursor<&'a [u8]>>,
    uitgepakt: Rc<Cell<u64>>,
}

/// A part of the archive being read, as XML.
type Deel<'z, 'b> = Reader<BufReader<Begrensd<zip::read::ZipFile<'z, Cursor<&'b [u8]>>>>>;

impl<'b> Werkmap<'b> {
    /// An XML part of the archive, read through the limits; `None` when it is absent.
    fn xml(&mut self, naam: &str) -> Result<Option<Deel<'_, 'b>>, ImportFout> {
        let deel = match self.archief.by_name(naam) {
            Ok(deel) => deel,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(fout) => return Err(onleesbaar(fout)),
        };
        let mut lezer = Reader::from_reader(BufReader::new(Begrensd {
            binnen: deel,
            deel: 0,
            totaal: Rc::clone(&self.uitgepakt),
            gebeurtenis: Cell::new(0),
        }));
        lezer.config_mut().trim_text(false);
        Ok(Some(lezer))
    }

    /// The path of the first worksheet (from the workbook and its relations), and
    /// whether the workbook counts dates from 1904.
    fn eerste_blad(&mut self) -> Result<(String, bool), ImportFout> {
        let mut werkboek = self
            .xml("xl/workbook.xml")?
            .ok_or_else(|| onleesbaar("xl/workbook.xml ontbreekt"))?;
        let mut relatie = None;
        let mut datum1904 = false;
        bezoek(&mut werkboek, |gebeurtenis| {
            if let Gebeurtenis::Begin(start) = gebeurtenis {
                match start.local_name().as_ref() {
                    b"sheet" if relatie.is_none() => {
                        relatie = attribuut(start, b"id");
                    }
                    b"workbookPr" => {
                        datum1904 =
                            attribuut(start, b"date1904").is_some_and(|w| w == "1" || w == "true");
                    }
                    _ => {}
                }
            }
            Ok(())
        })?;
        drop(werkboek);
        let relatie = relatie.ok_or_else(|| onleesbaar("het bestand heeft geen werkblad"))?;
        let mut relaties = self
            .xml("xl/_rels/workbook.xml.rels")?
            .ok_or_else(|| onleesbaar("xl/_rels/workbook.xml.rels ontbreekt"))?;
        let mut doel = None;
        bezoek(&mut relaties, |gebeurtenis| {
            if let Gebeurtenis::Begin(start) = gebeurtenis
                && start.local_name().as_ref() == b"Relationship"
                && attribuut(start, b"Id").as_deref() == Some(relatie.as_str())
            {
                doel = attribuut(start, b"Target");
            }
            Ok(())
        })?;
        let doel = doel.ok_or_else(|| onleesbaar("het eerste werkblad heeft geen doel"))?;
        let pad = match doel.strip_prefix('/') {
            Some(absoluut) => absoluut.to_owned(),
            None => format!("xl/{doel}"),
        };
        Ok((pad, datum1904))
    }

    /// For each cell style (`s` of a cell), whether its number format shows a date.
    fn datumstijlen(&mut self) -> Result<Vec<bool>, ImportFout> {
        let Some(mut stijlen) = self.xml("xl/styles.xml")? else {
            return Ok(Vec::new());
        };
        // By id: a style names its format, and a hostile file may hold many of both.
        let mut eigen: HashMap<u32, bool> = HashMap::new();
        let mut stijlen_van_cellen = Vec::new();
        let mut in_cellxfs = false;
        bezoek(&mut stijlen, |gebeurtenis| {
            match gebeurtenis {
                Gebeurtenis::Begin(start) => match start.local_name().as_ref() {
                    b"numFmt" => {
                        let id = attribuut(start, b"numFmtId").and_then(|i| i.parse().ok());
                        let code = attribuut(start, b"formatCode").unwrap_or_default();
                        if let Some(id) = id {
                            hoogstens("getalnotaties", eigen.len() + 1, MAX_GEDEELDE_TEKSTEN)?;
                            eigen.insert(id, is_datumnotatie(&code));
                        }
                    }
                    b"cellXfs" => in_cellxfs = true,
                    b"xf" if in_cellxfs => {
                        let id: u32 = attribuut(start, b"numFmtId")
                            .and_then(|i| i.parse().ok())
                            .unwrap_or(0);
                        let datum = eigen
                            .get(&id)
                            .copied()
                            .unwrap_or_else(|| is_ingebouwde_datum(id));
                        hoogstens(
                            "celstijlen",
                            stijlen_van_cellen.len() + 1,
                            MAX_GEDEELDE_TEKSTEN,
                        )?;
                        stijlen_van_cellen.push(datum);
                    }
                    _ => {}
                },
                Gebeurtenis::Einde(b"cellXfs") => in_cellxfs = false,
                _ => {}
            }
            Ok(())
        })?;
        Ok(stijlen_van_cellen)
    }

    /// The shared strings (`t="s"` cells point into them), within their limits. A string
    /// longer than a cell may be is kept as `None`, so a cell that uses it is an error
    /// and the memory is not spent.
    fn gedeelde_teksten(&mut self) -> Result<Vec<Option<Box<str>>>, ImportFout> {
        let Some(mut deel) = self.xml("xl/sharedStrings.xml")? else {
            return Ok(Vec::new());
        };
        let mut teksten: Vec<Option<Box<str>>> = Vec::new();
        let mut totaal = 0_usize;
        let mut tekst = Celtekst::default();
        let mut in_t = false;
        let mut in_fonetisch = false;
        bezoek(&mut deel, |gebeurtenis| {
            match gebeurtenis {
                Gebeurtenis::Begin(start) => match start.local_name().as_ref() {
                    b"sst" => {
                        let opgegeven = attribuut(start, b"uniqueCount")
                            .and_then(|n| n.parse::<usize>().ok())
                            .unwrap_or(0);
                        hoogstens("gedeelde teksten", opgegeven, MAX_GEDEELDE_TEKSTEN)?;
                    }
                    b"si" => tekst = Celtekst::default(),
                    b"t" => in_t = true,
                    b"rPh" => in_fonetisch = true,
                    _ => {}
                },
                Gebeurtenis::Tekst(stuk) if in_t && !in_fonetisch => tekst.voeg_toe(stuk),
                Gebeurtenis::Einde(naam) => match naam {
                    b"t" => in_t = false,
                    b"rPh" => in_fonetisch = false,
                    b"si" => {
                        hoogstens("gedeelde teksten", teksten.len() + 1, MAX_GEDEELDE_TEKSTEN)?;
                        totaal += tekst.tekst.len();
                        hoogstens_bytes(
                            "gedeelde teksten samen",
                            totaal,
                            MAX_GEDEELDE_TEKST_BYTES,
                        )?;
                        teksten.push((!tekst.te_lang).then(|| tekst.tekst.as_str().into()));
                    }
                    _ => {}
                },
                _ => {}
            }
            Ok(())
        })?;
        Ok(teksten)
    }
}

/// A reader that refuses to give more than the limits of [`grenzen`]: per part, for the
/// whole archive together, and per XML event (reset by [`bezoek`] after each event).
struct Begrensd<R> {
    binnen: R,
    deel: u64,
    totaal: Rc<Cell<u64>>,
    gebeurtenis: Cell<u64>,
}

impl<R: Read> Read for Begrensd<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let gelezen = self.binnen.read(buffer)?;
        let n = gelezen as u64;
        self.deel += n;
        self.totaal.set(self.totaal.get() + n);
        self.gebeurtenis.set(self.gebeurtenis.get() + n);
        let over = if self.deel > MAX_UITGEPAKT_DEEL {
            Some(format!(
                "één deel van het archief, uitgepakt: hoogstens {}",
                bytes_als_tekst(MAX_UITGEPAKT_DEEL)
            ))
        } else if self.totaal.get() > MAX_UITGEPAKT_TOTAAL {
            Some(format!(
                "het archief, uitgepakt: hoogstens {}",
                bytes_als_tekst(MAX_UITGEPAKT_TOTAAL)
            ))
        } else if self.gebeurtenis.get() > MAX_XML_GEBEURTENIS + 64 * 1024 {
            // A BufReader reads ahead, so an event is allowed its limit plus one read.
            Some(format!(
                "één XML-element of tekst: hoogstens {}",
                bytes_als_tekst(MAX_XML_GEBEURTENIS)
            ))
        } else {
            None
        };
        match over {
            Some(reden) => Err(std::io::Error::other(TeGrootDeel(reden))),
            None => Ok(gelezen),
        }
    }
}

/// The error [`Begrensd`] gives, recognised again when quick-xml hands it back.
#[derive(Debug)]
struct TeGrootDeel(String);

impl std::fmt::Display for TeGrootDeel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TeGrootDeel {}

/// What [`bezoek`] hands on: an element's start (or empty element), its end, or text
/// with entities resolved.
enum Gebeurtenis<'a, 'b> {
    Begin(&'a BytesStart<'b>),
    Einde(&'a [u8]),
    Tekst(&'a str),
}

/// Reads a part event by event, resetting the per-event limit after each, and hands each
/// to `doe`; an empty element is handed as a start and an end.
fn bezoek<R: Read>(
    lezer: &mut Reader<BufReader<Begrensd<R>>>,
    mut doe: impl FnMut(Gebeurtenis<'_, '_>) -> Result<(), ImportFout>,
) -> Result<(), ImportFout> {
    let mut buffer = Vec::new();
    loop {
        let gebeurtenis = lezer.read_event_into(&mut buffer).map_err(|fout| {
            if let quick_xml::Error::Io(io) = &fout
                && let Some(te_groot) = io.get_ref().and_then(|e| e.downcast_ref::<TeGrootDeel>())
            {
                return ImportFout::TeGroot(te_groot.0.clone());
            }
            onleesbaar(format_args!("XML-fout: {fout}"))
        })?;
        match &gebeurtenis {
            Event::Start(start) => doe(Gebeurtenis::Begin(start))?,
            Event::Empty(start) => {
                doe(Gebeurtenis::Begin(start))?;
                doe(Gebeurtenis::Einde(start.local_name().as_ref()))?;
            }
            Event::End(einde) => doe(Gebeurtenis::Einde(einde.local_name().as_ref()))?,
            Event::Text(tekst) => {
                let tekst = tekst
                    .decode()
                    .map_err(|e| onleesbaar(format_args!("XML-fout: {e}")))?;
                doe(Gebeurtenis::Tekst(&tekst))?;
            }
            Event::CData(tekst) => {
                let tekst = tekst
                    .decode()
                    .map_err(|e| onleesbaar(format_args!("XML-fout: {e}")))?;
                doe(Gebeurtenis::Tekst(&tekst))?;
            }
            Event::GeneralRef(referentie) => {
                let tekst = xml_entiteit(referentie)
                    .ok_or_else(|| onleesbaar("XML-fout: onbekende entiteit"))?;
                doe(Gebeurtenis::Tekst(&tekst))?;
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buffer.clear();
        if buffer.capacity() > 64 * 1024 {
            // One large event should not keep its buffer for the rest of the part.
            buffer = Vec::new();
        }
        lezer.get_ref().get_ref().gebeurtenis.set(0);
    }
}

/// An attribute's value, unescaped, by its local name.
fn attribuut(start: &BytesStart<'_>, naam: &[u8]) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == naam)
        .and_then(|a| a.unescape_value().ok().map(|w| w.into_owned()))
}

/// Excel's built-in number formats that show a date.
fn is_ingebouwde_datum(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a custom number format shows a date: it has d, m or y outside quoted text
/// and brackets (`[Red]`, `[$-413]`).
fn is_datumnotatie(code: &str) -> bool {
    let mut in_aanhalingstekens = false;
    let mut in_haken = false;
    let mut vorige_escape = false;
    for teken in code.chars() {
        if vorige_escape {
            vorige_escape = false;
            continue;
        }
        match teken {
            '\\' => vorige_escape = true,
            '"' => in_aanhalingstekens = !in_aanhalingstekens,
            '[' if !in_aanhalingstekens => in_haken = true,
            ']' if !in_aanhalingstekens => in_haken = false,
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' if !in_aanhalingstekens && !in_haken => {
                return true;
            }
            _ => {}
        }
    }
    false
}

/// Which day a workbook counts its date numbers from.
#[derive(Clone, Copy)]
enum Tijdrekening {
    Sinds1900,
    Sinds1904,
}

impl Tijdrekening {
    /// The date of an Excel date number (its whole days); `None` outside 1900–9999.
    fn datum(self, getal: f64) -> Option<NaiveDate> {
        if !getal.is_finite() || !(0.0..2_958_466.0).contains(&getal) {
            return None;
        }
        // In range: the cast keeps the whole days.
        #[expect(
            clippy::cast_possible_truncation,
            reason = "checked to be in 0..2 958 466"
        )]
        let dagen = getal.floor() as i64;
        let (begin, dagen) = match self {
            // Excel counts 1900-02-29, a day that never was: numbers from 61 on are one
            // too high, numbers below it are counted from 1899-12-31.
            Tijdrekening::Sinds1900 if dagen < 61 => {
                (NaiveDate::from_ymd_opt(1899, 12, 31)?, dagen)
            }
            Tijdrekening::Sinds1900 => (NaiveDate::from_ymd_opt(1899, 12, 30)?, dagen),
            Tijdrekening::Sinds1904 => (NaiveDate::from_ymd_opt(1904, 1, 1)?, dagen),
        };
        begin.checked_add_signed(chrono::TimeDelta::try_days(dagen)?)
    }
}

/// Text read in pieces up to [`MAX_CEL_BYTES`]: past it the text is dropped and only
/// that it was too long is kept.
#[derive(Default)]
struct Celtekst {
    tekst: String,
    te_lang: bool,
}

impl Celtekst {
    fn voeg_toe(&mut self, stuk: &str) {
        if self.te_lang {
            return;
        }
        if self.tekst.len() + stuk.len() > MAX_CEL_BYTES {
            self.te_lang = true;
            self.tekst = String::new();
        } else {
            self.tekst.push_str(stuk);
        }
    }
}

/// What the cells of a sheet are read with.
struct Opmaak<'a> {
    teksten: &'a [Option<Box<str>>],
    datumstijlen: &'a [bool],
    tijdrekening: Tijdrekening,
}

/// The cell being read.
#[derive(Default)]
struct Celstaat {
    kolom: usize,
    soort: Option<String>,
    stijl: usize,
    waarde: Celtekst,
    in_waarde: bool,
}

/// `B7` → column 1 (0-based); `None` for a reference without letters or past XFD.
fn kolom_van(referentie: &str) -> Option<usize> {
    let letters = referentie
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .take(4);
    let (aantal, kolom) = letters.fold((0, 0_usize), |(n, k), l| {
        (
            n + 1,
            k * 26 + usize::from(l.to_ascii_uppercase() - b'A') + 1,
        )
    });
    ((1..=3).contains(&aantal) && kolom <= 16_384).then(|| kolom - 1)
}

/// `B7` → row 7.
fn rij_van(referentie: &str) -> Option<usize> {
    referentie
        .trim_start_matches(|t: char| t.is_ascii_alphabetic())
        .parse()
        .ok()
}

/// `A1:L300` → (rows, columns) it spans.
fn afmeting(bereik: &str) -> Option<(usize, usize)> {
    let (van, tot) = bereik.split_once(':').unwrap_or((bereik, bereik));
    let rijen = rij_van(tot)?.checked_sub(rij_van(van)?)? + 1;
    let kolommen = kolom_van(tot)?.checked_sub(kolom_van(van)?)? + 1;
    Some((rijen, kolommen))
}

fn lees_blad<R: Read>(
    blad: &mut Reader<BufReader<Begrensd<R>>>,
    opmaak: &Opmaak<'_>,
    lezer: &mut impl Rijlezer,
) -> Result<(), ImportFout> {
    let mut rij = 0_usize;
    let mut volgende_kolom = 0_usize;
    let mut cel: Option<Celstaat> = None;
    let mut in_inline_t = false;
    let mut in_fonetisch = false;
    bezoek(blad, |gebeurtenis| {
        match gebeurtenis {
            Gebeurtenis::Begin(start) => match start.local_name().as_ref() {
                b"dimension" => {
                    if let Some((rijen, kolommen)) =
                        attribuut(start, b"ref").as_deref().and_then(afmeting)
                    {
                        hoogstens("rijen in het werkblad", rijen, MAX_RIJEN + 1)?;
                        hoogstens("kolommen in het werkblad", kolommen, MAX_KOLOMMEN)?;
                    }
                }
                b"row" => {
                    rij = match attribuut(start, b"r") {
                        Some(r) => r
                            .parse()
                            .ok()
                            .filter(|&r: &usize| r > rij && r <= LAATSTE_RIJ)
                            .ok_or_else(|| onleesbaar(format_args!("rijnummer '{r}'")))?,
                        None => rij + 1,
                    };
                    volgende_kolom = 0;
                }
                b"c" => {
                    let kolom = match attribuut(start, b"r") {
                        Some(r) => kolom_van(&r)
                            .ok_or_else(|| onleesbaar(format_args!("celverwijzing '{r}'")))?,
                        None => volgende_kolom,
                    };
                    volgende_kolom = kolom + 1;
                    cel = Some(Celstaat {
                        kolom,
                        soort: attribuut(start, b"t"),
                        stijl: attribuut(start, b"s")
                            .and_then(|s| s.parse().ok())
                            .unwrap_or(0),
                        ..Celstaat::default()
                    });
                }
                b"v" => {
                    if let Some(c) = cel.as_mut() {
                        c.in_waarde = true;
                    }
                }
                b"t" => in_inline_t = true,
                b"rPh" => in_fonetisch = true,
                _ => {}
            },
            Gebeurtenis::Tekst(stuk) => {
                if let Some(c) = cel.as_mut()
                    && (c.in_waarde || (in_inline_t && !in_fonetisch))
                {
                    c.waarde.voeg_toe(stuk);
                }
            }
            Gebeurtenis::Einde(naam) => match naam {
                b"v" => {
                    if let Some(c) = cel.as_mut() {
                        c.in_waarde = false;
                    }
                }
                b"t" => in_inline_t = false,
                b"rPh" => in_fonetisch = false,
                b"c" => {
                    if let Some(c) = cel.take() {
                        geef_cel(c, opmaak, lezer);
                    }
                }
                b"row" => lezer.einde_rij(rij)?,
                _ => {}
            },
        }
        Ok(())
    })
}

/// Hands one finished cell to `lezer` as the text a CSV file would have had.
fn geef_cel(cel: Celstaat, opmaak: &Opmaak<'_>, lezer: &mut impl Rijlezer) {
    if cel.waarde.te_lang {
        lezer.celfout(cel.kolom, cel_te_lang());
        return;
    }
    let waarde = cel.waarde.tekst.trim();
    match cel.soort.as_deref() {
        Some("s") => match waarde
            .parse::<usize>()
            .ok()
            .and_then(|i| opmaak.teksten.get(i))
        {
            Some(Some(tekst)) => lezer.cel(cel.kolom, tekst),
            Some(None) => lezer.celfout(cel.kolom, cel_te_lang()),
            None => lezer.celfout(
                cel.kolom,
                format!("verwijst naar gedeelde tekst '{waarde}', die niet bestaat"),
            ),
        },
        Some("b") => lezer.cel(cel.kolom, if waarde == "1" { "ja" } else { "nee" }),
        Some("e") => lezer.cel(cel.kolom, &format!("#{waarde}")),
        Some("str" | "inlineStr" | "d") => lezer.cel(cel.kolom, &cel.waarde.tekst),
        _ => {
            let getal = waarde.parse::<f64>().ok();
            let is_datum = opmaak.datumstijlen.get(cel.stijl).copied().unwrap_or(false);
            match getal {
                Some(g) if is_datum => match opmaak.tijdrekening.datum(g) {
                    Some(datum) => lezer.cel(cel.kolom, &datum.to_string()),
                    None => lezer.cel(cel.kolom, waarde),
                },
                Some(g) if g.fract() == 0.0 && g.abs() < 1e15 => {
                    lezer.cel(cel.kolom, &format!("{g:.0}"));
                }
                Some(g) => lezer.cel(cel.kolom, &g.to_string()),
                None => lezer.cel(cel.kolom, waarde),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_name_their_column_and_row() {
        assert_eq!(kolom_van("A1"), Some(0));
        assert_eq!(kolom_van("L300"), Some(11));
        assert_eq!(kolom_van("AA7"), Some(26));
        assert_eq!(kolom_van("XFD1048576"), Some(16_383));
        assert_eq!(kolom_van("ZZZZ1"), None);
        assert_eq!(kolom_van("7"), None);
        assert_eq!(rij_van("XFD1048576"), Some(1_048_576));
        assert_eq!(afmeting("A1:XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(afmeting("B2"), Some((1, 1)));
    }

    #[test]
    fn date_numbers_count_from_1900_with_excels_leap_day_and_from_1904() {
        let d = |j, m, dag| NaiveDate::from_ymd_opt(j, m, dag);
        assert_eq!(Tijdrekening::Sinds1900.datum(46_022.0), d(2025, 12, 31));
        assert_eq!(Tijdrekening::Sinds1900.datum(1.0), d(1900, 1, 1));
        assert_eq!(Tijdrekening::Sinds1900.datum(61.0), d(1900, 3, 1));
        assert_eq!(Tijdrekening::Sinds1904.datum(0.0), d(1904, 1, 1));
        assert_eq!(Tijdrekening::Sinds1900.datum(-1.0), None);
        assert_eq!(Tijdrekening::Sinds1900.datum(f64::NAN), None);
        assert_eq!(Tijdrekening::Sinds1900.datum(1e300), None);
    }

    #[test]
    fn a_format_shows_a_date_only_with_day_month_or_year_outside_quotes_and_brackets() {
        assert!(is_datumnotatie("dd-mm-yyyy"));
        assert!(is_datumnotatie("[$-413]d mmmm yyyy"));
        assert!(!is_datumnotatie("#,##0.00 \"dm\""));
        assert!(!is_datumnotatie("[Red]0"));
        assert!(!is_datumnotatie("General"));
        assert!(is_ingebouwde_datum(14));
        assert!(!is_ingebouwde_datum(3));
    }
}
