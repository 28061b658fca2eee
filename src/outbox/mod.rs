//! The outbox (SPEC §5): a submission is stored durably before the thank-you screen
//! shows and removed only after a 2xx. Every decision — what is due, what an answer
//! means, when to retry, who may send — is `evenhand_core::queue`'s; this shell stores,
//! sends and sets timers.
//!
//! Flushes run at start, on the `online` event, on a timer (the next item's retry
//! time) and after each new submission, one at a time in a tab and one tab at a time
//! (a lease in localStorage, see `lease.rs`). Items this tab stored are also kept in
//! memory until delivered: if the browser clears site storage underneath the page, a
//! flush finds them missing, stores them again and tells staff.

mod lease;
pub mod store;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::time::Duration;

use evenhand_core::config::Endpoint;
use evenhand_core::queue::{self, ItemState, Next, OutboxItem, OutboxMeta};
use evenhand_core::submission::Payload;
use leptos::prelude::*;
use web_sys::IdbDatabase;

pub use store::StoreError;

use crate::browser;

/// What the staff view and the thank-you screen show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutboxStatus {
    pub pending: usize,
    pub rejected: usize,
    pub last_error: Option<String>,
    pub last_success_ms: Option<f64>,
    /// Site storage was cleared while submissions were waiting (they were re-saved).
    pub storage_lost: bool,
}

/// The longest wait between two flushes, even with nothing due: a safety net.
const MAX_SLEEP_MS: f64 = 60_000.0;
const META_KEY: &str = "evenhand.outbox.meta";

struct Runner {
    endpoint: Endpoint,
    owner: String,
    db: Option<IdbDatabase>,
    /// Items this tab stored and has not seen delivered.
    mine: BTreeMap<String, OutboxItem>,
    flushing: bool,
    again: bool,
    wake: bool,
    timer: Option<gloo_timers::callback::Timeout>,
}

thread_local! {
    static RUNNER: RefCell<Option<Runner>> = const { RefCell::new(None) };
}

fn with_runner<T>(f: impl FnOnce(&mut Runner) -> T) -> Option<T> {
    RUNNER.with(|r| r.borrow_mut().as_mut().map(f))
}

/// A handle on the page's one outbox.
#[derive(Debug, Clone, Copy)]
pub struct Outbox {
    status: RwSignal<OutboxStatus>,
}

impl Outbox {
    /// Starts the page's outbox and flushes at once. Call once, inside the app's owner.
    pub fn start(endpoint: Endpoint) -> Outbox {
        let status = RwSignal::new(OutboxStatus {
            last_success_ms: read_meta().last_success_ms,
            ..OutboxStatus::default()
        });
        let outbox = Outbox { status };
        RUNNER.with(|r| {
            *r.borrow_mut() = Some(Runner {
                endpoint,
                owner: browser::new_id(),
                db: None,
                mine: BTreeMap::new(),
                flushing: false,
                again: false,
                wake: true,
                timer: None,
            })
        });
        // One listener for the page's lifetime: back online → try everything at once.
        let online = window_event_listener(leptos::ev::online, move |_| {
            with_runner(|r| r.wake = true);
            outbox.flush_now();
        });
        // A page going away (reload, navigation) hands the lease on at once rather than
        // leaving the next page to wait for it to run out.
        let gone = window_event_listener(leptos::ev::pagehide, move |_| {
            if let Some(owner) = with_runner(|r| r.owner.clone()) {
                lease::release(&owner);
            }
        });
        on_cleanup(move || {
            online.remove();
            gone.remove();
        });
        outbox.flush_now();
        outbox
    }

    pub fn status(&self) -> Signal<OutboxStatus> {
        self.status.into()
    }

    /// Stores a submission durably; resolves only once it is on disk, then flushes.
    pub async fn put(&self, payload: &Payload) -> Result<(), StoreError> {
        let value = serde_json::to_value(payload).map_err(|e| StoreError::Other(e.to_string()))?;
        let item = queue::new_item(value, &payload.id, browser::now_ms());
        let db = database().await?;
        store::put(&db, &item.id, &queue::encode_item(&item)).await?;
        with_runner(|r| r.mine.insert(item.id.clone(), item));
        self.status.try_update(|s| s.pending += 1);
        self.flush_now();
        Ok(())
    }

    /// Staff "retry now": every held item, rejected ones included, is due at once.
    pub fn retry_now(&self) {
        let outbox = *self;
        leptos::task::spawn_local(async move {
            if let Ok(db) = database().await {
                if let Ok(items) = load(&db).await {
                    let now = browser::now_ms();
                    for item in items {
                        let _ = store::put(
                            &db,
                            &item.id,
                            &queue::encode_item(&queue::retry_now(&item, now)),
                        )
                        .await;
                    }
                }
            }
            outbox.flush_now();
        });
    }

