//! The Componentencatalogus: Common Ground components per laag, each replacing one or
//! more GEMMA referentiecomponenten.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::gemeente::GemeenteCode;
use crate::id::{ComponentId, OpgaveId, ReferentiecomponentId};

/// One of the five layers of the Common Ground model.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Laag {
    /// Interaction: portals, apps, front offices.
    Interactie,
    /// Process: workflow and case handling.
    Proces,
    /// Integration: the standard exchange mechanism.
    Integratie,
    /// Services: APIs on the sources.
    Services,
    /// Data: the sources themselves.
    Data,
}

impl Laag {
    /// All five, from the user's side down to the data.
    pub const ALLE: [Self; 5] = [
        Self::Interactie,
        Self::Proces,
        Self::Integratie,
        Self::Services,
        Self::Data,
    ];

    /// The Dutch label shown to users.
    /// As the API and URLs write it: `services`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Interactie => "interactie",
            Self::Proces => "proces",
            Self::Integratie => "integratie",
            Self::Services => "services",
            Self::Data => "data",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Interactie => "Interactie",
            Self::Proces => "Proces",
            Self::Integratie => "Integratie",
            Self::Services => "Services",
            Self::Data => "Data",
        }
    }
}

/// A GEMMA referentiecomponent: a function a gemeente needs, such as
/// "Zaakregistratiecomponent".
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Referentiecomponent {
    /// GEMMA's `Object ID`.
    pub id: ReferentiecomponentId,
    /// Its name.
    pub naam: String,
    /// What it does.
    #[serde(default)]
    pub omschrijving: String,
}

/// How a component is financed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Soort {
    /// Common, collectively financed.
    Gemeenschappelijk,
    /// Each gemeente buys it.
    Decentraal,
}

/// Where a component stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Only an idea: never available.
    Idee,
    /// Being built, possibly by an opgave.
    InOntwikkeling,
    /// Available.
    Beschikbaar,
    /// Phased out: never available.
    Uitgefaseerd,
}

impl Status {
    /// Every status, from idea to phased out.
    pub const ALLE: [Self; 4] = [
        Self::Idee,
        Self::InOntwikkeling,
        Self::Beschikbaar,
        Self::Uitgefaseerd,
    ];

    /// As the API and URLs write it: `in_ontwikkeling`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Idee => "idee",
            Self::InOntwikkeling => "in_ontwikkeling",
            Self::Beschikbaar => "beschikbaar",
            Self::Uitgefaseerd => "uitgefaseerd",
        }
    }

    /// As a reader sees it: `In ontwikkeling`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Idee => "Idee",
            Self::InOntwikkeling => "In ontwikkeling",
            Self::Beschikbaar => "Beschikbaar",
            Self::Uitgefaseerd => "Uitgefaseerd",
        }
    }
}

impl Soort {
    /// Both kinds.
    pub const ALLE: [Self; 2] = [Self::Gemeenschappelijk, Self::Decentraal];

    /// As the API and URLs write it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Gemeenschappelijk => "gemeenschappelijk",
            Self::Decentraal => "decentraal",
        }
    }

    /// As a reader sees it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Gemeenschappelijk => "Gemeenschappelijk",
            Self::Decentraal => "Decentraal",
        }
    }
}

/// The most FTE a migration to one component may ask.
pub const MAX_MIGRATIE_FTE: f64 = 1_000.0;

/// The most items in one of a component's lists (there are 342 gemeenten).
const MAX_LIJST: usize = 1_000;

/// The default migration time when a component names none.
pub const STANDAARD_MIGRATIE_MAANDEN: u32 = 3;

/// The FTE a migration asks when nothing is known yet (a component new from a
/// publiccode.yml).
pub const STANDAARD_MIGRATIE_FTE: f64 = 0.5;

