//! The outbox's retry state machine (SPEC §5): pure decisions, no `fetch`.
//!
//! The browser shell only stores items, sends requests and sets timers; every decision
//! (what is due, what an answer means, when to try again, who may send) is made here,
//! so it is tested natively.
//!
//! # Stored format
//!
//! One [`OutboxItem`] per submission, stored as JSON (one storage key per item, e.g.
//! `evenhand-outbox/<id>`). Version 1 (`"v": 1`):
//!
//! ```json
//! { "v": 1, "id": "6f1c…", "payload": { "schema": "evenhand.feedback/1", … },
//!   "created_ms": 1795548605120, "attempts": 2,
//!   "state": { "kind": "pending" },
//!   "next_attempt_ms": 1795548611000, "retry_after_until_ms": null,
//!   "last_error": { "at_ms": 1795548607000, "status": 503, "message": "…" } }
//! ```
//!
//! `state` is `{"kind":"pending"}`, `{"kind":"sending","owner":"…","since_ms":…}` or
//! `{"kind":"rejected","status":422,"detail":"…","at_ms":…}`.
//!
//! Enqueue: `new_item(payload_json, id, now)`, stored with [`encode_item`] before the
//! thank-you screen shows.
//!
//! Version 0 (early builds) stored the bare payload v1 object, with no envelope; it is
//! recognised by the absence of `v` and the presence of `schema` and `id`, and read as
//! a pending item that is due at once. [`decode_item`] reads every version and never
//! panics; items are always written back as the current [`ITEM_VERSION`]. An item
//! written by a newer build is read when it still carries the v1 fields (so a rollback
//! keeps delivering), otherwise [`DecodeError::UnsupportedVersion`] tells the shell to
//! keep it untouched: never delete what cannot be read.
//!
//! # One request per item at a time, across tabs
//!
//! 1. The shell flushes only while holding a cross-tab lock: the Web Locks API
//!    (`navigator.locks.request("evenhand-outbox", …)`, released only once every
//!    request it started has settled) or, where that is missing, a [`Lease`] kept in
//!    `localStorage` (see [`may_take`], [`take_lease`], [`lease_confirmed`],
//!    [`may_start_attempt`]).
//! 2. Before each request the item is stored as [`ItemState::Sending`] ([`begin_attempt`]).
//!    [`due`] skips an item that is being sent until [`SENDING_STALE_MS`] has passed, so
//!    even two flushers that both believe they hold a lease do not send it twice while
//!    the first request can still be alive (every request is aborted at [`TIMEOUT_MS`]).
//! 3. A shell that holds a Web Lock knows that any `Sending` marker it finds was left by
//!    a flusher that is gone (a lock is freed only when its holder finished or died, and
//!    a dead page's requests die with it): it calls [`reclaim_abandoned`] on each item
//!    to make them pending again at once instead of waiting for them to go stale.
//!
//! # Flush loop (shell)
//!
//! ```text
//! lock → items = decode_item(each stored value) → reclaim_abandoned (Web Locks only)
//! for id in due(items, now):                (oldest first; re-check the lease each time)
//!     req = request_body(item, config.endpoint.format)
//!         (Err → store(reject_locally(item, err, now)); continue)
//!     item = begin_attempt(item, me, now); store(item)
//!     outcome = fetch(req.body, Content-Type: req.content_type,
//!                     Idempotency-Key: req.idempotency_key), aborted after TIMEOUT_MS
//!               → Outcome::Status { code, Retry-After header, body excerpt }
//!                 / Outcome::NetworkError / Outcome::Timeout
//!     match after_attempt(item, outcome, now, Math.random()):
//!         Next::Remove       → delete stored item; meta.note_success(now)
//!         Next::Update(item) → store(item); meta.note_error(item.last_error)
//! unlock → set a timer for next_wake_ms(items, now)
//! ```
//!
//! On app start and on the `online` event the shell applies [`wake`] to each item (due
//! at once, except when the server asked for a pause with `Retry-After`). Staff "retry
//! now" is [`retry_now`]: the only way a rejected item becomes pending again.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The version written in every stored item (`"v"`).
pub const ITEM_VERSION: u32 = 1;
/// A request with no answer after this long is aborted and counted as [`Outcome::Timeout`].
pub const TIMEOUT_MS: u32 = 15_000;
/// The shortest pause between two attempts for one item.
pub const BACKOFF_MIN_MS: u32 = 2_000;
/// The longest pause chosen by backoff alone (a server's `Retry-After` may ask for more).
pub const BACKOFF_MAX_MS: u32 = 300_000;
/// The longest pause a `Retry-After` header is honoured for.
pub const RETRY_AFTER_MAX_MS: u32 = 3_600_000;
/// A `Sending` marker older than this belongs to a request that is certainly over
/// (aborted at [`TIMEOUT_MS`]), so the item may be sent again.
pub const SENDING_STALE_MS: u32 = TIMEOUT_MS + 15_000;
/// How long a `localStorage` [`Lease`] lasts once taken or renewed.
pub const LEASE_MS: u32 = 45_000;
/// How long to wait between writing a lease and reading it back ([`lease_confirmed`]):
/// two tabs that wrote at once see the later writer's lease and only that one proceeds.
pub const LEASE_SETTLE_MS: u32 = 150;
/// The lease must still have this long to run when a request starts, so the request is
/// over (answered or aborted) before the lease can pass to another tab.
pub const LEASE_MARGIN_MS: u32 = TIMEOUT_MS + 5_000;
// A lease cannot run out during an attempt started under it, and a `Sending` marker
// outlives the request it stands for.
const _: () = assert!(LEASE_MARGIN_MS > TIMEOUT_MS && LEASE_MS > LEASE_MARGIN_MS);
const _: () = assert!(SENDING_STALE_MS > TIMEOUT_MS);

