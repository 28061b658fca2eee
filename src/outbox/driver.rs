//! The outbox's one task: it sleeps until kicked or until its timer, takes the lock, and
//! drives one `queue::Pass` — storing, sending and deleting what the pass says, telling
//! it each answer and each storage failure — then sleeps as long as the pass says.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Poll, Waker};

use evenhand_core::config::Endpoint;
use evenhand_core::queue::{
    self, Held, Kick, OutboxItem, OutboxMeta, Pass, Step, StorageFault, GENERATION_KEY,
    LEASE_BUSY_MS, STORAGE_RETRY_MS,
};
use leptos::prelude::*;
use web_sys::IdbDatabase;

use super::lock::{self, Acquired, Guard};
use super::{local_storage, sleep, store, OutboxStatus, StoreError};
use crate::browser;

const META_KEY: &str = "evenhand.outbox.meta";
/// Items decoded between two pauses, so thousands never make a long task.
const DECODE_BATCH: usize = 250;

/// What the task and the page's `Outbox` handle share.
pub struct Shared {
    endpoint: Endpoint,
    /// This page's id: the owner of its `Sending` markers and of its lease.
    pub owner: String,
    status: RwSignal<OutboxStatus>,
    /// The open connection, and whether the browser has closed it since.
    db: RefCell<Option<(IdbDatabase, Rc<Cell<bool>>)>>,
    /// The store's generation as this page last saw it (see `queue::Held`).
    generation: RefCell<Option<String>>,
    /// Items this page stored and has not seen delivered.
    pub held: RefCell<Vec<Held>>,
    kick: Cell<Option<Kick>>,
    waker: Cell<Option<Waker>>,
}

impl Shared {
    pub fn new(endpoint: Endpoint, owner: String, status: RwSignal<OutboxStatus>) -> Shared {
        Shared {
            endpoint,
            owner,
            status,
            db: RefCell::new(None),
            generation: RefCell::new(None),
            held: RefCell::new(Vec::new()),
            kick: Cell::new(None),
            waker: Cell::new(None),
        }
    }

    /// Wakes the task (kicks that arrive together merge into the strongest).
    pub fn kick(&self, kick: Kick) {
        self.kick
            .set(Some(self.kick.get().map_or(kick, |k| k.max(kick))));
        if let Some(waker) = self.waker.take() {
            waker.wake();
        }
    }

    /// Sleeps `ms`, or less if kicked; returns the kick (a timer is [`Kick::Due`]).
    async fn wait(&self, ms: u32) -> Kick {
        let mut timer = gloo_timers::future::TimeoutFuture::new(ms);
        std::future::poll_fn(|cx| {
            if let Some(kick) = self.kick.take() {
                return Poll::Ready(kick);
            }
            if Pin::new(&mut timer).poll(cx).is_ready() {
                return Poll::Ready(Kick::Due);
            }
            self.waker.set(Some(cx.waker().clone()));
            Poll::Pending
        })
        .await
    }

