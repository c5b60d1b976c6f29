//! A gemeente's own landscape: its applicaties, each under a [`Contract`], and its
//! [`Capaciteit`] for the transition.
//!
//! [`gegevens`] holds the form in which applicaties arrive (JSON, a CSV or XLSX row, a form
//! in the browser) and the one check that turns them into an [`Applicatie`].

pub mod gegevens;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::gemeente::GemeenteCode;
use crate::id::{ApplicatieId, ReferentiecomponentId};

/// Why contract terms are not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContractFout {
    /// The einddatum lies before the startdatum.
    #[error("einddatum {einddatum} ligt voor startdatum {startdatum}")]
    EindVoorStart {
        /// The given start.
        startdatum: NaiveDate,
        /// The given end.
        einddatum: NaiveDate,
    },
    /// The uiterste einddatum lies before the einddatum.
    #[error("uiterste einddatum {uiterste} ligt voor einddatum {einddatum}")]
    UitersteVoorEind {
        /// The given end.
        einddatum: NaiveDate,
        /// The given latest end.
        uiterste: NaiveDate,
    },
    /// Negative yearly costs.
    #[error("jaarlijkse kosten mogen niet negatief zijn ({0})")]
    NegatieveKosten(i64),
    /// A month count past [`crate::grenzen::MAX_MAANDEN`].
    #[error("{reden}")]
    TeVeelMaanden {
        /// `opzegtermijnMaanden` or `verlengingMaanden`.
        veld: &'static str,
        /// The reason, naming the bound.
        reden: String,
    },
}

/// The terms of the contract an applicatie runs under.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "RuwContract")]
pub struct Contract {
    startdatum: Option<NaiveDate>,
    einddatum: NaiveDate,
    opzegtermijn_maanden: u32,
    verlenging_maanden: u32,
    uiterste_einddatum: Option<NaiveDate>,
    jaarlijkse_kosten: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuwContract {
    #[serde(default)]
    startdatum: Option<NaiveDate>,
    einddatum: NaiveDate,
    #[serde(default)]
    opzegtermijn_maanden: u32,
    #[serde(default)]
    verlenging_maanden: u32,
    #[serde(default)]
    uiterste_einddatum: Option<NaiveDate>,
    #[serde(default)]
    jaarlijkse_kosten: i64,
}

impl TryFrom<RuwContract> for Contract {
    type Error = ContractFout;

    fn try_from(r: RuwContract) -> Result<Self, Self::Error> {
        Self::new(
            r.startdatum,
            r.einddatum,
            r.opzegtermijn_maanden,
            r.verlenging_maanden,
            r.uiterste_einddatum,
            r.jaarlijkse_kosten,
        )
    }
}

impl Contract {
    /// Contract terms, checked.
    ///
    /// # Errors
    /// When the einddatum lies before the startdatum, the uiterste einddatum before the
    /// einddatum, or the costs are negative.
    pub fn new(
        startdatum: Option<NaiveDate>,
        einddatum: NaiveDate,
        opzegtermijn_maanden: u32,
        verlenging_maanden: u32,
        uiterste_einddatum: Option<NaiveDate>,
        jaarlijkse_kosten: i64,
    ) -> Result<Self, ContractFout> {
        Self::toets_termijnen(
            startdatum,
            Some(einddatum),
            opzegtermijn_maanden,
            verlenging_maanden,
            uiterste_einddatum,
            jaarlijkse_kosten,
        )?;
        Ok(Self {
            startdatum,
            einddatum,
            opzegtermijn_maanden,
            verlenging_maanden,
            uiterste_einddatum,
            jaarlijkse_kosten,
        })
    }

