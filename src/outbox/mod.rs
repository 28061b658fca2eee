//! The outbox (SPEC §5): a submission is stored durably before the thank-you screen
//! shows and removed only after a 2xx. Every decision — what is due, what an answer
//! means, when to retry, who may reclaim what — is `evenhand_core::queue`'s; this shell
//! stores (`store.rs`), holds the cross-tab lock (`lock.rs`, `lease.rs`), sends
//! (`crate::send`) and runs the one task that drives each pass (`driver.rs`).
//!
//! The task sleeps until kicked — app start, the `online` event, a new submission, staff
//! "Retry now" — or until its timer (the next item's retry time, at least every minute).
//! Items this page stored are also kept in memory until delivered: if the browser clears
//! site storage underneath the page, the next pass stores them again and tells staff.

mod driver;
pub mod lease;
pub mod lock;
pub mod store;

use std::rc::Rc;

use evenhand_core::config::Endpoint;
use evenhand_core::queue::{self, Held, Kick, StorageFault};
use evenhand_core::submission::Payload;
use leptos::prelude::*;

pub use store::StoreError;

use crate::browser;
use driver::Shared;

/// What the staff view and the thank-you screen show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutboxStatus {
    pub pending: usize,
    pub rejected: usize,
    pub last_error: Option<String>,
    pub last_success_ms: Option<f64>,
    /// Site storage was cleared while submissions were waiting (they were re-saved).
    pub storage_lost: bool,
    /// The latest failure of the browser's storage: what failed, in the browser's words.
    pub storage_fault: Option<(StorageFault, String)>,
    /// The stored items have been counted at least once.
    pub counted: bool,
}

/// A handle on the page's one outbox.
#[derive(Debug, Clone, Copy)]
pub struct Outbox {
    status: RwSignal<OutboxStatus>,
    shared: StoredValue<Rc<Shared>, LocalStorage>,
}

impl Outbox {
    /// Starts the page's outbox and its task, which runs a first pass at once. Call
    /// once, inside the app's owner.
    pub fn start(endpoint: Endpoint) -> Outbox {
        // What an earlier page noted beside the outbox (the staff page reads the kiosk's).
        let meta = driver::read_meta();
        let status = RwSignal::new(OutboxStatus {
            last_success_ms: meta.last_success_ms,
            storage_lost: meta.storage_lost,
            storage_fault: meta.storage_fault,
            ..OutboxStatus::default()
        });
        let shared = Rc::new(Shared::new(endpoint, browser::new_id(), status));
        shared.kick(Kick::Wake);
        leptos::task::spawn_local(driver::run(shared.clone()));
        let outbox = Outbox {
            status,
            shared: StoredValue::new_local(shared.clone()),
        };
        // One listener for the page's lifetime: back online → try everything at once.
        let online = window_event_listener(leptos::ev::online, move |_| {
            outbox.kick(Kick::Wake);
        });
        // A page going away (reload, navigation) hands the lease on at once rather than
        // leaving the next page to wait for it to run out. A Web Lock needs nothing: the
        // browser frees it with the page.
        let gone = window_event_listener(leptos::ev::pagehide, move |_| {
            if let Ok(shared) = outbox.shared() {
                if let Err(e) = lease::release(&shared.owner) {
                    // Seen if the page comes back; otherwise the lease runs out by itself.
                    shared.fault(StorageFault::Write, e);
                }
            }
        });
        on_cleanup(move || {
            online.remove();
            gone.remove();
        });
        outbox
    }

    pub fn status(&self) -> Signal<OutboxStatus> {
        self.status.into()
    }

    /// Stores a submission durably; resolves only once it is on disk, then kicks the
    /// task to send it.
    pub async fn put(&self, payload: &Payload) -> Result<(), StoreError> {
        let shared = self.shared()?;
        let value = serde_json::to_value(payload).map_err(|e| StoreError::Other(e.to_string()))?;
        let item = queue::new_item(value, &payload.id, browser::now_ms());
        let json = queue::encode_item(&item);
        let db = shared.database().await?;
        if let Err(first) = store::put(&db, &item.id, &json).await {
            // The browser may have closed the connection under us (site data cleared):
            // open again and try once more.
            shared.forget_database();
            let db = shared.database().await.map_err(|_| first.clone())?;
            store::put(&db, &item.id, &json).await?;
        }
        let generation = shared.generation();
        shared.held.borrow_mut().push(Held { item, generation });
        self.status.try_update(|s| s.pending += 1);
        shared.kick(Kick::Due);
        Ok(())
    }

    /// Staff "Retry now": every held item, refused ones included, is due at once. The
    /// task does it under the lock, and any storage failure reaches the staff view.
    pub fn retry_now(&self) {
        self.kick(Kick::RetryAll);
    }

    /// Counts what is stored now without waiting for the lock, so the staff page shows
    /// its figures at once even while another tab sends.
    pub async fn count(&self) {
        let Ok(shared) = self.shared() else { return };
        let loaded = match shared.database().await {
            Ok(db) => driver::load(&db).await,
            Err(e) => Err(e),
        };
        match loaded {
            Ok((items, _)) => shared.publish(&items, &driver::read_meta()),
            Err(e) => shared.fault(StorageFault::Read, e.detail()),
        }
    }

    /// Every item still held, with the meta, as JSON for staff.
    pub async fn export_json(&self) -> Result<String, StoreError> {
        let shared = self.shared()?;
        let db = shared.database().await?;
        let (items, _) = driver::load(&db).await?;
        Ok(queue::export_json(
            &items,
            &driver::read_meta(),
            browser::now_ms(),
        ))
    }

    fn kick(&self, kick: Kick) {
        if let Ok(shared) = self.shared() {
            shared.kick(kick);
        }
    }

    fn shared(&self) -> Result<Rc<Shared>, StoreError> {
        self.shared
            .try_get_value()
            .ok_or_else(|| StoreError::Other("the outbox has stopped".into()))
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Waits `ms` without blocking the page.
pub(crate) async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}
