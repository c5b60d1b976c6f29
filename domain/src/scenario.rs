//! Section 5 of `DOMAIN.md`: scenarios, saved what-if plans. A scenario is a gemeente, a
//! peildatum, the version of the base data it was made on and an ordered list of
//! [`Wijziging`]en. Applying them in order to a [`Basis`] gives the scenario's Routekaart
//! and overstapplan; on a changed base an edit that no longer applies is kept, skipped and
//! reported as a [`Conflict`]. Undo drops the last edit. Two outcomes can be compared.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogus::{Component, Status};
use crate::datum::Kwartaal;
use crate::gemeente::GemeenteCode;
use crate::id::{ApplicatieId, ComponentId, OpgaveId};
use crate::landschap::{Applicatie, Capaciteit};
use crate::overstap::Overstapcontext;
use crate::plan::{Jaarbedrag, Overstapplan, overstapplan};
use crate::routekaart::{Deelnemer, Opgave, Rol};
use crate::ruw::nodig;
use crate::tijdlijn::{Bewerking, BewerkingFout, Verschuiving, bewerk, verschuivingen};

/// A decision about a contract.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "keuze", content = "datum", rename_all = "snake_case")]
pub enum ContractKeuze {
    /// Extend to this date, then stop.
    VerlengenTot(NaiveDate),
    /// End at this date.
    BeeindigenOp(NaiveDate),
}

/// One what-if edit.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "soort",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    try_from = "RuweWijziging"
)]
pub enum Wijziging {
    /// Join an opgave in a rol, or leave it (`rol` none).
    Rol {
        /// The opgave.
        opgave: OpgaveId,
        /// The new rol; none to leave.
        rol: Option<Rol>,
    },
    /// A drag on the timeline.
    Tijdlijn {
        /// The edit.
        bewerking: Bewerking,
    },
    /// Assume a component is available from a date.
    Beschikbaarheid {
        /// The component.
        component: ComponentId,
        /// Available from.
        datum: NaiveDate,
    },
    /// Set the gemeente's capaciteit.
    Capaciteit {
        /// The new capaciteit.
        capaciteit: Capaciteit,
    },
    /// Decide on a contract.
    Contract {
        /// The applicatie.
        applicatie: ApplicatieId,
        /// The decision.
        keuze: ContractKeuze,
    },
}

// A `Wijziging` as it comes in: every variant's fields, read without buffering
// (crate::ruw).
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum WijzigingSoort {
    Rol,
    Tijdlijn,
    Beschikbaarheid,
    Capaciteit,
    Contract,
}

#[derive(Deserialize)]
struct RuweWijziging {
    soort: WijzigingSoort,
    opgave: Option<OpgaveId>,
    rol: Option<Rol>,
    bewerking: Option<Bewerking>,
    component: Option<ComponentId>,
    datum: Option<NaiveDate>,
    capaciteit: Option<Capaciteit>,
    applicatie: Option<ApplicatieId>,
    keuze: Option<ContractKeuze>,
}

impl TryFrom<RuweWijziging> for Wijziging {
    type Error = serde::de::value::Error;

    fn try_from(r: RuweWijziging) -> Result<Self, Self::Error> {
        Ok(match r.soort {
            WijzigingSoort::Rol => Self::Rol {
                opgave: nodig(r.opgave, "opgave")?,
                rol: r.rol,
            },
            WijzigingSoort::Tijdlijn => Self::Tijdlijn {
                bewerking: nodig(r.bewerking, "bewerking")?,
            },
            WijzigingSoort::Beschikbaarheid => Self::Beschikbaarheid {
                component: nodig(r.component, "component")?,
                datum: nodig(r.datum, "datum")?,
            },
            WijzigingSoort::Capaciteit => Self::Capaciteit {
                capaciteit: nodig(r.capaciteit, "capaciteit")?,
            },
            WijzigingSoort::Contract => Self::Contract {
                applicatie: nodig(r.applicatie, "applicatie")?,
                keuze: nodig(r.keuze, "keuze")?,
            },
        })
    }
}