    /// Checks contract terms that may still lack their einddatum: the dates against it
    /// only when it is there.
    ///
    /// # Errors
    /// As [`Contract::new`].
    pub fn toets_termijnen(
        startdatum: Option<NaiveDate>,
        einddatum: Option<NaiveDate>,
        opzegtermijn_maanden: u32,
        verlenging_maanden: u32,
        uiterste_einddatum: Option<NaiveDate>,
        jaarlijkse_kosten: i64,
    ) -> Result<(), ContractFout> {
        if let Some(einddatum) = einddatum {
            if let Some(startdatum) = startdatum.filter(|s| einddatum < *s) {
                return Err(ContractFout::EindVoorStart {
                    startdatum,
                    einddatum,
                });
            }
            if let Some(uiterste) = uiterste_einddatum.filter(|m| *m < einddatum) {
                return Err(ContractFout::UitersteVoorEind {
                    einddatum,
                    uiterste,
                });
            }
        }
        if jaarlijkse_kosten < 0 {
            return Err(ContractFout::NegatieveKosten(jaarlijkse_kosten));
        }
        for (veld, maanden) in [
            ("opzegtermijnMaanden", opzegtermijn_maanden),
            ("verlengingMaanden", verlenging_maanden),
        ] {
            crate::grenzen::maanden(maanden)
                .map_err(|reden| ContractFout::TeVeelMaanden { veld, reden })?;
        }
        Ok(())
    }

    /// The same terms, but ending for good at `einddatum`: no renewal, no notice needed.
    /// This is what "extend to" or "end at" a date decides.
    ///
    /// # Errors
    /// When `einddatum` lies before the startdatum.
    pub fn eindigend_op(&self, einddatum: NaiveDate) -> Result<Self, ContractFout> {
        Self::new(
            self.startdatum,
            einddatum,
            0,
            0,
            None,
            self.jaarlijkse_kosten,
        )
    }

    /// When the contract started, if known.
    pub fn startdatum(&self) -> Option<NaiveDate> {
        self.startdatum
    }
    /// The current end of the contract (E).
    pub fn einddatum(&self) -> NaiveDate {
        self.einddatum
    }
    /// Notice period in months.
    pub fn opzegtermijn_maanden(&self) -> u32 {
        self.opzegtermijn_maanden
    }
    /// Automatic renewal term in months (r); 0 = none.
    pub fn verlenging_maanden(&self) -> u32 {
        self.verlenging_maanden
    }
    /// The latest end (M), if any.
    pub fn uiterste_einddatum(&self) -> Option<NaiveDate> {
        self.uiterste_einddatum
    }
    /// Yearly costs in euros.
    pub fn jaarlijkse_kosten(&self) -> i64 {
        self.jaarlijkse_kosten
    }
}

/// An application in one gemeente's landscape.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "RuweApplicatie")]
pub struct Applicatie {
    /// Its id within the landscape.
    pub id: ApplicatieId,
    /// The gemeente whose landscape it is in.
    pub gemeente: GemeenteCode,
    /// Its name, "Zaaksysteem X".
    pub naam: String,
    /// Its vendor.
    #[serde(default)]
    pub leverancier: String,
    /// The functions it fulfils.
    #[serde(default)]
    pub referentiecomponenten: Vec<ReferentiecomponentId>,
    /// The contract it runs under; its fields sit beside the others in JSON and CSV.
    #[serde(flatten)]
    pub contract: Contract,
    /// Whether it is in use at all.
    #[serde(default = "waar")]
    pub in_gebruik: bool,
    /// How many people use it, if known.
    #[serde(default)]
    pub gebruikers: Option<u32>,
}

// An `Applicatie` as it comes in, with its contract's fields beside the others. Read
// through this rather than `#[serde(flatten)]` (see `routekaart::RuweFase`); the contract's
// fields repeat `RuwContract`'s, as the JSON does, since a contract is also read alone
// (`landelijk::venster`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuweApplicatie {
    id: ApplicatieId,
    gemeente: GemeenteCode,
    naam: String,
    #[serde(default)]
    leverancier: String,
    #[serde(default)]
    referentiecomponenten: Vec<ReferentiecomponentId>,
    #[serde(default)]
    startdatum: Option<NaiveDate>,
    einddatum: NaiveDate,
    #[serde(default)]
    opzegtermijn_maanden: u32,
    #[serde(default)]
    verlenging_maanden: u32,
    #[serde(default)]
    uiterste_einddatum: Option<NaiveDate>,
    #[serde(default)]
    jaarlijkse_kosten: i64,
    #[serde(default = "waar")]
    in_gebruik: bool,
    #[serde(default)]
    gebruikers: Option<u32>,
}

