//! What a page shows while its config loads: both languages, since none is chosen yet.

use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <main class="boot" aria-busy="true">
            <p>"Loading… · " <span lang="fr">"Chargement…"</span></p>
        </main>
    }
}
