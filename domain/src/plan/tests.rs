use super::*;
use crate::catalogus::Component;
use crate::routekaart::Bijdrage;
use crate::testdata::*;

fn jaar(lijst: &[Jaarbedrag], j: i32) -> i64 {
    lijst.iter().find(|b| b.jaar == j).map_or(0, |b| b.euro)
}

fn plan(
    peildatum: &str,
    componenten: &[Component],
    opgaven: &[Opgave],
    apps: &[Applicatie],
    cap: Option<Capaciteit>,
) -> Overstapplan {
    let ctx = Overstapcontext::new(d(peildatum), componenten, opgaven);
    overstapplan(&ctx, &gm("GM0344"), apps, cap)
}

#[test]
fn the_years_run_from_the_peildatum_to_the_horizon() {
    let p = plan("2025-01-01", &[], &[], &[], None);
    assert_eq!(p.besparing_per_jaar.first().map(|b| b.jaar), Some(2025));
    assert_eq!(p.besparing_per_jaar.last().map(|b| b.jaar), Some(2040));
    assert_eq!(
        p.terugverdienjaar,
        Some(2025),
        "nothing spent: even from the start"
    );
}

#[test]
fn a_dropped_applicatie_saves_its_fees_from_its_exit_point_across_the_year_boundary() {
    let mut uit = applicatie("uit", &["x"], contract("2025-06-30", 0, 0, None, 365_000));
    uit.in_gebruik = false;
    let p = plan("2025-01-01", &[], &[], &[uit], None);
    assert_eq!(p.ongebruikt.len(), 1);
    // From 2025-06-30 on: 185 days of 2025, then whole years.
    assert_eq!(jaar(&p.besparing_per_jaar, 2025), 185_000);
    assert_eq!(jaar(&p.besparing_per_jaar, 2026), 365_000);
    assert_eq!(
        jaar(&p.besparing_per_jaar, 2028),
        366_000,
        "a leap year has 366 days at 1/365 each"
    );
}

#[test]
fn an_overstap_saves_the_old_fees_minus_the_component_fees_from_the_overstapmoment() {
    let mut k = open_zaak();
    k.jaarlijkse_kosten = 36_500;
    let mut app = zaaksysteem_x();
    app.contract = contract("2025-12-31", 6, 12, None, 365_000);
    let p = plan("2025-01-01", &[k], &[], &[app], None);
    assert_eq!(jaar(&p.besparing_per_jaar, 2025), 1_000 - 100);
    assert_eq!(jaar(&p.besparing_per_jaar, 2026), 365_000 - 36_500);
}

#[test]
fn a_dropped_applicatie_that_could_also_switch_saves_once() {
    let mut app = zaaksysteem_x();
    app.contract = contract("2025-12-31", 6, 12, None, 365_000);
    app.in_gebruik = false;
    let p = plan("2025-01-01", &[open_zaak()], &[], &[app], None);
    assert_eq!(jaar(&p.besparing_per_jaar, 2026), 365_000);
    assert!(
        p.belasting_per_kwartaal.is_empty(),
        "no migration for a dropped applicatie"
    );
}

#[test]
fn the_besparing_of_a_selection_adds_up_to_the_whole_plan() {
    let mut k = open_zaak();
    k.jaarlijkse_kosten = 36_500;
    let mut overstapper = zaaksysteem_x();
    overstapper.contract = contract("2025-12-31", 6, 12, None, 365_000);
    let mut uit = applicatie("uit", &["x"], contract("2025-06-30", 0, 0, None, 365_000));
    uit.in_gebruik = false;
    let apps = [overstapper.clone(), uit.clone()];
    let componenten = [k];
    let p = plan("2025-01-01", &componenten, &[], &apps, None);
    let alles = besparing_van(&p, &apps, &componenten, |_| true);
    assert_eq!(alles, p.besparing_per_jaar, "all picked is the whole plan");
    let een = besparing_van(&p, &apps, &componenten, |id| id == &overstapper.id);
    let ander = besparing_van(&p, &apps, &componenten, |id| id == &uit.id);
    assert_eq!(jaar(&een, 2026), 365_000 - 36_500, "only the switch");
    assert_eq!(jaar(&ander, 2026), 365_000, "only the drop");
    for (totaal, (a, b)) in p.besparing_per_jaar.iter().zip(een.iter().zip(&ander)) {
        assert_eq!(totaal.euro, a.euro + b.euro, "{}", totaal.jaar);
    }
    let niets = besparing_van(&p, &apps, &componenten, |_| false);
    assert!(niets.iter().all(|j| j.euro == 0));
}

