//! The lists of an opgave edited as rows of small tables: activiteiten (with their
//! dependencies), besluiten and deelnemers. A row is a text per cell; saving reads every
//! row back into the typed list and names the first cell that is not valid.

use domain::datum::lees_datum;
use domain::{
    Activiteit, ActiviteitId, Besluit, BesluitId, Deelnemer, FaseSoort, GemeenteCode, Opgave,
    Orgaan, Periode, Rol,
};
use leptos::prelude::*;

use crate::components::tabel::Schuifvlak;

/// How a column is edited.
#[derive(Clone, Copy)]
pub enum Soort {
    Tekst,
    Datum,
    /// One of these (code, label) pairs.
    Keuze(fn() -> Vec<(&'static str, &'static str)>),
    /// Several values, `;`-separated in the cell.
    Lijst,
}

/// A column: its key (in element ids), its label, how it is edited.
type Kolom = (&'static str, &'static str, Soort);

fn fasen() -> Vec<(&'static str, &'static str)> {
    FaseSoort::ALLE
        .iter()
        .map(|f| (f.code(), f.label()))
        .collect()
}

fn organen() -> Vec<(&'static str, &'static str)> {
    Orgaan::ALLE.iter().map(|o| (o.code(), o.label())).collect()
}

fn rollen() -> Vec<(&'static str, &'static str)> {
    Rol::ALLE.iter().map(|r| (r.code(), r.label())).collect()
}

/// One of the lists of an opgave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lijst {
    Activiteiten,
    Besluiten,
    Deelnemers,
}

/// The rows of one list: a number per row (its key) and a signal per cell.
pub type Rijen = RwSignal<Vec<(usize, Vec<RwSignal<String>>)>>;

impl Lijst {
    pub const ALLE: [Self; 3] = [Self::Activiteiten, Self::Besluiten, Self::Deelnemers];

    /// Its key in element ids: `lijst-besluiten`, `besluiten-datum-2`.
    fn sleutel(self) -> &'static str {
        match self {
            Self::Activiteiten => "activiteiten",
            Self::Besluiten => "besluiten",
            Self::Deelnemers => "deelnemers",
        }
    }

    fn kop(self) -> &'static str {
        match self {
            Self::Activiteiten => "Activiteiten",
            Self::Besluiten => "Besluiten",
            Self::Deelnemers => "Deelnemers",
        }
    }

    fn kolommen(self) -> &'static [Kolom] {
        match self {
            Self::Activiteiten => &[
                ("id", "Id", Soort::Tekst),
                ("naam", "Naam", Soort::Tekst),
                ("fase", "Fase", Soort::Keuze(fasen)),
                ("start", "Start", Soort::Datum),
                ("eind", "Eind", Soort::Datum),
                (
                    "afhankelijkVan",
                    "Na (ids, gescheiden door ;)",
                    Soort::Lijst,
                ),
            ],
            Self::Besluiten => &[
                ("id", "Id", Soort::Tekst),
                ("datum", "Datum", Soort::Datum),
                ("orgaan", "Orgaan", Soort::Keuze(organen)),
                ("onderwerp", "Onderwerp", Soort::Tekst),
            ],
            Self::Deelnemers => &[
                ("gemeente", "Gemeente (CBS-code)", Soort::Tekst),
                ("rol", "Rol", Soort::Keuze(rollen)),
            ],
        }
    }

    /// The cells of each row, as the opgave has them now.
    pub fn rijen(self, opgave: &Opgave) -> Rijen {
        let teksten: Vec<Vec<String>> = match self {
            Self::Activiteiten => opgave
                .activiteiten
                .iter()
                .map(|a| {
                    let na: Vec<&str> =
                        a.afhankelijk_van.iter().map(ActiviteitId::as_str).collect();
                    vec![
                        a.id.to_string(),
                        a.naam.clone(),
                        a.fase.code().to_owned(),
                        a.periode.start().to_string(),
                        a.periode.eind().to_string(),
                        na.join("; "),
                    ]
                })
                .collect(),
            Self::Besluiten => opgave
                .besluiten
                .iter()
                .map(|b| {
                    vec![
                        b.id.to_string(),
                        b.datum.to_string(),
                        b.orgaan.code().to_owned(),
                        b.onderwerp.clone(),
                    ]
                })
                .collect(),
            Self::Deelnemers => opgave
                .deelnemers
                .iter()
                .map(|d| vec![d.gemeente.to_string(), d.rol.code().to_owned()])
                .collect(),
        };
        RwSignal::new(
            teksten
                .into_iter()
                .enumerate()
                .map(|(i, cellen)| (i, cellen.into_iter().map(RwSignal::new).collect()))
                .collect(),
        )
    }

    /// Puts the rows into `opgave` as this list.
    ///
    /// # Errors
    /// The first cell that is not valid, by list, row and column.
    pub fn zet(self, opgave: &mut Opgave, rijen: Rijen) -> Result<(), String> {
        let teksten: Vec<Vec<String>> = rijen.with_untracked(|r| {
            r.iter()
                .map(|(_, cellen)| {
                    cellen
                        .iter()
                        .map(|c| c.get_untracked().trim().to_owned())
                        .collect()
                })
                .collect()
        });
        let regels = teksten.iter().enumerate().map(|(rij, cellen)| Regel {
            lijst: self,
            rij,
            cellen,
        });
        match self {
            Self::Activiteiten => {
                opgave.activiteiten = regels.map(|r| r.activiteit()).collect::<Result<_, _>>()?;
            }
            Self::Besluiten => {
                opgave.besluiten = regels.map(|r| r.besluit()).collect::<Result<_, _>>()?;
            }
            Self::Deelnemers => {
                opgave.deelnemers = regels.map(|r| r.deelnemer()).collect::<Result<_, _>>()?;
            }
        }
        Ok(())
    }
}

