//! `GET /componenten`, `GET /componenten/{id}` (public) and `POST /componenten/import`
//! (regie): a publiccode.yml in the body, `?laag=` when the file names no layer.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use domain::{Component, ComponentId};
use serde::Deserialize;
use utoipa::IntoParams;

use super::problem::{ApiFout, Problem};
use super::referentiecomponenten::MAX_IMPORT_BYTES;
use crate::db::Db;
use crate::db::componenten::Componentimport;
use crate::import::publiccode;
use crate::toegang::Aanvrager;
use crate::toegang::recht::PubliekSchrijfrecht;

/// The layer for a file that names none.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Laagkeuze {
    /// `interactie`, `proces`, `integratie`, `services` or `data`.
    laag: Option<String>,
}

/// The whole catalogue, by layer and name.
#[utoipa::path(get, path = "/componenten", tag = "catalogus", operation_id = "componentenLijst",
    responses((status = 200, description = "Alle componenten", body = [Component])))]
pub async fn lijst(State(db): State<Db>) -> Result<Json<Vec<Component>>, ApiFout> {
    Ok(Json(db.componenten().await?))
}

/// One component.
#[utoipa::path(get, path = "/componenten/{id}", tag = "catalogus", operation_id = "componentLezen",
    params(("id" = String, Path, description = "De id van de component, bijvoorbeeld open-zaak")),
    responses((status = 200, description = "De component", body = Component)))]
pub async fn lezen(
    State(db): State<Db>,
    Path(id): Path<String>,
) -> Result<Json<Component>, ApiFout> {
    let id = ComponentId::parse(&id).map_err(|e| ApiFout::ongeldig("id", e.to_string()))?;
    db.componenten()
        .await?
        .into_iter()
        .find(|k| k.id == id)
        .map(Json)
        .ok_or_else(|| ApiFout::NietGevonden(format!("er is geen component '{id}'")))
}

/// Imports a publiccode.yml; a component with the same `url` is updated.
#[utoipa::path(post, path = "/componenten/import", tag = "catalogus", operation_id = "componentImporteren", params(Laagkeuze),
    request_body(content = String, content_type = "application/yaml", description = "Een publiccode.yml"),
    responses((status = 200, description = "Wat de import deed", body = Componentimport),
        (status = 401, description = "Niet ingelogd", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen recht", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Bestand te groot", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn importeren(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    keuze: Result<Query<Laagkeuze>, axum::extract::rejection::QueryRejection>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<Componentimport>, ApiFout> {
    let recht = PubliekSchrijfrecht::voor(&aanvrager.actor)?;
    let Query(keuze) = keuze?;
    let bytes = body.map_err(|fout| match fout {
        axum::extract::rejection::BytesRejection::FailedToBufferBody(_) => {
            ApiFout::TeGroot(MAX_IMPORT_BYTES)
        }
        anders => ApiFout::ongeldig("bestand", anders.body_text()),
    })?;
    let gelezen = publiccode::lees(&bytes)?;
    let gevraagd = keuze
        .laag
        .as_deref()
        .map(|t| publiccode::laag(t).ok_or_else(|| ApiFout::ongeldig("laag", format!("'{t}' is geen laag: gebruik interactie, proces, integratie, services of data"))))
        .transpose()?;
    let laag = gelezen.laag.or(gevraagd).ok_or_else(|| {
        ApiFout::ongeldig(
            "laag",
            "het bestand noemt geen laag (nl.commonground.layerType): geef ?laag= mee",
        )
    })?;
    Ok(Json(db.importeer_publiccode(&recht, &gelezen, laag).await?))
}
