//! The outbox's cross-tab lock in a real browser: the Web Locks path where the browser
//! has it (Chromium does), and the localStorage lease where it does not.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use evenhand::outbox::{lease, lock};
use evenhand_core::queue::{Lock, LEASE_MS};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

fn navigator() -> JsValue {
    web_sys::window().unwrap().navigator().into()
}

/// Names of the Web Locks held now, from `navigator.locks.query()`.
async fn held_locks() -> Vec<String> {
    let locks = Reflect::get(&navigator(), &"locks".into()).unwrap();
    let query: js_sys::Function = Reflect::get(&locks, &"query".into()).unwrap().into();
    let snapshot = JsFuture::from(js_sys::Promise::from(query.call0(&locks).unwrap()))
        .await
        .unwrap();
    js_sys::Array::from(&Reflect::get(&snapshot, &"held".into()).unwrap())
        .iter()
        .filter_map(|l| Reflect::get(&l, &"name".into()).ok()?.as_string())
        .collect()
}

fn acquired(a: lock::Acquired) -> lock::Guard {
    match a {
        lock::Acquired::Held(guard) => guard,
        lock::Acquired::Busy => panic!("busy"),
        lock::Acquired::Failed(e) => panic!("{e}"),
    }
}

#[wasm_bindgen_test]
async fn chromium_sends_under_a_web_lock_and_a_second_sender_waits_for_it() {
    assert!(lock::has_web_locks());
    let first = acquired(lock::acquire("page-a").await);
    assert_eq!(first.kind(), Lock::WebLock);
    assert_eq!(held_locks().await, ["evenhand-outbox"]);
    assert_eq!(first.keep(), Ok(true));
    // No lease is written on this path.
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(storage.get_item("evenhand.outbox.lease").unwrap(), None);

    let second_got_it = Rc::new(Cell::new(false));
    let flag = second_got_it.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let second = acquired(lock::acquire("page-b").await);
        flag.set(true);
        second.release().unwrap();
    });
    sleep(300).await;
    assert!(
        !second_got_it.get(),
        "the second sender waits while the first holds it"
    );
    first.release().unwrap();
    sleep(100).await;
    assert!(second_got_it.get(), "and gets it once released");
    sleep(50).await;
    assert!(held_locks().await.is_empty());
}

#[wasm_bindgen_test]
async fn where_web_locks_are_missing_the_lease_takes_over() {
    // Hide navigator.locks on this navigator object, as on plain http or older browsers.
    let nav = navigator();
    let hidden = Object::new();
    Reflect::set(&hidden, &"value".into(), &JsValue::UNDEFINED).unwrap();
    Reflect::set(&hidden, &"configurable".into(), &JsValue::TRUE).unwrap();
    Object::define_property(nav.unchecked_ref::<Object>(), &"locks".into(), &hidden);
    assert!(!lock::has_web_locks());

    let a = acquired(lock::acquire("page-a").await);
    assert_eq!(a.kind(), Lock::Lease);
    assert!(matches!(
        lock::acquire("page-b").await,
        lock::Acquired::Busy
    ));
    assert_eq!(a.keep(), Ok(true));
    a.release().unwrap();
    let b = acquired(lock::acquire("page-b").await);
    assert_eq!(b.kind(), Lock::Lease);
    // A lease that was not released runs out: another page may take it after LEASE_MS,
    // not before.
    assert_eq!(lease::acquire("page-c").await, Ok(false));
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let stale = format!(
        r#"{{"owner":"page-b","until_ms":{}}}"#,
        js_sys::Date::now() - f64::from(LEASE_MS)
    );
    storage.set_item("evenhand.outbox.lease", &stale).unwrap();
    assert_eq!(lease::acquire("page-c").await, Ok(true));
    lease::release("page-c").unwrap();
    assert_eq!(storage.get_item("evenhand.outbox.lease").unwrap(), None);

    Reflect::delete_property(nav.unchecked_ref::<Object>(), &"locks".into()).unwrap();
    assert!(
        lock::has_web_locks(),
        "the prototype's navigator.locks is back"
    );
}
