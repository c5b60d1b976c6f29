//! Calendar arithmetic as `DOMAIN.md` defines it: dates without time or zone, month
//! addition that clamps to the last day of the month, calendar quarters, and a
//! [`Periode`] that cannot end before it starts.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// `d + n months`, clamped to the month's last day (2024-01-31 + 1 month = 2024-02-29).
///
/// Negative `n` subtracts. Returns `None` only when the result falls outside chrono's
/// date range (hundreds of thousands of years away), which callers treat as "never".
pub fn plus_maanden(datum: NaiveDate, maanden: i32) -> Option<NaiveDate> {
    let stap = Months::new(maanden.unsigned_abs());
    if maanden >= 0 {
        datum.checked_add_months(stap)
    } else {
        datum.checked_sub_months(stap)
    }
}

/// A calendar quarter, written `2025-Q3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kwartaal {
    jaar: i32,
    nummer: u8,
}

impl Kwartaal {
    /// The quarter a date falls in.
    pub fn van(datum: NaiveDate) -> Self {
        Self {
            jaar: datum.year(),
            // month0 is 0..=11, so the quotient is 0..=3 and always fits.
            nummer: u8::try_from(datum.month0() / 3).unwrap_or(0) + 1,
        }
    }

    /// The calendar year of the quarter.
    pub fn jaar(self) -> i32 {
        self.jaar
    }

    /// The number of the quarter within its year, 1 to 4.
    pub fn nummer(self) -> u8 {
        self.nummer
    }

    /// The first day of the quarter.
    pub fn eerste_dag(self) -> NaiveDate {
        let maand = u32::from(self.nummer - 1) * 3 + 1;
        NaiveDate::from_ymd_opt(self.jaar, maand, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The first day after the quarter (the first day of the next quarter).
    pub fn dag_na(self) -> NaiveDate {
        self.volgende().eerste_dag()
    }

    /// The quarter before this one.
    #[must_use]
    pub fn vorige(self) -> Self {
        if self.nummer == 1 {
            Self {
                jaar: self.jaar - 1,
                nummer: 4,
            }
        } else {
            Self {
                jaar: self.jaar,
                nummer: self.nummer - 1,
            }
        }
    }

    /// The quarter after this one.
    #[must_use]
    pub fn volgende(self) -> Self {
        if self.nummer == 4 {
            Self {
                jaar: self.jaar + 1,
                nummer: 1,
            }
        } else {
            Self {
                jaar: self.jaar,
                nummer: self.nummer + 1,
            }
        }
    }
}

/// Why a text is not a quarter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is geen kwartaal: verwacht bijvoorbeeld 2025-Q3")]
pub struct KwartaalFout(String);

impl std::str::FromStr for Kwartaal {
    type Err = KwartaalFout;

    fn from_str(tekst: &str) -> Result<Self, Self::Err> {
        let fout = || KwartaalFout(tekst.to_owned());
        let (jaar, nummer) = tekst.split_once("-Q").ok_or_else(fout)?;
        let jaar: i32 = jaar.parse().map_err(|_| fout())?;
        let nummer: u8 = nummer.parse().map_err(|_| fout())?;
        if !(1..=4).contains(&nummer) || NaiveDate::from_ymd_opt(jaar, 1, 1).is_none() {
            return Err(fout());
        }
        Ok(Self { jaar, nummer })
    }
}

impl Serialize for Kwartaal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Kwartaal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tekst = String::deserialize(deserializer)?;
        tekst.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Kwartaal {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::Type::String)
            .pattern(Some(r"^\d{4}-Q[1-4]$"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Kwartaal {}

impl fmt::Display for Kwartaal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.jaar, self.nummer)
    }
}

/// Why a [`Periode`] could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodeFout {
    /// The end lies before the start.
    #[error("einddatum {eind} ligt voor startdatum {start}")]
    EindVoorStart {
        /// The start that was given.
        start: NaiveDate,
        /// The end that was given, earlier than the start.
        eind: NaiveDate,
    },
}

/// A text that is no date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is geen datum (JJJJ-MM-DD)")]
pub struct DatumFout(pub String);

