//! The HTTP API (SPEC §4, §5), called in-process through `router()`.

#[path = "api/client.rs"]
mod client;
mod common;

use std::path::{Path, PathBuf};

use axum::body::Body;
use client::App;
use common::{new_id, payload, stored_ids, TOKEN};
use evenhand_receiver::{AppOptions, AppState};
use serde_json::json;

#[tokio::test]
async fn stores_a_submission_and_answers_201() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let id = new_id();
    let r = s
        .post_json(&payload(&id).to_string(), &[("Idempotency-Key", &id)])
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json(), json!({ "id": id, "status": "stored" }));
    let all = s.export().await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["payload"], payload(&id));
    assert!(all[0]["received_at"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn praise_staff_named_is_stored_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let id = new_id();
    let mut p = payload(&id);
    p["praise"]["text"] = json!("Amy et Jean-Marc, merci !");
    p["praise"]["staff_named"] = json!(["Amy", "Jean-Marc"]);
    assert_eq!(s.post_json(&p.to_string(), &[]).await.status, 201);
    let all = s.export().await;
    assert_eq!(all[0]["payload"], p);
    let auth = format!("Bearer {TOKEN}");
    let csv = s
        .get("/api/feedback.csv", &[("Authorization", &auth)])
        .await
        .text();
    let mut lines = csv.split("\r\n");
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = header.iter().position(|c| *c == "praise_staff_named");
    assert_eq!(column, Some(9), "{header:?}");
    let row = lines.next().unwrap();
    assert!(
        row.contains(",\"Amy et Jean-Marc, merci !\",false,\"Amy, Jean-Marc\","),
        "{row}"
    );
    // A wrong shape is refused, naming the field.
    let mut bad = payload(&new_id());
    bad["praise"]["staff_named"] = json!("Amy");
    let r = s.post_json(&bad.to_string(), &[]).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("praise.staff_named"));
    bad["praise"]["staff_named"] = json!(["n".repeat(41)]);
    let r = s.post_json(&bad.to_string(), &[]).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("praise.staff_named"));
}

#[tokio::test]
async fn a_payload_of_an_earlier_build_without_staff_named_is_read_as_naming_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let id = new_id();
    let mut p = payload(&id);
    p["praise"].as_object_mut().unwrap().remove("staff_named");
    let r = s
        .post_json(&p.to_string(), &[("Idempotency-Key", &id)])
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let all = s.export().await;
    assert_eq!(all[0]["payload"]["praise"]["staff_named"], json!([]));
    assert_eq!(all[0]["payload"]["praise"]["text"], p["praise"]["text"]);
    let auth = format!("Bearer {TOKEN}");
    let csv = s
        .get("/api/feedback.csv", &[("Authorization", &auth)])
        .await
        .text();
    let row = csv.split("\r\n").nth(1).unwrap();
    assert!(row.contains(",false,,Vingt minutes"), "{row}");
}

#[tokio::test]
async fn bad_json_is_400() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    for body in ["{", "", "not json", "{\"schema\": }"] {
        let r = s.post_json(body, &[]).await;
        assert_eq!(r.status, 400, "{body:?}: {}", r.text());
        assert!(r.json()["error"].as_str().unwrap().contains("JSON"));
    }
}

#[tokio::test]
async fn oversized_is_413() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let mut p = payload(&new_id());
    p["praise"]["text"] = json!("x".repeat(260 * 1024));
    let body = p.to_string();
    let r = s.post_json(&body, &[]).await;
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.json()["error"].as_str().unwrap().contains("256 KiB"));
    // Without a Content-Length (chunked), the limit still holds.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body
        .as_bytes()
        .chunks(8192)
        .map(|c| Ok(c.to_vec()))
        .collect();
    let r = s
        .request(
            "POST",
            "/api/feedback",
            &[("Content-Type", "application/json")],
            Body::from_stream(futures_util::stream::iter(chunks)),
        )
        .await;
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.json()["error"].is_string());
    assert!(s.export().await.is_empty());
}

