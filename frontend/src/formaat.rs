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

/// `jan`, `feb`, …: a month on a tight axis.
pub fn maand_kort(datum: NaiveDate) -> &'static str {
    const KORT: [&str; 12] = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    KORT[datum.month0() as usize]
}

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

/// `120.000`: whole numbers with a dot between thousands, as Dutch readers expect.
pub fn getal(waarde: i64) -> String {
    let cijfers = waarde.unsigned_abs().to_string();
    let mut uit = String::new();
    for (i, c) in cijfers.chars().enumerate() {
        if i > 0 && (cijfers.len() - i).is_multiple_of(3) {
            uit.push('.');
        }
        uit.push(c);
    }
    if waarde < 0 { format!("−{uit}") } else { uit }
}

/// A count (`1.283`), as [`getal`] writes it.
pub fn aantal(waarde: usize) -> String {
    getal(i64::try_from(waarde).unwrap_or(i64::MAX))
}

/// `€ 120.000`.
pub fn bedrag(euro: i64) -> String {
    format!("€ {}", getal(euro))
}

/// The text with a capital first letter, for a message that starts a sentence.
pub fn hoofdletter(tekst: &str) -> String {
    let mut tekens = tekst.chars();
    tekens
        .next()
        .map(|eerste| eerste.to_uppercase().chain(tekens).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_have_dots_between_thousands() {
        assert_eq!(bedrag(120_000), "€ 120.000");
        assert_eq!(bedrag(29_918), "€ 29.918");
        assert_eq!(getal(999), "999");
        assert_eq!(getal(1_000), "1.000");
        assert_eq!(getal(-1_234_567), "−1.234.567");
        assert_eq!(bedrag(0), "€ 0");
    }

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
