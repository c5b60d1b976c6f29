//! A gemeente's landscape as a file: CSV (comma or semicolon, as Dutch spreadsheets save
//! it) or XLSX in, CSV out, with the columns of `domain::landschap::gegevens::KOLOMMEN`.
//! Reading is all or nothing: every bad row and field is reported and nothing is kept.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Data, Reader as _, Xlsx};
use domain::landschap::gegevens::{Applicatiegegevens, KOLOMMEN};
use domain::{Applicatie, GemeenteCode};

use super::{ImportFout, RijFout};
use crate::db::applicaties::{Referentiezoeker, vrij_id};

/// The rows of a file: the header and then each row's cells, with the row number a
/// spreadsheet shows (the header is row 1).
struct Tabel {
    kop: Vec<String>,
    rijen: Vec<(usize, Vec<String>)>,
}

/// Reads a landscape file, CSV or XLSX (recognised by its content, not its name), into
/// the gegevens of each row.
///
/// # Errors
/// [`ImportFout::Onleesbaar`] when the file is neither, or lacks the columns `naam` and
/// `einddatum`; [`ImportFout::Rijen`] with every field that cannot be read.
pub fn lees(bytes: &[u8]) -> Result<Vec<(usize, Applicatiegegevens)>, ImportFout> {
    let tabel = if bytes.starts_with(b"PK\x03\x04") {
        lees_xlsx(bytes)?
    } else {
        lees_csv(bytes)?
    };
    let kolom: HashMap<&str, usize> = KOLOMMEN
        .iter()
        .filter_map(|naam| {
            let i = tabel
                .kop
                .iter()
                .position(|k| k.trim().eq_ignore_ascii_case(naam))?;
            Some((*naam, i))
        })
        .collect();
    let ontbreekt: Vec<&str> = ["naam", "einddatum"]
        .into_iter()
        .filter(|k| !kolom.contains_key(k))
        .collect();
    if !ontbreekt.is_empty() {
        return Err(ImportFout::Onleesbaar(format!(
            "de kolom(men) {} ontbreken; de eerste rij moet de kolomnamen bevatten: {}",
            ontbreekt.join(", "),
            KOLOMMEN.join(", ")
        )));
    }
    let mut gelezen = Vec::with_capacity(tabel.rijen.len());
    let mut fouten = Vec::new();
    for (rij, cellen) in &tabel.rijen {
        let veld = |naam: &str| {
            kolom
                .get(naam)
                .and_then(|&i| cellen.get(i))
                .map(String::as_str)
        };
        match Applicatiegegevens::uit_tekst(veld) {
            Ok(g) => gelezen.push((*rij, g)),
            Err(velden) => fouten.extend(velden.into_iter().map(|v| RijFout {
                rij: *rij,
                veld: v.veld,
                reden: v.reden,
            })),
        }
    }
    if fouten.is_empty() {
        Ok(gelezen)
    } else {
        Err(ImportFout::Rijen(fouten))
    }
}

/// Checks every row against the rules and the referentiecomponenten: a row without id
/// gets one from its naam that neither `bezet` nor an earlier row holds; an id used twice
/// in the file is an error.
///
/// # Errors
/// [`ImportFout::Rijen`] with every field of every row that breaks a rule.
pub fn controleer(
    rijen: Vec<(usize, Applicatiegegevens)>,
    gemeente: &GemeenteCode,
    bezet: &HashSet<String>,
    zoeker: &Referentiezoeker,
) -> Result<Vec<Applicatie>, ImportFout> {
    let gegeven: HashMap<String, usize> = rijen
        .iter()
        .rev()
        .filter_map(|(rij, g)| Some((g.id.as_ref()?.to_string(), *rij)))
        .collect();
    let mut in_bestand: HashMap<String, usize> = HashMap::new();
    let mut applicaties = Vec::with_capacity(rijen.len());
    let mut fouten = Vec::new();
    for (rij, gegevens) in rijen {
        let id = match &gegevens.id {
            Some(id) => id.clone(),
            None => vrij_id(&gegevens.naam, |k| {
                bezet.contains(k) || gegeven.contains_key(k) || in_bestand.contains_key(k)
            }),
        };
        if let Some(eerder) = in_bestand.insert(id.to_string(), rij) {
            fouten.push(RijFout {
                rij,
                veld: "id".into(),
                reden: format!("'{id}' staat ook in rij {eerder}"),
            });
            continue;
        }
        match gegevens.toets(gemeente, id, |t| zoeker.zoek(t)) {
            Ok(app) => applicaties.push(app),
            Err(velden) => fouten.extend(velden.into_iter().map(|v| RijFout {
                rij,
                veld: v.veld,
                reden: v.reden,
            })),
        }
    }
    if fouten.is_empty() {
        Ok(applicaties)
    } else {
        Err(ImportFout::Rijen(fouten))
    }
}

