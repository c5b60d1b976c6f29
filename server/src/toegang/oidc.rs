//! Signing in through a gemeente's own identity provider: an OpenID Connect relying
//! party after the NL GOV Assurance profile (docs/security.md), with the `openidconnect`
//! crate doing the protocol and the token checks.
//!
//! - Only the authorization code flow, with PKCE (S256), a `state` and a `nonce` of 128
//!   random bits each, and the exact redirect URI `{publieke url}/inloggen/oidc/{naam}/terug`.
//! - What the sign-in needs when the person comes back (the provider, the nonce, the PKCE
//!   verifier) is kept in the database under the SHA-256 of the state, for ten minutes
//!   and once: any instance finishes what another started, and a state or nonce cannot
//!   be replayed.
//! - The provider's configuration and keys come from its discovery document; an ID token
//!   signed with a key (`kid`) not in the keys read before makes the keys be read again
//!   once, so a rotated key is accepted and a key the provider dropped is not.
//! - The ID token is checked by `openidconnect`: signature (RS256 or PS256), `iss`,
//!   `aud`, `azp` (with several audiences), `exp` and the `nonce`.
//! - A person is who they are at the provider: (provider, `sub`), never an e-mail
//!   address. The first sign-in makes an account with the provider's rol and gemeente.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use domain::GemeenteCode;
use domain::toegang::Toegangsrol;
use domain::toegang::recht::Accountkring;
use openidconnect::ProviderMetadataWithLogout as CoreProviderMetadata;
use openidconnect::core::{CoreAuthenticationFlow, CoreJwsSigningAlgorithm};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, IssuerUrl,
    Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, SignatureVerificationError,
    TokenResponse as _,
};
use serde::Deserialize;
use tokio::sync::Mutex;

use super::geheim::{nieuw_geheim, sha256_hex};
use super::sessie::{open_sessie, terug_naar_inloggen};
use crate::AppState;
use crate::beveiliging::Client;
use crate::db::toegang::OidcAanvraag;

/// How long a sign-in may take at the provider.
const AANVRAAG_MICROS: i64 = 10 * 60 * 1_000_000;

/// How long a provider's discovery document and keys are used before they are read again.
const METADATA_GELDIG: Duration = Duration::from_secs(3600);

/// The longest `code` or `state` accepted back from a provider.
const MAX_PARAMETER: usize = 2_048;

/// One identity provider, as configured (`GRONDPLAN_OIDC`, a JSON list; README). Its
/// `Debug` leaves the secret and the private key out.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Aanbieder {
    /// In the URLs: `/inloggen/oidc/{naam}`; lower-case letters, digits and dashes.
    pub naam: String,
    /// On the button: "Inloggen met {label}".
    pub label: String,
    /// The issuer, whose `/.well-known/openid-configuration` is read.
    pub issuer: String,
    /// Grondplan's client id at the provider.
    pub client_id: String,
    /// How Grondplan proves it is that client: `private_key_jwt` (the profile's choice)
    /// or `client_secret_basic` (the default).
    #[serde(default)]
    pub client_auth: Clientbewijs,
    /// For `client_secret_basic`: the client secret.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// For `private_key_jwt`: the path of the RSA private key (PKCS#8 or PKCS#1 PEM)
    /// whose public key is registered with the provider.
    #[serde(default)]
    pub private_key: Option<String>,
    /// For `private_key_jwt`: the `kid` the provider knows that key by.
    #[serde(default)]
    pub kid: Option<String>,
    /// The private key itself, read from [`Aanbieder::private_key`] when the list is read.
    #[serde(skip)]
    pub sleutel_pem: Option<String>,
    /// The rol everyone who signs in here gets (the common case: one provider per
    /// gemeente); or none, and [`Aanbieder::regels`] decide per person; with neither, only
    /// people a beheerder invited sign in here (the invitation gives rol and gemeente).
    #[serde(default)]
    pub rol: Option<Toegangsrol>,
    /// For rol `gemeente`: the gemeente everyone who signs in here belongs to.
    #[serde(default)]
    pub gemeente: Option<GemeenteCode>,
    /// Instead of one rol for all: what a claim of the ID token says (a broker or a
    /// national provider serving several gemeenten).
    #[serde(default)]
    pub regels: Option<Regels>,
}

/// How the client authenticates at the token endpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clientbewijs {
    /// The client id and secret in the `Authorization` header.
    #[default]
    ClientSecretBasic,
    /// A JWT signed with Grondplan's private key (RFC 7523), as the NL GOV profile asks.
    PrivateKeyJwt,
}

