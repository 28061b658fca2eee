//! Small, total wrappers over browser APIs: every one degrades to a safe default
//! instead of panicking when an API is missing.

use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

pub fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// The id of the element that has focus, if it has one (none when focus is on the body).
pub fn active_element_id() -> Option<String> {
    Some(document()?.active_element()?.id()).filter(|id| !id.is_empty())
}

pub fn remove_element(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        el.remove();
    }
}

/// One query parameter of the page URL. Only `place`, `lang` and `mode` are ever read.
pub fn query_param(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// A link to `page` (relative) with this page's query, `name` set to `value`: the
/// kiosk and the staff page hand each other the place, the mode and the language.
pub fn link_with_query(page: &str, name: &str, value: &str) -> String {
    let search = window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    match web_sys::UrlSearchParams::new_with_str(&search) {
        Ok(params) => {
            params.set(name, value);
            format!("{page}?{}", String::from(params.to_string()))
        }
        Err(_) => format!("{page}?{name}={value}"),
    }
}

/// The browser's preferred languages, most preferred first.
pub fn preferred_languages() -> Vec<String> {
    let Some(nav) = window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

/// Keeps `<html lang>` and the title in step with the active language.
pub fn set_document_language(code: &str, title: &str) {
    if let Some(doc) = document() {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", code);
        }
        doc.set_title(title);
    }
}

/// Sets a CSS custom property on the root element (CSSOM, allowed under the CSP).
pub fn set_root_css_var(name: &str, value: &str) {
    if let Some(html) = document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = html.style().set_property(name, value);
    }
}

pub fn focus(id: &str) {
    if let Some(el) = element_by_id(id) {
        let _ = el.focus();
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A fresh random UUID v4 (from the browser's crypto).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A new build's service worker has taken over since this page loaded.
pub fn update_ready() -> bool {
    window()
        .and_then(|w| js_sys::Reflect::get(&w, &"evenhandUpdateReady".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Tells the loader the first screen is up (`evenhand-ready`): it then registers the
/// service worker once the browser is idle (scripts/post-build.mjs).
pub fn announce_ready() {
    if let (Some(w), Ok(event)) = (window(), web_sys::Event::new("evenhand-ready")) {
        let _ = w.dispatch_event(&event);
    }
}

/// A string the loader left on `window` (scripts/post-build.mjs).
pub fn global_string(name: &str) -> Option<String> {
    let w = window()?;
    js_sys::Reflect::get(&w, &wasm_bindgen::JsValue::from_str(name))
        .ok()?
        .as_string()
}

/// Takes a promise the loader left on `window` under `name`, leaving nothing behind.
pub fn take_global_promise(name: &str) -> Option<js_sys::Promise> {
    let w = window()?;
    let key = wasm_bindgen::JsValue::from_str(name);
    let value = js_sys::Reflect::get(&w, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(&w, &key);
    value.dyn_into().ok()
}

pub fn reload() {
    if let Some(w) = window() {
        let _ = w.location().reload();
    }
}

/// A time as the guest's locale writes it, e.g. "24/11/2026 19:30:05".
pub fn local_time(epoch_ms: f64, lang: evenhand_core::lang::Lang) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(epoch_ms))
        .to_locale_string(lang.code(), &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// Offers `text` as a file download (staff export).
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let doc = document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser refused to build the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused to offer the file")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "no link")?
        .dyn_into()
        .map_err(|_| "no link")?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Revoked later: revoking at once can cancel the download in some browsers.
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
