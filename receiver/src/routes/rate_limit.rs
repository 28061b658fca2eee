//! Limits per client address (SPEC §10), one keyed limiter per route it guards:
//!
//! - `POST /api/feedback` stays open to kiosks, but each address may post only so fast.
//!   Over it the answer is 429 with `Retry-After` in whole seconds, which the kiosk's
//!   outbox honours: its items wait and go later, none is lost.
//! - `POST /api/inbox/session`: the lockout counts attempts per email, so one address
//!   could still try a password on many emails, each attempt costing an Argon2id hash.
//!   Over its limit the answer is the lockout's own 429 ("Too many attempts; try again
//!   in N minutes."), given before the body is read or a password hashed.
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

/// How fast one address may make the requests a limiter guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AddressRate {
    /// Requests a minute, sustained; 0 turns the limit off.
    pub per_minute: u32,
    /// Requests at once after a quiet spell (at least 1).
    pub burst: u32,
}

impl AddressRate {
    /// `serve`'s default for submissions: a busy shop's tablets behind one address send
    /// a few a minute; an outbox emptying after an outage sends 60 at once, then one a
    /// second.
    pub const FEEDBACK_DEFAULT: AddressRate = AddressRate {
        per_minute: 60,
        burst: 60,
    };

    /// `serve`'s default for sign-ins: a few managers behind one address mistype now
    /// and then; ten a minute is far above that and far below a spray over many emails
    /// (and keeps the Argon2id hashes one address can ask for to one every 6 s).
    pub const SIGN_IN_DEFAULT: AddressRate = AddressRate {
        per_minute: 10,
        burst: 10,
    };
}

/// Prune the addresses not seen lately once every this many requests, so the table
/// stays the size of the recent clients.
const PRUNE_EVERY: u64 = 4096;

/// A limiter shared by every request to the routes it guards; `None` when off.
pub struct AddressLimiter {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    seen: AtomicU64,
    /// The refusal over the limit, given the whole seconds to wait.
    refusal: fn(u64) -> ApiError,
}

impl AddressLimiter {
    /// A limiter at `rate` that refuses with `refusal` (e.g. [`ApiError::RateLimited`]);
    /// `None` when `rate.per_minute` is 0.
    pub fn new(rate: AddressRate, refusal: fn(u64) -> ApiError) -> Option<Arc<AddressLimiter>> {
        let per_minute = NonZeroU32::new(rate.per_minute)?;
        let burst = NonZeroU32::new(rate.burst).unwrap_or(NonZeroU32::MIN);
        Some(Arc::new(AddressLimiter {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
            seen: AtomicU64::new(0),
            refusal,
        }))
    }

    /// `Ok` when `client` may make a request now, else the whole seconds to wait (at
    /// least 1).
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

/// The middleware on a limited route. The server puts each connection's peer in the
/// request ([`ConnectInfo`]); a request without one (an in-process caller) counts as
/// one unknown client, never as unlimited.
pub async fn limit(
    State(limiter): State<Arc<AddressLimiter>>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    limiter.check(client).map_err(limiter.refusal)?;
    Ok(next.run(req).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_a_wait_in_whole_seconds() {
        let limiter = AddressLimiter::new(
            AddressRate {
                per_minute: 2,
                burst: 3,
            },
            ApiError::RateLimited,
        )
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
        let limiter = AddressLimiter::new(
            AddressRate {
                per_minute: u32::MAX,
                burst: 1,
            },
            ApiError::RateLimited,
        )
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

    /// The limiter behind a route, as `serve` puts it on one.
    fn limited(limiter: Arc<AddressLimiter>) -> axum::Router {
        axum::Router::new().route(
            "/",
            axum::routing::post(|| async { "ok" })
                .layer(axum::middleware::from_fn_with_state(limiter, limit)),
        )
    }

    async fn post_from(app: &axum::Router, from: &str) -> Response {
        use tower::ServiceExt;
        let mut req = Request::post("/").body(axum::body::Body::empty()).unwrap();
        let addr: SocketAddr = from.parse().unwrap();
        req.extensions_mut().insert(ConnectInfo(addr));
        app.clone().oneshot(req).await.unwrap()
    }

    #[tokio::test]
    async fn each_limiter_counts_its_own_route_and_refuses_in_its_own_words() {
        let sign_in = limited(
            AddressLimiter::new(AddressRate::SIGN_IN_DEFAULT, ApiError::TooManyAttempts).unwrap(),
        );
        let feedback = limited(
            AddressLimiter::new(
                AddressRate {
                    per_minute: 1,
                    burst: 1,
                },
                ApiError::RateLimited,
            )
            .unwrap(),
        );
        let a = "192.0.2.1:4000";
        for _ in 0..10 {
            assert_eq!(post_from(&sign_in, a).await.status(), 200);
        }
        let over = post_from(&sign_in, a).await;
        assert_eq!(over.status(), 429);
        // Ten a minute: the next in 6 s, told as the lockout tells it.
        let wait: u64 = over.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((5..=6).contains(&wait), "Retry-After {wait}");
        let body = axum::body::to_bytes(over.into_body(), 1024).await.unwrap();
        assert_eq!(
            body.as_ref(),
            br#"{"error":"Too many attempts; try again in 1 minute."}"#
        );
        // The sign-ins spent none of the same address's submissions.
        assert_eq!(post_from(&feedback, a).await.status(), 200);
        let over = post_from(&feedback, a).await;
        assert_eq!(over.status(), 429);
        let body = axum::body::to_bytes(over.into_body(), 1024).await.unwrap();
        assert!(
            body.starts_with(b"{\"error\":\"too many submissions from this address"),
            "{body:?}"
        );
        // Another address has its own count.
        assert_eq!(post_from(&sign_in, "192.0.2.2:4000").await.status(), 200);
    }

    #[test]
    fn zero_turns_it_off() {
        assert!(AddressLimiter::new(AddressRate::default(), ApiError::RateLimited).is_none());
        assert!(
            AddressLimiter::new(AddressRate::FEEDBACK_DEFAULT, ApiError::RateLimited).is_some()
        );
        assert!(
            AddressLimiter::new(AddressRate::SIGN_IN_DEFAULT, ApiError::TooManyAttempts).is_some()
        );
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
