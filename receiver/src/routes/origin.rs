//! Which browsers may post a submission. A form on another site can post here without
//! a preflight (a form-encoded POST is a "simple" request), so CORS alone does not stop
//! a page from making its visitors' browsers send submissions. A request that names an
//! `Origin` must come from this receiver's own origin or an `--allow-origin` one;
//! requests without `Origin` (scripts, other servers) are not a browser's and pass.

use axum::http::header::{self, HeaderMap, HeaderValue};

use crate::error::ApiError;
use crate::state::AllowedOrigins;

/// Refuses (403) a browser request from an origin that is neither this receiver's own
/// nor an allowed one.
pub fn check(headers: &HeaderMap, allowed: &AllowedOrigins) -> Result<(), ApiError> {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(());
    };
    // Set by the browser and not by the page: a same-origin request is the receiver's
    // own app, whatever its `Origin` says (`null` under `Referrer-Policy: no-referrer`
    // in some browsers) and whatever `Host` a proxy passed on.
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"same-origin")
    {
        return Ok(());
    }
    if allowed
        .0
        .iter()
        .any(|a| a.as_bytes().eq_ignore_ascii_case(origin.as_bytes()))
        || is_own(origin, headers)
    {
        return Ok(());
    }
    let shown: String = String::from_utf8_lossy(origin.as_bytes())
        .chars()
        .take(100)
        .collect();
    Err(ApiError::ForeignOrigin(shown))
}

/// Whether `origin` (`scheme://host[:port]`) names the host the request was sent to:
/// `Host`, or `X-Forwarded-Host` from a proxy that rewrites `Host`.
fn is_own(origin: &HeaderValue, headers: &HeaderMap) -> bool {
    let Some(authority) = origin.to_str().ok().and_then(|o| {
        o.strip_prefix("https://")
            .or_else(|| o.strip_prefix("http://"))
    }) else {
        return false;
    };
    let forwarded = headers
        .get("x-forwarded-host")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    [host, forwarded]
        .into_iter()
        .flatten()
        .any(|h| same_authority(h.trim(), authority))
}

/// `example.org` and `example.org:443` are one host: `Origin` leaves out the default
/// port and a proxy may add it.
fn same_authority(a: &str, b: &str) -> bool {
    let bare = |s: &str| {
        s.strip_suffix(":443")
            .or_else(|| s.strip_suffix(":80"))
            .unwrap_or(s)
            .to_ascii_lowercase()
    };
    !a.is_empty() && bare(a) == bare(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(n, v)| {
                (
                    header::HeaderName::from_static(n),
                    HeaderValue::from_static(v),
                )
            })
            .collect()
    }

    #[test]
    fn own_allowed_and_foreign_origins() {
        let allowed =
            AllowedOrigins(vec![HeaderValue::from_static("https://kiosk.example.org")].into());
        let ok = |pairs| check(&headers(pairs), &allowed).is_ok();
        assert!(ok(&[("host", "rx.example.org")]));
        assert!(ok(&[
            ("host", "rx.example.org"),
            ("origin", "https://rx.example.org")
        ]));
        assert!(ok(&[
            ("host", "rx.example.org:443"),
            ("origin", "https://RX.example.org")
        ]));
        assert!(ok(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080")
        ]));
        assert!(ok(&[
            ("host", "127.0.0.1:8080"),
            ("x-forwarded-host", "rx.example.org"),
            ("origin", "https://rx.example.org")
        ]));
        assert!(ok(&[
            ("host", "rx.example.org"),
            ("origin", "https://kiosk.example.org")
        ]));
        assert!(ok(&[
            ("host", "rx.example.org"),
            ("origin", "null"),
            ("sec-fetch-site", "same-origin")
        ]));
        assert!(!ok(&[
            ("host", "rx.example.org"),
            ("origin", "https://evil.example")
        ]));
        assert!(!ok(&[("host", "rx.example.org"), ("origin", "null")]));
        assert!(!ok(&[("origin", "https://rx.example.org")]));
        assert!(!ok(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:9090")
        ]));
        assert!(!ok(&[
            ("host", "rx.example.org"),
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site")
        ]));
    }
}
