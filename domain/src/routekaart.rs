//! The Routekaart: opgaven with an ontwikkelfase and an opschalingsfase, their
//! activiteiten (bars on the timeline), besluiten (decision moments) and the gemeenten
//! that take part as coalitiepartner or eerste gebruiker.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::datum::{Periode, PeriodeFout};
use crate::gemeente::GemeenteCode;
pub use crate::id::{ActiviteitId, BesluitId, IdFout, OpgaveId};

/// Which of the two fasen of an opgave.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaseSoort {
    /// Development by the coalitiepartners.
    Ontwikkelfase,
    /// Scale-up: first the eerste gebruikers, then everybody.
    Opschalingsfase,
}

impl FaseSoort {
    /// Both, in order.
    pub const ALLE: [Self; 2] = [Self::Ontwikkelfase, Self::Opschalingsfase];

    /// The code in the API: `ontwikkelfase`, `opschalingsfase`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Ontwikkelfase => "ontwikkelfase",
            Self::Opschalingsfase => "opschalingsfase",
        }
    }

    /// The Dutch label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ontwikkelfase => "Ontwikkelfase",
            Self::Opschalingsfase => "Opschalingsfase",
        }
    }
}

/// One fase of an opgave: its period and, optionally, the besluit it waits for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "RuweFase")]
pub struct Fase {
    /// First and last day of the fase.
    #[serde(flatten)]
    pub periode: Periode,
    /// A besluit that must be taken before the fase may start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wacht_op_besluit: Option<BesluitId>,
}

/// A bar on the timeline.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "RuweActiviteit")]
pub struct Activiteit {
    /// Unique across the Routekaart.
    pub id: ActiviteitId,
    /// What is done, in a few words.
    pub naam: String,
    /// The fase it belongs to.
    pub fase: FaseSoort,
    /// First and last day.
    #[serde(flatten)]
    pub periode: Periode,
    /// Finish-to-start predecessors, possibly in other opgaven.
    #[serde(default)]
    pub afhankelijk_van: Vec<ActiviteitId>,
}

// `Fase` and `Activiteit` as they come in, with the period's `start` and `eind` beside the
// other fields. Read through these rather than `#[serde(flatten)]`, which buffers every
// field first and needs a second deserializer for every type inside: the same JSON and
// the same messages, in less code (less WASM; docs/performance.md, session 22).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuweFase {
    start: NaiveDate,
    eind: NaiveDate,
    #[serde(default)]
    wacht_op_besluit: Option<BesluitId>,
}

impl TryFrom<RuweFase> for Fase {
    type Error = PeriodeFout;

    fn try_from(r: RuweFase) -> Result<Self, Self::Error> {
        Ok(Self {
            periode: Periode::new(r.start, r.eind)?,
            wacht_op_besluit: r.wacht_op_besluit,
        })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuweActiviteit {
    id: ActiviteitId,
    naam: String,
    fase: FaseSoort,
    start: NaiveDate,
    eind: NaiveDate,
    #[serde(default)]
    afhankelijk_van: Vec<ActiviteitId>,
}

impl TryFrom<RuweActiviteit> for Activiteit {
    type Error = PeriodeFout;

    fn try_from(r: RuweActiviteit) -> Result<Self, Self::Error> {
        Ok(Self {
            id: r.id,
            naam: r.naam,
            fase: r.fase,
            periode: Periode::new(r.start, r.eind)?,
            afhankelijk_van: r.afhankelijk_van,
        })
    }
}

/// The body that takes a besluit.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Orgaan {
    /// The College van Dienstverleningszaken of the VNG.
    CollegeVanDienstverleningszaken,
    /// The (algemene) ledenvergadering.
    Ledenvergadering,
    /// The VNG bestuur.
    Bestuur,
}

impl Orgaan {
    /// All three.
    pub const ALLE: [Self; 3] = [
        Self::CollegeVanDienstverleningszaken,
        Self::Ledenvergadering,
        Self::Bestuur,
    ];

