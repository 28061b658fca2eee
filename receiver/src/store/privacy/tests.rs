//! Each retention rule and erasure on SQLite: what goes, what stays (the overview), the
//! search index, the log, and a purge interrupted half-way.

use evenhand_core::limits::INBOX_COUNT_CAP;
use evenhand_core::retention::{Counts, Rules, DAY_MS};
use evenhand_core::time::rfc3339_millis;
use serde_json::{json, Value};

use super::EraseTarget;
use crate::store::inbox::{Filter, Status, StatusSet};
use crate::store::{Row, Scope, Store};

const T0: i64 = 1_780_000_000_000;

fn day(n: i64) -> i64 {
    T0 + n * DAY_MS
}

struct Db {
    store: Store,
    _dir: tempfile::TempDir,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.sqlite")).unwrap();
    Db { store, _dir: dir }
}

/// A payload v1 with both texts, ratings and, when given, a guest's email.
fn payload(id: &str, praise: &str, complaint: Option<&str>, email: Option<&str>) -> Value {
    json!({
        "schema": "evenhand.feedback/1",
        "id": id,
        "created_at": rfc3339_millis(T0),
        "venue": "bistro-1",
        "place": "terrace",
        "mode": "kiosk",
        "language": "en",
        "praise": { "text": praise, "declined": false, "staff_named": ["Amy"] },
        "complaint": complaint.map(|t| json!({ "text": t })),
        "ratings": { "service": 4, "waiting": 2 },
        "contact": email.map(|e| json!({ "email": e, "consent": true })),
        "guidance": { "names_mentioned": ["Tom"], "heated": false, "edited_after_guidance": false },
        "verified": false
    })
}

impl Db {
    fn add(&self, id: &str, received_ms: i64, payload: &Value) {
        let received_at = rfc3339_millis(received_ms);
        let text = payload.to_string();
        self.store
            .insert(&Row {
                id,
                received_at: &received_at,
                venue: "bistro-1",
                place: Some("terrace"),
                language: "en",
                payload: &text,
            })
            .unwrap();
    }

    fn standard(&self, id: &str, received_ms: i64) {
        self.add(
            id,
            received_ms,
            &payload(
                id,
                "Amy brought crayons",
                Some("Tom forgot the bread"),
                Some("guest@example.org"),
            ),
        );
    }

    fn set(&self, id: &str, status: Status, at: i64) {
        let set = self
            .store
            .set_status(&Scope::Every, id, status, None, "ana@example.org", at)
            .unwrap();
        assert!(matches!(set, StatusSet::Done(_)), "{set:?}");
    }

    fn payload(&self, id: &str) -> Value {
        let item = self
            .store
            .inbox_item(&Scope::Every, id)
            .unwrap()
            .expect("the row stays");
        serde_json::from_str(&item.payload).unwrap()
    }

    fn status(&self, id: &str) -> Option<Status> {
        self.store
            .inbox_item(&Scope::Every, id)
            .unwrap()
            .and_then(|i| i.status)
    }

    fn search(&self, words: &str) -> Vec<String> {
        let filter = Filter {
            search: Some(words.to_string()),
            ..Filter::default()
        };
        let listed = self
            .store
            .inbox_list(&Scope::Every, &filter, 1, 50, INBOX_COUNT_CAP)
            .unwrap();
        listed.items.into_iter().map(|i| i.id).collect()
    }

    fn purge(&self, at: i64) -> Counts {
        self.store.purge(&Rules::default(), at, "test").unwrap()
    }
}

fn counts(contacts: u64, not_confirmed_texts: u64, texts: u64) -> Counts {
    Counts {
        contacts,
        not_confirmed_texts,
        texts,
    }
}

/// What the overview reads: everything but the texts, names and contact.
fn overview(p: &Value) -> Value {
    json!([
        p["id"],
        p["created_at"],
        p["venue"],
        p["place"],
        p["language"],
        p["ratings"],
        p["guidance"]["heated"]
    ])
}

#[test]
fn a_contact_goes_90_days_after_receipt_and_the_rest_stays() {
    let db = db();
    db.standard("a", T0);
    let before = db.payload("a");
    assert_eq!(db.purge(day(90) - 1), Counts::default());
    assert_eq!(
        db.payload("a"),
        before,
        "nothing erased a millisecond early"
    );
    assert_eq!(db.purge(day(90)), counts(1, 0, 0));
    let after = db.payload("a");
    assert_eq!(after["contact"], Value::Null);
    assert_eq!(after["praise"]["text"], "Amy brought crayons");
    assert_eq!(overview(&after), overview(&before));
    assert_eq!(db.status("a"), Some(Status::Unverified));
    // Done once: the next pass finds nothing more.
    assert_eq!(db.purge(day(91)), Counts::default());
}

