//! The period filter the praise view and the overview share: two date fields ("From",
//! "To", inclusive days) and "Show". Empty fields mean no bound.

use evenhand_core::i18n::praise::{praise_copy, PraiseCopy};
use evenhand_core::praise::period::day_of;
use leptos::prelude::*;

use crate::inbox::use_ctx;

/// The default period: the last 30 days, today included.
pub fn last_30_days() -> (String, String) {
    let now = evenhand::browser::now_ms() as i64;
    (day_of(now - 29 * 86_400_000), day_of(now))
}

/// `?from=…&to=…` for the API, leaving out an empty bound.
pub fn query(from: &str, to: &str) -> String {
    let parts: Vec<String> = [("from", from), ("to", to)]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The period in words for a printed digest: "2026-11-01 – 2026-11-30".
pub fn in_words(c: &PraiseCopy, from: &str, to: &str) -> String {
    match (from.is_empty(), to.is_empty()) {
        (true, true) => c.all_time.to_string(),
        (false, true) => format!("{from} –"),
        (true, false) => format!("– {to}"),
        (false, false) => format!("{from} – {to}"),
    }
}

#[component]
pub fn PeriodForm(
    /// Prefix of the fields' ids, unique on the page.
    id: &'static str,
    from: RwSignal<String>,
    to: RwSignal<String>,
    /// Called on "Show".
    on_show: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let c = move || praise_copy(ctx.lang.get());
    let from_id = format!("{id}-from");
    let to_id = format!("{id}-to");
    view! {
        <form class="period-form no-print" on:submit=move |ev| {
            ev.prevent_default();
            on_show.run(());
        }>
            <fieldset>
                <legend>{move || c().period_legend}</legend>
                {[(from_id, (|c: &PraiseCopy| c.from_label) as fn(&PraiseCopy) -> &'static str, from), (to_id, |c| c.to_label, to)]
                    .into_iter()
                    .map(|(id, label, day)| view! {
                        <label for=id.clone()>{move || label(c())}</label>
                        <input
                            id=id
                            type="date"
                            prop:value=move || day.get()
                            on:input:target=move |ev| day.set(ev.target().value())
                        />
                    })
                    .collect_view()}
                <button type="submit" class="button secondary">{move || c().show}</button>
            </fieldset>
        </form>
    }
}
