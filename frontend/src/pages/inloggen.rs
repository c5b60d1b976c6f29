//! `/inloggen`: a plain form that posts to the server (it works without JavaScript);
//! after a failed attempt the server sends the user back here with the reason, which is
//! shown next to the field it concerns.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The message for a `fout` code, and whether it concerns the e-mail field (else the
/// password field or the form as a whole).
pub fn melding(fout: &str) -> Option<(&'static str, Veld)> {
    match fout {
        "onjuist" => Some((
            "Het e-mailadres of het wachtwoord klopt niet.",
            Veld::Wachtwoord,
        )),
        "te-vaak" => Some((
            "Te veel mislukte pogingen met dit e-mailadres. Probeer het over 15 minuten opnieuw.",
            Veld::Wachtwoord,
        )),
        "email-leeg" => Some(("Vul uw e-mailadres in.", Veld::Email)),
        "storing" => Some((
            "Inloggen lukt nu niet door een storing. Probeer het later opnieuw.",
            Veld::Formulier,
        )),
        "herkomst" => Some((
            "Dit formulier kwam niet van Grondplan zelf. Probeer het opnieuw.",
            Veld::Formulier,
        )),
        _ => None,
    }
}

/// Which field a message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Veld {
    /// The e-mail field.
    Email,
    /// The password field.
    Wachtwoord,
    /// The form as a whole.
    Formulier,
}

/// The login page.
#[component]
pub fn InloggenPagina() -> impl IntoView {
    let query = use_query_map();
    let (fout, email) = query.with_untracked(|q| {
        (
            q.get("fout").unwrap_or_default(),
            q.get("email").unwrap_or_default(),
        )
    });
    let melding = melding(&fout);
    let bij = move |veld: Veld| melding.filter(|(_, v)| *v == veld).map(|(tekst, _)| tekst);
    let foutmelding = |id: &'static str, tekst: Option<&'static str>| {
        tekst.map(|tekst| {
            view! {
                <p class="utrecht-form-field-error-message" id=id>
                    {tekst}
                </p>
            }
        })
    };
    view! {
        <Title text="Inloggen" />
        <h1 class="utrecht-heading-1">"Inloggen"</h1>
        <p class="utrecht-paragraph">
            "Medewerkers van een gemeente beheren hier het applicatielandschap en de plannen van hun gemeente; "
            "de regie van de VNG beheert de Routekaart en de catalogus."
        </p>
        {foutmelding("formulier-fout", bij(Veld::Formulier))}
        <form class="gp-formulier" method="post" action="/inloggen">
            <div class=move || {
                if bij(Veld::Email).is_some() { "utrecht-form-field utrecht-form-field--invalid" } else { "utrecht-form-field" }
            }>
                <div class="utrecht-form-field__label">
                    <label class="utrecht-form-label" for="email">
                        "E-mailadres"
                    </label>
                </div>
                {foutmelding("email-fout", bij(Veld::Email))}
                <div class="utrecht-form-field__input">
                    <input
                        id="email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        required=true
                        class="utrecht-textbox utrecht-textbox--html-input"
                        value=email
                        aria-invalid=bij(Veld::Email).map(|_| "true")
                        aria-describedby=bij(Veld::Email).map(|_| "email-fout")
                    />
                </div>
            </div>
            <div class=move || {
                if bij(Veld::Wachtwoord).is_some() { "utrecht-form-field utrecht-form-field--invalid" } else { "utrecht-form-field" }
            }>
                <div class="utrecht-form-field__label">
                    <label class="utrecht-form-label" for="wachtwoord">
                        "Wachtwoord"
                    </label>
                </div>
                {foutmelding("wachtwoord-fout", bij(Veld::Wachtwoord))}
                <div class="utrecht-form-field__input">
                    <input
                        id="wachtwoord"
                        name="wachtwoord"
                        type="password"
                        autocomplete="current-password"
                        required=true
                        class="utrecht-textbox utrecht-textbox--html-input"
                        aria-invalid=bij(Veld::Wachtwoord).map(|_| "true")
                        aria-describedby=bij(Veld::Wachtwoord).map(|_| "wachtwoord-fout")
                    />
                </div>
            </div>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
                "Inloggen"
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_has_a_dutch_message_for_the_right_field() {
        assert_eq!(melding("onjuist").map(|m| m.1), Some(Veld::Wachtwoord));
        assert_eq!(melding("email-leeg").map(|m| m.1), Some(Veld::Email));
        assert!(melding("te-vaak").is_some_and(|m| m.0.contains("15 minuten")));
        assert_eq!(melding("iets-anders"), None);
    }
}
