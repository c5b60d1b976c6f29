//! `GET/POST /opgaven/{id}/aanmeldingen` and `PUT /aanmeldingen/{id}`: a gemeente member
//! asks to join an opgave as coalitiepartner or eerste gebruiker; regie accepts or
//! declines. Members see their own gemeente's aanmeldingen, regie all.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::contract::{Aanmeldverzoek, Besluit, Besluitbericht, Opgaveaanmelding};
use domain::toegang::Actor;
use domain::{GemeenteCode, OpgaveId};

use super::capaciteit::gemeentecode;
use super::problem::{ApiFout, Problem};
use crate::db::Db;
use crate::toegang::Aanvrager;
use crate::toegang::recht::{GemeenteSchrijfrecht, PubliekSchrijfrecht};

async fn bestaande_opgave(db: &Db, id: &str) -> Result<OpgaveId, ApiFout> {
    let id = OpgaveId::parse(id).map_err(|e| ApiFout::ongeldig("id", e.to_string()))?;
    db.opgaveversie(&id)
        .await?
        .map(|_| id.clone())
        .ok_or_else(|| ApiFout::NietGevonden(format!("er is geen opgave met id '{id}'")))
}

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
    let gemeente: Option<GemeenteCode> = match &aanvrager.actor {
        Actor::Anoniem => return Err(ApiFout::NietIngelogd),
        Actor::Lid { gemeente, .. } => Some(gemeente.clone()),
        Actor::Regie { .. } => None,
    };
    let opgave = bestaande_opgave(&db, &id).await?;
    Ok(Json(db.aanmeldingen(&opgave, gemeente.as_ref()).await?))
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
    let opgave = bestaande_opgave(&db, &id).await?;
    let aanmelding = db.meld_aan(&recht, &opgave, verzoek.rol).await?;
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
    let accepteren = matches!(bericht.besluit, Besluit::Accepteren);
    db.besluit_aanmelding(&recht, &id, accepteren)
        .await?
        .map(Json)
        .ok_or_else(|| ApiFout::NietGevonden(format!("er is geen aanmelding '{id}'")))
}
