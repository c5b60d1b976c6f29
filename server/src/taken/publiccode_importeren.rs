//! Regie imports a publiccode.yml into the Componentencatalogus: a component with the same
//! `url` is updated (name, layer, status, licence, users, dependencies), else a new one is
//! made in the layer the file names or the caller chose, with the default terms of
//! [`Component::nieuw`]. `usedBy` names are matched to gemeenten and `dependsOn` names to
//! components; what matches nothing is reported, not stored.

use domain::catalogus::{MAX_SUGGESTIES, naaste_namen};
use domain::contract::{Bedoeling, Componentimport};
use domain::toegang::recht::PubliekSchrijfrecht;
use domain::{Component, ComponentId, Gemeente, Laag};

use super::Taakfout;
use super::importwerk::Importwerk;
use crate::db::Db;
use crate::import::publiccode::{self, Publiccode, gemeentenaam};

/// Reads a publiccode.yml off the async workers and imports it for regie; `gevraagd` is
/// the layer for a file that names none.
///
/// # Errors
/// An unreadable file, no layer at all (named `laag`), no free place to read it, or
/// storage; then nothing is stored.
pub async fn importeer(
    db: &Db,
    importwerk: &Importwerk,
    recht: &PubliekSchrijfrecht,
    bytes: bytes::Bytes,
    gevraagd: Option<Laag>,
) -> Result<Componentimport, Taakfout> {
    let plaats = importwerk.plaats().await?;
    let p = Importwerk::doe(&plaats, move || publiccode::lees(&bytes)).await?;
    let laag = p.laag.or(gevraagd).ok_or_else(|| {
        Taakfout::Ongeldig(
            "laag",
            "het bestand noemt geen laag (nl.commonground.layerType): geef ?laag= mee".into(),
        )
    })?;
    let gemeenten = db.alle_gemeenten().await?;
    let catalogus = db.componenten().await?;
    let import = koppel(&p, laag, &gemeenten, &catalogus);
    let voor = catalogus
        .iter()
        .find(|k| k.id == import.component.id && !import.nieuw);
    db.bewaar_geimporteerde_component(recht, &import.component, voor)
        .await?;
    Ok(import)
}

/// What importing `p` into `catalogus` comes to: the component as it will be stored and
/// what could not be matched.
fn koppel(
    p: &Publiccode,
    laag: Laag,
    gemeenten: &[Gemeente],
    catalogus: &[Component],
) -> Componentimport {
    let bestaand = catalogus
        .iter()
        .find(|k| k.url.as_deref() == Some(p.url.as_str()));
    let mut onbekende_gemeenten = Vec::new();
    let mut gebruikt_door = Vec::new();
    for gebruiker in &p.gebruikt_door {
        let naam = gemeentenaam(gebruiker);
        match gemeenten.iter().find(|g| {
            g.naam.eq_ignore_ascii_case(&naam) || g.naam.to_lowercase() == naam.to_lowercase()
        }) {
            Some(g) if !gebruikt_door.contains(&g.code) => gebruikt_door.push(g.code.clone()),
            Some(_) => {}
            None => onbekende_gemeenten.push(gebruiker.clone()),
        }
    }
    let mut onbekende_afhankelijkheden = Vec::new();
    let mut afhankelijk_van = Vec::new();
    for naam in &p.afhankelijk_van {
        match catalogus
            .iter()
            .find(|k| k.naam.eq_ignore_ascii_case(naam) && k.url.as_deref() != Some(p.url.as_str()))
        {
            Some(k) => afhankelijk_van.push(k.id.clone()),
            None => onbekende_afhankelijkheden.push(naam.clone()),
        }
    }
    // "Bedoelt u …?" for the first unknown names only: a hostile file of thousands must
    // not cost a comparison with every gemeente for each.
    let gemeentenamen: Vec<&str> = gemeenten.iter().map(|g| g.naam.as_str()).collect();
    let componentnamen: Vec<&str> = catalogus.iter().map(|k| k.naam.as_str()).collect();
    let bedoeld: Vec<Bedoeling> = onbekende_gemeenten
        .iter()
        .map(|g| (g, gemeentenaam(g), &gemeentenamen))
        .chain(
            onbekende_afhankelijkheden
                .iter()
                .map(|k| (k, k.clone(), &componentnamen)),
        )
        .take(MAX_SUGGESTIES)
        .filter_map(|(onbekend, gezocht, namen)| {
            let bedoelt = naaste_namen(&gezocht, namen.iter().copied());
            (!bedoelt.is_empty()).then(|| Bedoeling {
                onbekend: onbekend.clone(),
                bedoelt,
            })
        })
        .collect();
    let basis = bestaand.cloned().unwrap_or_else(|| {
        let id = ComponentId::vrij(&p.naam, |kandidaat| {
            catalogus.iter().any(|k| k.id.as_str() == kandidaat)
        });
        Component::nieuw(id, p.naam.clone(), laag)
    });
    Componentimport {
        nieuw: bestaand.is_none(),
        component: Component {
            naam: p.naam.clone(),
            laag: p.laag.unwrap_or(laag),
            status: p.status,
            licentie: p.licentie.clone(),
            url: Some(p.url.clone()),
            gebruikt_door,
            afhankelijk_van,
            ..basis
        },
        onbekende_gemeenten,
        onbekende_afhankelijkheden,
        bedoeld,
    }
}

