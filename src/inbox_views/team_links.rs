//! Team links (SPEC §11): "Create team link" shows the new URL once (the server keeps
//! only its hash); the links still open are listed, each with "Revoke".

use evenhand_core::i18n::fill;
use evenhand_core::i18n::praise::praise_copy;
use evenhand_core::time::parse_rfc3339_ms;
use leptos::prelude::*;
use serde::Deserialize;

use super::api::{fetch_into, request, shown, Loaded};
use super::page_lang;

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Link {
    id: i64,
    created_at: String,
    created_by: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Links {
    links: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Created {
    id: i64,
    url: String,
}

/// The page's origin, so a new link is shown whole, ready to copy.
fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

#[component]
pub fn TeamLinksView() -> impl IntoView {
    let lang = page_lang();
    let c = praise_copy(lang);
    let links: Loaded<Links> = RwSignal::new(None);
    let created: RwSignal<Option<Created>> = RwSignal::new(None);
    let status: RwSignal<String> = RwSignal::new(String::new());
    let reload = move || fetch_into(links, "/api/inbox/team-links".to_string());
    reload();
    let create = move |_| {
        status.set(String::new());
        leptos::task::spawn_local(async move {
            match request("POST", "/api/inbox/team-links").await {
                Ok(text) => match serde_json::from_str::<Created>(&text) {
                    Ok(link) => {
                        created.try_set(Some(link));
                        evenhand::browser::focus("new-team-link");
                    }
                    Err(e) => {
                        status.try_set(fill(c.load_failed, "", &e.to_string()));
                    }
                },
                Err(f) => {
                    status.try_set(f.message(c));
                }
            }
            reload();
        });
    };
    let revoke = move |id: i64| {
        leptos::task::spawn_local(async move {
            match request("DELETE", &format!("/api/inbox/team-links/{id}")).await {
                Ok(_) => {
                    if created.get_untracked().is_some_and(|l| l.id == id) {
                        created.try_set(None);
                    }
                    status.try_set(c.revoked.to_string());
                }
                Err(f) => {
                    status.try_set(f.message(c));
                }
            }
            reload();
        });
    };
    let list = move || {
        shown(links.get(), c, |Links { links: list }| {
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
        <section class="team-links-view" aria-labelledby="team-links-heading">
            <h2 id="team-links-heading">{c.links_heading}</h2>
            <p>{c.links_intro}</p>
            <p class="actions">
                <button type="button" class="button primary" on:click=create>{c.create_link}</button>
            </p>
            {move || created.get().map(|link| {
                let url = format!("{}{}", origin(), link.url);
                view! {
                    <div class="new-link">
                        <label for="new-team-link">{c.new_link_label}</label>
                        <input id="new-team-link" type="text" readonly prop:value=url aria-describedby="new-team-link-note" />
                        <p id="new-team-link-note" class="hint">{c.link_shown_once}</p>
                    </div>
                }
            })}
            <p role="status">{move || status.get()}</p>
            {list}
        </section>
    }
}