impl TryFrom<RuweApplicatie> for Applicatie {
    type Error = ContractFout;

    fn try_from(r: RuweApplicatie) -> Result<Self, Self::Error> {
        Ok(Self {
            id: r.id,
            gemeente: r.gemeente,
            naam: r.naam,
            leverancier: r.leverancier,
            referentiecomponenten: r.referentiecomponenten,
            contract: Contract::new(
                r.startdatum,
                r.einddatum,
                r.opzegtermijn_maanden,
                r.verlenging_maanden,
                r.uiterste_einddatum,
                r.jaarlijkse_kosten,
            )?,
            in_gebruik: r.in_gebruik,
            gebruikers: r.gebruikers,
        })
    }
}

fn waar() -> bool {
    true
}

impl Applicatie {
    /// Unused: not in use, or nobody uses it.
    pub fn ongebruikt(&self) -> bool {
        !self.in_gebruik || self.gebruikers == Some(0)
    }
}

/// What a gemeente can spend on the transition.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Capaciteit {
    /// FTE available in every quarter.
    pub fte_per_kwartaal: f64,
    /// Euros available per calendar year.
    pub budget_per_jaar: i64,
}

/// Why a capaciteit is refused; one per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CapaciteitFout {
    /// The fte is not a number of 0 or more.
    #[error("de fte per kwartaal moet een getal van 0 of meer zijn")]
    Fte,
    /// The budget is not a whole number of euros of 0 or more.
    #[error("het budget per jaar moet een heel aantal euro van 0 of meer zijn")]
    Budget,
}

impl CapaciteitFout {
    /// The field it is about, as the API names it.
    pub fn veld(self) -> &'static str {
        match self {
            Self::Fte => "ftePerKwartaal",
            Self::Budget => "budgetPerJaar",
        }
    }
}

impl Capaciteit {
    /// A capaciteit of `fte_per_kwartaal` (finite, 0 or more) and `budget_per_jaar` (0 or
    /// more).
    ///
    /// # Errors
    /// Each field that is out of range, fte first.
    pub fn new(fte_per_kwartaal: f64, budget_per_jaar: i64) -> Result<Self, Vec<CapaciteitFout>> {
        Self {
            fte_per_kwartaal,
            budget_per_jaar,
        }
        .toets()
    }

    /// This capaciteit when both fields are in range ([`Capaciteit::new`]).
    ///
    /// # Errors
    /// Each field that is out of range.
    pub fn toets(self) -> Result<Self, Vec<CapaciteitFout>> {
        let mut fouten = Vec::new();
        if !(self.fte_per_kwartaal.is_finite() && self.fte_per_kwartaal >= 0.0) {
            fouten.push(CapaciteitFout::Fte);
        }
        if self.budget_per_jaar < 0 {
            fouten.push(CapaciteitFout::Budget);
        }
        if fouten.is_empty() {
            Ok(self)
        } else {
            Err(fouten)
        }
    }

    /// A capaciteit as people type it: fte with a decimal comma or point, budget in whole
    /// euros with or without thousands dots or spaces ("2,5" and "120.000").
    ///
    /// # Errors
    /// Each field that is not a number in range.
    pub fn lees(fte: &str, budget: &str) -> Result<Self, Vec<CapaciteitFout>> {
        // What does not parse stands in as a value `new` refuses for that field.
        let fte = fte
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .unwrap_or(f64::NAN);
        let budget = budget
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}'))
            .collect::<String>()
            .parse::<i64>()
            .unwrap_or(-1);
        Self::new(fte, budget)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn a_capaciteit_is_read_as_people_type_it_and_refused_per_field() {
        assert_eq!(
            Capaciteit::lees(" 2,5 ", "120.000"),
            Capaciteit::new(2.5, 120_000)
        );
        assert_eq!(
            Capaciteit::lees("1.5", "90 000").map(|c| c.budget_per_jaar),
            Ok(90_000)
        );
        assert_eq!(Capaciteit::lees("-1", "5"), Err(vec![CapaciteitFout::Fte]));
        assert_eq!(
            Capaciteit::lees("2", "-5"),
            Err(vec![CapaciteitFout::Budget])
        );
        assert_eq!(
            Capaciteit::lees("veel", ""),
            Err(vec![CapaciteitFout::Fte, CapaciteitFout::Budget])
        );
        assert_eq!(Capaciteit::new(f64::NAN, 0), Err(vec![CapaciteitFout::Fte]));
        assert_eq!(
            Capaciteit::new(f64::INFINITY, 0),
            Err(vec![CapaciteitFout::Fte])
        );
        assert_eq!(CapaciteitFout::Budget.veld(), "budgetPerJaar");
    }