/// One row being read back.
struct Regel<'a> {
    lijst: Lijst,
    rij: usize,
    cellen: &'a [String],
}

impl Regel<'_> {
    /// Cell `kolom` read by `lees`; a refusal names the list, row and column.
    fn lees<T, F: std::fmt::Display>(
        &self,
        kolom: usize,
        lees: impl FnOnce(&str) -> Result<T, F>,
    ) -> Result<T, String> {
        lees(&self.tekst(kolom)).map_err(|fout| {
            let label = self.lijst.kolommen().get(kolom).map_or("", |k| k.1);
            format!(
                "{}, rij {}: {label}: {fout}",
                self.lijst.kop(),
                self.rij + 1
            )
        })
    }

    fn tekst(&self, kolom: usize) -> String {
        self.cellen.get(kolom).cloned().unwrap_or_default()
    }

    fn keuze<T: Copy>(
        &self,
        kolom: usize,
        alle: &[T],
        code: fn(T) -> &'static str,
    ) -> Result<T, String> {
        self.lees(kolom, |t| {
            alle.iter()
                .copied()
                .find(|x| code(*x) == t)
                .ok_or_else(|| format!("'{t}' is geen keuze"))
        })
    }

    fn periode(&self, start: usize, eind: usize) -> Result<Periode, String> {
        let start = self.lees(start, lees_datum)?;
        self.lees(eind, |t| {
            lees_datum(t)
                .map_err(|f| f.to_string())
                .and_then(|eind| Periode::new(start, eind).map_err(|f| f.to_string()))
        })
    }

    fn activiteit(&self) -> Result<Activiteit, String> {
        Ok(Activiteit {
            id: self.lees(0, ActiviteitId::parse)?,
            naam: self.tekst(1),
            fase: self.keuze(2, &FaseSoort::ALLE, FaseSoort::code)?,
            periode: self.periode(3, 4)?,
            afhankelijk_van: self.lees(5, |t| {
                t.split(';')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(ActiviteitId::parse)
                    .collect::<Result<Vec<_>, _>>()
            })?,
        })
    }

    fn besluit(&self) -> Result<Besluit, String> {
        Ok(Besluit {
            id: self.lees(0, BesluitId::parse)?,
            datum: self.lees(1, lees_datum)?,
            orgaan: self.keuze(2, &Orgaan::ALLE, Orgaan::code)?,
            onderwerp: self.tekst(3),
        })
    }

    fn deelnemer(&self) -> Result<Deelnemer, String> {
        Ok(Deelnemer {
            gemeente: self.lees(0, GemeenteCode::parse)?,
            rol: self.keuze(1, &Rol::ALLE, Rol::code)?,
        })
    }
}

