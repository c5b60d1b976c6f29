//! Saved scenarios and their share links. A scenario belongs to one gemeente; reads and
//! writes take a proof of right for that gemeente, and every change is audited in the same
//! transaction. A share link is stored only as the SHA-256 of its token.

use domain::GemeenteCode;
use domain::contract::OpgeslagenScenario;
use domain::scenario::Scenario;

use super::audit::{Auditregel, Entiteit};
use super::schrijving::Versiestap;
use super::{Db, DbFout, ongeldig};
use crate::toegang::geheim::{nieuw_geheim, sha256_hex};
use crate::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

#[derive(sqlx::FromRow)]
struct ScenarioRij {
    id: String,
    naam: String,
    inhoud: String,
    versie: i64,
}

impl TryFrom<ScenarioRij> for OpgeslagenScenario {
    type Error = DbFout;

    fn try_from(rij: ScenarioRij) -> Result<Self, Self::Error> {
        Ok(Self {
            scenario: serde_json::from_str(&rij.inhoud).map_err(|e| ongeldig("scenarios")(&e))?,
            id: rij.id,
            naam: rij.naam,
            versie: rij.versie,
        })
    }
}

pub use domain::contract::GedeeldScenario;

const KOLOMMEN: &str = "id, naam, inhoud, versie";

/// Scenario `id` of `gemeente`, on any connection (the pool's or a transaction's).
async fn lees(
    verbinding: &mut sqlx::AnyConnection,
    id: &str,
    gemeente: &GemeenteCode,
) -> Result<Option<OpgeslagenScenario>, DbFout> {
    sqlx::query_as::<_, ScenarioRij>(&format!(
        "SELECT {KOLOMMEN} FROM scenarios WHERE id = $1 AND gemeente_code = $2"
    ))
    .bind(id)
    .bind(gemeente.as_str())
    .fetch_optional(verbinding)
    .await?
    .map(OpgeslagenScenario::try_from)
    .transpose()
}

fn json(scenario: &Scenario) -> Result<String, DbFout> {
    serde_json::to_string(scenario).map_err(|e| ongeldig("scenarios")(&e))
}

impl Db {
    /// The scenarios of the gemeente the right is for, by name.
    ///
    /// # Errors
    /// A database error or an unreadable stored scenario.
    pub async fn scenarios(
        &self,
        recht: &GemeenteLeesrecht,
    ) -> Result<Vec<OpgeslagenScenario>, DbFout> {
        sqlx::query_as::<_, ScenarioRij>(&format!(
            "SELECT {KOLOMMEN} FROM scenarios WHERE gemeente_code = $1 ORDER BY naam, id"
        ))
        .bind(recht.gemeente().as_str())
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(OpgeslagenScenario::try_from)
        .collect()
    }

