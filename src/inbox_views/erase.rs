//! "Erase" (SPEC §13): a manager deletes a submission for a guest who asked, after a
//! confirmation that says it cannot be undone. The confirmation is an inline alert
//! dialog: focus goes to "Cancel" (the safe choice), Escape cancels, and focus returns
//! to "Erase" when it closes.

use evenhand_core::i18n::privacy::erase as erase_copy;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use crate::inbox::{api, use_ctx};

#[component]
pub fn EraseButton(
    /// The submission's id.
    id: String,
    /// Called once the receiver has deleted it.
    on_erased: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let c = move || erase_copy(ctx.lang.get());
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let erase_ref = NodeRef::<leptos::html::Button>::new();
    let cancel_ref = NodeRef::<leptos::html::Button>::new();
    let question_id = format!("erase-question-{id}");
    // After the view has changed: "Cancel" when the dialog opens, "Erase" when it
    // closes (the dialog that had focus is gone by then).
    Effect::new(move |was_open: Option<bool>| {
        let open = confirming.get();
        if open {
            if let Some(cancel) = cancel_ref.get() {
                let _ = cancel.focus();
            }
        } else if was_open == Some(true) {
            if let Some(erase) = erase_ref.get() {
                let _ = erase.focus();
            }
        }
        open
    });
    let close = move || confirming.set(false);
    let confirm = move |_| {
        busy.set(true);
        ctx.quiet();
        let id = id.clone();
        leptos::task::spawn_local(async move {
            match api::erase(&id).await {
                Ok(()) => on_erased.run(()),
                Err(f) => {
                    confirming.try_set(false);
                    ctx.fail(f);
                }
            }
            busy.try_set(false);
        });
    };
    let on_key = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    };
    view! {
        <div class="erase">
            <button
                type="button"
                class="button secondary"
                node_ref=erase_ref
                aria-expanded=move || confirming.get().to_string()
                hidden=move || confirming.get()
                on:click=move |_| confirming.set(true)
            >
                {move || c().erase}
            </button>
            <Show when=move || confirming.get()>
                <div
                    class="confirm"
                    role="alertdialog"
                    aria-modal="false"
                    aria-labelledby=question_id.clone()
                    on:keydown=on_key
                >
                    <p id=question_id.clone()>{move || c().question}</p>
                    <button
                        type="button"
                        class="button primary danger"
                        disabled=move || busy.get()
                        on:click=confirm.clone()
                    >
                        {move || if busy.get() { c().erasing } else { c().confirm }}
                    </button>
                    <button
                        type="button"
                        class="button secondary"
                        node_ref=cancel_ref
                        disabled=move || busy.get()
                        on:click=move |_| close()
                    >
                        {move || c().cancel}
                    </button>
                </div>
            </Show>
        </div>
    }
}