#[tokio::test]
async fn schema_and_validation_failures_are_422_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let id = new_id();
    type Change = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(Change, &str)> = vec![
        (
            Box::new(|p| p["schema"] = json!("evenhand.feedback/2")),
            "schema",
        ),
        (Box::new(|p| p["surprise"] = json!(true)), "surprise"),
        (Box::new(|p| p["guidance"]["mood"] = json!("calm")), "mood"),
        (
            Box::new(|p| {
                p.as_object_mut().unwrap().remove("venue");
            }),
            "venue",
        ),
        (Box::new(|p| p["id"] = json!("1234")), "id"),
        (
            Box::new(|p| p["created_at"] = json!("24/11/2026")),
            "created_at",
        ),
        (
            Box::new(|p| p["ratings"]["food"] = json!(6)),
            "ratings.food",
        ),
        (Box::new(|p| p["verified"] = json!(true)), "verified"),
        (
            Box::new(|p| p["complaint"]["text"] = json!("a".repeat(4001))),
            "complaint.text",
        ),
        (
            Box::new(|p| p["contact"] = json!({ "email": "a@b.c", "consent": false })),
            "consent",
        ),
        (Box::new(|p| p["mode"] = json!("tablet")), "mode"),
        // The config caps `venue.id` at 64 characters: so does the receiver.
        (Box::new(|p| p["venue"] = json!("v".repeat(65))), "venue"),
        // No more ratings than a config has topics, no more names than staff names.
        (
            Box::new(|p| {
                p["ratings"] = (0..13).map(|i| (format!("t{i}"), json!(3))).collect();
            }),
            "ratings",
        ),
        (
            Box::new(|p| p["guidance"]["names_mentioned"] = json!(vec!["Amy"; 201])),
            "guidance.names_mentioned",
        ),
    ];
    for (change, field) in cases {
        let mut p = payload(&id);
        change(&mut p);
        let r = s.post_json(&p.to_string(), &[]).await;
        assert_eq!(r.status, 422, "{field}: {}", r.text());
        let msg = r.json()["error"].as_str().unwrap().to_string();
        assert!(msg.contains(field), "{field}: {msg}");
    }
    assert!(s.export().await.is_empty());
}

#[tokio::test]
async fn unsupported_content_type_is_415() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let body = payload(&new_id()).to_string();
    for ct in [
        Some("text/plain"),
        Some("multipart/form-data; boundary=x"),
        None,
    ] {
        let headers: Vec<(&str, &str)> = ct.iter().map(|c| ("Content-Type", *c)).collect();
        let r = s
            .request("POST", "/api/feedback", &headers, Body::from(body.clone()))
            .await;
        assert_eq!(r.status, 415, "{ct:?}");
        assert!(r.json()["error"].is_string());
    }
    // Parameters on the media type are fine.
    let r = s
        .request(
            "POST",
            "/api/feedback",
            &[("Content-Type", "application/json; charset=utf-8")],
            Body::from(body),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[tokio::test]
async fn form_format_is_stored_as_payload_v1() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let id = new_id();
    let mut v = payload(&id);
    v["contact"] = json!({ "email": "guest@example.org", "consent": true });
    v["guidance"]["names_mentioned"] = json!(["Amy", "Jean-Marc"]);
    v["praise"]["text"] = json!("Très bien & rapide = 100% 😀");
    // Encoded exactly as the app's outbox sends it.
    let item = evenhand_core::queue::new_item(v.clone(), &id, 0.0);
    let req =
        evenhand_core::queue::request_body(&item, evenhand_core::config::Format::Form).unwrap();
    let form = |body: &'static str| {
        s.request(
            "POST",
            "/api/feedback",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Body::from(body),
        )
    };
    let r = s
        .request(
            "POST",
            "/api/feedback",
            &[
                ("Content-Type", req.content_type),
                ("Idempotency-Key", &req.idempotency_key),
            ],
            Body::from(req.body.clone()),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let all = s.export().await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["payload"], v);
    // A bad escape is a bad form: 400.
    let r = form("schema=%zz").await;
    assert_eq!(r.status, 400, "{}", r.text());
    // A readable form that is not a payload: 422.
    let r = form("schema=evenhand.feedback%2F1&id=x").await;
    assert_eq!(r.status, 422, "{}", r.text());
}

