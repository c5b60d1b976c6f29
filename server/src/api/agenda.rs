//! Exports: `GET /besluiten.ics` (public), and for a gemeente's members
//! `GET /gemeenten/{code}/agenda.ics` (notice deadlines, switch and drop dates) and
//! `GET /gemeenten/{code}/overstapplan/export` (the plan as CSV or XLSX).

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::capaciteit::gemeentecode;
use super::overstapplan::{Planvraag, bereken};
use super::problem::ApiFout;
use crate::db::Db;
use crate::export;
use crate::toegang::Aanvrager;
use crate::toegang::recht::GemeenteLeesrecht;

/// A download: the body with its type and file name.
pub(super) fn bestand(inhoud: impl IntoResponse, soort: &str, naam: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, soort.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{naam}\""),
            ),
        ],
        inhoud,
    )
        .into_response()
}

/// The format of an export of rows.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Exportformaat {
    /// `csv` (default) or `xlsx`; for the landscape also `archimate`.
    #[serde(default)]
    formaat: Option<String>,
}

impl Exportformaat {
    /// Whether an ArchiMate exchange file is asked for.
    pub(super) fn is_archimate(&self) -> bool {
        self.formaat.as_deref() == Some("archimate")
    }
}

/// `rijen` as a download in the format asked: CSV (`{naam}.csv`, safe to open in a
/// spreadsheet) or XLSX (`{naam}.xlsx`, its sheet named `blad`).
///
/// # Errors
/// An unknown format (400), or a workbook that cannot be written.
pub(super) fn als_download(
    formaat: Result<Query<Exportformaat>, axum::extract::rejection::QueryRejection>,
    rijen: &[Vec<String>],
    naam: &str,
    blad: &str,
) -> Result<Response, ApiFout> {
    let Query(formaat) = formaat?;
    match formaat.formaat.as_deref() {
        None | Some("csv") => Ok(bestand(
            crate::import::landschap::csv_veilig(rijen),
            "text/csv; charset=utf-8",
            &format!("{naam}.csv"),
        )),
        Some("xlsx") => {
            let bytes = export::werkboek(blad, rijen).map_err(|e| {
                ApiFout::Opslag(domain::ports::OpslagFout::OngeldigeGegevens(format!(
                    "het werkboek kon niet worden gemaakt: {e}"
                )))
            })?;
            Ok(bestand(
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &format!("{naam}.xlsx"),
            ))
        }
        Some(_) => Err(ApiFout::ongeldig("formaat", "gebruik csv of xlsx")),
    }
}

/// The overstapplan of gemeente `code` as asked, after checking the caller's right.
async fn plan_van(
    db: &Db,
    aanvrager: &Aanvrager,
    code: &str,
    vraag: Result<Query<Planvraag>, axum::extract::rejection::QueryRejection>,
) -> Result<(domain::Overstapplan, domain::scenario::Basis), ApiFout> {
    let recht = GemeenteLeesrecht::voor(&aanvrager.actor, &gemeentecode(code)?)?;
    let Query(vraag) = vraag?;
    bereken(db, &recht, vraag).await
}

/// The besluiten of the Routekaart as an iCalendar feed. API.md names it
/// `/besluiten.ics`, which is served too; the OpenAPI document lists it under
/// `/routekaart/besluiten.ics` because the ADR ruleset's kebab-case rule refuses a dot in
/// a path's first segment.
#[utoipa::path(get, path = "/routekaart/besluiten.ics", tag = "routekaart", operation_id = "besluitenAgenda",
    responses((status = 200, description = "iCalendar (RFC 5545): één gebeurtenis per besluit", body = String, content_type = "text/calendar")))]
pub async fn besluiten(State(db): State<Db>) -> Result<Response, ApiFout> {
    let ics = export::besluiten_ics(&db.alle_opgaven().await?);
    Ok(bestand(
        ics,
        "text/calendar; charset=utf-8",
        "besluiten.ics",
    ))
}

/// A gemeente's notice deadlines, overstapmomenten and drop dates as an iCalendar feed.
#[utoipa::path(get, path = "/gemeenten/{code}/agenda.ics", tag = "landschap", operation_id = "gemeenteAgenda",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"), Planvraag),
    responses((status = 200, description = "iCalendar (RFC 5545)", body = String, content_type = "text/calendar")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn agenda(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
    vraag: Result<Query<Planvraag>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiFout> {
    let (plan, basis) = plan_van(&db, &aanvrager, &code, vraag).await?;
    let ics = export::agenda_ics(&plan, &basis.componenten);
    Ok(bestand(
        ics,
        "text/calendar; charset=utf-8",
        &format!("agenda-{code}.ics"),
    ))
}

/// The overstapplan per applicatie as CSV or XLSX, the component also by name.
#[utoipa::path(get, path = "/gemeenten/{code}/overstapplan/export", tag = "landschap", operation_id = "overstapplanExporteren",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"), Planvraag, Exportformaat),
    responses((status = 200, description = "CSV (UTF-8) of XLSX, kolomnamen in de eerste rij", body = String, content_type = "text/csv")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn plan_export(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
    vraag: Result<Query<Planvraag>, axum::extract::rejection::QueryRejection>,
    formaat: Result<Query<Exportformaat>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiFout> {
    let (plan, basis) = plan_van(&db, &aanvrager, &code, vraag).await?;
    let rijen = export::plan_rijen(&plan, |id| {
        basis
            .componenten
            .iter()
            .find(|c| c.id.as_str() == id)
            .map(|c| c.naam.as_str())
    });
    als_download(
        formaat,
        &rijen,
        &format!("overstapplan-{code}"),
        "Overstapplan",
    )
}
