//! Section 1 of `DOMAIN.md`, the overstapregels: when can an applicatie switch to a Common
//! Ground component without paying for nothing?
//!
//! From the contract come the exit points and which of them are usable on the peildatum;
//! from the catalogue and the Routekaart (with the gemeente's own rol) comes when each
//! candidate component is available and when the gemeente could run on it (ready); the
//! earliest-ready candidate is chosen, and exactly one [`Uitkomst`] follows.

use crate::snel::SnelleMap;

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

/// Exit point k of a contract: E + k·r months, counted from E so that an end on the 31st
/// stays on the month's last day.
/// E itself (k = 0) needs no arithmetic, so it is an exit point whatever r is.
fn uitstappunt(contract: &Contract, k: i32) -> Option<NaiveDate> {
    if k == 0 {
        return Some(contract.einddatum());
    }
    let r = i32::try_from(contract.verlenging_maanden()).ok()?;
    plus_maanden(contract.einddatum(), k.checked_mul(r)?)
}

/// Whole calendar months from `van` to `tot` (negative when `tot` is earlier), ignoring days.
fn maanden_tussen(van: NaiveDate, tot: NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(tot.year() - van.year()) * 12 + i64::from(tot.month()) - i64::from(van.month())
}

/// The final end: the last exit point the uiterste einddatum M allows (E when there is
/// no renewal); none for a renewing contract without M.
pub fn definitief_einde(contract: &Contract) -> Option<NaiveDate> {
    let r = i64::from(contract.verlenging_maanden());
    if r == 0 {
        return Some(contract.einddatum());
    }
    let m = contract.uiterste_einddatum()?;
    // The step count to M, give or take one for month-end clamping; walk back to ≤ M.
    let mut k = i32::try_from(maanden_tussen(contract.einddatum(), m) / r).unwrap_or(i32::MAX);
    while k > 0 && uitstappunt(contract, k).is_none_or(|x| x > m) {
        k -= 1;
    }
    uitstappunt(contract, k)
}

/// The exit points of `contract` seen from `peildatum`, with its final end.
pub fn uitstappunten(contract: &Contract, peildatum: NaiveDate) -> Uitstappunten {
    let horizon = plus_maanden(peildatum, HORIZON_MAANDEN).unwrap_or(NaiveDate::MAX);
    let definitief_einde = definitief_einde(contract);
    let grens = match (contract.verlenging_maanden(), definitief_einde) {
        (0, Some(e)) => e.min(horizon),
        (_, Some(f)) => f.min(horizon),
        (_, None) => horizon,
    };
    let punten = (0..)
        .map_while(|k| uitstappunt(contract, k).filter(|x| *x <= grens))
        .take(if contract.verlenging_maanden() == 0 {
            1
        } else {
            usize::MAX
        })
        .collect();
    Uitstappunten {
        punten,
        definitief_einde,
    }
}

/// The notice deadline of exit point `x`: `x − opzegtermijn` months.
pub fn opzegdeadline(contract: &Contract, x: NaiveDate) -> NaiveDate {
    let maanden = i32::try_from(contract.opzegtermijn_maanden()).unwrap_or(i32::MAX);
    plus_maanden(x, -maanden).unwrap_or(NaiveDate::MIN)
}

/// Whether exit point `x` is usable on `peildatum`: on or after it, and either the final
/// end (no notice needed) or with its notice deadline on or after it.
fn bruikbaar(
    contract: &Contract,
    x: NaiveDate,
    einde: Option<NaiveDate>,
    peildatum: NaiveDate,
) -> bool {
    x >= peildatum && (einde == Some(x) || opzegdeadline(contract, x) >= peildatum)
}

/// The first usable exit point on or after `vanaf` within the horizon, without listing
/// the earlier ones: the walk starts just before `max(vanaf, peildatum)`.
pub fn eerste_bruikbare(
    contract: &Contract,
    vanaf: NaiveDate,
    peildatum: NaiveDate,
) -> Option<NaiveDate> {
    let horizon = plus_maanden(peildatum, HORIZON_MAANDEN).unwrap_or(NaiveDate::MAX);
    let einde = definitief_einde(contract);
    let r = i64::from(contract.verlenging_maanden());
    if r == 0 {
        let e = contract.einddatum();
        return (e >= vanaf && e <= horizon && bruikbaar(contract, e, einde, peildatum))
            .then_some(e);
    }
    let grens = einde.map_or(horizon, |f| f.min(horizon));
    let k0 = (maanden_tussen(contract.einddatum(), vanaf.max(peildatum)) / r - 1).max(0);
    let k0 = i32::try_from(k0).unwrap_or(i32::MAX);
    (k0..)
        .map_while(|k| uitstappunt(contract, k).filter(|x| *x <= grens))
        .find(|&x| x >= vanaf && bruikbaar(contract, x, einde, peildatum))
}