    /// Every item still held, with the meta, as JSON for staff.
    pub async fn export_json(&self) -> Result<String, StoreError> {
        let db = database().await?;
        let items = load(&db).await?;
        Ok(queue::export_json(&items, &read_meta(), browser::now_ms()))
    }

    /// Starts a flush unless one is running in this tab (then it runs again after).
    pub fn flush_now(&self) {
        let busy = with_runner(|r| {
            if r.flushing {
                r.again = true;
                true
            } else {
                r.flushing = true;
                r.timer = None;
                false
            }
        });
        if busy != Some(false) {
            return;
        }
        let outbox = *self;
        leptos::task::spawn_local(async move {
            loop {
                let next = outbox.flush_once().await;
                let again = with_runner(|r| std::mem::take(&mut r.again)).unwrap_or(false);
                if !again {
                    outbox.sleep_until(next);
                    break;
                }
            }
            with_runner(|r| r.flushing = false);
        });
    }

    fn sleep_until(&self, next_ms: Option<f64>) {
        let wait = next_ms
            .map(|t| t - browser::now_ms())
            .unwrap_or(MAX_SLEEP_MS)
            .clamp(250.0, MAX_SLEEP_MS);
        let outbox = *self;
        let timer = gloo_timers::callback::Timeout::new(wait as u32, move || outbox.flush_now());
        with_runner(|r| r.timer = Some(timer));
    }

    /// One pass: take the lease, recover lost items, send what is due. Returns when
    /// the next item will be due.
    async fn flush_once(&self) -> Option<f64> {
        let (owner, endpoint) = with_runner(|r| (r.owner.clone(), r.endpoint.clone()))?;
        let db = match database().await {
            Ok(db) => db,
            Err(e) => {
                self.note_error(e.detail());
                return Some(browser::now_ms() + MAX_SLEEP_MS);
            }
        };
        if !lease::acquire(&owner).await {
            // Another tab is sending; look again once its lease could have ended.
            return Some(browser::now_ms() + f64::from(queue::LEASE_MS) / 3.0);
        }
        let mut items = match load(&db).await {
            Ok(items) => items,
            Err(e) => {
                forget_database();
                lease::release(&owner);
                self.note_error(e.detail());
                return Some(browser::now_ms() + 2_000.0);
            }
        };
        self.recover_lost(&db, &mut items).await;
        let wake = with_runner(|r| std::mem::take(&mut r.wake)).unwrap_or(false);
        let now = browser::now_ms();
        for item in items.iter_mut() {
            let woken = if wake { queue::wake(item, now) } else { None };
            // No other tab holds the lease, so a `Sending` marker is from a page that died.
            if let Some(new) = woken.or_else(|| stale_sending(item, now)) {
                let _ = store::put(&db, &new.id, &queue::encode_item(&new)).await;
                *item = new;
            }
        }
        // Staff see the counts at once, before any request.
        self.publish(&items);
        let due: Vec<String> = queue::due(&items, now)
            .into_iter()
            .map(str::to_string)
            .collect();
        let mut wake_at = None;
        for id in due {
            let Some(pos) = items.iter().position(|i| i.id == id) else {
                continue;
            };
            if !lease::renew(&owner).await {
                break;
            }
            let item = items[pos].clone();
            match self.attempt(&db, &endpoint, &owner, &item).await {
                Some(updated) => {
                    let retry = updated.state == ItemState::Pending;
                    let next = updated.next_attempt_ms;
                    items[pos] = updated;
                    if retry {
                        // The endpoint is down or busy: the rest would fail the same
                        // way. Wait for this item's backoff before trying again.
                        wake_at = Some(next);
                        break;
                    }
                }
                None => {
                    items.remove(pos);
                }
            }
        }
        lease::release(&owner);
        self.publish(&items);
        wake_at.or_else(|| queue::next_wake_ms(&items, browser::now_ms()))
    }

