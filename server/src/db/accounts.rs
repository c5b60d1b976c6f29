//! Accounts that a gemeente's beheerder, or regie for its own, manages in the browser: the
//! list, invitations, rights and disabling, and regie's API tokens. Every change is one
//! write with its audit record, and reaches only accounts of the kring its right is for:
//! each statement names the kring (`rol` and `gemeente_code`) next to the id.

use domain::GemeenteCode;
use domain::contract::{Accountlijst, Accountregel, Tokenregel, Uitnodigingregel};
use domain::toegang::recht::{Accountbeheerrecht, Accountkring, Uitnodigrecht};
use domain::toegang::{Lidrecht, Toegangsrol};
use serde::Serialize;

use super::audit::{Auditregel, Entiteit};
use super::toegang::{Account, voeg_gebruiker_toe, voeg_identiteit_toe, voeg_token_toe};
use super::{Db, DbFout, ongeldig};

/// Invitations one kring may have open at once: a beheerder cannot fill the database.
pub const MAX_OPEN_UITNODIGINGEN: i64 = 200;

/// Accounts a list shows at most (a gemeente has tens).
const MAX_ACCOUNTS: i64 = 2_000;

/// How long an invitation link stays valid: a week.
pub const UITNODIGING_GELDIG_MICROS: i64 = 7 * 24 * 3_600 * 1_000_000;

/// The kring as stored: `rol`, and the gemeente code or "" for regie (compared through
/// `COALESCE(gemeente_code, '')`, the same on SQLite and PostgreSQL).
fn kolommen(kring: &Accountkring) -> (&'static str, &str) {
    match kring {
        Accountkring::Gemeente(code) => (Toegangsrol::Gemeente.als_tekst(), code.as_str()),
        Accountkring::Regie => (Toegangsrol::Regie.als_tekst(), ""),
    }
}

fn gemeente_van(kring: &Accountkring) -> Option<&GemeenteCode> {
    match kring {
        Accountkring::Gemeente(code) => Some(code),
        Accountkring::Regie => None,
    }
}

/// A moment as the API writes it (RFC 3339, UTC).
pub fn moment(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn lidrecht(rol: &str, recht: &str) -> Result<Option<Lidrecht>, DbFout> {
    if rol == Toegangsrol::Regie.als_tekst() {
        return Ok(None);
    }
    Lidrecht::parse(recht)
        .map(Some)
        .map_err(|e| ongeldig("gebruikers")(&e))
}

/// An invitation as its link opens it.
#[derive(Debug, Clone)]
pub struct Uitnodiging {
    /// The e-mail address the account will have.
    pub email: String,
    /// Into which kring.
    pub kring: Accountkring,
    /// The gemeente by name, for the page.
    pub gemeentenaam: Option<String>,
    /// With which right (a gemeente member's).
    pub recht: Lidrecht,
}

/// What a change to an account came to.
#[derive(Debug, Clone)]
pub enum Accountuitkomst {
    /// Changed: the account as it is now.
    Gewijzigd(Accountregel),
    /// No account with that id in the kring.
    Onbekend,
    /// The beheerder's own account: not disabled, its right not lowered by itself.
    Eigen,
}

/// An account's facts as the audit trail records them (`naam`: its e-mail address, the
/// name the audit page shows it by).
#[derive(Serialize)]
struct Accountstand<'a> {
    naam: &'a str,
    recht: Option<Lidrecht>,
    actief: bool,
}

/// A token's facts as the audit trail records them.
#[derive(Serialize)]
struct Tokenstand<'a> {
    naam: &'a str,
    gemeente: Option<&'a GemeenteCode>,
}

#[derive(sqlx::FromRow)]
struct Accountrij {
    id: String,
    email: String,
    rol: String,
    recht: String,
    aangemaakt_op: i64,
    uitgeschakeld_op: Option<i64>,
}

impl Accountrij {
    fn regel(self, aanbieders: Vec<String>) -> Result<Accountregel, DbFout> {
        Ok(Accountregel {
            recht: lidrecht(&self.rol, &self.recht)?,
            id: self.id,
            email: self.email,
            aanbieders,
            aangemaakt_op: moment(self.aangemaakt_op),
            uitgeschakeld_op: self.uitgeschakeld_op.map(moment),
        })
    }
}

