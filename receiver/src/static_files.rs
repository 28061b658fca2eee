//! The built app, served from its folder with cache headers and its `_headers` rules.
//!
//! What may be served is decided on the decoded path, as the file service reads it:
//! `/%2eenv` is `/.env`. Hidden files and `_headers` are never served, an encoded `/`
//! or `\` is refused outright, and a file (or its gzip or brotli twin, or a folder's
//! index.html) whose real path lies outside the app folder — through a symlink — is not
//! served.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use percent_encoding::percent_decode_str;
use tower_http::services::{ServeDir, ServeFile};

use crate::state::{AppState, StaticFiles};

/// Every path the API does not answer: a file of the app folder, or 404.
pub fn router(state: &AppState) -> Router {
    // Hashed build files come with `.gz` and `.br` twins (scripts/build.sh): served to
    // browsers that accept them, so a phone on a slow link downloads a third of the
    // bytes with gzip, and a sixth less again with brotli.
    Router::new()
        // The team page (SPEC §11): one file for every `/team/<token>`; the page reads
        // its token from its address and asks the API.
        .route_service(
            "/team/{token}",
            ServeFile::new(state.files.dir.join("team.html")),
        )
        .fallback_service(
            ServeDir::new(&state.files.dir)
                .append_index_html_on_directories(true)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(middleware::from_fn_with_state(
            state.files.clone(),
            static_headers,
        ))
        .layer(middleware::map_request(page_paths))
}

/// Pages served at a path of their own: the manager's inbox at `/inbox/` (SPEC §10) is
/// the build's `inbox.html`.
async fn page_paths(mut req: Request) -> Request {
    if matches!(req.uri().path(), "/inbox" | "/inbox/") {
        let query = req
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        if let Ok(uri) = format!("/inbox.html{query}").parse() {
            *req.uri_mut() = uri;
        }
    }
    req
}

/// The decoded request path, or `None` when it must not be served: an encoded `/` or
/// `\` (or a plain `\`), bytes that are not UTF-8 once decoded, or a segment that is
/// hidden (`.env`, `.git`, `..`) or the `_headers` rules.
fn servable_path(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || raw.contains('\\') {
        return None;
    }
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    let hidden = decoded
        .split('/')
        .any(|seg| seg.starts_with('.') || seg.eq_ignore_ascii_case("_headers"));
    (!hidden).then(|| decoded.into_owned())
}

/// Whether every file the file service could answer `path` with resolves inside
/// `root` (the canonical app folder): the file, its `.gz` and `.br` twins, and for a folder its
/// `index.html`. Missing files are fine (they are a 404).
fn stays_inside(root: &Path, path: &str) -> bool {
    let target = root.join(path.trim_start_matches('/'));
    let mut candidates = vec![target.clone()];
    if target.is_dir() {
        candidates.push(target.join("index.html"));
    }
    let twins: Vec<PathBuf> = candidates
        .iter()
        .flat_map(|c| {
            [".gz", ".br"].map(|ext| {
                let mut twin = c.as_os_str().to_owned();
                twin.push(ext);
                PathBuf::from(twin)
            })
        })
        .collect();
    candidates
        .iter()
        .chain(&twins)
        .all(|c| match c.canonicalize() {
            Ok(real) => real.starts_with(root),
            // Missing is a 404; a dangling or unreadable link is not served.
            Err(_) => c.symlink_metadata().is_err(),
        })
}

/// `name-0123456789abcdef.js`, `name-…_bg.wasm`: Trunk's content-hashed file names. The
/// hash is a 64-bit number in hex without leading zeros, so it can be shorter than 16
/// digits (one build in sixteen has 15); 12 digits or more count.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    name.match_indices('-').any(|(i, _)| {
        let rest = &name.as_bytes()[i + 1..];
        let digits = rest.iter().take_while(|b| b.is_ascii_hexdigit()).count();
        (12..=16).contains(&digits) && matches!(rest.get(digits), Some(b'.' | b'_'))
    })
}

/// Hashed files are cached for a year, but only a file that was found: a 404 or 416
/// kept by a CDN for a year would outlive the deploy that adds the file.
fn cache_control(path: &str, status: StatusCode) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or("");
    let found = matches!(
        status,
        StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED
    );
    if found && is_hashed(path) && !matches!(name, "index.html" | "config.json" | "sw.js") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

async fn static_headers(
    State(files): State<Arc<StaticFiles>>,
    req: Request,
    next: Next,
) -> Response {
    let Some(path) = servable_path(req.uri().path()) else {
        return not_found();
    };
    let Some(root) = files.root.clone() else {
        return not_found();
    };
    let checked = path.clone();
    let inside = tokio::task::spawn_blocking(move || stays_inside(&root, &checked))
        .await
        .unwrap_or(false);
    if !inside {
        return not_found();
    }
    let mut resp = next.run(req).await;
    let status = resp.status();
    let headers = resp.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(&path, status)),
    );
    // The answer depends on `Accept-Encoding` (a compressed twin or the file itself):
    // caches must keep one of each.
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    // `/` is answered with index.html: its rules apply too.
    let rule_path = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    for (name, value) in files.rules.matching(&path).chain(
        (rule_path != path)
            .then(|| files.rules.matching(&rule_path))
            .into_iter()
            .flatten(),
    ) {
        headers.insert(name.clone(), value.clone());
    }
    // Without a CSP from `_headers`, the app still may not be framed (clickjacking);
    // `X-Frame-Options` is set for every answer (lib.rs) for older browsers.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'"),
        );
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
        // A hash with a leading zero dropped, as Trunk writes it.
        assert!(is_hashed("/evenhand-2ce41908f580986_bg.wasm"));
        assert!(!is_hashed("/evenhand-2ce4_bg.wasm"));
        assert!(!is_hashed("/evenhand-4cf931f3c09196f4aa.js"));
        assert!(!is_hashed("/icon.svg"));
        assert!(!is_hashed("/jean-marc.png"));
        let ok = StatusCode::OK;
        assert_eq!(cache_control("/", ok), "no-cache");
        assert_eq!(cache_control("/sw.js", ok), "no-cache");
        assert_eq!(cache_control("/icon.svg", ok), "no-cache");
        let hashed = "/evenhand-4cf931f3c09196f4.js";
        assert!(cache_control(hashed, StatusCode::NOT_MODIFIED).contains("immutable"));
        assert!(cache_control(hashed, StatusCode::PARTIAL_CONTENT).contains("immutable"));
        assert_eq!(cache_control(hashed, StatusCode::NOT_FOUND), "no-cache");
        assert_eq!(
            cache_control(hashed, StatusCode::RANGE_NOT_SATISFIABLE),
            "no-cache"
        );
    }

    #[test]
    fn hidden_and_encoded_paths() {
        for refused in [
            "/_headers",
            "/%5fheaders",
            "/%5Fheaders",
            "/_HEADERS",
            "/.git/config",
            "/%2eenv",
            "/%2Egit%2fconfig",
            "/a%2fb",
            "/a%5cb",
            "/a\\b",
            "/sub/.hidden",
            "/%2e%2e/Cargo.toml",
            "/%ff",
        ] {
            assert_eq!(servable_path(refused), None, "{refused}");
        }
        assert_eq!(servable_path("/index.html").as_deref(), Some("/index.html"));
        assert_eq!(servable_path("/").as_deref(), Some("/"));
        assert_eq!(
            servable_path("/caf%C3%A9.png").as_deref(),
            Some("/café.png")
        );
    }
}
