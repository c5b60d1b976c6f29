//! `/uitnodiging/{token}`: the page an invitation link opens. It says whom the invitation
//! is for and into which gemeente with which right, and takes a password of one's own
//! (a plain form that posts to the server, like the login) or the organisation's own
//! sign-in. After a refusal the server sends the person back here with the reason.

use crate::components::kop::Paginatitel;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::pages::laden::laden;
use crate::server_fns::accounts::uitnodiging_ophalen;
use crate::server_fns::sessie::inlogknoppen_ophalen;

/// The message for a `fout` code and whether it concerns the password fields.
pub fn melding(fout: &str) -> Option<(&'static str, bool)> {
    Some(match fout {
        "kort" => ("Kies een wachtwoord van ten minste 12 tekens.", true),
        "lang" => ("Dit wachtwoord is te lang: hoogstens 1024 bytes.", true),
        "verschil" => (
            "De twee wachtwoorden verschillen. Typ hetzelfde wachtwoord twee keer.",
            true,
        ),
        "bestaat" => (
            "Er is al een account met dit e-mailadres. Log in met dat account, of vraag uw beheerder om een uitnodiging voor een ander adres.",
            false,
        ),
        "bezet" => (
            "Het is nu erg druk. Probeer het over een paar seconden opnieuw.",
            false,
        ),
        "storing" => (
            "Dat lukte niet door een storing. Probeer het later opnieuw.",
            false,
        ),
        "herkomst" => (
            "Dit formulier kwam niet van Grondplan zelf. Probeer het opnieuw.",
            false,
        ),
        "onbekend" => (
            "Deze uitnodiging is onbekend, al gebruikt, ingetrokken of verlopen. Vraag de beheerder van uw gemeente om een nieuwe.",
            false,
        ),
        _ => return None,
    })
}

/// The invitation page.
#[component]
pub fn UitnodigingPagina() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let fout = use_query_map().with_untracked(|q| q.get("fout").unwrap_or_default());
    let uitnodiging = OnceResource::new(uitnodiging_ophalen(token.clone()));
    let knoppen = OnceResource::new(inlogknoppen_ophalen());
    view! {
        <Paginatitel tekst="Uitnodiging" />
        <h1 class="utrecht-heading-1">"Uitnodiging voor Grondplan"</h1>
        {laden("De uitnodiging wordt gelezen…", uitnodiging, move |gevonden| {
            let (token, fout) = (token.clone(), fout.clone());
            async move {
                let Some(info) = gevonden else {
                    return view! {
                        <p class="gp-fout" role="alert">
                            "Deze uitnodiging is onbekend, al gebruikt, ingetrokken of verlopen. Vraag de beheerder van uw gemeente om een nieuwe."
                        </p>
                    }
                    .into_any();
                };
                let knoppen = knoppen.await.map(|k| k.0).unwrap_or_default();
                let waar = match (&info.gemeentenaam, info.recht) {
                    (Some(naam), Some(recht)) => format!("{naam}, met het recht \u{201c}{}\u{201d}", recht.label().to_lowercase()),
                    _ => "de regie van de VNG".to_owned(),
                };
                let (tekst, bij_wachtwoord) = melding(&fout).map_or((None, false), |(t, w)| (Some(t), w));
                // Both password fields are marked invalid together, and described by the
                // one message above the first.
                let wachtwoordveld = |naam: &'static str, label: &'static str, fout: Option<&'static str>| {
                    let veldklasse = if bij_wachtwoord {
                        "utrecht-form-field utrecht-form-field--invalid"
                    } else {
                        "utrecht-form-field"
                    };
                    view! {
                        <div class=veldklasse>
                            <label class="utrecht-form-label" for=naam>{label}</label>
                            {fout.map(|t| view! {
                                <p class="utrecht-form-field-error-message" id="wachtwoord-fout">{t}</p>
                            })}
                            <input id=naam name=naam type="password" autocomplete="new-password"
                                required=true minlength="12"
                                class="utrecht-textbox utrecht-textbox--html-input"
                                aria-invalid=bij_wachtwoord.then_some("true")
                                aria-describedby=bij_wachtwoord.then_some("wachtwoord-fout") />
                        </div>
                    }
                };
                view! {
                    <p class="utrecht-paragraph gp-inleiding">
                        {format!("U bent uitgenodigd als {} voor {waar}. Kies hoe u inlogt; daarna kunt u meteen aan de slag.", info.email)}
                    </p>
                    {tekst.filter(|_| !bij_wachtwoord).map(|t| view! {
                        <p class="utrecht-form-field-error-message" id="uitnodiging-formulierfout" role="alert">{t}</p>
                    })}
                    {(!knoppen.is_empty()).then(|| view! {
                        <section aria-labelledby="uitnodiging-diensten">
                            <h2 class="utrecht-heading-2" id="uitnodiging-diensten">"Via uw organisatie"</h2>
                            <ul class="gp-knoppenlijst">
                                {knoppen.into_iter().map(|(naam, label)| view! {
                                    <li>
                                        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
                                            href=format!("/inloggen/oidc/{naam}?uitnodiging={token}") rel="external">
                                            {format!("Aanvaarden met {label}")}
                                        </a>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    })}
                    <h2 class="utrecht-heading-2">"Met een eigen wachtwoord"</h2>
                    <form class="gp-formulier" method="post" action=format!("/uitnodiging/{token}")>
                        {wachtwoordveld("wachtwoord", "Nieuw wachtwoord (ten minste 12 tekens)", tekst.filter(|_| bij_wachtwoord))}
                        {wachtwoordveld("herhaling", "Nogmaals hetzelfde wachtwoord", None)}
                        <input type="hidden" name="email" autocomplete="username" value=info.email.clone() />
                        <button type="submit" class="utrecht-button utrecht-button--primary-action">
                            "Account maken en inloggen"
                        </button>
                    </form>
                }
                .into_any()
            }
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_says_what_to_do() {
        for code in [
            "kort", "lang", "verschil", "bestaat", "bezet", "storing", "herkomst", "onbekend",
        ] {
            let (tekst, _) = melding(code).expect(code);
            assert!(tekst.ends_with('.'), "{code}: {tekst}");
        }
        assert_eq!(melding("kort").map(|m| m.1), Some(true));
        assert_eq!(melding("x"), None);
    }
}
