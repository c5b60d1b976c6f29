//! `/referentiecomponenten`: the GEMMA referentiecomponenten (the functions a gemeente
//! needs). Regie imports an ArchiMate exchange file (AMEFF) here.

use crate::components::kop::Paginatitel;
use domain::contract::Importrapport;
use leptos::prelude::*;

use crate::api::{Antwoord, Probleem};
use crate::components::bestandsimport::Bestandsimport;
use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::pages::laden::laden;
use crate::server_fns::catalogus::catalogus_ophalen;
use crate::server_fns::sessie::{regie_csrf, wie};

/// The referentiecomponenten page.
#[component]
pub fn ReferentiecomponentenPagina() -> impl IntoView {
    let catalogus = Resource::new(|| (), |()| catalogus_ophalen());
    let aanmelding = wie();
    view! {
        <Paginatitel tekst="GEMMA-referentiecomponenten" />
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/componenten">"← Componentencatalogus"</a></p>
        <h1 class="utrecht-heading-1">"GEMMA-referentiecomponenten"</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let csrf = regie_csrf(&aanmelding.await)?;
                Some(view! {
                    <section class="gp-beheer" aria-labelledby="ameff-kop">
                        <h2 class="utrecht-heading-2" id="ameff-kop">"AMEFF-bestand importeren (regie)"</h2>
                        <p class="utrecht-paragraph">
                            "Alleen elementen met GEMMA type Referentiecomponent; een bekend Object ID wordt bijgewerkt."
                        </p>
                        <Bestandsimport
                            id="ameff"
                            label="ArchiMate-uitwisselbestand (XML)"
                            accept=".xml"
                            pad=Signal::derive(|| "/referentiecomponenten/import".to_owned())
                            csrf
                            verslag=ameffverslag
                            na_import=Callback::new(move |()| catalogus.refetch())
                        />
                    </section>
                })
            })}
        </Suspense>
        {laden("De lijst wordt geladen…", catalogus, |c| async move {
            let aantal = c.referentiecomponenten.len();
            view! {
                <p class="utrecht-paragraph" id="aantal-referentiecomponenten">
                    {format!("{aantal} referentiecomponenten")}
                </p>
                <Schuifvlak label="Referentiecomponenten">
                    <table class="utrecht-table utrecht-table--html-table">
                        <Kolomkoppen koppen=&["Naam", "Omschrijving"] />
                        <tbody class="utrecht-table__body">
                            {c.referentiecomponenten
                                .into_iter()
                                .map(|r| view! {
                                    <tr class="utrecht-table__row">
                                        <td class="utrecht-table__cell">{r.naam}</td>
                                        <td class="utrecht-table__cell">{r.omschrijving}</td>
                                    </tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </Schuifvlak>
            }
                .into_any()
        })}
    }
}

/// The report of an AMEFF import.
fn ameffverslag(antwoord: &Antwoord) -> Result<String, Probleem> {
    let rapport: Importrapport = antwoord.lees()?;
    Ok(format!(
        "Import klaar: {} toegevoegd, {} bijgewerkt, {} overgeslagen (geen referentiecomponent).",
        rapport.toegevoegd, rapport.bijgewerkt, rapport.overgeslagen
    ))
}
