//! Praise reaches the people it names (SPEC §11) over HTTP: the "Praise" view's groups,
//! counts and period, team links (made, listed, revoked) and the public team answer,
//! which never carries a complaint, a rating, an email, a place, a venue or an id; and
//! the weekly overview. In-process, on a database filled directly, with a fixed clock.

#[path = "api/client.rs"]
mod client;
mod common;

use std::sync::Arc;

use axum::body::Body;
use client::App;
use common::Resp;
use evenhand_core::time::{parse_rfc3339_ms, rfc3339_millis};
use evenhand_receiver::state::Clock;
use evenhand_receiver::store::{Row, Scope};
use evenhand_receiver::{password, router, AppOptions, AppState};
use serde_json::{json, Value};

const EMAIL: &str = "ana@example.org";
const PASSWORD: &str = "a long enough password";
const NOW: &str = "2026-11-27T12:00:00.000Z";
const DAY: i64 = 86_400_000;

fn now_ms() -> i64 {
    parse_rfc3339_ms(NOW).unwrap() as i64
}

/// A submission as the kiosk sends it, with everything a team page must never show.
struct Sub<'a> {
    id: &'a str,
    days_ago: i64,
    praise: &'a str,
    named: Option<&'a [&'a str]>,
    declined: bool,
    complaint: Option<&'a str>,
    ratings: Value,
}

impl Sub<'_> {
    fn payload(&self) -> Value {
        let mut praise = json!({ "text": self.praise, "declined": self.declined });
        if let Some(named) = self.named {
            praise["staff_named"] = json!(named);
        }
        json!({
            "schema": "evenhand.feedback/1",
            "id": self.id,
            "created_at": self.received_at(),
            "venue": "bistro-secret-venue",
            "place": "table-secret-place",
            "mode": "kiosk",
            "language": "fr",
            "praise": praise,
            "complaint": self.complaint.map(|t| json!({ "text": t })),
            "ratings": self.ratings,
            "contact": { "email": "guest-secret@example.org", "consent": true },
            "guidance": { "names_mentioned": [], "heated": false, "edited_after_guidance": false },
            "verified": false
        })
    }

    fn received_at(&self) -> String {
        rfc3339_millis(now_ms() - self.days_ago * DAY)
    }
}

fn sub(id: &str, days_ago: i64, praise: &str, named: &'static [&'static str]) -> Sub<'static> {
    Sub {
        id: Box::leak(id.to_string().into_boxed_str()),
        days_ago,
        praise: Box::leak(praise.to_string().into_boxed_str()),
        named: Some(named),
        declined: false,
        complaint: None,
        ratings: json!({}),
    }
}

struct Inbox {
    app: App,
    _dir: tempfile::TempDir,
}

impl Inbox {
    fn with(subs: &[Sub<'_>]) -> Inbox {
        let dir = tempfile::tempdir().unwrap();
        let store = common::db::open(&dir.path().join("f.sqlite"));
        store
            .add_manager(EMAIL, &password::hash(PASSWORD).unwrap(), &Scope::Every, 0)
            .unwrap();
        for s in subs {
            let payload = s.payload().to_string();
            let received_at = s.received_at();
            store
                .insert(&Row {
                    id: s.id,
                    received_at: &received_at,
                    venue: "bistro-secret-venue",
                    place: Some("table-secret-place"),
                    language: "fr",
                    payload: &payload,
                })
                .unwrap();
        }
        let mut state = AppState::new(store, &AppOptions::default()).unwrap();
        state.clock = Clock(Arc::new(now_ms));
        Inbox {
            app: App {
                router: router(state),
                db: None,
            },
            _dir: dir,
        }
    }

    async fn session(&self) -> String {
        self.app.sign_in(EMAIL, PASSWORD).await
    }

    async fn get(&self, path: &str, cookie: &str) -> Resp {
        self.app.get(path, &[("Cookie", cookie)]).await
    }

    async fn send(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Resp {
        self.app.request(method, path, headers, Body::empty()).await
    }

    /// Makes a team link; gives its id and its token.
    async fn new_link(&self, cookie: &str) -> (i64, String) {
        let r = self
            .send("POST", "/api/inbox/team-links", &[("Cookie", cookie)])
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        assert_eq!(r.header("cache-control"), Some("no-store"));
        let j = r.json();
        let url = j["url"].as_str().unwrap();
        let token = url.strip_prefix("/team/").unwrap().to_string();
        (j["id"].as_i64().unwrap(), token)
    }
}

/// A group as `(name, count, [ids newest first])`.
type Group = (String, u64, Vec<String>);

/// Each group, then the team's `(count, [ids newest first])`.
fn groups(j: &Value) -> (Vec<Group>, (u64, Vec<String>)) {
    let ids = |items: &Value| {
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    let g = j["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap().to_string(),
                g["count"].as_u64().unwrap(),
                ids(&g["items"]),
            )
        })
        .collect();
    (
        g,
        (
            j["team"]["count"].as_u64().unwrap(),
            ids(&j["team"]["items"]),
        ),
    )
}

fn sample() -> Vec<Sub<'static>> {
    vec![
        sub("jm-1", 10, "Jean-Marc a été parfait.", &["Jean-Marc"]),
        sub("jm-2", 5, "Merci Jean-Marc et Amy !", &["Jean-Marc", "Amy"]),
        sub("jm-3", 1, "Jean-Marc, toujours souriant.", &["Jean-Marc"]),
        sub(
            "amy-1",
            3,
            "Amy nous a conseillé un très bon vin.",
            &["Amy"],
        ),
        sub("team-1", 2, "Tout était délicieux.", &[]),
        Sub {
            named: None,
            ..sub("team-old-build", 4, "Très bon accueil.", &[])
        },
        Sub {
            declined: true,
            complaint: Some("Trop d'attente."),
            ..sub("declined", 2, "", &[])
        },
        Sub {
            complaint: Some("Le dessert était froid."),
            ..sub("complaint-only", 2, "", &[])
        },
    ]
}