/// The landscape as CSV (comma separated, UTF-8, header first). A cell that a spreadsheet
/// would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) is
/// written with a leading apostrophe, so opening the file never runs anything.
pub fn als_csv(applicaties: &[Applicatie]) -> Vec<u8> {
    let rijen: Vec<Vec<String>> = std::iter::once(KOLOMMEN.map(str::to_owned).to_vec())
        .chain(applicaties.iter().map(|a| a.tekstrij().to_vec()))
        .collect();
    csv_veilig(&rijen)
}

/// Rows as CSV (comma separated, UTF-8), every cell through the formula guard.
pub fn csv_veilig(rijen: &[Vec<String>]) -> Vec<u8> {
    let mut schrijver = csv::Writer::from_writer(Vec::new());
    for rij in rijen {
        // Writing to memory cannot fail; a failure would be a bug in the csv crate.
        if let Err(fout) = schrijver.write_record(rij.iter().map(|c| onschadelijk(c).into_owned()))
        {
            tracing::error!(error = %fout, "CSV schrijven mislukt");
        }
    }
    schrijver.into_inner().unwrap_or_default()
}

/// A cell that cannot start a formula.
fn onschadelijk(cel: &str) -> std::borrow::Cow<'_, str> {
    if cel.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cel}").into()
    } else {
        cel.into()
    }
}

fn lees_csv(bytes: &[u8]) -> Result<Tabel, ImportFout> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let eerste_regel = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let tel = |teken: u8| eerste_regel.iter().filter(|&&b| b == teken).count();
    let scheiding = if tel(b';') > tel(b',') { b';' } else { b',' };
    let mut lezer = csv::ReaderBuilder::new()
        .delimiter(scheiding)
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut records = lezer.records();
    let kop = match records.next() {
        Some(Ok(kop)) => kop.iter().map(str::to_owned).collect(),
        Some(Err(e)) => return Err(ImportFout::Onleesbaar(e.to_string())),
        None => return Err(ImportFout::Onleesbaar("het bestand is leeg".into())),
    };
    let mut rijen = Vec::new();
    let mut fouten = Vec::new();
    for (index, record) in records.enumerate() {
        // The line the row starts on, as a spreadsheet numbers it (blank lines count).
        let regel = |positie: Option<&csv::Position>| {
            positie.map_or(index + 2, |p| {
                usize::try_from(p.line()).unwrap_or(usize::MAX)
            })
        };
        match record {
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => {}
            Ok(r) => rijen.push((regel(r.position()), r.iter().map(str::to_owned).collect())),
            Err(e) => fouten.push(RijFout {
                rij: regel(e.position()),
                veld: "rij".into(),
                reden: match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "is geen geldige UTF-8-tekst".into(),
                    _ => e.to_string(),
                },
            }),
        }
    }
    if fouten.is_empty() {
        Ok(Tabel { kop, rijen })
    } else {
        Err(ImportFout::Rijen(fouten))
    }
}

fn lees_xlsx(bytes: &[u8]) -> Result<Tabel, ImportFout> {
    let onleesbaar = |e: &dyn std::fmt::Display| {
        ImportFout::Onleesbaar(format!("geen leesbaar XLSX-bestand ({e})"))
    };
    let mut werkmap: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| onleesbaar(&e))?;
    let blad = werkmap
        .worksheet_range_at(0)
        .ok_or_else(|| onleesbaar(&"het bestand heeft geen werkblad"))?
        .map_err(|e| onleesbaar(&e))?;
    let (eerste_rij, _) = blad.start().unwrap_or((0, 0));
    let mut rijen = blad.rows().enumerate().map(|(i, cellen)| {
        // The row number Excel shows: 1-based, counted from the top of the sheet.
        let nummer = usize::try_from(eerste_rij).unwrap_or(0) + i + 1;
        (nummer, cellen.iter().map(cel_als_tekst).collect::<Vec<_>>())
    });
    let Some((_, kop)) = rijen.next() else {
        return Err(ImportFout::Onleesbaar("het werkblad is leeg".into()));
    };
    Ok(Tabel {
        kop,
        rijen: rijen
            .filter(|(_, cellen)| cellen.iter().any(|c| !c.trim().is_empty()))
            .collect(),
    })
}

/// A cell as the text [`Applicatiegegevens::uit_tekst`] reads: dates as `JJJJ-MM-DD`,
/// whole numbers without a decimal point.
fn cel_als_tekst(cel: &Data) -> String {
    match cel {
        Data::Empty => String::new(),
        Data::String(t) | Data::DateTimeIso(t) | Data::DurationIso(t) => t.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "ja" } else { "nee" }.into(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|t| t.date().to_string())
            .unwrap_or_else(|| d.to_string()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests;
