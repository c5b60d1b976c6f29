//! Published migrations never change, and every database ever built by a released
//! Grondplan starts on the current one: the first released migration set (0001–0005, at
//! the first landing), and 0001–0008 with the changed version of 0008 that some
//! databases ran before it was restored.
//!
//! Each test runs on a fresh database: SQLite, and PostgreSQL when `TEST_DATABASE_URL`
//! names a server (as `scripts/test` does).

use std::borrow::Cow;
use std::path::PathBuf;

use sha2::{Digest, Sha384};
use sqlx::migrate::{Migration, MigrationType, Migrator};

use crate::helpers::{verse_database, werkmap};

/// The SHA-384 of every published migration file, as it was published. A changed file
/// fails [`published_migrations_never_change`]; a new migration is added here when it
/// is published.
const GEPUBLICEERD: &[(&str, &str)] = &[
    (
        "0001_routekaart.sql",
        "288b3b177029526fa621f3fb86965a19e55c93a9ecf29b89ef3f1eceff90adba8e01c7e18360124b00b903365d1fd0ba",
    ),
    (
        "0002_toegang.sql",
        "fffc5e6ab489051aa3b2536fb0207f2003127656a23bcb62d93c0a47cbc87b4a6dd3c73a8f5aca25a2571d160aa022fa",
    ),
    (
        "0003_scenarios.sql",
        "9761f12e930aace22ace4fc4c81f5f044b629b407cc5c132edc43ff1f98d6d1ed8b2f17b06be3d541c58a1983e814f5f",
    ),
    (
        "0004_referentiecomponenten.sql",
        "5387d8296a88fe5295e15f7a18f01f5c7a967b1eaeba15718733bb79759d339e22a4d97c8cf755c0a17e6bba6e3a7d96",
    ),
    (
        "0005_componenten.sql",
        "62a0367dc06023390e04f5ce126e65577d4c38b371e6990118b2b5e4bf545cdcaa9a1bca10a1d9e144606cc793b6d6ad",
    ),
    (
        "0006_applicaties.sql",
        "34d484a6406344d2bf1c5b29a355110352cf334b713cee4ece0b98349bb8b726bb4b1c4ba67b771f9b3978380482baa8",
    ),
    (
        "0007_aanmeldingen.sql",
        "e040f99bc23d8fe686a7d5d761675340b48660d02fae6a1d2f5918df46a29b205a343512f6533a38fed0be37de596d7a",
    ),
    (
        "0008_landelijk.sql",
        "42cbfd91ae05ddecaf55a07372dc9b18dd8595f4231bd48d6ecd1f89c61a4832fefa32bd8fb81ef080210b3a31e08236",
    ),
    (
        "0009_beveiliging.sql",
        "15907fd3f5898236f7453bb4b7da7c1a5b045d0f15300655667a6c3c15b2dfaacc2da7bbfe9021644cf717131eefd4a0",
    ),
    (
        "0010_oidc.sql",
        "6a4aac8528b7e32a749706b0a90f1469463fdf45bd8d9073713cd7127218c852e1606db94ec4f1aa394fc352aec944ea",
    ),
    (
        "0011_accountbeheer.sql",
        "31959d12a7ca78c7acfc11bd5ebff6c9939f2521c09e8972ca6ad7c4af28a6ce2f48ffcf653d87bf33336486bde5ca56",
    ),
    (
        "0012_aan_te_vullen.sql",
        "63f2ba205729ce9be8799072a41766956a63ac9b1d6fbfde311871d142344891473f6f2a40f764b8850d346754674ab9",
    ),
    (
        "0013_contextversie.sql",
        "08235900c47e31355e412b32cd78a0a58be3b1201a019864581c3f1b7cc3d0154dfbd76d39884062516c5a256ce348c5",
    ),
    (
        "0014_landschapwijzigingen.sql",
        "2d49509df00ff689242c87230c97835af8aecf3aab77bace0326e71998bdbee08e3bc3566dffe6bd511e5389577eb265",
    ),
];

fn migratiemap() -> PathBuf {
    werkmap().join("server/migrations")
}

