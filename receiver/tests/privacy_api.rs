//! "Erase" over HTTP (SPEC §13): `POST /api/inbox/submissions/{id}/erase` needs a
//! session and the receiver's own origin, answers 404 for an unknown id, and deletes
//! the submission with its history; the erasure log names the manager, not the content.

#[path = "api/client.rs"]
mod client;
mod common;

use axum::body::Body;
use client::App;
use common::{new_id, payload, Resp};
use evenhand_receiver::store::Scope;
use evenhand_receiver::{password, router, AppOptions, AppState, Store};
use serde_json::json;

const EMAIL: &str = "ana@example.org";
const PASSWORD: &str = "a long enough password";

struct Inbox {
    app: App,
    store: std::sync::Arc<Store>,
    _dir: tempfile::TempDir,
}

impl Inbox {
    fn new() -> Inbox {
        let dir = tempfile::tempdir().unwrap();
        let store = common::db::open(&dir.path().join("f.sqlite"));
        store
            .add_manager(EMAIL, &password::hash(PASSWORD).unwrap(), &Scope::Every, 0)
            .unwrap();
        let state = AppState::new(store, &AppOptions::default()).unwrap();
        let store = state.store.clone();
        Inbox {
            app: App {
                router: router(state),
                db: None,
            },
            store,
            _dir: dir,
        }
    }

    async fn session(&self) -> String {
        self.app.sign_in(EMAIL, PASSWORD).await
    }

    async fn submit(&self) -> String {
        let id = new_id();
        let mut p = payload(&id);
        p["complaint"] = json!({ "text": "Cold soup" });
        p["contact"] = json!({ "email": "guest@example.org", "consent": true });
        let r = self
            .app
            .request(
                "POST",
                "/api/feedback",
                &[("Content-Type", "application/json")],
                Body::from(p.to_string()),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        id
    }

    async fn erase(&self, id: &str, headers: &[(&str, &str)]) -> Resp {
        self.app
            .request(
                "POST",
                &format!("/api/inbox/submissions/{id}/erase"),
                headers,
                Body::empty(),
            )
            .await
    }
}

#[tokio::test]
async fn erase_needs_a_session() {
    let s = Inbox::new();
    let id = s.submit().await;
    let r = s.erase(&id, &[]).await;
    assert_eq!(r.status, 401, "{}", r.text());
    let r = s.erase(&id, &[("Cookie", "evenhand_session=00ff")]).await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert!(s.store.inbox_item(&Scope::Every, &id).unwrap().is_some());
}

#[tokio::test]
async fn erase_from_another_origin_is_refused() {
    let s = Inbox::new();
    let id = s.submit().await;
    let cookie = s.session().await;
    let r = s
        .erase(
            &id,
            &[
                ("Cookie", &cookie),
                ("Host", "rx.example.org"),
                ("Origin", "https://evil.example"),
            ],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
    assert!(s.store.inbox_item(&Scope::Every, &id).unwrap().is_some());
}

#[tokio::test]
async fn erase_of_an_unknown_submission_is_404() {
    let s = Inbox::new();
    let cookie = s.session().await;
    let r = s.erase(&new_id(), &[("Cookie", &cookie)]).await;
    assert_eq!(r.status, 404, "{}", r.text());
    // Not an id at all, not even UTF-8: a 400 that says so, in JSON.
    for id in ["not-an-id", "%FF%FE"] {
        let r = s.erase(id, &[("Cookie", &cookie)]).await;
        assert_eq!(r.status, 400, "{id}: {}", r.text());
        let said = r.json()["error"].as_str().unwrap_or_default().to_string();
        assert!(
            said.contains("not a submission id (a UUID)"),
            "{id}: {said}"
        );
    }
}

#[tokio::test]
async fn erase_deletes_it_and_the_log_names_the_manager() {
    let s = Inbox::new();
    let id = s.submit().await;
    let kept = s.submit().await;
    let cookie = s.session().await;
    let r = s
        .erase(
            &id,
            &[
                ("Cookie", &cookie),
                ("Host", "rx.example.org"),
                ("Origin", "https://rx.example.org"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({ "erased": 1 }));
    assert!(s.store.inbox_item(&Scope::Every, &id).unwrap().is_none());
    assert!(s.store.inbox_item(&Scope::Every, &kept).unwrap().is_some());
    let again = s.erase(&id, &[("Cookie", &cookie)]).await;
    assert_eq!(again.status, 404);
    let log = s.store.erasure_log().unwrap();
    assert_eq!(log[0].by, format!("inbox: {EMAIL}"));
    assert_eq!((log[0].what.as_str(), log[0].count), ("submissions", 1));
    assert!(!format!("{log:?}").contains(&id));
}
