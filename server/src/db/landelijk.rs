//! What the landelijk beeld is made from (`taken::landelijk_beeld` adds it up): the
//! *gegevensversie*, a counter that every write the beeld rests on raises in its own
//! transaction ([`super::gegevensversie::na_wijziging`]), the landscapes written since a
//! version, and each gemeente's choice whether it is named in cohorts.

use std::collections::HashSet;

use domain::toegang::recht::LandelijkLeesrecht;
use domain::{Applicatie, GemeenteCode};

use super::audit::{Auditregel, Entiteit};
use super::schrijving::Versiestap;
use super::{Db, DbFout};
use crate::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

/// The writes to what the landelijk beeld rests on, as they commit, from any instance:
/// PostgreSQL's LISTEN on its own connection (reconnected when lost, when notifications
/// may be missed: they only make a beeld ready sooner, a request still reads the counter).
#[derive(Debug)]
pub struct Wijzigingen(sqlx::postgres::PgListener);

impl Wijzigingen {
    /// Listens on the database at `url`; `None` for SQLite, which one instance alone
    /// writes.
    ///
    /// # Errors
    /// When PostgreSQL cannot be reached.
    pub async fn volg(url: &str) -> Result<Option<Self>, DbFout> {
        if !url.starts_with("postgres") {
            return Ok(None);
        }
        let mut luisteraar = sqlx::postgres::PgListener::connect(url).await?;
        luisteraar.listen(super::gegevensversie::KANAAL).await?;
        Ok(Some(Self(luisteraar)))
    }

    /// Waits for the next committed write, taking the ones already arrived with it.
    ///
    /// # Errors
    /// When the connection is lost and cannot be made again.
    pub async fn volgende(&mut self) -> Result<(), DbFout> {
        self.0.recv().await?;
        while self.0.next_buffered().is_some() {}
        Ok(())
    }
}

/// The gegevensversie: raised by every write the landelijk beeld rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gegevensversie {
    /// The counter.
    pub versie: i64,
    /// The counter at the last write that every plan rests on (the Routekaart, the
    /// catalogue); a write to a landscape leaves it.
    pub context: i64,
}

impl Db {
    /// The current gegevensversie.
    ///
    /// # Errors
    /// A database error.
    pub async fn gegevensversie(&self) -> Result<Gegevensversie, DbFout> {
        let (versie, context) =
            sqlx::query_as("SELECT versie, contextversie FROM gegevensversie WHERE id = 1")
                .fetch_one(&self.pool)
                .await?;
        Ok(Gegevensversie { versie, context })
    }

    /// The contextversie alone: what the catalogue and the Routekaart are kept under.
    ///
    /// # Errors
    /// A database error.
    pub(super) async fn contextversie(&self) -> Result<i64, DbFout> {
        Ok(
            sqlx::query_scalar("SELECT contextversie FROM gegevensversie WHERE id = 1")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Every gemeente's landscape, for adding up (the beeld shows no gemeente's data to
    /// another; see `domain::landelijk`).
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn landschappen_om_op_te_tellen(
        &self,
        _recht: &LandelijkLeesrecht,
    ) -> Result<Vec<(GemeenteCode, Vec<Applicatie>)>, DbFout> {
        self.alle_landschappen().await
    }

    /// The landscapes written after gegevensversie `versie`, each whole (empty: none left).
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn landschappen_gewijzigd_na(
        &self,
        _recht: &LandelijkLeesrecht,
        versie: i64,
    ) -> Result<Vec<(GemeenteCode, Vec<Applicatie>)>, DbFout> {
        let gewijzigd: Vec<(String, i64)> =
            sqlx::query_as("SELECT gemeente_code, versie FROM landschapversies WHERE versie > $1")
                .bind(versie)
                .fetch_all(&self.pool)
                .await?;
        let gewijzigd = gewijzigd
            .into_iter()
            .map(|(code, versie)| {
                GemeenteCode::parse(&code)
                    .map(|g| (g, versie))
                    .map_err(|e| super::ongeldig("landschapversies")(&e))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if gewijzigd.is_empty() {
            return Ok(Vec::new());
        }
        let landschappen = self.landschappen_bij(&gewijzigd).await?;
        Ok(gewijzigd
            .into_iter()
            .zip(landschappen)
            .map(|((gemeente, _), apps)| (gemeente, apps.into_iter().map(|(a, _)| a).collect()))
            .collect())
    }

    /// The gemeenten that chose to be named in cohorts.
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn genoemd_in_cohorten(&self) -> Result<HashSet<GemeenteCode>, DbFout> {
        let codes: Vec<String> = sqlx::query_scalar(
            "SELECT gemeente_code FROM zichtbaarheid WHERE genoemd_in_cohorten = 1",
        )
        .fetch_all(&self.pool)
        .await?;
        codes
            .iter()
            .map(|c| GemeenteCode::parse(c).map_err(|e| super::ongeldig("zichtbaarheid")(&e)))
            .collect()
    }

    /// Whether the gemeente the right is for is named in cohorts, with the version (0:
    /// never chosen, so not named).
    ///
    /// # Errors
    /// A database error.
    pub async fn zichtbaarheid(&self, recht: &GemeenteLeesrecht) -> Result<(bool, i64), DbFout> {
        let rij: Option<(i64, i64)> = sqlx::query_as(
            "SELECT genoemd_in_cohorten, versie FROM zichtbaarheid WHERE gemeente_code = $1",
        )
        .bind(recht.gemeente().as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(rij.map_or((false, 0), |(genoemd, versie)| (genoemd != 0, versie)))
    }

    /// Sets whether the gemeente the right is for is named in cohorts. Once chosen,
    /// `verwacht` must be the current version; returns the new one.
    ///
    /// # Errors
    /// [`DbFout::VersieVereist`] or [`DbFout::VersieConflict`] (nothing changed), or a
    /// database error.
    pub async fn zet_zichtbaarheid(
        &self,
        recht: &GemeenteSchrijfrecht,
        genoemd: bool,
        verwacht: Option<i64>,
    ) -> Result<i64, DbFout> {
        let gemeente = recht.gemeente().as_str();
        let mut tx = self.schrijving().await?;
        let huidig: Option<(i64, i64)> = sqlx::query_as(
            "SELECT genoemd_in_cohorten, versie FROM zichtbaarheid WHERE gemeente_code = $1",
        )
        .bind(gemeente)
        .fetch_optional(&mut *tx)
        .await?;
        let stap = Versiestap::zetten(huidig.map(|(_, v)| v), verwacht)?;
        let geraakt = sqlx::query(
            "INSERT INTO zichtbaarheid (gemeente_code, genoemd_in_cohorten, versie) VALUES ($1, $2, 1) \
             ON CONFLICT (gemeente_code) DO UPDATE SET genoemd_in_cohorten = $2, \
             versie = zichtbaarheid.versie + 1 WHERE zichtbaarheid.versie = $3",
        )
        .bind(gemeente)
        .bind(i64::from(genoemd))
        .bind(stap.bewaakt())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let versie = stap.na(geraakt)?;
        let voor = huidig.map(|(g, _)| g != 0);
        tx.leg_vast(Auditregel::door(
            recht,
            Entiteit::Zichtbaarheid,
            gemeente,
            voor.as_ref(),
            Some(&genoemd),
        ))
        .await?;
        Ok(versie)
    }
}
