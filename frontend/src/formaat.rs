//! Dutch formatting of dates and numbers, the same on the server and in the browser (no
//! locale data from the platform, no time zones).

use chrono::{Datelike, NaiveDate};

const MAANDEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `6 januari 2025`.
pub fn datum_lang(datum: NaiveDate) -> String {
    format!(
        "{} {} {}",
        datum.day(),
        MAANDEN[datum.month0() as usize],
        datum.year()
    )
}

/// `6 jan. 2025`, for tight places; `mei` has no abbreviation.
pub fn datum_kort(datum: NaiveDate) -> String {
    let maand = MAANDEN[datum.month0() as usize];
    let kort = if maand.len() <= 4 {
        maand.to_owned()
    } else {
        format!("{}.", &maand[..3])
    };
    format!("{} {} {}", datum.day(), kort, datum.year())
}

/// `6 januari 2025 tot en met 19 december 2025`.
pub fn periode_lang(start: NaiveDate, eind: NaiveDate) -> String {
    format!("{} tot en met {}", datum_lang(start), datum_lang(eind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn dates_read_as_a_dutch_reader_expects() {
        assert_eq!(datum_lang(d("2025-01-06")), "6 januari 2025");
        assert_eq!(datum_kort(d("2025-01-06")), "6 jan. 2025");
        assert_eq!(datum_kort(d("2025-05-01")), "1 mei 2025");
        assert_eq!(datum_kort(d("2025-06-01")), "1 juni 2025");
        assert_eq!(
            periode_lang(d("2025-01-06"), d("2025-12-19")),
            "6 januari 2025 tot en met 19 december 2025"
        );
    }
}
