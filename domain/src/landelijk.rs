//! Section 6 of `DOMAIN.md`, the landelijk beeld: over all gemeenten, per component and
//! quarter, how many gemeenten (and applicaties, and yearly fees) reach an overstapmoment
//! to that component, each under its own rol; the kansrijke quarters for a joint switch
//! with their cohorts; and, nationally, the ongebruikte and overbodige applicaties.
//!
//! Counted as in each gemeente's own overstapplan: an applicatie with outcome `overstap`
//! that is not dropped (a dropped applicatie does not switch), so the aggregate equals
//! the sum of the plans.
//!
//! Two steps, so that the expensive one can be kept: [`Landelijketelling`] adds up the
//! plans (independent of the threshold and of who reads), and
//! [`Landelijketelling::beeld`] applies a threshold and the privacy rules for one reader:
//! a gemeente is named in a cohort only when it chose to be (or to itself), and a sum of
//! fees is shown only when at least [`MINIMUM_VOOR_BEDRAG`] gemeenten share in it, so
//! that no gemeente can read another's contract value from it.
//!
//! [`venster`] answers the regie's national what-if: which gemeenten lose their contract
//! window when a fase moves.

pub mod venster;

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::afschaffen::afschafbaar;
use crate::catalogus::Laag;
use crate::datum::Kwartaal;
use crate::gemeente::GemeenteCode;
use crate::id::{ApplicatieId, ComponentId};
use crate::landschap::Applicatie;
use crate::overstap::{Gemeentezicht, Overstapcontext, Uitkomst};
use crate::plan::Overstapplan;

/// The default threshold: a quarter needs at least this many gemeenten to be kansrijk.
pub const STANDAARD_DREMPEL: usize = 5;

/// The drempel someone asked for: none or empty is [`STANDAARD_DREMPEL`], else a whole
/// number of 1 or more.
///
/// # Errors
/// A text that is no whole number of 1 or more, named.
pub fn lees_drempel(tekst: Option<&str>) -> Result<usize, String> {
    match tekst.map(str::trim) {
        None | Some("") => Ok(STANDAARD_DREMPEL),
        Some(t) => t
            .parse::<usize>()
            .ok()
            .filter(|d| *d >= 1)
            .ok_or_else(|| format!("'{t}' is geen heel getal van 1 of meer")),
    }
}

/// A sum of fees is shown only when at least this many gemeenten share in it: with two, a
/// gemeente in the cell could subtract its own fees and read the other's.
pub const MINIMUM_VOOR_BEDRAG: usize = 3;

/// A gemeente in a cohort, named because it chose to be (or because it reads itself).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cohortlid {
    /// The gemeente.
    pub gemeente: GemeenteCode,
    /// Its earliest notice deadline among these applicaties; none when every one of them
    /// switches at its contract's final end.
    pub opzeggen_voor: Option<NaiveDate>,
}

/// The gemeenten of a kansrijk quarter: a cohort that could procure and migrate together.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cohort {
    /// The gemeenten that may be named, by code.
    pub genoemd: Vec<Cohortlid>,
    /// How many more gemeenten are in it without being named.
    pub niet_genoemd: usize,
    /// The earliest notice deadline in the whole cohort: to switch together, the first
    /// gemeente must give notice by then.
    pub eerste_opzegdatum: Option<NaiveDate>,
    /// The latest notice deadline in the whole cohort.
    pub laatste_opzegdatum: Option<NaiveDate>,
}

/// One component in one quarter.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Kwartaalcel {
    /// The quarter.
    pub kwartaal: Kwartaal,
    /// Gemeenten with at least one overstapmoment to the component in it.
    pub gemeenten: usize,
    /// Applicaties with their overstapmoment in it.
    pub applicaties: usize,
    /// The yearly fees of those applicaties; none when fewer than
    /// [`MINIMUM_VOOR_BEDRAG`] gemeenten share in them.
    pub jaarlijkse_kosten: Option<i64>,
    /// At least the threshold and not lower than either neighbouring quarter.
    pub kansrijk: bool,
    /// For a kansrijk quarter: its cohort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohort: Option<Cohort>,
}

