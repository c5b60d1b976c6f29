//! The landscape as an ArchiMate exchange file (AMEFF), for the architecture tools:
//! each applicatie an `ApplicationComponent` with its contract and Grondplan's outcome
//! as properties and a `Specialization` of each GEMMA referentiecomponent it fulfils.
//!
//! Identifiers are stable, so that a tool that imports the file again updates the same
//! elements: an applicatie is `id-…` as it came in from such a file (its id), else
//! `gp-{id}`; a referentiecomponent is `id-{Object ID}`, as in GEMMA's own files. The
//! property `Grondplan id` carries the applicatie's id, so the file imports back into
//! the same landscape.

use std::collections::HashMap;
use std::fmt::Write as _;

use domain::afschaffen::Afschaffing;
use domain::landschap::gegevens::{AanTeVullen, KOLOMMEN};
use domain::{Applicatie, Overstapplan, Referentiecomponent, Uitkomst};
use quick_xml::escape::escape;

use crate::import::ameff::ARCHIMATE_NS;
use crate::import::ameff_landschap::GRONDPLAN_ID;

/// The properties of an applicatie that hold its contract, by column of [`KOLOMMEN`]
/// (the importer reads these names back).
const CONTRACTEIGENSCHAPPEN: [(&str, &str); 9] = [
    ("leverancier", "Leverancier"),
    ("startdatum", "Startdatum"),
    ("einddatum", "Einddatum"),
    ("opzegtermijnMaanden", "Opzegtermijn (maanden)"),
    ("verlengingMaanden", "Verlenging (maanden)"),
    ("uitersteEinddatum", "Uiterste einddatum"),
    ("jaarlijkseKosten", "Jaarlijkse kosten"),
    ("inGebruik", "In gebruik"),
    ("gebruikers", "Gebruikers"),
];

/// The properties of Grondplan's outcome.
const UITKOMSTEIGENSCHAPPEN: [&str; 5] = [
    "Grondplan uitkomst",
    "Overstappen naar",
    "Overstapmoment",
    "Opzeggen vóór",
    "Afschaffen per",
];

/// The property that names a referentiecomponent, as GEMMA does.
const OBJECT_ID: &str = "Object ID";

/// The property that marks a referentiecomponent, as GEMMA does.
const GEMMA_TYPE: &str = "GEMMA type";

/// What goes into the file.
pub struct Landschapsmodel<'a> {
    /// The model's name: "Applicatielandschap Utrecht".
    pub titel: &'a str,
    /// The landscape.
    pub applicaties: &'a [Applicatie],
    /// Its applicaties aan te vullen (written with what they lack as their outcome).
    pub aan_te_vullen: &'a [AanTeVullen],
    /// The referentiecomponenten (those the applicaties fulfil are written).
    pub referentiecomponenten: &'a [Referentiecomponent],
    /// The overstapplan of the landscape.
    pub plan: &'a Overstapplan,
    /// A component's name by its id.
    pub componentnaam: &'a dyn Fn(&str) -> Option<String>,
}

/// A text as XML: `<`, `>`, `&`, quotes escaped.
fn xml(tekst: &str) -> std::borrow::Cow<'_, str> {
    escape(tekst)
}

