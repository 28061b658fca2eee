//! The HTTP side: routes, CORS, static app, headers, graceful shutdown.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::json;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::export;
use crate::headers_file::HeaderRules;
use crate::store::{Inserted, Row, Store};
use crate::validate::{self, BodyError, MAX_BODY_BYTES};

/// Everything `serve` needs.
#[derive(Debug, Clone)]
pub struct Options {
    pub addr: String,
    pub db: PathBuf,
    pub app: PathBuf,
    pub allow_origins: Vec<String>,
    pub export_token: Option<String>,
}

struct AppState {
    store: Arc<Store>,
    export_token: Option<String>,
}

struct StaticState {
    rules: HeaderRules,
}

type Shared = Arc<AppState>;

/// Opens the store, binds, prints the ready line and serves until SIGTERM / ctrl-c.
pub async fn serve(opts: Options) -> Result<(), String> {
    if let Some(parent) = opts.db.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create the folder {}: {e}", parent.display()))?;
    }
    let store = Store::open(&opts.db)
        .map_err(|e| format!("cannot open the database {}: {e}", opts.db.display()))?;
    if !opts.app.is_dir() {
        eprintln!(
            "warning: the app folder {} does not exist; only the API is served",
            opts.app.display()
        );
    }
    let app = router(&opts, Arc::new(store))?;
    let listener = tokio::net::TcpListener::bind(&opts.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", opts.addr))?;
    let bound: SocketAddr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    println!(
        "evenhand receiver listening on http://{bound} (app: {}, db: {})",
        opts.app.display(),
        opts.db.display()
    );
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    eprintln!("evenhand receiver stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Builds the whole app.
fn router(opts: &Options, store: Arc<Store>) -> Result<Router, String> {
    let state = Arc::new(AppState {
        store,
        export_token: opts.export_token.clone().filter(|t| !t.is_empty()),
    });

    let mut feedback = Router::new().route("/api/feedback", post(post_feedback));
    if !opts.allow_origins.is_empty() {
        let origins = opts
            .allow_origins
            .iter()
            .map(|o| {
                check_origin(o)?;
                HeaderValue::from_str(o).map_err(|_| format!("bad --allow-origin {o:?}"))
            })
            .collect::<Result<Vec<_>, String>>()?;
        feedback = feedback.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::POST])
                .allow_headers([
                    header::CONTENT_TYPE,
                    HeaderName::from_static("idempotency-key"),
                ])
                .expose_headers([header::RETRY_AFTER])
                .max_age(Duration::from_secs(600)),
        );
    }

    let api = Router::new()
        .route("/api/health", get(|| async { "ok" }))
        .route("/api/feedback.json", get(export_json))
        .route("/api/feedback.csv", get(export_csv))
        .route("/api", get(api_not_found))
        .route("/api/{*rest}", get(api_not_found).post(api_not_found))
        .merge(feedback)
        .with_state(state);

    let static_state = Arc::new(StaticState {
        rules: HeaderRules::load(&opts.app.join("_headers")),
    });
    let files = Router::new()
        // Hashed build files come with a `.gz` twin (scripts/build.sh): served to browsers
        // that accept gzip, so a phone on a slow link downloads a third of the bytes.
        .fallback_service(
            ServeDir::new(&opts.app)
                .append_index_html_on_directories(true)
                .precompressed_gzip(),
        )
        .layer(middleware::from_fn_with_state(static_state, static_headers));

    Ok(api
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        )))
}

/// An origin is `scheme://host[:port]`, nothing more.
fn check_origin(o: &str) -> Result<(), String> {
    let rest = o
        .strip_prefix("https://")
        .or_else(|| o.strip_prefix("http://"))
        .ok_or_else(|| format!("--allow-origin {o:?} must start with https:// or http://"))?;
    if rest.is_empty() || rest.contains(['/', '?', '#', ' ']) {
        return Err(format!(
            "--allow-origin {o:?} must be an origin such as https://kiosk.example.org (no path, no trailing slash)"
        ));
    }
    Ok(())
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, axum::Json(json!({ "error": message.into() }))).into_response()
}

