//! The draft of the Routekaart: its steps replayed on the published Routekaart, kept in
//! the browser's local storage, and how a change reads for people and screen readers.

use std::collections::HashMap;

use domain::tijdlijn::{Bewerking, Onderdeel, Verschuiving, bewerk};
use domain::{FaseSoort, Opgave, Periode};
use leptos::prelude::*;

use crate::formaat::getal;

/// Where the draft lives in the browser's local storage.
pub(super) const CONCEPT: &str = "grondplan.concept.routekaart";

/// The Routekaart after some edits.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Stand {
    pub(super) posities: HashMap<Onderdeel, Periode>,
    pub(super) verschoven: Vec<Verschuiving>,
    /// Why a step of the draft no longer applies (the published Routekaart changed).
    pub(super) fout: Option<String>,
    pub(super) kaart: Vec<Opgave>,
}

impl Stand {
    pub(super) fn na(basis: &[Opgave], stappen: &[Bewerking]) -> Self {
        let mut stand = Self {
            kaart: basis.to_vec(),
            ..Self::default()
        };
        for stap in stappen {
            stand = stand.met(stap);
        }
        stand.meet();
        stand
    }

    /// This state with one more step, its positions not yet measured ([`Self::meet`]).
    /// This state stays as it is, so a drag frame need not copy the committed state first.
    pub(super) fn met(&self, stap: &Bewerking) -> Self {
        match bewerk(&self.kaart, stap) {
            Ok(bewerkt) => Self {
                posities: HashMap::new(),
                verschoven: bewerkt.verschoven,
                fout: self.fout.clone(),
                kaart: bewerkt.routekaart,
            },
            Err(fout) => Self {
                fout: Some(fout.to_string()),
                ..self.clone()
            },
        }
    }

    pub(super) fn meet(&mut self) {
        self.posities.clear();
        for o in &self.kaart {
            for soort in [FaseSoort::Ontwikkelfase, FaseSoort::Opschalingsfase] {
                self.posities.insert(
                    Onderdeel::Fase {
                        opgave: o.id.clone(),
                        fase: soort,
                    },
                    o.fase(soort).periode,
                );
            }
            for a in &o.activiteiten {
                self.posities
                    .insert(Onderdeel::Activiteit { id: a.id.clone() }, a.periode);
            }
        }
    }
}

/// Keeps `stappen` in local storage: restores a saved draft once the page is live, then
/// saves every change. Nothing happens on the server.
pub(super) fn bewaar_concept(stappen: RwSignal<Vec<Bewerking>>) {
    let hersteld = RwSignal::new(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use gloo_storage::Storage as _;
            if let Ok(concept) = gloo_storage::LocalStorage::get::<Vec<Bewerking>>(CONCEPT) {
                stappen.set(concept);
            }
        }
        hersteld.set(true);
    });
    Effect::new(move |_| {
        let stappen = stappen.get();
        if hersteld.get() {
            #[cfg(feature = "hydrate")]
            {
                use gloo_storage::Storage as _;
                // A full or blocked storage only loses the draft on reload, nothing else.
                let _ = gloo_storage::LocalStorage::set(CONCEPT, &stappen);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (stappen, CONCEPT);
        }
    });
}

/// The readable name of every movable part.
pub(super) fn namen(opgaven: &[Opgave]) -> HashMap<Onderdeel, String> {
    let mut namen = HashMap::new();
    for o in opgaven {
        for soort in [FaseSoort::Ontwikkelfase, FaseSoort::Opschalingsfase] {
            namen.insert(
                Onderdeel::Fase {
                    opgave: o.id.clone(),
                    fase: soort,
                },
                format!("{} van {}", soort.label(), o.naam),
            );
        }
        for a in &o.activiteiten {
            namen.insert(Onderdeel::Activiteit { id: a.id.clone() }, a.naam.clone());
        }
    }
    namen
}

/// "Bouwen: begin 7 dagen later, einde 7 dagen later" per moved part.
pub(super) fn verschuivingsregels(
    verschoven: &[Verschuiving],
    namen: &HashMap<Onderdeel, String>,
) -> Vec<String> {
    let dagen = |n: i64| match n {
        0 => "gelijk".to_owned(),
        n if n > 0 => format!("{} dagen later", getal(n)),
        n => format!("{} dagen eerder", getal(-n)),
    };
    verschoven
        .iter()
        .map(|v| {
            let naam = namen
                .get(&v.onderdeel)
                .cloned()
                .unwrap_or_else(|| v.onderdeel.to_string());
            format!(
                "{naam}: begin {}, einde {}",
                dagen(v.start_dagen),
                dagen(v.eind_dagen)
            )
        })
        .collect()
}

/// What a screen reader hears after a step.
pub(super) fn beschrijving(
    verschoven: &[Verschuiving],
    namen: &HashMap<Onderdeel, String>,
) -> String {
    let regels = verschuivingsregels(verschoven, namen);
    match regels.split_first() {
        None => "Niets verschoven.".into(),
        Some((eerste, [])) => format!("{eerste}."),
        Some((eerste, rest)) => format!(
            "{eerste}. Daardoor verschoven ook {} onderdelen: {}.",
            rest.len(),
            rest.join("; ")
        ),
    }
}
