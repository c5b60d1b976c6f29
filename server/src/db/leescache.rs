//! What nearly every request reads and few write, kept per server under the version the
//! database gives it: the catalogue, the Routekaart, the gemeenten and the GEMMA
//! referentiecomponenten under the contextversie, each
//! gemeente's landscape under its landschapversie (both raised inside every writer's
//! transaction, see [`super::gegevensversie`]). A read asks the database for the version
//! first (one small query) and takes the kept copy only when it was read at that version;
//! otherwise it reads the rows and keeps them. Data read after the version is at least as
//! new as it, so no answer is older than the version it read, and a write through any
//! instance is in the next read of every instance.
//!
//! Under load, decoding a 300-row landscape through the `Any` driver on every member's
//! request took most of the server's time (docs/performance.md, the load test).
//!
//! A landscape kept at an older landschapversie is brought up to date from the
//! applicaties the writes since then name (`super::applicaties`), not read whole again.
//!
//! A row written into the database by hand, past the writers, is seen only once some
//! write raises the version.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use domain::{Applicatie, Component, Gemeente, GemeenteCode, Opgave, Referentiecomponent};

use super::DbFout;

/// A landscape with each applicatie's version.
pub(super) type Landschap = Vec<(Applicatie, i64)>;

/// The kept copies of one server.
#[derive(Debug, Default)]
pub(super) struct Leescache {
    /// The catalogue, under the contextversie.
    pub(super) componenten: Versiecache<Vec<Component>>,
    /// The Routekaart, under the contextversie.
    pub(super) opgaven: Versiecache<Vec<Opgave>>,
    /// The CBS list, under the contextversie (loading it raises that version).
    pub(super) gemeenten: Versiecache<Vec<Gemeente>>,
    /// The GEMMA referentiecomponenten, under the contextversie.
    pub(super) referentiecomponenten: Versiecache<Vec<Referentiecomponent>>,
    landschappen: Mutex<HashMap<GemeenteCode, (i64, Arc<Landschap>)>>,
    /// How many kept landscapes were brought up to date from what the writes named,
    /// instead of read whole (for the tests).
    bijgewerkt: AtomicU64,
}

/// One kept copy of what a whole table (or two) holds, and the version it was read at.
#[derive(Debug)]
pub(super) struct Versiecache<T>(Mutex<Option<(i64, Arc<T>)>>);

impl<T> Default for Versiecache<T> {
    fn default() -> Self {
        Self(Mutex::new(None))
    }
}

impl<T> Versiecache<T> {
    /// The copy kept at `versie` (read before), else what `lees` reads, then kept.
    ///
    /// # Errors
    /// What `lees` fails with; nothing is kept then.
    pub(super) async fn bij(
        &self,
        versie: i64,
        lees: impl Future<Output = Result<T, DbFout>>,
    ) -> Result<Arc<T>, DbFout> {
        if let Some(kopie) = self.neem(versie) {
            return Ok(kopie);
        }
        let kopie = Arc::new(lees.await?);
        self.leg(versie, Arc::clone(&kopie));
        Ok(kopie)
    }

    /// [`Versiecache::bij`], as a copy of its own for a caller that changes or hands it on.
    ///
    /// # Errors
    /// What `lees` fails with; nothing is kept then.
    pub(super) async fn kopie_bij(
        &self,
        versie: i64,
        lees: impl Future<Output = Result<T, DbFout>>,
    ) -> Result<T, DbFout>
    where
        T: Clone,
    {
        Ok(self.bij(versie, lees).await?.as_ref().clone())
    }

    fn neem(&self, versie: i64) -> Option<Arc<T>> {
        match &*self.0.lock().unwrap_or_else(PoisonError::into_inner) {
            Some((v, kopie)) if *v == versie => Some(Arc::clone(kopie)),
            _ => None,
        }
    }

    fn leg(&self, versie: i64, kopie: Arc<T>) {
        let mut bewaard = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        // A slower reader of an older version does not replace a newer copy.
        if bewaard.as_ref().is_none_or(|(v, _)| *v <= versie) {
            *bewaard = Some((versie, kopie));
        }
    }
}

impl Leescache {
    /// The landscape of `gemeente` kept, at whichever landschapversie.
    pub(super) fn landschap(&self, gemeente: &GemeenteCode) -> Option<(i64, Arc<Landschap>)> {
        self.landschappen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(gemeente)
            .map(|(v, kopie)| (*v, Arc::clone(kopie)))
    }

