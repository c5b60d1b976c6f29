//! A gemeente's landscape as the GEMMA Softwarecatalogus exports it: the CSV of its
//! packages (`;`-separated UTF-8 with a BOM, Dutch column names such as "Pakket Naam"),
//! or its use of packages as JSON (*VoorzieningGebruik*, with the *Contract* it runs
//! under). Each becomes the cells of Grondplan's own columns, so that one check reads
//! them all.
//!
//! - The applicatie's id is `id-{Pakket ID}` (the JSON's `voorzieningId`), as the
//!   Softwarecatalogus's ArchiMate export names the package's element, so every export of
//!   the same package lands on the same applicatie.
//! - Yearly costs come from `kosten` per `kostenPeriode`: Maandelijks × 12, Jaarlijks × 1;
//!   Eenmalig costs recur never and count as 0 a year.
//! - Status `Beëindigd` is "not in use"; `Actief` and `Gepland` are in use.
//! - The catalogue knows no notice period or renewal: those stay as entered in Grondplan.
//! - A CSV column that is neither read nor known to be left aside is refused by name, so
//!   a changed export is noticed instead of half read.

use domain::landschap::gegevens::{Applicatiegegevens, KOLOMMEN, SCHEIDING};
use serde::Deserialize;

use domain::landschap::gegevens::MAX_REFERENTIES;

use super::grenzen::MAX_RIJEN;
use super::rij::{Bestaand, gegevens_van_rij};
use super::{Foutenlijst, ImportFout, RijFout};

/// The columns read, by their names in the export (compared without case).
pub const GELEZEN: [&str; 10] = [
    "Pakket ID",
    "Pakket Naam",
    "Leverancier Naam",
    "Referentiecomponenten",
    "Startdatum",
    "Einddatum",
    "Status",
    "Kosten",
    "Kostenperiode",
    "Aantal gebruikers",
];

/// The columns an export has that Grondplan leaves aside.
pub const OVERGESLAGEN: [&str; 11] = [
    "Pakketversie Naam",
    "Pakketversie ID",
    "Pakketversie Status",
    "Pakket Beschrijving",
    "Pakket URL productpagina",
    "Leverancier ID",
    "Contractnummer",
    "Contractstatus",
    "Referentiecomponenten UUID",
    "Ondersteunde technologie",
    "Opmerkingen",
];

/// Whether a header (its cells) is a Softwarecatalogus export's.
pub fn herkent<'a>(kop: impl IntoIterator<Item = &'a str>) -> bool {
    kop.into_iter()
        .any(|k| k.trim().eq_ignore_ascii_case(GELEZEN[1]))
}

/// What the export's column `naam` is: `Ok(Some(i))` read into [`GELEZEN`]`[i]`,
/// `Ok(None)` left aside.
///
/// # Errors
/// The reason, for a column Grondplan does not know.
pub fn kolom(naam: &str) -> Result<Option<usize>, String> {
    let naam = naam.trim();
    if let Some(i) = GELEZEN.iter().position(|k| k.eq_ignore_ascii_case(naam)) {
        return Ok(Some(i));
    }
    if OVERGESLAGEN.iter().any(|k| k.eq_ignore_ascii_case(naam)) {
        return Ok(None);
    }
    Err(format!(
        "de kolom '{naam}' hoort niet bij een Softwarecatalogus-export; Grondplan leest {} en slaat {} over",
        GELEZEN.join(", "),
        OVERGESLAGEN.join(", ")
    ))
}

/// One package in use, as the catalogue gives it (its cells or its JSON); in the JSON
/// `rij` is the entry's place in the list.
#[derive(Debug, Default)]
struct Gebruik<'a> {
    pakket: Option<&'a str>,
    naam: Option<&'a str>,
    leverancier: Option<&'a str>,
    referentiecomponenten: Vec<&'a str>,
    startdatum: Option<&'a str>,
    einddatum: Option<&'a str>,
    status: Option<&'a str>,
    kosten: Option<&'a str>,
    kostenperiode: Option<&'a str>,
    gebruikers: Option<&'a str>,
}

