//! Team links (SPEC §11): `GET /api/inbox/team-links` lists the open ones, `POST` makes
//! one and shows its URL once, `DELETE /api/inbox/team-links/{id}` revokes it. A token
//! is 256 random bits, like a session's, and only its SHA-256 is kept.

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use evenhand_core::time::rfc3339_millis;
use serde_json::json;

use super::praise::read;
use super::signed_in::{hash_token, new_token};
use super::SignedIn;
use crate::error::ApiError;
use crate::state::Clock;
use crate::store::Store;

/// The open links the manager sees whole: a limited manager, only the links made for
/// venues it has.
pub async fn list(
    signed_in: SignedIn,
    State(store): State<Arc<Store>>,
) -> Result<Response, ApiError> {
    let links = read(store, move |s| s.team_links(&signed_in.scope)).await?;
    let links: Vec<_> = links
        .into_iter()
        .map(|l| {
            json!({
                "id": l.id,
                "created_at": rfc3339_millis(l.created_at),
                "created_by": l.created_by,
            })
        })
        .collect();
    Ok(Json(json!({ "links": links })).into_response())
}

pub async fn create(
    signed_in: SignedIn,
    State(store): State<Arc<Store>>,
    State(clock): State<Clock>,
) -> Result<Response, ApiError> {
    let token = new_token()?;
    let hash = hash_token(&token);
    let now = clock.now_ms();
    let (by, scope) = (signed_in.manager.email, signed_in.scope);
    // The link shares the praise of the venues its maker sees, no more.
    let id = tokio::task::spawn_blocking(move || store.add_team_link(&hash, &by, &scope, now))
        .await
        .map_err(|_| ApiError::StoreFailed)?
        .map_err(|e| {
            eprintln!("error: cannot keep a team link: {e}");
            ApiError::StoreUnavailable
        })?;
    // The only time the token leaves the server: never kept by a cache.
    Ok((
        StatusCode::CREATED,
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "id": id, "url": format!("/team/{token}") })),
    )
        .into_response())
}

pub async fn revoke(
    signed_in: SignedIn,
    State(store): State<Arc<Store>>,
    State(clock): State<Clock>,
    id: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    // Not a number (or not even UTF-8): no such link.
    let Some(id) = id.ok().and_then(|Path(id)| id.parse::<i64>().ok()) else {
        return Err(ApiError::NotFound);
    };
    let now = clock.now_ms();
    let revoked =
        tokio::task::spawn_blocking(move || store.revoke_team_link(&signed_in.scope, id, now))
            .await
            .map_err(|_| ApiError::StoreFailed)?
            .map_err(|e| {
                eprintln!("error: cannot revoke team link {id}: {e}");
                ApiError::StoreUnavailable
            })?;
    if revoked {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}
