//! `GET /opgaven` and `GET /opgaven/{id}`: the published Routekaart.

use axum::Json;
use axum::extract::{Path, State};
use domain::ports::OpslagFout;
use domain::{Opgave, OpgaveId};

use super::problem::ApiFout;
use crate::db::Db;

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
pub async fn lezen(State(db): State<Db>, Path(id): Path<String>) -> Result<Json<Opgave>, ApiFout> {
    let id = OpgaveId::parse(&id).map_err(|e| ApiFout::ongeldig("id", e.to_string()))?;
    db.opgave_met_id(&id)
        .await
        .map_err(OpslagFout::from)?
        .map(Json)
        .ok_or_else(|| ApiFout::NietGevonden(format!("er is geen opgave met id '{id}'")))
}
