//! The accounts a beheerder manages, regie's tokens, and an invitation as its link opens
//! it: reads for rendering (writes go through the API, `crate::api`).

use domain::contract::{Accountlijst, Leesfout, Tokenregel, Uitnodigingsinfo};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a beheerder's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Beheerbeeld {
    /// The accounts and open invitations of the kring.
    pub lijst: Accountlijst,
    /// For regie: every API token (empty for a gemeente's beheerder).
    pub tokens: Vec<Tokenregel>,
    /// For regie: every gemeente, to appoint a beheerder or make a token for.
    pub gemeenten: Vec<domain::Gemeente>,
    /// The beheerder's own address (its own account is not disabled from here).
    pub eigen: String,
    /// The session's CSRF token, for the writes.
    pub csrf: String,
}

/// The accounts of `kring` (`regie`, or a gemeente's CBS code) for the current session,
/// or why not (the status is set to 401/403/503 to match).
///
/// # Errors
/// When the kring is malformed or the storage port is missing.
#[server(prefix = "/fn", endpoint = "accounts")]
pub async fn accounts_ophalen(
    kring: String,
) -> Result<Result<Beheerbeeld, Leesfout>, ServerFnError> {
    use domain::toegang::recht::{Accountbeheerrecht, Accountkring};
    let kring = if kring == "regie" {
        Accountkring::Regie
    } else {
        Accountkring::Gemeente(super::opslag::gemeentecode(&kring)?)
    };
    let beheer = super::opslag::poort::<dyn domain::ports::Accountbeheer>()?;
    let actor = super::opslag::actor().map_err(|fout| ServerFnError::new(fout.to_string()))?;
    let recht = match Accountbeheerrecht::voor(&actor, &kring) {
        Ok(recht) => recht,
        Err(weigering) => {
            let fout = Leesfout::from(weigering);
            super::opslag::zet_status(&fout);
            return Ok(Err(fout));
        }
    };
    let csrf = super::opslag::sessie().map(|s| s.csrf).unwrap_or_default();
    let uitkomst = async {
        let lijst = beheer.accounts(&recht).await?;
        let (tokens, gemeenten) = if kring == Accountkring::Regie {
            (
                beheer.tokens(&recht).await?,
                super::opslag::publiek()
                    .map_err(|_| Leesfout::Opslag)?
                    .gemeenten()
                    .await
                    .map_err(|_| Leesfout::Opslag)?,
            )
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(Beheerbeeld {
            lijst,
            tokens,
            gemeenten,
            eigen: actor.naam().to_owned(),
            csrf,
        })
    }
    .await;
    if let Err(fout) = &uitkomst {
        super::opslag::zet_status(fout);
    }
    Ok(uitkomst)
}

/// The open invitation behind `token`, if there is one: whom it is for and into which
/// gemeente, for the page that accepts it.
///
/// # Errors
/// When the storage port is missing or fails.
#[server(prefix = "/fn", endpoint = "uitnodiging")]
pub async fn uitnodiging_ophalen(token: String) -> Result<Option<Uitnodigingsinfo>, ServerFnError> {
    let beheer = super::opslag::poort::<dyn domain::ports::Accountbeheer>()?;
    beheer
        .uitnodiging(&token)
        .await
        .map_err(|fout| ServerFnError::new(fout.to_string()))
}
