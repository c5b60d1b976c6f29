//! A whole landscape file stored at once.

use std::collections::HashMap;

use domain::contract::Landschapimport;
use domain::landschap::gegevens::AanTeVullen;
use domain::{Applicatie, GemeenteCode};

use super::aanvullen;
use super::schrijven::{PARTIJ, schrijf_partij, sqlx_query, verwijder_ids};
use crate::db::audit::{Auditregel, Entiteit};
use crate::db::gegevensversie::neem_schrijfslot;
use crate::db::schrijving::Versiestap;
use crate::db::{Db, DbFout};
use crate::toegang::recht::GemeenteSchrijfrecht;

impl Db {
    /// The version of the landscape of `gemeente` (0 before its first change): it rises
    /// with every change to it.
    ///
    /// # Errors
    /// A database error.
    pub async fn landschapversie(&self, gemeente: &GemeenteCode) -> Result<i64, DbFout> {
        let mut verbinding = self.pool.acquire().await?;
        lees_landschapversie(&mut verbinding, gemeente).await
    }

    /// Imports checked applicaties in one transaction: each replaces the applicatie with
    /// its id or is added at the end; with `vervangen` the landscape becomes exactly the
    /// file. The applicaties `aanvullingen` are kept aan te vullen (an id is in one of
    /// the two at a time). One audit record names what changed. With `verwacht` (the
    /// version a preview was made on) the landscape must still be at that version.
    ///
    /// # Errors
    /// [`DbFout::VersieConflict`] when the landscape changed since `verwacht`, or a
    /// database error; then nothing is stored.
    pub async fn importeer_applicaties(
        &self,
        recht: &GemeenteSchrijfrecht,
        applicaties: &[Applicatie],
        aanvullingen: &[AanTeVullen],
        vervangen: bool,
        verwacht: Option<i64>,
    ) -> Result<Landschapimport, DbFout> {
        let gemeente = recht.gemeente();
        let mut tx = self.schrijving().await?;
        if let Some(verwacht) = verwacht {
            // Under the write lock, so no change can come between the check and the write.
            neem_schrijfslot(&mut tx).await?;
            let huidig = lees_landschapversie(&mut tx, gemeente).await?;
            Versiestap::wijzigen(huidig, verwacht)?;
        }
        let bestaand: Vec<(String, i64, i64)> =
            sqlx::query_as("SELECT id, positie, versie FROM applicaties WHERE gemeente_code = $1")
                .bind(gemeente.as_str())
                .fetch_all(&mut *tx)
                .await?;
        let bestaand: HashMap<String, (i64, i64)> = bestaand
            .into_iter()
            .map(|(id, positie, versie)| (id, (positie, versie)))
            .collect();
        let mut volgende = bestaand.values().map(|(p, _)| p + 1).max().unwrap_or(0);
        let mut rijen = Vec::with_capacity(applicaties.len());
        let mut bijgewerkt = 0;
        for (i, app) in applicaties.iter().enumerate() {
            let vorig = bestaand.get(app.id.as_str());
            bijgewerkt += usize::from(vorig.is_some());
            let positie = match (vervangen, vorig) {
                (true, _) => i64::try_from(i).unwrap_or(i64::MAX),
                (false, Some((positie, _))) => *positie,
                (false, None) => {
                    volgende += 1;
                    volgende - 1
                }
            };
            rijen.push((app, positie, vorig.map_or(1, |(_, v)| v + 1)));
        }
        let verwijderd = if vervangen {
            for tabel in ["applicaties", "aan_te_vullen"] {
                sqlx_query(&format!("DELETE FROM {tabel} WHERE gemeente_code = $1"))
                    .bind(gemeente.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            bestaand.len() - bijgewerkt
        } else {
            let ids: Vec<&str> = applicaties
                .iter()
                .map(|a| a.id.as_str())
                .chain(aanvullingen.iter().map(|a| a.id.as_str()))
                .collect();
            for tabel in ["aan_te_vullen", "applicaties"] {
                verwijder_ids(&mut tx, tabel, gemeente, &ids).await?;
            }
            0
        };
        for partij in rijen.chunks(PARTIJ) {
            schrijf_partij(&mut tx, gemeente, partij).await?;
        }
        aanvullen::schrijf(&mut tx, gemeente, aanvullingen, 0).await?;
        let verslag = Landschapimport {
            toegevoegd: applicaties.len() - bijgewerkt,
            bijgewerkt,
            verwijderd,
            aan_te_vullen: aanvullingen.len(),
        };
        tx.leg_vast(Auditregel::door(
            recht,
            Entiteit::ApplicatiesImport,
            gemeente.as_str(),
            None,
            Some(&verslag),
        ))
        .await?;
        Ok(verslag)
    }
}

async fn lees_landschapversie(
    verbinding: &mut sqlx::AnyConnection,
    gemeente: &GemeenteCode,
) -> Result<i64, DbFout> {
    let versie: Option<i64> =
        sqlx::query_scalar("SELECT versie FROM landschapversies WHERE gemeente_code = $1")
            .bind(gemeente.as_str())
            .fetch_optional(&mut *verbinding)
            .await?;
    Ok(versie.unwrap_or(0))
}
