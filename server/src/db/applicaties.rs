//! A gemeente's landscape: its applicaties, read and written only with a right for that
//! gemeente. This module maps the rows and reads them; `schrijven` stores one applicatie
//! with optimistic concurrency (a version per applicatie), `import` a whole file in one
//! transaction, in batches, or nothing at all.

mod aanvullen;
mod import;
mod schrijven;

use domain::catalogus::Referentiezoeker;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use domain::scenario::Basis;
use domain::{Applicatie, ApplicatieId, Contract, GemeenteCode, ReferentiecomponentId};

use super::gegevensversie::BIJWERKEN_TOT;
use super::leescache::Landschap;
use super::{Db, DbFout, datum, ongeldig};
use crate::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};
use schrijven::{parameters, plaatsen};

#[derive(sqlx::FromRow)]
struct ApplicatieRij {
    gemeente_code: String,
    id: String,
    naam: String,
    leverancier: String,
    startdatum: Option<String>,
    einddatum: String,
    opzegtermijn_maanden: i64,
    verlenging_maanden: i64,
    uiterste_einddatum: Option<String>,
    jaarlijkse_kosten: i64,
    in_gebruik: i64,
    gebruikers: Option<i64>,
    versie: i64,
}

const KOLOMMEN: &str = "gemeente_code, id, naam, leverancier, startdatum, einddatum, opzegtermijn_maanden, verlenging_maanden, \
    uiterste_einddatum, jaarlijkse_kosten, in_gebruik, gebruikers, versie";

impl ApplicatieRij {
    fn applicatie(self) -> Result<(Applicatie, i64), DbFout> {
        let fout = ongeldig("applicaties");
        let gemeente = GemeenteCode::parse(&self.gemeente_code).map_err(|e| fout(&e))?;
        let maanden = |n: i64| u32::try_from(n).map_err(|e| fout(&e));
        let contract = Contract::new(
            self.startdatum
                .map(|d| datum("applicaties", &d))
                .transpose()?,
            datum("applicaties", &self.einddatum)?,
            maanden(self.opzegtermijn_maanden)?,
            maanden(self.verlenging_maanden)?,
            self.uiterste_einddatum
                .map(|d| datum("applicaties", &d))
                .transpose()?,
            self.jaarlijkse_kosten,
        )
        .map_err(|e| fout(&e))?;
        Ok((
            Applicatie {
                id: ApplicatieId::parse(&self.id).map_err(|e| fout(&e))?,
                gemeente,
                naam: self.naam,
                leverancier: self.leverancier,
                referentiecomponenten: Vec::new(),
                contract,
                in_gebruik: self.in_gebruik != 0,
                gebruikers: self
                    .gebruikers
                    .map(|g| u32::try_from(g).map_err(|e| fout(&e)))
                    .transpose()?,
            },
            self.versie,
        ))
    }
}

impl Db {
    /// The landscape of `gemeente` in its own order, each with its version. Callers hold a
    /// right for it; this stays private to storage.
    pub(super) async fn landschap(
        &self,
        gemeente: &GemeenteCode,
    ) -> Result<Vec<(Applicatie, i64)>, DbFout> {
        self.landschap_bij(gemeente, self.landschapversie(gemeente).await?)
            .await
    }

    /// The landscape of `gemeente` at landschapversie `versie` (read before): see
    /// [`Self::landschappen_bij`].
    pub(super) async fn landschap_bij(
        &self,
        gemeente: &GemeenteCode,
        versie: i64,
    ) -> Result<Vec<(Applicatie, i64)>, DbFout> {
        let mut landschappen = self.landschappen_bij(&[(gemeente.clone(), versie)]).await?;
        Ok(landschappen.pop().unwrap_or_default())
    }

    /// One applicatie of `gemeente` with its version, read on its own (a single write
    /// does not load the whole landscape).
    async fn een_applicatie(
        &self,
        gemeente: &GemeenteCode,
        id: &ApplicatieId,
    ) -> Result<Option<(Applicatie, i64)>, DbFout> {
        Ok(self
            .applicaties_met_id(&[(gemeente.as_str(), id.as_str())])
            .await?
            .into_values()
            .next())
    }