/// How a claim of the ID token decides rol and gemeente: its values (a text or a list of
/// texts at `claim`, a dotted path such as `groups` or `realm_access.roles`) are looked up.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Regels {
    /// Where the values are.
    pub claim: String,
    /// A value that makes a person regie.
    #[serde(default)]
    pub regie: Vec<String>,
    /// A value that makes a person a member of a gemeente.
    #[serde(default)]
    pub gemeenten: std::collections::BTreeMap<String, GemeenteCode>,
}

/// Why the claims of a person give no access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeenToegang {
    /// No value of the claim is in the rules.
    Geen,
    /// The values name more than one gemeente.
    MeerdereGemeenten,
    /// Entra ID left the groups out (too many; "group overage") and points elsewhere.
    TeVeelGroepen,
}

impl Regels {
    /// The rol and gemeente the claims (the ID token's claims as JSON) give: regie when a
    /// value says so, else the one gemeente the values name.
    ///
    /// # Errors
    /// No value in the rules, values of more than one gemeente, or Entra's group
    /// overage (`_claim_names` naming the claim instead of the claim itself).
    pub fn toegang(
        &self,
        claims: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<(Toegangsrol, Option<GemeenteCode>), GeenToegang> {
        let mut plek = None;
        for (i, deel) in self.claim.split('.').enumerate() {
            plek = if i == 0 {
                claims.get(deel)
            } else {
                plek.and_then(|p: &serde_json::Value| p.get(deel))
            };
        }
        let waarden: Vec<&str> = match plek {
            Some(serde_json::Value::String(t)) => vec![t.as_str()],
            Some(serde_json::Value::Array(lijst)) => {
                lijst.iter().filter_map(serde_json::Value::as_str).collect()
            }
            _ => Vec::new(),
        };
        if waarden.is_empty()
            && claims
                .get("_claim_names")
                .and_then(|n| n.get(&self.claim))
                .is_some()
        {
            return Err(GeenToegang::TeVeelGroepen);
        }
        if waarden.iter().any(|w| self.regie.iter().any(|r| r == w)) {
            return Ok((Toegangsrol::Regie, None));
        }
        let mut gemeenten: Vec<&GemeenteCode> = waarden
            .iter()
            .filter_map(|w| self.gemeenten.get(*w))
            .collect();
        gemeenten.sort();
        gemeenten.dedup();
        match gemeenten.as_slice() {
            [] => Err(GeenToegang::Geen),
            [een] => Ok((Toegangsrol::Gemeente, Some((*een).clone()))),
            _ => Err(GeenToegang::MeerdereGemeenten),
        }
    }
}

impl std::fmt::Debug for Aanbieder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Aanbieder")
            .field("naam", &self.naam)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_auth", &self.client_auth)
            .field("rol", &self.rol)
            .field("gemeente", &self.gemeente)
            .field("regels", &self.regels)
            .finish_non_exhaustive()
    }
}

impl Aanbieder {
    fn controleer(&self) -> anyhow::Result<()> {
        let naam = &self.naam;
        if naam.is_empty()
            || naam.len() > 40
            || !naam
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            bail!("aanbieder '{naam}': de naam is 1 tot 40 kleine letters, cijfers of streepjes");
        }
        IssuerUrl::new(self.issuer.clone())
            .with_context(|| format!("aanbieder '{naam}': issuer is geen URL"))?;
        match self.client_auth {
            Clientbewijs::ClientSecretBasic if self.client_secret.is_none() => {
                bail!("aanbieder '{naam}': client_secret_basic vraagt een clientSecret")
            }
            Clientbewijs::PrivateKeyJwt if self.private_key.is_none() => {
                bail!(
                    "aanbieder '{naam}': private_key_jwt vraagt een privateKey (pad van een PEM-bestand)"
                )
            }
            _ => {}
        }
        match (self.rol, &self.gemeente, &self.regels) {
            (Some(Toegangsrol::Gemeente), None, None) => {
                bail!("aanbieder '{naam}': rol gemeente vraagt een gemeente, zoals \"GM0344\"")
            }
            (Some(Toegangsrol::Regie), Some(_), None) => {
                bail!("aanbieder '{naam}': rol regie hoort bij geen gemeente")
            }
            (Some(_), _, None) => Ok(()),
            (None, None, Some(regels)) if !regels.claim.is_empty() => Ok(()),
            (None, None, Some(_)) => bail!("aanbieder '{naam}': regels vragen een claim"),
            // Neither: the provider only says who someone is; only those a beheerder
            // invited sign in here.
            (None, None, None) => Ok(()),
            _ => bail!("aanbieder '{naam}': geef rol (en gemeente) of regels, niet allebei"),
        }
    }
}

