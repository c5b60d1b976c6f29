use super::*;
use crate::catalogus::Status;
use crate::landelijk::{Landelijketelling, Landschapsdeel};
use crate::plan::overstapplan;
use crate::routekaart::Rol;
use crate::testdata::*;

const P: &str = "2025-01-01";

/// A component delivered by opgave `zgw`, three months to migrate.
fn zaak_cg() -> Component {
    Component {
        status: Status::InOntwikkeling,
        opgave: Some(crate::OpgaveId::parse("zgw").expect("id")),
        beschikbaar_vanaf: None,
        migratie_maanden: 3,
        ..component("zaak-cg", "zaakregistratie")
    }
}

/// Ontwikkelfase ends 2025-06-30, opschalingsfase 2025-07-01 to `opschaling_eind`;
/// GM0001 and GM0003 are coalitiepartner, GM0002 follows.
fn kaart(ontwikkel_eind: &str, opschaling: (&str, &str)) -> Vec<Opgave> {
    let o = opgave("zgw", (P, ontwikkel_eind), opschaling);
    let o = met_deelnemer(o, "GM0001", Rol::Coalitiepartner);
    vec![met_deelnemer(o, "GM0003", Rol::Coalitiepartner)]
}

fn gepubliceerd() -> Vec<Opgave> {
    kaart("2025-06-30", ("2025-07-01", "2026-06-30"))
}

/// One zaaksysteem per gemeente: yearly renewal on 31 December, one month notice.
fn landschappen() -> Vec<(GemeenteCode, Vec<Applicatie>)> {
    ["GM0001", "GM0002", "GM0003"]
        .into_iter()
        .map(|code| {
            let mut app = zaaksysteem_x();
            app.gemeente = gm(code);
            app.contract = contract("2025-12-31", 1, 12, None, 100_000);
            if code == "GM0003" {
                // Also fulfils a function Open Zaak (beschikbaar) replaces.
                app.referentiecomponenten.push(r("documentregistratie"));
            }
            (gm(code), vec![app])
        })
        .collect()
}

fn catalogus() -> Vec<Component> {
    vec![zaak_cg(), component("open-zaak", "documentregistratie")]
}

fn basis(componenten: &[Component], routekaart: &[Opgave]) -> Vensterbasis {
    let context = Overstapcontext::new(d(P), componenten, routekaart);
    let mut basis = Vensterbasis::new(d(P));
    for (g, apps) in landschappen() {
        let plan = overstapplan(&context, &g, &apps, None);
        basis.voeg_toe(
            &context,
            &Gemeentebijdrage::uit_plan(&context, &plan, &apps),
        );
    }
    basis
}

#[test]
fn the_published_routekaart_changes_nothing() {
    let kaart = gepubliceerd();
    let b = basis(&catalogus(), &kaart);
    assert_eq!(b.effect(&b.stand(&kaart), &kaart), Venstereffect::default());
}

#[test]
fn only_applicaties_that_follow_the_routekaart_are_sent() {
    let b = basis(&catalogus(), &gepubliceerd());
    assert_eq!(b.applicaties.len(), 3);
    assert_eq!(
        b.componenten.len(),
        1,
        "only zaak-cg follows the Routekaart"
    );
    // GM0003's other candidate, Open Zaak, is ready 9 months after the peildatum.
    assert_eq!(b.applicaties[2].vast_gereed, Some(d("2025-10-01")));
    let zonder = basis(
        &[component("open-zaak", "zaakregistratie")],
        &gepubliceerd(),
    );
    assert!(zonder.applicaties.is_empty());
}

#[test]
fn a_later_ontwikkelfase_costs_a_coalitiepartner_its_window_and_a_years_fees() {
    let b = basis(&catalogus(), &gepubliceerd());
    let voor = b.stand(&gepubliceerd());
    // Ready 2025-09-30 → overstapmoment 2025-12-31; ending the ontwikkelfase a month
    // later is still in time (ready 2025-10-31), four months later is not (2026-01-31).
    let iets_later = kaart("2025-07-31", ("2025-08-01", "2026-06-30"));
    assert_eq!(b.effect(&voor, &iets_later), Venstereffect::default());
    let te_laat = kaart("2025-10-31", ("2025-11-01", "2026-06-30"));
    let effect = b.effect(&voor, &te_laat);
    assert_eq!(
        effect,
        Venstereffect {
            gemeenten_verliezen: 1,
            applicaties_verliezen: 1,
            extra_kosten: 100_000,
            ..Venstereffect::default()
        },
        "GM0001 renews once more; GM0003 has Open Zaak in time; GM0002 follows the opschalingsfase"
    );
}

