//! One applicatie stored or deleted, with its audit record; the batched row writer the
//! import shares.

use domain::{Applicatie, ApplicatieId, GemeenteCode, ReferentiecomponentId};

use crate::db::audit::{Auditregel, Entiteit};
use crate::db::schrijving::Versiestap;
use crate::db::{Db, DbFout};
use crate::toegang::recht::GemeenteSchrijfrecht;

/// Rows per INSERT statement in an import. Small on purpose: sqlx's SQLite driver looks up
/// every numbered parameter by name, which grows with the square of the parameters in a
/// statement; at 500 rows (7 000 parameters) a 10 000-row import took 1.09 s, at 20 rows
/// 0.19 s (`cargo bench -p server --bench import`).
pub(super) const PARTIJ: usize = 20;

impl Db {
    /// Stores a new applicatie (`verwacht` none: version 1), or replaces an existing one
    /// when `verwacht` is its current version. Returns the new version.
    ///
    /// # Errors
    /// [`DbFout::Bestaat`] for a new one whose id is taken or a change to one that does not
    /// exist, [`DbFout::VersieConflict`] for a stale version (nothing changes), or a
    /// database error.
    pub async fn zet_applicatie(
        &self,
        recht: &GemeenteSchrijfrecht,
        applicatie: &Applicatie,
        verwacht: Option<i64>,
    ) -> Result<i64, DbFout> {
        let gemeente = recht.gemeente();
        let voor = self.een_applicatie(gemeente, &applicatie.id).await?;
        let mut tx = self.schrijving().await?;
        let stap = Versiestap::maken_of_wijzigen(
            voor.as_ref().map(|(_, v)| *v),
            verwacht,
            || bestaat(&applicatie.id),
            "deze applicatie bestaat niet",
        )?;
        let positie: Option<i64> = match stap {
            Versiestap::Nieuw => {
                sqlx::query_scalar(
                    "SELECT MAX(positie) + 1 FROM applicaties WHERE gemeente_code = $1",
                )
                .bind(gemeente.as_str())
                .fetch_one(&mut *tx)
                .await?
            }
            Versiestap::Vervang(_) => {
                let positie = sqlx::query_scalar(
                    "SELECT positie FROM applicaties WHERE gemeente_code = $1 AND id = $2",
                )
                .bind(gemeente.as_str())
                .bind(applicatie.id.as_str())
                .fetch_one(&mut *tx)
                .await?;
                let geraakt = sqlx::query(
                    "DELETE FROM applicaties WHERE gemeente_code = $1 AND id = $2 AND versie = $3",
                )
                .bind(gemeente.as_str())
                .bind(applicatie.id.as_str())
                .bind(stap.bewaakt())
                .execute(&mut *tx)
                .await?
                .rows_affected();
                stap.na(geraakt)?;
                Some(positie)
            }
        };
        if stap == Versiestap::Nieuw {
            // One aan te vullen under this id is completed by it.
            verwijder_ids(
                &mut tx,
                "aan_te_vullen",
                gemeente,
                &[applicatie.id.as_str()],
            )
            .await?;
        }
        let (versie, positie) = (stap.nieuwe_versie(), positie.unwrap_or(0));
        schrijf_partij(&mut tx, gemeente, &[(applicatie, positie, versie)])
            .await
            .map_err(|e| DbFout::uit_unieke_sleutel(e, bestaat(&applicatie.id)))?;
        tx.leg_vast(Auditregel::door(
            recht,
            Entiteit::Applicatie,
            applicatie.id.as_str(),
            voor.as_ref().map(|(a, _)| a),
            Some(applicatie),
        ))
        .await?;
        Ok(versie)
    }

    /// Deletes an applicatie; `false` when there is none.
    ///
    /// # Errors
    /// A database error.
    pub async fn verwijder_applicatie(
        &self,
        recht: &GemeenteSchrijfrecht,
        id: &ApplicatieId,
    ) -> Result<bool, DbFout> {
        let Some((voor, _)) = self.een_applicatie(recht.gemeente(), id).await? else {
            return Ok(false);
        };
        verwijder_een(self.schrijving().await?, recht, "applicaties", id, &voor).await?;
        Ok(true)
    }
}

/// Deletes row `id` of the gemeente of `recht` from `tabel` in `tx` and commits it with
/// the audit record of an applicatie that was `voor`.
pub(super) async fn verwijder_een<T: serde::Serialize>(
    mut tx: crate::db::schrijving::Schrijving,
    recht: &GemeenteSchrijfrecht,
    tabel: &'static str,
    id: &ApplicatieId,
    voor: &T,
) -> Result<(), DbFout> {
    verwijder_ids(&mut tx, tabel, recht.gemeente(), &[id.as_str()]).await?;
    tx.leg_vast(Auditregel::door(
        recht,
        Entiteit::Applicatie,
        id.as_str(),
        Some(voor),
        None,
    ))
    .await
}