#[tokio::test]
async fn praise_is_grouped_by_the_person_named_with_counts() {
    let s = Inbox::with(&sample());
    let cookie = s.session().await;
    let r = s.get("/api/inbox/praise", &cookie).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let (g, team) = groups(&r.json());
    assert_eq!(
        g,
        [
            (
                "Jean-Marc".into(),
                3,
                vec!["jm-3".into(), "jm-2".into(), "jm-1".into()]
            ),
            ("Amy".into(), 2, vec!["amy-1".into(), "jm-2".into()]),
        ]
    );
    // Praise naming no one (also from a build before `staff_named`) is the team's;
    // declined and empty praise is not listed.
    assert_eq!(team, (2, vec!["team-1".into(), "team-old-build".into()]));
    let item = &r.json()["groups"][0]["items"][0];
    assert_eq!(item["text"], "Jean-Marc, toujours souriant.");
    assert_eq!(item["language"], "fr");
    assert_eq!(item["received_at"], rfc3339_millis(now_ms() - DAY));
}

#[tokio::test]
async fn the_period_filter_keeps_inclusive_days_of_receipt() {
    let s = Inbox::with(&sample());
    let cookie = s.session().await;
    // 2026-11-22 (5 days ago) to 2026-11-25 (2 days ago), both included.
    let r = s
        .get("/api/inbox/praise?from=2026-11-22&to=2026-11-25", &cookie)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let (g, team) = groups(&r.json());
    assert_eq!(
        g,
        [
            ("Amy".into(), 2, vec!["amy-1".into(), "jm-2".into()]),
            ("Jean-Marc".into(), 1, vec!["jm-2".into()]),
        ]
    );
    assert_eq!(team, (2, vec!["team-1".into(), "team-old-build".into()]));
    for (query, named) in [
        ("from=2026-11-31", "`from`"),
        ("to=27-11-2026", "`to`"),
        (
            "from=2026-11-25&to=2026-11-22",
            "`from` must not be after `to`",
        ),
        ("since=2026-11-01", "unknown parameter `since`"),
    ] {
        for route in ["praise", "overview"] {
            let r = s.get(&format!("/api/inbox/{route}?{query}"), &cookie).await;
            assert_eq!(r.status, 400, "{route}?{query}: {}", r.text());
            let e = r.json()["error"].as_str().unwrap().to_string();
            assert!(e.contains(named), "{route}?{query}: {e}");
        }
    }
}

