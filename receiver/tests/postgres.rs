//! Several receivers on one Postgres (SPEC §12): a submission sent to two of them is
//! stored once, a session and the sign-in lockout hold whichever answers, and a
//! database that goes down during a burst costs no submission: the answers are 503 with
//! `Retry-After`, which the kiosk's outbox retries, and the receiver recovers by itself.
//!
//! Postgres-only: each test does nothing without `EVENHAND_TEST_PG` (scripts/test.sh
//! sets it on its second run of the suite).

#[path = "api/client.rs"]
mod client;
mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use client::App;
use common::{new_id, payload, stored_ids, Resp, TOKEN};
use evenhand_core::queue::{self, Outcome, Verdict};
use evenhand_receiver::store::{Database, Scope};
use evenhand_receiver::{password, router, AppOptions, AppState, Store};
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

/// Two receivers (two stores, two routers) on one fresh database.
fn two_receivers(dir: &Path) -> Option<(App, App, Database)> {
    if !common::db::on_postgres() {
        eprintln!(
            "skipped: set {} to run the Postgres tests",
            common::db::TEST_PG
        );
        return None;
    }
    let db = common::db::database(&dir.join("unused.sqlite"));
    Some((receiver(&db), receiver(&db), db))
}

/// The manager every test here signs in as, seeing every venue.
fn add_ana(db: &Database) {
    Store::open_at(db)
        .unwrap()
        .add_manager(
            "ana@example.org",
            &password::hash(PASSWORD).unwrap(),
            &Scope::Every,
            0,
        )
        .unwrap();
}

fn receiver(db: &Database) -> App {
    let store = Store::open_at(db).expect("open the shared database");
    let options = AppOptions {
        export_token: Some(TOKEN.into()),
        ..AppOptions::default()
    };
    App {
        router: router(AppState::new(store, &options).expect("valid options")),
        db: Some(db.clone()),
    }
}

#[tokio::test]
async fn a_submission_sent_to_two_receivers_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let Some((a, b, _)) = two_receivers(dir.path()) else {
        return;
    };
    let ids: Vec<String> = (0..40).map(|_| new_id()).collect();
    // Every id to both at once: one of the two stores it, the other finds it there.
    let mut sends = Vec::new();
    for id in &ids {
        let body = payload(id).to_string();
        for app in [a.clone(), b.clone()] {
            let body = body.clone();
            sends.push(tokio::spawn(async move { app.post_json(&body, &[]).await }));
        }
    }
    let mut statuses = BTreeMap::new();
    for send in sends {
        let r = send.await.unwrap();
        *statuses.entry(r.status).or_insert(0) += 1;
    }
    assert_eq!(statuses, BTreeMap::from([(200, 40), (201, 40)]));
    for app in [&a, &b] {
        let mut stored = stored_ids(&app.export().await);
        stored.sort();
        let mut want = ids.clone();
        want.sort();
        assert_eq!(stored, want, "each id once, seen from either receiver");
    }
}

#[tokio::test]
async fn a_session_and_the_lockout_hold_whichever_receiver_answers() {
    let dir = tempfile::tempdir().unwrap();
    let Some((a, b, db)) = two_receivers(dir.path()) else {
        return;
    };
    add_ana(&db);
    let cookie = a.sign_in("ana@example.org", PASSWORD).await;
    let me = b.get("/api/inbox/me", &[("Cookie", &cookie)]).await;
    assert_eq!(me.status, 200, "{}", me.text());
    assert_eq!(me.json()["email"], "ana@example.org");
    // Signed out through B: A no longer knows the session either.
    let out = b
        .request(
            "DELETE",
            "/api/inbox/session",
            &[("Cookie", &cookie)],
            axum::body::Body::empty(),
        )
        .await;
    assert_eq!(out.status, 204, "{}", out.text());
    let me = a.get("/api/inbox/me", &[("Cookie", &cookie)]).await;
    assert_eq!(me.status, 401);

    // Wrong passwords through both, alternately: the lockout counts them all.
    let mut last = None;
    for i in 0..12 {
        let app = if i % 2 == 0 { &a } else { &b };
        let r = wrong_password(app).await;
        if r.status == 429 {
            last = Some(r);
            break;
        }
        assert_eq!(r.status, 401, "{}", r.text());
    }
    let locked = last.expect("locked out after failures through both receivers");
    assert!(locked.header("retry-after").is_some());
    // Locked on the other receiver too, even with the right password.
    for app in [&a, &b] {
        let r = app.try_sign_in("ana@example.org", PASSWORD).await;
        assert_eq!(r.status, 429, "{}", r.text());
    }
}

