//! The team page (`team.html`, served at `/team/<token>`; SPEC §11): opened without
//! signing in, the praise of the last 30 days by person and for the whole team. The
//! token is the last segment of the page's address; an unknown or revoked one says the
//! link is no longer valid.
//!
//! Its own small bundle, like the QR sheet: a guest's first load never carries it.

// The page shows praise as the inbox's "Praise" view does (its quotes), and reads the
// API through the inbox's one fetch path; the inbox's other routes go unused here.
#[path = "../inbox/api.rs"]
#[allow(dead_code)]
mod api;
#[path = "../inbox_views/digest.rs"]
mod digest;

use digest::{sections, Sections};
use evenhand::browser;
use evenhand_core::i18n::praise::praise_copy;
use evenhand_core::inbox_page::failure::Route;
use evenhand_core::inbox_page::Failure;
use evenhand_core::lang::{self, Lang};
use evenhand_core::praise::{Digest, TeamItem};
use leptos::prelude::*;

fn main() {
    browser::remove_element("boot");
    match browser::element_by_id("app") {
        Some(root) => leptos::mount::mount_to(root, TeamPage).forget(),
        None => leptos::mount::mount_to_body(TeamPage),
    }
}

/// The token in `/team/<token>`.
fn token() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .and_then(|p| {
            p.trim_end_matches('/')
                .rsplit('/')
                .next()
                .map(str::to_string)
        })
        .unwrap_or_default()
}

#[component]
fn TeamPage() -> impl IntoView {
    let lang = lang::choose(
        &Lang::ALL,
        browser::query_param("lang").as_deref(),
        &browser::preferred_languages(),
    );
    let c = praise_copy(lang);
    browser::set_document_language(lang.code(), c.team_title);
    let loaded: RwSignal<Option<Result<Digest<TeamItem>, Failure>>> = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let token = token();
        let result = if token.bytes().all(|b| b.is_ascii_hexdigit()) && !token.is_empty() {
            api::call("GET", &format!("/api/team/{token}"), None, Route::Other).await
        } else {
            Err(Failure::NotFound)
        };
        loaded.set(Some(result));
    });
    let body = move || match loaded.get() {
        None => view! { <p role="status">{c.loading}</p> }.into_any(),
        Some(Err(Failure::NotFound | Failure::SignedOut)) => {
            view! { <p class="failure" role="alert">{c.link_invalid}</p> }.into_any()
        }
        Some(Err(_)) => view! { <p class="failure" role="alert">{c.load_failed}</p> }.into_any(),
        Some(Ok(digest)) => {
            let shown = sections(&digest, c, lang);
            if shown.is_empty() {
                view! { <p>{c.team_none}</p> }.into_any()
            } else {
                view! {
                    <p class="praise-intro">{c.team_intro}</p>
                    <Sections sections=shown level=2 />
                }
                .into_any()
            }
        }
    };
    view! {
        <main id="main" class="main praise-page">
            <h1>{c.team_title}</h1>
            <div class="praise-body">{body}</div>
        </main>
    }
}
