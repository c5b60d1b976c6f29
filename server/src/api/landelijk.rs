//! Over all gemeenten (DOMAIN.md section 6): `GET /landelijk/kansrijke-momenten`, the
//! regie's `GET /landelijk/contractvensters` for the national what-if on the Routekaart,
//! and each gemeente's choice whether it is named in cohorts,
//! `GET/PUT /gemeenten/{code}/zichtbaarheid`.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::contract::Zichtbaarheid;
use domain::landelijk::LandelijkBeeld;
use domain::landelijk::venster::Vensterbasis;
use serde::Deserialize;
use utoipa::IntoParams;

use super::capaciteit::gemeentecode;
use super::overstapplan::peildatum;
use super::problem::ApiFout;
use super::versie::{IfMatch, met_etag};
use crate::db::Db;
use crate::taken::landelijk_beeld::{self, Berekeningen};
use crate::toegang::Aanvrager;
use crate::toegang::recht::{
    AlleGemeentenLeesrecht, GemeenteLeesrecht, GemeenteSchrijfrecht, LandelijkLeesrecht,
};

/// The day and the threshold of the landelijk beeld.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Beeldvraag {
    /// "Today" of every plan (JJJJ-MM-DD); default: today.
    peildatum: Option<String>,
    /// How many gemeenten make a quarter kansrijk (1 or more); default 5.
    drempel: Option<String>,
}

/// The day of the plans.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Venstervraag {
    /// "Today" of every plan (JJJJ-MM-DD); default: today.
    peildatum: Option<String>,
}

fn drempel(tekst: Option<&str>) -> Result<usize, ApiFout> {
    domain::landelijk::lees_drempel(tekst).map_err(|reden| ApiFout::ongeldig("drempel", reden))
}

/// The peildatum asked for, or today by the service's clock.
fn vandaag_of(db: &Db, tekst: Option<&str>) -> Result<chrono::NaiveDate, ApiFout> {
    Ok(peildatum(tekst)?.unwrap_or_else(|| db.klok().vandaag()))
}

/// Per component and quarter how many gemeenten (and applicaties, and yearly fees) reach
/// an overstapmoment; the kansrijke quarters with their cohorts; the ongebruikte and
/// overbodige applicaties nationally. A gemeente is named in a cohort only when it chose
/// to be (a member always sees its own gemeente); a sum of fees only from three
/// gemeenten.
#[utoipa::path(get, path = "/landelijk/kansrijke-momenten", tag = "landelijk", operation_id = "kansrijkeMomentenLezen",
    params(Beeldvraag),
    responses((status = 200, description = "Het landelijk beeld", body = LandelijkBeeld)),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn kansrijke_momenten(
    State(db): State<Db>,
    State(berekeningen): State<Berekeningen>,
    aanvrager: Aanvrager,
    vraag: Result<Query<Beeldvraag>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<LandelijkBeeld>, ApiFout> {
    let recht = LandelijkLeesrecht::voor(&aanvrager.actor)?;
    let Query(vraag) = vraag?;
    let drempel = drempel(vraag.drempel.as_deref())?;
    let peildatum = vandaag_of(&db, vraag.peildatum.as_deref())?;
    Ok(Json(
        landelijk_beeld::beeld(&db, &berekeningen, &recht, peildatum, drempel).await?,
    ))
}

/// For regie: every applicatie whose overstap follows the Routekaart (a candidate
/// component delivered by an opgave), with its contract and gemeente, so that a browser
/// can recompute, while a fase is dragged, who loses a contract window. Holds every
/// gemeente's contracts: regie only.
#[utoipa::path(get, path = "/landelijk/contractvensters", tag = "landelijk", operation_id = "contractvenstersLezen",
    params(Venstervraag),
    responses((status = 200, description = "De applicaties die de Routekaart volgen", body = Vensterbasis)),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn contractvensters(
    State(db): State<Db>,
    State(berekeningen): State<Berekeningen>,
    aanvrager: Aanvrager,
    vraag: Result<Query<Venstervraag>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiFout> {
    let recht = AlleGemeentenLeesrecht::voor(&aanvrager.actor)?;
    let Query(vraag) = vraag?;
    let peildatum = vandaag_of(&db, vraag.peildatum.as_deref())?;
    // The JSON made once per computation: no copy of every gemeente's contracts per answer.
    let json =
        landelijk_beeld::contractvensters_json(&db, &berekeningen, &recht, peildatum).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

/// Whether the gemeente is named in cohorts (default: counted, not named).
#[utoipa::path(get, path = "/gemeenten/{code}/zichtbaarheid", tag = "landelijk", operation_id = "zichtbaarheidLezen",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344")),
    responses((status = 200, description = "De keuze, met ETag", body = Zichtbaarheid)),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn zichtbaarheid_lezen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
) -> Result<Response, ApiFout> {
    let recht = GemeenteLeesrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    let (genoemd, versie) = db.zichtbaarheid(&recht).await?;
    Ok(met_etag(
        StatusCode::OK,
        versie,
        Zichtbaarheid {
            genoemd_in_cohorten: genoemd,
        },
    ))
}

/// Chooses whether the gemeente is named in cohorts; once chosen, a change needs
/// `If-Match`.
#[utoipa::path(put, path = "/gemeenten/{code}/zichtbaarheid", tag = "landelijk", operation_id = "zichtbaarheidZetten",
    params(
        ("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"),
        ("If-Match" = Option<String>, Header, description = "De ETag van de laatste keer lezen (verplicht na de eerste keuze)")
    ),
    request_body = Zichtbaarheid,
    responses(
        (status = 200, description = "Opgeslagen, met de nieuwe ETag", body = Zichtbaarheid),
        (status = 409, description = "Intussen gewijzigd", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match ontbreekt", body = super::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn zichtbaarheid_zetten(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
    if_match: IfMatch,
    body: Result<Json<Zichtbaarheid>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiFout> {
    let recht = GemeenteSchrijfrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    let Json(keuze) = body?;
    let versie = crate::taken::zichtbaarheid_kiezen::kies(
        &db,
        &recht,
        keuze.genoemd_in_cohorten,
        if_match.versie()?,
    )
    .await?;
    Ok(met_etag(StatusCode::OK, versie, keuze))
}
