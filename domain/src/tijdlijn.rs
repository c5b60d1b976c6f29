//! Section 4 of `DOMAIN.md`: the Routekaart as a timeline one can drag. [`valideer`]
//! checks its invariants (rejecting dependency cycles by name); [`bewerk`] moves or
//! resizes an activiteit or moves a fase, then pushes everything that must follow, and
//! returns the new Routekaart with the list of what moved.
//!
//! Decisions where `DOMAIN.md` is silent (see `docs/domain.md`):
//! - a drag never breaks a rule: the dragged item is clamped to the earliest start its
//!   predecessors, its fase's besluit and (in the opschalingsfase) the end of the
//!   ontwikkelfase allow, the way a bar stops against an obstacle;
//! - an activiteit lies within its fase, and every activiteit of the ontwikkelfase counts
//!   as finishing before every activiteit of the opschalingsfase of the same opgave, so a
//!   cycle through the fase order is rejected too.

use std::collections::HashMap;
use std::fmt;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::datum::Periode;
use crate::id::{ActiviteitId, OpgaveId};
use crate::routekaart::{Fase, FaseSoort, Opgave};

/// Why a Routekaart breaks its invariants.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoutekaartFout {
    /// Two opgaven, activiteiten or besluiten share an id.
    #[error("de id '{0}' komt meer dan eens voor")]
    DubbeleId(String),
    /// A dependency names an activiteit that does not exist.
    #[error("activiteit '{activiteit}' hangt af van onbekende activiteit '{voorganger}'")]
    OnbekendeVoorganger {
        /// The dependent one.
        activiteit: ActiviteitId,
        /// The missing predecessor.
        voorganger: ActiviteitId,
    },
    /// Dependencies (with the fase order) form a cycle.
    #[error("de afhankelijkheden vormen een kring: {}", kring_tekst(.0))]
    Kring(Vec<ActiviteitId>),
    /// A successor starts before its predecessor ends.
    #[error("activiteit '{activiteit}' begint voor het einde van '{voorganger}'")]
    AfhankelijkheidGeschonden {
        /// The successor.
        activiteit: ActiviteitId,
        /// The predecessor.
        voorganger: ActiviteitId,
    },
    /// The ontwikkelfase ends after the opschalingsfase starts.
    #[error("in opgave '{0}' eindigt de ontwikkelfase na de start van de opschalingsfase")]
    FasenOverlappen(OpgaveId),
    /// A fase waits for a besluit that does not exist or is taken after it starts.
    #[error(
        "de {fase} van opgave '{opgave}' begint voor besluit '{besluit}' (of dat besluit bestaat niet)"
    )]
    FaseVoorBesluit {
        /// The opgave.
        opgave: OpgaveId,
        /// Which fase.
        fase: &'static str,
        /// The besluit it waits for.
        besluit: String,
    },
    /// An activiteit lies outside its fase.
    #[error("activiteit '{0}' valt buiten haar fase")]
    BuitenFase(ActiviteitId),
    /// A text or date of an opgave lies outside the bounds of [`crate::grenzen`].
    #[error("opgave '{opgave}', {veld}: {reden}")]
    BuitenGrenzen {
        /// The opgave.
        opgave: OpgaveId,
        /// The field, `naam` or `activiteiten[2].periode`.
        veld: String,
        /// Why, naming the bound.
        reden: String,
    },
}

/// The first text or date of `opgave` outside the bounds of [`crate::grenzen`]: names of
/// at most 200 characters, texts of at most 10 000, dates (fasen, activiteiten, besluiten)
/// within the peildatum window, so no timeline spans a million years.
fn binnen_grenzen(opgave: &Opgave) -> Result<(), RoutekaartFout> {
    use crate::grenzen::{self, MAX_NAAM_TEKENS, MAX_TEKST_TEKENS};
    // The field is named inside `map_err`: only for an error.
    let buiten = |veld: String, reden: String| RoutekaartFout::BuitenGrenzen {
        opgave: opgave.id.clone(),
        veld,
        reden,
    };
    let in_venster = |periode: &Periode| {
        grenzen::peildatum(periode.start()).and_then(|_| grenzen::peildatum(periode.eind()))
    };
    for (veld, tekst, max) in [
        ("naam", &opgave.naam, MAX_NAAM_TEKENS),
        ("doelstelling", &opgave.doelstelling, MAX_TEKST_TEKENS),
        (
            "aanpak.randvoorwaarden",
            &opgave.aanpak.randvoorwaarden,
            MAX_TEKST_TEKENS,
        ),
        (
            "aanpak.mensenEnMiddelen",
            &opgave.aanpak.mensen_en_middelen,
            MAX_TEKST_TEKENS,
        ),
        ("aanpak.planning", &opgave.aanpak.planning, MAX_TEKST_TEKENS),
        ("coalitie", &opgave.coalitie, MAX_TEKST_TEKENS),
        (
            "draagvlak.convenant",
            &opgave.draagvlak.convenant,
            MAX_TEKST_TEKENS,
        ),
        (
            "draagvlak.financieleArrangementen",
            &opgave.draagvlak.financiele_arrangementen,
            MAX_TEKST_TEKENS,
        ),
        (
            "draagvlak.governance",
            &opgave.draagvlak.governance,
            MAX_TEKST_TEKENS,
        ),
    ] {
        grenzen::tekst(tekst, max).map_err(|r| buiten(veld.to_owned(), r))?;
    }
    for (veld, fase) in [
        ("ontwikkelfase", &opgave.ontwikkelfase),
        ("opschalingsfase", &opgave.opschalingsfase),
    ] {
        in_venster(&fase.periode).map_err(|r| buiten(veld.to_owned(), r))?;
    }
    for (i, a) in opgave.activiteiten.iter().enumerate() {
        grenzen::tekst(&a.naam, MAX_NAAM_TEKENS)
            .map_err(|r| buiten(format!("activiteiten[{i}].naam"), r))?;
        in_venster(&a.periode).map_err(|r| buiten(format!("activiteiten[{i}]"), r))?;
    }
    for (i, b) in opgave.besluiten.iter().enumerate() {
        grenzen::tekst(&b.onderwerp, MAX_TEKST_TEKENS)
            .map_err(|r| buiten(format!("besluiten[{i}].onderwerp"), r))?;
        grenzen::peildatum(b.datum).map_err(|r| buiten(format!("besluiten[{i}].datum"), r))?;
    }
    Ok(())
}

