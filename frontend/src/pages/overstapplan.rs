//! `/gemeenten/{code}/overstapplan?peildatum=`: DOMAIN.md sections 1–3 for one gemeente,
//! computed by the `domain` crate from the stored data (on the server for the first
//! render, then in the browser): per applicatie its outcome, overstapmoment and
//! opzeg-deadline (urgent ones stand out), its exit points against readiness, what can be
//! dropped and what that saves, and besparing per year.

use chrono::NaiveDate;
use domain::afschaffen::Afschaffing;
use domain::contract::Planbasis;
use domain::{GemeenteCode, Overstap, Overstapcontext, Overstapplan, Uitkomst, overstapplan};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::belastinggrafiek::Belastinggrafiek;
use crate::components::besparingsgrafiek::Besparingsgrafiek;
use crate::components::tabel::{Kolomkoppen, Schuifvlak};
use crate::components::vast::vast;
use crate::formaat::{bedrag, datum_kort, datum_lang, getal};
use crate::pages::laden::{gemeentekop, laden_eigen};
use crate::server_fns::landschap::planbasis_ophalen;
use werklijst::Werklijst;

mod werklijst;

/// The overstapplan page.
#[component]
pub fn OverstapplanPagina() -> impl IntoView {
    let code = use_params_map().with_untracked(|p| p.get("code").unwrap_or_default());
    let query = use_query_map();
    let gevraagd = move || query.with(|q| q.get("peildatum").unwrap_or_default());
    let basis = OnceResource::new(planbasis_ophalen(code.clone(), false));
    view! {
        {gemeentekop("Overstapplan van", code.clone())}
        <p class="utrecht-paragraph">
            <a class="utrecht-link" href=format!("/gemeenten/{code}/landschap")>"Naar het applicatielandschap"</a>
        </p>
        {laden_eigen("Het plan wordt berekend…", basis, move |pb| {
            let code = code.clone();
            async move {
                let tekst = gevraagd();
                let gelezen = (!tekst.is_empty()).then(|| domain::datum::lees_datum(&tekst));
                let fout = gelezen.as_ref().and_then(|g| g.as_ref().err())
                    .map(|fout| format!("{fout}; het plan gebruikt vandaag."));
                let peildatum = gelezen.and_then(Result::ok).unwrap_or(pb.peildatum);
                view! {
                    <form class="gp-filters" method="get">
                        <div class="utrecht-form-field">
                            <label class="utrecht-form-label" for="peildatum">"Peildatum"</label>
                            <input class="utrecht-textbox" type="date" id="peildatum" name="peildatum"
                                value=peildatum.to_string() aria-describedby="peildatum-fout" />
                            <p class="gp-veldfout" id="peildatum-fout">{fout}</p>
                        </div>
                        <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Herberekenen"</button>
                    </form>
                    <p class="utrecht-paragraph gp-exports">
                        "Exporteren: "
                        <a class="utrecht-link" download=""
                            href=format!("/api/v1/gemeenten/{code}/overstapplan/export?peildatum={peildatum}")>
                            "overstapplan (CSV)"
                        </a>
                        ", "
                        <a class="utrecht-link" download=""
                            href=format!("/api/v1/gemeenten/{code}/overstapplan/export?peildatum={peildatum}&formaat=xlsx")>
                            "overstapplan (Excel)"
                        </a>
                        ", "
                        <a class="utrecht-link" download=""
                            href=format!("/api/v1/gemeenten/{code}/applicaties/export?formaat=archimate")>
                            "landschap met overstapmomenten (ArchiMate, voor uw architectuurtool)"
                        </a>
                        ", "
                        <a class="utrecht-link" download=""
                            href=format!("/api/v1/gemeenten/{code}/agenda.ics?peildatum={peildatum}")>
                            "opzegdatums en overstapmomenten (iCalendar, voor Outlook)"
                        </a>
                        ", "
                        <a class="utrecht-link" download="" href="/api/v1/besluiten.ics">
                            "besluitmomenten van de Routekaart (iCalendar)"
                        </a>
                        ". "
                        <button type="button" class="utrecht-button utrecht-button--secondary-action gp-afdrukken"
                            on:click=move |_| afdrukken()>
                            "Afdrukken voor een collegevoorstel"
                        </button>
                    </p>
                    <Plan code=code basis=pb peildatum=peildatum />
                }
                    .into_any()
            }
        })}
    }
}

#[component]
fn Plan(code: String, basis: Planbasis, peildatum: NaiveDate) -> impl IntoView {
    let Ok(gemeente) = GemeenteCode::parse(&code) else {
        return view! { <p class="gp-fout" role="alert">"Onbekende gemeentecode."</p> }.into_any();
    };
    let b = basis.basis;
    let context = Overstapcontext::new(peildatum, &b.componenten, &b.routekaart);
    let mut plan = overstapplan(&context, &gemeente, &b.applicaties, b.capaciteit);
    plan.aan_te_vullen = basis.aan_te_vullen.iter().map(Into::into).collect();
    view! { <Planweergave plan basis=b /> }.into_any()
}

