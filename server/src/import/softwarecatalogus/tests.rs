use super::*;

/// [`crate::import::landschap::lees_met`] with only the property names Grondplan knows.
fn lees_met(
    bytes: &[u8],
    bestaand: &Bestaand,
) -> Result<Vec<(usize, Applicatiegegevens)>, ImportFout> {
    crate::import::landschap::lees_met(bytes, bestaand, &Default::default())
}

const PAKKET: &str = "5d9a4c1e-0b7e-4a4e-9d2b-1c2f3e4a5b6c";

fn export() -> String {
    format!(
        "\u{feff}Pakket ID;Pakket Naam;Pakketversie Naam;Leverancier Naam;Referentiecomponenten;Startdatum;Einddatum;Status;Kosten;Kostenperiode;Pakket Beschrijving\r\n\
         {PAKKET};Zaaksysteem X;4.2;Leverancier B.V.;Zaakregistratiecomponent, Documentbeheercomponent;01-01-2020;31-12-2027;Actief;1.000;Maandelijks;Zaken, documenten\r\n\
         0a0b;Oud archief;1;Archief B.V.;;;;Beëindigd;5000;Eenmalig;\r\n"
    )
}

#[test]
fn a_catalogue_csv_reads_into_grondplan_fields() {
    let rijen = lees_met(export().as_bytes(), &Bestaand::new()).expect("readable");
    assert_eq!(rijen.len(), 2);
    let (rij, zaak) = &rijen[0];
    assert_eq!(*rij, 2);
    assert_eq!(
        zaak.id.as_ref().map(|i| i.as_str().to_owned()),
        Some(format!("id-{PAKKET}")),
        "the package's id, as the catalogue's ArchiMate export names it"
    );
    assert_eq!(zaak.naam, "Zaaksysteem X");
    assert_eq!(zaak.leverancier, "Leverancier B.V.");
    assert_eq!(
        zaak.referentiecomponenten,
        ["Zaakregistratiecomponent", "Documentbeheercomponent"]
    );
    assert_eq!(
        zaak.einddatum.map(|d| d.to_string()).as_deref(),
        Some("2027-12-31")
    );
    assert_eq!(zaak.jaarlijkse_kosten, 12_000, "monthly costs times twelve");
    assert!(zaak.in_gebruik);
    let archief = &rijen[1].1;
    assert_eq!(archief.einddatum, None, "aan te vullen");
    assert!(!archief.in_gebruik, "Beëindigd");
    assert_eq!(archief.jaarlijkse_kosten, 0, "a one-off cost recurs never");
}

#[test]
fn an_unknown_column_is_refused_by_name() {
    let csv = export().replace("Pakket Beschrijving", "Kleur");
    let Err(ImportFout::Onleesbaar(reden)) = lees_met(csv.as_bytes(), &Bestaand::new()) else {
        panic!("expected a refusal")
    };
    assert!(
        reden.starts_with("rij 1, kolom 11: de kolom 'Kleur'"),
        "{reden}"
    );
}

#[test]
fn a_bad_status_or_cost_period_is_named_by_its_catalogue_column() {
    let csv = export()
        .replace("Actief", "Misschien")
        .replace("Eenmalig", "Soms");
    let Err(ImportFout::Rijen(fouten)) = lees_met(csv.as_bytes(), &Bestaand::new()) else {
        panic!("expected row errors")
    };
    let namen: Vec<String> = fouten.iter().map(RijFout::naam).collect();
    assert_eq!(namen, ["rij 2: Status", "rij 3: Kostenperiode"]);
}

#[test]
fn a_package_known_to_grondplan_keeps_its_notice_period() {
    let mut vorig: [String; KOLOMMEN.len()] = Default::default();
    vorig[0] = format!("id-{PAKKET}");
    vorig[1] = "Zaaksysteem X".into();
    vorig[5] = "2025-12-31".into();
    vorig[6] = "6".into();
    vorig[7] = "12".into();
    let bestaand = Bestaand::from([(format!("id-{PAKKET}"), vorig)]);
    let rijen = lees_met(export().as_bytes(), &bestaand).expect("readable");
    let zaak = &rijen[0].1;
    assert_eq!(
        (zaak.opzegtermijn_maanden, zaak.verlenging_maanden),
        (6, 12),
        "the catalogue has no notice period or renewal"
    );
    assert_eq!(
        zaak.einddatum.map(|d| d.to_string()).as_deref(),
        Some("2027-12-31"),
        "the catalogue's einddatum"
    );
}

#[test]
fn voorziening_gebruik_as_json_reads_with_its_contract() {
    let json = format!(
        r#"{{"results": [
            {{"id": "g1", "organisatieId": "o1", "voorzieningId": "{PAKKET}", "naam": "Zaaksysteem X",
              "startDatum": "2019-01-01", "status": "Actief",
              "referentieComponenten": ["Zaakregistratiecomponent"],
              "contract": {{"startDatum": "2020-01-01", "eindDatum": "2027-12-31", "contractNummer": "C-1",
                            "kosten": 120000.4, "kostenPeriode": "Jaarlijks", "status": "Actief"}}}},
            {{"voorzieningId": "v2", "voorziening": {{"naam": "Burgerzaken"}}, "status": "Gepland"}}
        ]}}"#
    );
    let rijen = lees_met(json.as_bytes(), &Bestaand::new()).expect("readable");
    let zaak = &rijen[0].1;
    assert_eq!(
        zaak.startdatum.map(|d| d.to_string()).as_deref(),
        Some("2020-01-01"),
        "the contract's dates before the use's"
    );
    assert_eq!(
        zaak.einddatum.map(|d| d.to_string()).as_deref(),
        Some("2027-12-31")
    );
    assert_eq!(zaak.jaarlijkse_kosten, 120_000, "rounded to whole euros");
    assert_eq!(rijen[1].1.naam, "Burgerzaken");
    assert_eq!(rijen[1].1.einddatum, None);
}

fn eerste_fout(json: &str) -> RijFout {
    match lees_met(json.as_bytes(), &Bestaand::new()) {
        Err(ImportFout::Rijen(fouten)) => fouten[0].clone(),
        anders => panic!("expected row errors, got {anders:?}"),
    }
}

#[test]
fn bad_json_is_named_by_its_line() {
    let fout =
        eerste_fout("[\n{\"voorzieningId\": \"a\", \"naam\": \"A\"},\n{\"naam\": \"zonder\"}\n]");
    assert_eq!(fout.naam(), "rij 3: VoorzieningGebruik");
    assert!(fout.reden.contains("voorzieningId"), "{}", fout.reden);
    assert!(
        eerste_fout("[1, 2")
            .reden
            .starts_with("geen Softwarecatalogus-JSON")
    );
    assert!(eerste_fout(r#"{"andere": []}"#).reden.contains("results"));
}

#[test]
fn a_json_list_past_its_bound_is_refused_while_read() {
    let veel = format!(
        r#"[{{"voorzieningId": "a", "naam": "A", "referentieComponenten": [{}]}}]"#,
        vec!["\"x\""; MAX_REFERENTIES + 1].join(",")
    );
    assert!(eerste_fout(&veel).reden.contains("meer dan 200 items"));
}
