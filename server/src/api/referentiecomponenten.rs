//! `GET /referentiecomponenten` (public) and `POST /referentiecomponenten/import` (regie):
//! an ArchiMate exchange file (AMEFF XML) in the body.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use domain::Referentiecomponent;
use domain::contract::Importrapport;

use super::problem::{ApiFout, Problem};
use crate::db::Db;
use crate::taken::importwerk::Importwerk;
use crate::toegang::Aanvrager;
use crate::toegang::recht::PubliekSchrijfrecht;

/// All GEMMA referentiecomponenten, by name.
#[utoipa::path(get, path = "/referentiecomponenten", tag = "catalogus", operation_id = "referentiecomponentenLijst",
    responses((status = 200, description = "De referentiecomponenten", body = [Referentiecomponent])))]
pub async fn lijst(State(db): State<Db>) -> Result<Json<Vec<Referentiecomponent>>, ApiFout> {
    Ok(Json(db.referentiecomponenten().await?))
}

/// Imports the referentiecomponenten of an AMEFF file; a known Object ID is updated in
/// place. All or nothing.
#[utoipa::path(post, path = "/referentiecomponenten/import", tag = "catalogus", operation_id = "referentiecomponentenImporteren",
    request_body(content = String, content_type = "application/xml", description = "Een ArchiMate-uitwisselbestand (AMEFF)"),
    responses((status = 200, description = "Wat de import deed", body = Importrapport),
        (status = 413, description = "Bestand te groot", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn importeren(
    State(db): State<Db>,
    State(importwerk): State<Importwerk>,
    aanvrager: Aanvrager,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<Importrapport>, ApiFout> {
    let recht = PubliekSchrijfrecht::voor(&aanvrager.actor)?;
    let bytes = body?;
    Ok(Json(
        crate::taken::referentiecomponenten_importeren::importeer(&db, &importwerk, &recht, bytes)
            .await?,
    ))
}
