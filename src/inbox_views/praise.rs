//! The inbox's "Praise" view (SPEC §11): praise newest first, grouped by the person
//! named with counts ("Jean-Marc (3)"), "Whole team" for praise naming no one, a period
//! filter, and "Print": a clean A4 digest to pin up in the staff room (style/praise.css
//! hides the controls; names large, guests' words as quotes; the answer holds no
//! email and no place).

use evenhand_core::i18n::fill;
use evenhand_core::i18n::praise::praise_copy;
use evenhand_core::praise::{Digest, Item};
use leptos::prelude::*;

use super::api::{fetch_into, shown, Loaded};
use super::digest::{sections, Sections};
use super::page_lang;
use super::period::{in_words, last_30_days, query, PeriodForm};

#[component]
pub fn PraiseView() -> impl IntoView {
    let lang = page_lang();
    let c = praise_copy(lang);
    let (first, last) = last_30_days();
    let from = RwSignal::new(first);
    let to = RwSignal::new(last);
    let shown_period = RwSignal::new(String::new());
    let loaded: Loaded<Digest<Item>> = RwSignal::new(None);
    let load = move || {
        let (f, t) = (from.get_untracked(), to.get_untracked());
        shown_period.set(in_words(c, &f, &t));
        fetch_into(loaded, format!("/api/inbox/praise{}", query(&f, &t)));
    };
    load();
    let body = move || {
        shown(loaded.get(), c, |digest| {
            let groups = sections(&digest, c, lang);
            if groups.is_empty() {
                view! { <p>{c.praise_none}</p> }.into_any()
            } else {
                view! { <Sections sections=groups level=3 /> }.into_any()
            }
        })
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="praise-view praise-page" aria-labelledby="praise-heading">
            <h2 id="praise-heading" class="no-print">{c.praise_heading}</h2>
            <p class="no-print">{c.praise_intro}</p>
            <PeriodForm c id="praise" from to on_show=Callback::new(move |()| load()) />
            <p class="actions no-print">
                <button type="button" class="button primary" on:click=print>{c.print}</button>
            </p>
            <header class="print-only digest-head">
                <p class="digest-title">{c.digest_title}</p>
                <p>{move || fill(c.digest_period, "", &shown_period.get())}</p>
            </header>
            <div class="praise-body">{body}</div>
        </section>
    }
}
