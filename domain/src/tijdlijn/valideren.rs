//! The invariants of the Routekaart ([`valideer`]), and putting one opgave on it as a
//! whole ([`zet_opgave`]).

use std::collections::HashMap;

use crate::datum::Periode;
use crate::routekaart::{FaseSoort, Opgave};

use super::RoutekaartFout;
use super::afhankelijkheden::Index;

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
                        fase: FaseSoort::code(soort),
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
