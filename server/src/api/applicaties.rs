//! `/gemeenten/{code}/applicaties`: a gemeente's landscape, read and written by its own
//! members (regie reads), one applicatie at a time with ETag/If-Match, or as a whole file
//! (CSV or XLSX in, CSV out).

use domain::contract::Landschapimport;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::landschap::gegevens::{AanTeVullen, Applicatiegegevens};
use domain::{Applicatie, ApplicatieId};
use serde::Deserialize;
use utoipa::IntoParams;

use super::agenda::Exportformaat;
use super::capaciteit::gemeentecode;
use super::problem::{ApiFout, Problem};
use super::versie::{IfMatch, etag, met_etag, zelfde_id};
use crate::db::Db;
use crate::import::ameff_landschap::Eigenschapnamen;
use crate::import::landschap;
use crate::taken::applicatie_bewaren;
use crate::taken::importwerk::Importwerk;
use crate::toegang::Aanvrager;
use crate::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

/// How an import treats applicaties the file does not name.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Importwijze {
    /// `true`: the landscape becomes exactly the file (others are removed); default
    /// `false`: rows replace the applicatie with the same id or are added.
    #[serde(default)]
    vervangen: bool,
    /// `true`: store nothing, answer what the import would do (an `Importvoorbeeld`,
    /// with the landscape's version as `ETag`: send it as `If-Match` to import exactly
    /// that).
    #[serde(default)]
    proefdraai: bool,
    /// For an ArchiMate file: the model's own names of contract facts, besides those
    /// Grondplan knows, as `kolom:naam` pairs separated by `;`
    /// (`einddatum:Contract einde;opzegtermijnMaanden:Opzegging`).
    #[serde(default)]
    eigenschappen: Option<String>,
}

fn applicatie_id(id: &str) -> Result<ApplicatieId, ApiFout> {
    ApplicatieId::parse(id).map_err(|e| ApiFout::ongeldig("id", e.to_string()))
}

fn niet_gevonden(code: &str, id: &ApplicatieId) -> ApiFout {
    ApiFout::NietGevonden(format!("{code} heeft geen applicatie '{id}'"))
}

/// The applicaties of a gemeente, in its own order.
#[utoipa::path(get, path = "/gemeenten/{code}/applicaties", tag = "landschap", operation_id = "applicatiesLijst",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344")),
    responses((status = 200, description = "Het applicatielandschap", body = [Applicatie])),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn lijst(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
) -> Result<Json<Vec<Applicatie>>, ApiFout> {
    let recht = GemeenteLeesrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    Ok(Json(db.applicaties(&recht).await?))
}

/// The applicaties an import brought without an einddatum: out of the plan until a member
/// completes one, by adding it (`POST /gemeenten/{code}/applicaties`) with its `id`.
#[utoipa::path(get, path = "/gemeenten/{code}/aan-te-vullen", tag = "landschap", operation_id = "aanTeVullenLijst",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344")),
    responses((status = 200, description = "De applicaties aan te vullen, met wat elk ontbreekt", body = [AanTeVullen])),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn aan_te_vullen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
) -> Result<Json<Vec<AanTeVullen>>, ApiFout> {
    let recht = GemeenteLeesrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    Ok(Json(db.aan_te_vullen(&recht).await?))
}

