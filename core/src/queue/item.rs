//! One submission in the outbox, as stored, and every stored version read back.
//!
//! # Stored format
//!
//! One [`OutboxItem`] per submission, stored as JSON text under its id (IndexedDB
//! database `evenhand`, store `outbox`). Version 1 (`"v": 1`):
//!
//! ```json
//! { "v": 1, "id": "6f1c…", "payload": { "schema": "evenhand.feedback/1", … },
//!   "created_ms": 1795548605120, "attempts": 2,
//!   "state": { "kind": "pending" },
//!   "next_attempt_ms": 1795548611000, "retry_after_until_ms": null,
//!   "last_error": { "at_ms": 1795548607000, "status": 503, "message": "…" } }
//! ```
//!
//! `state` is `{"kind":"pending"}`, `{"kind":"sending","owner":"…","since_ms":…}` or
//! `{"kind":"rejected","status":422,"detail":"…","at_ms":…}`. The same store holds one
//! more record, under [`GENERATION_KEY`]: a random id written when the store is created,
//! so a page can tell "storage was cleared" from "another tab delivered it" (see
//! [`super::pass::Held`]).
//!
//! Version 0 (early builds) stored the bare payload v1 object, with no envelope; it is
//! recognised by the absence of `v` and the presence of `schema` and `id`, and read as
//! a pending item that is due at once. [`decode_item`] reads every version and never
//! panics; items are always written back as the current [`ITEM_VERSION`]. An item
//! written by a newer build is read when it still carries the v1 fields (so a rollback
//! keeps delivering), otherwise [`DecodeError::UnsupportedVersion`] tells the shell to
//! keep it untouched: never delete what cannot be read.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::time::parse_rfc3339_ms;

/// The version written in every stored item (`"v"`).
pub const ITEM_VERSION: u32 = 1;
/// The key of the store's generation record, next to the items (never a submission id).
pub const GENERATION_KEY: &str = "generation";

/// What the last failed attempt said, for the staff view (SPEC §7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptError {
    /// When the attempt ended, ms since the Unix epoch.
    pub at_ms: f64,
    /// The HTTP status, when the server answered.
    pub status: Option<u16>,
    /// Plain English, e.g. `server answered 503; will retry`.
    pub message: String,
}

/// Where an item stands. Stored as one flat record, `{"kind": …, fields of that kind}`
/// (see [`StateRecord`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StateRecord", into = "StateRecord")]
pub enum ItemState {
    /// Waiting for `next_attempt_ms`.
    Pending,
    /// A request is (or was, if its sender died) in flight since `since_ms`, sent by the
    /// page instance `owner`.
    Sending { owner: String, since_ms: f64 },
    /// The endpoint refused it (a 4xx that is not worth retrying). Kept for staff; only
    /// [`super::retry_now`] makes it pending again.
    Rejected {
        status: u16,
        detail: String,
        at_ms: f64,
    },
}

/// [`ItemState`] as stored: the same JSON as serde's internally tagged enum, read as a
/// plain struct, which needs none of serde's buffering (several KB less wasm).
#[derive(Serialize, Deserialize)]
struct StateRecord {
    kind: StateKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at_ms: Option<f64>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum StateKind {
    Pending,
    Sending,
    Rejected,
}

impl TryFrom<StateRecord> for ItemState {
    type Error = &'static str;

    fn try_from(r: StateRecord) -> Result<ItemState, &'static str> {
        Ok(match r.kind {
            StateKind::Pending => ItemState::Pending,
            StateKind::Sending => ItemState::Sending {
                owner: r.owner.ok_or("a sending item has no `owner`")?,
                since_ms: r.since_ms.ok_or("a sending item has no `since_ms`")?,
            },
            StateKind::Rejected => ItemState::Rejected {
                status: r.status.ok_or("a rejected item has no `status`")?,
                detail: r.detail.ok_or("a rejected item has no `detail`")?,
                at_ms: r.at_ms.ok_or("a rejected item has no `at_ms`")?,
            },
        })
    }
}

impl From<ItemState> for StateRecord {
    fn from(state: ItemState) -> StateRecord {
        let mut r = StateRecord {
            kind: StateKind::Pending,
            owner: None,
            since_ms: None,
            status: None,
            detail: None,
            at_ms: None,
        };
        match state {
            ItemState::Pending => {}
            ItemState::Sending { owner, since_ms } => {
                r.kind = StateKind::Sending;
                r.owner = Some(owner);
                r.since_ms = Some(since_ms);
            }
            ItemState::Rejected {
                status,
                detail,
                at_ms,
            } => {
                r.kind = StateKind::Rejected;
                r.status = Some(status);
                r.detail = Some(detail);
                r.at_ms = Some(at_ms);
            }
        }
        r
    }
}

