//! The public team page's data (SPEC §11): `GET /api/team/{token}`, no sign-in, the
//! praise of the last 30 days by person and for the whole team. The answer is built
//! from [`TeamItem`], a shape with no field for a complaint, a rating, an email, a
//! place, a venue or an id. An unknown or revoked token is a 404. A link made by a
//! manager limited to venues shows those venues' praise only.

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use evenhand_core::praise::period::Bounds;
use evenhand_core::praise::{Digest, TeamItem, TEAM_WINDOW_DAYS};

use super::inbox::praise::read;
use super::inbox::signed_in::hash_token;
use crate::error::ApiError;
use crate::state::Clock;
use crate::store::Store;

pub async fn get(
    State(store): State<Arc<Store>>,
    State(clock): State<Clock>,
    token: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    // Tokens are 64 hex digits: anything else (not even UTF-8 once decoded) is not
    // worth a look in the database.
    let Ok(Path(token)) = token else {
        return Err(ApiError::NotFound);
    };
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::NotFound);
    }
    let hash = hash_token(&token.to_ascii_lowercase());
    let window = Bounds::last_days(clock.now_ms(), TEAM_WINDOW_DAYS);
    let rows = read(store, move |s| match s.team_link_open(&hash)? {
        Some(venues) => s.praise(&venues, &window).map(Some),
        None => Ok(None),
    })
    .await
    // The page is public: the database's own words stay in the log.
    .map_err(|e| match e {
        ApiError::DatabaseUnavailable => e,
        _ => {
            eprintln!("error: the team page could not be read: {e}");
            ApiError::ReadFailed("try again in a moment".into())
        }
    })?
    .ok_or(ApiError::NotFound)?;
    let digest: Digest<TeamItem> = Digest::assemble(rows).map(TeamItem::from);
    Ok((
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::HeaderName::from_static("x-robots-tag"), "noindex"),
        ],
        Json(digest),
    )
        .into_response())
}
