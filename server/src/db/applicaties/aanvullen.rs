//! Applicaties aan te vullen: what an import brought without an einddatum, kept apart
//! from the landscape the plan sees until a member completes it (migration 0012).

use domain::landschap::gegevens::{AanTeVullen, Applicatiegegevens};
use domain::{ApplicatieId, GemeenteCode};

use super::schrijven::{PARTIJ, plaatsen, sqlx_query, verwijder_een};
use crate::db::{Db, DbFout, ongeldig};
use crate::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

impl Db {
    /// The applicaties aan te vullen of the gemeente the right is for, in import order.
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn aan_te_vullen(
        &self,
        recht: &GemeenteLeesrecht,
    ) -> Result<Vec<AanTeVullen>, DbFout> {
        let rijen: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT id, naam, ontbreekt, gegevens FROM aan_te_vullen \
             WHERE gemeente_code = $1 ORDER BY positie, id",
        )
        .bind(recht.gemeente().as_str())
        .fetch_all(&self.pool)
        .await?;
        let fout = ongeldig("aan_te_vullen");
        rijen
            .into_iter()
            .map(|(id, naam, ontbreekt, gegevens)| {
                Ok(AanTeVullen {
                    id: domain::ApplicatieId::parse(&id).map_err(|e| fout(&e))?,
                    naam,
                    ontbreekt: ontbreekt.split(',').map(str::to_owned).collect(),
                    gegevens: serde_json::from_str::<Applicatiegegevens>(&gegevens)
                        .map_err(|e| fout(&e))?,
                })
            })
            .collect()
    }

    /// Deletes the applicatie aan te vullen `id`, with its audit record; `false` when there
    /// is none.
    pub async fn verwijder_aan_te_vullen(
        &self,
        recht: &GemeenteSchrijfrecht,
        id: &ApplicatieId,
    ) -> Result<bool, DbFout> {
        let gemeente = recht.gemeente();
        let mut tx = self.schrijving().await?;
        let voor: Option<String> = sqlx::query_scalar(
            "SELECT gegevens FROM aan_te_vullen WHERE gemeente_code = $1 AND id = $2",
        )
        .bind(gemeente.as_str())
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(voor) = voor else {
            return Ok(false);
        };
        let voor: serde_json::Value =
            serde_json::from_str(&voor).map_err(|e| ongeldig("aan_te_vullen")(&e))?;
        verwijder_een(tx, recht, "aan_te_vullen", id, &voor).await?;
        Ok(true)
    }
}

/// Stores applicaties aan te vullen (none of their ids is stored yet), numbered from
/// `positie` on, in batches of [`PARTIJ`] rows a statement.
pub(super) async fn schrijf(
    tx: &mut sqlx::AnyConnection,
    gemeente: &GemeenteCode,
    aanvullingen: &[AanTeVullen],
    positie: i64,
) -> Result<(), DbFout> {
    let mut volgende = positie;
    for partij in aanvullingen.chunks(PARTIJ) {
        let waarden = plaatsen(partij.len(), 6);
        let sql = format!(
            "INSERT INTO aan_te_vullen (gemeente_code, id, positie, naam, ontbreekt, gegevens) \
             VALUES {waarden}"
        );
        let mut query = sqlx_query(&sql);
        for a in partij {
            let gegevens =
                serde_json::to_string(&a.gegevens).map_err(|e| ongeldig("aan_te_vullen")(&e))?;
            query = query
                .bind(gemeente.as_str())
                .bind(a.id.as_str())
                .bind(volgende)
                .bind(a.naam.as_str())
                .bind(a.ontbreekt.join(","))
                .bind(gegevens);
            volgende += 1;
        }
        query.execute(&mut *tx).await?;
    }
    Ok(())
}