#[tokio::test]
async fn the_longest_texts_fit_in_either_format() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    for format in [
        evenhand_core::config::Format::Json,
        evenhand_core::config::Format::Form,
    ] {
        let id = new_id();
        let mut v = payload(&id);
        // 4,000 four-byte characters in each text: 96 KB once percent-encoded.
        v["praise"]["text"] = json!("😀".repeat(4000));
        v["complaint"] = json!({ "text": "😀".repeat(4000) });
        let item = evenhand_core::queue::new_item(v.clone(), &id, 0.0);
        let req = evenhand_core::queue::request_body(&item, format).unwrap();
        let r = s
            .request(
                "POST",
                "/api/feedback",
                &[("Content-Type", req.content_type)],
                Body::from(req.body),
            )
            .await;
        assert_eq!(r.status, 201, "{format:?}: {}", r.text());
    }
    assert_eq!(s.export().await.len(), 2);
}

#[tokio::test]
async fn duplicate_id_is_200_and_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let id = new_id();
    let body = payload(&id).to_string();
    assert_eq!(
        s.post_json(&body, &[("Idempotency-Key", &id)]).await.status,
        201
    );
    for _ in 0..3 {
        let r = s.post_json(&body, &[("Idempotency-Key", &id)]).await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json(), json!({ "id": id, "status": "duplicate" }));
    }
    assert_eq!(stored_ids(&s.export().await), vec![id]);
}

#[tokio::test]
async fn an_id_in_capitals_is_the_same_submission() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let id = new_id();
    let upper = id.to_uppercase();
    let r = s
        .post_json(&payload(&upper).to_string(), &[("Idempotency-Key", &id)])
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json(), json!({ "id": id, "status": "stored" }));
    let r = s
        .post_json(&payload(&id).to_string(), &[("Idempotency-Key", &upper)])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["status"], "duplicate");
    let all = s.export().await;
    assert_eq!(stored_ids(&all), vec![id.clone()]);
    assert_eq!(all[0]["payload"], payload(&id));
}

