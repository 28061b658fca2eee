//! `GET /api/feedback.json` and `.csv`, behind the export token.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::export;
use crate::state::ExportToken;
use crate::store::{Store, Stored};

/// The layer in front of the exports: 404 when no token is configured (the routes do
/// not exist), 401 unless `Authorization: Bearer <token>` matches.
pub async fn require_token(
    State(ExportToken(token)): State<ExportToken>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let token = token.ok_or(ApiError::NotFound)?;
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes())) {
        return Err(ApiError::Unauthorized);
    }
    Ok(next.run(req).await)
}

/// Compares without stopping at the first difference, so the answer's timing does not
/// tell how much of a guessed token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn load_all(store: Arc<Store>) -> Result<Vec<Stored>, ApiError> {
    tokio::task::spawn_blocking(move || store.all())
        .await
        .map_err(|e| ApiError::ReadFailed(e.to_string()))?
        .map_err(|e| ApiError::ReadFailed(e.to_string()))
}

pub async fn json(State(store): State<Arc<Store>>) -> Result<Response, ApiError> {
    let rows = load_all(store).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        export::to_json(&rows),
    )
        .into_response())
}

pub async fn csv(State(store): State<Arc<Store>>) -> Result<Response, ApiError> {
    let rows = load_all(store).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"feedback.csv\"",
            ),
        ],
        export::to_csv(&rows),
    )
        .into_response())
}
