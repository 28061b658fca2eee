//! The signed-in manager, as an extractor: a handler that takes [`SignedIn`] runs only
//! for a request whose session cookie names an open session (SPEC §10); otherwise the
//! answer is 401. Tokens are 256 random bits; the database keeps only their SHA-256.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header::{self, HeaderMap};
use axum::http::request::Parts;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::state::{Clock, SessionCookie};
use crate::store::{Manager, Scope, Store};

/// The manager whose session made the request, the venues that manager sees (read
/// with the session, so every route passes them to the store), and that session's
/// token hash (to end it).
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub manager: Manager,
    pub scope: Scope,
    pub token_hash: String,
}

impl<S> FromRequestParts<S> for SignedIn
where
    S: Send + Sync,
    Arc<Store>: FromRef<S>,
    Clock: FromRef<S>,
    SessionCookie: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let cookie = SessionCookie::from_ref(state);
        let token = cookie_value(&parts.headers, cookie.name()).ok_or(ApiError::SignInNeeded)?;
        let token_hash = hash_token(&token);
        let store = Arc::<Store>::from_ref(state);
        let now = Clock::from_ref(state).now_ms();
        let hash = token_hash.clone();
        let (manager, scope) = tokio::task::spawn_blocking(move || {
            let Some(manager) = store.use_session(&hash, now)? else {
                return Ok(None);
            };
            let scope = store.manager_scope(manager.id)?;
            Ok::<_, crate::store::Error>(Some((manager, scope)))
        })
        .await
        .map_err(|e| ApiError::ReadFailed(e.to_string()))?
        .map_err(|e| ApiError::from_store(e, ApiError::ReadFailed))?
        .ok_or(ApiError::SignInNeeded)?;
        Ok(SignedIn {
            manager,
            scope,
            token_hash,
        })
    }
}

/// A new session token: 32 bytes from the OS, as 64 hex digits.
pub fn new_token() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| {
        eprintln!("error: no randomness for a session token: {e}");
        ApiError::StoreFailed
    })?;
    Ok(hex(&bytes))
}

/// What the database keeps of a token.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The value of cookie `name` in the request's `Cookie` headers.
fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The `Set-Cookie` value that hands a browser its session: not readable by scripts,
/// never sent with another site's requests, for the whole receiver; no `Max-Age`, so it
/// ends with the browser and the server's idle rule ends it sooner.
pub fn set_cookie(cookie: SessionCookie, token: &str) -> String {
    let secure = if cookie.secure { "; Secure" } else { "" };
    format!(
        "{}={token}; HttpOnly; SameSite=Strict; Path=/{secure}",
        cookie.name()
    )
}

/// The `Set-Cookie` value that makes the browser drop the cookie.
pub fn clear_cookie(cookie: SessionCookie) -> String {
    let secure = if cookie.secure { "; Secure" } else { "" };
    format!(
        "{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}",
        cookie.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn tokens_are_256_random_bits_kept_as_their_hash() {
        let a = new_token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_token().unwrap());
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
    }

    #[test]
    fn reads_its_own_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; evenhand_session=abc"),
        );
        assert_eq!(cookie_value(&h, "evenhand_session").as_deref(), Some("abc"));
        assert_eq!(cookie_value(&h, "__Host-evenhand_session"), None);
        assert_eq!(cookie_value(&h, "b"), None);
    }
}
