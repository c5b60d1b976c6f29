use super::*;

/// [`super::lees`] with only the property names Grondplan knows.
fn lees(bytes: &[u8], bestaand: &Bestaand) -> Result<Vec<(usize, Applicatiegegevens)>, ImportFout> {
    super::lees(bytes, bestaand, &Eigenschapnamen::default())
}

/// A model as an architecture tool writes it: two applicaties, one GEMMA
/// referentiecomponent (with Object ID) and one named only, a business actor.
fn model(extra_relatie: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="id-m">
  <name xml:lang="nl">Landschap Utrecht</name>
  <elements>
    <element identifier="id-zaak" xsi:type="ApplicationComponent">
      <name xml:lang="nl">Zaaksysteem X</name>
      <properties>
        <property propertyDefinitionRef="p-eind"><value>2027-12-31</value></property>
        <property propertyDefinitionRef="p-opzeg"><value>6</value></property>
        <property propertyDefinitionRef="p-lev"><value>Leverancier A</value></property>
      </properties>
    </element>
    <element identifier="ID_Burgerzaken_1" xsi:type="ApplicationComponent">
      <name>Burgerzaken &amp; co</name>
      <properties>
        <property propertyDefinitionRef="p-eind"><value>31-03-2026</value></property>
      </properties>
    </element>
    <element identifier="id-gemma-zrc" xsi:type="ApplicationComponent">
      <name>Zaakregistratiecomponent</name>
      <properties>
        <property propertyDefinitionRef="p-oid"><value>zaakregistratie</value></property>
        <property propertyDefinitionRef="p-type"><value>Referentiecomponent</value></property>
      </properties>
    </element>
    <element identifier="id-bv" xsi:type="ApplicationComponent"><name>Basisregistratie personen</name></element>
    <element identifier="id-actor" xsi:type="BusinessActor"><name>Gemeente Utrecht</name></element>
  </elements>
  <relationships>
    <relationship identifier="r1" source="id-zaak" target="id-gemma-zrc" xsi:type="Specialization"/>
    <relationship identifier="r2" source="ID_Burgerzaken_1" target="id-bv" xsi:type="Realization"/>
    <relationship identifier="r3" source="id-actor" target="id-zaak" xsi:type="Serving"/>
    {extra_relatie}
  </relationships>
  <propertyDefinitions>
    <propertyDefinition identifier="p-eind" type="string"><name>Einddatum contract</name></propertyDefinition>
    <propertyDefinition identifier="p-opzeg" type="string"><name>Opzegtermijn (maanden)</name></propertyDefinition>
    <propertyDefinition identifier="p-lev" type="string"><name>Leverancier</name></propertyDefinition>
    <propertyDefinition identifier="p-oid" type="string"><name>Object ID</name></propertyDefinition>
    <propertyDefinition identifier="p-type" type="string"><name>GEMMA type</name></propertyDefinition>
  </propertyDefinitions>
</model>"#
    )
}

#[test]
fn application_components_become_applicaties_with_their_functions_and_contract_facts() {
    let rijen = lees(model("").as_bytes(), &Bestaand::new()).expect("valid");
    let namen: Vec<&str> = rijen.iter().map(|(_, g)| g.naam.as_str()).collect();
    assert_eq!(
        namen,
        ["Zaaksysteem X", "Burgerzaken & co"],
        "the referentiecomponenten and the actor are no applicaties"
    );
    let (regel, zaak) = &rijen[0];
    assert_eq!(*regel, 5, "the line of its <element>");
    assert_eq!(zaak.id.as_ref().map(ApplicatieId::as_str), Some("id-zaak"));
    assert_eq!(
        zaak.referentiecomponenten,
        ["zaakregistratie"],
        "by Object ID"
    );
    assert_eq!(
        zaak.einddatum.map(|d| d.to_string()).as_deref(),
        Some("2027-12-31")
    );
    assert_eq!(zaak.opzegtermijn_maanden, 6);
    assert_eq!(zaak.leverancier, "Leverancier A");
    let burgerzaken = &rijen[1].1;
    assert_eq!(
        burgerzaken.id.as_ref().map(ApplicatieId::as_str),
        Some("id-burgerzaken-1"),
        "an identifier that is no id is made into one, the same every time"
    );
    assert_eq!(
        burgerzaken.referentiecomponenten,
        ["Basisregistratie personen"],
        "a realized component without Object ID is named by its name"
    );
}

