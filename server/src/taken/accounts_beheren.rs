//! A gemeente's beheerder manages its accounts, and regie its own and the API tokens:
//! invite a colleague (a single-use link that expires), change a right, disable or enable
//! an account (disabling ends its sessions), revoke an invitation; regie also appoints a
//! gemeente's first beheerder by invitation. Who may do which is `domain::toegang`; each
//! change is recorded in the audit trail.

use domain::GemeenteCode;
use domain::contract::{
    Accountregel, Accountwijziging, NieuwToken, NieuweUitnodiging, Tokeninvoer, Uitnodigingsinvoer,
};
use domain::toegang::Lidrecht;
use domain::toegang::recht::{Accountbeheerrecht, Accountkring, Uitnodigrecht};
use domain::toegang::{Actor, Weigering};

use super::Taakfout;
use crate::db::Db;
use crate::db::accounts::{Accountuitkomst, moment};
use crate::toegang::geheim::{nieuw_geheim, sha256_hex};
use crate::toegang::sessie::MAX_EMAIL_TEKENS;

/// The longest name of a token.
pub const MAX_TOKENNAAM_TEKENS: usize = 100;

/// Checks `email` as an account's address: one `@` with text on both sides, no spaces or
/// control characters, at most [`MAX_EMAIL_TEKENS`].
fn toets_email(email: &str) -> Result<String, Taakfout> {
    let email = email.trim().to_lowercase();
    let fout = |reden: &str| Taakfout::Velden(vec![("email".into(), reden.into())]);
    if email.chars().count() > MAX_EMAIL_TEKENS {
        return Err(fout(&format!(
            "te lang: hoogstens {MAX_EMAIL_TEKENS} tekens"
        )));
    }
    let geldig = email.split_once('@').is_some_and(|(naam, domein)| {
        !naam.is_empty() && domein.contains('.') && !domein.contains('@')
    }) && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if !geldig {
        return Err(fout("vul een e-mailadres in, zoals naam@gemeente.nl"));
    }
    Ok(email)
}

/// The right to invite into `kring` with the right the invitation asks (default
/// `bewerken`).
///
/// # Errors
/// 401 or 403.
pub fn uitnodigrecht(
    actor: &Actor,
    kring: &Accountkring,
    invoer: &Uitnodigingsinvoer,
) -> Result<Uitnodigrecht, Weigering> {
    Uitnodigrecht::voor(actor, kring, invoer.recht.unwrap_or(Lidrecht::Bewerken))
}

/// Makes an invitation; its link is in the answer, this once.
///
/// # Errors
/// An invalid address, an address with an account, too many open, or storage.
pub async fn uitnodigen(
    db: &Db,
    recht: &Uitnodigrecht,
    invoer: &Uitnodigingsinvoer,
) -> Result<NieuweUitnodiging, Taakfout> {
    let email = toets_email(&invoer.email)?;
    let token =
        nieuw_geheim().map_err(|e| Taakfout::Ongeldig("token", format!("geen willekeur: {e}")))?;
    let (id, verloopt_op) = db
        .maak_uitnodiging(recht, &email, &sha256_hex(&token))
        .await?;
    Ok(NieuweUitnodiging {
        id,
        link: format!("/uitnodiging/{token}"),
        verloopt_op: moment(verloopt_op),
    })
}

/// Revokes an open invitation.
///
/// # Errors
/// None open with this id in the kring, or storage.
pub async fn uitnodiging_intrekken(
    db: &Db,
    recht: &Accountbeheerrecht,
    id: &str,
) -> Result<(), Taakfout> {
    if db.trek_uitnodiging_in(recht, id).await? {
        Ok(())
    } else {
        Err(Taakfout::NietGevonden(format!(
            "er staat geen uitnodiging '{id}' open"
        )))
    }
}

