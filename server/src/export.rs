//! Exports for other tools: iCalendar feeds (the Routekaart's besluiten; a gemeente's
//! opzeg-deadlines, overstapmomenten and drop dates), the overstapplan as rows, and rows
//! as an XLSX workbook. Pure: data in, text or bytes out.

pub mod archimate;

use chrono::NaiveDate;
use domain::afschaffen::Afschaffing;
use domain::{Component as CgComponent, Opgave, Overstapplan, Uitkomst};
use icalendar::{Calendar, Component, Event, EventLike};

/// Every besluit of the Routekaart as an all-day event.
pub fn besluiten_ics(opgaven: &[Opgave]) -> String {
    let mut agenda = Calendar::new();
    agenda
        .name("Besluitmomenten Routekaart Common Ground")
        .description("Besluiten van de Routekaart (Grondplan); illustratieve datums");
    for o in opgaven {
        for b in &o.besluiten {
            agenda.push(op_dag(
                Event::new()
                    .uid(&format!("besluit-{}@grondplan", b.id))
                    .summary(&format!("Besluit: {}", b.onderwerp))
                    .description(&format!("{} — opgave {}", b.orgaan.label(), o.naam)),
                b.datum,
            ));
        }
    }
    agenda.done().to_string()
}

/// A gemeente's deadlines from its overstapplan: when to give notice, when to switch,
/// when an unused or redundant applicatie can go.
pub fn agenda_ics(plan: &Overstapplan, componenten: &[CgComponent]) -> String {
    let naam = |id: &domain::ComponentId| {
        componenten
            .iter()
            .find(|k| &k.id == id)
            .map_or_else(|| id.to_string(), |k| k.naam.clone())
    };
    let mut agenda = Calendar::new();
    agenda
        .name(&format!("Overstapagenda {}", plan.gemeente))
        .description("Opzegdatums en overstapmomenten uit het overstapplan (Grondplan)");
    for o in &plan.applicaties {
        if let Uitkomst::Overstap {
            component,
            overstapmoment,
            opzeggen_voor,
            frictiekosten,
            ..
        } = &o.uitkomst
        {
            if let Some(voor) = opzeggen_voor {
                agenda.push(op_dag(
    Event::new()
                        .uid(&format!("opzeggen-{}-{}@grondplan", plan.gemeente, o.applicatie))
                        .summary(&format!("Opzeggen vóór vandaag: {}", o.naam))
                        .description(&format!(
                            "Laatste dag om {} op te zeggen voor een overstap naar {} op {overstapmoment}.",
                            o.naam,
                            naam(component)
                        )),
    *voor,
));
            }
            agenda.push(op_dag(
    Event::new()
                    .uid(&format!("overstap-{}-{}@grondplan", plan.gemeente, o.applicatie))
                    .summary(&format!("Overstapmoment: {} → {}", o.naam, naam(component)))
                    .description(&format!(
                        "Het contract eindigt; overstappen kost hier geen frictie (eerder: € {frictiekosten})."
                    )),
    *overstapmoment,
));
        }
    }
    for a in plan.ongebruikt.iter().chain(&plan.overbodig) {
        if let Some(datum) = a.afschafdatum {
            agenda.push(op_dag(
                Event::new()
                    .uid(&format!(
                        "afschaffen-{}-{}@grondplan",
                        plan.gemeente, a.applicatie
                    ))
                    .summary(&format!("Kan weg: {}", a.naam))
                    .description(&afschafreden(a)),
                datum,
            ));
        }
    }
    agenda.done().to_string()
}

/// An all-day event on `datum`. DTEND of a date is exclusive (RFC 5545 §3.6.1), so it is
/// the next day; without that some calendars show nothing or a zero-length event.
fn op_dag(event: &mut Event, datum: NaiveDate) -> Event {
    event
        .all_day(datum)
        .ends(datum.succ_opt().unwrap_or(datum))
        .done()
}

fn afschafreden(a: &Afschaffing) -> String {
    let reden = match a.reden {
        domain::afschaffen::Reden::Ongebruikt => "niet in gebruik",
        domain::afschaffen::Reden::Overbodig => "andere applicaties vervullen al haar functies",
    };
    format!(
        "{} is {reden}; bespaart € {} per jaar.",
        a.naam, a.jaarlijkse_kosten
    )
}

/// The columns of the overstapplan CSV.
pub const PLANKOLOMMEN: [&str; 12] = [
    "applicatie",
    "naam",
    "uitkomst",
    "component",
    "gereed",
    "overstapmoment",
    "opzeggenVoor",
    "wachttijdDagen",
    "frictiekosten",
    "overbruggingDagen",
    "overbruggingskosten",
    "urgent",
];

/// The column after [`PLANKOLOMMEN`]: the component to switch to, by name.
pub const COMPONENTNAAM: &str = "componentnaam";

