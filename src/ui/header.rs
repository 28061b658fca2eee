//! Venue name, logo and the language switch.

use leptos::prelude::*;

use crate::state::{use_session, use_setup};

#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let lang = session.lang;
    let config = use_setup().config();
    let languages = config.languages.clone();
    let switch = (languages.len() > 1).then(|| {
        let buttons = languages
            .into_iter()
            .map(|l| {
                view! {
                    <button
                        type="button"
                        class="link-button"
                        lang=l.code()
                        hidden=move || lang.get() == l
                        on:click=move |_| lang.set(l)
                    >
                        {l.native_name()}
                    </button>
                }
            })
            .collect_view();
        view! {
            <nav class="lang-switch" aria-label=session.copy().language_switch_label>
                {buttons}
            </nav>
        }
    });
    view! {
        <header class="top">
            <div class="venue">
                {config.theme.logo.clone().map(|src| view! { <img class="logo" src=src alt="" /> })}
                <span class="venue-name">{config.venue.name.clone()}</span>
            </div>
            {switch}
        </header>
    }
}