    /// Sends one item and stores what follows. `None` when it was delivered.
    async fn attempt(
        &self,
        db: &IdbDatabase,
        endpoint: &Endpoint,
        owner: &str,
        item: &OutboxItem,
    ) -> Option<OutboxItem> {
        let now = browser::now_ms();
        let req = match queue::request_body(item, endpoint.format) {
            Ok(req) => req,
            Err(reason) => {
                let rejected = queue::reject_locally(item, &reason, now);
                let _ = store::put(db, &item.id, &queue::encode_item(&rejected)).await;
                return Some(rejected);
            }
        };
        let sending = queue::begin_attempt(item, owner, now);
        if store::put(db, &item.id, &queue::encode_item(&sending))
            .await
            .is_err()
        {
            return Some(item.clone());
        }
        let outcome = crate::send::post(&endpoint.url, &req, queue::TIMEOUT_MS).await;
        let random = js_sys::Math::random();
        match queue::after_attempt(&sending, &outcome, browser::now_ms(), random) {
            Next::Remove => {
                let _ = store::delete(db, &item.id).await;
                with_runner(|r| r.mine.remove(&item.id));
                let mut meta = read_meta();
                meta.note_success(browser::now_ms());
                write_meta(&meta);
                self.status
                    .try_update(|s| s.last_success_ms = meta.last_success_ms);
                None
            }
            Next::Update(updated) => {
                let _ = store::put(db, &updated.id, &queue::encode_item(&updated)).await;
                if let Some(e) = &updated.last_error {
                    let mut meta = read_meta();
                    meta.note_error(e);
                    write_meta(&meta);
                }
                with_runner(|r| {
                    if r.mine.contains_key(&updated.id) {
                        r.mine.insert(updated.id.clone(), updated.clone());
                    }
                });
                Some(updated)
            }
        }
    }

    /// Items this tab stored that vanished from storage without being delivered: the
    /// browser cleared site data. Store them again and say so.
    async fn recover_lost(&self, db: &IdbDatabase, items: &mut Vec<OutboxItem>) {
        let lost: Vec<OutboxItem> = with_runner(|r| {
            r.mine
                .values()
                .filter(|m| !items.iter().any(|i| i.id == m.id))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
        if lost.is_empty() {
            return;
        }
        for item in lost {
            if store::put(db, &item.id, &queue::encode_item(&item))
                .await
                .is_ok()
            {
                items.push(item);
            }
        }
        self.status.try_update(|s| s.storage_lost = true);
    }

    fn publish(&self, items: &[OutboxItem]) {
        let summary = queue::summarise(items);
        let meta = read_meta();
        self.status.try_update(|s| {
            s.pending = summary.pending + summary.sending;
            s.rejected = summary.rejected;
            s.last_error = summary.last_error.or(meta.last_error).map(|e| e.message);
            s.last_success_ms = meta.last_success_ms;
        });
    }

    fn note_error(&self, message: String) {
        self.status.try_update(|s| s.last_error = Some(message));
    }
}

/// A `Sending` marker found while holding the lease: its sender is gone.
fn stale_sending(item: &OutboxItem, _now: f64) -> Option<OutboxItem> {
    matches!(item.state, ItemState::Sending { .. })
        .then(|| queue::reclaim_abandoned(item))
        .flatten()
}

/// The open database, opened on first use and again after the browser closed it.
async fn database() -> Result<IdbDatabase, StoreError> {
    if let Some(db) = with_runner(|r| r.db.clone()).flatten() {
        return Ok(db);
    }
    let db = store::open().await?;
    // The browser closes the connection when site data is cleared: reopen next time.
    let on_close = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(forget_database);
    db.set_onclose(Some(wasm_bindgen::JsCast::unchecked_ref(on_close.as_ref())));
    on_close.forget();
    with_runner(|r| r.db = Some(db.clone()));
    Ok(db)
}

fn forget_database() {
    with_runner(|r| r.db = None);
}

/// Every readable item; unreadable ones stay stored untouched (never deleted).
/// Decoded a batch at a time with a pause between, so thousands never freeze the page.
async fn load(db: &IdbDatabase) -> Result<Vec<OutboxItem>, StoreError> {
    let stored = store::get_all(db).await?;
    let mut items = Vec::with_capacity(stored.len());
    for batch in stored.chunks(250) {
        items.extend(
            batch
                .iter()
                .filter_map(|(_, json)| queue::decode_item(json).ok()),
        );
        if stored.len() > 250 {
            sleep(0).await;
        }
    }
    Ok(items)
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read_meta() -> OutboxMeta {
    local_storage()
        .and_then(|s| s.get_item(META_KEY).ok().flatten())
        .map(|json| OutboxMeta::decode(&json))
        .unwrap_or_default()
}

fn write_meta(meta: &OutboxMeta) {
    if let (Some(s), Ok(json)) = (local_storage(), serde_json::to_string(meta)) {
        let _ = s.set_item(META_KEY, &json);
    }
}

/// Waits `ms` without blocking the page.
pub(crate) async fn sleep(ms: u32) {
    gloo_timers::future::sleep(Duration::from_millis(u64::from(ms))).await;
}