    /// Every gemeente's landscape, in landscape order, for the landelijk beeld (which
    /// shows no gemeente's data to another; see `domain::landelijk`).
    pub(super) async fn alle_landschappen(
        &self,
    ) -> Result<Vec<(GemeenteCode, Vec<Applicatie>)>, DbFout> {
        let rijen = sqlx::query_as::<_, ApplicatieRij>(&format!(
            "SELECT {KOLOMMEN} FROM applicaties ORDER BY gemeente_code, positie, id"
        ))
        .fetch_all(&self.pool)
        .await?;
        let functies: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT gemeente_code, applicatie_id, referentiecomponent_id FROM applicatie_functies \
             ORDER BY gemeente_code, applicatie_id, volgorde",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut landschappen: Vec<(GemeenteCode, Vec<Applicatie>)> = Vec::new();
        for (app, _) in met_functies(rijen, functies)? {
            match landschappen.last_mut() {
                Some((g, apps)) if *g == app.gemeente => apps.push(app),
                _ => landschappen.push((app.gemeente.clone(), vec![app])),
            }
        }
        Ok(landschappen)
    }

    /// The landscapes of `gemeenten` (each with the landschapversie the caller read it
    /// at), whole and in landscape order: kept at that version in the read cache, or
    /// brought up to it from a kept older one by reading only the applicaties the writes
    /// since then name ([`Self::bijgewerkt`]), else read in one read of the rows and one
    /// of their functions, side by side, whatever their number. The caller read the
    /// versions first, so each landscape is at least as new as its version (a later write
    /// raises the version again and is read with it).
    pub(super) async fn landschappen_bij(
        &self,
        gemeenten: &[(GemeenteCode, i64)],
    ) -> Result<Vec<Vec<(Applicatie, i64)>>, DbFout> {
        let mut gevonden: Vec<Option<Arc<Landschap>>> = vec![None; gemeenten.len()];
        let mut ouder = Vec::new();
        for (i, (g, versie)) in gemeenten.iter().enumerate() {
            match self.cache.landschap(g) {
                Some((v, kopie)) if v == *versie => gevonden[i] = Some(kopie),
                Some((v, kopie)) if v < *versie => ouder.push((i, v, kopie)),
                _ => {}
            }
        }
        if !ouder.is_empty() {
            let bijgewerkt = self.bijgewerkt(gemeenten, &ouder).await?;
            for ((i, _, _), landschap) in ouder.iter().zip(bijgewerkt) {
                if let Some(landschap) = landschap {
                    let (g, versie) = &gemeenten[*i];
                    let landschap = Arc::new(landschap);
                    self.cache.leg_landschap(g, *versie, Arc::clone(&landschap));
                    self.cache.tel_bijgewerkt();
                    gevonden[*i] = Some(landschap);
                }
            }
        }
        let heel: Vec<&(GemeenteCode, i64)> = gemeenten
            .iter()
            .zip(&gevonden)
            .filter(|(_, l)| l.is_none())
            .map(|(g, _)| g)
            .collect();
        let mut gelezen = self.lees_landschappen(&heel).await?.into_iter();
        Ok(gevonden
            .into_iter()
            .map(|l| match l {
                Some(landschap) => landschap.as_ref().clone(),
                None => gelezen.next().unwrap_or_default(),
            })
            .collect())
    }

    /// The landscapes of `gemeenten` read whole, in one read of the rows and one of their
    /// functions, side by side, and kept under the version given with each.
    async fn lees_landschappen(
        &self,
        gemeenten: &[&(GemeenteCode, i64)],
    ) -> Result<Vec<Vec<(Applicatie, i64)>>, DbFout> {
        if gemeenten.is_empty() {
            return Ok(Vec::new());
        }
        // The codes as parameters, not a subquery on the versions: PostgreSQL plans a
        // prepared statement once for any version, and for `versie > $1` it chose a scan
        // of every gemeente's applicaties.
        let codes = parameters(1, gemeenten.len());
        let rijen = format!(
            "SELECT {KOLOMMEN} FROM applicaties WHERE gemeente_code IN ({codes}) \
             ORDER BY gemeente_code, positie, id"
        );
        let functies = format!(
            "SELECT gemeente_code, applicatie_id, referentiecomponent_id FROM applicatie_functies \
             WHERE gemeente_code IN ({codes}) ORDER BY gemeente_code, applicatie_id, volgorde"
        );
        let rijen = gemeenten
            .iter()
            .fold(sqlx::query_as::<_, ApplicatieRij>(&rijen), |q, (g, _)| {
                q.bind(g.as_str())
            })
            .fetch_all(&self.pool);
        let functies = gemeenten
            .iter()
            .fold(
                sqlx::query_as::<_, (String, String, String)>(&functies),
                |q, (g, _)| q.bind(g.as_str()),
            )
            .fetch_all(&self.pool);
        let (rijen, functies) = tokio::try_join!(rijen, functies)?;
        let mut per_gemeente: HashMap<GemeenteCode, Vec<(Applicatie, i64)>> = HashMap::new();
        for (app, versie) in met_functies(rijen, functies)? {
            per_gemeente
                .entry(app.gemeente.clone())
                .or_default()
                .push((app, versie));
        }
        Ok(gemeenten
            .iter()
            .map(|(g, versie)| {
                let landschap = per_gemeente.remove(g).unwrap_or_default();
                self.cache
                    .leg_landschap(g, *versie, Arc::new(landschap.clone()));
                landschap
            })
            .collect())
    }