/// A Common Ground component.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Component {
    /// Its id; ties between equally ready candidates go to the lowest.
    pub id: ComponentId,
    /// Its name, "Open Zaak".
    pub naam: String,
    /// Its layer.
    pub laag: Laag,
    /// How it is financed.
    pub soort: Soort,
    /// Where it stands.
    pub status: Status,
    /// The opgave that delivers it, if any.
    #[serde(default)]
    pub opgave: Option<OpgaveId>,
    /// The referentiecomponenten it replaces.
    #[serde(default)]
    pub vervangt: Vec<ReferentiecomponentId>,
    /// Available from this date (status `beschikbaar`; none: available now).
    #[serde(default)]
    pub beschikbaar_vanaf: Option<NaiveDate>,
    /// Expected availability when no opgave delivers it.
    #[serde(default)]
    pub verwacht_beschikbaar: Option<NaiveDate>,
    /// Months a gemeente needs to migrate to it.
    #[serde(default = "standaard_migratie_maanden")]
    pub migratie_maanden: u32,
    /// FTE a migration asks during those months.
    #[serde(default)]
    pub migratie_fte: f64,
    /// Yearly cost for one gemeente in euros.
    #[serde(default)]
    pub jaarlijkse_kosten: i64,
    /// Where it lives (its repository).
    #[serde(default)]
    pub url: Option<String>,
    /// Its licence, "EUPL-1.2".
    #[serde(default)]
    pub licentie: Option<String>,
    /// Gemeenten known to use it.
    #[serde(default)]
    pub gebruikt_door: Vec<GemeenteCode>,
    /// Components it needs.
    #[serde(default)]
    pub afhankelijk_van: Vec<ComponentId>,
}

fn standaard_migratie_maanden() -> u32 {
    STANDAARD_MIGRATIE_MAANDEN
}

/// The ids a component may name, as the catalogue and the reference data hold them now.
#[derive(Debug, Clone, Default)]
pub struct Bekende {
    /// GEMMA referentiecomponenten.
    pub referentiecomponenten: std::collections::HashSet<String>,
    /// Components of the catalogue.
    pub componenten: std::collections::HashSet<String>,
    /// Opgaven of the Routekaart.
    pub opgaven: std::collections::HashSet<String>,
    /// CBS codes of the gemeenten.
    pub gemeenten: std::collections::HashSet<String>,
}

impl Component {
    /// What in the component names something `bekend` does not hold, or breaks a rule of
    /// [`Component::regelfouten`]: each as (field, reason). A component may not need
    /// itself.
    pub fn toets(&self, bekend: &Bekende) -> Vec<(String, String)> {
        let mut fouten = Vec::new();
        for (i, r) in self.vervangt.iter().enumerate() {
            if !bekend.referentiecomponenten.contains(r.as_str()) {
                fouten.push((
                    format!("vervangt[{i}]"),
                    format!(
                        "onbekende referentiecomponent '{r}'; gebruik het id uit de lijst van referentiecomponenten"
                    ),
                ));
            }
        }
        for (i, k) in self.afhankelijk_van.iter().enumerate() {
            if k == &self.id {
                fouten.push((
                    format!("afhankelijkVan[{i}]"),
                    "een component hangt niet van zichzelf af".into(),
                ));
            } else if !bekend.componenten.contains(k.as_str()) {
                let bedoeld =
                    naaste_namen(k.as_str(), bekend.componenten.iter().map(String::as_str));
                fouten.push((
                    format!("afhankelijkVan[{i}]"),
                    format!(
                        "onbekende component '{k}'; {}",
                        bedoelt_u(
                            &bedoeld,
                            "gebruik het id van een component uit de catalogus"
                        )
                    ),
                ));
            }
        }
        if let Some(opgave) = &self.opgave
            && !bekend.opgaven.contains(opgave.as_str())
        {
            let bedoeld = naaste_namen(opgave.as_str(), bekend.opgaven.iter().map(String::as_str));
            fouten.push((
                "opgave".into(),
                format!(
                    "onbekende opgave '{opgave}'; {}",
                    bedoelt_u(&bedoeld, "gebruik het id van een opgave op de Routekaart")
                ),
            ));
        }
        for (i, g) in self.gebruikt_door.iter().enumerate() {
            if !bekend.gemeenten.contains(g.as_str()) {
                fouten.push((
                    format!("gebruiktDoor[{i}]"),
                    crate::gemeente::onbekende_gemeente(g.as_str()),
                ));
            }
        }
        fouten.extend(self.regelfouten());
        fouten
    }

