//! The page shown when the config cannot be used: plain words, the key at fault.

use evenhand_core::i18n::copy;
use evenhand_core::lang::Lang;
use leptos::prelude::*;

use crate::browser;
use crate::config_load::LoadError;

#[component]
pub fn ErrorPage(
    /// What went wrong while loading or validating `config.json`.
    error: LoadError,
    /// The language to explain it in.
    lang: Lang,
) -> impl IntoView {
    let c = copy(lang);
    browser::set_document_language(lang.code(), c.config_error_heading);
    let lines = error.messages(lang);
    view! {
        <main id="main" class="main error-page">
            <h1>{c.config_error_heading}</h1>
            <p>{c.config_error_intro}</p>
            <ul class="faults">
                {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        </main>
    }
}
