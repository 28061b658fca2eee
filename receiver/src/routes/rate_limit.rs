//! The public endpoint's rate limit (SPEC §10): `POST /api/feedback` stays open to
//! kiosks, but each client address may post only so fast. Over it the answer is 429
//! with `Retry-After` in whole seconds, which the kiosk's outbox honours: its items wait
//! and go later, none is lost.
//!
//! One address is one client: an IPv4 address, or the /64 an IPv6 host picks its
//! addresses from. The tablets of one shop often share an address (its router), hence
//! generous defaults. Behind a reverse proxy every client has the proxy's address
//! (forwarded headers are not trusted): raise the limit, or turn it off with 0 and limit
//! at the proxy.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// How fast one address may post submissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FeedbackRate {
    /// Submissions a minute, sustained; 0 turns the limit off.
    pub per_minute: u32,
    /// Submissions at once after a quiet spell (at least 1).
    pub burst: u32,
}

impl FeedbackRate {
    /// `serve`'s default: a busy shop's tablets behind one address send a few a minute;
    /// an outbox emptying after an outage sends 60 at once, then one a second.
    pub const SERVE_DEFAULT: FeedbackRate = FeedbackRate {
        per_minute: 60,
        burst: 60,
    };
}

/// Prune the addresses not seen lately once every this many requests, so the table
/// stays the size of the recent clients.
const PRUNE_EVERY: u64 = 4096;

/// The limiter shared by every request; `None` when the limit is off.
pub struct FeedbackLimiter {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    seen: AtomicU64,
}

impl FeedbackLimiter {
    pub fn new(rate: FeedbackRate) -> Option<Arc<FeedbackLimiter>> {
        let per_minute = NonZeroU32::new(rate.per_minute)?;
        let burst = NonZeroU32::new(rate.burst).unwrap_or(NonZeroU32::MIN);
        Some(Arc::new(FeedbackLimiter {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
            seen: AtomicU64::new(0),
        }))
    }

    /// `Ok` when `client` may post now, else the whole seconds to wait (at least 1).
    pub fn check(&self, client: IpAddr) -> Result<(), u64> {
        if self.seen.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            // And give back the room a crowd of addresses took, not only the entries.
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        self.limiter
            .check_key(&client_key(client))
            .map_err(|not_until| {
                let wait = not_until.wait_time_from(self.limiter.clock().now());
                (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
            })
    }
}

/// The address a limit applies to: IPv4 as is (also when mapped into IPv6), IPv6 by
/// its /64.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// The middleware on `POST /api/feedback`. The server puts each connection's peer in
/// the request ([`ConnectInfo`]); a request without one (an in-process caller) counts
/// as one unknown client, never as unlimited.
pub async fn limit(
    State(limiter): State<Arc<FeedbackLimiter>>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    limiter.check(client).map_err(ApiError::RateLimited)?;
    Ok(next.run(req).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_a_wait_in_whole_seconds() {
        let limiter = FeedbackLimiter::new(FeedbackRate {
            per_minute: 2,
            burst: 3,
        })
        .unwrap();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..3 {
            assert_eq!(limiter.check(a), Ok(()));
        }
        // One every 30 s after the burst.
        let wait = limiter.check(a).unwrap_err();
        assert!((29..=30).contains(&wait), "{wait}");
        assert_eq!(limiter.check("192.0.2.2".parse().unwrap()), Ok(()));
    }

    #[test]
    fn addresses_not_seen_lately_are_forgotten() {
        // One post every few nanoseconds: an address is as good as new almost at once.
        let limiter = FeedbackLimiter::new(FeedbackRate {
            per_minute: u32::MAX,
            burst: 1,
        })
        .unwrap();
        let many = (0..PRUNE_EVERY - 1).map(|i| IpAddr::V4(Ipv4Addr::from(i as u32)));
        for ip in many {
            assert_eq!(limiter.check(ip), Ok(()));
        }
        assert_eq!(limiter.limiter.len(), (PRUNE_EVERY - 1) as usize);
        // The next request prunes first.
        assert_eq!(limiter.check("192.0.2.1".parse().unwrap()), Ok(()));
        assert!(limiter.limiter.len() < 100, "{}", limiter.limiter.len());
    }

    #[test]
    fn zero_turns_it_off() {
        assert!(FeedbackLimiter::new(FeedbackRate::default()).is_none());
        assert!(FeedbackLimiter::new(FeedbackRate::SERVE_DEFAULT).is_some());
    }

    #[test]
    fn an_ipv6_host_is_its_64() {
        let a = client_key("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = client_key("2001:db8:1:2:bbbb::9".parse().unwrap());
        let other = client_key("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(
            client_key("::ffff:192.0.2.7".parse().unwrap()),
            "192.0.2.7".parse::<IpAddr>().unwrap()
        );
    }
}
