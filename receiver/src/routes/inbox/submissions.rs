//! The inbox's submissions (SPEC §10): the filtered list, one item, "Show names", a
//! complaint's status, and the places for the filter menus. Every answer is masked
//! ([`item`]) but the one "Show names" gives, which the history records.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use evenhand_core::limits::MAX_NOTE_CHARS;
use evenhand_core::submission::is_uuid;
use serde::Deserialize;
use serde_json::{json, Value};

use super::item::{self, Names};
use super::list_query::ListQuery;
use super::{json_body, unknown, SignedIn};
use crate::error::ApiError;
use crate::state::{AppState, Clock, InboxCountCap};
use crate::store::inbox::{Status, StatusSet};
use crate::store::Store;

/// A status body: the status word and a note of at most 2,000 characters (4 bytes
/// each), with room for the JSON around them.
const MAX_STATUS_BYTES: usize = 16 * 1024;

/// Another method on these paths is, like an unknown path, 401 without a session and
/// 404 with one.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/inbox/submissions", get(list).fallback(unknown))
        .route("/api/inbox/submissions/{id}", get(one).fallback(unknown))
        .route(
            "/api/inbox/submissions/{id}/names",
            post(show_names).fallback(unknown),
        )
        .route(
            "/api/inbox/submissions/{id}/status",
            post(set_status).fallback(unknown),
        )
        .route("/api/inbox/places", get(places).fallback(unknown))
}

/// The list: `total` counts the matches up to the cap; past it, `total` is the cap and
/// `total_capped` true ("more than 10,000"). `more` says whether an older page follows,
/// which the cap leaves the total unable to tell.
pub async fn list(
    signed_in: SignedIn,
    State(store): State<Arc<Store>>,
    State(InboxCountCap(cap)): State<InboxCountCap>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let q = ListQuery::parse(raw.as_deref())?;
    let (page, per_page) = (q.page, q.per_page);
    let listed =
        read(move || store.inbox_list(&signed_in.scope, &q.filter, page, per_page, cap)).await?;
    let items = listed
        .items
        .iter()
        .map(|i| item::to_json(i, Names::Masked))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(json!({
        "items": items,
        "total": listed.total,
        "total_capped": listed.total_capped,
        "more": listed.more,
        "page": page,
        "per_page": per_page,
    })))
}

pub async fn one(
    signed_in: SignedIn,
    State(store): State<Arc<Store>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let id = submission_id(id)?;
    let found = read({
        let id = id.clone();
        move || store.inbox_item(&signed_in.scope, &id)
    })
    .await?;
    let found = found.ok_or(ApiError::UnknownSubmission(id))?;
    Ok(Json(item::to_json(&found, Names::Masked)?))
}

/// "Show names": the reveal goes to the history before the names leave the server.
pub async fn show_names(
    signed_in: SignedIn,
    State(store): State<Arc<Store>>,
    State(clock): State<Clock>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let id = submission_id(id)?;
    let at = clock.now_ms();
    let shown = write({
        let id = id.clone();
        move || store.show_names(&signed_in.scope, &id, &signed_in.manager.email, at)
    })
    .await?;
    let shown = shown.ok_or(ApiError::UnknownSubmission(id))?;
    Ok(Json(item::to_json(&shown, Names::Shown)?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusBody {
    status: String,
    #[serde(default)]
    note: Option<String>,
}

pub async fn set_status(
    signed_in: SignedIn,
    State(store): State<Arc<Store>>,
    State(clock): State<Clock>,
    id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let id = submission_id(id)?;
    let body: StatusBody = json_body::read(
        &headers,
        body,
        MAX_STATUS_BYTES,
        "{\"status\": \"verified\", \"note\": \"…\"}",
    )
    .await?;
    let to = Status::from_code(&body.status).ok_or_else(|| {
        ApiError::Unprocessable(format!(
            "unknown status {:?}: one of unverified, verified, not_confirmed, resolved",
            body.status
        ))
    })?;
    let note = body
        .note
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    if let Some(n) = &note {
        let chars = n.chars().count();
        if chars > MAX_NOTE_CHARS {
            return Err(ApiError::Unprocessable(format!(
                "the note is {chars} characters long; at most {MAX_NOTE_CHARS}"
            )));
        }
    }
    let at = clock.now_ms();
    let set = write({
        let id = id.clone();
        move || {
            let by = &signed_in.manager.email;
            store.set_status(&signed_in.scope, &id, to, note.as_deref(), by, at)
        }
    })
    .await?;
    match set {
        StatusSet::Done(item) => Ok(Json(item::to_json(&item, Names::Masked)?)),
        StatusSet::Unknown => Err(ApiError::UnknownSubmission(id)),
        StatusSet::NoComplaint => Err(ApiError::Conflict(format!(
            "the submission {id} has no complaint, so no status to set"
        ))),
    }
}

/// The venues and places of the submissions the manager sees: a limited manager's
/// venue filter offers its venues only.
pub async fn places(
    signed_in: SignedIn,
    State(store): State<Arc<Store>>,
) -> Result<Json<Value>, ApiError> {
    let (venues, places) = read(move || store.inbox_places(&signed_in.scope)).await?;
    Ok(Json(json!({ "venues": venues, "places": places })))
}

/// A submission id from the path: a UUID, in lower case as stored. A path that does
/// not decode (not UTF-8) is refused in the same words, not the router's plain text.
pub(super) fn submission_id(path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    let Ok(Path(raw)) = path else {
        return Err(ApiError::BadRequest(
            "the path is not a submission id (a UUID): it is not even UTF-8".into(),
        ));
    };
    if !is_uuid(&raw) {
        return Err(ApiError::BadRequest(format!(
            "{raw:?} is not a submission id (a UUID)"
        )));
    }
    Ok(raw.to_ascii_lowercase())
}

/// Runs a database read off the async threads.
async fn read<T: Send + 'static>(
    f: impl FnOnce() -> crate::store::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    off_thread(f, ApiError::ReadFailed).await
}

/// Runs a database write off the async threads; a failure is also logged.
async fn write<T: Send + 'static>(
    f: impl FnOnce() -> crate::store::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    off_thread(f, |e| {
        eprintln!("error: an inbox change was not saved: {e}");
        ApiError::WriteFailed(e)
    })
    .await
}

async fn off_thread<T: Send + 'static>(
    f: impl FnOnce() -> crate::store::Result<T> + Send + 'static,
    fail: impl Fn(String) -> ApiError,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(done)) => Ok(done),
        Ok(Err(e)) => Err(ApiError::from_store(e, fail)),
        Err(e) => Err(fail(e.to_string())),
    }
}