#[test]
fn a_contact_goes_30_days_after_resolved_or_not_confirmed() {
    let db = db();
    db.standard("resolved", T0);
    db.standard("not-confirmed", T0);
    db.standard("verified", T0);
    db.set("resolved", Status::Resolved, day(10));
    db.set("not-confirmed", Status::NotConfirmed, day(20));
    db.set("verified", Status::Verified, day(1));
    assert_eq!(db.purge(day(40) - 1), Counts::default());
    assert_eq!(db.purge(day(40)), counts(1, 0, 0));
    assert_eq!(db.payload("resolved")["contact"], Value::Null);
    assert!(db.payload("not-confirmed")["contact"].is_object());
    // 30 days after Not confirmed: its contact and its complaint's words.
    assert_eq!(db.purge(day(50)), counts(1, 1, 0));
    // Verified is not closed: the contact waits for the 90 days.
    assert!(db.payload("verified")["contact"].is_object());
    assert_eq!(db.status("resolved"), Some(Status::Resolved));
}

#[test]
fn a_not_confirmed_complaint_loses_its_words_and_names_but_not_its_praise() {
    let db = db();
    db.add(
        "a",
        T0,
        &payload(
            "a",
            "Amy brought crayons",
            Some("Tom forgot the bread"),
            None,
        ),
    );
    assert_eq!(db.search("bread"), ["a"]);
    db.set("a", Status::NotConfirmed, day(3));
    assert_eq!(db.purge(day(33) - 1), Counts::default());
    assert_eq!(db.purge(day(33)), counts(0, 1, 0));
    let p = db.payload("a");
    assert_eq!(p["complaint"]["text"], "");
    assert_eq!(p["guidance"]["names_mentioned"], json!([]));
    assert_eq!(p["praise"]["text"], "Amy brought crayons");
    assert_eq!(db.status("a"), Some(Status::NotConfirmed));
    assert!(db.search("bread").is_empty(), "out of the search index");
    assert_eq!(db.search("crayons"), ["a"], "the praise is still found");
    // The status's history stays whole.
    assert_eq!(
        db.store
            .inbox_item(&Scope::Every, "a")
            .unwrap()
            .unwrap()
            .history
            .len(),
        1
    );
}

#[test]
fn every_text_goes_365_days_after_receipt_and_the_overview_stays_whole() {
    let db = db();
    db.standard("old", T0);
    db.standard("new", day(300));
    let before = db.payload("old");
    assert_eq!(db.purge(day(365)), counts(1, 0, 1));
    let p = db.payload("old");
    assert_eq!(p["praise"]["text"], "");
    assert_eq!(p["praise"]["staff_named"], json!([]));
    assert_eq!(p["complaint"]["text"], "");
    assert_eq!(p["guidance"]["names_mentioned"], json!([]));
    assert_eq!(overview(&p), overview(&before));
    assert_eq!(db.search("crayons"), ["new"]);
    // The list still counts both.
    let all = db
        .store
        .inbox_list(&Scope::Every, &Filter::default(), 1, 50, INBOX_COUNT_CAP)
        .unwrap();
    assert_eq!(all.total, 2);
}

#[test]
fn zero_keeps_forever() {
    let db = db();
    db.standard("a", T0);
    db.set("a", Status::NotConfirmed, T0);
    let forever = Rules {
        contact_after_closed_days: 0,
        contact_days: 0,
        not_confirmed_text_days: 0,
        text_days: 0,
    };
    let before = db.payload("a");
    assert_eq!(
        db.store.purge(&forever, day(10_000), "test").unwrap(),
        Counts::default()
    );
    assert_eq!(db.payload("a"), before);
}

#[test]
fn a_dry_run_counts_and_erases_nothing() {
    let db = db();
    db.standard("a", T0);
    let before = db.payload("a");
    assert_eq!(
        db.store.purge_dry_run(&Rules::default(), day(400)).unwrap(),
        counts(1, 0, 1)
    );
    assert_eq!(db.payload("a"), before);
    assert!(db.store.erasure_log().unwrap().is_empty());
}

#[test]
fn an_interrupted_purge_leaves_the_database_as_it_was() {
    let db = db();
    for id in ["a", "b", "c"] {
        db.standard(id, T0);
    }
    // The purge's write of the second row fails, after the first was written.
    db.store
        .conn()
        .execute_batch(
            "CREATE TRIGGER interrupt BEFORE UPDATE OF payload ON submissions
             WHEN OLD.id = 'b' BEGIN SELECT RAISE(ABORT, 'interrupted'); END;",
        )
        .unwrap();
    let before: Vec<Value> = ["a", "b", "c"].iter().map(|id| db.payload(id)).collect();
    let err = db
        .store
        .purge(&Rules::default(), day(400), "test")
        .unwrap_err();
    assert!(err.to_string().contains("interrupted"), "{err}");
    let after: Vec<Value> = ["a", "b", "c"].iter().map(|id| db.payload(id)).collect();
    assert_eq!(after, before);
    assert_eq!(db.search("crayons").len(), 3, "the search index as it was");
    assert!(db.store.erasure_log().unwrap().is_empty());
    db.store
        .conn()
        .execute_batch("DROP TRIGGER interrupt")
        .unwrap();
    assert_eq!(db.purge(day(400)), counts(3, 0, 3));
}

