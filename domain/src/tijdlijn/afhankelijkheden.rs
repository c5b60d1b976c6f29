//! Where every activiteit is and what it waits for, in an order that puts each after its
//! predecessors (a cycle is named in full).

use std::collections::HashMap;

use crate::id::ActiviteitId;
use crate::routekaart::{FaseSoort, Opgave};

use super::RoutekaartFout;

/// Where each activiteit is, and its predecessors, by position.
pub(super) struct Index {
    /// (opgave, activiteit) positions, in Routekaart order.
    pub(super) plek: Vec<(usize, usize)>,
    /// For each activiteit (by index into `plek`), its predecessors.
    pub(super) voorgangers: Vec<Vec<usize>>,
    /// Activiteiten in an order where every predecessor (explicit or by fase order)
    /// comes first.
    pub(super) volgorde: Vec<usize>,
    pub(super) per_id: HashMap<ActiviteitId, usize>,
}

impl Index {
    pub(super) fn bouw(routekaart: &[Opgave]) -> Result<Self, RoutekaartFout> {
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
pub(super) fn topologisch(
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
