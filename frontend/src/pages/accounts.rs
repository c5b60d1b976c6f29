//! Accounts managed in the browser.
//!
//! - `/gemeenten/{code}/accounts`: a gemeente's beheerder invites colleagues (a link that
//!   works once and expires after a week), gives each a right (alleen lezen, lezen en
//!   bewerken, beheerder), disables an account (its sessions end at once) or enables it
//!   again, and revokes invitations not yet used.
//! - `/beheer`: regie appoints a gemeente's beheerder, manages regie's own accounts the
//!   same way, and makes and revokes API tokens.
//!
//! Reads go through `accounts_ophalen`, writes through the API; each write reads the list
//! again, so the page shows what is stored.

use crate::components::kop::Paginatitel;
use domain::contract::{
    Accountwijziging, NieuwToken, NieuweUitnodiging, Tokeninvoer, Tokenregel, Uitnodigingsinvoer,
};
use domain::toegang::Lidrecht;
use domain::{Gemeente, GemeenteCode};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{Inhoud, Probleem, stuur};
use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::formaat::moment_lang;
use crate::pages::laden::{gemeentekop, laden_eigen};
use crate::server_fns::accounts::{Beheerbeeld, accounts_ophalen};

/// The accounts page of a gemeente, for its beheerders.
#[component]
pub fn AccountsPagina() -> impl IntoView {
    let code = use_params_map().with_untracked(|p| p.get("code").unwrap_or_default());
    let beeld = OnceResource::new(accounts_ophalen(code.clone()));
    view! {
        {gemeentekop("Accounts van", code.clone())}
        <p class="utrecht-paragraph gp-inleiding">
            "U bent beheerder: u bepaalt wie van uw collega's Grondplan voor uw gemeente mag lezen of bewerken. "
            "Nodig een collega uit met een link die één keer werkt en na een week verloopt; een uitgeschakeld account is meteen uitgelogd."
        </p>
        {laden_eigen("De accounts worden geladen…", beeld, move |beeld| {
            let code = code.clone();
            async move { view! { <Accountbeheer kring=code beeld /> }.into_any() }
        })}
    }
}

/// Regie's page: beheerders for gemeenten, regie's accounts and the API tokens.
#[component]
pub fn BeheerPagina() -> impl IntoView {
    let beeld = OnceResource::new(accounts_ophalen("regie".to_owned()));
    view! {
        <Paginatitel tekst="Beheer" />
        <h1 class="utrecht-heading-1">"Beheer"</h1>
        <p class="utrecht-paragraph gp-inleiding">
            "Benoem de eerste beheerder van een gemeente; die nodigt daarna zelf collega's uit. "
            "Hier beheert u ook de accounts van de regie en de API-tokens."
        </p>
        {laden_eigen("De accounts worden geladen…", beeld, move |beeld| async move {
            let gemeenten = beeld.gemeenten.clone();
            let tokens = beeld.tokens.clone();
            let csrf = beeld.csrf.clone();
            view! {
                <Benoeming gemeenten=gemeenten.clone() csrf=csrf.clone() />
                <Accountbeheer kring="regie".to_owned() beeld />
                <Tokens tokens gemeenten csrf />
            }
            .into_any()
        })}
    }
}

/// Where the API keeps a kring's accounts: `/gemeenten/{code}` or `/regie`.
fn kringpad(kring: &str) -> String {
    if kring == "regie" {
        "/regie".to_owned()
    } else {
        format!("/gemeenten/{kring}")
    }
}

/// `pad` as a whole address on this site, to send to someone.
fn volledig(pad: &str) -> String {
    #[cfg(feature = "hydrate")]
    if let Some(herkomst) = web_sys::window().and_then(|w| w.location().origin().ok()) {
        return format!("{herkomst}{pad}");
    }
    pad.to_owned()
}

