//! `GET /opgaven` and `GET /opgaven/{id}`: the published Routekaart; `POST /opgaven` and
//! `PUT /opgaven/{id}` (If-Match): regie changes it, checked as a whole by
//! `domain::tijdlijn::valideer` (dates, fase order, dependencies, cycles named) first.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::ports::OpslagFout;
use domain::{Opgave, OpgaveId};

use super::problem::{ApiFout, Problem};
use super::versie::{IfMatch, met_etag, zelfde_id};
use crate::db::Db;
use crate::taken::opgave_bewaren;
use crate::toegang::Aanvrager;
use crate::toegang::recht::PubliekSchrijfrecht;

/// All opgaven of the Routekaart, by the start of their ontwikkelfase.
#[utoipa::path(
    get,
    path = "/opgaven",
    tag = "routekaart",
    operation_id = "opgavenLijst",
    responses((status = 200, description = "Alle opgaven met fasen, activiteiten, besluiten en deelnemers", body = [Opgave]))
)]
pub async fn lijst(State(db): State<Db>) -> Result<Json<Vec<Opgave>>, ApiFout> {
    Ok(Json(db.alle_opgaven().await.map_err(OpslagFout::from)?))
}

/// One opgave.
#[utoipa::path(
    get,
    path = "/opgaven/{id}",
    tag = "routekaart",
    operation_id = "opgaveLezen",
    params(("id" = String, Path, description = "De id van de opgave, bijvoorbeeld `zaakgericht-werken`")),
    responses((status = 200, description = "De opgave", body = Opgave))
)]
pub async fn lezen(State(db): State<Db>, Path(id): Path<String>) -> Result<Response, ApiFout> {
    let id = opgave_id(&id)?;
    // The version before the opgave: an edit in between makes the opgave newer than its
    // ETag, so a PUT on it gets a 409 instead of overwriting the edit unseen.
    let versie = db.opgaveversie(&id).await?;
    let opgave = db
        .opgave_met_id(&id)
        .await
        .map_err(OpslagFout::from)?
        .ok_or_else(|| opgave_bewaren::geen_opgave(&id))?;
    Ok(met_etag(StatusCode::OK, versie.unwrap_or(1), opgave))
}

fn opgave_id(id: &str) -> Result<OpgaveId, ApiFout> {
    OpgaveId::parse(id).map_err(|e| ApiFout::ongeldig("id", e.to_string()))
}

/// Adds an opgave to the Routekaart (regie).
#[utoipa::path(post, path = "/opgaven", tag = "routekaart", operation_id = "opgaveMaken", request_body = Opgave,
    responses((status = 201, description = "Toegevoegd, met ETag", body = Opgave),
        (status = 409, description = "De id bestaat al", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "De Routekaart klopt dan niet meer (datums, volgorde, afhankelijkheden)", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn maken(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    body: Result<Json<Opgave>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiFout> {
    let recht = PubliekSchrijfrecht::voor(&aanvrager.actor)?;
    let Json(opgave) = body?;
    let versie = opgave_bewaren::maak(&db, &recht, &opgave).await?;
    Ok(met_etag(StatusCode::CREATED, versie, opgave))
}

/// Changes an opgave: every field, its fasen, activiteiten with dependencies, besluiten,
/// deelnemers and bijdragen (regie; needs `If-Match`).
#[utoipa::path(put, path = "/opgaven/{id}", tag = "routekaart", operation_id = "opgaveWijzigen", request_body = Opgave,
    params(("id" = String, Path, description = "De id van de opgave"),
        ("If-Match" = String, Header, description = "De ETag van de laatste keer lezen")),
    responses((status = 200, description = "Opgeslagen, met de nieuwe ETag", body = Opgave),
        (status = 409, description = "Intussen gewijzigd", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "De Routekaart klopt dan niet meer", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match ontbreekt", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn wijzigen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
    if_match: IfMatch,
    body: Result<Json<Opgave>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiFout> {
    let recht = PubliekSchrijfrecht::voor(&aanvrager.actor)?;
    let id = opgave_id(&id)?;
    let Json(opgave) = body?;
    zelfde_id(&id, &opgave.id)?;
    let versie = opgave_bewaren::wijzig(&db, &recht, &opgave, if_match.versie()?).await?;
    Ok(met_etag(StatusCode::OK, versie, opgave))
}