/// All quarters of one component that have an overstapmoment.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Componentreeks {
    /// The component.
    pub component: ComponentId,
    /// Its name.
    pub naam: String,
    /// Its layer.
    pub laag: Laag,
    /// Its quarters in order; quarters without any overstapmoment are left out.
    pub kwartalen: Vec<Kwartaalcel>,
}

/// National counts of one kind of droppable applicatie.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Afschafpotentieel {
    /// How many applicaties.
    pub applicaties: usize,
    /// In how many gemeenten.
    pub gemeenten: usize,
    /// Their yearly fees; none when fewer than [`MINIMUM_VOOR_BEDRAG`] gemeenten share in
    /// them.
    pub jaarlijkse_kosten: Option<i64>,
}

/// The landelijk beeld as one reader may see it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LandelijkBeeld {
    /// "Today" of every plan counted.
    pub peildatum: NaiveDate,
    /// The threshold used.
    pub drempel: usize,
    /// How many gemeenten have a landscape (at least one applicatie).
    pub gemeenten_met_landschap: usize,
    /// Per component (by id), its quarters.
    pub componenten: Vec<Componentreeks>,
    /// Unused applicaties nationally.
    pub ongebruikt: Afschafpotentieel,
    /// Redundant applicaties nationally.
    pub overbodig: Afschafpotentieel,
}

/// One component-quarter while counting: per gemeente its earliest notice deadline.
#[derive(Debug, Clone, Default)]
struct Cel {
    gemeenten: BTreeMap<GemeenteCode, Option<NaiveDate>>,
    applicaties: usize,
    jaarlijkse_kosten: i64,
}

/// What of one gemeente's part rests on its landscape alone, whatever the Routekaart and
/// the catalogue: which applicaties go (section 2) and what they cost. Walking the drop
/// rule is about half of making a part, so a server keeps this with each landscape and
/// after a Routekaart edit makes only the outcomes again ([`Gemeentebijdrage::met`]).
#[derive(Debug, Clone)]
pub struct Landschapsdeel {
    /// Per applicatie, in landscape order: whether it goes.
    gaat: Vec<bool>,
    /// The ongebruikte and the overbodige.
    afschaft: [Afschaftelling; 2],
}

impl Landschapsdeel {
    /// Walks the drop rule over `applicaties`.
    pub fn van(applicaties: &[Applicatie]) -> Self {
        let afschafbaar = afschafbaar(applicaties);
        let mut gaat = vec![false; applicaties.len()];
        for &i in afschafbaar.ongebruikt.iter().chain(&afschafbaar.overbodig) {
            gaat[i] = true;
        }
        let kosten = |indices: &[usize]| {
            Afschaftelling::van(
                indices
                    .iter()
                    .map(|&i| applicaties[i].contract.jaarlijkse_kosten()),
            )
        };
        Self {
            gaat,
            afschaft: [
                kosten(&afschafbaar.ongebruikt),
                kosten(&afschafbaar.overbodig),
            ],
        }
    }
}

/// The droppable applicaties while counting.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Afschaftelling {
    applicaties: usize,
    gemeenten: usize,
    jaarlijkse_kosten: i64,
}

impl Afschaftelling {
    /// One gemeente's droppable applicaties of one kind, by their yearly fees.
    fn van(kosten: impl Iterator<Item = i64>) -> Self {
        let (applicaties, jaarlijkse_kosten) = kosten.fold((0, 0), |(n, som), k| (n + 1, som + k));
        Self {
            applicaties,
            gemeenten: usize::from(applicaties > 0),
            jaarlijkse_kosten,
        }
    }

    fn plus(&mut self, ander: Self) {
        self.applicaties += ander.applicaties;
        self.gemeenten += ander.gemeenten;
        self.jaarlijkse_kosten += ander.jaarlijkse_kosten;
    }

    fn min(&mut self, ander: Self) {
        self.applicaties = self.applicaties.saturating_sub(ander.applicaties);
        self.gemeenten = self.gemeenten.saturating_sub(ander.gemeenten);
        self.jaarlijkse_kosten -= ander.jaarlijkse_kosten;
    }

    fn openbaar(self) -> Afschafpotentieel {
        Afschafpotentieel {
            applicaties: self.applicaties,
            gemeenten: self.gemeenten,
            jaarlijkse_kosten: bedrag_als_openbaar(self.jaarlijkse_kosten, self.gemeenten),
        }
    }
}

