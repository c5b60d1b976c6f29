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
    let regels: [(&str, &[&str], &[&str]); 4] = [
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

/// The modules of a crate (`src` under `map`), by path (`components::heatmap`), each with
/// the modules its code names (`crate::…` or `super::…`), ancestors left out: a module and
/// the one it lives in may name each other.
fn verwijzingen(
    map: &str,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let modules: Vec<(String, String)> = bronnen(map)
        .into_iter()
        .map(|(naam, tekst)| {
            let pad = naam
                .trim_start_matches(map)
                .trim_start_matches('/')
                .trim_end_matches(".rs")
                .trim_end_matches("/mod")
                .replace('/', "::");
            (pad, tekst)
        })
        .collect();
    let bestaat = |pad: &str| modules.iter().any(|(m, _)| m == pad);
    let mut graaf = std::collections::BTreeMap::new();
    for (module, tekst) in &modules {
        let mut naar = std::collections::BTreeSet::new();
        let ouder = module.rsplit_once("::").map_or("", |(o, _)| o);
        for regel in tekst.lines().filter(|r| !r.trim_start().starts_with("//")) {
            for (voorvoegsel, basis) in [("crate::", String::new()), ("super::", ouder.to_owned())]
            {
                for (i, _) in regel.match_indices(voorvoegsel) {
                    let rest: String = regel[i + voorvoegsel.len()..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                        .collect();
                    // The longest module the path names.
                    let mut doel = None;
                    let mut pad = basis.clone();
                    for deel in rest.split("::").filter(|d| !d.is_empty()) {
                        pad = if pad.is_empty() {
                            deel.to_owned()
                        } else {
                            format!("{pad}::{deel}")
                        };
                        if bestaat(&pad) {
                            doel = Some(pad.clone());
                        }
                    }
                    if let Some(doel) = doel {
                        let voorouder = |a: &str, b: &str| b.starts_with(&format!("{a}::"));
                        if &doel != module && !voorouder(&doel, module) && !voorouder(module, &doel)
                        {
                            naar.insert(doel);
                        }
                    }
                }
            }
        }
        graaf.insert(module.clone(), naar);
    }
    graaf
}

#[test]
fn no_two_modules_name_each_other_round_a_circle() {
    for map in ["domain/src", "frontend/src", "server/src"] {
        let graaf = verwijzingen(map);
        // Depth-first: a module met again on the current path closes a circle.
        fn zoek(
            module: &str,
            graaf: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
            pad: &mut Vec<String>,
            klaar: &mut std::collections::BTreeSet<String>,
        ) -> Option<Vec<String>> {
            if let Some(i) = pad.iter().position(|m| m == module) {
                let mut kring = pad[i..].to_vec();
                kring.push(module.to_owned());
                return Some(kring);
            }
            if !klaar.insert(module.to_owned()) {
                return None;
            }
            pad.push(module.to_owned());
            for naar in graaf.get(module).into_iter().flatten() {
                if let Some(kring) = zoek(naar, graaf, pad, klaar) {
                    return Some(kring);
                }
            }
            pad.pop();
            None
        }
        let mut klaar = std::collections::BTreeSet::new();
        for module in graaf.keys() {
            let kring = zoek(module, &graaf, &mut Vec::new(), &mut klaar);
            assert_eq!(
                kring, None,
                "{map}: modules that name each other round a circle"
            );
        }
    }
}

#[test]
fn who_asks_is_recognised_once_and_the_ports_take_proofs_of_right() {
    // The ports name no session key; the server functions read no cookie.
    let ports = bronnen("domain/src");
    assert_eq!(
        waar(&ports, "sessiesleutel", &[]),
        Vec::<String>::new(),
        "a port takes a proof of right (domain::toegang::recht), not a session key"
    );
    let frontend = bronnen("frontend/src");
    for patroon in ["header::COOKIE", "grondplan_sessie"] {
        assert_eq!(
            waar(&frontend, patroon, &[]),
            Vec::<String>::new(),
            "{patroon}: the server recognises the session once (server::toegang::herkenning)"
        );
    }
    // The session is looked up in one place on the server.
    let server = bronnen("server/src");
    assert_eq!(
        waar(
            &server,
            ".sessie(&sha256_hex",
            &["server/src/toegang/aanvrager.rs"]
        ),
        Vec::<String>::new(),
        "a session lookup outside the recognising layer"
    );
}

/// A user's write goes through a use case, and storage commits it only together with its
/// audit record (`db::schrijving::Schrijving::leg_vast`), checking versions in one place
/// (`Versiestap`). Transactions of their own are left to the start-up loads (`laad_*`)
/// and to the sessions (`db/toegang.rs`), which are not a change to anyone's data.
#[test]
fn every_write_goes_through_a_use_case_and_commits_with_its_audit_record() {
    let transport: Vec<_> = ["server/src/api", "frontend/src"]
        .into_iter()
        .flat_map(bronnen)
        .collect();
    for schrijfmethode in [
        "db.zet_",
        "db.maak_",
        "db.wijzig_",
        "db.verwijder_",
        "db.importeer_",
        "db.bewaar_",
        "db.meld_aan",
        "db.besluit_",
        "db.trek_",
    ] {
        assert_eq!(
            waar(&transport, schrijfmethode, &[]),
            Vec::<String>::new(),
            "{schrijfmethode}… from a handler: call the use case in server/src/taken"
        );
    }

    let opslag = bronnen("server/src/db");
    let mut eigen_transacties = Vec::new();
    for (naam, tekst) in &opslag {
        if naam.ends_with("schrijving.rs") || naam.ends_with("toegang.rs") {
            continue;
        }
        let mut functie = String::new();
        for (i, regel) in tekst.lines().enumerate() {
            let code = regel.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if let Some(rest) = code.split("fn ").nth(1).filter(|_| code.contains("fn ")) {
                functie = rest.split(['(', '<']).next().unwrap_or_default().to_owned();
            }
            if code.contains(".commit()") && !functie.starts_with("laad_") {
                eigen_transacties.push(format!("{naam}:{} in {functie}", i + 1));
            }
        }
    }
    assert_eq!(
        eigen_transacties,
        Vec::<String>::new(),
        "a write that commits by itself: begin it with Db::schrijving and end it with leg_vast"
    );
    assert_eq!(
        waar(
            &opslag,
            "VersieConflict {",
            &["db/schrijving.rs", "server/src/db.rs"]
        ),
        Vec::<String>::new(),
        "a version compared by hand: use db::schrijving::Versiestap"
    );
}
