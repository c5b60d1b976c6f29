//! Optimistic concurrency on the API: a resource's version travels as its `ETag`, and a
//! write to an existing resource sends it back in `If-Match`.

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::problem::ApiFout;

/// `waarde` at version `versie`: the body with its `ETag`.
pub fn met_etag(status: StatusCode, versie: i64, waarde: impl serde::Serialize) -> Response {
    (status, [(header::ETAG, etag(versie))], Json(waarde)).into_response()
}

/// A write to `pad` whose body names another id is malformed.
///
/// # Errors
/// A 400 problem naming `id`.
pub fn zelfde_id<T: PartialEq>(pad: &T, body: &T) -> Result<(), ApiFout> {
    if pad == body {
        Ok(())
    } else {
        Err(ApiFout::ongeldig(
            "id",
            "de id in het pad en in de body verschillen",
        ))
    }
}

/// The `ETag` of version `versie`: `"3"`.
pub fn etag(versie: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{versie}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// The `If-Match` header of a write, read by axum before the handler runs. Reading never
/// refuses the request by itself: the handler checks the caller's right first and asks
/// for the version after, so an anonymous caller learns nothing from a malformed header.
/// Whether a write needs one is the use case's decision (a change does, an addition not).
#[derive(Debug)]
pub struct IfMatch(Result<Option<i64>, ApiFout>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for IfMatch {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(if_match(&parts.headers)))
    }
}

impl IfMatch {
    /// The version the caller last read, if it sent one.
    ///
    /// # Errors
    /// A 400 problem when the header is not an `ETag` of this API.
    pub fn versie(self) -> Result<Option<i64>, ApiFout> {
        self.0
    }
}

/// The version in `If-Match`, if the header is there.
///
/// # Errors
/// A 400 problem when the header is not an `ETag` of this API.
pub fn if_match(headers: &HeaderMap) -> Result<Option<i64>, ApiFout> {
    let Some(waarde) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    waarde
        .to_str()
        .ok()
        .map(|w| w.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|w| w.parse().ok())
        .map(Some)
        .ok_or_else(|| ApiFout::ongeldig("If-Match", "geen ETag van deze API"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_etag_reads_back_as_its_version() {
        let mut headers = HeaderMap::new();
        assert_eq!(if_match(&headers).ok(), Some(None));
        headers.insert(header::IF_MATCH, etag(7));
        assert_eq!(if_match(&headers).ok(), Some(Some(7)));
        headers.insert(header::IF_MATCH, HeaderValue::from_static("W/\"8\""));
        assert_eq!(if_match(&headers).ok(), Some(Some(8)));
        headers.insert(header::IF_MATCH, HeaderValue::from_static("*"));
        assert!(if_match(&headers).is_err());
    }
}