/// `aantal` numbered parameters from `$eerste` on: `$1, $2`.
pub(super) fn parameters(eerste: usize, aantal: usize) -> String {
    (eerste..eerste + aantal)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `VALUES` of a batch insert: `rijen` tuples of `velden` numbered parameters,
/// `($1, $2), ($3, $4)`.
pub(super) fn plaatsen(rijen: usize, velden: usize) -> String {
    (0..rijen)
        .map(|r| format!("({})", parameters(r * velden + 1, velden)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Deletes the rows of gemeente `gemeente` with these ids from `tabel` (a table of this
/// module's, keyed by `gemeente_code` and `id`), a batch per statement.
pub(super) async fn verwijder_ids(
    tx: &mut sqlx::AnyConnection,
    tabel: &'static str,
    gemeente: &GemeenteCode,
    ids: &[&str],
) -> Result<(), sqlx::Error> {
    for partij in ids.chunks(PARTIJ) {
        let lijst = parameters(2, partij.len());
        let sql = format!("DELETE FROM {tabel} WHERE gemeente_code = $1 AND id IN ({lijst})");
        let mut weg = sqlx_query(&sql).bind(gemeente.as_str());
        for id in partij {
            weg = weg.bind(*id);
        }
        weg.execute(&mut *tx).await?;
    }
    Ok(())
}

/// A query with numbered parameters, for statements built at run time.
pub(super) fn sqlx_query(
    sql: &str,
) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
    sqlx::query(sql)
}

/// Writes applicaties (with their position and version) and their functions, in as few
/// statements as the batch allows.
pub(super) async fn schrijf_partij(
    tx: &mut sqlx::AnyConnection,
    gemeente: &GemeenteCode,
    rijen: &[(&Applicatie, i64, i64)],
) -> Result<(), sqlx::Error> {
    if rijen.is_empty() {
        return Ok(());
    }
    let waarden = plaatsen(rijen.len(), 14);
    let sql = format!(
        "INSERT INTO applicaties (gemeente_code, id, positie, naam, leverancier, startdatum, einddatum, \
         opzegtermijn_maanden, verlenging_maanden, uiterste_einddatum, jaarlijkse_kosten, in_gebruik, \
         gebruikers, versie) VALUES {waarden}"
    );
    let mut query = sqlx_query(&sql);
    for (app, positie, versie) in rijen {
        let c = &app.contract;
        query = query
            .bind(gemeente.as_str())
            .bind(app.id.as_str())
            .bind(*positie)
            .bind(app.naam.as_str())
            .bind(app.leverancier.as_str())
            .bind(c.startdatum().map(|d| d.to_string()))
            .bind(c.einddatum().to_string())
            .bind(i64::from(c.opzegtermijn_maanden()))
            .bind(i64::from(c.verlenging_maanden()))
            .bind(c.uiterste_einddatum().map(|d| d.to_string()))
            .bind(c.jaarlijkse_kosten())
            .bind(i64::from(app.in_gebruik))
            .bind(app.gebruikers.map(i64::from))
            .bind(*versie);
    }
    query.execute(&mut *tx).await?;

    let functies: Vec<(&ApplicatieId, usize, &ReferentiecomponentId)> = rijen
        .iter()
        .flat_map(|(app, _, _)| {
            app.referentiecomponenten
                .iter()
                .enumerate()
                .map(|(i, r)| (&app.id, i, r))
        })
        .collect();
    for partij in functies.chunks(PARTIJ * 2) {
        let waarden = (0..partij.len())
            .map(|r| format!("($1, ${}, ${}, ${})", 3 * r + 2, 3 * r + 3, 3 * r + 4))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO applicatie_functies (gemeente_code, applicatie_id, volgorde, referentiecomponent_id) \
             VALUES {waarden}"
        );
        let mut query = sqlx_query(&sql).bind(gemeente.as_str());
        for (id, volgorde, r) in partij {
            query = query
                .bind(id.as_str())
                .bind(i64::try_from(*volgorde).unwrap_or(i64::MAX))
                .bind(r.as_str());
        }
        query.execute(&mut *tx).await?;
    }
    Ok(())
}

fn bestaat(id: &ApplicatieId) -> String {
    format!("er is al een applicatie met id '{id}'")
}