/// An applicatie that stays, with its outcome and its candidates' catalogue indices
/// ([`Overstapcontext::kandidaatindices`]).
struct Blijvend<'a, U> {
    applicatie: &'a Applicatie,
    uitkomst: U,
    kandidaten: Vec<usize>,
}

/// What one gemeente adds to one component-quarter.
#[derive(Debug, Clone, PartialEq)]
struct Celbijdrage {
    opzeggen_voor: Option<NaiveDate>,
    applicaties: usize,
    jaarlijkse_kosten: i64,
}

/// One gemeente's part of the landelijk beeld: what its overstapplan adds to the
/// [`Landelijketelling`] and to the [`venster::Vensterbasis`]. The national answers are
/// sums of these, so after a write to one landscape only that gemeente's part is made
/// again ([`Landelijketelling::trek_af`] the old one, [`Landelijketelling::voeg_toe`] the
/// new one). Owns its data, so a server can keep it.
#[derive(Debug, Clone, PartialEq)]
pub struct Gemeentebijdrage {
    gemeente: GemeenteCode,
    landschap: bool,
    ongebruikt: Afschaftelling,
    overbodig: Afschaftelling,
    cellen: BTreeMap<(ComponentId, Kwartaal), Celbijdrage>,
    vensters: Vec<venster::Vensterregel>,
}

impl Gemeentebijdrage {
    /// The part of `gemeente` with `applicaties`, computing only what the beeld counts:
    /// which applicaties go (section 2) and the outcome of the others (section 1), not
    /// the money and people of the whole plan. Equal to [`Gemeentebijdrage::uit_plan`] of
    /// its plan.
    pub fn van(
        context: &Overstapcontext<'_>,
        gemeente: &GemeenteCode,
        applicaties: &[Applicatie],
    ) -> Self {
        Self::met(
            context,
            gemeente,
            applicaties,
            &Landschapsdeel::van(applicaties),
        )
    }

    /// [`Gemeentebijdrage::van`] with what rests on the landscape alone made before
    /// (`landschapsdeel`, of these `applicaties`): after a Routekaart edit only the
    /// outcomes are made again. A `landschapsdeel` of another landscape (another number of
    /// applicaties) is made again here.
    pub fn met(
        context: &Overstapcontext<'_>,
        gemeente: &GemeenteCode,
        applicaties: &[Applicatie],
        landschapsdeel: &Landschapsdeel,
    ) -> Self {
        if landschapsdeel.gaat.len() != applicaties.len() {
            return Self::van(context, gemeente, applicaties);
        }
        let zicht = context.voor(gemeente);
        let blijvend: Vec<Blijvend<Uitkomst>> = applicaties
            .iter()
            .zip(&landschapsdeel.gaat)
            .filter(|(_, gaat)| !**gaat)
            .map(|(applicatie, _)| {
                let kandidaten = context.kandidaatindices(&applicatie.referentiecomponenten);
                Blijvend {
                    applicatie,
                    uitkomst: zicht.uitkomst_uit(applicatie, &kandidaten),
                    kandidaten,
                }
            })
            .collect();
        Self::uit(&zicht, &blijvend, landschapsdeel.afschaft, applicaties)
    }

    /// The part of the gemeente of `plan`, made in `context` from `applicaties` (in the
    /// same order).
    pub fn uit_plan(
        context: &Overstapcontext<'_>,
        plan: &Overstapplan,
        applicaties: &[Applicatie],
    ) -> Self {
        let gaat: HashSet<&ApplicatieId> = plan
            .ongebruikt
            .iter()
            .chain(&plan.overbodig)
            .map(|a| &a.applicatie)
            .collect();
        let blijvend: Vec<Blijvend<&Uitkomst>> = plan
            .applicaties
            .iter()
            .zip(applicaties)
            .filter(|(o, _)| !gaat.contains(&o.applicatie))
            .map(|(o, applicatie)| Blijvend {
                applicatie,
                uitkomst: &o.uitkomst,
                kandidaten: context.kandidaatindices(&applicatie.referentiecomponenten),
            })
            .collect();
        let afschaft = [&plan.ongebruikt, &plan.overbodig]
            .map(|lijst| Afschaftelling::van(lijst.iter().map(|a| a.jaarlijkse_kosten)));
        Self::uit(
            &context.voor(&plan.gemeente),
            &blijvend,
            afschaft,
            applicaties,
        )
    }

