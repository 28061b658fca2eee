//! Times the praise view, the overview and the team page at the server, in-process,
//! over a database of ROWS submissions (default 100,000) spread over a year: p50 and
//! p95 of RUNS requests each (default 30). Run by `bench/praise`.

use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use evenhand_core::time::rfc3339_millis;
use evenhand_receiver::store::Scope;
use evenhand_receiver::{password, router, AppOptions, AppState, Store};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

const NAMES: [&str; 6] = ["Amy", "Jean-Marc", "Léa", "Karim", "Sofia", "Tom"];

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A cheap, repeatable pseudo-random sequence (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn fill(path: &std::path::Path, rows: usize, now: i64) -> rusqlite::Result<()> {
    let mut conn = rusqlite::Connection::open(path)?;
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO submissions (id, received_at, venue, place, language, payload)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let year_ms = 365 * 86_400_000_i64;
        for i in 0..rows {
            let at = rfc3339_millis(now - (rng.below(year_ms as u64) as i64));
            let id = format!("00000000-0000-4000-8000-{i:012}");
            let declined = rng.below(100) < 6;
            let named: Vec<&str> = if !declined && rng.below(100) < 35 {
                vec![NAMES[rng.below(6) as usize]]
            } else {
                vec![]
            };
            let praise = if declined {
                String::new()
            } else if rng.below(100) < 85 {
                format!(
                    "Service rapide et souriant, un très bon moment, merci {}.",
                    named.first().unwrap_or(&"à toute l'équipe")
                )
            } else {
                String::new()
            };
            let complaint = (rng.below(100) < 35)
                .then(|| json!({ "text": "Vingt minutes d'attente pour l'addition, et la musique un peu forte." }));
            let payload = json!({
                "schema": "evenhand.feedback/1",
                "id": id,
                "created_at": at,
                "venue": "bench-bistro",
                "place": format!("table-{}", rng.below(40)),
                "mode": "kiosk",
                "language": if rng.below(2) == 0 { "fr" } else { "en" },
                "praise": { "text": praise, "declined": declined, "staff_named": named },
                "complaint": complaint,
                "ratings": { "service": 1 + rng.below(5), "food": 1 + rng.below(5) },
                "contact": null,
                "guidance": { "names_mentioned": [], "heated": false, "edited_after_guidance": false },
                "verified": false
            });
            insert.execute(rusqlite::params![
                id,
                at,
                "bench-bistro",
                "table-1",
                "fr",
                payload.to_string()
            ])?;
        }
    }
    tx.commit()
}

/// Signs in; the session's `Cookie` header value.
async fn sign_in(
    app: &axum::Router,
    email: &str,
    pass: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let req = Request::post("/api/inbox/session")
        .header("content-type", "application/json")
        .body(Body::from(
            json!({ "email": email, "password": pass }).to_string(),
        ))?;
    let resp = app.clone().oneshot(req).await?;
    Ok(resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .ok_or("no session cookie")?
        .to_string())
}

async fn call(app: &axum::Router, path: &str, cookie: &str) -> (u16, usize) {
    let req = Request::get(path)
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap_or_default();
    let resp = app
        .clone()
        .oneshot(req)
        .await
        .expect("the router never fails");
    let status = resp.status().as_u16();
    let bytes = resp.into_body().collect().await.map(|b| b.to_bytes().len());
    (status, bytes.unwrap_or(0))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows = env_number("ROWS", 100_000);
    let runs = env_number("RUNS", 30);
    let dir = tempfile::tempdir()?;
    // DB=PATH keeps the database there (filled once) to look at it afterwards.
    let db = std::env::var_os("DB").map_or_else(|| dir.path().join("bench.sqlite"), Into::into);
    let now = evenhand_receiver::store::now_ms();
    let fresh = !db.exists();
    drop(Store::open(&db)?);
    if fresh {
        let started = Instant::now();
        fill(&db, rows, now)?;
        eprintln!(
            "filled {rows} submissions in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }

    let store = Store::open(&db)?;
    let pass = "bench password, long enough";
    let hash = password::hash(pass)?;
    // Every venue, and an account limited to the (only) venue: the same rows, read
    // through the venue's condition (SPEC §12).
    store.add_manager("bench@example.org", &hash, &Scope::Every, now)?;
    store.add_manager(
        "limited@example.org",
        &hash,
        &Scope::venues(["bench-bistro"]),
        now,
    )?;
    let app = router(AppState::new(store, &AppOptions::default())?);
    let cookie = sign_in(&app, "bench@example.org", pass).await?;
    let limited = sign_in(&app, "limited@example.org", pass).await?;
    let link = Request::post("/api/inbox/team-links")
        .header("cookie", &cookie)
        .body(Body::empty())?;
    let body = app
        .clone()
        .oneshot(link)
        .await?
        .into_body()
        .collect()
        .await?;
    let url: serde_json::Value = serde_json::from_slice(&body.to_bytes())?;
    let team = format!("/api{}", url["url"].as_str().ok_or("no team link")?);

    let day = |ms: i64| rfc3339_millis(ms)[..10].to_string();
    let month = format!("?from={}&to={}", day(now - 29 * 86_400_000), day(now));
    println!("{rows} submissions, {runs} requests each; ms at the server (in-process)");
    println!(
        "{:<62} {:>8} {:>8} {:>10}",
        "request", "p50", "p95", "bytes"
    );
    let paths = [
        "/api/inbox/praise".to_string(),
        format!("/api/inbox/praise{month}"),
        "/api/inbox/overview".to_string(),
        format!("/api/inbox/overview{month}"),
        team.clone(),
    ];
    let limited_paths = paths[..4].iter().map(|p| (p.clone(), &limited));
    for (path, cookie) in paths
        .iter()
        .map(|p| (p.clone(), &cookie))
        .chain(limited_paths)
    {
        let mut times = Vec::with_capacity(runs);
        let mut size = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let (status, bytes) = call(&app, &path, cookie).await;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(status, 200, "{path}");
            size = bytes;
        }
        times.sort_by(f64::total_cmp);
        let p =
            |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
        let shown = if path == team {
            "/api/team/<token>".to_string()
        } else if cookie == &limited {
            format!("{path} (one venue)")
        } else {
            path
        };
        println!("{shown:<62} {:>8.1} {:>8.1} {size:>10}", p(0.5), p(0.95));
    }
    Ok(())
}
