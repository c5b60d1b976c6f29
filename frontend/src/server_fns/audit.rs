//! A gemeente's audit trail, for its members and regie.

use domain::ports::{Auditpost, Leesfout};
use leptos::prelude::*;

/// The audit trail of `gemeente` for the current session, or why not.
///
/// # Errors
/// When the code is malformed or the storage port is missing.
#[server(prefix = "/fn", endpoint = "audit")]
pub async fn audit_ophalen(
    gemeente: String,
) -> Result<Result<Vec<Auditpost>, Leesfout>, ServerFnError> {
    let code =
        domain::GemeenteCode::parse(&gemeente).map_err(|e| ServerFnError::new(e.to_string()))?;
    let lezer = use_context::<std::sync::Arc<dyn domain::ports::Auditlezer>>()
        .ok_or_else(|| ServerFnError::new("de opslag is niet ingesteld"))?;
    let sleutel = super::opslag::sessiesleutel();
    let uitkomst = lezer.audit(sleutel.as_deref(), &code).await;
    if let Err(fout) = &uitkomst {
        super::opslag::zet_status(fout);
    }
    Ok(uitkomst)
}
