//! A gemeente's landscape: its applicaties, read and written only with a right for that
//! gemeente. This module maps the rows and reads them; `schrijven` stores one applicatie
//! with optimistic concurrency (a version per applicatie), `import` a whole file in one
//! transaction, in batches, or nothing at all.

mod aanvullen;
mod import;
mod schrijven;

use domain::catalogus::Referentiezoeker;
use std::collections::HashMap;

use domain::scenario::Basis;
use domain::{Applicatie, ApplicatieId, Contract, GemeenteCode, ReferentiecomponentId};

use super::{Db, DbFout, datum, ongeldig};
use crate::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

#[derive(sqlx::FromRow)]
struct ApplicatieRij {
    gemeente_code: String,
    id: String,
    naam: String,
    leverancier: String,
    startdatum: Option<String>,
    einddatum: String,
    opzegtermijn_maanden: i64,
    verlenging_maanden: i64,
    uiterste_einddatum: Option<String>,
    jaarlijkse_kosten: i64,
    in_gebruik: i64,
    gebruikers: Option<i64>,
    versie: i64,
}

const KOLOMMEN: &str = "gemeente_code, id, naam, leverancier, startdatum, einddatum, opzegtermijn_maanden, verlenging_maanden, \
    uiterste_einddatum, jaarlijkse_kosten, in_gebruik, gebruikers, versie";

impl ApplicatieRij {
    fn applicatie(self) -> Result<(Applicatie, i64), DbFout> {
        let fout = ongeldig("applicaties");
        let gemeente = GemeenteCode::parse(&self.gemeente_code).map_err(|e| fout(&e))?;
        let maanden = |n: i64| u32::try_from(n).map_err(|e| fout(&e));
        let contract = Contract::new(
            self.startdatum
                .map(|d| datum("applicaties", &d))
                .transpose()?,
            datum("applicaties", &self.einddatum)?,
            maanden(self.opzegtermijn_maanden)?,
            maanden(self.verlenging_maanden)?,
            self.uiterste_einddatum
                .map(|d| datum("applicaties", &d))
                .transpose()?,
            self.jaarlijkse_kosten,
        )
        .map_err(|e| fout(&e))?;
        Ok((
            Applicatie {
                id: ApplicatieId::parse(&self.id).map_err(|e| fout(&e))?,
                gemeente,
                naam: self.naam,
                leverancier: self.leverancier,
                referentiecomponenten: Vec::new(),
                contract,
                in_gebruik: self.in_gebruik != 0,
                gebruikers: self
                    .gebruikers
                    .map(|g| u32::try_from(g).map_err(|e| fout(&e)))
                    .transpose()?,
            },
            self.versie,
        ))
    }
}

impl Db {
    /// The landscape of `gemeente` in its own order, each with its version. Callers hold a
    /// right for it; this stays private to storage.
    pub(super) async fn landschap(
        &self,
        gemeente: &GemeenteCode,
    ) -> Result<Vec<(Applicatie, i64)>, DbFout> {
        self.landschap_bij(gemeente, self.landschapversie(gemeente).await?)
            .await
    }

    /// The landscape of `gemeente` as kept at landschapversie `versie` (read before),
    /// read when not kept.
    pub(super) async fn landschap_bij(
        &self,
        gemeente: &GemeenteCode,
        versie: i64,
    ) -> Result<Vec<(Applicatie, i64)>, DbFout> {
        if let Some(kopie) = self.cache.landschap(gemeente, versie) {
            return Ok(kopie.as_ref().clone());
        }
        let landschap = self.applicatierijen(gemeente, None).await?;
        self.cache
            .leg_landschap(gemeente, versie, std::sync::Arc::new(landschap.clone()));
        Ok(landschap)
    }

    /// One applicatie of `gemeente` with its version, read on its own (a single write
    /// does not load the whole landscape).
    async fn een_applicatie(
        &self,
        gemeente: &GemeenteCode,
        id: &ApplicatieId,
    ) -> Result<Option<(Applicatie, i64)>, DbFout> {
        Ok(self.applicatierijen(gemeente, Some(id)).await?.pop())
    }

