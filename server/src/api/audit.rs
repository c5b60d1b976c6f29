//! `GET /gemeenten/{code}/audit`: the changes to a gemeente's own data.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;

use super::capaciteit::gemeentecode;
use super::problem::ApiFout;
use crate::db::Db;
use crate::toegang::Aanvrager;
use crate::toegang::recht::GemeenteLeesrecht;

/// One change.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Auditregel {
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub tijdstip: String,
    /// Who.
    pub actor: String,
    /// What kind of thing.
    pub entiteit: String,
    /// Which one.
    pub entiteit_id: String,
    /// Its values before (JSON), none when created.
    pub voor: Option<serde_json::Value>,
    /// Its values after (JSON), none when deleted.
    pub na: Option<serde_json::Value>,
}

/// The audit trail of a gemeente, newest first.
#[utoipa::path(
    get,
    path = "/gemeenten/{code}/audit",
    tag = "gemeenten",
    operation_id = "auditLezen",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344")),
    responses(
        (status = 200, description = "De wijzigingen, nieuwste eerst", body = [Auditregel]),
    ),
    security(("bearer" = []), ("sessie" = []))
)]
pub async fn lijst(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
) -> Result<Json<Vec<Auditregel>>, ApiFout> {
    let recht = GemeenteLeesrecht::voor(&aanvrager.actor, &gemeentecode(&code)?)?;
    let json = |tekst: Option<String>| tekst.and_then(|t| serde_json::from_str(&t).ok());
    Ok(Json(
        db.audit(&recht)
            .await?
            .into_iter()
            .map(|r| Auditregel {
                tijdstip: chrono::DateTime::from_timestamp_micros(r.tijdstip)
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_default(),
                actor: r.actor,
                entiteit: r.entiteit,
                entiteit_id: r.entiteit_id,
                voor: json(r.voor),
                na: json(r.na),
            })
            .collect(),
    ))
}
