//! The inbox's accounts over HTTP (SPEC §10): sign in, the lockout, the limit per
//! client address, sessions and their cookie, sign out, and the refusals every inbox
//! route gives. In-process, with a clock the tests move; `serve`'s flags for the
//! address limit against the binary.

#[path = "api/client.rs"]
mod client;
mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use client::App;
use common::Resp;
use evenhand_receiver::routes::rate_limit::AddressRate;
use evenhand_receiver::store::Scope;
use evenhand_receiver::{password, AppOptions, AppState};
use serde_json::json;

const EMAIL: &str = "ana@example.org";
const PASSWORD: &str = "a long enough password";
const MIN: i64 = 60_000;
const HOUR: i64 = 60 * MIN;

struct Inbox {
    app: App,
    now: Arc<AtomicI64>,
    _dir: tempfile::TempDir,
}

impl Inbox {
    fn new() -> Inbox {
        Inbox::with(AppOptions::default())
    }

    /// An app whose database has the manager EMAIL with PASSWORD.
    fn with(options: AppOptions) -> Inbox {
        let dir = tempfile::tempdir().unwrap();
        let store = common::db::open(&dir.path().join("f.sqlite"));
        store
            .add_manager(
                "Ana@Example.org",
                &password::hash(PASSWORD).unwrap(),
                &Scope::Every,
                0,
            )
            .unwrap();
        let (app, now) = App::with_clock(store, &options, 1_800_000_000_000);
        Inbox {
            app,
            now,
            _dir: dir,
        }
    }

    fn wait(&self, ms: i64) {
        self.now.fetch_add(ms, Ordering::SeqCst);
    }

    async fn sign_in_with(&self, body: &str, headers: &[(&str, &str)]) -> Resp {
        let mut h = vec![("Content-Type", "application/json")];
        h.extend_from_slice(headers);
        self.app
            .request(
                "POST",
                "/api/inbox/session",
                &h,
                Body::from(body.to_string()),
            )
            .await
    }

    async fn sign_in(&self, email: &str, password: &str) -> Resp {
        let body = json!({ "email": email, "password": password }).to_string();
        self.sign_in_with(&body, &[]).await
    }

    /// A sign-in from the client address `from`, as the server passes it.
    async fn sign_in_from(&self, from: &str, email: &str, password: &str) -> Resp {
        let body = json!({ "email": email, "password": password }).to_string();
        let mut req = Request::post("/api/inbox/session")
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap();
        let addr: SocketAddr = from.parse().unwrap();
        req.extensions_mut().insert(ConnectInfo(addr));
        self.app.send(req).await
    }

    /// One password tried from `from` on `n` emails, one after another: the statuses.
    async fn spray(&self, from: &str, n: usize) -> Vec<u16> {
        let mut statuses = Vec::new();
        for i in 0..n {
            let email = format!("guess{i}@example.org");
            statuses.push(self.sign_in_from(from, &email, "Summer2026!!").await.status);
        }
        statuses
    }

    /// Signs in as EMAIL and gives the `Cookie` header that carries the session.
    async fn session(&self) -> String {
        let r = self.sign_in(EMAIL, PASSWORD).await;
        assert_eq!(r.status, 204, "{}", r.text());
        let set = r.header("set-cookie").unwrap();
        set.split(';').next().unwrap().to_string()
    }

    async fn me(&self, cookie: &str) -> Resp {
        self.app.get("/api/inbox/me", &[("Cookie", cookie)]).await
    }

    async fn sign_out(&self, headers: &[(&str, &str)]) -> Resp {
        self.app
            .request("DELETE", "/api/inbox/session", headers, Body::empty())
            .await
    }
}

