//! Kiosk idle wipe (SPEC §7): after `idle_reset_seconds` without input the session is
//! wiped; a "still there?" warning comes first so a slow writer is not wiped mid-sentence.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use crate::app::{Kiosk, Screen};
use crate::browser;

/// Seconds of warning before the wipe, for a given idle limit.
pub fn warning_seconds(idle_reset_seconds: u32) -> u32 {
    (idle_reset_seconds / 3).clamp(5, 20)
}

/// Watches for input and wipes an idle session. Returns the seconds left while the
/// warning shows. One listener per event type and one interval, for the page's lifetime.
pub fn use_idle_reset(kiosk: Kiosk, idle_reset_seconds: u32) -> ReadSignal<Option<u32>> {
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
    let limit_ms = f64::from(idle_reset_seconds) * 1000.0;
    let warn_ms = f64::from(warning_seconds(idle_reset_seconds)) * 1000.0;
    let tick = set_interval_with_handle(
        move || {
            let in_session = kiosk.screen.try_get_untracked() != Some(Screen::Thanks)
                && !kiosk
                    .answers
                    .try_with_untracked(|a| a.is_blank())
                    .unwrap_or(true)
                || kiosk.screen.try_get_untracked() == Some(Screen::Review);
            if !in_session {
                last_input.try_set(browser::now_ms());
                if warning.try_get_untracked().flatten().is_some() {
                    set_warning.try_set(None);
                }
                return;
            }
            let idle = browser::now_ms() - last_input.get_untracked();
            if idle >= limit_ms {
                set_warning.try_set(None);
                kiosk.reset();
                last_input.try_set(browser::now_ms());
            } else if idle >= limit_ms - warn_ms {
                set_warning.try_set(Some(((limit_ms - idle) / 1000.0).ceil() as u32));
            } else if warning.try_get_untracked().flatten().is_some() {
                set_warning.try_set(None);
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
