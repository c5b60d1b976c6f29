//! `GET/PUT /gemeenten/{code}/capaciteit`: what a gemeente can spend on the transition.
//! Its own data: read and written only by its members (regie reads), with ETag/If-Match.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::{Capaciteit, GemeenteCode};

use super::problem::ApiFout;
use super::versie::{IfMatch, met_etag};
use crate::db::Db;
use crate::toegang::Aanvrager;
use crate::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

pub(super) fn gemeentecode(code: &str) -> Result<GemeenteCode, ApiFout> {
    GemeenteCode::parse(code).map_err(|e| ApiFout::ongeldig("code", e.to_string()))
}

/// The capaciteit of a gemeente.
#[utoipa::path(
    get,
    path = "/gemeenten/{code}/capaciteit",
    tag = "gemeenten",
    operation_id = "capaciteitLezen",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344")),
    responses(
        (status = 200, description = "De capaciteit, met ETag", body = Capaciteit),
    ),
    security(("bearer" = []), ("sessie" = []))
)]
pub async fn lezen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
) -> Result<Response, ApiFout> {
    let recht = GemeenteLeesrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    let (capaciteit, versie) = db.capaciteit(&recht).await?.ok_or_else(|| {
        ApiFout::NietGevonden(format!("{code} heeft nog geen capaciteit opgegeven"))
    })?;
    Ok(met_etag(StatusCode::OK, versie, capaciteit))
}

/// Sets the capaciteit of a gemeente; an existing one needs `If-Match`.
#[utoipa::path(
    put,
    path = "/gemeenten/{code}/capaciteit",
    tag = "gemeenten",
    operation_id = "capaciteitZetten",
    params(
        ("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"),
        ("If-Match" = Option<String>, Header, description = "De ETag van de laatste keer lezen (verplicht als er al een capaciteit is)")
    ),
    request_body = Capaciteit,
    responses(
        (status = 200, description = "Opgeslagen, met de nieuwe ETag", body = Capaciteit),
        (status = 409, description = "Intussen gewijzigd", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Negatieve waarden", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match ontbreekt", body = super::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("sessie" = []))
)]
pub async fn zetten(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
    if_match: IfMatch,
    body: Result<Json<Capaciteit>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiFout> {
    // The right first: an anonymous or foreign request learns nothing about the body.
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    let Json(capaciteit) = body?;
    let (capaciteit, versie) =
        crate::taken::capaciteit_zetten::zet(&db, &recht, capaciteit, if_match.versie()?).await?;
    Ok(met_etag(StatusCode::OK, versie, capaciteit))
}