/// Reads the providers from the JSON text of `GRONDPLAN_OIDC`.
///
/// # Errors
/// Text that is no list of providers, or a provider that breaks a rule (named).
pub fn lees_aanbieders(json: &str) -> anyhow::Result<Vec<Aanbieder>> {
    let aanbieders: Vec<Aanbieder> =
        serde_json::from_str(json).context("GRONDPLAN_OIDC is geen lijst van aanbieders")?;
    let mut aanbieders = aanbieders;
    for i in 0..aanbieders.len() {
        let a = &aanbieders[i];
        a.controleer()?;
        if aanbieders[..i].iter().any(|b| b.naam == a.naam) {
            bail!("aanbieder '{}' staat er twee keer in", a.naam);
        }
        if let Some(pad) = a.private_key.clone() {
            let pem = std::fs::read_to_string(&pad).with_context(|| {
                format!("aanbieder '{}': privateKey {pad} is niet te lezen", a.naam)
            })?;
            jsonwebtoken::EncodingKey::from_rsa_pem(pem.as_bytes()).with_context(|| {
                format!(
                    "aanbieder '{}': privateKey {pad} is geen RSA-sleutel in PEM",
                    a.naam
                )
            })?;
            aanbieders[i].sleutel_pem = Some(pem);
        }
    }
    Ok(aanbieders)
}

/// The providers of this service and what it read from them (a cache: any instance reads
/// them itself).
pub struct Oidc {
    aanbieders: Vec<Aanbieder>,
    /// Where people reach the service, for the redirect URI.
    publieke_url: String,
    http: openidconnect::reqwest::Client,
    metadata: Mutex<HashMap<String, (Arc<CoreProviderMetadata>, Instant)>>,
}

impl Oidc {
    /// For `aanbieders`, reached back at `publieke_url`.
    ///
    /// # Errors
    /// When the HTTP client cannot be made.
    pub fn nieuw(aanbieders: Vec<Aanbieder>, publieke_url: String) -> anyhow::Result<Self> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            // No redirects: a provider's answer is taken as it is (SSRF).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .context("de HTTP-client voor OpenID Connect")?;
        Ok(Self {
            aanbieders,
            publieke_url,
            http,
            metadata: Mutex::new(HashMap::new()),
        })
    }

    /// The providers, as (naam, label), for the login page.
    pub fn knoppen(&self) -> Vec<(String, String)> {
        self.aanbieders
            .iter()
            .map(|a| (a.naam.clone(), a.label.clone()))
            .collect()
    }

    fn aanbieder(&self, naam: &str) -> Option<&Aanbieder> {
        self.aanbieders.iter().find(|a| a.naam == naam)
    }

    /// The provider's discovery document and keys, read again when older than an hour
    /// or when `opnieuw`.
    async fn metadata(
        &self,
        aanbieder: &Aanbieder,
        opnieuw: bool,
    ) -> anyhow::Result<Arc<CoreProviderMetadata>> {
        if !opnieuw
            && let Some((metadata, gelezen)) = self.metadata.lock().await.get(&aanbieder.naam)
            && gelezen.elapsed() < METADATA_GELDIG
        {
            return Ok(Arc::clone(metadata));
        }
        // Read without holding the cache: a slow provider holds up no other sign-in.
        let issuer = IssuerUrl::new(aanbieder.issuer.clone())?;
        let metadata = Arc::new(
            CoreProviderMetadata::discover_async(issuer, &self.http)
                .await
                .with_context(|| format!("de discovery van '{}'", aanbieder.naam))?,
        );
        self.metadata.lock().await.insert(
            aanbieder.naam.clone(),
            (Arc::clone(&metadata), Instant::now()),
        );
        Ok(metadata)
    }

    /// Where to send the browser to end the session at provider `naam` too, with the
    /// session's `id_token` as hint and back to the start of this service afterwards;
    /// none when the provider has no end-session endpoint (or is no longer configured).
    pub async fn afmelding(&self, naam: &str, id_token: &str) -> Option<openidconnect::url::Url> {
        let aanbieder = self.aanbieder(naam)?;
        let metadata = self.metadata(aanbieder, false).await.ok()?;
        let einde = metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let terug =
            openidconnect::PostLogoutRedirectUrl::new(format!("{}/", self.publieke_url)).ok()?;
        let mut verzoek = openidconnect::LogoutRequest::from(einde)
            .set_client_id(ClientId::new(aanbieder.client_id.clone()))
            .set_post_logout_redirect_uri(terug);
        if let Ok(hint) = id_token.parse::<openidconnect::core::CoreIdToken>() {
            verzoek = verzoek.set_id_token_hint(&hint);
        }
        Some(verzoek.http_get_url())
    }

    fn terug_url(&self, aanbieder: &Aanbieder) -> anyhow::Result<RedirectUrl> {
        Ok(RedirectUrl::new(format!(
            "{}/inloggen/oidc/{}/terug",
            self.publieke_url, aanbieder.naam
        ))?)
    }
}

