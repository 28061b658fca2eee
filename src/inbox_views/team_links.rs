//! Team links (SPEC §11): "Create team link" shows the new URL once (the server keeps
//! only its hash); the links still open are listed, each with "Revoke".

use evenhand_core::i18n::fill;
use evenhand_core::i18n::praise::praise_copy;
use evenhand_core::time::parse_rfc3339_ms;
use leptos::prelude::*;

use super::load::{shown, Loader};
use crate::inbox::api::{self, NewTeamLink, TeamLinks};
use crate::inbox::use_ctx;

/// The page's origin, so a new link is shown whole, ready to copy.
fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

#[component]
pub fn TeamLinksView() -> impl IntoView {
    let ctx = use_ctx();
    let c = move || praise_copy(ctx.lang.get());
    let links: Loader<TeamLinks> = Loader::new();
    let created: RwSignal<Option<NewTeamLink>> = RwSignal::new(None);
    // "Revoked", told politely; failures go to the inbox's alert region.
    let revoked = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let reload = move || links.run(ctx, api::team_links());
    reload();
    let create = move |_| {
        revoked.set(false);
        busy.set(true);
        ctx.quiet();
        leptos::task::spawn_local(async move {
            match api::create_team_link().await {
                Ok(link) => {
                    created.try_set(Some(link));
                    evenhand::browser::focus("new-team-link");
                    reload();
                }
                Err(f) => ctx.fail(f),
            }
            busy.try_set(false);
        });
    };
    let revoke = move |id: i64| {
        revoked.set(false);
        busy.set(true);
        ctx.quiet();
        leptos::task::spawn_local(async move {
            match api::revoke_team_link(id).await {
                Ok(()) => {
                    if created.get_untracked().is_some_and(|l| l.id == id) {
                        created.try_set(None);
                    }
                    revoked.try_set(true);
                    reload();
                    // The list is redrawn without that button: focus goes back to the
                    // view's heading rather than to nowhere.
                    evenhand::browser::focus("view-heading");
                }
                Err(f) => ctx.fail(f),
            }
            busy.try_set(false);
        });
    };
    let list = move || {
        let (c, lang) = (c(), ctx.lang.get());
        shown(links, c, |TeamLinks { links: list }| {
            if list.is_empty() {
                return view! { <p>{c.links_none}</p> }.into_any();
            }
            view! {
            <ul class="team-links">
                {list.into_iter().map(|l| {
                    let made = parse_rfc3339_ms(&l.created_at)
                        .map(|ms| evenhand::browser::local_time(ms, lang))
                        .unwrap_or(l.created_at.clone());
                    let what = format!("{} · {}", fill(c.link_made, "", &made), l.created_by);
                    let label_id = format!("team-link-{}", l.id);
                    let id = l.id;
                    view! {
                        <li>
                            <span id=label_id.clone()>{what}</span>
                            <button
                                type="button"
                                class="button secondary"
                                aria-describedby=label_id
                                disabled=move || busy.get()
                                on:click=move |_| revoke(id)
                            >
                                {c.revoke}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            }
            .into_any()
        })
    };
    view! {
        <section class="team-links-view" aria-labelledby="view-heading">
            <h1 id="view-heading" tabindex="-1">{move || c().links_heading}</h1>
            <p>{move || c().links_intro}</p>
            <p class="actions">
                <button
                    type="button"
                    class="button primary"
                    disabled=move || busy.get()
                    on:click=create
                >
                    {move || c().create_link}
                </button>
            </p>
            {move || created.get().map(|link| {
                let url = format!("{}{}", origin(), link.url);
                view! {
                    <div class="new-link">
                        <label for="new-team-link">{move || c().new_link_label}</label>
                        <input id="new-team-link" type="text" readonly prop:value=url aria-describedby="new-team-link-note" />
                        <p id="new-team-link-note" class="hint">{move || c().link_shown_once}</p>
                    </div>
                }
            })}
            <p role="status">{move || revoked.get().then(|| c().revoked)}</p>
            {list}
        </section>
    }
}
