//! A gemeente's audit trail as a person reads it: per change who, when, what by name and
//! the fields that changed ("einddatum: 2027-12-31 → 2028-06-30"), computed from the
//! record's values before and after.

use domain::contract::{Auditpost, Auditsoort, Veldwijziging};
use serde_json::Value;

use crate::db::audit::OpgeslagenAuditregel;

/// How many fields of one change are listed at most (a landscape import records counts,
/// a scenario its edits; a page lists what a person can read).
const MAX_VELDEN: usize = 40;

/// The record as the audit page shows it.
pub fn auditpost(regel: OpgeslagenAuditregel) -> Auditpost {
    let lees = |tekst: &Option<String>| {
        tekst
            .as_deref()
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
    };
    let (voor, na) = (lees(&regel.voor), lees(&regel.na));
    let soort = match (&voor, &na) {
        (None, Some(_)) => Auditsoort::Toegevoegd,
        (Some(_), None) => Auditsoort::Verwijderd,
        _ => Auditsoort::Gewijzigd,
    };
    let naam = [&na, &voor]
        .into_iter()
        .flatten()
        .find_map(|w| w.get("naam").and_then(Value::as_str))
        .map(str::to_owned);
    Auditpost {
        tijdstip: regel.tijdstip,
        actor: regel.actor,
        entiteit: regel.entiteit,
        onderwerp: naam.unwrap_or(regel.entiteit_id),
        soort,
        wijzigingen: verschillen(voor.as_ref(), na.as_ref()),
    }
}

/// The fields whose values differ between `voor` and `na`: of two objects each key (in
/// the order of `na`, then those only in `voor`), of anything else the whole value.
pub(crate) fn verschillen(voor: Option<&Value>, na: Option<&Value>) -> Vec<Veldwijziging> {
    match (voor, na) {
        (Some(Value::Object(oud)), Some(Value::Object(nieuw))) => nieuw
            .iter()
            .filter(|(veld, waarde)| oud.get(*veld) != Some(*waarde))
            .map(|(veld, waarde)| wijziging(veld, oud.get(veld), Some(waarde)))
            .chain(
                oud.iter()
                    .filter(|(veld, _)| !nieuw.contains_key(*veld))
                    .map(|(veld, waarde)| wijziging(veld, Some(waarde), None)),
            )
            .take(MAX_VELDEN)
            .collect(),
        (Some(Value::Object(kant)), None) | (None, Some(Value::Object(kant))) => kant
            .iter()
            .filter(|(_, waarde)| !waarde.is_null())
            .map(|(veld, waarde)| {
                if voor.is_some() {
                    wijziging(veld, Some(waarde), None)
                } else {
                    wijziging(veld, None, Some(waarde))
                }
            })
            .take(MAX_VELDEN)
            .collect(),
        (oud, nieuw) if oud != nieuw => vec![wijziging("waarde", oud, nieuw)],
        _ => Vec::new(),
    }
}

fn wijziging(veld: &str, voor: Option<&Value>, na: Option<&Value>) -> Veldwijziging {
    Veldwijziging {
        veld: veld.to_owned(),
        voor: voor.and_then(tekst),
        na: na.and_then(tekst),
    }
}

/// A value as text: a string as it is, yes/no for a flag, a list joined, nothing for
/// null, anything deeper as compact JSON.
fn tekst(waarde: &Value) -> Option<String> {
    match waarde {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(true) => Some("ja".into()),
        Value::Bool(false) => Some("nee".into()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(lijst) if lijst.iter().all(|w| !w.is_object() && !w.is_array()) => Some(
            lijst
                .iter()
                .filter_map(tekst)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        anders => Some(anders.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regel(voor: Option<&str>, na: Option<&str>) -> OpgeslagenAuditregel {
        OpgeslagenAuditregel {
            tijdstip: 0,
            actor: "ib@utrecht.nl".into(),
            entiteit: "applicatie".into(),
            entiteit_id: "zaaksysteem-x".into(),
            voor: voor.map(str::to_owned),
            na: na.map(str::to_owned),
        }
    }

    #[test]
    fn a_change_lists_only_the_fields_that_differ_by_the_things_name() {
        let post = auditpost(regel(
            Some(
                r#"{"naam":"Zaaksysteem X","einddatum":"2027-12-31","inGebruik":true,"gebruikers":150}"#,
            ),
            Some(
                r#"{"naam":"Zaaksysteem X","einddatum":"2028-06-30","inGebruik":false,"gebruikers":150}"#,
            ),
        ));
        assert_eq!(post.onderwerp, "Zaaksysteem X");
        assert_eq!(post.soort, Auditsoort::Gewijzigd);
        assert_eq!(
            post.wijzigingen,
            [
                Veldwijziging {
                    veld: "einddatum".into(),
                    voor: Some("2027-12-31".into()),
                    na: Some("2028-06-30".into())
                },
                Veldwijziging {
                    veld: "inGebruik".into(),
                    voor: Some("ja".into()),
                    na: Some("nee".into())
                },
            ]
        );
    }

    #[test]
    fn an_addition_lists_its_values_and_a_deletion_what_was_there() {
        let toegevoegd = auditpost(regel(
            None,
            Some(r#"{"naam":"A","referentiecomponenten":["x","y"],"leeg":null}"#),
        ));
        assert_eq!(toegevoegd.soort, Auditsoort::Toegevoegd);
        assert_eq!(toegevoegd.wijzigingen.len(), 2, "null is not a value");
        assert_eq!(toegevoegd.wijzigingen[1].na.as_deref(), Some("x, y"));
        let weg = auditpost(regel(Some("true"), None));
        assert_eq!(weg.soort, Auditsoort::Verwijderd);
        assert_eq!(weg.onderwerp, "zaaksysteem-x", "no name: the id");
        assert_eq!(weg.wijzigingen[0].voor.as_deref(), Some("ja"));
    }
}