#[test]
fn a_second_import_keeps_what_the_file_does_not_carry() {
    let mut vorig: [String; KOLOMMEN.len()] = Default::default();
    for (kolom, waarde) in [
        ("id", "id-burgerzaken-1"),
        ("naam", "Burgerzaken"),
        ("einddatum", "2025-01-01"),
        ("opzegtermijnMaanden", "9"),
        ("verlengingMaanden", "12"),
        ("jaarlijkseKosten", "80000"),
        ("inGebruik", "ja"),
    ] {
        vorig[KOLOMMEN.iter().position(|k| *k == kolom).expect("column")] = waarde.into();
    }
    let bestaand = Bestaand::from([("id-burgerzaken-1".to_owned(), vorig)]);
    let rijen = lees(model("").as_bytes(), &bestaand).expect("valid");
    let burgerzaken = &rijen[1].1;
    assert_eq!(burgerzaken.naam, "Burgerzaken & co", "the file's name");
    assert_eq!(
        burgerzaken
            .einddatum
            .map(|d| d.to_string())
            .unwrap_or_default(),
        "2026-03-31",
        "the file's einddatum"
    );
    assert_eq!(
        (
            burgerzaken.opzegtermijn_maanden,
            burgerzaken.verlenging_maanden,
            burgerzaken.jaarlijkse_kosten
        ),
        (9, 12, 80_000),
        "what only Grondplan knew stays"
    );
}

#[test]
fn the_grondplan_id_property_wins_over_the_identifier() {
    let xml = model("").replace(
        r#"<property propertyDefinitionRef="p-lev">"#,
        r#"<property propertyDefinitionRef="p-gp"><value>zaaksysteem-x</value></property><property propertyDefinitionRef="p-lev">"#,
    ).replace(
        "</propertyDefinitions>",
        r#"<propertyDefinition identifier="p-gp" type="string"><name>Grondplan id</name></propertyDefinition></propertyDefinitions>"#,
    );
    let rijen = lees(xml.as_bytes(), &Bestaand::new()).expect("valid");
    assert_eq!(
        rijen[0].1.id.as_ref().map(ApplicatieId::as_str),
        Some("zaaksysteem-x")
    );
}

#[test]
fn a_relationship_to_an_unknown_element_is_named_with_its_line() {
    let xml = model(
        r#"<relationship identifier="r9" source="id-zaak" target="id-weg" xsi:type="Specialization"/>"#,
    );
    let Err(ImportFout::Rijen(fouten)) = lees(xml.as_bytes(), &Bestaand::new()) else {
        panic!("expected row errors")
    };
    assert_eq!(fouten.totaal(), 1);
    assert_eq!(fouten[0].naam(), "rij 33: relatie 'r9'");
    assert!(fouten[0].reden.contains("'id-weg'"), "{}", fouten[0].reden);
}

#[test]
fn a_bad_property_is_named_with_the_line_of_its_element() {
    let xml = model("").replace("31-03-2026", "volgend jaar");
    let Err(ImportFout::Rijen(fouten)) = lees(xml.as_bytes(), &Bestaand::new()) else {
        panic!("expected row errors")
    };
    assert_eq!(fouten[0].naam(), "rij 13: einddatum");
}

#[test]
fn another_namespace_or_no_model_is_refused_by_name() {
    let xml = model("").replace(
        "http://www.opengroup.org/xsd/archimate/3.0/",
        "http://www.archimatetool.com/archimate",
    );
    let Err(ImportFout::Onleesbaar(reden)) = lees(xml.as_bytes(), &Bestaand::new()) else {
        panic!("expected unreadable")
    };
    assert!(
        reden.contains("http://www.archimatetool.com/archimate"),
        "{reden}"
    );
    assert!(matches!(
        lees(b"<html/>", &Bestaand::new()),
        Err(ImportFout::Onleesbaar(_))
    ));
    assert!(matches!(
        lees(
            b"<model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\"><elements>",
            &Bestaand::new()
        ),
        Err(ImportFout::Onleesbaar(_))
    ));
}

#[test]
fn property_names_are_matched_on_their_letters_and_digits() {
    assert_eq!(
        kolom_van("Opzegtermijn (maanden)"),
        kolom_van("opzegtermijnMaanden")
    );
    assert_eq!(
        kolom_van("Einddatum contract").map(|k| KOLOMMEN[k]),
        Some("einddatum")
    );
    assert_eq!(kolom_van("Object ID"), None);
    assert_eq!(kolom_van("naam"), None, "the name is the element's own");
}

#[test]
fn a_gemeente_may_name_its_own_properties() {
    let xml = model("").replace("Opzegtermijn (maanden)", "Opzegging in mnd");
    let zonder = lees(xml.as_bytes(), &Bestaand::new()).expect("valid");
    assert_eq!(
        zonder[0].1.opzegtermijn_maanden, 0,
        "an unknown name is not read"
    );
    let namen = Eigenschapnamen::parse("opzegtermijnMaanden: Opzegging in mnd ;").expect("valid");
    let met = super::lees(xml.as_bytes(), &Bestaand::new(), &namen).expect("valid");
    assert_eq!(met[0].1.opzegtermijn_maanden, 6);
    assert!(
        Eigenschapnamen::parse("naam:Titel")
            .unwrap_err()
            .starts_with("'naam' is geen contractgegeven")
    );
    assert!(Eigenschapnamen::parse("einddatum").is_err());
    assert!(Eigenschapnamen::parse("einddatum: ()").is_err());
    assert!(Eigenschapnamen::parse(&"einddatum:x;".repeat(MAX_EIGEN_NAMEN + 1)).is_err());
}
