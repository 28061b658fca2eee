//! One sender at a time across tabs (SPEC §5): the Web Locks API
//! (`navigator.locks.request("evenhand-outbox", …)`), held until the pass — and so every
//! request started under it — has settled, and freed by the browser if the page dies.
//! Where `navigator.locks` is missing (older browsers; plain http on a LAN, where it is
//! not exposed) or refuses, the localStorage lease of `lease.rs`.
//!
//! Called through `js_sys` rather than web-sys's `LockManager`, which needs the
//! unstable-API cfg.

use evenhand_core::queue::Lock;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::lease;
use crate::send::describe;

const NAME: &str = "evenhand-outbox";

/// The right to send, until [`Guard::release`].
pub enum Guard {
    /// A granted Web Lock; calling the function frees it.
    Web(Function),
    /// The lease, held under this page's id.
    Lease(String),
}

/// What asking for the right to send gave.
pub enum Acquired {
    Held(Guard),
    /// Another tab holds the lease.
    Busy,
    /// localStorage refused the lease.
    Failed(String),
}

/// Waits for the Web Lock (tabs queue for it), or tries the lease where there is none.
pub async fn acquire(owner: &str) -> Acquired {
    if let Some(locks) = web_locks() {
        if let Ok(release) = web_lock(&locks).await {
            return Acquired::Held(Guard::Web(release));
        }
    }
    match lease::acquire(owner).await {
        Ok(true) => Acquired::Held(Guard::Lease(owner.to_string())),
        Ok(false) => Acquired::Busy,
        Err(e) => Acquired::Failed(e),
    }
}

/// Whether this browser offers Web Locks here (it does not on plain http).
pub fn has_web_locks() -> bool {
    web_locks().is_some()
}

fn web_locks() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}

/// Resolves once the lock is granted, with the function that frees it: the lock is held
/// for as long as the promise returned to `request` is pending.
async fn web_lock(locks: &JsValue) -> Result<Function, String> {
    let request: Function = Reflect::get(locks, &"request".into())
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "navigator.locks.request is not a function")?;
    let mut refused = None;
    let granted = Promise::new(&mut |grant: Function, _| {
        let hold = Closure::once_into_js(move |_lock: JsValue| {
            Promise::new(&mut |release: Function, _| {
                // Resolving a promise does not fail.
                let _ = grant.call1(&JsValue::UNDEFINED, &release);
            })
        });
        if let Err(e) = request.call2(locks, &NAME.into(), &hold) {
            refused = Some(describe(e));
        }
    });
    if let Some(e) = refused {
        return Err(e);
    }
    JsFuture::from(granted)
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "the lock was granted without a way to free it".into())
}

impl Guard {
    pub fn kind(&self) -> Lock {
        match self {
            Guard::Web(_) => Lock::WebLock,
            Guard::Lease(_) => Lock::Lease,
        }
    }

    /// Before each request: a Web Lock is held until released; the lease must be renewed
    /// so it outlives the request. `Ok(false)`: another tab has it now.
    pub fn keep(&self) -> Result<bool, String> {
        match self {
            Guard::Web(_) => Ok(true),
            Guard::Lease(owner) => lease::renew(owner),
        }
    }

    pub fn release(self) -> Result<(), String> {
        match self {
            Guard::Web(release) => release
                .call0(&JsValue::UNDEFINED)
                .map(|_| ())
                .map_err(describe),
            Guard::Lease(owner) => lease::release(&owner),
        }
    }
}