impl Db {
    /// The accounts of the right's kring and its open invitations.
    ///
    /// # Errors
    /// A database error, or an invalid stored right.
    pub async fn accounts(&self, recht: &Accountbeheerrecht) -> Result<Accountlijst, DbFout> {
        let (rol, gemeente) = kolommen(recht.kring());
        let rijen: Vec<Accountrij> = sqlx::query_as(
            "SELECT id, email, rol, recht, aangemaakt_op, uitgeschakeld_op FROM gebruikers \
             WHERE rol = $1 AND COALESCE(gemeente_code, '') = $2 ORDER BY email LIMIT $3",
        )
        .bind(rol)
        .bind(gemeente)
        .bind(MAX_ACCOUNTS)
        .fetch_all(&self.pool)
        .await?;
        let identiteiten: Vec<(String, String)> = sqlx::query_as(
            "SELECT i.gebruiker_id, i.aanbieder FROM identiteiten i \
             JOIN gebruikers g ON g.id = i.gebruiker_id \
             WHERE g.rol = $1 AND COALESCE(g.gemeente_code, '') = $2 ORDER BY i.aanbieder",
        )
        .bind(rol)
        .bind(gemeente)
        .fetch_all(&self.pool)
        .await?;
        let accounts = rijen
            .into_iter()
            .map(|rij| {
                let aanbieders = identiteiten
                    .iter()
                    .filter(|(id, _)| *id == rij.id)
                    .map(|(_, aanbieder)| aanbieder.clone())
                    .collect();
                rij.regel(aanbieders)
            })
            .collect::<Result<_, _>>()?;
        #[derive(sqlx::FromRow)]
        struct Open {
            id: String,
            email: String,
            rol: String,
            recht: String,
            uitgenodigd_door: String,
            verloopt_op: i64,
        }
        let open: Vec<Open> = sqlx::query_as(
            "SELECT id, email, rol, recht, uitgenodigd_door, verloopt_op FROM uitnodigingen \
             WHERE rol = $1 AND COALESCE(gemeente_code, '') = $2 AND gebruikt_op IS NULL \
             AND ingetrokken_op IS NULL AND verloopt_op > $3 ORDER BY aangemaakt_op DESC, id",
        )
        .bind(rol)
        .bind(gemeente)
        .bind(self.nu_micros())
        .fetch_all(&self.pool)
        .await?;
        let uitnodigingen = open
            .into_iter()
            .map(|u| {
                Ok(Uitnodigingregel {
                    recht: lidrecht(&u.rol, &u.recht)?,
                    id: u.id,
                    email: u.email,
                    uitgenodigd_door: u.uitgenodigd_door,
                    verloopt_op: moment(u.verloopt_op),
                })
            })
            .collect::<Result<_, DbFout>>()?;
        Ok(Accountlijst {
            accounts,
            uitnodigingen,
        })
    }

    /// Stores an invitation for `email` by the hash of its token; its id and expiry.
    ///
    /// # Errors
    /// [`DbFout::Bestaat`] when the address has an account already or the kring has
    /// [`MAX_OPEN_UITNODIGINGEN`] open, or a database error; nothing is stored then.
    pub async fn maak_uitnodiging(
        &self,
        recht: &Uitnodigrecht,
        email: &str,
        token_hash: &str,
    ) -> Result<(String, i64), DbFout> {
        let email = email.trim().to_lowercase();
        let (rol, gemeente) = kolommen(recht.kring());
        let mut w = self.schrijving().await?;
        let nu = w.tijdstip();
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM uitnodigingen WHERE rol = $1 AND COALESCE(gemeente_code, '') = $2 \
             AND gebruikt_op IS NULL AND ingetrokken_op IS NULL AND verloopt_op > $3",
        )
        .bind(rol)
        .bind(gemeente)
        .bind(nu)
        .fetch_one(&mut *w)
        .await?;
        if open >= MAX_OPEN_UITNODIGINGEN {
            return Err(DbFout::Bestaat(format!(
                "er staan al {MAX_OPEN_UITNODIGINGEN} uitnodigingen open; trek er een in of wacht tot ze verlopen"
            )));
        }
        let bestaat: Option<String> =
            sqlx::query_scalar("SELECT id FROM gebruikers WHERE email = $1")
                .bind(&email)
                .fetch_optional(&mut *w)
                .await?;
        if bestaat.is_some() {
            return Err(DbFout::Bestaat(format!(
                "er is al een account voor {email}"
            )));
        }
        let id = uuid::Uuid::new_v4().to_string();
        let verloopt_op = nu + UITNODIGING_GELDIG_MICROS;
        sqlx::query(
            "INSERT INTO uitnodigingen (id, token_hash, rol, gemeente_code, recht, email, \
             uitgenodigd_door, aangemaakt_op, verloopt_op) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(token_hash)
        .bind(rol)
        .bind(gemeente_van(recht.kring()).map(GemeenteCode::as_str))
        .bind(recht.recht().als_tekst())
        .bind(&email)
        .bind(recht.actor().naam())
        .bind(nu)
        .bind(verloopt_op)
        .execute(&mut *w)
        .await?;
        let na = Accountstand {
            naam: &email,
            recht: lidrecht(rol, recht.recht().als_tekst())?,
            actief: false,
        };
        w.leg_vast(Auditregel::over_accounts(
            recht.actor(),
            gemeente_van(recht.kring()),
            Entiteit::Uitnodiging,
            &id,
            None,
            Some(&na),
        ))
        .await?;
        Ok((id, verloopt_op))
    }

