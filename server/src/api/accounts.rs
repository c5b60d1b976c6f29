//! Accounts managed in the browser: `/gemeenten/{code}/accounts` and
//! `/gemeenten/{code}/uitnodigingen` for a gemeente's beheerder (regie may invite a
//! gemeente's beheerder), `/regie/accounts` and `/regie/uitnodigingen` for regie's own,
//! and `/tokens` for regie's API tokens. The rules are `domain::toegang`; the use cases
//! `taken::accounts_beheren`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::contract::{
    Accountlijst, Accountregel, Accountwijziging, NieuwToken, NieuweUitnodiging, Tokeninvoer,
    Tokenregel, Uitnodigingsinvoer,
};
use domain::toegang::recht::{Accountbeheerrecht, Accountkring};

use super::capaciteit::gemeentecode;
use super::problem::ApiFout;
use crate::db::Db;
use crate::taken::accounts_beheren;
use crate::toegang::Aanvrager;

type Body<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

fn gemeentekring(code: &str) -> Result<Accountkring, ApiFout> {
    Ok(Accountkring::Gemeente(gemeentecode(code)?))
}

async fn lijst_van(
    db: &Db,
    aanvrager: &Aanvrager,
    kring: &Accountkring,
) -> Result<Json<Accountlijst>, ApiFout> {
    let recht = Accountbeheerrecht::voor(&aanvrager.actor, kring)?;
    Ok(Json(db.accounts(&recht).await?))
}

async fn uitnodigen_in(
    db: &Db,
    aanvrager: &Aanvrager,
    kring: &Accountkring,
    body: Body<Uitnodigingsinvoer>,
) -> Result<Response, ApiFout> {
    let Json(invoer) = body?;
    let recht = accounts_beheren::uitnodigrecht(&aanvrager.actor, kring, &invoer)?;
    let nieuw = accounts_beheren::uitnodigen(db, &recht, &invoer).await?;
    Ok((StatusCode::CREATED, Json(nieuw)).into_response())
}