    /// A component nothing is known of yet but its id, name and layer: decentraal, an
    /// idea, default migration terms, no costs.
    pub fn nieuw(id: ComponentId, naam: String, laag: Laag) -> Self {
        Self {
            id,
            naam,
            laag,
            soort: Soort::Decentraal,
            status: Status::Idee,
            opgave: None,
            vervangt: Vec::new(),
            beschikbaar_vanaf: None,
            verwacht_beschikbaar: None,
            migratie_maanden: STANDAARD_MIGRATIE_MAANDEN,
            migratie_fte: STANDAARD_MIGRATIE_FTE,
            jaarlijkse_kosten: 0,
            url: None,
            licentie: None,
            gebruikt_door: Vec::new(),
            afhankelijk_van: Vec::new(),
        }
    }

    /// What in the component breaks a rule that needs nothing else to check, each as
    /// (field, reason): a name of 1 to 200 characters, a migration of at most 1 200
    /// months with a finite, non-negative FTE, non-negative costs, a safe link (`http` or
    /// `https`), a licence of a name's length and lists of a bounded length.
    pub fn regelfouten(&self) -> Vec<(String, String)> {
        use crate::grenzen;
        let mut fouten = Vec::new();
        let mut veld = |naam: &str, uitkomst: Result<(), String>| {
            if let Err(reden) = uitkomst {
                fouten.push((naam.to_owned(), reden));
            }
        };
        veld(
            "naam",
            if self.naam.trim().is_empty() {
                Err("is leeg".into())
            } else {
                grenzen::tekst(&self.naam, grenzen::MAX_NAAM_TEKENS)
            },
        );
        veld(
            "migratieMaanden",
            grenzen::maanden(self.migratie_maanden).map(|_| ()),
        );
        veld(
            "migratieFte",
            if self.migratie_fte.is_finite()
                && (0.0..=MAX_MIGRATIE_FTE).contains(&self.migratie_fte)
            {
                Ok(())
            } else {
                Err(format!("moet tussen 0 en {MAX_MIGRATIE_FTE} liggen"))
            },
        );
        veld(
            "jaarlijkseKosten",
            if self.jaarlijkse_kosten < 0 {
                Err("moet 0 of meer zijn".into())
            } else {
                Ok(())
            },
        );
        if let Some(url) = &self.url {
            veld("url", grenzen::url(url));
        }
        if let Some(licentie) = &self.licentie {
            veld(
                "licentie",
                grenzen::tekst(licentie, grenzen::MAX_NAAM_TEKENS),
            );
        }
        for (naam, lengte) in [
            ("vervangt", self.vervangt.len()),
            ("gebruiktDoor", self.gebruikt_door.len()),
            ("afhankelijkVan", self.afhankelijk_van.len()),
        ] {
            veld(
                naam,
                if lengte > MAX_LIJST {
                    Err(format!("hoogstens {MAX_LIJST} items"))
                } else {
                    Ok(())
                },
            );
        }
        fouten
    }

    /// Whether it replaces any of `referentiecomponenten`.
    pub fn vervangt_een_van(&self, referentiecomponenten: &[ReferentiecomponentId]) -> bool {
        self.vervangt
            .iter()
            .any(|r| referentiecomponenten.contains(r))
    }
}

/// Finds referentiecomponenten by GEMMA Object ID or by name (case-insensitive).
#[derive(Debug, Default)]
pub struct Referentiezoeker {
    op_id: std::collections::HashMap<String, ReferentiecomponentId>,
    op_naam: std::collections::HashMap<String, ReferentiecomponentId>,
    namen: Vec<String>,
    /// How many texts got suggestions; past [`MAX_SUGGESTIES`] no more are sought.
    gezocht: std::cell::Cell<usize>,
}

