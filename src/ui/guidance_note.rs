//! The calm note next to a text when guidance notices a staff name in the complaint or
//! heated words, and the warm word under the praise when it names staff.

use std::time::Duration;

use evenhand_core::guidance::{Field, Findings};
use evenhand_core::session::GuidanceState;
use leptos::prelude::*;

use crate::state::{use_session, use_setup};

/// Wait this long after the last keystroke before checking, so typing never janks.
const DEBOUNCE_MS: u64 = 300;

/// Guidance findings for the text of `field`, checked a moment after the guest stops
/// typing, and at once when guidance's word lists arrive.
pub fn use_guidance(field: Field, text: Memo<String>) -> Memo<Findings> {
    let setup = use_setup();
    let checker = setup.checker();
    let initial = checker.check(field, &text.get_untracked());
    let findings = RwSignal::new(initial);
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |before: Option<bool>| {
        let value = text.get();
        let lists = setup.guidance_lists.get();
        let Some(had_lists) = before else {
            return lists;
        };
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
        if lists != had_lists {
            findings.try_set(checker.check(field, &value));
            return lists;
        }
        let checker = checker.clone();
        let handle = set_timeout_with_handle(
            move || {
                findings.try_set(checker.check(field, &value));
            },
            Duration::from_millis(DEBOUNCE_MS),
        );
        pending.try_set_value(handle.ok());
        lists
    });
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    let memo = Memo::new(move |_| findings.get());
    let guidance = use_session().guidance;
    Effect::new(move |_| {
        if memo.with(Findings::has_note) {
            guidance.maybe_update(GuidanceState::note_shown);
        }
    });
    memo
}

#[component]
pub fn GuidanceNote(
    /// Element id, referenced by the textarea's `aria-describedby`.
    id: String,
    /// What guidance found in the text.
    findings: Memo<Findings>,
) -> impl IntoView {
    // Only these reach the DOM, so the live region speaks when a note or the names
    // passed on change, not on every keystroke.
    let named = Memo::new(move |_| findings.with(|f| !f.names_to_note().is_empty()));
    let heated = Memo::new(move |_| findings.with(Findings::is_heated));
    let checker = use_setup().checker();
    let c = use_session().copy();
    // Empty when the text names no one (always, for the complaint): a `String` rather
    // than an optional view keeps the bundle from growing by its own render code.
    let pass_on = Memo::new(move |_| {
        findings.with(|f| c.pass_on(&checker.staff_named(f)).unwrap_or_default())
    });
    view! {
        <div class="guidance" id=id role="status">
            <Show when=move || named.get()>
                <p class="note">{c.guidance_name_note}</p>
            </Show>
            <Show when=move || heated.get()>
                <p class="note">{c.guidance_heated_note}</p>
            </Show>
            <p class="pass-on">{move || pass_on.get()}</p>
        </div>
    }
}