fn kring_tekst(kring: &[ActiviteitId]) -> String {
    kring
        .iter()
        .map(ActiviteitId::as_str)
        .collect::<Vec<_>>()
        .join(" → ")
}

/// A change a user makes by dragging (or with the keyboard).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "soort",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
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
    rename_all_fields = "camelCase"
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

/// Where each activiteit is, and its predecessors, by position.
struct Index {
    /// (opgave, activiteit) positions, in Routekaart order.
    plek: Vec<(usize, usize)>,
    /// For each activiteit (by index into `plek`), its predecessors.
    voorgangers: Vec<Vec<usize>>,
    /// Activiteiten in an order where every predecessor (explicit or by fase order)
    /// comes first.
    volgorde: Vec<usize>,
    per_id: HashMap<ActiviteitId, usize>,
}

impl Index {
    fn bouw(routekaart: &[Opgave]) -> Result<Self, RoutekaartFout> {
        let mut plek = Vec::new();
        let mut per_id = HashMap::new();
        for (o, opgave) in routekaart.iter().enumerate() {
            for (a, activiteit) in opgave.activiteiten.iter().enumerate() {
                if per_id.insert(activiteit.id.clone(), plek.len()).is_some() {
                    return Err(RoutekaartFout::DubbeleId(activiteit.id.to_string()));
                }
                plek.push((o, a));
            }
        }
        let mut voorgangers = vec![Vec::new(); plek.len()];
        // Implicit edges: the ontwikkelfase's activiteiten precede the opschalingsfase's.
        let mut ontwikkel_per_opgave = vec![Vec::new(); routekaart.len()];
        for (i, &(o, a)) in plek.iter().enumerate() {
            if routekaart[o].activiteiten[a].fase == FaseSoort::Ontwikkelfase {
                ontwikkel_per_opgave[o].push(i);
            }
        }
        let mut impliciet = vec![Vec::new(); plek.len()];
        for (i, &(o, a)) in plek.iter().enumerate() {
            let activiteit = &routekaart[o].activiteiten[a];
            for v in &activiteit.afhankelijk_van {
                let Some(&j) = per_id.get(v) else {
                    return Err(RoutekaartFout::OnbekendeVoorganger {
                        activiteit: activiteit.id.clone(),
                        voorganger: v.clone(),
                    });
                };
                if !voorgangers[i].contains(&j) {
                    voorgangers[i].push(j);
                }
            }
            if activiteit.fase == FaseSoort::Opschalingsfase {
                impliciet[i].clone_from(&ontwikkel_per_opgave[o]);
            }
        }
        let volgorde = topologisch(&plek, &voorgangers, &impliciet, routekaart)?;
        Ok(Self {
            plek,
            voorgangers,
            volgorde,
            per_id,
        })
    }
}