    /// The applicaties of `gemeente` (only `alleen` when given), in landscape order.
    async fn applicatierijen(
        &self,
        gemeente: &GemeenteCode,
        alleen: Option<&ApplicatieId>,
    ) -> Result<Vec<(Applicatie, i64)>, DbFout> {
        let alleen = alleen.map_or("", ApplicatieId::as_str);
        let rijen = sqlx::query_as::<_, ApplicatieRij>(&format!(
            "SELECT {KOLOMMEN} FROM applicaties WHERE gemeente_code = $1 AND ($2 = '' OR id = $2) \
             ORDER BY positie, id"
        ))
        .bind(gemeente.as_str())
        .bind(alleen)
        .fetch_all(&self.pool)
        .await?;
        let functies: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT gemeente_code, applicatie_id, referentiecomponent_id FROM applicatie_functies \
             WHERE gemeente_code = $1 AND ($2 = '' OR applicatie_id = $2) ORDER BY applicatie_id, volgorde",
        )
        .bind(gemeente.as_str())
        .bind(alleen)
        .fetch_all(&self.pool)
        .await?;
        met_functies(rijen, functies)
    }

    /// Every gemeente's landscape, in landscape order, for the landelijk beeld (which
    /// shows no gemeente's data to another; see `domain::landelijk`).
    pub(super) async fn alle_landschappen(
        &self,
    ) -> Result<Vec<(GemeenteCode, Vec<Applicatie>)>, DbFout> {
        let rijen = sqlx::query_as::<_, ApplicatieRij>(&format!(
            "SELECT {KOLOMMEN} FROM applicaties ORDER BY gemeente_code, positie, id"
        ))
        .fetch_all(&self.pool)
        .await?;
        let functies: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT gemeente_code, applicatie_id, referentiecomponent_id FROM applicatie_functies \
             ORDER BY gemeente_code, applicatie_id, volgorde",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut landschappen: Vec<(GemeenteCode, Vec<Applicatie>)> = Vec::new();
        for (app, _) in met_functies(rijen, functies)? {
            match landschappen.last_mut() {
                Some((g, apps)) if *g == app.gemeente => apps.push(app),
                _ => landschappen.push((app.gemeente.clone(), vec![app])),
            }
        }
        Ok(landschappen)
    }

    /// The landscapes of `gemeenten` (each with the landschapversie the caller read it
    /// at), whole and in landscape order: from the read cache when all are there, else in
    /// one read of the rows and one of their functions, side by side, whatever their
    /// number. The caller read the versions first, so each landscape is at least as new as
    /// its version (a later write raises the version again and is read with it).
    pub(super) async fn landschappen_bij(
        &self,
        gemeenten: &[(GemeenteCode, i64)],
    ) -> Result<Vec<Vec<(Applicatie, i64)>>, DbFout> {
        let bewaard: Option<Vec<_>> = gemeenten
            .iter()
            .map(|(g, versie)| self.cache.landschap(g, *versie))
            .collect();
        if let Some(bewaard) = bewaard {
            return Ok(bewaard.iter().map(|l| l.as_ref().clone()).collect());
        }
        // The codes as parameters, not a subquery on the versions: PostgreSQL plans a
        // prepared statement once for any version, and for `versie > $1` it chose a scan
        // of every gemeente's applicaties.
        let codes = (1..=gemeenten.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let rijen = format!(
            "SELECT {KOLOMMEN} FROM applicaties WHERE gemeente_code IN ({codes}) \
             ORDER BY gemeente_code, positie, id"
        );
        let functies = format!(
            "SELECT gemeente_code, applicatie_id, referentiecomponent_id FROM applicatie_functies \
             WHERE gemeente_code IN ({codes}) ORDER BY gemeente_code, applicatie_id, volgorde"
        );
        let rijen = gemeenten
            .iter()
            .fold(sqlx::query_as::<_, ApplicatieRij>(&rijen), |q, (g, _)| {
                q.bind(g.as_str())
            })
            .fetch_all(&self.pool);
        let functies = gemeenten
            .iter()
            .fold(
                sqlx::query_as::<_, (String, String, String)>(&functies),
                |q, (g, _)| q.bind(g.as_str()),
            )
            .fetch_all(&self.pool);
        let (rijen, functies) = tokio::try_join!(rijen, functies)?;
        let mut per_gemeente: HashMap<GemeenteCode, Vec<(Applicatie, i64)>> = HashMap::new();
        for (app, versie) in met_functies(rijen, functies)? {
            per_gemeente
                .entry(app.gemeente.clone())
                .or_default()
                .push((app, versie));
        }
        Ok(gemeenten
            .iter()
            .map(|(g, versie)| {
                let landschap = per_gemeente.remove(g).unwrap_or_default();
                self.cache
                    .leg_landschap(g, *versie, std::sync::Arc::new(landschap.clone()));
                landschap
            })
            .collect())
    }

    /// The applicaties of the gemeente the right is for.
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn applicaties(&self, recht: &GemeenteLeesrecht) -> Result<Vec<Applicatie>, DbFout> {
        Ok(self
            .landschap(recht.gemeente())
            .await?
            .into_iter()
            .map(|(a, _)| a)
            .collect())
    }

    /// One applicatie of the gemeente the right is for, with its version.
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn applicatie(
        &self,
        recht: &GemeenteLeesrecht,
        id: &ApplicatieId,
    ) -> Result<Option<(Applicatie, i64)>, DbFout> {
        self.een_applicatie(recht.gemeente(), id).await
    }

    /// Everything the overstapplan of the gemeente the right is for rests on: the
    /// Routekaart, the catalogue, its landscape and its capaciteit.
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn planbasis(&self, recht: &GemeenteLeesrecht) -> Result<Basis, DbFout> {
        let (componenten, routekaart) = self.catalogus_en_routekaart().await?;
        Ok(Basis {
            routekaart,
            componenten,
            applicaties: self.applicaties(recht).await?,
            capaciteit: self.capaciteit(recht).await?.map(|(c, _)| c),
        })
    }

    /// The referentiecomponenten, to resolve what a landscape names.
    ///
    /// # Errors
    /// A database error.
    pub async fn referentiezoeker(&self) -> Result<Referentiezoeker, DbFout> {
        let lijst = self.referentielijst().await?;
        Ok(Referentiezoeker::met(
            lijst.iter().map(|r| (r.id.as_str(), r.naam.as_str())),
        ))
    }

    /// The version of applicatie `id` of the gemeente `recht` is for; none when it has none.
    ///
    /// # Errors
    /// A database error.
    pub async fn applicatieversie(
        &self,
        recht: &GemeenteSchrijfrecht,
        id: &ApplicatieId,
    ) -> Result<Option<i64>, DbFout> {
        Ok(sqlx::query_scalar(
            "SELECT versie FROM applicaties WHERE gemeente_code = $1 AND id = $2",
        )
        .bind(recht.gemeente().as_str())
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The ids of the applicaties of the gemeente `recht` is for.
    ///
    /// # Errors
    /// A database error.
    pub async fn applicatie_ids(
        &self,
        recht: &GemeenteSchrijfrecht,
    ) -> Result<Vec<String>, DbFout> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM applicaties WHERE gemeente_code = $1 \
                 UNION SELECT id FROM aan_te_vullen WHERE gemeente_code = $1",
        )
        .bind(recht.gemeente().as_str())
        .fetch_all(&self.pool)
        .await?)
    }
}

/// The applicaties of `rijen` with the referentiecomponenten `functies` (gemeente,
/// applicatie, referentiecomponent) name for them, in the order of the rows.
fn met_functies(
    rijen: Vec<ApplicatieRij>,
    functies: Vec<(String, String, String)>,
) -> Result<Vec<(Applicatie, i64)>, DbFout> {
    let mut lijst = rijen
        .into_iter()
        .map(ApplicatieRij::applicatie)
        .collect::<Result<Vec<_>, _>>()?;
    let positie: HashMap<(&str, &str), usize> = lijst
        .iter()
        .enumerate()
        .map(|(i, (a, _))| ((a.gemeente.as_str(), a.id.as_str()), i))
        .collect();
    let mut gevonden = Vec::with_capacity(functies.len());
    for (gemeente, app, r) in &functies {
        if let Some(&i) = positie.get(&(gemeente.as_str(), app.as_str())) {
            let r =
                ReferentiecomponentId::parse(r).map_err(|e| ongeldig("applicatie_functies")(&e))?;
            gevonden.push((i, r));
        }
    }
    drop(positie);
    for (i, r) in gevonden {
        lijst[i].0.referentiecomponenten.push(r);
    }
    Ok(lijst)
}
