//! Dragging: a [`Bewerking`] moves or resizes an activiteit or moves a fase, the dragged
//! item clamped to what its predecessors and besluiten allow, then everything that must
//! follow is pushed ([`bewerk`]); [`verschuivingen`] lists what moved.

use std::fmt;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::datum::Periode;
use crate::id::{ActiviteitId, OpgaveId};
use crate::routekaart::{Fase, FaseSoort, Opgave};
use crate::ruw::nodig;

use super::RoutekaartFout;
use super::afhankelijkheden::Index;

/// A change a user makes by dragging (or with the keyboard).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "soort",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    try_from = "RuweBewerking"
)]
pub enum Bewerking {
    /// Move an activiteit to a new start, keeping its duration.
    Verplaats {
        /// Which one.
        activiteit: ActiviteitId,
        /// Its new start.
        start: NaiveDate,
    },
    /// Give an activiteit a new start and/or end.
    Rek {
        /// Which one.
        activiteit: ActiviteitId,
        /// New start, if changed.
        start: Option<NaiveDate>,
        /// New end, if changed.
        eind: Option<NaiveDate>,
    },
    /// Move a fase (and all its activiteiten) to a new start.
    VerplaatsFase {
        /// The opgave.
        opgave: OpgaveId,
        /// Which fase.
        fase: FaseSoort,
        /// Its new start.
        start: NaiveDate,
    },
}

// A `Bewerking` as it comes in: every variant's fields, read without buffering
// (crate::ruw).
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum BewerkingSoort {
    Verplaats,
    Rek,
    VerplaatsFase,
}

#[derive(Deserialize)]
struct RuweBewerking {
    soort: BewerkingSoort,
    activiteit: Option<ActiviteitId>,
    start: Option<NaiveDate>,
    eind: Option<NaiveDate>,
    opgave: Option<OpgaveId>,
    fase: Option<FaseSoort>,
}

impl TryFrom<RuweBewerking> for Bewerking {
    type Error = serde::de::value::Error;

    fn try_from(r: RuweBewerking) -> Result<Self, Self::Error> {
        Ok(match r.soort {
            BewerkingSoort::Verplaats => Self::Verplaats {
                activiteit: nodig(r.activiteit, "activiteit")?,
                start: nodig(r.start, "start")?,
            },
            BewerkingSoort::Rek => Self::Rek {
                activiteit: nodig(r.activiteit, "activiteit")?,
                start: r.start,
                eind: r.eind,
            },
            BewerkingSoort::VerplaatsFase => Self::VerplaatsFase {
                opgave: nodig(r.opgave, "opgave")?,
                fase: nodig(r.fase, "fase")?,
                start: nodig(r.start, "start")?,
            },
        })
    }
}

/// Why an edit could not be made. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BewerkingFout {
    /// No activiteit with this id.
    #[error("er is geen activiteit '{0}'")]
    OnbekendeActiviteit(ActiviteitId),
    /// No opgave with this id.
    #[error("er is geen opgave '{0}'")]
    OnbekendeOpgave(OpgaveId),
    /// The new end lies before the new start.
    #[error("het einde ({eind}) ligt voor het begin ({start})")]
    EindVoorStart {
        /// The resulting start.
        start: NaiveDate,
        /// The requested end.
        eind: NaiveDate,
    },
    /// The Routekaart itself breaks an invariant.
    #[error(transparent)]
    Routekaart(#[from] RoutekaartFout),
}

/// A part of the Routekaart that can move.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(
    tag = "soort",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    try_from = "RuwOnderdeel"
)]
pub enum Onderdeel {
    /// An activiteit.
    Activiteit {
        /// Its id.
        id: ActiviteitId,
    },
    /// A fase of an opgave.
    Fase {
        /// The opgave.
        opgave: OpgaveId,
        /// Which fase.
        fase: FaseSoort,
    },
}

// An `Onderdeel` as it comes in (crate::ruw).
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum OnderdeelSoort {
    Activiteit,
    Fase,
}

#[derive(Deserialize)]
struct RuwOnderdeel {
    soort: OnderdeelSoort,
    id: Option<ActiviteitId>,
    opgave: Option<OpgaveId>,
    fase: Option<FaseSoort>,
}

