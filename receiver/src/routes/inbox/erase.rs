//! "Erase" (SPEC §13): a manager deletes one submission, with its history and search
//! entry, for a guest who asked. The erasure log records who and when, never what.

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};

use super::submissions::submission_id;
use super::SignedIn;
use crate::error::ApiError;
use crate::state::Clock;
use crate::store::privacy::EraseTarget;
use crate::store::Store;

/// `POST /api/inbox/submissions/{id}/erase` → `{"erased": 1}`; 404 for an unknown id
/// or one of a venue the manager does not see, 400 for one that is not a UUID.
pub async fn erase(
    State(store): State<Arc<Store>>,
    State(clock): State<Clock>,
    signed_in: SignedIn,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let id = submission_id(id)?;
    let by = format!("inbox: {}", signed_in.manager.email);
    let now = clock.now_ms();
    let target = EraseTarget::Id(id.clone());
    let scope = signed_in.scope;
    let erased = tokio::task::spawn_blocking(move || store.erase(&scope, &target, now, &by))
        .await
        .map_err(|_| ApiError::StoreFailed)?
        .map_err(|e| {
            eprintln!("error: cannot erase a submission: {e}");
            ApiError::StoreUnavailable
        })?;
    if erased == 0 {
        return Err(ApiError::UnknownSubmission(id));
    }
    Ok(Json(json!({ "erased": erased })))
}