impl Uitstappunten {
    /// Whether exit point `x` is usable on `peildatum`.
    pub fn bruikbaar(&self, contract: &Contract, x: NaiveDate, peildatum: NaiveDate) -> bool {
        bruikbaar(contract, x, self.definitief_einde, peildatum)
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
    per_referentiecomponent: SnelleMap<&'a ReferentiecomponentId, Vec<usize>>,
    per_id: SnelleMap<&'a ComponentId, &'a Component>,
    opgaven: SnelleMap<&'a OpgaveId, &'a Opgave>,
    /// Per component (by catalogue index): [`Overstapcontext::volgt_routekaart`].
    volgt: Vec<bool>,
}

impl<'a> Overstapcontext<'a> {
    /// Indexes the catalogue by referentiecomponent and the Routekaart by opgave id.
    pub fn new(peildatum: NaiveDate, componenten: &'a [Component], opgaven: &'a [Opgave]) -> Self {
        let mut per_referentiecomponent: SnelleMap<&ReferentiecomponentId, Vec<usize>> =
            SnelleMap::default();
        for (i, component) in componenten.iter().enumerate() {
            for r in &component.vervangt {
                let lijst = per_referentiecomponent.entry(r).or_default();
                if !lijst.contains(&i) {
                    lijst.push(i);
                }
            }
        }
        let mut context = Self {
            peildatum,
            componenten,
            routekaart: opgaven,
            per_referentiecomponent,
            per_id: componenten.iter().map(|k| (&k.id, k)).collect(),
            opgaven: opgaven.iter().map(|o| (&o.id, o)).collect(),
            volgt: Vec::new(),
        };
        context.volgt = componenten
            .iter()
            .map(|k| context.volgt_routekaart(k))
            .collect();
        context
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
        self.per_id.get(id).copied()
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

    /// Whether `component`'s availability follows the Routekaart: it is in development
    /// and delivered by an opgave on it, so moving that opgave's fasen moves it.
    pub fn volgt_routekaart(&self, component: &Component) -> bool {
        component.status == Status::InOntwikkeling
            && component
                .opgave
                .as_ref()
                .is_some_and(|id| self.opgaven.contains_key(id))
    }

    /// Whether every gemeente's outcomes rest on the same ground here as in `ander`: the
    /// same peildatum and catalogue, and the same components following the Routekaart.
    /// Then a gemeente's outcomes can differ only by the ready dates of those components
    /// ([`Overstapcontext::zelfde_voor`]): the others do not depend on the Routekaart.
    pub fn zelfde_grond(&self, ander: &Overstapcontext<'_>) -> bool {
        self.peildatum == ander.peildatum
            && self.volgt == ander.volgt
            && self.componenten == ander.componenten
    }

    /// Whether `gemeente` has the same ready date here as in `ander` for every component
    /// that follows the Routekaart. With [`Overstapcontext::zelfde_grond`], everything made
    /// for `gemeente` (its plan, its part of the landelijk beeld) is then the same in both:
    /// after a Routekaart edit, only the gemeenten for which this is false need counting
    /// again.
    pub fn zelfde_voor(&self, ander: &Overstapcontext<'_>, gemeente: &GemeenteCode) -> bool {
        self.componenten
            .iter()
            .zip(ander.componenten)
            .zip(&self.volgt)
            .filter(|(_, volgt)| **volgt)
            .all(|((hier, daar), _)| self.gereed(hier, gemeente) == ander.gereed(daar, gemeente))
    }

    /// The catalogue indices of every component that replaces at least one of
    /// `referentiecomponenten`, each once, in catalogue order.
    pub(crate) fn kandidaatindices(
        &self,
        referentiecomponenten: &[ReferentiecomponentId],
    ) -> Vec<usize> {
        let mut indices: Vec<usize> = referentiecomponenten
            .iter()
            .filter_map(|r| self.per_referentiecomponent.get(r))
            .flatten()
            .copied()
            .collect();
        indices.sort_unstable();
        indices.dedup();
        indices
    }

    /// The ready date of every component for `gemeente`, computed once for many
    /// applicaties of that gemeente.
    pub fn voor<'c>(&'c self, gemeente: &'c GemeenteCode) -> Gemeentezicht<'c, 'a> {
        Gemeentezicht {
            context: self,
            gemeente,
            gereed: self
                .componenten
                .iter()
                .map(|k| self.gereed(k, gemeente))
                .collect(),
        }
    }

    /// The chosen candidate for `referentiecomponenten` of `gemeente` (see
    /// [`Gemeentezicht::kandidaat`]).
    pub fn kandidaat(
        &self,
        referentiecomponenten: &[ReferentiecomponentId],
        gemeente: &GemeenteCode,
    ) -> Option<(&'a Component, NaiveDate)> {
        self.voor(gemeente).kandidaat(referentiecomponenten)
    }

