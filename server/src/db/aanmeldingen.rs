//! Aanmeldingen: a gemeente member asks to join an opgave in a rol; regie accepts (the
//! gemeente becomes a deelnemer of the published Routekaart, in the same transaction) or
//! declines. Every step is audited.

use domain::contract::{Aanmeldstatus, Opgaveaanmelding};
use domain::{GemeenteCode, OpgaveId, Rol};

use super::audit::{Auditregel, Entiteit};
use super::{Db, DbFout, als_tekst, ongeldig, uit_tekst};
use crate::toegang::recht::{GemeenteSchrijfrecht, PubliekSchrijfrecht};

#[derive(sqlx::FromRow)]
struct Rij {
    id: String,
    opgave_id: String,
    gemeente_code: String,
    rol: String,
    status: String,
}

impl TryFrom<Rij> for Opgaveaanmelding {
    type Error = DbFout;

    fn try_from(r: Rij) -> Result<Self, DbFout> {
        let fout = ongeldig("aanmeldingen");
        Ok(Self {
            id: r.id,
            opgave: OpgaveId::parse(&r.opgave_id).map_err(|e| fout(&e))?,
            gemeente: GemeenteCode::parse(&r.gemeente_code).map_err(|e| fout(&e))?,
            rol: uit_tekst("aanmeldingen", &r.rol)?,
            status: uit_tekst("aanmeldingen", &r.status)?,
        })
    }
}

impl Db {
    /// The aanmeldingen for `opgave`, of one gemeente or (regie) all, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn aanmeldingen(
        &self,
        opgave: &OpgaveId,
        gemeente: Option<&GemeenteCode>,
    ) -> Result<Vec<Opgaveaanmelding>, DbFout> {
        let rijen: Vec<Rij> = sqlx::query_as(
            "SELECT id, opgave_id, gemeente_code, rol, status FROM aanmeldingen \
             WHERE opgave_id = $1 AND ($2 = '' OR gemeente_code = $2) ORDER BY aangemeld_op, id",
        )
        .bind(opgave.as_str())
        .bind(gemeente.map_or("", GemeenteCode::as_str))
        .fetch_all(&self.pool)
        .await?;
        rijen.into_iter().map(Opgaveaanmelding::try_from).collect()
    }

    /// Records the request of the gemeente the right is for.
    ///
    /// # Errors
    /// [`DbFout::Bestaat`] when it already has an open aanmelding for this opgave, or a
    /// database error.
    pub async fn meld_aan(
        &self,
        recht: &GemeenteSchrijfrecht,
        opgave: &OpgaveId,
        rol: Rol,
    ) -> Result<Opgaveaanmelding, DbFout> {
        let mut tx = self.schrijving().await?;
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM aanmeldingen WHERE opgave_id = $1 AND gemeente_code = $2 AND status = 'open'",
        )
        .bind(opgave.as_str())
        .bind(recht.gemeente().as_str())
        .fetch_one(&mut *tx)
        .await?;
        if open > 0 {
            return Err(DbFout::Bestaat(format!(
                "{} heeft al een open aanmelding voor deze opgave",
                recht.gemeente()
            )));
        }
        let aanmelding = Opgaveaanmelding {
            id: uuid::Uuid::new_v4().to_string(),
            opgave: opgave.clone(),
            gemeente: recht.gemeente().clone(),
            rol,
            status: Aanmeldstatus::Open,
        };
        sqlx::query(
            "INSERT INTO aanmeldingen (id, opgave_id, gemeente_code, rol, status, aangemeld_op, aangemeld_door) \
             VALUES ($1, $2, $3, $4, 'open', $5, $6)",
        )
        .bind(&aanmelding.id)
        .bind(opgave.as_str())
        .bind(recht.gemeente().as_str())
        .bind(als_tekst(&rol))
        .bind(tx.tijdstip())
        .bind(recht.actor().naam())
        .execute(&mut *tx)
        .await?;
        tx.leg_vast(Auditregel::door(
            recht,
            Entiteit::Aanmelding,
            &aanmelding.id,
            None,
            Some(&aanmelding),
        ))
        .await?;
        Ok(aanmelding)
    }

    /// Regie's decision on an open aanmelding; accepting makes the gemeente a deelnemer in
    /// the rol asked (replacing an earlier rol) and gives the opgave a new version.
    /// `None` when there is no such aanmelding.
    ///
    /// # Errors
    /// [`DbFout::Bestaat`] when it was decided before, or a database error.
    pub async fn besluit_aanmelding(
        &self,
        recht: &PubliekSchrijfrecht,
        id: &str,
        accepteren: bool,
    ) -> Result<Option<Opgaveaanmelding>, DbFout> {
        let mut tx = self.schrijving().await?;
        let rij: Option<Rij> = sqlx::query_as(
            "SELECT id, opgave_id, gemeente_code, rol, status FROM aanmeldingen WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(voor) = rij.map(Opgaveaanmelding::try_from).transpose()? else {
            return Ok(None);
        };
        if voor.status != Aanmeldstatus::Open {
            return Err(DbFout::Bestaat(
                "over deze aanmelding is al besloten".into(),
            ));
        }
        let status = if accepteren {
            Aanmeldstatus::Geaccepteerd
        } else {
            Aanmeldstatus::Afgewezen
        };
        sqlx::query("UPDATE aanmeldingen SET status = $1, besloten_door = $2 WHERE id = $3 AND status = 'open'")
            .bind(als_tekst(&status))
            .bind(recht.actor().naam())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if accepteren {
            sqlx::query("DELETE FROM deelnemers WHERE opgave_id = $1 AND gemeente_code = $2")
                .bind(voor.opgave.as_str())
                .bind(voor.gemeente.as_str())
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO deelnemers (opgave_id, gemeente_code, rol) VALUES ($1, $2, $3)",
            )
            .bind(voor.opgave.as_str())
            .bind(voor.gemeente.as_str())
            .bind(als_tekst(&voor.rol))
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE opgaven SET versie = versie + 1 WHERE id = $1")
                .bind(voor.opgave.as_str())
                .execute(&mut *tx)
                .await?;
        }
        let na = Opgaveaanmelding {
            status,
            ..voor.clone()
        };
        tx.leg_vast(Auditregel::door_regie_voor(
            recht,
            &voor.gemeente,
            Entiteit::Aanmelding,
            id,
            Some(&voor),
            Some(&na),
        ))
        .await?;
        Ok(Some(na))
    }
}
