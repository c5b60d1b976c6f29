//! The ArchiMate Model Exchange File Format (AMEFF, XML) as GEMMA publishes it: keeps the
//! elements whose `GEMMA type` property is `Referentiecomponent`, identified by their
//! `Object ID` property, with name and documentation. Property names are looked up in the
//! file's `propertyDefinitions`, which come after the elements, so the file is read whole
//! before anything is decided. A malformed file is refused as a whole.

use std::collections::HashMap;

use domain::{Referentiecomponent, ReferentiecomponentId};
use quick_xml::Reader;
use quick_xml::events::Event;

use super::grenzen::{
    MAX_AMEFF_ELEMENTEN, MAX_AMEFF_RELATIES, MAX_AMEFF_TEKST_BYTES, hoogstens, hoogstens_bytes,
};
use super::{Foutenlijst, ImportFout, RijFout, xml_entiteit};

/// What an AMEFF file holds for Grondplan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmeffInhoud {
    /// Its referentiecomponenten, in file order.
    pub referentiecomponenten: Vec<Referentiecomponent>,
    /// Elements that are something else (Buitengemeentelijke voorziening, …).
    pub overgeslagen: usize,
}

/// How deep XML elements may nest (an exchange file needs about eight).
const MAX_DIEPTE: usize = 256;

/// Properties of one element (GEMMA's have about ten).
const MAX_EIGENSCHAPPEN: usize = 1_000;

/// The namespace of the exchange format (ArchiMate 3.0 and 3.1 share it).
pub const ARCHIMATE_NS: &str = "http://www.opengroup.org/xsd/archimate/3.0/";

/// One element of a model, its properties by their names.
#[derive(Debug, Default)]
pub(crate) struct Element {
    /// Its `identifier`.
    pub identifier: String,
    /// Its `xsi:type`: `ApplicationComponent`, …
    pub soort: String,
    /// The line its `<element>` starts on.
    pub regel: usize,
    pub naam: String,
    pub documentatie: String,
    /// Its properties as (name, value), the names looked up in the `propertyDefinitions`.
    pub eigenschappen: Vec<(String, String)>,
}

impl Element {
    /// The value of its property `naam` (compared without case), if it has one.
    pub fn eigenschap(&self, naam: &str) -> Option<&str> {
        self.eigenschappen
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(naam))
            .map(|(_, w)| w.as_str())
    }
}

/// One relationship of a model.
#[derive(Debug)]
pub(crate) struct Relatie {
    /// Its `identifier`.
    pub identifier: String,
    /// Its `xsi:type`: `Specialization`, `Realization`, …
    pub soort: String,
    /// The line its `<relationship>` starts on.
    pub regel: usize,
    pub bron: String,
    pub doel: String,
}

/// What an exchange file holds: its elements and relationships, in file order.
#[derive(Debug, Default)]
pub(crate) struct Model {
    pub elementen: Vec<Element>,
    pub relaties: Vec<Relatie>,
}

/// Where text being read goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Doel {
    ElementNaam,
    Documentatie,
    Waarde,
    DefinitieNaam,
}

fn onleesbaar(fout: impl std::fmt::Display, positie: u64) -> ImportFout {
    ImportFout::Onleesbaar(format!("XML-fout bij byte {positie}: {fout}"))
}

/// The line of a byte position, counted as the reader goes: each byte is looked at once,
/// so numbering every element's line is linear in the file.
struct Regelteller<'a> {
    bytes: &'a [u8],
    tot: usize,
    regel: usize,
}

impl Regelteller<'_> {
    fn regel_bij(&mut self, positie: u64) -> usize {
        let tot = usize::try_from(positie)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len())
            .max(self.tot);
        self.regel += self.bytes[self.tot..tot]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.tot = tot;
        self.regel
    }
}

/// Adds `stuk` to the text being read, within [`MAX_AMEFF_TEKST_BYTES`].
fn voeg_tekst_toe(tekst: &mut String, stuk: &str, positie: u64) -> Result<(), ImportFout> {
    if stuk.chars().any(domain::grenzen::is_stuurteken) {
        return Err(onleesbaar(
            "een stuurteken in een naam, documentatie of waarde",
            positie,
        ));
    }
    hoogstens_bytes(
        &format!("een naam, documentatie of waarde (bij byte {positie})"),
        tekst.len() + stuk.len(),
        MAX_AMEFF_TEKST_BYTES,
    )?;
    tekst.push_str(stuk);
    Ok(())
}

