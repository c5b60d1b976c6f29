//! A refusal or failure as the user reads it: one sentence, announced (`role="alert"`).

use leptos::prelude::*;

/// Why a page cannot show a gemeente's own data (not logged in, no right, storage), as a
/// sentence.
pub fn geweigerd(fout: &domain::contract::Leesfout) -> AnyView {
    let tekst = format!("{}.", crate::formaat::hoofdletter(&fout.to_string()));
    view! { <p class="gp-fout" role="alert">{tekst}</p> }.into_any()
}
