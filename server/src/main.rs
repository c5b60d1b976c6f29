//! `grondplan`: the server binary.
//!
//! - `grondplan serve` (the default) starts the web app;
//! - `grondplan gebruiker aanmaken --email E --rol regie|gemeente [--gemeente GMxxxx]`
//!   makes an account (password from standard input, or a generated one printed once);
//!   `grondplan gebruiker uitschakelen|wachtwoord|afmelden --email E` disables an account,
//!   gives it a new password, or ends its sessions (the first two end them too);
//! - `grondplan token aanmaken|lijst|intrekken` manages API tokens; `aanmaken` prints the
//!   new token alone on its last line;
//! - `grondplan demo --gemeenten 342 --applicaties 300 --seed N` fills seeded demo
//!   landscapes (replacing those gemeenten' landscapes).

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Context;
use clap::{Parser, Subcommand};
use domain::GemeenteCode;
use domain::toegang::{Lidrecht, Toegangsrol};
use server::toegang::geheim::{hash_wachtwoord, nieuw_geheim, sha256_hex};
use server::{Config, Db};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "grondplan",
    version,
    about = "Grondplan: de Routekaart en de Componentencatalogus van Common Ground"
)]
struct Cli {
    #[command(subcommand)]
    commando: Option<Commando>,
}

#[derive(Subcommand)]
enum Commando {
    /// Start de webapplicatie (standaard).
    Serve,
    /// Accounts beheren.
    Gebruiker {
        #[command(subcommand)]
        actie: GebruikerActie,
    },
    /// API-tokens beheren.
    Token {
        #[command(subcommand)]
        actie: TokenActie,
    },
    /// Vul demolandschappen (vervangt het landschap van de gekozen gemeenten).
    Demo {
        /// Hoeveel gemeenten (de eerste op CBS-code).
        #[arg(long, default_value_t = 342)]
        gemeenten: usize,
        /// Hoeveel applicaties per gemeente.
        #[arg(long, default_value_t = 300)]
        applicaties: usize,
        /// Hetzelfde zaad geeft dezelfde landschappen.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Contracten lopen af na deze datum (JJJJ-MM-DD).
        #[arg(long, default_value = "2026-01-01")]
        vanaf: chrono::NaiveDate,
    },
}

