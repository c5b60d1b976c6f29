//! The `grondplan` command line: accounts and tokens, run as a user would run them.

use std::io::Write;
use std::process::{Command, Stdio};

fn grondplan(db: &str, args: &[&str], invoer: Option<&str>) -> (bool, String, String) {
    let mut kind = Command::new(env!("CARGO_BIN_EXE_grondplan"))
        .args(args)
        .env("DATABASE_URL", db)
        .env("GRONDPLAN_DEMO", "0")
        .env(
            "GRONDPLAN_DATA",
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/data")
                .to_str()
                .unwrap_or(""),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("grondplan runs");
    if let Some(invoer) = invoer {
        kind.stdin
            .take()
            .expect("stdin")
            .write_all(invoer.as_bytes())
            .expect("write");
    }
    drop(kind.stdin.take());
    let uitvoer = kind.wait_with_output().expect("finishes");
    (
        uitvoer.status.success(),
        String::from_utf8_lossy(&uitvoer.stdout).into_owned(),
        String::from_utf8_lossy(&uitvoer.stderr).into_owned(),
    )
}

fn database() -> (tempfile::TempDir, String) {
    let map = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", map.path().join("cli.db").display());
    (map, url)
}

/// `grondplan gebruiker aanmaken` for a member of Utrecht, the password on standard input.
fn maak_lid(db: &str, email: &str) -> (bool, String, String) {
    grondplan(
        db,
        &[
            "gebruiker",
            "aanmaken",
            "--email",
            email,
            "--rol",
            "gemeente",
            "--gemeente",
            "GM0344",
        ],
        Some("een lang wachtwoord\n"),
    )
}

fn gedeeld() -> bool {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/gemeenten-2023.csv")
        .is_file()
}

#[test]
fn a_token_is_printed_alone_on_the_last_line_and_can_be_listed_and_revoked() {
    let (_map, db) = database();
    let (ok, uit, fout) = grondplan(
        &db,
        &["token", "aanmaken", "--rol", "regie", "--naam", "ea-tool"],
        None,
    );
    assert!(ok, "{fout}");
    let token = uit.lines().last().expect("a last line");
    assert!(
        token.starts_with("gp_") && token.len() == 46 && !token.contains(' '),
        "{token}"
    );

    let (ok, lijst, _) = grondplan(&db, &["token", "lijst"], None);
    assert!(ok);
    assert!(
        !lijst.contains(token),
        "the token itself is never shown again"
    );
    let id = lijst.split('\t').next().expect("id").to_owned();
    assert!(lijst.contains("ea-tool\tregie\t-\tactief"), "{lijst}");

    let (ok, _, _) = grondplan(&db, &["token", "intrekken", &id], None);
    assert!(ok);
    let (_, lijst, _) = grondplan(&db, &["token", "lijst"], None);
    assert!(lijst.contains("ingetrokken"), "{lijst}");
    let (ok, _, fout) = grondplan(&db, &["token", "intrekken", &id], None);
    assert!(!ok && fout.contains("geen actief token"), "{fout}");
}

#[test]
fn an_account_takes_its_password_from_standard_input() {
    if !gedeeld() {
        eprintln!("OVERGESLAGEN: ../shared ontbreekt, geen gemeenten om een lid aan te koppelen");
        return;
    }
    let (_map, db) = database();
    let (ok, uit, fout) = maak_lid(&db, "ib@utrecht.nl");
    assert!(ok, "{fout}");
    assert!(
        uit.contains("Account ib@utrecht.nl (gemeente) aangemaakt.") && !uit.contains("Wachtwoord"),
        "{uit}"
    );
    let (ok, _, fout) = grondplan(
        &db,
        &[
            "gebruiker",
            "aanmaken",
            "--email",
            "IB@utrecht.nl",
            "--rol",
            "gemeente",
            "--gemeente",
            "GM0344",
        ],
        Some("nog een lang wachtwoord\n"),
    );
    assert!(!ok && fout.contains("er is al een account"), "{fout}");
}

#[test]
fn wrong_arguments_are_refused_with_the_reason() {
    let (_map, db) = database();
    let (ok, _, fout) = grondplan(&db, &["token", "aanmaken", "--rol", "gemeente"], None);
    assert!(!ok && fout.contains("--gemeente"), "{fout}");
    let (ok, _, fout) = grondplan(&db, &["token", "aanmaken", "--rol", "baas"], None);
    assert!(!ok && fout.contains("onbekende rol"), "{fout}");
    let (ok, _, fout) = grondplan(
        &db,
        &[
            "gebruiker",
            "aanmaken",
            "--email",
            "a@b.nl",
            "--rol",
            "regie",
        ],
        Some("kort\n"),
    );
    assert!(!ok && fout.contains("12 tekens"), "{fout}");
}

#[test]
fn an_operator_disables_an_account_resets_its_password_and_ends_its_sessions() {
    if !gedeeld() {
        eprintln!("OVERGESLAGEN: ../shared/data ontbreekt");
        return;
    }
    let (_map, db) = database();
    let email = "ib@utrecht.nl";
    let (ok, _, fout) = maak_lid(&db, email);
    assert!(ok, "{fout}");
    let (ok, uit, fout) = grondplan(&db, &["gebruiker", "afmelden", "--email", email], None);
    assert!(ok, "{fout}");
    assert!(uit.contains("0 sessie(s)"), "{uit}");
    let (ok, _, fout) = grondplan(
        &db,
        &["gebruiker", "wachtwoord", "--email", email],
        Some("kort\n"),
    );
    assert!(!ok);
    assert!(fout.contains("minstens 12 tekens"), "{fout}");
    let (ok, uit, fout) = grondplan(
        &db,
        &["gebruiker", "wachtwoord", "--email", email],
        Some("een ander lang wachtwoord\n"),
    );
    assert!(ok, "{fout}");
    assert!(uit.contains("nieuw wachtwoord"), "{uit}");
    let (ok, uit, fout) = grondplan(&db, &["gebruiker", "uitschakelen", "--email", email], None);
    assert!(ok, "{fout}");
    assert!(uit.contains("uitgeschakeld"), "{uit}");
    let (ok, _, fout) = grondplan(&db, &["gebruiker", "uitschakelen", "--email", email], None);
    assert!(!ok, "a disabled account is not disabled twice");
    assert!(fout.contains("geen actief account"), "{fout}");
    let lang = format!("{}@utrecht.nl", "a".repeat(300));
    let (ok, _, fout) = grondplan(
        &db,
        &["gebruiker", "aanmaken", "--email", &lang, "--rol", "regie"],
        Some("een lang wachtwoord\n"),
    );
    assert!(!ok);
    assert!(fout.contains("te lang"), "{fout}");
}
