//! An applicatie as it arrives: [`Applicatiegegevens`], from JSON, from a row of a CSV or
//! XLSX file, or from the form in the browser. One check, [`Applicatiegegevens::toets`],
//! turns it into an [`Applicatie`] or names every field that is wrong, so the API, the
//! importers and the page report the same problems in the same words.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Applicatie, Contract, ContractFout, waar};
use crate::gemeente::GemeenteCode;
use crate::grenzen;
use crate::id::ApplicatieId;

/// The columns of a landscape file, in order: the JSON field names.
pub const KOLOMMEN: [&str; 12] = [
    "id",
    "naam",
    "leverancier",
    "referentiecomponenten",
    "startdatum",
    "einddatum",
    "opzegtermijnMaanden",
    "verlengingMaanden",
    "uitersteEinddatum",
    "jaarlijkseKosten",
    "inGebruik",
    "gebruikers",
];

/// The most referentiecomponenten one applicatie may fulfil (GEMMA has about 170).
pub const MAX_REFERENTIES: usize = 200;

/// What separates several referentiecomponenten in one cell.
pub const SCHEIDING: char = ';';

/// What is wrong with one field.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Veldfout {
    /// The field, by its JSON name (`einddatum`).
    pub veld: String,
    /// Why, in words a user can act on.
    pub reden: String,
}

impl Veldfout {
    fn new(veld: &str, reden: impl Into<String>) -> Self {
        Self {
            veld: veld.to_owned(),
            reden: reden.into(),
        }
    }
}

/// An applicatie as given, before it is checked. Referentiecomponenten are named by id or
/// by name; [`toets`](Self::toets) resolves them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Applicatiegegevens {
    /// Its id; left out, one is made from the naam.
    #[serde(default)]
    pub id: Option<ApplicatieId>,
    /// Its name, "Zaaksysteem X".
    pub naam: String,
    /// Its vendor.
    #[serde(default)]
    pub leverancier: String,
    /// The functions it fulfils: GEMMA Object IDs or names.
    #[serde(default)]
    pub referentiecomponenten: Vec<String>,
    /// When the contract started, if known.
    #[serde(default)]
    pub startdatum: Option<NaiveDate>,
    /// The current end of the contract; without it the applicatie is
    /// [aan te vullen](AanTeVullen).
    #[serde(default)]
    pub einddatum: Option<NaiveDate>,
    /// Notice period in months.
    #[serde(default)]
    pub opzegtermijn_maanden: u32,
    /// Automatic renewal term in months; 0 = none.
    #[serde(default)]
    pub verlenging_maanden: u32,
    /// The latest end, if any.
    #[serde(default)]
    pub uiterste_einddatum: Option<NaiveDate>,
    /// Yearly costs in euros.
    #[serde(default)]
    pub jaarlijkse_kosten: i64,
    /// Whether it is in use at all.
    #[serde(default = "waar")]
    pub in_gebruik: bool,
    /// How many people use it, if known.
    #[serde(default)]
    pub gebruikers: Option<u32>,
}