/// At most this many unknown texts per finder get "bedoelt u …?": a file of hostile rows
/// must not cost a comparison with every name for each row.
pub const MAX_SUGGESTIES: usize = 50;

/// Up to three of `namen` close to `tekst`, closest first: a name that contains it or is
/// contained in it, else one that is spelled alike (Jaro-Winkler 0.85 or more); none for
/// an empty text or one longer than a name can be. A caller that asks for many texts
/// bounds how many (see [`MAX_SUGGESTIES`]).
pub fn naaste_namen<'a>(tekst: &str, namen: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let tekst = tekst.trim().to_lowercase();
    if tekst.is_empty() || tekst.chars().count() > 200 {
        return Vec::new();
    }
    let mut kandidaten: Vec<(f64, &str)> = namen
        .into_iter()
        .filter_map(|naam| {
            let klein = naam.to_lowercase();
            let score = if klein.contains(&tekst) || tekst.contains(&klein) {
                1.0 + strsim::jaro_winkler(&klein, &tekst)
            } else {
                strsim::jaro_winkler(&klein, &tekst)
            };
            (score >= 0.85).then_some((score, naam))
        })
        .collect();
    kandidaten.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    kandidaten.dedup_by(|a, b| a.1 == b.1);
    kandidaten
        .into_iter()
        .take(3)
        .map(|(_, n)| n.to_owned())
        .collect()
}

/// "bedoelt u 'A' of 'B'?" for the names `tekst` may have meant; `anders` (what to do
/// instead) when there are none.
pub fn bedoelt_u(bedoeld: &[String], anders: &str) -> String {
    match bedoeld {
        [] => anders.to_owned(),
        meer => format!(
            "bedoelt u {}?",
            meer.iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(" of ")
        ),
    }
}

/// Finds a referentiecomponent by id or name, and when it cannot, the names that come
/// closest (none when it does not know any).
pub trait Referentievinder {
    /// The referentiecomponent `tekst` names, or the names it may have meant.
    ///
    /// # Errors
    /// Up to three known names close to `tekst`; empty when none is.
    fn vind(&self, tekst: &str) -> Result<ReferentiecomponentId, Vec<String>>;
}

impl<F: Fn(&str) -> Option<ReferentiecomponentId>> Referentievinder for F {
    fn vind(&self, tekst: &str) -> Result<ReferentiecomponentId, Vec<String>> {
        self(tekst).ok_or_else(Vec::new)
    }
}

impl Referentievinder for &Referentiezoeker {
    fn vind(&self, tekst: &str) -> Result<ReferentiecomponentId, Vec<String>> {
        self.zoek(tekst).ok_or_else(|| self.bedoelt(tekst))
    }
}

impl Referentiezoeker {
    /// A finder over (id, naam) pairs.
    pub fn met<'a>(paren: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut zoeker = Self::default();
        for (id, naam) in paren {
            let Ok(geldig) = ReferentiecomponentId::parse(id) else {
                continue;
            };
            zoeker.op_naam.insert(naam.to_lowercase(), geldig.clone());
            zoeker.op_id.insert(id.to_owned(), geldig);
            zoeker.namen.push(naam.to_owned());
        }
        zoeker
    }

    /// The referentiecomponent `tekst` names, if any.
    pub fn zoek(&self, tekst: &str) -> Option<ReferentiecomponentId> {
        self.op_id
            .get(tekst)
            .or_else(|| self.op_naam.get(&tekst.to_lowercase()))
            .cloned()
    }

    /// Up to three known names close to `tekst`, closest first: a name that contains it
    /// or is contained in it, else one that is spelled alike (Jaro-Winkler 0.85 or
    /// more). None past [`MAX_SUGGESTIES`] texts, or for a text longer than a name can be.
    pub fn bedoelt(&self, tekst: &str) -> Vec<String> {
        let gezocht = self.gezocht.get();
        if gezocht >= MAX_SUGGESTIES {
            return Vec::new();
        }
        self.gezocht.set(gezocht + 1);
        naaste_namen(tekst, self.namen.iter().map(String::as_str))
    }
}

