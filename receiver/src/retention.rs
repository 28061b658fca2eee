//! The retention rules at work (SPEC §13): `serve` applies them at start and daily,
//! `purge` on demand; both say what they erased in the same words.

use std::sync::Arc;
use std::time::Duration;

use evenhand_core::retention::{Counts, Rules};

use crate::store::{now_ms, Store};

/// How often `serve` applies the rules.
pub const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// The rules in a line, for the start-up log and `purge`.
pub fn describe(rules: &Rules) -> String {
    let limit = |days: u32, from: &str| match days {
        0 => "kept forever".to_string(),
        1 => format!("1 day from {from}"),
        d => format!("{d} days from {from}"),
    };
    format!(
        "a guest's contact: {}, {}; a \"Not confirmed\" complaint's text: {}; every text: {}",
        limit(rules.contact_after_closed_days, "a closed complaint"),
        limit(rules.contact_days, "receipt"),
        limit(rules.not_confirmed_text_days, "that status"),
        limit(rules.text_days, "receipt"),
    )
}

/// What a purge erased, by kind, one per line.
pub fn counts_lines(counts: &Counts) -> [String; 3] {
    [
        format!("guest contacts erased: {}", counts.contacts),
        format!(
            "\"Not confirmed\" complaint texts erased: {}",
            counts.not_confirmed_texts
        ),
        format!("texts erased after their time: {}", counts.texts),
    ]
}

/// Applies `rules` now and every [`EVERY`] after, for as long as the server runs;
/// each pass logs its counts, a failure logs and waits for the next pass.
pub async fn daily(store: Arc<Store>, rules: Rules) {
    let mut every = tokio::time::interval(EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let store = store.clone();
        let result =
            tokio::task::spawn_blocking(move || store.purge(&rules, now_ms(), "serve")).await;
        match result {
            Ok(Ok(counts)) => eprintln!("retention: {}", counts_lines(&counts).join("; ")),
            Ok(Err(e)) => eprintln!("error: the retention rules could not be applied: {e}"),
            Err(e) => eprintln!("error: the retention rules could not be applied: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_each_limit_and_forever() {
        let line = describe(&Rules {
            text_days: 0,
            ..Rules::default()
        });
        assert_eq!(
            line,
            "a guest's contact: 30 days from a closed complaint, 90 days from receipt; \
             a \"Not confirmed\" complaint's text: 30 days from that status; every text: kept forever"
        );
    }
}
