//! A publiccode.yml (the standard metadata file of public software) as a catalogue
//! component: name, url (the key a re-import matches on), development status, licence,
//! the layer (`nl.commonground.layerType`, else the caller's `?laag=`), the gemeenten that
//! use it (by name) and the software it depends on (by name).

use domain::{Laag, Status};
use serde::Deserialize;

use super::ImportFout;
use super::grenzen::{MAX_PUBLICCODE_BYTES, hoogstens_bytes};

/// What a publiccode.yml says, before names are matched to gemeenten and components.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publiccode {
    /// `name`.
    pub naam: String,
    /// `url`: the repository, the key a re-import matches on.
    pub url: String,
    /// From `developmentStatus`.
    pub status: Status,
    /// From `nl.commonground.layerType`, if the file names one.
    pub laag: Option<Laag>,
    /// `legal.license`.
    pub licentie: Option<String>,
    /// `usedBy`, as written ("Gemeente Utrecht").
    pub gebruikt_door: Vec<String>,
    /// Names under `dependsOn` (open, proprietary, hardware).
    pub afhankelijk_van: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Bestand {
    name: String,
    url: String,
    development_status: Option<String>,
    #[serde(default)]
    legal: Option<Legal>,
    #[serde(default)]
    used_by: Vec<String>,
    #[serde(default)]
    depends_on: Option<DependsOn>,
    #[serde(default)]
    nl: Option<Nl>,
}

#[derive(Deserialize)]
struct Legal {
    license: Option<String>,
}

#[derive(Deserialize, Default)]
struct DependsOn {
    #[serde(default)]
    open: Vec<Afhankelijkheid>,
    #[serde(default)]
    proprietary: Vec<Afhankelijkheid>,
    #[serde(default)]
    hardware: Vec<Afhankelijkheid>,
}

#[derive(Deserialize)]
struct Afhankelijkheid {
    name: String,
}

