//! `GET /componenten`, `GET /componenten/{id}` (public) and `POST /componenten/import`
//! (regie): a publiccode.yml in the body, `?laag=` when the file names no layer.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::contract::Componentimport;
use domain::{Component, ComponentId};
use serde::Deserialize;
use utoipa::IntoParams;

use super::problem::{ApiFout, Problem};
use super::versie::{IfMatch, met_etag, zelfde_id};
use crate::db::Db;
use crate::import::publiccode;
use crate::taken::component_bewaren;
use crate::taken::importwerk::Importwerk;
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

fn component_id(id: &str) -> Result<ComponentId, ApiFout> {
    ComponentId::parse(id).map_err(|e| ApiFout::ongeldig("id", e.to_string()))
}

/// One component, with its ETag.
#[utoipa::path(get, path = "/componenten/{id}", tag = "catalogus", operation_id = "componentLezen",
    params(("id" = String, Path, description = "De id van de component, bijvoorbeeld open-zaak")),
    responses((status = 200, description = "De component", body = Component)))]
pub async fn lezen(State(db): State<Db>, Path(id): Path<String>) -> Result<Response, ApiFout> {
    let id = component_id(&id)?;
    let component = db
        .componenten()
        .await?
        .into_iter()
        .find(|k| k.id == id)
        .ok_or_else(|| component_bewaren::geen_component(&id))?;
    let versie = db.componentversie(&id).await?.unwrap_or(0);
    Ok(met_etag(StatusCode::OK, versie, component))
}

/// Adds a component (regie).
#[utoipa::path(post, path = "/componenten", tag = "catalogus", operation_id = "componentMaken", request_body = Component,
    responses((status = 201, description = "Toegevoegd, met ETag", body = Component),
        (status = 409, description = "De id bestaat al", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Verwijst naar iets dat niet bestaat", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn maken(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    body: Result<Json<Component>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiFout> {
    let recht = PubliekSchrijfrecht::voor(&aanvrager.actor)?;
    let Json(component) = body?;
    let versie = component_bewaren::maak(&db, &recht, &component).await?;
    Ok(met_etag(StatusCode::CREATED, versie, component))
}

/// Changes a component (regie); needs `If-Match`.
#[utoipa::path(put, path = "/componenten/{id}", tag = "catalogus", operation_id = "componentWijzigen", request_body = Component,
    params(("id" = String, Path, description = "De id van de component"),
        ("If-Match" = String, Header, description = "De ETag van de laatste keer lezen")),
    responses((status = 200, description = "Opgeslagen, met de nieuwe ETag", body = Component),
        (status = 409, description = "Intussen gewijzigd", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Verwijst naar iets dat niet bestaat", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match ontbreekt", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn wijzigen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
    if_match: IfMatch,
    body: Result<Json<Component>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiFout> {
    let recht = PubliekSchrijfrecht::voor(&aanvrager.actor)?;
    let id = component_id(&id)?;
    let Json(component) = body?;
    zelfde_id(&id, &component.id)?;
    let versie = component_bewaren::wijzig(&db, &recht, &component, if_match.versie()?).await?;
    Ok(met_etag(StatusCode::OK, versie, component))
}

/// Deletes a component (regie).
#[utoipa::path(delete, path = "/componenten/{id}", tag = "catalogus", operation_id = "componentVerwijderen",
    params(("id" = String, Path, description = "De id van de component")),
    responses((status = 204, description = "Verwijderd")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn verwijderen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiFout> {
    let recht = PubliekSchrijfrecht::voor(&aanvrager.actor)?;
    let id = component_id(&id)?;
    component_bewaren::verwijder(&db, &recht, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Imports a publiccode.yml; a component with the same `url` is updated.
#[utoipa::path(post, path = "/componenten/import", tag = "catalogus", operation_id = "componentImporteren", params(Laagkeuze),
    request_body(content = String, content_type = "application/yaml", description = "Een publiccode.yml"),
    responses((status = 200, description = "Wat de import deed", body = Componentimport),
        (status = 413, description = "Bestand te groot", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn importeren(
    State(db): State<Db>,
    State(importwerk): State<Importwerk>,
    aanvrager: Aanvrager,
    keuze: Result<Query<Laagkeuze>, axum::extract::rejection::QueryRejection>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<Componentimport>, ApiFout> {
    let recht = PubliekSchrijfrecht::voor(&aanvrager.actor)?;
    let Query(keuze) = keuze?;
    let bytes = body?;
    let gevraagd = keuze
        .laag
        .as_deref()
        .map(|t| publiccode::laag(t).ok_or_else(|| ApiFout::ongeldig("laag", format!("'{t}' is geen laag: gebruik interactie, proces, integratie, services of data"))))
        .transpose()?;
    Ok(Json(
        crate::taken::publiccode_importeren::importeer(&db, &importwerk, &recht, bytes, gevraagd)
            .await?,
    ))
}
