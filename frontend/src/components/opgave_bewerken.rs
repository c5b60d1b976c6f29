//! Regie edits an opgave of the published Routekaart: its texts (doelstelling, aanpak,
//! coalitie, draagvlak), the dates of both fasen and the bijdrage per rol, and, as rows of
//! small tables ([`lijsten`]), its activiteiten, besluiten and deelnemers. The form reads
//! the opgave as a typed [`Opgave`], puts the fields into it and saves it through
//! `PUT /api/v1/opgaven/{id}` with the ETag just read, so a change by someone else is
//! refused, not overwritten; the server checks the whole Routekaart and names what breaks.

mod lijsten;
mod nieuw;

use domain::datum::lees_datum;
use domain::routekaart::Bijdrage;
use domain::{Opgave, Periode};
use leptos::prelude::*;

use crate::api::Probleem;
use crate::components::bestandsimport::Probleemverslag;
use lijsten::{Lijst, Lijsteditor, Rijen};
pub use nieuw::NieuweOpgave;

/// A field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Veld {
    Doelstelling,
    Randvoorwaarden,
    MensenEnMiddelen,
    Planning,
    Coalitie,
    Convenant,
    FinancieleArrangementen,
    Governance,
    OntwikkelStart,
    OntwikkelEind,
    OpschalingStart,
    OpschalingEind,
    CoalitiepartnerFte,
    CoalitiepartnerEuro,
    EersteGebruikerFte,
    EersteGebruikerEuro,
}

impl Veld {
    const ALLE: [Self; 16] = [
        Self::Doelstelling,
        Self::Randvoorwaarden,
        Self::MensenEnMiddelen,
        Self::Planning,
        Self::Coalitie,
        Self::Convenant,
        Self::FinancieleArrangementen,
        Self::Governance,
        Self::OntwikkelStart,
        Self::OntwikkelEind,
        Self::OpschalingStart,
        Self::OpschalingEind,
        Self::CoalitiepartnerFte,
        Self::CoalitiepartnerEuro,
        Self::EersteGebruikerFte,
        Self::EersteGebruikerEuro,
    ];

    /// (element id, label, input type).
    fn kenmerken(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Doelstelling => ("opgave-doelstelling", "Doelstelling", "textarea"),
            Self::Randvoorwaarden => (
                "opgave-aanpak-randvoorwaarden",
                "Aanpak: randvoorwaarden",
                "textarea",
            ),
            Self::MensenEnMiddelen => (
                "opgave-aanpak-mensenEnMiddelen",
                "Aanpak: mensen en middelen",
                "textarea",
            ),
            Self::Planning => ("opgave-aanpak-planning", "Aanpak: planning", "textarea"),
            Self::Coalitie => ("opgave-coalitie", "Coalitie", "textarea"),
            Self::Convenant => (
                "opgave-draagvlak-convenant",
                "Draagvlak: convenant",
                "textarea",
            ),
            Self::FinancieleArrangementen => (
                "opgave-draagvlak-financieleArrangementen",
                "Draagvlak: financiële arrangementen",
                "textarea",
            ),
            Self::Governance => (
                "opgave-draagvlak-governance",
                "Draagvlak: governance",
                "textarea",
            ),
            Self::OntwikkelStart => ("opgave-ontwikkelfase-start", "Ontwikkelfase: start", "date"),
            Self::OntwikkelEind => ("opgave-ontwikkelfase-eind", "Ontwikkelfase: eind", "date"),
            Self::OpschalingStart => (
                "opgave-opschalingsfase-start",
                "Opschalingsfase: start",
                "date",
            ),
            Self::OpschalingEind => (
                "opgave-opschalingsfase-eind",
                "Opschalingsfase: eind",
                "date",
            ),
            Self::CoalitiepartnerFte => (
                "opgave-bijdrage-coalitiepartner-ftePerKwartaal",
                "Bijdrage coalitiepartner: fte per kwartaal",
                "number",
            ),
            Self::CoalitiepartnerEuro => (
                "opgave-bijdrage-coalitiepartner-euro",
                "Bijdrage coalitiepartner: euro",
                "number",
            ),
            Self::EersteGebruikerFte => (
                "opgave-bijdrage-eersteGebruiker-ftePerKwartaal",
                "Bijdrage eerste gebruiker: fte per kwartaal",
                "number",
            ),
            Self::EersteGebruikerEuro => (
                "opgave-bijdrage-eersteGebruiker-euro",
                "Bijdrage eerste gebruiker: euro",
                "number",
            ),
        }
    }

    /// The field's text as the opgave has it.
    fn tekst(self, o: &Opgave) -> String {
        match self {
            Self::Doelstelling => o.doelstelling.clone(),
            Self::Randvoorwaarden => o.aanpak.randvoorwaarden.clone(),
            Self::MensenEnMiddelen => o.aanpak.mensen_en_middelen.clone(),
            Self::Planning => o.aanpak.planning.clone(),
            Self::Coalitie => o.coalitie.clone(),
            Self::Convenant => o.draagvlak.convenant.clone(),
            Self::FinancieleArrangementen => o.draagvlak.financiele_arrangementen.clone(),
            Self::Governance => o.draagvlak.governance.clone(),
            Self::OntwikkelStart => o.ontwikkelfase.periode.start().to_string(),
            Self::OntwikkelEind => o.ontwikkelfase.periode.eind().to_string(),
            Self::OpschalingStart => o.opschalingsfase.periode.start().to_string(),
            Self::OpschalingEind => o.opschalingsfase.periode.eind().to_string(),
            Self::CoalitiepartnerFte => o.bijdrage.coalitiepartner.fte_per_kwartaal.to_string(),
            Self::CoalitiepartnerEuro => o.bijdrage.coalitiepartner.euro.to_string(),
            Self::EersteGebruikerFte => o.bijdrage.eerste_gebruiker.fte_per_kwartaal.to_string(),
            Self::EersteGebruikerEuro => o.bijdrage.eerste_gebruiker.euro.to_string(),
        }
    }

    /// "Label: reason", for a refusal.
    fn fout(self, reden: impl std::fmt::Display) -> String {
        format!("{}: {reden}", self.kenmerken().1)
    }
}

