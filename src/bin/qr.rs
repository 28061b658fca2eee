//! The staff QR sheet (`qr.html`): behind the staff PIN, turns a list of places into a
//! printable A4 sheet of QR codes, each opening the form on a guest's phone with
//! `?place=` and `?mode=personal`. Rendered to SVG in the browser; no third-party service.
//!
//! A separate bundle without Leptos, so the kiosk's first load does not carry the QR
//! encoder.

use evenhand_core::config::{self, Config};
use evenhand_core::i18n::{fill, qr_copy, QrCopy};
use evenhand_core::lang::{self, Lang};
use evenhand_core::places;
use evenhand_core::staff::pin_matches;
use qrcode::{Color, EcLevel, QrCode};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlTextAreaElement};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

fn main() {
    wasm_bindgen_futures::spawn_local(start());
}

async fn start() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = doc.get_element_by_id("app") else {
        return;
    };
    let lang = lang::choose(
        &Lang::ALL,
        evenhand::browser::query_param("lang").as_deref(),
        &evenhand::browser::preferred_languages(),
    );
    let c = qr_copy(lang);
    evenhand::browser::set_document_language(lang.code(), c.title);
    root.set_inner_html("");
    let main = el(&doc, "main", &[("class", "main qr-page")]);
    let h1 = el(&doc, "h1", &[]);
    h1.set_text_content(Some(c.title));
    let _ = main.append_child(&h1);
    let _ = root.append_child(&main);

    let config = match evenhand::send::get_text("config.json").await {
        Ok(text) => config::parse(&text).map_err(|errors| {
            errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join(" · ")
        }),
        Err(e) => Err(e),
    };
    match config {
        Err(message) => paragraph(&doc, &main, &message, "failure"),
        Ok(cfg) if cfg.staff_pin_sha256.is_none() => paragraph(&doc, &main, c.staff_off, ""),
        Ok(cfg) => ask_pin(&doc, &main, cfg, c),
    }
}

/// The PIN form; on the right PIN, the sheet maker replaces it.
fn ask_pin(doc: &Document, main: &Element, cfg: Config, c: &'static QrCopy) {
    let form = el(doc, "form", &[("class", "pin-form")]);
    let label = el(doc, "label", &[("for", "pin")]);
    label.set_text_content(Some(c.pin_label));
    let input = el(
        doc,
        "input",
        &[
            ("id", "pin"),
            ("type", "password"),
            ("inputmode", "numeric"),
            ("autocomplete", "off"),
        ],
    );
    let button = el(
        doc,
        "button",
        &[("type", "submit"), ("class", "button primary")],
    );
    button.set_text_content(Some(c.unlock));
    let status = el(doc, "p", &[("role", "alert"), ("class", "failure")]);
    for child in [&label, &input, &button, &status] {
        let _ = form.append_child(child);
    }
    let _ = main.append_child(&form);
    if let Some(i) = input.dyn_ref::<web_sys::HtmlElement>() {
        let _ = i.focus();
    }

    let doc = doc.clone();
    let main = main.clone();
    let form_el = form.clone();
    let on_submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        let pin = input
            .dyn_ref::<HtmlInputElement>()
            .map(|i| i.value())
            .unwrap_or_default();
        let hash = cfg.staff_pin_sha256.clone().unwrap_or_default();
        if pin_matches(&pin, &hash) {
            form_el.remove();
            sheet_maker(&doc, &main, c);
        } else {
            status.set_text_content(Some(c.wrong_pin));
        }
    });
    let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();
}

