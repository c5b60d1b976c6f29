//! `grondplan`: the server binary. `grondplan serve` (the default) starts the web app.

use server::Config;
use tracing_subscriber::EnvFilter;

fn main() -> anyhow::Result<()> {
    let json = std::env::var("GRONDPLAN_LOG_FORMAT").is_ok_and(|f| f == "json");
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    if json {
        tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }

    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        None | Some("serve") => {}
        Some("--help" | "-h" | "help") => {
            println!(
                "gebruik: grondplan [serve]\n\nOmgeving: GRONDPLAN_ADDR, DATABASE_URL, GRONDPLAN_DATA, GRONDPLAN_SITE, GRONDPLAN_DEMO, RUST_LOG"
            );
            return Ok(());
        }
        Some(onbekend) => anyhow::bail!("onbekend commando '{onbekend}'; zie grondplan --help"),
    }
    let config = Config::from_env()?;
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(server::serve(config))
}