#[tokio::test]
async fn every_route_needs_a_session_and_changes_need_our_origin() {
    let s = Inbox::with(&sample());
    for (method, path) in [
        ("GET", "/api/inbox/praise"),
        ("GET", "/api/inbox/overview"),
        ("GET", "/api/inbox/team-links"),
        ("POST", "/api/inbox/team-links"),
        ("DELETE", "/api/inbox/team-links/1"),
    ] {
        let r = s.send(method, path, &[]).await;
        assert_eq!(r.status, 401, "{method} {path}: {}", r.text());
        let r = s
            .send(method, path, &[("Cookie", "evenhand_session=forged")])
            .await;
        assert_eq!(r.status, 401, "{method} {path}: {}", r.text());
    }
    let cookie = s.session().await;
    let (id, token) = s.new_link(&cookie).await;
    let foreign = [
        ("Cookie", cookie.as_str()),
        ("Host", "rx.example.org"),
        ("Origin", "https://evil.example"),
    ];
    let r = s.send("POST", "/api/inbox/team-links", &foreign).await;
    assert_eq!(r.status, 403, "{}", r.text());
    let r = s
        .send("DELETE", &format!("/api/inbox/team-links/{id}"), &foreign)
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
    // Neither went through: still one link, and it still opens.
    let links = s.get("/api/inbox/team-links", &cookie).await.json();
    assert_eq!(links["links"].as_array().unwrap().len(), 1);
    assert_eq!(
        s.app.get(&format!("/api/team/{token}"), &[]).await.status,
        200
    );
    // From the receiver's own origin, the change is made.
    let own = [
        ("Cookie", cookie.as_str()),
        ("Host", "rx.example.org"),
        ("Origin", "https://rx.example.org"),
    ];
    let r = s
        .send("DELETE", &format!("/api/inbox/team-links/{id}"), &own)
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
}

#[tokio::test]
async fn the_team_answer_never_carries_a_complaint_rating_email_place_venue_or_id() {
    let mut subs = sample();
    subs.push(Sub {
        complaint: Some("Complaint-secret: the soup was cold."),
        ratings: json!({ "service": 4, "food": 2 }),
        ..sub("uuid-secret-0001", 1, "Amy was lovely.", &["Amy"])
    });
    let s = Inbox::with(&subs);
    let cookie = s.session().await;
    let (_, token) = s.new_link(&cookie).await;
    assert_eq!(token.len(), 64, "256 random bits as hex");
    let r = s.app.get(&format!("/api/team/{token}"), &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let raw = r.text();
    assert!(raw.contains("Amy was lovely."), "{raw}");
    for never in [
        "complaint",
        "Complaint-secret",
        "soup",
        "Trop d'attente",
        "dessert",
        "rating",
        "service",
        "email",
        "guest-secret",
        "@",
        "place",
        "table-secret",
        "venue",
        "bistro-secret",
        "\"id\"",
        "uuid-secret",
        "jm-1",
        "contact",
    ] {
        assert!(!raw.contains(never), "{never:?} in {raw}");
    }
    // By person and for the whole team, with the same counts as the inbox.
    let j = r.json();
    assert_eq!(j["groups"][0]["name"], "Amy");
    assert_eq!(j["groups"][0]["count"], 3);
    assert_eq!(j["groups"][1]["name"], "Jean-Marc");
    assert_eq!(j["groups"][1]["count"], 3);
    assert_eq!(j["team"]["count"], 2);
    let keys: Vec<_> = j["groups"][0]["items"][0]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["language", "received_at", "text"]);
}

#[tokio::test]
async fn the_team_page_shows_thirty_days() {
    let s = Inbox::with(&[
        sub("in-window", 29, "Recent enough.", &["Amy"]),
        sub("too-old", 31, "From last season.", &["Amy"]),
        sub("team-too-old", 40, "Long ago.", &[]),
    ]);
    let cookie = s.session().await;
    let (_, token) = s.new_link(&cookie).await;
    let raw = s.app.get(&format!("/api/team/{token}"), &[]).await.text();
    assert!(raw.contains("Recent enough."), "{raw}");
    assert!(!raw.contains("From last season."), "{raw}");
    assert!(!raw.contains("Long ago."), "{raw}");
    let j: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(j["groups"][0]["count"], 1);
    assert_eq!(j["team"], json!({ "count": 0, "items": [] }));
    // The inbox itself shows every period.
    let all = s.get("/api/inbox/praise", &cookie).await.json();
    assert_eq!(all["groups"][0]["count"], 2);
}

