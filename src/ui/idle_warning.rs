//! "Are you still there?": any touch or key keeps the session.

use evenhand_core::i18n::fill;
use leptos::prelude::*;

use crate::state::use_session;

#[component]
pub fn IdleWarning(
    /// Seconds left before the wipe, while the warning shows.
    warning: ReadSignal<Option<u32>>,
) -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    view! {
        <Show when=move || warning.get().is_some()>
            <div class="idle-warning" role="alertdialog" aria-labelledby="idle-text">
                <p id="idle-text">
                    {move || {
                        lang.track();
                        fill(session.copy().idle_warning, warning.get().unwrap_or(0), "")
                    }}
                </p>
                <button type="button" class="button primary">{move || {
                    lang.track();
                    session.copy().still_here
                }}</button>
            </div>
        </Show>
    }
}