/// Why a sign-in through a provider ends on the login page: the `fout` code the page
/// explains.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Afloop {
    /// No provider by that name.
    Onbekend,
    /// The provider cannot be reached or answers nonsense.
    Onbereikbaar,
    /// The provider refused (the person cancelled, or may not).
    Geweigerd,
    /// No sign-in under way with this state: expired, used, or never started here.
    Verlopen,
    /// The code or the ID token does not hold.
    Ongeldig,
    /// The e-mail address belongs to another account.
    EmailBezet,
    /// The provider's rules give this person no access.
    GeenToegang(GeenToegang),
    /// Too many sign-ins under way from this client (or from all).
    TeVeel,
    /// The invitation being accepted is unknown, used, revoked or expired.
    UitnodigingOnbekend,
    /// The provider puts the person in another gemeente (or regie) than the invitation.
    UitnodigingElders,
    /// Storage failed.
    Storing,
}

impl Afloop {
    fn naar_inloggen(self) -> Response {
        let code = match self {
            Self::Onbekend => "oidc-onbekend",
            Self::Onbereikbaar => "oidc-onbereikbaar",
            Self::Geweigerd => "oidc-geweigerd",
            Self::Verlopen => "oidc-verlopen",
            Self::Ongeldig => "oidc-ongeldig",
            Self::EmailBezet => "oidc-email-bezet",
            Self::GeenToegang(GeenToegang::Geen) => "oidc-geen-toegang",
            Self::GeenToegang(GeenToegang::MeerdereGemeenten) => "oidc-meerdere-gemeenten",
            Self::GeenToegang(GeenToegang::TeVeelGroepen) => "oidc-te-veel-groepen",
            Self::TeVeel => "oidc-te-veel",
            Self::UitnodigingOnbekend => "uitnodiging-onbekend",
            Self::UitnodigingElders => "uitnodiging-elders",
            Self::Storing => "storing",
        };
        terug_naar_inloggen(code, "")
    }
}

/// What a sign-in may carry: the invitation it accepts.
#[derive(Debug, Deserialize)]
pub struct Begin {
    uitnodiging: Option<String>,
}

/// `GET /inloggen/oidc/{naam}`: starts a sign-in at the provider; with `?uitnodiging=`
/// it accepts that invitation once the provider says who the person is.
pub async fn begin(
    State(state): State<AppState>,
    Client(adres): Client,
    Path(naam): Path<String>,
    Query(begin): Query<Begin>,
) -> Response {
    let uitnodiging = match begin.uitnodiging {
        None => None,
        Some(token) if super::uitnodiging::lijkt_op_token(&token) => Some(sha256_hex(&token)),
        Some(_) => return Afloop::UitnodigingOnbekend.naar_inloggen(),
    };
    match begin_bij(&state, &naam, adres, uitnodiging).await {
        Ok(url) => Redirect::to(url.as_str()).into_response(),
        Err(afloop) => afloop.naar_inloggen(),
    }
}

