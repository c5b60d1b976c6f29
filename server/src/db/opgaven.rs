//! The Routekaart tables: `opgaven` with their `activiteiten`, `afhankelijkheden`,
//! `besluiten` and `deelnemers`. An opgave is read in five queries whatever the number of
//! opgaven, and written in one transaction.

use std::collections::HashMap;

use domain::{
    Activiteit, ActiviteitId, Besluit, BesluitId, Bijdrage, Bijdragen, Deelnemer, Fase,
    GemeenteCode, Opgave, OpgaveId, Periode,
    routekaart::{Aanpak, Draagvlak},
};

use domain::tijdlijn::RoutekaartFout;

use super::audit::{Auditregel, Entiteit};
use super::schrijving::Versiestap;
use super::{Db, DbFout, als_tekst, datum, ongeldig, uit_tekst};
use crate::toegang::recht::PubliekSchrijfrecht;

#[derive(sqlx::FromRow)]
struct OpgaveRij {
    id: String,
    naam: String,
    doelstelling: String,
    aanpak_randvoorwaarden: String,
    aanpak_mensen_en_middelen: String,
    aanpak_planning: String,
    coalitie: String,
    draagvlak_convenant: String,
    draagvlak_financiele_arrangementen: String,
    draagvlak_governance: String,
    ontwikkelfase_start: String,
    ontwikkelfase_eind: String,
    ontwikkelfase_wacht_op_besluit: Option<String>,
    opschalingsfase_start: String,
    opschalingsfase_eind: String,
    opschalingsfase_wacht_op_besluit: Option<String>,
    bijdrage_coalitiepartner_fte: f64,
    bijdrage_coalitiepartner_euro: i64,
    bijdrage_eerste_gebruiker_fte: f64,
    bijdrage_eerste_gebruiker_euro: i64,
}

#[derive(sqlx::FromRow)]
struct ActiviteitRij {
    id: String,
    opgave_id: String,
    naam: String,
    fase: String,
    start_datum: String,
    eind_datum: String,
}

#[derive(sqlx::FromRow)]
struct AfhankelijkheidRij {
    activiteit_id: String,
    afhankelijk_van: String,
}

#[derive(sqlx::FromRow)]
struct BesluitRij {
    id: String,
    opgave_id: String,
    datum: String,
    orgaan: String,
    onderwerp: String,
}

#[derive(sqlx::FromRow)]
struct DeelnemerRij {
    opgave_id: String,
    gemeente_code: String,
    rol: String,
}

const OPGAVE_KOLOMMEN: &str = "id, naam, doelstelling, aanpak_randvoorwaarden, \
    aanpak_mensen_en_middelen, aanpak_planning, coalitie, draagvlak_convenant, \
    draagvlak_financiele_arrangementen, draagvlak_governance, ontwikkelfase_start, \
    ontwikkelfase_eind, ontwikkelfase_wacht_op_besluit, opschalingsfase_start, \
    opschalingsfase_eind, opschalingsfase_wacht_op_besluit, bijdrage_coalitiepartner_fte, \
    bijdrage_coalitiepartner_euro, bijdrage_eerste_gebruiker_fte, bijdrage_eerste_gebruiker_euro";

fn fase(start: &str, eind: &str, wacht: Option<String>) -> Result<Fase, DbFout> {
    Ok(Fase {
        periode: Periode::new(datum("opgaven", start)?, datum("opgaven", eind)?)
            .map_err(|e| ongeldig("opgaven")(&e))?,
        wacht_op_besluit: wacht
            .map(|id| BesluitId::parse(&id).map_err(|e| ongeldig("opgaven")(&e)))
            .transpose()?,
    })
}

