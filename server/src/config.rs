//! Configuration from the environment, read once at start; a wrong value stops the start
//! with a message that names the variable.

use std::net::{IpAddr, SocketAddr};
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
    /// The address people reach the service at (`GRONDPLAN_PUBLIEKE_URL`, e.g.
    /// `https://grondplan.vng.nl`); when it is `https`, the session cookie is `Secure`
    /// and responses carry `Strict-Transport-Security`. Default: none (plain http, as on
    /// a developer's machine).
    pub publieke_url: Option<String>,
    /// The reverse proxies whose `X-Forwarded-For` is believed
    /// (`GRONDPLAN_PROXIES`, comma separated IP addresses; default none: the address
    /// of the connection is the client's).
    pub proxies: Vec<IpAddr>,
    /// The identity providers people sign in through (`GRONDPLAN_OIDC`: a JSON list, or
    /// the path of a file holding one; README). Default: none, password login only.
    pub oidc: Vec<crate::toegang::oidc::Aanbieder>,
    /// How much this instance takes on at once and how it uses the database.
    pub drukte: Drukte,
}

/// How much one instance takes on at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drukte {
    /// Requests worked on at once (`GRONDPLAN_MAX_VERZOEKEN`, default
    /// [`Drukte::STANDAARD_VERZOEKEN`]); a further one gets a 503 with `Retry-After` at
    /// once. `/health` is never turned away.
    pub max_verzoeken: usize,
    /// Database connections of this instance (`GRONDPLAN_DB_VERBINDINGEN`; default 4 for
    /// SQLite, 10 for PostgreSQL). With several instances on one PostgreSQL, their sum
    /// stays below its `max_connections`.
    pub db_verbindingen: Option<u32>,
    /// A statement that takes longer is logged with its duration
    /// (`GRONDPLAN_TRAGE_QUERY_MS`, default 250).
    pub trage_query: std::time::Duration,
}

impl Drukte {
    /// The default bound on requests at once.
    pub const STANDAARD_VERZOEKEN: usize = 256;
}

