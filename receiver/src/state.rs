//! What the app is built from: one [`AppState`], and the sub-states handlers and layers
//! take from it with `FromRef`.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::FromRef;
use axum::http::HeaderValue;

use crate::headers_file::HeaderRules;
use crate::store::Store;

/// The app's settings from the command line (`serve` without the address and database).
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// The folder of the built app to serve.
    pub app: PathBuf,
    /// Other origins allowed to POST submissions (CORS).
    pub allow_origins: Vec<String>,
    /// Enables the exports for `Authorization: Bearer <token>`.
    pub export_token: Option<String>,
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub export_token: ExportToken,
    pub files: Arc<StaticFiles>,
    /// Checked origins, ready for the CORS layer.
    pub allow_origins: Arc<[HeaderValue]>,
}

/// The export token; `None` when the exports are off.
#[derive(Clone, Default)]
pub struct ExportToken(pub Option<Arc<str>>);

/// The app folder and its `_headers` rules.
pub struct StaticFiles {
    pub dir: PathBuf,
    pub rules: HeaderRules,
}

impl AppState {
    /// Checks the options and reads the app's `_headers` file.
    pub fn new(store: Store, options: &AppOptions) -> Result<AppState, String> {
        let allow_origins = options
            .allow_origins
            .iter()
            .map(|o| {
                check_origin(o)?;
                HeaderValue::from_str(o).map_err(|_| format!("bad --allow-origin {o:?}"))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(AppState {
            store: Arc::new(store),
            export_token: ExportToken(
                options
                    .export_token
                    .as_deref()
                    .filter(|t| !t.is_empty())
                    .map(Arc::from),
            ),
            files: Arc::new(StaticFiles {
                dir: options.app.clone(),
                rules: HeaderRules::load(&options.app.join("_headers")),
            }),
            allow_origins: allow_origins.into(),
        })
    }
}

impl FromRef<AppState> for Arc<Store> {
    fn from_ref(state: &AppState) -> Self {
        state.store.clone()
    }
}

impl FromRef<AppState> for ExportToken {
    fn from_ref(state: &AppState) -> Self {
        state.export_token.clone()
    }
}

impl FromRef<AppState> for Arc<StaticFiles> {
    fn from_ref(state: &AppState) -> Self {
        state.files.clone()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert!(check_origin("https://kiosk.example.org").is_ok());
        assert!(check_origin("http://localhost:8080").is_ok());
        assert!(check_origin("https://kiosk.example.org/").is_err());
        assert!(check_origin("kiosk.example.org").is_err());
    }
}