/// Longest detail kept from a server's answer, in characters.
pub const DETAIL_MAX_CHARS: usize = 300;

/// What the last failed attempt said, for the staff view (SPEC §7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptError {
    /// When the attempt ended, ms since the Unix epoch.
    pub at_ms: f64,
    /// The HTTP status, when the server answered.
    pub status: Option<u16>,
    /// Plain English, e.g. `server answered 503; will retry`.
    pub message: String,
}

/// Where an item stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemState {
    /// Waiting for `next_attempt_ms`.
    Pending,
    /// A request is (or was, if its sender died) in flight since `since_ms`, sent by the
    /// page instance `owner`.
    Sending { owner: String, since_ms: f64 },
    /// The endpoint refused it (a 4xx that is not worth retrying). Kept for staff; only
    /// [`retry_now`] makes it pending again.
    Rejected {
        status: u16,
        detail: String,
        at_ms: f64,
    },
}

/// One submission in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxItem {
    /// Always [`ITEM_VERSION`] once decoded.
    pub v: u32,
    /// The payload's `id`, also the `Idempotency-Key`; never changes.
    pub id: String,
    /// Payload v1 exactly as it is sent.
    pub payload: Value,
    /// When the guest sent it, ms since the Unix epoch.
    pub created_ms: f64,
    /// Finished attempts (answered, failed or timed out).
    pub attempts: u32,
    pub state: ItemState,
    /// Not sent before this time (ms since the Unix epoch).
    pub next_attempt_ms: f64,
    /// The server's `Retry-After`, as an absolute time: [`wake`] does not go below it.
    #[serde(default)]
    pub retry_after_until_ms: Option<f64>,
    pub last_error: Option<AttemptError>,
}

/// Why a stored value could not be read as an item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the stored outbox item is not valid JSON: {0}")]
    Json(String),
    #[error("the stored outbox item is not a JSON object")]
    NotAnObject,
    #[error("the stored outbox item (version {0}) was written by a newer version of the app")]
    UnsupportedVersion(u64),
    #[error("the stored outbox item is incomplete: {0}")]
    Invalid(String),
}

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

/// A `localStorage` lease on flushing, used when the Web Locks API is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lease {
    /// A random id made once per page load.
    pub owner: String,
    /// The lease ends at this time, ms since the Unix epoch.
    pub until_ms: f64,
}

/// The outbox at a glance, for the staff view.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Summary {
    pub total: usize,
    /// Waiting for an attempt (not rejected, not in flight).
    pub pending: usize,
    /// In flight now.
    pub sending: usize,
    pub rejected: usize,
    /// When the oldest undelivered submission was made.
    pub oldest_created_ms: Option<f64>,
    /// When the next attempt is due, if any item is waiting.
    pub next_attempt_ms: Option<f64>,
    /// The most recent failed attempt among the stored items.
    pub last_error: Option<AttemptError>,
}

/// What the shell keeps next to the items (items vanish when delivered, so the last
/// success lives here).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OutboxMeta {
    pub last_success_ms: Option<f64>,
    pub last_error: Option<AttemptError>,
}

impl OutboxMeta {
    /// A submission was delivered at `now_ms`.
    pub fn note_success(&mut self, now_ms: f64) {
        self.last_success_ms = Some(now_ms);
    }

    /// An attempt failed.
    pub fn note_error(&mut self, error: &AttemptError) {
        self.last_error = Some(error.clone());
    }

    /// Reads stored meta; anything unreadable is an empty meta (it is only informative).
    pub fn decode(json: &str) -> OutboxMeta {
        serde_json::from_str(json).unwrap_or_default()
    }
}

/// A new item for a payload about to be stored: pending and due at once.
pub fn new_item(payload: Value, id: &str, now_ms: f64) -> OutboxItem {
    OutboxItem {
        v: ITEM_VERSION,
        id: id.to_string(),
        payload,
        created_ms: now_ms,
        attempts: 0,
        state: ItemState::Pending,
        next_attempt_ms: now_ms,
        retry_after_until_ms: None,
        last_error: None,
    }
}

/// Reads a stored item of any known version (see the module docs). Never panics.
pub fn decode_item(json: &str) -> Result<OutboxItem, DecodeError> {
    let value: Value = serde_json::from_str(json).map_err(|e| DecodeError::Json(e.to_string()))?;
    let Value::Object(map) = &value else {
        return Err(DecodeError::NotAnObject);
    };
    let item = match map.get("v") {
        None => decode_v0(map)?,
        Some(v) => {
            let version = v
                .as_u64()
                .ok_or_else(|| DecodeError::Invalid("`v` is not a version number".into()))?;
            let mut item: OutboxItem = match serde_json::from_value(value.clone()) {
                Ok(item) => item,
                Err(_) if version > u64::from(ITEM_VERSION) => {
                    return Err(DecodeError::UnsupportedVersion(version))
                }
                Err(e) => return Err(DecodeError::Invalid(e.to_string())),
            };
            if version == 0 {
                return Err(DecodeError::Invalid(
                    "version 0 items are bare payloads, not envelopes".into(),
                ));
            }
            item.v = ITEM_VERSION;
            item
        }
    };
    check_item(&item)?;
    Ok(item)
}