#[cfg(test)]
mod tests {
    use domain::{GemeenteCode, Status};

    use super::*;

    fn publiccode(url: &str) -> Publiccode {
        Publiccode {
            naam: "Open Zaak".into(),
            url: url.into(),
            status: Status::Beschikbaar,
            laag: None,
            licentie: Some("EUPL-1.2".into()),
            gebruikt_door: vec!["Gemeente Utrecht".into(), "Gemeente Nergenshuizen".into()],
            afhankelijk_van: vec!["Open Notificaties".into(), "PostgreSQL".into()],
        }
    }

    fn gemeenten() -> Vec<Gemeente> {
        vec![Gemeente {
            code: GemeenteCode::parse("GM0344").expect("code"),
            naam: "Utrecht".into(),
            provincie: "Utrecht".into(),
        }]
    }

    #[test]
    fn a_new_file_makes_a_component_with_default_terms_and_reports_what_matches_nothing() {
        let mut notificaties = Component::nieuw(
            ComponentId::parse("open-notificaties").expect("id"),
            "Open Notificaties".into(),
            Laag::Services,
        );
        notificaties.url = Some("https://github.com/open-zaak/open-notificaties".into());
        let bezet = Component::nieuw(
            ComponentId::parse("open-zaak").expect("id"),
            "Ander".into(),
            Laag::Data,
        );
        let import = koppel(
            &publiccode("https://github.com/open-zaak/open-zaak"),
            Laag::Services,
            &gemeenten(),
            &[notificaties, bezet],
        );
        assert!(import.nieuw);
        assert_eq!(import.component.id.as_str(), "open-zaak-2", "a free id");
        assert_eq!(
            import.component.migratie_fte,
            domain::catalogus::STANDAARD_MIGRATIE_FTE
        );
        assert_eq!(
            import.component.gebruikt_door,
            vec![GemeenteCode::parse("GM0344").expect("code")]
        );
        assert_eq!(
            import.onbekende_gemeenten,
            vec!["Gemeente Nergenshuizen".to_owned()]
        );
        assert_eq!(
            import.component.afhankelijk_van[0].as_str(),
            "open-notificaties"
        );
        assert_eq!(
            import.onbekende_afhankelijkheden,
            vec!["PostgreSQL".to_owned()]
        );
        assert!(
            import.bedoeld.is_empty(),
            "nothing comes close to Nergenshuizen or PostgreSQL"
        );
    }

    #[test]
    fn a_misspelled_gemeente_or_component_gets_the_names_it_may_have_meant() {
        let mut p = publiccode("https://github.com/open-zaak/open-zaak");
        p.gebruikt_door = vec!["Gemeente Utreht".into()];
        p.afhankelijk_van = vec!["Open Notificatie".into()];
        let notificaties = Component::nieuw(
            ComponentId::parse("open-notificaties").expect("id"),
            "Open Notificaties".into(),
            Laag::Services,
        );
        let import = koppel(&p, Laag::Services, &gemeenten(), &[notificaties]);
        assert_eq!(
            import.bedoeld,
            [
                Bedoeling {
                    onbekend: "Gemeente Utreht".into(),
                    bedoelt: vec!["Utrecht".into()],
                },
                Bedoeling {
                    onbekend: "Open Notificatie".into(),
                    bedoelt: vec!["Open Notificaties".into()],
                },
            ]
        );
    }

    #[test]
    fn the_same_url_updates_the_component_and_keeps_what_the_file_does_not_say() {
        let mut oud = Component::nieuw(
            ComponentId::parse("oz").expect("id"),
            "OZ".into(),
            Laag::Data,
        );
        oud.url = Some("https://github.com/open-zaak/open-zaak".into());
        oud.migratie_fte = 2.0;
        let import = koppel(
            &publiccode("https://github.com/open-zaak/open-zaak"),
            Laag::Services,
            &[],
            &[oud],
        );
        assert!(!import.nieuw);
        assert_eq!(import.component.id.as_str(), "oz");
        assert_eq!(import.component.naam, "Open Zaak");
        assert_eq!(
            import.component.laag,
            Laag::Services,
            "the chosen layer when the file names none"
        );
        assert!(
            (import.component.migratie_fte - 2.0).abs() < f64::EPSILON,
            "kept"
        );
    }
}
