//! A chain's managers (SPEC §12) over HTTP: an account limited to `bistro-lyon-1` reads,
//! searches, counts, changes, erases and shares that venue's submissions only; another
//! venue's item answers exactly as an unknown id does. An account without venues sees
//! them all. In-process, on a database filled directly, with a fixed clock.

#[path = "api/client.rs"]
mod client;
mod common;

use client::App;
use common::Resp;
use evenhand_receiver::store::{Row, Scope};
use evenhand_receiver::{password, AppOptions, Store};
use serde_json::{json, Value};

const LYON: &str = "lyon@example.org";
const ALL: &str = "all@example.org";
const PASSWORD: &str = "a long enough password";
/// 2026-11-27T10:00:00.000Z
const NOW: i64 = 1_795_773_600_000;

/// A UUID whose last digits are `n`.
fn id(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

/// Submission `n` from `venue`, received on 2026-11-`day`: praise naming `named`, a
/// complaint "Cold soup …" naming Amy.
fn insert(store: &Store, n: u32, day: u32, venue: &str, place: &str, named: &str) {
    let received_at = format!("2026-11-{day:02}T12:00:00.000Z");
    let payload = json!({
        "schema": "evenhand.feedback/1",
        "id": id(n),
        "created_at": received_at,
        "venue": venue,
        "place": place,
        "mode": "kiosk",
        "language": "fr",
        "praise": { "text": format!("Merci {named}"), "declined": false, "staff_named": [named] },
        "complaint": { "text": format!("Cold soup at {venue}, Amy") },
        "ratings": { "service": 2 },
        "contact": null,
        "guidance": { "names_mentioned": ["Amy"], "heated": false, "edited_after_guidance": false },
        "verified": false
    })
    .to_string();
    store
        .insert(&Row {
            id: &id(n),
            received_at: &received_at,
            venue,
            place: Some(place),
            language: "fr",
            payload: &payload,
        })
        .unwrap();
}

struct Chain {
    app: App,
    _dir: tempfile::TempDir,
}

impl Chain {
    /// Submission 1 from Lyon (praise for Jean), 2 and 3 from Paris (praise for Zoé);
    /// LYON sees bistro-lyon-1 only, ALL every venue.
    fn new() -> Chain {
        let dir = tempfile::tempdir().unwrap();
        let store = common::db::open(&dir.path().join("f.sqlite"));
        let hash = password::hash(PASSWORD).unwrap();
        store
            .add_manager(LYON, &hash, &Scope::venues(["bistro-lyon-1"]), 0)
            .unwrap();
        store.add_manager(ALL, &hash, &Scope::Every, 0).unwrap();
        insert(&store, 1, 20, "bistro-lyon-1", "terrace", "Jean");
        insert(&store, 2, 21, "bistro-paris-2", "mezzanine", "Zoé");
        insert(&store, 3, 22, "bistro-paris-2", "mezzanine", "Zoé");
        let (app, _) = App::with_clock(store, &AppOptions::default(), NOW);
        Chain { app, _dir: dir }
    }

    async fn get(&self, cookie: &str, path: &str) -> Resp {
        self.app.get(path, &[("Cookie", cookie)]).await
    }

    async fn send(&self, cookie: &str, method: &str, path: &str, body: Option<Value>) -> Resp {
        self.app.as_manager(cookie, method, path, body).await
    }

    /// The list at `query`: the ids as their numbers, and `total`.
    async fn list(&self, cookie: &str, query: &str) -> (Vec<u32>, u64) {
        let r = self
            .get(cookie, &format!("/api/inbox/submissions?{query}"))
            .await;
        assert_eq!(r.status, 200, "{query}: {}", r.text());
        let j = r.json();
        let ids = j["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let id = i["id"].as_str().unwrap();
                id.rsplit('-').next().unwrap().parse().unwrap()
            })
            .collect();
        (ids, j["total"].as_u64().unwrap())
    }
}

/// A 404's body with the id asked for taken out: another venue's item and an unknown
/// id must read the same.
fn not_found(r: &Resp, asked: &str) -> String {
    assert_eq!(r.status, 404, "{}", r.text());
    r.text().replace(asked, "ID")
}

