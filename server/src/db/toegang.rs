//! Accounts, sessions, failed logins and API tokens. Secrets are stored only as hashes.

use domain::GemeenteCode;
use domain::toegang::{Actor, Lidrecht, Toegangsrol};

use super::{Db, DbFout, ongeldig};

/// An account as the login needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    /// Its id.
    pub id: String,
    /// Its e-mail address (lower case).
    pub email: String,
    /// Argon2id PHC string.
    pub wachtwoord_hash: String,
    pub(super) rol: String,
    pub(super) gemeente_code: Option<String>,
    /// A member's right (`lezen`, `bewerken`, `beheren`).
    pub(super) recht: String,
}

/// A live session: who, its CSRF token, and a member's gemeente by name.
#[derive(Debug, Clone)]
pub struct Sessierij {
    /// Who acts.
    pub actor: Actor,
    /// The session's CSRF token.
    pub csrf: String,
    /// A member's gemeente by name (none for regie).
    pub gemeentenaam: Option<String>,
}

/// A token as `grondplan token lijst` shows it (never the token itself).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenInfo {
    /// Its id, for revoking.
    pub id: String,
    /// What it is for.
    pub naam: String,
    /// `gemeente` or `regie`.
    pub rol: String,
    /// For a gemeente token, which.
    pub gemeente_code: Option<String>,
    /// Microseconds since 1970.
    pub aangemaakt_op: i64,
    /// When revoked, if so.
    pub ingetrokken_op: Option<i64>,
}

fn actor(naam: String, rol: &str, gemeente: Option<String>, recht: &str) -> Result<Actor, DbFout> {
    match (
        Toegangsrol::parse(rol).map_err(|e| ongeldig("gebruikers")(&e))?,
        gemeente,
    ) {
        (Toegangsrol::Regie, _) => Ok(Actor::Regie { naam }),
        (Toegangsrol::Gemeente, Some(code)) => Ok(Actor::Lid {
            naam,
            gemeente: GemeenteCode::parse(&code).map_err(|e| ongeldig("gebruikers")(&e))?,
            recht: Lidrecht::parse(recht).map_err(|e| ongeldig("gebruikers")(&e))?,
        }),
        (Toegangsrol::Gemeente, None) => {
            Err(ongeldig("gebruikers")(&"gemeentelid zonder gemeente"))
        }
    }
}

impl Account {
    /// Who this account acts as.
    ///
    /// # Errors
    /// When the stored role is invalid.
    pub fn actor(&self) -> Result<Actor, DbFout> {
        actor(
            self.email.clone(),
            &self.rol,
            self.gemeente_code.clone(),
            &self.recht,
        )
    }
}

impl Db {
    /// Creates an account; the e-mail address is stored in lower case.
    ///
    /// # Errors
    /// [`DbFout::Bestaat`] when the address is taken, or a database error.
    pub async fn maak_account(
        &self,
        email: &str,
        wachtwoord_hash: &str,
        rol: Toegangsrol,
        gemeente: Option<&GemeenteCode>,
        recht: Lidrecht,
        nu: i64,
    ) -> Result<String, DbFout> {
        let mut verbinding = self.pool.acquire().await?;
        voeg_gebruiker_toe(
            &mut verbinding,
            email,
            wachtwoord_hash,
            (rol, gemeente, recht),
            nu,
        )
        .await
    }

