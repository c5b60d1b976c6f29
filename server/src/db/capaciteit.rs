//! A gemeente's capaciteit: the first data a gemeente owns and writes, with optimistic
//! concurrency (a version per row) and an audit record in the same transaction.

use domain::Capaciteit;

use super::audit::{Auditregel, Entiteit};
use super::{Db, DbFout};
use crate::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

impl Db {
    /// The capaciteit of the gemeente the right is for, with its version.
    ///
    /// # Errors
    /// A database error.
    pub async fn capaciteit(
        &self,
        recht: &GemeenteLeesrecht,
    ) -> Result<Option<(Capaciteit, i64)>, DbFout> {
        self.capaciteit_met_versie(recht.gemeente()).await
    }

    /// The capaciteit of `gemeente` for a share link (the link is the right).
    pub(super) async fn capaciteit_van(
        &self,
        gemeente: &domain::GemeenteCode,
    ) -> Result<Option<Capaciteit>, DbFout> {
        Ok(self.capaciteit_met_versie(gemeente).await?.map(|(c, _)| c))
    }

    async fn capaciteit_met_versie(
        &self,
        gemeente: &domain::GemeenteCode,
    ) -> Result<Option<(Capaciteit, i64)>, DbFout> {
        let rij: Option<(f64, i64, i64)> = sqlx::query_as(
            "SELECT fte_per_kwartaal, budget_per_jaar, versie FROM capaciteit WHERE gemeente_code = $1",
        )
        .bind(gemeente.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(rij.map(|(fte_per_kwartaal, budget_per_jaar, versie)| {
            (
                Capaciteit {
                    fte_per_kwartaal,
                    budget_per_jaar,
                },
                versie,
            )
        }))
    }

    /// Sets the capaciteit of the gemeente the right is for. When it exists, `verwacht` must
    /// be its current version; returns the new version.
    ///
    /// # Errors
    /// [`DbFout::VersieVereist`] without a version for an existing row,
    /// [`DbFout::VersieConflict`] for a stale one (nothing is changed then), or a database
    /// error.
    pub async fn zet_capaciteit(
        &self,
        recht: &GemeenteSchrijfrecht,
        nieuw: Capaciteit,
        verwacht: Option<i64>,
    ) -> Result<i64, DbFout> {
        let gemeente = recht.gemeente().as_str();
        let mut tx = self.pool.begin().await?;
        let huidig: Option<(f64, i64, i64)> = sqlx::query_as(
            "SELECT fte_per_kwartaal, budget_per_jaar, versie FROM capaciteit WHERE gemeente_code = $1",
        )
        .bind(gemeente)
        .fetch_optional(&mut *tx)
        .await?;
        let versie = match (huidig, verwacht) {
            (None, _) => {
                sqlx::query(
                    "INSERT INTO capaciteit (gemeente_code, fte_per_kwartaal, budget_per_jaar, versie) VALUES ($1, $2, $3, 1)",
                )
                .bind(gemeente)
                .bind(nieuw.fte_per_kwartaal)
                .bind(nieuw.budget_per_jaar)
                .execute(&mut *tx)
                .await?;
                1
            }
            (Some(_), None) => return Err(DbFout::VersieVereist),
            (Some((_, _, versie)), Some(verwacht)) => {
                // The version in the WHERE clause makes a concurrent writer lose, not overwrite.
                let resultaat = sqlx::query(
                    "UPDATE capaciteit SET fte_per_kwartaal = $1, budget_per_jaar = $2, versie = versie + 1 \
                     WHERE gemeente_code = $3 AND versie = $4",
                )
                .bind(nieuw.fte_per_kwartaal)
                .bind(nieuw.budget_per_jaar)
                .bind(gemeente)
                .bind(verwacht)
                .execute(&mut *tx)
                .await?;
                if resultaat.rows_affected() != 1 {
                    return Err(DbFout::VersieConflict { huidig: versie });
                }
                verwacht + 1
            }
        };
        let voor = huidig.map(|(fte_per_kwartaal, budget_per_jaar, _)| Capaciteit {
            fte_per_kwartaal,
            budget_per_jaar,
        });
        Auditregel::door(
            recht,
            Entiteit::Capaciteit,
            gemeente,
            voor.as_ref(),
            Some(&nieuw),
        )
        .schrijf(&mut tx, self.nu_micros())
        .await?;
        tx.commit().await?;
        Ok(versie)
    }
}