    /// Revokes an open invitation of the right's kring; `false` when there is none with
    /// this id.
    ///
    /// # Errors
    /// A database error.
    pub async fn trek_uitnodiging_in(
        &self,
        recht: &Accountbeheerrecht,
        id: &str,
    ) -> Result<bool, DbFout> {
        let (rol, gemeente) = kolommen(recht.kring());
        let mut w = self.schrijving().await?;
        let email: Option<String> = sqlx::query_scalar(
            "UPDATE uitnodigingen SET ingetrokken_op = $1 WHERE id = $2 AND rol = $3 \
             AND COALESCE(gemeente_code, '') = $4 AND gebruikt_op IS NULL AND ingetrokken_op IS NULL \
             RETURNING email",
        )
        .bind(w.tijdstip())
        .bind(id)
        .bind(rol)
        .bind(gemeente)
        .fetch_optional(&mut *w)
        .await?;
        let Some(email) = email else {
            return Ok(false);
        };
        let voor = Accountstand {
            naam: &email,
            recht: None,
            actief: false,
        };
        w.leg_vast(Auditregel::over_accounts(
            recht.actor(),
            gemeente_van(recht.kring()),
            Entiteit::Uitnodiging,
            id,
            Some(&voor),
            None,
        ))
        .await?;
        Ok(true)
    }

    /// The open invitation with this token hash, as its page shows it.
    ///
    /// # Errors
    /// A database error, or an invalid stored row.
    pub async fn uitnodiging(&self, token_hash: &str) -> Result<Option<Uitnodiging>, DbFout> {
        #[derive(sqlx::FromRow)]
        struct Open {
            email: String,
            rol: String,
            gemeente_code: Option<String>,
            recht: String,
            naam: Option<String>,
        }
        let rij: Option<Open> = sqlx::query_as(
            "SELECT u.email, u.rol, u.gemeente_code, u.recht, gm.naam FROM uitnodigingen u \
                 LEFT JOIN gemeenten gm ON gm.code = u.gemeente_code \
                 WHERE u.token_hash = $1 AND u.gebruikt_op IS NULL AND u.ingetrokken_op IS NULL \
                 AND u.verloopt_op > $2",
        )
        .bind(token_hash)
        .bind(self.nu_micros())
        .fetch_optional(&self.pool)
        .await?;
        rij.map(|u| {
            let kring = match u.gemeente_code {
                Some(code) if u.rol == Toegangsrol::Gemeente.als_tekst() => Accountkring::Gemeente(
                    GemeenteCode::parse(&code).map_err(|e| ongeldig("uitnodigingen")(&e))?,
                ),
                _ => Accountkring::Regie,
            };
            Ok(Uitnodiging {
                email: u.email,
                kring,
                gemeentenaam: u.naam,
                recht: Lidrecht::parse(&u.recht).map_err(|e| ongeldig("uitnodigingen")(&e))?,
            })
        })
        .transpose()
    }

