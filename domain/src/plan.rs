//! Section 3 of `DOMAIN.md`, and the whole overstapplan of one gemeente: the outcome per
//! applicatie (section 1), what it can drop (section 2), and money and people over time:
//! besparing and bijdragen per year, load per quarter against its capaciteit, netto per
//! year and the terugverdienjaar.
//!
//! Money is whole euros; a span of days counts its first day and not its last (the day a
//! contract ends on is its last paid day, so savings run from the overstapmoment on),
//! matching the wachttijd of section 1.

use std::collections::BTreeMap;

use crate::snel::SnelleSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::afschaffen::{Afschaffing, Reden, afschaffingen};
use crate::catalogus::Component;
use crate::datum::{Kwartaal, plus_maanden};
use crate::geld::{deel_afgerond, naar_rato};
use crate::gemeente::GemeenteCode;
use crate::id::{ApplicatieId, ComponentId, OpgaveId};
use crate::landschap::{Applicatie, Capaciteit};
use crate::overstap::{HORIZON_MAANDEN, Overstap, Overstapcontext, Uitkomst};
use crate::routekaart::{Opgave, Rol};

/// FTE are compared with this tolerance, so that float sums do not flag a quarter that is
/// exactly at capacity.
const FTE_MARGE: f64 = 1e-9;

/// An amount in one calendar year.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Jaarbedrag {
    /// The calendar year.
    pub jaar: i32,
    /// Whole euros.
    pub euro: i64,
}

/// The euros `lijst` gives for `jaar`, 0 when it names no such year.
pub fn in_jaar(lijst: &[Jaarbedrag], jaar: i32) -> i64 {
    lijst.iter().find(|x| x.jaar == jaar).map_or(0, |x| x.euro)
}

/// What a load comes from.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "soort",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Oorzaak {
    /// The gemeente's bijdrage to an opgave in its rol.
    Bijdrage {
        /// The opgave.
        opgave: OpgaveId,
        /// The rol it takes part in.
        rol: Rol,
    },
    /// A migration to a component before an overstapmoment.
    Migratie {
        /// The applicatie being replaced.
        applicatie: ApplicatieId,
    },
}

/// One cause of load in a quarter, with its share.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fteposten {
    /// What causes it.
    pub oorzaak: Oorzaak,
    /// FTE in the quarter (the level, prorated by days in the quarter).
    pub fte: f64,
}

/// The load of one quarter.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Kwartaalbelasting {
    /// The quarter.
    pub kwartaal: Kwartaal,
    /// The total load in FTE.
    pub fte: f64,
    /// The causes, largest first.
    pub posten: Vec<Fteposten>,
}

/// One cause of spending in a year.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Europost {
    /// What causes it.
    pub oorzaak: Oorzaak,
    /// Euros in the year.
    pub euro: i64,
}

/// A quarter whose load exceeds the FTE capaciteit.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OverbelastKwartaal {
    /// The quarter.
    pub kwartaal: Kwartaal,
    /// Its load.
    pub fte: f64,
    /// The capaciteit it exceeds.
    pub capaciteit: f64,
    /// What causes the load, largest first.
    pub posten: Vec<Fteposten>,
}

/// A year whose bijdragen exceed the budget.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OverbelastJaar {
    /// The year.
    pub jaar: i32,
    /// Euros asked in that year.
    pub euro: i64,
    /// The budget it exceeds.
    pub budget: i64,
    /// What asks them, largest first.
    pub posten: Vec<Europost>,
}

/// Everything that exceeds the capaciteit.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Overbelasting {
    /// Quarters over the FTE capaciteit.
    pub kwartalen: Vec<OverbelastKwartaal>,
    /// Years over the budget.
    pub jaren: Vec<OverbelastJaar>,
}

