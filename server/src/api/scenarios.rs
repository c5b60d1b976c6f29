//! `/scenarios`: saved what-if plans of a gemeente, and their share links. Only the
//! gemeente's members write them; its members and regie read them.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::contract::{Deellink, OpgeslagenScenario, Scenarioinvoer};
use serde::Deserialize;
use utoipa::IntoParams;

use super::capaciteit::gemeentecode;
use super::problem::{ApiFout, Problem};
use super::versie::{IfMatch, etag};
use crate::db::Db;
use crate::toegang::Aanvrager;
use crate::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

/// Which gemeente's scenarios.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Filter {
    /// CBS-code, bijvoorbeeld GM0344.
    gemeente: String,
}

/// A scenario past the bounds of `domain::grenzen` as a 422 naming each field.
fn binnen_grenzen(scenario: &domain::scenario::Scenario) -> Result<(), ApiFout> {
    let fouten = scenario.grensfouten();
    if fouten.is_empty() {
        Ok(())
    } else {
        Err(ApiFout::velden(fouten))
    }
}

fn geldige_naam(naam: &str) -> Result<&str, ApiFout> {
    let naam = naam.trim();
    if naam.is_empty() || domain::grenzen::tekst(naam, domain::grenzen::MAX_NAAM_TEKENS).is_err() {
        return Err(ApiFout::ongeldig(
            "naam",
            "geef een naam van 1 tot 200 tekens",
        ));
    }
    Ok(naam)
}

/// The owner of scenario `id`, or 404.
async fn eigenaar(db: &Db, id: &str) -> Result<domain::GemeenteCode, ApiFout> {
    db.eigenaar_van_scenario(id)
        .await?
        .ok_or_else(|| ApiFout::NietGevonden(format!("er is geen scenario '{id}'")))
}

/// The scenarios of a gemeente.
#[utoipa::path(get, path = "/scenarios", tag = "scenarios", operation_id = "scenariosLijst", params(Filter),
    responses((status = 200, description = "De scenario's van de gemeente", body = [OpgeslagenScenario])),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn lijst(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    filter: Result<Query<Filter>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<OpgeslagenScenario>>, ApiFout> {
    let Query(filter) = filter?;
    let recht = GemeenteLeesrecht::voor(&aanvrager.actor, &gemeentecode(&filter.gemeente)?)?;
    Ok(Json(db.scenarios(&recht).await?))
}

/// Saves a new scenario for the gemeente it names.
#[utoipa::path(post, path = "/scenarios", tag = "scenarios", operation_id = "scenarioMaken", request_body = Scenarioinvoer,
    responses((status = 201, description = "Opgeslagen, met ETag", body = OpgeslagenScenario)),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn maken(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    body: Result<Json<Scenarioinvoer>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiFout> {
    let Json(invoer) = body?;
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &invoer.scenario.gemeente)?;
    binnen_grenzen(&invoer.scenario)?;
    let opgeslagen = db
        .maak_scenario(&recht, geldige_naam(&invoer.naam)?, &invoer.scenario)
        .await?;
    Ok((
        StatusCode::CREATED,
        [(header::ETAG, etag(opgeslagen.versie))],
        Json(opgeslagen),
    )
        .into_response())
}

/// One scenario.
#[utoipa::path(get, path = "/scenarios/{id}", tag = "scenarios", operation_id = "scenarioLezen",
    params(("id" = String, Path, description = "De id van het scenario")),
    responses((status = 200, description = "Het scenario, met ETag", body = OpgeslagenScenario)),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn lezen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
) -> Result<Response, ApiFout> {
    let recht = GemeenteLeesrecht::voor(&aanvrager.actor, &eigenaar(&db, &id).await?)?;
    let opgeslagen = db
        .scenario(&recht, &id)
        .await?
        .ok_or_else(|| ApiFout::NietGevonden(format!("er is geen scenario '{id}'")))?;
    Ok(([(header::ETAG, etag(opgeslagen.versie))], Json(opgeslagen)).into_response())
}

/// Replaces a scenario; needs `If-Match`.
#[utoipa::path(put, path = "/scenarios/{id}", tag = "scenarios", operation_id = "scenarioWijzigen", request_body = Scenarioinvoer,
    params(("id" = String, Path, description = "De id van het scenario"),
        ("If-Match" = String, Header, description = "De ETag van de laatste keer lezen")),
    responses((status = 200, description = "Opgeslagen, met de nieuwe ETag", body = OpgeslagenScenario),
        (status = 409, description = "Intussen gewijzigd", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match ontbreekt", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn wijzigen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
    if_match: IfMatch,
    body: Result<Json<Scenarioinvoer>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiFout> {
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &eigenaar(&db, &id).await?)?;
    let Json(invoer) = body?;
    binnen_grenzen(&invoer.scenario)?;
    if &invoer.scenario.gemeente != recht.gemeente() {
        return Err(ApiFout::ongeldig(
            "scenario.gemeente",
            "een scenario blijft bij de gemeente waarvoor het is gemaakt",
        ));
    }
    let verwacht = if_match.vereist()?;
    let opgeslagen = db
        .wijzig_scenario(
            &recht,
            &id,
            verwacht,
            geldige_naam(&invoer.naam)?,
            &invoer.scenario,
        )
        .await?
        .ok_or_else(|| ApiFout::NietGevonden(format!("er is geen scenario '{id}'")))?;
    Ok(([(header::ETAG, etag(opgeslagen.versie))], Json(opgeslagen)).into_response())
}

/// Deletes a scenario and its share links.
#[utoipa::path(delete, path = "/scenarios/{id}", tag = "scenarios", operation_id = "scenarioVerwijderen",
    params(("id" = String, Path, description = "De id van het scenario")),
    responses((status = 204, description = "Verwijderd")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn verwijderen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiFout> {
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &eigenaar(&db, &id).await?)?;
    if db.verwijder_scenario(&recht, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiFout::NietGevonden(format!("er is geen scenario '{id}'")))
    }
}

/// Makes a read-only share link for a scenario.
#[utoipa::path(post, path = "/scenarios/{id}/deellinks", tag = "scenarios", operation_id = "deellinkMaken",
    params(("id" = String, Path, description = "De id van het scenario")),
    responses((status = 201, description = "De link; het token wordt alleen nu getoond", body = Deellink)),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn deellink_maken(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
) -> Result<Response, ApiFout> {
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &eigenaar(&db, &id).await?)?;
    let token = db
        .maak_deellink(&recht, &id)
        .await?
        .ok_or_else(|| ApiFout::NietGevonden(format!("er is geen scenario '{id}'")))?;
    let url = format!("/plan/{token}");
    Ok((StatusCode::CREATED, Json(Deellink { token, url })).into_response())
}

/// Revokes a share link.
#[utoipa::path(delete, path = "/scenarios/{id}/deellinks/{token}", tag = "scenarios", operation_id = "deellinkIntrekken",
    params(("id" = String, Path, description = "De id van het scenario"), ("token" = String, Path, description = "Het token van de link")),
    responses((status = 204, description = "Ingetrokken")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn deellink_intrekken(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path((id, token)): Path<(String, String)>,
) -> Result<StatusCode, ApiFout> {
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &eigenaar(&db, &id).await?)?;
    if db.trek_deellink_in(&recht, &id, &token).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiFout::NietGevonden(
            "er is geen actieve deellink met dit token".into(),
        ))
    }
}
