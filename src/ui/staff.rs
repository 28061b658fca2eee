//! The staff view (SPEC §7): a discreet control, a PIN (a casual lock, not security:
//! config.json is public), and the outbox — pending, rejected, last error, last
//! success, "Retry now", "Export JSON".

use evenhand_core::i18n::{fill, Copy};
use evenhand_core::queue::StorageFault;
use evenhand_core::staff::pin_matches;
use leptos::prelude::*;

use crate::browser;
use crate::outbox::Outbox;
use crate::state::{use_session, use_setup};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Closed,
    Pin,
    Open,
}

/// The "Staff" control and, once unlocked, the outbox view. Absent without a PIN.
#[component]
pub fn StaffControl() -> impl IntoView {
    let session = use_session();
    let config = use_setup().config();
    let Some(pin_hash) = config.staff_pin_sha256.clone() else {
        return ().into_any();
    };
    let view = RwSignal::new(View::Closed);
    // A fresh guest session always starts with the staff view locked.
    Effect::new(move |_| {
        session.count.track();
        view.set(View::Closed);
    });
    let c = session.copy();
    let pin_hash = StoredValue::new(pin_hash);
    view! {
        <button
            type="button"
            class="staff-toggle"
            aria-haspopup="dialog"
            on:click=move |_| {
                view.set(View::Pin);
                browser::focus("staff-pin");
            }
        >
            {c.staff_open}
        </button>
        {move || match view.get() {
            View::Closed => ().into_any(),
            View::Pin => view! { <PinDialog c pin_hash view /> }.into_any(),
            View::Open => view! { <OutboxPanel c view /> }.into_any(),
        }}
    }
    .into_any()
}

#[component]
fn PinDialog(
    c: &'static Copy,
    pin_hash: StoredValue<String>,
    view: RwSignal<View>,
) -> impl IntoView {
    let pin = RwSignal::new(String::new());
    let wrong = RwSignal::new(false);
    view! {
        <div class="staff-layer">
            <section class="staff-dialog" role="dialog" aria-modal="true" aria-labelledby="staff-pin-title">
                <h2 id="staff-pin-title">{c.staff_heading}</h2>
                <form on:submit=move |ev| {
                    ev.prevent_default();
                    if pin_hash.with_value(|h| pin_matches(&pin.get_untracked(), h)) {
                        view.set(View::Open);
                    } else {
                        wrong.set(true);
                        pin.set(String::new());
                    }
                }>
                    <label for="staff-pin">{c.staff_pin_label}</label>
                    <input
                        id="staff-pin"
                        type="password"
                        inputmode="numeric"
                        autocomplete="off"
                        prop:value=move || pin.get()
                        on:input:target=move |ev| pin.set(ev.target().value())
                    />
                    <p class="failure" role="alert">{move || wrong.get().then_some(c.staff_wrong_pin)}</p>
                    <div class="actions">
                        <button type="button" class="button secondary" on:click=move |_| view.set(View::Closed)>
                            {c.staff_close}
                        </button>
                        <button type="submit" class="button primary">{c.staff_unlock}</button>
                    </div>
                </form>
            </section>
        </div>
    }
}

#[component]
fn OutboxPanel(c: &'static Copy, view: RwSignal<View>) -> impl IntoView {
    let session = use_session();
    let outbox = expect_context::<Outbox>();
    let status = outbox.status();
    let lang = session.lang.get_untracked();
    let export_error: RwSignal<Option<String>> = RwSignal::new(None);
    Effect::new(move |_| browser::focus("staff-title"));
    let export = move |_| {
        leptos::task::spawn_local(async move {
            match outbox.export_json().await {
                Ok(json) => {
                    let name = format!("evenhand-outbox-{}.json", browser::now_ms() as u64);
                    if let Err(e) = browser::download(&name, "application/json", &json) {
                        export_error.try_set(Some(e));
                    }
                }
                Err(e) => {
                    export_error.try_set(Some(e.detail()));
                }
            }
        });
    };
    view! {
        <div class="staff-layer">
            <section class="staff-dialog" role="dialog" aria-modal="true" aria-labelledby="staff-title">
                <h2 id="staff-title" tabindex="-1">{c.staff_heading}</h2>
                <dl class="outbox-status">
                    <dt>{c.staff_pending}</dt>
                    <dd>{move || status.with(|s| s.pending.to_string())}</dd>
                    <dt>{c.staff_rejected}</dt>
                    <dd>{move || status.with(|s| s.rejected.to_string())}</dd>
                    <dt>{c.staff_last_error}</dt>
                    <dd>{move || status.with(|s| s.last_error.clone().unwrap_or_else(|| c.staff_none.to_string()))}</dd>
                    <dt>{c.staff_last_success}</dt>
                    <dd>
                        {move || status.with(|s| s.last_success_ms.map(|ms| browser::local_time(ms, lang)).unwrap_or_else(|| c.staff_never.to_string()))}
                    </dd>
                </dl>
                <p class="failure" role="alert">
                    {move || status.with(|s| s.storage_lost.then_some(c.staff_storage_lost))}
                    " "
                    {move || status.with(|s| s.storage_fault.as_ref().map(|(f, d)| fill(f.message(c), "", d)))}
                    " "
                    {move || export_error.get().map(|d| fill(StorageFault::Export.message(c), "", &d))}
                </p>
                <div class="actions">
                    <a class="button secondary" href="qr.html">{c.staff_qr}</a>
                    <button type="button" class="button secondary" on:click=export>{c.staff_export}</button>
                    <button type="button" class="button secondary" on:click=move |_| outbox.retry_now()>
                        {c.staff_retry_now}
                    </button>
                    <button type="button" class="button primary" on:click=move |_| view.set(View::Closed)>
                        {c.staff_close}
                    </button>
                </div>
            </section>
        </div>
    }
}
