//! The REST API under `/api/v1`, as `API.md` fixes it: Dutch plural resource names,
//! lowerCamelCase JSON, problem+json for every error, an `API-Version` header on every
//! response, and an OpenAPI document generated from the handlers themselves.

mod aanmeldingen;
mod accounts;
mod agenda;
mod applicaties;
mod audit;
mod capaciteit;
mod componenten;
mod gemeenten;
mod landelijk;
mod opgaven;
mod overstapplan;
pub mod poort;
pub mod problem;
mod referentiecomponenten;
mod scenarios;
mod versie;

use axum::extract::OriginalUri;
use axum::http::{HeaderName, HeaderValue};
use axum::routing::get;
use axum::{Json, Router};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::openapi::path::Operation;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::{ContentBuilder, HttpMethod, OpenApi as OpenApiDoc, Ref, RefOr};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use problem::{ApiFout, PROBLEM_JSON, Problem};

/// The largest JSON body: 1 MiB (the whole Routekaart is about 40 KiB).
pub const MAX_JSON_BYTES: usize = 1024 * 1024;

/// The full semver version of the API, in `info.version` and the `API-Version` header.
pub const API_VERSIE: &str = "1.0.0";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Grondplan API",
        version = "1.0.0",
        description = "De Routekaart en de Componentencatalogus van de Common Ground-transitie: \
                       opgaven, componenten, applicatielandschappen en overstapmomenten van gemeenten.",
        contact(name = "Grondplan", email = "grondplan@example.org", url = "https://example.org/grondplan"),
        license(name = "EUPL-1.2")
    ),
    servers((url = "/api/v1", description = "Deze server")),
    tags(
        (name = "gemeenten", description = "De gemeenten volgens het CBS"),
        (name = "routekaart", description = "Opgaven met hun fasen, activiteiten, besluiten en deelnemers"),
        (name = "scenarios", description = "Opgeslagen what-if-plannen van een gemeente en hun deellinks"),
        (name = "catalogus", description = "GEMMA-referentiecomponenten en Common Ground-componenten"),
        (name = "landschap", description = "Het applicatielandschap van een gemeente en haar overstapplan"),
        (name = "landelijk", description = "Over alle gemeenten: kansrijke momenten voor gezamenlijk overstappen"),
        (name = "accounts", description = "Accounts die een gemeente (haar beheerders) of de regie zelf beheert, uitnodigingen en API-tokens")
    ),
    components(schemas(Problem, domain::contract::Importvoorbeeld)),
    modifiers(&Beveiliging)
)]
struct ApiDoc;

/// The two ways to authenticate: a bearer token (machine clients) and the session cookie
/// (browsers, with the CSRF token in `X-CSRF-Token` on writes).
struct Beveiliging;

impl Modify for Beveiliging {
    fn modify(&self, doc: &mut OpenApiDoc) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let componenten = doc.components.get_or_insert_with(Default::default);
        componenten.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "Een API-token, gemaakt met `grondplan token aanmaken`: `Authorization: Bearer <token>`.",
                    ))
                    .build(),
            ),
        );
        componenten.add_security_scheme(
            "sessie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::toegang::SESSIECOOKIE,
                "De sessiecookie na inloggen op /inloggen; schrijven vraagt ook de header X-CSRF-Token.",
            ))),
        );
    }
}

/// Adds what every operation shares, in one place: the `API-Version` header on each
/// success, and the problem responses each can give (400 where input can be malformed,
/// 404 where a path names a resource, 401/403 where it needs a right, 503 when storage
/// fails).
struct StandaardAntwoorden;

impl Modify for StandaardAntwoorden {
    fn modify(&self, doc: &mut OpenApiDoc) {
        for item in doc.paths.paths.values_mut() {
            for (methode, operatie) in [
                (HttpMethod::Get, &mut item.get),
                (HttpMethod::Post, &mut item.post),
                (HttpMethod::Put, &mut item.put),
                (HttpMethod::Delete, &mut item.delete),
                (HttpMethod::Patch, &mut item.patch),
            ] {
                if let Some(operatie) = operatie {
                    vul_aan(methode, operatie);
                }
            }
        }
    }
}