fn opgave_met_bijdrage(rol: Rol) -> Opgave {
    let mut o = opgave(
        "zgw",
        ("2025-07-01", "2026-06-30"),
        ("2026-07-01", "2027-06-30"),
    );
    o.bijdrage.coalitiepartner = Bijdrage {
        fte_per_kwartaal: 2.0,
        euro: 365_000,
    };
    o.bijdrage.eerste_gebruiker = Bijdrage {
        fte_per_kwartaal: 0.5,
        euro: 100_000,
    };
    met_deelnemer(o, "GM0344", rol)
}

#[test]
fn a_coalitiepartner_pays_over_the_ontwikkelfase_spread_by_days_without_losing_a_euro() {
    let p = plan(
        "2025-01-01",
        &[],
        &[opgave_met_bijdrage(Rol::Coalitiepartner)],
        &[],
        None,
    );
    assert_eq!(jaar(&p.bijdragen_per_jaar, 2025), 184_000);
    assert_eq!(jaar(&p.bijdragen_per_jaar, 2026), 181_000);
    let totaal: i64 = p.bijdragen_per_jaar.iter().map(|b| b.euro).sum();
    assert_eq!(totaal, 365_000);
    assert_eq!(jaar(&p.netto_per_jaar, 2025), -184_000);
}

#[test]
fn an_eerste_gebruiker_pays_over_the_opschalingsfase() {
    let p = plan(
        "2025-01-01",
        &[],
        &[opgave_met_bijdrage(Rol::EersteGebruiker)],
        &[],
        None,
    );
    assert_eq!(jaar(&p.bijdragen_per_jaar, 2025), 0);
    assert_eq!(
        jaar(&p.bijdragen_per_jaar, 2026) + jaar(&p.bijdragen_per_jaar, 2027),
        100_000
    );
    let q = p
        .belasting_per_kwartaal
        .iter()
        .find(|k| k.kwartaal.to_string() == "2026-Q3")
        .expect("quarter");
    assert!((q.fte - 0.5).abs() < 1e-9, "{}", q.fte);
}

#[test]
fn the_load_of_a_quarter_is_prorated_by_days() {
    let p = plan(
        "2025-01-01",
        &[],
        &[opgave_met_bijdrage(Rol::Coalitiepartner)],
        &[],
        None,
    );
    let q = |t: &str| {
        p.belasting_per_kwartaal
            .iter()
            .find(|k| k.kwartaal.to_string() == t)
            .map_or(0.0, |k| k.fte)
    };
    assert!(q("2025-Q2").abs() < 1e-9);
    assert!((q("2025-Q3") - 2.0).abs() < 1e-9);
    assert!((q("2026-Q2") - 2.0).abs() < 1e-9);
    assert_eq!(
        p.belasting_per_kwartaal
            .first()
            .map(|k| k.kwartaal.to_string()),
        Some("2025-Q1".into())
    );
    assert_eq!(
        p.belasting_per_kwartaal
            .last()
            .map(|k| k.kwartaal.to_string()),
        Some("2026-Q2".into())
    );
}

#[test]
fn a_migration_loads_the_months_before_the_overstapmoment() {
    let mut k = open_zaak();
    k.migratie_fte = 1.5;
    k.migratie_maanden = 3;
    // ready 2025-04-01, overstapmoment 2025-12-31: load from 2025-09-30 to 2025-12-31.
    let p = plan("2025-01-01", &[k], &[], &[zaaksysteem_x()], None);
    let q4 = p
        .belasting_per_kwartaal
        .iter()
        .find(|q| q.kwartaal.to_string() == "2025-Q4")
        .expect("Q4");
    assert!((q4.fte - 1.5 * 91.0 / 92.0).abs() < 1e-9, "{}", q4.fte);
    assert_eq!(
        q4.posten[0].oorzaak,
        Oorzaak::Migratie {
            applicatie: zaaksysteem_x().id
        }
    );
    let q3 = p
        .belasting_per_kwartaal
        .iter()
        .find(|q| q.kwartaal.to_string() == "2025-Q3")
        .expect("Q3");
    assert!(
        (q3.fte - 1.5 / 92.0).abs() < 1e-9,
        "one day in Q3: {}",
        q3.fte
    );
}

