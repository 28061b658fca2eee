//! One flush pass, decided here and driven by the shell (SPEC §5).
//!
//! The shell holds the cross-tab lock, loads the stored items and asks [`Pass::start`]
//! what to do; then it performs each [`Step`] that [`Pass::next`] hands out (store an
//! item, send one, delete one) and reports back: [`Pass::answered`] with each answer,
//! [`Pass::storage_failed`] or [`Pass::lock_lost`] when it could not go on. A step is
//! taken as done when the shell asks for the next one. When `next` says `None`, the
//! shell releases the lock, applies [`Pass::update_held`], and sleeps
//! [`Pass::sleep_ms`] unless something kicks it first.
//!
//! What a pass decides:
//! - **Reclaim**: under a Web Lock ([`Lock::WebLock`]), a `Sending` marker was left by a
//!   sender that is gone (the lock is freed only when its holder has finished or died,
//!   and a dead page's requests die with it), so the item is pending again at once.
//!   Under the fallback lease ([`Lock::Lease`]) another tab may still be sending it, so
//!   the marker is trusted until [`SENDING_STALE_MS`], when its request is certainly
//!   over (aborted at [`TIMEOUT_MS`]).
//! - **Wake**: app start and back online ([`Kick::Wake`]) make waiting items due at
//!   once, except where the server asked for a pause (`Retry-After`); staff "Retry now"
//!   ([`Kick::RetryAll`]) makes every item due, refused ones included.
//! - **Restore**: items this page stored are kept in memory ([`Held`]) until delivered.
//!   One missing from storage was either delivered by another tab (the store is the
//!   same: forget it) or lost when the browser cleared site data (the store's
//!   generation changed: store it again, and staff are told).
//! - **Order**: due items go oldest submission first, one request at a time; the pass
//!   stops at the first answer worth retrying (the endpoint is down or busy, the rest
//!   would fail the same way) and wakes for that item's next attempt.
//! - **Sleep**: until the next item is due, at most [`MAX_SLEEP_MS`].

use super::item::{begin_attempt, AttemptError, ItemState, OutboxItem};
use super::lease::LEASE_MS;
use super::request::{reject_locally, request_body, RequestBody};
use super::retry::{after_attempt, retry_now, wake, Next, Outcome, TIMEOUT_MS};
use super::staff::OutboxMeta;
use crate::config::Format;

/// A `Sending` marker older than this belongs to a request that is certainly over
/// (aborted at [`TIMEOUT_MS`]), so under a lease the item may be sent again.
pub const SENDING_STALE_MS: u32 = TIMEOUT_MS + 15_000;
const _: () = assert!(SENDING_STALE_MS > TIMEOUT_MS);
/// The longest sleep between two passes, even with nothing due: a safety net.
pub const MAX_SLEEP_MS: u32 = 60_000;
/// The shortest: passes never run back to back unless something kicks them.
pub const MIN_SLEEP_MS: u32 = 250;
/// After the browser's storage failed, look again this soon.
pub const STORAGE_RETRY_MS: u32 = 10_000;
/// Another tab holds the lease: look again once it could have changed hands.
pub const LEASE_BUSY_MS: u32 = LEASE_MS / 3;

/// How this page holds the right to send, which decides what it may assume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock {
    /// `navigator.locks.request("evenhand-outbox", …)`, held until every request started
    /// under it has settled.
    WebLock,
    /// The `localStorage` lease of [`super::lease`], where Web Locks are missing.
    Lease,
}

/// Why a pass runs. Kicks that arrive while one runs merge into the strongest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kick {
    /// A timer or a new submission: send what is due.
    #[default]
    Due,
    /// App start or back online: waiting items are due at once, except a server's
    /// `Retry-After`.
    Wake,
    /// Staff "Retry now": every item is due at once, refused ones included.
    RetryAll,
}

/// An item this page stored, kept in memory until it is delivered, with the generation
/// of the store it was written to (`None`: not known yet, so a loss is assumed).
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub item: OutboxItem,
    pub generation: Option<String>,
}

