//! The response headers that keep a browser from turning the service against its users,
//! and who the client is (its address, for throttling logins).
//!
//! Every response gets a Content-Security-Policy with a fresh nonce, which a page's inline
//! scripts carry, `X-Content-Type-Options: nosniff`, a Referrer-Policy
//! (`no-referrer` on share-link pages, whose URL is the secret), and
//! `Strict-Transport-Security` when the service is reached over https. Responses that
//! depend on who asks (a session or token was sent, a share link, a server function) are
//! `Cache-Control: no-store`, so no shared cache or back button keeps them.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::Config;

/// What the security of responses and logins depends on, from the configuration.
#[derive(Debug, Clone, Default)]
pub struct Beveiliging {
    /// Whether people reach the service over https.
    pub via_https: bool,
    /// The reverse proxies whose `X-Forwarded-For` is believed.
    pub proxies: Vec<IpAddr>,
    /// The origins of the identity providers, where a logout form sends the browser on.
    pub formulierdoelen: Vec<String>,
}

impl Beveiliging {
    /// From the configuration.
    pub fn uit(config: &Config) -> Arc<Self> {
        let mut formulierdoelen: Vec<String> = config
            .oidc
            .iter()
            .filter_map(|a| openidconnect::url::Url::parse(&a.issuer).ok())
            .map(|u| u.origin().ascii_serialization())
            .collect();
        formulierdoelen.sort();
        formulierdoelen.dedup();
        Arc::new(Self {
            via_https: config.via_https(),
            proxies: config.proxies.clone(),
            formulierdoelen,
        })
    }

    /// The client's address: the connection's, unless that is a configured proxy; then
    /// the last address in `X-Forwarded-For` that is not one (a client can put anything
    /// in front of the list, but not behind what the proxy appended).
    pub fn client(&self, verbinding: Option<SocketAddr>, headers: &HeaderMap) -> IpAddr {
        let direct = verbinding.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |a| a.ip());
        if !self.proxies.contains(&direct) {
            return direct;
        }
        headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|w| w.to_str().ok())
            .flat_map(|w| w.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .rev()
            .find(|a| !self.proxies.contains(a))
            .unwrap_or(direct)
    }
}

/// The client's address as [`Beveiliging::client`] decides it, as an extractor.
#[derive(Debug, Clone, Copy)]
pub struct Client(pub IpAddr);

impl axum::extract::FromRequestParts<crate::AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        delen: &mut axum::http::request::Parts,
        state: &crate::AppState,
    ) -> Result<Self, Self::Rejection> {
        let verbinding = delen
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(a)| *a);
        Ok(Self(state.beveiliging.client(verbinding, &delen.headers)))
    }
}

/// The nonce of a request's inline scripts, made by [`koppen`] and put in the request's
/// extensions, where the page rendering finds it ([`geef_nonce`]).
#[derive(Debug, Clone)]
pub struct Paginanonce(pub String);

/// Gives the page being rendered the nonce [`koppen`] made for its request, so that its
/// inline scripts carry the nonce the response's policy names. Called in the Leptos
/// context, after leptos_axum provided a nonce of its own (which this one replaces).
pub fn geef_nonce() {
    if let Some(delen) = leptos::prelude::use_context::<axum::http::request::Parts>()
        && let Some(Paginanonce(nonce)) = delen.extensions.get::<Paginanonce>()
    {
        leptos::prelude::provide_context(leptos::nonce::Nonce::from_value(nonce.as_str()));
    }
}

/// The middleware that sets the headers.
pub async fn koppen(
    State(beveiliging): State<Arc<Beveiliging>>,
    verzoek: Request,
    volgende: Next,
) -> Response {
    let pad = verzoek.uri().path().to_owned();
    let persoonlijk = verzoek.headers().contains_key(header::AUTHORIZATION)
        || verzoek
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|w| w.to_str().ok())
            .any(|w| w.contains(crate::toegang::SESSIECOOKIE))
        || pad.starts_with("/plan/")
        || pad.starts_with("/fn/")
        || pad == "/inloggen";
    // The page's nonce is made here, before anything is rendered, and handed to Leptos
    // through the request (see [`Paginanonce`]): the policy is then on the response
    // however the page is streamed.
    let nonce = Paginanonce(leptos::nonce::Nonce::new().to_string());
    let beleid = HeaderValue::from_str(&frontend::beveiliging::inhoudsbeleid(
        Some(&nonce.0),
        &beveiliging.formulierdoelen,
    ));
    let mut verzoek = verzoek;
    verzoek.extensions_mut().insert(nonce);
    let mut antwoord = volgende.run(verzoek).await;
    let koppen = antwoord.headers_mut();
    if let Ok(beleid) = beleid {
        koppen.insert(header::CONTENT_SECURITY_POLICY, beleid);
    }
    koppen.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    koppen.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static(if pad.starts_with("/plan/") {
            "no-referrer"
        } else {
            "strict-origin-when-cross-origin"
        }),
    );
    if beveiliging.via_https {
        koppen.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if persoonlijk && !pad.starts_with("/pkg/") {
        koppen.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    antwoord
}

#[cfg(test)]
mod tests {
    use super::*;

    fn met_xff(waarde: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", waarde.parse().expect("value"));
        h
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_configured_proxy() {
        let proxy: SocketAddr = "10.0.0.2:443".parse().expect("addr");
        let client: SocketAddr = "192.0.2.7:50000".parse().expect("addr");
        let zonder = Beveiliging::default();
        assert_eq!(
            zonder.client(Some(client), &met_xff("203.0.113.9")),
            client.ip(),
            "no proxy configured: the header is ignored"
        );
        let met = Beveiliging {
            via_https: true,
            proxies: vec![proxy.ip()],
            formulierdoelen: Vec::new(),
        };
        assert_eq!(
            met.client(Some(proxy), &met_xff("198.51.100.1, 203.0.113.9")),
            "203.0.113.9".parse::<IpAddr>().expect("ip"),
            "the address the proxy appended, not what the client put in front"
        );
        assert_eq!(
            met.client(Some(client), &met_xff("203.0.113.9")),
            client.ip(),
            "a client that is not the proxy cannot choose its address"
        );
    }
}