/// Version 0: the bare payload object.
fn decode_v0(map: &serde_json::Map<String, Value>) -> Result<OutboxItem, DecodeError> {
    if !map.contains_key("schema") {
        return Err(DecodeError::Invalid(
            "neither a version number nor a payload `schema`".into(),
        ));
    }
    let id = map
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| DecodeError::Invalid("the payload has no `id`".into()))?;
    let created_ms = map
        .get("created_at")
        .and_then(Value::as_str)
        .and_then(parse_rfc3339_ms)
        .unwrap_or(0.0);
    let mut item = new_item(Value::Object(map.clone()), id, created_ms);
    item.next_attempt_ms = 0.0;
    Ok(item)
}

fn check_item(item: &OutboxItem) -> Result<(), DecodeError> {
    if item.id.is_empty() {
        return Err(DecodeError::Invalid("`id` is empty".into()));
    }
    let Value::Object(payload) = &item.payload else {
        return Err(DecodeError::Invalid("`payload` is not an object".into()));
    };
    match payload.get("id").and_then(Value::as_str) {
        Some(pid) if pid == item.id => Ok(()),
        _ => Err(DecodeError::Invalid(
            "the payload's `id` differs from the item's".into(),
        )),
    }
}

/// Writes an item for storage (always the current version).
pub fn encode_item(item: &OutboxItem) -> String {
    let mut item = item.clone();
    item.v = ITEM_VERSION;
    // Serialising plain data with string keys cannot fail; fall back to the payload
    // alone (a readable v0) rather than panic.
    serde_json::to_string(&item).unwrap_or_else(|_| item.payload.to_string())
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
        // Very long digit strings simply saturate to the cap.
        let secs: f64 = h.parse().ok()?;
        return Some((secs * 1000.0).min(max));
    }
    let at = parse_imf_fixdate_ms(h)?;
    Some((at - now_ms).clamp(0.0, max))
}

/// IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`, to ms since the
/// Unix epoch. The weekday is checked for shape only.
fn parse_imf_fixdate_ms(s: &str) -> Option<f64> {
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

/// What to send for an item: the body, its `Content-Type`, and the `Idempotency-Key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestBody {
    pub content_type: &'static str,
    pub body: String,
    /// Always the item's id, which never changes across attempts.
    pub idempotency_key: String,
}

/// Builds the request for an item in the configured format: payload v1 as
/// `application/json`, or the flat fields of `submission::form_fields` as
/// `application/x-www-form-urlencoded`. An `Err` (a stored payload that no longer reads
/// as payload v1, form format only) means the item cannot be sent as configured: keep
/// it for staff with [`reject_locally`].
pub fn request_body(
    item: &OutboxItem,
    format: crate::config::Format,
) -> Result<RequestBody, String> {
    let body = match format {
        crate::config::Format::Json => (
            "application/json",
            serde_json::to_string(&item.payload).map_err(|e| e.to_string())?,
        ),
        crate::config::Format::Form => {
            let payload: crate::submission::Payload = serde_json::from_value(item.payload.clone())
                .map_err(|e| format!("the stored payload is not payload v1: {e}"))?;
            let fields = crate::submission::form_fields(&payload);
            let body = fields
                .iter()
                .map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v)))
                .collect::<Vec<_>>()
                .join("&");
            ("application/x-www-form-urlencoded", body)
        }
    };
    Ok(RequestBody {
        content_type: body.0,
        body: body.1,
        idempotency_key: item.id.clone(),
    })
}

/// The `application/x-www-form-urlencoded` byte serializer (WHATWG URL standard).
fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// An item that cannot be sent at all (see [`request_body`]): kept as rejected, with
/// status 0 meaning "never sent", for staff to see and export.
pub fn reject_locally(item: &OutboxItem, reason: &str, now_ms: f64) -> OutboxItem {
    OutboxItem {
        state: ItemState::Rejected {
            status: 0,
            detail: short(reason),
            at_ms: now_ms,
        },
        last_error: Some(AttemptError {
            at_ms: now_ms,
            status: None,
            message: format!("could not be sent: {}", short(reason)),
        }),
        ..item.clone()
    }
}