/// Why an edit cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WijzigingFout {
    /// The opgave does not (or no longer) exist.
    #[error("opgave '{0}' bestaat niet (meer)")]
    OnbekendeOpgave(OpgaveId),
    /// The component does not (or no longer) exist.
    #[error("component '{0}' bestaat niet (meer)")]
    OnbekendeComponent(ComponentId),
    /// The applicatie does not (or no longer) exist.
    #[error("applicatie '{0}' bestaat niet (meer)")]
    OnbekendeApplicatie(ApplicatieId),
    /// The timeline edit failed.
    #[error(transparent)]
    Tijdlijn(#[from] BewerkingFout),
    /// Negative capaciteit.
    #[error("capaciteit mag niet negatief zijn")]
    NegatieveCapaciteit,
    /// Extending to a date before the current end.
    #[error("verlengen tot {tot} kan niet: het contract loopt al tot {einddatum}")]
    GeenVerlenging {
        /// Requested.
        tot: NaiveDate,
        /// Current end.
        einddatum: NaiveDate,
    },
    /// Ending before the peildatum or the contract's start.
    #[error(
        "beëindigen op {0} kan niet: die datum ligt voor de peildatum of de start van het contract"
    )]
    OngeldigEinde(NaiveDate),
}

/// The data a scenario is applied to, for one gemeente.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Basis {
    /// The published Routekaart.
    pub routekaart: Vec<Opgave>,
    /// The catalogue.
    pub componenten: Vec<Component>,
    /// The gemeente's applicaties.
    pub applicaties: Vec<Applicatie>,
    /// Its capaciteit, if known.
    pub capaciteit: Option<Capaciteit>,
}

/// A saved what-if plan.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// Whose.
    pub gemeente: GemeenteCode,
    /// "Today" of the plan.
    pub peildatum: NaiveDate,
    /// The version of the base data it was made on.
    pub basisversie: String,
    /// The edits, in order.
    pub wijzigingen: Vec<Wijziging>,
}

/// An edit that no longer applies: kept in the scenario, skipped, reported.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// Its position in the list (0-based).
    pub index: usize,
    /// The edit.
    pub wijziging: Wijziging,
    /// Why it was skipped.
    pub reden: String,
}

/// A scenario worked out on a base.
#[derive(Debug, Clone, PartialEq)]
pub struct Uitwerking {
    /// The data after the edits.
    pub basis: Basis,
    /// The overstapplan on that data.
    pub plan: Overstapplan,
    /// What moved on the Routekaart compared with the base.
    pub verschoven: Vec<Verschuiving>,
    /// Edits that were skipped.
    pub conflicten: Vec<Conflict>,
}

impl Basis {
    /// Applies one edit for `gemeente` on `peildatum`.
    ///
    /// # Errors
    /// When the edit names something that does not exist or breaks a rule; then `self`
    /// is unchanged.
    pub fn pas_toe(
        &mut self,
        gemeente: &GemeenteCode,
        peildatum: NaiveDate,
        wijziging: &Wijziging,
    ) -> Result<(), WijzigingFout> {
        match wijziging {
            Wijziging::Rol { opgave, rol } => {
                let doel = self
                    .routekaart
                    .iter_mut()
                    .find(|o| &o.id == opgave)
                    .ok_or_else(|| WijzigingFout::OnbekendeOpgave(opgave.clone()))?;
                doel.deelnemers.retain(|d| &d.gemeente != gemeente);
                if let Some(rol) = rol {
                    doel.deelnemers.push(Deelnemer {
                        gemeente: gemeente.clone(),
                        rol: *rol,
                    });
                }
            }
            Wijziging::Tijdlijn { bewerking } => {
                self.routekaart = bewerk(&self.routekaart, bewerking)?.routekaart;
            }
            Wijziging::Beschikbaarheid { component, datum } => {
                let doel = self
                    .componenten
                    .iter_mut()
                    .find(|k| &k.id == component)
                    .ok_or_else(|| WijzigingFout::OnbekendeComponent(component.clone()))?;
                doel.status = Status::Beschikbaar;
                doel.beschikbaar_vanaf = Some(*datum);
            }
            Wijziging::Capaciteit { capaciteit } => {
                let capaciteit = capaciteit
                    .toets()
                    .map_err(|_| WijzigingFout::NegatieveCapaciteit)?;
                self.capaciteit = Some(capaciteit);
            }
            Wijziging::Contract { applicatie, keuze } => {
                let doel = self
                    .applicaties
                    .iter_mut()
                    .find(|a| &a.id == applicatie)
                    .ok_or_else(|| WijzigingFout::OnbekendeApplicatie(applicatie.clone()))?;
                let einddatum = doel.contract.einddatum();
                let nieuw = match *keuze {
                    ContractKeuze::VerlengenTot(tot) if tot < einddatum => {
                        return Err(WijzigingFout::GeenVerlenging { tot, einddatum });
                    }
                    ContractKeuze::BeeindigenOp(op) if op < peildatum => {
                        return Err(WijzigingFout::OngeldigEinde(op));
                    }
                    ContractKeuze::VerlengenTot(datum) | ContractKeuze::BeeindigenOp(datum) => {
                        datum
                    }
                };
                doel.contract = doel
                    .contract
                    .eindigend_op(nieuw)
                    .map_err(|_| WijzigingFout::OngeldigEinde(nieuw))?;
            }
        }
        Ok(())
    }
}

