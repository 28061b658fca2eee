//! The JSON bodies the inbox's routes read: `application/json` only, of a bounded
//! size, refused with words that say which of these it broke.

use axum::body::Body;
use axum::http::header::{self, HeaderMap};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Reads a body of at most `max` bytes as `T`; `shape` shows the expected JSON in the
/// refusal of anything else.
pub async fn read<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Body,
    max: usize,
    shape: &str,
) -> Result<T, ApiError> {
    let json_body = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"));
    if !json_body {
        return Err(ApiError::JsonOnly);
    }
    let bytes = axum::body::to_bytes(body, max)
        .await
        .map_err(|_| ApiError::BodyOver(max))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::BadRequest(format!("the body must be JSON {shape}: {e}")))
}