#[tokio::test]
async fn idempotency_key_must_match_the_id() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let id = new_id();
    let other = new_id();
    let r = s
        .post_json(&payload(&id).to_string(), &[("Idempotency-Key", &other)])
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("Idempotency-Key"));
    assert!(s.export().await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_posts_are_all_stored() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let ids: Vec<String> = (0..50).map(|_| new_id()).collect();
    let tasks: Vec<_> = ids
        .iter()
        .map(|id| {
            let (s, id) = (s.clone(), id.clone());
            tokio::spawn(async move {
                s.post_json(&payload(&id).to_string(), &[("Idempotency-Key", &id)])
                    .await
                    .status
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 201);
    }
    let mut stored = stored_ids(&s.export().await);
    stored.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(stored, expected);
}

#[tokio::test]
async fn cors_preflight_only_for_allowed_origins() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::new(
        &dir.path().join("f.sqlite"),
        AppOptions {
            app: "/nonexistent".into(),
            allow_origins: vec!["https://kiosk.example.org".into()],
            ..AppOptions::default()
        },
    );
    let preflight = |origin: &'static str| {
        let s = s.clone();
        async move {
            s.request(
                "OPTIONS",
                "/api/feedback",
                &[
                    ("Origin", origin),
                    ("Access-Control-Request-Method", "POST"),
                    (
                        "Access-Control-Request-Headers",
                        "content-type,idempotency-key",
                    ),
                ],
                Body::empty(),
            )
            .await
        }
    };
    let ok = preflight("https://kiosk.example.org").await;
    assert!(ok.status < 300, "{}", ok.status);
    assert_eq!(
        ok.header("access-control-allow-origin"),
        Some("https://kiosk.example.org")
    );
    assert!(ok
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    let allowed_headers = ok
        .header("access-control-allow-headers")
        .unwrap()
        .to_lowercase();
    assert!(
        allowed_headers.contains("content-type") && allowed_headers.contains("idempotency-key")
    );
    assert_eq!(ok.header("access-control-max-age"), Some("600"));

    let denied = preflight("https://evil.example").await;
    assert_eq!(denied.header("access-control-allow-origin"), None);

    // The actual POST from the allowed origin carries the header too.
    let id = new_id();
    let r = s
        .post_json(
            &payload(&id).to_string(),
            &[("Origin", "https://kiosk.example.org")],
        )
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://kiosk.example.org")
    );
    let r = s
        .post_json(
            &payload(&new_id()).to_string(),
            &[("Origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn no_cors_without_allowed_origins() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let r = s
        .request(
            "OPTIONS",
            "/api/feedback",
            &[
                ("Origin", "https://kiosk.example.org"),
                ("Access-Control-Request-Method", "POST"),
            ],
            Body::empty(),
        )
        .await;
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn export_needs_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let id = new_id();
    let mut p = payload(&id);
    p["complaint"]["text"] = json!("Long wait, \"really\"\nlong");
    assert_eq!(s.post_json(&p.to_string(), &[]).await.status, 201);
    for path in ["/api/feedback.json", "/api/feedback.csv"] {
        let r = s.get(path, &[]).await;
        assert_eq!(r.status, 401, "{path}");
        assert_eq!(r.header("www-authenticate"), Some("Bearer"), "{path}");
        assert!(r.json()["error"].as_str().unwrap().contains("Bearer"));
        assert_eq!(
            s.get(path, &[("Authorization", "Bearer wrong")])
                .await
                .status,
            401,
            "{path}"
        );
        assert_eq!(
            s.get(path, &[("Authorization", TOKEN)]).await.status,
            401,
            "{path}"
        );
    }
    let auth = format!("Bearer {TOKEN}");
    let csv = s
        .get("/api/feedback.csv", &[("Authorization", &auth)])
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let text = csv.text();
    assert!(text.starts_with(
        "\u{feff}id,received_at,created_at,venue,place,mode,language,praise,praise_declined,praise_staff_named,complaint,ratings,email,names_mentioned,heated,edited_after_guidance\r\n"
    ));
    assert!(text.contains(&id));
    assert!(text.contains("\"Long wait, \"\"really\"\"\nlong\""));
    assert!(text.contains("\"{\"\"service\"\":4,\"\"waiting\"\":2}\""));

    // Without a configured token the exports do not exist.
    let dir2 = tempfile::tempdir().unwrap();
    let plain = App::new(&dir2.path().join("f.sqlite"), AppOptions::default());
    for path in ["/api/feedback.json", "/api/feedback.csv"] {
        let r = plain.get(path, &[("Authorization", &auth)]).await;
        assert_eq!(r.status, 404);
        assert_eq!(r.json(), json!({ "error": "no such API route" }));
    }
}

#[tokio::test]
async fn health() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let r = s.get("/api/health", &[]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "ok");
    let r = s.get("/api/nothing", &[]).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json(), json!({ "error": "no such API route" }));
}

#[tokio::test]
async fn serves_the_app_with_headers() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    std::fs::create_dir_all(&app).unwrap();
    std::fs::write(
        app.join("index.html"),
        "<!DOCTYPE html><title>evenhand</title>",
    )
    .unwrap();
    std::fs::write(app.join("config.json"), "{}").unwrap();
    std::fs::write(app.join("sw.js"), "// sw").unwrap();
    std::fs::write(app.join("evenhand-0123456789abcdef.js"), "// app").unwrap();
    std::fs::write(app.join("icon.svg"), "<svg/>").unwrap();
    std::fs::write(
        app.join("_headers"),
        "/*\n  Content-Security-Policy: default-src 'self'\n",
    )
    .unwrap();
    let s = App::serving(dir.path(), app);
    let index = s.get("/", &[]).await;
    assert_eq!(index.status, 200);
    assert!(index.text().contains("<title>evenhand</title>"));
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert_eq!(index.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(index.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(
        index.header("content-security-policy"),
        Some("default-src 'self'")
    );
    for path in ["/index.html", "/config.json", "/sw.js"] {
        let r = s.get(path, &[]).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
    }
    let hashed = s.get("/evenhand-0123456789abcdef.js", &[]).await;
    assert_eq!(hashed.status, 200);
    assert!(hashed
        .header("cache-control")
        .unwrap()
        .contains("immutable"));
    assert!(hashed
        .header("content-type")
        .unwrap()
        .contains("javascript"));
    assert_eq!(s.get("/icon.svg", &[]).await.status, 200);
    assert_eq!(s.get("/missing.js", &[]).await.status, 404);
    assert_eq!(s.get("/_headers", &[]).await.status, 404);
    assert_eq!(s.get("/../Cargo.toml", &[]).await.status, 404);
    assert_eq!(
        s.get("/api/health", &[])
            .await
            .header("content-security-policy"),
        None
    );
}

#[tokio::test]
async fn the_inbox_page_is_served_at_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    std::fs::create_dir_all(&app).unwrap();
    std::fs::write(app.join("index.html"), "<title>kiosk</title>").unwrap();
    std::fs::write(app.join("inbox.html"), "<title>Inbox</title>").unwrap();
    let s = App::serving(dir.path(), app);
    for path in ["/inbox/", "/inbox", "/inbox/?lang=fr", "/inbox.html"] {
        let r = s.get(path, &[]).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.text(), "<title>Inbox</title>", "{path}");
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
        assert!(r.header("content-type").unwrap().contains("text/html"));
        assert!(r.header("content-security-policy").is_some(), "{path}");
    }
    // Only the page itself: nothing else of the folder lives under /inbox/.
    assert_eq!(s.get("/inbox/index.html", &[]).await.status, 404);
    assert_eq!(s.get("/inboxes", &[]).await.status, 404);
    assert_eq!(s.get("/", &[]).await.text(), "<title>kiosk</title>");
}

