//! The Componentencatalogus: public reads; regie imports a publiccode.yml, matched on
//! `url`, in one transaction with an audit record.

use std::collections::HashMap;

use domain::{Component, ComponentId, GemeenteCode, OpgaveId, ReferentiecomponentId};

use super::audit::{Auditregel, Entiteit};
use super::schrijving::Versiestap;
use super::{Db, DbFout, als_tekst, datum, ongeldig, uit_tekst};
use crate::toegang::recht::PubliekSchrijfrecht;

#[derive(sqlx::FromRow)]
struct ComponentRij {
    id: String,
    naam: String,
    laag: String,
    soort: String,
    status: String,
    opgave_id: Option<String>,
    beschikbaar_vanaf: Option<String>,
    verwacht_beschikbaar: Option<String>,
    migratie_maanden: i64,
    migratie_fte: f64,
    jaarlijkse_kosten: i64,
    url: Option<String>,
    licentie: Option<String>,
}

const KOLOMMEN: &str = "id, naam, laag, soort, status, opgave_id, beschikbaar_vanaf, verwacht_beschikbaar, \
    migratie_maanden, migratie_fte, jaarlijkse_kosten, url, licentie";

impl TryFrom<ComponentRij> for Component {
    type Error = DbFout;

    fn try_from(r: ComponentRij) -> Result<Self, Self::Error> {
        let fout = ongeldig("componenten");
        Ok(Self {
            id: ComponentId::parse(&r.id).map_err(|e| fout(&e))?,
            naam: r.naam,
            laag: uit_tekst("componenten", &r.laag)?,
            soort: uit_tekst("componenten", &r.soort)?,
            status: uit_tekst("componenten", &r.status)?,
            opgave: r
                .opgave_id
                .map(|o| OpgaveId::parse(&o).map_err(|e| fout(&e)))
                .transpose()?,
            vervangt: Vec::new(),
            beschikbaar_vanaf: r
                .beschikbaar_vanaf
                .map(|d| datum("componenten", &d))
                .transpose()?,
            verwacht_beschikbaar: r
                .verwacht_beschikbaar
                .map(|d| datum("componenten", &d))
                .transpose()?,
            migratie_maanden: u32::try_from(r.migratie_maanden).map_err(|e| fout(&e))?,
            migratie_fte: r.migratie_fte,
            jaarlijkse_kosten: r.jaarlijkse_kosten,
            url: r.url,
            licentie: r.licentie,
            gebruikt_door: Vec::new(),
            afhankelijk_van: Vec::new(),
        })
    }
}

impl Db {
    /// The rows of link table `tabel` as (position in the catalogue, `kolom`), in order.
    async fn koppelingen(
        &self,
        tabel: &str,
        kolom: &str,
        positie: &HashMap<String, usize>,
    ) -> Result<Vec<(usize, String)>, DbFout> {
        let rijen: Vec<(String, String)> = sqlx::query_as(&format!(
            "SELECT component_id, {kolom} FROM {tabel} ORDER BY 1, 2"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rijen
            .into_iter()
            .filter_map(|(id, waarde)| Some((*positie.get(&id)?, waarde)))
            .collect())
    }

    /// The whole catalogue, by layer and name.
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn componenten(&self) -> Result<Vec<Component>, DbFout> {
        let mut lijst = sqlx::query_as::<_, ComponentRij>(&format!(
            "SELECT {KOLOMMEN} FROM componenten ORDER BY naam, id"
        ))
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(Component::try_from)
        .collect::<Result<Vec<_>, _>>()?;
        let positie: HashMap<String, usize> = lijst
            .iter()
            .enumerate()
            .map(|(i, k)| (k.id.to_string(), i))
            .collect();
        for (i, r) in self
            .koppelingen("component_vervangt", "referentiecomponent_id", &positie)
            .await?
        {
            lijst[i].vervangt.push(
                ReferentiecomponentId::parse(&r).map_err(|e| ongeldig("component_vervangt")(&e))?,
            );
        }
        for (i, g) in self
            .koppelingen("component_gebruikers", "gemeente_code", &positie)
            .await?
        {
            lijst[i]
                .gebruikt_door
                .push(GemeenteCode::parse(&g).map_err(|e| ongeldig("component_gebruikers")(&e))?);
        }
        for (i, a) in self
            .koppelingen("component_afhankelijkheden", "afhankelijk_van", &positie)
            .await?
        {
            lijst[i].afhankelijk_van.push(
                ComponentId::parse(&a).map_err(|e| ongeldig("component_afhankelijkheden")(&e))?,
            );
        }
        lijst.sort_by(|a, b| (a.laag, &a.naam).cmp(&(b.laag, &b.naam)));
        Ok(lijst)
    }

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

impl Db {
    /// The version of component `id`, for its ETag.
    ///
    /// # Errors
    /// A database error.
    pub async fn componentversie(&self, id: &ComponentId) -> Result<Option<i64>, DbFout> {
        Ok(
            sqlx::query_scalar("SELECT versie FROM componenten WHERE id = $1")
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// The ids a component may name: referentiecomponenten, components, opgaven and
    /// gemeenten as stored now.
    ///
    /// # Errors
    /// A database error.
    pub async fn bekende_ids(&self) -> Result<domain::catalogus::Bekende, DbFout> {
        let lees = |sql: &'static str| async move {
            Ok::<_, DbFout>(
                sqlx::query_scalar::<_, String>(sql)
                    .fetch_all(&self.pool)
                    .await?
                    .into_iter()
                    .collect(),
            )
        };
        Ok(domain::catalogus::Bekende {
            referentiecomponenten: lees("SELECT id FROM referentiecomponenten").await?,
            componenten: lees("SELECT id FROM componenten").await?,
            opgaven: lees("SELECT id FROM opgaven").await?,
            gemeenten: lees("SELECT code FROM gemeenten").await?,
        })
    }

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