    /// The landscapes `ouder` (an index into `gemeenten`, the landschapversie it is kept
    /// at, and the kept copy) brought up to the version `gemeenten` asks, from what the
    /// writes since then recorded (`landschapwijzigingen`): only the applicaties they
    /// name are read. None for one that must be read whole: a write of the whole
    /// landscape since (an import), more than [`BIJWERKEN_TOT`] writes, records that are
    /// not every write since ([`volledig`]: a write from before the records, or by older
    /// code), or an applicatie added that the kept copy holds (deleted and added again:
    /// it moved).
    async fn bijgewerkt(
        &self,
        gemeenten: &[(GemeenteCode, i64)],
        ouder: &[(usize, i64, Arc<Landschap>)],
    ) -> Result<Vec<Option<Landschap>>, DbFout> {
        let vanaf = ouder.iter().map(|(_, v, _)| *v).min().unwrap_or(0);
        let tot = ouder
            .iter()
            .map(|(i, _, _)| gemeenten[*i].1)
            .max()
            .unwrap_or(0);
        // Bounded: past the limit every one of them is read whole (sqlx's SQLite driver
        // takes time in the square of a statement's parameters; see `PARTIJ`).
        let limiet = (BIJWERKEN_TOT * ouder.len()).min(BIJWERKEN_SAMEN) + 1;
        let codes = parameters(3, ouder.len());
        let sql = format!(
            "SELECT gemeente_code, versie, applicatie_id, nieuw, vorige FROM landschapwijzigingen \
             WHERE versie > $1 AND versie <= $2 AND gemeente_code IN ({codes}) \
             ORDER BY versie LIMIT {limiet}"
        );
        let wijzigingen: Vec<Wijzigingsrij> = ouder
            .iter()
            .fold(
                sqlx::query_as(&sql).bind(vanaf).bind(tot),
                |q, (i, _, _)| q.bind(gemeenten[*i].0.as_str()),
            )
            .fetch_all(&self.pool)
            .await?;
        if wijzigingen.len() >= limiet {
            return Ok(vec![None; ouder.len()]);
        }
        // Per landscape, the writes in its own range, in order; none: read it whole.
        let per_landschap: Vec<Option<Vec<(&str, bool)>>> = ouder
            .iter()
            .map(|(i, kept, _)| {
                let (g, versie) = &gemeenten[*i];
                let eigen: Vec<&Wijzigingsrij> = wijzigingen
                    .iter()
                    .filter(|w| {
                        w.gemeente_code == g.as_str() && w.versie > *kept && w.versie <= *versie
                    })
                    .collect();
                (volledig(&eigen, *kept, *versie) && eigen.len() <= BIJWERKEN_TOT)
                    .then(|| {
                        eigen
                            .iter()
                            .map(|w| w.applicatie_id.as_deref().map(|id| (id, w.nieuw != 0)))
                            .collect()
                    })
                    .flatten()
            })
            .collect();
        let te_lezen: Vec<(&str, &str)> = ouder
            .iter()
            .zip(&per_landschap)
            .filter_map(|((i, _, _), w)| Some((gemeenten[*i].0.as_str(), w.as_ref()?)))
            .flat_map(|(g, w)| w.iter().map(move |(id, _)| (g, *id)))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut nu = self.applicaties_met_id(&te_lezen).await?;
        Ok(ouder
            .iter()
            .zip(per_landschap)
            .map(|((i, _, kopie), w)| {
                let gemeente = gemeenten[*i].0.as_str();
                pas_toe(kopie, &w?, |id| {
                    nu.remove(&(gemeente.to_owned(), id.to_owned()))
                })
            })
            .collect())
    }

