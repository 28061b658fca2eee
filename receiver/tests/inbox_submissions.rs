//! The inbox's submissions over HTTP (SPEC §10): the list, its paging and filters and
//! search, names masked by the server until "Show names" (which the history records),
//! a complaint's status and its history, the refusals, an older database upgraded in
//! place; and the rate limit of the public endpoint. In-process, with a clock the tests
//! set, except where the real server's client address matters.

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
use common::{Resp, Server, TOKEN};
use evenhand_receiver::routes::rate_limit::AddressRate;
use evenhand_receiver::store::{Row, Scope};
use evenhand_receiver::{password, AppOptions, InboxCountCap, Store};
use serde_json::{json, Value};

const EMAIL: &str = "ana@example.org";
const PASSWORD: &str = "a long enough password";
/// 2026-11-27T10:00:00.000Z
const NOW: i64 = 1_795_773_600_000;

/// A submission to seed, and what it says.
#[derive(Clone)]
struct Sub {
    n: u32,
    received_at: String,
    venue: &'static str,
    place: Option<&'static str>,
    praise: &'static str,
    staff_named: Vec<&'static str>,
    complaint: Option<&'static str>,
    names: Vec<&'static str>,
    heated: bool,
}

/// A UUID whose last digits are `n`.
fn id(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

fn sub(n: u32, day: u32) -> Sub {
    Sub {
        n,
        received_at: format!("2026-11-{day:02}T12:00:{:02}.000Z", n % 60),
        venue: "bistro-1",
        place: Some("terrace"),
        praise: "Good bread",
        staff_named: vec![],
        complaint: Some("Slow service"),
        names: vec![],
        heated: false,
    }
}

impl Sub {
    fn payload(&self) -> Value {
        json!({
            "schema": "evenhand.feedback/1",
            "id": id(self.n),
            "created_at": self.received_at,
            "venue": self.venue,
            "place": self.place,
            "mode": "kiosk",
            "language": "fr",
            "praise": { "text": self.praise, "declined": false, "staff_named": self.staff_named },
            "complaint": self.complaint.map(|t| json!({ "text": t })),
            "ratings": { "service": 2 },
            "contact": null,
            "guidance": { "names_mentioned": self.names, "heated": self.heated, "edited_after_guidance": false },
            "verified": false
        })
    }

    fn insert(&self, store: &Store) {
        let id = id(self.n);
        let payload = self.payload().to_string();
        store
            .insert(&Row {
                id: &id,
                received_at: &self.received_at,
                venue: self.venue,
                place: self.place,
                language: "fr",
                payload: &payload,
            })
            .unwrap();
    }
}

struct Inbox {
    app: App,
    now: Arc<AtomicI64>,
    _dir: tempfile::TempDir,
}

impl Inbox {
    fn new(subs: &[Sub]) -> Inbox {
        Inbox::with(subs, AppOptions::default())
    }

    /// An app with the manager EMAIL and these submissions.
    fn with(subs: &[Sub], options: AppOptions) -> Inbox {
        let dir = tempfile::tempdir().unwrap();
        let store = common::db::open(&dir.path().join("f.sqlite"));
        Inbox::on(store, subs, options, dir)
    }

    fn on(store: Store, subs: &[Sub], options: AppOptions, dir: tempfile::TempDir) -> Inbox {
        store
            .add_manager(EMAIL, &password::hash(PASSWORD).unwrap(), &Scope::Every, 0)
            .unwrap();
        for s in subs {
            s.insert(&store);
        }
        let (app, now) = App::with_clock(store, &options, NOW);
        Inbox {
            app,
            now,
            _dir: dir,
        }
    }

    async fn session(&self) -> String {
        self.app.sign_in(EMAIL, PASSWORD).await
    }

    async fn get(&self, cookie: &str, path: &str) -> Resp {
        self.app.get(path, &[("Cookie", cookie)]).await
    }

    /// The list at `query`, which must answer 200.
    async fn list(&self, cookie: &str, query: &str) -> Value {
        let r = self
            .get(cookie, &format!("/api/inbox/submissions?{query}"))
            .await;
        assert_eq!(r.status, 200, "{query}: {}", r.text());
        r.json()
    }

    /// The ids the list at `query` shows, as their numbers, in order.
    async fn listed(&self, cookie: &str, query: &str) -> Vec<u32> {
        numbers(&self.list(cookie, query).await)
    }

    async fn post(&self, cookie: &str, path: &str, body: Option<Value>) -> Resp {
        self.app.as_manager(cookie, "POST", path, body).await
    }

    async fn set_status(&self, cookie: &str, n: u32, body: Value) -> Resp {
        let path = format!("/api/inbox/submissions/{}/status", id(n));
        self.post(cookie, &path, Some(body)).await
    }

    async fn show_names(&self, cookie: &str, n: u32) -> Resp {
        let path = format!("/api/inbox/submissions/{}/names", id(n));
        self.post(cookie, &path, None).await
    }
}

fn numbers(list: &Value) -> Vec<u32> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let id = i["id"].as_str().unwrap();
            id.rsplit('-').next().unwrap().parse().unwrap()
        })
        .collect()
}

