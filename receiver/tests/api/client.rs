//! The app called in-process: `router()` on a temporary database, one `oneshot` per
//! request, answers read into the same `Resp` the process tests use.
#![allow(dead_code)] // Each test file uses its own part.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::body::{Body, HttpBody};
use axum::http::Request;
use axum::Router;
use evenhand_receiver::state::Clock;
use evenhand_receiver::store::Database;
use evenhand_receiver::{router, AppOptions, AppState, Store};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::common::{Resp, TOKEN};

#[derive(Clone)]
pub struct App {
    pub router: Router,
    /// The database it was opened on, when the test did not open the store itself.
    pub db: Option<Database>,
}

impl App {
    /// The app on `db` (or a fresh Postgres database: `common::db`) with these
    /// options.
    pub fn new(db: &Path, options: AppOptions) -> App {
        let db = crate::common::db::database(db);
        let store = Store::open_at(&db).expect("open the test database");
        let state = AppState::new(store, &options).expect("valid test options");
        App {
            router: router(state),
            db: Some(db),
        }
    }

    /// A second store on the app's database (as a second receiver would have).
    pub fn second_store(&self) -> Store {
        let db = self.db.as_ref().expect("an app opened by App::new");
        Store::open_at(db).expect("open the test database again")
    }

    /// The app on `store` with these options, its clock starting at `now_ms` and
    /// moved by the test through the returned number.
    pub fn with_clock(store: Store, options: &AppOptions, now_ms: i64) -> (App, Arc<AtomicI64>) {
        let mut state = AppState::new(store, options).expect("valid test options");
        let now = Arc::new(AtomicI64::new(now_ms));
        let clock = now.clone();
        state.clock = Clock(Arc::new(move || clock.load(Ordering::SeqCst)));
        (
            App {
                router: router(state),
                db: None,
            },
            now,
        )
    }

    /// Serving the app folder `app`, with a database in `dir` and no export token.
    pub fn serving(dir: &Path, app: PathBuf) -> App {
        App::new(
            &dir.join("f.sqlite"),
            AppOptions {
                app,
                ..AppOptions::default()
            },
        )
    }

    /// With an (empty) app folder and the export token, like `serve` in production.
    pub fn with_defaults(dir: &Path) -> App {
        let app = dir.join("app");
        std::fs::create_dir_all(&app).unwrap();
        App::new(
            &dir.join("feedback.sqlite"),
            AppOptions {
                app,
                export_token: Some(TOKEN.into()),
                ..AppOptions::default()
            },
        )
    }

    /// One request; a body other than a stream gets its `Content-Length`, as a client
    /// would send it.
    pub async fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Body,
    ) -> Resp {
        let mut req = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        if let Some(len) = HttpBody::size_hint(&body).exact() {
            if method == "POST" || len > 0 {
                req = req.header("content-length", len);
            }
        }
        self.send(req.body(body).unwrap()).await
    }

    /// One request as built, extensions and all (a client address: `ConnectInfo`).
    pub async fn send(&self, req: Request<Body>) -> Resp {
        let resp = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("the router never fails");
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let body = resp
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }

    pub async fn post_json(&self, body: &str, headers: &[(&str, &str)]) -> Resp {
        let mut h = vec![("Content-Type", "application/json")];
        h.extend_from_slice(headers);
        self.request("POST", "/api/feedback", &h, Body::from(body.to_string()))
            .await
    }

    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        self.request("GET", path, headers, Body::empty()).await
    }

    /// A signed-in inbox request (`cookie` from [`App::sign_in`]), with `body` as JSON
    /// when there is one.
    pub async fn as_manager(
        &self,
        cookie: &str,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> Resp {
        let mut headers = vec![("Cookie", cookie)];
        let body = match body {
            Some(b) => {
                headers.push(("Content-Type", "application/json"));
                Body::from(b.to_string())
            }
            None => Body::empty(),
        };
        self.request(method, path, &headers, body).await
    }

    /// A sign-in to the inbox, whatever the answer.
    pub async fn try_sign_in(&self, email: &str, password: &str) -> Resp {
        let body = serde_json::json!({ "email": email, "password": password }).to_string();
        self.request(
            "POST",
            "/api/inbox/session",
            &[("Content-Type", "application/json")],
            Body::from(body),
        )
        .await
    }

    /// Signs in to the inbox (204 expected) and returns the `Cookie` header value.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let r = self.try_sign_in(email, password).await;
        assert_eq!(r.status, 204, "{}", r.text());
        r.header("set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string()
    }

    /// Every stored submission, through the JSON export.
    pub async fn export(&self) -> Vec<serde_json::Value> {
        let auth = format!("Bearer {TOKEN}");
        let r = self
            .get("/api/feedback.json", &[("Authorization", &auth)])
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        serde_json::from_slice(&r.body).unwrap()
    }
}