/// The form's fields put into `o`.
///
/// # Errors
/// The first field that is not valid, by its label.
fn vul_in(o: &mut Opgave, tekst: impl Fn(Veld) -> String) -> Result<(), String> {
    o.doelstelling = tekst(Veld::Doelstelling);
    o.aanpak.randvoorwaarden = tekst(Veld::Randvoorwaarden);
    o.aanpak.mensen_en_middelen = tekst(Veld::MensenEnMiddelen);
    o.aanpak.planning = tekst(Veld::Planning);
    o.coalitie = tekst(Veld::Coalitie);
    o.draagvlak.convenant = tekst(Veld::Convenant);
    o.draagvlak.financiele_arrangementen = tekst(Veld::FinancieleArrangementen);
    o.draagvlak.governance = tekst(Veld::Governance);
    let periode = |start: Veld, eind: Veld| -> Result<Periode, String> {
        let s = lees_datum(&tekst(start)).map_err(|f| start.fout(f))?;
        let e = lees_datum(&tekst(eind)).map_err(|f| eind.fout(f))?;
        Periode::new(s, e).map_err(|f| eind.fout(f))
    };
    o.ontwikkelfase.periode = periode(Veld::OntwikkelStart, Veld::OntwikkelEind)?;
    o.opschalingsfase.periode = periode(Veld::OpschalingStart, Veld::OpschalingEind)?;
    let getal = |veld: Veld| -> Result<f64, String> {
        let t = tekst(veld);
        t.trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|g| g.is_finite())
            .ok_or_else(|| veld.fout(format!("'{t}' is geen getal")))
    };
    let bijdrage = |fte: Veld, euro: Veld| -> Result<Bijdrage, String> {
        Ok(Bijdrage {
            fte_per_kwartaal: getal(fte)?,
            // Whole euros; the conversion saturates, and the server bounds the amount.
            euro: getal(euro)?.round() as i64,
        })
    };
    o.bijdrage.coalitiepartner = bijdrage(Veld::CoalitiepartnerFte, Veld::CoalitiepartnerEuro)?;
    o.bijdrage.eerste_gebruiker = bijdrage(Veld::EersteGebruikerFte, Veld::EersteGebruikerEuro)?;
    Ok(())
}

/// The form, for regie only: `regie_csrf` is the session's CSRF token when regie is
/// logged in, and there is no form without it.
#[component]
pub fn OpgaveBewerken(opgave: Opgave, regie_csrf: Option<String>) -> impl IntoView {
    regie_csrf.map(|csrf| view! { <Formulier opgave csrf /> }.into_any())
}

