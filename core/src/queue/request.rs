//! The request for an item in the configured format (SPEC §3 `endpoint.format`): payload
//! v1 as JSON, or the flat form fields; the `Idempotency-Key` is always the item's id.

use super::item::{AttemptError, ItemState, OutboxItem};
use super::retry::short;

/// What to send for an item: the body, its `Content-Type`, and the `Idempotency-Key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestBody {
    pub content_type: &'static str,
    pub body: String,
    /// Always the item's id, which never changes across attempts.
    pub idempotency_key: String,
}

/// Builds the request for an item in the configured format: payload v1 as
/// `application/json`, or the flat fields of `submission::form_fields` as
/// `application/x-www-form-urlencoded`. An `Err` (a stored payload that no longer reads
/// as payload v1, form format only) means the item cannot be sent as configured: keep
/// it for staff with [`reject_locally`].
pub fn request_body(
    item: &OutboxItem,
    format: crate::config::Format,
) -> Result<RequestBody, String> {
    let body = match format {
        crate::config::Format::Json => (
            "application/json",
            serde_json::to_string(&item.payload).map_err(|e| e.to_string())?,
        ),
        crate::config::Format::Form => {
            let payload: crate::submission::Payload = serde_json::from_value(item.payload.clone())
                .map_err(|e| format!("the stored payload is not payload v1: {e}"))?;
            (
                "application/x-www-form-urlencoded",
                crate::submission::form_body(&payload),
            )
        }
    };
    Ok(RequestBody {
        content_type: body.0,
        body: body.1,
        idempotency_key: item.id.clone(),
    })
}

/// An item that cannot be sent at all (see [`request_body`]): kept as rejected, with
/// status 0 meaning "never sent", for staff to see and export.
pub fn reject_locally(item: &OutboxItem, reason: &str, now_ms: f64) -> OutboxItem {
    OutboxItem {
        state: ItemState::Rejected {
            status: 0,
            detail: short(reason),
            at_ms: now_ms,
        },
        last_error: Some(AttemptError {
            at_ms: now_ms,
            status: None,
            message: format!("could not be sent: {}", short(reason)),
        }),
        ..item.clone()
    }
}
