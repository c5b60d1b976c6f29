//! A gemeente's overstapplan (DOMAIN.md sections 1–3) on its stored landscape, or on one
//! of its saved scenarios: one road, `Scenario::werk_uit`, for both (the published plan
//! is the empty scenario).

use chrono::NaiveDate;
use domain::Overstapplan;
use domain::scenario::{Basis, Scenario};
use domain::toegang::recht::GemeenteLeesrecht;

use super::Taakfout;
use crate::db::Db;

/// The plan the holder of `recht` asks for, with the data it was worked out on: on
/// `peildatum` (default: the scenario's, else today by the service's clock), with the
/// saved scenario `scenario` applied first when one is named.
///
/// # Errors
/// An unknown scenario, or storage.
pub async fn bereken(
    db: &Db,
    recht: &GemeenteLeesrecht,
    peildatum: Option<NaiveDate>,
    scenario: Option<&str>,
) -> Result<(Overstapplan, Basis), Taakfout> {
    let code = recht.gemeente();
    let basis = db.planbasis(recht).await?;
    let mut gekozen = match scenario {
        Some(id) => {
            db.scenario(recht, id)
                .await?
                .ok_or_else(|| {
                    Taakfout::NietGevonden(format!("{code} heeft geen scenario '{id}'"))
                })?
                .scenario
        }
        None => Scenario::concept(code.clone(), db.klok().vandaag(), &basis),
    };
    if let Some(peildatum) = peildatum {
        gekozen.peildatum = peildatum;
    }
    let mut plan = gekozen.werk_uit(&basis).plan;
    plan.aan_te_vullen = db
        .aan_te_vullen(recht)
        .await?
        .iter()
        .map(Into::into)
        .collect();
    Ok((plan, basis))
}
