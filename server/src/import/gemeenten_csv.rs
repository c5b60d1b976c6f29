//! The CBS list "Gemeenten alfabetisch" as CSV: columns `GemeentecodeGM`, `Gemeentenaam`
//! and `Provincienaam` (others are ignored).

use domain::{Gemeente, GemeenteCode};
use serde::Deserialize;

use super::grenzen::{MAX_CBS_BYTES, MAX_CBS_RIJEN, hoogstens, hoogstens_bytes};
use super::{Foutenlijst, ImportFout, RijFout};

#[derive(Deserialize)]
struct CbsRij {
    #[serde(rename = "GemeentecodeGM")]
    code: String,
    #[serde(rename = "Gemeentenaam")]
    naam: String,
    #[serde(rename = "Provincienaam")]
    provincie: String,
}

/// Reads the CBS gemeenten CSV.
///
/// # Errors
/// [`ImportFout::Onleesbaar`] when the header lacks a needed column,
/// [`ImportFout::Rijen`] with every bad row and field otherwise.
pub fn lees(bytes: &[u8]) -> Result<Vec<Gemeente>, ImportFout> {
    hoogstens_bytes("de gemeentenlijst", bytes.len(), MAX_CBS_BYTES)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut lezer = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let kop = lezer
        .headers()
        .map_err(|e| ImportFout::Onleesbaar(e.to_string()))?
        .clone();
    for kolom in ["GemeentecodeGM", "Gemeentenaam", "Provincienaam"] {
        if !kop.iter().any(|k| k == kolom) {
            return Err(ImportFout::Onleesbaar(format!(
                "de kolom {kolom} ontbreekt"
            )));
        }
    }
    let mut gemeenten = Vec::new();
    let mut gezien = std::collections::HashSet::new();
    let mut fouten = Foutenlijst::default();
    for (index, record) in lezer.records().enumerate() {
        let rij = index + 2;
        hoogstens("rijen", index + 1, MAX_CBS_RIJEN)?;
        let cbs: CbsRij = match record.and_then(|r| r.deserialize(Some(&kop))) {
            Ok(cbs) => cbs,
            Err(e) => {
                fouten.voeg_toe(RijFout {
                    rij,
                    veld: "rij".into(),
                    reden: e.to_string(),
                });
                continue;
            }
        };
        let code = match GemeenteCode::parse(&cbs.code) {
            Ok(code) => code,
            Err(e) => {
                fouten.voeg_toe(RijFout {
                    rij,
                    veld: "GemeentecodeGM".into(),
                    reden: e.to_string(),
                });
                continue;
            }
        };
        for (veld, waarde) in [
            ("Gemeentenaam", &cbs.naam),
            ("Provincienaam", &cbs.provincie),
        ] {
            if waarde.is_empty() {
                fouten.voeg_toe(RijFout {
                    rij,
                    veld: veld.into(),
                    reden: "is leeg".into(),
                });
            }
        }
        if !gezien.insert(code.clone()) {
            fouten.voeg_toe(RijFout {
                rij,
                veld: "GemeentecodeGM".into(),
                reden: format!("{code} komt al eerder voor"),
            });
        }
        gemeenten.push(Gemeente {
            code,
            naam: cbs.naam,
            provincie: cbs.provincie,
        });
    }
    fouten.of(gemeenten)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOP: &str =
        "Gemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,ProvinciecodePV,Provincienaam\n";

    #[test]
    fn a_cbs_list_reads_into_gemeenten() {
        let csv = format!(
            "\u{feff}{KOP}0344,GM0344,Utrecht,26,PV26,Utrecht\n0059,GM0059,Achtkarspelen,21,PV21,Fryslân\n"
        );
        let gemeenten = lees(csv.as_bytes()).expect("valid");
        assert_eq!(gemeenten.len(), 2);
        assert_eq!(gemeenten[1].code.as_str(), "GM0059");
        assert_eq!(gemeenten[1].provincie, "Fryslân");
    }

    #[test]
    fn every_bad_row_is_reported_with_its_row_number_and_field() {
        let csv = format!(
            "{KOP}0344,GM0344,Utrecht,26,PV26,Utrecht\n0344,GM03x4,Fout,26,PV26,Utrecht\n0345,GM0344,Dubbel,26,PV26,Utrecht\n0346,GM0346,,26,PV26,Utrecht\n"
        );
        let ImportFout::Rijen(fouten) = lees(csv.as_bytes()).unwrap_err() else {
            panic!("expected row errors");
        };
        let namen: Vec<String> = fouten.iter().map(RijFout::naam).collect();
        assert_eq!(
            namen,
            [
                "rij 3: GemeentecodeGM",
                "rij 4: GemeentecodeGM",
                "rij 5: Gemeentenaam"
            ]
        );
    }

    #[test]
    fn a_file_without_the_needed_columns_is_refused_as_a_whole() {
        let fout = lees(b"code,naam\nGM0344,Utrecht\n").unwrap_err();
        assert_eq!(
            fout,
            ImportFout::Onleesbaar("de kolom GemeentecodeGM ontbreekt".into())
        );
    }

    #[test]
    fn the_real_cbs_file_has_342_gemeenten() {
        let pad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/data/gemeenten-2023.csv");
        let Ok(bytes) = std::fs::read(&pad) else {
            eprintln!(
                "OVERGESLAGEN: {} ontbreekt (geen ../shared naast het project)",
                pad.display()
            );
            return;
        };
        assert_eq!(lees(&bytes).expect("the CBS file is valid").len(), 342);
    }
}
