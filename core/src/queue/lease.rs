//! The fallback for one sender across tabs where `navigator.locks` is missing (older
//! browsers; pages served over plain http on a LAN, where Web Locks are not exposed): a
//! [`Lease`] in `localStorage`, taken, read back after [`LEASE_SETTLE_MS`], renewed before
//! each request. Two tabs can still both believe they hold it in a rare race, so under a
//! lease a `Sending` marker is trusted until it goes stale (see [`super::pass`]).

use serde::{Deserialize, Serialize};

use super::retry::TIMEOUT_MS;

/// How long a `localStorage` [`Lease`] lasts once taken or renewed.
pub const LEASE_MS: u32 = 45_000;
/// How long to wait between writing a lease and reading it back ([`lease_confirmed`]):
/// two tabs that wrote at once see the later writer's lease and only that one proceeds.
pub const LEASE_SETTLE_MS: u32 = 150;
/// The lease must still have this long to run when a request starts, so the request is
/// over (answered or aborted) before the lease can pass to another tab.
pub const LEASE_MARGIN_MS: u32 = TIMEOUT_MS + 5_000;
// A lease cannot run out during an attempt started under it.
const _: () = assert!(LEASE_MARGIN_MS > TIMEOUT_MS && LEASE_MS > LEASE_MARGIN_MS);

/// A `localStorage` lease on flushing, used when the Web Locks API is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lease {
    /// A random id made once per page load.
    pub owner: String,
    /// The lease ends at this time, ms since the Unix epoch.
    pub until_ms: f64,
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
