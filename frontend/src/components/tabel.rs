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

/// How many pages `aantal` rows fill at `per_pagina` a page (at least one).
pub fn aantal_paginas(aantal: usize, per_pagina: usize) -> usize {
    aantal.div_ceil(per_pagina.max(1)).max(1)
}

/// Previous and next page of a long list; `pagina` counts from 0.
#[component]
pub fn Bladeren(
    /// The page shown.
    pagina: RwSignal<usize>,
    /// How many pages there are.
    #[prop(into)]
    paginas: Signal<usize>,
    /// What is paged, for a screen reader ("Pagina's van het landschap").
    label: &'static str,
) -> impl IntoView {
    let eerste = move || pagina.get() == 0;
    let laatste = move || pagina.get() + 1 >= paginas.get();
    view! {
        <nav class="gp-bladeren" aria-label=label>
            <button type="button" class="utrecht-button utrecht-button--secondary-action"
                disabled=eerste
                on:click=move |_| pagina.update(|p| *p = p.saturating_sub(1))>"Vorige"</button>
            <button type="button" class="utrecht-button utrecht-button--secondary-action"
                disabled=laatste
                on:click=move |_| pagina.update(|p| *p += 1)>"Volgende"</button>
        </nav>
    }
}