#[derive(Subcommand)]
enum GebruikerActie {
    /// Maak een account; het wachtwoord komt van standaardinvoer, of wordt gemaakt en één keer getoond.
    Aanmaken {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = Toegangsrol::parse)]
        rol: Toegangsrol,
        #[arg(long, value_parser = |s: &str| GemeenteCode::parse(s).map_err(|e| e.to_string()))]
        gemeente: Option<GemeenteCode>,
        /// Wat een gemeentelid mag: lezen, bewerken of beheren (een beheerder beheert ook
        /// de accounts van de gemeente in de browser).
        #[arg(long, value_parser = Lidrecht::parse, default_value = "bewerken")]
        recht: Lidrecht,
    },
    /// Schakel een account uit: inloggen kan niet meer en alle sessies eindigen.
    Uitschakelen {
        #[arg(long)]
        email: String,
    },
    /// Geef een account een nieuw wachtwoord (van standaardinvoer, of gemaakt en één keer
    /// getoond); alle sessies eindigen.
    Wachtwoord {
        #[arg(long)]
        email: String,
    },
    /// Beëindig alle sessies van een account.
    Afmelden {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum TokenActie {
    /// Maak een token; de laatste regel is het token zelf (het wordt nergens bewaard).
    Aanmaken {
        #[arg(long, value_parser = Toegangsrol::parse)]
        rol: Toegangsrol,
        #[arg(long, value_parser = |s: &str| GemeenteCode::parse(s).map_err(|e| e.to_string()))]
        gemeente: Option<GemeenteCode>,
        #[arg(long, default_value = "token")]
        naam: String,
    },
    /// Toon alle tokens (zonder het geheim).
    Lijst,
    /// Trek een token in.
    Intrekken {
        /// De id uit `grondplan token lijst`.
        id: String,
    },
}

fn rol_en_gemeente(rol: Toegangsrol, gemeente: Option<&GemeenteCode>) -> anyhow::Result<()> {
    match (rol, gemeente) {
        (Toegangsrol::Gemeente, None) => anyhow::bail!("--rol gemeente vraagt --gemeente GMxxxx"),
        (Toegangsrol::Regie, Some(_)) => {
            anyhow::bail!("--rol regie hoort bij geen gemeente: laat --gemeente weg")
        }
        _ => Ok(()),
    }
}

/// A password from standard input (at least 12 characters), or on a terminal a
/// generated one; and whether it was generated.
fn lees_wachtwoord() -> anyhow::Result<(String, bool)> {
    if std::io::stdin().is_terminal() {
        return Ok((nieuw_geheim()?, true));
    }
    let mut regel = String::new();
    std::io::stdin().lock().read_line(&mut regel)?;
    let regel = regel.trim_end_matches(['\r', '\n']).to_owned();
    anyhow::ensure!(
        regel.chars().count() >= 12,
        "het wachtwoord moet minstens 12 tekens hebben"
    );
    anyhow::ensure!(
        regel.len() <= server::toegang::sessie::MAX_WACHTWOORD_BYTES,
        "het wachtwoord is te lang: hoogstens {} bytes",
        server::toegang::sessie::MAX_WACHTWOORD_BYTES
    );
    Ok((regel, false))
}

/// Shows a generated password once.
fn toon_gemaakt_wachtwoord(
    uit: &mut impl Write,
    wachtwoord: Option<&String>,
) -> anyhow::Result<()> {
    if let Some(wachtwoord) = wachtwoord {
        writeln!(
            uit,
            "Wachtwoord (wordt niet nog eens getoond):\n{wachtwoord}"
        )?;
    }
    Ok(())
}

async fn beheer(commando: Commando, db: &Db) -> anyhow::Result<()> {
    let mut uit = std::io::stdout().lock();
    match commando {
        Commando::Serve => unreachable!("handled by main"),
        Commando::Gebruiker {
            actie:
                GebruikerActie::Aanmaken {
                    email,
                    rol,
                    gemeente,
                    recht,
                },
        } => {
            rol_en_gemeente(rol, gemeente.as_ref())?;
            anyhow::ensure!(
                email.trim().chars().count() <= server::toegang::sessie::MAX_EMAIL_TEKENS,
                "het e-mailadres is te lang: hoogstens {} tekens",
                server::toegang::sessie::MAX_EMAIL_TEKENS
            );
            let (wachtwoord, gemaakt) = lees_wachtwoord()?;
            let hash = hash_wachtwoord(&wachtwoord)?;
            db.maak_account(&email, &hash, rol, gemeente.as_ref(), recht, db.nu_micros())
                .await?;
            writeln!(uit, "Account {email} ({}) aangemaakt.", rol.als_tekst())?;
            toon_gemaakt_wachtwoord(&mut uit, gemaakt.then_some(&wachtwoord))?;
        }
        Commando::Gebruiker {
            actie: GebruikerActie::Uitschakelen { email },
        } => {
            anyhow::ensure!(
                db.schakel_account_uit(&email, db.nu_micros()).await?,
                "er is geen actief account {email}"
            );
            writeln!(
                uit,
                "Account {email} is uitgeschakeld; zijn sessies zijn beëindigd."
            )?;
        }
        Commando::Gebruiker {
            actie: GebruikerActie::Wachtwoord { email },
        } => {
            let (wachtwoord, gemaakt) = lees_wachtwoord()?;
            let hash = hash_wachtwoord(&wachtwoord)?;
            anyhow::ensure!(
                db.zet_wachtwoord(&email, &hash).await?,
                "er is geen account {email}"
            );
            writeln!(
                uit,
                "Account {email} heeft een nieuw wachtwoord; zijn sessies zijn beëindigd."
            )?;
            toon_gemaakt_wachtwoord(&mut uit, gemaakt.then_some(&wachtwoord))?;
        }
        Commando::Gebruiker {
            actie: GebruikerActie::Afmelden { email },
        } => {
            let aantal = db.beeindig_sessies_van(&email).await?;
            writeln!(uit, "{aantal} sessie(s) van {email} beëindigd.")?;
        }
        Commando::Token {
            actie:
                TokenActie::Aanmaken {
                    rol,
                    gemeente,
                    naam,
                },
        } => {
            rol_en_gemeente(rol, gemeente.as_ref())?;
            let token = format!("gp_{}", nieuw_geheim()?);
            let id = db
                .maak_token(
                    &naam,
                    &sha256_hex(&token),
                    rol,
                    gemeente.as_ref(),
                    db.nu_micros(),
                )
                .await?;
            writeln!(
                uit,
                "Token {naam} ({}) aangemaakt met id {id}. Bewaar het nu; het wordt nergens opgeslagen:",
                rol.als_tekst()
            )?;
            writeln!(uit, "{token}")?;
        }
        Commando::Token {
            actie: TokenActie::Lijst,
        } => {
            for t in db.tokens().await? {
                let status = if t.ingetrokken_op.is_some() {
                    "ingetrokken"
                } else {
                    "actief"
                };
                writeln!(
                    uit,
                    "{}\t{}\t{}\t{}\t{status}",
                    t.id,
                    t.naam,
                    t.rol,
                    t.gemeente_code.unwrap_or_else(|| "-".into())
                )?;
            }
        }
        Commando::Demo {
            gemeenten,
            applicaties,
            seed,
            vanaf,
        } => {
            let opdracht = server::demo::landschap::Opdracht {
                applicaties,
                seed,
                vanaf,
            };
            let begin = std::time::Instant::now();
            let aantal = server::demo::vul_landschappen(db, opdracht, gemeenten).await?;
            writeln!(
                uit,
                "{aantal} gemeenten gevuld met {applicaties} applicaties elk (zaad {seed}) in {:.1} s.",
                begin.elapsed().as_secs_f64()
            )?;
        }
        Commando::Token {
            actie: TokenActie::Intrekken { id },
        } => {
            anyhow::ensure!(
                db.trek_token_in(&id, db.nu_micros()).await?,
                "geen actief token met id {id}"
            );
            writeln!(uit, "Token {id} ingetrokken.")?;
        }
    }
    Ok(())
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let json = std::env::var("GRONDPLAN_LOG_FORMAT").is_ok_and(|f| f == "json");
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    // Logs go to standard error, so that a command's output on standard out stays clean.
    if json {
        tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .init();
    } else {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .init();
    }
    let config = Config::from_env()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    match cli.commando.unwrap_or(Commando::Serve) {
        Commando::Serve => runtime.block_on(server::serve(config)),
        beheercommando => runtime.block_on(async {
            let db = Db::connect(&config.database_url).await?;
            // Accounts and tokens name gemeenten: make sure the CBS list is there.
            server::laad_gegevens(&db, &config)
                .await
                .context("referentiegegevens laden")?;
            beheer(beheercommando, &db).await
        }),
    }
}