/// An app folder with the files a build has, a hidden file, a `.git` folder and the
/// `_headers` rules; the app on it.
fn app_with_secrets(dir: &Path, headers_file: bool) -> (App, PathBuf) {
    let app = dir.join("app");
    std::fs::create_dir_all(app.join(".git")).unwrap();
    std::fs::create_dir_all(app.join("sub")).unwrap();
    std::fs::write(
        app.join("index.html"),
        "<!DOCTYPE html><title>evenhand</title>",
    )
    .unwrap();
    std::fs::write(app.join(".env"), "SECRET=env").unwrap();
    std::fs::write(app.join(".git/config"), "[core] secret").unwrap();
    std::fs::write(app.join("sub/.hidden"), "secret").unwrap();
    if headers_file {
        std::fs::write(
            app.join("_headers"),
            "/*\n  Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\n",
        )
        .unwrap();
    }
    let s = App::serving(dir, app.clone());
    (s, app)
}

#[tokio::test]
async fn hidden_files_and_headers_are_not_served_in_any_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = app_with_secrets(dir.path(), true);
    for path in [
        "/.env",
        "/%2eenv",
        "/%2Eenv",
        "/.git/config",
        "/%2egit%2fconfig",
        "/%2egit/config",
        "/.git%2Fconfig",
        "/_headers",
        "/%5fheaders",
        "/%5Fheaders",
        "/_%68eaders",
        "/sub/.hidden",
        "/sub/%2ehidden",
        "/sub%2f%2ehidden",
        "/sub%5c.hidden",
        "/sub%5Cindex.html",
        "/%2e%2e/f.sqlite",
        "/sub/%2e%2e/%2eenv",
    ] {
        let r = s.get(path, &[]).await;
        assert_eq!(r.status, 404, "{path}: {}", r.text());
        assert!(
            !r.text().contains("secret") && !r.text().contains("SECRET"),
            "{path}"
        );
    }
    // An encoded ordinary name is still the file.
    let r = s.get("/%69ndex.html", &[]).await;
    assert_eq!(r.status, 200);
    assert!(r.text().contains("<title>evenhand</title>"));
}

#[cfg(unix)]
#[tokio::test]
async fn symlinks_out_of_the_app_folder_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let (s, app) = app_with_secrets(dir.path(), false);
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "outside secret").unwrap();
    std::fs::write(outside.join("index.html"), "outside secret index").unwrap();
    symlink(outside.join("secret.txt"), app.join("leak.txt")).unwrap();
    symlink(&outside, app.join("linked")).unwrap();
    symlink("/etc/hostname", app.join("hostname")).unwrap();
    // A gzip twin that leads out of the folder is not served in place of the file.
    std::fs::write(app.join("app-0123456789abcdef.js"), "// app").unwrap();
    symlink(
        outside.join("secret.txt"),
        app.join("app-0123456789abcdef.js.gz"),
    )
    .unwrap();
    // Nor a brotli twin.
    std::fs::write(app.join("lib-0123456789abcdef.js"), "// lib").unwrap();
    symlink(
        outside.join("secret.txt"),
        app.join("lib-0123456789abcdef.js.br"),
    )
    .unwrap();
    // A link that stays inside is fine.
    symlink(app.join("index.html"), app.join("home.html")).unwrap();
    for path in [
        "/leak.txt",
        "/linked/secret.txt",
        "/linked/",
        "/linked",
        "/hostname",
        "/app-0123456789abcdef.js",
        "/lib-0123456789abcdef.js",
    ] {
        let r = s.get(path, &[("Accept-Encoding", "gzip, br")]).await;
        assert_eq!(r.status, 404, "{path}: {}", r.text());
        assert!(!r.text().contains("secret"), "{path}");
    }
    let r = s.get("/home.html", &[]).await;
    assert_eq!(r.status, 200);
    assert!(r.text().contains("<title>evenhand</title>"));
}

