//! Kiosk idle wipe (SPEC §7): watches for input and asks `evenhand_core::session::idle_step`
//! what to do each second — nothing, the "still there?" warning, or the wipe.

use std::time::Duration;

use evenhand_core::session::{idle_applies, idle_step, IdleStep};
use leptos::ev;
use leptos::prelude::*;

use crate::browser;
use crate::state::{Session, Setup};

/// Watches for input and wipes an idle session. Returns the seconds left while the
/// warning shows. One listener per event type and one interval, for the page's lifetime.
pub fn use_idle_reset(
    setup: Setup,
    session: Session,
    idle_reset_seconds: u32,
) -> ReadSignal<Option<u32>> {
    let (warning, set_warning) = signal(None::<u32>);
    let last_input = RwSignal::new(browser::now_ms());
    let touch = move || last_input.try_set(browser::now_ms());
    let handles = [
        window_event_listener(ev::pointerdown, move |_| {
            touch();
        }),
        window_event_listener(ev::keydown, move |_| {
            touch();
        }),
        window_event_listener(ev::input, move |_| {
            touch();
        }),
    ];
    let show = move |value: Option<u32>| {
        if warning.try_get_untracked().flatten() != value {
            set_warning.try_set(value);
        }
    };
    let tick = set_interval_with_handle(
        move || {
            let applies = session.screen.try_get_untracked().is_some_and(|screen| {
                session
                    .answers
                    .try_with_untracked(|a| idle_applies(screen, a))
                    .unwrap_or(false)
            });
            let idle = (browser::now_ms() - last_input.get_untracked()).max(0.0) as u64;
            match idle_step(applies, idle, idle_reset_seconds) {
                IdleStep::Restart => {
                    last_input.try_set(browser::now_ms());
                    show(None);
                }
                IdleStep::Calm => show(None),
                IdleStep::Warn(seconds) => show(Some(seconds)),
                IdleStep::Wipe => {
                    show(None);
                    session.reset(setup.mode);
                    last_input.try_set(browser::now_ms());
                }
            }
        },
        Duration::from_secs(1),
    );
    on_cleanup(move || {
        for h in handles {
            h.remove();
        }
        if let Ok(t) = tick {
            t.clear();
        }
    });
    warning
}