impl OpgaveRij {
    fn naar_opgave(self) -> Result<Opgave, DbFout> {
        Ok(Opgave {
            id: OpgaveId::parse(&self.id).map_err(|e| ongeldig("opgaven")(&e))?,
            naam: self.naam,
            doelstelling: self.doelstelling,
            aanpak: Aanpak {
                randvoorwaarden: self.aanpak_randvoorwaarden,
                mensen_en_middelen: self.aanpak_mensen_en_middelen,
                planning: self.aanpak_planning,
            },
            coalitie: self.coalitie,
            draagvlak: Draagvlak {
                convenant: self.draagvlak_convenant,
                financiele_arrangementen: self.draagvlak_financiele_arrangementen,
                governance: self.draagvlak_governance,
            },
            ontwikkelfase: fase(
                &self.ontwikkelfase_start,
                &self.ontwikkelfase_eind,
                self.ontwikkelfase_wacht_op_besluit,
            )?,
            opschalingsfase: fase(
                &self.opschalingsfase_start,
                &self.opschalingsfase_eind,
                self.opschalingsfase_wacht_op_besluit,
            )?,
            activiteiten: Vec::new(),
            besluiten: Vec::new(),
            deelnemers: Vec::new(),
            bijdrage: Bijdragen {
                coalitiepartner: Bijdrage {
                    fte_per_kwartaal: self.bijdrage_coalitiepartner_fte,
                    euro: self.bijdrage_coalitiepartner_euro,
                },
                eerste_gebruiker: Bijdrage {
                    fte_per_kwartaal: self.bijdrage_eerste_gebruiker_fte,
                    euro: self.bijdrage_eerste_gebruiker_euro,
                },
            },
        })
    }
}

impl Db {
    /// All opgaven, by the start of their ontwikkelfase.
    ///
    /// # Errors
    /// When the database fails or holds a row that breaks a domain rule.
    pub async fn alle_opgaven(&self) -> Result<Vec<Opgave>, DbFout> {
        self.opgaven_bij(self.contextversie().await?).await
    }

    /// The opgaven as kept at contextversie `versie`, read when not kept.
    pub(super) async fn opgaven_bij(&self, versie: i64) -> Result<Vec<Opgave>, DbFout> {
        self.cache
            .opgaven
            .kopie_bij(versie, self.lees_opgaven())
            .await
    }

    /// One opgave, `None` when there is none with this id: from the Routekaart as kept at
    /// the contextversie, like [`Db::alle_opgaven`] (one small query instead of six when
    /// it is kept; regie reads it before every edit).
    ///
    /// # Errors
    /// When the database fails or holds a row that breaks a domain rule.
    pub async fn opgave_met_id(&self, id: &OpgaveId) -> Result<Option<Opgave>, DbFout> {
        let routekaart = self
            .cache
            .opgaven
            .bij(self.contextversie().await?, self.lees_opgaven())
            .await?;
        Ok(routekaart.iter().find(|o| o.id == *id).cloned())
    }

    /// Reads every opgave with all its parts.
    async fn lees_opgaven(&self) -> Result<Vec<Opgave>, DbFout> {
        let mut verbinding = self.pool.acquire().await?;
        lees_opgaven_in(&mut verbinding).await
    }

    /// Stores a set of opgaven as data set `bron`, all or nothing, unless that data set
    /// was loaded before. Deelnemers whose gemeente is unknown (no CBS list loaded) are
    /// left out. Returns how many opgaven were stored (0 when loaded before).
    ///
    /// # Errors
    /// When the database fails; then nothing is stored.
    pub async fn laad_opgaven(&self, bron: &str, opgaven: &[Opgave]) -> Result<usize, DbFout> {
        let mut tx = self.pool.begin().await?;
        if !self.markeer_import(&mut tx, bron, opgaven.len()).await? {
            return Ok(0);
        }
        let bekend: Vec<String> = sqlx::query_scalar("SELECT code FROM gemeenten")
            .fetch_all(&mut *tx)
            .await?;
        for opgave in opgaven {
            schrijf_opgave(&mut tx, opgave, 1, &bekend).await?;
        }
        schrijf_afhankelijkheden(&mut tx, opgaven).await?;
        tx.commit().await?;
        Ok(opgaven.len())
    }
}