/// Marks an item as in flight, to be stored before its request starts.
pub fn begin_attempt(item: &OutboxItem, owner: &str, now_ms: f64) -> OutboxItem {
    OutboxItem {
        state: ItemState::Sending {
            owner: owner.to_string(),
            since_ms: now_ms,
        },
        ..item.clone()
    }
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

fn short(s: &str) -> String {
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

fn is_due(item: &OutboxItem, now_ms: f64) -> bool {
    match &item.state {
        ItemState::Pending => item.next_attempt_ms <= now_ms,
        ItemState::Sending { since_ms, .. } => {
            since_ms + f64::from(SENDING_STALE_MS) <= now_ms && item.next_attempt_ms <= now_ms
        }
        ItemState::Rejected { .. } => false,
    }
}

/// Ids of the items to send now, oldest submission first (ties by id): pending items
/// whose time has come, and items whose `Sending` marker is stale.
pub fn due(items: &[OutboxItem], now_ms: f64) -> Vec<&str> {
    let mut ready: Vec<&OutboxItem> = items.iter().filter(|i| is_due(i, now_ms)).collect();
    ready.sort_by(|a, b| {
        a.created_ms
            .total_cmp(&b.created_ms)
            .then_with(|| a.id.cmp(&b.id))
    });
    ready.into_iter().map(|i| i.id.as_str()).collect()
}

/// When the shell should look again (absolute ms, never before `now_ms`); `None` when
/// nothing is waiting (empty, or only rejected items).
pub fn next_wake_ms(items: &[OutboxItem], now_ms: f64) -> Option<f64> {
    items
        .iter()
        .filter_map(|i| match &i.state {
            ItemState::Pending => Some(i.next_attempt_ms),
            ItemState::Sending { since_ms, .. } => {
                Some((since_ms + f64::from(SENDING_STALE_MS)).max(i.next_attempt_ms))
            }
            ItemState::Rejected { .. } => None,
        })
        .min_by(f64::total_cmp)
        .map(|t| t.max(now_ms))
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

/// For a shell holding a Web Lock: a `Sending` marker is left by a flusher that is gone,
/// so the item is pending again (at its scheduled time). `None` when not `Sending`.
pub fn reclaim_abandoned(item: &OutboxItem) -> Option<OutboxItem> {
    matches!(item.state, ItemState::Sending { .. }).then(|| OutboxItem {
        state: ItemState::Pending,
        ..item.clone()
    })
}

/// Counts for the staff view.
pub fn summarise(items: &[OutboxItem]) -> Summary {
    let mut s = Summary {
        total: items.len(),
        ..Summary::default()
    };
    for item in items {
        match item.state {
            ItemState::Pending => {
                s.pending += 1;
                s.next_attempt_ms = Some(
                    s.next_attempt_ms
                        .map_or(item.next_attempt_ms, |t| t.min(item.next_attempt_ms)),
                );
            }
            ItemState::Sending { .. } => s.sending += 1,
            ItemState::Rejected { .. } => s.rejected += 1,
        }
        s.oldest_created_ms = Some(
            s.oldest_created_ms
                .map_or(item.created_ms, |t| t.min(item.created_ms)),
        );
        if let Some(e) = &item.last_error {
            if s.last_error.as_ref().is_none_or(|l| e.at_ms > l.at_ms) {
                s.last_error = Some(e.clone());
            }
        }
    }
    s
}

/// Staff export (SPEC §7): every item as stored, oldest first, with the meta.
pub fn export_json(items: &[OutboxItem], meta: &OutboxMeta, now_ms: f64) -> String {
    let mut sorted: Vec<&OutboxItem> = items.iter().collect();
    sorted.sort_by(|a, b| a.created_ms.total_cmp(&b.created_ms));
    let doc = serde_json::json!({
        "exported_ms": now_ms,
        "meta": meta,
        "summary": summarise(items),
        "items": sorted,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string())
}

/// Whether `me` may take (or renew) the flushing lease: there is none, it has run out,
/// it is ours, or it is unbelievably far in the future (a clock that jumped back).
pub fn may_take(lease: Option<&Lease>, me: &str, now_ms: f64) -> bool {
    match lease {
        None => true,
        Some(l) => {
            l.owner == me
                || l.until_ms <= now_ms
                || l.until_ms.is_nan()
                || l.until_ms - now_ms > 2.0 * f64::from(LEASE_MS)
        }
    }
}

/// The lease to write when taking or renewing it.
pub fn take_lease(me: &str, now_ms: f64) -> Lease {
    Lease {
        owner: me.to_string(),
        until_ms: now_ms + f64::from(LEASE_MS),
    }
}

/// After writing a lease and waiting [`LEASE_SETTLE_MS`], read it back: only if it is
/// still ours (no other tab wrote after us) may we flush.
pub fn lease_confirmed(read_back: Option<&Lease>, me: &str, now_ms: f64) -> bool {
    read_back.is_some_and(|l| l.owner == me && l.until_ms > now_ms)
}

/// Whether a request may start now under this lease: ours, and with at least
/// [`LEASE_MARGIN_MS`] left, so the request ends before the lease could pass on.
/// When false, renew ([`take_lease`], if [`may_take`]) and confirm first.
pub fn may_start_attempt(lease: Option<&Lease>, me: &str, now_ms: f64) -> bool {
    lease.is_some_and(|l| l.owner == me && l.until_ms - now_ms >= f64::from(LEASE_MARGIN_MS))
}

/// Reads a stored lease; anything unreadable counts as no lease (never a deadlock).
pub fn decode_lease(json: &str) -> Option<Lease> {
    serde_json::from_str(json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ID: &str = "6f1c2e0a-3b7d-4f6e-9a51-0c2d8e7f4a10";
    const T0: f64 = 1_795_548_605_120.0;

    fn payload(id: &str) -> Value {
        json!({
            "schema": "evenhand.feedback/1",
            "id": id,
            "created_at": "2026-11-24T19:30:05.120Z",
            "venue": "bistro-lyon-1",
            "place": null,
            "mode": "kiosk",
            "language": "fr",
            "praise": { "text": "Rapide.", "declined": false },
            "complaint": null,
            "ratings": {},
            "contact": null,
            "guidance": { "names_mentioned": [], "heated": false, "edited_after_guidance": false },
            "verified": false
        })
    }

    fn item(id: &str, created: f64) -> OutboxItem {
        new_item(payload(id), id, created)
    }

    fn status(code: u16) -> Outcome {
        Outcome::Status {
            code,
            retry_after: None,
            detail: None,
        }
    }

    fn updated(next: Next) -> OutboxItem {
        match next {
            Next::Update(i) => i,
            Next::Remove => panic!("expected an update"),
        }
    }

    #[test]
    fn every_status_class() {
        for code in 200..=299 {
            assert_eq!(classify(&status(code)), Verdict::Delivered, "{code}");
        }
        for code in [408, 425, 429] {
            assert_eq!(classify(&status(code)), Verdict::Retry, "{code}");
        }
        for code in 500..=599 {
            assert_eq!(classify(&status(code)), Verdict::Retry, "{code}");
        }
        for code in (400..=499).filter(|c| ![408, 425, 429].contains(c)) {
            assert_eq!(classify(&status(code)), Verdict::Reject, "{code}");
        }
        for code in [0, 100, 101, 199, 300, 301, 304, 308, 399, 600, 999] {
            assert_eq!(classify(&status(code)), Verdict::Retry, "{code}");
        }
        assert_eq!(classify(&Outcome::Timeout), Verdict::Retry);
        assert_eq!(
            classify(&Outcome::NetworkError("Failed to fetch".into())),
            Verdict::Retry
        );
    }

    #[test]
    fn delivered_removes() {
        let i = item(ID, T0);
        assert_eq!(after_attempt(&i, &status(201), T0, 0.5), Next::Remove);
        assert_eq!(after_attempt(&i, &status(200), T0, 0.5), Next::Remove);
    }

    #[test]
    fn retry_schedules_and_records() {
        let i = begin_attempt(&item(ID, T0), "tab-a", T0);
        let n = updated(after_attempt(&i, &status(503), T0 + 100.0, 0.0));
        assert_eq!(n.attempts, 1);
        assert_eq!(n.state, ItemState::Pending);
        assert_eq!(n.next_attempt_ms, T0 + 100.0 + 2_000.0);
        let e = n.last_error.as_ref().unwrap();
        assert_eq!(e.status, Some(503));
        assert_eq!(e.at_ms, T0 + 100.0);
        assert!(e.message.contains("503") && e.message.contains("will retry"));
        let n2 = updated(after_attempt(&n, &Outcome::Timeout, T0 + 5_000.0, 1.0));
        assert_eq!(n2.attempts, 2);
        assert_eq!(n2.next_attempt_ms, T0 + 5_000.0 + 8_000.0);
        assert!(n2.last_error.unwrap().message.contains("15 seconds"));
    }

    #[test]
    fn reject_keeps_item_for_staff() {
        let i = item(ID, T0);
        let out = Outcome::Status {
            code: 422,
            retry_after: None,
            detail: Some(r#"{"error":"`ratings.food` must be 1 to 5"}"#.into()),
        };
        let n = updated(after_attempt(&i, &out, T0, 0.3));
        match &n.state {
            ItemState::Rejected {
                status,
                detail,
                at_ms,
            } => {
                assert_eq!(*status, 422);
                assert!(detail.contains("ratings.food"));
                assert_eq!(*at_ms, T0);
            }
            s => panic!("{s:?}"),
        }
        assert_eq!(n.attempts, 1);
        assert!(n
            .last_error
            .as_ref()
            .unwrap()
            .message
            .contains("not retried"));
        // A rejected item is never due by itself, even much later.
        assert!(due(std::slice::from_ref(&n), T0 + 1e12).is_empty());
        assert_eq!(next_wake_ms(std::slice::from_ref(&n), T0), None);
    }

    #[test]
    fn redirect_is_retried_with_a_clear_error() {
        let n = updated(after_attempt(&item(ID, T0), &status(302), T0, 0.0));
        assert_eq!(n.state, ItemState::Pending);
        assert!(n
            .last_error
            .unwrap()
            .message
            .contains("unexpected answer 302"));
    }

    #[test]
    fn same_id_and_payload_across_attempts() {
        let mut i = item(ID, T0);
        let outcomes = [
            Outcome::NetworkError("offline".into()),
            Outcome::Timeout,
            status(500),
            status(429),
            status(400),
        ];
        for (k, o) in outcomes.iter().enumerate() {
            i = begin_attempt(&i, "tab", T0 + k as f64);
            i = updated(after_attempt(&i, o, T0 + k as f64, 0.5));
            assert_eq!(i.id, ID);
            assert_eq!(i.payload, payload(ID));
            assert_eq!(i.created_ms, T0);
            assert_eq!(i.attempts, k as u32 + 1);
        }
    }

    #[test]
    fn backoff_bounds_and_growth() {
        let mut rng = 0x2545_f491_4f6c_dd1d_u64;
        let mut rand = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut prev_mean = 0.0;
        for attempts in 0..=40 {
            let mut sum = 0.0;
            for _ in 0..2_000 {
                let d = backoff_ms(attempts, rand());
                assert!((2_000.0..=300_000.0).contains(&d), "{attempts}: {d}");
                assert!(d <= backoff_cap_ms(attempts));
                sum += d;
            }
            let mean = sum / 2_000.0;
            if (2..=8).contains(&attempts) {
                assert!(mean > prev_mean, "mean grows: {attempts}");
            }
            prev_mean = mean;
        }
        assert_eq!(backoff_cap_ms(1), 4_000.0);
        assert_eq!(backoff_cap_ms(2), 8_000.0);
        assert_eq!(backoff_cap_ms(7), 256_000.0);
        assert_eq!(backoff_cap_ms(8), 300_000.0);
        assert_eq!(backoff_cap_ms(u32::MAX), 300_000.0);
        for r in [f64::NAN, -1.0, 2.0, f64::INFINITY, f64::NEG_INFINITY] {
            let d = backoff_ms(u32::MAX, r);
            assert!((2_000.0..=300_000.0).contains(&d), "{r}");
        }
        assert_eq!(backoff_ms(3, 0.0), 2_000.0);
        assert_eq!(backoff_ms(3, 1.0), 16_000.0);
    }

    #[test]
    fn retry_after_delta_seconds() {
        assert_eq!(parse_retry_after("120", T0), Some(120_000.0));
        assert_eq!(parse_retry_after(" 0 ", T0), Some(0.0));
        assert_eq!(
            parse_retry_after("99999999999999999999999", T0),
            Some(3_600_000.0)
        );
        assert_eq!(parse_retry_after("7200", T0), Some(3_600_000.0));
    }

    #[test]
    fn retry_after_http_date() {
        // 1994-11-06T08:49:37Z = 784111777 s.
        let at = 784_111_777_000.0;
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at - 30_000.0),
            Some(30_000.0)
        );
        // In the past: at once.
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at + 5_000.0),
            Some(0.0)
        );
        // Far future: capped.
        assert_eq!(
            parse_retry_after("Fri, 31 Dec 2100 23:59:59 GMT", T0),
            Some(3_600_000.0)
        );
        assert_eq!(
            parse_retry_after("Tue, 24 Nov 2026 19:30:15 GMT", 1_795_548_605_000.0),
            Some(10_000.0)
        );
    }

    #[test]
    fn retry_after_garbage() {
        for h in [
            "",
            "   ",
            "-5",
            "1.5",
            "soon",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT",
            "Xyz, 06 Nov 1994 08:49:37 GMT",
            "Sun, 0x Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMTé",
            "日日日, 06 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_retry_after(h, T0), None, "{h:?}");
        }
    }

    #[test]
    fn retry_after_is_honoured() {
        let out = Outcome::Status {
            code: 429,
            retry_after: Some("60".into()),
            detail: None,
        };
        let n = updated(after_attempt(&item(ID, T0), &out, T0, 1.0));
        assert_eq!(n.next_attempt_ms, T0 + 60_000.0);
        assert_eq!(n.retry_after_until_ms, Some(T0 + 60_000.0));
        // Backoff wins when longer.
        let mut old = item(ID, T0);
        old.attempts = 10;
        let out = Outcome::Status {
            code: 503,
            retry_after: Some("1".into()),
            detail: None,
        };
        let n = updated(after_attempt(&old, &out, T0, 1.0));
        assert_eq!(n.next_attempt_ms, T0 + 300_000.0);
        // Garbage is ignored.
        let out = Outcome::Status {
            code: 503,
            retry_after: Some("later".into()),
            detail: None,
        };
        let n = updated(after_attempt(&item(ID, T0), &out, T0, 0.0));
        assert_eq!(n.next_attempt_ms, T0 + 2_000.0);
        assert_eq!(n.retry_after_until_ms, None);
    }

    #[test]
    fn wake_respects_retry_after_but_not_backoff() {
        let out = Outcome::Status {
            code: 503,
            retry_after: Some("60".into()),
            detail: None,
        };
        let n = updated(after_attempt(&item(ID, T0), &out, T0, 0.0));
        assert_eq!(n.next_attempt_ms, T0 + 60_000.0);
        assert_eq!(wake(&n, T0 + 1_000.0), None);
        let n = updated(after_attempt(&item(ID, T0), &Outcome::Timeout, T0, 1.0));
        let w = wake(&n, T0 + 1_000.0).unwrap();
        assert_eq!(w.next_attempt_ms, T0 + 1_000.0);
        assert_eq!(wake(&w, T0 + 1_000.0), None);
        let r = updated(after_attempt(&item(ID, T0), &status(404), T0, 0.0));
        assert_eq!(wake(&r, T0 + 1_000.0), None);
    }

    #[test]
    fn retry_now_revives_rejected_and_pending() {
        let r = updated(after_attempt(&item(ID, T0), &status(400), T0, 0.0));
        let p = retry_now(&r, T0 + 10.0);
        assert_eq!(p.state, ItemState::Pending);
        assert_eq!(due(std::slice::from_ref(&p), T0 + 10.0), vec![ID]);
        assert_eq!(p.attempts, 1);
        let out = Outcome::Status {
            code: 503,
            retry_after: Some("3600".into()),
            detail: None,
        };
        let w = updated(after_attempt(&item(ID, T0), &out, T0, 0.0));
        assert!(due(std::slice::from_ref(&w), T0 + 10.0).is_empty());
        let p = retry_now(&w, T0 + 10.0);
        assert_eq!(due(std::slice::from_ref(&p), T0 + 10.0), vec![ID]);
        let s = begin_attempt(&item(ID, T0), "tab", T0);
        assert_eq!(retry_now(&s, T0 + 10.0), s);
    }

    #[test]
    fn due_ordering_and_wake() {
        let a = item("a", T0 + 300.0);
        let b = item("b", T0 + 100.0);
        let c = item("c", T0 + 100.0);
        let mut later = item("d", T0);
        later.next_attempt_ms = T0 + 10_000.0;
        let rejected = updated(after_attempt(&item("e", T0 - 1.0), &status(410), T0, 0.0));
        let items = vec![a, later, c, rejected, b];
        assert_eq!(due(&items, T0 + 1_000.0), vec!["b", "c", "a"]);
        assert_eq!(due(&items, T0 + 10_000.0), vec!["d", "b", "c", "a"]);
        assert_eq!(next_wake_ms(&items, T0 + 1_000.0), Some(T0 + 1_000.0));
        assert_eq!(next_wake_ms(&items[1..2], T0), Some(T0 + 10_000.0));
        assert_eq!(next_wake_ms(&[], T0), None);
    }

    #[test]
    fn sending_items_are_not_sent_twice() {
        let s = begin_attempt(&item(ID, T0), "tab-a", T0);
        let items = [s.clone()];
        assert!(due(&items, T0 + f64::from(TIMEOUT_MS)).is_empty());
        assert!(due(&items, T0 + f64::from(SENDING_STALE_MS) - 1.0).is_empty());
        assert_eq!(due(&items, T0 + f64::from(SENDING_STALE_MS)), vec![ID]);
        assert_eq!(
            next_wake_ms(&items, T0),
            Some(T0 + f64::from(SENDING_STALE_MS))
        );
        // Under a Web Lock the marker is known abandoned.
        let r = reclaim_abandoned(&s).unwrap();
        assert_eq!(r.state, ItemState::Pending);
        assert_eq!(due(std::slice::from_ref(&r), T0), vec![ID]);
        assert_eq!(reclaim_abandoned(&r), None);
        assert_eq!(summarise(&items).sending, 1);
    }

    #[test]
    fn lease_model() {
        let me = "tab-a";
        let other = "tab-b";
        assert!(may_take(None, me, T0));
        let mine = take_lease(me, T0);
        assert!(may_take(Some(&mine), me, T0 + 1.0));
        assert!(!may_take(Some(&mine), other, T0 + 1.0));
        assert!(may_take(Some(&mine), other, mine.until_ms));
        assert!(lease_confirmed(Some(&mine), me, T0 + 150.0));
        assert!(!lease_confirmed(Some(&mine), other, T0 + 150.0));
        assert!(!lease_confirmed(None, me, T0));
        assert!(may_start_attempt(Some(&mine), me, T0));
        assert!(!may_start_attempt(Some(&mine), other, T0));
        // Not enough left for a whole request: renew first.
        let late = mine.until_ms - f64::from(LEASE_MARGIN_MS) + 1.0;
        assert!(!may_start_attempt(Some(&mine), me, late));
        let renewed = take_lease(me, late);
        assert!(may_start_attempt(Some(&renewed), me, late));
        // Clock jumped back: a lease too far ahead is not believed.
        let skewed = Lease {
            owner: other.into(),
            until_ms: T0 + 10.0 * f64::from(LEASE_MS),
        };
        assert!(may_take(Some(&skewed), me, T0));
        // Garbage in storage is no lease.
        assert_eq!(decode_lease("{not json"), None);
        assert_eq!(decode_lease(r#"{"owner":1}"#), None);
        let json = serde_json::to_string(&mine).unwrap();
        assert_eq!(decode_lease(&json), Some(mine));
    }

    #[test]
    fn decode_v1_round_trip() {
        let i = updated(after_attempt(
            &begin_attempt(&item(ID, T0), "tab", T0),
            &Outcome::Status {
                code: 503,
                retry_after: Some("5".into()),
                detail: Some("busy".into()),
            },
            T0 + 10.0,
            0.25,
        ));
        let s = encode_item(&i);
        assert!(s.contains(r#""v":1"#));
        assert_eq!(decode_item(&s), Ok(i.clone()));
        let r = updated(after_attempt(&i, &status(422), T0 + 20.0, 0.0));
        assert_eq!(decode_item(&encode_item(&r)), Ok(r));
        let s = begin_attempt(&i, "tab-b", T0);
        assert_eq!(decode_item(&encode_item(&s)), Ok(s));
    }

    #[test]
    fn decode_documented_v1_literal() {
        let s = format!(
            r#"{{"v":1,"id":"{ID}","payload":{},"created_ms":1795548605120,"attempts":2,
            "state":{{"kind":"rejected","status":422,"detail":"bad","at_ms":1}},
            "next_attempt_ms":0,"last_error":null}}"#,
            payload(ID)
        );
        let i = decode_item(&s).unwrap();
        assert_eq!(i.attempts, 2);
        assert_eq!(i.retry_after_until_ms, None);
        assert!(matches!(i.state, ItemState::Rejected { status: 422, .. }));
    }

    #[test]
    fn decode_v0_upgrades() {
        let v0 = payload(ID).to_string();
        let i = decode_item(&v0).unwrap();
        assert_eq!(i.v, ITEM_VERSION);
        assert_eq!(i.id, ID);
        assert_eq!(i.payload, payload(ID));
        assert_eq!(i.attempts, 0);
        assert_eq!(i.state, ItemState::Pending);
        assert_eq!(i.created_ms, T0);
        assert_eq!(due(std::slice::from_ref(&i), T0), vec![ID]);
        // Written back as v1, read back the same.
        assert_eq!(decode_item(&encode_item(&i)), Ok(i));
        // A v0 with an unreadable date is still delivered.
        let mut p = payload(ID);
        p["created_at"] = json!("yesterday");
        assert_eq!(decode_item(&p.to_string()).unwrap().created_ms, 0.0);
    }

    #[test]
    fn decode_newer_version() {
        let mut v = serde_json::to_value(item(ID, T0)).unwrap();
        v["v"] = json!(2);
        v["priority"] = json!("high");
        let i = decode_item(&v.to_string()).unwrap();
        assert_eq!(i.v, ITEM_VERSION);
        assert_eq!(
            decode_item(r#"{"v":7,"entirely":"different"}"#),
            Err(DecodeError::UnsupportedVersion(7))
        );
    }

    #[test]
    fn decode_garbage_and_truncated() {
        let full = encode_item(&item(ID, T0));
        for cut in 0..full.len() {
            if let Some(prefix) = full.get(..cut) {
                assert!(decode_item(prefix).is_err(), "{prefix}");
            }
        }
        for bad in [
            "",
            "null",
            "42",
            "[]",
            r#""text""#,
            "{}",
            r#"{"v":"one"}"#,
            r#"{"v":-1}"#,
            r#"{"v":1}"#,
            r#"{"v":0,"payload":{}}"#,
            r#"{"schema":"evenhand.feedback/1"}"#,
            r#"{"schema":"evenhand.feedback/1","id":5}"#,
            "\u{0}\u{ffff}",
        ] {
            assert!(decode_item(bad).is_err(), "{bad:?}");
        }
        // The envelope and payload ids must agree.
        let mut v = serde_json::to_value(item(ID, T0)).unwrap();
        v["id"] = json!("other");
        assert!(matches!(
            decode_item(&v.to_string()),
            Err(DecodeError::Invalid(_))
        ));
        assert!(matches!(decode_item("{"), Err(DecodeError::Json(_))));
        assert_eq!(decode_item("[1]"), Err(DecodeError::NotAnObject));
    }

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339_ms("2026-11-24T19:30:05.120Z"), Some(T0));
        assert_eq!(parse_rfc3339_ms("2026-11-24T20:30:05.12+01:00"), Some(T0));
        assert_eq!(parse_rfc3339_ms("2026-11-24T19:30:05.120999Z"), Some(T0));
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(
            parse_rfc3339_ms("2000-02-29T00:00:00Z"),
            Some(951_782_400_000.0)
        );
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
    fn summary_and_meta() {
        let p = item("p", T0 + 5.0);
        let r = updated(after_attempt(&item("r", T0), &status(400), T0 + 50.0, 0.0));
        let f = updated(after_attempt(
            &item("f", T0 + 1.0),
            &status(500),
            T0 + 60.0,
            0.0,
        ));
        let s = summarise(&[p, r, f.clone()]);
        assert_eq!((s.total, s.pending, s.rejected, s.sending), (3, 2, 1, 0));
        assert_eq!(s.oldest_created_ms, Some(T0));
        assert_eq!(s.next_attempt_ms, Some(T0 + 5.0));
        assert_eq!(s.last_error, f.last_error);
        assert_eq!(summarise(&[]), Summary::default());

        let mut meta = OutboxMeta::default();
        meta.note_success(T0);
        meta.note_error(f.last_error.as_ref().unwrap());
        let stored = serde_json::to_string(&meta).unwrap();
        assert_eq!(OutboxMeta::decode(&stored), meta);
        assert_eq!(OutboxMeta::decode("garbage"), OutboxMeta::default());

        let export: Value = serde_json::from_str(&export_json(&[f], &meta, T0)).unwrap();
        assert_eq!(export["items"][0]["id"], "f");
        assert_eq!(export["summary"]["pending"], 1);
    }

    #[test]
    fn request_bodies() {
        use crate::config::Format;
        let i = item(ID, T0);
        let json = request_body(&i, Format::Json).unwrap();
        assert_eq!(json.content_type, "application/json");
        assert_eq!(json.idempotency_key, ID);
        assert_eq!(
            serde_json::from_str::<Value>(&json.body).unwrap(),
            payload(ID)
        );
        let mut p = payload(ID);
        p["praise"]["text"] = json!("Très bien & vite = 100%");
        p["ratings"] = json!({ "food": 5 });
        let form = request_body(&new_item(p, ID, T0), Format::Form).unwrap();
        assert_eq!(form.content_type, "application/x-www-form-urlencoded");
        assert!(form
            .body
            .starts_with("schema=evenhand.feedback%2F1&id=6f1c2e0a-"));
        assert!(form
            .body
            .contains("&praise=Tr%C3%A8s+bien+%26+vite+%3D+100%25&"));
        assert!(form.body.contains("&rating_food=5&"));
        // A payload that no longer reads as v1 cannot go out as a form: kept for staff.
        let mut odd = payload(ID);
        odd["surprise"] = json!(1);
        let odd = new_item(odd, ID, T0);
        let err = request_body(&odd, Format::Form).unwrap_err();
        assert!(request_body(&odd, Format::Json).is_ok());
        let r = reject_locally(&odd, &err, T0);
        assert!(matches!(r.state, ItemState::Rejected { status: 0, .. }));
        assert!(due(std::slice::from_ref(&r), T0 + 1e9).is_empty());
        assert_eq!(summarise(&[r]).rejected, 1);
    }

    #[test]
    fn wake_goes_below_backoff_down_to_retry_after() {
        let mut old = item(ID, T0);
        old.attempts = 10;
        let out = Outcome::Status {
            code: 503,
            retry_after: Some("60".into()),
            detail: None,
        };
        let n = updated(after_attempt(&old, &out, T0, 1.0));
        assert_eq!(n.next_attempt_ms, T0 + 300_000.0);
        assert_eq!(wake(&n, T0 + 1.0).unwrap().next_attempt_ms, T0 + 60_000.0);
        assert_eq!(
            wake(&n, T0 + 100_000.0).unwrap().next_attempt_ms,
            T0 + 100_000.0
        );
    }

    #[test]
    fn long_details_are_cut() {
        let out = Outcome::Status {
            code: 400,
            retry_after: None,
            detail: Some("x".repeat(10_000)),
        };
        let n = updated(after_attempt(&item(ID, T0), &out, T0, 0.0));
        let ItemState::Rejected { detail, .. } = n.state else {
            panic!()
        };
        assert_eq!(detail.chars().count(), DETAIL_MAX_CHARS + 1);
    }
}
