//! Browser test of the hand-over from the form's first screen (plain HTML in
//! index.html) to the app: words, a kept draft, focus and caret.

use evenhand::first_screen;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlTextAreaElement;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn text_box(id: &str) -> HtmlTextAreaElement {
    document()
        .get_element_by_id(id)
        .expect("the box")
        .dyn_into()
        .expect("a textarea")
}

#[wasm_bindgen_test]
fn the_app_takes_the_words_focus_and_caret_and_removes_the_first_screen() {
    let doc = document();
    let body = doc.body().expect("a body");
    let screen = doc.create_element("div").expect("a div");
    screen.set_id("first-screen");
    screen.set_inner_html(
        r#"<textarea id="praise"></textarea><textarea id="complaint" data-draft="Old draft"></textarea>"#,
    );
    body.append_child(&screen).expect("appended");
    assert!(first_screen::present());
    let praise = text_box("praise");
    praise.set_value("Kind staff, warm soup");
    text_box("complaint").set_value("Old draft");
    praise.focus().expect("focus");
    praise.set_selection_range(5, 10).expect("selection");

    let typed = first_screen::take().expect("the first screen was there");
    assert_eq!(typed.praise, "Kind staff, warm soup");
    assert_eq!(
        typed.complaint, "",
        "a box still holding the put-back draft is no new words"
    );
    assert!(!first_screen::present(), "removed");
    assert!(doc.get_element_by_id("praise").is_none());
    assert!(first_screen::take().is_none(), "taken once");

    // The app's own box of the same name gets focus and the same selection back.
    let app = doc.create_element("textarea").expect("a textarea");
    app.set_id("praise");
    body.append_child(&app).expect("appended");
    let app_box = text_box("praise");
    app_box.set_value(&typed.praise);
    typed.refocus();
    let active = doc.active_element().map(|e| e.id());
    assert_eq!(active.as_deref(), Some("praise"));
    assert_eq!(app_box.selection_start().ok().flatten(), Some(5));
    assert_eq!(app_box.selection_end().ok().flatten(), Some(10));
    app.remove();
}
