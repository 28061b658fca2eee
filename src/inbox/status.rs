//! Verify before acting (SPEC §10): a complaint's status, the buttons "Verified",
//! "Not confirmed" and "Resolved" with an optional "Note", and the append-only history
//! (who, when, from → to, note; "Names shown").

use evenhand_core::i18n::fill;
use evenhand_core::inbox_page::{HistoryEntry, HistoryKind, Item, Status};
use evenhand_core::limits::MAX_NOTE_CHARS;
use leptos::prelude::*;

use super::time::readable;
use super::{api, use_ctx, News};

#[component]
pub fn StatusControls(
    /// The item, replaced by the server's answer after a change.
    item: RwSignal<Item>,
    /// The item's heading, which names each button's submission for a screen reader.
    heading_id: String,
) -> impl IntoView {
    let ctx = use_ctx();
    let note = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let id = item.with_untracked(|i| i.id.clone());
    let note_id = format!("note-{id}");
    let set = move |status: Status| {
        let id = id.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            ctx.quiet();
            let id = id.clone();
            let text = note.get_untracked();
            leptos::task::spawn_local(async move {
                match api::set_status(&id, status, &text).await {
                    Ok(updated) => {
                        // Names stay as they were shown: only status and history change.
                        item.try_update(|i| {
                            i.status = updated.status;
                            i.history = updated.history;
                        });
                        note.try_set(String::new());
                        ctx.tell(News::StatusSet(status));
                    }
                    Err(f) => ctx.fail(f),
                }
                busy.try_set(false);
            });
        }
    };
    let buttons = Status::SETTABLE
        .into_iter()
        .map(|s| {
            view! {
                <button
                    type="button"
                    class="button secondary"
                    aria-describedby=heading_id.clone()
                    aria-disabled=move || busy.get().to_string()
                    on:click=set(s)
                >
                    {move || s.name(ctx.copy())}
                </button>
            }
        })
        .collect_view();
    view! {
        <p class="status">
            {move || {
                let c = ctx.copy();
                item.with(|i| i.status.map(|s| fill(c.status_current, "", s.name(c))))
            }}
        </p>
        <div class="set-status" role="group" aria-label=move || ctx.copy().set_status_label>
            <label for=note_id.clone()>{move || ctx.copy().note_label}</label>
            <textarea
                id=note_id.clone()
                class="note"
                rows="2"
                maxlength=MAX_NOTE_CHARS.to_string()
                aria-describedby=format!("{note_id}-hint")
                prop:value=move || note.get()
                on:input:target=move |ev| note.set(ev.target().value())
            ></textarea>
            <p id=format!("{note_id}-hint") class="hint">{move || ctx.copy().note_hint}</p>
            <div class="actions">{buttons}</div>
        </div>
    }
}

/// The history, oldest first; shown for every item (a praise-only one can have names
/// shown or later kinds of change).
#[component]
pub fn History(item: RwSignal<Item>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <section class="history">
            <h4>{move || ctx.copy().history}</h4>
            {move || {
                let c = ctx.copy();
                let lang = ctx.lang.get();
                item.with(|i| {
                    if i.history.is_empty() {
                        view! { <p class="declined">{c.history_empty}</p> }.into_any()
                    } else {
                        let entries = i
                            .history
                            .iter()
                            .map(|e| {
                                let what = change(e, c);
                                let note = e
                                    .note
                                    .clone()
                                    .map(|n| view! { <p class="guest-text note-text">{fill(c.history_note, "", &n)}</p> });
                                view! {
                                    <li>
                                        <span class="when">{readable(&e.at, lang)}</span>
                                        " — "
                                        <span class="who">{e.by.clone()}</span>
                                        ": "
                                        <span class="what">{what}</span>
                                        {note}
                                    </li>
                                }
                            })
                            .collect_view();
                        view! { <ol class="history-list">{entries}</ol> }.into_any()
                    }
                })
            }}
        </section>
    }
}

/// "Unverified → Verified", "Names shown".
fn change(e: &HistoryEntry, c: &evenhand_core::i18n::inbox::InboxCopy) -> String {
    match e.kind {
        HistoryKind::NamesShown => c.history_names_shown.to_string(),
        HistoryKind::Status => {
            let name = |s: Option<Status>| s.map_or("—", |s| s.name(c));
            format!("{} → {}", name(e.from), name(e.to))
        }
        HistoryKind::Other => c.history_unknown.to_string(),
    }
}
