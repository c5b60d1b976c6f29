//! The time axis of a timeline: which dates it spans and where a date lands on it, as a
//! percentage of its width, so the chart scales with the page without measuring pixels.

use chrono::{Datelike, NaiveDate};

/// A horizontal time axis from the first day of `van`'s year to the last day of `tot`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tijdas {
    van: NaiveDate,
    tot: NaiveDate,
}

/// One labelled year on the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Jaarvak {
    /// The year.
    pub jaar: i32,
    /// Where it starts, in percent of the axis.
    pub links: f64,
    /// How wide it is, in percent of the axis.
    pub breedte: f64,
}

impl Tijdas {
    /// The axis spanning whole calendar years around every date in `datums`; `None`
    /// when there are none.
    pub fn rond(datums: impl IntoIterator<Item = NaiveDate>) -> Option<Self> {
        let mut datums = datums.into_iter();
        let eerste = datums.next()?;
        let (min, max) = datums.fold((eerste, eerste), |(min, max), d| (min.min(d), max.max(d)));
        let van = NaiveDate::from_ymd_opt(min.year(), 1, 1)?;
        let tot = NaiveDate::from_ymd_opt(max.year() + 1, 1, 1)?;
        Some(Self { van, tot })
    }

    /// Where `datum` lands, in percent from the left edge, clamped to the axis.
    pub fn procent(&self, datum: NaiveDate) -> f64 {
        let totaal = (self.tot - self.van).num_days() as f64;
        let dagen = (datum - self.van).num_days() as f64;
        (dagen / totaal * 100.0).clamp(0.0, 100.0)
    }

    /// Width, in percent, of the span from `start` to and including `eind`.
    pub fn breedte(&self, start: NaiveDate, eind: NaiveDate) -> f64 {
        let einde = eind.succ_opt().unwrap_or(eind);
        (self.procent(einde) - self.procent(start)).max(0.0)
    }

    /// How many days the axis spans.
    pub fn dagen(&self) -> i64 {
        (self.tot - self.van).num_days()
    }

    /// Whether `datum` lies on the axis.
    pub fn bevat(&self, datum: NaiveDate) -> bool {
        self.van <= datum && datum < self.tot
    }

    /// The years of the axis, for its labels.
    pub fn jaren(&self) -> Vec<Jaarvak> {
        (self.van.year()..self.tot.year())
            .filter_map(|jaar| {
                let start = NaiveDate::from_ymd_opt(jaar, 1, 1)?;
                let eind = NaiveDate::from_ymd_opt(jaar, 12, 31)?;
                Some(Jaarvak {
                    jaar,
                    links: self.procent(start),
                    breedte: self.breedte(start, eind),
                })
            })
            .collect()
    }
}

impl Tijdas {
    /// The axis cut into spans of `maanden` months (3: quarters, 1: months) from its first
    /// day, as (first day, left, width) in percent; for the labels of a closer zoom.
    pub fn vakken(&self, maanden: i32) -> Vec<(NaiveDate, f64, f64)> {
        let mut uit = Vec::new();
        let mut start = self.van;
        while start < self.tot {
            let Some(volgende) = domain::plus_maanden(start, maanden.max(1)) else {
                break;
            };
            let eind = volgende.pred_opt().unwrap_or(volgende);
            uit.push((start, self.procent(start), self.breedte(start, eind)));
            start = volgende;
        }
        uit
    }
}

/// A percentage as a CSS length, with enough precision that bars line up.
pub fn css_procent(waarde: f64) -> String {
    format!("{waarde:.3}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_axis_of_one_year_has_four_quarters_and_twelve_months() {
        let as_ = Tijdas::rond([d("2025-03-01"), d("2025-10-01")]).expect("axis");
        let kwartalen = as_.vakken(3);
        assert_eq!(kwartalen.len(), 4);
        assert_eq!(kwartalen[1].0, d("2025-04-01"));
        let totaal: f64 = kwartalen.iter().map(|(_, _, b)| b).sum();
        assert!(
            (totaal - 100.0).abs() < 1e-9,
            "the spans fill the axis: {totaal}"
        );
        assert_eq!(as_.vakken(1).len(), 12);
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn the_axis_spans_whole_years_around_the_dates() {
        let as_ = Tijdas::rond([d("2025-03-01"), d("2027-06-30")]).expect("dates given");
        let jaren: Vec<i32> = as_.jaren().iter().map(|j| j.jaar).collect();
        assert_eq!(jaren, [2025, 2026, 2027]);
        assert!(as_.procent(d("2025-01-01")).abs() < 1e-9);
        assert!((as_.procent(d("2028-01-01")) - 100.0).abs() < 1e-9);
    }

    #[test]
    fn the_years_fill_the_axis_without_gaps() {
        let as_ = Tijdas::rond([d("2024-05-01"), d("2026-05-01")]).expect("dates given");
        let jaren = as_.jaren();
        let totaal: f64 = jaren.iter().map(|j| j.breedte).sum();
        assert!((totaal - 100.0).abs() < 1e-9, "{totaal}");
        // 2024 is a leap year: slightly wider than 2025.
        assert!(jaren[0].breedte > jaren[1].breedte);
        assert!((jaren[1].links - (jaren[0].links + jaren[0].breedte)).abs() < 1e-9);
    }

    #[test]
    fn a_date_off_the_axis_is_clamped_to_its_edge() {
        let as_ = Tijdas::rond([d("2025-03-01")]).expect("dates given");
        assert!(as_.procent(d("2020-01-01")).abs() < 1e-9);
        assert!((as_.procent(d("2030-01-01")) - 100.0).abs() < 1e-9);
        assert!(!as_.bevat(d("2026-01-01")));
        assert!(as_.bevat(d("2025-12-31")));
    }

    #[test]
    fn no_dates_no_axis() {
        assert_eq!(Tijdas::rond([]), None);
    }
}
