//! Storage on SQLite or PostgreSQL through sqlx's `Any` driver: one pool, chosen by the
//! URL, with the same portable migrations on both.
//!
//! Row structs are private to the submodules; what leaves this module are domain types,
//! made with their own checked constructors, so a row that breaks a rule of the domain
//! is reported as such instead of reaching the rules. Dates are stored as `YYYY-MM-DD`
//! text and flags as 0/1 because the `Any` driver decodes neither dates nor booleans the
//! same way on both databases.

pub mod aanmeldingen;
pub mod accounts;
pub mod applicaties;
pub mod audit;
mod capaciteit;
pub mod componenten;
mod gegevensversie;
mod gemeenten;
pub mod landelijk;
mod leescache;
mod opgaven;
pub mod referentiecomponenten;
pub mod scenarios;
mod schrijving;
pub mod toegang;

use std::str::FromStr;

use anyhow::Context;
use chrono::NaiveDate;
use domain::ports::OpslagFout;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

/// What went wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum DbFout {
    /// The database answered with an error or could not be reached.
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// A unique key is taken (an account for that e-mail exists, …).
    #[error("{0}")]
    Bestaat(String),
    /// The row changed since the version the writer read.
    #[error("de gegevens zijn intussen gewijzigd (huidige versie {huidig})")]
    VersieConflict {
        /// The current version.
        huidig: i64,
    },
    /// An existing row was written without the version it was read at.
    #[error("geef de versie mee die u las (If-Match)")]
    VersieVereist,
    /// A computation on stored data stopped before it finished (it panicked).
    #[error("de berekening is afgebroken: {0}")]
    Afgebroken(String),
    /// A stored row breaks a rule of the domain.
    #[error("ongeldige rij in {tabel}: {reden}")]
    OngeldigeRij {
        /// The table the row came from.
        tabel: &'static str,
        /// What is wrong with it.
        reden: String,
    },
}

impl DbFout {
    /// A unique-key violation becomes [`DbFout::Bestaat`] with `melding`; matched by the
    /// database's error kind, never by its text.
    pub fn uit_unieke_sleutel(fout: sqlx::Error, melding: String) -> Self {
        match &fout {
            sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::UniqueViolation => {
                Self::Bestaat(melding)
            }
            _ => Self::Sqlx(fout),
        }
    }
}

impl From<DbFout> for OpslagFout {
    fn from(fout: DbFout) -> Self {
        match fout {
            DbFout::Sqlx(oorzaak) => {
                tracing::error!(error = %oorzaak, "databasefout");
                Self::Onbeschikbaar
            }
            anders @ (DbFout::Bestaat(_)
            | DbFout::VersieConflict { .. }
            | DbFout::VersieVereist) => {
                // Not a storage failure; callers that can meet these map them themselves.
                tracing::warn!(error = %anders, "opslagfout zonder eigen afhandeling");
                Self::Onbeschikbaar
            }
            DbFout::Afgebroken(oorzaak) => {
                tracing::error!(oorzaak, "berekening afgebroken");
                Self::Onbeschikbaar
            }
            DbFout::OngeldigeRij { tabel, reden } => {
                tracing::error!(tabel, reden, "ongeldige rij in de database");
                Self::OngeldigeGegevens(format!("{tabel}: {reden}"))
            }
        }
    }
}

/// Published migrations whose file was changed after it had run somewhere: the version
/// and the SHA-384 of the changed text, which such databases recorded. The file is back
/// to what it first was, and what the change added is in a later migration that works on
/// both (0009 for 0008).
const GEWIJZIGDE_MIGRATIES: &[(i64, &str)] = &[(
    8,
    "397e3ba43b3d2f86a89e76e95b5662e8443ffbd33e6ea92e2ad3d18f396241d942f27a64da359c47d26ba2fcc55d5861",
)];

/// Whether the schema has table `tabel`, asked the way each database can answer.
async fn tabel_bestaat_in(pool: &AnyPool, sqlite: bool, tabel: &str) -> Result<bool, sqlx::Error> {
    let aantal: i64 = sqlx::query_scalar(if sqlite {
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1"
    } else {
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() \
         AND table_name = $1"
    })
    .bind(tabel)
    .fetch_one(pool)
    .await?;
    Ok(aantal > 0)
}

