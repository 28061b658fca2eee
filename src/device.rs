//! Shop-floor niceties: keep a kiosk's screen awake and ask for storage that the
//! browser will not evict. Both are best effort, reached through `Reflect` because
//! web-sys keeps these APIs behind unstable flags, and silently absent where the
//! browser lacks them (the README explains pinning the browser to the page).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Calls `navigator.<object>.<method>(arg)` and awaits the promise, ignoring failures.
fn call_navigator(object: &str, method: &str, arg: Option<&str>) {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return;
    };
    let target = match js_sys::Reflect::get(&nav, &JsValue::from_str(object)) {
        Ok(t) if !t.is_undefined() && !t.is_null() => t,
        _ => return,
    };
    let Some(f) = js_sys::Reflect::get(&target, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let result = match arg {
        Some(a) => f.call1(&target, &JsValue::from_str(a)),
        None => f.call0(&target),
    };
    if let Ok(promise) = result.and_then(|p| p.dyn_into::<js_sys::Promise>()) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Asks the browser not to evict this origin's storage (the outbox lives there).
pub fn request_persistent_storage() {
    call_navigator("storage", "persist", None);
}

/// Keeps the screen on while the page is visible; the lock is re-taken each time the
/// page becomes visible again, as browsers release it when hidden.
pub fn keep_screen_awake() {
    call_navigator("wakeLock", "request", Some("screen"));
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let on_visible = Closure::<dyn FnMut()>::new(move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
            .unwrap_or(false);
        if visible {
            call_navigator("wakeLock", "request", Some("screen"));
        }
    });
    let _ = doc
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    // One listener for the page's lifetime.
    on_visible.forget();
}
