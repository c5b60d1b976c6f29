//! The parts every table of the app shares.

use leptos::prelude::*;

/// The header row of a table: one column heading per text, in order.
#[component]
pub fn Kolomkoppen(koppen: &'static [&'static str]) -> impl IntoView {
    view! {
        <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
                {koppen
                    .iter()
                    .map(|kop| view! { <th class="utrecht-table__header-cell" scope="col">{*kop}</th> })
                    .collect_view()}
            </tr>
        </thead>
    }
}
