//! What a gemeente must do next, read from its overstapplan and the Routekaart: the
//! notices to give in the coming months (most urgent first), the switches it can make
//! now, the applicaties it can drop and what that saves, its rol per opgave and the next
//! besluitmomenten, and the money over the horizon. The gemeente's start page shows it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::afschaffen::Afschaffing;
use crate::datum::{Kwartaal, plus_maanden};
use crate::landelijk::Componentreeks;
use crate::{
    ApplicatieId, Component, ComponentId, GemeenteCode, Opgave, OpgaveId, Overstapplan, Rol,
    Uitkomst,
};

/// How far ahead a notice deadline is on the list.
pub const VOORUIT_MAANDEN: i32 = 6;

/// How many besluitmomenten the list names.
pub const BESLUITEN: usize = 5;

/// A notice to give: the contract must be ended before `opzeggen_voor` to switch to
/// `component` at `overstapmoment` without friction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opzegtaak {
    /// Which applicatie.
    pub applicatie: ApplicatieId,
    /// Its name.
    pub naam: String,
    /// The component it switches to, by name.
    pub component: String,
    /// The last day to give notice.
    pub opzeggen_voor: NaiveDate,
    /// Days from the peildatum to that day.
    pub dagen: i64,
    /// The day the switch happens.
    pub overstapmoment: NaiveDate,
}

/// A switch whose component is ready on the peildatum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overstapklaar {
    /// Which applicatie.
    pub applicatie: ApplicatieId,
    /// Its name.
    pub naam: String,
    /// The component, by name.
    pub component: String,
    /// The first exit point without friction.
    pub overstapmoment: NaiveDate,
}

/// The gemeente's part in one opgave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deelname {
    /// Which opgave.
    pub opgave: OpgaveId,
    /// Its name.
    pub naam: String,
    /// As what; none: it follows (volger).
    pub rol: Option<Rol>,
}

/// A coming decision on the Routekaart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Besluitmoment {
    /// The day.
    pub datum: NaiveDate,
    /// Of which opgave.
    pub opgave: OpgaveId,
    /// Its name.
    pub opgavenaam: String,
    /// What is decided.
    pub onderwerp: String,
}

/// Everything the start page lists, in the order a person acts on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Werklijst {
    /// "Today".
    pub peildatum: NaiveDate,
    /// How many applicaties the landscape holds (0: nothing to plan yet).
    pub applicaties: usize,
    /// Notices due within [`VOORUIT_MAANDEN`], soonest first.
    pub opzeggen: Vec<Opzegtaak>,
    /// Switches whose component is ready now, soonest overstapmoment first.
    pub klaar: Vec<Overstapklaar>,
    /// Applicaties that can go (unused first, then redundant), each with its yearly fees.
    pub afschaffen: Vec<Afschaffing>,
    /// What dropping them all saves per year, in whole euros.
    pub afschaffen_per_jaar: i64,
    /// The opgaven it takes part in first, then the rest (as volger).
    pub deelname: Vec<Deelname>,
    /// The next [`BESLUITEN`] besluitmomenten, of its own opgaven first.
    pub besluiten: Vec<Besluitmoment>,
    /// Besparing − bijdragen summed over the plan's years.
    pub netto_totaal: i64,
    /// The first year from which the running netto total stays non-negative.
    pub terugverdienjaar: Option<i32>,
}

