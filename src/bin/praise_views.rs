//! A page of its own for the inbox's praise views (`praise-views.html?view=praise`,
//! `links` or `overview`), signed in through the inbox's session: until the inbox's
//! navigation mounts them, this is where they are used and tested end to end.

#[path = "../inbox_views/mod.rs"]
mod inbox_views;

use evenhand::browser;
use inbox_views::{OverviewView, PraiseView, TeamLinksView};
use leptos::prelude::*;

fn main() {
    browser::remove_element("boot");
    match browser::element_by_id("app") {
        Some(root) => leptos::mount::mount_to(root, ViewsPage).forget(),
        None => leptos::mount::mount_to_body(ViewsPage),
    }
}

#[component]
fn ViewsPage() -> impl IntoView {
    let lang = inbox_views::page_lang();
    let c = evenhand_core::i18n::praise::praise_copy(lang);
    let view = browser::query_param("view").unwrap_or_default();
    let title = match view.as_str() {
        "links" => c.links_heading,
        "overview" => c.overview_heading,
        _ => c.praise_heading,
    };
    browser::set_document_language(lang.code(), title);
    let body = match view.as_str() {
        "links" => view! { <TeamLinksView /> }.into_any(),
        "overview" => view! { <OverviewView /> }.into_any(),
        _ => view! { <PraiseView /> }.into_any(),
    };
    view! { <main id="main" class="main praise-page">{body}</main> }
}
