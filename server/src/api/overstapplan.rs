//! `GET /gemeenten/{code}/overstapplan?peildatum=&scenario=`: DOMAIN.md sections 1–3 for
//! one gemeente, on its stored landscape or on one of its saved scenarios.

use axum::Json;
use axum::extract::{Path, Query, State};
use chrono::NaiveDate;
use domain::Overstapplan;
use serde::Deserialize;
use utoipa::IntoParams;

use super::capaciteit::gemeentecode;
use super::problem::ApiFout;
use crate::db::Db;
use crate::toegang::Aanvrager;
use crate::toegang::recht::GemeenteLeesrecht;

/// The day and the scenario of the plan.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Planvraag {
    /// "Today" of the plan (JJJJ-MM-DD); default: the scenario's peildatum, else today.
    peildatum: Option<String>,
    /// The id of a saved scenario of this gemeente to apply first.
    scenario: Option<String>,
}

/// The overstapplan of a gemeente.
#[utoipa::path(get, path = "/gemeenten/{code}/overstapplan", tag = "landschap", operation_id = "overstapplanLezen",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"), Planvraag),
    responses((status = 200, description = "Het overstapplan", body = Overstapplan)),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn lezen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
    vraag: Result<Query<Planvraag>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Overstapplan>, ApiFout> {
    let recht = GemeenteLeesrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    let Query(vraag) = vraag?;
    Ok(Json(bereken(&db, &recht, vraag).await?.0))
}

/// The `peildatum` query parameter, when given.
///
/// # Errors
/// A 400 problem naming `peildatum` when it is not a date, or lies outside the window of
/// `domain::grenzen` (1990 to 2100).
pub(super) fn peildatum(tekst: Option<&str>) -> Result<Option<NaiveDate>, ApiFout> {
    tekst
        .map(|t| {
            let datum = domain::datum::lees_datum(t)
                .map_err(|fout| ApiFout::ongeldig("peildatum", fout.to_string()))?;
            domain::grenzen::peildatum(datum).map_err(|reden| ApiFout::ongeldig("peildatum", reden))
        })
        .transpose()
}

/// The overstapplan the question asks for, with the data it was computed on.
///
/// # Errors
/// A malformed peildatum (400), an unknown scenario (404), or storage.
pub(super) async fn bereken(
    db: &Db,
    recht: &GemeenteLeesrecht,
    vraag: Planvraag,
) -> Result<(Overstapplan, domain::scenario::Basis), ApiFout> {
    let peildatum = peildatum(vraag.peildatum.as_deref())?;
    Ok(crate::taken::overstapplan_berekenen::bereken(
        db,
        recht,
        peildatum,
        vraag.scenario.as_deref(),
    )
    .await?)
}