/// The work list of `gemeente` from its `plan`, the `routekaart` and the catalogue's
/// `componenten` (for names).
pub fn werklijst(
    gemeente: &GemeenteCode,
    plan: &Overstapplan,
    routekaart: &[Opgave],
    componenten: &[Component],
) -> Werklijst {
    let peildatum = plan.peildatum;
    let grens = plus_maanden(peildatum, VOORUIT_MAANDEN).unwrap_or(NaiveDate::MAX);
    let naam_van = |id: &crate::ComponentId| {
        componenten
            .iter()
            .find(|k| &k.id == id)
            .map_or_else(|| id.to_string(), |k| k.naam.clone())
    };
    let mut opzeggen = Vec::new();
    let mut klaar = Vec::new();
    for overstap in &plan.applicaties {
        let Uitkomst::Overstap {
            component,
            gereed,
            overstapmoment,
            opzeggen_voor,
            ..
        } = &overstap.uitkomst
        else {
            continue;
        };
        if let Some(dag) = opzeggen_voor.filter(|d| *d >= peildatum && *d <= grens) {
            opzeggen.push(Opzegtaak {
                applicatie: overstap.applicatie.clone(),
                naam: overstap.naam.clone(),
                component: naam_van(component),
                opzeggen_voor: dag,
                dagen: (dag - peildatum).num_days(),
                overstapmoment: *overstapmoment,
            });
        }
        if *gereed <= peildatum {
            klaar.push(Overstapklaar {
                applicatie: overstap.applicatie.clone(),
                naam: overstap.naam.clone(),
                component: naam_van(component),
                overstapmoment: *overstapmoment,
            });
        }
    }
    opzeggen.sort_by(|a, b| (a.opzeggen_voor, &a.naam).cmp(&(b.opzeggen_voor, &b.naam)));
    klaar.sort_by(|a, b| (a.overstapmoment, &a.naam).cmp(&(b.overstapmoment, &b.naam)));

    let afschaffen: Vec<Afschaffing> = plan
        .ongebruikt
        .iter()
        .chain(&plan.overbodig)
        .cloned()
        .collect();
    let afschaffen_per_jaar = afschaffen.iter().map(|a| a.jaarlijkse_kosten).sum();

    let (mut deelname, volger): (Vec<Deelname>, Vec<Deelname>) = routekaart
        .iter()
        .map(|o| Deelname {
            opgave: o.id.clone(),
            naam: o.naam.clone(),
            rol: o.rol_van(gemeente),
        })
        .partition(|d| d.rol.is_some());
    deelname.extend(volger);

    let mut besluiten: Vec<(bool, Besluitmoment)> = routekaart
        .iter()
        .flat_map(|o| {
            let eigen = o.rol_van(gemeente).is_some();
            o.besluiten
                .iter()
                .filter(|b| b.datum >= peildatum)
                .map(move |b| {
                    (
                        eigen,
                        Besluitmoment {
                            datum: b.datum,
                            opgave: o.id.clone(),
                            opgavenaam: o.naam.clone(),
                            onderwerp: b.onderwerp.clone(),
                        },
                    )
                })
        })
        .collect();
    besluiten
        .sort_by(|(eigen_a, a), (eigen_b, b)| eigen_b.cmp(eigen_a).then(a.datum.cmp(&b.datum)));
    let mut besluiten: Vec<Besluitmoment> = besluiten
        .into_iter()
        .map(|(_, b)| b)
        .take(BESLUITEN)
        .collect();
    besluiten.sort_by_key(|b| b.datum);

    Werklijst {
        peildatum,
        applicaties: plan.applicaties.len(),
        opzeggen,
        klaar,
        afschaffen,
        afschaffen_per_jaar,
        deelname,
        besluiten,
        netto_totaal: plan.netto_per_jaar.iter().map(|j| j.euro).sum(),
        terugverdienjaar: plan.terugverdienjaar,
    }
}

/// A kansrijk moment the gemeente is in: some of its own applicaties switch to
/// `component` in `kwartaal`, a quarter that enough gemeenten share to procure and
/// migrate together (DOMAIN.md, the landelijk beeld).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SamenOverstappen {
    /// The component, by id, for a link.
    pub component: ComponentId,
    /// Its name.
    pub naam: String,
    /// The shared quarter.
    pub kwartaal: Kwartaal,
    /// How many gemeenten switch to it in that quarter, this one included.
    pub gemeenten: usize,
    /// The gemeente's own applicaties that switch then, by name.
    pub applicaties: Vec<String>,
    /// To switch together, the first gemeente gives notice by then.
    pub eerste_opzegdatum: Option<NaiveDate>,
}