impl Wijziging {
    /// The dates this edit names, each with the field that names it.
    fn datums(&self) -> Vec<(&'static str, NaiveDate)> {
        match self {
            Wijziging::Rol { .. } | Wijziging::Capaciteit { .. } => Vec::new(),
            Wijziging::Beschikbaarheid { datum, .. } => vec![("datum", *datum)],
            Wijziging::Contract { keuze, .. } => match keuze {
                ContractKeuze::VerlengenTot(d) | ContractKeuze::BeeindigenOp(d) => {
                    vec![("keuze.datum", *d)]
                }
            },
            Wijziging::Tijdlijn { bewerking } => match bewerking {
                Bewerking::Verplaats { start, .. } | Bewerking::VerplaatsFase { start, .. } => {
                    vec![("bewerking.start", *start)]
                }
                Bewerking::Rek { start, eind, .. } => start
                    .map(|d| ("bewerking.start", d))
                    .into_iter()
                    .chain(eind.map(|d| ("bewerking.eind", d)))
                    .collect(),
            },
        }
    }
}

impl Scenario {
    /// What in the scenario lies outside the bounds of [`crate::grenzen`], each as
    /// (field, reason): its peildatum and every date an edit names within the peildatum
    /// window, at most [`crate::grenzen::MAX_WIJZIGINGEN`] edits, a basisversie of a
    /// name's length. A scenario within them costs a bounded amount to work out, also in
    /// the browser of whoever opens its share link.
    pub fn grensfouten(&self) -> Vec<(String, String)> {
        use crate::grenzen;
        let mut fouten = Vec::new();
        if let Err(reden) = grenzen::peildatum(self.peildatum) {
            fouten.push(("scenario.peildatum".to_owned(), reden));
        }
        if self.wijzigingen.len() > grenzen::MAX_WIJZIGINGEN {
            fouten.push((
                "scenario.wijzigingen".to_owned(),
                format!(
                    "{} wijzigingen is te veel: hoogstens {}",
                    self.wijzigingen.len(),
                    grenzen::MAX_WIJZIGINGEN
                ),
            ));
            return fouten;
        }
        if let Err(reden) = grenzen::tekst(&self.basisversie, grenzen::MAX_NAAM_TEKENS) {
            fouten.push(("scenario.basisversie".to_owned(), reden));
        }
        for (i, wijziging) in self.wijzigingen.iter().enumerate() {
            for (veld, datum) in wijziging.datums() {
                if let Err(reden) = grenzen::peildatum(datum) {
                    fouten.push((format!("scenario.wijzigingen[{i}].{veld}"), reden));
                }
            }
        }
        fouten
    }

    /// Works the scenario out on `basis`: every edit in order, those that no longer apply
    /// skipped and reported.
    pub fn werk_uit(&self, basis: &Basis) -> Uitwerking {
        let mut huidig = basis.clone();
        let mut conflicten = Vec::new();
        for (index, wijziging) in self.wijzigingen.iter().enumerate() {
            // `pas_toe` leaves the data unchanged when it fails.
            if let Err(fout) = huidig.pas_toe(&self.gemeente, self.peildatum, wijziging) {
                conflicten.push(Conflict {
                    index,
                    wijziging: wijziging.clone(),
                    reden: fout.to_string(),
                });
            }
        }
        let plan = {
            let context =
                Overstapcontext::new(self.peildatum, &huidig.componenten, &huidig.routekaart);
            overstapplan(
                &context,
                &self.gemeente,
                &huidig.applicaties,
                huidig.capaciteit,
            )
        };
        Uitwerking {
            verschoven: verschuivingen(&basis.routekaart, &huidig.routekaart, None),
            basis: huidig,
            plan,
            conflicten,
        }
    }

