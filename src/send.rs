//! One HTTP attempt at delivering a payload, in the endpoint's format, with a timeout.
//! Deciding what an answer means is `evenhand_core::queue`'s job, not this module's.
//!
//! Plain `fetch` through web-sys: gloo-net's streaming support alone cost more than
//! 10 KB of gzipped wasm, and we need one POST with two headers and an abort signal.

use std::cell::Cell;
use std::rc::Rc;

use evenhand_core::config::{Endpoint, Format};
use evenhand_core::submission::{form_fields, Payload};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCache, RequestInit, Response};

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The endpoint answered (any status).
    Answered {
        status: u16,
        retry_after: Option<String>,
    },
    /// No answer: offline, DNS, CORS refusal, connection dropped.
    NetworkError(String),
    /// No answer within the timeout; the request was aborted.
    TimedOut,
}

/// Posts `payload` once. `Idempotency-Key` is always the payload's id.
pub async fn post(endpoint: &Endpoint, payload: &Payload, timeout_ms: u32) -> Attempt {
    let body = match encode(endpoint.format, payload) {
        Ok(body) => body,
        Err(e) => return Attempt::NetworkError(e),
    };
    let headers = [
        ("Content-Type", content_type(endpoint.format)),
        ("Idempotency-Key", payload.id.as_str()),
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
    match fetch(
        "POST",
        &endpoint.url,
        &headers,
        Some(&body),
        signal.as_ref(),
    )
    .await
    {
        Ok(response) => Attempt::Answered {
            status: response.status(),
            retry_after: response.headers().get("retry-after").ok().flatten(),
        },
        Err(_) if timed_out.get() => Attempt::TimedOut,
        Err(e) => Attempt::NetworkError(e),
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
    let text = response.text().map_err(describe)?;
    JsFuture::from(text)
        .await
        .map_err(describe)?
        .as_string()
        .ok_or_else(|| "not text".to_string())
}

async fn fetch(
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
fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

fn content_type(format: Format) -> &'static str {
    match format {
        Format::Json => "application/json",
        Format::Form => "application/x-www-form-urlencoded",
    }
}

fn encode(format: Format, payload: &Payload) -> Result<String, String> {
    match format {
        Format::Json => serde_json::to_string(payload).map_err(|e| e.to_string()),
        Format::Form => {
            let params = web_sys::UrlSearchParams::new().map_err(describe)?;
            for (name, value) in form_fields(payload) {
                params.append(&name, &value);
            }
            Ok(params.to_string().into())
        }
    }
}
