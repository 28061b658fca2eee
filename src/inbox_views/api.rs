//! JSON from the receiver's API for the praise pages: same origin, so the inbox's
//! session cookie goes along; a failure becomes what the person reading should be told.

use evenhand_core::i18n::fill;
use evenhand_core::i18n::praise::PraiseCopy;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCache, RequestInit, Response};

use evenhand::send::{describe, promised_text};

/// Why a request gave nothing to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// 401: the session ended; sign in again.
    SignedOut,
    /// 404: unknown or revoked (a team link).
    NotFound,
    /// Anything else, in plain words (HTTP status and the server's message).
    Other(String),
}

impl Failure {
    /// What to tell the manager reading an inbox view.
    pub fn message(&self, c: &PraiseCopy) -> String {
        match self {
            Failure::SignedOut => c.session_ended.to_string(),
            Failure::NotFound => fill(c.load_failed, "", "HTTP 404"),
            Failure::Other(detail) => fill(c.load_failed, "", detail),
        }
    }
}

/// A view's answer from the API: `None` while it loads.
pub type Loaded<T> = RwSignal<Option<Result<T, Failure>>>;

/// Loads `url` into `loaded`, which says "loading" meanwhile.
pub fn fetch_into<T>(loaded: Loaded<T>, url: String)
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    loaded.set(None);
    leptos::task::spawn_local(async move {
        let result = get_json(&url).await;
        loaded.try_set(Some(result));
    });
}

/// What a view shows of an answer: "Loading…", what went wrong, or `ok` of it.
pub fn shown<T>(
    answer: Option<Result<T, Failure>>,
    c: &'static PraiseCopy,
    ok: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match answer {
        None => view! { <p role="status">{c.loading}</p> }.into_any(),
        Some(Err(f)) => view! { <p class="failure" role="alert">{f.message(c)}</p> }.into_any(),
        Some(Ok(answer)) => ok(answer),
    }
}

/// `GET url`, read as `T`.
pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, Failure> {
    let text = request("GET", url).await?;
    serde_json::from_str(&text).map_err(|e| Failure::Other(e.to_string()))
}

/// A request without a body (`POST` to make, `DELETE` to revoke); the answer's text.
pub async fn request(method: &str, url: &str) -> Result<String, Failure> {
    let window = web_sys::window().ok_or_else(|| Failure::Other("no window".into()))?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_cache(RequestCache::NoStore);
    let answer = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| Failure::Other(describe(e)))?;
    let response: Response = answer.dyn_into().map_err(|e| Failure::Other(describe(e)))?;
    let text = match response.text() {
        Ok(p) => promised_text(p).await.unwrap_or_default(),
        Err(_) => String::new(),
    };
    match response.status() {
        200..=299 => Ok(text),
        401 => Err(Failure::SignedOut),
        404 => Err(Failure::NotFound),
        code => {
            let said = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v["error"].as_str().map(str::to_string))
                .unwrap_or_else(|| response.status_text());
            Err(Failure::Other(format!("HTTP {code}: {said}")))
        }
    }
}