    /// Counts a landscape brought up to date from what the writes named.
    pub(super) fn tel_bijgewerkt(&self) {
        self.bijgewerkt.fetch_add(1, Ordering::Relaxed);
    }

    /// How many landscapes were brought up to date from what the writes named.
    #[cfg(test)]
    pub(super) fn bijgewerkt(&self) -> u64 {
        self.bijgewerkt.load(Ordering::Relaxed)
    }

    /// Keeps one landscape; at most one per gemeente, so the whole is bounded by the
    /// landscapes themselves.
    pub(super) fn leg_landschap(
        &self,
        gemeente: &GemeenteCode,
        versie: i64,
        kopie: Arc<Landschap>,
    ) {
        let mut bewaard = self
            .landschappen
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match bewaard.get(gemeente) {
            Some((v, _)) if *v > versie => {}
            _ => {
                bewaard.insert(gemeente.clone(), (versie, kopie));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use domain::catalogus::Referentievinder;
    use domain::toegang::recht::PubliekSchrijfrecht;
    use domain::toegang::{Actor, Lidrecht};
    use domain::{
        Applicatie, ApplicatieId, Contract, Gemeente, GemeenteCode, Opgave, OpgaveId, Periode,
        Referentiecomponent, ReferentiecomponentId,
    };

    use crate::db::Db;
    use crate::toegang::recht::{GemeenteLeesrecht, GemeenteSchrijfrecht};

    fn gemeente(code: &str, naam: &str) -> Gemeente {
        Gemeente {
            code: GemeenteCode::parse(code).expect("code"),
            naam: naam.into(),
            provincie: "Utrecht".into(),
        }
    }

    fn referentiecomponent(id: &str, naam: &str) -> Referentiecomponent {
        Referentiecomponent {
            id: ReferentiecomponentId::parse(id).expect("id"),
            naam: naam.into(),
            omschrijving: String::new(),
        }
    }

    /// A database in `map` with Utrecht and one GEMMA referentiecomponent; its URL.
    async fn utrecht_met_zaaksysteem(map: &tempfile::TempDir) -> (Db, String) {
        let url = format!("sqlite://{}", map.path().join("cache.db").display());
        let db = Db::connect(&url).await.expect("db");
        db.laad_gemeenten("eerste", &[gemeente("GM0344", "Utrecht")])
            .await
            .expect("gemeenten");
        db.laad_referentiecomponenten("gemma", &[referentiecomponent("id-1", "Zaaksysteem")])
            .await
            .expect("referentiecomponenten");
        (db, url)
    }

    #[tokio::test]
    async fn the_gemeenten_and_referentiecomponenten_are_kept_until_a_write_raises_the_contextversie()
     {
        let map = tempfile::tempdir().expect("temp dir");
        let (db, _) = utrecht_met_zaaksysteem(&map).await;
        let namen = |lijst: Vec<Gemeente>| lijst.into_iter().map(|g| g.naam).collect::<Vec<_>>();
        let referenties =
            |lijst: Vec<Referentiecomponent>| lijst.into_iter().map(|r| r.naam).collect::<Vec<_>>();
        assert_eq!(namen(db.alle_gemeenten().await.expect("read")), ["Utrecht"]);
        assert_eq!(
            referenties(db.referentiecomponenten().await.expect("read")),
            ["Zaaksysteem"]
        );

        // Rows written past the writers raise no version: the kept copies answer.
        for sql in [
            "INSERT INTO gemeenten (code, naam, provincie) VALUES ('GM0363', 'Amsterdam', 'Noord-Holland')",
            "INSERT INTO referentiecomponenten (id, naam, omschrijving) VALUES ('id-2', 'Archief', '')",
        ] {
            sqlx::query(sql).execute(&db.pool).await.expect("by hand");
        }
        assert_eq!(namen(db.alle_gemeenten().await.expect("read")), ["Utrecht"]);
        let zoeker = db.referentiezoeker().await.expect("zoeker");
        assert!(
            (&zoeker).vind("Archief").is_err(),
            "not seen before a version"
        );

        // A write through a writer raises the contextversie: everything is read again.
        db.laad_gemeenten("tweede", &[gemeente("GM0599", "Rotterdam")])
            .await
            .expect("gemeenten");
        assert_eq!(
            namen(db.alle_gemeenten().await.expect("read")),
            ["Amsterdam", "Rotterdam", "Utrecht"]
        );
        assert_eq!(
            referenties(db.referentiecomponenten().await.expect("read")),
            ["Archief", "Zaaksysteem"]
        );
        let zoeker = db.referentiezoeker().await.expect("zoeker");
        assert!(
            (&zoeker).vind("Archief").is_ok(),
            "read again at the new version"
        );
    }

    #[tokio::test]
    async fn one_opgave_is_read_from_the_kept_routekaart_and_an_edit_through_another_server_is_in_the_next_read()
     {
        let map = tempfile::tempdir().expect("temp dir");
        let (a, url) = utrecht_met_zaaksysteem(&map).await;
        let periode = |start: &str, eind: &str| {
            Periode::new(start.parse().expect("date"), eind.parse().expect("date")).expect("period")
        };
        let routekaart: Vec<Opgave> = [
            ("zaken", "Zaakgericht werken"),
            ("huishoudboekje", "Huishoudboekje"),
        ]
        .into_iter()
        .map(|(id, naam)| {
            Opgave::nieuw(
                OpgaveId::parse(id).expect("id"),
                naam.into(),
                periode("2026-01-05", "2026-12-18"),
                periode("2027-01-04", "2028-06-30"),
            )
        })
        .collect();
        a.laad_opgaven("twee", &routekaart).await.expect("opgaven");
        let b = Db::connect(&url).await.expect("a second server");
        let id = routekaart[0].id.clone();
        let naam = async |db: &Db| db.opgave_met_id(&id).await.expect("read").map(|o| o.naam);
        assert_eq!(naam(&b).await, Some(routekaart[0].naam.clone()));
        let onbekend = OpgaveId::parse("bestaat-niet").expect("id");
        assert_eq!(b.opgave_met_id(&onbekend).await.expect("read"), None);

        // A row changed past the writers raises no version: the kept Routekaart answers.
        sqlx::query("UPDATE opgaven SET naam = 'Met de hand' WHERE id = $1")
            .bind(id.as_str())
            .execute(&b.pool)
            .await
            .expect("by hand");
        assert_eq!(naam(&b).await, Some(routekaart[0].naam.clone()));

        // An edit through the other server raises the contextversie: in the next read.
        let mut gewijzigd = routekaart[0].clone();
        gewijzigd.naam = "Nieuwe naam".into();
        let regie = Actor::Regie {
            naam: "regie".into(),
        };
        let recht = PubliekSchrijfrecht::voor(&regie).expect("right");
        let versie = a.opgaveversie(&id).await.expect("version");
        a.zet_opgave(&recht, &gewijzigd, versie)
            .await
            .expect("write")
            .expect("a valid Routekaart");
        assert_eq!(naam(&b).await, Some("Nieuwe naam".into()));
    }

    fn applicatie(code: &GemeenteCode, id: &str, naam: &str) -> Applicatie {
        Applicatie {
            id: ApplicatieId::parse(id).expect("id"),
            gemeente: code.clone(),
            naam: naam.into(),
            leverancier: String::new(),
            referentiecomponenten: vec![ReferentiecomponentId::parse("id-1").expect("id")],
            contract: Contract::new(
                None,
                "2028-12-31".parse().expect("date"),
                3,
                12,
                None,
                1_000,
            )
            .expect("contract"),
            in_gebruik: true,
            gebruikers: None,
        }
    }

    #[tokio::test]
    async fn a_kept_landscape_follows_single_writes_by_reading_only_what_they_name() {
        let map = tempfile::tempdir().expect("temp dir");
        let (db, url) = utrecht_met_zaaksysteem(&map).await;
        let code = GemeenteCode::parse("GM0344").expect("code");
        let actor = Actor::Lid {
            naam: "test".into(),
            gemeente: code.clone(),
            recht: Lidrecht::Bewerken,
        };
        let schrijf = GemeenteSchrijfrecht::voor(&actor, &code).expect("right");
        let lees = GemeenteLeesrecht::voor(&actor, &code).expect("right");
        let begin: Vec<Applicatie> = (0..5)
            .map(|i| applicatie(&code, &format!("a{i}"), &format!("A{i}")))
            .collect();
        db.importeer_applicaties(&schrijf, &begin, &[], true, None)
            .await
            .expect("import");
        // This server keeps the landscape; a server with nothing kept reads it whole.
        let namen = |apps: Vec<Applicatie>| apps.into_iter().map(|a| a.naam).collect::<Vec<_>>();
        let gelezen = async || namen(db.applicaties(&lees).await.expect("read"));
        let vers = async || {
            let vers = Db::connect(&url).await.expect("db");
            namen(vers.applicaties(&lees).await.expect("read"))
        };
        assert_eq!(gelezen().await, ["A0", "A1", "A2", "A3", "A4"]);
        let versie = async |id: &str| {
            db.applicatie(&lees, &ApplicatieId::parse(id).expect("id"))
                .await
                .expect("read")
                .map(|(_, v)| v)
        };
        let zet = async |id: &str, naam: &str| {
            let verwacht = versie(id).await;
            db.zet_applicatie(&schrijf, &applicatie(&code, id, naam), verwacht)
                .await
                .expect("write");
        };
        let verwijder = async |id: &str| {
            assert!(
                db.verwijder_applicatie(&schrijf, &ApplicatieId::parse(id).expect("id"))
                    .await
                    .expect("delete")
            );
        };

        // One change, one deletion, two additions, each read in turn: brought up to date.
        zet("a1", "A1 nieuw").await;
        assert_eq!(gelezen().await, ["A0", "A1 nieuw", "A2", "A3", "A4"]);
        verwijder("a2").await;
        zet("x", "X").await;
        zet("y", "Y").await;
        assert_eq!(gelezen().await, ["A0", "A1 nieuw", "A3", "A4", "X", "Y"]);
        assert_eq!(gelezen().await, vers().await);
        assert_eq!(db.cache.bijgewerkt(), 2);

        // Deleted and added again: it moved to the end, so the landscape is read whole.
        verwijder("x").await;
        zet("x", "X weer").await;
        assert_eq!(
            gelezen().await,
            ["A0", "A1 nieuw", "A3", "A4", "Y", "X weer"]
        );
        assert_eq!(db.cache.bijgewerkt(), 2);

        // Added, changed and deleted between two reads; and added, deleted, added again.
        zet("z", "Z").await;
        zet("z", "Z nieuw").await;
        zet("a0", "A0 nieuw").await;
        verwijder("a3").await;
        zet("w", "W").await;
        verwijder("w").await;
        zet("v", "V").await;
        zet("w", "W weer").await;
        assert_eq!(
            gelezen().await,
            [
                "A0 nieuw", "A1 nieuw", "A4", "Y", "X weer", "Z nieuw", "V", "W weer"
            ]
        );
        assert_eq!(gelezen().await, vers().await);
        assert_eq!(db.cache.bijgewerkt(), 3);

        // A write without its record (as by an instance of older code) breaks the chain
        // of records: read whole, and still right.
        zet("a4", "A4 nieuw").await;
        zet("y", "Y nieuw").await;
        let ongemeld: i64 = sqlx::query_scalar(
            "SELECT MAX(versie) FROM landschapwijzigingen WHERE applicatie_id = 'a4'",
        )
        .fetch_one(&db.pool)
        .await
        .expect("record");
        sqlx::query("DELETE FROM landschapwijzigingen WHERE versie = $1")
            .bind(ongemeld)
            .execute(&db.pool)
            .await
            .expect("by hand");
        assert_eq!(
            gelezen().await,
            [
                "A0 nieuw", "A1 nieuw", "A4 nieuw", "Y nieuw", "X weer", "Z nieuw", "V", "W weer"
            ]
        );
        assert_eq!(db.cache.bijgewerkt(), 3);

        // An import writes the whole landscape: read whole.
        db.importeer_applicaties(&schrijf, &begin[..2], &[], true, None)
            .await
            .expect("import");
        assert_eq!(gelezen().await, ["A0", "A1"]);
        assert_eq!(db.cache.bijgewerkt(), 3);

        // Only the records of the newest writes a reload follows are kept. A copy kept
        // from before them is read whole, and right; the next single write is followed.
        for i in 0..40 {
            zet("a0", &format!("A0 {i}")).await;
        }
        let bewaard: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM landschapwijzigingen WHERE gemeente_code = 'GM0344'",
        )
        .fetch_one(&db.pool)
        .await
        .expect("count");
        assert_eq!(
            usize::try_from(bewaard).expect("count"),
            crate::db::gegevensversie::BIJWERKEN_TOT
        );
        assert_eq!(gelezen().await, ["A0 39", "A1"]);
        assert_eq!(db.cache.bijgewerkt(), 3);
        zet("a1", "A1 laatst").await;
        assert_eq!(gelezen().await, ["A0 39", "A1 laatst"]);
        assert_eq!(gelezen().await, vers().await);
        assert_eq!(db.cache.bijgewerkt(), 4);
    }
}