/// A small table of rows, each cell an input, with add and remove.
#[component]
pub fn Lijsteditor(lijst: Lijst, rijen: Rijen) -> impl IntoView {
    let (sleutel, kop, kolommen) = (lijst.sleutel(), lijst.kop(), lijst.kolommen());
    let volgende =
        StoredValue::new(rijen.with_untracked(|r| r.iter().map(|(i, _)| i + 1).max().unwrap_or(0)));
    let toevoegen = move |_| {
        let nummer = volgende.get_value();
        volgende.set_value(nummer + 1);
        let cellen = kolommen
            .iter()
            .map(|(_, _, soort)| {
                RwSignal::new(match soort {
                    Soort::Keuze(opties) => {
                        opties().first().map_or(String::new(), |o| o.0.to_owned())
                    }
                    _ => String::new(),
                })
            })
            .collect();
        rijen.update(|r| r.push((nummer, cellen)));
    };
    view! {
        <h3 class="utrecht-heading-3" id=format!("lijst-{sleutel}")>{kop}</h3>
        <Schuifvlak label=kop>
            <table class="utrecht-table utrecht-table--html-table gp-lijsteditor" aria-labelledby=format!("lijst-{sleutel}")>
                <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                        {kolommen.iter().map(|(_, label, _)| view! { <th class="utrecht-table__header-cell" scope="col">{*label}</th> }).collect_view()}
                        <th class="utrecht-table__header-cell" scope="col">"Actie"</th>
                    </tr>
                </thead>
                <tbody class="utrecht-table__body">
                    <For each=move || rijen.get() key=|(nummer, _)| *nummer let:rij>
                        {
                            let (nummer, cellen) = rij;
                            let invoer = kolommen
                                .iter()
                                .zip(cellen)
                                .map(|((kolom, label, soort), cel)| {
                                    let naam = format!("{label}, rij {}", nummer + 1);
                                    let id = format!("{sleutel}-{kolom}-{nummer}");
                                    let veld = match soort {
                                        Soort::Keuze(opties) => view! {
                                            <select class="utrecht-select" id=id aria-label=naam
                                                on:change=move |ev| cel.set(event_target_value(&ev))>
                                                {opties().into_iter().map(|(waarde, tekst)| {
                                                    let gekozen = cel.get_untracked() == waarde;
                                                    view! { <option value=waarde selected=gekozen>{tekst}</option> }
                                                }).collect_view()}
                                            </select>
                                        }.into_any(),
                                        _ => view! {
                                            <input class="utrecht-textbox" id=id aria-label=naam
                                                type=if matches!(soort, Soort::Datum) { "date" } else { "text" }
                                                prop:value=move || cel.get() on:input=move |ev| cel.set(event_target_value(&ev)) />
                                        }.into_any(),
                                    };
                                    view! { <td class="utrecht-table__cell">{veld}</td> }
                                })
                                .collect_view();
                            view! {
                                <tr class="utrecht-table__row">
                                    {invoer}
                                    <td class="utrecht-table__cell">
                                        <button type="button" class="utrecht-button utrecht-button--subtle"
                                            aria-label=format!("{kop}: rij {} verwijderen", nummer + 1)
                                            on:click=move |_| rijen.update(|r| r.retain(|(n, _)| *n != nummer))>
                                            "Verwijderen"
                                        </button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </Schuifvlak>
        <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=toevoegen>
            {format!("{kop}: rij toevoegen")}
        </button>
    }
}
