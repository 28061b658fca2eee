//! Times of the API (RFC 3339, UTC) as the manager reads them: their own time zone,
//! their locale's order, e.g. "27 Nov 2026, 17:00" or « 27 nov. 2026, 17:00 ».

use evenhand_core::lang::Lang;
use evenhand_core::time::parse_rfc3339_ms;
use wasm_bindgen::JsValue;

use evenhand::browser;

/// `at` in local time, or `at` itself when it is not a time.
pub fn readable(at: &str, lang: Lang) -> String {
    let Some(ms) = parse_rfc3339_ms(at) else {
        return at.to_string();
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    js_sys::Date::new(&JsValue::from_f64(ms))
        .to_locale_string(&locale(lang), &options)
        .into()
}

/// The browser's own tag for `lang` when it prefers one (`en-GB` writes the day
/// first), else the bare code.
fn locale(lang: Lang) -> String {
    browser::preferred_languages()
        .into_iter()
        .find(|tag| Lang::from_code(tag) == Some(lang))
        .unwrap_or_else(|| lang.code().to_string())
}
