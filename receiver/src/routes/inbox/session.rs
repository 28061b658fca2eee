//! Sign in, sign out, and who is signed in: `POST`/`DELETE /api/inbox/session`,
//! `GET /api/inbox/me`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{self, HeaderMap};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use evenhand_core::sign_in::{failures_relevant_since, locked_for_ms};
use serde::Deserialize;
use serde_json::json;

use super::signed_in::{clear_cookie, hash_token, new_token, set_cookie, SignedIn};
use crate::error::ApiError;
use crate::password;
use crate::state::{Clock, SessionCookie};
use crate::store::Store;

/// A sign-in body: an email and a password of at most 1,024 characters (4 bytes each),
/// with room for the JSON around them.
pub const MAX_SIGN_IN_BYTES: usize = 8 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Credentials {
    email: String,
    password: String,
}

pub async fn sign_in(
    State(store): State<Arc<Store>>,
    State(clock): State<Clock>,
    State(cookie): State<SessionCookie>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let creds: Credentials = super::json_body::read(
        &headers,
        body,
        MAX_SIGN_IN_BYTES,
        "{\"email\": \"…\", \"password\": \"…\"}",
    )
    .await?;
    let now = clock.now_ms();
    let token = tokio::task::spawn_blocking(move || check(&store, &creds, now))
        .await
        .map_err(|e| {
            eprintln!("error: sign-in failed: {e}");
            ApiError::StoreFailed
        })??;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, set_cookie(cookie, &token))],
    )
        .into_response())
}

/// The lockout first (refused before the password is looked at, so attempts while
/// locked count for nothing; an attempt counts as failed until it succeeds, so parallel
/// guesses meet the lockout too), then the password, verified against a dummy hash for
/// an unknown email so both refusals take as long; on success a new session's token.
fn check(store: &Store, creds: &Credentials, now: i64) -> Result<String, ApiError> {
    let write = |e: crate::store::Error| {
        ApiError::from_store(e, |e| {
            eprintln!("error: cannot record a sign-in: {e}");
            ApiError::StoreUnavailable
        })
    };
    if let Err(ms) = store
        .begin_sign_in(
            &creds.email,
            now,
            failures_relevant_since(now),
            locked_for_ms,
        )
        .map_err(write)?
    {
        return Err(ApiError::TooManyAttempts((ms as u64).div_ceil(1000)));
    }
    let manager = store
        .manager_credentials(&creds.email)
        .map_err(|e| ApiError::from_store(e, ApiError::ReadFailed))?;
    let id = match manager {
        Some((id, hash)) if password::verify(&creds.password, &hash) => id,
        Some(_) => return Err(ApiError::WrongCredentials),
        None => {
            password::verify_nothing(&creds.password);
            return Err(ApiError::WrongCredentials);
        }
    };
    let token = new_token()?;
    store.clear_sign_in_failures(&creds.email).map_err(write)?;
    store
        .create_session(&hash_token(&token), id, now)
        .map_err(write)?;
    Ok(token)
}

/// "Sign out": the session ends on the server, so a copy of the cookie is useless.
pub async fn sign_out(
    State(store): State<Arc<Store>>,
    State(cookie): State<SessionCookie>,
    signed_in: SignedIn,
) -> Result<Response, ApiError> {
    tokio::task::spawn_blocking(move || store.delete_session(&signed_in.token_hash))
        .await
        .map_err(|_| ApiError::StoreFailed)?
        .map_err(|e| {
            ApiError::from_store(e, |e| {
                eprintln!("error: cannot end a session: {e}");
                ApiError::StoreUnavailable
            })
        })?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, clear_cookie(cookie))],
    )
        .into_response())
}

/// Who is signed in, and the venues they see: `"venues": null` for every venue.
pub async fn me(signed_in: SignedIn) -> Json<serde_json::Value> {
    Json(json!({
        "email": signed_in.manager.email,
        "venues": signed_in.scope.listed(),
    }))
}
