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

/// `1 applicatie`, `2 applicaties`.
pub fn telwoord(n: usize, enkelvoud: &str, meervoud: &str) -> String {
    let woord = if n == 1 { enkelvoud } else { meervoud };
    format!("{} {woord}", aantal(n))
}

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

/// `6 jan. 2025`, for tight places; `mei`, `juni` and `juli` are not abbreviated.
pub fn datum_kort(datum: NaiveDate) -> String {
    const KORT: [&str; 12] = [
        "jan.", "feb.", "mrt.", "apr.", "mei", "juni", "juli", "aug.", "sep.", "okt.", "nov.",
        "dec.",
    ];
    format!(
        "{} {} {}",
        datum.day(),
        KORT[datum.month0() as usize],
        datum.year()
    )
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

/// `1,5 fte`: one decimal with a decimal comma.
pub fn fte(waarde: f64) -> String {
    format!("{:.1} fte", waarde).replace('.', ",")
}

/// `1e kwartaal 2027`.
pub fn kwartaal_kort(kwartaal: domain::Kwartaal) -> String {
    format!("{}e kwartaal {}", kwartaal.nummer(), kwartaal.jaar())
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

/// A moment (microseconds since 1970 UTC) as Dutch clock time: `30 nov. 2026 17:18`.
/// The Netherlands keeps Central European Time, summer time (UTC+2) from the last Sunday
/// of March to the last Sunday of October, both at 01:00 UTC (EU directive 2000/84/EC);
/// the rule is written out here so the browser needs no time zone database.
pub fn tijdstip(micros: i64) -> String {
    use chrono::{Duration, NaiveTime, Timelike, Weekday};
    let Some(utc) = chrono::DateTime::from_timestamp_micros(micros) else {
        return "onbekend tijdstip".into();
    };
    let utc = utc.naive_utc();
    let laatste_zondag = |maand: u32| {
        let eerste_volgende =
            NaiveDate::from_ymd_opt(utc.year(), maand + 1, 1).unwrap_or(NaiveDate::MAX);
        let mut dag = eerste_volgende - Duration::days(1);
        while dag.weekday() != Weekday::Sun {
            dag -= Duration::days(1);
        }
        dag.and_time(NaiveTime::from_hms_opt(1, 0, 0).unwrap_or_default())
    };
    let zomer = utc >= laatste_zondag(3) && utc < laatste_zondag(10);
    let lokaal = utc + Duration::hours(if zomer { 2 } else { 1 });
    format!(
        "{} {:02}:{:02}",
        datum_kort(lokaal.date()),
        lokaal.hour(),
        lokaal.minute()
    )
}

/// A moment as the API writes it (RFC 3339) in Dutch clock time, as [`tijdstip`]; a text
/// that is no such moment as it is.
pub fn moment_lang(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map_or_else(|_| rfc3339.to_owned(), |m| tijdstip(m.timestamp_micros()))
}

/// A stored value as a reader expects it: a date in Dutch, a whole number with dots, the
/// rest as it is.
pub fn waarde(tekst: &str) -> String {
    if let Ok(datum) = tekst.parse::<NaiveDate>() {
        datum_kort(datum)
    } else if let Ok(getal_) = tekst.parse::<i64>() {
        getal(getal_)
    } else {
        tekst.to_owned()
    }
}

/// A field's name as words: `jaarlijkseKosten` → `jaarlijkse kosten`.
pub fn veldnaam(veld: &str) -> String {
    let mut uit = String::with_capacity(veld.len() + 4);
    for teken in veld.chars() {
        if teken.is_uppercase() {
            uit.push(' ');
            uit.extend(teken.to_lowercase());
        } else {
            uit.push(teken);
        }
    }
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_read_in_dutch_winter_and_summer_time() {
        let micros = |s: &str| {
            chrono::DateTime::parse_from_rfc3339(s)
                .expect("test moment")
                .timestamp_micros()
        };
        assert_eq!(
            tijdstip(micros("2026-11-30T16:18:00Z")),
            "30 nov. 2026 17:18"
        );
        assert_eq!(
            tijdstip(micros("2026-07-01T10:00:00Z")),
            "1 juli 2026 12:00"
        );
        // 29 March 2026 is the last Sunday of March: summer time from 01:00 UTC.
        assert_eq!(
            tijdstip(micros("2026-03-29T00:59:00Z")),
            "29 mrt. 2026 01:59"
        );
        assert_eq!(
            tijdstip(micros("2026-03-29T01:00:00Z")),
            "29 mrt. 2026 03:00"
        );
        // 25 October 2026 is the last Sunday of October: back at 01:00 UTC.
        assert_eq!(
            tijdstip(micros("2026-10-25T00:59:00Z")),
            "25 okt. 2026 02:59"
        );
        assert_eq!(
            tijdstip(micros("2026-10-25T01:00:00Z")),
            "25 okt. 2026 02:00"
        );
    }

    #[test]
    fn stored_values_and_field_names_read_as_words() {
        assert_eq!(waarde("2028-06-30"), "30 juni 2028");
        assert_eq!(waarde("120000"), "120.000");
        assert_eq!(waarde("Leverancier B.V."), "Leverancier B.V.");
        assert_eq!(veldnaam("jaarlijkseKosten"), "jaarlijkse kosten");
        assert_eq!(veldnaam("einddatum"), "einddatum");
    }

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
        assert_eq!(datum_kort(d("2025-03-31")), "31 mrt. 2025");
        assert_eq!(
            periode_lang(d("2025-01-06"), d("2025-12-19")),
            "6 januari 2025 tot en met 19 december 2025"
        );
    }
}