    /// Which gemeente owns scenario `id`, to check a right before reading or writing it.
    ///
    /// # Errors
    /// A database error or an invalid stored code.
    pub async fn eigenaar_van_scenario(&self, id: &str) -> Result<Option<GemeenteCode>, DbFout> {
        let code: Option<String> =
            sqlx::query_scalar("SELECT gemeente_code FROM scenarios WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        code.map(|c| GemeenteCode::parse(&c).map_err(|e| ongeldig("scenarios")(&e)))
            .transpose()
    }

    /// One scenario of the gemeente the right is for.
    ///
    /// # Errors
    /// A database error or an unreadable stored scenario.
    pub async fn scenario(
        &self,
        recht: &GemeenteLeesrecht,
        id: &str,
    ) -> Result<Option<OpgeslagenScenario>, DbFout> {
        lees(&mut *self.pool.acquire().await?, id, recht.gemeente()).await
    }

    /// Saves a new scenario for the gemeente the right is for.
    ///
    /// # Errors
    /// A database error.
    pub async fn maak_scenario(
        &self,
        recht: &GemeenteSchrijfrecht,
        naam: &str,
        scenario: &Scenario,
    ) -> Result<OpgeslagenScenario, DbFout> {
        let id = uuid::Uuid::new_v4().to_string();
        let mut tx = self.schrijving().await?;
        sqlx::query(
            "INSERT INTO scenarios (id, gemeente_code, naam, inhoud, versie, aangemaakt_op, gewijzigd_op) \
             VALUES ($1, $2, $3, $4, 1, $5, $5)",
        )
        .bind(&id)
        .bind(recht.gemeente().as_str())
        .bind(naam)
        .bind(json(scenario)?)
        .bind(tx.tijdstip())
        .execute(&mut *tx)
        .await?;
        let opgeslagen = OpgeslagenScenario {
            id,
            naam: naam.to_owned(),
            scenario: scenario.clone(),
            versie: 1,
        };
        tx.leg_vast(Auditregel::door(
            recht,
            Entiteit::Scenario,
            &opgeslagen.id,
            None,
            Some(&opgeslagen),
        ))
        .await?;
        Ok(opgeslagen)
    }

    /// Replaces a scenario when `verwacht` is still its version; returns the new version.
    /// `None` when the gemeente has no such scenario.
    ///
    /// # Errors
    /// [`DbFout::VersieConflict`] for a stale version (nothing changes), or a database error.
    pub async fn wijzig_scenario(
        &self,
        recht: &GemeenteSchrijfrecht,
        id: &str,
        verwacht: i64,
        naam: &str,
        scenario: &Scenario,
    ) -> Result<Option<OpgeslagenScenario>, DbFout> {
        let mut tx = self.schrijving().await?;
        let Some(voor) = lees(&mut tx, id, recht.gemeente()).await? else {
            return Ok(None);
        };
        let stap = Versiestap::wijzigen(voor.versie, verwacht)?;
        let geraakt = sqlx::query(
            "UPDATE scenarios SET naam = $1, inhoud = $2, versie = versie + 1, gewijzigd_op = $3 \
             WHERE id = $4 AND gemeente_code = $5 AND versie = $6",
        )
        .bind(naam)
        .bind(json(scenario)?)
        .bind(tx.tijdstip())
        .bind(id)
        .bind(recht.gemeente().as_str())
        .bind(stap.bewaakt())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let versie = stap.na(geraakt)?;
        let na = OpgeslagenScenario {
            id: id.to_owned(),
            naam: naam.to_owned(),
            scenario: scenario.clone(),
            versie,
        };
        tx.leg_vast(Auditregel::door(
            recht,
            Entiteit::Scenario,
            id,
            Some(&voor),
            Some(&na),
        ))
        .await?;
        Ok(Some(na))
    }

    /// Deletes a scenario and its share links; `false` when the gemeente has no such one.
    ///
    /// # Errors
    /// A database error.
    pub async fn verwijder_scenario(
        &self,
        recht: &GemeenteSchrijfrecht,
        id: &str,
    ) -> Result<bool, DbFout> {
        let mut tx = self.schrijving().await?;
        let voor = lees(&mut tx, id, recht.gemeente()).await?;
        let Some(voor) = voor else { return Ok(false) };
        sqlx::query("DELETE FROM deellinks WHERE soort = 'scenario' AND doel_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM scenarios WHERE id = $1 AND gemeente_code = $2")
            .bind(id)
            .bind(recht.gemeente().as_str())
            .execute(&mut *tx)
            .await?;
        tx.leg_vast(Auditregel::<OpgeslagenScenario>::door(
            recht,
            Entiteit::Scenario,
            id,
            Some(&voor),
            None,
        ))
        .await?;
        Ok(true)
    }

    /// Makes a share link for a scenario of the gemeente the right is for; returns the
    /// token (256 random bits), which is stored only as its hash. `None` when there is no
    /// such scenario.
    ///
    /// # Errors
    /// A database error, or no randomness.
    pub async fn maak_deellink(
        &self,
        recht: &GemeenteSchrijfrecht,
        scenario_id: &str,
    ) -> Result<Option<String>, DbFout> {
        let token = nieuw_geheim().map_err(|e| ongeldig("deellinks")(&e))?;
        let mut tx = self.schrijving().await?;
        let bestaat: Option<String> =
            sqlx::query_scalar("SELECT id FROM scenarios WHERE id = $1 AND gemeente_code = $2")
                .bind(scenario_id)
                .bind(recht.gemeente().as_str())
                .fetch_optional(&mut *tx)
                .await?;
        if bestaat.is_none() {
            return Ok(None);
        }
        let hash = sha256_hex(&token);
        sqlx::query(
            "INSERT INTO deellinks (token_hash, soort, doel_id, gemeente_code, aangemaakt_op) VALUES ($1, 'scenario', $2, $3, $4)",
        )
        .bind(&hash)
        .bind(scenario_id)
        .bind(recht.gemeente().as_str())
        .bind(tx.tijdstip())
        .execute(&mut *tx)
        .await?;
        // The audit names the link by a prefix of its hash, never the token.
        let sleutel = &hash[..12];
        tx.leg_vast(Auditregel::door(
            recht,
            Entiteit::Deellink,
            scenario_id,
            None,
            Some(&sleutel),
        ))
        .await?;
        Ok(Some(token))
    }

    /// Revokes a share link of a scenario of the gemeente the right is for; `false` when
    /// there is no such live link.
    ///
    /// # Errors
    /// A database error.
    pub async fn trek_deellink_in(
        &self,
        recht: &GemeenteSchrijfrecht,
        scenario_id: &str,
        token: &str,
    ) -> Result<bool, DbFout> {
        let hash = sha256_hex(token);
        let mut tx = self.schrijving().await?;
        let resultaat = sqlx::query(
            "UPDATE deellinks SET ingetrokken_op = $1 WHERE token_hash = $2 AND doel_id = $3 AND gemeente_code = $4 \
             AND soort = 'scenario' AND ingetrokken_op IS NULL",
        )
        .bind(tx.tijdstip())
        .bind(&hash)
        .bind(scenario_id)
        .bind(recht.gemeente().as_str())
        .execute(&mut *tx)
        .await?;
        if resultaat.rows_affected() != 1 {
            return Ok(false);
        }
        let sleutel = &hash[..12];
        tx.leg_vast(Auditregel::door(
            recht,
            Entiteit::Deellink,
            scenario_id,
            Some(&sleutel),
            None,
        ))
        .await?;
        Ok(true)
    }

    /// The scenario a live share link points to. Unknown and revoked tokens take the same
    /// path (one indexed lookup by hash), so the answer's timing does not tell them apart.
    ///
    /// # Errors
    /// A database error or an unreadable stored scenario.
    pub async fn gedeeld_scenario(&self, token: &str) -> Result<Option<GedeeldScenario>, DbFout> {
        let rij: Option<(String, String)> = sqlx::query_as(
            "SELECT s.naam, s.inhoud FROM deellinks d JOIN scenarios s ON s.id = d.doel_id \
             WHERE d.token_hash = $1 AND d.soort = 'scenario' AND d.ingetrokken_op IS NULL",
        )
        .bind(sha256_hex(token))
        .fetch_optional(&self.pool)
        .await?;
        let Some((naam, inhoud)) = rij else {
            return Ok(None);
        };
        let scenario: domain::scenario::Scenario =
            serde_json::from_str(&inhoud).map_err(|e| ongeldig("scenarios")(&e))?;
        // The token is the capability: it grants reading this one plan, landscape included.
        let basis = domain::scenario::Basis {
            routekaart: self.alle_opgaven().await?,
            componenten: self.componenten().await?,
            applicaties: self
                .landschap(&scenario.gemeente)
                .await?
                .into_iter()
                .map(|(a, _)| a)
                .collect(),
            capaciteit: self.capaciteit_van(&scenario.gemeente).await?,
        };
        let gemeente = self
            .gemeente(&scenario.gemeente)
            .await?
            .unwrap_or_else(|| domain::Gemeente::onbekend(scenario.gemeente.clone()));
        Ok(Some(GedeeldScenario {
            naam,
            gemeente,
            scenario,
            basis,
        }))
    }
}
