//! The arithmetic of dragging: how far a pointer moved in days (snapped to weeks), what a
//! key press does, and which edit of the timeline that makes. Plain functions, tested here;
//! the component only measures pixels and calls them.

use chrono::{Duration, NaiveDate};
use domain::tijdlijn::Bewerking;
use domain::{ActiviteitId, FaseSoort, OpgaveId, Periode, plus_maanden};

/// Days in a week, the snap of a drag and the step of an arrow key.
pub const WEEK: i64 = 7;

/// What is being moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doel {
    /// An activiteit, with where it is now.
    Activiteit {
        /// Which.
        id: ActiviteitId,
        /// Where it is.
        periode: Periode,
    },
    /// A fase of an opgave.
    Fase {
        /// The opgave.
        opgave: OpgaveId,
        /// Which fase.
        fase: FaseSoort,
        /// Where it is.
        periode: Periode,
    },
}

/// Which part of a bar is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Greep {
    /// The whole bar: move it.
    Geheel,
    /// Its start: resize.
    Begin,
    /// Its end: resize.
    Einde,
}

/// Whole weeks for a horizontal drag of `dx` pixels on a lane `breedte` pixels wide that
/// spans `dagen` days; rounded to the nearest week.
pub fn gesleepte_dagen(dx: f64, breedte: f64, dagen: i64) -> i64 {
    if breedte <= 0.0 || !dx.is_finite() {
        return 0;
    }
    let ruw = dx / breedte * dagen as f64;
    (ruw / WEEK as f64).round() as i64 * WEEK
}

/// A date moved by `dagen` days.
pub fn verschuif_dagen(datum: NaiveDate, dagen: i64) -> Option<NaiveDate> {
    datum.checked_add_signed(Duration::days(dagen))
}

/// One key press: a week, or with Shift a month, in `richting` (−1 or +1).
pub fn toetsstap(datum: NaiveDate, richting: i32, maand: bool) -> Option<NaiveDate> {
    if maand {
        plus_maanden(datum, richting)
    } else {
        verschuif_dagen(datum, WEEK * i64::from(richting))
    }
}

/// The edit that holding `greep` of `doel` and moving its dates with `verschuif` makes;
/// `None` when nothing would change or a date falls off the calendar. A fase only moves.
pub fn bewerking(
    doel: &Doel,
    greep: Greep,
    verschuif: impl Fn(NaiveDate) -> Option<NaiveDate>,
) -> Option<Bewerking> {
    match (doel, greep) {
        (
            Doel::Fase {
                opgave,
                fase,
                periode,
            },
            _,
        ) => {
            let start = verschuif(periode.start())?;
            (start != periode.start()).then(|| Bewerking::VerplaatsFase {
                opgave: opgave.clone(),
                fase: *fase,
                start,
            })
        }
        (Doel::Activiteit { id, periode }, Greep::Geheel) => {
            let start = verschuif(periode.start())?;
            (start != periode.start()).then(|| Bewerking::Verplaats {
                activiteit: id.clone(),
                start,
            })
        }
        (Doel::Activiteit { id, periode }, Greep::Begin) => {
            let start = verschuif(periode.start())?.min(periode.eind());
            (start != periode.start()).then(|| Bewerking::Rek {
                activiteit: id.clone(),
                start: Some(start),
                eind: None,
            })
        }
        (Doel::Activiteit { id, periode }, Greep::Einde) => {
            let eind = verschuif(periode.eind())?.max(periode.start());
            (eind != periode.eind()).then(|| Bewerking::Rek {
                activiteit: id.clone(),
                start: None,
                eind: Some(eind),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn activiteit() -> Doel {
        Doel::Activiteit {
            id: ActiviteitId::parse("bouwen").expect("id"),
            periode: Periode::new(d("2025-01-06"), d("2025-03-31")).expect("period"),
        }
    }

    #[test]
    fn a_drag_snaps_to_whole_weeks() {
        // 1000 px for 700 days: 10 px is 7 days.
        assert_eq!(gesleepte_dagen(10.0, 1000.0, 700), 7);
        assert_eq!(
            gesleepte_dagen(14.0, 1000.0, 700),
            7,
            "1.4 weeks rounds to 1"
        );
        assert_eq!(
            gesleepte_dagen(16.0, 1000.0, 700),
            14,
            "1.6 weeks rounds to 2"
        );
        assert_eq!(gesleepte_dagen(4.0, 1000.0, 700), 0);
        assert_eq!(gesleepte_dagen(-16.0, 1000.0, 700), -14);
        assert_eq!(gesleepte_dagen(10.0, 0.0, 700), 0);
    }

    #[test]
    fn arrows_move_a_week_and_with_shift_a_month() {
        assert_eq!(toetsstap(d("2025-01-31"), 1, false), Some(d("2025-02-07")));
        assert_eq!(toetsstap(d("2025-01-31"), 1, true), Some(d("2025-02-28")));
        assert_eq!(toetsstap(d("2025-03-31"), -1, true), Some(d("2025-02-28")));
    }

    #[test]
    fn holding_the_bar_moves_it_and_holding_an_end_resizes() {
        let week_later = |x: NaiveDate| verschuif_dagen(x, 7);
        assert_eq!(
            bewerking(&activiteit(), Greep::Geheel, week_later),
            Some(Bewerking::Verplaats {
                activiteit: ActiviteitId::parse("bouwen").expect("id"),
                start: d("2025-01-13"),
            })
        );
        assert_eq!(
            bewerking(&activiteit(), Greep::Einde, week_later),
            Some(Bewerking::Rek {
                activiteit: ActiviteitId::parse("bouwen").expect("id"),
                start: None,
                eind: Some(d("2025-04-07")),
            })
        );
        assert_eq!(
            bewerking(&activiteit(), Greep::Geheel, Some),
            None,
            "no change, no edit"
        );
    }

    #[test]
    fn an_end_cannot_be_dragged_past_the_start() {
        let ver_terug = |x: NaiveDate| verschuif_dagen(x, -365);
        assert_eq!(
            bewerking(&activiteit(), Greep::Einde, ver_terug),
            Some(Bewerking::Rek {
                activiteit: ActiviteitId::parse("bouwen").expect("id"),
                start: None,
                eind: Some(d("2025-01-06")),
            })
        );
    }

    #[test]
    fn a_fase_only_moves() {
        let fase = Doel::Fase {
            opgave: OpgaveId::parse("zaakgericht-werken").expect("id"),
            fase: FaseSoort::Opschalingsfase,
            periode: Periode::new(d("2026-01-01"), d("2026-12-31")).expect("period"),
        };
        assert_eq!(
            bewerking(&fase, Greep::Einde, |x| toetsstap(x, 1, true)),
            Some(Bewerking::VerplaatsFase {
                opgave: OpgaveId::parse("zaakgericht-werken").expect("id"),
                fase: FaseSoort::Opschalingsfase,
                start: d("2026-02-01"),
            })
        );
    }
}