impl TryFrom<RuwOnderdeel> for Onderdeel {
    type Error = serde::de::value::Error;

    fn try_from(r: RuwOnderdeel) -> Result<Self, Self::Error> {
        Ok(match r.soort {
            OnderdeelSoort::Activiteit => Self::Activiteit {
                id: nodig(r.id, "id")?,
            },
            OnderdeelSoort::Fase => Self::Fase {
                opgave: nodig(r.opgave, "opgave")?,
                fase: nodig(r.fase, "fase")?,
            },
        })
    }
}

impl fmt::Display for Onderdeel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Activiteit { id } => write!(f, "{id}"),
            Self::Fase { opgave, fase } => write!(f, "{opgave}/{}", fase.label().to_lowercase()),
        }
    }
}

/// What moved, and by how many days at each end.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Verschuiving {
    /// The part that moved.
    pub onderdeel: Onderdeel,
    /// Days its start moved (positive: later).
    pub start_dagen: i64,
    /// Days its end moved.
    pub eind_dagen: i64,
}

/// The outcome of an edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Bewerkt {
    /// The new Routekaart.
    pub routekaart: Vec<Opgave>,
    /// Everything that moved, the dragged item first, then in Routekaart order.
    pub verschoven: Vec<Verschuiving>,
}

/// `periode` moved by `dagen` (earlier when negative).
fn schuif(periode: Periode, dagen: i64) -> Periode {
    let verplaats = |d: NaiveDate| {
        if dagen >= 0 {
            d.checked_add_days(Days::new(dagen.unsigned_abs()))
        } else {
            d.checked_sub_days(Days::new(dagen.unsigned_abs()))
        }
        .unwrap_or(d)
    };
    Periode::new(verplaats(periode.start()), verplaats(periode.eind())).unwrap_or(periode)
}

fn met_start(periode: Periode, start: NaiveDate) -> Periode {
    schuif(periode, (start - periode.start()).num_days())
}

fn besluitdatum(routekaart: &[Opgave], fase: &Fase) -> Option<NaiveDate> {
    let id = fase.wacht_op_besluit.as_ref()?;
    routekaart
        .iter()
        .flat_map(|o| &o.besluiten)
        .find(|b| &b.id == id)
        .map(|b| b.datum)
}

/// The earliest an activiteit may start: after its predecessors, not before its fase's
/// besluit, and in the opschalingsfase not before the ontwikkelfase ends.
fn vroegste_start(routekaart: &[Opgave], index: &Index, i: usize) -> Option<NaiveDate> {
    let (o, a) = index.plek[i];
    let opgave = &routekaart[o];
    let activiteit = &opgave.activiteiten[a];
    let voorgangers = index.voorgangers[i].iter().map(|&j| {
        let (o2, a2) = index.plek[j];
        routekaart[o2].activiteiten[a2].periode.eind()
    });
    let fasegrens = match activiteit.fase {
        FaseSoort::Ontwikkelfase => None,
        FaseSoort::Opschalingsfase => Some(opgave.ontwikkelfase.periode.eind()),
    };
    voorgangers
        .chain(fasegrens)
        .chain(besluitdatum(routekaart, opgave.fase(activiteit.fase)))
        .max()
}

