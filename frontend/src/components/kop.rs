//! The page header: the name of the app, the main navigation, and who is logged in.

use leptos::prelude::*;
use leptos::text_prop::TextProp;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::server_fns::sessie::wie;

/// Header with the app name, the main navigation (the current page marked with
/// `aria-current="page"` by the router's link) and the login state.
#[component]
pub fn Kop() -> impl IntoView {
    let aanmelding = wie();
    view! {
        <header class="gp-kop">
            <div class="gp-kop__binnen">
                <a class="gp-kop__naam" href="/">
                    "Grondplan"
                </a>
                <span class="gp-kop__ondertitel">"Samen naar Common Ground"</span>
                <nav class="gp-nav" aria-label="Hoofdmenu">
                    <ul class="gp-nav__lijst">
                        <li>
                            <A href="/" exact=true attr:class="gp-nav__link">
                                "Routekaart"
                            </A>
                        </li>
                        <li>
                            <A href="/gemeenten" exact=true attr:class="gp-nav__link">
                                "Gemeenten"
                            </A>
                        </li>
                        <li>
                            <A href="/componenten" attr:class="gp-nav__link">
                                "Catalogus"
                            </A>
                        </li>
                        <li>
                            <A href="/landelijk" attr:class="gp-nav__link">
                                "Landelijk"
                            </A>
                        </li>
                    </ul>
                </nav>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match aanmelding.await {
                            Ok(Some(wie)) => {
                                let rol = match (&wie.gemeentenaam, &wie.gemeente) {
                                    (Some(naam), _) => naam.clone(),
                                    (None, Some(code)) => code.to_string(),
                                    (None, None) => "regie".to_owned(),
                                };
                                let beheerder = wie.recht == Some(domain::toegang::Lidrecht::Beheren);
                                let eigen = wie.gemeente.as_ref().map(|g| view! {
                                    <A href=format!("/gemeenten/{g}") exact=true attr:class="gp-nav__link">"Mijn gemeente"</A>
                                    <A href=format!("/gemeenten/{g}/landschap") attr:class="gp-nav__link">"Landschap"</A>
                                    <A href=format!("/gemeenten/{g}/overstapplan") attr:class="gp-nav__link">"Overstapplan"</A>
                                    <A href=format!("/gemeenten/{g}/scenarios") attr:class="gp-nav__link">"Scenario's"</A>
                                    {beheerder.then(|| view! {
                                        <A href=format!("/gemeenten/{g}/accounts") attr:class="gp-nav__link">"Accounts"</A>
                                    })}
                                });
                                let regie = wie.gemeente.is_none().then(|| view! {
                                    <A href="/beheer" attr:class="gp-nav__link">"Beheer"</A>
                                });
                                view! {
                                    {eigen}
                                    {regie}
                                    <form class="gp-sessie" method="post" action="/uitloggen">
                                        <span class="gp-sessie__naam">{format!("{} ({rol})", wie.naam)}</span>
                                        <input type="hidden" name="csrf" value=wie.csrf />
                                        <button type="submit" class="gp-sessie__knop">
                                            "Uitloggen"
                                        </button>
                                    </form>
                                }
                                    .into_any()
                            }
                            _ => {
                                view! {
                                    <a class="gp-nav__link gp-sessie" href="/inloggen">
                                        "Inloggen"
                                    </a>
                                }
                                    .into_any()
                            }
                        }
                    })}
                </Suspense>
            </div>
        </header>
    }
}

/// The document's title: the page's own name, then "· Grondplan". Each page sets it
/// itself, so that the title the server sent stays while the browser loads the part of the
/// WASM that holds the page (`app::deel!`) and is never empty in between.
#[component]
pub fn Paginatitel(#[prop(into)] tekst: TextProp) -> impl IntoView {
    view! { <Title text=tekst formatter=|titel: String| format!("{titel} · Grondplan") /> }
}
