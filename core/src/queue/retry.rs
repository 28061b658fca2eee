//! What an attempt's answer means and when to try again (SPEC §5): 2xx delivered;
//! network errors, timeouts, 408, 425, 429 and 5xx retried with exponential backoff and
//! full jitter from 2 s up to 5 min, honouring `Retry-After`; other 4xx refused and kept
//! for staff.

use super::item::{AttemptError, ItemState, OutboxItem, ITEM_VERSION};
use crate::time::parse_imf_fixdate_ms;

/// A request with no answer after this long is aborted and counted as [`Outcome::Timeout`].
pub const TIMEOUT_MS: u32 = 15_000;
/// The shortest pause between two attempts for one item.
pub const BACKOFF_MIN_MS: u32 = 2_000;
/// The longest pause chosen by backoff alone (a server's `Retry-After` may ask for more).
pub const BACKOFF_MAX_MS: u32 = 300_000;
/// The longest pause a `Retry-After` header is honoured for.
pub const RETRY_AFTER_MAX_MS: u32 = 3_600_000;
/// Longest detail kept from a server's answer, in characters.
pub const DETAIL_MAX_CHARS: usize = 300;

/// How an attempt ended, as the shell saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered. `retry_after` is the raw `Retry-After` header; `detail` a
    /// short excerpt of the body (e.g. the receiver's `{"error": …}`), if any.
    Status {
        code: u16,
        retry_after: Option<String>,
        detail: Option<String>,
    },
    /// `fetch` rejected: offline, DNS, TLS, CORS refused…
    NetworkError(String),
    /// No answer within [`TIMEOUT_MS`]; the request was aborted.
    Timeout,
}

/// What an outcome means for the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// 2xx: remove the item.
    Delivered,
    /// Try again later.
    Retry,
    /// Keep as rejected for staff; do not retry by itself.
    Reject,
}

/// The result of [`after_attempt`].
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// Delivered: delete the stored item.
    Remove,
    /// Store this item in place of the old one.
    Update(OutboxItem),
}

/// What an outcome means. 2xx delivered; network errors, timeouts, 408, 425, 429 and
/// 5xx retried; other 4xx rejected. 1xx and 3xx should never reach the app (`fetch`
/// follows redirects), so they are treated as a transient fault and retried, as is any
/// status outside 100–599 (0 is what an opaque answer reports).
pub fn classify(outcome: &Outcome) -> Verdict {
    match outcome {
        Outcome::NetworkError(_) | Outcome::Timeout => Verdict::Retry,
        Outcome::Status { code, .. } => match code {
            200..=299 => Verdict::Delivered,
            408 | 425 | 429 => Verdict::Retry,
            400..=499 => Verdict::Reject,
            _ => Verdict::Retry,
        },
    }
}

/// The pause before the next attempt after `attempts` failed ones (1 after the first
/// failure), with full jitter: uniform in `[MIN, cap]` where
/// `cap = min(MAX, MIN · 2^attempts)` — 2–4 s after the first failure, 2–8 s after the
/// second, …, 2 s–5 min from the eighth on. The floor of 2 s keeps a flapping endpoint
/// from being hammered; `random01` is `Math.random()` (clamped to `[0, 1]`, NaN → 0).
pub fn backoff_ms(attempts: u32, random01: f64) -> f64 {
    let min = f64::from(BACKOFF_MIN_MS);
    let cap = backoff_cap_ms(attempts);
    let r = if random01.is_nan() {
        0.0
    } else {
        random01.clamp(0.0, 1.0)
    };
    min + r * (cap - min)
}

/// The upper bound of [`backoff_ms`] after `attempts` failures.
pub fn backoff_cap_ms(attempts: u32) -> f64 {
    let doublings = attempts.clamp(1, 30);
    (f64::from(BACKOFF_MIN_MS) * f64::from(1u32 << doublings)).min(f64::from(BACKOFF_MAX_MS))
}

/// Reads a `Retry-After` header: delta-seconds (`120`) or an HTTP-date in IMF-fixdate
/// form (`Sun, 06 Nov 1994 08:49:37 GMT`). Returns the pause in ms from `now_ms`, at
/// least 0 (a date in the past) and at most [`RETRY_AFTER_MAX_MS`]; `None` when the
/// header is not understood.
pub fn parse_retry_after(header: &str, now_ms: f64) -> Option<f64> {
    let h = header.trim();
    let max = f64::from(RETRY_AFTER_MAX_MS);
    if !h.is_empty() && h.bytes().all(|b| b.is_ascii_digit()) {
        // Whole seconds, read as an integer: very long digit strings saturate to the cap.
        // (`str::parse::<f64>` brought in the float parser and its tables: 15 KB of
        // gzipped wasm, bench/size, for digits only.)
        let secs = h.bytes().fold(0u64, |n, b| {
            n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        });
        return Some((secs as f64 * 1000.0).min(max));
    }
    let at = parse_imf_fixdate_ms(h)?;
    Some((at - now_ms).clamp(0.0, max))
}

