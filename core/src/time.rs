//! Timestamps as the payload and HTTP need them, without a date crate: RFC 3339 out
//! (`created_at`) and in (the receiver checks it, old outbox items carry it), and the
//! IMF-fixdate of a `Retry-After` header.

/// Formats milliseconds since the Unix epoch as RFC 3339 UTC with milliseconds,
/// e.g. `2026-11-24T19:30:05.120Z`.
pub fn rfc3339_millis(epoch_ms: i64) -> String {
    let ms = epoch_ms.rem_euclid(1000);
    let secs = epoch_ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
        sod / 3600,
        (sod % 3600) / 60,
        sod % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`, to ms since the
/// Unix epoch. The weekday is checked for shape only.
pub fn parse_imf_fixdate_ms(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.len() != 29 || &b[3..5] != b", " || &b[25..] != b" GMT" {
        return None;
    }
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    if !DAYS.contains(&s.get(0..3)?) || b[7] != b' ' || b[11] != b' ' || b[16] != b' ' {
        return None;
    }
    let day = digits(&b[5..7])?;
    let month = MONTHS.iter().position(|m| Some(*m) == s.get(8..11))? as u32 + 1;
    let year = digits(&b[12..16])?;
    if b[19] != b':' || b[22] != b':' {
        return None;
    }
    let (hh, mm, ss) = (
        digits(&b[17..19])?,
        digits(&b[20..22])?,
        digits(&b[23..25])?,
    );
    epoch_ms(year, month, day, hh, mm, ss, 0)
}

/// Reads an RFC 3339 timestamp (`2026-11-24T19:30:05.120Z`, any offset, any number of
/// fraction digits) to ms since the Unix epoch.
pub fn parse_rfc3339_ms(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    let (hh, mm, ss) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    let mut rest = &b[19..];
    let mut millis = 0;
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        let frac = &rest[1..1 + n];
        for (i, place) in [100, 10, 1].iter().enumerate() {
            millis += frac.get(i).map_or(0, |d| u32::from(d - b'0') * place);
        }
        rest = &rest[1 + n..];
    }
    let offset_min: i64 = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let h = i64::from(digits(&[*h1, *h2])?);
            let m = i64::from(digits(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            if *sign == b'+' {
                h * 60 + m
            } else {
                -(h * 60 + m)
            }
        }
        _ => return None,
    };
    let ms = epoch_ms(year, month, day, hh, mm, ss.min(59), millis)?;
    Some(ms - (offset_min * 60_000) as f64)
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
}

/// A UTC calendar time to ms since the Unix epoch, checking ranges.
fn epoch_ms(y: u32, m: u32, d: u32, hh: u32, mm: u32, ss: u32, ms: u32) -> Option<f64> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d == 0 || d > month_days[(m - 1) as usize] {
        return None;
    }
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + i64::from(hh) * 3600 + i64::from(mm) * 60 + i64::from(ss.min(59));
    Some((secs * 1000 + i64::from(ms)) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch() {
        assert_eq!(rfc3339_millis(0), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn spec_example() {
        // 2026-11-24T19:30:05.120Z
        assert_eq!(
            rfc3339_millis(1_795_548_605_120),
            "2026-11-24T19:30:05.120Z"
        );
    }

    #[test]
    fn leap_day() {
        assert_eq!(rfc3339_millis(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }

    const T0: f64 = 1_795_548_605_120.0;

    #[test]
    fn rfc3339_in() {
        assert_eq!(parse_rfc3339_ms("2026-11-24T19:30:05.120Z"), Some(T0));
        assert_eq!(parse_rfc3339_ms("2026-11-24T20:30:05.12+01:00"), Some(T0));
        assert_eq!(parse_rfc3339_ms("2026-11-24T19:30:05.120999Z"), Some(T0));
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(
            parse_rfc3339_ms("2000-02-29T00:00:00Z"),
            Some(951_782_400_000.0)
        );
        assert_eq!(parse_rfc3339_ms(&rfc3339_millis(T0 as i64)), Some(T0));
        for bad in [
            "",
            "2026-11-24",
            "2026-11-24T19:30:05",
            "2026-02-30T19:30:05Z",
            "2026-11-24T19:30:05.Z",
            "2026-11-24T19:30:05+0100",
            "2026-13-24T19:30:05Z",
            "2026-11-24T24:30:05Z",
            "20é6-11-24T19:30:05Z",
        ] {
            assert_eq!(parse_rfc3339_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn imf_fixdate_in() {
        // 1994-11-06T08:49:37Z = 784111777 s.
        assert_eq!(
            parse_imf_fixdate_ms("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000.0)
        );
        // 2000 was a leap year.
        assert_eq!(
            parse_imf_fixdate_ms("Tue, 29 Feb 2000 00:00:00 GMT"),
            Some(951_782_400_000.0)
        );
        assert_eq!(parse_imf_fixdate_ms("Tue, 29 Feb 2001 00:00:00 GMT"), None);
    }
}
