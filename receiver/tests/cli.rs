//! The commands against the binary: check-config, export-csv, usage, SIGTERM, and
//! serve's start-up rules (the export token, where the database lies, its file modes).

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
    assert!(stdout.contains("bistro-lyon-1"), "{stdout}");
    // The spec's example PIN is the sample one: accepted, with a warning.
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[1].contains("warning: staff.pin_sha256 is the sample config's PIN (1234)"),
        "{stdout}"
    );
    // A PIN of the operator's own: no warning.
    let own = GOOD_CONFIG.replace(
        "03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4",
        &evenhand_core::staff::sha256_hex("4821"),
    );
    let out = check_config(&own);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
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
        (&["export-csv", "--db"][..], "'--db <PATH|URL>'"),
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
                "--export-token-file",
                "EVENHAND_EXPORT_TOKEN",
                "--header-timeout",
                "--keep-alive-timeout",
                "--max-connections",
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
        .args(["serve", "--app"])
        .arg(dir.path().join("app"))
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

/// `serve` with these arguments and environment, expected to stop at once.
fn serve_fails(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let out = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("EVENHAND_EXPORT_TOKEN")
        .env_remove("EVENHAND_EXPORT_TOKEN_FILE")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_export_token_is_never_taken_from_the_command_line() {
    let secret = "secret-value-0123456789abcdef0123456789";
    let (code, stderr) = serve_fails(&["--export-token", secret], &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("Usage: evenhand-receiver serve"),
        "{stderr}"
    );
    assert!(stderr.contains("/proc/PID/cmdline"), "{stderr}");
    assert!(stderr.contains("EVENHAND_EXPORT_TOKEN"), "{stderr}");
    assert!(stderr.contains("--export-token-file"), "{stderr}");
    assert!(!stderr.contains(secret), "{stderr}");
}

#[test]
fn a_short_or_doubled_export_token_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.sqlite");
    let db = db.to_str().unwrap();
    let (code, stderr) = serve_fails(&["--db", db], &[("EVENHAND_EXPORT_TOKEN", "e2e-token")]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("the export token must be at least 32 characters (it has 9)"),
        "{stderr}"
    );
    assert!(
        !dir.path().join("f.sqlite").exists(),
        "refused before creating anything"
    );
    let file = dir.path().join("token");
    std::fs::write(&file, format!("{TOKEN}\n")).unwrap();
    let (code, stderr) = serve_fails(
        &["--db", db, "--export-token-file", file.to_str().unwrap()],
        &[("EVENHAND_EXPORT_TOKEN", TOKEN)],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("not both"), "{stderr}");
    let (code, stderr) = serve_fails(
        &["--db", db, "--export-token-file", "/nonexistent/token"],
        &[],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot read the export token file /nonexistent/token"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn the_export_token_from_a_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("token");
    std::fs::write(&file, format!("{TOKEN}\n")).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let s = Server::start(
        &dir.path().join("f.sqlite"),
        &["--export-token-file", file.to_str().unwrap()],
    );
    assert_eq!(
        s.post_json(&payload(&new_id()).to_string(), &[]).status,
        201
    );
    assert_eq!(s.export().len(), 1);
    let wrong = format!("Bearer {}", TOKEN.replace('t', "T"));
    assert_eq!(
        s.get("/api/feedback.csv", &[("Authorization", &wrong)])
            .status,
        401
    );
    assert!(!s.log().contains("readable by other users"), "{}", s.log());
    drop(s);
    // A token file others can read works, with a warning.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let s = Server::start(
        &dir.path().join("f.sqlite"),
        &["--export-token-file", file.to_str().unwrap()],
    );
    assert_eq!(s.export().len(), 1);
    assert!(
        s.log().contains(&format!(
            "warning: the export token file {} is readable by other users",
            file.display()
        )),
        "{}",
        s.log()
    );
}

#[test]
fn a_database_inside_the_app_folder_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    std::fs::create_dir_all(&app).unwrap();
    let db = app.join("data/f.sqlite");
    let (code, stderr) = serve_fails(
        &["--db", db.to_str().unwrap(), "--app", app.to_str().unwrap()],
        &[],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the database {} is inside the app folder {}",
            db.display(),
            app.display()
        )),
        "{stderr}"
    );
    assert!(
        !app.join("data").exists(),
        "nothing created in the app folder"
    );
    // Spelled with `..` through the app folder: the same place.
    let sneaky = dir.path().join("app/../app/f.sqlite");
    let (code, stderr) = serve_fails(
        &[
            "--db",
            sneaky.to_str().unwrap(),
            "--app",
            app.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, Some(1), "{stderr}");
}

#[cfg(unix)]
#[test]
fn the_database_folder_and_files_are_the_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new/data/feedback.sqlite");
    let s = Server::start(&db, &[]);
    assert_eq!(
        s.post_json(&payload(&new_id()).to_string(), &[]).status,
        201
    );
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.path().join("new")), 0o700);
    assert_eq!(mode(&dir.path().join("new/data")), 0o700);
    for name in [
        "feedback.sqlite",
        "feedback.sqlite-wal",
        "feedback.sqlite-shm",
    ] {
        let file = dir.path().join("new/data").join(name);
        assert_eq!(mode(&file), 0o600, "{name}");
    }
}

/// Runs a manager command on `db` with `stdin` as standard input: (exit code, stdout,
/// stderr).
fn manage(
    args: &[&str],
    db: impl AsRef<std::ffi::OsStr>,
    stdin: &str,
) -> (Option<i32>, String, String) {
    let mut all: Vec<&std::ffi::OsStr> = vec![args[0].as_ref(), "--db".as_ref(), db.as_ref()];
    all.extend(args[1..].iter().map(std::ffi::OsStr::new));
    run_bin(&all, stdin)
}