    /// The applicaties `ids` (gemeente, id) that exist, each with its version, by both.
    async fn applicaties_met_id(
        &self,
        ids: &[(&str, &str)],
    ) -> Result<HashMap<(String, String), (Applicatie, i64)>, DbFout> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let paren = plaatsen(ids.len(), 2);
        let rijen =
            format!("SELECT {KOLOMMEN} FROM applicaties WHERE (gemeente_code, id) IN ({paren})");
        let functies = format!(
            "SELECT gemeente_code, applicatie_id, referentiecomponent_id FROM applicatie_functies \
             WHERE (gemeente_code, applicatie_id) IN ({paren}) ORDER BY gemeente_code, applicatie_id, volgorde"
        );
        let rijen = ids
            .iter()
            .fold(sqlx::query_as::<_, ApplicatieRij>(&rijen), |q, (g, id)| {
                q.bind(*g).bind(*id)
            })
            .fetch_all(&self.pool);
        let functies = ids
            .iter()
            .fold(
                sqlx::query_as::<_, (String, String, String)>(&functies),
                |q, (g, id)| q.bind(*g).bind(*id),
            )
            .fetch_all(&self.pool);
        let (rijen, functies) = tokio::try_join!(rijen, functies)?;
        Ok(met_functies(rijen, functies)?
            .into_iter()
            .map(|(a, v)| ((a.gemeente.to_string(), a.id.to_string()), (a, v)))
            .collect())
    }

    /// The applicaties of the gemeente the right is for.
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn applicaties(&self, recht: &GemeenteLeesrecht) -> Result<Vec<Applicatie>, DbFout> {
        Ok(self
            .landschap(recht.gemeente())
            .await?
            .into_iter()
            .map(|(a, _)| a)
            .collect())
    }

    /// One applicatie of the gemeente the right is for, with its version.
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn applicatie(
        &self,
        recht: &GemeenteLeesrecht,
        id: &ApplicatieId,
    ) -> Result<Option<(Applicatie, i64)>, DbFout> {
        self.een_applicatie(recht.gemeente(), id).await
    }

    /// Everything the overstapplan of the gemeente the right is for rests on: the
    /// Routekaart, the catalogue, its landscape and its capaciteit.
    ///
    /// # Errors
    /// A database error or an invalid stored row.
    pub async fn planbasis(&self, recht: &GemeenteLeesrecht) -> Result<Basis, DbFout> {
        let (componenten, routekaart) = self.catalogus_en_routekaart().await?;
        Ok(Basis {
            routekaart,
            componenten,
            applicaties: self.applicaties(recht).await?,
            capaciteit: self.capaciteit(recht).await?.map(|(c, _)| c),
        })
    }

    /// The referentiecomponenten, to resolve what a landscape names.
    ///
    /// # Errors
    /// A database error.
    pub async fn referentiezoeker(&self) -> Result<Referentiezoeker, DbFout> {
        let lijst = self.referentielijst().await?;
        Ok(Referentiezoeker::met(
            lijst.iter().map(|r| (r.id.as_str(), r.naam.as_str())),
        ))
    }

    /// The version of applicatie `id` of the gemeente `recht` is for; none when it has none.
    ///
    /// # Errors
    /// A database error.
    pub async fn applicatieversie(
        &self,
        recht: &GemeenteSchrijfrecht,
        id: &ApplicatieId,
    ) -> Result<Option<i64>, DbFout> {
        Ok(sqlx::query_scalar(
            "SELECT versie FROM applicaties WHERE gemeente_code = $1 AND id = $2",
        )
        .bind(recht.gemeente().as_str())
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The ids of the applicaties of the gemeente `recht` is for.
    ///
    /// # Errors
    /// A database error.
    pub async fn applicatie_ids(
        &self,
        recht: &GemeenteSchrijfrecht,
    ) -> Result<Vec<String>, DbFout> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM applicaties WHERE gemeente_code = $1 \
                 UNION SELECT id FROM aan_te_vullen WHERE gemeente_code = $1",
        )
        .bind(recht.gemeente().as_str())
        .fetch_all(&self.pool)
        .await?)
    }
}