/// The overstapplan of one gemeente on one peildatum (DOMAIN.md sections 1–3).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Overstapplan {
    /// Whose plan.
    pub gemeente: GemeenteCode,
    /// "Today" of the plan.
    pub peildatum: NaiveDate,
    /// The outcome per applicatie, in landscape order.
    pub applicaties: Vec<Overstap>,
    /// Applicaties nobody uses.
    pub ongebruikt: Vec<Afschaffing>,
    /// Applicaties whose functions others fulfil.
    pub overbodig: Vec<Afschaffing>,
    /// Savings per year, from the peildatum's year to the horizon.
    pub besparing_per_jaar: Vec<Jaarbedrag>,
    /// Bijdragen (euros) per year, same years.
    pub bijdragen_per_jaar: Vec<Jaarbedrag>,
    /// Besparing − bijdragen per year.
    pub netto_per_jaar: Vec<Jaarbedrag>,
    /// Load per quarter from the peildatum's quarter to the last quarter with load.
    pub belasting_per_kwartaal: Vec<Kwartaalbelasting>,
    /// What exceeds the capaciteit (empty without a capaciteit).
    pub overbelast: Overbelasting,
    /// The first year from which the running netto total stays non-negative.
    pub terugverdienjaar: Option<i32>,
    /// Applicaties left out of the plan because they lack what the rules need (their
    /// einddatum), with what each lacks; the rules never see them, the service lists them
    /// here so that none is left out silently.
    #[serde(default)]
    pub aan_te_vullen: Vec<crate::landschap::gegevens::Ontbrekend>,
}

/// The overstapplan of `gemeente` for its `applicaties`, with `capaciteit` when known.
pub fn overstapplan(
    context: &Overstapcontext<'_>,
    gemeente: &GemeenteCode,
    applicaties: &[Applicatie],
    capaciteit: Option<Capaciteit>,
) -> Overstapplan {
    let peildatum = context.peildatum();
    let Uitkomsten {
        applicaties: overstappen,
        ongebruikt,
        overbodig,
    } = uitkomsten(context, gemeente, applicaties);

    let eerste_jaar = peildatum.year();
    let laatste_jaar = plus_maanden(peildatum, HORIZON_MAANDEN).map_or(eerste_jaar, |d| d.year());
    let jaren = eerste_jaar..=laatste_jaar;

    let afgeschaft: Vec<&Afschaffing> = ongebruikt.iter().chain(&overbodig).collect();
    let overstappers = overstappers(applicaties, &overstappen, &afgeschaft, |id| {
        context.component(id)
    });
    let besparing = besparing(jaren.clone(), &afgeschaft, &overstappers);

    // Bijdragen in euros per year, spread evenly by days over the fase of the rol.
    let deelnames: Vec<(&Opgave, Rol)> = context
        .routekaart()
        .iter()
        .filter_map(|o| o.rol_van(gemeente).map(|rol| (o, rol)))
        .collect();
    let mut bijdragen: BTreeMap<i32, Vec<Europost>> =
        jaren.clone().map(|j| (j, Vec::new())).collect();
    for &(opgave, rol) in &deelnames {
        let (start, einde, bijdrage) = werkperiode(opgave, rol);
        for (jaar, posten) in &mut bijdragen {
            let (van, tot) = jaargrenzen(*jaar);
            let euro = gespreid(bijdrage.euro, start, einde, tot)
                - gespreid(bijdrage.euro, start, einde, van);
            if euro != 0 {
                posten.push(Europost {
                    oorzaak: Oorzaak::Bijdrage {
                        opgave: opgave.id.clone(),
                        rol,
                    },
                    euro,
                });
            }
        }
    }

    // FTE per quarter: bijdragen over their fase, migrations in the months before the overstapmoment.
    let mut perioden: Vec<(Oorzaak, NaiveDate, NaiveDate, f64)> = deelnames
        .iter()
        .map(|&(opgave, rol)| {
            let (start, einde, bijdrage) = werkperiode(opgave, rol);
            (
                Oorzaak::Bijdrage {
                    opgave: opgave.id.clone(),
                    rol,
                },
                start,
                einde,
                bijdrage.fte_per_kwartaal,
            )
        })
        .collect();
    for &(app, k, overstapmoment) in &overstappers {
        let maanden = i32::try_from(k.migratie_maanden).unwrap_or(i32::MAX);
        let start = plus_maanden(overstapmoment, -maanden).unwrap_or(NaiveDate::MIN);
        let oorzaak = Oorzaak::Migratie {
            applicatie: app.id.clone(),
        };
        perioden.push((oorzaak, start, overstapmoment, k.migratie_fte));
    }
    let belasting = kwartaalbelasting(peildatum, &perioden);

    let mut overbelast = Overbelasting::default();
    if let Some(capaciteit) = capaciteit {
        overbelast.kwartalen = belasting
            .iter()
            .filter(|k| k.fte > capaciteit.fte_per_kwartaal + FTE_MARGE)
            .map(|k| OverbelastKwartaal {
                kwartaal: k.kwartaal,
                fte: k.fte,
                capaciteit: capaciteit.fte_per_kwartaal,
                posten: k.posten.clone(),
            })
            .collect();
        overbelast.jaren = bijdragen
            .iter()
            .filter_map(|(jaar, posten)| {
                let euro: i64 = posten.iter().map(|p| p.euro).sum();
                (euro > capaciteit.budget_per_jaar).then(|| {
                    let mut posten = posten.clone();
                    posten.sort_by_key(|p| std::cmp::Reverse(p.euro));
                    OverbelastJaar {
                        jaar: *jaar,
                        euro,
                        budget: capaciteit.budget_per_jaar,
                        posten,
                    }
                })
            })
            .collect();
    }

    let besparing_per_jaar = besparing.per_jaar();
    let bijdragen_per_jaar: Vec<Jaarbedrag> = bijdragen
        .iter()
        .map(|(jaar, posten)| Jaarbedrag {
            jaar: *jaar,
            euro: posten.iter().map(|p| p.euro).sum(),
        })
        .collect();
    let netto_per_jaar: Vec<Jaarbedrag> = besparing_per_jaar
        .iter()
        .zip(&bijdragen_per_jaar)
        .map(|(b, k)| Jaarbedrag {
            jaar: b.jaar,
            euro: b.euro - k.euro,
        })
        .collect();
    let terugverdienjaar = terugverdienjaar(&netto_per_jaar);

    Overstapplan {
        gemeente: gemeente.clone(),
        peildatum,
        applicaties: overstappen,
        ongebruikt,
        overbodig,
        besparing_per_jaar,
        bijdragen_per_jaar,
        netto_per_jaar,
        belasting_per_kwartaal: belasting,
        overbelast,
        terugverdienjaar,
        aan_te_vullen: Vec::new(),
    }
}