/// One thing for the shell to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Store this item in place of the stored one.
    Store(OutboxItem),
    /// Store `sending` (the in-flight marker); once stored, send `request` and give the
    /// answer to [`Pass::answered`].
    Send {
        sending: OutboxItem,
        request: RequestBody,
    },
    /// Delivered: delete the stored item with this id.
    Delete(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Write {
    Store(usize),
    Delete(usize),
}

/// One item the pass knows of.
#[derive(Debug)]
struct Slot {
    id: String,
    /// `None` once delivered (or, for a held item, found delivered by another tab).
    item: Option<OutboxItem>,
    /// A held item that storage had lost; `stored` once it is written again.
    restore: bool,
    stored: bool,
}

/// The state of one pass (see the module docs).
#[derive(Debug)]
pub struct Pass {
    slots: Vec<Slot>,
    /// Writes due before the next request, the next one last.
    writes: Vec<Write>,
    /// Slots to send, the next one last.
    todo: Vec<usize>,
    /// The step handed out last, confirmed when the shell asks for the next one.
    issued: Option<Write>,
    /// The slot whose request is out, and the item as it was before.
    sending: Option<(usize, OutboxItem)>,
    generation: String,
    halted: bool,
    wake_at: Option<f64>,
    last_success_ms: Option<f64>,
    last_error: Option<AttemptError>,
}

impl Pass {
    /// Starts a pass over the items read from storage (`stored`, readable ones), in the
    /// store of `generation`, with this page's `held` items, under `lock`, for `kick`.
    pub fn start(
        stored: Vec<OutboxItem>,
        generation: &str,
        held: &[Held],
        lock: Lock,
        kick: Kick,
        now_ms: f64,
    ) -> Pass {
        let mut slots: Vec<Slot> = stored
            .into_iter()
            .map(|item| Slot {
                id: item.id.clone(),
                item: Some(item),
                restore: false,
                stored: true,
            })
            .collect();
        let by_id = ordered(slots.iter().enumerate().map(|(k, s)| (0, s.id.as_str(), k)));
        let mut missing = Vec::new();
        for h in held {
            if find(&by_id, &h.item.id).is_none() {
                let lost = h.generation.as_deref() != Some(generation);
                missing.push(Slot {
                    id: h.item.id.clone(),
                    // Gone from the same store: another tab delivered it.
                    item: lost.then(|| h.item.clone()),
                    restore: lost,
                    stored: false,
                });
            }
        }
        slots.extend(missing);
        let mut writes = Vec::new();
        for (k, slot) in slots.iter_mut().enumerate() {
            let Some(item) = slot.item.as_mut() else {
                continue;
            };
            let mut changed = slot.restore;
            if lock == Lock::WebLock {
                if let Some(reclaimed) = reclaim_abandoned(item) {
                    *item = reclaimed;
                    changed = true;
                }
            }
            let kicked = match kick {
                Kick::Due => None,
                Kick::Wake => wake(item, now_ms),
                // An item due anyway needs no write of its own.
                Kick::RetryAll => (!is_due(item, now_ms))
                    .then(|| retry_now(item, now_ms))
                    .filter(|i| i != item),
            };
            if let Some(kicked) = kicked {
                *item = kicked;
                changed = true;
            }
            if changed {
                writes.push(Write::Store(k));
            }
        }
        writes.reverse();
        let mut todo = due_slots(slots.iter().map(|s| s.item.as_ref()), now_ms);
        todo.reverse();
        Pass {
            slots,
            writes,
            todo,
            issued: None,
            sending: None,
            generation: generation.to_string(),
            halted: false,
            wake_at: None,
            last_success_ms: None,
            last_error: None,
        }
    }

    /// The next step, or `None` when the pass is over. Asking for it confirms that the
    /// previous step was done.
    pub fn next(&mut self, owner: &str, format: Format, now_ms: f64) -> Option<Step> {
        if let Some(Write::Store(k)) = self.issued.take() {
            self.slots[k].stored = true;
        }
        if self.halted {
            return None;
        }
        if let Some(write) = self.writes.pop() {
            self.issued = Some(write);
            return match write {
                Write::Store(k) => self.slots[k].item.clone().map(Step::Store),
                Write::Delete(k) => {
                    self.slots[k].item = None;
                    Some(Step::Delete(self.slots[k].id.clone()))
                }
            };
        }
        let k = self.todo.pop()?;
        let item = self.slots[k].item.as_mut()?;
        match request_body(item, format) {
            Err(reason) => {
                // Cannot go out as configured: kept for staff, never sent.
                *item = reject_locally(item, &reason, now_ms);
                self.issued = Some(Write::Store(k));
                Some(Step::Store(item.clone()))
            }
            Ok(request) => {
                let sending = begin_attempt(item, owner, now_ms);
                let before = std::mem::replace(item, sending.clone());
                self.sending = Some((k, before));
                Some(Step::Send { sending, request })
            }
        }
    }

    /// The answer to the last [`Step::Send`]: what to store or delete comes next; an
    /// answer worth retrying ends the pass.
    pub fn answered(&mut self, outcome: &Outcome, now_ms: f64, random01: f64) {
        let Some((k, _)) = self.sending.take() else {
            return;
        };
        let Some(item) = self.slots[k].item.as_mut() else {
            return;
        };
        match after_attempt(item, outcome, now_ms, random01) {
            Next::Remove => {
                self.last_success_ms = Some(now_ms);
                self.writes.push(Write::Delete(k));
            }
            Next::Update(updated) => {
                if updated.state == ItemState::Pending {
                    // Down or busy: the rest would fail the same way.
                    self.todo.clear();
                    self.wake_at = Some(updated.next_attempt_ms);
                }
                if updated.last_error.is_some() {
                    self.last_error = updated.last_error.clone();
                }
                *item = updated;
                self.writes.push(Write::Store(k));
            }
        }
    }

    /// A store, delete or read failed: the pass ends at once (nothing more is sent while
    /// its result could not be recorded) and looks again after [`STORAGE_RETRY_MS`].
    pub fn storage_failed(&mut self, now_ms: f64) {
        self.halt(now_ms + f64::from(STORAGE_RETRY_MS));
    }

    /// The lease could not be kept before a request: the pass ends; the item handed out
    /// last was not touched.
    pub fn lock_lost(&mut self, now_ms: f64) {
        self.halt(now_ms + f64::from(LEASE_BUSY_MS));
    }

    fn halt(&mut self, wake_at: f64) {
        // A request handed out but never sent: the item is as it was.
        if let Some((k, before)) = self.sending.take() {
            self.slots[k].item = Some(before);
        }
        self.halted = true;
        self.issued = None;
        self.writes.clear();
        self.todo.clear();
        self.wake_at = Some(self.wake_at.map_or(wake_at, |w| w.min(wake_at)));
    }

    /// The items as they stand (delivered ones gone), for the staff view.
    pub fn items(&self) -> impl Iterator<Item = &OutboxItem> {
        self.slots.iter().filter_map(|s| s.item.as_ref())
    }

    /// Whether held items were stored again (site storage had been cleared).
    pub fn restored_any(&self) -> bool {
        self.slots.iter().any(|s| s.restore && s.stored)
    }

    /// Brings this page's held items up to date: forgets those delivered (here or by
    /// another tab) and marks those stored again as in this store. Items held since the
    /// pass started are left as they are.
    pub fn update_held(&self, held: &mut Vec<Held>) {
        let by_id = ordered(
            self.slots
                .iter()
                .enumerate()
                .map(|(k, s)| (0, s.id.as_str(), k)),
        );
        held.retain_mut(|h| {
            let Some(slot) = find(&by_id, &h.item.id).map(|k| &self.slots[k]) else {
                return true;
            };
            if slot.item.is_none() {
                return false;
            }
            if slot.restore && slot.stored {
                h.generation = Some(self.generation.clone());
            }
            true
        })
    }

    /// Notes this pass's last delivery and last error; `true` when the meta changed.
    pub fn update_meta(&self, meta: &mut OutboxMeta) -> bool {
        let before = meta.clone();
        if let Some(ms) = self.last_success_ms {
            meta.note_success(ms);
        }
        if let Some(e) = &self.last_error {
            meta.note_error(e);
        }
        *meta != before
    }

    /// How long to sleep before the next pass (unless kicked): until the item that
    /// stopped the pass may be tried again, or the next item is due, at most
    /// [`MAX_SLEEP_MS`].
    pub fn sleep_ms(&self, now_ms: f64) -> u32 {
        let at = self
            .wake_at
            .or_else(|| next_wake_ms(self.items(), now_ms))
            .unwrap_or(f64::INFINITY);
        sleep_until(at, now_ms)
    }
}

/// The sleep until `at_ms`, within [`MIN_SLEEP_MS`]..=[`MAX_SLEEP_MS`].
pub fn sleep_until(at_ms: f64, now_ms: f64) -> u32 {
    let ms = (at_ms - now_ms).clamp(f64::from(MIN_SLEEP_MS), f64::from(MAX_SLEEP_MS));
    if ms.is_nan() {
        MAX_SLEEP_MS
    } else {
        ms as u32
    }
}

fn is_due(item: &OutboxItem, now_ms: f64) -> bool {
    match &item.state {
        ItemState::Pending => item.next_attempt_ms <= now_ms,
        ItemState::Sending { since_ms, .. } => {
            since_ms + f64::from(SENDING_STALE_MS) <= now_ms && item.next_attempt_ms <= now_ms
        }
        ItemState::Rejected { .. } => false,
    }
}

/// `(key, id, position)` in order: one sort for every order the pass needs (by id alone
/// with key 0, or oldest first with the creation time), so the wasm carries one sort.
fn ordered<'a>(keys: impl Iterator<Item = (i64, &'a str, usize)>) -> Vec<(i64, &'a str, usize)> {
    let mut v: Vec<_> = keys.collect();
    v.sort_unstable();
    v
}