/// Lets a database that ran a changed version of a migration (see
/// [`GEWIJZIGDE_MIGRATIES`]) start: its recorded checksum becomes the current file's, so
/// sqlx's check passes, and the later migration brings both kinds to the same schema.
async fn herstel_gewijzigde_migraties(
    pool: &AnyPool,
    migraties: &sqlx::migrate::Migrator,
    is_sqlite: bool,
) -> Result<(), sqlx::Error> {
    if !tabel_bestaat_in(pool, is_sqlite, "_sqlx_migrations").await? {
        return Ok(());
    }
    for (versie, gewijzigd) in GEWIJZIGDE_MIGRATIES {
        let Some(huidig) = migraties.iter().find(|m| m.version == *versie) else {
            continue;
        };
        let gewijzigd: Vec<u8> = (0..gewijzigd.len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(gewijzigd.get(i..i + 2)?, 16).ok())
            .collect();
        let bijgewerkt = sqlx::query(
            "UPDATE _sqlx_migrations SET checksum = $1 WHERE version = $2 AND checksum = $3",
        )
        .bind(huidig.checksum.to_vec())
        .bind(*versie)
        .bind(gewijzigd)
        .execute(pool)
        .await?;
        if bijgewerkt.rows_affected() > 0 {
            tracing::info!(
                versie,
                "migratie {versie}: de gewijzigde versie is bijgewerkt naar de gepubliceerde"
            );
        }
    }
    Ok(())
}

/// The storage: a cloneable handle on one connection pool, and the clock its writes read
/// their moment from.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    sqlite: bool,
    klok: std::sync::Arc<dyn domain::ports::Klok>,
    cache: std::sync::Arc<leescache::Leescache>,
}

impl Db {
    /// The same storage with `klok` as its clock.
    #[must_use]
    pub fn met_klok(mut self, klok: std::sync::Arc<dyn domain::ports::Klok>) -> Self {
        self.klok = klok;
        self
    }

    /// The service's clock.
    pub fn klok(&self) -> std::sync::Arc<dyn domain::ports::Klok> {
        std::sync::Arc::clone(&self.klok)
    }

    /// This moment, as the database stores moments.
    pub fn nu_micros(&self) -> i64 {
        self.klok.nu_micros()
    }

    /// Connects to `url` (creating a SQLite file when needed) and brings the schema up to
    /// date; statements slower than [`TRAGE_QUERY`] are logged.
    ///
    /// # Errors
    /// When the database cannot be reached or a migration fails.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        Self::connect_met(url, None, TRAGE_QUERY).await
    }

    /// As [`Db::connect`], with `verbindingen` connections (default 4 for SQLite, 10 for
    /// PostgreSQL), a statement slower than `trage_query` logged as a warning with its
    /// duration (target `sqlx::query`).
    ///
    /// # Errors
    /// As [`Db::connect`].
    pub async fn connect_met(
        url: &str,
        verbindingen: Option<u32>,
        trage_query: std::time::Duration,
    ) -> anyhow::Result<Self> {
        use sqlx::ConnectOptions as _;
        install_default_drivers();
        let url = met_sqlite_aanmaken(url);
        let is_sqlite = url.starts_with("sqlite:");
        let opties = url
            .parse::<sqlx::any::AnyConnectOptions>()
            .with_context(|| format!("geen database-adres: {}", zonder_wachtwoord(&url)))?
            .log_slow_statements(log::LevelFilter::Warn, trage_query);
        let pool = AnyPoolOptions::new()
            .max_connections(verbindingen.unwrap_or(if is_sqlite { 4 } else { 10 }))
            // No ping before every statement: on PostgreSQL it was a second round trip
            // for each query under load (docs/performance.md, the load test). A connection
            // the database closed fails its next statement, and the pool replaces it.
            .test_before_acquire(false)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if is_sqlite {
                        // Foreign keys are off by default in SQLite; the schema relies on them.
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        // Readers never wait for a writer (a 50 000-row import commits
                        // for about a second; with the rollback journal every read, and
                        // so the pool and /health, waited behind it). NORMAL is WAL's
                        // usual pairing: durable at checkpoints, never corrupt.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(opties)
            .await
            .with_context(|| {
                format!("kan de database niet openen ({})", zonder_wachtwoord(&url))
            })?;
        let migraties = sqlx::migrate!("./migrations");
        herstel_gewijzigde_migraties(&pool, &migraties, is_sqlite)
            .await
            .context("de migratiegeschiedenis kan niet worden bijgewerkt")?;
        migraties
            .run(&pool)
            .await
            .context("de migraties van het databaseschema zijn mislukt")?;
        Ok(Self {
            pool,
            sqlite: is_sqlite,
            klok: crate::klok::systeem(),
            cache: std::sync::Arc::default(),
        })
    }

    /// Whether the schema has table `tabel` (for tests of the migrations).
    ///
    /// # Errors
    /// A database error.
    pub async fn tabel_bestaat(&self, tabel: &str) -> Result<bool, DbFout> {
        Ok(tabel_bestaat_in(&self.pool, self.sqlite, tabel).await?)
    }

    /// Whether the database answers.
    ///
    /// # Errors
    /// When it does not.
    pub async fn ping(&self) -> Result<(), DbFout> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Records that data set `bron` is being loaded, inside `tx`. Returns `false` when it
    /// was loaded before (by this or another instance), in which case the caller loads
    /// nothing.
    async fn markeer_import(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        bron: &str,
        aantal: usize,
    ) -> Result<bool, DbFout> {
        let nu = self.klok.nu().to_rfc3339();
        let resultaat = sqlx::query(
            "INSERT INTO importen (bron, geladen_op, aantal) VALUES ($1, $2, $3) \
             ON CONFLICT (bron) DO NOTHING",
        )
        .bind(bron)
        .bind(nu)
        .bind(i64::try_from(aantal).unwrap_or(i64::MAX))
        .execute(&mut **tx)
        .await?;
        let nieuw = resultaat.rows_affected() == 1;
        if nieuw {
            gegevensversie::nieuwe_gegevensversie(tx, None).await?;
        }
        Ok(nieuw)
    }
}