    /// The open database, opened on first use and again after the browser closed it.
    pub async fn database(&self) -> Result<IdbDatabase, StoreError> {
        let open = self.db.borrow().clone();
        match open {
            Some((db, closed)) if !closed.get() => return Ok(db),
            Some(_) => self.forget_database(),
            None => {}
        }
        let fresh = browser::new_id();
        let (db, created) = store::open(&fresh).await?;
        if created {
            *self.generation.borrow_mut() = Some(fresh);
        }
        // The browser closes the connection when site data is cleared: reopen next time.
        let closed = Rc::new(Cell::new(false));
        let flag = closed.clone();
        let on_close = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || flag.set(true));
        db.set_onclose(Some(wasm_bindgen::JsCast::unchecked_ref(on_close.as_ref())));
        on_close.forget();
        *self.db.borrow_mut() = Some((db.clone(), closed));
        Ok(db)
    }

    pub fn forget_database(&self) {
        *self.db.borrow_mut() = None;
        // A new connection may be to a new store: its generation is learnt anew.
        *self.generation.borrow_mut() = None;
    }

    pub fn generation(&self) -> Option<String> {
        self.generation.borrow().clone()
    }

    /// Shows a storage failure in the staff view, and notes it beside the outbox for the
    /// staff page (another page). If localStorage refuses that note too, this page's
    /// status still shows the failure.
    pub fn fault(&self, fault: StorageFault, detail: String) {
        let mut meta = read_meta();
        meta.note_fault(fault, &detail);
        let _ = write_meta(&meta);
        self.status
            .try_update(|s| s.storage_fault = Some((fault, detail)));
    }

    /// One pass if the lock can be had. Returns whether it ran, and how long to sleep.
    async fn pass(&self, kick: Kick) -> (bool, u32) {
        let db = match self.database().await {
            Ok(db) => db,
            Err(e) => {
                self.fault(StorageFault::Open, e.detail());
                return (false, STORAGE_RETRY_MS);
            }
        };
        let guard = match lock::acquire(&self.owner).await {
            Acquired::Held(guard) => guard,
            Acquired::Busy => return (false, LEASE_BUSY_MS),
            Acquired::Failed(e) => {
                self.fault(StorageFault::Write, e);
                return (false, STORAGE_RETRY_MS);
            }
        };
        let done = self.pass_locked(&db, &guard, kick).await;
        if let Err(e) = guard.release() {
            self.fault(StorageFault::Write, e);
        }
        done
    }

    async fn pass_locked(&self, db: &IdbDatabase, guard: &Guard, kick: Kick) -> (bool, u32) {
        // Counted before reading: an item stored meanwhile (`put` appends) is then left
        // out of this pass rather than seemingly gone from storage.
        let known = self.held.borrow().len();
        let (items, generation) = match load(db).await {
            Ok(loaded) => loaded,
            Err(e) => {
                self.forget_database();
                self.fault(StorageFault::Read, e.detail());
                return (false, STORAGE_RETRY_MS);
            }
        };
        let generation = match generation {
            Some(g) => g,
            None => {
                // A store made by an earlier build: give it a generation now.
                let g = browser::new_id();
                if let Err(e) = store::put(db, GENERATION_KEY, &g).await {
                    self.fault(StorageFault::Write, e.detail());
                    return (false, STORAGE_RETRY_MS);
                }
                g
            }
        };
        *self.generation.borrow_mut() = Some(generation.clone());
        let mut pass = {
            let held = self.held.borrow();
            let held = &held[..known.min(held.len())];
            Pass::start(
                items,
                &generation,
                held,
                guard.kind(),
                kick,
                browser::now_ms(),
            )
        };
        // Staff see the counts at once, before any request.
        self.publish(pass.items(), &read_meta());
        let format = self.endpoint.format;
        while let Some(step) = pass.next(&self.owner, format, browser::now_ms()) {
            let done = match step {
                Step::Store(item) => put_item(db, &item).await,
                Step::Delete(id) => store::delete(db, &id)
                    .await
                    .map_err(|e| (StorageFault::Delete, e.detail())),
                Step::Send { sending, request } => match guard.keep() {
                    Ok(false) => {
                        pass.lock_lost(browser::now_ms());
                        continue;
                    }
                    Err(e) => Err((StorageFault::Write, e)),
                    Ok(true) => match put_item(db, &sending).await {
                        Err(e) => Err(e),
                        Ok(()) => {
                            let url = &self.endpoint.url;
                            let outcome = crate::send::post(url, &request, queue::TIMEOUT_MS).await;
                            pass.answered(&outcome, browser::now_ms(), js_sys::Math::random());
                            Ok(())
                        }
                    },
                },
            };
            if let Err((fault, detail)) = done {
                self.fault(fault, detail);
                pass.storage_failed(browser::now_ms());
            }
        }
        pass.update_held(&mut self.held.borrow_mut());
        let mut meta = read_meta();
        let restored = pass.restored_any();
        if restored {
            self.status.try_update(|s| s.storage_lost = true);
            meta.note_storage_lost();
        }
        if pass.update_meta(&mut meta) || restored {
            if let Err(e) = write_meta(&meta) {
                self.fault(StorageFault::Meta, e);
            }
        }
        self.publish(pass.items(), &meta);
        (true, pass.sleep_ms(browser::now_ms()))
    }

    pub fn publish<'a>(&self, items: impl IntoIterator<Item = &'a OutboxItem>, meta: &OutboxMeta) {
        let summary = queue::summarise(items);
        self.status.try_update(|s| {
            s.counted = true;
            s.pending = summary.pending + summary.sending;
            s.rejected = summary.rejected;
            s.last_error = summary
                .last_error
                .or_else(|| meta.last_error.clone())
                .map(|e| e.message);
            s.last_success_ms = meta.last_success_ms;
        });
    }
}

/// The task: a first pass at once (the app-start kick), then one after each kick or
/// timer. A kick that could not be served (another tab has the lease, storage failed)
/// is kept for the next pass.
pub async fn run(shared: Rc<Shared>) {
    let mut kick = Kick::Due;
    let mut sleep_ms = 0;
    loop {
        kick = kick.max(shared.wait(sleep_ms).await);
        let (ran, next) = shared.pass(kick).await;
        if ran {
            kick = Kick::Due;
        }
        sleep_ms = next;
    }
}

async fn put_item(db: &IdbDatabase, item: &OutboxItem) -> Result<(), (StorageFault, String)> {
    store::put(db, &item.id, &queue::encode_item(item))
        .await
        .map_err(|e| (StorageFault::Write, e.detail()))
}

/// Every readable item, and the store's generation. Unreadable items stay stored,
/// untouched (never deleted); decoding pauses between batches.
pub async fn load(db: &IdbDatabase) -> Result<(Vec<OutboxItem>, Option<String>), StoreError> {
    let stored = store::get_all(db).await?;
    let mut generation = None;
    let mut items = Vec::with_capacity(stored.len());
    for batch in stored.chunks(DECODE_BATCH) {
        for (key, value) in batch {
            if key == GENERATION_KEY {
                generation = Some(value.clone());
            } else if let Ok(item) = queue::decode_item(value) {
                items.push(item);
            }
        }
        if stored.len() > DECODE_BATCH {
            sleep(0).await;
        }
    }
    Ok((items, generation))
}

pub fn read_meta() -> OutboxMeta {
    local_storage()
        .and_then(|s| s.get_item(META_KEY).ok().flatten())
        .map(|json| OutboxMeta::decode(&json))
        .unwrap_or_default()
}

fn write_meta(meta: &OutboxMeta) -> Result<(), String> {
    let storage = local_storage().ok_or("no localStorage")?;
    let json = serde_json::to_string(meta).map_err(|e| e.to_string())?;
    storage
        .set_item(META_KEY, &json)
        .map_err(crate::send::describe)
}
