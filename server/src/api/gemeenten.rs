//! `GET /gemeenten`: the CBS list.

use axum::Json;
use axum::extract::State;
use domain::Gemeente;

use super::problem::ApiFout;
use crate::db::Db;

/// All gemeenten, ordered by name.
#[utoipa::path(
    get,
    path = "/gemeenten",
    tag = "gemeenten",
    operation_id = "gemeentenLijst",
    responses((status = 200, description = "Alle gemeenten, op naam", body = [Gemeente]))
)]
pub async fn lijst(State(db): State<Db>) -> Result<Json<Vec<Gemeente>>, ApiFout> {
    Ok(Json(
        db.alle_gemeenten()
            .await
            .map_err(domain::ports::OpslagFout::from)?,
    ))
}
