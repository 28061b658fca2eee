//! The inbox's "Praise" view (SPEC §11): praise newest first, grouped by the person
//! named with counts ("Jean-Marc (3)"), "Whole team" for praise naming no one, a period
//! filter, and "Print": a clean A4 digest to pin up in the staff room (style/praise.css
//! hides the controls; names large, guests' words as quotes; the answer holds no
//! email and no place).

use evenhand_core::i18n::fill;
use evenhand_core::i18n::praise::praise_copy;
use evenhand_core::praise::{Digest, Item};
use leptos::prelude::*;

use super::digest::{sections, Sections};
use super::load::{shown, Loader};
use super::period::{in_words, last_30_days, query, PeriodForm};
use crate::inbox::{api, use_ctx};

#[component]
pub fn PraiseView() -> impl IntoView {
    let ctx = use_ctx();
    let c = move || praise_copy(ctx.lang.get());
    let (first, last) = last_30_days();
    let from = RwSignal::new(first);
    let to = RwSignal::new(last);
    // The period shown, for the printed digest's header.
    let shown_period = RwSignal::new((String::new(), String::new()));
    let digest: Loader<Digest<Item>> = Loader::new();
    let load = move || {
        let (f, t) = (from.get_untracked(), to.get_untracked());
        let period = query(&f, &t);
        shown_period.set((f, t));
        digest.run(ctx, async move { api::praise(&period).await });
    };
    load();
    let body = move || {
        let (c, lang) = (c(), ctx.lang.get());
        shown(digest, c, |digest| {
            let groups = sections(&digest, c, lang);
            if groups.is_empty() {
                view! { <p>{c.praise_none}</p> }.into_any()
            } else {
                view! { <Sections sections=groups level=2 /> }.into_any()
            }
        })
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="praise-view praise-page" aria-labelledby="view-heading">
            <h1 id="view-heading" class="no-print" tabindex="-1">{move || c().praise_heading}</h1>
            <p class="no-print">{move || c().praise_intro}</p>
            <PeriodForm id="praise" from to on_show=Callback::new(move |()| load()) />
            <p class="actions no-print">
                <button type="button" class="button primary" on:click=print>{move || c().print}</button>
            </p>
            <header class="print-only digest-head">
                <p class="digest-title">{move || c().digest_title}</p>
                <p>{move || shown_period.with(|(f, t)| fill(c().digest_period, "", &in_words(c(), f, t)))}</p>
            </header>
            <div class="praise-body">{body}</div>
        </section>
    }
}