#[test]
fn an_earlier_opschalingsfase_gives_a_volger_an_earlier_window() {
    let b = basis(&catalogus(), &gepubliceerd());
    let voor = b.stand(&gepubliceerd());
    // GM0002 follows: ready 2026-09-30 → 2026-12-31; with the end on 2025-06-30 ready
    // 2025-09-30 → 2025-12-31.
    let eerder = kaart("2025-03-31", ("2025-04-01", "2025-06-30"));
    let effect = b.effect(&voor, &eerder);
    assert_eq!(
        (
            effect.gemeenten_winnen,
            effect.applicaties_winnen,
            effect.minder_kosten
        ),
        (1, 1, 100_000)
    );
    assert_eq!(effect.applicaties_verliezen, 0);
}

#[test]
fn the_effect_equals_the_difference_of_the_full_plans() {
    // Many gemeenten with contracts ending in each month, in all three rollen, against
    // many shifted Routekaarten: the compact basis agrees with whole overstapplannen.
    let componenten = catalogus();
    let mut landschappen = Vec::new();
    let mut o = opgave("zgw", (P, "2025-06-30"), ("2025-07-01", "2026-06-30"));
    for n in 1..=36_u32 {
        let code = format!("GM{n:04}");
        match n % 3 {
            0 => o = met_deelnemer(o, &code, Rol::Coalitiepartner),
            1 => o = met_deelnemer(o, &code, Rol::EersteGebruiker),
            _ => {}
        }
        let eind = chrono::NaiveDate::from_ymd_opt(2025, n % 12 + 1, 1)
            .and_then(|x| x.checked_add_months(chrono::Months::new(1)))
            .and_then(|x| x.pred_opt())
            .expect("date");
        let mut app = zaaksysteem_x();
        app.gemeente = gm(&code);
        app.contract = crate::Contract::new(
            None,
            eind,
            n % 4,
            [0, 6, 12, 24][(n % 4) as usize],
            None,
            i64::from(n) * 10_000,
        )
        .expect("contract");
        if n % 5 == 0 {
            app.referentiecomponenten.push(r("documentregistratie"));
        }
        landschappen.push((gm(&code), vec![app]));
    }
    let gepubliceerd = vec![o.clone()];
    let context = Overstapcontext::new(d(P), &componenten, &gepubliceerd);
    let mut b = Vensterbasis::new(d(P));
    let plannen_voor: Vec<_> = landschappen
        .iter()
        .map(|(g, a)| overstapplan(&context, g, a, None))
        .collect();
    for ((_, a), plan) in landschappen.iter().zip(&plannen_voor) {
        b.voeg_toe(&context, &Gemeentebijdrage::uit_plan(&context, plan, a));
    }
    let zonder_plan: Vec<_> = landschappen
        .iter()
        .map(|(g, a)| Gemeentebijdrage::van(&context, g, a))
        .collect();
    assert_eq!(
        Vensterbasis::uit(&context, &zonder_plan),
        b,
        "parts made without the whole plan give the same basis"
    );
    let voor = b.stand(&gepubliceerd);
    for maanden in [-5_i32, -2, 1, 3, 7, 12, 20] {
        let schuif = |x: NaiveDate| crate::datum::plus_maanden(x, maanden).expect("date");
        let mut verschoven = o.clone();
        verschoven.ontwikkelfase.periode = crate::Periode::new(
            o.ontwikkelfase.periode.start(),
            schuif(o.ontwikkelfase.periode.eind()),
        )
        .expect("period");
        verschoven.opschalingsfase.periode = crate::Periode::new(
            schuif(o.opschalingsfase.periode.start()),
            schuif(o.opschalingsfase.periode.eind()),
        )
        .expect("period");
        let nieuw = vec![verschoven];
        let context = Overstapcontext::new(d(P), &componenten, &nieuw);
        let mut verwacht = Venstereffect::default();
        for ((g, a), voor) in landschappen.iter().zip(&plannen_voor) {
            let na = overstapplan(&context, g, a, None);
            let (mut verliest, mut wint) = (false, false);
            for (x, y) in voor.applicaties.iter().zip(&na.applicaties) {
                let stop = |u: &Uitkomst| match u {
                    Uitkomst::Overstap { overstapmoment, .. } => Some(*overstapmoment),
                    Uitkomst::Overbrugging { gereed, .. } => Some(*gereed),
                    _ => None,
                };
                let (s0, s1) = (stop(&x.uitkomst), stop(&y.uitkomst));
                let (v0, v1) = (
                    x.uitkomst.overstapmoment().is_some(),
                    y.uitkomst.overstapmoment().is_some(),
                );
                if v0 && (!v1 || s1 > s0) {
                    verliest = true;
                    verwacht.applicaties_verliezen += 1;
                    verwacht.zonder_moment += usize::from(s1.is_none());
                }
                if v1 && (!v0 || (s0.is_some() && s1 < s0)) {
                    wint = true;
                    verwacht.applicaties_winnen += 1;
                }
                if let (Some(s0), Some(s1)) = (s0, s1) {
                    let kosten = a[0].contract.jaarlijkse_kosten();
                    if s1 > s0 {
                        verwacht.extra_kosten += naar_rato(kosten, (s1 - s0).num_days());
                    } else {
                        verwacht.minder_kosten += naar_rato(kosten, (s0 - s1).num_days());
                    }
                }
            }
            verwacht.gemeenten_verliezen += usize::from(verliest);
            verwacht.gemeenten_winnen += usize::from(wint);
        }
        assert_eq!(b.effect(&voor, &nieuw), verwacht, "{maanden} months");
        assert!(
            maanden < 0 || verwacht.applicaties_winnen == 0,
            "later never gains"
        );
    }
}