/// Adds an applicatie; without `id` one is made from the naam. With the `id` of one aan
/// te vullen, it completes that one.
#[utoipa::path(post, path = "/gemeenten/{code}/applicaties", tag = "landschap", operation_id = "applicatieMaken",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344")),
    request_body = Applicatiegegevens,
    responses((status = 201, description = "Toegevoegd, met ETag en Location", body = Applicatie),
        (status = 409, description = "De id bestaat al", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Een veld voldoet niet aan de regels", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn maken(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
    body: Result<Json<Applicatiegegevens>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiFout> {
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    let Json(gegevens) = body?;
    let (applicatie, versie) = applicatie_bewaren::maak(&db, &recht, gegevens).await?;
    let plek = format!("/api/v1/gemeenten/{code}/applicaties/{}", applicatie.id);
    Ok((
        StatusCode::CREATED,
        [
            (header::ETAG, etag(versie)),
            (
                header::LOCATION,
                plek.parse()
                    .unwrap_or(header::HeaderValue::from_static("/")),
            ),
        ],
        Json(applicatie),
    )
        .into_response())
}

/// One applicatie, with its ETag.
#[utoipa::path(get, path = "/gemeenten/{code}/applicaties/{id}", tag = "landschap", operation_id = "applicatieLezen",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"),
        ("id" = String, Path, description = "De id van de applicatie")),
    responses((status = 200, description = "De applicatie", body = Applicatie)),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn lezen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path((code, id)): Path<(String, String)>,
) -> Result<Response, ApiFout> {
    let recht = GemeenteLeesrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    let id = applicatie_id(&id)?;
    let (applicatie, versie) = db
        .applicatie(&recht, &id)
        .await?
        .ok_or_else(|| niet_gevonden(&code, &id))?;
    Ok(met_etag(StatusCode::OK, versie, applicatie))
}