async fn begin_bij(
    state: &AppState,
    naam: &str,
    adres: std::net::IpAddr,
    uitnodiging_hash: Option<String>,
) -> Result<openidconnect::url::Url, Afloop> {
    let oidc = &state.oidc;
    let aanbieder = oidc.aanbieder(naam).ok_or(Afloop::Onbekend)?;
    let metadata = oidc.metadata(aanbieder, false).await.map_err(|fout| {
        tracing::warn!(aanbieder = naam, error = %format!("{fout:#}"), "oidc: discovery");
        Afloop::Onbereikbaar
    })?;
    let client = rp(oidc, aanbieder, &metadata).map_err(|_| Afloop::Onbereikbaar)?;
    let (uitdaging, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state_token, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(uitdaging)
        .url();
    let nu = state.db.nu_micros();
    let aanvraag = OidcAanvraag {
        aanbieder: aanbieder.naam.clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        verloopt_op: nu + AANVRAAG_MICROS,
        uitnodiging_hash,
    };
    let bewaard = state
        .db
        .bewaar_oidc_aanvraag(
            &sha256_hex(state_token.secret()),
            &aanvraag,
            &sha256_hex(&adres.to_string()),
            nu,
        )
        .await
        .map_err(|fout| {
            tracing::error!(error = %fout, "oidc: aanvraag niet bewaard");
            Afloop::Storing
        })?;
    if !bewaard {
        tracing::warn!(%adres, "oidc: te veel aanvragen tegelijk");
        return Err(Afloop::TeVeel);
    }
    Ok(url)
}

/// What a provider sends the person back with.
#[derive(Debug, Deserialize)]
pub struct Antwoord {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /inloggen/oidc/{naam}/terug`: finishes a sign-in: the state must be one this
/// service started for this provider, the code is exchanged with its PKCE verifier, the
/// ID token is checked, and the person's account is found or made.
pub async fn terug(
    State(state): State<AppState>,
    Path(naam): Path<String>,
    jar: CookieJar,
    Query(antwoord): Query<Antwoord>,
) -> Response {
    match terug_van(&state, &naam, antwoord).await {
        Ok((account, id_token)) => {
            let Some(antwoord) = open_sessie(&state, jar, &account, Some((&naam, &id_token))).await
            else {
                return Afloop::Storing.naar_inloggen();
            };
            tracing::info!(aanbieder = naam, "ingelogd via OpenID Connect");
            antwoord
        }
        Err(afloop) => {
            tracing::info!(aanbieder = naam, ?afloop, "oidc: niet ingelogd");
            afloop.naar_inloggen()
        }
    }
}

/// The account of the person signed in, and the ID token (for the logout hint).
async fn terug_van(
    state: &AppState,
    naam: &str,
    antwoord: Antwoord,
) -> Result<(crate::db::toegang::Account, String), Afloop> {
    let oidc = &state.oidc;
    let aanbieder = oidc.aanbieder(naam).ok_or(Afloop::Onbekend)?;
    let te_lang = |t: &Option<String>| t.as_ref().is_some_and(|t| t.len() > MAX_PARAMETER);
    if te_lang(&antwoord.code) || te_lang(&antwoord.state) {
        return Err(Afloop::Ongeldig);
    }
    let nu = state.db.nu_micros();
    // The state is taken first, whatever else came back: it works once.
    let aanvraag = match &antwoord.state {
        Some(s) => state
            .db
            .neem_oidc_aanvraag(&sha256_hex(s), nu)
            .await
            .map_err(|_| Afloop::Storing)?,
        None => None,
    };
    let aanvraag = aanvraag
        .filter(|a| a.aanbieder == aanbieder.naam)
        .ok_or(Afloop::Verlopen)?;
    if antwoord.error.is_some() {
        return Err(Afloop::Geweigerd);
    }
    let code = antwoord.code.ok_or(Afloop::Ongeldig)?;
    let metadata = oidc
        .metadata(aanbieder, false)
        .await
        .map_err(|_| Afloop::Onbereikbaar)?;
    let client = rp(oidc, aanbieder, &metadata).map_err(|_| Afloop::Onbereikbaar)?;
    let mut verzoek = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|_| Afloop::Onbereikbaar)?
        .set_pkce_verifier(PkceCodeVerifier::new(aanvraag.pkce_verifier.clone()));
    if aanbieder.client_auth == Clientbewijs::PrivateKeyJwt {
        let bewijs = clientbewijs(aanbieder, &metadata, nu).map_err(|fout| {
            tracing::error!(aanbieder = naam, error = %format!("{fout:#}"), "oidc: client-bewijs");
            Afloop::Storing
        })?;
        verzoek = verzoek
            .add_extra_param(
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            )
            .add_extra_param("client_assertion", bewijs);
    }
    let tokens = verzoek.request_async(&oidc.http).await.map_err(|fout| {
        tracing::info!(aanbieder = naam, error = %fout, "oidc: code niet ingewisseld");
        Afloop::Ongeldig
    })?;
    let id_token = tokens.id_token().ok_or(Afloop::Ongeldig)?;
    let token_tekst = id_token.to_string();
    let nonce = Nonce::new(aanvraag.nonce.clone());
    let claims = match id_token.claims(&verifier(&client), &nonce) {
        Ok(claims) => claims.clone(),
        // A key the provider started using since its keys were read: read them again,
        // once.
        Err(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        )) => {
            let metadata = oidc
                .metadata(aanbieder, true)
                .await
                .map_err(|_| Afloop::Onbereikbaar)?;
            let client = rp(oidc, aanbieder, &metadata).map_err(|_| Afloop::Onbereikbaar)?;
            id_token
                .claims(&verifier(&client), &nonce)
                .map_err(|fout| ongeldig(naam, &fout))?
                .clone()
        }
        Err(fout) => return Err(ongeldig(naam, &fout)),
    };
    let sub = claims.subject().as_str();
    // Rol and gemeente, at every sign-in: the provider's rules may have changed. A
    // provider without rules or a fixed rol only signs in those a beheerder invited.
    let toegang = match (&aanbieder.regels, aanbieder.rol) {
        (Some(regels), _) => Some(
            regels
                .toegang(&claims.additional_claims().velden)
                .map_err(Afloop::GeenToegang),
        ),
        (None, Some(rol)) => Some(Ok((rol, aanbieder.gemeente.clone()))),
        (None, None) => None,
    };
    let db = &state.db;
    if let Some(account) = db
        .account_van_identiteit(&aanbieder.naam, sub)
        .await
        .map_err(|_| Afloop::Storing)?
    {
        let Some(toegang) = toegang else {
            // Invited, at a provider that only says who someone is.
            return Ok((account, token_tekst));
        };
        let (rol, gemeente) = toegang?;
        let nu_toegang = match account.actor() {
            Ok(domain::toegang::Actor::Lid { gemeente, .. }) => {
                Some((Toegangsrol::Gemeente, Some(gemeente)))
            }
            Ok(domain::toegang::Actor::Regie { .. }) => Some((Toegangsrol::Regie, None)),
            _ => None,
        };
        if nu_toegang.as_ref() == Some(&(rol, gemeente.clone())) {
            return Ok((account, token_tekst));
        }
        // Moved (another gemeente, or regie now): the provider decides.
        db.zet_toegang(&account.id, rol, gemeente.as_ref())
            .await
            .map_err(|_| Afloop::Storing)?;
        let account = db
            .account_van_identiteit(&aanbieder.naam, sub)
            .await
            .map_err(|_| Afloop::Storing)?
            .ok_or(Afloop::Storing)?;
        return Ok((account, token_tekst));
    }
    let bezet = |fout: crate::db::DbFout| match fout {
        crate::db::DbFout::Bestaat(_) => Afloop::EmailBezet,
        _ => Afloop::Storing,
    };
    // The first sign-in accepting an invitation: the account the beheerder invited,
    // linked to this person at this provider; the invitation is the right.
    if let Some(uitnodiging) = &aanvraag.uitnodiging_hash {
        // A provider that decides rol and gemeente must say the invitation's own: an
        // invitation into Utrecht is not a way into Amsterdam's provider's accounts.
        if let Some(toegang) = toegang {
            let open = db
                .uitnodiging(uitnodiging)
                .await
                .map_err(|_| Afloop::Storing)?
                .ok_or(Afloop::UitnodigingOnbekend)?;
            let (rol, gemeente) = toegang.map_err(|_| Afloop::UitnodigingElders)?;
            let eigen = match open.kring {
                Accountkring::Gemeente(code) => (Toegangsrol::Gemeente, Some(code)),
                Accountkring::Regie => (Toegangsrol::Regie, None),
            };
            if (rol, gemeente) != eigen {
                return Err(Afloop::UitnodigingElders);
            }
        }
        let account = db
            .aanvaard_uitnodiging(
                uitnodiging,
                crate::db::toegang::ZONDER_WACHTWOORD,
                Some((&aanbieder.naam, sub)),
            )
            .await
            .map_err(bezet)?
            .ok_or(Afloop::UitnodigingOnbekend)?;
        return Ok((account, token_tekst));
    }
    // The first sign-in: an account with the rol and gemeente the rules give.
    let (rol, gemeente) = toegang.ok_or(Afloop::GeenToegang(GeenToegang::Geen))??;
    let email = claims
        .email()
        .map_or_else(|| format!("{sub}@{}", aanbieder.naam), |e| e.to_string());
    let account = db
        .maak_identiteit(&aanbieder.naam, sub, &email, rol, gemeente.as_ref(), nu)
        .await
        .map_err(bezet)?;
    Ok((account, token_tekst))
}

fn ongeldig(naam: &str, fout: &ClaimsVerificationError) -> Afloop {
    tracing::warn!(aanbieder = naam, error = %fout, "oidc: ID-token afgewezen");
    Afloop::Ongeldig
}

/// The claims of an ID token beyond the standard ones, as JSON, for [`Regels`].
#[derive(Debug, Clone, Default, serde::Serialize, Deserialize)]
pub struct Overige {
    /// Each claim by name.
    #[serde(flatten)]
    pub velden: serde_json::Map<String, serde_json::Value>,
}

impl openidconnect::AdditionalClaims for Overige {}

type Tokenantwoord = openidconnect::StandardTokenResponse<
    openidconnect::IdTokenFields<
        Overige,
        openidconnect::EmptyExtraTokenFields,
        openidconnect::core::CoreGenderClaim,
        openidconnect::core::CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    openidconnect::core::CoreTokenType,
>;

/// The client of this service at `aanbieder`, as its discovery document describes it.
type Rp = openidconnect::Client<
    Overige,
    openidconnect::core::CoreAuthDisplay,
    openidconnect::core::CoreGenderClaim,
    openidconnect::core::CoreJweContentEncryptionAlgorithm,
    openidconnect::core::CoreJsonWebKey,
    openidconnect::core::CoreAuthPrompt,
    openidconnect::StandardErrorResponse<openidconnect::core::CoreErrorResponseType>,
    Tokenantwoord,
    openidconnect::core::CoreTokenIntrospectionResponse,
    openidconnect::core::CoreRevocableToken,
    openidconnect::core::CoreRevocationErrorResponse,
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

fn rp(oidc: &Oidc, aanbieder: &Aanbieder, metadata: &CoreProviderMetadata) -> anyhow::Result<Rp> {
    let client = Rp::from_provider_metadata(
        metadata.clone(),
        ClientId::new(aanbieder.client_id.clone()),
        aanbieder.client_secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(oidc.terug_url(aanbieder)?);
    Ok(match aanbieder.client_auth {
        Clientbewijs::ClientSecretBasic => client,
        // No secret: the client id goes in the body, beside the signed assertion.
        Clientbewijs::PrivateKeyJwt => client.set_auth_type(openidconnect::AuthType::RequestBody),
    })
}

/// The signed proof that this request comes from Grondplan's client (RFC 7523, as
/// `private_key_jwt` asks): issuer and subject the client id, audience the token
/// endpoint, valid for a minute, with a fresh `jti`.
fn clientbewijs(
    aanbieder: &Aanbieder,
    metadata: &CoreProviderMetadata,
    nu_micros: i64,
) -> anyhow::Result<String> {
    #[derive(serde::Serialize)]
    struct Bewijs<'a> {
        iss: &'a str,
        sub: &'a str,
        aud: &'a str,
        jti: String,
        iat: i64,
        exp: i64,
    }
    let pem = aanbieder
        .sleutel_pem
        .as_deref()
        .context("geen privésleutel gelezen")?;
    let sleutel = jsonwebtoken::EncodingKey::from_rsa_pem(pem.as_bytes())?;
    let aud = metadata
        .token_endpoint()
        .context("de aanbieder noemt geen token endpoint")?
        .as_str();
    let nu = nu_micros / 1_000_000;
    let mut kop = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    kop.kid = aanbieder.kid.clone();
    Ok(jsonwebtoken::encode(
        &kop,
        &Bewijs {
            iss: &aanbieder.client_id,
            sub: &aanbieder.client_id,
            aud,
            jti: nieuw_geheim().context("geen willekeur voor jti")?,
            iat: nu,
            exp: nu + 60,
        },
        &sleutel,
    )?)
}

/// The checks of an ID token: those of `openidconnect` (signature, `iss`, `aud`, `azp`,
/// `exp`, and the nonce given with it), signed with RS256 or PS256.
fn verifier(client: &Rp) -> openidconnect::core::CoreIdTokenVerifier<'_> {
    client.id_token_verifier().set_allowed_algs([
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        CoreJwsSigningAlgorithm::RsaSsaPssSha256,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    #[test]
    fn a_provider_list_is_read_and_each_rule_is_named() {
        let goed = r#"[{"naam": "utrecht", "label": "Gemeente Utrecht",
            "issuer": "https://login.example/utrecht", "clientId": "grondplan",
            "clientSecret": "geheim", "rol": "gemeente", "gemeente": "GM0344"}]"#;
        let lijst = lees_aanbieders(goed).expect("valid");
        assert!(
            !format!("{lijst:?}").contains("geheim"),
            "Debug leaves the secret out"
        );
        assert_eq!(
            lijst[0].gemeente.as_ref().map(GemeenteCode::as_str),
            Some("GM0344")
        );
        let zonder_gemeente = goed.replace(r#", "gemeente": "GM0344""#, "");
        assert!(
            format!(
                "{:#}",
                lees_aanbieders(&zonder_gemeente).expect_err("no gemeente")
            )
            .contains("rol gemeente vraagt een gemeente")
        );
        let dubbel = format!(
            "[{},{}]",
            &goed[1..goed.len() - 1],
            &goed[1..goed.len() - 1]
        );
        assert!(
            format!("{:#}", lees_aanbieders(&dubbel).expect_err("twice")).contains("twee keer")
        );
        let vreemd = goed.replace("\"utrecht\"", "\"Utrecht!\"");
        assert!(lees_aanbieders(&vreemd).is_err());
        let onbekend_veld = goed.replace("\"rol\"", "\"rollen\"");
        assert!(lees_aanbieders(&onbekend_veld).is_err());
        let zonder_sleutel = goed.replace(
            r#""clientSecret": "geheim""#,
            r#""clientAuth": "private_key_jwt""#,
        );
        assert!(
            format!(
                "{:#}",
                lees_aanbieders(&zonder_sleutel).expect_err("no key")
            )
            .contains("private_key_jwt vraagt een privateKey")
        );
        let zonder_geheim = goed.replace(r#""clientSecret": "geheim", "#, "");
        assert!(
            format!(
                "{:#}",
                lees_aanbieders(&zonder_geheim).expect_err("no secret")
            )
            .contains("vraagt een clientSecret")
        );
        let met_regels = r#"[{"naam": "broker", "label": "Gemeentelijk inlogportaal",
            "issuer": "https://sso.example/realms/gemeenten", "clientId": "grondplan",
            "clientSecret": "geheim", "regels": {"claim": "realm_access.roles",
            "regie": ["grondplan-regie"], "gemeenten": {"grondplan-utrecht": "GM0344"}}}]"#;
        assert!(
            lees_aanbieders(met_regels)
                .expect("valid")
                .remove(0)
                .regels
                .is_some()
        );
        let allebei = met_regels.replace(r#""regels""#, r#""rol": "regie", "regels""#);
        assert!(
            format!("{:#}", lees_aanbieders(&allebei).expect_err("both")).contains("niet allebei")
        );
    }

    fn regels() -> Regels {
        Regels {
            claim: "realm_access.roles".into(),
            regie: vec!["grondplan-regie".into()],
            gemeenten: [
                (
                    "grondplan-utrecht".to_owned(),
                    GemeenteCode::parse("GM0344").expect("code"),
                ),
                (
                    "grondplan-amsterdam".to_owned(),
                    GemeenteCode::parse("GM0363").expect("code"),
                ),
            ]
            .into(),
        }
    }

    fn claims(json: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
        json.as_object().cloned().expect("an object")
    }

    #[test]
    fn a_claim_value_in_the_rules_gives_its_gemeente_or_regie_and_nothing_else_does() {
        let r = regels();
        let utrecht = claims(json!({"realm_access": {"roles": ["iets", "grondplan-utrecht"]}}));
        assert_eq!(
            r.toegang(&utrecht),
            Ok((Toegangsrol::Gemeente, GemeenteCode::parse("GM0344").ok()))
        );
        let regie =
            claims(json!({"realm_access": {"roles": ["grondplan-utrecht", "grondplan-regie"]}}));
        assert_eq!(r.toegang(&regie), Ok((Toegangsrol::Regie, None)));
        let twee = claims(
            json!({"realm_access": {"roles": ["grondplan-utrecht", "grondplan-amsterdam"]}}),
        );
        assert_eq!(r.toegang(&twee), Err(GeenToegang::MeerdereGemeenten));
        assert_eq!(r.toegang(&claims(json!({}))), Err(GeenToegang::Geen));
        let enkel = Regels {
            claim: "groups".into(),
            ..regels()
        };
        assert_eq!(
            enkel.toegang(&claims(json!({"groups": "grondplan-amsterdam"}))),
            Ok((Toegangsrol::Gemeente, GemeenteCode::parse("GM0363").ok())),
            "one text is one value"
        );
        // Entra ID with too many groups: the claim is left out and pointed to.
        let overschot = claims(json!({"_claim_names": {"groups": "src1"}, "_claim_sources": {}}));
        assert_eq!(enkel.toegang(&overschot), Err(GeenToegang::TeVeelGroepen));
    }
}