    /// Counted as in the plan: of the applicaties that stay (`blijvend`), those with
    /// outcome `overstap`; the dropped ones as `[ongebruikt, overbodig]`.
    fn uit<U: Borrow<Uitkomst>>(
        zicht: &Gemeentezicht<'_, '_>,
        blijvend: &[Blijvend<'_, U>],
        [ongebruikt, overbodig]: [Afschaftelling; 2],
        applicaties: &[Applicatie],
    ) -> Self {
        let mut cellen: BTreeMap<(ComponentId, Kwartaal), Celbijdrage> = BTreeMap::new();
        for Blijvend {
            applicatie: app,
            uitkomst,
            ..
        } in blijvend
        {
            let Uitkomst::Overstap {
                component,
                overstapmoment,
                opzeggen_voor,
                ..
            } = uitkomst.borrow()
            else {
                continue;
            };
            let sleutel = (component.clone(), Kwartaal::van(*overstapmoment));
            let cel = cellen.entry(sleutel).or_insert(Celbijdrage {
                opzeggen_voor: None,
                applicaties: 0,
                jaarlijkse_kosten: 0,
            });
            cel.opzeggen_voor = vroegste(cel.opzeggen_voor, *opzeggen_voor);
            cel.applicaties += 1;
            cel.jaarlijkse_kosten += app.contract.jaarlijkse_kosten();
        }
        Self {
            gemeente: zicht.gemeente().clone(),
            landschap: !applicaties.is_empty(),
            ongebruikt,
            overbodig,
            cellen,
            vensters: venster::Vensterregel::van(
                zicht,
                blijvend
                    .iter()
                    .map(|b| (b.applicatie, b.kandidaten.as_slice())),
            ),
        }
    }

    /// The gemeente.
    pub fn gemeente(&self) -> &GemeenteCode {
        &self.gemeente
    }
}

/// The plans of all gemeenten added up: everything the landelijk beeld needs, whatever
/// the threshold and whoever reads. Owns its data, so a server can keep it.
#[derive(Debug, Clone)]
pub struct Landelijketelling {
    peildatum: NaiveDate,
    gemeenten: usize,
    componenten: BTreeMap<ComponentId, (String, Laag)>,
    cellen: BTreeMap<ComponentId, BTreeMap<Kwartaal, Cel>>,
    ongebruikt: Afschaftelling,
    overbodig: Afschaftelling,
}

impl Landelijketelling {
    /// An empty count for plans on `peildatum`.
    pub fn new(peildatum: NaiveDate) -> Self {
        Self {
            peildatum,
            gemeenten: 0,
            componenten: BTreeMap::new(),
            cellen: BTreeMap::new(),
            ongebruikt: Afschaftelling::default(),
            overbodig: Afschaftelling::default(),
        }
    }

    /// Adds one gemeente's overstapplan, made in `context` from `applicaties` (in the
    /// same order).
    pub fn tel(
        &mut self,
        context: &Overstapcontext<'_>,
        plan: &Overstapplan,
        applicaties: &[Applicatie],
    ) {
        self.voeg_toe(
            context,
            &Gemeentebijdrage::uit_plan(context, plan, applicaties),
        );
    }

    /// Adds one gemeente's part, made in `context` (which names its components). A
    /// gemeente is added at most once; [`Landelijketelling::trek_af`] takes it out again.
    pub fn voeg_toe(&mut self, context: &Overstapcontext<'_>, bijdrage: &Gemeentebijdrage) {
        self.gemeenten += usize::from(bijdrage.landschap);
        self.ongebruikt.plus(bijdrage.ongebruikt);
        self.overbodig.plus(bijdrage.overbodig);
        for ((component, kwartaal), deel) in &bijdrage.cellen {
            if !self.componenten.contains_key(component)
                && let Some(k) = context.component(component)
            {
                self.componenten
                    .insert(component.clone(), (k.naam.clone(), k.laag));
            }
            let cel = self
                .cellen
                .entry(component.clone())
                .or_default()
                .entry(*kwartaal)
                .or_default();
            cel.gemeenten
                .insert(bijdrage.gemeente.clone(), deel.opzeggen_voor);
            cel.applicaties += deel.applicaties;
            cel.jaarlijkse_kosten += deel.jaarlijkse_kosten;
        }
    }

