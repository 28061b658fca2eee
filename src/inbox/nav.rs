//! The signed-in page: a navigation between views and the chosen view. A new view is
//! one entry in [`View::ALL`], its label, and its arm in [`SignedIn`].

use evenhand_core::i18n::inbox::inbox_copy;
use evenhand_core::i18n::praise::praise_copy;
use evenhand_core::lang::Lang;
use leptos::prelude::*;

use super::{list, use_ctx};
use crate::inbox_views::{OverviewView, PraiseView, TeamLinksView};
use evenhand::browser;

/// A view of the signed-in page, reached by its `#fragment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Inbox,
    /// Praise by the person it names, and "Print" (SPEC §11).
    Praise,
    /// "Create team link", "Revoke".
    TeamLinks,
    Overview,
}

impl View {
    /// Every view, in the navigation's order.
    pub const ALL: &'static [View] = &[View::Inbox, View::Praise, View::TeamLinks, View::Overview];

    /// Its name in the navigation, the same words as its heading.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            View::Inbox => inbox_copy(lang).inbox_heading,
            View::Praise => praise_copy(lang).praise_heading,
            View::TeamLinks => praise_copy(lang).links_heading,
            View::Overview => praise_copy(lang).overview_heading,
        }
    }

    /// Its `#fragment`, so a view can be bookmarked and reloaded.
    pub fn fragment(self) -> &'static str {
        match self {
            View::Inbox => "inbox",
            View::Praise => "praise",
            View::TeamLinks => "team-links",
            View::Overview => "overview",
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
                    >
                        {move || v.label(ctx.lang.get())}
                    </a>
                </li>
            }
        })
        .collect_view();
    // The links change the `#fragment`, and so do back and forward: the view follows
    // it. The same view stays as it is (its period, its answer), not drawn again.
    let hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let v = View::from_location();
        if current.get_untracked() != v {
            current.set(v);
        }
    });
    on_cleanup(move || hash.remove());
    // Signing in (or opening the page signed in) and switching views land on the
    // view's heading.
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
            View::Praise => view! { <PraiseView /> }.into_any(),
            View::TeamLinks => view! { <TeamLinksView /> }.into_any(),
            View::Overview => view! { <OverviewView /> }.into_any(),
        }}
    }
}