#[derive(Deserialize)]
struct Nl {
    commonground: Option<Commonground>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Commonground {
    layer_type: Option<EenOfMeer>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum EenOfMeer {
    Een(String),
    Meer(Vec<String>),
}

/// `developmentStatus` as a catalogue status. `beta` counts as in development: a
/// gemeente plans a switch only to something stable (or sets a date in a scenario).
fn status(tekst: Option<&str>) -> Result<Status, ImportFout> {
    match tekst.unwrap_or("development") {
        "concept" => Ok(Status::Idee),
        "development" | "beta" => Ok(Status::InOntwikkeling),
        "stable" => Ok(Status::Beschikbaar),
        "obsolete" => Ok(Status::Uitgefaseerd),
        anders => Err(ImportFout::Onleesbaar(format!(
            "developmentStatus '{anders}' is onbekend: verwacht concept, development, beta, stable of obsolete"
        ))),
    }
}

/// A Common Ground layer name (`nl.commonground.layerType`, or `?laag=`), in English or Dutch.
pub fn laag(tekst: &str) -> Option<Laag> {
    match tekst.trim().to_lowercase().as_str() {
        "interaction" | "interactie" => Some(Laag::Interactie),
        "process" | "proces" => Some(Laag::Proces),
        "integration" | "integratie" => Some(Laag::Integratie),
        "service" | "services" => Some(Laag::Services),
        "data" => Some(Laag::Data),
        _ => None,
    }
}

/// What the YAML parser may spend on one publiccode.yml: far more than a real one needs
/// (a few hundred nodes), far less than its defaults, and aliases that cannot expand a
/// small file into a large one (the "billion laughs").
fn yaml_grenzen() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 20_000;
    budget.max_events = 50_000;
    budget.max_depth = 32;
    budget.max_aliases = 100;
    budget.max_anchors = 100;
    budget.max_recorded_anchor_bytes = 64 * 1024;
    budget.max_total_scalar_bytes = MAX_PUBLICCODE_BYTES;
    budget.max_documents = 1;
    let mut opties = serde_saphyr::Options::default();
    opties.budget = Some(budget);
    opties
}

/// Reads a publiccode.yml.
///
/// # Errors
/// [`ImportFout::Onleesbaar`] for YAML that does not parse, lacks `name` or `url`, or has an
/// unknown `developmentStatus` or layer.
pub fn lees(bytes: &[u8]) -> Result<Publiccode, ImportFout> {
    hoogstens_bytes("een publiccode.yml", bytes.len(), MAX_PUBLICCODE_BYTES)?;
    let tekst = std::str::from_utf8(bytes)
        .map_err(|_| ImportFout::Onleesbaar("het bestand is geen UTF-8".into()))?;
    let bestand: Bestand = serde_saphyr::from_str_with_options(tekst, yaml_grenzen())
        .map_err(|e| ImportFout::Onleesbaar(format!("YAML-fout: {e}")))?;
    if bestand.name.trim().is_empty() || bestand.url.trim().is_empty() {
        return Err(ImportFout::Onleesbaar("name en url zijn verplicht".into()));
    }
    domain::grenzen::url(bestand.url.trim())
        .map_err(|reden| ImportFout::Onleesbaar(format!("url: {reden}")))?;
    domain::grenzen::tekst(bestand.name.trim(), domain::grenzen::MAX_NAAM_TEKENS)
        .map_err(|reden| ImportFout::Onleesbaar(format!("name: {reden}")))?;
    if let Some(licentie) = bestand.legal.as_ref().and_then(|l| l.license.as_deref()) {
        domain::grenzen::tekst(licentie, domain::grenzen::MAX_NAAM_TEKENS)
            .map_err(|reden| ImportFout::Onleesbaar(format!("legal.license: {reden}")))?;
    }
    let laag = match bestand
        .nl
        .and_then(|nl| nl.commonground)
        .and_then(|c| c.layer_type)
    {
        None => None,
        Some(EenOfMeer::Een(t)) => Some(t),
        Some(EenOfMeer::Meer(lijst)) => lijst.into_iter().next(),
    }
    .map(|t| {
        laag(&t).ok_or_else(|| {
            ImportFout::Onleesbaar(format!("nl.commonground.layerType '{t}' is onbekend"))
        })
    })
    .transpose()?;
    let afhankelijk_van = bestand
        .depends_on
        .map(|d| {
            d.open
                .into_iter()
                .chain(d.proprietary)
                .chain(d.hardware)
                .map(|a| a.name)
                .collect()
        })
        .unwrap_or_default();
    Ok(Publiccode {
        naam: bestand.name.trim().to_owned(),
        url: bestand.url.trim().to_owned(),
        status: status(bestand.development_status.as_deref())?,
        laag,
        licentie: bestand.legal.and_then(|l| l.license),
        gebruikt_door: bestand.used_by,
        afhankelijk_van,
    })
}

/// The CBS name a `usedBy` entry means: without "Gemeente ", with the common short names
/// of the two cities whose official names start with 's-.
pub fn gemeentenaam(gebruiker: &str) -> String {
    let naam = gebruiker.trim();
    let naam = naam
        .strip_prefix("Gemeente ")
        .or_else(|| naam.strip_prefix("gemeente "))
        .unwrap_or(naam)
        .trim();
    match naam.to_lowercase().as_str() {
        "den haag" => "'s-Gravenhage".to_owned(),
        "den bosch" => "'s-Hertogenbosch".to_owned(),
        _ => naam.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gedeeld(naam: &str) -> Option<Vec<u8>> {
        let pad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/data/publiccode")
            .join(naam);
        let bytes = std::fs::read(&pad).ok();
        if bytes.is_none() {
            eprintln!("OVERGESLAGEN: {} ontbreekt", pad.display());
        }
        bytes
    }

    #[test]
    fn open_zaak_reads_with_its_users_and_dependencies() {
        let Some(bytes) = gedeeld("open-zaak.publiccode.yaml") else {
            return;
        };
        let p = lees(&bytes).expect("valid");
        assert_eq!(p.naam, "Open Zaak");
        assert_eq!(p.url, "https://github.com/open-zaak/open-zaak.git");
        assert_eq!(p.status, Status::Beschikbaar);
        assert_eq!(p.laag, None, "the file names no layer");
        assert_eq!(p.licentie.as_deref(), Some("EUPL-1.2"));
        assert!(p.gebruikt_door.contains(&"Gemeente Utrecht".to_owned()));
        assert!(p.afhankelijk_van.contains(&"PostgreSQL".to_owned()));
    }

    #[test]
    fn every_shipped_publiccode_file_reads() {
        for naam in [
            "objects-api.publiccode.yaml",
            "open-notificaties.publiccode.yaml",
            "signals-frontend.publiccode.yml",
        ] {
            let Some(bytes) = gedeeld(naam) else { return };
            lees(&bytes).unwrap_or_else(|e| panic!("{naam}: {e}"));
        }
    }

    #[test]
    fn the_layer_and_status_are_checked() {
        let yaml = "name: X\nurl: https://x\ndevelopmentStatus: stable\nnl:\n  commonground:\n    layerType: data\n";
        assert_eq!(lees(yaml.as_bytes()).expect("valid").laag, Some(Laag::Data));
        assert!(lees(b"name: X\nurl: https://x\ndevelopmentStatus: klaar\n").is_err());
        assert!(
            lees(b"name: X\nurl: https://x\nnl:\n  commonground:\n    layerType: dak\n").is_err()
        );
        assert!(lees(b"url: https://x\n").is_err(), "name is required");
        assert!(lees(b"name: [unclosed").is_err());
    }

    #[test]
    fn a_user_name_becomes_the_cbs_name() {
        assert_eq!(gemeentenaam("Gemeente Den Haag"), "'s-Gravenhage");
        assert_eq!(gemeentenaam("Gemeente Súdwest-Fryslân"), "Súdwest-Fryslân");
        assert_eq!(gemeentenaam("Utrecht"), "Utrecht");
    }
}
