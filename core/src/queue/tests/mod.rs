//! The queue's tests, one file per module, sharing these fixtures.

use serde_json::{json, Value};

use super::*;

mod item;
mod lease;
mod pass;
mod request;
mod retry;
mod staff;

const ID: &str = "6f1c2e0a-3b7d-4f6e-9a51-0c2d8e7f4a10";
const T0: f64 = 1_795_548_605_120.0;

fn payload(id: &str) -> Value {
    json!({
        "schema": "evenhand.feedback/1",
        "id": id,
        "created_at": "2026-11-24T19:30:05.120Z",
        "venue": "bistro-lyon-1",
        "place": null,
        "mode": "kiosk",
        "language": "fr",
        "praise": { "text": "Rapide.", "declined": false },
        "complaint": null,
        "ratings": {},
        "contact": null,
        "guidance": { "names_mentioned": [], "heated": false, "edited_after_guidance": false },
        "verified": false
    })
}

fn item(id: &str, created: f64) -> OutboxItem {
    new_item(payload(id), id, created)
}

fn status(code: u16) -> Outcome {
    Outcome::Status {
        code,
        retry_after: None,
        detail: None,
    }
}

/// An answer with a `Retry-After` header.
fn pause(code: u16, retry_after: &str) -> Outcome {
    Outcome::Status {
        code,
        retry_after: Some(retry_after.into()),
        detail: None,
    }
}

fn updated(next: Next) -> OutboxItem {
    match next {
        Next::Update(i) => i,
        Next::Remove => panic!("expected an update"),
    }
}
