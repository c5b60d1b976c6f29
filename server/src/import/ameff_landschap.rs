//! A gemeente's landscape from an ArchiMate exchange file (AMEFF): the Softwarecatalogus's
//! organisation export or an architecture tool's model (Archi, BiZZdesign, …).
//!
//! - An element is a **referentiecomponent** when its property `GEMMA type` says so, or
//!   when an application component specializes or realizes it; it is named by its
//!   `Object ID` property, else by its name.
//! - Every other `ApplicationComponent` is an **applicatie**; its specializations and
//!   realizations of referentiecomponenten are the functions it fulfils.
//! - Its id is the property `Grondplan id` (an export writes it), else its `identifier`
//!   (as it is when it is a valid id, else made into one), so the same element imports
//!   into the same applicatie every time.
//! - Properties carry the contract facts; [`kolom_van`] says which names are read, and an
//!   import may add its own ([`Eigenschapnamen`]). A property an element lacks leaves
//!   that field as Grondplan holds it.

use std::collections::{HashMap, HashSet};

use domain::landschap::gegevens::{Applicatiegegevens, KOLOMMEN, SCHEIDING};
use domain::{ApplicatieId, grenzen};

use super::ameff::{Element, Relatie, lees_model};
use super::grenzen::{MAX_RIJEN, hoogstens};
use super::rij::{Bestaand, gegevens_van_rij};
use super::{Foutenlijst, ImportFout, RijFout};

/// The property that carries an applicatie's id in Grondplan (an export writes it).
pub const GRONDPLAN_ID: &str = "Grondplan id";

/// The relationships that say an applicatie fulfils a referentiecomponent.
const FUNCTIERELATIES: [&str; 2] = ["Specialization", "Realization"];

/// Besides each column's own name, the property names that carry it (compared on their
/// letters and digits only, without case: `Opzegtermijn (maanden)` is
/// `opzegtermijnMaanden`).
const OOK_GENOEMD: [(&str, &[&str]); 7] = [
    ("leverancier", &["leveranciernaam", "leverancier naam"]),
    (
        "startdatum",
        &["startdatum contract", "contract startdatum"],
    ),
    (
        "einddatum",
        &["einddatum contract", "contract einddatum", "contracteinde"],
    ),
    ("opzegtermijnMaanden", &["opzegtermijn"]),
    ("verlengingMaanden", &["verlenging", "verlengingstermijn"]),
    (
        "jaarlijkseKosten",
        &["kosten per jaar", "jaarlijkse kosten euro"],
    ),
    ("gebruikers", &["aantal gebruikers"]),
];

