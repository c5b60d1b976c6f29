//! A refusal or failure as the user reads it: one sentence, announced (`role="alert"`).

use leptos::prelude::*;

/// Why a page cannot show a gemeente's own data (not logged in, no right, storage), as a
/// sentence.
pub fn geweigerd(fout: &domain::contract::Leesfout) -> AnyView {
    let tekst = format!("{}.", crate::formaat::hoofdletter(&fout.to_string()));
    view! { <p class="gp-fout" role="alert">{tekst}</p> }.into_any()
}

/// Why a page's data could not be loaded (a failed server function), as a sentence in
/// Dutch: the server's own words, without the framework's English prefix.
pub fn laadfout(fout: &ServerFnError) -> AnyView {
    let mut tekst = crate::formaat::hoofdletter(&crate::api::serverfout(fout));
    if !tekst.ends_with('.') {
        tekst.push('.');
    }
    view! { <p class="gp-fout" role="alert">{tekst}</p> }.into_any()
}