/// An overstapplan as tables and charts: per applicatie, its exit points, what can go,
/// and money per year. `basis` is the data it was computed on (for names).
#[component]
pub fn Planweergave(plan: Overstapplan, basis: domain::scenario::Basis) -> impl IntoView {
    let peildatum = plan.peildatum;
    let b = &basis;
    let overstappen = plan
        .applicaties
        .iter()
        .filter(|o| matches!(o.uitkomst, Uitkomst::Overstap { .. }))
        .count();
    let urgent = plan
        .applicaties
        .iter()
        .filter(|o| matches!(o.uitkomst, Uitkomst::Overstap { urgent: true, .. }))
        .count();
    let rijen = werklijst::rijen(&plan, b);
    let buiten_plan = (!plan.aan_te_vullen.is_empty()).then(|| {
        let namen: Vec<String> = plan
            .aan_te_vullen
            .iter()
            .map(|a| {
                let velden: Vec<String> =
                    a.ontbreekt.iter().map(|v| crate::formaat::veldnaam(v)).collect();
                format!("{} ({} ontbreekt)", a.naam, velden.join(", "))
            })
            .collect();
        view! {
            <section class="gp-buiten-plan" aria-labelledby="buiten-plan-kop">
                <h2 class="utrecht-heading-2" id="buiten-plan-kop">
                    {format!(
                        "Niet in dit plan: {} zonder einddatum",
                        crate::formaat::telwoord(namen.len(), "applicatie", "applicaties")
                    )}
                </h2>
                <p class="utrecht-paragraph">
                    "Zonder einddatum is er geen uitstapmoment, dus rekent het plan niet met: "
                    {namen.join("; ")}
                    ". "
                    <a class="utrecht-link" href=format!("/gemeenten/{}/landschap#aanvullen-kop", plan.gemeente)>
                        "Vul ze aan in het landschap"
                    </a>
                    "."
                </p>
            </section>
        }
    });
    view! {
        {buiten_plan}
        <dl class="gp-kenmerken">
            <dt>"Peildatum"</dt><dd>{datum_lang(peildatum)}</dd>
            <dt>"Applicaties"</dt><dd>{plan.applicaties.len()}</dd>
            <dt>"Overstap zonder frictie mogelijk"</dt><dd>{overstappen}</dd>
            <dt>"Urgent (opzeggen binnen 3 maanden)"</dt><dd>{urgent}</dd>
            <dt>"Terugverdienjaar"</dt>
            <dd>{plan.terugverdienjaar.map_or_else(|| "niet binnen de horizon".to_owned(), |j| j.to_string())}</dd>
        </dl>
        <h2 class="utrecht-heading-2">"Per applicatie"</h2>
        <Werklijst rijen plan=plan.clone() basis=basis.clone() />
        <h2 class="utrecht-heading-2">"Ongebruikt"</h2>
        <Afschaffingen id="ongebruikt" label="Ongebruikte applicaties" lijst=plan.ongebruikt.clone() namen=b.applicaties.clone() />
        <h2 class="utrecht-heading-2">"Overbodig"</h2>
        <Afschaffingen id="overbodig" label="Overbodige applicaties" lijst=plan.overbodig.clone() namen=b.applicaties.clone() />
        <h2 class="utrecht-heading-2">"Besparing per jaar"</h2>
        <Besparingsgrafiek
            besparing=plan.besparing_per_jaar.clone()
            bijdragen=plan.bijdragen_per_jaar.clone()
            netto=plan.netto_per_jaar.clone()
        />
        <h2 class="utrecht-heading-2">"Mensen per kwartaal"</h2>
        {basis.capaciteit.is_none().then(|| view! {
            <p class="utrecht-paragraph">
                "De capaciteit is nog niet ingevuld; vul die in bij het wat-als op de Routekaart om te zien welke kwartalen overbelast raken."
            </p>
        })}
        <Belastinggrafiek id="plan-belasting" plan=plan.clone() basis=basis.clone() />
    }
    .into_any()
}

/// One row of the plan table, in words.
struct Planregel {
    naam: String,
    uitkomst: &'static str,
    component: String,
    gereed: String,
    moment: String,
    opzeggen: String,
    urgent: bool,
    wachttijd: String,
    kosten: String,
}

