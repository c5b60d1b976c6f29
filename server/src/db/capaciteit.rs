//! A gemeente's capaciteit: the first data a gemeente owns and writes, with optimistic
//! concurrency (a version per row) and an audit record in the same transaction.

use domain::Capaciteit;

use super::audit::{Auditregel, Entiteit};
use super::schrijving::Versiestap;
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
        let mut tx = self.schrijving().await?;
        let huidig: Option<(f64, i64, i64)> = sqlx::query_as(
            "SELECT fte_per_kwartaal, budget_per_jaar, versie FROM capaciteit WHERE gemeente_code = $1",
        )
        .bind(gemeente)
        .fetch_optional(&mut *tx)
        .await?;
        let stap = Versiestap::zetten(huidig.map(|(_, _, v)| v), verwacht)?;
        let sql = match stap {
            Versiestap::Nieuw => {
                "INSERT INTO capaciteit (fte_per_kwartaal, budget_per_jaar, gemeente_code, versie) VALUES ($1, $2, $3, $4 + 1)"
            }
            Versiestap::Vervang(_) => {
                "UPDATE capaciteit SET fte_per_kwartaal = $1, budget_per_jaar = $2, versie = versie + 1 \
                 WHERE gemeente_code = $3 AND versie = $4"
            }
        };
        let geraakt = sqlx::query(sql)
            .bind(nieuw.fte_per_kwartaal)
            .bind(nieuw.budget_per_jaar)
            .bind(gemeente)
            .bind(stap.bewaakt())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let versie = stap.na(geraakt)?;
        let voor = huidig.map(|(fte_per_kwartaal, budget_per_jaar, _)| Capaciteit {
            fte_per_kwartaal,
            budget_per_jaar,
        });
        tx.leg_vast(Auditregel::door(
            recht,
            Entiteit::Capaciteit,
            gemeente,
            voor.as_ref(),
            Some(&nieuw),
        ))
        .await?;
        Ok(versie)
    }
}