#[component]
fn Formulier(opgave: Opgave, csrf: String) -> impl IntoView {
    let waarden: Vec<(Veld, RwSignal<String>)> = Veld::ALLE
        .iter()
        .map(|v| (*v, RwSignal::new(v.tekst(&opgave))))
        .collect();
    let waarden = StoredValue::new(waarden);
    let lijsten: Vec<(Lijst, Rijen)> = Lijst::ALLE.iter().map(|l| (*l, l.rijen(&opgave))).collect();
    let lijsten = StoredValue::new(lijsten);
    let probleem = RwSignal::new(None::<Probleem>);
    let gelukt = RwSignal::new(false);
    let id = opgave.id.to_string();
    let opslaan = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        probleem.set(None);
        gelukt.set(false);
        let pad = format!("/opgaven/{id}");
        let csrf = csrf.clone();
        let ingevuld: Vec<(Veld, String)> =
            waarden.with_value(|w| w.iter().map(|(v, s)| (*v, s.get_untracked())).collect());
        let rijen = lijsten.get_value();
        crate::api::in_browser(async move {
            // Read now for the ETag and every field this form does not show.
            let uitkomst = crate::api::wijzig(&pad, &csrf, |o: &mut Opgave| {
                let tekst = |veld: Veld| {
                    ingevuld
                        .iter()
                        .find(|(v, _)| *v == veld)
                        .map(|(_, t)| t.clone())
                        .unwrap_or_default()
                };
                vul_in(o, tekst).map_err(Probleem::lokaal)?;
                for (lijst, rijen) in rijen {
                    lijst.zet(o, rijen).map_err(Probleem::lokaal)?;
                }
                Ok(())
            })
            .await;
            match uitkomst {
                Ok(_) => gelukt.set(true),
                Err(p) => probleem.set(Some(p)),
            }
        });
    };
    let velden = waarden.with_value(|w| {
        w.iter()
            .map(|&(veld, waarde)| {
                let (veld_id, label, soort) = veld.kenmerken();
                let invoer = if soort == "textarea" {
                    view! {
                        <textarea class="utrecht-textarea" id=veld_id rows="3"
                            prop:value=move || waarde.get() on:input=move |ev| waarde.set(event_target_value(&ev))></textarea>
                    }
                    .into_any()
                } else {
                    view! {
                        <input class="utrecht-textbox" id=veld_id type=soort step="any"
                            prop:value=move || waarde.get() on:input=move |ev| waarde.set(event_target_value(&ev)) />
                    }
                    .into_any()
                };
                view! {
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for=veld_id>{label}</label>
                        {invoer}
                    </div>
                }
            })
            .collect_view()
    });
    view! {
        <section class="gp-beheer" aria-labelledby="bewerken-kop">
            <h2 class="utrecht-heading-2" id="bewerken-kop">"Opgave bewerken (regie)"</h2>
            <form class="gp-formulier gp-formulier--breed" on:submit=opslaan>
                {velden}
                {lijsten
                    .get_value()
                    .into_iter()
                    .map(|(lijst, rijen)| view! { <Lijsteditor lijst rijen /> })
                    .collect_view()}
                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Opgave opslaan"</button>
            </form>
            <div aria-live="polite">
                {move || gelukt.get().then(|| view! { <p class="gp-gelukt" role="status">"De opgave is opgeslagen; de Routekaart is bijgewerkt."</p> })}
                {move || probleem.get().map(|p| view! { <Probleemverslag probleem=p /> })}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opgave() -> Opgave {
        let periode = |s: &str, e: &str| {
            Periode::new(lees_datum(s).expect("date"), lees_datum(e).expect("date"))
                .expect("period")
        };
        Opgave::nieuw(
            domain::OpgaveId::parse("hhb").expect("id"),
            "Huishoudboekje".into(),
            periode("2026-01-01", "2026-12-31"),
            periode("2027-01-01", "2028-06-30"),
        )
    }

    #[test]
    fn every_field_reads_back_what_it_shows_and_a_wrong_one_is_named() {
        let mut o = opgave();
        o.doelstelling = "Overzicht voor elke inwoner".into();
        o.bijdrage.eerste_gebruiker.fte_per_kwartaal = 0.25;
        let teksten: Vec<(Veld, String)> = Veld::ALLE.iter().map(|v| (*v, v.tekst(&o))).collect();
        let tekst = |veld: Veld| {
            teksten
                .iter()
                .find(|(v, _)| *v == veld)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        };
        let mut terug = opgave();
        vul_in(&mut terug, tekst).expect("what the form shows is valid");
        assert_eq!(terug, o);

        let fout = vul_in(&mut opgave(), |v| match v {
            Veld::OpschalingEind => "2020-01-01".into(),
            anders => anders.tekst(&o),
        })
        .expect_err("end before start");
        assert!(
            fout.starts_with("Opschalingsfase: eind:") && fout.contains("2020-01-01"),
            "{fout}"
        );
        let fout = vul_in(&mut opgave(), |v| match v {
            Veld::CoalitiepartnerEuro => "veel".into(),
            anders => anders.tekst(&o),
        })
        .expect_err("no number");
        assert_eq!(fout, "Bijdrage coalitiepartner: euro: 'veel' is geen getal");
    }
}
