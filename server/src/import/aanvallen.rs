//! The hostile files of issue 12, each refused with an error that names its limit (or
//! read within it), never a panic, an abort or an allocation the size of what the file
//! claims. What each costs in memory is measured by `scripts/bench-import-aanval`.

use std::io::Write as _;

use super::grenzen::{MAX_GEMELDE_FOUTEN, MAX_RIJEN};
use super::{ImportFout, ameff, landschap, publiccode};

/// A workbook made by hand, part by part, so that it can say what no spreadsheet
/// program would write.
fn werkmap(blad: &str, gedeeld: Option<&str>, extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opties = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let mut delen: Vec<(&str, Vec<u8>)> = vec![
        (
            "xl/workbook.xml",
            br#"<workbook xmlns:r="r"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_vec(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.to_vec(),
        ),
        ("xl/worksheets/sheet1.xml", blad.as_bytes().to_vec()),
    ];
    if let Some(gedeeld) = gedeeld {
        delen.push(("xl/sharedStrings.xml", gedeeld.as_bytes().to_vec()));
    }
    delen.extend(extra.iter().cloned());
    for (naam, inhoud) in delen {
        zip.start_file(naam, opties).expect("part");
        zip.write_all(&inhoud).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

/// A sheet with the landscape header in row 1 and `rijen` after it.
fn blad(rijen: &str) -> String {
    format!(
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>naam</t></is></c><c r="B1" t="inlineStr"><is><t>einddatum</t></is></c></row>{rijen}</sheetData></worksheet>"#
    )
}

fn te_groot(uitkomst: Result<impl std::fmt::Debug, ImportFout>) -> String {
    match uitkomst {
        Err(ImportFout::TeGroot(reden)) => reden,
        anders => panic!("expected a refusal for size, got {anders:?}"),
    }
}

#[test]
fn a_hand_made_workbook_with_a_good_row_is_read() {
    let bestand = werkmap(
        &blad(
            r#"<row r="2"><c r="A2" t="inlineStr"><is><t>Zaaksysteem</t></is></c><c r="B2" t="inlineStr"><is><t>2027-12-31</t></is></c></row>"#,
        ),
        None,
        &[],
    );
    let rijen = landschap::lees(&bestand).expect("readable");
    assert_eq!(rijen.len(), 1);
    assert_eq!(rijen[0].0, 2);
    assert_eq!(rijen[0].1.naam, "Zaaksysteem");
}

#[test]
fn a_sheet_that_declares_a1_to_xfd1048576_is_refused_before_any_cell_is_read() {
    let mut werkboek = rust_xlsxwriter::Workbook::new();
    let sheet = werkboek.add_worksheet();
    sheet.write_string(0, 0, "naam").expect("write");
    sheet
        .write_string(1_048_575, 16_383, "ver weg")
        .expect("write");
    let bestand = werkboek.save_to_buffer().expect("xlsx");
    assert!(
        bestand.len() < 10_000,
        "a small file: {} bytes",
        bestand.len()
    );
    assert_eq!(
        te_groot(landschap::lees(&bestand)),
        "rijen in het werkblad: hoogstens 50.001"
    );
}

#[test]
fn cells_far_apart_without_a_declared_dimension_cost_nothing_and_are_named() {
    let bestand = werkmap(
        &blad(r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#),
        None,
        &[],
    );
    let Err(ImportFout::Rijen(fouten)) = landschap::lees(&bestand) else {
        panic!("expected a row error");
    };
    assert_eq!(
        fouten[0].to_string(),
        "rij 1048576: rij: heeft meer dan 100 kolommen"
    );
}

#[test]
fn a_header_wider_than_a_file_may_be_is_refused() {
    let bestand = werkmap(
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>naam</t></is></c><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#,
        None,
        &[],
    );
    assert_eq!(
        te_groot(landschap::lees(&bestand)),
        "rij 1 (de kolomnamen) heeft te veel kolommen: hoogstens 100"
    );
}

#[test]
fn one_huge_shared_string_used_by_many_cells_is_never_copied_and_every_use_is_counted() {
    let groot = "x".repeat(21 * 1024);
    let gedeeld =
        format!(r#"<sst uniqueCount="2"><si><t>{groot}</t></si><si><t>2027-12-31</t></si></sst>"#);
    let rijen: String = (2..=5_001)
        .map(|r| {
            format!(
                r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="s"><v>1</v></c></row>"#
            )
        })
        .collect();
    let bestand = werkmap(&blad(&rijen), Some(&gedeeld), &[]);
    let Err(ImportFout::Rijen(fouten)) = landschap::lees(&bestand) else {
        panic!("expected row errors");
    };
    assert_eq!(fouten.totaal(), 5_000);
    assert_eq!(fouten.len(), MAX_GEMELDE_FOUTEN);
    assert_eq!(
        fouten[0].to_string(),
        "rij 2: naam: is langer dan 4.096 bytes"
    );
}

#[test]
fn a_workbook_that_claims_more_shared_strings_than_allowed_is_refused() {
    let bestand = werkmap(
        &blad(""),
        Some(r#"<sst uniqueCount="999999999"></sst>"#),
        &[],
    );
    assert_eq!(
        te_groot(landschap::lees(&bestand)),
        "gedeelde teksten: hoogstens 600.000"
    );
}

#[test]
fn a_part_that_unpacks_past_its_limit_is_refused_as_a_zip_bomb() {
    // 70 MiB of spaces between two tags packs into well under 1 MiB.
    let mut bom = String::from("<worksheet><sheetData>");
    bom.push_str(&" ".repeat(70 * 1024 * 1024));
    bom.push_str("</sheetData></worksheet>");
    let bestand = werkmap(&bom, None, &[]);
    assert!(bestand.len() < 1024 * 1024, "{} bytes", bestand.len());
    let reden = te_groot(landschap::lees(&bestand));
    assert!(
        reden.starts_with("één XML-element of tekst") || reden.starts_with("één deel"),
        "{reden}"
    );
}

#[test]
fn one_xml_event_larger_than_a_mebibyte_is_refused() {
    let lang = format!(
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{}</t></is></c></row></sheetData></worksheet>"#,
        "y".repeat(2 * 1024 * 1024)
    );
    assert_eq!(
        te_groot(landschap::lees(&werkmap(&lang, None, &[]))),
        "één XML-element of tekst: hoogstens 1 MiB"
    );
}

#[test]
fn an_archive_with_more_parts_than_a_workbook_has_is_refused_before_it_is_opened() {
    let extra: Vec<(String, Vec<u8>)> =
        (0..1_001).map(|i| (format!("x/{i}"), Vec::new())).collect();
    let extra: Vec<(&str, Vec<u8>)> = extra.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let bestand = werkmap(&blad(""), None, &extra);
    assert_eq!(
        te_groot(landschap::lees(&bestand)),
        "delen in het XLSX-archief: hoogstens 1.000"
    );
}

#[test]
fn a_csv_row_with_millions_of_empty_fields_is_an_error_not_a_row() {
    let mut csv = b"naam,einddatum\nZaaksysteem,2027-12-31".to_vec();
    csv.extend(std::iter::repeat_n(b',', 5_000_000));
    csv.push(b'\n');
    let Err(ImportFout::Rijen(fouten)) = landschap::lees(&csv) else {
        panic!("expected a row error");
    };
    assert_eq!(fouten.totaal(), 1);
    assert_eq!(
        fouten[0].to_string(),
        "rij 2: rij: heeft meer dan 100 kolommen"
    );
}

#[test]
fn a_csv_field_past_the_cell_limit_is_named_and_skipped() {
    let csv = format!("naam,einddatum\n{},2027-12-31\n", "z".repeat(5_000));
    let Err(ImportFout::Rijen(fouten)) = landschap::lees(csv.as_bytes()) else {
        panic!("expected a row error");
    };
    assert_eq!(
        fouten[0].to_string(),
        "rij 2: naam: is langer dan 4.096 bytes"
    );
}

#[test]
fn many_bad_rows_give_the_first_hundred_and_the_count() {
    let mut csv = String::from("naam,einddatum\n");
    for _ in 0..MAX_RIJEN {
        csv.push_str("x,gisteren\n");
    }
    let Err(ImportFout::Rijen(fouten)) = landschap::lees(csv.as_bytes()) else {
        panic!("expected row errors");
    };
    assert_eq!(fouten.len(), MAX_GEMELDE_FOUTEN);
    assert_eq!(fouten.totaal(), MAX_RIJEN);
    csv.push_str("x,gisteren\n");
    assert_eq!(
        te_groot(landschap::lees(csv.as_bytes())),
        "rijen: hoogstens 50.000"
    );
}

#[test]
fn an_exchange_file_with_more_elements_than_allowed_is_refused() {
    let mut xml = format!("<model xmlns=\"{}\"><elements>\n", ameff::ARCHIMATE_NS);
    for i in 0..=super::grenzen::MAX_AMEFF_ELEMENTEN {
        xml.push_str(&format!(
            "<element identifier=\"e{i}\"><name>E</name></element>\n"
        ));
    }
    xml.push_str("</elements></model>");
    assert_eq!(
        te_groot(ameff::lees(xml.as_bytes())),
        "elementen: hoogstens 100.000"
    );
}

#[test]
fn an_exchange_file_with_more_relationships_than_allowed_is_refused() {
    let mut xml = format!("<model xmlns=\"{}\"><relationships>\n", ameff::ARCHIMATE_NS);
    for i in 0..=super::grenzen::MAX_AMEFF_RELATIES {
        xml.push_str(&format!(
            "<relationship identifier=\"r{i}\" source=\"a\" target=\"b\"/>\n"
        ));
    }
    xml.push_str("</relationships></model>");
    assert_eq!(
        te_groot(super::ameff_landschap::lees(
            xml.as_bytes(),
            &Default::default(),
            &Default::default()
        )),
        "relaties: hoogstens 200.000"
    );
}

#[test]
fn an_exchange_file_names_the_line_of_each_element_however_many_there_are() {
    let mut xml = format!("<model xmlns=\"{}\"><elements>\n", ameff::ARCHIMATE_NS);
    for i in 0..5_000 {
        xml.push_str(&format!(
            "<element identifier=\"e{i}\">\n<name>E{i}</name><properties><property propertyDefinitionRef=\"t\"><value>Referentiecomponent</value></property></properties></element>\n"
        ));
    }
    xml.push_str("</elements><propertyDefinitions><propertyDefinition identifier=\"t\"><name>GEMMA type</name></propertyDefinition></propertyDefinitions></model>");
    let Err(ImportFout::Rijen(fouten)) = ameff::lees(xml.as_bytes()) else {
        panic!("expected errors: no Object ID");
    };
    assert_eq!(fouten.totaal(), 5_000);
    assert_eq!(fouten[0].naam(), "rij 2: Object ID");
    assert_eq!(fouten[99].naam(), "rij 200: Object ID");
}

#[test]
fn a_yaml_bomb_in_a_publiccode_file_is_refused() {
    let bom = "name: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
               c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
               e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
               url: https://example.org\n";
    assert!(matches!(
        publiccode::lees(bom.as_bytes()),
        Err(ImportFout::Onleesbaar(_))
    ));
    let groot = format!(
        "name: x\nurl: https://example.org\ndescription: {}\n",
        "d".repeat(2 * 1024 * 1024)
    );
    assert_eq!(
        te_groot(publiccode::lees(groot.as_bytes())),
        "een publiccode.yml: hoogstens 1 MiB"
    );
}

#[test]
fn a_control_character_in_an_exchange_file_is_refused_before_it_is_stored() {
    let xml = "<model><elements><element identifier=\"e\"><name>A\u{0}B</name></element></elements></model>";
    assert!(matches!(
        ameff::lees(xml.as_bytes()),
        Err(ImportFout::Onleesbaar(_))
    ));
}
