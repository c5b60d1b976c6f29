//! The overstapplan per applicatie as a work list: by default the applicaties that ask for
//! action (a switch or a bridge), soonest notice deadline first; filters on uitkomst,
//! component, leverancier and laag, a text search, sorting on every column and the full
//! list one choice away, 50 rows a page so a landscape of thousands stays quick. The
//! exit-point timeline follows the same selection.

use std::cmp::Ordering;
use std::collections::HashSet;

use chrono::NaiveDate;
use domain::plan::{Jaarbedrag, besparing_van};
use domain::scenario::Basis;
use domain::{Applicatie, ApplicatieId, Laag, Overstap, Overstapplan, Uitkomst};
use leptos::prelude::*;

use super::Planregel;
use crate::components::besparingsgrafiek::Geldgrafiek;
use crate::components::tabel::{self, Bladeren, Kolomkoppen, Schuifvlak};
use crate::components::uitstaptijdlijn::Uitstaptijdlijn;
use crate::components::vast::vast;
use crate::formaat::{self, bedrag};

/// Rows per page.
pub const PER_PAGINA: usize = 50;

/// One applicatie of the plan with what the filters look at.
#[derive(Debug, Clone, PartialEq)]
pub struct Planrij {
    /// Its outcome.
    pub overstap: Overstap,
    /// The applicatie itself.
    pub applicatie: Applicatie,
    /// The component it switches to, by name ("—" for none).
    pub component: String,
    /// That component's laag.
    pub laag: Option<Laag>,
}

/// The columns, in the table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kolom {
    Naam,
    Uitkomst,
    Component,
    Gereed,
    Moment,
    Opzeggen,
    Wachttijd,
    Kosten,
}

impl Kolom {
    const ALLE: [(Self, &'static str); 8] = [
        (Self::Naam, "Applicatie"),
        (Self::Uitkomst, "Uitkomst"),
        (Self::Component, "Component"),
        (Self::Gereed, "Gereed"),
        (Self::Moment, "Overstapmoment"),
        (Self::Opzeggen, "Opzeggen vóór"),
        (Self::Wachttijd, "Wachttijd (dagen)"),
        (Self::Kosten, "Frictie- of overbruggingskosten"),
    ];
}

/// What the reader chose to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keuze {
    /// Every applicatie, not only those asking for action.
    pub alles: bool,
    /// One uitkomst (its code), or all.
    pub uitkomst: String,
    /// One component by name, or all.
    pub component: String,
    /// One leverancier, or all.
    pub leverancier: String,
    /// One laag (its code), or all.
    pub laag: String,
    /// Part of the applicatie's name, any case.
    pub zoek: String,
    /// Sorted on, and whether ascending.
    pub sortering: (Kolom, bool),
}

impl Default for Keuze {
    fn default() -> Self {
        Self {
            alles: false,
            uitkomst: String::new(),
            component: String::new(),
            leverancier: String::new(),
            laag: String::new(),
            zoek: String::new(),
            sortering: (Kolom::Opzeggen, true),
        }
    }
}

/// An uitkomst's code for the filter.
fn uitkomstcode(uitkomst: &Uitkomst) -> &'static str {
    match uitkomst {
        Uitkomst::GeenComponent => "geen-component",
        Uitkomst::Overstap { .. } => "overstap",
        Uitkomst::Overbrugging { .. } => "overbrugging",
        Uitkomst::GeenMoment { .. } => "geen-moment",
    }
}

/// Whether the applicatie asks for action: a switch to plan or a gap to bridge.
fn vraagt_actie(uitkomst: &Uitkomst) -> bool {
    matches!(
        uitkomst,
        Uitkomst::Overstap { .. } | Uitkomst::Overbrugging { .. }
    )
}

/// The day a row is due: its notice deadline, else its overstapmoment or the day its
/// contract stops.
fn deadline(uitkomst: &Uitkomst) -> Option<NaiveDate> {
    match uitkomst {
        Uitkomst::Overstap {
            opzeggen_voor,
            overstapmoment,
            ..
        } => opzeggen_voor.or(Some(*overstapmoment)),
        Uitkomst::Overbrugging {
            definitief_einde, ..
        } => Some(*definitief_einde),
        Uitkomst::GeenComponent | Uitkomst::GeenMoment { .. } => None,
    }
}