/// The kansrijke moments of the landelijk beeld (`reeksen`) that the gemeente's own
/// `plan` is in, soonest first.
pub fn samen_overstappen(plan: &Overstapplan, reeksen: &[Componentreeks]) -> Vec<SamenOverstappen> {
    let mut samen: Vec<SamenOverstappen> = Vec::new();
    for overstap in &plan.applicaties {
        let Uitkomst::Overstap {
            component,
            overstapmoment,
            ..
        } = &overstap.uitkomst
        else {
            continue;
        };
        let kwartaal = Kwartaal::van(*overstapmoment);
        let Some((reeks, cel)) = reeksen
            .iter()
            .filter(|r| &r.component == component)
            .find_map(|r| {
                r.kwartalen
                    .iter()
                    .find(|c| c.kwartaal == kwartaal && c.kansrijk)
                    .map(|c| (r, c))
            })
        else {
            continue;
        };
        match samen
            .iter_mut()
            .find(|s| &s.component == component && s.kwartaal == kwartaal)
        {
            Some(s) => s.applicaties.push(overstap.naam.clone()),
            None => samen.push(SamenOverstappen {
                component: component.clone(),
                naam: reeks.naam.clone(),
                kwartaal,
                gemeenten: cel.gemeenten,
                applicaties: vec![overstap.naam.clone()],
                eerste_opzegdatum: cel.cohort.as_ref().and_then(|c| c.eerste_opzegdatum),
            }),
        }
    }
    samen.sort_by(|a, b| {
        a.kwartaal
            .cmp(&b.kwartaal)
            .then_with(|| a.naam.cmp(&b.naam))
    });
    samen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{
        applicatie, contract, d, gm, met_deelnemer, open_zaak, opgave, zaaksysteem_x,
    };
    use crate::{Besluit, BesluitId, Orgaan, Overstapcontext, overstapplan};

    fn plan_op(peildatum: &str, applicaties: &[crate::Applicatie]) -> Overstapplan {
        let componenten = [open_zaak()];
        let context = Overstapcontext::new(d(peildatum), &componenten, &[]);
        overstapplan(&context, &gm("GM0344"), applicaties, None)
    }

    #[test]
    fn worked_example_a_is_a_notice_to_give_before_30_june_2025() {
        // DOMAIN.md example A: Zaaksysteem X, Open Zaak ready, notice by 30 June 2025.
        let plan = plan_op("2025-01-01", &[zaaksysteem_x()]);
        let lijst = werklijst(&gm("GM0344"), &plan, &[], &[open_zaak()]);
        assert_eq!(lijst.opzeggen.len(), 1);
        let taak = &lijst.opzeggen[0];
        assert_eq!(taak.naam, "zaaksysteem-x");
        assert_eq!(taak.component, "Open Zaak");
        assert_eq!(taak.opzeggen_voor, d("2025-06-30"));
        assert_eq!(taak.dagen, 180);
        assert_eq!(taak.overstapmoment, d("2025-12-31"));
    }

    #[test]
    fn a_deadline_past_the_horizon_of_six_months_is_not_on_the_list_yet() {
        let plan = plan_op("2024-10-01", &[zaaksysteem_x()]);
        let lijst = werklijst(&gm("GM0344"), &plan, &[], &[open_zaak()]);
        assert!(lijst.opzeggen.is_empty(), "30 June 2025 is 9 months away");
        assert_eq!(lijst.applicaties, 1);
    }

    #[test]
    fn an_unused_applicatie_is_to_drop_with_its_yearly_fees() {
        let mut ongebruikt = applicatie(
            "oud",
            &["zaakregistratiecomponent"],
            contract("2026-12-31", 3, 12, None, 12_000),
        );
        ongebruikt.in_gebruik = false;
        let plan = plan_op("2025-01-01", &[ongebruikt]);
        let lijst = werklijst(&gm("GM0344"), &plan, &[], &[]);
        assert_eq!(lijst.afschaffen.len(), 1);
        assert_eq!(lijst.afschaffen_per_jaar, 12_000);
    }

    #[test]
    fn own_opgaven_come_first_and_their_decisions_before_others() {
        let mut eigen = met_deelnemer(
            opgave(
                "eigen",
                ("2025-01-01", "2025-12-31"),
                ("2026-01-01", "2026-12-31"),
            ),
            "GM0344",
            Rol::Coalitiepartner,
        );
        eigen.naam = "Eigen".into();
        let mut ander = opgave(
            "ander",
            ("2025-01-01", "2025-12-31"),
            ("2026-01-01", "2026-12-31"),
        );
        ander.naam = "Ander".into();
        let besluit = |id: &str, datum: &str| Besluit {
            id: BesluitId::parse(id).expect("id"),
            datum: d(datum),
            orgaan: Orgaan::Bestuur,
            onderwerp: format!("besluit {id}"),
        };
        ander.besluiten = (1..=6)
            .map(|m| besluit(&format!("a{m}"), &format!("2025-0{m}-15")))
            .collect();
        eigen.besluiten = vec![besluit("e1", "2025-09-01"), besluit("e0", "2024-12-01")];
        let plan = plan_op("2025-01-01", &[]);
        let lijst = werklijst(&gm("GM0344"), &plan, &[ander, eigen], &[]);
        assert_eq!(lijst.deelname[0].naam, "Eigen");
        assert_eq!(lijst.deelname[0].rol, Some(Rol::Coalitiepartner));
        assert_eq!(lijst.deelname[1].rol, None);
        let onderwerpen: Vec<&str> = lijst
            .besluiten
            .iter()
            .map(|b| b.onderwerp.as_str())
            .collect();
        // The own decision is kept though six others come earlier; the past one is not.
        assert_eq!(
            onderwerpen,
            [
                "besluit a1",
                "besluit a2",
                "besluit a3",
                "besluit a4",
                "besluit e1"
            ]
        );
    }

    #[test]
    fn a_switch_in_a_kansrijk_quarter_puts_the_gemeente_in_its_cohort() {
        use crate::Laag;
        use crate::landelijk::{Cohort, Kwartaalcel};
        // Example A switches to Open Zaak on 31 December 2025: the fourth quarter.
        let plan = plan_op("2025-01-01", &[zaaksysteem_x()]);
        let cel = |kwartaal: &str, kansrijk: bool| Kwartaalcel {
            kwartaal: kwartaal.parse().expect("quarter"),
            gemeenten: 7,
            applicaties: 9,
            jaarlijkse_kosten: None,
            kansrijk,
            cohort: kansrijk.then(|| Cohort {
                genoemd: Vec::new(),
                niet_genoemd: 7,
                eerste_opzegdatum: Some(d("2025-05-31")),
                laatste_opzegdatum: Some(d("2025-06-30")),
            }),
        };
        let reeks = |kansrijk: bool| Componentreeks {
            component: open_zaak().id,
            naam: "Open Zaak".into(),
            laag: Laag::Services,
            kwartalen: vec![cel("2025-Q3", true), cel("2025-Q4", kansrijk)],
        };
        let samen = samen_overstappen(&plan, &[reeks(true)]);
        assert_eq!(samen.len(), 1);
        assert_eq!(samen[0].kwartaal.to_string(), "2025-Q4");
        assert_eq!(samen[0].gemeenten, 7);
        assert_eq!(samen[0].applicaties, ["zaaksysteem-x"]);
        assert_eq!(samen[0].eerste_opzegdatum, Some(d("2025-05-31")));
        assert!(
            samen_overstappen(&plan, &[reeks(false)]).is_empty(),
            "a quarter that is not kansrijk is no cohort"
        );
    }
}
