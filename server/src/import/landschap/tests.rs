use std::collections::HashSet;

use domain::{Applicatie, GemeenteCode};

use super::*;
use domain::catalogus::Referentiezoeker;

fn gemeente() -> GemeenteCode {
    GemeenteCode::parse("GM0344").expect("valid")
}

/// [`super::controleer`] for files whose rows are all complete.
fn controleer(
    rijen: Vec<(usize, Applicatiegegevens)>,
    gemeente: &GemeenteCode,
    bezet: &HashSet<String>,
    zoeker: &Referentiezoeker,
) -> Result<Vec<Applicatie>, ImportFout> {
    super::controleer(rijen, gemeente, bezet, zoeker).map(|rijen| {
        rijen
            .into_iter()
            .map(|rij| match rij {
                Ingelezen::Volledig(a) => a,
                Ingelezen::AanTeVullen(a) => panic!("{} is aan te vullen", a.naam),
            })
            .collect()
    })
}

#[test]
fn a_row_without_einddatum_is_aan_te_vullen_and_a_blank_one_keeps_what_grondplan_has() {
    let csv = "id,naam,einddatum,opzegtermijnMaanden\nx,Bekend,,3\ny,Nieuw,,2\n";
    let mut vorig: [String; KOLOMMEN.len()] = Default::default();
    vorig[0] = "x".into();
    vorig[1] = "Bekend".into();
    vorig[5] = "2027-06-30".into();
    let bestaand = Bestaand::from([("x".to_owned(), vorig)]);
    let rijen = lees_met(csv.as_bytes(), &bestaand, &Eigenschapnamen::default()).expect("readable");
    let ingelezen =
        super::controleer(rijen, &gemeente(), &HashSet::new(), &zoeker()).expect("valid");
    let Ingelezen::Volledig(bekend) = &ingelezen[0] else {
        panic!("x keeps its einddatum")
    };
    assert_eq!(bekend.contract.einddatum().to_string(), "2027-06-30");
    assert_eq!(bekend.contract.opzegtermijn_maanden(), 3, "the file's");
    let Ingelezen::AanTeVullen(nieuw) = &ingelezen[1] else {
        panic!("y has no einddatum anywhere")
    };
    assert_eq!(
        (nieuw.naam.as_str(), nieuw.ontbreekt.as_slice()),
        ("Nieuw", &["einddatum".to_owned()][..])
    );
}

fn zoeker() -> Referentiezoeker {
    Referentiezoeker::met([("a97b6545", "Zaakregistratiecomponent")])
}

fn fouten(uitkomst: Result<impl std::fmt::Debug, ImportFout>) -> Vec<String> {
    match uitkomst {
        Err(ImportFout::Rijen(rijen)) => rijen.iter().map(ToString::to_string).collect(),
        anders => panic!("expected row errors, got {anders:?}"),
    }
}

#[test]
fn a_semicolon_csv_from_a_dutch_spreadsheet_is_read_and_checked() {
    let csv = "naam;referentiecomponenten;einddatum;opzegtermijnMaanden;verlengingMaanden;jaarlijkseKosten\n\
               Zaaksysteem X;Zaakregistratiecomponent;31-12-2025;6;12;120.000\n\
               ;;;;;\n\
               Zaaksysteem X;;2026-06-30;3;0;5000\n";
    let rijen = lees(csv.as_bytes()).expect("readable");
    assert_eq!(rijen.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [2, 4]);
    let apps = controleer(rijen, &gemeente(), &HashSet::new(), &zoeker()).expect("valid");
    assert_eq!(apps[0].id.as_str(), "zaaksysteem-x");
    assert_eq!(apps[1].id.as_str(), "zaaksysteem-x-2");
    assert_eq!(apps[0].referentiecomponenten[0].as_str(), "a97b6545");
    assert_eq!(apps[0].contract.jaarlijkse_kosten(), 120_000);
}

#[test]
fn every_bad_row_is_named_with_its_field_and_nothing_is_returned() {
    let csv = "naam,startdatum,einddatum,jaarlijkseKosten,referentiecomponenten\n\
               Goed,,2025-12-31,100,\n\
               Verkeerd,2026-01-01,2025-12-31,100,\n\
               Datum,,2025-13-01,100,\n\
               Onbekend,,2025-12-31,100,Tovercomponent\n";
    let gelezen = fouten(lees(csv.as_bytes()));
    assert_eq!(
        gelezen,
        ["rij 4: einddatum: '2025-13-01' is geen datum (JJJJ-MM-DD)"]
    );
    let zonder_datumfout = csv.replace("2025-13-01", "2025-11-01");
    let rijen = lees(zonder_datumfout.as_bytes()).expect("readable");
    assert_eq!(
        fouten(controleer(rijen, &gemeente(), &HashSet::new(), &zoeker())),
        [
            "rij 3: einddatum: einddatum 2025-12-31 ligt voor startdatum 2026-01-01",
            "rij 5: referentiecomponenten: onbekende referentiecomponent 'Tovercomponent'; gebruik de naam of het Object ID uit de lijst van referentiecomponenten",
        ]
    );
}

