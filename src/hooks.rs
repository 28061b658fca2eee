//! A countdown as a reactive value, cancelled when its owner is cleaned up.

use std::time::Duration;

use leptos::prelude::*;

/// Counts down from `seconds` to 0, once a second. The interval stops at 0 and on cleanup.
pub fn use_countdown(seconds: u32) -> ReadSignal<u32> {
    let (remaining, set_remaining) = signal(seconds);
    if seconds > 0 {
        let handle = set_interval_with_handle(
            move || {
                set_remaining.try_update(|r| *r = r.saturating_sub(1));
            },
            Duration::from_secs(1),
        );
        if let Ok(handle) = handle {
            Effect::new(move |_| {
                if remaining.get() == 0 {
                    handle.clear();
                }
            });
            on_cleanup(move || handle.clear());
        }
    }
    remaining
}