    /// Uses the invitation with this token hash: makes its account, with `wachtwoord_hash`
    /// or linked to the person `sub` at provider `aanbieder`, in one write with its audit
    /// record. `None` when the invitation is unknown, used, revoked or expired.
    ///
    /// # Errors
    /// [`DbFout::Bestaat`] when the address got an account meanwhile, or a database
    /// error; nothing is stored then and the invitation stays open.
    pub async fn aanvaard_uitnodiging(
        &self,
        token_hash: &str,
        wachtwoord_hash: &str,
        identiteit: Option<(&str, &str)>,
    ) -> Result<Option<Account>, DbFout> {
        let mut w = self.schrijving().await?;
        let nu = w.tijdstip();
        let rij: Option<(String, String, Option<String>, String)> = sqlx::query_as(
            "UPDATE uitnodigingen SET gebruikt_op = $1 WHERE token_hash = $2 \
             AND gebruikt_op IS NULL AND ingetrokken_op IS NULL AND verloopt_op > $3 \
             RETURNING email, rol, gemeente_code, recht",
        )
        .bind(nu)
        .bind(token_hash)
        .bind(nu)
        .fetch_optional(&mut *w)
        .await?;
        let Some((email, rol, gemeente, recht)) = rij else {
            return Ok(None);
        };
        let rol = Toegangsrol::parse(&rol).map_err(|e| ongeldig("uitnodigingen")(&e))?;
        let gemeente = gemeente
            .map(|c| GemeenteCode::parse(&c))
            .transpose()
            .map_err(|e| ongeldig("uitnodigingen")(&e))?;
        let lid = Lidrecht::parse(&recht).map_err(|e| ongeldig("uitnodigingen")(&e))?;
        let id = voeg_gebruiker_toe(
            &mut w,
            &email,
            wachtwoord_hash,
            (rol, gemeente.as_ref(), lid),
            nu,
        )
        .await?;
        if let Some((aanbieder, sub)) = identiteit {
            voeg_identiteit_toe(&mut w, aanbieder, sub, &id, nu).await?;
        }
        let account = Account {
            id,
            email,
            wachtwoord_hash: wachtwoord_hash.to_owned(),
            rol: rol.als_tekst().to_owned(),
            gemeente_code: gemeente.as_ref().map(|g| g.as_str().to_owned()),
            recht,
        };
        let actor = account.actor()?;
        let na = Accountstand {
            naam: &account.email,
            recht: lidrecht(&account.rol, &account.recht)?,
            actief: true,
        };
        w.leg_vast(Auditregel::over_accounts(
            &actor,
            gemeente.as_ref(),
            Entiteit::Account,
            &account.id,
            None,
            Some(&na),
        ))
        .await?;
        Ok(Some(account))
    }

    /// Changes an account of the right's kring: its right, or whether it is enabled
    /// (disabling ends its sessions). The beheerder's own account is not disabled and its
    /// right not lowered: another beheerder does that.
    ///
    /// # Errors
    /// A database error, or an invalid stored row; nothing is stored then.
    pub async fn beheer_account(
        &self,
        recht: &Accountbeheerrecht,
        id: &str,
        nieuw_recht: Option<Lidrecht>,
        actief: Option<bool>,
    ) -> Result<Accountuitkomst, DbFout> {
        let (rol, gemeente) = kolommen(recht.kring());
        let mut w = self.schrijving().await?;
        let nu = w.tijdstip();
        let rij: Option<Accountrij> = sqlx::query_as(
            "SELECT id, email, rol, recht, aangemaakt_op, uitgeschakeld_op FROM gebruikers \
             WHERE id = $1 AND rol = $2 AND COALESCE(gemeente_code, '') = $3",
        )
        .bind(id)
        .bind(rol)
        .bind(gemeente)
        .fetch_optional(&mut *w)
        .await?;
        let Some(rij) = rij else {
            return Ok(Accountuitkomst::Onbekend);
        };
        let was = lidrecht(&rij.rol, &rij.recht)?;
        let eigen = rij.email == recht.actor().naam();
        let lager = matches!((was, nieuw_recht), (Some(oud), Some(nieuw)) if nieuw < oud);
        if eigen && (lager || actief == Some(false)) {
            return Ok(Accountuitkomst::Eigen);
        }
        let voor = Accountstand {
            naam: &rij.email,
            recht: was,
            actief: rij.uitgeschakeld_op.is_none(),
        };
        let recht_na = was.and(nieuw_recht).or(was);
        let uit_na = match actief {
            Some(true) => None,
            Some(false) => rij.uitgeschakeld_op.or(Some(nu)),
            None => rij.uitgeschakeld_op,
        };
        let recht_tekst = recht_na.map_or_else(|| rij.recht.clone(), |r| r.als_tekst().to_owned());
        sqlx::query("UPDATE gebruikers SET recht = $1, uitgeschakeld_op = $2 WHERE id = $3")
            .bind(&recht_tekst)
            .bind(uit_na)
            .bind(id)
            .execute(&mut *w)
            .await?;
        if uit_na.is_some() {
            sqlx::query("DELETE FROM sessies WHERE gebruiker_id = $1")
                .bind(id)
                .execute(&mut *w)
                .await?;
        }
        let na = Accountstand {
            naam: &rij.email,
            recht: recht_na,
            actief: uit_na.is_none(),
        };
        w.leg_vast(Auditregel::over_accounts(
            recht.actor(),
            gemeente_van(recht.kring()),
            Entiteit::Account,
            id,
            Some(&voor),
            Some(&na),
        ))
        .await?;
        let aanbieders = sqlx::query_scalar(
            "SELECT aanbieder FROM identiteiten WHERE gebruiker_id = $1 ORDER BY aanbieder",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Accountuitkomst::Gewijzigd(
            Accountrij {
                recht: recht_tekst,
                uitgeschakeld_op: uit_na,
                ..rij
            }
            .regel(aanbieders)?,
        ))
    }

