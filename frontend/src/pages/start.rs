//! `/gemeenten/{code}`: a gemeente's start page, where a member lands after logging in.
//! It leads with what to do now, most urgent first (`domain::werklijst`): the notices to
//! give in the coming months with the days left, the switches that can be made now, the
//! applicaties that can go and what that saves, the money over the horizon, the cohorts
//! of kansrijke momenten it is in, and its rol per opgave with the next besluitmomenten. An empty landscape says how to
//! fill it.

use crate::components::kop::Paginatitel;
use domain::Rol;
use domain::afschaffen::Reden;
use domain::werklijst::{SamenOverstappen, VOORUIT_MAANDEN, Werklijst};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::melding::laadfout;
use crate::formaat::{aantal, bedrag, datum_kort, datum_lang, kwartaal_kort};
use crate::pages::laden::laden_eigen;
use crate::server_fns::landschap::{Startbeeld, startbeeld_ophalen};

/// The start page. Its work list is made on the server ([`startbeeld_ophalen`]): the page
/// has nothing to recompute, so it carries the list rather than the landscape.
#[component]
pub fn StartPagina() -> impl IntoView {
    let code = use_params_map().with_untracked(|p| p.get("code").unwrap_or_default());
    let beeld = OnceResource::new(startbeeld_ophalen(code));
    view! {
        {laden_eigen("Uw werklijst wordt opgesteld…", beeld, |beeld| async move {
            view! { <Start beeld /> }.into_any()
        })}
    }
}

#[component]
fn Start(beeld: Startbeeld) -> impl IntoView {
    let Startbeeld {
        gemeente,
        mag_schrijven,
        lijst,
        samen,
    } = beeld;
    let code = gemeente.code.to_string();
    let titel = format!("{}: wat nu te doen", gemeente.naam);
    view! {
        <Paginatitel tekst=titel.clone() />
        <h1 class="utrecht-heading-1">{titel}</h1>
        <p class="utrecht-paragraph gp-inleiding">
            {format!("Stand op {}. ", datum_lang(lijst.peildatum))}
            <a class="utrecht-link" href=format!("/gemeenten/{code}/overstapplan")>"Het hele overstapplan"</a>
            " · "
            <a class="utrecht-link" href=format!("/gemeenten/{code}/landschap")>"Het applicatielandschap"</a>
        </p>
        {if lijst.applicaties == 0 {
            view! { <LeegLandschap code=code.clone() mag_schrijven /> }.into_any()
        } else {
            view! { <Taken lijst=lijst.clone() code=code.clone() /> }.into_any()
        }}
        {match samen {
            Ok(Some(samen)) if lijst.applicaties > 0 => view! { <Samen samen /> }.into_any(),
            Ok(_) => ().into_any(),
            Err(fout) => laadfout(&fout),
        }}
        <Routekaartdeel lijst />
    }
}

/// What a gemeente without a landscape does first.
#[component]
fn LeegLandschap(code: String, mag_schrijven: bool) -> impl IntoView {
    view! {
        <section class="gp-taak gp-taak--leeg" aria-labelledby="leeg-kop">
            <h2 class="utrecht-heading-2" id="leeg-kop">"Nog geen applicatielandschap"</h2>
            <p class="utrecht-paragraph">
                "Zonder applicaties en contracten is er niets te plannen. "
                {if mag_schrijven {
                    view! {
                        <a class="utrecht-link" href=format!("/gemeenten/{code}/landschap")>
                            "Importeer een bestand of voer uw applicaties in"
                        </a>
                        "."
                    }
                        .into_any()
                } else {
                    "Een medewerker van de gemeente kan het landschap importeren.".into_any()
                }}
            </p>
        </section>
    }
}