/// Applies `bewerking` to a valid Routekaart and cascades (DOMAIN.md section 4).
///
/// # Errors
/// When the Routekaart is invalid, the edit names an unknown item, or a resize would end
/// before it starts. Nothing is changed then.
pub fn bewerk(routekaart: &[Opgave], bewerking: &Bewerking) -> Result<Bewerkt, BewerkingFout> {
    let index = Index::bouw(routekaart)?;
    let mut nieuw = routekaart.to_vec();
    let gesleept = match bewerking {
        Bewerking::Verplaats { activiteit, start } => {
            let i = *index
                .per_id
                .get(activiteit)
                .ok_or_else(|| BewerkingFout::OnbekendeActiviteit(activiteit.clone()))?;
            let start = vroegste_start(&nieuw, &index, i).map_or(*start, |v| v.max(*start));
            let (o, a) = index.plek[i];
            let periode = &mut nieuw[o].activiteiten[a].periode;
            *periode = met_start(*periode, start);
            Onderdeel::Activiteit {
                id: activiteit.clone(),
            }
        }
        Bewerking::Rek {
            activiteit,
            start,
            eind,
        } => {
            let i = *index
                .per_id
                .get(activiteit)
                .ok_or_else(|| BewerkingFout::OnbekendeActiviteit(activiteit.clone()))?;
            let (o, a) = index.plek[i];
            let huidig = nieuw[o].activiteiten[a].periode;
            let start = start.unwrap_or(huidig.start());
            let start = vroegste_start(&nieuw, &index, i).map_or(start, |v| v.max(start));
            let eind = eind.unwrap_or(huidig.eind());
            nieuw[o].activiteiten[a].periode = Periode::new(start, eind)
                .map_err(|_| BewerkingFout::EindVoorStart { start, eind })?;
            Onderdeel::Activiteit {
                id: activiteit.clone(),
            }
        }
        Bewerking::VerplaatsFase {
            opgave,
            fase,
            start,
        } => {
            let o = nieuw
                .iter()
                .position(|x| &x.id == opgave)
                .ok_or_else(|| BewerkingFout::OnbekendeOpgave(opgave.clone()))?;
            let mut vroegste: Vec<NaiveDate> = besluitdatum(&nieuw, nieuw[o].fase(*fase))
                .into_iter()
                .collect();
            if *fase == FaseSoort::Opschalingsfase {
                vroegste.push(nieuw[o].ontwikkelfase.periode.eind());
            }
            let oud = nieuw[o].fase(*fase).periode.start();
            let mut dagen =
                (vroegste.into_iter().max().map_or(*start, |v| v.max(*start)) - oud).num_days();
            // Activiteiten with a predecessor outside the fase may not move before it.
            for (i, &(o2, a2)) in index.plek.iter().enumerate() {
                let activiteit = &nieuw[o2].activiteiten[a2];
                if o2 != o || activiteit.fase != *fase {
                    continue;
                }
                for &j in &index.voorgangers[i] {
                    let (o3, a3) = index.plek[j];
                    if o3 == o && nieuw[o3].activiteiten[a3].fase == *fase {
                        continue; // moves along
                    }
                    let grens = (nieuw[o3].activiteiten[a3].periode.eind()
                        - activiteit.periode.start())
                    .num_days();
                    dagen = dagen.max(grens);
                }
            }
            let doel = &mut nieuw[o];
            let fase_periode = match fase {
                FaseSoort::Ontwikkelfase => &mut doel.ontwikkelfase.periode,
                FaseSoort::Opschalingsfase => &mut doel.opschalingsfase.periode,
            };
            *fase_periode = schuif(*fase_periode, dagen);
            for activiteit in doel.activiteiten.iter_mut().filter(|a| a.fase == *fase) {
                activiteit.periode = schuif(activiteit.periode, dagen);
            }
            Onderdeel::Fase {
                opgave: opgave.clone(),
                fase: *fase,
            }
        }
    };
    cascade(&mut nieuw, &index)?;
    Ok(Bewerkt {
        verschoven: verschuivingen(routekaart, &nieuw, Some(&gesleept)),
        routekaart: nieuw,
    })
}

/// Pushes successors, grows fasen and shifts opschalingsfasen until nothing moves.
///
/// Activiteiten are visited in dependency order, in which every ontwikkelfase activiteit
/// of an opgave comes before its opschalingsfase ones; just before the first of those, the
/// opgave's fasen are brought in line, so an opschalingsfase activiteit is shifted with
/// its fase once, not pushed and then shifted again.
fn cascade(routekaart: &mut [Opgave], index: &Index) -> Result<(), RoutekaartFout> {
    // Every round only moves things later, and the graph with the fase order is acyclic,
    // so this settles; the bound guards against a bug turning into a hang.
    for _ in 0..=index.plek.len() + routekaart.len() + 1 {
        let mut bewogen = false;
        let mut gelijkgetrokken = vec![false; routekaart.len()];
        for &i in &index.volgorde {
            let (o, a) = index.plek[i];
            if routekaart[o].activiteiten[a].fase == FaseSoort::Opschalingsfase
                && !gelijkgetrokken[o]
            {
                bewogen |= trek_fasen_gelijk(&mut routekaart[o]);
                gelijkgetrokken[o] = true;
            }
            let Some(eind_voorgangers) = index.voorgangers[i]
                .iter()
                .map(|&j| {
                    routekaart[index.plek[j].0].activiteiten[index.plek[j].1]
                        .periode
                        .eind()
                })
                .max()
            else {
                continue;
            };
            let periode = &mut routekaart[o].activiteiten[a].periode;
            if periode.start() < eind_voorgangers {
                *periode = met_start(*periode, eind_voorgangers);
                bewogen = true;
            }
        }
        for opgave in routekaart.iter_mut() {
            bewogen |= trek_fasen_gelijk(opgave);
        }
        if !bewogen {
            return Ok(());
        }
    }
    Err(RoutekaartFout::Kring(Vec::new()))
}

