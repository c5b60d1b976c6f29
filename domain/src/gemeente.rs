//! A gemeente and its CBS code. The code is the key every row a gemeente owns carries.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Why a text is not a gemeente code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GemeenteCodeFout {
    /// Not `GM` followed by four digits.
    #[error("'{0}' is geen gemeentecode: verwacht GM gevolgd door vier cijfers, zoals GM0344")]
    Vorm(String),
}

/// How many characters of a refused code its message names at most.
const GENOEMD_TOT: usize = 20;

/// A CBS gemeente code such as `GM0344` (Utrecht): `GM` and four digits.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", schema(value_type = String))]
pub struct GemeenteCode(Arc<str>);

impl GemeenteCode {
    /// Parses `GM0344` strictly (nothing around it, so a code from a path can never carry
    /// a line break into a header); lower-case `gm` is accepted.
    ///
    /// # Errors
    /// [`GemeenteCodeFout::Vorm`] when the text is not `GM` followed by four digits.
    pub fn parse(tekst: &str) -> Result<Self, GemeenteCodeFout> {
        // `is_ascii` first, so that slicing by byte never splits a character.
        let geldig = tekst.is_ascii()
            && tekst.len() == 6
            && tekst[..2].eq_ignore_ascii_case("GM")
            && tekst[2..].bytes().all(|b| b.is_ascii_digit());
        if geldig {
            Ok(Self(Arc::from(format!("GM{}", &tekst[2..]))))
        } else {
            // The message names what was given, but never more than a code's worth of it:
            // a hostile megabyte is not echoed back.
            let mut genoemd: String = tekst.chars().take(GENOEMD_TOT).collect();
            if genoemd.len() < tekst.len() {
                genoemd.push('…');
            }
            Err(GemeenteCodeFout::Vorm(genoemd))
        }
    }

    /// The code as text, `GM0344`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for GemeenteCode {
    type Error = GemeenteCodeFout;

    fn try_from(tekst: String) -> Result<Self, Self::Error> {
        Self::parse(&tekst)
    }
}

impl From<GemeenteCode> for String {
    fn from(code: GemeenteCode) -> Self {
        code.0.to_string()
    }
}

impl fmt::Display for GemeenteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A municipality as CBS lists it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Gemeente {
    /// Its CBS code.
    pub code: GemeenteCode,
    /// Its official name, `Utrecht`.
    pub naam: String,
    /// The province it lies in, `Utrecht`.
    pub provincie: String,
}

/// Why `code` names no gemeente, and what to do.
pub fn onbekende_gemeente(code: &str) -> String {
    format!(
        "onbekende gemeente '{code}'; gebruik de CBS-code uit de lijst van gemeenten, zoals GM0344 voor Utrecht"
    )
}

impl Gemeente {
    /// A code the CBS list does not (or no longer) name: its code stands for its name.
    pub fn onbekend(code: GemeenteCode) -> Self {
        Self {
            naam: code.to_string(),
            code,
            provincie: String::new(),
        }
    }

    /// Whether this gemeente matches what a user typed in a search box: a case-insensitive
    /// part of its name, its province or its code.
    pub fn past_bij(&self, zoekterm: &str) -> bool {
        let zoekterm = zoekterm.trim().to_lowercase();
        zoekterm.is_empty()
            || self.naam.to_lowercase().contains(&zoekterm)
            || self.provincie.to_lowercase().contains(&zoekterm)
            || self.code.as_str().to_lowercase().contains(&zoekterm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cbs_code_parses_and_is_normalised_to_upper_case() {
        assert_eq!(
            GemeenteCode::parse("GM0344").expect("valid").as_str(),
            "GM0344"
        );
        assert_eq!(
            GemeenteCode::parse("gm0344").expect("valid").as_str(),
            "GM0344"
        );
    }

    #[test]
    fn anything_but_gm_and_four_digits_is_refused_with_the_reason() {
        for fout in [
            "",
            "GM344",
            "GM03444",
            "0344",
            "XX0344",
            "GM03a4",
            "GM٠٣٤٤",
            "Gé034",
            "GM0344\r\n",
            " GM0344",
            "GM0344\n",
        ] {
            let melding = GemeenteCode::parse(fout).unwrap_err().to_string();
            assert!(melding.contains("geen gemeentecode"), "{fout}: {melding}");
        }
    }

    #[test]
    fn a_refused_code_is_named_but_a_long_one_only_in_part() {
        let melding = GemeenteCode::parse("GM03444").unwrap_err().to_string();
        assert!(melding.starts_with("'GM03444' is geen"), "{melding}");
        let lang = "A".repeat(1_000_000);
        let melding = GemeenteCode::parse(&lang).unwrap_err().to_string();
        assert!(
            melding.starts_with(&format!("'{}…' is geen gemeentecode", "A".repeat(20))),
            "{melding}"
        );
        assert!(melding.len() < 120, "{}", melding.len());
    }

    #[test]
    fn a_gemeente_code_in_json_is_checked() {
        assert!(serde_json::from_str::<GemeenteCode>(r#""GM12""#).is_err());
        let code: GemeenteCode = serde_json::from_str(r#""GM0363""#).expect("valid");
        assert_eq!(
            serde_json::to_string(&code).expect("serialises"),
            r#""GM0363""#
        );
    }

    #[test]
    fn the_search_matches_name_province_and_code_in_any_case() {
        let utrecht = Gemeente {
            code: GemeenteCode::parse("GM0344").expect("valid"),
            naam: "Utrecht".into(),
            provincie: "Utrecht".into(),
        };
        assert!(utrecht.past_bij("utr"));
        assert!(utrecht.past_bij("gm0344"));
        assert!(utrecht.past_bij(""));
        assert!(!utrecht.past_bij("Amsterdam"));
    }
}
