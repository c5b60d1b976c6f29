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
    assert!(paden.len() > 3, "{map}: the sources were found");
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

/// Where `patroon` occurs in `bronnen`, outside the files in `behalve`, as `file:line`.
fn waar(bronnen: &[(String, String)], patroon: &str, behalve: &[&str]) -> Vec<String> {
    bronnen
        .iter()
        .filter(|(naam, _)| !behalve.iter().any(|b| naam.ends_with(b)))
        .flat_map(|(naam, tekst)| {
            tekst
                .lines()
                .enumerate()
                .filter(|(_, regel)| regel.contains(patroon))
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