/// sqlx opens an existing SQLite file only; Grondplan creates it on first start.
fn met_sqlite_aanmaken(url: &str) -> String {
    if url.starts_with("sqlite:") && !url.contains("mode=") && !url.contains(":memory:") {
        let scheiding = if url.contains('?') { '&' } else { '?' };
        format!("{url}{scheiding}mode=rwc")
    } else {
        url.to_owned()
    }
}

/// The URL without its password, fit for a log line or an error message.
fn zonder_wachtwoord(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(schema), Some(apenstaart)) if apenstaart > schema => {
            let gebruiker_en_wachtwoord = &url[schema + 3..apenstaart];
            let gebruiker = gebruiker_en_wachtwoord.split(':').next().unwrap_or("");
            format!(
                "{}{gebruiker}:***{}",
                &url[..schema + 3],
                &url[apenstaart..]
            )
        }
        _ => url.to_owned(),
    }
}

fn datum(tabel: &'static str, tekst: &str) -> Result<NaiveDate, DbFout> {
    NaiveDate::from_str(tekst).map_err(|_| DbFout::OngeldigeRij {
        tabel,
        reden: format!("'{tekst}' is geen datum"),
    })
}

/// Reads an enum stored as its serde name (`eerste_gebruiker`), so the database and the
/// JSON API spell every value the same way.
fn uit_tekst<T: serde::de::DeserializeOwned>(
    tabel: &'static str,
    tekst: &str,
) -> Result<T, DbFout> {
    use serde::de::IntoDeserializer as _;
    T::deserialize(tekst.into_deserializer())
        .map_err(|fout: serde::de::value::Error| ongeldig(tabel)(&fout))
}

/// The serde name of an enum value, as it is stored.
fn als_tekst<T: serde::Serialize>(waarde: &T) -> String {
    match serde_json::to_value(waarde) {
        Ok(serde_json::Value::String(tekst)) => tekst,
        other => unreachable!("only unit enum values are stored as text, got {other:?}"),
    }
}

/// A statement slower than this is logged with its duration, unless configured otherwise
/// (`GRONDPLAN_TRAGE_QUERY_MS`).
pub const TRAGE_QUERY: std::time::Duration = std::time::Duration::from_millis(250);

fn ongeldig(tabel: &'static str) -> impl Fn(&dyn std::fmt::Display) -> DbFout {
    move |fout| DbFout::OngeldigeRij {
        tabel,
        reden: fout.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sqlite_url_without_mode_gets_created_on_first_start() {
        assert_eq!(
            met_sqlite_aanmaken("sqlite://a.db"),
            "sqlite://a.db?mode=rwc"
        );
        assert_eq!(
            met_sqlite_aanmaken("sqlite://a.db?x=1"),
            "sqlite://a.db?x=1&mode=rwc"
        );
        assert_eq!(
            met_sqlite_aanmaken("sqlite://a.db?mode=ro"),
            "sqlite://a.db?mode=ro"
        );
        assert_eq!(met_sqlite_aanmaken("postgres://h/db"), "postgres://h/db");
    }

    #[test]
    fn the_password_never_reaches_a_message() {
        assert_eq!(
            zonder_wachtwoord("postgres://gp:geheim@127.0.0.1:5432/gp"),
            "postgres://gp:***@127.0.0.1:5432/gp"
        );
        assert_eq!(zonder_wachtwoord("sqlite://a.db"), "sqlite://a.db");
    }
}
