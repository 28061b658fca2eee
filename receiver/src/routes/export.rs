//! `GET /api/feedback.json` and `.csv`, behind the export token.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use tokio::sync::mpsc;

use crate::error::ApiError;
use crate::export::{self, Format};
use crate::state::ExportToken;
use crate::store::Store;

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

/// The exports are sent in pieces of about this size…
const CHUNK_BYTES: usize = 32 * 1024;
/// …with at most this many waiting for a slow client: the reading pauses meanwhile.
const CHUNKS_AHEAD: usize = 4;

pub async fn json(State(store): State<Arc<Store>>) -> Result<Response, ApiError> {
    let body = stream(store, Format::Json).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

pub async fn csv(State(store): State<Arc<Store>>) -> Result<Response, ApiError> {
    let body = stream(store, Format::Csv).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"feedback.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// The export as a body streamed from the database: a blocking task reads the rows a
/// batch at a time and sends the text through a bounded channel, so memory stays flat
/// whatever the number of rows. A database that cannot be read before the first piece
/// is a 503 to retry when it is unreachable (as for a submission) and a 500 otherwise;
/// one that fails later cuts the body short, which the client sees as an incomplete
/// download rather than a shorter export.
async fn stream(store: Arc<Store>, format: Format) -> Result<Body, ApiError> {
    let (tx, mut rx) = mpsc::channel::<Result<String, crate::store::Error>>(CHUNKS_AHEAD);
    tokio::task::spawn_blocking(move || {
        let written = export::write(&store, format, CHUNK_BYTES, |piece| {
            tx.blocking_send(Ok(piece)).is_ok()
        });
        if let Err(e) = written {
            eprintln!("error: the export stopped: cannot read the database: {e}");
            let _ = tx.blocking_send(Err(e));
        }
    });
    let first = rx
        .recv()
        .await
        .ok_or_else(|| ApiError::ReadFailed("the export stopped".into()))?
        .map_err(|e| ApiError::from_store(e, ApiError::ReadFailed))?;
    let rest = stream::poll_fn(move |cx| rx.poll_recv(cx));
    Ok(Body::from_stream(
        stream::iter([Ok(first)])
            .chain(rest)
            .map(|piece| piece.map_err(|e| std::io::Error::other(e.to_string()))),
    ))
}
