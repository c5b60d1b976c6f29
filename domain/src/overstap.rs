//! Section 1 of `DOMAIN.md`, the overstapregels: when can an applicatie switch to a Common
//! Ground component without paying for nothing?
//!
//! From the contract come the exit points and which of them are usable on the peildatum;
//! from the catalogue and the Routekaart (with the gemeente's own rol) comes when each
//! candidate component is available and when the gemeente could run on it (ready); the
//! earliest-ready candidate is chosen, and exactly one [`Uitkomst`] follows.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogus::{Component, Status};
use crate::datum::plus_maanden;
use crate::geld::naar_rato;
use crate::gemeente::GemeenteCode;
use crate::id::{ApplicatieId, ComponentId, OpgaveId, ReferentiecomponentId};
use crate::landschap::{Applicatie, Contract};
use crate::routekaart::{Opgave, Rol};

/// How far ahead exit points are looked for: 15 years after the peildatum.
pub const HORIZON_MAANDEN: i32 = 15 * 12;

/// A notice deadline closer than this to the peildatum makes an overstap urgent.
pub const URGENT_MAANDEN: i32 = 3;

/// The moments a contract can end, seen from a peildatum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uitstappunten {
    /// E + k·r months for k = 0, 1, …, never after M and at most 15 years after P.
    pub punten: Vec<NaiveDate>,
    /// The last exit point M allows (E when there is no renewal); none for a renewing
    /// contract without an uiterste einddatum. There the contract stops by itself.
    pub definitief_einde: Option<NaiveDate>,
}

/// The exit points of `contract` seen from `peildatum`.
pub fn uitstappunten(contract: &Contract, peildatum: NaiveDate) -> Uitstappunten {
    let e = contract.einddatum();
    let horizon = plus_maanden(peildatum, HORIZON_MAANDEN).unwrap_or(NaiveDate::MAX);
    let r = i32::try_from(contract.verlenging_maanden()).unwrap_or(i32::MAX);
    if r == 0 {
        let punten = if e <= horizon { vec![e] } else { Vec::new() };
        return Uitstappunten {
            punten,
            definitief_einde: Some(e),
        };
    }
    let grens = contract
        .uiterste_einddatum()
        .map_or(horizon, |m| m.min(horizon));
    let mut punten = Vec::new();
    let mut laatste_voor_m = None;
    for k in 0_i32.. {
        // Each counted from E, so an end on the 31st stays on the month's last day.
        let Some(x) = k
            .checked_mul(r)
            .and_then(|maanden| plus_maanden(e, maanden))
        else {
            break;
        };
        if contract.uiterste_einddatum().is_some_and(|m| x > m) {
            break;
        }
        laatste_voor_m = Some(x);
        if x > grens {
            // Beyond the horizon but within M: keep walking only to find the final end.
            if contract.uiterste_einddatum().is_none() {
                break;
            }
            continue;
        }
        punten.push(x);
    }
    Uitstappunten {
        punten,
        definitief_einde: contract.uiterste_einddatum().and(laatste_voor_m),
    }
}

/// The notice deadline of exit point `x`: `x − opzegtermijn` months.
pub fn opzegdeadline(contract: &Contract, x: NaiveDate) -> NaiveDate {
    let maanden = i32::try_from(contract.opzegtermijn_maanden()).unwrap_or(i32::MAX);
    plus_maanden(x, -maanden).unwrap_or(NaiveDate::MIN)
}

impl Uitstappunten {
    /// Whether exit point `x` is usable on `peildatum`: on or after it, and either the
    /// final end (no notice needed) or with its notice deadline on or after it.
    pub fn bruikbaar(&self, contract: &Contract, x: NaiveDate, peildatum: NaiveDate) -> bool {
        x >= peildatum
            && (self.definitief_einde == Some(x) || opzegdeadline(contract, x) >= peildatum)
    }

    /// The first usable exit point on or after `vanaf`.
    pub fn eerste_bruikbare(
        &self,
        contract: &Contract,
        vanaf: NaiveDate,
        peildatum: NaiveDate,
    ) -> Option<NaiveDate> {
        self.punten
            .iter()
            .copied()
            .find(|&x| x >= vanaf && self.bruikbaar(contract, x, peildatum))
    }
}

/// When a component is available to a gemeente.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Beschikbaarheid {
    /// Available now (status `beschikbaar` without a date).
    Nu,
    /// Available from this date.
    Vanaf(NaiveDate),
    /// Never: status `idee` or `uitgefaseerd`, or no date at all.
    Nooit,
}