/// Writes one opgave with its activiteiten, besluiten and deelnemers (those of known
/// gemeenten) at version `versie`; its dependencies are written for the whole Routekaart
/// by [`schrijf_afhankelijkheden`].
async fn schrijf_opgave(
    tx: &mut sqlx::AnyConnection,
    opgave: &Opgave,
    versie: i64,
    bekend: &[String],
) -> Result<(), DbFout> {
    let plaatsen = (1..=21)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ");
    // An existing opgave is updated in place: components and aanmeldingen refer to it.
    let bijwerken = OPGAVE_KOLOMMEN
        .split(',')
        .map(str::trim)
        .filter(|k| *k != "id")
        .chain(["versie"])
        .map(|k| format!("{k} = excluded.{k}"))
        .collect::<Vec<_>>()
        .join(", ");
    sqlx::query(&format!(
        "INSERT INTO opgaven ({OPGAVE_KOLOMMEN}, versie) VALUES ({plaatsen}) \
         ON CONFLICT (id) DO UPDATE SET {bijwerken}"
    ))
    .bind(opgave.id.as_str())
    .bind(&opgave.naam)
    .bind(&opgave.doelstelling)
    .bind(&opgave.aanpak.randvoorwaarden)
    .bind(&opgave.aanpak.mensen_en_middelen)
    .bind(&opgave.aanpak.planning)
    .bind(&opgave.coalitie)
    .bind(&opgave.draagvlak.convenant)
    .bind(&opgave.draagvlak.financiele_arrangementen)
    .bind(&opgave.draagvlak.governance)
    .bind(opgave.ontwikkelfase.periode.start().to_string())
    .bind(opgave.ontwikkelfase.periode.eind().to_string())
    .bind(
        opgave
            .ontwikkelfase
            .wacht_op_besluit
            .as_ref()
            .map(ToString::to_string),
    )
    .bind(opgave.opschalingsfase.periode.start().to_string())
    .bind(opgave.opschalingsfase.periode.eind().to_string())
    .bind(
        opgave
            .opschalingsfase
            .wacht_op_besluit
            .as_ref()
            .map(ToString::to_string),
    )
    .bind(opgave.bijdrage.coalitiepartner.fte_per_kwartaal)
    .bind(opgave.bijdrage.coalitiepartner.euro)
    .bind(opgave.bijdrage.eerste_gebruiker.fte_per_kwartaal)
    .bind(opgave.bijdrage.eerste_gebruiker.euro)
    .bind(versie)
    .execute(&mut *tx)
    .await?;
    for (volgorde, activiteit) in (0_i64..).zip(&opgave.activiteiten) {
        sqlx::query(
                "INSERT INTO activiteiten (id, opgave_id, naam, fase, start_datum, eind_datum, volgorde) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(activiteit.id.as_str())
            .bind(opgave.id.as_str())
            .bind(&activiteit.naam)
            .bind(als_tekst(&activiteit.fase))
            .bind(activiteit.periode.start().to_string())
            .bind(activiteit.periode.eind().to_string())
            .bind(volgorde)
            .execute(&mut *tx)
            .await?;
    }
    for besluit in &opgave.besluiten {
        sqlx::query(
            "INSERT INTO besluiten (id, opgave_id, datum, orgaan, onderwerp) \
                 VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(besluit.id.as_str())
        .bind(opgave.id.as_str())
        .bind(besluit.datum.to_string())
        .bind(als_tekst(&besluit.orgaan))
        .bind(&besluit.onderwerp)
        .execute(&mut *tx)
        .await?;
    }
    for deelnemer in opgave
        .deelnemers
        .iter()
        .filter(|d| bekend.iter().any(|code| code == d.gemeente.as_str()))
    {
        sqlx::query("INSERT INTO deelnemers (opgave_id, gemeente_code, rol) VALUES ($1, $2, $3)")
            .bind(opgave.id.as_str())
            .bind(deelnemer.gemeente.as_str())
            .bind(als_tekst(&deelnemer.rol))
            .execute(&mut *tx)
            .await?;
    }

    Ok(())
}

/// Reads every opgave with all its parts, on `verbinding` (a pooled connection, or a
/// transaction that must see its own writes).
async fn lees_opgaven_in(verbinding: &mut sqlx::AnyConnection) -> Result<Vec<Opgave>, DbFout> {
    let opgave_sql =
        format!("SELECT {OPGAVE_KOLOMMEN} FROM opgaven ORDER BY ontwikkelfase_start, naam");
    let rijen = sqlx::query_as::<_, OpgaveRij>(&opgave_sql)
        .fetch_all(&mut *verbinding)
        .await?;
    let mut opgaven = rijen
        .into_iter()
        .map(OpgaveRij::naar_opgave)
        .collect::<Result<Vec<_>, _>>()?;
    let positie: HashMap<String, usize> = opgaven
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str().to_owned(), i))
        .collect();

    let mut voorgangers: HashMap<String, Vec<ActiviteitId>> = HashMap::new();
    let afhankelijkheden = sqlx::query_as::<_, AfhankelijkheidRij>(
        "SELECT a.activiteit_id, a.afhankelijk_van FROM afhankelijkheden a \
         ORDER BY a.activiteit_id, a.afhankelijk_van",
    )
    .fetch_all(&mut *verbinding)
    .await?;
    for rij in afhankelijkheden {
        voorgangers.entry(rij.activiteit_id).or_default().push(
            ActiviteitId::parse(&rij.afhankelijk_van)
                .map_err(|e| ongeldig("afhankelijkheden")(&e))?,
        );
    }

    let activiteiten = sqlx::query_as::<_, ActiviteitRij>(
        "SELECT id, opgave_id, naam, fase, start_datum, eind_datum FROM activiteiten \
         ORDER BY opgave_id, volgorde, id",
    )
    .fetch_all(&mut *verbinding)
    .await?;
    for rij in activiteiten {
        let Some(&i) = positie.get(&rij.opgave_id) else {
            continue;
        };
        opgaven[i].activiteiten.push(Activiteit {
            afhankelijk_van: voorgangers.remove(&rij.id).unwrap_or_default(),
            id: ActiviteitId::parse(&rij.id).map_err(|e| ongeldig("activiteiten")(&e))?,
            naam: rij.naam,
            fase: uit_tekst("activiteiten", &rij.fase)?,
            periode: Periode::new(
                datum("activiteiten", &rij.start_datum)?,
                datum("activiteiten", &rij.eind_datum)?,
            )
            .map_err(|e| ongeldig("activiteiten")(&e))?,
        });
    }

    let besluiten = sqlx::query_as::<_, BesluitRij>(
        "SELECT id, opgave_id, datum, orgaan, onderwerp FROM besluiten \
         ORDER BY datum, id",
    )
    .fetch_all(&mut *verbinding)
    .await?;
    for rij in besluiten {
        let Some(&i) = positie.get(&rij.opgave_id) else {
            continue;
        };
        opgaven[i].besluiten.push(Besluit {
            id: BesluitId::parse(&rij.id).map_err(|e| ongeldig("besluiten")(&e))?,
            datum: datum("besluiten", &rij.datum)?,
            orgaan: uit_tekst("besluiten", &rij.orgaan)?,
            onderwerp: rij.onderwerp,
        });
    }

    let deelnemers = sqlx::query_as::<_, DeelnemerRij>(
        "SELECT opgave_id, gemeente_code, rol FROM deelnemers \
         ORDER BY gemeente_code",
    )
    .fetch_all(&mut *verbinding)
    .await?;
    for rij in deelnemers {
        let Some(&i) = positie.get(&rij.opgave_id) else {
            continue;
        };
        opgaven[i].deelnemers.push(Deelnemer {
            gemeente: GemeenteCode::parse(&rij.gemeente_code)
                .map_err(|e| ongeldig("deelnemers")(&e))?,
            rol: uit_tekst("deelnemers", &rij.rol)?,
        });
    }
    Ok(opgaven)
}

