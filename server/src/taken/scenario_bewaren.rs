//! A gemeente member saves a what-if plan as a scenario, changes or deletes it, and makes
//! or revokes a read-only share link to it. A scenario belongs to the gemeente it was made
//! for: only its members write it, its members and regie read it.

use domain::GemeenteCode;
use domain::contract::{Deellink, OpgeslagenScenario, Scenarioinvoer};
use domain::toegang::Actor;
use domain::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

use super::Taakfout;
use crate::db::{Db, DbFout};

fn geen_scenario(id: &str) -> Taakfout {
    Taakfout::NietGevonden(format!("er is geen scenario '{id}'"))
}

/// The gemeente scenario `id` belongs to; the rights follow from it.
async fn eigenaar(db: &Db, id: &str) -> Result<GemeenteCode, Taakfout> {
    db.eigenaar_van_scenario(id)
        .await?
        .ok_or_else(|| geen_scenario(id))
}

/// The right to read scenario `id`.
///
/// # Errors
/// No such scenario, the actor's refusal, or storage.
pub async fn leesrecht(db: &Db, actor: &Actor, id: &str) -> Result<GemeenteLeesrecht, Taakfout> {
    Ok(GemeenteLeesrecht::voor(actor, &eigenaar(db, id).await?)?)
}

/// The right to change scenario `id` or share it.
///
/// # Errors
/// No such scenario, the actor's refusal, or storage.
pub async fn schrijfrecht(
    db: &Db,
    actor: &Actor,
    id: &str,
) -> Result<GemeenteSchrijfrecht, Taakfout> {
    Ok(GemeenteSchrijfrecht::voor(actor, &eigenaar(db, id).await?)?)
}

/// The scenario's name, trimmed: when its content keeps within the bounds of
/// `domain::grenzen` (each field past one named), it stays with its gemeente, and the name
/// is one (1 to 200 characters).
fn toets<'a>(
    recht: &GemeenteSchrijfrecht,
    invoer: &'a Scenarioinvoer,
) -> Result<&'a str, Taakfout> {
    let fouten = invoer.scenario.grensfouten();
    if !fouten.is_empty() {
        return Err(Taakfout::Velden(fouten));
    }
    if &invoer.scenario.gemeente != recht.gemeente() {
        return Err(Taakfout::Ongeldig(
            "scenario.gemeente",
            "een scenario blijft bij de gemeente waarvoor het is gemaakt".into(),
        ));
    }
    let naam = invoer.naam.trim();
    if naam.is_empty() || domain::grenzen::tekst(naam, domain::grenzen::MAX_NAAM_TEKENS).is_err() {
        return Err(Taakfout::Ongeldig(
            "naam",
            "geef een naam van 1 tot 200 tekens".into(),
        ));
    }
    Ok(naam)
}

/// Saves a new scenario for the gemeente of `recht` (the one the scenario names).
///
/// # Errors
/// Every field that breaks a bound, or storage; nothing is stored then.
pub async fn maak(
    db: &Db,
    recht: &GemeenteSchrijfrecht,
    invoer: &Scenarioinvoer,
) -> Result<OpgeslagenScenario, Taakfout> {
    let naam = toets(recht, invoer)?;
    Ok(db.maak_scenario(recht, naam, &invoer.scenario).await?)
}

/// Replaces scenario `id` read at version `verwacht` (which a change requires).
///
/// # Errors
/// Every field that breaks a bound, a missing or stale version, no such scenario, or
/// storage; nothing is stored then.
pub async fn wijzig(
    db: &Db,
    recht: &GemeenteSchrijfrecht,
    id: &str,
    verwacht: Option<i64>,
    invoer: &Scenarioinvoer,
) -> Result<OpgeslagenScenario, Taakfout> {
    let naam = toets(recht, invoer)?;
    let verwacht = verwacht.ok_or(DbFout::VersieVereist)?;
    db.wijzig_scenario(recht, id, verwacht, naam, &invoer.scenario)
        .await?
        .ok_or_else(|| geen_scenario(id))
}

/// Deletes scenario `id` and its share links.
///
/// # Errors
/// No such scenario, or storage.
pub async fn verwijder(db: &Db, recht: &GemeenteSchrijfrecht, id: &str) -> Result<(), Taakfout> {
    if db.verwijder_scenario(recht, id).await? {
        Ok(())
    } else {
        Err(geen_scenario(id))
    }
}

/// Makes a read-only share link to scenario `id`; its token is shown only now.
///
/// # Errors
/// No such scenario, or storage.
pub async fn deel(db: &Db, recht: &GemeenteSchrijfrecht, id: &str) -> Result<Deellink, Taakfout> {
    let token = db
        .maak_deellink(recht, id)
        .await?
        .ok_or_else(|| geen_scenario(id))?;
    let url = format!("/plan/{token}");
    Ok(Deellink { token, url })
}

/// Revokes the live share link `token` of scenario `id`.
///
/// # Errors
/// No such live link, or storage.
pub async fn trek_in(
    db: &Db,
    recht: &GemeenteSchrijfrecht,
    id: &str,
    token: &str,
) -> Result<(), Taakfout> {
    if db.trek_deellink_in(recht, id, token).await? {
        Ok(())
    } else {
        Err(Taakfout::NietGevonden(
            "er is geen actieve deellink met dit token".into(),
        ))
    }
}