    /// An empty draft for `gemeente` at `peildatum` on `basis`: worked out, it is the
    /// published plan.
    pub fn concept(gemeente: GemeenteCode, peildatum: NaiveDate, basis: &Basis) -> Self {
        Self {
            gemeente,
            peildatum,
            basisversie: basisversie(&basis.routekaart),
            wijzigingen: Vec::new(),
        }
    }

    /// The draft's Routekaart edits become `stappen`, in their order and before the other
    /// edits: the timeline keeps its own undo and redo, the draft follows it. Edits of the
    /// Routekaart and of rol or capaciteit touch different data, so the order between
    /// the two kinds does not change the outcome.
    pub fn zet_tijdlijn(&mut self, stappen: &[Bewerking]) {
        let overig = std::mem::take(&mut self.wijzigingen)
            .into_iter()
            .filter(|w| !matches!(w, Wijziging::Tijdlijn { .. }));
        self.wijzigingen = stappen
            .iter()
            .map(|bewerking| Wijziging::Tijdlijn {
                bewerking: bewerking.clone(),
            })
            .chain(overig)
            .collect();
    }

    /// Chooses `rol` in `opgave` (none: not taking part), in place of an earlier choice
    /// for it; choosing the published rol again is no edit.
    pub fn kies_rol(&mut self, basis: &Basis, opgave: OpgaveId, rol: Option<Rol>) {
        self.wijzigingen
            .retain(|w| !matches!(w, Wijziging::Rol { opgave: o, .. } if *o == opgave));
        let gepubliceerd = basis
            .routekaart
            .iter()
            .find(|o| o.id == opgave)
            .and_then(|o| o.rol_van(&self.gemeente));
        if rol != gepubliceerd {
            self.wijzigingen.push(Wijziging::Rol { opgave, rol });
        }
    }

    /// Sets the capaciteit, in place of an earlier one; the capaciteit on record is no
    /// edit.
    pub fn zet_capaciteit(&mut self, basis: &Basis, capaciteit: Capaciteit) {
        self.wijzigingen
            .retain(|w| !matches!(w, Wijziging::Capaciteit { .. }));
        if Some(capaciteit) != basis.capaciteit {
            self.wijzigingen.push(Wijziging::Capaciteit { capaciteit });
        }
    }

    /// Takes the draft's capaciteit edit back: the plan uses the stored capaciteit again
    /// (or none, when the gemeente never entered one).
    pub fn wis_capaciteit(&mut self) {
        self.wijzigingen
            .retain(|w| !matches!(w, Wijziging::Capaciteit { .. }));
    }

    /// Adds an edit after checking that it applies to the current outcome.
    ///
    /// # Errors
    /// When it does not apply; the scenario is unchanged then.
    pub fn voeg_toe(
        &mut self,
        huidig: &Uitwerking,
        wijziging: Wijziging,
    ) -> Result<(), WijzigingFout> {
        let mut proef = huidig.basis.clone();
        proef.pas_toe(&self.gemeente, self.peildatum, &wijziging)?;
        self.wijzigingen.push(wijziging);
        Ok(())
    }

    /// Undo: drops the last edit and returns it.
    pub fn maak_ongedaan(&mut self) -> Option<Wijziging> {
        self.wijzigingen.pop()
    }
}

/// One applicatie's overstapmoment in two scenarios.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MomentVergelijking {
    /// Which applicatie.
    pub applicatie: ApplicatieId,
    /// Its name.
    pub naam: String,
    /// Overstapmoment in the first.
    pub a: Option<NaiveDate>,
    /// Overstapmoment in the second.
    pub b: Option<NaiveDate>,
    /// Days later in the second (negative: earlier), when both have one.
    pub verschil_dagen: Option<i64>,
}

/// An amount per year in two scenarios.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JaarVergelijking {
    /// The year.
    pub jaar: i32,
    /// Euros in the first.
    pub a: i64,
    /// Euros in the second.
    pub b: i64,
}