/// What a plan decides per applicatie, before money and people: the outcome of section 1
/// and the drops of section 2. The landelijk beeld counts only these.
#[derive(Debug)]
pub(crate) struct Uitkomsten {
    /// Per applicatie, in the landscape's order.
    pub(crate) applicaties: Vec<Overstap>,
    /// The unused ones it can drop.
    pub(crate) ongebruikt: Vec<Afschaffing>,
    /// The redundant ones it can drop.
    pub(crate) overbodig: Vec<Afschaffing>,
}

/// The [`Uitkomsten`] of `gemeente`'s `applicaties` in `context`.
pub(crate) fn uitkomsten(
    context: &Overstapcontext<'_>,
    gemeente: &GemeenteCode,
    applicaties: &[Applicatie],
) -> Uitkomsten {
    let zicht = context.voor(gemeente);
    let (ongebruikt, overbodig) = afschaffingen(applicaties, context.peildatum())
        .into_iter()
        .partition(|a| a.reden == Reden::Ongebruikt);
    Uitkomsten {
        applicaties: applicaties.iter().map(|a| zicht.overstap(a)).collect(),
        ongebruikt,
        overbodig,
    }
}

/// The first year from which the running total of `netto` stays non-negative to the
/// horizon; `None` when it ends negative.
pub fn terugverdienjaar(netto: &[Jaarbedrag]) -> Option<i32> {
    let mut totaal = 0_i64;
    let mut vanaf = None;
    for jaar in netto {
        totaal += jaar.euro;
        if totaal < 0 {
            vanaf = None;
        } else if vanaf.is_none() {
            vanaf = Some(jaar.jaar);
        }
    }
    vanaf
}