/// The position of `id` in a list [`ordered`] by id alone.
fn find(by_id: &[(i64, &str, usize)], id: &str) -> Option<usize> {
    by_id
        .binary_search_by(|&(_, other, _)| other.cmp(id))
        .ok()
        .map(|k| by_id[k].2)
}

/// Positions of the items to send now, oldest submission first (ties by id): pending
/// items whose time has come, and items whose `Sending` marker is stale.
fn due_slots<'a>(items: impl Iterator<Item = Option<&'a OutboxItem>>, now_ms: f64) -> Vec<usize> {
    let due = items.enumerate().filter_map(|(k, i)| {
        let i = i.filter(|i| is_due(i, now_ms))?;
        // Creation times are whole milliseconds (`Date.now()`).
        Some((i.created_ms as i64, i.id.as_str(), k))
    });
    ordered(due).into_iter().map(|(_, _, k)| k).collect()
}

/// Ids of the items a pass would send now, in order (see [`Pass`]).
pub fn due(items: &[OutboxItem], now_ms: f64) -> Vec<&str> {
    due_slots(items.iter().map(Some), now_ms)
        .into_iter()
        .map(|k| items[k].id.as_str())
        .collect()
}

/// When an item is next due (absolute ms, never before `now_ms`); `None` when nothing
/// is waiting (empty, or only refused items).
pub fn next_wake_ms<'a>(
    items: impl IntoIterator<Item = &'a OutboxItem>,
    now_ms: f64,
) -> Option<f64> {
    items
        .into_iter()
        .filter_map(|i| match &i.state {
            ItemState::Pending => Some(i.next_attempt_ms),
            ItemState::Sending { since_ms, .. } => {
                Some((since_ms + f64::from(SENDING_STALE_MS)).max(i.next_attempt_ms))
            }
            ItemState::Rejected { .. } => None,
        })
        .min_by(f64::total_cmp)
        .map(|t| t.max(now_ms))
}

/// Under a Web Lock: a `Sending` marker is left by a sender that is gone, so the item is
/// pending again (at its scheduled time). `None` when not `Sending`.
pub fn reclaim_abandoned(item: &OutboxItem) -> Option<OutboxItem> {
    matches!(item.state, ItemState::Sending { .. }).then(|| OutboxItem {
        state: ItemState::Pending,
        ..item.clone()
    })
}
