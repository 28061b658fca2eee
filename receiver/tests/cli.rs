//! The other commands: check-config, export-csv, usage, SIGTERM.

mod common;

use std::process::Command;

use common::*;

const GOOD_CONFIG: &str = r##"{
  "venue": { "id": "bistro-lyon-1", "name": "Bistro Lyon" },
  "endpoint": { "url": "/api/feedback", "format": "json" },
  "languages": ["fr", "en"],
  "mode": "kiosk",
  "cooling_off_seconds": 10,
  "topics": ["service", "food", "cleanliness", "waiting"],
  "staff_names": ["Amy", "Jean-Marc"],
  "contact": "optional",
  "kiosk": { "idle_reset_seconds": 90, "thank_you_seconds": 8 },
  "theme": { "accent": "#1b6e5a", "logo": "logo.svg" },
  "staff": { "pin_sha256": "03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4" }
}"##;

fn check_config(text: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.json");
    std::fs::write(&path, text).unwrap();
    Command::new(BIN)
        .arg("check-config")
        .arg(&path)
        .output()
        .unwrap()
}

#[test]
fn check_config_names_the_key_at_fault() {
    let bad = GOOD_CONFIG
        .replace("\"idle_reset_seconds\": 90", "\"idle_reset_seconds\": 5")
        .replace("\"cooling_off_seconds\"", "\"cooling_of_seconds\"");
    let out = check_config(&bad);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("kiosk.idle_reset_seconds"), "{stdout}");
    assert!(stdout.contains("cooling_of_seconds"), "{stdout}");
}

#[test]
fn check_config_accepts_the_spec_example() {
    let out = check_config(GOOD_CONFIG);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("bistro-lyon-1"), "{stdout}");
}

#[test]
fn check_config_on_a_missing_file_fails() {
    let out = Command::new(BIN)
        .args(["check-config", "/nonexistent/config.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("cannot be read"));
}

#[test]
fn usage_errors_exit_2_naming_the_fault() {
    for (args, says) in [
        (&[][..], "Usage: evenhand-receiver <COMMAND>"),
        (&["frobnicate"][..], "unrecognized subcommand 'frobnicate'"),
        (&["serve", "--bogus"][..], "Usage: evenhand-receiver serve"),
        (
            &["serve", "--addr"][..],
            "a value is required for '--addr <ADDR>'",
        ),
        (&["check-config"][..], "<PATH>"),
        (&["export-csv", "--db"][..], "'--db <PATH>'"),
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
}

#[test]
fn every_command_has_help_and_the_binary_a_version() {
    for (command, mentions) in [
        (
            "serve",
            &[
                "--addr",
                "EVENHAND_ADDR",
                "--db",
                "EVENHAND_DB",
                "--app",
                "--allow-origin",
                "--export-token",
                "EVENHAND_EXPORT_TOKEN",
            ][..],
        ),
        ("check-config", &["<PATH>"][..]),
        ("export-csv", &["--db", "EVENHAND_DB"][..]),
    ] {
        let out = Command::new(BIN)
            .args([command, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{command}");
        let help = String::from_utf8_lossy(&out.stdout);
        for m in mentions {
            assert!(help.contains(m), "{command} --help lacks {m}: {help}");
        }
    }
    let out = Command::new(BIN).arg("--version").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("evenhand-receiver {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn export_csv_writes_every_submission() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("feedback.sqlite");
    let ids: Vec<String> = (0..3).map(|_| new_id()).collect();
    {
        let s = Server::start(&db, &[]);
        for id in &ids {
            assert_eq!(s.post_json(&payload(id).to_string(), &[]).status, 201);
        }
        // The export also works while the server runs (WAL readers).
        let out = Command::new(BIN)
            .args(["export-csv", "--db"])
            .arg(&db)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 4);
    }
    let out = Command::new(BIN)
        .arg("export-csv")
        .env("EVENHAND_DB", &db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("\u{feff}id,received_at,created_at,venue,"));
    for (line, id) in lines[1..].iter().zip(&ids) {
        assert!(line.starts_with(id.as_str()), "{line}");
    }
    let missing = Command::new(BIN)
        .args(["export-csv", "--db", "/nonexistent/x.sqlite"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn env_fallbacks_and_sigterm_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite");
    let mut child = Command::new(BIN)
        .args(["serve", "--app", dir.path().to_str().unwrap()])
        .env("EVENHAND_ADDR", "127.0.0.1:0")
        .env("EVENHAND_DB", &db)
        .env("EVENHAND_EXPORT_TOKEN", TOKEN)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let addr = ready_addr(&mut child);
    let id = new_id();
    let r = request(
        &addr,
        "POST",
        "/api/feedback",
        &[("Content-Type", "application/json")],
        payload(&id).to_string().as_bytes(),
    );
    assert_eq!(r.status, 201);
    let auth = format!("Bearer {TOKEN}");
    assert_eq!(
        request(
            &addr,
            "GET",
            "/api/feedback.json",
            &[("Authorization", &auth)],
            b""
        )
        .status,
        200
    );
    assert!(db.exists());
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the receiver did not stop on SIGTERM");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn an_empty_environment_variable_counts_as_unset() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .arg("export-csv")
        .env("EVENHAND_DB", "")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no database at data/feedback.sqlite"),
        "{stderr}"
    );
}