/// The catalogue and the Routekaart, indexed once for many overstap calculations on one
/// peildatum (one gemeente, or all of them).
#[derive(Debug)]
pub struct Overstapcontext<'a> {
    peildatum: NaiveDate,
    componenten: &'a [Component],
    routekaart: &'a [Opgave],
    per_referentiecomponent: HashMap<&'a ReferentiecomponentId, Vec<usize>>,
    opgaven: HashMap<&'a OpgaveId, &'a Opgave>,
}

impl<'a> Overstapcontext<'a> {
    /// Indexes the catalogue by referentiecomponent and the Routekaart by opgave id.
    pub fn new(peildatum: NaiveDate, componenten: &'a [Component], opgaven: &'a [Opgave]) -> Self {
        let mut per_referentiecomponent: HashMap<&ReferentiecomponentId, Vec<usize>> =
            HashMap::new();
        for (i, component) in componenten.iter().enumerate() {
            for r in &component.vervangt {
                let lijst = per_referentiecomponent.entry(r).or_default();
                if !lijst.contains(&i) {
                    lijst.push(i);
                }
            }
        }
        Self {
            peildatum,
            componenten,
            routekaart: opgaven,
            per_referentiecomponent,
            opgaven: opgaven.iter().map(|o| (&o.id, o)).collect(),
        }
    }

    /// The peildatum of every calculation in this context.
    pub fn peildatum(&self) -> NaiveDate {
        self.peildatum
    }

    /// The Routekaart of this context.
    pub fn routekaart(&self) -> &'a [Opgave] {
        self.routekaart
    }

    /// The component with this id.
    pub fn component(&self, id: &ComponentId) -> Option<&'a Component> {
        self.componenten.iter().find(|k| &k.id == id)
    }

    /// When `component` is available to `gemeente` (DOMAIN.md section 1, availability).
    pub fn beschikbaarheid(
        &self,
        component: &Component,
        gemeente: &GemeenteCode,
    ) -> Beschikbaarheid {
        match component.status {
            Status::Idee | Status::Uitgefaseerd => return Beschikbaarheid::Nooit,
            Status::Beschikbaar => {
                return component
                    .beschikbaar_vanaf
                    .map_or(Beschikbaarheid::Nu, Beschikbaarheid::Vanaf);
            }
            Status::InOntwikkeling => {}
        }
        if let Some(opgave) = component
            .opgave
            .as_ref()
            .and_then(|id| self.opgaven.get(id))
        {
            let datum = match opgave.rol_van(gemeente) {
                Some(Rol::Coalitiepartner) => opgave.ontwikkelfase.periode.eind(),
                Some(Rol::EersteGebruiker) => opgave.opschalingsfase.periode.start(),
                None => opgave.opschalingsfase.periode.eind(),
            };
            return Beschikbaarheid::Vanaf(datum);
        }
        component
            .verwacht_beschikbaar
            .map_or(Beschikbaarheid::Nooit, Beschikbaarheid::Vanaf)
    }

    /// `ready = max(available, P) + migratie_maanden`; `None` when never available.
    pub fn gereed(&self, component: &Component, gemeente: &GemeenteCode) -> Option<NaiveDate> {
        let beschikbaar = match self.beschikbaarheid(component, gemeente) {
            Beschikbaarheid::Nooit => return None,
            Beschikbaarheid::Nu => self.peildatum,
            Beschikbaarheid::Vanaf(datum) => datum.max(self.peildatum),
        };
        plus_maanden(
            beschikbaar,
            i32::try_from(component.migratie_maanden).unwrap_or(i32::MAX),
        )
    }

    /// The chosen candidate for `referentiecomponenten`: among the components that replace
    /// at least one of them and are ever available, the one with the earliest ready date
    /// (ties: lowest id). Returns it with its ready date.
    pub fn kandidaat(
        &self,
        referentiecomponenten: &[ReferentiecomponentId],
        gemeente: &GemeenteCode,
    ) -> Option<(&'a Component, NaiveDate)> {
        let mut beste: Option<(&Component, NaiveDate)> = None;
        let indices = referentiecomponenten
            .iter()
            .filter_map(|r| self.per_referentiecomponent.get(r))
            .flatten();
        for &i in indices {
            let component = &self.componenten[i];
            let Some(gereed) = self.gereed(component, gemeente) else {
                continue;
            };
            let beter = beste.is_none_or(|(b, g)| (gereed, &component.id) < (g, &b.id));
            if beter {
                beste = Some((component, gereed));
            }
        }
        beste
    }

    /// The outcome for one applicatie of `gemeente`.
    pub fn overstap(&self, applicatie: &Applicatie, gemeente: &GemeenteCode) -> Overstap {
        let uitkomst = match self.kandidaat(&applicatie.referentiecomponenten, gemeente) {
            None => Uitkomst::GeenComponent,
            Some((component, gereed)) => uitkomst(
                &applicatie.contract,
                component.id.clone(),
                gereed,
                self.peildatum,
            ),
        };
        Overstap {
            applicatie: applicatie.id.clone(),
            naam: applicatie.naam.clone(),
            uitkomst,
        }
    }
}

