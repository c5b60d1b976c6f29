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
use crate::taken::scenario_bewaren;
use crate::toegang::Aanvrager;
use crate::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

/// Which gemeente's scenarios.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Filter {
    /// CBS-code, bijvoorbeeld GM0344.
    gemeente: String,
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
    let opgeslagen = scenario_bewaren::maak(&db, &recht, &invoer).await?;
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
    let recht = scenario_bewaren::leesrecht(&db, &aanvrager.actor, &id).await?;
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
    let recht = scenario_bewaren::schrijfrecht(&db, &aanvrager.actor, &id).await?;
    let Json(invoer) = body?;
    let opgeslagen =
        scenario_bewaren::wijzig(&db, &recht, &id, if_match.versie()?, &invoer).await?;
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
    let recht = scenario_bewaren::schrijfrecht(&db, &aanvrager.actor, &id).await?;
    scenario_bewaren::verwijder(&db, &recht, &id).await?;
    Ok(StatusCode::NO_CONTENT)
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
    let recht = scenario_bewaren::schrijfrecht(&db, &aanvrager.actor, &id).await?;
    let deellink = scenario_bewaren::deel(&db, &recht, &id).await?;
    Ok((StatusCode::CREATED, Json(deellink)).into_response())
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
    let recht = scenario_bewaren::schrijfrecht(&db, &aanvrager.actor, &id).await?;
    scenario_bewaren::trek_in(&db, &recht, &id, &token).await?;
    Ok(StatusCode::NO_CONTENT)
}
