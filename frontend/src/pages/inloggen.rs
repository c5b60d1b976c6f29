//! `/inloggen`: a plain form that posts to the server (it works without JavaScript);
//! after a failed attempt the server sends the user back here with the reason, which is
//! shown next to the field it concerns.

use crate::components::kop::Paginatitel;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::server_fns::sessie::inlogknoppen_ophalen;

/// The message for a `fout` code, and whether it concerns the e-mail field (else the
/// password field or the form as a whole).
pub fn melding(fout: &str) -> Option<(&'static str, Veld)> {
    match fout {
        "onjuist" => Some((
            "Het e-mailadres of het wachtwoord klopt niet.",
            Veld::Wachtwoord,
        )),
        "te-vaak" => Some((
            "Te veel mislukte pogingen vanaf dit adres.",
            Veld::Wachtwoord,
        )),
        "email-leeg" => Some(("Vul uw e-mailadres in.", Veld::Email)),
        "email-lang" => Some((
            "Dit e-mailadres is te lang: hoogstens 254 tekens.",
            Veld::Email,
        )),
        "storing" => Some((
            "Inloggen lukt nu niet door een storing. Probeer het later opnieuw.",
            Veld::Formulier,
        )),
        "herkomst" => Some((
            "Dit formulier kwam niet van Grondplan zelf. Probeer het opnieuw.",
            Veld::Formulier,
        )),
        "oidc-onbekend" => Some((
            "Deze organisatie kent Grondplan niet. Kies hieronder uw organisatie.",
            Veld::Formulier,
        )),
        "oidc-onbereikbaar" => Some((
            "De inlogdienst van uw organisatie is nu niet bereikbaar. Probeer het later opnieuw.",
            Veld::Formulier,
        )),
        "oidc-geweigerd" => Some((
            "Uw organisatie heeft het inloggen niet toegestaan. Vraag uw beheerder om toegang tot Grondplan.",
            Veld::Formulier,
        )),
        "oidc-verlopen" => Some((
            "Het inloggen duurde te lang of was al afgerond. Probeer het opnieuw.",
            Veld::Formulier,
        )),
        "oidc-ongeldig" => Some((
            "Het antwoord van de inlogdienst klopte niet; u bent niet ingelogd. Probeer het opnieuw of meld het uw beheerder.",
            Veld::Formulier,
        )),
        "oidc-geen-toegang" => Some((
            "U hebt via uw organisatie (nog) geen toegang tot Grondplan. Vraag de beheerder van uw organisatie om u de groep of rol voor Grondplan te geven.",
            Veld::Formulier,
        )),
        "oidc-meerdere-gemeenten" => Some((
            "Uw organisatie koppelt u aan meer dan één gemeente. Vraag de beheerder van uw organisatie om u aan één gemeente te koppelen.",
            Veld::Formulier,
        )),
        "oidc-te-veel-groepen" => Some((
            "Uw organisatie stuurt te veel groepen mee. Vraag de beheerder om in Entra ID alleen de groepen van Grondplan mee te sturen (groups assigned to the application).",
            Veld::Formulier,
        )),
        "oidc-te-veel" => Some((
            "Vanaf dit adres zijn te veel inlogpogingen tegelijk gestart. Probeer het over tien minuten opnieuw.",
            Veld::Formulier,
        )),
        "oidc-email-bezet" => Some((
            "Er is al een account met uw e-mailadres. Vraag de beheerder van Grondplan om het aan uw organisatie te koppelen.",
            Veld::Formulier,
        )),
        "uitnodiging-elders" => Some((
            "Uw organisatie hoort bij een andere gemeente dan die u uitnodigde; de uitnodiging is nog open. Aanvaard haar met de inlogdienst van de gemeente die u uitnodigde, of met een eigen wachtwoord.",
            Veld::Formulier,
        )),
        "uitnodiging-onbekend" => Some((
            "Deze uitnodiging is onbekend, al gebruikt, ingetrokken of verlopen. Vraag de beheerder van uw gemeente om een nieuwe.",
            Veld::Formulier,
        )),
        _ => None,
    }
}