/// The outcome for a contract once the component and its ready date are known.
pub fn uitkomst(
    contract: &Contract,
    component: ComponentId,
    gereed: NaiveDate,
    peildatum: NaiveDate,
) -> Uitkomst {
    let punten = uitstappunten(contract, peildatum);
    let kosten = contract.jaarlijkse_kosten();
    if let Some(einde) = punten.definitief_einde.filter(|f| *f < gereed) {
        let dagen = (gereed - einde.max(peildatum)).num_days();
        return Uitkomst::Overbrugging {
            component,
            gereed,
            definitief_einde: einde,
            overbrugging_dagen: dagen,
            overbruggingskosten: naar_rato(kosten, dagen),
        };
    }
    match punten.eerste_bruikbare(contract, gereed, peildatum) {
        Some(x) => {
            let opzeggen_voor =
                (punten.definitief_einde != Some(x)).then(|| opzegdeadline(contract, x));
            let wachttijd = (x - gereed).num_days();
            let urgentiegrens = plus_maanden(peildatum, URGENT_MAANDEN).unwrap_or(NaiveDate::MAX);
            Uitkomst::Overstap {
                component,
                gereed,
                overstapmoment: x,
                opzeggen_voor,
                wachttijd_dagen: wachttijd,
                frictiekosten: naar_rato(kosten, wachttijd),
                urgent: opzeggen_voor.is_some_and(|d| d < urgentiegrens),
            }
        }
        None => Uitkomst::GeenMoment { component, gereed },
    }
}

/// What an applicatie can do (exactly one of four).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "uitkomst",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Uitkomst {
    /// No component replaces any of its referentiecomponenten, or none is ever available.
    GeenComponent,
    /// Switch at the overstapmoment.
    Overstap {
        /// The chosen component.
        component: ComponentId,
        /// The day the gemeente could run on it.
        gereed: NaiveDate,
        /// The first usable exit point on or after `gereed`.
        overstapmoment: NaiveDate,
        /// Give notice before this day; none when the overstapmoment is the final end.
        opzeggen_voor: Option<NaiveDate>,
        /// Days from `gereed` to the overstapmoment.
        wachttijd_dagen: i64,
        /// The fees switching at `gereed` instead would waste.
        frictiekosten: i64,
        /// Notice must be given within three months of the peildatum.
        urgent: bool,
    },
    /// The contract stops by itself before the component is ready: bridge the gap.
    Overbrugging {
        /// The chosen component.
        component: ComponentId,
        /// The day the gemeente could run on it.
        gereed: NaiveDate,
        /// The day the contract stops by itself.
        definitief_einde: NaiveDate,
        /// Days from max(final end, peildatum) to `gereed`.
        overbrugging_dagen: i64,
        /// The fees of an extension or interim contract over those days.
        overbruggingskosten: i64,
    },
    /// No usable exit point within the horizon.
    GeenMoment {
        /// The chosen component.
        component: ComponentId,
        /// The day the gemeente could run on it.
        gereed: NaiveDate,
    },
}

impl Uitkomst {
    /// The chosen component, if any.
    pub fn component(&self) -> Option<&ComponentId> {
        match self {
            Self::GeenComponent => None,
            Self::Overstap { component, .. }
            | Self::Overbrugging { component, .. }
            | Self::GeenMoment { component, .. } => Some(component),
        }
    }

    /// The overstapmoment, for an `overstap`.
    pub fn overstapmoment(&self) -> Option<NaiveDate> {
        match self {
            Self::Overstap { overstapmoment, .. } => Some(*overstapmoment),
            _ => None,
        }
    }
}

/// The outcome for one applicatie.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Overstap {
    /// Which applicatie.
    pub applicatie: ApplicatieId,
    /// Its name, for reading.
    pub naam: String,
    /// What it can do.
    #[serde(flatten)]
    pub uitkomst: Uitkomst,
}

#[cfg(test)]
mod tests;
