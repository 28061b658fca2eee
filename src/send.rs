//! One HTTP attempt at delivering a submission, with a timeout. The body is built and
//! the answer judged by `evenhand_core::queue`, not here.
//!
//! Plain `fetch` through web-sys: gloo-net's streaming support alone cost more than
//! 10 KB of gzipped wasm, and we need one POST with two headers and an abort signal.

use std::cell::Cell;
use std::rc::Rc;

use evenhand_core::queue::{Outcome, RequestBody};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCache, RequestInit, Response};

/// Posts one request body with its `Idempotency-Key`, aborting after `timeout_ms`.
/// For a non-2xx answer, a short excerpt of the body is kept for staff.
pub async fn post(url: &str, req: &RequestBody, timeout_ms: u32) -> Outcome {
    let headers = [
        ("Content-Type", req.content_type),
        ("Idempotency-Key", req.idempotency_key.as_str()),
    ];
    let controller = AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let _timer = controller.clone().map(|c| {
        let timed_out = timed_out.clone();
        gloo_timers::callback::Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            c.abort();
        })
    });
    let signal = controller.as_ref().map(|c| c.signal());
    match fetch("POST", url, &headers, Some(&req.body), signal.as_ref()).await {
        Ok(response) => {
            let code = response.status();
            let retry_after = response.headers().get("retry-after").ok().flatten();
            let detail = if response.ok() {
                None
            } else {
                match response.text() {
                    Ok(p) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()),
                    Err(_) => None,
                }
            };
            Outcome::Status {
                code,
                retry_after,
                detail,
            }
        }
        Err(_) if timed_out.get() => Outcome::Timeout,
        Err(e) => Outcome::NetworkError(e),
    }
}

/// GETs a same-origin file, bypassing the HTTP cache, and returns its text.
pub async fn get_text(url: &str) -> Result<String, String> {
    let response = fetch("GET", url, &[], None, None).await?;
    if !response.ok() {
        return Err(format!(
            "HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    promised_text(response.text().map_err(describe)?).await
}

/// Awaits a promise of a string; a rejection becomes its message in plain words.
pub async fn promised_text(promise: js_sys::Promise) -> Result<String, String> {
    JsFuture::from(promise)
        .await
        .map_err(describe)?
        .as_string()
        .ok_or_else(|| "not text".to_string())
}

pub async fn fetch(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<Response, String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_cache(RequestCache::NoStore);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    if let Some(signal) = signal {
        init.set_signal(Some(signal));
    }
    let h = Headers::new().map_err(describe)?;
    for (name, value) in headers {
        h.set(name, value).map_err(describe)?;
    }
    init.set_headers(&h);
    let answer = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(describe)?;
    answer.dyn_into::<Response>().map_err(describe)
}

/// A JS error as plain words.
pub fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}
