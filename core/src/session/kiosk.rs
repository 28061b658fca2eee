//! A shared tablet's session lifecycle (SPEC §7): the idle wipe with its "still there?"
//! warning, and when a fresh session starts with a reload.

use crate::config::Mode;

use super::{Answers, Screen};

/// A kiosk reloads itself at the start of a fresh session after this many sessions:
/// Leptos keeps ~1.6 KB per unmounted screen under long-lived owners (measured by
/// bench/soak), so a tablet running for months stays bounded.
pub const RELOAD_EVERY_SESSIONS: u32 = 200;

/// Whether the fresh session after `sessions` sessions starts with a reload: always for
/// a new build that is ready, and in kiosk mode every [`RELOAD_EVERY_SESSIONS`]. It is
/// the safe moment: nothing is on screen and every sent submission is in the outbox.
pub fn reload_at_reset(update_ready: bool, mode: Mode, sessions: u32) -> bool {
    update_ready || (mode == Mode::Kiosk && sessions + 1 >= RELOAD_EVERY_SESSIONS)
}

/// Seconds of warning before the wipe, for a given idle limit: a third, 5 to 20 s.
pub fn warning_seconds(idle_reset_seconds: u32) -> u32 {
    (idle_reset_seconds / 3).clamp(5, 20)
}

/// Whether the idle wipe watches the session: once the guest has typed or chosen
/// something on the form, and on the review screen. A blank form and the thank-you
/// screen have nothing to wipe.
pub fn idle_applies(screen: Screen, answers: &Answers) -> bool {
    match screen {
        Screen::Form => !answers.is_blank(),
        Screen::Review => true,
        Screen::Thanks => false,
    }
}

/// What the idle timer does on one tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleStep {
    /// Nothing to watch: the idle clock starts again.
    Restart,
    /// Recent input: no warning.
    Calm,
    /// The warning, with the seconds left before the wipe.
    Warn(u32),
    /// Wipe the session.
    Wipe,
}

/// One tick of the idle timer, `idle_ms` after the last touch or key.
pub fn idle_step(applies: bool, idle_ms: u64, idle_reset_seconds: u32) -> IdleStep {
    let limit = u64::from(idle_reset_seconds) * 1000;
    let warn = u64::from(warning_seconds(idle_reset_seconds)) * 1000;
    if !applies {
        IdleStep::Restart
    } else if idle_ms >= limit {
        IdleStep::Wipe
    } else if idle_ms >= limit.saturating_sub(warn) {
        let left = (limit - idle_ms).div_ceil(1000);
        IdleStep::Warn(u32::try_from(left).unwrap_or(u32::MAX))
    } else {
        IdleStep::Calm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kiosk_reloads_every_so_many_sessions_and_for_a_new_build() {
        assert!(!reload_at_reset(false, Mode::Kiosk, 0));
        assert!(!reload_at_reset(
            false,
            Mode::Kiosk,
            RELOAD_EVERY_SESSIONS - 2
        ));
        assert!(reload_at_reset(
            false,
            Mode::Kiosk,
            RELOAD_EVERY_SESSIONS - 1
        ));
        assert!(reload_at_reset(true, Mode::Kiosk, 0));
        // A guest's phone is not a long-running page: only a new build reloads it.
        assert!(!reload_at_reset(
            false,
            Mode::Personal,
            10 * RELOAD_EVERY_SESSIONS
        ));
        assert!(reload_at_reset(true, Mode::Personal, 0));
    }

    #[test]
    fn only_a_started_session_is_wiped() {
        let blank = Answers::default();
        let started = Answers {
            complaint: "slow".into(),
            ..Answers::default()
        };
        assert!(!idle_applies(Screen::Form, &blank));
        assert!(idle_applies(Screen::Form, &started));
        assert!(idle_applies(Screen::Review, &blank));
        assert!(!idle_applies(Screen::Thanks, &started));
    }

    #[test]
    fn a_warning_comes_before_the_wipe() {
        // 90 s limit: a 20 s warning from 70 s.
        assert_eq!(idle_step(true, 69_999, 90), IdleStep::Calm);
        assert_eq!(idle_step(true, 70_000, 90), IdleStep::Warn(20));
        assert_eq!(idle_step(true, 88_500, 90), IdleStep::Warn(2));
        assert_eq!(idle_step(true, 90_000, 90), IdleStep::Wipe);
        assert_eq!(idle_step(false, 500_000, 90), IdleStep::Restart);
        // The shortest limit still warns for 5 s; a long one for at most 20 s.
        assert_eq!(idle_step(true, 5_000, 10), IdleStep::Warn(5));
        assert_eq!(idle_step(true, 3_000_000, 3600), IdleStep::Calm);
        assert_eq!(idle_step(true, 3_580_000, 3600), IdleStep::Warn(20));
    }
}