fn sha384_hex(bytes: &[u8]) -> String {
    Sha384::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn published_migrations_never_change() {
    let mut bestanden: Vec<String> = std::fs::read_dir(migratiemap())
        .expect("migrations folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    bestanden.sort();
    for naam in &bestanden {
        let inhoud = std::fs::read(migratiemap().join(naam)).expect("read");
        let Some((_, verwacht)) = GEPUBLICEERD.iter().find(|(n, _)| n == naam) else {
            panic!(
                "{naam} staat niet in GEPUBLICEERD (tests/tests/app/migraties.rs); voeg toe: (\"{naam}\", \"{}\")",
                sha384_hex(&inhoud)
            );
        };
        assert_eq!(
            sha384_hex(&inhoud),
            *verwacht,
            "{naam} is gewijzigd; een gepubliceerde migratie verandert nooit: zet de wijziging in een nieuwe migratie"
        );
    }
    for (naam, _) in GEPUBLICEERD {
        assert!(
            bestanden.contains(&(*naam).to_owned()),
            "{naam} is verdwenen"
        );
    }
}

/// A migrator of the current files up to `tot`, with `vervanging` in place of the file
/// of the same version.
fn migrator(tot: i64, vervanging: Option<(i64, &str)>) -> Migrator {
    let mut migraties = Vec::new();
    let mut bestanden: Vec<_> = std::fs::read_dir(migratiemap())
        .expect("migrations folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    bestanden.sort();
    for pad in bestanden {
        let naam = pad
            .file_stem()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_owned();
        let (versie, omschrijving) = naam.split_once('_').expect("NNNN_naam");
        let versie: i64 = versie.parse().expect("version");
        if versie > tot {
            continue;
        }
        let sql = match vervanging {
            Some((v, sql)) if v == versie => sql.to_owned(),
            _ => std::fs::read_to_string(&pad).expect("read"),
        };
        migraties.push(Migration::new(
            versie,
            Cow::Owned(omschrijving.replace('_', " ")),
            MigrationType::Simple,
            Cow::Owned(sql),
            false,
        ));
    }
    Migrator {
        migrations: Cow::Owned(migraties),
        ignore_missing: false,
        locking: true,
        no_tx: false,
    }
}

/// A fresh database built with `migrator` alone, as an older Grondplan left it.
async fn bouw_met(migrator: &Migrator) -> (String, Option<tempfile::TempDir>) {
    let (url, map) = verse_database().await;
    sqlx::any::install_default_drivers();
    let aanmaken = if url.starts_with("sqlite:") {
        "?mode=rwc"
    } else {
        ""
    };
    let pool = sqlx::AnyPool::connect(&format!("{url}{aanmaken}"))
        .await
        .expect("connect");
    migrator.run(&pool).await.expect("the old migrations run");
    pool.close().await;
    (url, map)
}

async fn heeft_tabel(db: &server::Db, tabel: &str) -> bool {
    db.tabel_bestaat(tabel).await.expect("query")
}

#[tokio::test]
async fn a_database_of_the_first_release_upgrades_to_the_current_schema() {
    let (url, _map) = bouw_met(&migrator(5, None)).await;
    let db = server::Db::connect(&url)
        .await
        .expect("the current server starts on it");
    for tabel in [
        "applicaties",
        "landschapversies",
        "inlogsloten",
        "zichtbaarheid",
    ] {
        assert!(heeft_tabel(&db, tabel).await, "{tabel} after the upgrade");
    }
    assert!(
        !heeft_tabel(&db, "inlogpogingen").await,
        "replaced by inlogsloten"
    );
}

#[tokio::test]
async fn a_database_that_ran_the_changed_0008_starts_and_gets_the_same_schema() {
    let gewijzigd = include_str!("../../fixtures/0008_landelijk_tweede_versie.sql");
    let (url, _map) = bouw_met(&migrator(8, Some((8, gewijzigd)))).await;
    let db = server::Db::connect(&url)
        .await
        .expect("a database with the changed 0008 starts");
    assert!(heeft_tabel(&db, "landschapversies").await);
    assert!(heeft_tabel(&db, "inlogsloten").await);
    // And again: a restart changes nothing.
    drop(db);
    let db = server::Db::connect(&url).await.expect("starts again");
    assert!(heeft_tabel(&db, "landschapversies").await);
}

#[tokio::test]
async fn a_database_that_ran_the_first_0008_starts_too() {
    let (url, _map) = bouw_met(&migrator(8, None)).await;
    let db = server::Db::connect(&url).await.expect("starts");
    assert!(heeft_tabel(&db, "landschapversies").await);
}