/// Writes every dependency of the Routekaart anew (they may cross opgaven, so a change to
/// one opgave can touch them all).
async fn schrijf_afhankelijkheden(
    tx: &mut sqlx::AnyConnection,
    routekaart: &[Opgave],
) -> Result<(), DbFout> {
    sqlx::query("DELETE FROM afhankelijkheden")
        .execute(&mut *tx)
        .await?;
    for activiteit in routekaart.iter().flat_map(|o| &o.activiteiten) {
        for voorganger in &activiteit.afhankelijk_van {
            sqlx::query(
                "INSERT INTO afhankelijkheden (activiteit_id, afhankelijk_van) VALUES ($1, $2)",
            )
            .bind(activiteit.id.as_str())
            .bind(voorganger.as_str())
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}

impl Db {
    /// The version of opgave `id`, for its ETag.
    ///
    /// # Errors
    /// A database error.
    pub async fn opgaveversie(&self, id: &OpgaveId) -> Result<Option<i64>, DbFout> {
        Ok(
            sqlx::query_scalar("SELECT versie FROM opgaven WHERE id = $1")
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Stores an opgave for regie: a new one (`verwacht` none), or a changed one at exactly
    /// version `verwacht`. Inside its transaction, after taking the write lock, it reads
    /// the whole Routekaart, puts the opgave in and checks the result as a whole
    /// (`domain::tijdlijn::valideer`), so two edits at once are checked one after the other
    /// and neither loses the other's dependencies. Returns the new version, or why the
    /// Routekaart would no longer hold (nothing is stored then).
    ///
    /// # Errors
    /// [`DbFout::Bestaat`] for a new one whose id is taken or a change to one that does not
    /// exist, [`DbFout::VersieConflict`] for a stale version (nothing changes), or a
    /// database error.
    pub async fn zet_opgave(
        &self,
        recht: &PubliekSchrijfrecht,
        opgave: &Opgave,
        verwacht: Option<i64>,
    ) -> Result<Result<i64, RoutekaartFout>, DbFout> {
        let mut tx = self.schrijving().await?;
        // The write lock first, so what is read below cannot change before this
        // transaction commits (the audit record raises the gegevensversie later).
        super::gegevensversie::neem_schrijfslot(&mut tx).await?;
        let mut routekaart = lees_opgaven_in(&mut tx).await?;
        let voor = match domain::tijdlijn::zet_opgave(&mut routekaart, opgave) {
            Ok(voor) => voor,
            Err(fout) => return Ok(Err(fout)),
        };
        let huidig: Option<i64> = sqlx::query_scalar("SELECT versie FROM opgaven WHERE id = $1")
            .bind(opgave.id.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        let stap = Versiestap::maken_of_wijzigen(
            huidig,
            verwacht,
            || format!("er is al een opgave '{}'", opgave.id),
            "deze opgave bestaat niet",
        )?;
        if let Versiestap::Vervang(_) = stap {
            let geraakt =
                sqlx::query("UPDATE opgaven SET versie = versie + 1 WHERE id = $1 AND versie = $2")
                    .bind(opgave.id.as_str())
                    .bind(stap.bewaakt())
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            stap.na(geraakt)?;
            for tabel in ["activiteiten", "besluiten", "deelnemers"] {
                sqlx::query(&format!("DELETE FROM {tabel} WHERE opgave_id = $1"))
                    .bind(opgave.id.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let versie = stap.nieuwe_versie();
        let bekend: Vec<String> = sqlx::query_scalar("SELECT code FROM gemeenten")
            .fetch_all(&mut *tx)
            .await?;
        schrijf_opgave(&mut tx, opgave, versie, &bekend)
            .await
            .map_err(|e| match e {
                DbFout::Sqlx(fout) => DbFout::uit_unieke_sleutel(
                    fout,
                    "een activiteit of besluit met deze id bestaat al in een andere opgave".into(),
                ),
                anders => anders,
            })?;
        schrijf_afhankelijkheden(&mut tx, &routekaart).await?;
        tx.leg_vast(Auditregel::door_regie(
            recht,
            Entiteit::Opgave,
            opgave.id.as_str(),
            voor.as_ref(),
            Some(opgave),
        ))
        .await?;
        Ok(Ok(versie))
    }
}