#[tokio::test]
async fn links_are_listed_without_their_token_and_a_revoked_or_unknown_one_is_a_404() {
    let s = Inbox::with(&sample());
    let cookie = s.session().await;
    let (first, first_token) = s.new_link(&cookie).await;
    let (second, second_token) = s.new_link(&cookie).await;
    assert_ne!(first_token, second_token);
    let r = s.get("/api/inbox/team-links", &cookie).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(!r.text().contains(&first_token) && !r.text().contains(&second_token));
    assert_eq!(
        r.json(),
        json!({ "links": [
            { "id": second, "created_at": NOW, "created_by": EMAIL },
            { "id": first, "created_at": NOW, "created_by": EMAIL },
        ]})
    );

    let r = s
        .send(
            "DELETE",
            &format!("/api/inbox/team-links/{first}"),
            &[("Cookie", &cookie)],
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
    let gone = s.app.get(&format!("/api/team/{first_token}"), &[]).await;
    assert_eq!(gone.status, 404, "{}", gone.text());
    assert!(!gone.text().contains("Jean-Marc"));
    // The other link still opens; the list holds only it.
    let r = s.app.get(&format!("/api/team/{second_token}"), &[]).await;
    assert_eq!(r.status, 200);
    let links = s.get("/api/inbox/team-links", &cookie).await.json();
    assert_eq!(links["links"].as_array().unwrap().len(), 1);
    assert_eq!(links["links"][0]["id"], second);
    // Revoked twice, unknown or not a number: nothing to revoke.
    for id in [first.to_string(), "999".into(), "abc".into(), "%FF".into()] {
        let r = s
            .send(
                "DELETE",
                &format!("/api/inbox/team-links/{id}"),
                &[("Cookie", &cookie)],
            )
            .await;
        assert_eq!(r.status, 404, "{id}: {}", r.text());
    }
    // Unknown tokens, of the right shape or not, are a 404 too.
    let unknown = "0".repeat(64);
    let upper = second_token.to_ascii_uppercase();
    // Not even UTF-8 once decoded: still a 404 in JSON, not the router's 400.
    for token in [
        unknown.as_str(),
        "short",
        "../inbox/praise",
        &upper[..63],
        "%FF%FE",
    ] {
        let r = s.app.get(&format!("/api/team/{token}"), &[]).await;
        assert_eq!(r.status, 404, "{token}: {}", r.text());
        assert!(r.json()["error"].is_string(), "{token}: {}", r.text());
    }
}

#[tokio::test]
async fn the_overview_counts_each_iso_week_and_averages_each_topic() {
    let s = Inbox::with(&[
        // 2026-11-27 is a Friday of 2026-W48; 2026-11-23 its Monday.
        Sub {
            ratings: json!({ "service": 5, "food": 4 }),
            ..sub("a", 0, "Parfait.", &["Amy"])
        },
        Sub {
            complaint: Some("Un peu bruyant."),
            ratings: json!({ "service": 4 }),
            ..sub("b", 4, "Bon repas.", &[])
        },
        Sub {
            declined: true,
            complaint: Some("Trop froid."),
            ratings: json!({ "service": 2, "food": 1 }),
            ..sub("c", 5, "", &[])
        },
        // Three weeks back: 2026-W45, with W46 and W47 empty between.
        Sub {
            complaint: Some("Attente."),
            ..sub("d", 20, "", &[])
        },
    ]);
    let cookie = s.session().await;
    let r = s.get("/api/inbox/overview", &cookie).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    let week = |w: &str, n: u64, p: u64, c: u64, d: u64| json!({ "week": w, "submissions": n, "with_praise": p, "with_complaint": c, "declined_praise": d });
    assert_eq!(
        j["weeks"],
        json!([
            week("2026-W45", 1, 0, 1, 0),
            week("2026-W46", 0, 0, 0, 0),
            week("2026-W47", 1, 0, 1, 1),
            week("2026-W48", 2, 2, 1, 0),
        ])
    );
    assert_eq!(
        j["ratings"],
        json!([
            { "topic": "food", "average": 2.5, "count": 2 },
            { "topic": "service", "average": 11.0 / 3.0, "count": 3 },
        ])
    );
    let r = s
        .get("/api/inbox/overview?from=2026-11-23&to=2026-11-27", &cookie)
        .await;
    let j = r.json();
    assert_eq!(j["weeks"], json!([week("2026-W48", 2, 2, 1, 0)]));
    assert_eq!(
        j["ratings"][1],
        json!({ "topic": "service", "average": 4.5, "count": 2 })
    );
}

#[tokio::test]
async fn a_team_page_that_cannot_be_read_keeps_the_database_words_to_itself() {
    // The table is dropped through SQLite's own file: a SQLite-only test.
    if common::db::on_postgres() {
        return;
    }
    let s = Inbox::with(&[sub("a", 0, "Merci Amy", &["Amy"])]);
    let cookie = s.session().await;
    let (_, token) = s.new_link(&cookie).await;
    rusqlite::Connection::open(s._dir.path().join("f.sqlite"))
        .unwrap()
        .execute_batch("DROP TABLE team_links")
        .unwrap();
    let r = s.app.get(&format!("/api/team/{token}"), &[]).await;
    assert_eq!(r.status, 500, "{}", r.text());
    assert_eq!(
        r.json()["error"],
        "cannot read the database: try again in a moment"
    );
}
