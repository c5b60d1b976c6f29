//! Rules about where code lives, checked on the source (docs/architecture.md): what
//! reads the clock and what the browser code may decode untyped.

use std::path::{Path, PathBuf};

/// The workspace root.
fn werkmap() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The Rust files under `map`, with their text.
fn bronnen(map: &str) -> Vec<(String, String)> {
    fn zoek(map: &Path, gevonden: &mut Vec<PathBuf>) {
        for ingang in std::fs::read_dir(map).expect("a readable directory") {
            let pad = ingang.expect("a directory entry").path();
            if pad.is_dir() {
                zoek(&pad, gevonden);
            } else if pad.extension().is_some_and(|e| e == "rs") {
                gevonden.push(pad);
            }
        }
    }
    let mut paden = Vec::new();
    zoek(&werkmap().join(map), &mut paden);
    assert!(!paden.is_empty(), "{map}: the sources were found");
    paden
        .into_iter()
        .map(|pad| {
            let tekst = std::fs::read_to_string(&pad).expect("readable");
            let naam = pad
                .strip_prefix(werkmap())
                .unwrap_or(&pad)
                .display()
                .to_string();
            (naam, tekst)
        })
        .collect()
}

/// Where `patroon` occurs in the code (not the comments) of `bronnen`, outside the files in
/// `behalve`, as `file:line`.
fn waar(bronnen: &[(String, String)], patroon: &str, behalve: &[&str]) -> Vec<String> {
    bronnen
        .iter()
        .filter(|(naam, _)| !behalve.iter().any(|b| naam.ends_with(b)))
        .flat_map(|(naam, tekst)| {
            tekst
                .lines()
                .enumerate()
                .filter(|(_, regel)| {
                    !regel.trim_start().starts_with("//") && regel.contains(patroon)
                })
                .map(move |(i, _)| format!("{naam}:{}", i + 1))
        })
        .collect()
}

#[test]
fn today_comes_from_the_one_clock() {
    let product: Vec<_> = ["domain/src", "frontend/src", "server/src"]
        .into_iter()
        .flat_map(bronnen)
        .collect();
    for patroon in ["Utc::now", "Local::now", "SystemTime::now"] {
        assert_eq!(
            waar(&product, patroon, &["server/src/klok.rs"]),
            Vec::<String>::new(),
            "{patroon} outside server/src/klok.rs: take the clock from the state or context"
        );
    }
}

#[test]
fn the_browser_decodes_answers_into_contract_types_not_untyped_json() {
    let frontend = bronnen("frontend/src");
    for patroon in [
        "serde_json::Value",
        "serde_json::json!",
        "json!(",
        "serde_json::Map",
    ] {
        assert_eq!(
            waar(&frontend, patroon, &[]),
            Vec::<String>::new(),
            "{patroon} in frontend/src: decode into a type of domain::contract (problem details are crate::api::Probleem)"
        );
    }
    // serde_json is read and written in one place: the API client.
    assert_eq!(
        waar(&frontend, "serde_json::", &["frontend/src/api.rs"]),
        Vec::<String>::new(),
        "serde_json outside frontend/src/api.rs"
    );
}

/// The layers of docs/architecture.md ("Where does it live"): transport (the API handlers,
/// the server functions, the pages) calls the use cases, the use cases call storage and
/// the rules, and nothing points back up. Read from the source: every `use` line and
/// every path written out in full.
#[test]
fn the_layers_point_down_only() {
    // (layer, its sources, what it must not name)
    let regels: [(&str, &[&str], &[&str]); 5] = [
        (
            "the rules (domain)",
            &["domain/src"],
            &[
                "sqlx",
                "axum",
                "leptos",
                "tokio",
                "reqwest",
                "std::fs",
                "std::net",
                "server::",
                "frontend::",
            ],
        ),
        (
            "storage (server/src/db)",
            &["server/src/db", "server/src/db.rs"],
            &[
                "crate::api",
                "crate::taken",
                "crate::import",
                "crate::demo",
                "crate::opstart",
                "axum",
                "leptos",
            ],
        ),
        (
            "the file readers (server/src/import)",
            &["server/src/import", "server/src/import.rs"],
            &[
                "crate::db",
                "crate::api",
                "crate::taken",
                "sqlx",
                "axum",
                "leptos",
            ],
        ),
        (
            "the use cases (server/src/taken)",
            &["server/src/taken", "server/src/taken.rs"],
            &["crate::api", "axum", "leptos", "sqlx"],
        ),
        (
            "the rights (server/src/toegang/recht.rs)",
            &["server/src/toegang/recht.rs"],
            &["crate::api", "crate::db", "crate::taken", "axum", "sqlx"],
        ),
    ];
    let mut overtredingen = Vec::new();
    for (laag, mappen, verboden) in regels {
        for map in mappen {
            let pad = werkmap().join(map);
            let bestanden = if pad.is_dir() {
                bronnen(map)
            } else {
                vec![(
                    map.to_string(),
                    std::fs::read_to_string(&pad).expect("readable"),
                )]
            };
            for verbod in verboden {
                for plek in waar(&bestanden, verbod, &[]) {
                    overtredingen.push(format!("{laag} names {verbod} at {plek}"));
                }
            }
        }
    }
    assert_eq!(overtredingen, Vec::<String>::new());
}