/// The fase a rol works in, as a half-open span [start, einde), and what it asks.
fn werkperiode(opgave: &Opgave, rol: Rol) -> (NaiveDate, NaiveDate, crate::routekaart::Bijdrage) {
    let (periode, bijdrage) = match rol {
        Rol::Coalitiepartner => (
            opgave.ontwikkelfase.periode,
            opgave.bijdrage.coalitiepartner,
        ),
        Rol::EersteGebruiker => (
            opgave.opschalingsfase.periode,
            opgave.bijdrage.eerste_gebruiker,
        ),
    };
    // A fase includes its last day.
    (
        periode.start(),
        periode.eind().succ_opt().unwrap_or(periode.eind()),
        bijdrage,
    )
}

/// Savings per year, with each year's bounds as day numbers so that adding one saving is
/// a few integer operations per year it touches.
struct Besparing {
    /// (year, first day, first day of the next year, euros)
    jaren: Vec<(i32, i32, i32, i64)>,
}

impl Besparing {
    fn new(jaren: std::ops::RangeInclusive<i32>) -> Self {
        let dagnummer = |jaar| jaargrenzen(jaar).0.num_days_from_ce();
        Self {
            jaren: jaren
                .map(|j| (j, dagnummer(j), dagnummer(j + 1), 0))
                .collect(),
        }
    }

    /// From `datum` on, `oud` euros a year are no longer paid and `nieuw` are.
    fn vanaf(&mut self, datum: NaiveDate, oud: i64, nieuw: i64) {
        let dag = datum.num_days_from_ce();
        for (_, van, tot, bedrag) in self.jaren.iter_mut().filter(|j| j.2 > dag) {
            let dagen = i64::from(*tot - dag.max(*van));
            *bedrag += naar_rato(oud, dagen) - naar_rato(nieuw, dagen);
        }
    }

    fn per_jaar(&self) -> Vec<Jaarbedrag> {
        self.jaren
            .iter()
            .map(|&(jaar, _, _, euro)| Jaarbedrag { jaar, euro })
            .collect()
    }
}

/// The applicaties that switch: outcome overstap and not dropped (a dropped applicatie
/// saves once, as dropped, and needs no migration), with their component and
/// overstapmoment.
fn overstappers<'a>(
    applicaties: &'a [Applicatie],
    overstappen: &[Overstap],
    afgeschaft: &[&Afschaffing],
    component: impl Fn(&ComponentId) -> Option<&'a Component>,
) -> Vec<(&'a Applicatie, &'a Component, NaiveDate)> {
    let afgeschaft: SnelleSet<&ApplicatieId> = afgeschaft.iter().map(|a| &a.applicatie).collect();
    applicaties
        .iter()
        .zip(overstappen)
        .filter(|(app, _)| !afgeschaft.contains(&app.id))
        .filter_map(|(app, overstap)| match &overstap.uitkomst {
            Uitkomst::Overstap {
                component: id,
                overstapmoment,
                ..
            } => Some((app, component(id)?, *overstapmoment)),
            _ => None,
        })
        .collect()
}

/// Besparing over `jaren`: a dropped applicatie saves its fees from the day it goes; an
/// overstap saves the difference between the old and the new fees from its
/// overstapmoment.
fn besparing(
    jaren: std::ops::RangeInclusive<i32>,
    afgeschaft: &[&Afschaffing],
    overstappers: &[(&Applicatie, &Component, NaiveDate)],
) -> Besparing {
    let mut besparing = Besparing::new(jaren);
    for afschaffing in afgeschaft {
        if let Some(datum) = afschaffing.afschafdatum {
            besparing.vanaf(datum, afschaffing.jaarlijkse_kosten, 0);
        }
    }
    for &(app, k, overstapmoment) in overstappers {
        besparing.vanaf(
            overstapmoment,
            app.contract.jaarlijkse_kosten(),
            k.jaarlijkse_kosten,
        );
    }
    besparing
}

