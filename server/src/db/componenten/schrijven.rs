//! A checked component stored, loaded for the demo, or deleted by regie.

use domain::{Component, ComponentId};

use crate::db::audit::{Auditregel, Entiteit};
use crate::db::schrijving::Versiestap;
use crate::db::{Db, DbFout, als_tekst};
use crate::toegang::recht::PubliekSchrijfrecht;

impl Db {
    /// Stores a checked component for regie: a new one (version 1), or an existing one
    /// when `verwacht` is its current version. Returns the new version.
    ///
    /// # Errors
    /// [`DbFout::VersieVereist`] / [`DbFout::VersieConflict`] for an existing one without or
    /// with a stale version (nothing changes), or a database error.
    pub async fn zet_component(
        &self,
        recht: &PubliekSchrijfrecht,
        component: &Component,
        verwacht: Option<i64>,
    ) -> Result<i64, DbFout> {
        // Read before the transaction: its values before, for the audit record.
        let voor = self
            .componenten()
            .await?
            .into_iter()
            .find(|k| k.id == component.id);
        let mut tx = self.schrijving().await?;
        let huidig: Option<i64> =
            sqlx::query_scalar("SELECT versie FROM componenten WHERE id = $1")
                .bind(component.id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        let stap = Versiestap::zetten(huidig, verwacht)?;
        let versie = schrijf_component(&mut tx, component, stap).await?;
        let id = component.id.as_str();
        tx.leg_vast(Auditregel::door_regie(
            recht,
            Entiteit::Component,
            id,
            voor.as_ref(),
            Some(component),
        ))
        .await?;
        Ok(versie)
    }

    /// Loads the demo catalogue once per database (start-up seeding, not a user's write;
    /// see docs/architecture.md). Returns how many were loaded; 0 when loaded before.
    ///
    /// # Errors
    /// A database error; then nothing is stored.
    pub async fn laad_componenten(
        &self,
        bron: &str,
        componenten: &[Component],
    ) -> Result<usize, DbFout> {
        let mut tx = self.pool.begin().await?;
        if !self
            .markeer_import(&mut tx, bron, componenten.len())
            .await?
        {
            return Ok(0);
        }
        for component in componenten {
            schrijf_component(&mut tx, component, Versiestap::Nieuw).await?;
        }
        tx.commit().await?;
        Ok(componenten.len())
    }

    /// Deletes a component (and what refers to it); `false` when there is none.
    ///
    /// # Errors
    /// A database error.
    pub async fn verwijder_component(
        &self,
        recht: &PubliekSchrijfrecht,
        id: &ComponentId,
    ) -> Result<bool, DbFout> {
        let Some(voor) = self.componenten().await?.into_iter().find(|k| &k.id == id) else {
            return Ok(false);
        };
        let mut tx = self.schrijving().await?;
        sqlx::query("DELETE FROM componenten WHERE id = $1")
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        tx.leg_vast(Auditregel::<Component>::door_regie(
            recht,
            Entiteit::Component,
            id.as_str(),
            Some(&voor),
            None,
        ))
        .await?;
        Ok(true)
    }
}

/// Writes `component` and its link tables on `tx`: a new row, or the stored one at
/// exactly the version of `stap`. Returns the new version.
async fn schrijf_component(
    tx: &mut sqlx::AnyConnection,
    component: &Component,
    stap: Versiestap,
) -> Result<i64, DbFout> {
    if stap == Versiestap::Nieuw {
        // A bare row at version 0, which the guarded update below fills in.
        sqlx::query(
            "INSERT INTO componenten (id, naam, laag, soort, status, migratie_maanden, migratie_fte, jaarlijkse_kosten, versie) \
             VALUES ($1, $2, $3, $4, $5, 0, 0, 0, 0)",
        )
        .bind(component.id.as_str())
        .bind(&component.naam)
        .bind(als_tekst(&component.laag))
        .bind(als_tekst(&component.soort))
        .bind(als_tekst(&component.status))
        .execute(&mut *tx)
        .await?;
    }
    let bijgewerkt = sqlx::query(
            "UPDATE componenten SET naam = $1, laag = $2, soort = $3, status = $4, opgave_id = $5, beschikbaar_vanaf = $6, \
             verwacht_beschikbaar = $7, migratie_maanden = $8, migratie_fte = $9, jaarlijkse_kosten = $10, url = $11, \
             licentie = $12, versie = versie + 1 WHERE id = $13 AND versie = $14",
        )
        .bind(&component.naam)
        .bind(als_tekst(&component.laag))
        .bind(als_tekst(&component.soort))
        .bind(als_tekst(&component.status))
        .bind(component.opgave.as_ref().map(ToString::to_string))
        .bind(component.beschikbaar_vanaf.map(|d| d.to_string()))
        .bind(component.verwacht_beschikbaar.map(|d| d.to_string()))
        .bind(i64::from(component.migratie_maanden))
        .bind(component.migratie_fte)
        .bind(component.jaarlijkse_kosten)
        .bind(&component.url)
        .bind(&component.licentie)
        .bind(component.id.as_str())
        .bind(stap.bewaakt())
        .execute(&mut *tx)
        .await
        .map_err(|e| DbFout::uit_unieke_sleutel(e, "een andere component heeft deze url al".into()))?;
    let versie = stap.na(bijgewerkt.rows_affected())?;
    let id = component.id.as_str();
    for (tabel, kolom, waarden) in [
        (
            "component_vervangt",
            "referentiecomponent_id",
            component
                .vervangt
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
        ),
        (
            "component_gebruikers",
            "gemeente_code",
            component
                .gebruikt_door
                .iter()
                .map(ToString::to_string)
                .collect(),
        ),
        (
            "component_afhankelijkheden",
            "afhankelijk_van",
            component
                .afhankelijk_van
                .iter()
                .map(ToString::to_string)
                .collect(),
        ),
    ] {
        sqlx::query(&format!("DELETE FROM {tabel} WHERE component_id = $1"))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let mut gezien = Vec::new();
        for waarde in waarden.into_iter().filter(|w| {
            if gezien.contains(w) {
                false
            } else {
                gezien.push(w.clone());
                true
            }
        }) {
            sqlx::query(&format!(
                "INSERT INTO {tabel} (component_id, {kolom}) VALUES ($1, $2)"
            ))
            .bind(id)
            .bind(waarde)
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(versie)
}