/// Changes an account's right or whether it is enabled.
///
/// # Errors
/// Nothing to change, a right for a regie account, the beheerder's own account lowered or
/// disabled, no such account in the kring, or storage; nothing is stored then.
pub async fn wijzigen(
    db: &Db,
    recht: &Accountbeheerrecht,
    id: &str,
    wijziging: &Accountwijziging,
) -> Result<Accountregel, Taakfout> {
    if wijziging.recht.is_none() && wijziging.actief.is_none() {
        return Err(Taakfout::Velden(vec![(
            "recht".into(),
            "geef een nieuw recht of actief: true/false".into(),
        )]));
    }
    if wijziging.recht.is_some() && *recht.kring() == Accountkring::Regie {
        return Err(Taakfout::Velden(vec![(
            "recht".into(),
            "regie-accounts hebben geen recht per gemeente; laat recht weg".into(),
        )]));
    }
    match db
        .beheer_account(recht, id, wijziging.recht, wijziging.actief)
        .await?
    {
        Accountuitkomst::Gewijzigd(regel) => Ok(regel),
        Accountuitkomst::Onbekend => Err(Taakfout::NietGevonden(format!(
            "er is geen account '{id}' om te beheren"
        ))),
        Accountuitkomst::Eigen => Err(Taakfout::Velden(vec![(
            if wijziging.actief == Some(false) { "actief" } else { "recht" }.into(),
            "uw eigen account schakelt u niet uit en uw eigen recht verlaagt u niet: vraag dat een andere beheerder".into(),
        )])),
    }
}

/// Makes an API token (for a gemeente, or regie's own); the token is in the answer, this
/// once.
///
/// # Errors
/// An empty or long name, an unknown gemeente, or storage.
pub async fn token_maken(
    db: &Db,
    recht: &Accountbeheerrecht,
    invoer: &Tokeninvoer,
) -> Result<NieuwToken, Taakfout> {
    let naam = invoer.naam.trim();
    if naam.is_empty() || naam.chars().count() > MAX_TOKENNAAM_TEKENS {
        return Err(Taakfout::Velden(vec![(
            "naam".into(),
            format!(
                "geef het token een naam van 1 tot {MAX_TOKENNAAM_TEKENS} tekens, zoals \u{201c}Koppeling zaaksysteem\u{201d}"
            ),
        )]));
    }
    if let Some(code) = &invoer.gemeente
        && db.gemeente(code).await?.is_none()
    {
        return Err(onbekende_gemeente(code));
    }
    let token = format!(
        "gp_{}",
        nieuw_geheim().map_err(|e| Taakfout::Ongeldig("token", format!("geen willekeur: {e}")))?
    );
    let id = db
        .maak_token_door(recht, naam, &sha256_hex(&token), invoer.gemeente.as_ref())
        .await?;
    Ok(NieuwToken { id, token })
}

fn onbekende_gemeente(code: &GemeenteCode) -> Taakfout {
    Taakfout::Velden(vec![(
        "gemeente".into(),
        format!("er is geen gemeente {code}"),
    )])
}

/// Revokes a live API token.
///
/// # Errors
/// No live token with this id, or storage.
pub async fn token_intrekken(
    db: &Db,
    recht: &Accountbeheerrecht,
    id: &str,
) -> Result<(), Taakfout> {
    if db.trek_token_in_door(recht, id).await? {
        Ok(())
    } else {
        Err(Taakfout::NietGevonden(format!(
            "er is geen actief token '{id}'"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_needs_a_real_address() {
        assert_eq!(
            toets_email(" Jan@Utrecht.nl ").ok().as_deref(),
            Some("jan@utrecht.nl")
        );
        for fout in [
            "",
            "jan",
            "@utrecht.nl",
            "jan@utrecht",
            "j an@utrecht.nl",
            "a@b@c.nl",
        ] {
            assert!(toets_email(fout).is_err(), "{fout:?}");
        }
        assert!(toets_email(&format!("{}@utrecht.nl", "a".repeat(250))).is_err());
    }
}