/// A name's letters and digits, in lower case.
fn kern(naam: &str) -> String {
    naam.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The most property names an import may add to those Grondplan knows.
pub const MAX_EIGEN_NAMEN: usize = 24;

/// Property names a gemeente's model uses for contract facts, besides those Grondplan
/// knows: given with an import as `einddatum:Contract einde;opzegtermijnMaanden:Opzegging`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Eigenschapnamen(Vec<(usize, String)>);

impl Eigenschapnamen {
    /// Reads `kolom:naam` pairs separated by `;`; blank is none.
    ///
    /// # Errors
    /// The reason, naming the pair: no `:`, a column that is no contract fact (only the
    /// columns from `leverancier` on, but `referentiecomponenten`), an empty name, or
    /// more than [`MAX_EIGEN_NAMEN`] pairs.
    pub fn parse(tekst: &str) -> Result<Self, String> {
        let mut namen = Vec::new();
        for paar in tekst.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            if namen.len() == MAX_EIGEN_NAMEN {
                return Err(format!("hoogstens {MAX_EIGEN_NAMEN} eigen namen"));
            }
            let (kolom, naam) = paar
                .split_once(':')
                .ok_or_else(|| format!("'{paar}' is geen kolom:naam"))?;
            let i = KOLOMMEN
                .iter()
                .position(|k| k.eq_ignore_ascii_case(kolom.trim()))
                .filter(|&i| i >= 2 && KOLOMMEN[i] != "referentiecomponenten")
                .ok_or_else(|| {
                    format!(
                        "'{}' is geen contractgegeven; kies uit {}",
                        kolom.trim(),
                        KOLOMMEN[2..]
                            .iter()
                            .filter(|k| **k != "referentiecomponenten")
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })?;
            let naam = naam.trim();
            if kern(naam).is_empty() {
                return Err(format!("'{paar}' noemt geen eigenschap"));
            }
            grenzen::tekst(naam, grenzen::MAX_NAAM_TEKENS)?;
            namen.push((i, kern(naam)));
        }
        Ok(Self(namen))
    }

    /// The column a property called `naam` carries: a name given here first, else one
    /// Grondplan knows ([`kolom_van`]).
    pub fn kolom(&self, naam: &str) -> Option<usize> {
        let kern = kern(naam);
        self.0
            .iter()
            .find(|(_, n)| *n == kern)
            .map(|(i, _)| *i)
            .or_else(|| kolom_van(naam))
    }
}

/// The column of [`KOLOMMEN`] (from `leverancier` on) a property called `naam` carries.
pub fn kolom_van(naam: &str) -> Option<usize> {
    let naam = kern(naam);
    KOLOMMEN.iter().position(|&kolom| {
        kolom != "id"
            && kolom != "naam"
            && kolom != "referentiecomponenten"
            && (kern(kolom) == naam
                || OOK_GENOEMD
                    .iter()
                    .filter(|(k, _)| *k == kolom)
                    .flat_map(|(_, namen)| namen.iter())
                    .any(|n| kern(n) == naam))
    })
}

/// Reads the applicaties of an exchange file, each as the row of its `<element>`'s line.
///
/// # Errors
/// As [`lees_model`]; [`ImportFout::Rijen`] naming a relationship to an element the file
/// does not have, an application component without usable identifier, or any property
/// that cannot be read (with the element's line).
pub fn lees(
    bytes: &[u8],
    bestaand: &Bestaand,
    namen: &Eigenschapnamen,
) -> Result<Vec<(usize, Applicatiegegevens)>, ImportFout> {
    let model = lees_model(bytes)?;
    let mut fouten = Foutenlijst::default();
    let elementen: HashMap<&str, &Element> = model
        .elementen
        .iter()
        .map(|e| (e.identifier.as_str(), e))
        .collect();
    // A relationship may also point at another relationship.
    let relaties: HashSet<&str> = model
        .relaties
        .iter()
        .map(|r| r.identifier.as_str())
        .collect();
    for relatie in &model.relaties {
        for (kant, id) in [("source", &relatie.bron), ("target", &relatie.doel)] {
            if !elementen.contains_key(id.as_str()) && !relaties.contains(id.as_str()) {
                fouten.voeg_toe(RijFout {
                    rij: relatie.regel,
                    veld: format!("relatie '{}'", relatie.identifier),
                    reden: format!("{kant} '{id}' is geen element of relatie in dit bestand"),
                });
            }
        }
    }
    let is_component = |id: &str| {
        elementen
            .get(id)
            .is_some_and(|e| e.soort == "ApplicationComponent")
    };
    let functierelaties: Vec<&Relatie> = model
        .relaties
        .iter()
        .filter(|r| FUNCTIERELATIES.contains(&r.soort.as_str()) && is_component(&r.bron))
        .collect();
    let doelen: HashSet<&str> = functierelaties.iter().map(|r| r.doel.as_str()).collect();
    // Each element's functions by its identifier, found once (not by a search per element).
    let mut per_bron: HashMap<&str, Vec<&Relatie>> = HashMap::new();
    for r in &functierelaties {
        per_bron.entry(r.bron.as_str()).or_default().push(r);
    }
    let is_referentie = |e: &Element| {
        e.eigenschap("GEMMA type") == Some("Referentiecomponent")
            || doelen.contains(e.identifier.as_str())
    };
    let mut rijen = Vec::new();
    for element in &model.elementen {
        if element.soort != "ApplicationComponent" || is_referentie(element) {
            continue;
        }
        hoogstens("applicaties", rijen.len() + 1, MAX_RIJEN)?;
        let functies: Vec<&str> = per_bron
            .get(element.identifier.as_str())
            .into_iter()
            .flatten()
            .filter_map(|r| elementen.get(r.doel.as_str()))
            .filter(|doel| is_referentie(doel))
            .map(|doel| doel.eigenschap("Object ID").unwrap_or(&doel.naam))
            .collect();
        match applicatierij(element, &functies, bestaand, namen) {
            Ok(gegevens) => rijen.push((element.regel, gegevens)),
            Err(rijfouten) => fouten.extend(rijfouten),
        }
    }
    fouten.of(rijen)
}

/// The gegevens of one application component that fulfils `functies`.
fn applicatierij(
    element: &Element,
    functies: &[&str],
    bestaand: &Bestaand,
    namen: &Eigenschapnamen,
) -> Result<Applicatiegegevens, Vec<RijFout>> {
    let id = element
        .eigenschap(GRONDPLAN_ID)
        .and_then(|id| ApplicatieId::parse(id).ok())
        .or_else(|| ApplicatieId::parse(&element.identifier).ok())
        .or_else(|| ApplicatieId::parse(&domain::id::slug(&element.identifier)).ok())
        .ok_or_else(|| {
            vec![RijFout {
                rij: element.regel,
                veld: "identifier".into(),
                reden: format!(
                    "element '{}' heeft geen identifier waar een id van te maken is",
                    element.naam
                ),
            }]
        })?;
    let mut cellen: [Option<String>; KOLOMMEN.len()] = Default::default();
    cellen[0] = Some(id.to_string());
    cellen[1] = Some(element.naam.clone());
    cellen[3] = Some(functies.join(&format!("{SCHEIDING} ")));
    for (naam, waarde) in &element.eigenschappen {
        if let Some(kolom) = namen.kolom(naam) {
            cellen[kolom] = Some(waarde.clone());
        }
    }
    let in_bestand = |i: usize| i <= 1 || i == 3 || cellen[i].is_some();
    gegevens_van_rij(element.regel, &cellen, in_bestand, bestaand)
}

#[cfg(test)]
mod tests;