    /// The outcome for one applicatie of `gemeente`.
    pub fn overstap(&self, applicatie: &Applicatie, gemeente: &GemeenteCode) -> Overstap {
        self.voor(gemeente).overstap(applicatie)
    }
}

/// The catalogue as one gemeente sees it: every component's ready date under its own
/// rollen.
#[derive(Debug)]
pub struct Gemeentezicht<'c, 'a> {
    context: &'c Overstapcontext<'a>,
    gemeente: &'c GemeenteCode,
    gereed: Vec<Option<NaiveDate>>,
}

impl<'a> Gemeentezicht<'_, 'a> {
    /// The chosen candidate for `referentiecomponenten`: among the components that replace
    /// at least one of them and are ever available, the one with the earliest ready date
    /// (ties: lowest id). Returns it with its ready date.
    pub fn kandidaat(
        &self,
        referentiecomponenten: &[ReferentiecomponentId],
    ) -> Option<(&'a Component, NaiveDate)> {
        self.kies(
            referentiecomponenten
                .iter()
                .filter_map(|r| self.context.per_referentiecomponent.get(r))
                .flatten()
                .copied(),
        )
    }

    /// [`Gemeentezicht::kandidaat`] among the components at catalogue `indices`.
    fn kies(&self, indices: impl IntoIterator<Item = usize>) -> Option<(&'a Component, NaiveDate)> {
        let componenten = self.context.componenten;
        let mut beste: Option<(usize, NaiveDate)> = None;
        for i in indices {
            let Some(gereed) = self.gereed[i] else {
                continue;
            };
            if beste.is_none_or(|(b, g)| (gereed, &componenten[i].id) < (g, &componenten[b].id)) {
                beste = Some((i, gereed));
            }
        }
        beste.map(|(i, gereed)| (&self.context.componenten[i], gereed))
    }

    /// The outcome for one applicatie.
    pub fn overstap(&self, applicatie: &Applicatie) -> Overstap {
        Overstap {
            applicatie: applicatie.id.clone(),
            naam: applicatie.naam.clone(),
            uitkomst: self.uitkomst(applicatie),
        }
    }

    /// What one applicatie can do (the [`Overstap`] without its id and name).
    pub fn uitkomst(&self, applicatie: &Applicatie) -> Uitkomst {
        self.uitkomst_met(
            applicatie,
            self.kandidaat(&applicatie.referentiecomponenten),
        )
    }

    /// [`Gemeentezicht::uitkomst`] of an applicatie whose candidates are at catalogue
    /// `kandidaatindices` ([`Overstapcontext::kandidaatindices`] of its
    /// referentiecomponenten), for a caller that needs those too.
    pub(crate) fn uitkomst_uit(
        &self,
        applicatie: &Applicatie,
        kandidaatindices: &[usize],
    ) -> Uitkomst {
        self.uitkomst_met(applicatie, self.kies(kandidaatindices.iter().copied()))
    }

    fn uitkomst_met(
        &self,
        applicatie: &Applicatie,
        kandidaat: Option<(&'a Component, NaiveDate)>,
    ) -> Uitkomst {
        match kandidaat {
            None => Uitkomst::GeenComponent,
            Some((component, gereed)) => uitkomst(
                &applicatie.contract,
                component.id.clone(),
                gereed,
                self.context.peildatum,
            ),
        }
    }

    /// The gemeente this view is for.
    pub fn gemeente(&self) -> &GemeenteCode {
        self.gemeente
    }

    /// The component at catalogue index `i`, its ready date for this gemeente (none:
    /// never available) and whether that follows the Routekaart.
    pub(crate) fn kandidaat_op(&self, i: usize) -> (&'a Component, Option<NaiveDate>, bool) {
        (
            &self.context.componenten[i],
            self.gereed[i],
            self.context.volgt[i],
        )
    }
}

/// The outcome for a contract once the component and its ready date are known.
pub fn uitkomst(
    contract: &Contract,
    component: ComponentId,
    gereed: NaiveDate,
    peildatum: NaiveDate,
) -> Uitkomst {
    let kosten = contract.jaarlijkse_kosten();
    let definitief = definitief_einde(contract);
    if let Some(einde) = definitief.filter(|f| *f < gereed) {
        let dagen = (gereed - einde.max(peildatum)).num_days();
        return Uitkomst::Overbrugging {
            component,
            gereed,
            definitief_einde: einde,
            overbrugging_dagen: dagen,
            overbruggingskosten: naar_rato(kosten, dagen),
        };
    }
    match eerste_bruikbare(contract, gereed, peildatum) {
        Some(x) => {
            let opzeggen_voor = (definitief != Some(x)).then(|| opzegdeadline(contract, x));
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