#[tokio::test]
async fn gzip_twins_vary_and_misses_are_not_cached_for_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    std::fs::create_dir_all(&app).unwrap();
    let hashed = "evenhand-0123456789abcdef.js";
    std::fs::write(app.join(hashed), "// the app, uncompressed").unwrap();
    std::fs::write(app.join(format!("{hashed}.gz")), b"\x1f\x8b fake gzip").unwrap();
    std::fs::write(app.join(format!("{hashed}.br")), b"fake brotli").unwrap();
    let s = App::serving(dir.path(), app);
    let path = format!("/{hashed}");
    let gz = s.get(&path, &[("Accept-Encoding", "gzip, deflate")]).await;
    assert_eq!(gz.status, 200);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert!(gz.text().ends_with("fake gzip"));
    assert_eq!(gz.header("vary"), Some("accept-encoding"));
    assert!(gz.header("cache-control").unwrap().contains("immutable"));
    // A browser that accepts brotli (as Chromium sends it) gets the brotli twin.
    let br = s
        .get(&path, &[("Accept-Encoding", "gzip, deflate, br, zstd")])
        .await;
    assert_eq!(br.status, 200);
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.text(), "fake brotli");
    assert_eq!(br.header("vary"), Some("accept-encoding"));
    assert!(br.header("cache-control").unwrap().contains("immutable"));
    let plain = s.get(&path, &[]).await;
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.header("vary"), Some("accept-encoding"));
    let part = s.get(&path, &[("Range", "bytes=0-3")]).await;
    assert_eq!(part.status, 206);
    assert!(part.header("cache-control").unwrap().contains("immutable"));

    // A hashed name that is not there yet (a deploy on its way), or a range past its
    // end: never kept for a year.
    let missing = s.get("/evenhand-fedcba9876543210.js", &[]).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("cache-control"), Some("no-cache"));
    let past = s.get(&path, &[("Range", "bytes=9999-")]).await;
    assert_eq!(past.status, 416);
    assert_eq!(past.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn never_framed_even_without_headers_file() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = app_with_secrets(dir.path(), false);
    let index = s.get("/", &[]).await;
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("content-security-policy"),
        Some("frame-ancestors 'none'")
    );
    assert_eq!(index.header("x-frame-options"), Some("DENY"));
    assert_eq!(
        s.get("/api/health", &[]).await.header("x-frame-options"),
        Some("DENY")
    );
    // With `_headers`, its CSP is the one sent.
    let dir2 = tempfile::tempdir().unwrap();
    let (s2, _) = app_with_secrets(dir2.path(), true);
    let index = s2.get("/", &[]).await;
    assert_eq!(
        index.header("content-security-policy"),
        Some("default-src 'self'; frame-ancestors 'none'")
    );
    assert_eq!(index.header("x-frame-options"), Some("DENY"));
}

