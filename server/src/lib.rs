//! The Grondplan server: one axum application that serves the Leptos pages (rendered on
//! the server, hydrated in the browser), the REST API under `/api/v1`, the built static
//! files, and `/health`.
//!
//! It keeps no state in memory that another instance would need: everything lives in the
//! database, so several instances can run behind a load balancer on one PostgreSQL.

pub mod api;
pub mod beveiliging;
pub mod config;
pub mod db;
pub mod demo;
pub mod drukte;
pub mod export;
pub mod import;
pub mod klok;
mod opstart;
pub mod taken;
pub mod toegang;

use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use domain::ports::PubliekeGegevens;
use leptos::prelude::{LeptosOptions, provide_context};
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use config::Config;
pub use db::Db;
pub use opstart::laad_gegevens;

/// What every handler can reach: the storage and the Leptos options.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Where the site lives and how Leptos renders it.
    pub leptos_options: LeptosOptions,
    /// The places for imports on this instance (held from reading a file to storing it).
    pub importwerk: taken::importwerk::Importwerk,
    /// The places for password hashes on this instance.
    pub hashwerk: toegang::sessie::Hashwerk,
    /// What response headers and logins depend on, from the configuration.
    pub beveiliging: Arc<beveiliging::Beveiliging>,
    /// The landelijk beeld this instance computed, kept under the data version it read.
    pub landelijk: taken::landelijk_beeld::Berekeningen,
    /// The identity providers people sign in through, and what was read from them.
    pub oidc: Arc<toegang::oidc::Oidc>,
}

/// Connects to the database, brings the schema up to date, loads reference and demo data
/// on first start, and builds the whole application.
///
/// # Errors
/// When the database cannot be opened or migrated, or a reference file is invalid.
pub async fn bouw(config: &Config) -> anyhow::Result<Router> {
    bouw_met_klok(config, klok::systeem()).await
}

/// Like [`bouw`], with `klok` as the service's clock (a test fixes "today" with it).
///
/// # Errors
/// As [`bouw`].
pub async fn bouw_met_klok(
    config: &Config,
    klok: Arc<dyn domain::ports::Klok>,
) -> anyhow::Result<Router> {
    Ok(app(open(config, klok).await?, config))
}

/// Connects to the database with `klok` as its clock, brings the schema up to date and
/// loads reference and demo data on first start.
async fn open(config: &Config, klok: Arc<dyn domain::ports::Klok>) -> anyhow::Result<Db> {
    let db = Db::connect_met(
        &config.database_url,
        config.drukte.db_verbindingen,
        config.drukte.trage_query,
    )
    .await?
    .met_klok(klok);
    opstart::laad_gegevens(&db, config).await?;
    Ok(db)
}

/// The application around an opened database.
pub fn app(db: Db, config: &Config) -> Router {
    app_met(db, config, taken::landelijk_beeld::Berekeningen::default())
}

