//! What happens on start after the migrations: loading the reference data from the data
//! folder, the demo Routekaart and the demo catalogue, each once per database.

use anyhow::Context;

use crate::{Config, Db, demo, import};

/// The name under which the CBS list is recorded in `importen`.
const BRON_GEMEENTEN: &str = "cbs-gemeenten-2023";
/// The name under which the GEMMA referentiecomponenten are recorded in `importen`.
const BRON_GEMMA: &str = "gemma-applicatiecomponenten";

/// Loads what has not been loaded into this database yet.
///
/// # Errors
/// When a reference file is unreadable or invalid, or the database fails.
pub async fn laad_gegevens(db: &Db, config: &Config) -> anyhow::Result<()> {
    match &config.data_dir {
        Some(map) => {
            let pad = map.join("gemeenten-2023.csv");
            if pad.is_file() {
                let bytes = tokio::fs::read(&pad)
                    .await
                    .with_context(|| format!("kan {} niet lezen", pad.display()))?;
                let gemeenten = import::gemeenten_csv::lees(&bytes)
                    .with_context(|| format!("{} is ongeldig", pad.display()))?;
                let aantal = db.laad_gemeenten(BRON_GEMEENTEN, &gemeenten).await?;
                if aantal > 0 {
                    tracing::info!(aantal, bron = %pad.display(), "gemeenten geladen");
                }
            } else {
                tracing::warn!(pad = %pad.display(), "geen gemeentenlijst in de gegevensmap");
            }
            let pad = map.join("gemma-applicatiecomponenten.xml");
            if pad.is_file() {
                let bytes = tokio::fs::read(&pad)
                    .await
                    .with_context(|| format!("kan {} niet lezen", pad.display()))?;
                let inhoud = import::ameff::lees(&bytes)
                    .with_context(|| format!("{} is ongeldig", pad.display()))?;
                let aantal = db
                    .laad_referentiecomponenten(BRON_GEMMA, &inhoud.referentiecomponenten)
                    .await?;
                if aantal > 0 {
                    tracing::info!(aantal, bron = %pad.display(), "referentiecomponenten geladen");
                }
            }
        }
        None => {
            tracing::warn!("geen gegevensmap (GRONDPLAN_DATA): gestart zonder referentiegegevens")
        }
    }
    if config.demo {
        let aantal = db.laad_opgaven(demo::BRON, &demo::routekaart()).await?;
        if aantal > 0 {
            tracing::info!(aantal, "demo-Routekaart geladen");
        }
        let zoeker = db.referentiezoeker().await?;
        let aantal = db
            .laad_componenten(
                demo::catalogus::BRON,
                &demo::catalogus::componenten(&zoeker),
            )
            .await?;
        if aantal > 0 {
            tracing::info!(aantal, "demo-catalogus geladen");
        }
    }
    Ok(())
}