/// One submission in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxItem {
    /// Always [`ITEM_VERSION`] once decoded.
    pub v: u32,
    /// The payload's `id`, also the `Idempotency-Key`; never changes.
    pub id: String,
    /// Payload v1 exactly as it is sent.
    pub payload: Value,
    /// When the guest sent it, ms since the Unix epoch.
    pub created_ms: f64,
    /// Finished attempts (answered, failed or timed out).
    pub attempts: u32,
    pub state: ItemState,
    /// Not sent before this time (ms since the Unix epoch).
    pub next_attempt_ms: f64,
    /// The server's `Retry-After`, as an absolute time: [`super::wake`] does not go below it.
    #[serde(default)]
    pub retry_after_until_ms: Option<f64>,
    pub last_error: Option<AttemptError>,
}

/// Why a stored value could not be read as an item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the stored outbox item is not valid JSON: {0}")]
    Json(String),
    #[error("the stored outbox item is not a JSON object")]
    NotAnObject,
    #[error("the stored outbox item (version {0}) was written by a newer version of the app")]
    UnsupportedVersion(u64),
    #[error("the stored outbox item is incomplete: {0}")]
    Invalid(String),
}

/// A new item for a payload about to be stored: pending and due at once.
pub fn new_item(payload: Value, id: &str, now_ms: f64) -> OutboxItem {
    OutboxItem {
        v: ITEM_VERSION,
        id: id.to_string(),
        payload,
        created_ms: now_ms,
        attempts: 0,
        state: ItemState::Pending,
        next_attempt_ms: now_ms,
        retry_after_until_ms: None,
        last_error: None,
    }
}

/// Reads a stored item of any known version (see the module docs). Never panics.
pub fn decode_item(json: &str) -> Result<OutboxItem, DecodeError> {
    let value: Value = serde_json::from_str(json).map_err(|e| DecodeError::Json(e.to_string()))?;
    let Value::Object(map) = &value else {
        return Err(DecodeError::NotAnObject);
    };
    let item = match map.get("v") {
        None => decode_v0(map)?,
        Some(v) => {
            let version = v
                .as_u64()
                .ok_or_else(|| DecodeError::Invalid("`v` is not a version number".into()))?;
            let mut item: OutboxItem = match serde_json::from_value(value.clone()) {
                Ok(item) => item,
                Err(_) if version > u64::from(ITEM_VERSION) => {
                    return Err(DecodeError::UnsupportedVersion(version))
                }
                Err(e) => return Err(DecodeError::Invalid(e.to_string())),
            };
            if version == 0 {
                return Err(DecodeError::Invalid(
                    "version 0 items are bare payloads, not envelopes".into(),
                ));
            }
            item.v = ITEM_VERSION;
            item
        }
    };
    check_item(&item)?;
    Ok(item)
}

/// Version 0: the bare payload object.
fn decode_v0(map: &serde_json::Map<String, Value>) -> Result<OutboxItem, DecodeError> {
    if !map.contains_key("schema") {
        return Err(DecodeError::Invalid(
            "neither a version number nor a payload `schema`".into(),
        ));
    }
    let id = map
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| DecodeError::Invalid("the payload has no `id`".into()))?;
    let created_ms = map
        .get("created_at")
        .and_then(Value::as_str)
        .and_then(parse_rfc3339_ms)
        .unwrap_or(0.0);
    let mut item = new_item(Value::Object(map.clone()), id, created_ms);
    item.next_attempt_ms = 0.0;
    Ok(item)
}

fn check_item(item: &OutboxItem) -> Result<(), DecodeError> {
    if item.id.is_empty() {
        return Err(DecodeError::Invalid("`id` is empty".into()));
    }
    let Value::Object(payload) = &item.payload else {
        return Err(DecodeError::Invalid("`payload` is not an object".into()));
    };
    match payload.get("id").and_then(Value::as_str) {
        Some(pid) if pid == item.id => Ok(()),
        _ => Err(DecodeError::Invalid(
            "the payload's `id` differs from the item's".into(),
        )),
    }
}

/// Writes an item for storage (always the current version).
pub fn encode_item(item: &OutboxItem) -> String {
    let mut item = item.clone();
    item.v = ITEM_VERSION;
    // Serialising plain data with string keys cannot fail; fall back to the payload
    // alone (a readable v0) rather than panic.
    serde_json::to_string(&item).unwrap_or_else(|_| item.payload.to_string())
}

/// Marks an item as in flight, to be stored before its request starts.
pub fn begin_attempt(item: &OutboxItem, owner: &str, now_ms: f64) -> OutboxItem {
    OutboxItem {
        state: ItemState::Sending {
            owner: owner.to_string(),
            since_ms: now_ms,
        },
        ..item.clone()
    }
}