#[test]
fn managers_are_added_listed_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.sqlite");
    let (code, out, err) = manage(&["list-managers"], &db, "");
    assert_eq!(code, Some(1), "{out}");
    assert!(err.contains("no database at"), "{err}");

    let (code, out, err) = manage(
        &["add-manager", "Ana@Example.org"],
        &db,
        "a long enough one\n",
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Added inbox manager ana@example.org, who sees every venue."),
        "{out}"
    );
    assert!(!out.contains("a long enough one"), "{out}");

    // The same email in another case is the same account.
    let (code, _, err) = manage(
        &["add-manager", "ANA@example.org"],
        &db,
        "another long one\n",
    );
    assert_eq!(code, Some(1));
    assert!(
        err.contains("an inbox manager with the email ana@example.org exists already"),
        "{err}"
    );

    let (code, _, err) = manage(&["add-manager", "bo@example.org"], &db, "too short\r\n");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("the password must be at least 12 characters (it has 9)"),
        "{err}"
    );
    let (code, _, err) = manage(&["add-manager", "bo@example.org"], &db, "");
    assert_eq!(code, Some(1));
    assert!(err.contains("no password on standard input"), "{err}");
    let (code, _, err) = manage(&["add-manager", "not an email"], &db, "a long enough one\n");
    assert_eq!(code, Some(1));
    assert!(err.contains("is not an email address"), "{err}");

    let (code, out, _) = manage(&["list-managers"], &db, "");
    assert_eq!(code, Some(0));
    assert_eq!(out, "ana@example.org: every venue\n");

    let (code, _, err) = manage(&["remove-manager", "nobody@example.org"], &db, "");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("no inbox manager with the email nobody@example.org"),
        "{err}"
    );
    let (code, out, err) = manage(&["remove-manager", "Ana@example.org"], &db, "");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Removed inbox manager ana@example.org"),
        "{out}"
    );
    let (code, out, _) = manage(&["list-managers"], &db, "");
    assert_eq!(code, Some(0));
    assert!(out.starts_with("No inbox managers in"), "{out}");
}

#[test]
fn a_demo_manager_gets_a_random_password_once_and_only_when_there_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.sqlite");
    let demo = [
        "add-manager",
        "--random-password",
        "--unless-any",
        "demo@evenhand.local",
    ];
    let (code, out, err) = manage(&demo, &db, "");
    assert_eq!(code, Some(0), "{err}");
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("Password (shown this once): "))
        .unwrap_or_else(|| panic!("{out}"))
        .to_string();
    assert_eq!(password.len(), 32, "{password}");
    let (code, out, _) = manage(&demo, &db, "");
    assert_eq!(code, Some(0));
    assert!(out.contains("has an inbox manager already"), "{out}");
    assert!(!out.contains("Password"), "{out}");
    // Another database, another password: never a fixed one.
    let other = dir.path().join("g.sqlite");
    let (_, out, _) = manage(&demo, &other, "");
    assert!(!out.contains(&password), "{out}");
}

#[test]
fn a_manager_limited_to_venues_is_added_and_listed_with_them() {
    use evenhand_receiver::store::Scope;
    // On the test database: a SQLite file, or Postgres when the tests run there.
    let dir = tempfile::tempdir().unwrap();
    let database = common::db::database(&dir.path().join("f.sqlite"));
    let db = database.to_arg();
    let (code, out, err) = manage(
        &[
            "add-manager",
            "--venue",
            "bistro-lyon-2",
            "--venue",
            "bistro-lyon-1",
            "--venue",
            "bistro-lyon-1",
            "lyon@example.org",
        ],
        &db,
        "a long enough one\n",
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains(
            "Added inbox manager lyon@example.org, who sees venues bistro-lyon-1, bistro-lyon-2."
        ),
        "{out}"
    );
    let (code, _, err) = manage(
        &["add-manager", "all@example.org"],
        &db,
        "a long enough one\n",
    );
    assert_eq!(code, Some(0), "{err}");

    // A venue id as a kiosk config has it, or nothing is added.
    for bad in ["bistro lyon", "", "café"] {
        let (code, out, err) = manage(
            &["add-manager", "--venue", bad, "bad@example.org"],
            &db,
            "a long enough one\n",
        );
        assert_eq!(code, Some(1), "{bad:?}: {out}");
        assert!(err.contains("is not a venue id"), "{bad:?}: {err}");
    }

    let (code, out, _) = manage(&["list-managers"], &db, "");
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "all@example.org: every venue\nlyon@example.org: venues bistro-lyon-1, bistro-lyon-2\n"
    );

    // What the server reads at sign-in.
    let store = evenhand_receiver::Store::open_at(&database).unwrap();
    let (lyon, _) = store
        .manager_credentials("lyon@example.org")
        .unwrap()
        .unwrap();
    assert_eq!(
        store.manager_scope(lyon).unwrap(),
        Scope::venues(["bistro-lyon-1", "bistro-lyon-2"])
    );
    let (all, _) = store
        .manager_credentials("all@example.org")
        .unwrap()
        .unwrap();
    assert_eq!(store.manager_scope(all).unwrap(), Scope::Every);
    drop(store);

    // Removed, its venues go with it; added again without --venue, it sees every venue.
    let (code, _, err) = manage(&["remove-manager", "lyon@example.org"], &db, "");
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = manage(
        &["add-manager", "lyon@example.org"],
        &db,
        "a long enough one\n",
    );
    assert_eq!(code, Some(0), "{err}");
    let (_, out, _) = manage(&["list-managers"], &db, "");
    assert!(out.contains("lyon@example.org: every venue"), "{out}");
}
