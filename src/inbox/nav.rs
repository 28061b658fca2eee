//! The signed-in page: a navigation between views and the chosen view. A new view is
//! one entry in [`View::ALL`], its label, and its arm in [`SignedIn`].

use evenhand_core::i18n::inbox::InboxCopy;
use leptos::prelude::*;

use super::{list, use_ctx};
use evenhand::browser;

/// A view of the signed-in page, reached by its `#fragment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Inbox,
}

impl View {
    /// Every view, in the navigation's order.
    pub const ALL: &'static [View] = &[View::Inbox];

    pub fn label(self, c: &InboxCopy) -> &'static str {
        match self {
            View::Inbox => c.inbox_heading,
        }
    }

    /// Its `#fragment`, so a view can be bookmarked and reloaded.
    pub fn fragment(self) -> &'static str {
        match self {
            View::Inbox => "inbox",
        }
    }

    fn from_location() -> View {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        View::ALL
            .iter()
            .copied()
            .find(|v| hash.trim_start_matches('#') == v.fragment())
            .unwrap_or(View::Inbox)
    }
}

#[component]
pub fn SignedIn() -> impl IntoView {
    let ctx = use_ctx();
    let current = RwSignal::new(View::from_location());
    let links = View::ALL
        .iter()
        .copied()
        .map(|v| {
            view! {
                <li>
                    <a
                        href=format!("#{}", v.fragment())
                        aria-current=move || (current.get() == v).then_some("page")
                        on:click=move |_| current.set(v)
                    >
                        {move || v.label(ctx.copy())}
                    </a>
                </li>
            }
        })
        .collect_view();
    // Signing in (or opening the page signed in) lands on the view's heading.
    Effect::new(move |_| {
        current.track();
        browser::focus("view-heading");
    });
    view! {
        <nav class="views" aria-label=move || ctx.copy().views_label>
            <ul>{links}</ul>
        </nav>
        {move || match current.get() {
            View::Inbox => view! { <list::InboxView /> }.into_any(),
        }}
    }
}
