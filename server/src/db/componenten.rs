//! The Componentencatalogus: this module maps the rows and reads them (public); regie
//! stores a checked component (`schrijven`) or one read from a publiccode.yml, matched on
//! `url` (`import`), each in one transaction with an audit record.

mod import;
mod schrijven;

use std::collections::HashMap;

use domain::{Component, ComponentId, GemeenteCode, Opgave, OpgaveId, ReferentiecomponentId};

use super::{Db, DbFout, datum, ongeldig, uit_tekst};

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
        self.componenten_bij(self.contextversie().await?).await
    }

    /// The catalogue as kept at contextversie `versie`, read when not kept.
    pub(super) async fn componenten_bij(&self, versie: i64) -> Result<Vec<Component>, DbFout> {
        self.cache
            .componenten
            .kopie_bij(versie, self.lees_componenten())
            .await
    }

    /// The catalogue and the Routekaart, at one contextversie (read once).
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn catalogus_en_routekaart(&self) -> Result<(Vec<Component>, Vec<Opgave>), DbFout> {
        let versie = self.contextversie().await?;
        Ok((
            self.componenten_bij(versie).await?,
            self.opgaven_bij(versie).await?,
        ))
    }

    /// The whole catalogue as stored now.
    async fn lees_componenten(&self) -> Result<Vec<Component>, DbFout> {
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
}