#[test]
fn erasing_by_id_deletes_the_row_its_history_and_search_entry() {
    let db = db();
    db.standard("a", T0);
    db.standard("b", T0);
    db.set("a", Status::Verified, day(1));
    let n = db
        .store
        .erase(
            &Scope::Every,
            &EraseTarget::Id("a".into()),
            day(2),
            "erase --id",
        )
        .unwrap();
    assert_eq!(n, 1);
    assert!(db.store.inbox_item(&Scope::Every, "a").unwrap().is_none());
    assert_eq!(db.search("crayons"), ["b"]);
    let history: i64 = db
        .store
        .conn()
        .query_row("SELECT COUNT(*) FROM submission_history", [], |r| r.get(0))
        .unwrap();
    assert_eq!(history, 0);
    // Ids are stored in lower case; asked in another, the same submission.
    db.standard("c0ffee00-0000-4000-8000-000000000000", T0);
    let n = db
        .store
        .erase(
            &Scope::Every,
            &EraseTarget::Id(" C0FFEE00-0000-4000-8000-000000000000 ".into()),
            day(2),
            "erase --id",
        )
        .unwrap();
    assert_eq!(n, 1);
    // Unknown: nothing, and said so.
    let none = db
        .store
        .erase(
            &Scope::Every,
            &EraseTarget::Id("a".into()),
            day(3),
            "erase --id",
        )
        .unwrap();
    assert_eq!(none, 0);
}

#[test]
fn erasing_by_email_takes_every_submission_with_it_in_any_case() {
    let db = db();
    db.add(
        "a",
        T0,
        &payload("a", "p", Some("c"), Some("Guest@Example.org")),
    );
    db.add(
        "b",
        T0,
        &payload("b", "p", None, Some("guest@example.org ")),
    );
    db.add("c", T0, &payload("c", "p", None, Some("other@example.org")));
    db.add("d", T0, &payload("d", "p", None, None));
    let n = db
        .store
        .erase(
            &Scope::Every,
            &EraseTarget::Email("GUEST@example.org".into()),
            day(1),
            "erase --email",
        )
        .unwrap();
    assert_eq!(n, 2);
    assert!(db.store.inbox_item(&Scope::Every, "a").unwrap().is_none());
    assert!(db.store.inbox_item(&Scope::Every, "b").unwrap().is_none());
    assert!(db.store.inbox_item(&Scope::Every, "c").unwrap().is_some());
    assert!(db.store.inbox_item(&Scope::Every, "d").unwrap().is_some());
}

#[test]
fn the_log_says_when_who_and_how_many_never_what() {
    let db = db();
    db.standard("6f1c2e0a-3b7d-4f6e-9a51-0c2d8e7f4a10", T0);
    db.standard("b", T0);
    db.store
        .erase(
            &Scope::Every,
            &EraseTarget::Email("guest@example.org".into()),
            day(1),
            "erase --email",
        )
        .unwrap();
    db.standard("c", day(2));
    db.purge(day(400));
    let log = db.store.erasure_log().unwrap();
    let lines: Vec<(i64, &str, &str, u64)> = log
        .iter()
        .map(|l| (l.at, l.by.as_str(), l.what.as_str(), l.count))
        .collect();
    assert_eq!(
        lines,
        [
            (day(1), "erase --email", "submissions", 2),
            (day(400), "test", "contacts", 1),
            (day(400), "test", "texts", 1),
        ]
    );
    let dump: String = db
        .store
        .conn()
        .query_row(
            "SELECT group_concat(at || by_whom || what || count) FROM erasure_log",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for secret in ["guest@example.org", "6f1c2e0a", "crayons"] {
        assert!(!dump.contains(secret), "{dump}");
    }
    // Append-only.
    let conn = db.store.conn();
    assert!(conn.execute("DELETE FROM erasure_log", []).is_err());
    assert!(conn
        .execute("UPDATE erasure_log SET count = 0", [])
        .is_err());
}

#[test]
fn the_history_stays_append_only_while_its_submission_exists() {
    let db = db();
    db.standard("a", T0);
    db.set("a", Status::Verified, day(1));
    let conn = db.store.conn();
    let err = conn
        .execute("DELETE FROM submission_history", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn a_manager_limited_to_venues_erases_their_submissions_only() {
    let db = db();
    db.add("a", T0, &payload("a", "p", None, Some("guest@example.org")));
    let other = payload("b", "p", None, Some("guest@example.org")).to_string();
    db.store
        .insert(&Row {
            id: "b",
            received_at: &rfc3339_millis(T0),
            venue: "bistro-2",
            place: None,
            language: "en",
            payload: &other,
        })
        .unwrap();
    let bistro_1 = Scope::venues(["bistro-1"]);
    let by_id = EraseTarget::Id("b".into());
    assert_eq!(
        db.store.erase(&bistro_1, &by_id, day(1), "inbox").unwrap(),
        0
    );
    let by_email = EraseTarget::Email("guest@example.org".into());
    assert_eq!(
        db.store
            .erase(&bistro_1, &by_email, day(1), "inbox")
            .unwrap(),
        1
    );
    assert!(db.store.inbox_item(&Scope::Every, "a").unwrap().is_none());
    assert!(db.store.inbox_item(&Scope::Every, "b").unwrap().is_some());
}
