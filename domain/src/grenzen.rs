//! The bounds every input of the rules stays within, in one place: month counts (DOMAIN.md
//! §1: at most 1 200), the window a peildatum may lie in, the length of stored texts, the
//! number of edits in a scenario, and which links are safe to store and show. The server
//! refuses what lies outside with a message naming the bound; the browser checks links
//! again before it renders them.

use chrono::NaiveDate;

/// The most months a verlenging, opzegtermijn or migratie may have (100 years).
pub const MAX_MAANDEN: u32 = 1_200;

/// The first peildatum a plan may be made for.
pub const EERSTE_PEILDATUM: NaiveDate = match NaiveDate::from_ymd_opt(1990, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// The last peildatum a plan may be made for.
pub const LAATSTE_PEILDATUM: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// The most characters of a name (applicatie, component, opgave, scenario, leverancier).
pub const MAX_NAAM_TEKENS: usize = 200;

/// The most characters of a longer text (omschrijving, doelstelling, aanpak, …).
pub const MAX_TEKST_TEKENS: usize = 10_000;

/// The most characters of a link.
pub const MAX_URL_TEKENS: usize = 2_000;

/// The most edits one scenario may hold.
pub const MAX_WIJZIGINGEN: usize = 500;

/// Why a value is outside its bound, as a person reads it.
pub type Grensfout = String;

/// Checks a month count against [`MAX_MAANDEN`].
///
/// # Errors
/// The reason, naming the bound.
pub fn maanden(waarde: u32) -> Result<u32, Grensfout> {
    if waarde > MAX_MAANDEN {
        Err(format!(
            "{waarde} maanden is te veel: hoogstens {MAX_MAANDEN}"
        ))
    } else {
        Ok(waarde)
    }
}

/// Checks a peildatum against the window [`EERSTE_PEILDATUM`]..=[`LAATSTE_PEILDATUM`].
///
/// # Errors
/// The reason, naming the window.
pub fn peildatum(datum: NaiveDate) -> Result<NaiveDate, Grensfout> {
    if (EERSTE_PEILDATUM..=LAATSTE_PEILDATUM).contains(&datum) {
        Ok(datum)
    } else {
        Err(format!(
            "{datum} ligt buiten {EERSTE_PEILDATUM} tot en met {LAATSTE_PEILDATUM}"
        ))
    }
}

/// Checks the length of a text in characters, and that it holds no control character
/// but line breaks and tabs (a NUL cannot even be stored in PostgreSQL).
///
/// # Errors
/// The reason, naming the bound.
pub fn tekst(tekst: &str, max_tekens: usize) -> Result<(), Grensfout> {
    // Counting stops just past the bound: a long text costs no more than a short one.
    if tekst.chars().nth(max_tekens).is_some() {
        Err(format!("is langer dan {max_tekens} tekens"))
    } else if tekst.chars().any(is_stuurteken) {
        Err("bevat een stuurteken".into())
    } else {
        Ok(())
    }
}

/// Whether `teken` is a control character a stored text may not hold: all but line
/// breaks and tabs.
pub fn is_stuurteken(teken: char) -> bool {
    teken.is_control() && !matches!(teken, '\n' | '\r' | '\t')
}

/// Checks that a link may be stored and shown: `http` or `https`, with a host, without
/// spaces or control characters, at most [`MAX_URL_TEKENS`] long. Anything else
/// (`javascript:`, `data:`, a relative path) could run or mislead in a visitor's browser.
///
/// # Errors
/// The reason.
pub fn url(url: &str) -> Result<(), Grensfout> {
    tekst(url, MAX_URL_TEKENS)?;
    let klein = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if klein.starts_with("https://") {
        &url[8..]
    } else if klein.starts_with("http://") {
        &url[7..]
    } else {
        return Err("moet met http:// of https:// beginnen".into());
    };
    if url.chars().any(|t| t.is_whitespace() || t.is_control()) {
        return Err("mag geen spaties of stuurtekens bevatten".into());
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || host.starts_with('@') {
        return Err("noemt geen host".into());
    }
    Ok(())
}

/// Whether [`url`] accepts the link: what a page checks before it renders a link.
pub fn is_veilige_url(link: &str) -> bool {
    url(link).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_links_with_a_host_are_safe() {
        assert!(is_veilige_url("https://github.com/open-zaak/open-zaak"));
        assert!(is_veilige_url("HTTP://example.org"));
        for kwaad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "//example.org",
            "/relatief",
            "https://",
            "https:///pad",
            "https://exa mple.org",
            "https://example.org/\u{0}",
            "https://example.org/\nx",
        ] {
            assert!(!is_veilige_url(kwaad), "{kwaad:?}");
        }
        assert!(!is_veilige_url(&format!(
            "https://e.org/{}",
            "a".repeat(MAX_URL_TEKENS)
        )));
    }

    #[test]
    fn month_counts_stop_at_1200_and_peildatums_at_1990_and_2100() {
        assert_eq!(maanden(1_200), Ok(1_200));
        assert_eq!(
            maanden(4_000_000_000).unwrap_err(),
            "4000000000 maanden is te veel: hoogstens 1200"
        );
        let d = |j, m, dag| NaiveDate::from_ymd_opt(j, m, dag).expect("date");
        assert!(peildatum(d(1990, 1, 1)).is_ok());
        assert!(peildatum(d(2100, 12, 31)).is_ok());
        assert!(peildatum(d(1989, 12, 31)).is_err());
        assert!(peildatum(d(2101, 1, 1)).is_err());
    }

    #[test]
    fn a_text_with_a_control_character_is_refused_but_line_breaks_are_text() {
        assert_eq!(tekst("a\u{0}b", 200).unwrap_err(), "bevat een stuurteken");
        assert_eq!(
            tekst("a\u{1b}[31m", 200).unwrap_err(),
            "bevat een stuurteken"
        );
        assert!(tekst("regel\r\nregel\tkolom", 200).is_ok());
    }

    #[test]
    fn a_text_is_counted_in_characters_not_bytes() {
        assert!(tekst(&"é".repeat(200), 200).is_ok());
        assert_eq!(
            tekst(&"é".repeat(201), 200).unwrap_err(),
            "is langer dan 200 tekens"
        );
    }
}