#[test]
fn an_overloaded_quarter_names_what_causes_it() {
    let mut k = open_zaak();
    k.migratie_fte = 1.0;
    k.migratie_maanden = 3;
    let cap = Capaciteit {
        fte_per_kwartaal: 2.5,
        budget_per_jaar: 1_000_000,
    };
    let p = plan(
        "2025-01-01",
        &[k],
        &[opgave_met_bijdrage(Rol::Coalitiepartner)],
        &[zaaksysteem_x()],
        Some(cap),
    );
    let kwartalen: Vec<String> = p
        .overbelast
        .kwartalen
        .iter()
        .map(|q| q.kwartaal.to_string())
        .collect();
    assert_eq!(kwartalen, ["2025-Q4"]);
    let q = &p.overbelast.kwartalen[0];
    assert_eq!(q.capaciteit, 2.5);
    assert_eq!(q.posten.len(), 2);
    assert!(matches!(
        q.posten[0].oorzaak,
        Oorzaak::Bijdrage {
            rol: Rol::Coalitiepartner,
            ..
        }
    ));
    assert!(matches!(q.posten[1].oorzaak, Oorzaak::Migratie { .. }));
    assert!(p.overbelast.jaren.is_empty());
}

#[test]
fn a_quarter_exactly_at_capacity_is_not_overloaded() {
    let cap = Capaciteit {
        fte_per_kwartaal: 2.0,
        budget_per_jaar: 1_000_000,
    };
    let p = plan(
        "2025-01-01",
        &[],
        &[opgave_met_bijdrage(Rol::Coalitiepartner)],
        &[],
        Some(cap),
    );
    assert!(p.overbelast.kwartalen.is_empty());
}

#[test]
fn a_year_over_budget_names_its_bijdragen() {
    let cap = Capaciteit {
        fte_per_kwartaal: 10.0,
        budget_per_jaar: 183_000,
    };
    let p = plan(
        "2025-01-01",
        &[],
        &[opgave_met_bijdrage(Rol::Coalitiepartner)],
        &[],
        Some(cap),
    );
    assert_eq!(p.overbelast.jaren.len(), 1);
    let jaar = &p.overbelast.jaren[0];
    assert_eq!(
        (jaar.jaar, jaar.euro, jaar.budget),
        (2025, 184_000, 183_000)
    );
    assert_eq!(
        jaar.posten[0].oorzaak,
        Oorzaak::Bijdrage {
            opgave: OpgaveId::parse("zgw").expect("id"),
            rol: Rol::Coalitiepartner
        }
    );
}

#[test]
fn without_a_capaciteit_nothing_is_called_overloaded() {
    let p = plan(
        "2025-01-01",
        &[],
        &[opgave_met_bijdrage(Rol::Coalitiepartner)],
        &[],
        None,
    );
    assert!(p.overbelast.kwartalen.is_empty() && p.overbelast.jaren.is_empty());
}

#[test]
fn the_terugverdienjaar_is_the_first_year_from_which_the_running_total_stays_non_negative() {
    let netto = |bedragen: &[i64]| -> Vec<Jaarbedrag> {
        bedragen
            .iter()
            .zip(2025..)
            .map(|(&euro, jaar)| Jaarbedrag { jaar, euro })
            .collect()
    };
    assert_eq!(terugverdienjaar(&netto(&[-100, 40, 60, 10])), Some(2027));
    assert_eq!(
        terugverdienjaar(&netto(&[10, -50, 100])),
        Some(2027),
        "dips below zero in 2026"
    );
    assert_eq!(terugverdienjaar(&netto(&[-100, 40, 50])), None);
    assert_eq!(terugverdienjaar(&netto(&[0, 0])), Some(2025));
}

#[test]
fn the_plan_pays_back_once_savings_exceed_the_bijdragen() {
    let mut app = zaaksysteem_x();
    app.contract = contract("2025-12-31", 6, 12, None, 200_000);
    let p = plan(
        "2025-01-01",
        &[open_zaak()],
        &[opgave_met_bijdrage(Rol::Coalitiepartner)],
        &[app],
        None,
    );
    // 2025: −184 000 + 548; 2026: +200 000 − 181 000 → running −164 452; 2027: +200 000.
    assert_eq!(p.terugverdienjaar, Some(2027));
}