#[tokio::test]
async fn a_browser_post_from_another_site_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::new(
        &dir.path().join("f.sqlite"),
        AppOptions {
            app: dir.path().join("app"),
            allow_origins: vec!["https://kiosk.example.org".into()],
            export_token: Some(TOKEN.into()),
            ..AppOptions::default()
        },
    );
    let form = |id: &str, headers: Vec<(&'static str, &'static str)>| {
        let mut v = payload(id);
        v["praise"]["text"] = json!("forged");
        let item = evenhand_core::queue::new_item(v, id, 0.0);
        let req =
            evenhand_core::queue::request_body(&item, evenhand_core::config::Format::Form).unwrap();
        let mut h = vec![
            ("Content-Type", req.content_type),
            ("Host", "rx.example.org"),
        ];
        h.extend(headers);
        let s = s.clone();
        async move {
            s.request("POST", "/api/feedback", &h, Body::from(req.body))
                .await
        }
    };
    // A form on another site posting through a guest's browser: no preflight, so only
    // the receiver can say no.
    let evil = new_id();
    let r = form(&evil, vec![("Origin", "https://evil.example")]).await;
    assert_eq!(r.status, 403, "{}", r.text());
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("https://evil.example"));
    let r = form(
        &new_id(),
        vec![("Origin", "null"), ("Sec-Fetch-Site", "cross-site")],
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.text());
    let r = s
        .post_json(
            &payload(&new_id()).to_string(),
            &[("Origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
    assert!(s.export().await.is_empty());

    // Its own app, an allowed kiosk, and scripts without `Origin` are accepted.
    let own = new_id();
    let r = form(&own, vec![("Origin", "https://rx.example.org")]).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let same = new_id();
    let r = form(
        &same,
        vec![("Origin", "null"), ("Sec-Fetch-Site", "same-origin")],
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let kiosk = new_id();
    let r = form(&kiosk, vec![("Origin", "https://kiosk.example.org")]).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let script = new_id();
    let r = form(&script, vec![]).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(
        stored_ids(&s.export().await),
        vec![own, same, kiosk, script]
    );
}

#[tokio::test]
async fn the_csv_export_drops_hidden_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    let id = new_id();
    let mut p = payload(&id);
    p["praise"]["text"] = json!("Merci\u{0}\u{1b}[2J beaucoup");
    p["complaint"]["text"] = json!("\u{202e}=cmd|' /C calc'!A0 \u{2067}gpj.exe\u{2069}");
    assert_eq!(s.post_json(&p.to_string(), &[]).await.status, 201);
    let auth = format!("Bearer {TOKEN}");
    let csv = s
        .get("/api/feedback.csv", &[("Authorization", &auth)])
        .await;
    assert_eq!(csv.status, 200);
    let text = csv.text();
    let row = text.lines().nth(1).unwrap();
    assert!(row.contains(",Merci[2J beaucoup,"), "{row:?}");
    assert!(row.contains(",'=cmd|' /C calc'!A0 gpj.exe,"), "{row:?}");
    assert!(!text.contains(['\u{0}', '\u{1b}', '\u{202e}', '\u{2067}']));
    // The JSON export keeps the exact words.
    assert_eq!(s.export().await[0]["payload"], p);
}

#[tokio::test]
async fn a_large_export_is_streamed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let s = App::with_defaults(dir.path());
    // Written straight to the database (a second connection, as WAL allows): the
    // export is what is under test, not 3,000 posts.
    let store = s.second_store();
    let ids: Vec<String> = (0..3000).map(|_| new_id()).collect();
    for (i, id) in ids.iter().enumerate() {
        let mut p = payload(id);
        p["praise"]["text"] = json!(format!("Row {i}, \"quoted\", é"));
        let json = p.to_string();
        store
            .insert(&evenhand_receiver::store::Row {
                id,
                received_at: "2026-11-24T19:30:06.000Z",
                venue: "bistro-lyon-1",
                place: None,
                language: "fr",
                payload: &json,
            })
            .unwrap();
    }
    let all = s.export().await;
    assert_eq!(stored_ids(&all), ids);
    assert_eq!(
        all[2999]["payload"]["praise"]["text"],
        "Row 2999, \"quoted\", é"
    );

    let auth = format!("Bearer {TOKEN}");
    let csv = s
        .get("/api/feedback.csv", &[("Authorization", &auth)])
        .await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-length"), None, "streamed, not buffered");
    let text = csv.text();
    let lines: Vec<&str> = text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    assert_eq!(lines.len(), 3001);
    for (i, (line, id)) in lines[1..].iter().zip(&ids).enumerate() {
        assert!(line.starts_with(&format!("{id},")), "{line}");
        assert!(
            line.contains(&format!(",\"Row {i}, \"\"quoted\"\", é\",")),
            "{line}"
        );
    }
}

#[tokio::test]
async fn a_short_export_token_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::db::open(&dir.path().join("f.sqlite"));
    let e = AppState::new(
        store,
        &AppOptions {
            export_token: Some("e2e-token".into()),
            ..AppOptions::default()
        },
    )
    .err()
    .unwrap();
    assert!(e.contains("at least 32 characters"), "{e}");
}