impl Gebruik<'_> {
    /// The cells of Grondplan's columns; a field the catalogue does not give is `None`.
    ///
    /// # Errors
    /// Each field that cannot be read: (its name in the export, why).
    fn cellen(&self) -> Result<[Option<String>; KOLOMMEN.len()], Vec<(String, String)>> {
        let mut fouten = Vec::new();
        let mut cellen: [Option<String>; KOLOMMEN.len()] = Default::default();
        let mut zet = |kolom: &str, waarde: Option<String>| {
            if let Some(i) = KOLOMMEN.iter().position(|k| *k == kolom) {
                cellen[i] = waarde;
            }
        };
        let id = self
            .pakket
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| domain::id::slug(&format!("id-{p}")));
        zet("id", id);
        zet("naam", self.naam.map(str::to_owned));
        zet("leverancier", self.leverancier.map(str::to_owned));
        zet(
            "referentiecomponenten",
            Some(self.referentiecomponenten.join(&SCHEIDING.to_string())),
        );
        zet("startdatum", self.startdatum.map(str::to_owned));
        zet("einddatum", self.einddatum.map(str::to_owned));
        zet("gebruikers", self.gebruikers.map(str::to_owned));
        match self.status.map(str::trim) {
            None | Some("") => {}
            Some(s) if s.eq_ignore_ascii_case("Beëindigd") => zet("inGebruik", Some("nee".into())),
            Some(s) if s.eq_ignore_ascii_case("Actief") || s.eq_ignore_ascii_case("Gepland") => {
                zet("inGebruik", Some("ja".into()));
            }
            Some(s) => fouten.push((
                "Status".into(),
                format!(
                    "'{s}' is geen status van de Softwarecatalogus (Actief, Gepland of Beëindigd)"
                ),
            )),
        }
        let kosten = self.kosten.map(str::trim).filter(|k| !k.is_empty());
        match (kosten, self.kostenperiode.map(str::trim)) {
            (None, _) => {}
            (Some(k), periode) => match domain::landschap::gegevens::lees_bedrag(k) {
                Err(reden) => fouten.push(("Kosten".into(), reden)),
                Ok(bedrag) => match periode.map(str::to_lowercase).as_deref() {
                    Some("jaarlijks") => zet("jaarlijkseKosten", Some(bedrag.to_string())),
                    Some("maandelijks") => zet(
                        "jaarlijkseKosten",
                        Some(bedrag.saturating_mul(12).to_string()),
                    ),
                    Some("eenmalig") => zet("jaarlijkseKosten", Some("0".into())),
                    _ => fouten.push((
                        "Kostenperiode".into(),
                        "bij kosten hoort een kostenperiode: Maandelijks, Jaarlijks of Eenmalig"
                            .into(),
                    )),
                },
            },
        }
        if fouten.is_empty() {
            Ok(cellen)
        } else {
            Err(fouten)
        }
    }

    /// The gegevens of the package of row (or line) `rij`.
    fn gegevens(
        &self,
        rij: usize,
        bestaand: &Bestaand,
    ) -> Result<Applicatiegegevens, Vec<RijFout>> {
        let cellen = self.cellen().map_err(|fouten| {
            fouten
                .into_iter()
                .map(|(veld, reden)| RijFout { rij, veld, reden })
                .collect::<Vec<_>>()
        })?;
        let in_bestand = |i: usize| cellen[i].is_some();
        gegevens_van_rij(rij, &cellen, in_bestand, bestaand)
    }
}

/// The gegevens of one CSV row, its cells by index into [`GELEZEN`].
///
/// # Errors
/// Each field that cannot be read, named with the row.
pub fn rij(
    rij: usize,
    cellen: &[Option<String>],
    bestaand: &Bestaand,
) -> Result<Applicatiegegevens, Vec<RijFout>> {
    let cel = |i: usize| cellen.get(i).and_then(Option::as_deref);
    let gebruik = Gebruik {
        pakket: cel(0),
        naam: cel(1),
        leverancier: cel(2),
        referentiecomponenten: cel(3)
            .map(|r| {
                r.split([',', SCHEIDING])
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        startdatum: cel(4),
        einddatum: cel(5),
        status: cel(6),
        kosten: cel(7),
        kostenperiode: cel(8),
        gebruikers: cel(9),
    };
    gebruik.gegevens(rij, bestaand)
}

/// A *VoorzieningGebruik* as JSON, with the fields Grondplan reads.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VoorzieningGebruik {
    voorziening_id: String,
    /// The package's name: `naam`, or the nested `voorziening`'s.
    #[serde(default)]
    naam: Option<String>,
    #[serde(default)]
    voorziening: Option<Voorziening>,
    #[serde(default)]
    leverancier: Option<String>,
    #[serde(default)]
    start_datum: Option<String>,
    #[serde(default)]
    eind_datum: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    referentie_componenten: Hoogstens<String, MAX_REFERENTIES>,
    #[serde(default)]
    contract: Option<Contract>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Voorziening {
    #[serde(default)]
    naam: Option<String>,
}

/// A *Contract* as JSON.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Contract {
    #[serde(default)]
    start_datum: Option<String>,
    #[serde(default)]
    eind_datum: Option<String>,
    #[serde(default)]
    kosten: Option<serde_json::Number>,
    #[serde(default)]
    kosten_periode: Option<String>,
}

/// A page of the catalogue's API: the list under `results`.
#[derive(Deserialize)]
struct Pagina {
    results: Hoogstens<VoorzieningGebruik, MAX_RIJEN>,
}

/// A JSON list of at most `N` items, refused while it is read once it has more (so a
/// list of millions is never held).
struct Hoogstens<T, const N: usize>(Vec<T>);

impl<T, const N: usize> Default for Hoogstens<T, N> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>, const N: usize> Deserialize<'de> for Hoogstens<T, N> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Bezoeker<T, const N: usize>(std::marker::PhantomData<T>);

        impl<'de, T: Deserialize<'de>, const N: usize> serde::de::Visitor<'de> for Bezoeker<T, N> {
            type Value = Hoogstens<T, N>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "een lijst van hoogstens {N}")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut lijst: A,
            ) -> Result<Self::Value, A::Error> {
                let mut uit = Vec::new();
                while let Some(item) = lijst.next_element()? {
                    if uit.len() == N {
                        return Err(serde::de::Error::custom(format!(
                            "meer dan {N} items in één lijst"
                        )));
                    }
                    uit.push(item);
                }
                Ok(Hoogstens(uit))
            }
        }

        deserializer.deserialize_seq(Bezoeker::<T, N>(std::marker::PhantomData))
    }
}

