//! Browser tests for the small adapters of the shell: drafts in localStorage, the
//! document language, and the timer behind the countdowns.

use evenhand::{browser, draft};
use evenhand_core::session::Answers;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_draft_survives_and_is_cleared() {
    draft::clear();
    assert_eq!(draft::load(), None);
    let mut answers = Answers {
        praise: "Lovely terrace".into(),
        complaint: "Long wait".into(),
        ..Answers::default()
    };
    answers.rate("food", Some(4));
    draft::save(&answers);
    assert_eq!(draft::load(), Some(answers));
    draft::clear();
    assert_eq!(draft::load(), None);
}

#[wasm_bindgen_test]
fn a_blank_draft_is_not_kept() {
    draft::save(&Answers {
        praise: "x".into(),
        ..Answers::default()
    });
    draft::save(&Answers::default());
    assert_eq!(draft::load(), None);
}

#[wasm_bindgen_test]
fn an_unreadable_draft_is_dropped_not_fatal() {
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .map(|s| s.set_item("evenhand.draft", "{not json"));
    assert!(matches!(storage, Some(Ok(()))));
    assert_eq!(draft::load(), None);
    draft::clear();
}

#[wasm_bindgen_test]
fn html_lang_follows_the_language() {
    browser::set_document_language("fr", "Votre avis");
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    assert_eq!(lang.as_deref(), Some("fr"));
    browser::set_document_language("en", "Your feedback");
}

#[wasm_bindgen_test]
async fn a_countdown_ticks_down_and_stops_at_zero() {
    use leptos::prelude::*;
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let remaining = owner.with(|| evenhand::hooks::use_countdown(2));
    assert_eq!(remaining.get_untracked(), 2);
    gloo_timers::future::TimeoutFuture::new(2300).await;
    assert_eq!(remaining.get_untracked(), 0);
    drop(owner);
}
