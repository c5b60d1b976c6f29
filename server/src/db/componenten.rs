//! The Componentencatalogus: public reads; regie imports a publiccode.yml, matched on
//! `url`, in one transaction with an audit record.

use std::collections::HashMap;

use domain::{
    Component, ComponentId, GemeenteCode, Laag, OpgaveId, ReferentiecomponentId, Soort, Status,
};
use serde::Serialize;

use super::audit::Wijziging;
use super::{Db, DbFout, als_tekst, datum, ongeldig, uit_tekst};
use crate::import::publiccode::{Publiccode, gemeentenaam};
use crate::toegang::recht::PubliekSchrijfrecht;

/// What a publiccode.yml import did.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Componentimport {
    /// The component as stored.
    pub component: Component,
    /// Whether it was new (else: updated, matched on url).
    pub nieuw: bool,
    /// `usedBy` names that match no gemeente; not stored, reported.
    pub onbekende_gemeenten: Vec<String>,
    /// `dependsOn` names that match no component in the catalogue (often infrastructure
    /// such as PostgreSQL).
    pub onbekende_afhankelijkheden: Vec<String>,
}

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

/// A component id from its name: `Open Zaak` → `open-zaak`.
pub fn slug(naam: &str) -> String {
    let mut uit = String::new();
    for teken in naam.to_lowercase().chars() {
        if teken.is_ascii_alphanumeric() {
            uit.push(teken);
        } else if !uit.ends_with('-') && !uit.is_empty() {
            uit.push('-');
        }
    }
    uit.trim_end_matches('-')
        .chars()
        .take(64)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

impl Db {
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
        let paren =
            |sql: &'static str| sqlx::query_as::<_, (String, String)>(sql).fetch_all(&self.pool);
        for (id, r) in paren(
            "SELECT component_id, referentiecomponent_id FROM component_vervangt ORDER BY 1, 2",
        )
        .await?
        {
            if let Some(&i) = positie.get(&id) {
                lijst[i].vervangt.push(
                    ReferentiecomponentId::parse(&r)
                        .map_err(|e| ongeldig("component_vervangt")(&e))?,
                );
            }
        }
        for (id, g) in
            paren("SELECT component_id, gemeente_code FROM component_gebruikers ORDER BY 1, 2")
                .await?
        {
            if let Some(&i) = positie.get(&id) {
                lijst[i].gebruikt_door.push(
                    GemeenteCode::parse(&g).map_err(|e| ongeldig("component_gebruikers")(&e))?,
                );
            }
        }
        for (id, a) in paren(
            "SELECT component_id, afhankelijk_van FROM component_afhankelijkheden ORDER BY 1, 2",
        )
        .await?
        {
            if let Some(&i) = positie.get(&id) {
                lijst[i].afhankelijk_van.push(
                    ComponentId::parse(&a)
                        .map_err(|e| ongeldig("component_afhankelijkheden")(&e))?,
                );
            }
        }
        lijst.sort_by(|a, b| (a.laag, &a.naam).cmp(&(b.laag, &b.naam)));
        Ok(lijst)
    }

    /// Imports a publiccode.yml for regie: a component with the same `url` is updated (its
    /// name, layer, status, licence, users and dependencies), else a new one is made
    /// (`decentraal`, default migration terms) in layer `laag`.
    ///
    /// # Errors
    /// A database error; then nothing is stored.
    pub async fn importeer_publiccode(
        &self,
        recht: &PubliekSchrijfrecht,
        p: &Publiccode,
        laag: Laag,
    ) -> Result<Componentimport, DbFout> {
        let gemeenten = self.alle_gemeenten().await?;
        let catalogus = self.componenten().await?;
        let bestaand = catalogus
            .iter()
            .find(|k| k.url.as_deref() == Some(p.url.as_str()));
        let mut onbekende_gemeenten = Vec::new();
        let mut gebruikt_door = Vec::new();
        for gebruiker in &p.gebruikt_door {
            let naam = gemeentenaam(gebruiker);
            match gemeenten.iter().find(|g| {
                g.naam.eq_ignore_ascii_case(&naam) || g.naam.to_lowercase() == naam.to_lowercase()
            }) {
                Some(g) if !gebruikt_door.contains(&g.code) => gebruikt_door.push(g.code.clone()),
                Some(_) => {}
                None => onbekende_gemeenten.push(gebruiker.clone()),
            }
        }
        let mut onbekende_afhankelijkheden = Vec::new();
        let mut afhankelijk_van = Vec::new();
        for naam in &p.afhankelijk_van {
            match catalogus.iter().find(|k| {
                k.naam.eq_ignore_ascii_case(naam) && k.url.as_deref() != Some(p.url.as_str())
            }) {
                Some(k) => afhankelijk_van.push(k.id.clone()),
                None => onbekende_afhankelijkheden.push(naam.clone()),
            }
        }
        let id = match bestaand {
            Some(k) => k.id.clone(),
            None => {
                let basis = slug(&p.naam);
                let basis = if basis.is_empty() {
                    "component".to_owned()
                } else {
                    basis
                };
                let vrij = (1..)
                    .map(|n| {
                        if n == 1 {
                            basis.clone()
                        } else {
                            format!("{basis}-{n}")
                        }
                    })
                    .find(|kandidaat| !catalogus.iter().any(|k| k.id.as_str() == kandidaat));
                ComponentId::parse(&vrij.unwrap_or(basis))
                    .map_err(|e| ongeldig("componenten")(&e))?
            }
        };
        let component = Component {
            id: id.clone(),
            naam: p.naam.clone(),
            laag: p.laag.unwrap_or(laag),
            status: p.status,
            licentie: p.licentie.clone(),
            url: Some(p.url.clone()),
            gebruikt_door,
            afhankelijk_van,
            ..bestaand.cloned().unwrap_or_else(|| Component {
                id: id.clone(),
                naam: p.naam.clone(),
                laag,
                soort: Soort::Decentraal,
                status: Status::Idee,
                opgave: None,
                vervangt: Vec::new(),
                beschikbaar_vanaf: None,
                verwacht_beschikbaar: None,
                migratie_maanden: domain::catalogus::STANDAARD_MIGRATIE_MAANDEN,
                migratie_fte: 0.5,
                jaarlijkse_kosten: 0,
                url: None,
                licentie: None,
                gebruikt_door: Vec::new(),
                afhankelijk_van: Vec::new(),
            })
        };
        let mut tx = self.pool.begin().await?;
        if bestaand.is_some() {
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
        Wijziging {
            actor: recht.actor(),
            gemeente: None,
            entiteit: "component",
            entiteit_id: id.as_str(),
            voor: bestaand,
            na: Some(&component),
        }
        .schrijf(&mut tx)
        .await?;
        tx.commit().await?;
        Ok(Componentimport {
            nieuw: bestaand.is_none(),
            component,
            onbekende_gemeenten,
            onbekende_afhankelijkheden,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn a_name_becomes_a_kebab_case_id() {
        assert_eq!(slug("Open Zaak"), "open-zaak");
        assert_eq!(slug("  Signalen frontend (v2) "), "signalen-frontend-v2");
        assert_eq!(slug("Objecten API"), "objecten-api");
        assert_eq!(slug("!!!"), "");
    }
}
