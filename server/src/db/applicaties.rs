//! A gemeente's landscape: its applicaties, read and written only with a right for that
//! gemeente. Single writes use optimistic concurrency (a version per applicatie); an
//! import writes the whole file in one transaction, in batches, or nothing at all.

use domain::catalogus::Referentiezoeker;
use domain::contract::Landschapimport;
use std::collections::HashMap;

use domain::scenario::Basis;
use domain::{Applicatie, ApplicatieId, Contract, GemeenteCode, ReferentiecomponentId};

use super::audit::{Auditregel, Entiteit};
use super::schrijving::Versiestap;
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

/// Rows per INSERT statement in an import. Small on purpose: sqlx's SQLite driver looks up
/// every numbered parameter by name, which grows with the square of the parameters in a
/// statement; at 500 rows (7 000 parameters) a 10 000-row import took 1.09 s, at 20 rows
/// 0.19 s (`cargo bench -p server --bench import`).
const PARTIJ: usize = 20;

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
        self.applicatierijen(gemeente, None).await
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
        Ok(Basis {
            routekaart: self.alle_opgaven().await?,
            componenten: self.componenten().await?,
            applicaties: self.applicaties(recht).await?,
            capaciteit: self.capaciteit(recht).await?.map(|(c, _)| c),
        })
    }

    /// The referentiecomponenten, to resolve what a landscape names.
    ///
    /// # Errors
    /// A database error.
    pub async fn referentiezoeker(&self) -> Result<Referentiezoeker, DbFout> {
        let rijen: Vec<(String, String)> =
            sqlx::query_as("SELECT id, naam FROM referentiecomponenten")
                .fetch_all(&self.pool)
                .await?;
        Ok(Referentiezoeker::met(
            rijen.iter().map(|(id, naam)| (id.as_str(), naam.as_str())),
        ))
    }

    /// The ids of the applicaties of the gemeente `recht` is for.
    ///
    /// # Errors
    /// A database error.
    pub async fn applicatie_ids(
        &self,
        recht: &GemeenteSchrijfrecht,
    ) -> Result<Vec<String>, DbFout> {
        Ok(
            sqlx::query_scalar("SELECT id FROM applicaties WHERE gemeente_code = $1")
                .bind(recht.gemeente().as_str())
                .fetch_all(&self.pool)
                .await?,
        )
    }

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
        let mut tx = self.schrijving().await?;
        sqlx::query("DELETE FROM applicaties WHERE gemeente_code = $1 AND id = $2")
            .bind(recht.gemeente().as_str())
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        tx.leg_vast(Auditregel::door(
            recht,
            Entiteit::Applicatie,
            id.as_str(),
            Some(&voor),
            None,
        ))
        .await?;
        Ok(true)
    }

    /// Imports checked applicaties in one transaction: each replaces the applicatie with
    /// its id or is added at the end; with `vervangen` the landscape becomes exactly the
    /// file. One audit record names what changed.
    ///
    /// # Errors
    /// A database error; then nothing is stored.
    pub async fn importeer_applicaties(
        &self,
        recht: &GemeenteSchrijfrecht,
        applicaties: &[Applicatie],
        vervangen: bool,
    ) -> Result<Landschapimport, DbFout> {
        let gemeente = recht.gemeente();
        let mut tx = self.schrijving().await?;
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
            sqlx::query("DELETE FROM applicaties WHERE gemeente_code = $1")
                .bind(gemeente.as_str())
                .execute(&mut *tx)
                .await?;
            bestaand.len() - bijgewerkt
        } else {
            for partij in applicaties.chunks(PARTIJ) {
                let plaatsen = (2..partij.len() + 2)
                    .map(|n| format!("${n}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let sql = format!(
                    "DELETE FROM applicaties WHERE gemeente_code = $1 AND id IN ({plaatsen})"
                );
                let mut weg = sqlx_query(&sql).bind(gemeente.as_str());
                for app in partij {
                    weg = weg.bind(app.id.as_str());
                }
                weg.execute(&mut *tx).await?;
            }
            0
        };
        for partij in rijen.chunks(PARTIJ) {
            schrijf_partij(&mut tx, gemeente, partij).await?;
        }
        let verslag = Landschapimport {
            toegevoegd: applicaties.len() - bijgewerkt,
            bijgewerkt,
            verwijderd,
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

/// A query with numbered parameters, for statements built at run time.
fn sqlx_query(sql: &str) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
    sqlx::query(sql)
}

/// Writes applicaties (with their position and version) and their functions, in as few
/// statements as the batch allows.
async fn schrijf_partij(
    tx: &mut sqlx::AnyConnection,
    gemeente: &GemeenteCode,
    rijen: &[(&Applicatie, i64, i64)],
) -> Result<(), sqlx::Error> {
    if rijen.is_empty() {
        return Ok(());
    }
    const VELDEN: usize = 14;
    let waarden = (0..rijen.len())
        .map(|r| {
            let plaatsen = (1..=VELDEN)
                .map(|k| format!("${}", r * VELDEN + k))
                .collect::<Vec<_>>()
                .join(", ");
            format!("({plaatsen})")
        })
        .collect::<Vec<_>>()
        .join(", ");
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
