//! GEMMA referentiecomponenten: public reads; imports by regie (or once at first start),
//! all or nothing, matched on the Object ID.

use domain::contract::Importrapport;
use domain::{Referentiecomponent, ReferentiecomponentId};

use super::audit::{Auditregel, Entiteit};
use super::{Db, DbFout, ongeldig};
use crate::toegang::recht::PubliekSchrijfrecht;

impl Db {
    /// Every referentiecomponent, by name.
    ///
    /// # Errors
    /// A database error or an invalid stored id.
    pub async fn referentiecomponenten(&self) -> Result<Vec<Referentiecomponent>, DbFout> {
        Ok(self.referentielijst().await?.as_ref().clone())
    }

    /// The referentiecomponenten, kept under the contextversie, which every write to them
    /// raises.
    pub(super) async fn referentielijst(
        &self,
    ) -> Result<std::sync::Arc<Vec<Referentiecomponent>>, DbFout> {
        let versie = self.contextversie().await?;
        self.cache
            .referentiecomponenten
            .bij(versie, self.lees_referentiecomponenten())
            .await
    }

    /// The referentiecomponenten as stored now, by name.
    async fn lees_referentiecomponenten(&self) -> Result<Vec<Referentiecomponent>, DbFout> {
        let rijen: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT id, naam, omschrijving FROM referentiecomponenten ORDER BY naam, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rijen
            .into_iter()
            .map(|(id, naam, omschrijving)| {
                Ok(Referentiecomponent {
                    id: ReferentiecomponentId::parse(&id)
                        .map_err(|e| ongeldig("referentiecomponenten")(&e))?,
                    naam,
                    omschrijving,
                })
            })
            .collect()
    }

    /// Imports referentiecomponenten for regie, in one transaction, with an audit record.
    ///
    /// # Errors
    /// A database error; then nothing is stored.
    pub async fn importeer_referentiecomponenten(
        &self,
        recht: &PubliekSchrijfrecht,
        lijst: &[Referentiecomponent],
        overgeslagen: usize,
    ) -> Result<Importrapport, DbFout> {
        let mut tx = self.schrijving().await?;
        let rapport = Self::schrijf_referentiecomponenten(&mut tx, lijst, overgeslagen).await?;
        tx.leg_vast(Auditregel::door_regie(
            recht,
            Entiteit::Referentiecomponenten,
            "import",
            None,
            Some(&rapport),
        ))
        .await?;
        Ok(rapport)
    }

    /// Loads referentiecomponenten as data set `bron` at first start, unless loaded before.
    ///
    /// # Errors
    /// A database error; then nothing is stored.
    pub async fn laad_referentiecomponenten(
        &self,
        bron: &str,
        lijst: &[Referentiecomponent],
    ) -> Result<usize, DbFout> {
        let mut tx = self.pool.begin().await?;
        if !self.markeer_import(&mut tx, bron, lijst.len()).await? {
            return Ok(0);
        }
        Self::schrijf_referentiecomponenten(&mut tx, lijst, 0).await?;
        tx.commit().await?;
        Ok(lijst.len())
    }

    async fn schrijf_referentiecomponenten(
        tx: &mut sqlx::AnyConnection,
        lijst: &[Referentiecomponent],
        overgeslagen: usize,
    ) -> Result<Importrapport, DbFout> {
        let mut rapport = Importrapport {
            toegevoegd: 0,
            bijgewerkt: 0,
            overgeslagen,
        };
        for r in lijst {
            let bestaand: Option<String> =
                sqlx::query_scalar("SELECT id FROM referentiecomponenten WHERE id = $1")
                    .bind(r.id.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            if bestaand.is_some() {
                sqlx::query(
                    "UPDATE referentiecomponenten SET naam = $1, omschrijving = $2 WHERE id = $3",
                )
                .bind(&r.naam)
                .bind(&r.omschrijving)
                .bind(r.id.as_str())
                .execute(&mut *tx)
                .await?;
                rapport.bijgewerkt += 1;
            } else {
                sqlx::query("INSERT INTO referentiecomponenten (id, naam, omschrijving) VALUES ($1, $2, $3)")
                    .bind(r.id.as_str())
                    .bind(&r.naam)
                    .bind(&r.omschrijving)
                    .execute(&mut *tx)
                    .await?;
                rapport.toegevoegd += 1;
            }
        }
        Ok(rapport)
    }
}
