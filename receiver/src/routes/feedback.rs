//! `POST /api/feedback`: reads a submission in either format, checks it with the core's
//! payload contract and stores it once per id.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::{self, HeaderMap};
use axum::http::StatusCode;
use axum::Json;
use evenhand_core::config::Format;
use evenhand_core::submission::Payload;
use http_body_util::BodyExt;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::routes::origin;
use crate::state::AllowedOrigins;
use crate::store::{Inserted, Row, Store};

pub use evenhand_core::limits::MAX_BODY_BYTES;
/// A refused body up to this size is still read to its end, so the client sees the 413
/// rather than a connection closed in the middle of its upload.
const DRAIN_MAX_BYTES: u64 = 1024 * 1024;
/// A body that takes longer than this to arrive is answered 408.
const BODY_TIMEOUT: Duration = Duration::from_secs(30);

pub async fn post(
    State(store): State<Arc<Store>>,
    State(allowed): State<AllowedOrigins>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    origin::check(&headers, &allowed)?;
    let format = body_format(&headers).ok_or(ApiError::UnsupportedMediaType)?;
    let bytes = read_body(&headers, body).await?;
    let payload = Payload::receive(format, &bytes)?;
    if let Some(key) = headers.get("idempotency-key") {
        let matches = key
            .to_str()
            .is_ok_and(|k| k.trim().eq_ignore_ascii_case(&payload.id));
        if !matches {
            return Err(ApiError::IdempotencyKey);
        }
    }
    let json = serde_json::to_string(&payload).map_err(|_| ApiError::StoreFailed)?;
    let received_at = evenhand_core::time::rfc3339_millis(crate::store::now_ms());
    let id = payload.id.clone();
    let inserted = tokio::task::spawn_blocking(move || {
        store.insert(&Row {
            id: &payload.id,
            received_at: &received_at,
            venue: &payload.venue,
            place: payload.place.as_deref(),
            language: payload.language.code(),
            payload: &json,
        })
    })
    .await
    .map_err(|e| {
        eprintln!("error: storing {id} failed: {e}");
        ApiError::StoreFailed
    })?
    .map_err(|e| {
        ApiError::from_store(e, |e| {
            eprintln!("error: could not store {id}: {e}");
            ApiError::StoreUnavailable
        })
    })?;
    Ok(match inserted {
        Inserted::New => (
            StatusCode::CREATED,
            Json(json!({ "id": id, "status": "stored" })),
        ),
        Inserted::Duplicate => (
            StatusCode::OK,
            Json(json!({ "id": id, "status": "duplicate" })),
        ),
    })
}

/// The body format from `Content-Type`, parameters ignored.
fn body_format(headers: &HeaderMap) -> Option<Format> {
    let ct = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let media = ct.split(';').next()?.trim().to_ascii_lowercase();
    match media.as_str() {
        "application/json" => Some(Format::Json),
        "application/x-www-form-urlencoded" => Some(Format::Form),
        _ => None,
    }
}

async fn read_body(headers: &HeaderMap, mut body: Body) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_MAX_BYTES) {
        return Err(ApiError::TooLarge);
    }
    let mut buf = Vec::new();
    let read = async {
        let mut total: u64 = 0;
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|_| ApiError::BodyBroken)?;
            if let Ok(data) = frame.into_data() {
                total += data.len() as u64;
                if total > DRAIN_MAX_BYTES {
                    return Err(ApiError::TooLarge);
                }
                if total <= MAX_BODY_BYTES as u64 {
                    buf.extend_from_slice(&data);
                }
            }
        }
        if total > MAX_BODY_BYTES as u64 {
            return Err(ApiError::TooLarge);
        }
        Ok(())
    };
    tokio::time::timeout(BODY_TIMEOUT, read)
        .await
        .map_err(|_| ApiError::BodyTooSlow)??;
    Ok(Bytes::from(buf))
}