/// The overstapplan per applicatie as rows of text (header first), with the names of the
/// API's JSON and, last, the component by name (`naam_van` gives a component's name).
pub fn plan_rijen<'a>(
    plan: &Overstapplan,
    naam_van: impl Fn(&str) -> Option<&'a str>,
) -> Vec<Vec<String>> {
    let kop = PLANKOLOMMEN.iter().copied().chain([COMPONENTNAAM]);
    let mut rijen = vec![kop.map(str::to_owned).collect::<Vec<_>>()];
    for o in &plan.applicaties {
        let mut rij = vec![o.applicatie.to_string(), o.naam.clone()];
        let leeg = String::new;
        let (
            uitkomst,
            component,
            gereed,
            moment,
            opzeggen,
            wacht,
            frictie,
            brug,
            brugkosten,
            urgent,
        ) = match &o.uitkomst {
            Uitkomst::GeenComponent => (
                "geen_component",
                leeg(),
                leeg(),
                leeg(),
                leeg(),
                leeg(),
                leeg(),
                leeg(),
                leeg(),
                leeg(),
            ),
            Uitkomst::Overstap {
                component,
                gereed,
                overstapmoment,
                opzeggen_voor,
                wachttijd_dagen,
                frictiekosten,
                urgent,
            } => (
                "overstap",
                component.to_string(),
                gereed.to_string(),
                overstapmoment.to_string(),
                opzeggen_voor.map(|d| d.to_string()).unwrap_or_default(),
                wachttijd_dagen.to_string(),
                frictiekosten.to_string(),
                leeg(),
                leeg(),
                if *urgent { "ja" } else { "nee" }.to_owned(),
            ),
            Uitkomst::Overbrugging {
                component,
                gereed,
                overbrugging_dagen,
                overbruggingskosten,
                ..
            } => (
                "overbrugging",
                component.to_string(),
                gereed.to_string(),
                leeg(),
                leeg(),
                leeg(),
                leeg(),
                overbrugging_dagen.to_string(),
                overbruggingskosten.to_string(),
                leeg(),
            ),
            Uitkomst::GeenMoment { component, gereed } => (
                "geen_moment",
                component.to_string(),
                gereed.to_string(),
                leeg(),
                leeg(),
                leeg(),
                leeg(),
                leeg(),
                leeg(),
                leeg(),
            ),
        };
        rij.extend([
            uitkomst.to_owned(),
            component,
            gereed,
            moment,
            opzeggen,
            wacht,
            frictie,
            brug,
            brugkosten,
            urgent,
        ]);
        let naam = o
            .uitkomst
            .component()
            .and_then(|c| naam_van(c.as_str()))
            .unwrap_or_default()
            .to_owned();
        rij.push(naam);
        rijen.push(rij);
    }
    rijen
}

/// Rows as an XLSX workbook: one sheet named `blad`, the header bold and frozen, every
/// cell text (a spreadsheet shows it as it is and runs nothing in it).
///
/// # Errors
/// When the workbook cannot be written (a cell past the format's limits).
pub fn werkboek(blad: &str, rijen: &[Vec<String>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut werkmap = rust_xlsxwriter::Workbook::new();
    let vet = rust_xlsxwriter::Format::new().set_bold();
    let werkblad = werkmap.add_worksheet();
    werkblad.set_name(blad)?;
    for (r, rij) in rijen.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        for (k, cel) in rij.iter().enumerate() {
            let k = u16::try_from(k).unwrap_or(u16::MAX);
            if r == 0 {
                werkblad.write_string_with_format(r, k, cel, &vet)?;
            } else {
                werkblad.write_string(r, k, cel)?;
            }
        }
    }
    werkblad.set_freeze_panes(1, 0)?;
    werkmap.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Outlook and other calendar clients rely on (RFC 5545 §3.1, §3.6.1, §3.8.7.2):
    /// CRLF line ends, lines folded at 75 octets, balanced components, and per event a
    /// UID, a DTSTAMP and a DTSTART, with DTEND after DTSTART for an all-day event.
    fn controleer_rfc5545(ics: &str) {
        assert!(ics.ends_with("\r\n"));
        for regel in ics.split("\r\n").filter(|r| !r.is_empty()) {
            assert!(!regel.contains('\n'), "a bare LF in {regel:?}");
            assert!(
                regel.len() <= 75,
                "an unfolded line of {} octets: {regel:?}",
                regel.len()
            );
        }
        assert!(ics.contains("VERSION:2.0\r\n") && ics.contains("PRODID:"));
        assert_eq!(
            ics.matches("BEGIN:VEVENT").count(),
            ics.matches("END:VEVENT").count()
        );
        for gebeurtenis in ics.split("BEGIN:VEVENT").skip(1) {
            for eigenschap in [
                "UID:",
                "DTSTAMP:",
                "DTSTART;VALUE=DATE:",
                "DTEND;VALUE=DATE:",
            ] {
                assert!(
                    gebeurtenis.contains(eigenschap),
                    "{eigenschap} missing in {gebeurtenis}"
                );
            }
            let datum = |sleutel: &str| {
                gebeurtenis
                    .split("\r\n")
                    .find_map(|r| r.strip_prefix(sleutel))
                    .expect("present")
                    .to_owned()
            };
            assert!(datum("DTEND;VALUE=DATE:") > datum("DTSTART;VALUE=DATE:"));
        }
    }

    #[test]
    fn the_feeds_are_what_calendar_clients_expect() {
        controleer_rfc5545(&besluiten_ics(&crate::demo::routekaart()));
    }

    #[test]
    fn the_demo_besluiten_are_all_day_events_with_stable_uids() {
        let ics = besluiten_ics(&crate::demo::routekaart());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.contains("X-WR-CALNAME:Besluitmomenten Routekaart Common Ground"));
        let aantal: usize = crate::demo::routekaart()
            .iter()
            .map(|o| o.besluiten.len())
            .sum();
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), aantal);
        assert!(ics.contains("DTSTART;VALUE=DATE:"));
        assert!(ics.contains("UID:besluit-"));
        assert!(ics.trim_end().ends_with("END:VCALENDAR"));
    }
}