async fn api_not_found() -> Response {
    error(StatusCode::NOT_FOUND, "no such API route")
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

enum Kind {
    Json,
    Form,
}

fn content_kind(headers: &HeaderMap) -> Option<Kind> {
    let ct = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let media = ct.split(';').next()?.trim().to_ascii_lowercase();
    match media.as_str() {
        "application/json" => Some(Kind::Json),
        "application/x-www-form-urlencoded" => Some(Kind::Form),
        _ => None,
    }
}

/// A refused body up to this size is still read to its end, so the client sees the 413
/// rather than a connection closed in the middle of its upload.
const DRAIN_MAX_BYTES: u64 = 1024 * 1024;
/// A body that takes longer than this to arrive is answered 408.
const BODY_TIMEOUT: Duration = Duration::from_secs(30);

enum BodyFault {
    TooLarge,
    Broken,
}

async fn read_body(headers: &HeaderMap, body: Body) -> Result<Bytes, Response> {
    let too_large = || {
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is larger than {} KiB", MAX_BODY_BYTES / 1024),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_MAX_BYTES) {
        return Err(too_large());
    }
    let mut body = body;
    let mut buf = Vec::new();
    let read = async {
        let mut total: u64 = 0;
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|_| BodyFault::Broken)?;
            if let Ok(data) = frame.into_data() {
                total += data.len() as u64;
                if total > DRAIN_MAX_BYTES {
                    return Err(BodyFault::TooLarge);
                }
                if total <= MAX_BODY_BYTES as u64 {
                    buf.extend_from_slice(&data);
                }
            }
        }
        if total > MAX_BODY_BYTES as u64 {
            Err(BodyFault::TooLarge)
        } else {
            Ok(())
        }
    };
    match tokio::time::timeout(BODY_TIMEOUT, read).await {
        Ok(Ok(())) => Ok(Bytes::from(buf)),
        Ok(Err(BodyFault::TooLarge)) => Err(too_large()),
        Ok(Err(BodyFault::Broken)) => {
            Err(error(StatusCode::BAD_REQUEST, "the body could not be read"))
        }
        Err(_) => Err(error(
            StatusCode::REQUEST_TIMEOUT,
            "the body took too long to arrive",
        )),
    }
}

async fn post_feedback(State(state): State<Shared>, headers: HeaderMap, body: Body) -> Response {
    let Some(kind) = content_kind(&headers) else {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "`Content-Type` must be application/json or application/x-www-form-urlencoded",
        );
    };
    let bytes = match read_body(&headers, body).await {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let parsed = match kind {
        Kind::Json => validate::from_json(&bytes),
        Kind::Form => validate::from_form(&bytes),
    };
    let payload = match parsed.and_then(|p| validate::validate(&p).map(|()| p)) {
        Ok(p) => p,
        Err(BodyError::Malformed(m)) => return error(StatusCode::BAD_REQUEST, m),
        Err(BodyError::Invalid(m)) => return error(StatusCode::UNPROCESSABLE_ENTITY, m),
    };
    if let Some(key) = headers.get("idempotency-key") {
        let matches = key
            .to_str()
            .is_ok_and(|k| k.trim().eq_ignore_ascii_case(&payload.id));
        if !matches {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "the `Idempotency-Key` header must equal the payload's `id`",
            );
        }
    }
    let json = match serde_json::to_string(&payload) {
        Ok(j) => j,
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    };
    let store = state.store.clone();
    let received_at = evenhand_core::time::rfc3339_millis(now_ms());
    let id = payload.id.clone();
    let result = tokio::task::spawn_blocking(move || {
        store.insert(&Row {
            id: &payload.id,
            received_at: &received_at,
            venue: &payload.venue,
            place: payload.place.as_deref(),
            language: payload.language.code(),
            payload: &json,
        })
    })
    .await;
    match result {
        Ok(Ok(Inserted::New)) => (
            StatusCode::CREATED,
            axum::Json(json!({ "id": id, "status": "stored" })),
        )
            .into_response(),
        Ok(Ok(Inserted::Duplicate)) => (
            StatusCode::OK,
            axum::Json(json!({ "id": id, "status": "duplicate" })),
        )
            .into_response(),
        Ok(Err(e)) => {
            eprintln!("error: could not store {id}: {e}");
            let mut resp = error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the submission could not be stored just now; try again later",
            );
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("10"));
            resp
        }
        Err(e) => {
            eprintln!("error: storing {id} failed: {e}");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the submission could not be stored",
            )
        }
    }
}

