//! The staff page (`staff.html`, SPEC §7): behind the staff PIN (a casual lock, not
//! security: config.json is public), the outbox the kiosk shares through IndexedDB —
//! pending, rejected, last error, last success — with "Retry now" (a pass of the same
//! driver, under the same Web Lock) and "Export JSON".
//!
//! Its own bundle, like the QR sheet, so a guest's first load carries neither this view
//! nor the export. The kiosk links here with its query (place, mode, language); the way
//! back keeps it.

use evenhand::browser;
use evenhand::config_load::{self, LoadError};
use evenhand::outbox::Outbox;
use evenhand::ui::boot::Loading;
use evenhand::ui::error_page::ErrorPage;
use evenhand_core::config::{Config, Endpoint};
use evenhand_core::i18n::{copy, fill, qr_copy, Copy};
use evenhand_core::lang::{self, Lang};
use evenhand_core::queue::StorageFault;
use evenhand_core::staff::pin_matches;
use leptos::prelude::*;

fn main() {
    browser::remove_element("boot");
    match browser::element_by_id("app") {
        Some(root) => leptos::mount::mount_to(root, StaffPage).forget(),
        None => leptos::mount::mount_to_body(StaffPage),
    }
}

#[component]
fn StaffPage() -> impl IntoView {
    let lang = lang::choose(
        &Lang::ALL,
        browser::query_param("lang").as_deref(),
        &browser::preferred_languages(),
    );
    let c = copy(lang);
    browser::set_document_language(lang.code(), c.staff_heading);
    let loaded: RwSignal<Option<Result<Config, LoadError>>> = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let result = config_load::load().await;
        loaded.set(Some(result));
    });
    move || match loaded.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorPage error lang /> }.into_any(),
        Some(Ok(config)) => {
            let body = match config.staff_pin_sha256.clone() {
                None => view! { <p>{qr_copy(lang).staff_off}</p> }.into_any(),
                Some(pin_hash) => {
                    view! { <Locked c lang pin_hash endpoint=config.endpoint.clone() /> }.into_any()
                }
            };
            view! {
                <main id="main" class="main">
                    <section class="staff-dialog" aria-labelledby="staff-title">
                        <h1 id="staff-title" tabindex="-1">{c.staff_heading}</h1>
                        {body}
                        <p class="actions">
                            <a class="button secondary" href=browser::link_with_query("./", "lang", lang.code())>
                                {c.staff_back}
                            </a>
                        </p>
                    </section>
                </main>
            }
            .into_any()
        }
    }
}

/// The PIN form, then the outbox once the PIN is right.
#[component]
fn Locked(c: &'static Copy, lang: Lang, pin_hash: String, endpoint: Endpoint) -> impl IntoView {
    let open = RwSignal::new(false);
    let pin_hash = StoredValue::new(pin_hash);
    let endpoint = StoredValue::new(endpoint);
    move || {
        if open.get() {
            view! { <OutboxPanel c lang endpoint=endpoint.get_value() /> }.into_any()
        } else {
            view! { <PinForm c pin_hash open /> }.into_any()
        }
    }
}

#[component]
fn PinForm(c: &'static Copy, pin_hash: StoredValue<String>, open: RwSignal<bool>) -> impl IntoView {
    let pin = RwSignal::new(String::new());
    let wrong = RwSignal::new(false);
    Effect::new(move |_| browser::focus("staff-pin"));
    view! {
        <form on:submit=move |ev| {
            ev.prevent_default();
            if pin_hash.with_value(|h| pin_matches(&pin.get_untracked(), h)) {
                open.set(true);
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
                <button type="submit" class="button primary">{c.staff_unlock}</button>
            </div>
        </form>
    }
}

/// The outbox: this page runs the same driver as the kiosk (a first pass at once, then
/// on its timer or on "Retry now"), so it also delivers while staff look.
#[component]
fn OutboxPanel(c: &'static Copy, lang: Lang, endpoint: Endpoint) -> impl IntoView {
    let outbox = Outbox::start(endpoint);
    leptos::task::spawn_local(async move { outbox.count().await });
    let status = outbox.status();
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
        {move || status.with(|s| s.counted).then(|| view! {
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
        })}
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
            <button type="button" class="button primary" on:click=move |_| outbox.retry_now()>
                {c.staff_retry_now}
            </button>
        </div>
    }
}