async fn intrekken_in(
    db: &Db,
    aanvrager: &Aanvrager,
    kring: &Accountkring,
    id: &str,
) -> Result<StatusCode, ApiFout> {
    let recht = Accountbeheerrecht::voor(&aanvrager.actor, kring)?;
    accounts_beheren::uitnodiging_intrekken(db, &recht, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn wijzigen_in(
    db: &Db,
    aanvrager: &Aanvrager,
    kring: &Accountkring,
    id: &str,
    body: Body<Accountwijziging>,
) -> Result<Json<Accountregel>, ApiFout> {
    let recht = Accountbeheerrecht::voor(&aanvrager.actor, kring)?;
    let Json(wijziging) = body?;
    Ok(Json(
        accounts_beheren::wijzigen(db, &recht, id, &wijziging).await?,
    ))
}

/// The accounts of a gemeente and its open invitations (its beheerders).
#[utoipa::path(get, path = "/gemeenten/{code}/accounts", tag = "accounts", operation_id = "gemeenteAccountsLijst",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344")),
    responses((status = 200, description = "De accounts en de open uitnodigingen", body = Accountlijst)),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn gemeente_lijst(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
) -> Result<Json<Accountlijst>, ApiFout> {
    lijst_van(&db, &aanvrager, &gemeentekring(&code)?).await
}

/// Invites a colleague into a gemeente (its beheerders; regie only as beheerder).
#[utoipa::path(post, path = "/gemeenten/{code}/uitnodigingen", tag = "accounts", operation_id = "gemeenteUitnodigen",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344")),
    request_body = Uitnodigingsinvoer,
    responses(
        (status = 201, description = "De uitnodiging, met de link (alleen nu te zien)", body = NieuweUitnodiging),
        (status = 409, description = "Er is al een account voor dit adres, of te veel open uitnodigingen", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Geen geldig e-mailadres", body = super::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn gemeente_uitnodigen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(code): Path<String>,
    body: Body<Uitnodigingsinvoer>,
) -> Result<Response, ApiFout> {
    uitnodigen_in(&db, &aanvrager, &gemeentekring(&code)?, body).await
}

/// Revokes an open invitation of a gemeente.
#[utoipa::path(delete, path = "/gemeenten/{code}/uitnodigingen/{id}", tag = "accounts", operation_id = "gemeenteUitnodigingIntrekken",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"), ("id" = String, Path, description = "De id van de uitnodiging")),
    responses((status = 204, description = "Ingetrokken")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn gemeente_uitnodiging_intrekken(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path((code, id)): Path<(String, String)>,
) -> Result<StatusCode, ApiFout> {
    intrekken_in(&db, &aanvrager, &gemeentekring(&code)?, &id).await
}

/// Changes a gemeente account's right, or disables (ending its sessions) or enables it.
#[utoipa::path(patch, path = "/gemeenten/{code}/accounts/{id}", tag = "accounts", operation_id = "gemeenteAccountWijzigen",
    params(("code" = String, Path, description = "CBS-code, bijvoorbeeld GM0344"), ("id" = String, Path, description = "De id van het account")),
    request_body = Accountwijziging,
    responses(
        (status = 200, description = "Het account zoals het nu is", body = Accountregel),
        (status = 422, description = "Niets te wijzigen, of het eigen account uitschakelen of lager zetten", body = super::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn gemeente_account_wijzigen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path((code, id)): Path<(String, String)>,
    body: Body<Accountwijziging>,
) -> Result<Json<Accountregel>, ApiFout> {
    wijzigen_in(&db, &aanvrager, &gemeentekring(&code)?, &id, body).await
}

/// Regie's own accounts and open invitations.
#[utoipa::path(get, path = "/regie/accounts", tag = "accounts", operation_id = "regieAccountsLijst",
    responses((status = 200, description = "De accounts en de open uitnodigingen", body = Accountlijst)),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn regie_lijst(
    State(db): State<Db>,
    aanvrager: Aanvrager,
) -> Result<Json<Accountlijst>, ApiFout> {
    lijst_van(&db, &aanvrager, &Accountkring::Regie).await
}

/// Invites a colleague into regie.
#[utoipa::path(post, path = "/regie/uitnodigingen", tag = "accounts", operation_id = "regieUitnodigen",
    request_body = Uitnodigingsinvoer,
    responses(
        (status = 201, description = "De uitnodiging, met de link (alleen nu te zien)", body = NieuweUitnodiging),
        (status = 409, description = "Er is al een account voor dit adres, of te veel open uitnodigingen", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Geen geldig e-mailadres", body = super::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn regie_uitnodigen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    body: Body<Uitnodigingsinvoer>,
) -> Result<Response, ApiFout> {
    uitnodigen_in(&db, &aanvrager, &Accountkring::Regie, body).await
}

/// Revokes an open invitation into regie.
#[utoipa::path(delete, path = "/regie/uitnodigingen/{id}", tag = "accounts", operation_id = "regieUitnodigingIntrekken",
    params(("id" = String, Path, description = "De id van de uitnodiging")),
    responses((status = 204, description = "Ingetrokken")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn regie_uitnodiging_intrekken(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiFout> {
    intrekken_in(&db, &aanvrager, &Accountkring::Regie, &id).await
}

/// Disables (ending its sessions) or enables a regie account.
#[utoipa::path(patch, path = "/regie/accounts/{id}", tag = "accounts", operation_id = "regieAccountWijzigen",
    params(("id" = String, Path, description = "De id van het account")),
    request_body = Accountwijziging,
    responses(
        (status = 200, description = "Het account zoals het nu is", body = Accountregel),
        (status = 422, description = "Niets te wijzigen, een recht, of het eigen account uitschakelen", body = super::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn regie_account_wijzigen(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
    body: Body<Accountwijziging>,
) -> Result<Json<Accountregel>, ApiFout> {
    wijzigen_in(&db, &aanvrager, &Accountkring::Regie, &id, body).await
}

/// Every API token (regie), never the token itself.
#[utoipa::path(get, path = "/tokens", tag = "accounts", operation_id = "tokensLijst",
    responses((status = 200, description = "De tokens, nieuwste eerst", body = [Tokenregel])),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn tokens_lijst(
    State(db): State<Db>,
    aanvrager: Aanvrager,
) -> Result<Json<Vec<Tokenregel>>, ApiFout> {
    let recht = Accountbeheerrecht::voor(&aanvrager.actor, &Accountkring::Regie)?;
    Ok(Json(db.tokenlijst(&recht).await?))
}

/// Makes an API token for a gemeente or for regie (regie); the token is in the answer
/// only.
#[utoipa::path(post, path = "/tokens", tag = "accounts", operation_id = "tokenMaken",
    request_body = Tokeninvoer,
    responses(
        (status = 201, description = "Het token (alleen nu te zien)", body = NieuwToken),
        (status = 422, description = "Geen naam, of een onbekende gemeente", body = super::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn token_maken(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    body: Body<Tokeninvoer>,
) -> Result<Response, ApiFout> {
    let recht = Accountbeheerrecht::voor(&aanvrager.actor, &Accountkring::Regie)?;
    let Json(invoer) = body?;
    let nieuw = accounts_beheren::token_maken(&db, &recht, &invoer).await?;
    Ok((StatusCode::CREATED, Json(nieuw)).into_response())
}

/// Revokes an API token (regie).
#[utoipa::path(delete, path = "/tokens/{id}", tag = "accounts", operation_id = "tokenIntrekken",
    params(("id" = String, Path, description = "De id van het token")),
    responses((status = 204, description = "Ingetrokken")),
    security(("bearer" = []), ("sessie" = [])))]
pub async fn token_intrekken(
    State(db): State<Db>,
    aanvrager: Aanvrager,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiFout> {
    let recht = Accountbeheerrecht::voor(&aanvrager.actor, &Accountkring::Regie)?;
    accounts_beheren::token_intrekken(&db, &recht, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