    /// The account with this e-mail address (any case).
    ///
    /// # Errors
    /// A database error.
    pub async fn account(&self, email: &str) -> Result<Option<Account>, DbFout> {
        Ok(sqlx::query_as::<_, Account>(
            "SELECT id, email, wachtwoord_hash, rol, gemeente_code, recht FROM gebruikers \
             WHERE email = $1 AND uitgeschakeld_op IS NULL",
        )
        .bind(email.trim().to_lowercase())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Starts a session for an account.
    ///
    /// # Errors
    /// A database error.
    pub async fn start_sessie(
        &self,
        account_id: &str,
        sleutel_hash: &str,
        csrf: &str,
        nu: i64,
        verloopt_op: i64,
    ) -> Result<(), DbFout> {
        self.start_sessie_via(account_id, sleutel_hash, csrf, nu, verloopt_op, None)
            .await
    }

    /// Like [`Db::start_sessie`], for a sign-in through a provider: `via` is the
    /// provider's name and the ID token, kept to end the session there too.
    ///
    /// # Errors
    /// A database error.
    pub async fn start_sessie_via(
        &self,
        account_id: &str,
        sleutel_hash: &str,
        csrf: &str,
        nu: i64,
        verloopt_op: i64,
        via: Option<(&str, &str)>,
    ) -> Result<(), DbFout> {
        // Expired sessions go whenever a new one starts: no background job, no memory.
        sqlx::query("DELETE FROM sessies WHERE verloopt_op < $1")
            .bind(nu)
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO sessies (sleutel_hash, gebruiker_id, csrf, aangemaakt_op, verloopt_op, \
             aanbieder, id_token) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(sleutel_hash)
        .bind(account_id)
        .bind(csrf)
        .bind(nu)
        .bind(verloopt_op)
        .bind(via.map(|(aanbieder, _)| aanbieder))
        .bind(via.map(|(_, id_token)| id_token))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The provider and ID token a session was started with, if it was through one.
    ///
    /// # Errors
    /// A database error.
    pub async fn sessie_via(&self, sleutel_hash: &str) -> Result<Option<(String, String)>, DbFout> {
        let rij: Option<(Option<String>, Option<String>)> =
            sqlx::query_as("SELECT aanbieder, id_token FROM sessies WHERE sleutel_hash = $1")
                .bind(sleutel_hash)
                .fetch_optional(&self.pool)
                .await?;
        Ok(rij.and_then(|(a, t)| a.zip(t)))
    }

    /// The actor and CSRF token of a live session.
    ///
    /// # Errors
    /// A database error, or an invalid stored account.
    pub async fn sessie(&self, sleutel_hash: &str, nu: i64) -> Result<Option<Sessierij>, DbFout> {
        #[derive(sqlx::FromRow)]
        struct Rij {
            email: String,
            rol: String,
            gemeente_code: Option<String>,
            recht: String,
            csrf: String,
            gemeentenaam: Option<String>,
        }
        let rij: Option<Rij> = sqlx::query_as(
            "SELECT g.email, g.rol, g.gemeente_code, g.recht, s.csrf, gm.naam AS gemeentenaam FROM sessies s \
             JOIN gebruikers g ON g.id = s.gebruiker_id \
             LEFT JOIN gemeenten gm ON gm.code = g.gemeente_code \
             WHERE s.sleutel_hash = $1 AND s.verloopt_op > $2 AND g.uitgeschakeld_op IS NULL",
        )
        .bind(sleutel_hash)
        .bind(nu)
        .fetch_optional(&self.pool)
        .await?;
        rij.map(|r| {
            Ok(Sessierij {
                actor: actor(r.email, &r.rol, r.gemeente_code, &r.recht)?,
                csrf: r.csrf,
                gemeentenaam: r.gemeentenaam,
            })
        })
        .transpose()
    }

    /// Ends a session.
    ///
    /// # Errors
    /// A database error.
    pub async fn beeindig_sessie(&self, sleutel_hash: &str) -> Result<(), DbFout> {
        sqlx::query("DELETE FROM sessies WHERE sleutel_hash = $1")
            .bind(sleutel_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Reserves a login attempt on throttle key `sleutel` (see `toegang::sessie`): when
    /// the key is not blocked at `nu`, it becomes blocked until `tot` while the attempt
    /// runs, in one statement, so that parallel attempts cannot pass together; a streak
    /// whose last attempt is older than `vergeten_voor` starts again from zero. Returns
    /// `None` when reserved, or the moment the key is blocked until.
    ///
    /// # Errors
    /// A database error.
    pub async fn reserveer_inlogpoging(
        &self,
        sleutel: &str,
        nu: i64,
        tot: i64,
        vergeten_voor: i64,
    ) -> Result<Option<i64>, DbFout> {
        let gereserveerd = sqlx::query(
            "INSERT INTO inlogsloten (sleutel, mislukt, geblokkeerd_tot, bijgewerkt_op) \
             VALUES ($1, 0, $2, $3) \
             ON CONFLICT (sleutel) DO UPDATE SET \
               mislukt = CASE WHEN inlogsloten.bijgewerkt_op < $4 THEN 0 ELSE inlogsloten.mislukt END, \
               geblokkeerd_tot = $2, bijgewerkt_op = $3 \
             WHERE inlogsloten.geblokkeerd_tot <= $3",
        )
        .bind(sleutel)
        .bind(tot)
        .bind(nu)
        .bind(vergeten_voor)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1;
        if gereserveerd {
            return Ok(None);
        }
        Ok(Some(
            sqlx::query_scalar("SELECT geblokkeerd_tot FROM inlogsloten WHERE sleutel = $1")
                .bind(sleutel)
                .fetch_optional(&self.pool)
                .await?
                .unwrap_or(nu),
        ))
    }

    /// A reserved attempt on `sleutel` failed: its streak grows by one and it is
    /// blocked for what `wachttijd` gives for the new streak (in microseconds).
    ///
    /// # Errors
    /// A database error.
    pub async fn noteer_mislukte_inlogpoging(
        &self,
        sleutel: &str,
        nu: i64,
        wachttijd: impl Fn(i64) -> i64,
    ) -> Result<(), DbFout> {
        let mislukt: i64 = sqlx::query_scalar(
            "UPDATE inlogsloten SET mislukt = mislukt + 1, bijgewerkt_op = $2 \
             WHERE sleutel = $1 RETURNING mislukt",
        )
        .bind(sleutel)
        .bind(nu)
        .fetch_optional(&self.pool)
        .await?
        .unwrap_or(1);
        self.blokkeer_inlogsleutel(sleutel, nu.saturating_add(wachttijd(mislukt)))
            .await
    }

    /// Frees `sleutel` at `nu` without counting the attempt (its streak is kept).
    ///
    /// # Errors
    /// A database error.
    pub async fn geef_inlogsleutel_vrij(&self, sleutel: &str, nu: i64) -> Result<(), DbFout> {
        self.blokkeer_inlogsleutel(sleutel, nu).await
    }

    async fn blokkeer_inlogsleutel(&self, sleutel: &str, tot: i64) -> Result<(), DbFout> {
        sqlx::query("UPDATE inlogsloten SET geblokkeerd_tot = $2 WHERE sleutel = $1")
            .bind(sleutel)
            .bind(tot)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forgets `sleutel` and its streak (after a successful login).
    ///
    /// # Errors
    /// A database error.
    pub async fn vergeet_inlogsleutel(&self, sleutel: &str) -> Result<(), DbFout> {
        sqlx::query("DELETE FROM inlogsloten WHERE sleutel = $1")
            .bind(sleutel)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forgets throttle keys idle since `voor` and not blocked at `nu`.
    ///
    /// # Errors
    /// A database error.
    pub async fn ruim_inlogsloten_op(&self, voor: i64, nu: i64) -> Result<u64, DbFout> {
        Ok(
            sqlx::query(
                "DELETE FROM inlogsloten WHERE bijgewerkt_op < $1 AND geblokkeerd_tot < $2",
            )
            .bind(voor)
            .bind(nu)
            .execute(&self.pool)
            .await?
            .rows_affected(),
        )
    }

    /// Disables an account and ends its sessions; `false` when there is no such live
    /// account.
    ///
    /// # Errors
    /// A database error.
    pub async fn schakel_account_uit(&self, email: &str, nu: i64) -> Result<bool, DbFout> {
        self.wijzig_account(
            email,
            sqlx::query(
                "UPDATE gebruikers SET uitgeschakeld_op = $2 \
                 WHERE email = $1 AND uitgeschakeld_op IS NULL",
            )
            .bind(email.trim().to_lowercase())
            .bind(nu),
        )
        .await
    }

    /// Sets a new password hash and ends every session of the account; `false` when
    /// there is no such account.
    ///
    /// # Errors
    /// A database error.
    pub async fn zet_wachtwoord(&self, email: &str, wachtwoord_hash: &str) -> Result<bool, DbFout> {
        self.wijzig_account(
            email,
            sqlx::query("UPDATE gebruikers SET wachtwoord_hash = $2 WHERE email = $1")
                .bind(email.trim().to_lowercase())
                .bind(wachtwoord_hash),
        )
        .await
    }

    /// Runs `wijziging` on one account and ends its sessions, in one transaction;
    /// whether the account was changed.
    async fn wijzig_account<'q>(
        &self,
        email: &str,
        wijziging: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> Result<bool, DbFout> {
        let mut tx = self.pool.begin().await?;
        let geraakt = wijziging.execute(&mut *tx).await?.rows_affected();
        Self::wis_sessies_van(&mut tx, email).await?;
        tx.commit().await?;
        Ok(geraakt == 1)
    }

    /// Ends every session of the account with this e-mail address; how many ended.
    ///
    /// # Errors
    /// A database error.
    pub async fn beeindig_sessies_van(&self, email: &str) -> Result<u64, DbFout> {
        let mut tx = self.pool.begin().await?;
        let aantal = Self::wis_sessies_van(&mut tx, email).await?;
        tx.commit().await?;
        Ok(aantal)
    }

    async fn wis_sessies_van(tx: &mut sqlx::AnyConnection, email: &str) -> Result<u64, DbFout> {
        Ok(sqlx::query(
            "DELETE FROM sessies WHERE gebruiker_id IN (SELECT id FROM gebruikers WHERE email = $1)",
        )
        .bind(email.trim().to_lowercase())
        .execute(&mut *tx)
        .await?
        .rows_affected())
    }

    /// Stores a new API token by its hash.
    ///
    /// # Errors
    /// A database error.
    pub async fn maak_token(
        &self,
        naam: &str,
        token_hash: &str,
        rol: Toegangsrol,
        gemeente: Option<&GemeenteCode>,
        nu: i64,
    ) -> Result<String, DbFout> {
        let mut verbinding = self.pool.acquire().await?;
        voeg_token_toe(&mut verbinding, naam, token_hash, rol, gemeente, nu).await
    }

    /// Every token, newest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn tokens(&self) -> Result<Vec<TokenInfo>, DbFout> {
        Ok(sqlx::query_as::<_, TokenInfo>(
            "SELECT id, naam, rol, gemeente_code, aangemaakt_op, ingetrokken_op FROM api_tokens \
             ORDER BY aangemaakt_op DESC, id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Revokes a token; `false` when there is no live token with this id.
    ///
    /// # Errors
    /// A database error.
    pub async fn trek_token_in(&self, id: &str, nu: i64) -> Result<bool, DbFout> {
        let resultaat = sqlx::query(
            "UPDATE api_tokens SET ingetrokken_op = $1 WHERE id = $2 AND ingetrokken_op IS NULL",
        )
        .bind(nu)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(resultaat.rows_affected() == 1)
    }

    /// Who a live token acts as.
    ///
    /// # Errors
    /// A database error, or an invalid stored token.
    pub async fn token_actor(&self, token_hash: &str) -> Result<Option<Actor>, DbFout> {
        let rij: Option<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT naam, rol, gemeente_code FROM api_tokens WHERE token_hash = $1 AND ingetrokken_op IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        // A gemeente's token reads and writes its data, as before rights per member.
        rij.map(|(naam, rol, gemeente)| {
            actor(
                format!("token {naam}"),
                &rol,
                gemeente,
                Lidrecht::Bewerken.als_tekst(),
            )
        })
        .transpose()
    }
}

/// Adds an account row (the e-mail address in lower case) on `verbinding` with its rol,
/// gemeente and right; its id.
pub(super) async fn voeg_gebruiker_toe(
    verbinding: &mut sqlx::AnyConnection,
    email: &str,
    wachtwoord_hash: &str,
    (rol, gemeente, recht): (Toegangsrol, Option<&GemeenteCode>, Lidrecht),
    nu: i64,
) -> Result<String, DbFout> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO gebruikers (id, email, wachtwoord_hash, rol, gemeente_code, aangemaakt_op, recht) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(email.trim().to_lowercase())
    .bind(wachtwoord_hash)
    .bind(rol.als_tekst())
    .bind(gemeente.map(GemeenteCode::as_str))
    .bind(nu)
    .bind(recht.als_tekst())
    .execute(verbinding)
    .await
    .map_err(|e| DbFout::uit_unieke_sleutel(e, format!("er is al een account voor {email}")))?;
    Ok(id)
}

/// Links the person `sub` at provider `aanbieder` to account `gebruiker_id` on
/// `verbinding`.
///
/// # Errors
/// [`DbFout::Bestaat`] when that person is linked to an account already, or a database
/// error.
pub(super) async fn voeg_identiteit_toe(
    verbinding: &mut sqlx::AnyConnection,
    aanbieder: &str,
    sub: &str,
    gebruiker_id: &str,
    nu: i64,
) -> Result<(), DbFout> {
    sqlx::query(
        "INSERT INTO identiteiten (aanbieder, sub, gebruiker_id, aangemaakt_op) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(aanbieder)
    .bind(sub)
    .bind(gebruiker_id)
    .bind(nu)
    .execute(verbinding)
    .await
    .map_err(|e| {
        DbFout::uit_unieke_sleutel(
            e,
            format!("deze identiteit bij {aanbieder} hoort al bij een account"),
        )
    })?;
    Ok(())
}

/// Adds an API token row by its hash on `verbinding`; its id.
pub(super) async fn voeg_token_toe(
    verbinding: &mut sqlx::AnyConnection,
    naam: &str,
    token_hash: &str,
    rol: Toegangsrol,
    gemeente: Option<&GemeenteCode>,
    nu: i64,
) -> Result<String, DbFout> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO api_tokens (id, naam, token_hash, rol, gemeente_code, aangemaakt_op) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(naam)
    .bind(token_hash)
    .bind(rol.als_tekst())
    .bind(gemeente.map(GemeenteCode::as_str))
    .bind(nu)
    .execute(verbinding)
    .await?;
    Ok(id)
}

/// Sign-ins one client address may have under way at once.
pub const MAX_AANVRAGEN_PER_ADRES: i64 = 20;

/// Sign-ins all clients together may have under way at once.
pub const MAX_AANVRAGEN: i64 = 100_000;

/// A sign-in under way, as [`Db::neem_oidc_aanvraag`] gives it back once.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OidcAanvraag {
    /// The provider it was started at.
    pub aanbieder: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier of the code challenge sent.
    pub pkce_verifier: String,
    /// Until when it may be finished.
    pub verloopt_op: i64,
    /// The SHA-256 of the invitation this sign-in accepts, if it does.
    pub uitnodiging_hash: Option<String>,
}

impl Db {
    // Signing in through OpenID Connect: the sign-ins under way (so that any instance can
    // finish what another started) and who a person is at a provider.

    /// Keeps a sign-in under way, by the SHA-256 of its state; expired ones go at the
    /// same time (no background job). `false`, and nothing kept, when the client already
    /// has [`MAX_AANVRAGEN_PER_ADRES`] under way or all clients [`MAX_AANVRAGEN`]: a
    /// flood of unfinished sign-ins fills no disk.
    ///
    /// # Errors
    /// A database error.
    pub async fn bewaar_oidc_aanvraag(
        &self,
        state_hash: &str,
        aanvraag: &OidcAanvraag,
        adres_hash: &str,
        nu: i64,
    ) -> Result<bool, DbFout> {
        sqlx::query("DELETE FROM oidc_aanvragen WHERE verloopt_op < $1")
            .bind(nu)
            .execute(&self.pool)
            .await?;
        let (van_adres, totaal): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM oidc_aanvragen WHERE adres_hash = $1), \
                    (SELECT COUNT(*) FROM oidc_aanvragen)",
        )
        .bind(adres_hash)
        .fetch_one(&self.pool)
        .await?;
        if van_adres >= MAX_AANVRAGEN_PER_ADRES || totaal >= MAX_AANVRAGEN {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO oidc_aanvragen \
             (state_hash, aanbieder, nonce, pkce_verifier, adres_hash, verloopt_op, uitnodiging_hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(state_hash)
        .bind(&aanvraag.aanbieder)
        .bind(&aanvraag.nonce)
        .bind(&aanvraag.pkce_verifier)
        .bind(adres_hash)
        .bind(aanvraag.verloopt_op)
        .bind(&aanvraag.uitnodiging_hash)
        .execute(&self.pool)
        .await?;
        Ok(true)
    }

    /// Takes the sign-in under way with this state: it is deleted, so a state (and its
    /// nonce) works once. `None` for an unknown, used or expired one.
    ///
    /// # Errors
    /// A database error.
    pub async fn neem_oidc_aanvraag(
        &self,
        state_hash: &str,
        nu: i64,
    ) -> Result<Option<OidcAanvraag>, DbFout> {
        let aanvraag: Option<OidcAanvraag> = sqlx::query_as(
            "DELETE FROM oidc_aanvragen WHERE state_hash = $1 \
             RETURNING aanbieder, nonce, pkce_verifier, verloopt_op, uitnodiging_hash",
        )
        .bind(state_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(aanvraag.filter(|a| a.verloopt_op >= nu))
    }

    /// The enabled account of the person `sub` at provider `aanbieder`.
    ///
    /// # Errors
    /// A database error.
    pub async fn account_van_identiteit(
        &self,
        aanbieder: &str,
        sub: &str,
    ) -> Result<Option<Account>, DbFout> {
        Ok(sqlx::query_as::<_, Account>(
            "SELECT g.id, g.email, g.wachtwoord_hash, g.rol, g.gemeente_code, g.recht FROM identiteiten i \
             JOIN gebruikers g ON g.id = i.gebruiker_id \
             WHERE i.aanbieder = $1 AND i.sub = $2 AND g.uitgeschakeld_op IS NULL",
        )
        .bind(aanbieder)
        .bind(sub)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Gives an account another rol and gemeente (its provider's rules say so now). The
    /// right it had in the gemeente it leaves does not come along: it starts at
    /// `bewerken`, and the new gemeente's beheerder decides.
    ///
    /// # Errors
    /// A database error.
    pub async fn zet_toegang(
        &self,
        account_id: &str,
        rol: Toegangsrol,
        gemeente: Option<&GemeenteCode>,
    ) -> Result<(), DbFout> {
        sqlx::query("UPDATE gebruikers SET rol = $1, gemeente_code = $2, recht = $3 WHERE id = $4")
            .bind(rol.als_tekst())
            .bind(gemeente.map(GemeenteCode::as_str))
            .bind(Lidrecht::Bewerken.als_tekst())
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Makes the account of the person `sub` at `aanbieder`, with no password (it signs
    /// in only through the provider), and links it, in one transaction.
    ///
    /// # Errors
    /// [`DbFout::Bestaat`] when the e-mail address belongs to another account, or a
    /// database error; nothing is stored then.
    pub async fn maak_identiteit(
        &self,
        aanbieder: &str,
        sub: &str,
        email: &str,
        rol: Toegangsrol,
        gemeente: Option<&GemeenteCode>,
        nu: i64,
    ) -> Result<Account, DbFout> {
        let email = email.trim().to_lowercase();
        let mut tx = self.pool.begin().await?;
        let id = voeg_gebruiker_toe(
            &mut tx,
            &email,
            ZONDER_WACHTWOORD,
            (rol, gemeente, Lidrecht::Bewerken),
            nu,
        )
        .await?;
        voeg_identiteit_toe(&mut tx, aanbieder, sub, &id, nu).await?;
        tx.commit().await?;
        Ok(Account {
            id,
            email,
            wachtwoord_hash: ZONDER_WACHTWOORD.to_owned(),
            rol: rol.als_tekst().to_owned(),
            gemeente_code: gemeente.map(|g| g.as_str().to_owned()),
            recht: Lidrecht::Bewerken.als_tekst().to_owned(),
        })
    }
}

/// The password hash of an account that signs in only through its provider: no PHC
/// string, so no password ever verifies against it.
pub const ZONDER_WACHTWOORD: &str = "!oidc";