/// One write from a button on these pages, and the sentences that say how it went.
struct Schrijven {
    methode: &'static str,
    /// The API path, from `/api/v1` on.
    pad: String,
    inhoud: Inhoud,
    csrf: String,
    /// Said when it went through.
    gelukt: String,
    /// Put before the server's reason when it did not.
    mislukt: &'static str,
}

impl Schrijven {
    /// Sends the write, says in `melding` how it went, then runs `daarna` (reading the
    /// list again) either way.
    fn doe(self, melding: RwSignal<Option<(bool, String)>>, daarna: impl FnOnce() + 'static) {
        leptos::task::spawn_local(async move {
            let uitkomst = stuur(self.methode, &self.pad, self.inhoud, &self.csrf, None).await;
            melding.set(Some(match uitkomst {
                Ok(_) => (true, self.gelukt),
                Err(probleem) => (false, format!("{}: {}", self.mislukt, probleem.detail)),
            }));
            daarna();
        });
    }
}

/// A status line: what happened, or what went wrong and what to do.
fn statusregel(melding: RwSignal<Option<(bool, String)>>, id: &'static str) -> impl IntoView {
    view! {
        <p id=id role="status" class=move || match melding.get() {
            Some((false, _)) => "gp-fout",
            _ => "gp-gelukt",
        }>
            {move || melding.get().map(|(_, tekst)| tekst)}
        </p>
    }
}