/// Changes an applicatie; needs `If-Match`.
#[utoipa::path(put, path = "/gemeenten/{code}/applicaties/{id}", tag = "landschap", operation_id = "applicatieWijzigen",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"),
        ("id" = String, Path, description = "De id van de applicatie"),
        ("If-Match" = String, Header, description = "De ETag van de laatste keer lezen")),
    request_body = Applicatiegegevens,
    responses((status = 200, description = "Opgeslagen, met de nieuwe ETag", body = Applicatie),
        (status = 409, description = "Intussen gewijzigd", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Een veld voldoet niet aan de regels", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match ontbreekt", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn wijzigen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path((code, id)): Path<(String, String)>,
    if_match: IfMatch,
    body: Result<Json<Applicatiegegevens>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiFout> {
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    let id = applicatie_id(&id)?;
    let Json(gegevens) = body?;
    if let Some(gegeven) = &gegevens.id {
        zelfde_id(&id, gegeven)?;
    }
    let (applicatie, versie) =
        applicatie_bewaren::wijzig(&db, &recht, id, gegevens, if_match.versie()?).await?;
    Ok(met_etag(StatusCode::OK, versie, applicatie))
}

/// Deletes an applicatie.
#[utoipa::path(delete, path = "/gemeenten/{code}/applicaties/{id}", tag = "landschap", operation_id = "applicatieVerwijderen",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"),
        ("id" = String, Path, description = "De id van de applicatie")),
    responses((status = 204, description = "Verwijderd")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn verwijderen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path((code, id)): Path<(String, String)>,
) -> Result<StatusCode, ApiFout> {
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    let id = applicatie_id(&id)?;
    applicatie_bewaren::verwijder(&db, &recht, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Imports a landscape file (CSV with comma or semicolon, or XLSX, the first row naming
/// the columns; the Softwarecatalogus's CSV or JSON; an ArchiMate exchange file). All or
/// nothing: one bad row and field, and nothing is stored. With
/// `proefdraai=true` nothing is stored at all: the answer says what the import would add,
/// change (field by field) and remove; the import with `If-Match` set to that answer's
/// `ETag` applies exactly that, or is refused (409) when the landscape changed since.
#[utoipa::path(post, path = "/gemeenten/{code}/applicaties/import", tag = "landschap", operation_id = "applicatiesImporteren",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"), Importwijze),
    request_body(content = String, content_type = "text/csv", description = "CSV of XLSX met de kolommen id, naam, leverancier, referentiecomponenten, startdatum, einddatum, opzegtermijnMaanden, verlengingMaanden, uitersteEinddatum, jaarlijkseKosten, inGebruik, gebruikers; of de pakketexport van de Softwarecatalogus (CSV met o.a. Pakket ID en Pakket Naam, of JSON met VoorzieningGebruik); of een ArchiMate-uitwisselbestand (XML). De vorm wordt aan de inhoud herkend."),
    responses((status = 200, description = "Wat de import deed (Landschapimport), of met proefdraai=true wat zij zou doen (Importvoorbeeld, met de versie als ETag)", body = Landschapimport),
        (status = 409, description = "Het landschap is gewijzigd sinds het voorbeeld (If-Match)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Bestand te groot", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn importeren(
    State(db): State<Db>,
    State(importwerk): State<Importwerk>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
    wijze: Result<Query<Importwijze>, axum::extract::rejection::QueryRejection>,
    if_match: IfMatch,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiFout> {
    use crate::taken::landschap_importeren::{Bestand, bekijk, importeer};
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    let Query(wijze) = wijze?;
    let verwacht = if_match.versie()?;
    let namen = Eigenschapnamen::parse(wijze.eigenschappen.as_deref().unwrap_or_default())
        .map_err(|reden| ApiFout::ongeldig("eigenschappen", reden))?;
    let bestand = Bestand {
        bytes: body?,
        namen,
    };
    if wijze.proefdraai {
        let voorbeeld = bekijk(&db, &importwerk, &recht, bestand, wijze.vervangen).await?;
        return Ok(met_etag(StatusCode::OK, voorbeeld.versie, voorbeeld));
    }
    let verslag = importeer(&db, &importwerk, &recht, bestand, wijze.vervangen, verwacht).await?;
    Ok(Json(verslag).into_response())
}

/// The landscape as CSV or XLSX: the columns of the import (so it imports back as it is)
/// and the functions by GEMMA name beside their Object IDs; or, with `formaat=archimate`,
/// as an ArchiMate exchange file with each applicatie's functions as specializations of
/// GEMMA referentiecomponenten and the overstapplan's outcome as properties.
#[utoipa::path(get, path = "/gemeenten/{code}/applicaties/export", tag = "landschap", operation_id = "applicatiesExporteren",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"), Exportformaat),
    responses((status = 200, description = "CSV (UTF-8), XLSX (kolomnamen in de eerste rij) of ArchiMate-uitwisselbestand (XML)", body = String, content_type = "text/csv")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn exporteren(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
    formaat: Result<Query<Exportformaat>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiFout> {
    let gemeente = gemeentecode(&code)?;
    let recht = GemeenteLeesrecht::voor(&aanvrager.actor, &gemeente)?;
    let Query(formaat) = formaat?;
    let functies = db.referentiecomponenten().await?;
    let naam = format!("applicaties-{code}");
    if formaat.is_archimate() {
        let (plan, basis) =
            crate::taken::overstapplan_berekenen::bereken(&db, &recht, None, None).await?;
        let titel = match db.gemeente(&gemeente).await? {
            Some(g) => format!("Applicatielandschap {}", g.naam),
            None => format!("Applicatielandschap {code}"),
        };
        let componentnaam = |id: &str| {
            basis
                .componenten
                .iter()
                .find(|c| c.id.as_str() == id)
                .map(|c| c.naam.clone())
        };
        let xml = crate::export::archimate::landschap(&crate::export::archimate::Landschapsmodel {
            titel: &titel,
            applicaties: &basis.applicaties,
            aan_te_vullen: &db.aan_te_vullen(&recht).await?,
            referentiecomponenten: &functies,
            plan: &plan,
            componentnaam: &componentnaam,
        });
        return Ok(super::agenda::bestand(
            xml,
            "application/xml; charset=utf-8",
            &format!("{naam}.xml"),
        ));
    }
    let namen: std::collections::HashMap<&str, &str> = functies
        .iter()
        .map(|r| (r.id.as_str(), r.naam.as_str()))
        .collect();
    let rijen = landschap::als_rijen(
        &db.applicaties(&recht).await?,
        &db.aan_te_vullen(&recht).await?,
        |id| namen.get(id).copied(),
    );
    super::agenda::als_download(Ok(Query(formaat)), &rijen, &naam, "Landschap")
}
