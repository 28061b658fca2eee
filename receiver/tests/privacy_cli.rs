//! `purge`, `staff-report` and `erase` against the binary (SPEC §13): what they print,
//! what they change, and their refusals. The database is made with the library, so
//! receipt and status times can be in the past; SQLite, or Postgres with
//! `EVENHAND_TEST_PG` (tests/common/db.rs).

mod common;

use std::path::Path;
use std::process::Command;

use common::BIN;
use evenhand_core::retention::DAY_MS;
use evenhand_core::time::rfc3339_millis;
use evenhand_receiver::store::inbox::Status;
use evenhand_receiver::store::{Database, Row, Scope};
use evenhand_receiver::Store;
use serde_json::{json, Value};

/// 2026-06-01T00:00:00Z.
const T0: i64 = 1_780_272_000_000;

struct Demo {
    db: Database,
    _dir: tempfile::TempDir,
}

impl Demo {
    /// The `--db` argument: the SQLite file or the Postgres URL.
    fn db(&self) -> std::ffi::OsString {
        self.db.to_arg()
    }

    /// Runs `command --db DB args…`: (exit code, stdout, stderr).
    fn run(&self, command: &str, args: &[&str]) -> (Option<i32>, String, String) {
        let out = Command::new(BIN)
            .arg(command)
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("EVENHAND_DB")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn store(&self) -> Store {
        Store::open_at(&self.db).unwrap()
    }

    fn payload(&self, id: &str) -> Option<Value> {
        self.store()
            .inbox_item(&Scope::Every, id)
            .unwrap()
            .map(|i| serde_json::from_str(&i.payload).unwrap())
    }
}

struct Sub<'a> {
    id: &'a str,
    day: i64,
    praise: &'a str,
    staff_named: &'a [&'a str],
    complaint: Option<&'a str>,
    names_mentioned: &'a [&'a str],
    email: Option<&'a str>,
    language: &'a str,
}

const SUB: Sub<'static> = Sub {
    id: "",
    day: 0,
    praise: "",
    staff_named: &[],
    complaint: None,
    names_mentioned: &[],
    email: None,
    language: "en",
};

fn add(store: &Store, s: &Sub<'_>) {
    let payload = json!({
        "schema": "evenhand.feedback/1",
        "id": s.id,
        "created_at": rfc3339_millis(T0 + s.day * DAY_MS),
        "venue": "bistro-1",
        "place": "terrace",
        "mode": "kiosk",
        "language": s.language,
        "praise": { "text": s.praise, "declined": false, "staff_named": s.staff_named },
        "complaint": s.complaint.map(|t| json!({ "text": t })),
        "ratings": { "service": 4 },
        "contact": s.email.map(|e| json!({ "email": e, "consent": true })),
        "guidance": { "names_mentioned": s.names_mentioned, "heated": false, "edited_after_guidance": false },
        "verified": false
    })
    .to_string();
    let received_at = rfc3339_millis(T0 + s.day * DAY_MS);
    store
        .insert(&Row {
            id: s.id,
            received_at: &received_at,
            venue: "bistro-1",
            place: Some("terrace"),
            language: s.language,
            payload: &payload,
        })
        .unwrap();
}

/// The demo database: praise and complaints naming Léa, Jean-Marc, Amy and Tom, with
/// guests' emails, statuses and history.
fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let demo = Demo {
        db: common::db::database(&dir.path().join("feedback.sqlite")),
        _dir: dir,
    };
    let store = demo.store();
    add(
        &store,
        &Sub {
            id: "p-lea",
            praise: "Lea was lovely, and Amy too",
            staff_named: &["Léa", "Amy"],
            email: Some("guest@example.org"),
            ..SUB
        },
    );
    add(
        &store,
        &Sub {
            id: "c-jm",
            day: 1,
            praise: "Good bread",
            complaint: Some("jean marc's tone with Tom was rude <script>alert(1)</script>"),
            names_mentioned: &["Jean-Marc", "Tom"],
            email: Some("Other@Example.org"),
            language: "fr",
            ..SUB
        },
    );
    add(
        &store,
        &Sub {
            id: "c-none",
            day: 2,
            complaint: Some("Twenty minutes for the bill"),
            email: Some("guest@example.org"),
            ..SUB
        },
    );
    add(
        &store,
        &Sub {
            id: "recent",
            day: 300,
            praise: "Léa again",
            staff_named: &["Léa"],
            ..SUB
        },
    );
    let at = |d: i64| T0 + d * DAY_MS;
    store
        .set_status(
            &Scope::Every,
            "c-jm",
            Status::Verified,
            Some("Spoke with Tom"),
            "ana@example.org",
            at(3),
        )
        .unwrap();
    store
        .set_status(
            &Scope::Every,
            "c-jm",
            Status::NotConfirmed,
            None,
            "ana@example.org",
            at(5),
        )
        .unwrap();
    store
        .set_status(
            &Scope::Every,
            "c-none",
            Status::Resolved,
            None,
            "ana@example.org",
            at(4),
        )
        .unwrap();
    demo
}

