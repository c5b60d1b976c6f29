//! `GET/POST /opgaven/{id}/aanmeldingen` and `PUT /aanmeldingen/{id}`: a gemeente member
//! asks to join an opgave as coalitiepartner or eerste gebruiker; regie accepts or
//! declines. Members see their own gemeente's aanmeldingen, regie all.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::contract::{Aanmeldverzoek, Besluitbericht, Opgaveaanmelding};

use super::capaciteit::gemeentecode;
use super::problem::{ApiFout, Problem};
use crate::db::Db;
use crate::taken::aanmelden;
use crate::toegang::Aanvrager;
use crate::toegang::recht::{GemeenteSchrijfrecht, PubliekSchrijfrecht};

/// The aanmeldingen for an opgave: the caller's gemeente's, or all for regie.
#[utoipa::path(get, path = "/opgaven/{id}/aanmeldingen", tag = "routekaart", operation_id = "aanmeldingenLijst",
    params(("id" = String, Path, description = "De id van de opgave")),
    responses((status = 200, description = "De aanmeldingen, oudste eerst", body = [Opgaveaanmelding])),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn lijst(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
) -> Result<Json<Vec<Opgaveaanmelding>>, ApiFout> {
    Ok(Json(
        aanmelden::aanmeldingen(&db, &aanvrager.actor, &id).await?,
    ))
}

/// A gemeente member asks to join the opgave in a rol.
#[utoipa::path(post, path = "/opgaven/{id}/aanmeldingen", tag = "routekaart", operation_id = "aanmelden",
    params(("id" = String, Path, description = "De id van de opgave")),
    request_body = Aanmeldverzoek,
    responses((status = 201, description = "Aangemeld; regie beslist", body = Opgaveaanmelding),
        (status = 409, description = "Er is al een open aanmelding", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn aanmelden(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
    body: Result<Json<Aanmeldverzoek>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiFout> {
    let Json(verzoek) = body?;
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &gemeentecode(&verzoek.gemeente)?)?;
    let aanmelding = aanmelden::meld_aan(&db, &recht, &id, verzoek.rol).await?;
    Ok((StatusCode::CREATED, Json(aanmelding)).into_response())
}

/// Regie accepts or declines an open aanmelding.
#[utoipa::path(put, path = "/aanmeldingen/{id}", tag = "routekaart", operation_id = "aanmeldingBesluiten",
    params(("id" = String, Path, description = "De id van de aanmelding")),
    request_body = Besluitbericht,
    responses((status = 200, description = "Besloten", body = Opgaveaanmelding),
        (status = 409, description = "Er is al over besloten", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn besluiten(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
    body: Result<Json<Besluitbericht>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Opgaveaanmelding>, ApiFout> {
    let recht = PubliekSchrijfrecht::voor(&aanvrager.actor)?;
    let Json(bericht) = body?;
    Ok(Json(
        aanmelden::besluit(&db, &recht, &id, bericht.besluit).await?,
    ))
}
