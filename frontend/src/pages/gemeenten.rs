//! `/gemeenten`: all gemeenten, with a search box that filters as you type once the page
//! is hydrated, and that still works as a plain GET form (`?q=`) before that.

use crate::components::kop::Paginatitel;
use domain::Gemeente;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::components::vast::vast;
use crate::pages::laden::laden;
use crate::server_fns::gemeenten::gemeenten_ophalen;

/// The gemeenten page.
#[component]
pub fn GemeentenPagina() -> impl IntoView {
    let query = use_query_map();
    let zoekterm = RwSignal::new(query.get_untracked().get("q").unwrap_or_default());
    let lijst = OnceResource::new(gemeenten_ophalen());
    view! {
        <Paginatitel tekst="Gemeenten" />
        <h1 class="utrecht-heading-1">"Gemeenten"</h1>
        <form
            class="gp-zoek"
            method="get"
            action="/gemeenten"
            role="search"
            on:submit=|ev| ev.prevent_default()
        >
            <div class="utrecht-form-field utrecht-form-field--text">
                <div class="utrecht-form-field__label">
                    <label class="utrecht-form-label" for="zoek-gemeente">
                        "Zoek een gemeente"
                    </label>
                </div>
                <div class="utrecht-form-field-description" id="zoek-gemeente-hulp">
                    "Op naam, provincie of CBS-code, bijvoorbeeld GM0344."
                </div>
                <div class="utrecht-form-field__input gp-zoek__regel">
                    <input
                        id="zoek-gemeente"
                        name="q"
                        type="search"
                        class="utrecht-textbox utrecht-textbox--html-input"
                        autocomplete="off"
                        aria-describedby="zoek-gemeente-hulp"
                        prop:value=move || zoekterm.get()
                        on:input=move |ev| zoekterm.set(event_target_value(&ev))
                    />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                        "Zoeken"
                    </button>
                </div>
            </div>
        </form>
        {laden("De gemeenten worden geladen…", lijst, move |alle| async move {
            view! { <GemeentenTabel alle zoekterm /> }.into_any()
        })}
    }
}

/// The table of gemeenten matching the search term, with a live count.
#[component]
fn GemeentenTabel(alle: Vec<Gemeente>, zoekterm: RwSignal<String>) -> impl IntoView {
    let totaal = alle.len();
    let gevonden = Memo::new(move |_| {
        let term = zoekterm.get();
        alle.iter()
            .filter(|g| g.past_bij(&term))
            .cloned()
            .collect::<Vec<_>>()
    });
    let telling = move || {
        let aantal = gevonden.with(Vec::len);
        if aantal == totaal {
            format!("{totaal} gemeenten")
        } else {
            format!("{aantal} van {totaal} gemeenten gevonden")
        }
    };
    view! {
        <p class="utrecht-paragraph gp-telling" role="status" aria-live="polite">
            {telling}
        </p>
        {move || {
            // Read here so that a new search renders again; the rows are made only when
            // the part is built (not while the server's rows are taken over).
            gevonden.track();
            let rijen = move || {
                gevonden.with_untracked(|gevonden| {
                    gevonden
                        .iter()
                        .map(|g| view! {
                            <tr class="utrecht-table__row">
                                <td class="utrecht-table__cell">{g.naam.clone()}</td>
                                <td class="utrecht-table__cell">{g.provincie.clone()}</td>
                                <td class="utrecht-table__cell gp-code">{g.code.to_string()}</td>
                            </tr>
                        })
                        .collect_view()
                })
            };
            // Rebuilt whole when the search changes: the rows have nothing of their own to
            // keep, and the first one is taken over from the server as it is.
            vast(move || view! {
                <Schuifvlak label="Gemeenten">
                    <table class="utrecht-table utrecht-table--html-table gp-gemeenten">
                        <caption class="utrecht-table__caption gp-visueel-verborgen">"Gemeenten"</caption>
                        <Kolomkoppen koppen=&["Naam", "Provincie", "CBS-code"] />
                        <tbody class="utrecht-table__body">{rijen()}</tbody>
                    </table>
                </Schuifvlak>
            })
        }}
    }
}