/// Compares two optional values with the absent ones last, whatever the direction.
fn laatst_leeg<T: Ord>(a: Option<T>, b: Option<T>, oplopend: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if oplopend => a.cmp(&b),
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn sleutel(rij: &Planrij, kolom: Kolom) -> (Option<NaiveDate>, Option<i64>) {
    let u = &rij.overstap.uitkomst;
    match (kolom, u) {
        (
            Kolom::Gereed,
            Uitkomst::Overstap { gereed, .. }
            | Uitkomst::Overbrugging { gereed, .. }
            | Uitkomst::GeenMoment { gereed, .. },
        ) => (Some(*gereed), None),
        (Kolom::Moment, Uitkomst::Overstap { overstapmoment, .. }) => (Some(*overstapmoment), None),
        (
            Kolom::Moment,
            Uitkomst::Overbrugging {
                definitief_einde, ..
            },
        ) => (Some(*definitief_einde), None),
        (Kolom::Opzeggen, _) => (deadline(u), None),
        (
            Kolom::Wachttijd,
            Uitkomst::Overstap {
                wachttijd_dagen, ..
            },
        ) => (None, Some(*wachttijd_dagen)),
        (
            Kolom::Wachttijd,
            Uitkomst::Overbrugging {
                overbrugging_dagen, ..
            },
        ) => (None, Some(*overbrugging_dagen)),
        (Kolom::Kosten, Uitkomst::Overstap { frictiekosten, .. }) => (None, Some(*frictiekosten)),
        (
            Kolom::Kosten,
            Uitkomst::Overbrugging {
                overbruggingskosten,
                ..
            },
        ) => (None, Some(*overbruggingskosten)),
        _ => (None, None),
    }
}

/// The rows `keuze` selects, in its order (ties by name).
pub fn kies<'a>(rijen: &'a [Planrij], keuze: &Keuze) -> Vec<&'a Planrij> {
    let zoek = keuze.zoek.trim().to_lowercase();
    let mut gekozen: Vec<&Planrij> = rijen
        .iter()
        .filter(|r| keuze.alles || vraagt_actie(&r.overstap.uitkomst))
        .filter(|r| {
            keuze.uitkomst.is_empty() || uitkomstcode(&r.overstap.uitkomst) == keuze.uitkomst
        })
        .filter(|r| keuze.component.is_empty() || r.component == keuze.component)
        .filter(|r| keuze.leverancier.is_empty() || r.applicatie.leverancier == keuze.leverancier)
        .filter(|r| keuze.laag.is_empty() || r.laag.map(Laag::code) == Some(keuze.laag.as_str()))
        .filter(|r| zoek.is_empty() || r.overstap.naam.to_lowercase().contains(&zoek))
        .collect();
    let (kolom, oplopend) = keuze.sortering;
    let richting = |o: Ordering| if oplopend { o } else { o.reverse() };
    gekozen.sort_by(|a, b| {
        let orde = match kolom {
            Kolom::Naam => richting(
                a.overstap
                    .naam
                    .to_lowercase()
                    .cmp(&b.overstap.naam.to_lowercase()),
            ),
            Kolom::Uitkomst => {
                richting(uitkomstcode(&a.overstap.uitkomst).cmp(uitkomstcode(&b.overstap.uitkomst)))
            }
            Kolom::Component => {
                richting(a.component.to_lowercase().cmp(&b.component.to_lowercase()))
            }
            _ => {
                let (da, ga) = sleutel(a, kolom);
                let (db, gb) = sleutel(b, kolom);
                laatst_leeg(da, db, oplopend).then(laatst_leeg(ga, gb, oplopend))
            }
        };
        orde.then_with(|| a.overstap.naam.cmp(&b.overstap.naam))
    });
    gekozen
}

