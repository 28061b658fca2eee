//! The period an inbox view asks for: `from` and `to` as inclusive UTC days
//! (`YYYY-MM-DD`) of receipt, turned into bounds on the stored `received_at` text
//! (RFC 3339 UTC, so text order is time order).

use crate::time::{parse_rfc3339_ms, rfc3339_millis};

const DAY_MS: i64 = 86_400_000;

/// `received_at >= from` and `received_at < until`; `None`: no bound.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bounds {
    pub from: Option<String>,
    pub until: Option<String>,
}

/// What is wrong with a requested period, naming the parameter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("`{0}` must be a day written YYYY-MM-DD")]
    NotADay(&'static str),
    #[error("`from` must not be after `to`")]
    Reversed,
}

/// A day `YYYY-MM-DD` that exists on the calendar, as ms since the Unix epoch at its
/// start (UTC); `None` for anything else (`2026-02-30`, `27/11/2026`).
pub fn day_start_ms(day: &str) -> Option<i64> {
    if day.len() != 10 {
        return None;
    }
    let ms = parse_rfc3339_ms(&format!("{day}T00:00:00Z"))? as i64;
    (day_of(ms) == day).then_some(ms)
}

/// The UTC day `YYYY-MM-DD` of a time in ms since the Unix epoch.
pub fn day_of(ms: i64) -> String {
    rfc3339_millis(ms)[..10].to_string()
}

impl Bounds {
    /// The bounds of `from..=to`, each optional.
    pub fn days(from: Option<&str>, to: Option<&str>) -> Result<Bounds, PeriodError> {
        let start = from
            .map(|d| day_start_ms(d).ok_or(PeriodError::NotADay("from")))
            .transpose()?;
        let end = to
            .map(|d| day_start_ms(d).ok_or(PeriodError::NotADay("to")))
            .transpose()?;
        if let (Some(s), Some(e)) = (start, end) {
            if s > e {
                return Err(PeriodError::Reversed);
            }
        }
        Ok(Bounds {
            from: start.map(rfc3339_millis),
            until: end.map(|e| rfc3339_millis(e + DAY_MS)),
        })
    }

    /// The last `days` days up to `now_ms`: what the team page shows.
    pub fn last_days(now_ms: i64, days: i64) -> Bounds {
        Bounds {
            from: Some(rfc3339_millis(now_ms - days * DAY_MS)),
            until: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inclusive_days_of_receipt() {
        let b = Bounds::days(Some("2026-11-01"), Some("2026-11-30")).unwrap();
        assert_eq!(b.from.as_deref(), Some("2026-11-01T00:00:00.000Z"));
        assert_eq!(b.until.as_deref(), Some("2026-12-01T00:00:00.000Z"));
        let last_moment = "2026-11-30T23:59:59.999Z";
        assert!(last_moment < b.until.as_deref().unwrap());
        assert_eq!(Bounds::days(None, None).unwrap(), Bounds::default());
        let leap = Bounds::days(None, Some("2028-02-28")).unwrap();
        assert_eq!(leap.until.as_deref(), Some("2028-02-29T00:00:00.000Z"));
    }

    #[test]
    fn bad_periods_name_the_parameter() {
        assert_eq!(
            Bounds::days(Some("2026-13-01"), None),
            Err(PeriodError::NotADay("from"))
        );
        assert_eq!(
            Bounds::days(None, Some("yesterday")),
            Err(PeriodError::NotADay("to"))
        );
        assert_eq!(
            Bounds::days(None, Some("2026-11-01T00:00:00Z")),
            Err(PeriodError::NotADay("to"))
        );
        assert_eq!(
            Bounds::days(Some("2026-11-02"), Some("2026-11-01")),
            Err(PeriodError::Reversed)
        );
        assert!(PeriodError::NotADay("from").to_string().contains("`from`"));
        // A day must exist on the calendar.
        assert_eq!(
            Bounds::days(Some("2026-02-30"), None),
            Err(PeriodError::NotADay("from"))
        );
        assert_eq!(day_start_ms("2024-02-29"), Some(1_709_164_800_000));
    }

    #[test]
    fn the_team_window_is_thirty_days_back() {
        let now = day_start_ms("2026-11-30").unwrap() + 3_600_000;
        let b = Bounds::last_days(now, 30);
        assert_eq!(b.from.as_deref(), Some("2026-10-31T01:00:00.000Z"));
        assert_eq!(b.until, None);
        assert_eq!(day_of(now), "2026-11-30");
    }
}
