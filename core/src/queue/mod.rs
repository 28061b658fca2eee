//! The outbox's rules (SPEC §5): pure decisions, no `fetch`, no storage.
//!
//! The browser shell (`src/outbox/`) stores items, holds the cross-tab lock, sends
//! requests and sleeps; every decision — what an item looks like on disk, what is due,
//! what an answer means, when to try again, who may send — is made here and tested
//! natively. `receiver/tests/outbox_flow.rs` drives these same decisions against the
//! real receiver.
//!
//! - [`item`]: one submission as stored, every stored version read back.
//! - [`request`]: the request for an item in the configured format.
//! - [`retry`]: what an answer means; backoff with full jitter; `Retry-After`.
//! - [`lease`]: the `localStorage` lease, where Web Locks are missing.
//! - [`pass`]: one flush pass: reclaim, wake, restore, order, stop, sleep.
//! - [`staff`]: the staff view's counts, the JSON export, storage faults.
//!
//! # How the shell drives it
//!
//! One task per page sleeps until a kick ([`Kick`]: a new submission, the `online`
//! event, staff "Retry now", app start) or its timer, then runs one pass:
//!
//! ```text
//! lock: navigator.locks.request("evenhand-outbox") → Lock::WebLock, held until every
//!       request started under it has settled; where navigator.locks is missing, the
//!       lease (lease::may_take, take_lease, lease_confirmed) → Lock::Lease, or sleep
//!       pass::LEASE_BUSY_MS when another tab holds it
//! items = decode_item(each stored value)       (unreadable ones stay stored, untouched)
//! pass = Pass::start(items, generation, held, lock, kick, now)
//! while let Some(step) = pass.next(owner, endpoint.format, now):
//!     Store(item) → store it          Delete(id) → delete it
//!     Send { sending, request } → (lease: renew, else pass.lock_lost) store `sending`;
//!         POST request.body (Content-Type, Idempotency-Key = id), aborted at TIMEOUT_MS
//!         → pass.answered(Outcome, now, Math.random())
//!     any storage error → pass.storage_failed(now), shown to staff (StorageFault)
//! release the lock; pass.update_held(held); pass.update_meta(meta)
//! sleep pass.sleep_ms(now), or less if kicked
//! ```
//!
//! `Outbox::put` stores a new item ([`new_item`], [`encode_item`]) before the thank-you
//! screen shows, keeps it in memory ([`Held`]) and kicks the task.
//!
//! # One request per item at a time, across tabs
//!
//! Only the lock holder sends, and before each request it stores the item as
//! [`ItemState::Sending`]. Under a Web Lock a `Sending` marker found at the start of a
//! pass is abandoned (its sender is gone) and reclaimed at once; under the lease it is
//! trusted until [`SENDING_STALE_MS`], longer than any request lives, so even two tabs
//! that both believe they hold the lease do not send one item twice at once.

pub mod item;
pub mod lease;
pub mod pass;
pub mod request;
pub mod retry;
pub mod staff;

pub use item::{
    begin_attempt, decode_item, encode_item, new_item, AttemptError, DecodeError, ItemState,
    OutboxItem, GENERATION_KEY, ITEM_VERSION,
};
pub use lease::{
    decode_lease, lease_confirmed, may_start_attempt, may_take, take_lease, Lease, LEASE_MARGIN_MS,
    LEASE_MS, LEASE_SETTLE_MS,
};
pub use pass::{
    due, next_wake_ms, reclaim_abandoned, Held, Kick, Lock, Pass, Step, LEASE_BUSY_MS,
    MAX_SLEEP_MS, SENDING_STALE_MS, STORAGE_RETRY_MS,
};
pub use request::{reject_locally, request_body, RequestBody};
pub use retry::{
    after_attempt, backoff_cap_ms, backoff_ms, classify, parse_retry_after, retry_now, wake, Next,
    Outcome, Verdict, BACKOFF_MAX_MS, BACKOFF_MIN_MS, DETAIL_MAX_CHARS, RETRY_AFTER_MAX_MS,
    TIMEOUT_MS,
};
pub use staff::{export_json, summarise, OutboxMeta, StorageFault, Summary};

#[cfg(test)]
mod tests;