/// The tasks from the landscape, most urgent first.
#[component]
fn Taken(lijst: Werklijst, code: String) -> impl IntoView {
    let landschap = format!("/gemeenten/{code}/landschap");
    let agenda = format!("/api/v1/gemeenten/{code}/agenda.ics");
    let opzeggen = if lijst.opzeggen.is_empty() {
        view! {
            <p class="utrecht-paragraph">
                {format!("Geen opzegtermijnen in de komende {VOORUIT_MAANDEN} maanden.")}
            </p>
        }
        .into_any()
    } else {
        let items = lijst
            .opzeggen
            .iter()
            .map(|t| {
                let dagen = match t.dagen {
                    0 => "vandaag".to_owned(),
                    1 => "nog 1 dag".to_owned(),
                    n => format!("nog {} dagen", aantal(usize::try_from(n).unwrap_or(0))),
                };
                view! {
                    <li class="gp-taak__regel">
                        <a class="utrecht-link" href=format!("{landschap}?applicatie={0}#applicatie-{0}", t.applicatie)>{t.naam.clone()}</a>
                        {format!(
                            ": opzeggen vóór {} ({dagen}), dan over naar {} op {}",
                            datum_kort(t.opzeggen_voor),
                            t.component,
                            datum_kort(t.overstapmoment),
                        )}
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="utrecht-ordered-list" id="opzegtermijnen">{items}</ol> }.into_any()
    };
    let klaar = (!lijst.klaar.is_empty()).then(|| {
        let items = lijst
            .klaar
            .iter()
            .map(|k| {
                view! {
                    <li>
                        <a class="utrecht-link" href=format!("{landschap}?applicatie={0}#applicatie-{0}", k.applicatie)>{k.naam.clone()}</a>
                        {format!(" naar {}, zonder frictie op {}", k.component, datum_kort(k.overstapmoment))}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="gp-taak" aria-labelledby="klaar-kop">
                <h2 class="utrecht-heading-2" id="klaar-kop">"Nu klaar om over te stappen"</h2>
                <ul class="utrecht-unordered-list">{items}</ul>
            </section>
        }
    });
    let afschaffen = (!lijst.afschaffen.is_empty()).then(|| {
        let items = lijst
            .afschaffen
            .iter()
            .map(|a| {
                let waarom = match a.reden {
                    Reden::Ongebruikt => "niet in gebruik",
                    Reden::Overbodig => "andere applicaties doen hetzelfde",
                };
                let vanaf = a
                    .afschafdatum
                    .map_or_else(|| "geen uitstapmoment binnen de horizon".to_owned(), |d| format!("vanaf {}", datum_kort(d)));
                view! {
                    <li>
                        <a class="utrecht-link" href=format!("{landschap}?applicatie={0}#applicatie-{0}", a.applicatie)>{a.naam.clone()}</a>
                        {format!(" ({waarom}): bespaart {} per jaar, {vanaf}", bedrag(a.jaarlijkse_kosten))}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="gp-taak" aria-labelledby="afschaffen-kop">
                <h2 class="utrecht-heading-2" id="afschaffen-kop">
                    {format!("Af te schaffen: {} per jaar", bedrag(lijst.afschaffen_per_jaar))}
                </h2>
                <ul class="utrecht-unordered-list">{items}</ul>
            </section>
        }
    });
    let terugverdiend = lijst
        .terugverdienjaar
        .map_or_else(|| "niet binnen de horizon".to_owned(), |j| j.to_string());
    view! {
        <section class="gp-taak gp-taak--eerst" aria-labelledby="opzeggen-kop">
            <h2 class="utrecht-heading-2" id="opzeggen-kop">"Opzeggen"</h2>
            {opzeggen}
            <p class="utrecht-paragraph">
                <a class="utrecht-link" href=agenda download="">"Alle opzegdatums in uw agenda (iCalendar)"</a>
            </p>
        </section>
        {klaar}
        {afschaffen}
        <section class="gp-taak" aria-labelledby="geld-kop">
            <h2 class="utrecht-heading-2" id="geld-kop">"Geld"</h2>
            <dl class="gp-kenmerken">
                <dt>"Netto over de hele planperiode"</dt>
                <dd id="netto-totaal">{bedrag(lijst.netto_totaal)}</dd>
                <dt>"Terugverdienjaar"</dt>
                <dd>{terugverdiend}</dd>
            </dl>
        </section>
    }
}

/// The cohorts the gemeente is in: quarters in which enough gemeenten switch to the same
/// component to procure and migrate together.
#[component]
fn Samen(samen: Vec<SamenOverstappen>) -> impl IntoView {
    let inhoud = if samen.is_empty() {
        view! {
            <p class="utrecht-paragraph">
                "Geen van uw overstappen valt in een kwartaal waarin ook andere gemeenten naar dezelfde component overstappen. "
            </p>
        }
        .into_any()
    } else {
        let items = samen
            .iter()
            .map(|s| {
                let applicaties = match s.applicaties.as_slice() {
                    [een] => een.clone(),
                    meer => format!("{} applicaties", meer.len()),
                };
                let opzeggen = s.eerste_opzegdatum.map_or_else(String::new, |d| {
                    format!("; de eerste gemeente zegt op vóór {}", datum_kort(d))
                });
                view! {
                    <li>
                        <a class="utrecht-link" href=format!("/componenten/{}", s.component)>{s.naam.clone()}</a>
                        {format!(
                            " in het {}: u ({applicaties}) met {} andere gemeenten{opzeggen}",
                            kwartaal_kort(s.kwartaal),
                            s.gemeenten.saturating_sub(1)
                        )}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="utrecht-unordered-list" id="cohorten">{items}</ul> }.into_any()
    };
    view! {
        <section class="gp-taak" aria-labelledby="samen-kop">
            <h2 class="utrecht-heading-2" id="samen-kop">"Samen overstappen"</h2>
            {inhoud}
            <p class="utrecht-paragraph">
                <a class="utrecht-link" href="/landelijk">"Alle kansrijke momenten in het land"</a>
            </p>
        </section>
    }
}

/// The gemeente's part in the Routekaart and the coming decisions.
#[component]
fn Routekaartdeel(lijst: Werklijst) -> impl IntoView {
    let rollen = lijst
        .deelname
        .iter()
        .filter(|d| d.rol.is_some())
        .map(|d| {
            let rol = match d.rol {
                Some(Rol::Coalitiepartner) => "coalitiepartner",
                Some(Rol::EersteGebruiker) => "eerste gebruiker",
                None => "volger",
            };
            view! {
                <li>
                    <a class="utrecht-link" href=format!("/opgaven/{}", d.opgave)>{d.naam.clone()}</a>
                    {format!(": {rol}")}
                </li>
            }
        })
        .collect_view();
    let volger = lijst.deelname.iter().filter(|d| d.rol.is_none()).count();
    let besluiten = lijst
        .besluiten
        .iter()
        .map(|b| {
            view! {
                <li>
                    {format!("{}: ", datum_kort(b.datum))}
                    <a class="utrecht-link" href=format!("/opgaven/{}", b.opgave)>{b.opgavenaam.clone()}</a>
                    {format!(", {}", b.onderwerp)}
                </li>
            }
        })
        .collect_view();
    let deelt_mee = lijst.deelname.iter().any(|d| d.rol.is_some());
    view! {
        <section class="gp-taak" aria-labelledby="routekaart-kop">
            <h2 class="utrecht-heading-2" id="routekaart-kop">"Uw rol in de Routekaart"</h2>
            {if deelt_mee {
                view! { <ul class="utrecht-unordered-list" id="rollen">{rollen}</ul> }.into_any()
            } else {
                view! {
                    <p class="utrecht-paragraph">
                        "U doet nog niet mee als coalitiepartner of eerste gebruiker. "
                        <a class="utrecht-link" href="/">"Bekijk op de Routekaart wat meedoen kost"</a>
                        "."
                    </p>
                }
                    .into_any()
            }}
            {(volger > 0 && deelt_mee).then(|| view! {
                <p class="utrecht-paragraph">{format!("Bij {volger} andere opgaven volgt u.")}</p>
            })}
            <h3 class="utrecht-heading-3">"Volgende besluitmomenten"</h3>
            {if lijst.besluiten.is_empty() {
                view! { <p class="utrecht-paragraph">"Er staan geen besluitmomenten meer gepland."</p> }.into_any()
            } else {
                view! { <ul class="utrecht-unordered-list" id="besluitmomenten">{besluiten}</ul> }.into_any()
            }}
        </section>
    }
}