/// Reads an AMEFF file's referentiecomponenten.
///
/// # Errors
/// As [`lees_model`]; and [`ImportFout::Rijen`] for referentiecomponenten without a
/// usable `Object ID`, each named with its line.
pub fn lees(bytes: &[u8]) -> Result<AmeffInhoud, ImportFout> {
    let model = lees_model(bytes)?;
    let mut inhoud = AmeffInhoud {
        referentiecomponenten: Vec::new(),
        overgeslagen: 0,
    };
    let mut fouten = Foutenlijst::default();
    for element in &model.elementen {
        if element.eigenschap("GEMMA type") != Some("Referentiecomponent") {
            inhoud.overgeslagen += 1;
            continue;
        }
        let object_id = element.eigenschap("Object ID").unwrap_or_default();
        match ReferentiecomponentId::parse(object_id) {
            Ok(id) => inhoud.referentiecomponenten.push(Referentiecomponent {
                id,
                naam: element.naam.clone(),
                omschrijving: element.documentatie.clone(),
            }),
            Err(fout) => fouten.voeg_toe(RijFout {
                rij: element.regel,
                veld: "Object ID".into(),
                reden: fout.to_string(),
            }),
        }
    }
    fouten.of(inhoud)
}

/// The attribute `sleutel` (by its local name, so `xsi:type` is `type`) of `start`.
fn attribuut(
    start: &quick_xml::events::BytesStart<'_>,
    decoder: quick_xml::encoding::Decoder,
    sleutel: &[u8],
) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == sleutel)
        .and_then(|a| {
            a.decode_and_unescape_value(decoder)
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
}

/// Reads an AMEFF file whole: its elements (with their properties by name) and
/// relationships.
///
/// # Errors
/// [`ImportFout::Onleesbaar`] for malformed XML (e.g. an element never closed), a file
/// that is no ArchiMate model or one in another namespace than [`ARCHIMATE_NS`];
/// [`ImportFout::TeGroot`] past [`MAX_AMEFF_ELEMENTEN`] elements, [`MAX_AMEFF_RELATIES`]
/// relationships or a text past [`MAX_AMEFF_TEKST_BYTES`].
pub(crate) fn lees_model(bytes: &[u8]) -> Result<Model, ImportFout> {
    let mut lezer = Reader::from_reader(bytes);
    // No trimming while reading: text around an entity (`Zaak &amp; document`) keeps its
    // spaces; each value is trimmed once it is complete.
    lezer.config_mut().trim_text(false);
    let mut buffer = Vec::new();
    let mut pad: Vec<Vec<u8>> = Vec::new();
    let mut model = Model::default();
    let mut huidig: Option<Element> = None;
    let mut eigenschap_ref: Option<String> = None;
    let mut definities: HashMap<String, String> = HashMap::new();
    let mut definitie_id: Option<String> = None;
    let mut doel: Option<Doel> = None;
    let mut tekst = String::new();
    let mut namespace: Option<Option<String>> = None;
    let mut regels = Regelteller {
        bytes,
        tot: 0,
        regel: 1,
    };
    loop {
        let positie = lezer.buffer_position();
        let gebeurtenis = lezer
            .read_event_into(&mut buffer)
            .map_err(|e| onleesbaar(e, positie))?;
        let leeg = matches!(gebeurtenis, Event::Empty(_));
        match gebeurtenis {
            Event::Start(start) | Event::Empty(start) => {
                let naam = start.local_name().as_ref().to_vec();
                let decoder = lezer.decoder();
                let attribuut = |sleutel: &[u8]| attribuut(&start, decoder, sleutel);
                let ouder = pad.last().map(Vec::as_slice);
                match (naam.as_slice(), ouder) {
                    (b"model", None) => namespace = Some(attribuut(b"xmlns")),
                    (b"element", Some(b"elements")) => {
                        hoogstens("elementen", model.elementen.len() + 1, MAX_AMEFF_ELEMENTEN)?;
                        let element = Element {
                            identifier: attribuut(b"identifier").unwrap_or_default(),
                            soort: attribuut(b"type").unwrap_or_default(),
                            regel: regels.regel_bij(positie),
                            ..Element::default()
                        };
                        if leeg {
                            model.elementen.push(element);
                        } else {
                            huidig = Some(element);
                        }
                    }
                    (b"relationship", Some(b"relationships")) => {
                        hoogstens("relaties", model.relaties.len() + 1, MAX_AMEFF_RELATIES)?;
                        model.relaties.push(Relatie {
                            identifier: attribuut(b"identifier").unwrap_or_default(),
                            soort: attribuut(b"type").unwrap_or_default(),
                            regel: regels.regel_bij(positie),
                            bron: attribuut(b"source").unwrap_or_default(),
                            doel: attribuut(b"target").unwrap_or_default(),
                        });
                    }
                    (b"name", Some(b"element")) if huidig.is_some() => {
                        doel = Some(Doel::ElementNaam);
                    }
                    (b"documentation", Some(b"element")) if huidig.is_some() => {
                        doel = Some(Doel::Documentatie);
                    }
                    (b"property", Some(b"properties")) if huidig.is_some() => {
                        eigenschap_ref = attribuut(b"propertyDefinitionRef");
                    }
                    (b"value", Some(b"property")) if huidig.is_some() => doel = Some(Doel::Waarde),
                    (b"propertyDefinition", Some(b"propertyDefinitions")) => {
                        hoogstens(
                            "eigenschapdefinities",
                            definities.len() + 1,
                            MAX_AMEFF_ELEMENTEN,
                        )?;
                        definitie_id = attribuut(b"identifier");
                    }
                    (b"name", Some(b"propertyDefinition")) => doel = Some(Doel::DefinitieNaam),
                    _ => {}
                }
                tekst.clear();
                if !leeg {
                    hoogstens("geneste XML-elementen", pad.len() + 1, MAX_DIEPTE)?;
                    pad.push(naam);
                }
            }
            Event::Text(inhoud) if doel.is_some() => {
                let stuk = inhoud.decode().map_err(|e| onleesbaar(e, positie))?;
                voeg_tekst_toe(&mut tekst, &stuk, positie)?;
            }
            Event::CData(inhoud) if doel.is_some() => {
                let stuk = inhoud.decode().map_err(|e| onleesbaar(e, positie))?;
                voeg_tekst_toe(&mut tekst, &stuk, positie)?;
            }
            Event::GeneralRef(referentie) if doel.is_some() => {
                let stuk = xml_entiteit(&referentie)
                    .ok_or_else(|| onleesbaar("onbekende entiteit", positie))?;
                voeg_tekst_toe(&mut tekst, &stuk, positie)?;
            }
            Event::End(_) => {
                let naam = pad.pop().unwrap_or_default();
                match (doel.take(), naam.as_slice()) {
                    (Some(Doel::ElementNaam), b"name") => {
                        if let Some(e) = huidig.as_mut() {
                            e.naam = tekst.trim().to_owned();
                        }
                    }
                    (Some(Doel::Documentatie), b"documentation") => {
                        if let Some(e) = huidig.as_mut() {
                            e.documentatie = tekst.trim().to_owned();
                        }
                    }
                    (Some(Doel::Waarde), b"value") => {
                        if let (Some(e), Some(r)) = (huidig.as_mut(), eigenschap_ref.clone()) {
                            hoogstens(
                                "eigenschappen van één element",
                                e.eigenschappen.len() + 1,
                                MAX_EIGENSCHAPPEN,
                            )?;
                            e.eigenschappen.push((r, tekst.trim().to_owned()));
                        }
                    }
                    (Some(Doel::DefinitieNaam), b"name") => {
                        if let Some(id) = definitie_id.clone() {
                            definities.insert(id, tekst.trim().to_owned());
                        }
                    }
                    (anders, _) => doel = anders,
                }
                if naam == b"element" {
                    model.elementen.extend(huidig.take());
                }
                tekst.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    if let Some(open) = pad.last() {
        return Err(ImportFout::Onleesbaar(format!(
            "het bestand houdt op voordat <{}> gesloten is",
            String::from_utf8_lossy(open)
        )));
    }
    match namespace {
        None => Err(ImportFout::Onleesbaar(
            "dit is geen ArchiMate-model (geen <model>)".into(),
        )),
        Some(ns) if ns.as_deref() != Some(ARCHIMATE_NS) => Err(ImportFout::Onleesbaar(format!(
            "het <model> heeft namespace '{}'; een ArchiMate-uitwisselbestand heeft '{ARCHIMATE_NS}'",
            ns.unwrap_or_default()
        ))),
        Some(_) => {
            // Property names come after the elements in the file: resolved now.
            for element in &mut model.elementen {
                for (r, _) in &mut element.eigenschappen {
                    if let Some(naam) = definities.get(r.as_str()) {
                        r.clone_from(naam);
                    }
                }
            }
            Ok(model)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gedeeld(pad: &str) -> Option<Vec<u8>> {
        let pad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/data")
            .join(pad);
        let bytes = std::fs::read(&pad).ok();
        if bytes.is_none() {
            eprintln!("OVERGESLAGEN: {} ontbreekt", pad.display());
        }
        bytes
    }

    #[test]
    fn the_gemma_file_holds_171_referentiecomponenten() {
        let Some(bytes) = gedeeld("gemma-applicatiecomponenten.xml") else {
            return;
        };
        let inhoud = lees(&bytes).expect("valid");
        assert_eq!(inhoud.referentiecomponenten.len(), 171);
        assert_eq!(inhoud.overgeslagen, 56);
        let eerste = &inhoud.referentiecomponenten[0];
        assert_eq!(eerste.id.as_str(), "1c2ce840-6683-4f51-844f-04d3c8a6f2cc");
        assert_eq!(eerste.naam, "Aanwezigheid- en toegangscontrolecomponent");
        assert!(eerste.omschrijving.starts_with("Component waarmee"));
    }

    #[test]
    fn a_broken_export_is_refused_as_a_whole() {
        let Some(bytes) = gedeeld("gemma-voorbeelden/GEMMA-afgebroken.xml") else {
            return;
        };
        assert!(matches!(lees(&bytes), Err(ImportFout::Onleesbaar(_))));
    }

    #[test]
    fn an_export_without_application_components_is_valid_and_empty() {
        let Some(bytes) = gedeeld("gemma-voorbeelden/GEMMA-alleen-capabilities.xml") else {
            return;
        };
        let inhoud = lees(&bytes).expect("valid");
        assert!(inhoud.referentiecomponenten.is_empty());
    }

    #[test]
    fn entities_in_names_are_resolved_and_a_missing_object_id_is_named() {
        let xml = r#"<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/"><elements>
            <element identifier="a"><name>Zaak &amp; document &#233;</name><properties>
              <property propertyDefinitionRef="p2"><value>Referentiecomponent</value></property>
              <property propertyDefinitionRef="p1"><value>id-1</value></property></properties></element>
            <element identifier="b"><name>Zonder id</name><properties>
              <property propertyDefinitionRef="p2"><value>Referentiecomponent</value></property></properties></element>
            </elements><propertyDefinitions>
              <propertyDefinition identifier="p1"><name>Object ID</name></propertyDefinition>
              <propertyDefinition identifier="p2"><name>GEMMA type</name></propertyDefinition>
            </propertyDefinitions></model>"#;
        let ImportFout::Rijen(fouten) = lees(xml.as_bytes()).unwrap_err() else {
            panic!("expected row errors")
        };
        assert_eq!(
            fouten[0].naam(),
            "rij 5: Object ID",
            "the line of its <element>"
        );
        let goed = xml.replace("<element identifier=\"b\"><name>Zonder id</name>", "<element identifier=\"b\"><name>Zonder id</name><properties><property propertyDefinitionRef=\"p1\"><value>id-2</value></property></properties>");
        let inhoud = lees(goed.as_bytes()).expect("valid");
        assert_eq!(inhoud.referentiecomponenten[0].naam, "Zaak & document é");
    }

    #[test]
    fn something_that_is_not_an_archimate_model_is_refused() {
        assert!(matches!(
            lees(b"<html><body/></html>"),
            Err(ImportFout::Onleesbaar(_))
        ));
        assert!(matches!(
            lees(b"niet eens xml"),
            Err(ImportFout::Onleesbaar(_))
        ));
        assert!(matches!(lees(b""), Err(ImportFout::Onleesbaar(_))));
    }
}