    /// The code in the API, `college_van_dienstverleningszaken`.
    pub fn code(self) -> &'static str {
        match self {
            Self::CollegeVanDienstverleningszaken => "college_van_dienstverleningszaken",
            Self::Ledenvergadering => "ledenvergadering",
            Self::Bestuur => "bestuur",
        }
    }

    /// The Dutch label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::CollegeVanDienstverleningszaken => "College van Dienstverleningszaken",
            Self::Ledenvergadering => "Ledenvergadering",
            Self::Bestuur => "Bestuur",
        }
    }
}

/// A decision moment on the Routekaart.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Besluit {
    /// Unique across the Routekaart.
    pub id: BesluitId,
    /// The day of the meeting.
    pub datum: NaiveDate,
    /// Who decides.
    pub orgaan: Orgaan,
    /// What is decided.
    pub onderwerp: String,
}

/// A gemeente's role in an opgave; a gemeente without one is a volger.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rol {
    /// Develops the solution in the ontwikkelfase (C).
    Coalitiepartner,
    /// Among the first to use it in the opschalingsfase (1G).
    EersteGebruiker,
}

impl Rol {
    /// Both.
    pub const ALLE: [Self; 2] = [Self::Coalitiepartner, Self::EersteGebruiker];

    /// The code in the API: `coalitiepartner`, `eerste_gebruiker`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Coalitiepartner => "coalitiepartner",
            Self::EersteGebruiker => "eerste_gebruiker",
        }
    }

    /// The Dutch label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::Coalitiepartner => "Coalitiepartner",
            Self::EersteGebruiker => "Eerste gebruiker",
        }
    }
}

/// A gemeente taking part in an opgave.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deelnemer {
    /// Who takes part.
    pub gemeente: GemeenteCode,
    /// As what.
    pub rol: Rol,
}

/// What taking part in one rol asks of a gemeente.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bijdrage {
    /// People, in FTE, in every quarter of the fase the rol works in.
    pub fte_per_kwartaal: f64,
    /// Money in whole euros over that whole fase, spread evenly by days.
    pub euro: i64,
}

/// The bijdrage per rol of an opgave.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bijdragen {
    /// Asked of each coalitiepartner, over the ontwikkelfase.
    pub coalitiepartner: Bijdrage,
    /// Asked of each eerste gebruiker, over the opschalingsfase.
    pub eerste_gebruiker: Bijdrage,
}

/// How an opgave is approached (the letter's "aanpak").
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Aanpak {
    /// Conditions that must hold.
    pub randvoorwaarden: String,
    /// People and means.
    pub mensen_en_middelen: String,
    /// The planning in words.
    pub planning: String,
}

/// How support is organised (the letter's "draagvlak").
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Draagvlak {
    /// The covenant that binds the partners.
    pub convenant: String,
    /// The financial arrangements.
    pub financiele_arrangementen: String,
    /// Governance.
    pub governance: String,
}

/// A roadmap item of the Routekaart.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Opgave {
    /// Its identifier, used in URLs.
    pub id: OpgaveId,
    /// Its name, "Registratie Vakantieverhuur".
    pub naam: String,
    /// What it aims at.
    pub doelstelling: String,
    /// How it is approached.
    pub aanpak: Aanpak,
    /// Who works on it beyond the listed deelnemers: koplopers and slimme volgers.
    pub coalitie: String,
    /// How support is organised.
    pub draagvlak: Draagvlak,
    /// Development by the coalitiepartners.
    pub ontwikkelfase: Fase,
    /// Scale-up.
    pub opschalingsfase: Fase,
    /// The bars on its timeline.
    pub activiteiten: Vec<Activiteit>,
    /// Its decision moments.
    pub besluiten: Vec<Besluit>,
    /// The gemeenten taking part.
    pub deelnemers: Vec<Deelnemer>,
    /// What each rol asks.
    pub bijdrage: Bijdragen,
}