    /// Takes out a part added before with [`Landelijketelling::voeg_toe`]; a quarter and a
    /// component left without gemeenten disappear, as if never counted.
    pub fn trek_af(&mut self, bijdrage: &Gemeentebijdrage) {
        self.gemeenten = self
            .gemeenten
            .saturating_sub(usize::from(bijdrage.landschap));
        self.ongebruikt.min(bijdrage.ongebruikt);
        self.overbodig.min(bijdrage.overbodig);
        for ((component, kwartaal), deel) in &bijdrage.cellen {
            let Some(kwartalen) = self.cellen.get_mut(component) else {
                continue;
            };
            if let Some(cel) = kwartalen.get_mut(kwartaal) {
                cel.gemeenten.remove(&bijdrage.gemeente);
                cel.applicaties = cel.applicaties.saturating_sub(deel.applicaties);
                cel.jaarlijkse_kosten -= deel.jaarlijkse_kosten;
                if cel.gemeenten.is_empty() {
                    kwartalen.remove(kwartaal);
                }
            }
            if kwartalen.is_empty() {
                self.cellen.remove(component);
                self.componenten.remove(component);
            }
        }
    }

    /// The beeld with `drempel`, naming in cohorts only the gemeenten for which `noemen`
    /// holds.
    pub fn beeld(&self, drempel: usize, noemen: impl Fn(&GemeenteCode) -> bool) -> LandelijkBeeld {
        let componenten = self
            .cellen
            .iter()
            .map(|(component, kwartalen)| {
                let aantal = |q: Kwartaal| kwartalen.get(&q).map_or(0, |c| c.gemeenten.len());
                let cellen = kwartalen
                    .iter()
                    .map(|(&q, cel)| {
                        let n = cel.gemeenten.len();
                        let kansrijk =
                            n >= drempel && n >= aantal(q.vorige()) && n >= aantal(q.volgende());
                        Kwartaalcel {
                            kwartaal: q,
                            gemeenten: n,
                            applicaties: cel.applicaties,
                            jaarlijkse_kosten: bedrag_als_openbaar(cel.jaarlijkse_kosten, n),
                            kansrijk,
                            cohort: kansrijk.then(|| cohort(cel, &noemen)),
                        }
                    })
                    .collect();
                let (naam, laag) = self
                    .componenten
                    .get(component)
                    .cloned()
                    .unwrap_or_else(|| (component.to_string(), Laag::Services));
                Componentreeks {
                    component: component.clone(),
                    naam,
                    laag,
                    kwartalen: cellen,
                }
            })
            .collect();
        LandelijkBeeld {
            peildatum: self.peildatum,
            drempel,
            gemeenten_met_landschap: self.gemeenten,
            componenten,
            ongebruikt: self.ongebruikt.openbaar(),
            overbodig: self.overbodig.openbaar(),
        }
    }
}

fn cohort(cel: &Cel, noemen: &impl Fn(&GemeenteCode) -> bool) -> Cohort {
    let (genoemd, niet): (Vec<_>, Vec<_>) = cel.gemeenten.iter().partition(|(g, _)| noemen(g));
    let deadlines = || cel.gemeenten.values().filter_map(|d| *d);
    Cohort {
        genoemd: genoemd
            .into_iter()
            .map(|(g, d)| Cohortlid {
                gemeente: g.clone(),
                opzeggen_voor: *d,
            })
            .collect(),
        niet_genoemd: niet.len(),
        eerste_opzegdatum: deadlines().min(),
        laatste_opzegdatum: deadlines().max(),
    }
}

fn vroegste(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn bedrag_als_openbaar(bedrag: i64, gemeenten: usize) -> Option<i64> {
    (gemeenten >= MINIMUM_VOOR_BEDRAG).then_some(bedrag)
}

#[cfg(test)]
mod tests;