/// The rows of `plan` with what the filters look at.
pub fn rijen(plan: &Overstapplan, basis: &Basis) -> Vec<Planrij> {
    plan.applicaties
        .iter()
        .zip(&basis.applicaties)
        .map(|(overstap, applicatie)| {
            let component = overstap
                .uitkomst
                .component()
                .and_then(|id| basis.componenten.iter().find(|k| &k.id == id));
            Planrij {
                overstap: overstap.clone(),
                applicatie: applicatie.clone(),
                component: component.map_or_else(|| "—".to_owned(), |k| k.naam.clone()),
                laag: component.map(|k| k.laag),
            }
        })
        .collect()
}

/// The filterable, sortable, paged table and the timeline of the same selection.
#[component]
pub fn Werklijst(rijen: Vec<Planrij>, plan: Overstapplan, basis: Basis) -> impl IntoView {
    let peildatum = plan.peildatum;
    let plan = StoredValue::new(plan);
    let basis = StoredValue::new(basis);
    let keuze = RwSignal::new(Keuze::default());
    let pagina = RwSignal::new(0_usize);
    let opties = |waarden: Vec<String>| {
        let mut waarden = waarden;
        waarden.retain(|w| !w.is_empty() && w != "—");
        waarden.sort();
        waarden.dedup();
        waarden
            .into_iter()
            .map(|w| view! { <option value=w.clone()>{w.clone()}</option> })
            .collect_view()
    };
    let componenten = opties(rijen.iter().map(|r| r.component.clone()).collect());
    let leveranciers = opties(
        rijen
            .iter()
            .map(|r| r.applicatie.leverancier.clone())
            .collect(),
    );
    let totaal = rijen.len();
    let rijen = StoredValue::new(rijen);
    let gekozen = Memo::new(move |_| {
        keuze.with(|k| rijen.with_value(|r| kies(r, k).into_iter().cloned().collect::<Vec<_>>()))
    });
    let paginas = move || gekozen.with(|g| tabel::aantal_paginas(g.len(), PER_PAGINA));
    let zet = move |wijzig: fn(&mut Keuze, String)| {
        move |ev: leptos::ev::Event| {
            let waarde = event_target_value(&ev);
            keuze.update(|k| wijzig(k, waarde));
            pagina.set(0);
        }
    };
    let koppen = Kolom::ALLE
        .into_iter()
        .map(|(kolom, label)| {
            let sortering = move || {
                keuze.with(|k| match k.sortering {
                    (s, true) if s == kolom => "ascending",
                    (s, false) if s == kolom => "descending",
                    _ => "none",
                })
            };
            let sorteer = move |_| {
                keuze.update(|k| {
                    k.sortering = match k.sortering {
                        (s, oplopend) if s == kolom => (kolom, !oplopend),
                        _ => (kolom, true),
                    };
                });
                pagina.set(0);
            };
            view! {
                <th class="utrecht-table__header-cell" scope="col" aria-sort=sortering>
                    <button type="button" class="gp-sorteer" on:click=sorteer>{label}</button>
                </th>
            }
        })
        .collect_view();
    let regels = move || {
        let begin = pagina.get() * PER_PAGINA;
        gekozen.with(|g| {
            g.iter()
                .skip(begin)
                .take(PER_PAGINA)
                .map(|r| Planregel::van(&r.overstap, r.component.clone()).view())
                .collect_view()
        })
    };
    let tijdlijn = move || {
        let begin = pagina.get() * PER_PAGINA;
        let (applicaties, overstappen): (Vec<Applicatie>, Vec<Overstap>) = gekozen.with(|g| {
            g.iter()
                .skip(begin)
                .take(PER_PAGINA)
                .map(|r| (r.applicatie.clone(), r.overstap.clone()))
                .unzip()
        });
        view! { <Uitstaptijdlijn peildatum applicaties overstappen /> }
    };
    let besparing = move || {
        let ids: HashSet<ApplicatieId> =
            gekozen.with(|g| g.iter().map(|r| r.applicatie.id.clone()).collect());
        let jaren = plan.with_value(|p| {
            basis.with_value(|b| {
                besparing_van(p, &b.applicaties, &b.componenten, |id| ids.contains(id))
            })
        });
        view! { <Selectiebesparing jaren aantal=ids.len() /> }
    };
    view! {
        <form class="gp-filters" role="search" aria-label="Overstapplan filteren" on:submit=|ev| ev.prevent_default()>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="plan-weergave">"Toon"</label>
                <select class="utrecht-select" id="plan-weergave" on:change=zet(|k, w| k.alles = w == "alles")>
                    <option value="actie">"Wat actie vraagt"</option>
                    <option value="alles">{format!("Alle {totaal} applicaties")}</option>
                </select>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="plan-uitkomst">"Uitkomst"</label>
                <select class="utrecht-select" id="plan-uitkomst" on:change=zet(|k, w| k.uitkomst = w)>
                    <option value="">"Alle"</option>
                    <option value="overstap">"Overstap"</option>
                    <option value="overbrugging">"Overbrugging nodig"</option>
                    <option value="geen-moment">"Geen moment binnen 15 jaar"</option>
                    <option value="geen-component">"Geen component"</option>
                </select>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="plan-component">"Component"</label>
                <select class="utrecht-select" id="plan-component" on:change=zet(|k, w| k.component = w)>
                    <option value="">"Alle"</option>
                    {componenten}
                </select>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="plan-leverancier">"Leverancier"</label>
                <select class="utrecht-select" id="plan-leverancier" on:change=zet(|k, w| k.leverancier = w)>
                    <option value="">"Alle"</option>
                    {leveranciers}
                </select>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="plan-laag">"Laag"</label>
                <select class="utrecht-select" id="plan-laag" on:change=zet(|k, w| k.laag = w)>
                    <option value="">"Alle"</option>
                    {Laag::ALLE.into_iter().map(|l| view! { <option value=l.code()>{l.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="plan-zoek">"Zoek op naam"</label>
                <input class="utrecht-textbox" id="plan-zoek" type="search" on:input=zet(|k, w| k.zoek = w) />
            </div>
        </form>
        <p class="utrecht-paragraph" id="plan-aantal" aria-live="polite">
            {move || {
                let n = gekozen.with(Vec::len);
                let wat = if keuze.with(|k| k.alles) { "applicaties" } else { "applicaties vragen actie" };
                format!("{n} van {totaal} {wat}; pagina {} van {}.", pagina.get() + 1, paginas())
            }}
        </p>
        <Schuifvlak label="Overstapplan per applicatie">
            <table class="utrecht-table utrecht-table--html-table" id="overstapplan">
                <caption class="utrecht-table__caption">"Uitkomst, overstapmoment en opzegdatum per applicatie"</caption>
                <thead class="utrecht-table__header"><tr class="utrecht-table__row">{koppen}</tr></thead>
                <tbody class="utrecht-table__body">{regels}</tbody>
            </table>
        </Schuifvlak>
        <Bladeren pagina paginas=Signal::derive(paginas) label="Pagina's van het overstapplan" />
        <h2 class="utrecht-heading-2">"Uitstappunten en gereedheid"</h2>
        <p class="utrecht-paragraph">"Voor de applicaties hierboven."</p>
        {tijdlijn}
        <h2 class="utrecht-heading-2">"Besparing van deze applicaties"</h2>
        {besparing}
    }
}

/// What the chosen applicaties save per year, as a chart with its table folded away.
#[component]
fn Selectiebesparing(jaren: Vec<Jaarbedrag>, aantal: usize) -> impl IntoView {
    let totaal: i64 = jaren.iter().map(|j| j.euro).sum();
    let rijen = jaren
        .iter()
        .filter(|j| j.euro != 0)
        .map(|j| {
            view! {
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">{j.jaar}</th>
                    <td class="utrecht-table__cell gp-getal">{bedrag(j.euro)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="utrecht-paragraph" id="selectie-besparing-samenvatting">
            {format!(
                "De {} gekozen applicaties besparen samen {} tot de horizon. Bijdragen en netto voor de hele gemeente staan onder \u{201c}Besparing per jaar\u{201d}.",
                formaat::aantal(aantal),
                bedrag(totaal)
            )}
        </p>
        <Geldgrafiek id="selectie-besparing" besparing=jaren.clone() bijdragen=Vec::new() />
        {vast(move || view! {
        <details class="gp-als-tabel">
            <summary>"De cijfers van deze grafiek"</summary>
            <Schuifvlak label="Besparing van de gekozen applicaties">
                <table class="utrecht-table utrecht-table--html-table" id="selectie-besparing-tabel">
                    <caption class="utrecht-table__caption">"Besparing van de gekozen applicaties per jaar"</caption>
                    <Kolomkoppen koppen=&["Jaar", "Besparing"] />
                    <tbody class="utrecht-table__body">{rijen}</tbody>
                </table>
            </Schuifvlak>
        </details>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{ApplicatieId, ComponentId, Contract, GemeenteCode};

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn rij(naam: &str, leverancier: &str, uitkomst: Uitkomst) -> Planrij {
        let id = ApplicatieId::parse(&naam.to_lowercase().replace(' ', "-")).expect("id");
        Planrij {
            overstap: Overstap {
                applicatie: id.clone(),
                naam: naam.into(),
                uitkomst,
            },
            applicatie: Applicatie {
                id,
                gemeente: GemeenteCode::parse("GM0344").expect("code"),
                naam: naam.into(),
                leverancier: leverancier.into(),
                referentiecomponenten: Vec::new(),
                contract: Contract::new(None, d("2027-12-31"), 3, 12, None, 1000)
                    .expect("contract"),
                in_gebruik: true,
                gebruikers: None,
            },
            component: "Open Zaak".into(),
            laag: Some(Laag::Services),
        }
    }

    fn overstap(opzeggen: &str) -> Uitkomst {
        Uitkomst::Overstap {
            component: ComponentId::parse("open-zaak").expect("id"),
            gereed: d("2025-10-01"),
            overstapmoment: d("2025-12-31"),
            opzeggen_voor: Some(d(opzeggen)),
            wachttijd_dagen: 91,
            frictiekosten: 29_918,
            urgent: false,
        }
    }

    fn namen(rijen: &[&Planrij]) -> Vec<String> {
        rijen.iter().map(|r| r.overstap.naam.clone()).collect()
    }

    #[test]
    fn by_default_only_what_asks_action_soonest_deadline_first() {
        let rijen = [
            rij("Later", "A", overstap("2025-09-30")),
            rij("Niets", "A", Uitkomst::GeenComponent),
            rij("Eerst", "B", overstap("2025-06-30")),
        ];
        assert_eq!(namen(&kies(&rijen, &Keuze::default())), ["Eerst", "Later"]);
        let alles = Keuze {
            alles: true,
            ..Keuze::default()
        };
        assert_eq!(
            namen(&kies(&rijen, &alles)),
            ["Eerst", "Later", "Niets"],
            "no deadline last"
        );
    }

    #[test]
    fn filters_search_and_sorting_narrow_and_order_the_list() {
        let rijen = [
            rij("Zaaksysteem X", "Leverancier A", overstap("2025-09-30")),
            rij("Zaaksysteem Y", "Leverancier B", overstap("2025-06-30")),
            rij("Archief", "Leverancier B", overstap("2025-07-31")),
        ];
        let keuze = Keuze {
            leverancier: "Leverancier B".into(),
            ..Keuze::default()
        };
        assert_eq!(namen(&kies(&rijen, &keuze)), ["Zaaksysteem Y", "Archief"]);
        let keuze = Keuze {
            zoek: "zaaksysteem".into(),
            sortering: (Kolom::Naam, false),
            ..Keuze::default()
        };
        assert_eq!(
            namen(&kies(&rijen, &keuze)),
            ["Zaaksysteem Y", "Zaaksysteem X"]
        );
        let keuze = Keuze {
            laag: "data".into(),
            ..Keuze::default()
        };
        assert!(kies(&rijen, &keuze).is_empty());
        let keuze = Keuze {
            uitkomst: "overstap".into(),
            sortering: (Kolom::Opzeggen, false),
            ..Keuze::default()
        };
        assert_eq!(
            namen(&kies(&rijen, &keuze)),
            ["Zaaksysteem X", "Archief", "Zaaksysteem Y"]
        );
    }
}
