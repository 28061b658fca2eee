//! Praise as quotes grouped by person: "Jean-Marc (3)", then "Whole team". Shared by the
//! inbox's "Praise" view and the public team page; guests' words are rendered as text,
//! marked with their own language.

use evenhand_core::i18n::fill;
use evenhand_core::i18n::praise::PraiseCopy;
use evenhand_core::lang::Lang;
use evenhand_core::praise::{Digest, Quote};
use evenhand_core::time::parse_rfc3339_ms;
use leptos::prelude::*;

/// A group ready to show: its heading ("Jean-Marc (3)") and its quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub quotes: Vec<Shown>,
}

/// One quote ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub text: String,
    pub language: String,
    pub date: String,
}

/// The sections of a digest: each person, then the whole team when it has praise.
pub fn sections<I: Quote>(digest: &Digest<I>, c: &PraiseCopy, lang: Lang) -> Vec<Section> {
    let shown = |items: &[I]| {
        items
            .iter()
            .map(|i| Shown {
                text: i.text().to_string(),
                language: i.language().to_string(),
                date: fill(c.received, "", &local_date(i.received_at(), lang)),
            })
            .collect()
    };
    let mut out: Vec<Section> = digest
        .groups
        .iter()
        .map(|g| Section {
            heading: fill(c.group_heading, g.count, &g.name),
            quotes: shown(&g.items),
        })
        .collect();
    if digest.team.count > 0 {
        out.push(Section {
            heading: fill(c.group_heading, digest.team.count, c.whole_team),
            quotes: shown(&digest.team.items),
        });
    }
    out
}

/// A day as the reader's locale writes it, e.g. "24/11/2026".
fn local_date(rfc3339: &str, lang: Lang) -> String {
    match parse_rfc3339_ms(rfc3339) {
        Some(ms) => js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
            .to_locale_date_string(lang.code(), &wasm_bindgen::JsValue::UNDEFINED)
            .into(),
        None => rfc3339.chars().take(10).collect(),
    }
}

/// The sections, each a heading of level `level` (2 or 3) and a list of quotes.
#[component]
pub fn Sections(
    /// What to show, in order.
    sections: Vec<Section>,
    /// The headings' level: 2 on a page of its own, 3 inside a view.
    level: u8,
) -> impl IntoView {
    sections
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let id = format!("praise-group-{i}");
            let heading = if level <= 2 {
                view! { <h2 id=id.clone() class="praise-name">{s.heading}</h2> }.into_any()
            } else {
                view! { <h3 id=id.clone() class="praise-name">{s.heading}</h3> }.into_any()
            };
            view! {
                <section class="praise-group" aria-labelledby=id>
                    {heading}
                    <ul class="praise-quotes">
                        {s.quotes.into_iter().map(|q| view! {
                            <li>
                                <blockquote lang=q.language>
                                    <p>{q.text}</p>
                                </blockquote>
                                <p class="praise-date">{q.date}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
}
