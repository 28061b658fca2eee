//! The "Inbox" view: the filters, one page of submissions (newest first) and the way
//! to newer and older ones. Each load replaces the page; a load that an older one
//! overtakes is dropped.

use evenhand_core::inbox_page::{Filters, ItemPage};
use leptos::prelude::*;

use super::filters::FilterForm;
use super::item::ItemCard;
use super::{api, use_ctx};
use evenhand::browser;

/// What the list shows.
#[derive(Debug, Clone)]
enum Load {
    Loading,
    Ready(ItemPage),
    /// The failure is told in the alert region.
    Failed,
}

#[component]
pub fn InboxView() -> impl IntoView {
    let ctx = use_ctx();
    let filters = RwSignal::new(Filters::default());
    let page = RwSignal::new(1u32);
    let load = RwSignal::new(Load::Loading);
    let latest = StoredValue::new(0u32);
    Effect::new(move |_| {
        let (f, p) = (filters.get(), page.get());
        let ticket = latest.get_value().wrapping_add(1);
        latest.set_value(ticket);
        load.set(Load::Loading);
        leptos::task::spawn_local(async move {
            let answer = api::submissions(&f, p).await;
            if latest.try_get_value() != Some(ticket) {
                return;
            }
            match answer {
                Ok(items) => {
                    load.try_set(Load::Ready(items));
                }
                Err(failure) => {
                    load.try_set(Load::Failed);
                    ctx.fail(failure);
                }
            }
        });
    });
    // An erased submission leaves the page at once; the summary's count says so (a
    // count stopped at the cap stays "more than"), and focus goes to the results'
    // heading rather than to nowhere.
    let erased = move |id: &str| {
        load.update(|l| {
            if let Load::Ready(p) = l {
                p.items.retain(|i| i.id != id);
                if !p.total_capped {
                    p.total = p.total.saturating_sub(1);
                }
            }
        });
        browser::focus("results-heading");
    };
    let go = move |to: u32| {
        ctx.quiet();
        page.set(to);
        // The manager starts reading the new page from its top.
        browser::focus("results-heading");
    };
    view! {
        <section class="inbox-view" aria-labelledby="view-heading">
            <h1 id="view-heading" tabindex="-1">{move || ctx.copy().inbox_heading}</h1>
            <FilterForm on_apply=Callback::new(move |f: Filters| {
                ctx.quiet();
                page.set(1);
                filters.set(f);
            }) />
            <h2 id="results-heading" tabindex="-1">{move || ctx.copy().results_heading}</h2>
            <p class="summary" role="status" aria-live="polite">
                {move || {
                    let c = ctx.copy();
                    load.with(|l| match l {
                        Load::Loading => c.loading_items.to_string(),
                        Load::Ready(p) => p.summary(c),
                        Load::Failed => String::new(),
                    })
                }}
            </p>
            <div aria-busy=move || load.with(|l| matches!(l, Load::Loading)).to_string()>
                {move || load.with(|l| match l {
                    Load::Ready(p) => {
                        let cards = p.items.iter().cloned().map(|item| {
                            let id = item.id.clone();
                            let on_erased = Callback::new(move |()| erased(&id));
                            view! { <li><ItemCard item on_erased /></li> }
                        }).collect_view();
                        Some(view! { <ol class="items">{cards}</ol> })
                    }
                    _ => None,
                })}
            </div>
            {move || load.with(|l| match l {
                Load::Ready(p) if p.has_other_pages() => {
                    let (newer, older) = (p.newer(), p.older());
                    Some(view! {
                        <nav class="pages" aria-label=move || ctx.copy().pages_label>
                            <button
                                type="button"
                                class="button secondary"
                                disabled=newer.is_none()
                                on:click=move |_| { if let Some(n) = newer { go(n) } }
                            >
                                {move || ctx.copy().newer}
                            </button>
                            <button
                                type="button"
                                class="button secondary"
                                disabled=older.is_none()
                                on:click=move |_| { if let Some(o) = older { go(o) } }
                            >
                                {move || ctx.copy().older}
                            </button>
                        </nav>
                    })
                }
                _ => None,
            })}
        </section>
    }
}
