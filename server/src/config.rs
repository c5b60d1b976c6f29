//! Configuration from the environment, read once at start; a wrong value stops the start
//! with a message that names the variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, bail};

/// Everything the server needs to know about its surroundings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen (`GRONDPLAN_ADDR`, default `127.0.0.1:3000`).
    pub addr: SocketAddr,
    /// Which database (`DATABASE_URL`, default a SQLite file `grondplan.db` here).
    pub database_url: String,
    /// The reference data folder (`GRONDPLAN_DATA`, default `../shared/data` when it
    /// exists); `None` starts without reference data.
    pub data_dir: Option<PathBuf>,
    /// Where the built site lives: `pkg/` with the WASM, JS and CSS (`GRONDPLAN_SITE`,
    /// default `target/site`).
    pub site_root: PathBuf,
    /// Whether to load the demo Routekaart on first start (`GRONDPLAN_DEMO`, default on).
    pub demo: bool,
}

/// The SQLite file used when `DATABASE_URL` is not set.
pub const STANDAARD_DATABASE: &str = "sqlite://grondplan.db?mode=rwc";

impl Config {
    /// Reads the configuration from the process environment.
    ///
    /// # Errors
    /// When a variable is set to something unusable; the message names it.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_lookup(|naam| std::env::var(naam).ok())
    }

    /// Reads the configuration through `lookup`, so tests need not touch the environment.
    ///
    /// # Errors
    /// When a variable is set to something unusable; the message names it.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let addr = lookup("GRONDPLAN_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .context("GRONDPLAN_ADDR is geen adres zoals 127.0.0.1:3000")?;
        let database_url = lookup("DATABASE_URL").unwrap_or_else(|| STANDAARD_DATABASE.into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            bail!("DATABASE_URL moet met sqlite:, postgres:// of postgresql:// beginnen");
        }
        let data_dir = match lookup("GRONDPLAN_DATA") {
            Some(pad) if pad.is_empty() => None,
            Some(pad) => {
                let pad = PathBuf::from(pad);
                if !pad.is_dir() {
                    bail!(
                        "GRONDPLAN_DATA wijst naar {}, dat geen map is",
                        pad.display()
                    );
                }
                Some(pad)
            }
            None => Some(PathBuf::from("../shared/data")).filter(|p| p.is_dir()),
        };
        let site_root =
            lookup("GRONDPLAN_SITE").map_or_else(|| "target/site".into(), PathBuf::from);
        let demo = match lookup("GRONDPLAN_DEMO").as_deref() {
            None | Some("1" | "true" | "aan") => true,
            Some("0" | "false" | "uit") => false,
            Some(anders) => bail!("GRONDPLAN_DEMO is '{anders}': gebruik 1 of 0"),
        };
        Ok(Self {
            addr,
            database_url,
            data_dir,
            site_root,
            demo,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_listen_on_port_3000_with_a_local_sqlite_file() {
        let config = Config::from_lookup(|_| None).expect("defaults are valid");
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.database_url, STANDAARD_DATABASE);
        assert!(config.demo);
    }

    #[test]
    fn a_wrong_value_names_the_variable() {
        let fout =
            Config::from_lookup(|k| (k == "GRONDPLAN_ADDR").then(|| "hier".into())).unwrap_err();
        assert!(fout.to_string().contains("GRONDPLAN_ADDR"), "{fout}");
        let fout =
            Config::from_lookup(|k| (k == "DATABASE_URL").then(|| "mysql://x".into())).unwrap_err();
        assert!(fout.to_string().contains("DATABASE_URL"), "{fout}");
        let fout = Config::from_lookup(|k| (k == "GRONDPLAN_DATA").then(|| "/bestaat/niet".into()))
            .unwrap_err();
        assert!(fout.to_string().contains("GRONDPLAN_DATA"), "{fout}");
    }
}
