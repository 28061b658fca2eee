//! One submission: when and where, its ratings, praise, complaint and contact, every
//! guest word as a text node. A complaint carries its status controls and history
//! ([`super::status`]) and, when it named staff, "Show names".

use evenhand_core::inbox_page::Item;
use evenhand_core::masking::STAFF_MEMBER;
use leptos::prelude::*;

use super::status::{History, StatusControls};
use super::time::readable;
use super::{api, use_ctx, News};
use crate::inbox_views::erase::EraseButton;

#[component]
pub fn ItemCard(
    /// The item as the list answered it (names masked).
    item: Item,
    /// Called once the manager has erased it ("Erase", SPEC §13).
    on_erased: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = item.id.clone();
    let heading_id = format!("item-{id}");
    let current = RwSignal::new(item);
    // While names are shown, the masked item the list gave, to hide them again.
    let masked: RwSignal<Option<Item>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let toggle_names = {
        let id = id.clone();
        move |_| {
            if let Some(m) = masked.get_untracked() {
                // Back to the masked words; the history keeps what the server wrote.
                let history = current.with_untracked(|i| i.history.clone());
                current.set(Item { history, ..m });
                masked.set(None);
                return;
            }
            busy.set(true);
            ctx.quiet();
            let id = id.clone();
            leptos::task::spawn_local(async move {
                match api::show_names(&id).await {
                    Ok(shown) => {
                        masked.try_set(Some(current.get_untracked()));
                        current.try_set(shown);
                        ctx.tell(News::NamesShown);
                    }
                    Err(f) => ctx.fail(f),
                }
                busy.try_set(false);
            });
        }
    };
    let p = move || current.with(|i| i.payload.clone());
    let facts = move || {
        let c = ctx.copy();
        let lang = ctx.lang.get();
        current.with(|i| {
            let ratings = if i.payload.ratings.is_empty() {
                c.no_ratings.to_string()
            } else {
                i.payload
                    .ratings
                    .iter()
                    .map(|(topic, value)| format!("{topic} {value}/5"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let contact = i
                .payload
                .contact
                .as_ref()
                .map_or(c.no_contact.to_string(), |ct| ct.email.clone());
            view! {
                <dl class="facts">
                    <dt>{c.received}</dt>
                    <dd>{readable(&i.received_at, lang)}</dd>
                    <dt>{c.venue}</dt>
                    <dd>{i.payload.venue.clone()}</dd>
                    <dt>{c.place}</dt>
                    <dd>{i.payload.place.clone().unwrap_or_else(|| c.no_place.to_string())}</dd>
                    <dt>{c.language}</dt>
                    <dd>{i.payload.language.native_name()}</dd>
                    <dt>{c.ratings}</dt>
                    <dd>{ratings}</dd>
                    <dt>{c.contact}</dt>
                    <dd>{contact}</dd>
                </dl>
            }
        })
    };
    let title = move || {
        let lang = ctx.lang.get();
        current.with(|i| {
            let when = readable(&i.received_at, lang);
            match &i.payload.place {
                Some(place) => format!("{when} · {place}"),
                None => format!("{when} · {}", i.payload.venue),
            }
        })
    };
    let badges = move || {
        let c = ctx.copy();
        let g = p().guidance;
        view! {
            {g.heated.then(|| view! { <li class="badge">{c.heated_badge}</li> })}
            {(!g.names_mentioned.is_empty()).then(|| view! { <li class="badge">{c.names_badge}</li> })}
        }
    };
    let praise = move || {
        let c = ctx.copy();
        let praise = p().praise;
        if !praise.text.is_empty() {
            view! { <p class="guest-text">{praise.text}</p> }.into_any()
        } else if praise.declined {
            view! { <p class="declined">{c.praise_declined}</p> }.into_any()
        } else {
            view! { <p class="declined">{c.no_praise}</p> }.into_any()
        }
    };
    let complaint_id = id.clone();
    let complaint = move || {
        let c = ctx.copy();
        let masked = current.with(|i| i.names_masked);
        match p().complaint {
            None => view! { <p class="declined">{c.no_complaint}</p> }.into_any(),
            Some(complaint) => {
                // The server masks in English; the manager reads their own language.
                let text = if masked {
                    complaint.text.replace(STAFF_MEMBER, c.staff_member)
                } else {
                    complaint.text
                };
                view! {
                    <p class="guest-text" id=format!("complaint-{complaint_id}")>{text}</p>
                }
                .into_any()
            }
        }
    };
    let status_heading = heading_id.clone();
    let can_show = move || current.with(Item::has_hidden_names) || masked.with(Option::is_some);
    view! {
        <article class="item" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone()>{title}</h3>
            <ul class="badges">{badges}</ul>
            {facts}
            <section class="praise">
                <h4>{move || ctx.copy().praise}</h4>
                {praise}
            </section>
            <section class="complaint">
                <h4>{move || ctx.copy().complaint}</h4>
                {complaint}
                <p class="actions" hidden=move || !can_show()>
                    <button
                        type="button"
                        class="button secondary"
                        aria-describedby=heading_id.clone()
                        disabled=move || busy.get()
                        on:click=toggle_names
                    >
                        {move || {
                            let c = ctx.copy();
                            if masked.with(Option::is_some) { c.hide_names } else { c.show_names }
                        }}
                    </button>
                </p>
                {move || current.with(|i| i.status).map(|_| view! {
                    <StatusControls item=current heading_id=status_heading.clone() />
                })}
            </section>
            <History item=current />
            <EraseButton id=id.clone() on_erased />
        </article>
    }
}