    #[test]
    fn a_contract_ending_before_it_starts_is_refused() {
        let fout =
            Contract::new(Some(d("2025-01-01")), d("2024-12-31"), 0, 0, None, 0).unwrap_err();
        assert_eq!(
            fout.to_string(),
            "einddatum 2024-12-31 ligt voor startdatum 2025-01-01"
        );
    }

    #[test]
    fn a_latest_end_before_the_end_and_negative_costs_are_refused() {
        assert!(matches!(
            Contract::new(None, d("2025-12-31"), 0, 12, Some(d("2025-06-30")), 0),
            Err(ContractFout::UitersteVoorEind { .. })
        ));
        assert_eq!(
            Contract::new(None, d("2025-12-31"), 0, 12, None, -1),
            Err(ContractFout::NegatieveKosten(-1))
        );
    }

    #[test]
    fn contract_json_is_checked_on_the_way_in() {
        let goed = r#"{"einddatum":"2025-12-31","opzegtermijnMaanden":6,"verlengingMaanden":12,"jaarlijkseKosten":120000}"#;
        let contract: Contract = serde_json::from_str(goed).expect("valid");
        assert_eq!(contract.verlenging_maanden(), 12);
        let fout = r#"{"startdatum":"2026-01-01","einddatum":"2025-12-31"}"#;
        assert!(serde_json::from_str::<Contract>(fout).is_err());
    }

    #[test]
    fn an_applicatie_reads_its_contract_from_fields_beside_the_others_and_checks_it() {
        let json = r#"{"id":"zs","gemeente":"GM0344","naam":"Zaaksysteem",
            "einddatum":"2026-12-31","opzegtermijnMaanden":6,"jaarlijkseKosten":1000}"#;
        let app: Applicatie = serde_json::from_str(json).expect("valid");
        assert_eq!(app.contract.einddatum(), d("2026-12-31"));
        assert_eq!(app.contract.opzegtermijn_maanden(), 6);
        assert!(app.in_gebruik);
        let terug = serde_json::to_string(&app).expect("serialises");
        assert!(terug.contains(r#""einddatum":"2026-12-31""#), "{terug}");
        assert_eq!(
            serde_json::from_str::<Applicatie>(&terug).expect("reads back"),
            app
        );

        let verkeerd = json.replace("1000", "-5");
        let fout = serde_json::from_str::<Applicatie>(&verkeerd).expect_err("negative costs");
        assert!(
            fout.to_string()
                .contains(&ContractFout::NegatieveKosten(-5).to_string()),
            "{fout}"
        );
        let zonder = json.replace(r#""einddatum":"2026-12-31","#, "");
        let fout = serde_json::from_str::<Applicatie>(&zonder).expect_err("no einddatum");
        assert!(
            fout.to_string().contains("missing field `einddatum`"),
            "{fout}"
        );
    }

    #[test]
    fn an_applicatie_without_users_is_unused() {
        let contract = Contract::new(None, d("2025-12-31"), 0, 0, None, 0).expect("valid");
        let mut app = Applicatie {
            id: ApplicatieId::parse("x").expect("valid"),
            gemeente: GemeenteCode::parse("GM0344").expect("valid"),
            naam: "X".into(),
            leverancier: String::new(),
            referentiecomponenten: vec![],
            contract,
            in_gebruik: true,
            gebruikers: None,
        };
        assert!(!app.ongebruikt());
        app.gebruikers = Some(0);
        assert!(app.ongebruikt());
        app.gebruikers = Some(3);
        app.in_gebruik = false;
        assert!(app.ongebruikt());
    }
}
