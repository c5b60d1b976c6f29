//! How long a 10 000-row landscape CSV takes to import: read, check against the rules and
//! the referentiecomponenten, and store in one transaction on SQLite (replacing the
//! previous 10 000 rows each time, the slower case). Issue 5 asks for under 2 s.
//!
//! Run: `cargo bench -p server --bench import` (needs `../shared/data`).

use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use domain::GemeenteCode;
use domain::toegang::Actor;
use server::demo::landschap::{Opdracht, landschap};
use server::import::landschap::{als_rijen, csv_veilig};
use server::taken::importwerk::Importwerk;
use server::taken::landschap_importeren::{Bestand, importeer as importeer_landschap};
use server::toegang::recht::GemeenteSchrijfrecht;
use server::{Config, Db};

fn import(c: &mut Criterion) {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
    if !data.is_dir() {
        eprintln!("OVERGESLAGEN: {} ontbreekt", data.display());
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let map = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", map.path().join("bench.db").display());
    let (db, recht, csv) = runtime.block_on(async {
        let db = Db::connect(&url).await.expect("db");
        let config = Config::lokaal(
            "127.0.0.1:0".parse().expect("addr"),
            url.clone(),
            Some(data),
            PathBuf::from("target/site"),
            true,
        );
        server::laad_gegevens(&db, &config)
            .await
            .expect("reference data");
        let gemeente = GemeenteCode::parse("GM0344").expect("code");
        let actor = Actor::Lid {
            naam: "bench".into(),
            gemeente: gemeente.clone(),
            recht: domain::toegang::Lidrecht::Bewerken,
        };
        let recht = GemeenteSchrijfrecht::voor(&actor, &gemeente).expect("right");
        let referentie = db.referentiecomponenten().await.expect("refs");
        let opdracht = Opdracht {
            applicaties: 10_000,
            seed: 1,
            vanaf: "2026-01-01".parse().expect("date"),
        };
        let csv = csv_veilig(&als_rijen(
            &landschap(opdracht, &gemeente, &referentie),
            &[],
            |_| None,
        ));
        (db, recht, csv)
    });
    eprintln!(
        "CSV: {} bytes, {} rows",
        csv.len(),
        csv.iter().filter(|&&b| b == b'\n').count() - 1
    );
    let mut groep = c.benchmark_group("landschap");
    groep
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    groep.bench_function("csv_import_10000_rijen", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let verslag = importeer_landschap(
                    &db,
                    &Importwerk::default(),
                    &recht,
                    Bestand {
                        bytes: csv.clone().into(),
                        namen: Default::default(),
                    },
                    true,
                    None,
                )
                .await
                .expect("imports");
                assert_eq!(verslag.toegevoegd + verslag.bijgewerkt, 10_000);
            });
        });
    });
    groep.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
