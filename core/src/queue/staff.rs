//! What staff see of the outbox (SPEC §7): counts, the last error and delivery, the
//! JSON export, and what went wrong with the browser's storage.

use serde::{Deserialize, Serialize};

use super::item::{AttemptError, ItemState, OutboxItem};
use crate::i18n::Copy;

/// The outbox at a glance, for the staff view.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Summary {
    pub total: usize,
    /// Waiting for an attempt (not rejected, not in flight).
    pub pending: usize,
    /// In flight now.
    pub sending: usize,
    pub rejected: usize,
    /// When the oldest undelivered submission was made.
    pub oldest_created_ms: Option<f64>,
    /// When the next attempt is due, if any item is waiting.
    pub next_attempt_ms: Option<f64>,
    /// The most recent failed attempt among the stored items.
    pub last_error: Option<AttemptError>,
}

/// What the shell keeps next to the items (items vanish when delivered, so the last
/// success lives here).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OutboxMeta {
    pub last_success_ms: Option<f64>,
    pub last_error: Option<AttemptError>,
    /// Site storage was cleared while submissions were waiting (they were re-saved).
    /// Kept here because the staff page is another page than the one that saw it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub storage_lost: bool,
    /// The latest failure of the browser's storage, in the browser's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_fault: Option<(StorageFault, String)>,
}

impl OutboxMeta {
    /// A submission was delivered at `now_ms`.
    pub fn note_success(&mut self, now_ms: f64) {
        self.last_success_ms = Some(now_ms);
    }

    /// An attempt failed.
    pub fn note_error(&mut self, error: &AttemptError) {
        self.last_error = Some(error.clone());
    }

    /// Site storage was found cleared under waiting submissions.
    pub fn note_storage_lost(&mut self) {
        self.storage_lost = true;
    }

    /// The browser's storage failed; the latest failure is the one staff see.
    pub fn note_fault(&mut self, fault: StorageFault, detail: &str) {
        self.storage_fault = Some((fault, detail.to_string()));
    }

    /// Reads stored meta; anything unreadable is an empty meta (it is only informative).
    pub fn decode(json: &str) -> OutboxMeta {
        serde_json::from_str(json).unwrap_or_default()
    }
}

/// Counts for the staff view.
pub fn summarise<'a>(items: impl IntoIterator<Item = &'a OutboxItem>) -> Summary {
    let mut s = Summary::default();
    for item in items {
        s.total += 1;
        match item.state {
            ItemState::Pending => {
                s.pending += 1;
                s.next_attempt_ms = Some(
                    s.next_attempt_ms
                        .map_or(item.next_attempt_ms, |t| t.min(item.next_attempt_ms)),
                );
            }
            ItemState::Sending { .. } => s.sending += 1,
            ItemState::Rejected { .. } => s.rejected += 1,
        }
        s.oldest_created_ms = Some(
            s.oldest_created_ms
                .map_or(item.created_ms, |t| t.min(item.created_ms)),
        );
        if let Some(e) = &item.last_error {
            if s.last_error.as_ref().is_none_or(|l| e.at_ms > l.at_ms) {
                s.last_error = Some(e.clone());
            }
        }
    }
    s
}

/// Staff export (SPEC §7): every item as stored, oldest first, with the meta.
pub fn export_json(items: &[OutboxItem], meta: &OutboxMeta, now_ms: f64) -> String {
    let mut sorted: Vec<&OutboxItem> = items.iter().collect();
    sorted.sort_by(|a, b| a.created_ms.total_cmp(&b.created_ms));
    let doc = serde_json::json!({
        "exported_ms": now_ms,
        "meta": meta,
        "summary": summarise(items),
        "items": sorted,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string())
}

/// What the outbox was doing when the browser's storage failed. The staff view says it
/// in the staff's language ([`StorageFault::message`]), with the browser's own words as
/// the detail; nothing the outbox stores fails silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageFault {
    /// Opening IndexedDB (missing, blocked, or refused).
    Open,
    /// Reading the stored items.
    Read,
    /// Storing an item, or the lease that lets this page send.
    Write,
    /// Removing a delivered item: it may be sent once more (the endpoint keeps one).
    Delete,
    /// Noting the last delivery in `localStorage`.
    Meta,
    /// Reading the outbox for a staff export, or offering the file.
    Export,
}

impl StorageFault {
    /// The staff's message, a template with `{detail}` (see [`crate::i18n::fill`]).
    pub fn message(self, c: &Copy) -> &'static str {
        match self {
            StorageFault::Open => c.outbox_open_failed,
            StorageFault::Read => c.outbox_read_failed,
            StorageFault::Write => c.outbox_write_failed,
            StorageFault::Delete => c.outbox_delete_failed,
            StorageFault::Meta => c.outbox_meta_failed,
            StorageFault::Export => c.outbox_export_failed,
        }
    }
}
