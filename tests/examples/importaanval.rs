//! A long run of hostile files against every importer of a running release server:
//! generated malformed and oversized CSV, XLSX, ArchiMate and publiccode.yml files, one
//! at a time, for `AANVAL_SECONDEN` (default 600). It samples the server's resident
//! memory every 2 ms while each file is in flight and reports, per kind of file, how many
//! were sent, the answers' status codes, and the largest rise above the memory just before
//! the upload. Any 5xx other than a 503 "busy", or a server that stops answering, ends the
//! run with an error. Then it measures `/health` while four large legitimate imports run
//! at once, and how long a 100 000-element ArchiMate file takes to read.
//!
//! Run with `scripts/bench-import-aanval`, which builds and starts the server and passes
//! `AANVAL_URL`, `AANVAL_PID`, `AANVAL_LID` (a member's token) and `AANVAL_REGIE`.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};

fn omgeving(naam: &str) -> String {
    std::env::var(naam)
        .unwrap_or_else(|_| panic!("{naam} ontbreekt: start via scripts/bench-import-aanval"))
}

/// Resident memory of process `pid` in KiB.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|r| r.starts_with("VmRSS:"))
                .and_then(|r| r.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// A workbook made part by part, so that it can say what no spreadsheet writes.
fn werkmap(blad: &[u8], gedeeld: Option<&[u8]>, extra_delen: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opties = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let mut delen: Vec<(String, Vec<u8>)> = vec![
        ("xl/workbook.xml".into(), br#"<workbook xmlns:r="r"><sheets><sheet name="B" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_vec()),
        ("xl/_rels/workbook.xml.rels".into(), br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.to_vec()),
        ("xl/worksheets/sheet1.xml".into(), blad.to_vec()),
    ];
    if let Some(g) = gedeeld {
        delen.push(("xl/sharedStrings.xml".into(), g.to_vec()));
    }
    delen.extend((0..extra_delen).map(|i| (format!("x/{i}"), Vec::new())));
    for (naam, inhoud) in delen {
        zip.start_file(naam, opties).expect("part");
        zip.write_all(&inhoud).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

fn muteer(rng: &mut StdRng, mut bytes: Vec<u8>) -> Vec<u8> {
    for _ in 0..rng.random_range(1..20) {
        if bytes.is_empty() {
            break;
        }
        let plek = rng.random_range(0..bytes.len());
        match rng.random_range(0..3) {
            0 => bytes[plek] = rng.random(),
            1 => bytes.truncate(plek.max(1)),
            _ => {
                let stuk: Vec<u8> = bytes[plek..].iter().take(64).copied().collect();
                for _ in 0..rng.random_range(1..50) {
                    bytes.extend_from_slice(&stuk);
                }
            }
        }
    }
    bytes
}

fn geldige_csv(rijen: usize) -> Vec<u8> {
    let mut csv = String::from(
        "naam;leverancier;einddatum;opzegtermijnMaanden;verlengingMaanden;jaarlijkseKosten\n",
    );
    for i in 0..rijen {
        csv.push_str(&format!(
            "Applicatie {i};Leverancier {};2027-12-31;6;12;{}\n",
            i % 40,
            1000 + i
        ));
    }
    csv.into_bytes()
}

/// One hostile file: its kind (for the report), the route and its content type.
fn vijandig(
    rng: &mut StdRng,
    gemma: &[u8],
    publiccode: &[Vec<u8>],
) -> (&'static str, &'static str, &'static str, Vec<u8>) {
    const CSV: &str = "/api/v1/gemeenten/GM0344/applicaties/import";
    const AMEFF: &str = "/api/v1/referentiecomponenten/import";
    const YAML: &str = "/api/v1/componenten/import?laag=services";
    match rng.random_range(0..18) {
        0 => (
            "csv-willekeurig",
            CSV,
            "text/csv",
            (0..rng.random_range(0..200_000))
                .map(|_| rng.random())
                .collect(),
        ),
        1 => {
            let mut b = b"naam,einddatum\nx,2027-12-31".to_vec();
            b.extend(std::iter::repeat_n(
                b',',
                rng.random_range(100_000..15_000_000),
            ));
            ("csv-brede-rij", CSV, "text/csv", b)
        }
        2 => {
            let mut b = b"naam,einddatum\n".to_vec();
            for _ in 0..rng.random_range(10_000..60_000) {
                b.extend_from_slice(b"x,gisteren\n");
            }
            ("csv-foute-rijen", CSV, "text/csv", b)
        }
        3 => (
            "csv-gemuteerd",
            CSV,
            "text/csv",
            muteer(rng, geldige_csv(2_000)),
        ),
        4 => {
            let lang = "z".repeat(rng.random_range(5_000..2_000_000));
            (
                "csv-lange-cel",
                CSV,
                "text/csv",
                format!("naam,einddatum\n\"{lang}\",2027-12-31\n").into_bytes(),
            )
        }
        5 => {
            let blad = br#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>naam</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
            (
                "xlsx-a1-xfd1048576",
                CSV,
                "application/octet-stream",
                werkmap(blad, None, 0),
            )
        }
        6 => {
            let mut blad = String::from(
                r#"<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>naam</t></is></c><c t="inlineStr"><is><t>einddatum</t></is></c></row>"#,
            );
            for r in 2..rng.random_range(1_000..40_000) {
                blad.push_str(&format!(r#"<row r="{}"><c r="A{0}" t="s"><v>0</v></c><c r="XFD{0}" t="s"><v>0</v></c></row>"#, r * 20));
            }
            blad.push_str("</sheetData></worksheet>");
            let gedeeld = format!(
                r#"<sst><si><t>{}</t></si></sst>"#,
                "s".repeat(rng.random_range(1_000..900_000))
            );
            (
                "xlsx-verre-cellen-grote-tekst",
                CSV,
                "application/octet-stream",
                werkmap(blad.as_bytes(), Some(gedeeld.as_bytes()), 0),
            )
        }
        7 => {
            let mut bom = b"<worksheet><sheetData>".to_vec();
            bom.extend(std::iter::repeat_n(
                b' ',
                rng.random_range(10..200) * 1024 * 1024,
            ));
            (
                "xlsx-zipbom",
                CSV,
                "application/octet-stream",
                werkmap(&bom, None, 0),
            )
        }
        8 => (
            "xlsx-veel-delen",
            CSV,
            "application/octet-stream",
            werkmap(b"<worksheet/>", None, rng.random_range(900..3_000)),
        ),
        9 => {
            let mut werkboek = rust_xlsxwriter::Workbook::new();
            let blad = werkboek.add_worksheet();
            for r in 0..rng.random_range(2..500_u32) {
                for k in 0..12_u16 {
                    blad.write_string(r, k, format!("c{r}-{k}")).expect("write");
                }
            }
            (
                "xlsx-gemuteerd",
                CSV,
                "application/octet-stream",
                muteer(rng, werkboek.save_to_buffer().expect("xlsx")),
            )
        }
        10 => (
            "ameff-gemuteerd",
            AMEFF,
            "application/xml",
            muteer(rng, gemma.to_vec()),
        ),
        11 => {
            let diep = rng.random_range(100..2_000_000);
            let mut b = b"<model>".to_vec();
            for _ in 0..diep {
                b.extend_from_slice(b"<a>");
            }
            ("ameff-diep-of-lang", AMEFF, "application/xml", b)
        }
        12 => {
            let bom = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nname: x\nurl: https://x.nl\n";
            (
                "publiccode-bom",
                YAML,
                "application/yaml",
                bom.as_bytes().to_vec(),
            )
        }
        14 => {
            // A landscape model whose relationships point at nothing: every one an error.
            let mut b = String::from(
                r#"<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><elements><element identifier="a" xsi:type="ApplicationComponent"><name>A</name></element></elements><relationships>"#,
            );
            for i in 0..rng.random_range(1_000..99_000) {
                b.push_str(&format!(
                    r#"<relationship identifier="r{i}" source="a" target="weg{i}" xsi:type="Specialization"/>"#
                ));
            }
            b.push_str("</relationships></model>");
            (
                "ameff-landschap-relaties",
                CSV,
                "application/xml",
                b.into_bytes(),
            )
        }
        15 => (
            // GEMMA's own file sent as a landscape, damaged.
            "ameff-landschap-gemuteerd",
            CSV,
            "application/xml",
            muteer(rng, gemma.to_vec()),
        ),
        16 => {
            let veel = rng.random_range(10_000..200_000);
            let mut b = b"[".to_vec();
            for i in 0..veel {
                if i > 0 {
                    b.push(b',');
                }
                b.extend_from_slice(
                    format!(r#"{{"voorzieningId":"v{i}","naam":"P{i}","referentieComponenten":["x","y"]}}"#)
                        .as_bytes(),
                );
            }
            b.push(b']');
            ("swc-json-veel", CSV, "application/json", b)
        }
        17 => {
            let diep = rng.random_range(100..2_000_000);
            let mut b = b"{\"results\":".to_vec();
            b.extend(std::iter::repeat_n(b'[', diep));
            ("swc-json-diep", CSV, "application/json", b)
        }
        _ => {
            let bron = &publiccode[rng.random_range(0..publiccode.len())];
            (
                "publiccode-gemuteerd",
                YAML,
                "application/yaml",
                muteer(rng, bron.clone()),
            )
        }
    }
}

#[derive(Default)]
struct Telling {
    aantal: u64,
    statussen: BTreeMap<u16, u64>,
    piek_kib: u64,
    langste: Duration,
}

#[tokio::main]
async fn main() {
    let url = omgeving("AANVAL_URL");
    let pid: u32 = omgeving("AANVAL_PID").parse().expect("pid");
    let lid = omgeving("AANVAL_LID");
    let regie = omgeving("AANVAL_REGIE");
    let duur = Duration::from_secs(
        std::env::var("AANVAL_SECONDEN")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(600),
    );
    let gedeeld = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
    let gemma = std::fs::read(gedeeld.join("gemma-applicatiecomponenten.xml")).expect("GEMMA file");
    let publiccode: Vec<Vec<u8>> = std::fs::read_dir(gedeeld.join("publiccode"))
        .expect("publiccode folder")
        .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
        .collect();
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()
        .expect("client");
    let mut rng = StdRng::seed_from_u64(2026);

    // A sampler of the server's memory, reset before each upload.
    let piek = Arc::new(AtomicU64::new(0));
    let klaar = Arc::new(AtomicBool::new(false));
    {
        let (piek, klaar) = (Arc::clone(&piek), Arc::clone(&klaar));
        std::thread::spawn(move || {
            while !klaar.load(Ordering::Relaxed) {
                piek.fetch_max(rss_kib(pid), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(2));
            }
        });
    }
    let begin_rss = rss_kib(pid);
    println!("server rust: {} MiB resident", begin_rss / 1024);
    let mut tellingen: BTreeMap<&str, Telling> = BTreeMap::new();
    let begin = Instant::now();
    while begin.elapsed() < duur {
        let (soort, pad, type_, body) = vijandig(&mut rng, &gemma, &publiccode);
        let token = if pad.contains("/gemeenten/") {
            &lid
        } else {
            &regie
        };
        let voor = rss_kib(pid);
        piek.store(voor, Ordering::Relaxed);
        let t0 = Instant::now();
        let antwoord = http
            .post(format!("{url}{pad}"))
            .bearer_auth(token)
            .header("content-type", type_)
            .body(body)
            .send()
            .await;
        let status = match antwoord {
            Ok(a) => {
                let status = a.status().as_u16();
                let _ = a.bytes().await;
                status
            }
            Err(fout) => panic!("{soort}: geen antwoord ({fout}); draait de server nog?"),
        };
        let verstreken = t0.elapsed();
        std::thread::sleep(Duration::from_millis(5));
        let stijging = piek.load(Ordering::Relaxed).saturating_sub(voor);
        assert!(status < 500 || status == 503, "{soort}: HTTP {status}");
        let t = tellingen.entry(soort).or_default();
        t.aantal += 1;
        *t.statussen.entry(status).or_default() += 1;
        t.piek_kib = t.piek_kib.max(stijging);
        t.langste = t.langste.max(verstreken);
        assert!(
            http.get(format!("{url}/health"))
                .send()
                .await
                .is_ok_and(|a| a.status().is_success()),
            "na {soort}: /health antwoordt niet"
        );
    }
    klaar.store(true, Ordering::Relaxed);
    println!(
        "\n{} s vijandige bestanden, één tegelijk; 0 panics, 0 aborts (de server antwoordde na elk bestand):",
        duur.as_secs()
    );
    println!(
        "{:<32} {:>6} {:>22} {:>18} {:>12}",
        "soort", "aantal", "statussen", "piek boven vooraf", "langste"
    );
    let mut totaal = 0;
    for (soort, t) in &tellingen {
        totaal += t.aantal;
        let statussen: Vec<String> = t
            .statussen
            .iter()
            .map(|(s, n)| format!("{s}×{n}"))
            .collect();
        println!(
            "{soort:<32} {:>6} {:>22} {:>14} MiB {:>9} ms",
            t.aantal,
            statussen.join(" "),
            format!("{:.1}", t.piek_kib as f64 / 1024.0),
            t.langste.as_millis()
        );
    }
    println!(
        "totaal: {totaal} bestanden; server nu {} MiB resident",
        rss_kib(pid) / 1024
    );

    // /health while four large legitimate imports run at once.
    let groot = geldige_csv(50_000);
    println!(
        "\n/health tijdens vier gelijktijdige imports van 50 000 rijen ({} bytes elk):",
        groot.len()
    );
    let bezig = Arc::new(AtomicBool::new(true));
    let imports: Vec<_> = (0..4)
        .map(|_| {
            let (http, url, lid, groot, bezig) = (
                http.clone(),
                url.clone(),
                lid.clone(),
                groot.clone(),
                Arc::clone(&bezig),
            );
            tokio::spawn(async move {
                let mut statussen = Vec::new();
                while bezig.load(Ordering::Relaxed) {
                    let a = http
                        .post(format!(
                            "{url}/api/v1/gemeenten/GM0344/applicaties/import?vervangen=true"
                        ))
                        .bearer_auth(&lid)
                        .header("content-type", "text/csv")
                        .body(groot.clone())
                        .send()
                        .await
                        .expect("answers");
                    statussen.push(a.status().as_u16());
                    if a.status().as_u16() == 503 {
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                }
                statussen
            })
        })
        .collect();
    let mut tijden = Vec::new();
    let meten = Instant::now();
    while meten.elapsed() < Duration::from_secs(30) {
        let t0 = Instant::now();
        let a = http
            .get(format!("{url}/health"))
            .send()
            .await
            .expect("health");
        assert!(a.status().is_success());
        tijden.push(t0.elapsed().as_secs_f64() * 1000.0);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    bezig.store(false, Ordering::Relaxed);
    let mut statussen: BTreeMap<u16, u64> = BTreeMap::new();
    for import in imports {
        for s in import.await.expect("joins") {
            *statussen.entry(s).or_default() += 1;
        }
    }
    tijden.sort_by(f64::total_cmp);
    let p = |q: f64| tijden[((tijden.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "  {} metingen: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; imports: {:?}",
        tijden.len(),
        p(0.5),
        p(0.99),
        p(1.0),
        statussen
    );

    // An ArchiMate file of 100 000 elements (the limit) is read in linear time.
    let mut xml =
        String::from("<model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\"><elements>\n");
    for i in 0..100_000 {
        xml.push_str(&format!(
            "<element identifier=\"e{i}\">\n<name>Element {i}</name></element>\n"
        ));
    }
    xml.push_str("</elements></model>");
    let t0 = Instant::now();
    let a = http
        .post(format!("{url}/api/v1/referentiecomponenten/import"))
        .bearer_auth(&regie)
        .header("content-type", "application/xml")
        .body(xml.clone())
        .send()
        .await
        .expect("answers");
    println!(
        "\nArchiMate-bestand van 100 000 elementen ({} bytes): HTTP {} in {} ms",
        xml.len(),
        a.status(),
        t0.elapsed().as_millis()
    );

    // A landscape from an architecture tool at the row limit: 50 000 application
    // components, half with an einddatum, half aan te vullen, each specializing GEMMA's
    // first referentiecomponent.
    let mut landschap = String::from(
        r#"<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><elements>
<element identifier="id-gemma" xsi:type="ApplicationComponent"><name>Aanwezigheid- en toegangscontrolecomponent</name><properties><property propertyDefinitionRef="t"><value>Referentiecomponent</value></property></properties></element>
"#,
    );
    for i in 0..50_000 {
        let eind = if i % 2 == 0 {
            r#"<property propertyDefinitionRef="e"><value>2027-12-31</value></property>"#
        } else {
            ""
        };
        landschap.push_str(&format!(
            "<element identifier=\"id-a{i}\" xsi:type=\"ApplicationComponent\"><name>Applicatie {i}</name><properties>{eind}<property propertyDefinitionRef=\"k\"><value>1000</value></property></properties></element>\n"
        ));
    }
    landschap.push_str("</elements><relationships>\n");
    for i in 0..50_000 {
        landschap.push_str(&format!(
            "<relationship identifier=\"r{i}\" source=\"id-a{i}\" target=\"id-gemma\" xsi:type=\"Specialization\"/>\n"
        ));
    }
    landschap.push_str(r#"</relationships><propertyDefinitions><propertyDefinition identifier="t"><name>GEMMA type</name></propertyDefinition><propertyDefinition identifier="e"><name>Einddatum</name></propertyDefinition><propertyDefinition identifier="k"><name>Jaarlijkse kosten</name></propertyDefinition></propertyDefinitions></model>"#);
    for (wat, query) in [
        ("voorbeeld", "?vervangen=true&proefdraai=true"),
        ("import", "?vervangen=true"),
    ] {
        let t0 = Instant::now();
        let a = http
            .post(format!(
                "{url}/api/v1/gemeenten/GM0344/applicaties/import{query}"
            ))
            .bearer_auth(&lid)
            .header("content-type", "application/xml")
            .body(landschap.clone())
            .send()
            .await
            .expect("answers");
        let status = a.status();
        let tekst = a.text().await.unwrap_or_default();
        println!(
            "ArchiMate-landschap van 50 000 applicaties ({} bytes), {wat}: HTTP {status} in {} ms{}",
            landschap.len(),
            t0.elapsed().as_millis(),
            if status.is_success() {
                String::new()
            } else {
                format!(": {tekst}")
            }
        );
    }
}
