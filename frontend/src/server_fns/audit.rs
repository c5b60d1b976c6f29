//! A gemeente's audit trail, for its members and regie.

use domain::contract::{Auditpost, Leesfout};
use leptos::prelude::*;

/// The audit trail of `gemeente` for the current session, or why not.
///
/// # Errors
/// When the code is malformed or the storage port is missing.
#[server(prefix = "/fn", endpoint = "audit")]
pub async fn audit_ophalen(
    gemeente: String,
) -> Result<Result<Vec<Auditpost>, Leesfout>, ServerFnError> {
    let code = super::opslag::gemeentecode(&gemeente)?;
    let lezer = super::opslag::poort::<dyn domain::ports::Auditlezer>()?;
    let recht = match super::opslag::leesrecht(&code) {
        Ok(recht) => recht,
        Err(fout) => return Ok(Err(fout)),
    };
    let uitkomst = lezer.audit(&recht).await;
    if let Err(fout) = &uitkomst {
        super::opslag::zet_status(fout);
    }
    Ok(uitkomst)
}
