//! `/gemeenten/{code}/audit`: the changes to a gemeente's own data, for its members and
//! regie; everybody else is told why not (and gets status 401 or 403).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::tabel::Kolomkoppen;
use crate::pages::laden::{gemeentekop, laden_eigen};
use crate::server_fns::audit::audit_ophalen;

/// The audit page.
#[component]
pub fn AuditPagina() -> impl IntoView {
    let code = use_params_map().with_untracked(|p| p.get("code").unwrap_or_default());
    let regels = OnceResource::new(audit_ophalen(code.clone()));
    view! {
        {gemeentekop("Wijzigingen van", code.clone())}
        {laden_eigen("De wijzigingen worden geladen…", regels, |regels| async move {
            if regels.is_empty() {
                return view! { <p class="utrecht-paragraph">"Er zijn nog geen wijzigingen."</p> }.into_any();
            }
            let rijen = regels
                .into_iter()
                .map(|r| {
                    view! {
                        <tr class="utrecht-table__row">
                            <td class="utrecht-table__cell">{r.tijdstip}</td>
                            <td class="utrecht-table__cell">{r.actor}</td>
                            <td class="utrecht-table__cell">{format!("{} {}", r.entiteit, r.entiteit_id)}</td>
                            <td class="utrecht-table__cell gp-code">{r.voor.unwrap_or_else(|| "—".into())}</td>
                            <td class="utrecht-table__cell gp-code">{r.na.unwrap_or_else(|| "—".into())}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="utrecht-table utrecht-table--html-table">
                    <caption class="utrecht-table__caption">"Nieuwste eerst"</caption>
                    <Kolomkoppen koppen=&["Tijdstip (UTC)", "Wie", "Wat", "Voor", "Na"] />
                    <tbody class="utrecht-table__body">{rijen}</tbody>
                </table>
            }
                .into_any()
        })}
    }
}
