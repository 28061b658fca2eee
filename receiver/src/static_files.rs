//! The built app, served from its folder with cache headers and its `_headers` rules.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::services::ServeDir;

use crate::state::{AppState, StaticFiles};

/// Every path the API does not answer: a file of the app folder, or 404.
pub fn router(state: &AppState) -> Router {
    // Hashed build files come with a `.gz` twin (scripts/build.sh): served to browsers
    // that accept gzip, so a phone on a slow link downloads a third of the bytes.
    Router::new()
        .fallback_service(
            ServeDir::new(&state.files.dir)
                .append_index_html_on_directories(true)
                .precompressed_gzip(),
        )
        .layer(middleware::from_fn_with_state(
            state.files.clone(),
            static_headers,
        ))
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

async fn static_headers(
    State(files): State<Arc<StaticFiles>>,
    req: Request,
    next: Next,
) -> Response {
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
    for (name, value) in files.rules.matching(&path).chain(
        (rule_path != path)
            .then(|| files.rules.matching(&rule_path))
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
}