/// The list of places and the sheet itself.
fn sheet_maker(doc: &Document, main: &Element, c: &'static QrCopy) {
    paragraph(doc, main, c.intro, "intro no-print");
    let form = el(doc, "form", &[("class", "places-form no-print")]);
    let label = el(doc, "label", &[("for", "places")]);
    label.set_text_content(Some(c.places_label));
    let hint = el(doc, "p", &[("class", "hint"), ("id", "places-hint")]);
    hint.set_text_content(Some(c.places_hint));
    let area = el(
        doc,
        "textarea",
        &[
            ("id", "places"),
            ("rows", "6"),
            ("aria-describedby", "places-hint"),
        ],
    );
    if let Some(a) = area.dyn_ref::<HtmlTextAreaElement>() {
        a.set_value("table-1..40\nterrace\ntill");
    }
    let actions = el(doc, "div", &[("class", "actions")]);
    let make = el(
        doc,
        "button",
        &[("type", "submit"), ("class", "button primary")],
    );
    make.set_text_content(Some(c.make));
    let print = el(
        doc,
        "button",
        &[("type", "button"), ("class", "button secondary")],
    );
    print.set_text_content(Some(c.print));
    let _ = actions.append_child(&print);
    let _ = actions.append_child(&make);
    let status = el(doc, "p", &[("role", "status")]);
    for child in [&label, &hint, &area, &actions, &status] {
        let _ = form.append_child(child);
    }
    let _ = main.append_child(&form);
    let sheet = el(doc, "div", &[("class", "qr-sheet")]);
    let _ = main.append_child(&sheet);

    let base = app_url();
    let render = {
        let doc = doc.clone();
        move || {
            let list = area
                .dyn_ref::<HtmlTextAreaElement>()
                .map(|a| a.value())
                .unwrap_or_default();
            let (places, note) = match places::expand(&list) {
                Ok(p) => {
                    let n = p.len();
                    (p, fill(c.made, n, ""))
                }
                Err(p) => (p, c.too_many.to_string()),
            };
            sheet.set_inner_html("");
            for place in &places {
                let url = format!("{base}?place={}&mode=personal", encode(place));
                let _ = sheet.append_child(&card(&doc, place, &url));
            }
            status.set_text_content(Some(&note));
        }
    };
    render();
    let on_make = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        render();
    });
    let _ = form.add_event_listener_with_callback("submit", on_make.as_ref().unchecked_ref());
    on_make.forget();
    let on_print = Closure::<dyn FnMut()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let _ = print.add_event_listener_with_callback("click", on_print.as_ref().unchecked_ref());
    on_print.forget();
}

/// One label with its QR code and the address written out.
fn card(doc: &Document, place: &str, url: &str) -> Element {
    let figure = el(doc, "figure", &[("class", "qr-card")]);
    let _ = figure.append_child(&qr_svg(doc, url, place));
    let caption = el(doc, "figcaption", &[]);
    let name = el(doc, "strong", &[]);
    name.set_text_content(Some(place));
    let _ = caption.append_child(&name);
    figure.set_attribute("data-url", url).ok();
    let _ = figure.append_child(&caption);
    figure
}

/// The QR code as an SVG path built with DOM calls: no markup strings, no inline style.
fn qr_svg(doc: &Document, data: &str, label: &str) -> Element {
    let svg = doc
        .create_element_ns(Some(SVG_NS), "svg")
        .unwrap_or_else(|_| el(doc, "span", &[]));
    let Ok(code) = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M) else {
        return svg;
    };
    let width = code.width();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut d = String::with_capacity(width * width * 4);
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + quiet, i / width + quiet);
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    let _ = svg.set_attribute("viewBox", &format!("0 0 {size} {size}"));
    let _ = svg.set_attribute("role", "img");
    let _ = svg.set_attribute("aria-label", label);
    let _ = svg.set_attribute("shape-rendering", "crispEdges");
    if let Ok(bg) = doc.create_element_ns(Some(SVG_NS), "rect") {
        let _ = bg.set_attribute("width", "100%");
        let _ = bg.set_attribute("height", "100%");
        let _ = bg.set_attribute("fill", "#fff");
        let _ = svg.append_child(&bg);
    }
    if let Ok(path) = doc.create_element_ns(Some(SVG_NS), "path") {
        let _ = path.set_attribute("d", &d);
        let _ = path.set_attribute("fill", "#000");
        let _ = svg.append_child(&path);
    }
    svg
}

/// The kiosk's address: this page's folder.
fn app_url() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let no_query = href.split(['?', '#']).next().unwrap_or_default();
    match no_query.rfind('/') {
        Some(i) => no_query[..=i].to_string(),
        None => no_query.to_string(),
    }
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

fn el(doc: &Document, tag: &str, attrs: &[(&str, &str)]) -> Element {
    let e = doc.create_element(tag).unwrap_or_else(|_| {
        doc.create_element("div")
            .unwrap_or_else(|_| unreachable_el())
    });
    for (name, value) in attrs {
        let _ = e.set_attribute(name, value);
    }
    e
}

fn paragraph(doc: &Document, parent: &Element, text: &str, class: &str) {
    let p = el(doc, "p", &[("class", class)]);
    p.set_text_content(Some(text));
    let _ = parent.append_child(&p);
}

/// `createElement("div")` cannot fail in a browser; this keeps the code total anyway.
fn unreachable_el() -> Element {
    wasm_bindgen::JsValue::NULL.unchecked_into()
}
