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

/// A wide table's frame: it scrolls sideways inside the page on a narrow screen or at a
/// high zoom (WCAG 1.4.10), is reachable by keyboard to scroll it (axe:
/// scrollable-region-focusable) and keeps the first column in view.
#[component]
pub fn Schuifvlak(
    /// What the region holds, for a screen reader ("Overstapplan per applicatie").
    label: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="gp-tabel-rol" role="region" aria-label=label tabindex="0">
            {children()}
        </div>
    }
}
