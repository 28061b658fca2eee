//! Durable storage of outbox items in IndexedDB (database `evenhand`, store `outbox`,
//! key = submission id, value = the item as JSON text from `queue::encode_item`; plus
//! the store's generation under `queue::GENERATION_KEY`, written when it is created).
//!
//! Why IndexedDB: a write is acknowledged only when its transaction completes, and we
//! ask for `durability: "strict"` (flushed to disk before completion) where the browser
//! supports it; its quota is far larger than localStorage's ~5 MB, so thousands of
//! pending submissions fit; and it is read in batches, so a large outbox never blocks
//! the page. localStorage only holds small metadata (the last delivery and error, and the
//! lease where Web Locks are missing).

use std::cell::Cell;
use std::rc::Rc;

use evenhand_core::queue::GENERATION_KEY;
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbKeyRange, IdbObjectStore, IdbRequest, IdbTransaction};

const DB_NAME: &str = "evenhand";
const STORE: &str = "outbox";
/// Items read per batch: small enough that no read blocks the page for long.
const BATCH: u32 = 250;

/// Why storage failed, in words a guest or staff member can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// IndexedDB is missing or refused to open (private mode, blocked by policy).
    Unavailable(String),
    /// The device is out of space for this site.
    QuotaExceeded,
    Other(String),
}

impl StoreError {
    pub fn detail(&self) -> String {
        match self {
            StoreError::Unavailable(d) => format!("storage unavailable: {d}"),
            StoreError::QuotaExceeded => "storage full".to_string(),
            StoreError::Other(d) => d.clone(),
        }
    }

    fn from_js(e: JsValue) -> StoreError {
        let name = Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name == "QuotaExceededError" {
            return StoreError::QuotaExceeded;
        }
        let message = Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| e.as_string())
            .unwrap_or(name);
        StoreError::Other(message)
    }
}

/// Resolves with the request's result once it succeeds.
async fn request(req: IdbRequest) -> Result<JsValue, StoreError> {
    let done = Promise::new(&mut |resolve: Function, reject: Function| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    JsFuture::from(done).await.map_err(|e| {
        // The error event's target carries the DOMException.
        let err = Reflect::get(&e, &"target".into())
            .and_then(|t| Reflect::get(&t, &"error".into()))
            .unwrap_or(e);
        StoreError::from_js(err)
    })?;
    req.result().map_err(StoreError::from_js)
}

/// Resolves once the transaction has committed (durably, with strict durability).
async fn committed(tx: &IdbTransaction) -> Result<(), StoreError> {
    let done = Promise::new(&mut |resolve: Function, reject: Function| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    JsFuture::from(done).await.map(|_| ()).map_err(|_| {
        tx.error()
            .map(|e| StoreError::from_js(e.into()))
            .unwrap_or_else(|| StoreError::Other("the write was aborted".into()))
    })
}

/// Opens the database, creating it (with `generation`) when it does not exist: on first
/// use, or after the browser cleared site data. `true` when it was created.
pub async fn open(generation: &str) -> Result<(IdbDatabase, bool), StoreError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| StoreError::Unavailable("no IndexedDB".into()))?;
    let req = factory
        .open_with_u32(DB_NAME, 1)
        .map_err(|e| StoreError::Unavailable(StoreError::from_js(e).detail()))?;
    let generation = JsValue::from_str(generation);
    let created = Rc::new(Cell::new(false));
    let mark = created.clone();
    // An error here is thrown from the handler, which aborts the upgrade: `open` fails.
    let upgrade = Closure::once_into_js(move |event: web_sys::Event| -> Result<(), JsValue> {
        let db = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                let store = db.create_object_store(STORE)?;
                store.put_with_key(&generation, &GENERATION_KEY.into())?;
                mark.set(true);
            }
        }
        Ok(())
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = request(req.into())
        .await
        .map_err(|e| StoreError::Unavailable(e.detail()))?
        .dyn_into::<IdbDatabase>()
        .map_err(|_| StoreError::Unavailable("not a database".into()))?;
    Ok((db, created.get()))
}

/// A read-write transaction with strict durability where the browser has it.
fn write_tx(db: &IdbDatabase) -> Result<(IdbTransaction, IdbObjectStore), StoreError> {
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"durability".into(), &"strict".into());
    let tx: IdbTransaction = Reflect::get(db, &"transaction".into())
        .and_then(|f| f.dyn_into::<Function>())
        .and_then(|f| f.call3(db, &STORE.into(), &"readwrite".into(), &options))
        .map_err(StoreError::from_js)?
        .unchecked_into();
    let store = tx.object_store(STORE).map_err(StoreError::from_js)?;
    Ok((tx, store))
}

/// Stores (or replaces) one item; resolves once it is on disk.
pub async fn put(db: &IdbDatabase, id: &str, json: &str) -> Result<(), StoreError> {
    let (tx, store) = write_tx(db)?;
    store
        .put_with_key(&JsValue::from_str(json), &JsValue::from_str(id))
        .map_err(StoreError::from_js)?;
    committed(&tx).await
}

pub async fn delete(db: &IdbDatabase, id: &str) -> Result<(), StoreError> {
    let (tx, store) = write_tx(db)?;
    store
        .delete(&JsValue::from_str(id))
        .map_err(StoreError::from_js)?;
    committed(&tx).await
}

/// Every stored `(key, value)`, the generation record included, read in batches with a
/// pause between them, so even thousands of items never block the page for long.
pub async fn get_all(db: &IdbDatabase) -> Result<Vec<(String, String)>, StoreError> {
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let tx = db
            .transaction_with_str(STORE)
            .map_err(StoreError::from_js)?;
        let store = tx.object_store(STORE).map_err(StoreError::from_js)?;
        let range = match &after {
            Some(key) => Some(
                IdbKeyRange::lower_bound_with_open(&JsValue::from_str(key), true)
                    .map_err(StoreError::from_js)?,
            ),
            None => None,
        };
        let range_value = range.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
        let keys_req = store
            .get_all_keys_with_key_and_limit(&range_value, BATCH)
            .map_err(StoreError::from_js)?;
        let values_req = store
            .get_all_with_key_and_limit(&range_value, BATCH)
            .map_err(StoreError::from_js)?;
        let keys: Array = request(keys_req).await?.unchecked_into();
        let values: Array = request(values_req).await?.unchecked_into();
        let n = keys.length().min(values.length());
        for i in 0..n {
            if let (Some(k), Some(v)) = (keys.get(i).as_string(), values.get(i).as_string()) {
                out.push((k, v));
            }
        }
        if n < BATCH {
            return Ok(out);
        }
        after = keys.get(n - 1).as_string();
        // Let the page breathe between batches.
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
}