/// Reads the catalogue's JSON: a list of *VoorzieningGebruik*, or a page of its API with
/// the list under `results`; each an applicatie, its contract's dates and costs before
/// the use's own dates. The file is read straight into these fields, within
/// [`MAX_RIJEN`] entries of at most [`MAX_REFERENTIES`] referentiecomponenten; a row
/// error names the line.
///
/// # Errors
/// [`ImportFout::Rijen`] naming the line of what cannot be read (not JSON, a field
/// missing or of the wrong kind, a list too long), or each field that breaks a rule.
pub fn lees_json(
    bytes: &[u8],
    bestaand: &Bestaand,
) -> Result<Vec<(usize, Applicatiegegevens)>, ImportFout> {
    let gelezen = if bytes.starts_with(b"{") {
        serde_json::from_slice::<Pagina>(bytes).map(|p| p.results)
    } else {
        serde_json::from_slice::<Hoogstens<VoorzieningGebruik, MAX_RIJEN>>(bytes)
    };
    let lijst = gelezen.map_err(|e| {
        let mut fouten = Foutenlijst::default();
        fouten.voeg_toe(RijFout {
            rij: e.line(),
            veld: "VoorzieningGebruik".into(),
            reden: format!("geen Softwarecatalogus-JSON: {e}"),
        });
        ImportFout::Rijen(fouten)
    })?;
    let mut fouten = Foutenlijst::default();
    let mut gelezen = Vec::with_capacity(lijst.0.len());
    for (i, g) in lijst.0.iter().enumerate() {
        let rij = i + 1;
        // A JSON amount may have cents: rounded to whole euros.
        let kosten = g
            .contract
            .as_ref()
            .and_then(|c| c.kosten.as_ref())
            .map(|k| {
                k.as_i64().map_or_else(
                    || format!("{:.0}", k.as_f64().unwrap_or(f64::NAN)),
                    |k| k.to_string(),
                )
            });
        let contract = g.contract.as_ref();
        let gebruik = Gebruik {
            pakket: Some(&g.voorziening_id),
            naam: g
                .naam
                .as_deref()
                .or_else(|| g.voorziening.as_ref().and_then(|v| v.naam.as_deref())),
            leverancier: g.leverancier.as_deref(),
            referentiecomponenten: g
                .referentie_componenten
                .0
                .iter()
                .map(String::as_str)
                .collect(),
            startdatum: contract
                .and_then(|c| c.start_datum.as_deref())
                .or(g.start_datum.as_deref()),
            einddatum: contract
                .and_then(|c| c.eind_datum.as_deref())
                .or(g.eind_datum.as_deref()),
            status: g.status.as_deref(),
            kosten: kosten.as_deref(),
            kostenperiode: contract.and_then(|c| c.kosten_periode.as_deref()),
            gebruikers: None,
        };
        match gebruik.gegevens(rij, bestaand) {
            Ok(gegevens) => gelezen.push((rij, gegevens)),
            Err(rijfouten) => fouten.extend(rijfouten),
        }
    }
    fouten.of(gelezen)
}

#[cfg(test)]
mod tests;