/// The accounts of one kring with what a beheerder does to them: invite, change the
/// right, disable or enable, revoke an invitation.
#[component]
fn Accountbeheer(
    /// `regie` or the gemeente's code.
    kring: String,
    beeld: Beheerbeeld,
) -> impl IntoView {
    let Beheerbeeld {
        lijst, eigen, csrf, ..
    } = beeld;
    let is_regie = kring == "regie";
    let lijst = RwSignal::new(lijst);
    let melding = RwSignal::new(None::<(bool, String)>);
    let kring = StoredValue::new(kring);
    let csrf = StoredValue::new(csrf);
    let eigen = StoredValue::new(eigen);
    // After a write: the list as stored now.
    let ververs = move || {
        let kring = kring.get_value();
        leptos::task::spawn_local(async move {
            if let Ok(Ok(nieuw)) = accounts_ophalen(kring).await {
                lijst.set(nieuw.lijst);
            }
        });
    };
    let wijzig = move |id: String, wijziging: Accountwijziging, gelukt: String| {
        let schrijven = Schrijven {
            methode: "PATCH",
            pad: format!("{}/accounts/{id}", kringpad(&kring.get_value())),
            inhoud: Inhoud::json(&wijziging),
            csrf: csrf.get_value(),
            gelukt,
            mislukt: "Niet gewijzigd",
        };
        schrijven.doe(melding, ververs);
    };
    let trek_in = move |id: String, email: String| {
        let schrijven = Schrijven {
            methode: "DELETE",
            pad: format!("{}/uitnodigingen/{id}", kringpad(&kring.get_value())),
            inhoud: Inhoud::Geen,
            csrf: csrf.get_value(),
            gelukt: format!("De uitnodiging voor {email} is ingetrokken."),
            mislukt: "Niet ingetrokken",
        };
        schrijven.doe(melding, ververs);
    };
    let accounts = move || {
        let rijen = lijst.with(|l| l.accounts.clone());
        if rijen.is_empty() {
            return view! { <p class="utrecht-paragraph">"Nog geen accounts."</p> }.into_any();
        }
        let rijen = rijen
            .into_iter()
            .map(|a| {
                let zelf = eigen.with_value(|e| *e == a.email);
                let actief = a.uitgeschakeld_op.is_none();
                let gekozen = RwSignal::new(a.recht.unwrap_or(Lidrecht::Bewerken));
                let (id, id2, email, email2) =
                    (a.id.clone(), a.id.clone(), a.email.clone(), a.email.clone());
                let select_id = format!("recht-{}", a.id);
                let status = match &a.uitgeschakeld_op {
                    None => "Actief".to_owned(),
                    Some(sinds) => format!("Uitgeschakeld sinds {}", moment_lang(sinds)),
                };
                let via = if a.aanbieders.is_empty() {
                    "wachtwoord".to_owned()
                } else {
                    a.aanbieders.join(", ")
                };
                let recht = (!is_regie).then(|| {
                    let select_id2 = select_id.clone();
                    view! {
                        <td class="utrecht-table__cell">
                            <label class="gp-visueel-verborgen" for=select_id.clone()>{format!("Recht van {}", a.email)}</label>
                            <select class="utrecht-select" id=select_id2 disabled=zelf
                                on:change=move |ev| {
                                    if let Ok(r) = Lidrecht::parse(&event_target_value(&ev)) {
                                        gekozen.set(r);
                                    }
                                }>
                                {Lidrecht::ALLE.into_iter().map(|r| view! {
                                    <option value=r.als_tekst() selected=a.recht == Some(r)>{r.label()}</option>
                                }).collect_view()}
                            </select>
                            <button type="button" class="utrecht-button utrecht-button--secondary-action"
                                disabled=zelf
                                aria-label=format!("Recht opslaan voor {}", a.email)
                                on:click=move |_| {
                                    let nieuw = gekozen.get_untracked();
                                    wijzig(id.clone(), Accountwijziging { recht: Some(nieuw), actief: None },
                                        format!("{email}: {}.", nieuw.label().to_lowercase()));
                                }>
                                "Opslaan"
                            </button>
                        </td>
                    }
                });
                let (knop, doel) = if actief { ("Uitschakelen", false) } else { ("Inschakelen", true) };
                view! {
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">
                            {a.email.clone()}
                            {zelf.then_some(" (uzelf)")}
                        </th>
                        {recht}
                        <td class="utrecht-table__cell">{status}</td>
                        <td class="utrecht-table__cell">{via}</td>
                        <td class="utrecht-table__cell">
                            <button type="button" class="utrecht-button utrecht-button--secondary-action"
                                disabled=zelf
                                aria-label=format!("{knop}: {}", a.email)
                                on:click=move |_| {
                                    let gelukt = if doel {
                                        format!("{email2} is weer ingeschakeld.")
                                    } else {
                                        format!("{email2} is uitgeschakeld en uitgelogd.")
                                    };
                                    wijzig(id2.clone(), Accountwijziging { recht: None, actief: Some(doel) }, gelukt);
                                }>
                                {knop}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let koppen: &'static [&'static str] = if is_regie {
            &["Account", "Status", "Inloggen met", "Actie"]
        } else {
            &["Account", "Recht", "Status", "Inloggen met", "Actie"]
        };
        view! {
            <Schuifvlak label="Accounts">
                <table class="utrecht-table utrecht-table--html-table" id="accounts">
                    <caption class="utrecht-table__caption">
                        {if is_regie { "Accounts en hun status" } else { "Accounts, met hun recht en status" }}
                    </caption>
                    <Kolomkoppen koppen />
                    <tbody class="utrecht-table__body">{rijen}</tbody>
                </table>
            </Schuifvlak>
        }
        .into_any()
    };
    let open = move || {
        let rijen = lijst.with(|l| l.uitnodigingen.clone());
        if rijen.is_empty() {
            return view! { <p class="utrecht-paragraph">"Geen openstaande uitnodigingen."</p> }
                .into_any();
        }
        let rijen = rijen
            .into_iter()
            .map(|u| {
                let (id, email) = (u.id.clone(), u.email.clone());
                view! {
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">{u.email.clone()}</th>
                        <td class="utrecht-table__cell">{u.recht.map_or("Regie", Lidrecht::label)}</td>
                        <td class="utrecht-table__cell">{u.uitgenodigd_door.clone()}</td>
                        <td class="utrecht-table__cell">{moment_lang(&u.verloopt_op)}</td>
                        <td class="utrecht-table__cell">
                            <button type="button" class="utrecht-button utrecht-button--secondary-action"
                                aria-label=format!("Uitnodiging intrekken voor {}", u.email)
                                on:click=move |_| trek_in(id.clone(), email.clone())>
                                "Intrekken"
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <Schuifvlak label="Openstaande uitnodigingen">
                <table class="utrecht-table utrecht-table--html-table" id="uitnodigingen">
                    <caption class="utrecht-table__caption">"Uitnodigingen die nog niet zijn gebruikt"</caption>
                    <Kolomkoppen koppen=&["Voor", "Recht", "Uitgenodigd door", "Geldig tot", "Actie"] />
                    <tbody class="utrecht-table__body">{rijen}</tbody>
                </table>
            </Schuifvlak>
        }
        .into_any()
    };
    view! {
        <Uitnodigen id="uitnodiging"
            kop=if is_regie { "Regie-collega uitnodigen" } else { "Collega uitnodigen" }
            pad=format!("{}/uitnodigingen", kringpad(&kring.get_value()))
            vast_recht=is_regie.then_some(Lidrecht::Bewerken)
            csrf=csrf.get_value() na=Callback::new(move |()| ververs()) />
        <h2 class="utrecht-heading-2">{if is_regie { "Accounts van de regie" } else { "Accounts" }}</h2>
        {statusregel(melding, "accounts-melding")}
        {accounts}
        <h2 class="utrecht-heading-2">"Openstaande uitnodigingen"</h2>
        {open}
    }
}

/// The form that invites someone at `pad` and shows the link to send, this once.
#[component]
fn Uitnodigen(
    /// Unique on the page: the ids of the fields derive from it.
    id: &'static str,
    /// The form's heading, if it has its own.
    #[prop(optional)]
    kop: Option<&'static str>,
    /// The API path the invitation is posted to.
    pad: String,
    /// The right the invitation gives; none: the beheerder chooses (a gemeente's
    /// members).
    #[prop(default = None)]
    vast_recht: Option<Lidrecht>,
    csrf: String,
    /// Called once an invitation is made.
    #[prop(optional)]
    na: Option<Callback<()>>,
) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let recht = RwSignal::new(vast_recht.unwrap_or(Lidrecht::Bewerken));
    let fout = RwSignal::new(None::<Probleem>);
    let link = RwSignal::new(None::<(String, String, String)>);
    let bezig = RwSignal::new(false);
    let verstuur = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (pad, csrf) = (pad.clone(), csrf.clone());
        let invoer = Uitnodigingsinvoer {
            email: email.get_untracked(),
            recht: Some(recht.get_untracked()),
        };
        bezig.set(true);
        leptos::task::spawn_local(async move {
            let uitkomst = stuur("POST", &pad, Inhoud::json(&invoer), &csrf, None).await;
            bezig.set(false);
            match uitkomst.and_then(|a| a.lees::<NieuweUitnodiging>()) {
                Ok(nieuw) => {
                    fout.set(None);
                    link.set(Some((
                        invoer.email.trim().to_lowercase(),
                        volledig(&nieuw.link),
                        moment_lang(&nieuw.verloopt_op),
                    )));
                    email.set(String::new());
                    if let Some(na) = na {
                        na.run(());
                    }
                }
                Err(probleem) => {
                    link.set(None);
                    fout.set(Some(probleem));
                }
            }
        });
    };
    let veldfout = move || {
        fout.with(|f| {
            f.as_ref()
                .map(|p| p.voor_veld("email").unwrap_or_else(|| p.detail.clone()))
        })
    };
    let (email_id, fout_id, recht_id, link_id) = (
        format!("{id}-email"),
        format!("{id}-fout"),
        format!("{id}-recht"),
        format!("{id}-link"),
    );
    view! {
        <form class="gp-formulier" on:submit=verstuur>
            {kop.map(|kop| view! { <h2 class="utrecht-heading-2">{kop}</h2> })}
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for=email_id.clone()>"E-mailadres"</label>
                <input class="utrecht-textbox" id=email_id type="email" autocomplete="off"
                    aria-describedby=fout_id.clone()
                    prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev)) />
                <p class="gp-veldfout" id=fout_id>{veldfout}</p>
            </div>
            {vast_recht.is_none().then(|| view! {
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for=recht_id.clone()>"Recht"</label>
                    <select class="utrecht-select" id=recht_id
                        on:change=move |ev| {
                            if let Ok(r) = Lidrecht::parse(&event_target_value(&ev)) {
                                recht.set(r);
                            }
                        }>
                        {Lidrecht::ALLE.into_iter().map(|r| view! {
                            <option value=r.als_tekst() selected=r == Lidrecht::Bewerken>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            <button class="utrecht-button utrecht-button--primary-action" type="submit" id=format!("{id}-maken")
                disabled=move || bezig.get()>
                "Uitnodiging maken"
            </button>
        </form>
        <div role="status">
            {move || link.get().map(|(voor, adres, tot)| view! {
                <div class="gp-uitnodigingslink">
                    <p class="utrecht-paragraph">
                        {format!("Stuur deze link aan {voor}. Hij werkt één keer en is geldig tot {tot}; u ziet hem alleen nu.")}
                    </p>
                    <label class="utrecht-form-label" for=link_id.clone()>"Uitnodigingslink"</label>
                    <input class="utrecht-textbox" id=link_id.clone() type="text" readonly=true value=adres />
                </div>
            })}
        </div>
    }
}

/// Regie appoints a gemeente's beheerder: an invitation with the right `beheren`.
#[component]
fn Benoeming(gemeenten: Vec<Gemeente>, csrf: String) -> impl IntoView {
    let gekozen = RwSignal::new(None::<GemeenteCode>);
    let opties = gemeenten
        .iter()
        .map(|g| view! { <option value=g.code.to_string()>{format!("{} ({})", g.naam, g.code)}</option> })
        .collect_view();
    let formulier = move || {
        gekozen.get().map(|code| {
            view! {
                <Uitnodigen id="benoemen" pad=format!("/gemeenten/{code}/uitnodigingen")
                    vast_recht=Some(Lidrecht::Beheren) csrf=csrf.clone() />
            }
        })
    };
    view! {
        <section aria-labelledby="benoemen-kop">
            <h2 class="utrecht-heading-2" id="benoemen-kop">"Beheerder benoemen"</h2>
            <div class="utrecht-form-field gp-formulier">
                <label class="utrecht-form-label" for="benoemen-gemeente">"Gemeente"</label>
                <select class="utrecht-select" id="benoemen-gemeente"
                    on:change=move |ev| gekozen.set(GemeenteCode::parse(&event_target_value(&ev)).ok())>
                    <option value="">"Kies een gemeente"</option>
                    {opties}
                </select>
            </div>
            {formulier}
        </section>
    }
}

/// Regie's API tokens: the list, a new one (shown once), revoking.
#[component]
fn Tokens(tokens: Vec<Tokenregel>, gemeenten: Vec<Gemeente>, csrf: String) -> impl IntoView {
    let lijst = RwSignal::new(tokens);
    let naam = RwSignal::new(String::new());
    let gemeente = RwSignal::new(None::<GemeenteCode>);
    let melding = RwSignal::new(None::<(bool, String)>);
    let nieuw_token = RwSignal::new(None::<String>);
    let namen = StoredValue::new(gemeenten.clone());
    let csrf = StoredValue::new(csrf);
    let ververs = move || {
        leptos::task::spawn_local(async move {
            if let Ok(Ok(beeld)) = accounts_ophalen("regie".to_owned()).await {
                lijst.set(beeld.tokens);
            }
        });
    };
    let maak = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let invoer = Tokeninvoer {
            naam: naam.get_untracked(),
            gemeente: gemeente.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match stuur(
                "POST",
                "/tokens",
                Inhoud::json(&invoer),
                &csrf.get_value(),
                None,
            )
            .await
            .and_then(|a| a.lees::<NieuwToken>())
            {
                Ok(nieuw) => {
                    melding.set(Some((
                        true,
                        format!("Token \u{201c}{}\u{201d} gemaakt.", invoer.naam.trim()),
                    )));
                    nieuw_token.set(Some(nieuw.token));
                    naam.set(String::new());
                    ververs();
                }
                Err(probleem) => {
                    nieuw_token.set(None);
                    melding.set(Some((
                        false,
                        probleem
                            .voor_veld("naam")
                            .or_else(|| probleem.voor_veld("gemeente"))
                            .unwrap_or(probleem.detail),
                    )));
                }
            }
        });
    };
    let trek_in = move |id: String, wat: String| {
        let schrijven = Schrijven {
            methode: "DELETE",
            pad: format!("/tokens/{id}"),
            inhoud: Inhoud::Geen,
            csrf: csrf.get_value(),
            gelukt: format!("Token \u{201c}{wat}\u{201d} is ingetrokken."),
            mislukt: "Niet ingetrokken",
        };
        schrijven.doe(melding, ververs);
    };
    let gemeentenaam = move |code: &Option<GemeenteCode>| match code {
        None => "Regie".to_owned(),
        Some(code) => namen.with_value(|n| {
            n.iter()
                .find(|g| &g.code == code)
                .map_or_else(|| code.to_string(), |g| g.naam.clone())
        }),
    };
    let rijen = move || {
        lijst
            .get()
            .into_iter()
            .map(|t| {
                let (id, wat) = (t.id.clone(), t.naam.clone());
                let actief = t.ingetrokken_op.is_none();
                view! {
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">{t.naam.clone()}</th>
                        <td class="utrecht-table__cell">{gemeentenaam(&t.gemeente)}</td>
                        <td class="utrecht-table__cell">{moment_lang(&t.aangemaakt_op)}</td>
                        <td class="utrecht-table__cell">
                            {t.ingetrokken_op.as_deref().map_or_else(|| "Actief".to_owned(), |m| format!("Ingetrokken {}", moment_lang(m)))}
                        </td>
                        <td class="utrecht-table__cell">
                            {actief.then(|| view! {
                                <button type="button" class="utrecht-button utrecht-button--secondary-action"
                                    aria-label=format!("Token intrekken: {}", t.naam)
                                    on:click=move |_| trek_in(id.clone(), wat.clone())>
                                    "Intrekken"
                                </button>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="tokens-kop">
            <h2 class="utrecht-heading-2" id="tokens-kop">"API-tokens"</h2>
            <form class="gp-formulier" on:submit=maak>
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for="token-naam">"Waarvoor"</label>
                    <input class="utrecht-textbox" id="token-naam" type="text" maxlength="100"
                        prop:value=move || naam.get()
                        on:input=move |ev| naam.set(event_target_value(&ev)) />
                </div>
                <div class="utrecht-form-field">
                    <label class="utrecht-form-label" for="token-gemeente">"Voor"</label>
                    <select class="utrecht-select" id="token-gemeente"
                        on:change=move |ev| gemeente.set(GemeenteCode::parse(&event_target_value(&ev)).ok())>
                        <option value="">"De regie"</option>
                        {gemeenten.iter().map(|g| view! { <option value=g.code.to_string()>{g.naam.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Token maken"</button>
            </form>
            {statusregel(melding, "tokens-melding")}
            {move || nieuw_token.get().map(|token| view! {
                <label class="utrecht-form-label" for="token-nieuw">"Het nieuwe token (u ziet het alleen nu)"</label>
                <input class="utrecht-textbox" id="token-nieuw" type="text" readonly=true value=token />
            })}
            <Schuifvlak label="Tabel van de API-tokens">
                <table class="utrecht-table utrecht-table--html-table" id="tokens">
                    <caption class="utrecht-table__caption">"API-tokens, nieuwste eerst"</caption>
                    <Kolomkoppen koppen=&["Waarvoor", "Voor", "Gemaakt", "Status", "Actie"] />
                    <tbody class="utrecht-table__body">{rijen}</tbody>
                </table>
            </Schuifvlak>
        </section>
    }
}