impl Opgave {
    /// A new opgave with only its id, name and the periods of both fasen; the texts,
    /// activiteiten, besluiten, deelnemers and bijdragen are filled in later.
    pub fn nieuw(
        id: OpgaveId,
        naam: String,
        ontwikkelfase: Periode,
        opschalingsfase: Periode,
    ) -> Self {
        let fase = |periode| Fase {
            periode,
            wacht_op_besluit: None,
        };
        Self {
            id,
            naam,
            doelstelling: String::new(),
            aanpak: Aanpak::default(),
            coalitie: String::new(),
            draagvlak: Draagvlak::default(),
            ontwikkelfase: fase(ontwikkelfase),
            opschalingsfase: fase(opschalingsfase),
            activiteiten: Vec::new(),
            besluiten: Vec::new(),
            deelnemers: Vec::new(),
            bijdrage: Bijdragen::default(),
        }
    }

    /// The fase of the given kind.
    pub fn fase(&self, soort: FaseSoort) -> &Fase {
        match soort {
            FaseSoort::Ontwikkelfase => &self.ontwikkelfase,
            FaseSoort::Opschalingsfase => &self.opschalingsfase,
        }
    }

    /// The rol of a gemeente in this opgave, `None` for a volger.
    pub fn rol_van(&self, gemeente: &GemeenteCode) -> Option<Rol> {
        self.deelnemers
            .iter()
            .find(|d| &d.gemeente == gemeente)
            .map(|d| d.rol)
    }

    /// The gemeenten taking part in the given rol.
    pub fn deelnemers_met(&self, rol: Rol) -> impl Iterator<Item = &GemeenteCode> {
        self.deelnemers
            .iter()
            .filter(move |d| d.rol == rol)
            .map(|d| &d.gemeente)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_activiteit_reads_from_camel_case_json_with_a_checked_period() {
        let json = r#"{"id":"bouw","naam":"Bouw","fase":"ontwikkelfase",
            "start":"2025-01-01","eind":"2025-03-31","afhankelijkVan":["ontwerp"]}"#;
        let activiteit: Activiteit = serde_json::from_str(json).expect("valid");
        assert_eq!(activiteit.afhankelijk_van[0].as_str(), "ontwerp");
        assert_eq!(activiteit.periode.dagen(), 89);

        let verkeerd = json.replace("2025-03-31", "2024-12-31");
        let fout = serde_json::from_str::<Activiteit>(&verkeerd).expect_err("eind before start");
        assert!(
            fout.to_string()
                .contains("einddatum 2024-12-31 ligt voor startdatum 2025-01-01"),
            "{fout}"
        );
    }

    #[test]
    fn a_fase_and_an_activiteit_write_their_period_beside_their_fields_and_read_it_back() {
        let fase = Fase {
            periode: Periode::new(
                NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
                NaiveDate::from_ymd_opt(2025, 6, 30).expect("date"),
            )
            .expect("valid"),
            wacht_op_besluit: Some(BesluitId::parse("akkoord").expect("valid")),
        };
        let json = serde_json::to_string(&fase).expect("serialises");
        assert_eq!(
            json,
            r#"{"start":"2025-01-01","eind":"2025-06-30","wachtOpBesluit":"akkoord"}"#
        );
        assert_eq!(
            serde_json::from_str::<Fase>(&json).expect("reads back"),
            fase
        );

        let activiteit = Activiteit {
            id: ActiviteitId::parse("bouw").expect("valid"),
            naam: "Bouw".into(),
            fase: FaseSoort::Ontwikkelfase,
            periode: fase.periode,
            afhankelijk_van: vec![],
        };
        let json = serde_json::to_string(&activiteit).expect("serialises");
        assert_eq!(
            serde_json::from_str::<Activiteit>(&json).expect("reads back"),
            activiteit
        );
    }

    #[test]
    fn roles_and_organs_serialise_in_snake_case() {
        assert_eq!(
            serde_json::to_string(&Rol::EersteGebruiker).expect("serialises"),
            r#""eerste_gebruiker""#
        );
        assert_eq!(
            serde_json::to_string(&Orgaan::CollegeVanDienstverleningszaken).expect("serialises"),
            r#""college_van_dienstverleningszaken""#
        );
    }
}
