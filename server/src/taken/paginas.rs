//! What the pages read, through the ports of `domain::ports`: the published data for
//! everyone, a gemeente's own data for whoever holds the right (the server function made
//! the proof from the actor recognised once per request), the national picture, and a
//! shared plan through its link. Storage failures are logged here and reported to the
//! page only as "storage unavailable".

use domain::contract::{
    Accountlijst, Auditpost, Benoemdscenario, GedeeldScenario, Leesfout, Planbasis, Tokenregel,
    Uitnodigingsinfo,
};
use domain::landelijk::LandelijkBeeld;
use domain::landelijk::venster::Vensterbasis;
use domain::ports::{BoxFuture, OpslagFout, PubliekeGegevens};
use domain::toegang::recht::{
    Accountbeheerrecht, Accountkring, AlleGemeentenLeesrecht, GemeenteLeesrecht,
    GemeenteSchrijfrecht, LandelijkLeesrecht,
};
use domain::{Component, Gemeente, Opgave, Referentiecomponent};

use crate::db::Db;
use crate::toegang::geheim::sha256_hex;

/// Logs a storage error behind a page's read and reports only that storage failed.
fn leesfout<F: std::fmt::Display>(wat: &'static str) -> impl Fn(F) -> Leesfout {
    move |fout| {
        tracing::error!(error = %fout, wat, "lezen mislukt");
        Leesfout::Opslag
    }
}

impl PubliekeGegevens for Db {
    fn gemeenten(&self) -> BoxFuture<'_, Result<Vec<Gemeente>, OpslagFout>> {
        Box::pin(async move { Ok(self.alle_gemeenten().await?) })
    }

    fn gemeente<'a>(
        &'a self,
        code: &'a domain::GemeenteCode,
    ) -> BoxFuture<'a, Result<Option<Gemeente>, OpslagFout>> {
        Box::pin(async move { Ok(Db::gemeente(self, code).await?) })
    }

    fn opgaven(&self) -> BoxFuture<'_, Result<Vec<Opgave>, OpslagFout>> {
        Box::pin(async move { Ok(self.alle_opgaven().await?) })
    }

    fn componenten(&self) -> BoxFuture<'_, Result<Vec<Component>, OpslagFout>> {
        Box::pin(async move { Ok(Db::componenten(self).await?) })
    }

    fn referentiecomponenten(&self) -> BoxFuture<'_, Result<Vec<Referentiecomponent>, OpslagFout>> {
        Box::pin(async move { Ok(Db::referentiecomponenten(self).await?) })
    }
}

impl domain::ports::Landschappen for Db {
    fn scenarios<'a>(
        &'a self,
        recht: &'a GemeenteLeesrecht,
    ) -> BoxFuture<'a, Result<Vec<Benoemdscenario>, Leesfout>> {
        Box::pin(async move {
            let lijst = Db::scenarios(self, recht)
                .await
                .map_err(leesfout("scenario's"))?;
            Ok(lijst
                .into_iter()
                .map(|s| Benoemdscenario {
                    id: s.id,
                    naam: s.naam,
                    scenario: s.scenario,
                })
                .collect())
        })
    }

    fn planbasis<'a>(
        &'a self,
        recht: &'a GemeenteLeesrecht,
    ) -> BoxFuture<'a, Result<Planbasis, Leesfout>> {
        Box::pin(async move {
            let mag_schrijven = GemeenteSchrijfrecht::voor(recht.actor(), recht.gemeente()).is_ok();
            let gemeente = self
                .gemeente(recht.gemeente())
                .await
                .map_err(leesfout("gemeente"))?
                .unwrap_or_else(|| Gemeente::onbekend(recht.gemeente().clone()));
            Ok(Planbasis {
                gemeente,
                basis: Db::planbasis(self, recht)
                    .await
                    .map_err(leesfout("landschap"))?,
                referentiecomponenten: Db::referentiecomponenten(self)
                    .await
                    .map_err(leesfout("referentiecomponenten"))?,
                peildatum: self.klok().vandaag(),
                mag_schrijven,
                aan_te_vullen: Db::aan_te_vullen(self, recht)
                    .await
                    .map_err(leesfout("landschap"))?,
            })
        })
    }
}