impl Default for Drukte {
    fn default() -> Self {
        Self {
            max_verzoeken: Self::STANDAARD_VERZOEKEN,
            db_verbindingen: None,
            trage_query: crate::db::TRAGE_QUERY,
        }
    }
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
        let publieke_url = lookup("GRONDPLAN_PUBLIEKE_URL")
            .filter(|u| !u.is_empty())
            .map(|u| {
                domain::grenzen::url(&u)
                    .map(|()| u.trim_end_matches('/').to_owned())
                    .map_err(|reden| anyhow::anyhow!("GRONDPLAN_PUBLIEKE_URL '{u}' {reden}"))
            })
            .transpose()?;
        let proxies = lookup("GRONDPLAN_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse()
                    .with_context(|| format!("GRONDPLAN_PROXIES: '{p}' is geen IP-adres"))
            })
            .collect::<anyhow::Result<_>>()?;
        let oidc = match lookup("GRONDPLAN_OIDC").filter(|w| !w.trim().is_empty()) {
            None => Vec::new(),
            Some(json) if json.trim_start().starts_with('[') => {
                crate::toegang::oidc::lees_aanbieders(&json)?
            }
            Some(pad) => {
                let json = std::fs::read_to_string(&pad)
                    .with_context(|| format!("GRONDPLAN_OIDC: {pad} is niet te lezen"))?;
                crate::toegang::oidc::lees_aanbieders(&json)
                    .with_context(|| format!("GRONDPLAN_OIDC: {pad}"))?
            }
        };
        let getal =
            |naam: &str, bereik: std::ops::RangeInclusive<u64>| -> anyhow::Result<Option<u64>> {
                lookup(naam)
                    .map(|w| {
                        w.trim()
                        .parse::<u64>()
                        .ok()
                        .filter(|n| bereik.contains(n))
                        .with_context(|| {
                            format!(
                                "{naam} is '{w}': gebruik een geheel getal van {} tot en met {}",
                                bereik.start(),
                                bereik.end()
                            )
                        })
                    })
                    .transpose()
            };
        let standaard = Drukte::default();
        let drukte = Drukte {
            max_verzoeken: getal("GRONDPLAN_MAX_VERZOEKEN", 1..=100_000)?
                .map_or(standaard.max_verzoeken, |n| {
                    usize::try_from(n).unwrap_or(usize::MAX)
                }),
            db_verbindingen: getal("GRONDPLAN_DB_VERBINDINGEN", 1..=1_000)?
                .map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
            trage_query: getal("GRONDPLAN_TRAGE_QUERY_MS", 1..=600_000)?
                .map_or(standaard.trage_query, std::time::Duration::from_millis),
        };
        Ok(Self {
            addr,
            database_url,
            data_dir,
            site_root,
            demo,
            publieke_url,
            proxies,
            oidc,
            drukte,
        })
    }

    /// A configuration for tests and benchmarks: this address and database, the rest as
    /// on a developer's machine.
    pub fn lokaal(
        addr: SocketAddr,
        database_url: String,
        data_dir: Option<PathBuf>,
        site_root: PathBuf,
        demo: bool,
    ) -> Self {
        Self {
            addr,
            database_url,
            data_dir,
            site_root,
            demo,
            publieke_url: None,
            proxies: Vec::new(),
            oidc: Vec::new(),
            drukte: Drukte::default(),
        }
    }

    /// Whether people reach the service over https: then cookies are `Secure` and HSTS
    /// is sent.
    pub fn via_https(&self) -> bool {
        self.publieke_url.as_deref().is_some_and(|u| {
            u.get(..8)
                .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
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
        assert_eq!(config.drukte, Drukte::default());
    }

    #[test]
    fn the_bounds_on_load_are_read_and_a_bad_one_is_named() {
        let config = Config::from_lookup(|k| match k {
            "GRONDPLAN_MAX_VERZOEKEN" => Some("64".into()),
            "GRONDPLAN_DB_VERBINDINGEN" => Some("20".into()),
            "GRONDPLAN_TRAGE_QUERY_MS" => Some("50".into()),
            _ => None,
        })
        .expect("valid");
        assert_eq!(
            config.drukte,
            Drukte {
                max_verzoeken: 64,
                db_verbindingen: Some(20),
                trage_query: std::time::Duration::from_millis(50)
            }
        );
        for (naam, waarde) in [
            ("GRONDPLAN_MAX_VERZOEKEN", "0"),
            ("GRONDPLAN_DB_VERBINDINGEN", "veel"),
            ("GRONDPLAN_TRAGE_QUERY_MS", "-1"),
        ] {
            let fout = Config::from_lookup(|k| (k == naam).then(|| waarde.into())).unwrap_err();
            assert!(fout.to_string().contains(naam), "{fout}");
        }
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
        let fout = Config::from_lookup(|k| {
            (k == "GRONDPLAN_PUBLIEKE_URL").then(|| "javascript:alert(1)".into())
        })
        .unwrap_err();
        assert!(
            fout.to_string().contains("GRONDPLAN_PUBLIEKE_URL"),
            "{fout}"
        );
        let fout =
            Config::from_lookup(|k| (k == "GRONDPLAN_PROXIES").then(|| "10.0.0.1, proxy".into()))
                .unwrap_err();
        assert!(fout.to_string().contains("'proxy'"), "{fout}");
    }

    #[test]
    fn an_https_public_url_makes_cookies_secure() {
        let config = Config::from_lookup(|k| {
            (k == "GRONDPLAN_PUBLIEKE_URL").then(|| "https://grondplan.vng.nl/".into())
        })
        .expect("valid");
        assert!(config.via_https());
        assert_eq!(
            config.publieke_url.as_deref(),
            Some("https://grondplan.vng.nl")
        );
        assert!(!Config::from_lookup(|_| None).expect("defaults").via_https());
    }
}