/// How long to wait, from the `wacht` parameter (seconds), as a sentence.
pub fn wachttekst(wacht: &str) -> Option<String> {
    let seconden: u32 = wacht.parse().ok()?;
    Some(match seconden {
        1 => "Probeer het over 1 seconde opnieuw.".to_owned(),
        s if s < 120 => format!("Probeer het over {s} seconden opnieuw."),
        s => format!("Probeer het over {} minuten opnieuw.", s.div_ceil(60)),
    })
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
    let knoppen = OnceResource::new(inlogknoppen_ophalen());
    let (fout, email, wacht) = query.with_untracked(|q| {
        (
            q.get("fout").unwrap_or_default(),
            q.get("email").unwrap_or_default(),
            q.get("wacht").unwrap_or_default(),
        )
    });
    let melding = melding(&fout).map(|(tekst, veld)| {
        if fout == "te-vaak" {
            let wachten = wachttekst(&wacht)
                .unwrap_or_else(|| "Wacht even en probeer het dan opnieuw.".to_owned());
            (format!("{tekst} {wachten}"), veld)
        } else {
            (tekst.to_owned(), veld)
        }
    });
    let bij = |veld: Veld| {
        melding
            .as_ref()
            .filter(|(_, v)| *v == veld)
            .map(|(tekst, _)| tekst.clone())
    };
    let (formulier_fout, email_fout, wachtwoord_fout) = (
        bij(Veld::Formulier),
        bij(Veld::Email),
        bij(Veld::Wachtwoord),
    );
    let (email_ongeldig, wachtwoord_ongeldig) = (email_fout.is_some(), wachtwoord_fout.is_some());
    let veldklasse = |ongeldig: bool| {
        if ongeldig {
            "utrecht-form-field utrecht-form-field--invalid"
        } else {
            "utrecht-form-field"
        }
    };
    let foutmelding = |id: &'static str, tekst: Option<String>| {
        tekst.map(|tekst| {
            view! {
                <p class="utrecht-form-field-error-message" id=id>
                    {tekst}
                </p>
            }
        })
    };
    view! {
        <Paginatitel tekst="Inloggen" />
        <h1 class="utrecht-heading-1">"Inloggen"</h1>
        <p class="utrecht-paragraph">
            "Medewerkers van een gemeente beheren hier het applicatielandschap en de plannen van hun gemeente; "
            "de regie van de VNG beheert de Routekaart en de catalogus."
        </p>
        {foutmelding("formulier-fout", formulier_fout)}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let knoppen = knoppen.await.map(|k| k.0).unwrap_or_default();
                (!knoppen.is_empty()).then(|| view! {
                    <section class="gp-inlogdiensten" aria-labelledby="inlogdiensten-kop">
                        <h2 class="utrecht-heading-2" id="inlogdiensten-kop">"Via uw organisatie"</h2>
                        <ul class="gp-knoppenlijst">
                            {knoppen.into_iter().map(|(naam, label)| view! {
                                <li>
                                    // rel=external: a full page load, for the server to send
                                    // the browser on to the provider.
                                    <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
                                        href=format!("/inloggen/oidc/{naam}") rel="external">
                                        {format!("Inloggen met {label}")}
                                    </a>
                                </li>
                            }).collect_view()}
                        </ul>
                        <h2 class="utrecht-heading-2">"Met e-mailadres en wachtwoord"</h2>
                    </section>
                })
            })}
        </Suspense>
        <form class="gp-formulier" method="post" action="/inloggen">
            <div class=veldklasse(email_ongeldig)>
                <div class="utrecht-form-field__label">
                    <label class="utrecht-form-label" for="email">
                        "E-mailadres"
                    </label>
                </div>
                {foutmelding("email-fout", email_fout)}
                <div class="utrecht-form-field__input">
                    <input
                        id="email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        required=true
                        class="utrecht-textbox utrecht-textbox--html-input"
                        value=email
                        aria-invalid=email_ongeldig.then_some("true")
                        aria-describedby=email_ongeldig.then_some("email-fout")
                    />
                </div>
            </div>
            <div class=veldklasse(wachtwoord_ongeldig)>
                <div class="utrecht-form-field__label">
                    <label class="utrecht-form-label" for="wachtwoord">
                        "Wachtwoord"
                    </label>
                </div>
                {foutmelding("wachtwoord-fout", wachtwoord_fout)}
                <div class="utrecht-form-field__input">
                    <input
                        id="wachtwoord"
                        name="wachtwoord"
                        type="password"
                        autocomplete="current-password"
                        required=true
                        class="utrecht-textbox utrecht-textbox--html-input"
                        aria-invalid=wachtwoord_ongeldig.then_some("true")
                        aria-describedby=wachtwoord_ongeldig.then_some("wachtwoord-fout")
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
        assert!(melding("te-vaak").is_some_and(|m| m.0.contains("vanaf dit adres")));
        assert_eq!(melding("email-lang").map(|m| m.1), Some(Veld::Email));
        assert_eq!(
            wachttekst("12"),
            Some("Probeer het over 12 seconden opnieuw.".into())
        );
        assert_eq!(
            wachttekst("900"),
            Some("Probeer het over 15 minuten opnieuw.".into())
        );
        assert_eq!(
            wachttekst("1"),
            Some("Probeer het over 1 seconde opnieuw.".into())
        );
        assert_eq!(wachttekst("x"), None);
        assert_eq!(melding("iets-anders"), None);
    }
}