#[test]
fn purge_as_of_prints_counts_by_kind_and_erases_them() {
    let d = demo();
    // Day 36: c-none resolved on day 4 loses its email; c-jm, Not confirmed on day 5,
    // loses its email and its complaint's words.
    let (code, out, err) = d.run("purge", &["--as-of", "2026-07-07T00:00:00Z"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with("Erased as of 2026-07-07T00:00:00.000Z"),
        "{out}"
    );
    assert!(out.contains("guest contacts erased: 2"), "{out}");
    assert!(
        out.contains("\"Not confirmed\" complaint texts erased: 1"),
        "{out}"
    );
    assert!(out.contains("texts erased after their time: 0"), "{out}");
    let jm = d.payload("c-jm").unwrap();
    assert_eq!(jm["complaint"]["text"], "");
    assert_eq!(jm["praise"]["text"], "Good bread");
    assert_eq!(jm["contact"], Value::Null);
    assert!(d.payload("p-lea").unwrap()["contact"].is_object());
    // A year and more after receipt (day 374): the rest, once.
    let (code, out, _) = d.run("purge", &["--as-of", "2027-06-10T02:00:00+02:00"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("guest contacts erased: 1"), "{out}");
    assert!(out.contains("texts erased after their time: 3"), "{out}");
    assert_eq!(d.payload("recent").unwrap()["praise"]["text"], "Léa again");
}

#[test]
fn purge_dry_run_and_options() {
    let d = demo();
    let (code, out, _) = d.run(
        "purge",
        &[
            "--as-of",
            "2027-12-31T00:00:00Z",
            "--dry-run",
            "--text-days",
            "0",
        ],
    );
    assert_eq!(code, Some(0));
    assert!(out.starts_with("Would erase as of 2027-12-31"), "{out}");
    assert!(out.contains("every text: kept forever"), "{out}");
    assert!(out.contains("texts erased after their time: 0"), "{out}");
    assert!(out.contains("guest contacts erased: 3"), "{out}");
    assert!(
        d.payload("p-lea").unwrap()["contact"].is_object(),
        "dry run"
    );
}

#[test]
fn purge_refuses_a_wrong_as_of_naming_the_format() {
    let d = demo();
    for bad in ["2027-01-31", "31/01/2027", "tomorrow", ""] {
        let (code, _, err) = d.run("purge", &["--as-of", bad]);
        assert_eq!(code, Some(2), "{bad}: {err}");
        assert!(
            err.contains("expected an RFC 3339 date and time, such as 2027-01-31T00:00:00Z"),
            "{bad}: {err}"
        );
    }
    let (code, _, err) = d.run("purge", &["--contact-days", "-1"]);
    assert_eq!(code, Some(2), "{err}");
    let missing = Command::new(BIN)
        .args(["purge", "--db", "/nonexistent/x.sqlite"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no database at"));
}

fn report(d: &Demo, args: &[&str]) -> Value {
    let (code, out, err) = d.run("staff-report", args);
    assert_eq!(code, Some(0), "{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn staff_report_finds_every_form_of_the_name_and_redacts_the_rest() {
    let d = demo();
    // Accent-free in the text, accented in the list.
    let lea = report(&d, &["--name", "Léa"]);
    assert_eq!(lea["count"], 2, "{lea:#}");
    let ids: Vec<&str> = lea["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["p-lea", "recent"]);
    let first = &lea["submissions"][0];
    assert_eq!(first["praise"], "Lea was lovely, and [staff member] too");
    assert_eq!(first["contact"], "[redacted]");
    assert_eq!(first["named_in"], json!(["praise"]));
    assert!(!lea.to_string().contains("guest@example.org"));
    // Compound and possessive; the other name in the complaint and the note redacted;
    // status and history.
    let jm = report(&d, &["--name", "Jean-Marc"]);
    assert_eq!(jm["count"], 1, "{jm:#}");
    let s = &jm["submissions"][0];
    assert_eq!(
        s["complaint"],
        "jean marc's tone with [staff member] was rude <script>alert(1)</script>"
    );
    assert_eq!(s["status"], "not_confirmed");
    assert_eq!(s["history"].as_array().unwrap().len(), 2);
    assert_eq!(s["history"][0]["to"], "verified");
    assert_eq!(s["history"][0]["note"], "Spoke with [staff member]");
    assert_eq!(s["named_in"], json!(["complaint"]));
}

#[test]
fn staff_report_of_an_unknown_name_is_empty() {
    let d = demo();
    let none = report(&d, &["--name", "Zoé"]);
    assert_eq!(none["count"], 0);
    assert_eq!(none["submissions"], json!([]));
    let (code, _, err) = d.run("staff-report", &["--name", "  "]);
    assert_eq!(code, Some(1));
    assert!(err.contains("--name is blank"), "{err}");
    let (code, _, err) = d.run("staff-report", &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--name <NAME>"), "{err}");
}

#[test]
fn staff_report_as_a_page_in_the_persons_language_escapes_guest_text() {
    let d = demo();
    let (code, page, err) = d.run(
        "staff-report",
        &["--name", "Jean-Marc", "--format", "html", "--lang", "fr"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        page.starts_with("<!doctype html>\n<html lang=\"fr\">"),
        "{page}"
    );
    assert!(
        page.contains("<title>Avis qui nomment Jean-Marc</title>"),
        "{page}"
    );
    assert!(page.contains("Non confirmée"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<script>"), "{page}");
    assert!(!page.contains("Tom"), "{page}");
    let (_, page, _) = d.run("staff-report", &["--name", "Nobody", "--format", "html"]);
    assert!(
        page.contains("No submission kept today names you."),
        "{page}"
    );
    let (code, _, err) = d.run("staff-report", &["--name", "Amy", "--format", "pdf"]);
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn erase_by_email_or_id_says_how_many() {
    let d = demo();
    let (code, out, err) = d.run("erase", &["--email", "GUEST@example.org"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out.trim(),
        "Erased 2 submissions, with their history and search entries."
    );
    assert!(d.payload("p-lea").is_none());
    assert!(d.payload("c-none").is_none());
    let (_, out, _) = d.run("erase", &["--id", "c-jm"]);
    assert_eq!(
        out.trim(),
        "Erased 1 submission, with its history and search entry."
    );
    assert!(d.payload("c-jm").is_none());
    let (code, out, _) = d.run("erase", &["--id", "c-jm"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.trim(), "No submission matched; nothing was erased.");
    assert!(d.payload("recent").is_some());
    let log = d.store().erasure_log().unwrap();
    let by: Vec<(&str, u64)> = log.iter().map(|l| (l.by.as_str(), l.count)).collect();
    assert_eq!(
        by,
        [("erase --email", 2), ("erase --id", 1), ("erase --id", 0)]
    );
}

#[test]
fn erase_refuses_without_exactly_one_target() {
    let d = demo();
    let (code, _, err) = d.run("erase", &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--id <UUID>|--email <ADDRESS>"), "{err}");
    let (code, _, err) = d.run("erase", &["--id", "a", "--email", "b@example.org"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("cannot be used with"), "{err}");
    let missing = Command::new(BIN)
        .args(["erase", "--db", "/nonexistent/x.sqlite", "--id", "a"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(d.payload("p-lea").is_some(), "nothing erased by a refusal");
}

#[test]
fn serve_applies_the_rules_at_start_and_says_so() {
    let d = demo();
    let s = common::Server::start(Path::new(&d.db()), &["--text-days", "0"]);
    // The first pass runs as the server starts; wait for its line.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !s.log().contains("retention: guest contacts erased") {
        assert!(std::time::Instant::now() < deadline, "{}", s.log());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let log = s.log();
    assert!(log.contains("every text: kept forever"), "{log}");
    // Every demo submission is months old: all three emails go, and the words of the
    // Not confirmed complaint; with --text-days 0 every other text stays.
    assert!(
        log.contains("retention: guest contacts erased: 3; \"Not confirmed\" complaint texts erased: 1; texts erased after their time: 0"),
        "{log}"
    );
    drop(s);
    assert_eq!(d.payload("p-lea").unwrap()["contact"], Value::Null);
    assert_eq!(
        d.payload("p-lea").unwrap()["praise"]["text"],
        "Lea was lovely, and Amy too"
    );
    let log = d.store().erasure_log().unwrap();
    assert!(log.iter().all(|l| l.by == "serve"), "{log:?}");
}

#[test]
fn the_retention_limits_are_serve_and_purge_options_with_the_spec_defaults() {
    for command in ["serve", "purge"] {
        let out = Command::new(BIN)
            .args([command, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{command}");
        let help = String::from_utf8_lossy(&out.stdout);
        for (option, default) in [
            ("--contact-days-after-closed <DAYS>", "[default: 30]"),
            ("--contact-days <DAYS>", "[default: 90]"),
            ("--not-confirmed-text-days <DAYS>", "[default: 30]"),
            ("--text-days <DAYS>", "[default: 365]"),
        ] {
            let line = help
                .split("\n  -")
                .find(|entry| entry.contains(option))
                .unwrap_or_else(|| panic!("{command} --help lacks {option}: {help}"));
            assert!(line.contains(default), "{command} {option}: {line}");
        }
    }
    for (command, mentions) in [
        ("purge", &["--as-of <RFC3339>", "--dry-run"][..]),
        ("staff-report", &["--name <NAME>", "--format", "--lang"][..]),
        ("erase", &["--id <UUID>", "--email <ADDRESS>"][..]),
    ] {
        let out = Command::new(BIN)
            .args([command, "--help"])
            .output()
            .unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        for m in mentions {
            assert!(help.contains(m), "{command} --help lacks {m}: {help}");
        }
    }
}
