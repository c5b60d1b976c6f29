//! The regie's national what-if: when a fase of an opgave moves, which gemeenten lose
//! their contract window (the overstapmoment of an applicatie moves to a later renewal, or
//! it has none left) and what that costs in extra contract fees; and, moved earlier, who
//! gains one.
//!
//! The server sends a [`Vensterbasis`]: only the applicaties whose overstap can change with
//! the Routekaart (those with a candidate component delivered by an opgave on it), each
//! with its contract, the indices of those candidates and the earliest ready date of its
//! other candidates, which no drag changes. That is a few thousand rows for all 342
//! gemeenten, instead of every applicatie, and enough to recompute each one exactly with
//! the rules of section 1 in the browser on every frame of a drag.
//!
//! Extra fees are the old contract's fees from the published overstapmoment to the new one
//! (or, once the contract must be bridged, to the new ready date), prorated as everywhere.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Gemeentebijdrage;
use crate::catalogus::Component;
use crate::geld::naar_rato;
use crate::gemeente::GemeenteCode;
use crate::id::ComponentId;
use crate::landschap::{Applicatie, Contract};
use crate::overstap::{Gemeentezicht, Overstapcontext, Uitkomst, uitkomst};
use crate::routekaart::Opgave;

/// An applicatie whose overstap follows the Routekaart.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Vensterapplicatie {
    /// Its gemeente: an index into [`Vensterbasis::gemeenten`].
    pub gemeente: u32,
    /// Its candidates delivered by an opgave: indices into [`Vensterbasis::componenten`].
    pub opties: Vec<u32>,
    /// The earliest ready date of its other candidates, which no drag moves.
    pub vast_gereed: Option<NaiveDate>,
    /// Its contract.
    pub contract: Contract,
}

/// What the browser needs to recompute, on any Routekaart, every overstap that follows it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Vensterbasis {
    /// "Today" of the plans.
    pub peildatum: NaiveDate,
    /// The components whose availability follows the Routekaart.
    pub componenten: Vec<Component>,
    /// The gemeenten of the applicaties.
    pub gemeenten: Vec<GemeenteCode>,
    /// The applicaties.
    pub applicaties: Vec<Vensterapplicatie>,
}

/// Every applicatie's outcome on one Routekaart: the day it stops paying its contract
/// (its overstapmoment, or its ready date when it must be bridged) and whether it has a
/// window (an `overstap`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vensterstand(Vec<(Option<NaiveDate>, bool)>);

/// The national effect of a changed Routekaart, compared with the published one.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Venstereffect {
    /// Gemeenten where at least one applicatie loses its window.
    pub gemeenten_verliezen: usize,
    /// Applicaties whose overstapmoment moves later or that have none left.
    pub applicaties_verliezen: usize,
    /// Of those, how many have no usable moment left at all.
    pub zonder_moment: usize,
    /// The contract fees paid longer.
    pub extra_kosten: i64,
    /// Gemeenten where at least one applicatie gets an earlier window.
    pub gemeenten_winnen: usize,
    /// Applicaties whose overstapmoment moves earlier or that get one.
    pub applicaties_winnen: usize,
    /// The contract fees paid shorter.
    pub minder_kosten: i64,
}

/// One applicatie of a gemeente whose overstap follows the Routekaart, as a
/// [`Gemeentebijdrage`] keeps it: its candidates by id, so that it does not depend on the
/// order in which a basis meets components.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Vensterregel {
    opties: Vec<ComponentId>,
    vast_gereed: Option<NaiveDate>,
    contract: Contract,
}

impl Vensterregel {
    /// Those of `blijvend` (the applicaties of `gemeente` that are not dropped: they do
    /// not switch; each with its candidates' catalogue indices) whose overstap follows the
    /// Routekaart.
    pub(super) fn van<'a>(
        zicht: &Gemeentezicht<'_, '_>,
        blijvend: impl Iterator<Item = (&'a Applicatie, &'a [usize])>,
    ) -> Vec<Self> {
        let mut regels = Vec::new();
        for (app, kandidaten) in blijvend {
            let mut opties = Vec::new();
            let mut vast_gereed: Option<NaiveDate> = None;
            for &i in kandidaten {
                let (k, gereed, volgt) = zicht.kandidaat_op(i);
                if volgt {
                    opties.push(k.id.clone());
                } else if let Some(g) = gereed {
                    vast_gereed = Some(vast_gereed.map_or(g, |v| v.min(g)));
                }
            }
            if !opties.is_empty() {
                regels.push(Self {
                    opties,
                    vast_gereed,
                    contract: app.contract,
                });
            }
        }
        regels
    }
}

impl Vensterbasis {
    /// An empty basis for plans on `peildatum`.
    pub fn new(peildatum: NaiveDate) -> Self {
        Self {
            peildatum,
            componenten: Vec::new(),
            gemeenten: Vec::new(),
            applicaties: Vec::new(),
        }
    }

