//! `/landelijk`: over all gemeenten, when switching together pays off (DOMAIN.md section
//! 6): a heatmap of overstapmomenten per component and quarter, the cohorts of the
//! kansrijke quarters, and what ongebruikte and overbodige applicaties cost nationally.
//! For logged-in members and regie; a member also chooses here whether its gemeente is
//! named in cohorts.

use crate::components::kop::Paginatitel;
use domain::landelijk::{Afschafpotentieel, LandelijkBeeld, STANDAARD_DREMPEL};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::beeld::kosten_tekst;
use crate::components::cohorten::Cohorten;
use crate::components::heatmap::Heatmap;
use crate::components::zichtbaarheid::Zichtbaarheidkeuze;
use crate::formaat::{aantal, datum_lang};
use crate::pages::laden::laden;
use crate::server_fns::landelijk::landelijk_ophalen;

/// The landelijk beeld page.
#[component]
pub fn LandelijkPagina() -> impl IntoView {
    let gevraagd = use_query_map().with_untracked(|q| q.get("drempel"));
    let invoer = gevraagd.clone().unwrap_or_default();
    let (drempel, fout) = match domain::landelijk::lees_drempel(gevraagd.as_deref()) {
        Ok(d) => (d, None),
        Err(f) => (STANDAARD_DREMPEL, Some(f)),
    };
    let pagina = OnceResource::new(landelijk_ophalen(drempel));
    view! {
        <Paginatitel tekst="Landelijk beeld" />
        <h1 class="utrecht-heading-1">"Landelijk beeld: samen overstappen"</h1>
        <p class="utrecht-paragraph gp-inleiding">
            "Wanneer loont het om samen over te stappen? Per component en kwartaal ziet u hoeveel gemeenten dan "
            "zonder frictiekosten kunnen overstappen, elk met haar eigen rol in de Routekaart. Een kwartaal is "
            "kansrijk als genoeg gemeenten tegelijk kunnen overstappen en geen buurkwartaal er meer heeft: "
            "die gemeenten vormen een cohort dat samen kan aanbesteden en migreren."
        </p>
        <form class="gp-formulier gp-filter" method="get" action="/landelijk">
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="drempel">"Drempel: gemeenten voor een kansrijk kwartaal"</label>
                <input
                    class="utrecht-textbox"
                    id="drempel"
                    name="drempel"
                    type="number"
                    min="1"
                    inputmode="numeric"
                    value=if invoer.is_empty() { drempel.to_string() } else { invoer }
                    aria-invalid=fout.is_some().then_some("true")
                    aria-describedby=fout.is_some().then_some("drempel-fout")
                />
                {fout.map(|f| view! {
                    <p class="gp-fout" id="drempel-fout" role="alert">
                        {format!("De drempel {f}; de standaard ({STANDAARD_DREMPEL}) is gebruikt.")}
                    </p>
                })}
            </div>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Toon"</button>
        </form>
        {laden("Het landelijk beeld wordt berekend…", pagina, |pagina| async move {
            let p = match pagina {
                Ok(p) => p,
                Err(domain::contract::Leesfout::NietIngelogd) => {
                    return view! {
                        <p class="gp-fout" role="alert">
                            "Het landelijk beeld is er voor gemeenten en de regie. "
                            <a href="/inloggen">"Log in"</a>
                            " om het te zien."
                        </p>
                    }
                        .into_any();
                }
                Err(fout) => return crate::components::melding::geweigerd(&fout),
            };
                let genoemd = RwSignal::new(p.eigen.as_ref().is_some_and(|e| e.genoemd));
                let eigen = p.eigen.as_ref().map(|e| (e.gemeente.clone(), genoemd.into()));
                view! {
                <Samenvatting beeld=p.beeld.clone() />
                <section aria-labelledby="heatmap-kop">
                    <h2 class="utrecht-heading-2" id="heatmap-kop">"Overstapmomenten per component en kwartaal"</h2>
                    <Heatmap beeld=p.beeld.clone() />
                </section>
                <section aria-labelledby="cohorten-kop">
                    <h2 class="utrecht-heading-2" id="cohorten-kop">"Kansrijke momenten en hun cohorten"</h2>
                    <Cohorten beeld=p.beeld namen=p.namen eigen />
                </section>
                {p.eigen.map(|eigen| view! { <Zichtbaarheidkeuze eigen opgeslagen=genoemd /> })}
                }
                    .into_any()
        })}
    }
}

/// Counts over all gemeenten, and the droppable applicaties.
#[component]
fn Samenvatting(beeld: LandelijkBeeld) -> impl IntoView {
    let afschaf = |p: Afschafpotentieel| {
        if p.applicaties == 0 {
            return "geen".to_owned();
        }
        format!(
            "{} applicaties in {} gemeenten; {}",
            aantal(p.applicaties),
            aantal(p.gemeenten),
            kosten_tekst(p.jaarlijkse_kosten)
        )
    };
    view! {
        <section aria-labelledby="samenvatting-kop">
            <h2 class="utrecht-heading-2" id="samenvatting-kop">"In het kort"</h2>
            <dl class="gp-kenmerken">
                <dt>"Peildatum"</dt>
                <dd>{datum_lang(beeld.peildatum)}</dd>
                <dt>"Gemeenten met een applicatielandschap"</dt>
                <dd>{aantal(beeld.gemeenten_met_landschap)}</dd>
                <dt>"Ongebruikte applicaties (af te schaffen)"</dt>
                <dd>{afschaf(beeld.ongebruikt)}</dd>
                <dt>"Overbodige applicaties (functie al elders vervuld)"</dt>
                <dd>{afschaf(beeld.overbodig)}</dd>
            </dl>
        </section>
    }
}
