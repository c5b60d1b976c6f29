//! The hydration rule of docs/architecture.md ("Hydration ids"), as far as the source shows
//! it: components are rendered inside a page's `Suspense`, after its await, so they must
//! not create anything that takes a hydration id (a resource, a `Suspense`, a `Transition`,
//! an `ErrorBoundary`). Only the header, which `App` renders outside every `Suspense`, may.
//! Pages create theirs at the top and pass plain data down.

use std::path::{Path, PathBuf};

/// What takes a hydration id when created.
const MAAKT_ID: [&str; 6] = [
    "OnceResource::new",
    " Resource::new",
    "Resource::new_",
    "<Suspense",
    "<Transition",
    "<ErrorBoundary",
];

/// Components that `App` renders outside every `Suspense`.
const BUITEN_SUSPENSE: [&str; 1] = ["kop.rs"];

fn rust_bestanden(map: &Path, gevonden: &mut Vec<PathBuf>) {
    for ingang in std::fs::read_dir(map).expect("components/ can be read") {
        let pad = ingang.expect("a directory entry").path();
        if pad.is_dir() {
            rust_bestanden(&pad, gevonden);
        } else if pad.extension().is_some_and(|e| e == "rs") {
            gevonden.push(pad);
        }
    }
}

#[test]
fn components_create_no_resource_or_suspense() {
    let mut bestanden = Vec::new();
    rust_bestanden(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components"),
        &mut bestanden,
    );
    assert!(bestanden.len() > 10, "the components were found");
    let overtredingen: Vec<String> = bestanden
        .iter()
        .filter(|pad| {
            !BUITEN_SUSPENSE.contains(&pad.file_name().and_then(|n| n.to_str()).unwrap_or(""))
        })
        .flat_map(|pad| {
            let tekst = std::fs::read_to_string(pad).expect("readable");
            tekst
                .lines()
                .enumerate()
                .filter(|(_, regel)| !regel.trim_start().starts_with("//"))
                .filter(|(_, regel)| MAAKT_ID.iter().any(|m| regel.contains(m)))
                .map(|(nr, regel)| format!("{}:{}: {}", pad.display(), nr + 1, regel.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        overtredingen.is_empty(),
        "create these in the page, before its Suspense, and pass the data down:\n{}",
        overtredingen.join("\n")
    );
}