fn error(r: &Resp) -> String {
    r.json()["error"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn sign_in_who_is_signed_in_and_sign_out() {
    let s = Inbox::new();
    let r = s.sign_in("ANA@example.org", PASSWORD).await;
    assert_eq!(r.status, 204, "{}", r.text());
    let set = r.header("set-cookie").unwrap().to_string();
    assert!(set.starts_with("evenhand_session="), "{set}");
    assert!(
        set.ends_with("; HttpOnly; SameSite=Strict; Path=/"),
        "plain http: no Secure, no __Host-: {set}"
    );
    let token = set.split(';').next().unwrap().split('=').nth(1).unwrap();
    assert_eq!(token.len(), 64, "256 bits as hex: {token}");
    let cookie = format!("evenhand_session={token}");

    let me = s.me(&cookie).await;
    assert_eq!(me.status, 200, "{}", me.text());
    assert_eq!(me.json(), json!({ "email": EMAIL, "venues": null }));
    // Another sign-in is another session.
    assert_ne!(s.session().await, cookie);

    let out = s.sign_out(&[("Cookie", &cookie)]).await;
    assert_eq!(out.status, 204, "{}", out.text());
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    // A copy of the cookie kept from before is useless now.
    let me = s.me(&cookie).await;
    assert_eq!(me.status, 401);
    assert_eq!(error(&me), "sign in to the inbox first");
    assert_eq!(s.sign_out(&[("Cookie", &cookie)]).await.status, 401);
}

#[tokio::test]
async fn a_wrong_email_and_a_wrong_password_get_the_same_answer() {
    let s = Inbox::new();
    let wrong_password = s.sign_in(EMAIL, "not the password at all").await;
    let wrong_email = s.sign_in("bo@example.org", PASSWORD).await;
    for r in [&wrong_password, &wrong_email] {
        assert_eq!(r.status, 401, "{}", r.text());
        assert_eq!(r.json(), json!({ "error": "Email or password is wrong." }));
        assert!(r.header("set-cookie").is_none());
    }
    assert_eq!(wrong_password.headers.len(), wrong_email.headers.len());
}

#[tokio::test]
async fn five_failures_lock_the_email_for_fifteen_minutes_even_with_the_right_password() {
    let s = Inbox::new();
    for _ in 0..5 {
        let r = s.sign_in(EMAIL, "a wrong password here").await;
        assert_eq!(r.status, 401, "{}", r.text());
        s.wait(MIN);
    }
    // The fifth failure was 1 minute ago: 14 minutes left.
    let r = s.sign_in(EMAIL, PASSWORD).await;
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(error(&r), "Too many attempts; try again in 14 minutes.");
    assert_eq!(r.header("retry-after"), Some("840"));
    assert!(r.header("set-cookie").is_none());
    // Another case of the same email is the same email.
    assert_eq!(s.sign_in("ana@EXAMPLE.org", PASSWORD).await.status, 429);
    // Attempts while locked do not lengthen the lockout.
    s.wait(10 * MIN);
    let r = s.sign_in(EMAIL, "a wrong password here").await;
    assert_eq!(error(&r), "Too many attempts; try again in 4 minutes.");
    s.wait(4 * MIN - 1);
    let r = s.sign_in(EMAIL, PASSWORD).await;
    assert_eq!(error(&r), "Too many attempts; try again in 1 minute.");
    assert_eq!(r.header("retry-after"), Some("1"));
    s.wait(1);
    assert_eq!(s.sign_in(EMAIL, PASSWORD).await.status, 204);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_meet_the_lockout_too() {
    let s = Arc::new(Inbox::new());
    let guesses: Vec<_> = (0..12)
        .map(|i| {
            let s = s.clone();
            tokio::spawn(async move { s.sign_in(EMAIL, &format!("guess number {i:02}")).await })
        })
        .collect();
    let mut wrong = 0;
    for g in guesses {
        let r = g.await.unwrap();
        match r.status {
            401 => wrong += 1,
            429 => {}
            other => panic!("{other}: {}", r.text()),
        }
    }
    assert_eq!(wrong, 5, "only five passwords were checked");
}

#[tokio::test]
async fn an_unknown_email_is_locked_alike_and_other_emails_are_not() {
    let s = Inbox::new();
    for _ in 0..5 {
        assert_eq!(s.sign_in("bo@example.org", PASSWORD).await.status, 401);
    }
    let r = s.sign_in("bo@example.org", PASSWORD).await;
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(error(&r), "Too many attempts; try again in 15 minutes.");
    assert_eq!(s.sign_in(EMAIL, PASSWORD).await.status, 204);
}

/// Ten sign-ins at once, then one a minute: the refill is slow enough that the test's
/// ten Argon2id hashes (slow without optimisation) earn none back. `serve`'s own rate
/// (ten a minute) is the limiter's unit test.
const TEN_THEN_ONE_A_MINUTE: AddressRate = AddressRate {
    per_minute: 1,
    burst: 10,
};

#[tokio::test]
async fn one_address_gets_ten_sign_ins_whatever_the_emails() {
    let s = Inbox::with(AppOptions {
        sign_in_rate: TEN_THEN_ONE_A_MINUTE,
        ..AppOptions::default()
    });
    let sprayer = "192.0.2.66:40000";
    // Each email has one failure, far from its lockout.
    assert_eq!(s.spray(sprayer, 10).await, [401; 10]);
    // The eleventh from that address (another port: another browser behind it) is
    // refused, whatever the email and even with the right password, before any check.
    let r = s.sign_in_from("192.0.2.66:40001", EMAIL, PASSWORD).await;
    assert_eq!(r.status, 429, "{}", r.text());
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    // The words the inbox page knows (SPEC §10's lockout), in whole minutes.
    assert_eq!(error(&r), "Too many attempts; try again in 1 minute.");
    assert!(r.header("set-cookie").is_none());
    // Refused before the body was read: a malformed one gets the same answer.
    let r = s.sign_in_from(sprayer, "", "").await;
    assert_eq!(r.status, 429, "{}", r.text());
    // The manager signing in from elsewhere is not held up by that address.
    let r = s.sign_in_from("198.51.100.7:50000", EMAIL, PASSWORD).await;
    assert_eq!(r.status, 204, "{}", r.text());
    // Nor is an IPv6 host (its own /64), and signing out is never limited.
    let r = s
        .sign_in_from("[2001:db8:1:2::7]:443", EMAIL, PASSWORD)
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
    let cookie = r.header("set-cookie").unwrap().split(';').next().unwrap();
    assert_eq!(s.sign_out(&[("Cookie", cookie)]).await.status, 204);
}

#[tokio::test]
async fn with_the_limit_at_zero_an_address_is_limited_only_by_the_lockout() {
    let s = Inbox::with(AppOptions {
        sign_in_rate: AddressRate {
            per_minute: 0,
            burst: 10,
        },
        ..AppOptions::default()
    });
    let one = "192.0.2.66:40000";
    assert_eq!(s.spray(one, 12).await, [401; 12]);
    assert_eq!(s.sign_in_from(one, EMAIL, PASSWORD).await.status, 204);
}

/// `serve`'s sign-in limit by its flags, counted by the connection's address. The
/// attempts are malformed (400): refused before any password is hashed, they cost
/// nothing, yet the limit counts them, as it comes first.
#[test]
fn serve_limits_sign_ins_by_default_and_its_flags_set_or_end_it() {
    let dir = tempfile::tempdir().unwrap();
    let attempts = |server: &common::Server, n: usize| -> Vec<u16> {
        (0..n)
            .map(|_| {
                common::request(
                    &server.addr,
                    "POST",
                    "/api/inbox/session",
                    &[("Content-Type", "application/json")],
                    b"{}",
                )
                .status
            })
            .collect()
    };
    let default = common::Server::start(&dir.path().join("a.sqlite"), &[]);
    let mut expected = vec![400; 10];
    expected.push(429);
    assert_eq!(attempts(&default, 11), expected, "ten at once by default");
    let set = common::Server::start(
        &dir.path().join("b.sqlite"),
        &[
            "--sign-in-limit-per-minute",
            "1",
            "--sign-in-limit-burst",
            "2",
        ],
    );
    assert_eq!(attempts(&set, 3), [400, 400, 429]);
    let off = common::Server::start(
        &dir.path().join("c.sqlite"),
        &["--sign-in-limit-per-minute", "0"],
    );
    assert_eq!(attempts(&off, 30), vec![400; 30]);
}

#[tokio::test]
async fn a_sign_in_deletes_the_sessions_that_have_ended() {
    let s = Inbox::new();
    let abandoned = s.session().await;
    s.wait(HOUR);
    let kept = s.session().await;
    // 13 h after the first sign-in, 12 h after the second: one has ended, one has not.
    s.wait(12 * HOUR);
    let _third = s.session().await;
    // Back at the second sign-in's time, when both were open: the ended one is no longer
    // in the database (else it would open again here), the open one still is.
    s.wait(-12 * HOUR);
    assert_eq!(s.me(&abandoned).await.status, 401, "deleted at the sign-in");
    assert_eq!(s.me(&kept).await.status, 200, "still open, kept");
}

#[tokio::test]
async fn a_session_ends_after_twelve_hours_unused() {
    let s = Inbox::new();
    let cookie = s.session().await;
    s.wait(12 * HOUR);
    assert_eq!(s.me(&cookie).await.status, 200, "used at 12 h: still open");
    s.wait(12 * HOUR);
    assert_eq!(s.me(&cookie).await.status, 200, "12 h after its last use");
    s.wait(12 * HOUR + 1);
    assert_eq!(s.me(&cookie).await.status, 401);
    s.wait(-12 * HOUR);
    assert_eq!(s.me(&cookie).await.status, 401, "ended for good");
}

#[tokio::test]
async fn over_https_the_cookie_is_secure_and_host_only() {
    let s = Inbox::with(AppOptions {
        public_url: Some("https://feedback.example.org".into()),
        ..AppOptions::default()
    });
    let r = s.sign_in(EMAIL, PASSWORD).await;
    let set = r.header("set-cookie").unwrap().to_string();
    assert!(set.starts_with("__Host-evenhand_session="), "{set}");
    assert!(
        set.ends_with("; HttpOnly; SameSite=Strict; Path=/; Secure"),
        "{set}"
    );
    let token = set.split(';').next().unwrap().split('=').nth(1).unwrap();
    assert_eq!(
        s.me(&format!("__Host-evenhand_session={token}"))
            .await
            .status,
        200
    );
    // The plain name is not this receiver's cookie over https.
    assert_eq!(s.me(&format!("evenhand_session={token}")).await.status, 401);
    let bad = AppState::new(
        common::db::open(&s._dir.path().join("g.sqlite")),
        &AppOptions {
            public_url: Some("https://feedback.example.org/inbox".into()),
            ..AppOptions::default()
        },
    );
    assert!(bad.err().unwrap().contains("--public-url"));
}

#[tokio::test]
async fn every_inbox_route_needs_a_session() {
    let s = Inbox::new();
    let cookie = s.session().await;
    for (method, path) in [
        ("GET", "/api/inbox/me"),
        ("DELETE", "/api/inbox/session"),
        ("GET", "/api/inbox/submissions"),
        ("POST", "/api/inbox/anything"),
        ("GET", "/api/inbox"),
        // Another method on a known route is no route either: never a 405.
        ("GET", "/api/inbox/session"),
        ("POST", "/api/inbox/me"),
        (
            "GET",
            "/api/inbox/submissions/00000000-0000-4000-8000-000000000001/erase",
        ),
        ("POST", "/api/inbox/praise"),
        ("POST", "/api/inbox/overview"),
        ("PUT", "/api/inbox/team-links"),
        ("GET", "/api/inbox/team-links/1"),
    ] {
        for headers in [
            vec![],
            vec![("Cookie", "evenhand_session=")],
            vec![("Cookie", "evenhand_session=0000")],
            vec![("Cookie", "other=1")],
        ] {
            let r = s.app.request(method, path, &headers, Body::empty()).await;
            assert_eq!(r.status, 401, "{method} {path} {headers:?}: {}", r.text());
            assert_eq!(error(&r), "sign in to the inbox first");
        }
    }
    // Signed in, an unknown route or method is a 404.
    for (method, path) in [
        ("GET", "/api/inbox/submissions-nope"),
        ("GET", "/api/inbox/session"),
        ("PUT", "/api/inbox/team-links"),
    ] {
        let r = s
            .app
            .request(method, path, &[("Cookie", &cookie)], Body::empty())
            .await;
        assert_eq!(r.status, 404, "{method} {path}: {}", r.text());
    }
}

#[tokio::test]
async fn a_change_from_another_origin_is_refused() {
    let s = Inbox::with(AppOptions {
        allow_origins: vec!["https://kiosk.example.org".into()],
        ..AppOptions::default()
    });
    let body = json!({ "email": EMAIL, "password": PASSWORD }).to_string();
    for origin in ["https://evil.example", "https://kiosk.example.org", "null"] {
        let r = s
            .sign_in_with(&body, &[("Host", "rx.example.org"), ("Origin", origin)])
            .await;
        assert_eq!(r.status, 403, "{origin}: {}", r.text());
        assert!(r.header("set-cookie").is_none());
    }
    let r = s
        .sign_in_with(
            &body,
            &[
                ("Host", "rx.example.org"),
                ("Origin", "https://rx.example.org"),
            ],
        )
        .await;
    assert_eq!(r.status, 204, "own origin: {}", r.text());
    let cookie = s.session().await;
    let r = s
        .sign_out(&[
            ("Cookie", &cookie),
            ("Host", "rx.example.org"),
            ("Origin", "https://evil.example"),
        ])
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
    assert_eq!(s.me(&cookie).await.status, 200, "still signed in");
    // Reading is not a change: a GET with a foreign Origin still needs only the session.
    let r = s
        .app
        .get(
            "/api/inbox/me",
            &[("Cookie", &cookie), ("Origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn malformed_and_oversized_sign_ins_are_named() {
    let s = Inbox::new();
    let r = s
        .app
        .request(
            "POST",
            "/api/inbox/session",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Body::from("email=a&password=b"),
        )
        .await;
    assert_eq!(r.status, 415, "{}", r.text());
    assert_eq!(error(&r), "`Content-Type` must be application/json");
    let r = s.sign_in_with("{\"email\": \"a@b.c\"", &[]).await;
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(
        error(&r).starts_with("the body must be JSON"),
        "{}",
        r.text()
    );
    let r = s
        .sign_in_with(&json!({ "email": EMAIL }).to_string(), &[])
        .await;
    assert_eq!(r.status, 400);
    assert!(
        error(&r).contains("missing field `password`"),
        "{}",
        r.text()
    );
    let big = json!({ "email": EMAIL, "password": "x".repeat(9000) }).to_string();
    let r = s.sign_in_with(&big, &[]).await;
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(error(&r), "the body is larger than 8192 bytes");
    // None of these counted as a failed attempt.
    assert_eq!(s.sign_in(EMAIL, PASSWORD).await.status, 204);
}