#[test]
fn a_landschapsdeel_kept_across_a_routekaart_edit_gives_the_part_made_anew() {
    let componenten = catalogus();
    let mut landschappen = landschappen();
    // An unused applicatie and a second zaaksysteem, so the drop rule drops something.
    let mut ongebruikt = zaaksysteem_x();
    ongebruikt.id = crate::ApplicatieId::parse("oud").expect("id");
    ongebruikt.gemeente = gm("GM0002");
    ongebruikt.in_gebruik = false;
    landschappen[1].1.push(ongebruikt);
    let delen: Vec<Landschapsdeel> = landschappen
        .iter()
        .map(|(_, a)| Landschapsdeel::van(a))
        .collect();
    for routekaart in [
        gepubliceerd(),
        kaart("2026-03-31", ("2026-04-01", "2027-06-30")),
    ] {
        let context = Overstapcontext::new(d(P), &componenten, &routekaart);
        let mut telling_kept = Landelijketelling::new(d(P));
        let mut telling_nieuw = Landelijketelling::new(d(P));
        let mut kept = Vec::new();
        let mut nieuw = Vec::new();
        for ((g, a), deel) in landschappen.iter().zip(&delen) {
            kept.push(Gemeentebijdrage::met(&context, g, a, deel));
            nieuw.push(Gemeentebijdrage::van(&context, g, a));
        }
        for (k, n) in kept.iter().zip(&nieuw) {
            telling_kept.voeg_toe(&context, k);
            telling_nieuw.voeg_toe(&context, n);
        }
        let beeld = telling_nieuw.beeld(1, |_| true);
        assert_eq!(beeld.ongebruikt.applicaties, 1);
        assert_eq!(telling_kept.beeld(1, |_| true), beeld);
        assert_eq!(
            Vensterbasis::uit(&context, &kept),
            Vensterbasis::uit(&context, &nieuw)
        );
    }
    // A part of another landscape is not taken for this one.
    let routekaart = gepubliceerd();
    let context = Overstapcontext::new(d(P), &componenten, &routekaart);
    let (g, a) = &landschappen[1];
    let mut telling = Landelijketelling::new(d(P));
    telling.voeg_toe(&context, &Gemeentebijdrage::met(&context, g, a, &delen[0]));
    assert_eq!(telling.beeld(1, |_| true).ongebruikt.applicaties, 1);
}
