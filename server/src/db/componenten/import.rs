//! A component read from a publiccode.yml stored as regie's change.

use domain::Component;

use crate::db::audit::{Auditregel, Entiteit};
use crate::db::{Db, DbFout, als_tekst};
use crate::toegang::recht::PubliekSchrijfrecht;

impl Db {
    /// Stores a component read from a publiccode.yml: an update of `voor` (its name,
    /// layer, status, licence, users and dependencies) or, without `voor`, a new one; with
    /// its audit record, all or nothing.
    ///
    /// # Errors
    /// A database error; then nothing is stored.
    pub async fn bewaar_geimporteerde_component(
        &self,
        recht: &PubliekSchrijfrecht,
        component: &Component,
        voor: Option<&Component>,
    ) -> Result<(), DbFout> {
        let id = &component.id;
        let mut tx = self.schrijving().await?;
        if voor.is_some() {
            sqlx::query("UPDATE componenten SET naam = $1, laag = $2, status = $3, licentie = $4, versie = versie + 1 WHERE id = $5")
                .bind(&component.naam)
                .bind(als_tekst(&component.laag))
                .bind(als_tekst(&component.status))
                .bind(&component.licentie)
                .bind(id.as_str())
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query(
                "INSERT INTO componenten (id, naam, laag, soort, status, migratie_maanden, migratie_fte, jaarlijkse_kosten, url, licentie, versie) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)",
            )
            .bind(id.as_str())
            .bind(&component.naam)
            .bind(als_tekst(&component.laag))
            .bind(als_tekst(&component.soort))
            .bind(als_tekst(&component.status))
            .bind(i64::from(component.migratie_maanden))
            .bind(component.migratie_fte)
            .bind(component.jaarlijkse_kosten)
            .bind(&component.url)
            .bind(&component.licentie)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM component_gebruikers WHERE component_id = $1")
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        for code in &component.gebruikt_door {
            sqlx::query(
                "INSERT INTO component_gebruikers (component_id, gemeente_code) VALUES ($1, $2)",
            )
            .bind(id.as_str())
            .bind(code.as_str())
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM component_afhankelijkheden WHERE component_id = $1")
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        for nodig in &component.afhankelijk_van {
            sqlx::query("INSERT INTO component_afhankelijkheden (component_id, afhankelijk_van) VALUES ($1, $2)")
                .bind(id.as_str())
                .bind(nodig.as_str())
                .execute(&mut *tx)
                .await?;
        }
        tx.leg_vast(Auditregel::door_regie(
            recht,
            Entiteit::Component,
            id.as_str(),
            voor,
            Some(component),
        ))
        .await?;
        Ok(())
    }
}