    /// The basis of every gemeente's part in `bijdragen`, made in `context`.
    pub fn uit<'b>(
        context: &Overstapcontext<'_>,
        bijdragen: impl IntoIterator<Item = &'b Gemeentebijdrage>,
    ) -> Self {
        let mut basis = Self::new(context.peildatum());
        for bijdrage in bijdragen {
            basis.voeg_toe(context, bijdrage);
        }
        basis
    }

    /// Adds one gemeente's applicaties whose overstap follows the Routekaart.
    pub fn voeg_toe(&mut self, context: &Overstapcontext<'_>, bijdrage: &Gemeentebijdrage) {
        if bijdrage.vensters.is_empty() {
            return;
        }
        self.gemeenten.push(bijdrage.gemeente.clone());
        let gemeente = u32::try_from(self.gemeenten.len() - 1).unwrap_or(u32::MAX);
        for regel in &bijdrage.vensters {
            let opties = regel
                .opties
                .iter()
                .filter_map(|id| context.component(id))
                .map(|k| self.index_van(k))
                .collect();
            self.applicaties.push(Vensterapplicatie {
                gemeente,
                opties,
                vast_gereed: regel.vast_gereed,
                contract: regel.contract,
            });
        }
    }

    fn index_van(&mut self, component: &Component) -> u32 {
        let i = match self.componenten.iter().position(|k| k.id == component.id) {
            Some(i) => i,
            None => {
                self.componenten.push(component.clone());
                self.componenten.len() - 1
            }
        };
        u32::try_from(i).unwrap_or(u32::MAX)
    }

    /// Every applicatie's outcome on `routekaart` (section 1, with each gemeente's rol in
    /// it).
    pub fn stand(&self, routekaart: &[Opgave]) -> Vensterstand {
        let context = Overstapcontext::new(self.peildatum, &self.componenten, routekaart);
        let gereed: Vec<Vec<Option<NaiveDate>>> = self
            .gemeenten
            .iter()
            .map(|g| {
                self.componenten
                    .iter()
                    .map(|k| context.gereed(k, g))
                    .collect()
            })
            .collect();
        Vensterstand(
            self.applicaties
                .iter()
                .map(|app| {
                    let rij = usize::try_from(app.gemeente)
                        .ok()
                        .and_then(|g| gereed.get(g));
                    let mut beste = app.vast_gereed;
                    for &o in &app.opties {
                        let g = rij
                            .and_then(|r| usize::try_from(o).ok().and_then(|o| r.get(o)))
                            .copied()
                            .flatten();
                        if let Some(g) = g {
                            beste = Some(beste.map_or(g, |b| b.min(g)));
                        }
                    }
                    // Which component wins does not change the dates compared here.
                    let id = app
                        .opties
                        .first()
                        .and_then(|&o| self.componenten.get(usize::try_from(o).ok()?))
                        .map(|k| k.id.clone());
                    let (Some(klaar), Some(id)) = (beste, id) else {
                        return (None, false);
                    };
                    match uitkomst(&app.contract, id, klaar, self.peildatum) {
                        Uitkomst::Overstap { overstapmoment, .. } => (Some(overstapmoment), true),
                        Uitkomst::Overbrugging { gereed, .. } => (Some(gereed), false),
                        Uitkomst::GeenMoment { .. } | Uitkomst::GeenComponent => (None, false),
                    }
                })
                .collect(),
        )
    }

    /// What changes nationally on `routekaart` compared with the stand `voor` (on the
    /// published Routekaart).
    pub fn effect(&self, voor: &Vensterstand, routekaart: &[Opgave]) -> Venstereffect {
        let na = self.stand(routekaart);
        let mut effect = Venstereffect::default();
        let mut verliezers = vec![false; self.gemeenten.len()];
        let mut winnaars = vec![false; self.gemeenten.len()];
        for ((app, &(stop0, venster0)), &(stop1, venster1)) in
            self.applicaties.iter().zip(&voor.0).zip(&na.0)
        {
            let later = matches!((stop0, stop1), (Some(a), Some(b)) if b > a);
            let eerder = matches!((stop0, stop1), (Some(a), Some(b)) if b < a);
            let g = usize::try_from(app.gemeente).unwrap_or(usize::MAX);
            if venster0 && (!venster1 || later) {
                effect.applicaties_verliezen += 1;
                effect.zonder_moment += usize::from(stop1.is_none());
                if let Some(v) = verliezers.get_mut(g) {
                    *v = true;
                }
            }
            if venster1 && (!venster0 || eerder) {
                effect.applicaties_winnen += 1;
                if let Some(w) = winnaars.get_mut(g) {
                    *w = true;
                }
            }
            if let (Some(a), Some(b)) = (stop0, stop1) {
                let kosten = app.contract.jaarlijkse_kosten();
                if b > a {
                    effect.extra_kosten += naar_rato(kosten, (b - a).num_days());
                } else if b < a {
                    effect.minder_kosten += naar_rato(kosten, (a - b).num_days());
                }
            }
        }
        effect.gemeenten_verliezen = verliezers.iter().filter(|v| **v).count();
        effect.gemeenten_winnen = winnaars.iter().filter(|w| **w).count();
        effect
    }
}

#[cfg(test)]
mod tests;
