//! Thank you: the submission is already on its way; in kiosk mode a fresh form follows.

use evenhand_core::config::Mode;
use evenhand_core::i18n::fill;
use leptos::prelude::*;

use crate::browser;
use crate::hooks::use_countdown;
use crate::state::{use_session, use_setup};

#[component]
pub fn Thanks() -> impl IntoView {
    let setup = use_setup();
    let session = use_session();
    let kiosk_mode = setup.mode == Mode::Kiosk;
    let seconds = if kiosk_mode {
        setup.config().kiosk.thank_you_seconds
    } else {
        0
    };
    let remaining = use_countdown(seconds);
    Effect::new(move |_| {
        if kiosk_mode && remaining.get() == 0 {
            session.reset(setup.mode);
        }
    });
    Effect::new(move |_| browser::focus("screen-heading"));
    let c = session.copy();
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
                <button type="button" class="button primary" on:click=move |_| session.reset(setup.mode)>
                    {c.start_again}
                </button>
            </div>
        </section>
    }
}