    /// Every API token for regie's page, newest first (never the token itself).
    ///
    /// # Errors
    /// A database error, or an invalid stored gemeente code.
    pub async fn tokenlijst(&self, _recht: &Accountbeheerrecht) -> Result<Vec<Tokenregel>, DbFout> {
        self.tokens()
            .await?
            .into_iter()
            .map(|t| {
                Ok(Tokenregel {
                    gemeente: t
                        .gemeente_code
                        .map(|c| GemeenteCode::parse(&c))
                        .transpose()
                        .map_err(|e| ongeldig("api_tokens")(&e))?,
                    id: t.id,
                    naam: t.naam,
                    aangemaakt_op: moment(t.aangemaakt_op),
                    ingetrokken_op: t.ingetrokken_op.map(moment),
                })
            })
            .collect()
    }

    /// Stores a new API token by its hash, made by regie in the browser, with its audit
    /// record; its id.
    ///
    /// # Errors
    /// A database error (an unknown gemeente among them); nothing is stored then.
    pub async fn maak_token_door(
        &self,
        recht: &Accountbeheerrecht,
        naam: &str,
        token_hash: &str,
        gemeente: Option<&GemeenteCode>,
    ) -> Result<String, DbFout> {
        let rol = if gemeente.is_some() {
            Toegangsrol::Gemeente
        } else {
            Toegangsrol::Regie
        };
        let mut w = self.schrijving().await?;
        let nu = w.tijdstip();
        let id = voeg_token_toe(&mut w, naam, token_hash, rol, gemeente, nu).await?;
        w.leg_vast(Auditregel::over_accounts(
            recht.actor(),
            None,
            Entiteit::Token,
            &id,
            None,
            Some(&Tokenstand { naam, gemeente }),
        ))
        .await?;
        Ok(id)
    }

    /// Revokes a live token, with its audit record; `false` when there is none with this
    /// id.
    ///
    /// # Errors
    /// A database error.
    pub async fn trek_token_in_door(
        &self,
        recht: &Accountbeheerrecht,
        id: &str,
    ) -> Result<bool, DbFout> {
        let mut w = self.schrijving().await?;
        let naam: Option<String> = sqlx::query_scalar(
            "UPDATE api_tokens SET ingetrokken_op = $1 WHERE id = $2 AND ingetrokken_op IS NULL \
             RETURNING naam",
        )
        .bind(w.tijdstip())
        .bind(id)
        .fetch_optional(&mut *w)
        .await?;
        let Some(naam) = naam else {
            return Ok(false);
        };
        w.leg_vast(Auditregel::over_accounts(
            recht.actor(),
            None,
            Entiteit::Token,
            id,
            Some(&Tokenstand {
                naam: &naam,
                gemeente: None,
            }),
            None,
        ))
        .await?;
        Ok(true)
    }
}
