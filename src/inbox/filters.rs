//! The filters (SPEC §10): "Search", venue, place, period, status, "names staff",
//! "heated". Edits stay in the form until "Apply filters" (or Enter in a field), so a
//! keyboard or screen-reader user is never moved by a half-made choice.

use evenhand_core::inbox_page::{Filters, Places, Status};
use leptos::prelude::*;

use super::{api, use_ctx};
use evenhand::browser;

#[component]
pub fn FilterForm(
    /// Called with the filters to show.
    on_apply: Callback<Filters>,
) -> impl IntoView {
    let ctx = use_ctx();
    let draft = RwSignal::new(Filters::default());
    let places = RwSignal::new(Places::default());
    let reversed = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match api::places().await {
            Ok(p) => {
                places.try_set(p);
            }
            Err(f) => ctx.fail(f),
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = draft.get_untracked();
        reversed.set(f.dates_reversed());
        if f.dates_reversed() {
            browser::focus("filter-from");
            return;
        }
        on_apply.run(f);
    };
    let clear = move |_| {
        draft.set(Filters::default());
        reversed.set(false);
        on_apply.run(Filters::default());
    };
    let text = move |id: &'static str,
                     kind: &'static str,
                     label: fn(&evenhand_core::i18n::inbox::InboxCopy) -> &'static str,
                     get: fn(&Filters) -> &String,
                     set: fn(&mut Filters, String)| {
        view! {
            <div class="field">
                <label for=id>{move || label(ctx.copy())}</label>
                <input
                    id=id
                    type=kind
                    prop:value=move || draft.with(|f| get(f).clone())
                    on:input:target=move |ev| draft.update(|f| set(f, ev.target().value()))
                />
            </div>
        }
    };
    let check = move |id: &'static str,
                      label: fn(&evenhand_core::i18n::inbox::InboxCopy) -> &'static str,
                      get: fn(&Filters) -> bool,
                      set: fn(&mut Filters, bool)| {
        view! {
            <label class="check" for=id>
                <input
                    id=id
                    type="checkbox"
                    prop:checked=move || draft.with(get)
                    on:change:target=move |ev| draft.update(|f| set(f, ev.target().checked()))
                />
                <span>{move || label(ctx.copy())}</span>
            </label>
        }
    };
    let options = move |list: fn(&Places) -> &Vec<String>| {
        move || {
            places.with(|p| {
                list(p)
                    .iter()
                    .map(|v| view! { <option value=v.clone()>{v.clone()}</option> })
                    .collect_view()
            })
        }
    };
    view! {
        <form class="filters" role="search" aria-label=move || ctx.copy().filters_label on:submit=submit>
            <div class="field search">
                <label for="filter-q">{move || ctx.copy().search_label}</label>
                <input
                    id="filter-q"
                    type="search"
                    aria-describedby="filter-q-hint"
                    prop:value=move || draft.with(|f| f.q.clone())
                    on:input:target=move |ev| draft.update(|f| f.q = ev.target().value())
                />
                <p id="filter-q-hint" class="hint">{move || ctx.copy().search_hint}</p>
            </div>
            <div class="field" hidden=move || places.with(|p| p.venues.len() < 2)>
                <label for="filter-venue">{move || ctx.copy().venue_label}</label>
                <select
                    id="filter-venue"
                    prop:value=move || draft.with(|f| f.venue.clone())
                    on:change:target=move |ev| draft.update(|f| f.venue = ev.target().value())
                >
                    <option value="">{move || ctx.copy().any_place}</option>
                    {options(|p| &p.venues)}
                </select>
            </div>
            <div class="field">
                <label for="filter-place">{move || ctx.copy().place_label}</label>
                <select
                    id="filter-place"
                    prop:value=move || draft.with(|f| f.place.clone())
                    on:change:target=move |ev| draft.update(|f| f.place = ev.target().value())
                >
                    <option value="">{move || ctx.copy().any_place}</option>
                    {options(|p| &p.places)}
                </select>
            </div>
            {text("filter-from", "date", |c| c.from_label, |f| &f.from, |f, v| f.from = v)}
            {text("filter-to", "date", |c| c.to_label, |f| &f.to, |f, v| f.to = v)}
            <div class="field">
                <label for="filter-status">{move || ctx.copy().status_label}</label>
                <select
                    id="filter-status"
                    prop:value=move || draft.with(|f| f.status.map(Status::code).unwrap_or_default())
                    on:change:target=move |ev| draft.update(|f| f.status = Status::from_code(&ev.target().value()))
                >
                    <option value="">{move || ctx.copy().any_status}</option>
                    {Status::ALL.into_iter().map(|s| view! {
                        <option value=s.code()>{move || s.name(ctx.copy())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field checks">
                {check("filter-names", |c| c.names_staff_label, |f| f.names_staff, |f, v| f.names_staff = v)}
                {check("filter-heated", |c| c.heated_label, |f| f.heated, |f, v| f.heated = v)}
            </div>
            <p class="hint dates-hint">{move || ctx.copy().dates_hint}</p>
            <p class="failure" role="alert">
                {move || reversed.get().then(|| ctx.copy().dates_reversed)}
            </p>
            <div class="actions">
                <button type="submit" class="button primary">{move || ctx.copy().apply}</button>
                <button type="button" class="button secondary" on:click=clear>
                    {move || ctx.copy().clear}
                </button>
            </div>
        </form>
    }
}