#[tokio::test]
async fn a_limited_manager_lists_searches_and_counts_its_venues_only() {
    let s = Chain::new();
    let lyon = s.app.sign_in(LYON, PASSWORD).await;
    let all = s.app.sign_in(ALL, PASSWORD).await;

    assert_eq!(s.list(&lyon, "").await, (vec![1], 1));
    assert_eq!(s.list(&all, "").await, (vec![3, 2, 1], 3));
    // Asking for the other venue by name shows nothing, and counts nothing.
    assert_eq!(s.list(&lyon, "venue=bistro-paris-2").await, (vec![], 0));
    assert_eq!(s.list(&all, "venue=bistro-paris-2").await, (vec![3, 2], 2));
    // A search alone is counted within the venues too.
    assert_eq!(s.list(&lyon, "q=soup").await, (vec![1], 1));
    assert_eq!(s.list(&lyon, "q=paris").await, (vec![], 0));
    assert_eq!(s.list(&all, "q=soup").await, (vec![3, 2, 1], 3));
    assert_eq!(
        s.list(&lyon, "status=unverified&place=mezzanine").await,
        (vec![], 0)
    );

    // The filter menus offer the manager's venue and its places only.
    let places = s.get(&lyon, "/api/inbox/places").await.json();
    assert_eq!(
        places,
        json!({ "venues": ["bistro-lyon-1"], "places": ["terrace"] })
    );
    let places = s.get(&all, "/api/inbox/places").await.json();
    assert_eq!(places["venues"], json!(["bistro-lyon-1", "bistro-paris-2"]));

    // Who is signed in says which venues they see.
    let me = s.get(&lyon, "/api/inbox/me").await.json();
    assert_eq!(me, json!({ "email": LYON, "venues": ["bistro-lyon-1"] }));
    let me = s.get(&all, "/api/inbox/me").await.json();
    assert_eq!(me, json!({ "email": ALL, "venues": null }));
}

#[tokio::test]
async fn another_venues_item_answers_as_an_unknown_id_and_does_not_change() {
    let s = Chain::new();
    let lyon = s.app.sign_in(LYON, PASSWORD).await;
    let all = s.app.sign_in(ALL, PASSWORD).await;
    let (paris, unknown) = (id(2), id(99));
    // Its history has a note the Lyon manager must not read.
    let r = s
        .send(
            &all,
            "POST",
            &format!("/api/inbox/submissions/{paris}/status"),
            Some(json!({ "status": "verified", "note": "Paris chef told" })),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());

    for (method, action, body) in [
        ("GET", "", None),
        ("POST", "/names", None),
        ("POST", "/status", Some(json!({ "status": "resolved" }))),
        ("POST", "/erase", None),
    ] {
        let path = |id: &str| format!("/api/inbox/submissions/{id}{action}");
        let other = s.send(&lyon, method, &path(&paris), body.clone()).await;
        assert!(!other.text().contains("Paris chef"), "{}", other.text());
        let none = s.send(&lyon, method, &path(&unknown), body).await;
        assert_eq!(
            not_found(&other, &paris),
            not_found(&none, &unknown),
            "{method} {action}"
        );
    }

    // Nothing happened to it: still there, its status and history as they were, names
    // never shown.
    let item = s
        .get(&all, &format!("/api/inbox/submissions/{paris}"))
        .await;
    assert_eq!(item.status, 200, "{}", item.text());
    let item = item.json();
    assert_eq!(item["status"], "verified");
    let history = item["history"].as_array().unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0]["note"], "Paris chef told");

    // Its own venue's item works as for anyone.
    let own = s
        .send(
            &lyon,
            "POST",
            &format!("/api/inbox/submissions/{}/status", id(1)),
            Some(json!({ "status": "resolved" })),
        )
        .await;
    assert_eq!(own.status, 200, "{}", own.text());
    assert_eq!(own.json()["history"][0]["by"], LYON);
    let names = s
        .send(
            &lyon,
            "POST",
            &format!("/api/inbox/submissions/{}/names", id(1)),
            None,
        )
        .await;
    assert_eq!(names.status, 200, "{}", names.text());
    assert!(names.text().contains("Amy"), "{}", names.text());
}

