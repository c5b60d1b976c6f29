//! The `gemeenten` table: the CBS list, loaded once.

use domain::{Gemeente, GemeenteCode};

use super::{Db, DbFout, ongeldig};

#[derive(sqlx::FromRow)]
struct GemeenteRij {
    code: String,
    naam: String,
    provincie: String,
}

impl TryFrom<GemeenteRij> for Gemeente {
    type Error = DbFout;

    fn try_from(rij: GemeenteRij) -> Result<Self, Self::Error> {
        Ok(Self {
            code: GemeenteCode::parse(&rij.code).map_err(|e| ongeldig("gemeenten")(&e))?,
            naam: rij.naam,
            provincie: rij.provincie,
        })
    }
}

impl Db {
    /// All gemeenten, by name: kept under the contextversie, which loading the list raises
    /// (every page that names gemeenten reads all 342).
    ///
    /// # Errors
    /// When the database fails or holds an invalid code.
    pub async fn alle_gemeenten(&self) -> Result<Vec<Gemeente>, DbFout> {
        let versie = self.contextversie().await?;
        self.cache
            .gemeenten
            .kopie_bij(versie, self.lees_gemeenten())
            .await
    }

    /// All gemeenten as stored now, by name.
    async fn lees_gemeenten(&self) -> Result<Vec<Gemeente>, DbFout> {
        sqlx::query_as::<_, GemeenteRij>(
            "SELECT code, naam, provincie FROM gemeenten ORDER BY naam, code",
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(Gemeente::try_from)
        .collect()
    }

    /// One gemeente by its code; none when the CBS list has no such code.
    ///
    /// # Errors
    /// When the database fails or holds an invalid code.
    pub async fn gemeente(&self, code: &GemeenteCode) -> Result<Option<Gemeente>, DbFout> {
        sqlx::query_as::<_, GemeenteRij>(
            "SELECT code, naam, provincie FROM gemeenten WHERE code = $1",
        )
        .bind(code.as_str())
        .fetch_optional(&self.pool)
        .await?
        .map(Gemeente::try_from)
        .transpose()
    }

    /// Loads the CBS list as data set `bron`, all or nothing, unless that data set was
    /// loaded before. Returns how many gemeenten were stored (0 when it was loaded before).
    /// Known codes are updated in place, so a newer list renames without duplicating.
    ///
    /// # Errors
    /// When the database fails; then nothing is stored.
    pub async fn laad_gemeenten(
        &self,
        bron: &str,
        gemeenten: &[Gemeente],
    ) -> Result<usize, DbFout> {
        let mut tx = self.pool.begin().await?;
        if !self.markeer_import(&mut tx, bron, gemeenten.len()).await? {
            return Ok(0);
        }
        for gemeente in gemeenten {
            sqlx::query(
                "INSERT INTO gemeenten (code, naam, provincie) VALUES ($1, $2, $3) \
                 ON CONFLICT (code) DO UPDATE SET naam = excluded.naam, provincie = excluded.provincie",
            )
            .bind(gemeente.code.as_str())
            .bind(&gemeente.naam)
            .bind(&gemeente.provincie)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(gemeenten.len())
    }
}