fn error(r: &Resp) -> String {
    r.json()["error"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn every_submissions_route_needs_a_session() {
    let s = Inbox::new(&[sub(1, 1)]);
    let one = format!("/api/inbox/submissions/{}", id(1));
    // Each route, and what it answers signed in: the status route asks for its body,
    // another method on these paths is no such route.
    let routes = [
        ("GET", "/api/inbox/submissions".to_string(), 200),
        ("GET", one.clone(), 200),
        ("POST", format!("{one}/names"), 200),
        ("POST", format!("{one}/status"), 415),
        ("GET", "/api/inbox/places".to_string(), 200),
        ("DELETE", one.clone(), 404),
        ("GET", format!("{one}/names"), 404),
    ];
    for (method, path, _) in &routes {
        for headers in [vec![], vec![("Cookie", "evenhand_session=0000")]] {
            let r = s.app.request(method, path, &headers, Body::empty()).await;
            assert_eq!(r.status, 401, "{method} {path}: {}", r.text());
            assert_eq!(error(&r), "sign in to the inbox first");
        }
    }
    let cookie = s.session().await;
    for (method, path, signed_in) in &routes {
        let r = s
            .app
            .request(method, path, &[("Cookie", &cookie)], Body::empty())
            .await;
        assert_eq!(r.status, *signed_in, "{method} {path}: {}", r.text());
    }
}

#[tokio::test]
async fn changes_from_another_origin_are_refused_and_not_recorded() {
    let mut named = sub(1, 1);
    named.complaint = Some("Amy was rude");
    named.names = vec!["Amy"];
    let s = Inbox::new(&[named]);
    let cookie = s.session().await;
    let from = |origin: &'static str, action: &'static str| {
        let (s, cookie) = (&s, cookie.clone());
        async move {
            s.app
                .request(
                    "POST",
                    &format!("/api/inbox/submissions/{}/{action}", id(1)),
                    &[
                        ("Cookie", &cookie),
                        ("Host", "rx.example.org"),
                        ("Origin", origin),
                        ("Content-Type", "application/json"),
                    ],
                    Body::from(json!({ "status": "verified" }).to_string()),
                )
                .await
        }
    };
    for action in ["names", "status"] {
        let r = from("https://evil.example", action).await;
        assert_eq!(r.status, 403, "{action}: {}", r.text());
        assert!(!r.text().contains("Amy"), "{}", r.text());
    }
    let item = s
        .get(&cookie, &format!("/api/inbox/submissions/{}", id(1)))
        .await
        .json();
    assert_eq!(item["status"], "unverified");
    assert_eq!(item["history"], json!([]));
    // From the receiver's own origin, the same change goes through.
    let r = from("https://rx.example.org", "status").await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn pages_newest_first_with_the_total() {
    // Received in the order 3, 1, 7, 5, 2, 6, 4 (day by day): newest first is 4, 6, ….
    let order = [3, 1, 7, 5, 2, 6, 4];
    let subs: Vec<Sub> = order
        .iter()
        .enumerate()
        .map(|(day, &n)| sub(n, day as u32 + 1))
        .collect();
    let s = Inbox::new(&subs);
    let cookie = s.session().await;
    let first = s.list(&cookie, "per_page=3").await;
    assert_eq!(numbers(&first), [4, 6, 2]);
    assert_eq!(first["total"], 7);
    assert_eq!(
        (first["page"].as_u64(), first["per_page"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(
        (&first["total_capped"], &first["more"]),
        (&json!(false), &json!(true))
    );
    assert_eq!(s.listed(&cookie, "per_page=3&page=2").await, [5, 7, 1]);
    let last = s.list(&cookie, "per_page=3&page=3").await;
    assert_eq!(numbers(&last), [3]);
    assert_eq!(last["more"], false);
    let past = s.list(&cookie, "per_page=3&page=4").await;
    assert_eq!(numbers(&past), Vec::<u32>::new());
    assert_eq!((&past["total"], &past["more"]), (&json!(7), &json!(false)));
    // The default page holds them all, newest first.
    let all = s.list(&cookie, "").await;
    assert_eq!(numbers(&all), [4, 6, 2, 5, 7, 1, 3]);
    assert_eq!(all["per_page"], 50);
    // An item carries its payload, status and history.
    let item = &all["items"][0];
    assert_eq!(item["received_at"], "2026-11-07T12:00:04.000Z");
    assert_eq!(item["payload"]["praise"]["text"], "Good bread");
    assert_eq!(item["status"], "unverified");
    assert_eq!(item["history"], json!([]));
    assert_eq!(item["names_masked"], true);
}

/// The list's count and paging, as a reader sees them: `(total, total_capped, more)`.
fn counted(list: &Value) -> (u64, bool, bool) {
    (
        list["total"].as_u64().unwrap(),
        list["total_capped"].as_bool().unwrap(),
        list["more"].as_bool().unwrap(),
    )
}

#[tokio::test]
async fn the_count_stops_at_the_cap_and_paging_goes_on_past_it() {
    // With the cap lowered to 3: 3 complaints about slow service (on the terrace) and
    // 4 about cold soup (at the bar), one a day, 1 to 7.
    let subs: Vec<Sub> = (1..=7)
        .map(|n| Sub {
            complaint: Some(if n <= 3 { "Slow service" } else { "Cold soup" }),
            place: Some(if n <= 3 { "terrace" } else { "bar" }),
            ..sub(n, n)
        })
        .collect();
    let options = AppOptions {
        inbox_count_cap: InboxCountCap(3),
        ..AppOptions::default()
    };
    let s = Inbox::with(&subs, options);
    let cookie = s.session().await;
    // Exactly the cap: counted exactly; one past it: the cap, said to be capped. The
    // search alone is counted by its own index, so it is checked with and without a
    // filter beside it.
    for (query, expected) in [
        ("place=terrace", (3, false, false)),
        ("place=bar", (3, true, false)),
        ("q=slow", (3, false, false)),
        ("q=soup", (3, true, false)),
        ("q=soup&place=bar", (3, true, false)),
        ("q=slow&place=terrace", (3, false, false)),
        ("", (3, true, false)),
    ] {
        let list = s.list(&cookie, query).await;
        assert_eq!(counted(&list), expected, "{query}");
    }
    // Under the cap, still exact.
    let two = s.list(&cookie, "place=terrace&to=2026-11-02").await;
    assert_eq!(counted(&two), (2, false, false));
    // Paging goes on past the cap, page by page, until the list ends: every
    // submission once, newest first, the last page saying no older one follows.
    let mut seen = Vec::new();
    for page in 1..=4 {
        let list = s.list(&cookie, &format!("per_page=2&page={page}")).await;
        assert_eq!(counted(&list), (3, true, page < 4), "page {page}");
        seen.extend(numbers(&list));
    }
    assert_eq!(seen, [7, 6, 5, 4, 3, 2, 1]);
    let bar = s.list(&cookie, "place=bar&per_page=3&page=2").await;
    assert_eq!((numbers(&bar), counted(&bar)), (vec![4], (3, true, false)));
    let soup = s.list(&cookie, "q=soup&per_page=3").await;
    assert_eq!(
        (numbers(&soup), counted(&soup)),
        (vec![7, 6, 5], (3, true, true))
    );
}

#[tokio::test]
async fn each_filter_narrows_the_list() {
    let mut subs: Vec<Sub> = (1..=8).map(|n| sub(n, n)).collect();
    subs[1].venue = "bistro-2";
    subs[2].place = Some("bar");
    subs[3].place = None;
    subs[4].names = vec!["Amy"];
    subs[4].complaint = Some("Amy forgot us");
    subs[5].heated = true;
    subs[6].complaint = None;
    let s = Inbox::new(&subs);
    let cookie = s.session().await;
    let r = s
        .set_status(&cookie, 8, json!({ "status": "resolved" }))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());

    for (query, expected) in [
        ("venue=bistro-2", vec![2]),
        ("venue=bistro-1&place=bar", vec![3]),
        ("place=terrace", vec![8, 7, 6, 5, 2, 1]),
        ("from=2026-11-03&to=2026-11-05", vec![5, 4, 3]),
        ("from=2026-11-07", vec![8, 7]),
        ("to=2026-11-01", vec![1]),
        ("status=resolved", vec![8]),
        ("status=unverified", vec![6, 5, 4, 3, 2, 1]),
        ("status=verified", vec![]),
        ("names_staff=true", vec![5]),
        ("heated=true", vec![6]),
        ("heated=true&names_staff=true", vec![]),
        (
            "names_staff=false&heated=false",
            vec![8, 7, 6, 5, 4, 3, 2, 1],
        ),
    ] {
        let list = s.list(&cookie, query).await;
        assert_eq!(numbers(&list), expected, "{query}");
        assert_eq!(list["total"], expected.len(), "{query}");
    }
    // A praise only has no status.
    let praise_only = s
        .get(&cookie, &format!("/api/inbox/submissions/{}", id(7)))
        .await
        .json();
    assert_eq!(praise_only["status"], Value::Null);

    let places = s.get(&cookie, "/api/inbox/places").await;
    assert_eq!(places.status, 200, "{}", places.text());
    assert_eq!(
        places.json(),
        json!({ "venues": ["bistro-1", "bistro-2"], "places": ["bar", "terrace"] })
    );
}

#[tokio::test]
async fn search_is_full_text_and_accent_insensitive() {
    let mut subs: Vec<Sub> = (1..=5).map(|n| sub(n, n)).collect();
    subs[0].complaint = Some("Le café était froid");
    subs[1].praise = "Super cafe, merci";
    subs[2].complaint = Some("Crème brûlée ratée");
    subs[3].complaint = Some("Cafetière cassée, attente énorme");
    subs[4].complaint = None;
    subs[4].praise = "Rien à signaler";
    let s = Inbox::new(&subs);
    let cookie = s.session().await;
    for (q, expected) in [
        ("cafe", vec![4, 2, 1]), // the last word is also a prefix: cafetière
        ("café", vec![4, 2, 1]),
        ("CAFÉ froid", vec![1]),
        ("creme brulee", vec![3]),
        ("BRÛLÉE", vec![3]),
        ("attente", vec![4]),
        ("merci", vec![2]),
        ("signaler", vec![5]),
        ("froid merci", vec![]),
        ("pizza", vec![]),
        // FTS syntax is read as words, never as a query.
        ("\"café\" OR", vec![]),
        ("NEAR(café", vec![]),
        ("*", vec![5, 4, 3, 2, 1]),
        // Operators and column filters are words too: read as FTS5 they would find
        // 1, 2 and 1.
        ("café AND froid", vec![]),
        ("praise:merci", vec![]),
        ("complaint : froid", vec![]),
        ("-attente café", vec![4]),
        ("c'est \"froid", vec![]),
        ("'\"*^-:()", vec![5, 4, 3, 2, 1]),
    ] {
        let query = format!("q={}", urlencode(q));
        let list = s.list(&cookie, &query).await;
        assert_eq!(numbers(&list), expected, "{q}");
        assert_eq!(list["total"], expected.len(), "{q}");
    }
    assert_eq!(
        s.listed(&cookie, "q=cafe&from=2026-11-02&to=2026-11-03")
            .await,
        [2]
    );
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A complaint that names two staff members in the forms the matcher knows, and a
/// praise that names another.
fn naming() -> Sub {
    let mut s = sub(1, 1);
    s.complaint = Some("Jean Marc nous a ignorés, et c'est Léa's faute : lea riait.");
    s.names = vec!["Jean-Marc", "Léa"];
    s.praise = "Merci Tom";
    s.staff_named = vec!["Tom"];
    s
}

fn assert_masked(item: &Value) {
    let text = item.to_string().to_lowercase();
    for name in ["jean", "marc", "léa", "lea"] {
        assert!(!text.contains(name), "{name} in {item}");
    }
    assert_eq!(
        item["payload"]["complaint"]["text"],
        "[staff member] nous a ignorés, et c'est [staff member]'s faute : [staff member] riait."
    );
    assert_eq!(
        item["payload"]["guidance"]["names_mentioned"],
        json!(["[staff member]", "[staff member]"])
    );
    assert_eq!(item["names_masked"], true);
    // Praise reaches the people it names: never masked.
    assert_eq!(item["payload"]["praise"]["text"], "Merci Tom");
    assert_eq!(item["payload"]["praise"]["staff_named"], json!(["Tom"]));
}

#[tokio::test]
async fn names_are_masked_by_the_server_in_the_list_and_the_item() {
    let s = Inbox::new(&[naming(), sub(2, 2)]);
    let cookie = s.session().await;
    let list = s.list(&cookie, "").await;
    assert_masked(&list["items"][1]);
    let raw = s.get(&cookie, "/api/inbox/submissions").await.text();
    assert!(!raw.contains("Jean") && !raw.contains("L\\u00e9a") && !raw.contains("Léa"));
    let item = s
        .get(&cookie, &format!("/api/inbox/submissions/{}", id(1)))
        .await;
    assert_eq!(item.status, 200, "{}", item.text());
    assert_masked(&item.json());
    // A complaint naming no one is as the guest wrote it.
    assert_eq!(
        list["items"][0]["payload"]["complaint"]["text"],
        "Slow service"
    );
    // The search still finds a masked name, and answers it masked.
    let found = s.list(&cookie, "q=jean").await;
    assert_eq!(numbers(&found), [1]);
    assert_masked(&found["items"][0]);
}

#[tokio::test]
async fn show_names_answers_the_words_and_is_recorded() {
    let s = Inbox::new(&[naming()]);
    let cookie = s.session().await;
    let r = s.show_names(&cookie, 1).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let shown = r.json();
    assert_eq!(shown["names_masked"], false);
    assert_eq!(
        shown["payload"]["complaint"]["text"],
        "Jean Marc nous a ignorés, et c'est Léa's faute : lea riait."
    );
    assert_eq!(
        shown["payload"]["guidance"]["names_mentioned"],
        json!(["Jean-Marc", "Léa"])
    );
    let logged = json!([{
        "at": "2026-11-27T10:00:00.000Z", "by": EMAIL, "kind": "names_shown",
        "from": null, "to": null, "note": null
    }]);
    assert_eq!(shown["history"], logged);
    // Masked again on the next read, with the reveal in its history.
    let again = s
        .get(&cookie, &format!("/api/inbox/submissions/{}", id(1)))
        .await
        .json();
    assert_masked(&again);
    assert_eq!(again["history"], logged);
    assert_eq!(s.list(&cookie, "").await["items"][0]["history"], logged);
    // Unknown and malformed ids.
    let unknown = s.show_names(&cookie, 9).await;
    assert_eq!(unknown.status, 404);
    assert_eq!(
        error(&unknown),
        format!("no submission has the id {}", id(9))
    );
    let bad = s
        .post(&cookie, "/api/inbox/submissions/42/names", None)
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(error(&bad), "\"42\" is not a submission id (a UUID)");
}

#[tokio::test]
async fn a_status_change_is_kept_with_its_note_in_the_history() {
    let s = Inbox::new(&[naming(), sub(2, 2)]);
    let cookie = s.session().await;
    let r = s
        .set_status(
            &cookie,
            1,
            json!({ "status": "verified", "note": "  Seen on camera.  " }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let item = r.json();
    assert_eq!(item["status"], "verified");
    assert_masked(&item);
    s.now.fetch_add(60_000, Ordering::SeqCst);
    let r = s
        .set_status(&cookie, 1, json!({ "status": "resolved", "note": "   " }))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let expected = json!([
        { "at": "2026-11-27T10:00:00.000Z", "by": EMAIL, "kind": "status",
          "from": "unverified", "to": "verified", "note": "Seen on camera." },
        { "at": "2026-11-27T10:01:00.000Z", "by": EMAIL, "kind": "status",
          "from": "verified", "to": "resolved", "note": null },
    ]);
    assert_eq!(r.json()["history"], expected);
    let kept = s
        .get(&cookie, &format!("/api/inbox/submissions/{}", id(1)))
        .await
        .json();
    assert_eq!(kept["status"], "resolved");
    assert_eq!(kept["history"], expected);
    assert_eq!(s.listed(&cookie, "status=resolved").await, [1]);
    // The other submission is untouched.
    assert_eq!(s.listed(&cookie, "status=unverified").await, [2]);
}

#[tokio::test]
async fn refused_status_changes_say_why_and_change_nothing() {
    let mut praise_only = sub(2, 2);
    praise_only.complaint = None;
    let s = Inbox::new(&[sub(1, 1), praise_only]);
    let cookie = s.session().await;

    let r = s
        .set_status(&cookie, 2, json!({ "status": "verified" }))
        .await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(
        error(&r),
        format!(
            "the submission {} has no complaint, so no status to set",
            id(2)
        )
    );
    let r = s
        .set_status(&cookie, 9, json!({ "status": "verified" }))
        .await;
    assert_eq!(r.status, 404, "{}", r.text());
    let r = s.set_status(&cookie, 1, json!({ "status": "done" })).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(
        error(&r).starts_with("unknown status \"done\""),
        "{}",
        r.text()
    );
    let long = "é".repeat(2001);
    let r = s
        .set_status(&cookie, 1, json!({ "status": "verified", "note": long }))
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(error(&r), "the note is 2001 characters long; at most 2000");
    let r = s
        .set_status(&cookie, 1, json!({ "status": "verified", "by": "x" }))
        .await;
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(error(&r).contains("unknown field `by`"), "{}", r.text());
    let r = s.set_status(&cookie, 1, json!({ "note": "x" })).await;
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(error(&r).contains("missing field `status`"), "{}", r.text());
    let path = format!("/api/inbox/submissions/{}/status", id(1));
    let r = s.post(&cookie, &path, None).await;
    assert_eq!(r.status, 415, "{}", r.text());
    let r = s
        .app
        .request(
            "POST",
            &path,
            &[("Cookie", &cookie), ("Content-Type", "application/json")],
            Body::from(format!(
                "{{\"status\": \"verified\", \"note\": \"{}\"}}",
                "x".repeat(20_000)
            )),
        )
        .await;
    assert_eq!(r.status, 413, "{}", r.text());
    // A note of exactly 2,000 characters is fine.
    let r = s
        .set_status(
            &cookie,
            1,
            json!({ "status": "not_confirmed", "note": "é".repeat(2000) }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let item = r.json();
    assert_eq!(item["status"], "not_confirmed");
    assert_eq!(
        item["history"].as_array().unwrap().len(),
        1,
        "only the accepted one"
    );
    let praise = s
        .get(&cookie, &format!("/api/inbox/submissions/{}", id(2)))
        .await
        .json();
    assert_eq!(
        (praise["status"].clone(), praise["history"].clone()),
        (Value::Null, json!([]))
    );
}

#[tokio::test]
async fn bad_list_parameters_are_named() {
    let s = Inbox::new(&[sub(1, 1)]);
    let cookie = s.session().await;
    for (query, words) in [
        ("page=0", "`page` must be a whole number from 1"),
        (
            "per_page=500",
            "`per_page` must be a whole number from 1 to 200",
        ),
        (
            "status=open",
            "`status` must be one of unverified, verified, not_confirmed, resolved",
        ),
        ("from=2026-13-01", "`from` must be a day as YYYY-MM-DD"),
        ("to=yesterday", "`to` must be a day as YYYY-MM-DD"),
        (
            "from=2026-11-02&to=2026-11-01",
            "`from` (2026-11-02) is after `to` (2026-11-01)",
        ),
        ("names_staff=1", "`names_staff` must be true or false"),
        ("order=asc", "unknown parameter `order`"),
        // Negative, huge and not-UTF-8 values are named too, never a 500.
        ("page=-1", "`page` must be a whole number from 1 to 1000000"),
        (
            "page=99999999999999999999",
            "`page` must be a whole number from 1 to 1000000",
        ),
        (
            "per_page=-5",
            "`per_page` must be a whole number from 1 to 200",
        ),
        ("page=%FF", "`page` must be a whole number"),
        ("%FF=1", "unknown parameter `\u{FFFD}`"),
    ] {
        let r = s
            .get(&cookie, &format!("/api/inbox/submissions?{query}"))
            .await;
        assert_eq!(r.status, 400, "{query}: {}", r.text());
        assert!(error(&r).contains(words), "{query}: {}", r.text());
    }
    // A search over its length is refused by name, whatever it holds.
    let long = format!("q={}", "%22*".repeat(201));
    let r = s
        .get(&cookie, &format!("/api/inbox/submissions?{long}"))
        .await;
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(error(&r).contains("`q` is 402 characters long; at most 200"));
    // The last page and far past it: empty, with the total.
    let far = s.list(&cookie, "page=1000000&per_page=200").await;
    assert_eq!(
        (far["items"].clone(), far["total"].clone()),
        (json!([]), json!(1))
    );
    // Not an id, or not even UTF-8 once decoded: a 400 in JSON that says so, from
    // each route that takes an id.
    for (method, path) in [
        ("GET", "not-an-id"),
        ("GET", "%FF%FE"),
        ("POST", "%FF/names"),
        ("POST", "%C3%28/status"),
    ] {
        let r = s
            .app
            .request(
                method,
                &format!("/api/inbox/submissions/{path}"),
                &[("Cookie", &cookie)],
                Body::empty(),
            )
            .await;
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        assert!(
            error(&r).contains("not a submission id (a UUID)"),
            "{path}: {}",
            r.text()
        );
    }
    let r = s
        .get(&cookie, &format!("/api/inbox/submissions/{}", id(5)))
        .await;
    assert_eq!(r.status, 404, "{}", r.text());
    assert_eq!(error(&r), format!("no submission has the id {}", id(5)));
}

#[tokio::test]
async fn exports_keep_the_guests_exact_words() {
    let s = Inbox::with(
        &[],
        AppOptions {
            export_token: Some(TOKEN.into()),
            ..AppOptions::default()
        },
    );
    let mut posted = naming().payload();
    posted["id"] = json!("6f1c2e0a-3b7d-4f6e-9a51-0c2d8e7f4a10");
    let r = s.app.post_json(&posted.to_string(), &[]).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let cookie = s.session().await;
    let listed = s.list(&cookie, "").await;
    assert_eq!(
        listed["items"][0]["payload"]["complaint"]["text"],
        "[staff member] nous a ignorés, et c'est [staff member]'s faute : [staff member] riait."
    );
    let exported = s.app.export().await;
    assert_eq!(exported[0]["payload"]["complaint"], posted["complaint"]);
    assert_eq!(
        exported[0]["payload"]["guidance"]["names_mentioned"],
        json!(["Jean-Marc", "Léa"])
    );
    let auth = format!("Bearer {TOKEN}");
    let csv = s
        .app
        .get("/api/feedback.csv", &[("Authorization", &auth)])
        .await
        .text();
    assert!(csv.contains("Jean Marc nous a ignorés"), "{csv}");
    assert!(!csv.contains("[staff member]"), "{csv}");
}

#[tokio::test]
async fn a_database_of_the_previous_receiver_upgrades_with_every_submission() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let mut praise_only = sub(2, 2);
    praise_only.complaint = None;
    praise_only.praise = "Très bon café";
    let mut named = naming();
    named.n = 3;
    named.received_at = "2026-11-03T12:00:00.000Z".into();
    named.heated = true;
    let old = [sub(1, 1), praise_only, named];
    {
        // The schema and rows as the receiver before the inbox left them.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/store/migrations/0001_submissions.sql"))
            .unwrap();
        conn.execute_batch(include_str!(
            "../src/store/migrations/0002_managers_sessions.sql"
        ))
        .unwrap();
        conn.execute_batch(
            "CREATE TABLE schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL);
             INSERT INTO schema_version VALUES (1, 'submissions', 0), (2, 'managers_sessions', 0);",
        )
        .unwrap();
        for s in &old {
            conn.execute(
                "INSERT INTO submissions (id, received_at, venue, place, language, payload)
                 VALUES (?1, ?2, ?3, ?4, 'fr', ?5)",
                rusqlite::params![
                    id(s.n),
                    s.received_at,
                    s.venue,
                    s.place,
                    s.payload().to_string()
                ],
            )
            .unwrap();
        }
    }
    let s = Inbox::on(Store::open(&path).unwrap(), &[], AppOptions::default(), dir);
    let cookie = s.session().await;
    let list = s.list(&cookie, "").await;
    assert_eq!(numbers(&list), [3, 2, 1]);
    let statuses: Vec<&Value> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["status"])
        .collect();
    assert_eq!(
        statuses,
        [&json!("unverified"), &Value::Null, &json!("unverified")]
    );
    assert_masked(&list["items"][0]);
    // The filters and the search know the old rows too.
    assert_eq!(s.listed(&cookie, "names_staff=true").await, [3]);
    assert_eq!(s.listed(&cookie, "heated=true").await, [3]);
    assert_eq!(s.listed(&cookie, "q=cafe").await, [2]);
    assert_eq!(s.listed(&cookie, "status=unverified").await, [3, 1]);
    // And they take a status like new ones.
    let r = s
        .set_status(&cookie, 1, json!({ "status": "verified" }))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
}

/// One request to `router` from the client address `from`, as the server passes it.
async fn post_from(app: &App, from: &str) -> Resp {
    let mut body = sub(1, 1).payload();
    body["id"] = json!(fresh_id());
    let mut req = Request::post("/api/feedback")
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let addr: SocketAddr = from.parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    app.send(req).await
}

/// A fresh UUID per call (the limit counts requests, stored or duplicate alike).
fn fresh_id() -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(100);
    id(NEXT.fetch_add(1, Ordering::SeqCst))
}

#[tokio::test]
async fn the_public_endpoint_is_limited_per_client_address() {
    let s = Inbox::with(
        &[],
        AppOptions {
            feedback_rate: AddressRate {
                per_minute: 6,
                burst: 3,
            },
            ..AppOptions::default()
        },
    );
    let router = &s.app;
    for _ in 0..3 {
        let r = post_from(router, "192.0.2.10:5000").await;
        assert_eq!(r.status, 201, "{}", r.text());
    }
    // The fourth from the same address (another port: another tablet behind the same
    // router) waits for the next one of six a minute: 10 s.
    let r = post_from(router, "192.0.2.10:6000").await;
    assert_eq!(r.status, 429, "{}", r.text());
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((9..=10).contains(&wait), "Retry-After {wait}");
    assert_eq!(
        error(&r),
        format!("too many submissions from this address; try again in {wait} s")
    );
    // Another address is not held up.
    let r = post_from(router, "198.51.100.7:5000").await;
    assert_eq!(r.status, 201, "{}", r.text());
    // Only the submissions are limited: the inbox still answers that address.
    let cookie = s.session().await;
    assert_eq!(s.list(&cookie, "").await["total"], 4);
}

#[test]
fn the_server_limits_by_the_connections_address() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(
        &dir.path().join("f.sqlite"),
        &["--rate-limit-per-minute", "1", "--rate-limit-burst", "2"],
    );
    let mut statuses = Vec::new();
    let mut last = None;
    for n in 0..3 {
        let mut body = sub(n, 1).payload();
        body["id"] = json!(id(n + 500));
        let r = server.post_json(&body.to_string(), &[]);
        statuses.push(r.status);
        last = Some(r);
    }
    assert_eq!(statuses, [201, 201, 429]);
    let last = last.unwrap();
    let wait: u64 = last.header("retry-after").unwrap().parse().unwrap();
    assert!((59..=60).contains(&wait), "Retry-After {wait}");
    // The server tells clients apart by their connection's address: another one is
    // not held up, the first one still is.
    let mut body = sub(3, 1).payload();
    body["id"] = json!(id(503));
    assert_eq!(post_from_source(&server.addr, "127.0.0.2", &body), 201);
    body["id"] = json!(id(504));
    assert_eq!(post_from_source(&server.addr, "127.0.0.1", &body), 429);
    // 0 turns it off.
    let open = Server::start(
        &dir.path().join("g.sqlite"),
        &["--rate-limit-per-minute", "0"],
    );
    for n in 0..80 {
        let mut body = sub(n, 1).payload();
        body["id"] = json!(id(n + 1000));
        assert_eq!(open.post_json(&body.to_string(), &[]).status, 201);
    }
}

/// Posts `body` to the server at `addr` from the loopback address `source` (the whole
/// 127/8 is this machine's), and gives the answer's status.
fn post_from_source(addr: &str, source: &str, body: &Value) -> u16 {
    use std::io::{Read, Write};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .unwrap();
    let mut stream = runtime.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(format!("{source}:0").parse().unwrap()).unwrap();
        let stream = socket.connect(addr.parse().unwrap()).await.unwrap();
        stream.into_std().unwrap()
    });
    stream.set_nonblocking(false).unwrap();
    let body = body.to_string();
    write!(
        stream,
        "POST /api/feedback HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer.split_whitespace().nth(1).unwrap().parse().unwrap()
}