async fn wrong_password(app: &App) -> Resp {
    let body = json!({ "email": "ana@example.org", "password": "not the password" }).to_string();
    app.request(
        "POST",
        "/api/inbox/session",
        &[("Content-Type", "application/json")],
        axum::body::Body::from(body),
    )
    .await
}

/// A private cluster of this test's own (stopping the shared one would fail the tests
/// running beside this one), removed when dropped.
struct Cluster {
    dir: std::path::PathBuf,
    url: String,
}

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/pg-cluster.sh");

impl Cluster {
    fn start() -> Cluster {
        // Under /tmp, not TMPDIR (scripts/test.sh makes that one root's only): the
        // `postgres` user must reach the folder.
        let dir = Path::new("/tmp").join(format!("evenhand-pg-outage-{}", new_id()));
        let url = script("start", &dir).trim().to_string();
        Cluster { dir, url }
    }

    fn run(&self, what: &str) {
        script(what, &self.dir);
    }
}

/// `scripts/pg-cluster.sh WHAT DIR`, which must succeed; what it printed.
fn script(what: &str, dir: &Path) -> String {
    let out = Command::new(SCRIPT).arg(what).arg(dir).output().unwrap();
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new(SCRIPT).arg("stop").arg(&self.dir).output();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_through_a_database_outage_is_stored_exactly_once() {
    if !common::db::on_postgres() {
        eprintln!(
            "skipped: set {} to run the Postgres tests",
            common::db::TEST_PG
        );
        return;
    }
    let cluster = Cluster::start();
    let db: Database = cluster.url.parse().unwrap();
    let app = receiver(&db);
    let ids: Vec<String> = (0..60).map(|_| new_id()).collect();
    let post = |id: &str| {
        let app = app.clone();
        let body = payload(id).to_string();
        tokio::spawn(async move { app.post_json(&body, &[]).await })
    };

    add_ana(&db);
    let cookie = app.sign_in("ana@example.org", PASSWORD).await;
    // The first third arrives while the database is up.
    let mut answers: Vec<(String, Resp)> = Vec::new();
    for id in &ids[..20] {
        answers.push((id.clone(), post(id).await.unwrap()));
    }
    // The second third while it stops (either answer, as it happens), the last once it
    // is down.
    let sends: Vec<_> = ids[20..40]
        .iter()
        .map(|id| (id.clone(), post(id)))
        .collect();
    cluster.run("pause");
    for (id, send) in sends {
        answers.push((id, send.await.unwrap()));
    }
    let sends: Vec<_> = ids[40..].iter().map(|id| (id.clone(), post(id))).collect();
    for (id, send) in sends {
        let r = send.await.unwrap();
        assert_eq!(r.status, 503, "{id}: {}", r.text());
        answers.push((id, r));
    }
    let refused: Vec<&(String, Resp)> = answers.iter().filter(|(_, r)| r.status == 503).collect();
    assert!(
        refused.len() >= 20,
        "the database was down for the last third"
    );
    let now = 1_800_000_000_000.0;
    for (id, r) in &refused {
        assert_eq!(r.header("retry-after"), Some("5"), "{}", r.text());
        let error = r.json()["error"].as_str().unwrap().to_string();
        assert!(error.contains("try again in a few seconds"), "{error}");
        // The kiosk's outbox keeps such a submission and waits as asked.
        let outcome = Outcome::Status {
            code: r.status,
            retry_after: r.header("retry-after").map(String::from),
            detail: Some(error),
        };
        assert_eq!(queue::classify(&outcome), Verdict::Retry);
        let item = queue::new_item(payload(id), id, now);
        let queue::Next::Update(kept) = queue::after_attempt(&item, &outcome, now, 0.0) else {
            panic!("a 503 is not a delivery");
        };
        assert_eq!(kept.state, queue::ItemState::Pending);
        assert!(kept.next_attempt_ms >= now + 5_000.0, "waits as asked");
        assert_eq!(kept.retry_after_until_ms, Some(now + 5_000.0));
    }
    for (_, r) in &answers {
        assert!(matches!(r.status, 201 | 503), "{} {}", r.status, r.text());
    }
    // The inbox says the same to a manager, and the sign-in too.
    for path in ["/api/inbox/me", "/api/inbox/submissions"] {
        let r = app.get(path, &[("Cookie", &cookie)]).await;
        assert_eq!(r.status, 503, "{path}: {}", r.text());
        assert_eq!(r.header("retry-after"), Some("5"));
    }
    let r = app.try_sign_in("ana@example.org", PASSWORD).await;
    assert_eq!(r.status, 503, "{}", r.text());
    // And the operator's exports: a retry, not a server fault.
    for path in ["/api/feedback.json", "/api/feedback.csv"] {
        let r = app
            .get(path, &[("Authorization", &format!("Bearer {TOKEN}"))])
            .await;
        assert_eq!(r.status, 503, "{path}: {}", r.text());
        assert_eq!(r.header("retry-after"), Some("5"));
    }

    cluster.run("resume");
    // The session outlived the outage.
    let me = app.get("/api/inbox/me", &[("Cookie", &cookie)]).await;
    assert_eq!(me.status, 200, "{}", me.text());
    // The outbox sends again everything not acknowledged, and (as after an answer lost
    // on the way) some that were: the same receiver, its pool recovered by itself.
    for (id, r) in &answers {
        let again = post(id).await.unwrap();
        // Stored before: found there. Refused: stored now (or found, had the database
        // committed it just before its connection was cut).
        let expected: &[u16] = if r.status == 201 { &[200] } else { &[201, 200] };
        assert!(
            expected.contains(&again.status),
            "{id}: {} {}",
            again.status,
            again.text()
        );
    }
    let mut stored = stored_ids(&app.export().await);
    stored.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(stored, want, "every submission of the burst exactly once");
}

#[test]
fn every_command_takes_the_postgres_url_and_never_prints_its_password() {
    if !common::db::on_postgres() {
        eprintln!(
            "skipped: set {} to run the Postgres tests",
            common::db::TEST_PG
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The test cluster trusts loopback, so any password is accepted, and must not show.
    let secret = "pa55-w0rd-never-shown";
    let url = common::db::database(&dir.path().join("unused.sqlite"))
        .to_arg()
        .into_string()
        .unwrap()
        .replacen("://postgres@", &format!("://postgres:{secret}@"), 1);
    let db = std::ffi::OsStr::new(&url);
    let arg = |s: &'static str| std::ffi::OsStr::new(s);

    let (code, out, err) = common::run_bin(
        &[arg("add-manager"), arg("--db"), db, arg("Ana@Example.org")],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Added inbox manager ana@example.org, who sees every venue."),
        "{out}"
    );
    let (code, out, err) = common::run_bin(&[arg("list-managers"), arg("--db"), db], "");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.trim(), "ana@example.org: every venue");

    let server = common::Server::start_with_token(Path::new(db), &[]);
    let ids: Vec<String> = (0..3).map(|_| new_id()).collect();
    for id in &ids {
        assert_eq!(server.post_json(&payload(id).to_string(), &[]).status, 201);
    }
    assert_eq!(stored_ids(&server.export()), ids);
    let (code, csv, err) = common::run_bin(&[arg("export-csv"), arg("--db"), db], "");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(csv.split("\r\n").filter(|l| !l.is_empty()).count(), 4);
    for id in &ids {
        assert!(csv.contains(id.as_str()), "{csv}");
    }
    let log = server.log();
    drop(server);

    let (code, out, err) = common::run_bin(
        &[
            arg("remove-manager"),
            arg("--db"),
            db,
            arg("ana@example.org"),
        ],
        "",
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Removed inbox manager ana@example.org"),
        "{out}"
    );
    // A database that is not there: refused by name, the password hidden.
    let missing = url.replace("/evenhand_test_", "/no_such_");
    let (code, _, err) = common::run_bin(
        &[
            arg("list-managers"),
            arg("--db"),
            std::ffi::OsStr::new(&missing),
        ],
        "",
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("cannot open the database postgres://postgres:***@"),
        "{err}"
    );
    assert!(!err.contains(secret) && !log.contains(secret), "{err}{log}");
}

#[test]
fn receivers_starting_together_migrate_once_and_a_newer_schema_is_refused() {
    if !common::db::on_postgres() {
        eprintln!(
            "skipped: set {} to run the Postgres tests",
            common::db::TEST_PG
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = common::db::database(&dir.path().join("unused.sqlite"));
    let opened: Vec<_> = (0..4)
        .map(|_| {
            let db = db.clone();
            std::thread::spawn(move || Store::open_at(&db).map(drop))
        })
        .collect();
    for started in opened {
        started.join().unwrap().expect("every receiver starts");
    }
    let url = db.to_arg().into_string().unwrap();
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let versions: Vec<i64> = client
        .query(
            "SELECT version FROM schema_migrations ORDER BY version",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let latest = evenhand_receiver::store::pg::migrations::latest();
    assert_eq!(versions, (1..=latest).collect::<Vec<_>>());
    client
        .execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)",
            &[],
        )
        .unwrap();
    let Err(e) = Store::open_at(&db) else {
        panic!("opened a database newer than this receiver");
    };
    assert!(
        e.to_string()
            .contains("schema version 999, newer than this receiver's"),
        "{e}"
    );
    assert!(!e.is_unavailable());
}