#[cfg(test)]
mod toets_tests {
    use super::*;

    #[test]
    fn a_component_may_name_only_what_exists_and_not_need_itself() {
        let mut k = Component::nieuw(
            ComponentId::parse("open-zaak").expect("id"),
            "Open Zaak".into(),
            Laag::Services,
        );
        let bekend = Bekende {
            referentiecomponenten: ["zr".to_owned()].into(),
            componenten: ["open-notificaties".to_owned()].into(),
            opgaven: ["zgw".to_owned()].into(),
            gemeenten: ["GM0344".to_owned()].into(),
        };
        assert!(k.toets(&bekend).is_empty());
        k.vervangt = vec![ReferentiecomponentId::parse("onbekend").expect("id")];
        k.afhankelijk_van = vec![
            k.id.clone(),
            ComponentId::parse("open-notificaties").expect("id"),
        ];
        k.opgave = Some(OpgaveId::parse("weg").expect("id"));
        k.gebruikt_door = vec![GemeenteCode::parse("GM0363").expect("code")];
        let velden: Vec<String> = k.toets(&bekend).into_iter().map(|(veld, _)| veld).collect();
        assert_eq!(
            velden,
            [
                "vervangt[0]",
                "afhankelijkVan[0]",
                "opgave",
                "gebruiktDoor[0]"
            ]
        );
        // A near miss is answered with what was meant; every reason says what to do.
        k.afhankelijk_van = vec![ComponentId::parse("open-notificatie").expect("id")];
        k.opgave = Some(OpgaveId::parse("zgw-2").expect("id"));
        let redenen: Vec<String> = k.toets(&bekend).into_iter().map(|(_, r)| r).collect();
        assert_eq!(
            redenen,
            [
                "onbekende referentiecomponent 'onbekend'; gebruik het id uit de lijst van referentiecomponenten",
                "onbekende component 'open-notificatie'; bedoelt u 'open-notificaties'?",
                "onbekende opgave 'zgw-2'; bedoelt u 'zgw'?",
                "onbekende gemeente 'GM0363'; gebruik de CBS-code uit de lijst van gemeenten, zoals GM0344 voor Utrecht",
            ]
        );
    }
}

#[cfg(test)]
mod zoeker_tests {
    use super::*;

    fn zoeker() -> Referentiezoeker {
        Referentiezoeker::met([
            ("a1", "Generiek zaakafhandelcomponent"),
            ("a2", "Zaakregistratiecomponent"),
            ("a3", "Documentregistratiecomponent"),
            ("a4", "Klantinteractiecomponent"),
        ])
    }

    #[test]
    fn a_name_found_inside_a_known_one_is_suggested_first() {
        let z = zoeker();
        assert_eq!(
            (&z).vind("Zaakafhandelcomponent"),
            Err(vec!["Generiek zaakafhandelcomponent".to_owned()])
        );
        // A typing error still finds it; an id or a name in other case is found at once.
        assert_eq!(
            (&z).vind("zaakregistratiecomponet"),
            Err(vec!["Zaakregistratiecomponent".to_owned()])
        );
        assert_eq!((&z).vind("A2").ok(), None);
        assert_eq!(
            (&z).vind("zaakregistratiecomponent")
                .ok()
                .map(|r| r.to_string()),
            Some("a2".to_owned())
        );
    }

    #[test]
    fn nothing_alike_gets_no_suggestion_and_hostile_files_stop_asking() {
        let z = zoeker();
        assert_eq!((&z).vind("Tovercomponent xyz"), Err(Vec::new()));
        for i in 0..MAX_SUGGESTIES {
            let _ = z.bedoelt(&format!("zaakregistratie {i}"));
        }
        assert_eq!(
            z.bedoelt("Zaakafhandelcomponent"),
            Vec::<String>::new(),
            "past the bound no more comparisons are made"
        );
    }
}