#[tokio::test]
async fn praise_and_the_overview_count_the_managers_venues_only() {
    let s = Chain::new();
    let lyon = s.app.sign_in(LYON, PASSWORD).await;
    let all = s.app.sign_in(ALL, PASSWORD).await;

    let praise = s.get(&lyon, "/api/inbox/praise").await;
    assert_eq!(praise.status, 200, "{}", praise.text());
    assert!(!praise.text().contains("Zoé"), "{}", praise.text());
    let groups = |j: &Value| -> Vec<(String, u64)> {
        j["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["name"].as_str().unwrap().to_string(),
                    g["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(groups(&praise.json()), [("Jean".to_string(), 1)]);
    let praise = s.get(&all, "/api/inbox/praise").await.json();
    assert_eq!(
        groups(&praise),
        [("Zoé".to_string(), 2), ("Jean".to_string(), 1)]
    );

    let total = |j: &Value| -> u64 {
        j["weeks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["submissions"].as_u64().unwrap())
            .sum()
    };
    let overview = s.get(&lyon, "/api/inbox/overview").await;
    assert_eq!(overview.status, 200, "{}", overview.text());
    assert_eq!(total(&overview.json()), 1);
    assert_eq!(overview.json()["ratings"][0]["count"], 1);
    assert_eq!(total(&s.get(&all, "/api/inbox/overview").await.json()), 3);
}

/// Makes a team link as `cookie`; its id and its page's path under `/api/team/`.
async fn new_link(s: &Chain, cookie: &str) -> (i64, String) {
    let r = s.send(cookie, "POST", "/api/inbox/team-links", None).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let j = r.json();
    let token = j["url"].as_str().unwrap().strip_prefix("/team/").unwrap();
    (j["id"].as_i64().unwrap(), format!("/api/team/{token}"))
}

fn link_ids(j: &Value) -> Vec<i64> {
    j["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_limited_managers_team_link_shares_its_venues_praise_only() {
    let s = Chain::new();
    let lyon = s.app.sign_in(LYON, PASSWORD).await;
    let all = s.app.sign_in(ALL, PASSWORD).await;
    let (lyon_link, lyon_page) = new_link(&s, &lyon).await;
    let (all_link, all_page) = new_link(&s, &all).await;

    let page = s.app.get(&lyon_page, &[]).await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains("Merci Jean"), "{}", page.text());
    assert!(!page.text().contains("Zoé"), "{}", page.text());
    let page = s.app.get(&all_page, &[]).await;
    assert!(page.text().contains("Merci Jean"), "{}", page.text());
    assert!(page.text().contains("Merci Zoé"), "{}", page.text());

    // The Lyon manager lists and revokes only the links it sees whole: not the one
    // showing every venue.
    let listed = s.get(&lyon, "/api/inbox/team-links").await.json();
    assert_eq!(link_ids(&listed), [lyon_link]);
    let listed = s.get(&all, "/api/inbox/team-links").await.json();
    assert_eq!(link_ids(&listed), [all_link, lyon_link]);
    let r = s
        .send(
            &lyon,
            "DELETE",
            &format!("/api/inbox/team-links/{all_link}"),
            None,
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.text());
    assert_eq!(s.app.get(&all_page, &[]).await.status, 200);
    // The manager of every venue may revoke the Lyon one.
    let r = s
        .send(
            &all,
            "DELETE",
            &format!("/api/inbox/team-links/{lyon_link}"),
            None,
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
    assert_eq!(s.app.get(&lyon_page, &[]).await.status, 404);
}

#[tokio::test]
async fn a_manager_of_two_venues_sees_both_and_no_third() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::db::open(&dir.path().join("f.sqlite"));
    let hash = password::hash(PASSWORD).unwrap();
    let two = Scope::venues(["bistro-lyon-1", "bistro-paris-2"]);
    store.add_manager(LYON, &hash, &two, 0).unwrap();
    insert(&store, 1, 20, "bistro-lyon-1", "terrace", "Jean");
    insert(&store, 2, 21, "bistro-paris-2", "mezzanine", "Zoé");
    insert(&store, 3, 22, "bistro-nice-3", "bar", "Léa");
    let (app, _) = App::with_clock(store, &AppOptions::default(), NOW);
    let s = Chain { app, _dir: dir };
    let cookie = s.app.sign_in(LYON, PASSWORD).await;
    assert_eq!(s.list(&cookie, "").await, (vec![2, 1], 2));
    assert_eq!(s.list(&cookie, "q=Amy").await, (vec![2, 1], 2));
    let praise = s.get(&cookie, "/api/inbox/praise").await.text();
    assert!(!praise.contains("Léa"), "{praise}");
    assert!(
        praise.contains("Zoé") && praise.contains("Jean"),
        "{praise}"
    );
}