/// `None` when allowed; otherwise the answer to give.
fn check_token(state: &AppState, headers: &HeaderMap) -> Option<Response> {
    let Some(token) = &state.export_token else {
        return Some(error(StatusCode::NOT_FOUND, "no such API route"));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes())) {
        return None;
    }
    let mut resp = error(
        StatusCode::UNAUTHORIZED,
        "the export needs `Authorization: Bearer <export token>`",
    );
    resp.headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    Some(resp)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn load_all(state: &AppState) -> Result<Vec<crate::store::Stored>, Response> {
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || store.all()).await {
        Ok(Ok(rows)) => Ok(rows),
        Ok(Err(e)) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot read the database: {e}"),
        )),
        Err(e) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    }
}

async fn export_json(State(state): State<Shared>, headers: HeaderMap) -> Response {
    if let Some(denied) = check_token(&state, &headers) {
        return denied;
    }
    match load_all(&state).await {
        Ok(rows) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            export::to_json(&rows),
        )
            .into_response(),
        Err(resp) => resp,
    }
}

async fn export_csv(State(state): State<Shared>, headers: HeaderMap) -> Response {
    if let Some(denied) = check_token(&state, &headers) {
        return denied;
    }
    match load_all(&state).await {
        Ok(rows) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"feedback.csv\"",
                ),
            ],
            export::to_csv(&rows),
        )
            .into_response(),
        Err(resp) => resp,
    }
}

/// Files that are never served: the `_headers` rules and hidden files.
fn is_hidden(path: &str) -> bool {
    path.split('/')
        .any(|seg| seg.starts_with('.') || seg == "_headers")
}

/// `name-0123456789abcdef.js`, `name-…_bg.wasm`: Trunk's content-hashed file names.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    name.match_indices('-').any(|(i, _)| {
        let rest = &name[i + 1..];
        rest.len() > 16
            && rest.as_bytes()[..16].iter().all(u8::is_ascii_hexdigit)
            && matches!(rest.as_bytes()[16], b'.' | b'_')
    })
}

fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or("");
    if name.is_empty() || matches!(name, "index.html" | "config.json" | "sw.js") {
        "no-cache"
    } else if is_hashed(path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

async fn static_headers(State(st): State<Arc<StaticState>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if is_hidden(&path) {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let mut resp = next.run(req).await;
    let headers = resp.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(&path)),
    );
    // `/` is answered with index.html: its rules apply too.
    let rule_path = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    for (name, value) in st.rules.matching(&path).chain(
        (rule_path != path)
            .then(|| st.rules.matching(&rule_path))
            .into_iter()
            .flatten(),
    ) {
        headers.insert(name.clone(), value.clone());
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert!(is_hashed("/evenhand-4cf931f3c09196f4.js"));
        assert!(is_hashed("/evenhand-4cf931f3c09196f4_bg.wasm"));
        assert!(is_hashed("/main-ce4e490641e0357f.css"));
        assert!(!is_hashed("/icon.svg"));
        assert!(!is_hashed("/jean-marc.png"));
        assert_eq!(cache_control("/"), "no-cache");
        assert_eq!(cache_control("/sw.js"), "no-cache");
        assert_eq!(cache_control("/icon.svg"), "no-cache");
    }

    #[test]
    fn hidden_files() {
        assert!(is_hidden("/_headers"));
        assert!(is_hidden("/.git/config"));
        assert!(!is_hidden("/index.html"));
    }

    #[test]
    fn origins() {
        assert!(check_origin("https://kiosk.example.org").is_ok());
        assert!(check_origin("http://localhost:8080").is_ok());
        assert!(check_origin("https://kiosk.example.org/").is_err());
        assert!(check_origin("kiosk.example.org").is_err());
    }
}