/// A date as people, forms and files write it: `JJJJ-MM-DD` (ISO 8601, what a date field
/// sends), or `DD-MM-JJJJ` as Dutch spreadsheets write it. The one date reader of
/// Grondplan.
///
/// # Errors
/// When `tekst` (trimmed) is neither.
pub fn lees_datum(tekst: &str) -> Result<NaiveDate, DatumFout> {
    let t = tekst.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d-%m-%Y"))
        .map_err(|_| DatumFout(t.to_owned()))
}

/// A span of calendar days from `start` to `eind`, both included, with `start ≤ eind`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RuwePeriode")]
pub struct Periode {
    start: NaiveDate,
    eind: NaiveDate,
}

#[derive(Deserialize)]
struct RuwePeriode {
    start: NaiveDate,
    eind: NaiveDate,
}

impl TryFrom<RuwePeriode> for Periode {
    type Error = PeriodeFout;

    fn try_from(ruw: RuwePeriode) -> Result<Self, Self::Error> {
        Self::new(ruw.start, ruw.eind)
    }
}

impl Periode {
    /// A period from `start` to `eind`.
    ///
    /// # Errors
    /// [`PeriodeFout::EindVoorStart`] when `eind` is before `start`.
    pub fn new(start: NaiveDate, eind: NaiveDate) -> Result<Self, PeriodeFout> {
        if eind < start {
            return Err(PeriodeFout::EindVoorStart { start, eind });
        }
        Ok(Self { start, eind })
    }

    /// The first day.
    pub fn start(self) -> NaiveDate {
        self.start
    }

    /// The last day.
    pub fn eind(self) -> NaiveDate {
        self.eind
    }

    /// Length in days (`eind − start`; a one-day period has length 0).
    pub fn dagen(self) -> i64 {
        (self.eind - self.start).num_days()
    }

    /// Whether `datum` lies within the period, both ends included.
    pub fn bevat(self, datum: NaiveDate) -> bool {
        self.start <= datum && datum <= self.eind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn adding_a_month_to_the_31st_of_january_clamps_to_the_last_day_of_february() {
        assert_eq!(plus_maanden(d("2024-01-31"), 1), Some(d("2024-02-29")));
        assert_eq!(plus_maanden(d("2025-01-31"), 1), Some(d("2025-02-28")));
    }

    #[test]
    fn subtracting_months_clamps_too() {
        assert_eq!(plus_maanden(d("2025-12-31"), -6), Some(d("2025-06-30")));
    }

    #[test]
    fn a_quarter_is_written_with_its_year_and_number() {
        assert_eq!(Kwartaal::van(d("2025-08-15")).to_string(), "2025-Q3");
        assert_eq!(Kwartaal::van(d("2025-01-01")).to_string(), "2025-Q1");
        assert_eq!(Kwartaal::van(d("2025-12-31")).to_string(), "2025-Q4");
    }

    #[test]
    fn the_quarter_after_q4_is_q1_of_the_next_year() {
        let q4 = Kwartaal::van(d("2025-11-01"));
        assert_eq!(q4.volgende().to_string(), "2026-Q1");
        assert_eq!(q4.eerste_dag(), d("2025-10-01"));
        assert_eq!(q4.dag_na(), d("2026-01-01"));
    }

    #[test]
    fn a_quarter_reads_back_from_its_text() {
        let q: Kwartaal = "2025-Q3".parse().expect("valid");
        assert_eq!(q, Kwartaal::van(d("2025-07-01")));
        for fout in ["2025-Q5", "2025-Q0", "2025Q3", "Q3", "x-Q1"] {
            assert!(fout.parse::<Kwartaal>().is_err(), "{fout}");
        }
        assert_eq!(serde_json::to_string(&q).expect("json"), r#""2025-Q3""#);
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_refused() {
        let fout = Periode::new(d("2025-02-01"), d("2025-01-31")).unwrap_err();
        assert_eq!(
            fout.to_string(),
            "einddatum 2025-01-31 ligt voor startdatum 2025-02-01"
        );
    }

    #[test]
    fn a_period_from_json_is_checked_too() {
        let fout = serde_json::from_str::<Periode>(r#"{"start":"2025-02-01","eind":"2025-01-01"}"#)
            .unwrap_err();
        assert!(fout.to_string().contains("ligt voor startdatum"), "{fout}");
        let ok: Periode =
            serde_json::from_str(r#"{"start":"2025-01-01","eind":"2025-01-01"}"#).expect("valid");
        assert_eq!(ok.dagen(), 0);
    }
}