/// Grows the ontwikkelfase to contain its activiteiten, shifts the opschalingsfase (with
/// its activiteiten) later when the ontwikkelfase now ends after it starts, then grows
/// the opschalingsfase. Returns whether anything changed.
fn trek_fasen_gelijk(opgave: &mut Opgave) -> bool {
    let mut veranderd = groei(opgave, FaseSoort::Ontwikkelfase);
    let overlap =
        (opgave.ontwikkelfase.periode.eind() - opgave.opschalingsfase.periode.start()).num_days();
    if overlap > 0 {
        opgave.opschalingsfase.periode = schuif(opgave.opschalingsfase.periode, overlap);
        for activiteit in opgave
            .activiteiten
            .iter_mut()
            .filter(|a| a.fase == FaseSoort::Opschalingsfase)
        {
            activiteit.periode = schuif(activiteit.periode, overlap);
        }
        veranderd = true;
    }
    veranderd | groei(opgave, FaseSoort::Opschalingsfase)
}

/// Grows fase `soort` of `opgave` to contain its activiteiten; whether it changed.
fn groei(opgave: &mut Opgave, soort: FaseSoort) -> bool {
    let (min, max) = opgave.activiteiten.iter().filter(|a| a.fase == soort).fold(
        (None::<NaiveDate>, None::<NaiveDate>),
        |(min, max), a| {
            (
                Some(min.map_or(a.periode.start(), |m| m.min(a.periode.start()))),
                Some(max.map_or(a.periode.eind(), |m| m.max(a.periode.eind()))),
            )
        },
    );
    let fase = match soort {
        FaseSoort::Ontwikkelfase => &mut opgave.ontwikkelfase.periode,
        FaseSoort::Opschalingsfase => &mut opgave.opschalingsfase.periode,
    };
    let start = min.map_or(fase.start(), |m| m.min(fase.start()));
    let eind = max.map_or(fase.eind(), |m| m.max(fase.eind()));
    if (start, eind) == (fase.start(), fase.eind()) {
        return false;
    }
    *fase = Periode::new(start, eind).unwrap_or(*fase);
    true
}

/// Every part whose dates differ between two versions of one Routekaart (matched by
/// position), the dragged one first.
pub fn verschuivingen(
    oud: &[Opgave],
    nieuw: &[Opgave],
    gesleept: Option<&Onderdeel>,
) -> Vec<Verschuiving> {
    let mut lijst = Vec::new();
    let mut voeg_toe = |onderdeel: Onderdeel, voor: Periode, na: Periode| {
        let start_dagen = (na.start() - voor.start()).num_days();
        let eind_dagen = (na.eind() - voor.eind()).num_days();
        if start_dagen != 0 || eind_dagen != 0 {
            lijst.push(Verschuiving {
                onderdeel,
                start_dagen,
                eind_dagen,
            });
        }
    };
    for (o, n) in oud.iter().zip(nieuw) {
        for soort in [FaseSoort::Ontwikkelfase, FaseSoort::Opschalingsfase] {
            voeg_toe(
                Onderdeel::Fase {
                    opgave: o.id.clone(),
                    fase: soort,
                },
                o.fase(soort).periode,
                n.fase(soort).periode,
            );
        }
        for (a, b) in o.activiteiten.iter().zip(&n.activiteiten) {
            voeg_toe(
                Onderdeel::Activiteit { id: a.id.clone() },
                a.periode,
                b.periode,
            );
        }
    }
    if let Some(i) = lijst.iter().position(|v| Some(&v.onderdeel) == gesleept) {
        let eerste = lijst.remove(i);
        lijst.insert(0, eerste);
    }
    lijst
}