/// Two scenarios side by side.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Vergelijking {
    /// Per applicatie, in the first's order; applicaties only in the second follow.
    pub overstapmomenten: Vec<MomentVergelijking>,
    /// Besparing per year.
    pub besparing: Vec<JaarVergelijking>,
    /// Bijdragen per year.
    pub bijdragen: Vec<JaarVergelijking>,
    /// Overloaded quarters of the first.
    pub overbelast_a: Vec<Kwartaal>,
    /// Overloaded quarters of the second.
    pub overbelast_b: Vec<Kwartaal>,
}

/// A fingerprint of the Routekaart a scenario is made on (its ids, dates, dependencies,
/// besluiten and deelnemers), the same in the browser and on the server: when it differs
/// from the current one, the base has changed and the scenario is replayed on it.
pub fn basisversie(routekaart: &[Opgave]) -> String {
    use std::hash::Hasher as _;
    let mut h = crate::snel::Fnv::default();
    // Bytes only, never `usize`: the hash must not depend on the platform's word size.
    let mut tekst = |t: &str| {
        h.write(t.as_bytes());
        h.write(&[0xff]);
    };
    let datum = |d: NaiveDate| d.to_string();
    for o in routekaart {
        tekst(o.id.as_str());
        for fase in [&o.ontwikkelfase, &o.opschalingsfase] {
            tekst(&datum(fase.periode.start()));
            tekst(&datum(fase.periode.eind()));
            tekst(fase.wacht_op_besluit.as_ref().map_or("", |b| b.as_str()));
        }
        for a in &o.activiteiten {
            tekst(a.id.as_str());
            tekst(&datum(a.periode.start()));
            tekst(&datum(a.periode.eind()));
            for v in &a.afhankelijk_van {
                tekst(v.as_str());
            }
        }
        for b in &o.besluiten {
            tekst(b.id.as_str());
            tekst(&datum(b.datum));
        }
        for d in &o.deelnemers {
            tekst(d.gemeente.as_str());
            tekst(d.rol.label());
        }
    }
    format!("rk-{:016x}", h.finish())
}

/// Compares two plans (typically a base and a scenario, or two scenarios).
pub fn vergelijk(a: &Overstapplan, b: &Overstapplan) -> Vergelijking {
    let mut overstapmomenten: Vec<MomentVergelijking> = a
        .applicaties
        .iter()
        .map(|x| {
            let in_b = b.applicaties.iter().find(|y| y.applicatie == x.applicatie);
            let (ma, mb) = (
                x.uitkomst.overstapmoment(),
                in_b.and_then(|y| y.uitkomst.overstapmoment()),
            );
            MomentVergelijking {
                applicatie: x.applicatie.clone(),
                naam: x.naam.clone(),
                a: ma,
                b: mb,
                verschil_dagen: ma.zip(mb).map(|(ma, mb)| (mb - ma).num_days()),
            }
        })
        .collect();
    for y in b
        .applicaties
        .iter()
        .filter(|y| !a.applicaties.iter().any(|x| x.applicatie == y.applicatie))
    {
        overstapmomenten.push(MomentVergelijking {
            applicatie: y.applicatie.clone(),
            naam: y.naam.clone(),
            a: None,
            b: y.uitkomst.overstapmoment(),
            verschil_dagen: None,
        });
    }
    Vergelijking {
        overstapmomenten,
        besparing: per_jaar(&a.besparing_per_jaar, &b.besparing_per_jaar),
        bijdragen: per_jaar(&a.bijdragen_per_jaar, &b.bijdragen_per_jaar),
        overbelast_a: a.overbelast.kwartalen.iter().map(|k| k.kwartaal).collect(),
        overbelast_b: b.overbelast.kwartalen.iter().map(|k| k.kwartaal).collect(),
    }
}

fn per_jaar(a: &[Jaarbedrag], b: &[Jaarbedrag]) -> Vec<JaarVergelijking> {
    let mut jaren: Vec<i32> = a.iter().chain(b).map(|x| x.jaar).collect();
    jaren.sort_unstable();
    jaren.dedup();
    jaren
        .into_iter()
        .map(|jaar| JaarVergelijking {
            jaar,
            a: crate::plan::in_jaar(a, jaar),
            b: crate::plan::in_jaar(b, jaar),
        })
        .collect()
}

#[cfg(test)]
mod tests;