impl domain::ports::Auditlezer for Db {
    fn audit<'a>(
        &'a self,
        recht: &'a GemeenteLeesrecht,
    ) -> BoxFuture<'a, Result<Vec<Auditpost>, Leesfout>> {
        Box::pin(async move {
            let regels = Db::audit(self, recht).await.map_err(leesfout("audit"))?;
            Ok(regels
                .into_iter()
                .map(super::audit_lezen::auditpost)
                .collect())
        })
    }
}

impl domain::ports::Deellinks for Db {
    fn gedeeld<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<Option<GedeeldScenario>, OpslagFout>> {
        Box::pin(async move { Ok(self.gedeeld_scenario(token).await?) })
    }
}

/// The landelijk page: the beeld this instance keeps ([`super::landelijk_beeld`]) on today's
/// date, and the reader's own naming choice.
pub struct LandelijkePagina {
    /// The storage.
    pub db: Db,
    /// What this instance computed.
    pub berekeningen: super::landelijk_beeld::Berekeningen,
}

impl domain::ports::Landelijk for LandelijkePagina {
    fn kansrijke_momenten<'a>(
        &'a self,
        recht: &'a LandelijkLeesrecht,
        drempel: usize,
    ) -> BoxFuture<'a, Result<LandelijkBeeld, Leesfout>> {
        Box::pin(async move {
            let vandaag = self.db.klok().vandaag();
            super::landelijk_beeld::beeld(&self.db, &self.berekeningen, recht, vandaag, drempel)
                .await
                .map_err(leesfout("landelijk beeld"))
        })
    }

    fn contractvensters<'a>(
        &'a self,
        recht: &'a AlleGemeentenLeesrecht,
    ) -> BoxFuture<'a, Result<Vensterbasis, Leesfout>> {
        Box::pin(async move {
            let vandaag = self.db.klok().vandaag();
            super::landelijk_beeld::contractvensters(&self.db, &self.berekeningen, recht, vandaag)
                .await
                .map_err(leesfout("contractvensters"))
        })
    }

    fn zichtbaarheid<'a>(
        &'a self,
        recht: &'a GemeenteLeesrecht,
    ) -> BoxFuture<'a, Result<(bool, i64), Leesfout>> {
        Box::pin(async move {
            self.db
                .zichtbaarheid(recht)
                .await
                .map_err(leesfout("zichtbaarheid"))
        })
    }
}

impl domain::ports::Accountbeheer for Db {
    fn accounts<'a>(
        &'a self,
        recht: &'a Accountbeheerrecht,
    ) -> BoxFuture<'a, Result<Accountlijst, Leesfout>> {
        Box::pin(async move {
            Db::accounts(self, recht)
                .await
                .map_err(leesfout("accounts"))
        })
    }

    fn tokens<'a>(
        &'a self,
        recht: &'a Accountbeheerrecht,
    ) -> BoxFuture<'a, Result<Vec<Tokenregel>, Leesfout>> {
        Box::pin(async move { self.tokenlijst(recht).await.map_err(leesfout("tokens")) })
    }

    fn uitnodiging<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<Option<Uitnodigingsinfo>, Leesfout>> {
        Box::pin(async move {
            if !crate::toegang::uitnodiging::lijkt_op_token(token) {
                return Ok(None);
            }
            let gevonden = Db::uitnodiging(self, &sha256_hex(token))
                .await
                .map_err(leesfout("uitnodigingen"))?;
            Ok(gevonden.map(|u| Uitnodigingsinfo {
                recht: matches!(u.kring, Accountkring::Gemeente(_)).then_some(u.recht),
                email: u.email,
                gemeentenaam: u.gemeentenaam,
            }))
        })
    }
}