/// Kahn's algorithm over explicit and implicit edges; a left-over node lies on a cycle,
/// which is then found and named.
fn topologisch(
    plek: &[(usize, usize)],
    voorgangers: &[Vec<usize>],
    impliciet: &[Vec<usize>],
    routekaart: &[Opgave],
) -> Result<Vec<usize>, RoutekaartFout> {
    let n = plek.len();
    let mut opvolgers = vec![Vec::new(); n];
    let mut ingraad = vec![0_usize; n];
    for i in 0..n {
        for &j in voorgangers[i].iter().chain(&impliciet[i]) {
            opvolgers[j].push(i);
            ingraad[i] += 1;
        }
    }
    let mut klaar: Vec<usize> = (0..n).filter(|&i| ingraad[i] == 0).collect();
    let mut volgorde = Vec::with_capacity(n);
    while let Some(i) = klaar.pop() {
        volgorde.push(i);
        for &k in &opvolgers[i] {
            ingraad[k] -= 1;
            if ingraad[k] == 0 {
                klaar.push(k);
            }
        }
    }
    if volgorde.len() == n {
        return Ok(volgorde);
    }
    // Walk predecessors among the left-over nodes until one repeats: that is a cycle.
    let over: Vec<bool> = (0..n).map(|i| ingraad[i] > 0).collect();
    let mut pad = Vec::new();
    let mut gezien = vec![usize::MAX; n];
    let mut i = (0..n).find(|&i| over[i]).unwrap_or(0);
    while gezien[i] == usize::MAX {
        gezien[i] = pad.len();
        pad.push(i);
        i = voorgangers[i]
            .iter()
            .chain(&impliciet[i])
            .copied()
            .find(|&j| over[j])
            .unwrap_or(i);
    }
    let mut kring: Vec<ActiviteitId> = pad[gezien[i]..]
        .iter()
        .rev()
        .map(|&k| routekaart[plek[k].0].activiteiten[plek[k].1].id.clone())
        .collect();
    if let Some(eerste) = kring.first().cloned() {
        kring.push(eerste);
    }
    Err(RoutekaartFout::Kring(kring))
}

/// Puts `opgave` on `routekaart` (in place of the opgave with its id, else at the end) and
/// checks the result as a whole: regie's edit of one opgave must keep the whole
/// Routekaart valid. Returns the opgave it replaced, if any.
///
/// # Errors
/// The first broken invariant of the result; `routekaart` is then as it was.
pub fn zet_opgave(
    routekaart: &mut Vec<Opgave>,
    opgave: &Opgave,
) -> Result<Option<Opgave>, RoutekaartFout> {
    let plek = routekaart.iter().position(|o| o.id == opgave.id);
    let voor = match plek {
        Some(i) => Some(std::mem::replace(&mut routekaart[i], opgave.clone())),
        None => {
            routekaart.push(opgave.clone());
            None
        }
    };
    if let Err(fout) = valideer(routekaart) {
        match (plek, voor) {
            (Some(i), Some(oud)) => routekaart[i] = oud,
            _ => {
                routekaart.pop();
            }
        }
        return Err(fout);
    }
    Ok(voor)
}

/// Checks every invariant of section 4.
///
/// # Errors
/// The first broken invariant found, naming what breaks it; a cycle is named in full.
pub fn valideer(routekaart: &[Opgave]) -> Result<(), RoutekaartFout> {
    let mut opgave_ids = std::collections::HashSet::new();
    let mut besluiten = HashMap::new();
    for opgave in routekaart {
        binnen_grenzen(opgave)?;
        if !opgave_ids.insert(&opgave.id) {
            return Err(RoutekaartFout::DubbeleId(opgave.id.to_string()));
        }
        for besluit in &opgave.besluiten {
            if besluiten.insert(&besluit.id, besluit.datum).is_some() {
                return Err(RoutekaartFout::DubbeleId(besluit.id.to_string()));
            }
        }
    }
    let index = Index::bouw(routekaart)?;
    for opgave in routekaart {
        if opgave.ontwikkelfase.periode.eind() > opgave.opschalingsfase.periode.start() {
            return Err(RoutekaartFout::FasenOverlappen(opgave.id.clone()));
        }
        for soort in [FaseSoort::Ontwikkelfase, FaseSoort::Opschalingsfase] {
            let fase = opgave.fase(soort);
            if let Some(besluit) = &fase.wacht_op_besluit {
                let genomen = besluiten
                    .get(besluit)
                    .is_some_and(|&datum| datum <= fase.periode.start());
                if !genomen {
                    return Err(RoutekaartFout::FaseVoorBesluit {
                        opgave: opgave.id.clone(),
                        fase: fase_naam(soort),
                        besluit: besluit.to_string(),
                    });
                }
            }
        }
        for activiteit in &opgave.activiteiten {
            let fase = opgave.fase(activiteit.fase).periode;
            if activiteit.periode.start() < fase.start() || activiteit.periode.eind() > fase.eind()
            {
                return Err(RoutekaartFout::BuitenFase(activiteit.id.clone()));
            }
        }
    }
    for (i, &(o, a)) in index.plek.iter().enumerate() {
        let activiteit = &routekaart[o].activiteiten[a];
        for &j in &index.voorgangers[i] {
            let voorganger = &routekaart[index.plek[j].0].activiteiten[index.plek[j].1];
            if activiteit.periode.start() < voorganger.periode.eind() {
                return Err(RoutekaartFout::AfhankelijkheidGeschonden {
                    activiteit: activiteit.id.clone(),
                    voorganger: voorganger.id.clone(),
                });
            }
        }
    }
    Ok(())
}

fn fase_naam(soort: FaseSoort) -> &'static str {
    match soort {
        FaseSoort::Ontwikkelfase => "ontwikkelfase",
        FaseSoort::Opschalingsfase => "opschalingsfase",
    }
}

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

#[cfg(test)]
mod tests;