#[test]
fn an_id_twice_in_one_file_is_an_error_and_taken_ids_are_avoided() {
    let csv = "id,naam,einddatum\nx,Een,2025-12-31\nx,Twee,2025-12-31\n";
    let rijen = lees(csv.as_bytes()).expect("readable");
    assert_eq!(
        fouten(controleer(rijen, &gemeente(), &HashSet::new(), &zoeker())),
        ["rij 3: id: 'x' staat ook in rij 2"]
    );
    let csv = "naam,einddatum\nEen,2025-12-31\n";
    let bezet: HashSet<String> = ["een".to_owned()].into();
    let apps = controleer(
        lees(csv.as_bytes()).expect("readable"),
        &gemeente(),
        &bezet,
        &zoeker(),
    )
    .expect("valid");
    assert_eq!(apps[0].id.as_str(), "een-2");
}

#[test]
fn a_file_without_the_needed_columns_is_refused_whole() {
    let fout = lees(b"name,end\nX,2025-12-31\n").unwrap_err();
    assert!(
        matches!(&fout, ImportFout::Onleesbaar(r) if r.contains("naam, einddatum")),
        "{fout:?}"
    );
    assert!(matches!(lees(b""), Err(ImportFout::Onleesbaar(_))));
}

#[test]
fn the_export_neutralises_formulas_and_reads_back_the_same() {
    let csv = "naam,leverancier,einddatum,jaarlijkseKosten\n\
               \"=HYPERLINK(\"\"http://x\"\")\",@leverancier,2025-12-31,10\n\
               -min,+plus,2026-01-31,0\n";
    let apps = controleer(
        lees(csv.as_bytes()).expect("readable"),
        &gemeente(),
        &HashSet::new(),
        &zoeker(),
    )
    .expect("valid");
    let uit = String::from_utf8(csv_veilig(&als_rijen(&apps, &[], |_| None))).expect("utf-8");
    let regels: Vec<&str> = uit.lines().collect();
    assert_eq!(regels[0], format!("{},{NAMENKOLOM}", KOLOMMEN.join(",")));
    for cel in regels[1..].iter().flat_map(|r| r.split(',')) {
        let kaal = cel.trim_start_matches('"');
        assert!(!kaal.starts_with(['=', '+', '-', '@']), "{cel} in {uit}");
    }
    // Read back: the same applicaties, with the neutralised names as text.
    let terug = controleer(
        lees(uit.as_bytes()).expect("readable"),
        &gemeente(),
        &HashSet::new(),
        &zoeker(),
    )
    .expect("valid");
    assert_eq!(terug.len(), 2);
    assert_eq!(terug[0].naam, "'=HYPERLINK(\"http://x\")");
    assert_eq!(terug[1].contract, apps[1].contract);
}

#[test]
fn an_xlsx_file_with_real_dates_and_numbers_is_read_like_csv() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut werkmap = Workbook::new();
    let blad = werkmap.add_worksheet();
    for (k, naam) in [
        "naam",
        "referentiecomponenten",
        "einddatum",
        "opzegtermijnMaanden",
        "verlengingMaanden",
        "jaarlijkseKosten",
        "inGebruik",
    ]
    .iter()
    .enumerate()
    {
        blad.write_string(0, u16::try_from(k).expect("few"), *naam)
            .expect("write");
    }
    let datum = Format::new().set_num_format("dd-mm-yyyy");
    blad.write_string(1, 0, "Zaaksysteem X").expect("write");
    blad.write_string(1, 1, "a97b6545").expect("write");
    blad.write_datetime_with_format(
        1,
        2,
        ExcelDateTime::from_ymd(2025, 12, 31).expect("date"),
        &datum,
    )
    .expect("write");
    blad.write_number(1, 3, 6).expect("write");
    blad.write_number(1, 4, 12).expect("write");
    blad.write_number(1, 5, 120_000).expect("write");
    blad.write_boolean(1, 6, true).expect("write");
    blad.write_string(2, 0, "Kapot").expect("write");
    blad.write_string(2, 2, "gisteren").expect("write");
    let bytes = werkmap.save_to_buffer().expect("xlsx");

    assert_eq!(
        fouten(lees(&bytes)),
        ["rij 3: einddatum: 'gisteren' is geen datum (JJJJ-MM-DD)"]
    );
    let blad = werkmap.worksheet_from_index(0).expect("sheet");
    blad.write_string(2, 2, "2026-06-30").expect("write");
    let bytes = werkmap.save_to_buffer().expect("xlsx");
    let apps = controleer(
        lees(&bytes).expect("readable"),
        &gemeente(),
        &HashSet::new(),
        &zoeker(),
    )
    .expect("valid");
    assert_eq!(apps[0].contract.einddatum().to_string(), "2025-12-31");
    assert_eq!(apps[0].contract.jaarlijkse_kosten(), 120_000);
    assert_eq!(apps[0].contract.opzegtermijn_maanden(), 6);
    assert_eq!(apps[1].naam, "Kapot");
}

#[test]
fn a_broken_xlsx_is_refused_as_unreadable() {
    assert!(matches!(
        lees(b"PK\x03\x04 niet echt een zip"),
        Err(ImportFout::Onleesbaar(_))
    ));
}
