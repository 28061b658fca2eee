//! The inbox's sign-in rules (SPEC §10): when an email is locked out after failed
//! attempts, and how long a session lasts unused. Times are milliseconds since the Unix
//! epoch.

/// Failed attempts for one email that lock it...
pub const MAX_FAILURES: usize = 5;
/// ...when they fall within this span...
pub const FAILURE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// ...for this long after the last of them.
pub const LOCKOUT_MS: i64 = 15 * 60 * 1000;
/// A session unused for this long has ended.
pub const SESSION_IDLE_MS: i64 = 12 * 60 * 60 * 1000;

/// Failures older than this cannot lock anything any more: the store may forget them.
pub fn failures_relevant_since(now_ms: i64) -> i64 {
    now_ms - FAILURE_WINDOW_MS - LOCKOUT_MS
}

/// How long sign-in stays refused for an email whose failed attempts happened at
/// `failures` (any order), or `None` when it is open. Attempts made while locked are
/// refused before the password is checked, so they are not failures and never extend
/// the lockout.
pub fn locked_for_ms(failures: &[i64], now_ms: i64) -> Option<i64> {
    let mut at: Vec<i64> = failures.to_vec();
    at.sort_unstable();
    let until = at
        .windows(MAX_FAILURES)
        .filter(|w| w[MAX_FAILURES - 1] - w[0] <= FAILURE_WINDOW_MS)
        .map(|w| w[MAX_FAILURES - 1] + LOCKOUT_MS)
        .max()?;
    (until > now_ms).then_some(until - now_ms)
}

/// Whole minutes to tell a person to wait: never "0 minutes".
pub fn minutes_to_wait(ms: i64) -> i64 {
    ((ms + 59_999) / 60_000).max(1)
}

/// Whether a session last used at `last_seen_ms` is still open at `now_ms`.
pub fn session_open(last_seen_ms: i64, now_ms: i64) -> bool {
    now_ms - last_seen_ms <= SESSION_IDLE_MS
}

/// Sessions last used before this have ended at `now_ms` (none can open again): the
/// store may delete them. The same boundary as [`session_open`].
pub fn sessions_ended_before(now_ms: i64) -> i64 {
    now_ms - SESSION_IDLE_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn five_failures_in_fifteen_minutes_lock_for_fifteen() {
        let four = [0, MIN, 2 * MIN, 3 * MIN];
        assert_eq!(locked_for_ms(&four, 4 * MIN), None);
        let five = [0, MIN, 2 * MIN, 3 * MIN, 14 * MIN];
        assert_eq!(locked_for_ms(&five, 14 * MIN), Some(15 * MIN));
        assert_eq!(locked_for_ms(&five, 28 * MIN + 1), Some(MIN - 1));
        assert_eq!(locked_for_ms(&five, 29 * MIN), None);
    }

    #[test]
    fn failures_spread_wider_than_the_window_do_not_lock() {
        let spread = [0, 4 * MIN, 8 * MIN, 12 * MIN, 16 * MIN];
        assert_eq!(locked_for_ms(&spread, 16 * MIN), None);
        // ...until a sixth brings five within fifteen minutes.
        let six = [0, 4 * MIN, 8 * MIN, 12 * MIN, 16 * MIN, 17 * MIN];
        assert_eq!(locked_for_ms(&six, 17 * MIN), Some(15 * MIN));
    }

    #[test]
    fn waits_are_told_in_whole_minutes() {
        assert_eq!(minutes_to_wait(15 * MIN), 15);
        assert_eq!(minutes_to_wait(14 * MIN + 1), 15);
        assert_eq!(minutes_to_wait(1), 1);
    }

    #[test]
    fn a_session_ends_after_twelve_idle_hours() {
        let h = 60 * MIN;
        assert!(session_open(0, 12 * h));
        assert!(!session_open(0, 12 * h + 1));
        // What the store deletes is exactly what has ended.
        for last_seen in [-1, 0, 1] {
            assert_eq!(
                last_seen < sessions_ended_before(12 * h),
                !session_open(last_seen, 12 * h),
                "{last_seen}"
            );
        }
        assert!(failures_relevant_since(30 * MIN) == 0);
    }
}
