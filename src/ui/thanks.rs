//! Thank you: the submission is already on its way; in kiosk mode a fresh form follows.

use evenhand_core::config::Mode;
use evenhand_core::i18n::fill;
use leptos::prelude::*;

use crate::app::use_kiosk;
use crate::browser;
use crate::hooks::use_countdown;

#[component]
pub fn Thanks() -> impl IntoView {
    let kiosk = use_kiosk();
    let kiosk_mode = kiosk.mode == Mode::Kiosk;
    let seconds = if kiosk_mode {
        kiosk.config().kiosk.thank_you_seconds
    } else {
        0
    };
    let remaining = use_countdown(seconds);
    let k = kiosk;
    Effect::new(move |_| {
        if kiosk_mode && remaining.get() == 0 {
            k.reset();
        }
    });
    Effect::new(move |_| browser::focus("screen-heading"));
    let k = kiosk;
    let c = kiosk.copy();
    let outbox = expect_context::<crate::outbox::Outbox>();
    view! {
        <section class="thanks">
            <h1 id="screen-heading" tabindex="-1">{c.thank_you_heading}</h1>
            <p>
                {move || if outbox.status().with(|s| s.pending > 0) { c.thank_you_queued } else { c.thank_you_body }}
            </p>
            {kiosk_mode.then(|| view! {
                <p class="hint">{move || fill(c.new_form_in, remaining.get(), "")}</p>
            })}
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| k.reset()>
                    {c.start_again}
                </button>
            </div>
        </section>
    }
}