fn vul_aan(methode: HttpMethod, operatie: &mut Operation) {
    let versie_header = utoipa::openapi::HeaderBuilder::new()
        .schema(utoipa::openapi::ObjectBuilder::new().schema_type(utoipa::openapi::Type::String))
        .description(Some("De volledige versie van de API, bijvoorbeeld 1.0.0"))
        .build();
    for (code, antwoord) in &mut operatie.responses.responses {
        if let (true, RefOr::T(antwoord)) =
            (code.starts_with('2') || code.starts_with('3'), antwoord)
        {
            antwoord
                .headers
                .insert("API-Version".into(), versie_header.clone());
        }
    }
    let parameters = operatie.parameters.as_deref().unwrap_or_default();
    let heeft_parameters = !parameters.is_empty();
    let heeft_pad_parameter = parameters
        .iter()
        .any(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Path));
    let schrijft = !matches!(methode, HttpMethod::Get | HttpMethod::Delete);
    let mut standaard = vec![("503", "De opslag is tijdelijk niet beschikbaar")];
    if heeft_parameters || schrijft {
        standaard.push(("400", "Ongeldige invoer"));
    }
    if heeft_pad_parameter {
        standaard.push(("404", "Niet gevonden"));
    }
    // Every operation that names a security scheme checks a right: 401 and 403.
    if operatie.security.as_ref().is_some_and(|s| !s.is_empty()) {
        standaard.push(("401", "Niet ingelogd, of een onbekend of ingetrokken token"));
        standaard.push(("403", "Geen recht"));
    }
    for (code, omschrijving) in standaard {
        operatie
            .responses
            .responses
            .entry(code.into())
            .or_insert_with(|| {
                RefOr::T(
                    ResponseBuilder::new()
                        .description(omschrijving)
                        .content(
                            PROBLEM_JSON,
                            ContentBuilder::new()
                                .schema(Some(Ref::from_schema_name("Problem")))
                                .build(),
                        )
                        .build(),
                )
            });
    }
}

/// The API router (to be nested under `/api/v1`) and its OpenAPI document.
pub fn router(state: AppState) -> Router<AppState> {
    let (router, mut doc) = OpenApiRouter::<AppState>::with_openapi(ApiDoc::openapi())
        .routes(routes!(gemeenten::lijst))
        .routes(routes!(opgaven::lijst, opgaven::maken))
        .routes(routes!(opgaven::lezen, opgaven::wijzigen))
        .routes(routes!(aanmeldingen::lijst, aanmeldingen::aanmelden))
        .routes(routes!(aanmeldingen::besluiten))
        .routes(routes!(capaciteit::lezen, capaciteit::zetten))
        .routes(routes!(audit::lijst))
        .routes(routes!(referentiecomponenten::lijst))
        .routes(routes!(referentiecomponenten::importeren))
        .routes(routes!(componenten::lijst, componenten::maken))
        .routes(routes!(
            componenten::lezen,
            componenten::wijzigen,
            componenten::verwijderen
        ))
        .routes(routes!(componenten::importeren))
        .routes(routes!(applicaties::lijst, applicaties::maken))
        .routes(routes!(
            applicaties::lezen,
            applicaties::wijzigen,
            applicaties::verwijderen
        ))
        .routes(routes!(applicaties::aan_te_vullen))
        .routes(routes!(applicaties::importeren))
        .routes(routes!(applicaties::exporteren))
        .routes(routes!(overstapplan::lezen))
        .routes(routes!(landelijk::kansrijke_momenten))
        .routes(routes!(landelijk::contractvensters))
        .routes(routes!(
            landelijk::zichtbaarheid_lezen,
            landelijk::zichtbaarheid_zetten
        ))
        .routes(routes!(agenda::besluiten))
        .routes(routes!(agenda::agenda))
        .routes(routes!(agenda::plan_export))
        .routes(routes!(scenarios::lijst, scenarios::maken))
        .routes(routes!(
            scenarios::lezen,
            scenarios::wijzigen,
            scenarios::verwijderen
        ))
        .routes(routes!(scenarios::deellink_maken))
        .routes(routes!(scenarios::deellink_intrekken))
        .routes(routes!(accounts::gemeente_lijst))
        .routes(routes!(accounts::gemeente_uitnodigen))
        .routes(routes!(accounts::gemeente_uitnodiging_intrekken))
        .routes(routes!(accounts::gemeente_account_wijzigen))
        .routes(routes!(accounts::regie_lijst))
        .routes(routes!(accounts::regie_uitnodigen))
        .routes(routes!(accounts::regie_uitnodiging_intrekken))
        .routes(routes!(accounts::regie_account_wijzigen))
        .routes(routes!(accounts::tokens_lijst, accounts::token_maken))
        .routes(routes!(accounts::token_intrekken))
        .split_for_parts();
    // After the routes are in: a modifier in the derive would run before they are added.
    StandaardAntwoorden.modify(&mut doc);
    router
        .route("/openapi.json", get(move || async move { Json(doc) }))
        // The path API.md names (documented as /routekaart/besluiten.ics, see agenda.rs).
        .route("/besluiten.ics", get(agenda::besluiten))
        .fallback(|OriginalUri(uri): OriginalUri| async move {
            ApiFout::NietGevonden(format!("het pad {} bestaat niet in deze API", uri.path()))
        })
        .method_not_allowed_fallback(|| async { ApiFout::MethodeNietToegestaan })
        // Bodies are bounded per route by the gate (poort.rs), which also refuses a write
        // by nobody before its body is read.
        // Only on routes that exist: a wrong path stays a 404 (a wrong method is a 405
        // once the caller is known).
        .route_layer(axum::middleware::from_fn_with_state(state, poort::poort))
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(poort::als_problem))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("api-version"),
            HeaderValue::from_static(API_VERSIE),
        ))
}