/// Applies an attempt's outcome: counts the attempt, records the error, and either
/// removes the item (2xx), schedules the next attempt (`now + max(backoff, Retry-After)`)
/// or keeps it as rejected. The id and payload never change.
pub fn after_attempt(item: &OutboxItem, outcome: &Outcome, now_ms: f64, random01: f64) -> Next {
    let verdict = classify(outcome);
    if verdict == Verdict::Delivered {
        return Next::Remove;
    }
    let attempts = item.attempts.saturating_add(1);
    let (status, detail) = match outcome {
        Outcome::Status { code, detail, .. } => (Some(*code), detail.as_deref().map(short)),
        _ => (None, None),
    };
    let mut next = OutboxItem {
        v: ITEM_VERSION,
        attempts,
        ..item.clone()
    };
    match verdict {
        Verdict::Reject => {
            let code = status.unwrap_or(0);
            let detail = detail.unwrap_or_default();
            next.last_error = Some(AttemptError {
                at_ms: now_ms,
                status,
                message: describe(outcome, verdict),
            });
            next.state = ItemState::Rejected {
                status: code,
                detail,
                at_ms: now_ms,
            };
            next.retry_after_until_ms = None;
        }
        _ => {
            let retry_after = match outcome {
                Outcome::Status {
                    retry_after: Some(h),
                    ..
                } => parse_retry_after(h, now_ms),
                _ => None,
            };
            let delay = backoff_ms(attempts, random01).max(retry_after.unwrap_or(0.0));
            next.state = ItemState::Pending;
            next.next_attempt_ms = now_ms + delay;
            next.retry_after_until_ms = retry_after.map(|d| now_ms + d);
            next.last_error = Some(AttemptError {
                at_ms: now_ms,
                status,
                message: describe(outcome, verdict),
            });
        }
    }
    Next::Update(next)
}

pub(super) fn short(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(DETAIL_MAX_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Plain English for the staff view.
fn describe(outcome: &Outcome, verdict: Verdict) -> String {
    let then = if verdict == Verdict::Reject {
        "not retried; staff can retry it"
    } else {
        "will retry"
    };
    match outcome {
        Outcome::NetworkError(e) if e.trim().is_empty() => {
            format!("could not reach the endpoint; {then}")
        }
        Outcome::NetworkError(e) => {
            format!("could not reach the endpoint ({}); {then}", short(e))
        }
        Outcome::Timeout => format!("no answer within {} seconds; {then}", TIMEOUT_MS / 1000),
        Outcome::Status { code, detail, .. } => {
            let what = match code {
                100..=199 | 300..=399 => {
                    format!("unexpected answer {code} (a redirect or informational status)")
                }
                _ => format!("the endpoint answered {code}"),
            };
            match detail.as_deref().map(str::trim) {
                Some(d) if !d.is_empty() => format!("{what}: {}; {then}", short(d)),
                _ => format!("{what}; {then}"),
            }
        }
    }
}

/// Staff "retry now": a pending or rejected item becomes pending and due at once,
/// ignoring backoff and `Retry-After` (an explicit human decision). An item in flight
/// is left alone. Attempts and the last error are kept as history.
pub fn retry_now(item: &OutboxItem, now_ms: f64) -> OutboxItem {
    match item.state {
        ItemState::Sending { .. } => item.clone(),
        ItemState::Pending | ItemState::Rejected { .. } => OutboxItem {
            state: ItemState::Pending,
            next_attempt_ms: now_ms,
            retry_after_until_ms: None,
            ..item.clone()
        },
    }
}

/// App start or back online: a pending item is due at once, unless the server asked
/// for a pause (`Retry-After`) that is not over. Rejected items stay rejected. Returns
/// `None` when the item does not change.
pub fn wake(item: &OutboxItem, now_ms: f64) -> Option<OutboxItem> {
    if item.state != ItemState::Pending {
        return None;
    }
    let at = item.retry_after_until_ms.unwrap_or(now_ms).max(now_ms);
    (item.next_attempt_ms > at).then(|| OutboxItem {
        next_attempt_ms: at,
        ..item.clone()
    })
}