impl Applicatiegegevens {
    /// Reads the text fields of one row or form, `veld(kolom)` giving the text of a column
    /// of [`KOLOMMEN`] (`None` or blank when absent). Dates are `JJJJ-MM-DD` (or
    /// `DD-MM-JJJJ` as Dutch spreadsheets write them), `inGebruik` is ja/nee (or
    /// true/false, 1/0; blank is ja).
    ///
    /// # Errors
    /// Every field that cannot be read, each with its reason.
    pub fn uit_tekst<'a>(veld: impl Fn(&str) -> Option<&'a str>) -> Result<Self, Vec<Veldfout>> {
        let tekst = |naam: &str| veld(naam).map(str::trim).filter(|t| !t.is_empty());
        let mut fouten = Vec::new();
        // Reads column `naam` with `lees` when it has text; a failure is noted, not fatal,
        // so that one pass names every bad field.
        let mut veldwaarde = |naam: &str, lees: &dyn Fn(&str) -> Result<Veldwaarde, String>| {
            let t = tekst(naam)?;
            lees(t)
                .map_err(|reden| fouten.push(Veldfout::new(naam, reden)))
                .ok()
        };
        let id = veldwaarde("id", &|t| {
            ApplicatieId::parse(t)
                .map(Veldwaarde::Id)
                .map_err(|e| e.to_string())
        });
        let datum = |t: &str| lees_datum(t).map(Veldwaarde::Datum);
        let startdatum = veldwaarde("startdatum", &datum);
        let einddatum = veldwaarde("einddatum", &datum);
        let uiterste_einddatum = veldwaarde("uitersteEinddatum", &datum);
        let maanden = |t: &str| {
            t.parse::<u32>()
                .map(Veldwaarde::Aantal)
                .map_err(|_| format!("'{t}' is geen geheel aantal maanden (0 of meer)"))
        };
        let opzegtermijn = veldwaarde("opzegtermijnMaanden", &maanden);
        let verlenging = veldwaarde("verlengingMaanden", &maanden);
        let kosten = veldwaarde("jaarlijkseKosten", &|t| {
            lees_bedrag(t).map(Veldwaarde::Bedrag)
        });
        let in_gebruik = veldwaarde("inGebruik", &|t| match t.to_lowercase().as_str() {
            "ja" | "j" | "true" | "waar" | "1" => Ok(Veldwaarde::Vlag(true)),
            "nee" | "n" | "false" | "onwaar" | "0" => Ok(Veldwaarde::Vlag(false)),
            _ => Err(format!("'{t}' is geen ja of nee")),
        });
        let gebruikers = veldwaarde("gebruikers", &|t| {
            t.parse::<u32>()
                .map(Veldwaarde::Aantal)
                .map_err(|_| format!("'{t}' is geen geheel aantal (0 of meer)"))
        });
        if !fouten.is_empty() {
            return Err(fouten);
        }
        Ok(Self {
            id: id.and_then(Veldwaarde::id),
            naam: tekst("naam").unwrap_or_default().to_owned(),
            leverancier: tekst("leverancier").unwrap_or_default().to_owned(),
            referentiecomponenten: tekst("referentiecomponenten")
                .map(|t| {
                    t.split(SCHEIDING)
                        .map(str::trim)
                        .filter(|r| !r.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            startdatum: startdatum.and_then(Veldwaarde::datum),
            einddatum: einddatum.and_then(Veldwaarde::datum),
            opzegtermijn_maanden: opzegtermijn.and_then(Veldwaarde::aantal).unwrap_or(0),
            verlenging_maanden: verlenging.and_then(Veldwaarde::aantal).unwrap_or(0),
            uiterste_einddatum: uiterste_einddatum.and_then(Veldwaarde::datum),
            jaarlijkse_kosten: match kosten {
                Some(Veldwaarde::Bedrag(b)) => b,
                _ => 0,
            },
            in_gebruik: !matches!(in_gebruik, Some(Veldwaarde::Vlag(false))),
            gebruikers: gebruikers.and_then(Veldwaarde::aantal),
        })
    }

    /// Checks the rules and makes the applicatie `id` of `gemeente`. `referentie` finds a
    /// referentiecomponent by id or name.
    ///
    /// # Errors
    /// Every field that breaks a rule: an empty naam, an unknown referentiecomponent, a
    /// missing einddatum, an einddatum before the startdatum, an uiterste einddatum before
    /// the einddatum, negative costs.
    pub fn toets(
        self,
        gemeente: &GemeenteCode,
        id: ApplicatieId,
        referentie: impl crate::catalogus::Referentievinder,
    ) -> Result<Applicatie, Vec<Veldfout>> {
        match self.toets_import(gemeente, id, referentie)? {
            Ingelezen::Volledig(applicatie) => Ok(applicatie),
            Ingelezen::AanTeVullen(a) => Err(a
                .ontbreekt
                .iter()
                .map(|veld| Veldfout::new(veld, "ontbreekt"))
                .collect()),
        }
    }

    /// As [`toets`](Self::toets), but an applicatie that breaks no rule and only lacks
    /// what the rules need (its einddatum) is kept as [`AanTeVullen`]: an import may
    /// bring it, a member completes it.
    ///
    /// # Errors
    /// Every field that breaks a rule, as [`toets`](Self::toets) but for what is missing.
    pub fn toets_import(
        mut self,
        gemeente: &GemeenteCode,
        id: ApplicatieId,
        referentie: impl crate::catalogus::Referentievinder,
    ) -> Result<Ingelezen, Vec<Veldfout>> {
        let mut fouten = Vec::new();
        let naam = self.naam.trim().to_owned();
        if naam.is_empty() {
            fouten.push(Veldfout::new("naam", "ontbreekt"));
        } else if let Err(reden) = grenzen::tekst(&naam, grenzen::MAX_NAAM_TEKENS) {
            fouten.push(Veldfout::new("naam", reden));
        }
        if let Err(reden) = grenzen::tekst(&self.leverancier, grenzen::MAX_NAAM_TEKENS) {
            fouten.push(Veldfout::new("leverancier", reden));
        }
        if self.referentiecomponenten.len() > MAX_REFERENTIES {
            fouten.push(Veldfout::new(
                "referentiecomponenten",
                format!("hoogstens {MAX_REFERENTIES} referentiecomponenten"),
            ));
            return Err(fouten);
        }
        let mut referentiecomponenten = Vec::new();
        for r in &self.referentiecomponenten {
            match referentie.vind(r.trim()) {
                Ok(gevonden) if referentiecomponenten.contains(&gevonden) => {}
                Ok(gevonden) => referentiecomponenten.push(gevonden),
                Err(bedoeld) => fouten.push(Veldfout::new(
                    "referentiecomponenten",
                    onbekende_referentie(r.trim(), &bedoeld),
                )),
            }
        }
        if let Err(fout) = Contract::toets_termijnen(
            self.startdatum,
            self.einddatum,
            self.opzegtermijn_maanden,
            self.verlenging_maanden,
            self.uiterste_einddatum,
            self.jaarlijkse_kosten,
        ) {
            let veld = match fout {
                ContractFout::EindVoorStart { .. } => "einddatum",
                ContractFout::UitersteVoorEind { .. } => "uitersteEinddatum",
                ContractFout::NegatieveKosten(_) => "jaarlijkseKosten",
                ContractFout::TeVeelMaanden { veld, .. } => veld,
            };
            fouten.push(Veldfout::new(veld, fout.to_string()));
        }
        if !fouten.is_empty() {
            return Err(fouten);
        }
        let Some(einddatum) = self.einddatum else {
            self.id = Some(id.clone());
            self.naam.clone_from(&naam);
            self.leverancier = self.leverancier.trim().to_owned();
            self.referentiecomponenten = referentiecomponenten
                .iter()
                .map(ToString::to_string)
                .collect();
            return Ok(Ingelezen::AanTeVullen(AanTeVullen {
                id,
                naam,
                ontbreekt: vec!["einddatum".into()],
                gegevens: self,
            }));
        };
        let contract = Contract::new(
            self.startdatum,
            einddatum,
            self.opzegtermijn_maanden,
            self.verlenging_maanden,
            self.uiterste_einddatum,
            self.jaarlijkse_kosten,
        )
        .map_err(|fout| vec![Veldfout::new("einddatum", fout.to_string())])?;
        Ok(Ingelezen::Volledig(Applicatie {
            id,
            gemeente: gemeente.clone(),
            naam,
            leverancier: self.leverancier.trim().to_owned(),
            referentiecomponenten,
            contract,
            in_gebruik: self.in_gebruik,
            gebruikers: self.gebruikers,
        }))
    }

    /// The gegevens as the text cells of [`KOLOMMEN`], as an export writes them and
    /// [`Applicatiegegevens::uit_tekst`] reads them back.
    pub fn tekstrij(&self) -> [String; KOLOMMEN.len()] {
        let datum = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        [
            self.id
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            self.naam.clone(),
            self.leverancier.clone(),
            self.referentiecomponenten.join(&SCHEIDING.to_string()),
            datum(self.startdatum),
            datum(self.einddatum),
            self.opzegtermijn_maanden.to_string(),
            self.verlenging_maanden.to_string(),
            datum(self.uiterste_einddatum),
            self.jaarlijkse_kosten.to_string(),
            if self.in_gebruik { "ja" } else { "nee" }.to_owned(),
            self.gebruikers.map(|g| g.to_string()).unwrap_or_default(),
        ]
    }
}

/// An applicatie that lacks what the rules need, by name: how the plan and an import's
/// preview name one [`AanTeVullen`].
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ontbrekend {
    /// Its name.
    pub naam: String,
    /// The missing fields, by their JSON names (`einddatum`).
    pub ontbreekt: Vec<String>,
}

impl From<&AanTeVullen> for Ontbrekend {
    fn from(a: &AanTeVullen) -> Self {
        Self {
            naam: a.naam.clone(),
            ontbreekt: a.ontbreekt.clone(),
        }
    }
}

/// An applicatie as an import reads it: ready for the plan, or still to be completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ingelezen {
    /// It has all the rules need.
    Volledig(Applicatie),
    /// It lacks what the rules need.
    AanTeVullen(AanTeVullen),
}

/// An applicatie that lacks contract facts the rules need (its einddatum): it is kept,
/// listed as "aan te vullen" with what is missing, and left out of the plan until a
/// member completes it (docs/domain.md, "Applicaties aan te vullen").
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AanTeVullen {
    /// Its id within the landscape (no complete applicatie has it too).
    pub id: ApplicatieId,
    /// Its name.
    pub naam: String,
    /// The fields the rules need that it lacks, by their JSON names (`einddatum`).
    pub ontbreekt: Vec<String>,
    /// What is known of it, the referentiecomponenten by id.
    pub gegevens: Applicatiegegevens,
}

impl From<&Applicatie> for Applicatiegegevens {
    fn from(a: &Applicatie) -> Self {
        Self {
            id: Some(a.id.clone()),
            naam: a.naam.clone(),
            leverancier: a.leverancier.clone(),
            referentiecomponenten: a
                .referentiecomponenten
                .iter()
                .map(ToString::to_string)
                .collect(),
            startdatum: a.contract.startdatum(),
            einddatum: Some(a.contract.einddatum()),
            opzegtermijn_maanden: a.contract.opzegtermijn_maanden(),
            verlenging_maanden: a.contract.verlenging_maanden(),
            uiterste_einddatum: a.contract.uiterste_einddatum(),
            jaarlijkse_kosten: a.contract.jaarlijkse_kosten(),
            in_gebruik: a.in_gebruik,
            gebruikers: a.gebruikers,
        }
    }
}

impl Applicatie {
    /// The applicatie as the text cells of [`KOLOMMEN`], as an export writes them and
    /// [`Applicatiegegevens::uit_tekst`] reads them back.
    pub fn tekstrij(&self) -> [String; KOLOMMEN.len()] {
        Applicatiegegevens::from(self).tekstrij()
    }
}

/// One field's value as read from text.
enum Veldwaarde {
    Id(ApplicatieId),
    Datum(NaiveDate),
    Aantal(u32),
    Bedrag(i64),
    Vlag(bool),
}

impl Veldwaarde {
    fn id(self) -> Option<ApplicatieId> {
        match self {
            Self::Id(id) => Some(id),
            _ => None,
        }
    }
    fn datum(self) -> Option<NaiveDate> {
        match self {
            Self::Datum(d) => Some(d),
            _ => None,
        }
    }
    fn aantal(self) -> Option<u32> {
        match self {
            Self::Aantal(n) => Some(n),
            _ => None,
        }
    }
}

/// A date, by the one date reader.
/// Why `tekst` is no referentiecomponent, and what to do: the names it may have meant, or
/// where the names are.
fn onbekende_referentie(tekst: &str, bedoeld: &[String]) -> String {
    let bedoelt = crate::catalogus::bedoelt_u(
        bedoeld,
        "gebruik de naam of het Object ID uit de lijst van referentiecomponenten",
    );
    format!("onbekende referentiecomponent '{tekst}'; {bedoelt}")
}

fn lees_datum(t: &str) -> Result<NaiveDate, String> {
    crate::datum::lees_datum(t).map_err(|fout| fout.to_string())
}

/// Whole euros: `120000`, also written `120.000` or `€ 120.000` (dots only between groups
/// of three digits, so `1234.56` is refused rather than read as 123456).
///
/// # Errors
/// The reason, in Dutch, for text that is no such amount.
pub fn lees_bedrag(t: &str) -> Result<i64, String> {
    let kaal: String = t
        .trim_start_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut groepen = kaal.split('.');
    let eerste = groepen.next().unwrap_or_default();
    let groepen_goed =
        groepen.all(|g| g.len() == 3) && (1..=3).contains(&eerste.len()) || !kaal.contains('.');
    let cijfers: String = kaal.chars().filter(|c| *c != '.').collect();
    match cijfers.parse::<i64>() {
        Ok(b) if b >= 0 && groepen_goed && cijfers.bytes().all(|c| c.is_ascii_digit()) => Ok(b),
        _ => Err(format!("'{t}' is geen geheel bedrag in euro's (0 of meer)")),
    }
}

#[cfg(test)]
mod tests;