impl Planregel {
    fn van(o: &Overstap, component: String) -> Self {
        let leeg = || "—".to_owned();
        let mut regel = Self {
            naam: o.naam.clone(),
            uitkomst: "",
            component,
            gereed: leeg(),
            moment: leeg(),
            opzeggen: leeg(),
            urgent: false,
            wachttijd: leeg(),
            kosten: leeg(),
        };
        match &o.uitkomst {
            Uitkomst::GeenComponent => regel.uitkomst = "Geen component",
            Uitkomst::Overstap {
                gereed,
                overstapmoment,
                opzeggen_voor,
                wachttijd_dagen,
                frictiekosten,
                urgent,
                ..
            } => {
                regel.uitkomst = "Overstap";
                regel.gereed = datum_kort(*gereed);
                regel.moment = datum_kort(*overstapmoment);
                regel.opzeggen =
                    opzeggen_voor.map_or_else(|| "niet nodig (contract stopt)".into(), datum_kort);
                regel.urgent = *urgent;
                regel.wachttijd = getal(*wachttijd_dagen);
                regel.kosten = format!("{} frictie", bedrag(*frictiekosten));
            }
            Uitkomst::Overbrugging {
                gereed,
                definitief_einde,
                overbrugging_dagen,
                overbruggingskosten,
                ..
            } => {
                regel.uitkomst = "Overbrugging nodig";
                regel.gereed = datum_kort(*gereed);
                regel.moment = format!("contract stopt {}", datum_kort(*definitief_einde));
                regel.wachttijd = format!("{} te overbruggen", getal(*overbrugging_dagen));
                regel.kosten = format!("{} overbrugging", bedrag(*overbruggingskosten));
            }
            Uitkomst::GeenMoment { gereed, .. } => {
                regel.uitkomst = "Geen moment binnen 15 jaar";
                regel.gereed = datum_kort(*gereed);
            }
        }
        regel
    }

    fn view(self) -> impl IntoView {
        let urgent = self.urgent;
        view! {
            <tr class="utrecht-table__row" class:gp-urgent=urgent>
                <th class="utrecht-table__header-cell" scope="row">{self.naam}</th>
                <td class="utrecht-table__cell">{self.uitkomst}</td>
                <td class="utrecht-table__cell">{self.component}</td>
                <td class="utrecht-table__cell">{self.gereed}</td>
                <td class="utrecht-table__cell">{self.moment}</td>
                <td class="utrecht-table__cell">
                    {urgent.then(|| view! { <strong class="gp-label-urgent">"Urgent: "</strong> })}
                    {self.opzeggen}
                </td>
                <td class="utrecht-table__cell gp-getal">{self.wachttijd}</td>
                <td class="utrecht-table__cell gp-getal">{self.kosten}</td>
            </tr>
        }
    }
}

/// A list of applicaties to drop, with what each saves.
#[component]
fn Afschaffingen(
    id: &'static str,
    /// What the list holds, for a screen reader.
    label: &'static str,
    lijst: Vec<Afschaffing>,
    namen: Vec<domain::Applicatie>,
) -> impl IntoView {
    vast(move || {
        if lijst.is_empty() {
            return view! { <p class="utrecht-paragraph">"Geen."</p> }.into_any();
        }
        let totaal: i64 = lijst.iter().map(|a| a.jaarlijkse_kosten).sum();
        let naam_van = |id: &domain::ApplicatieId| {
            namen
                .iter()
                .find(|a| &a.id == id)
                .map_or_else(|| id.to_string(), |a| a.naam.clone())
        };
        let rijen = lijst
        .iter()
        .map(|a| {
            let door: Vec<String> = a.overgenomen_door.iter().map(|o| naam_van(&o.door)).collect();
            view! {
                <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">{a.naam.clone()}</th>
                    <td class="utrecht-table__cell">{a.afschafdatum.map_or_else(|| "geen moment binnen de horizon".to_owned(), datum_kort)}</td>
                    <td class="utrecht-table__cell gp-getal">{bedrag(a.jaarlijkse_kosten)}</td>
                    <td class="utrecht-table__cell">{if door.is_empty() { "—".to_owned() } else { door.join(", ") }}</td>
                </tr>
            }
        })
        .collect_view();
        view! {
        <Schuifvlak label=label>
            <table class="utrecht-table utrecht-table--html-table" id=id>
                <caption class="utrecht-table__caption">
                    {format!("{} applicaties, samen {} per jaar", lijst.len(), bedrag(totaal))}
                </caption>
                <Kolomkoppen koppen=&["Applicatie", "Kan weg op", "Bespaart per jaar", "Functies overgenomen door"] />
                <tbody class="utrecht-table__body">{rijen}</tbody>
            </table>
        </Schuifvlak>
    }
    .into_any()
    })
}

/// Opens the browser's print dialog; the print style sheet leaves out navigation and forms.
fn afdrukken() {
    #[cfg(feature = "hydrate")]
    if let Some(venster) = web_sys::window() {
        // Printing is the user's own choice in the dialog; a refusal changes nothing.
        let _ = venster.print();
    }
}