/// One recorded write to a landscape (`landschapwijzigingen`).
#[derive(sqlx::FromRow)]
struct Wijzigingsrij {
    gemeente_code: String,
    versie: i64,
    applicatie_id: Option<String>,
    nieuw: i32,
    /// The landschapversie before it.
    vorige: i64,
}

/// Whether `eigen` (the recorded writes to one landscape after `kept`, up to `versie`, in
/// order) are every write in between: each follows the one before it, the first follows
/// a version the kept copy holds, and the last is `versie`. A write by code older than the
/// records breaks the chain.
fn volledig(eigen: &[&Wijzigingsrij], kept: i64, versie: i64) -> bool {
    let Some(laatste) = eigen.last() else {
        return false;
    };
    laatste.versie == versie
        && eigen[0].vorige <= kept
        && eigen
            .windows(2)
            .all(|paar| paar[1].vorige == paar[0].versie)
}

/// From how many writes in all the landscapes of one reload are read whole.
const BIJWERKEN_SAMEN: usize = 256;

/// `kopie` brought up to date with `wijzigingen` (each applicatie id a write named, and
/// whether it added it, in the order written), where `nu` gives each named applicatie as
/// it is now (none: deleted). A write stores an applicatie in its place or adds it at the
/// end, and moves nothing else, so the named ones are replaced or dropped where they
/// stand and the added ones follow, in the order they were last added. None when that
/// does not explain the landscape: an applicatie added that the copy holds (deleted and
/// added again, so it moved to the end), or one that exists now that the copy neither
/// holds nor saw added.
fn pas_toe(
    kopie: &Landschap,
    wijzigingen: &[(&str, bool)],
    mut nu: impl FnMut(&str) -> Option<(Applicatie, i64)>,
) -> Option<Landschap> {
    let genoemd: HashSet<&str> = wijzigingen.iter().map(|(id, _)| *id).collect();
    let mut toegevoegd: Vec<&str> = Vec::new();
    for (id, nieuw) in wijzigingen.iter().rev() {
        if *nieuw && !toegevoegd.contains(id) {
            toegevoegd.push(id);
        }
    }
    toegevoegd.reverse();
    let mut uit = Vec::with_capacity(kopie.len() + toegevoegd.len());
    for (app, versie) in kopie {
        let id = app.id.as_str();
        if toegevoegd.contains(&id) {
            return None;
        }
        if genoemd.contains(id) {
            uit.extend(nu(id));
        } else {
            uit.push((app.clone(), *versie));
        }
    }
    for id in &toegevoegd {
        uit.extend(nu(id));
    }
    let verklaard: HashSet<&str> = kopie
        .iter()
        .map(|(a, _)| a.id.as_str())
        .chain(toegevoegd.iter().copied())
        .collect();
    genoemd
        .iter()
        .filter(|id| !verklaard.contains(*id))
        .all(|id| nu(id).is_none())
        .then_some(uit)
}

/// The applicaties of `rijen` with the referentiecomponenten `functies` (gemeente,
/// applicatie, referentiecomponent) name for them, in the order of the rows.
fn met_functies(
    rijen: Vec<ApplicatieRij>,
    functies: Vec<(String, String, String)>,
) -> Result<Vec<(Applicatie, i64)>, DbFout> {
    let mut lijst = rijen
        .into_iter()
        .map(ApplicatieRij::applicatie)
        .collect::<Result<Vec<_>, _>>()?;
    let positie: HashMap<(&str, &str), usize> = lijst
        .iter()
        .enumerate()
        .map(|(i, (a, _))| ((a.gemeente.as_str(), a.id.as_str()), i))
        .collect();
    let mut gevonden = Vec::with_capacity(functies.len());
    for (gemeente, app, r) in &functies {
        if let Some(&i) = positie.get(&(gemeente.as_str(), app.as_str())) {
            let r =
                ReferentiecomponentId::parse(r).map_err(|e| ongeldig("applicatie_functies")(&e))?;
            gevonden.push((i, r));
        }
    }
    drop(positie);
    for (i, r) in gevonden {
        lijst[i].0.referentiecomponenten.push(r);
    }
    Ok(lijst)
}