/// The besparing per year of only the applicaties `gekozen` picks out of `plan`, by the
/// rule of the whole plan (so picking all gives [`Overstapplan::besparing_per_jaar`]):
/// for the overstapplan's work list filtered to, say, one component. `applicaties` and
/// `componenten` are what `plan` was worked out on.
pub fn besparing_van(
    plan: &Overstapplan,
    applicaties: &[Applicatie],
    componenten: &[Component],
    gekozen: impl Fn(&ApplicatieId) -> bool,
) -> Vec<Jaarbedrag> {
    let (Some(eerste), Some(laatste)) = (
        plan.besparing_per_jaar.first(),
        plan.besparing_per_jaar.last(),
    ) else {
        return Vec::new();
    };
    let alle_afgeschaft: Vec<&Afschaffing> =
        plan.ongebruikt.iter().chain(&plan.overbodig).collect();
    let overstappers: Vec<_> =
        overstappers(applicaties, &plan.applicaties, &alle_afgeschaft, |id| {
            componenten.iter().find(|k| &k.id == id)
        })
        .into_iter()
        .filter(|(app, _, _)| gekozen(&app.id))
        .collect();
    let afgeschaft: Vec<&Afschaffing> = alle_afgeschaft
        .into_iter()
        .filter(|a| gekozen(&a.applicatie))
        .collect();
    besparing(eerste.jaar..=laatste.jaar, &afgeschaft, &overstappers).per_jaar()
}

/// January 1st of `jaar` and of the year after.
fn jaargrenzen(jaar: i32) -> (NaiveDate, NaiveDate) {
    let begin = |j| NaiveDate::from_ymd_opt(j, 1, 1).unwrap_or(NaiveDate::MAX);
    (begin(jaar), begin(jaar + 1))
}

/// Of `euro` spread evenly over [start, einde), the part before `tot`, rounded half up;
/// differences of this running amount share the total out without losing a euro.
fn gespreid(euro: i64, start: NaiveDate, einde: NaiveDate, tot: NaiveDate) -> i64 {
    let totaal = (einde - start).num_days();
    if totaal <= 0 || euro <= 0 {
        return 0;
    }
    let verstreken = (tot - start).num_days().clamp(0, totaal);
    deel_afgerond(
        i128::from(euro) * i128::from(verstreken),
        i128::from(totaal),
    )
}

/// Days two half-open spans share.
fn overlap(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> i64 {
    (a.1.min(b.1) - a.0.max(b.0)).num_days().max(0)
}

/// Load per quarter from the peildatum's quarter to the last quarter any period reaches.
/// Each period is added only to the quarters it overlaps.
fn kwartaalbelasting(
    peildatum: NaiveDate,
    perioden: &[(Oorzaak, NaiveDate, NaiveDate, f64)],
) -> Vec<Kwartaalbelasting> {
    let eerste = Kwartaal::van(peildatum);
    let Some(laatste_dag) = perioden.iter().filter(|p| p.3 > 0.0).map(|p| p.2).max() else {
        return Vec::new();
    };
    let mut kwartalen = Vec::new();
    let mut q = eerste;
    while q.eerste_dag() < laatste_dag {
        kwartalen.push(Kwartaalbelasting {
            kwartaal: q,
            fte: 0.0,
            posten: Vec::new(),
        });
        q = q.volgende();
    }
    let positie = |q: Kwartaal| {
        let stappen =
            (q.jaar() - eerste.jaar()) * 4 + i32::from(q.nummer()) - i32::from(eerste.nummer());
        usize::try_from(stappen).ok()
    };
    for (oorzaak, start, einde, fte) in perioden.iter().filter(|p| p.3 > 0.0) {
        let mut q = Kwartaal::van((*start).max(eerste.eerste_dag()));
        while q.eerste_dag() < *einde {
            let grenzen = (q.eerste_dag(), q.dag_na());
            let dagen = overlap((*start, *einde), grenzen);
            if let (true, Some(kwartaal)) =
                (dagen > 0, positie(q).and_then(|i| kwartalen.get_mut(i)))
            {
                let lengte = (grenzen.1 - grenzen.0).num_days() as f64;
                kwartaal.posten.push(Fteposten {
                    oorzaak: oorzaak.clone(),
                    fte: fte * dagen as f64 / lengte,
                });
            }
            q = q.volgende();
        }
    }
    for kwartaal in &mut kwartalen {
        kwartaal.posten.sort_by(|a, b| b.fte.total_cmp(&a.fte));
        kwartaal.fte = kwartaal.posten.iter().map(|p| p.fte).sum();
    }
    kwartalen
}

#[cfg(test)]
mod tests;