/// `tekst` as an XML identifier (an NCName): what is not a letter, digit, `-`, `_` or `.`
/// becomes `_`.
fn ncname(tekst: &str) -> String {
    tekst
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The identifier of an applicatie's element.
pub fn applicatie_identifier(id: &str) -> String {
    if id.starts_with("id-") {
        id.to_owned()
    } else {
        format!("gp-{id}")
    }
}

/// The identifier of a referentiecomponent's element.
fn referentie_identifier(object_id: &str) -> String {
    format!("id-{}", ncname(object_id))
}

/// The identifier of a property definition.
fn definitie_identifier(naam: &str) -> String {
    format!("gp-eigenschap-{}", domain::id::slug(naam))
}

/// Grondplan's outcome for applicatie `id`, as (property, value).
fn uitkomst(model: &Landschapsmodel<'_>, id: &str) -> Vec<(&'static str, String)> {
    let afschaffing = |lijst: &[Afschaffing]| {
        lijst
            .iter()
            .find(|a| a.applicatie.as_str() == id)
            .map(|a| a.afschafdatum)
    };
    if let Some(datum) =
        afschaffing(&model.plan.ongebruikt).or_else(|| afschaffing(&model.plan.overbodig))
    {
        let mut uit = vec![(UITKOMSTEIGENSCHAPPEN[0], "afschaffen".to_owned())];
        uit.extend(datum.map(|d| (UITKOMSTEIGENSCHAPPEN[4], d.to_string())));
        return uit;
    }
    let Some(overstap) = model
        .plan
        .applicaties
        .iter()
        .find(|o| o.applicatie.as_str() == id)
    else {
        return Vec::new();
    };
    let naam = |c: &domain::ComponentId| {
        (model.componentnaam)(c.as_str()).unwrap_or_else(|| c.to_string())
    };
    match &overstap.uitkomst {
        Uitkomst::GeenComponent => vec![(UITKOMSTEIGENSCHAPPEN[0], "geen component".into())],
        Uitkomst::Overstap {
            component,
            overstapmoment,
            opzeggen_voor,
            ..
        } => {
            let mut uit = vec![
                (UITKOMSTEIGENSCHAPPEN[0], "overstap".to_owned()),
                (UITKOMSTEIGENSCHAPPEN[1], naam(component)),
                (UITKOMSTEIGENSCHAPPEN[2], overstapmoment.to_string()),
            ];
            uit.extend(opzeggen_voor.map(|d| (UITKOMSTEIGENSCHAPPEN[3], d.to_string())));
            uit
        }
        Uitkomst::Overbrugging { component, .. } => vec![
            (UITKOMSTEIGENSCHAPPEN[0], "overbrugging".into()),
            (UITKOMSTEIGENSCHAPPEN[1], naam(component)),
        ],
        Uitkomst::GeenMoment { component, .. } => vec![
            (UITKOMSTEIGENSCHAPPEN[0], "geen overstapmoment".into()),
            (UITKOMSTEIGENSCHAPPEN[1], naam(component)),
        ],
    }
}

/// An applicatie as the file writes it: its id, name, cells (as [`KOLOMMEN`]) and outcome.
type Element<'a> = (
    &'a str,
    &'a str,
    [String; KOLOMMEN.len()],
    Vec<(&'static str, String)>,
);

/// The Object IDs of the functions in an applicatie's cells.
fn functies(cellen: &[String; KOLOMMEN.len()]) -> impl Iterator<Item = &str> {
    cellen[3]
        .split(domain::landschap::gegevens::SCHEIDING)
        .filter(|r| !r.is_empty())
}

/// Writes one `<property>`.
fn eigenschap(uit: &mut String, naam: &str, waarde: &str) {
    let _ = writeln!(
        uit,
        r#"        <property propertyDefinitionRef="{}"><value xml:lang="nl">{}</value></property>"#,
        definitie_identifier(naam),
        xml(waarde)
    );
}

/// The exchange file of the landscape.
pub fn landschap(model: &Landschapsmodel<'_>) -> String {
    let referenties: HashMap<&str, &Referentiecomponent> = model
        .referentiecomponenten
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let mut uit = String::new();
    let _ = writeln!(uit, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        uit,
        r#"<model xmlns="{ARCHIMATE_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="{ARCHIMATE_NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Model.xsd" identifier="gp-model-{}">"#,
        ncname(&domain::id::slug(model.titel))
    );
    let _ = writeln!(uit, r#"  <name xml:lang="nl">{}</name>"#, xml(model.titel));
    uit.push_str("  <elements>\n");
    // Every applicatie as its id, name, cells and outcome; those aan te vullen last.
    let applicaties: Vec<Element<'_>> = model
        .applicaties
        .iter()
        .map(|a| {
            let id = a.id.as_str();
            (id, a.naam.as_str(), a.tekstrij(), uitkomst(model, id))
        })
        .chain(model.aan_te_vullen.iter().map(|a| {
            let ontbreekt = format!("aan te vullen: {} ontbreekt", a.ontbreekt.join(", "));
            (
                a.id.as_str(),
                a.naam.as_str(),
                a.gegevens.tekstrij(),
                vec![(UITKOMSTEIGENSCHAPPEN[0], ontbreekt)],
            )
        }))
        .collect();
    let mut gebruikt: Vec<&str> = Vec::new();
    for (id, naam, cellen, uitkomst) in &applicaties {
        let _ = writeln!(
            uit,
            r#"    <element identifier="{}" xsi:type="ApplicationComponent">"#,
            applicatie_identifier(id)
        );
        let _ = writeln!(uit, r#"      <name xml:lang="nl">{}</name>"#, xml(naam));
        uit.push_str("      <properties>\n");
        eigenschap(&mut uit, GRONDPLAN_ID, id);
        for (kolom, naam) in CONTRACTEIGENSCHAPPEN {
            let i = KOLOMMEN.iter().position(|k| *k == kolom).unwrap_or(0);
            if !cellen[i].is_empty() {
                eigenschap(&mut uit, naam, &cellen[i]);
            }
        }
        for (naam, waarde) in uitkomst {
            eigenschap(&mut uit, naam, waarde);
        }
        uit.push_str("      </properties>\n    </element>\n");
        for r in functies(cellen) {
            if !gebruikt.contains(&r) {
                gebruikt.push(r);
            }
        }
    }
    for object_id in &gebruikt {
        let referentie = referenties.get(object_id);
        let _ = writeln!(
            uit,
            r#"    <element identifier="{}" xsi:type="ApplicationComponent">"#,
            referentie_identifier(object_id)
        );
        let _ = writeln!(
            uit,
            r#"      <name xml:lang="nl">{}</name>"#,
            xml(referentie.map_or(*object_id, |r| r.naam.as_str()))
        );
        if let Some(r) = referentie.filter(|r| !r.omschrijving.is_empty()) {
            let _ = writeln!(
                uit,
                r#"      <documentation xml:lang="nl">{}</documentation>"#,
                xml(&r.omschrijving)
            );
        }
        uit.push_str("      <properties>\n");
        eigenschap(&mut uit, OBJECT_ID, object_id);
        eigenschap(&mut uit, GEMMA_TYPE, "Referentiecomponent");
        uit.push_str("      </properties>\n    </element>\n");
    }
    uit.push_str("  </elements>\n  <relationships>\n");
    for (id, _, cellen, _) in &applicaties {
        let bron = applicatie_identifier(id);
        for r in functies(cellen) {
            let doel = referentie_identifier(r);
            let _ = writeln!(
                uit,
                r#"    <relationship identifier="{bron}--{doel}" source="{bron}" target="{doel}" xsi:type="Specialization"/>"#
            );
        }
    }
    uit.push_str("  </relationships>\n  <propertyDefinitions>\n");
    let namen = [GRONDPLAN_ID, OBJECT_ID, GEMMA_TYPE]
        .into_iter()
        .chain(CONTRACTEIGENSCHAPPEN.iter().map(|(_, n)| *n))
        .chain(UITKOMSTEIGENSCHAPPEN);
    for naam in namen {
        let _ = writeln!(
            uit,
            r#"    <propertyDefinition identifier="{}" type="string"><name xml:lang="nl">{}</name></propertyDefinition>"#,
            definitie_identifier(naam),
            xml(naam)
        );
    }
    uit.push_str("  </propertyDefinitions>\n</model>\n");
    uit
}

#[cfg(test)]
mod tests;