/// The application around an opened database, keeping the landelijk beeld in `landelijk`.
fn app_met(db: Db, config: &Config, landelijk: taken::landelijk_beeld::Berekeningen) -> Router {
    let leptos_options = LeptosOptions::builder()
        .output_name("frontend")
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build();
    let oidc = Arc::new(
        toegang::oidc::Oidc::nieuw(
            config.oidc.clone(),
            config
                .publieke_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", config.addr)),
        )
        .expect("an HTTP client without TLS settings of its own builds"),
    );
    let knoppen = frontend::server_fns::sessie::Inlogknoppen(oidc.knoppen());
    let state = AppState {
        db: db.clone(),
        leptos_options: leptos_options.clone(),
        importwerk: taken::importwerk::Importwerk::default(),
        hashwerk: toegang::sessie::Hashwerk::default(),
        beveiliging: beveiliging::Beveiliging::uit(config),
        landelijk,
        oidc: Arc::clone(&oidc),
    };
    let klok = db.klok();
    let gegevens: Arc<dyn PubliekeGegevens> = Arc::new(db.clone());
    let deellinks: Arc<dyn domain::ports::Deellinks> = Arc::new(db.clone());
    let landschappen: Arc<dyn domain::ports::Landschappen> = Arc::new(db.clone());
    let landelijk: Arc<dyn domain::ports::Landelijk> = Arc::new(taken::paginas::LandelijkePagina {
        db: db.clone(),
        berekeningen: state.landelijk.clone(),
    });
    let accountbeheer: Arc<dyn domain::ports::Accountbeheer> = Arc::new(db.clone());
    let auditlezer: Arc<dyn domain::ports::Auditlezer> = Arc::new(db);
    let context = move || {
        beveiliging::geef_nonce();
        provide_context(knoppen.clone());
        provide_context(Arc::clone(&klok));
        provide_context(Arc::clone(&landschappen));
        provide_context(Arc::clone(&landelijk));
        provide_context(Arc::clone(&auditlezer));
        provide_context(Arc::clone(&accountbeheer));
        provide_context(Arc::clone(&gegevens));
        provide_context(Arc::clone(&deellinks));
    };
    let routes = paginaroutes();

    Router::new()
        .nest("/api/v1", api::router(state.clone()))
        .route("/health", get(health))
        .route("/inloggen", axum::routing::post(toegang::sessie::inloggen))
        .route(
            "/uitloggen",
            axum::routing::post(toegang::sessie::uitloggen),
        )
        .route("/inloggen/oidc/{naam}", get(toegang::oidc::begin))
        .route("/inloggen/oidc/{naam}/terug", get(toegang::oidc::terug))
        .route(
            "/uitnodiging/{token}",
            axum::routing::post(toegang::uitnodiging::aanvaarden),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || frontend::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, frontend::shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            toegang::paginastatus::paginastatus,
        ))
        // Who asks, once per request, before the page gate, the API and the pages.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            toegang::herkenning,
        ))
        // The fastest gzip level: under load, level 6 spent an eighth of the server's time
        // compressing pages (docs/performance.md, the load test) for a few percent fewer bytes.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest))
        // Before anything else is done for a request (its session is looked up only once
        // it has a place), inside the security headers and the trace.
        .layer(axum::middleware::from_fn_with_state(
            drukte::Verzoekplaatsen::nieuw(config.drukte.max_verzoeken),
            drukte::begrens,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state.beveiliging),
            beveiliging::koppen,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The page routes, listed once per process. While leptos lists them it pauses every
/// resource in the process, and a resource first polled in that window never resolves
/// (leptos issue 4773): a second instance started in the same process (the tests, an
/// embedding host) would stall pages the first one is rendering.
fn paginaroutes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES
        .get_or_init(|| generate_route_list(frontend::App))
        .clone()
}

/// `GET /health`: 200 when the database answers, 503 when it does not.
async fn health(State(db): State<Db>) -> impl IntoResponse {
    match db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(serde_json::json!({ "status": "ok" })),
        ),
        Err(fout) => {
            tracing::error!(error = %fout, "health: database antwoordt niet");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({ "status": "database onbereikbaar" })),
            )
        }
    }
}

/// Serves until SIGTERM or Ctrl-C, then finishes the requests in flight.
///
/// # Errors
/// When the address cannot be bound or the application cannot be built.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let db = open(&config, klok::systeem()).await?;
    let landelijk = taken::landelijk_beeld::Berekeningen::default();
    // Before it listens: behind a load balancer an instance takes requests only once its
    // first national answer needs no computation.
    taken::landelijk_beeld::verwarm(&db, &landelijk).await;
    tokio::spawn(taken::landelijk_beeld::houd_bij(
        db.clone(),
        landelijk.clone(),
        config.database_url.clone(),
    ));
    let app = app_met(db, &config, landelijk);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| anyhow::anyhow!("kan niet luisteren op {}: {e}", config.addr))?;
    tracing::info!(addr = %config.addr, "Grondplan luistert op http://{}", config.addr);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(stop_signaal())
    .await?;
    tracing::info!("Grondplan is gestopt");
    Ok(())
}

async fn stop_signaal() {
    let ctrl_c = async {
        if let Err(fout) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %fout, "kan Ctrl-C niet afvangen");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let sigterm = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signaal) => {
                signaal.recv().await;
            }
            Err(fout) => {
                tracing::error!(error = %fout, "kan SIGTERM niet afvangen");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let sigterm = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = sigterm => {},
    }
    tracing::info!("stopsignaal ontvangen, lopende verzoeken worden afgemaakt");
}
