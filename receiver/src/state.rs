//! What the app is built from: one [`AppState`], and the sub-states handlers and layers
//! take from it with `FromRef`.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::FromRef;
use axum::http::HeaderValue;
use evenhand_core::limits::INBOX_COUNT_CAP;

use crate::error::ApiError;
use crate::headers_file::HeaderRules;
use crate::routes::rate_limit::{AddressLimiter, AddressRate};
use crate::store::Store;

/// The app's settings from the command line (`serve` without the address and database).
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// The folder of the built app to serve.
    pub app: PathBuf,
    /// Other origins allowed to POST submissions (CORS).
    pub allow_origins: Vec<String>,
    /// Enables the exports for `Authorization: Bearer <token>`; at least
    /// [`MIN_EXPORT_TOKEN_CHARS`] visible ASCII characters.
    pub export_token: Option<String>,
    /// The address managers reach the receiver at (`--public-url`); an `https://` one
    /// makes the session cookie `Secure` with the `__Host-` prefix.
    pub public_url: Option<String>,
    /// How fast one client address may post submissions; the default is off (`serve`
    /// turns it on, [`AddressRate::FEEDBACK_DEFAULT`]).
    pub feedback_rate: AddressRate,
    /// How fast one client address may try to sign in to the inbox; the default is off
    /// (`serve` turns it on, [`AddressRate::SIGN_IN_DEFAULT`]).
    pub sign_in_rate: AddressRate,
    /// Where the inbox stops counting a list's matches.
    pub inbox_count_cap: InboxCountCap,
}

/// Where the inbox stops counting a list's matches: [`INBOX_COUNT_CAP`] when serving; a
/// test lowers it to reach it with a few submissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InboxCountCap(pub u64);

impl Default for InboxCountCap {
    fn default() -> InboxCountCap {
        InboxCountCap(INBOX_COUNT_CAP)
    }
}

/// The shortest export token accepted: 32 characters of `openssl rand -hex 32` or a
/// password manager are beyond guessing, even at the rate of a busy server.
pub const MIN_EXPORT_TOKEN_CHARS: usize = 32;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub export_token: ExportToken,
    pub files: Arc<StaticFiles>,
    /// Checked origins, ready for the CORS layer and the origin check.
    pub allow_origins: AllowedOrigins,
    /// The inbox's session cookie, named and flagged for http or https.
    pub cookie: SessionCookie,
    /// Now, in milliseconds since the Unix epoch: the system's, or a test's.
    pub clock: Clock,
    /// The rate limit of `POST /api/feedback`; `None` when off.
    pub feedback_limiter: Option<Arc<AddressLimiter>>,
    /// The rate limit of `POST /api/inbox/session`; `None` when off.
    pub sign_in_limiter: Option<Arc<AddressLimiter>>,
    pub inbox_count_cap: InboxCountCap,
}

/// The session cookie's form. Over https: `__Host-` (the browser then insists on
/// `Secure`, `Path=/` and no `Domain`, so no other host can set or read it) and `Secure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionCookie {
    pub secure: bool,
}

impl SessionCookie {
    pub fn name(self) -> &'static str {
        if self.secure {
            "__Host-evenhand_session"
        } else {
            "evenhand_session"
        }
    }
}

/// Where handlers read the time, so tests can move it (lockouts, idle sessions).
#[derive(Clone)]
pub struct Clock(pub Arc<dyn Fn() -> i64 + Send + Sync>);

impl Clock {
    pub fn system() -> Clock {
        Clock(Arc::new(crate::store::now_ms))
    }

    pub fn now_ms(&self) -> i64 {
        (self.0)()
    }
}

/// The `--allow-origin` origins.
#[derive(Clone, Default)]
pub struct AllowedOrigins(pub Arc<[HeaderValue]>);

/// The export token; `None` when the exports are off.
#[derive(Clone, Default)]
pub struct ExportToken(pub Option<Arc<str>>);

/// The app folder and its `_headers` rules.
pub struct StaticFiles {
    pub dir: PathBuf,
    /// The folder's canonical path, every served file must resolve inside it; `None`
    /// when the folder does not exist (nothing is served).
    pub root: Option<PathBuf>,
    pub rules: HeaderRules,
}

impl AppOptions {
    /// Checks the options: each allowed origin, the export token's rules.
    pub fn check(&self) -> Result<(), String> {
        self.origins()?;
        self.cookie()?;
        ExportToken::new(self.export_token.as_deref())?;
        Ok(())
    }

    fn cookie(&self) -> Result<SessionCookie, String> {
        let Some(url) = self.public_url.as_deref() else {
            return Ok(SessionCookie { secure: false });
        };
        let origin = url.trim_end_matches('/');
        check_origin(origin).map_err(|_| {
            format!("--public-url {url:?} must be an address such as https://feedback.example.org (no path)")
        })?;
        Ok(SessionCookie {
            secure: origin.starts_with("https://"),
        })
    }

    fn origins(&self) -> Result<Vec<HeaderValue>, String> {
        self.allow_origins
            .iter()
            .map(|o| {
                check_origin(o)?;
                HeaderValue::from_str(o).map_err(|_| format!("bad --allow-origin {o:?}"))
            })
            .collect()
    }
}

impl AppState {
    /// Checks the options ([`AppOptions::check`]) and reads the app's `_headers` file.
    pub fn new(store: Store, options: &AppOptions) -> Result<AppState, String> {
        let allow_origins = options.origins()?;
        Ok(AppState {
            store: Arc::new(store),
            export_token: ExportToken::new(options.export_token.as_deref())?,
            files: Arc::new(StaticFiles {
                dir: options.app.clone(),
                root: options.app.canonicalize().ok().filter(|p| p.is_dir()),
                rules: HeaderRules::load(&options.app.join("_headers")),
            }),
            allow_origins: AllowedOrigins(allow_origins.into()),
            cookie: options.cookie()?,
            clock: Clock::system(),
            feedback_limiter: AddressLimiter::new(options.feedback_rate, ApiError::RateLimited),
            // Over it, the lockout's own answer: the inbox page already says it.
            sign_in_limiter: AddressLimiter::new(options.sign_in_rate, ApiError::TooManyAttempts),
            inbox_count_cap: options.inbox_count_cap,
        })
    }
}

impl ExportToken {
    /// Checks a configured token: none or empty leaves the exports off; otherwise at
    /// least [`MIN_EXPORT_TOKEN_CHARS`] characters, visible ASCII (it travels in a
    /// header).
    pub fn new(token: Option<&str>) -> Result<ExportToken, String> {
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Ok(ExportToken(None));
        };
        if !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(
                "the export token must be visible ASCII characters, no spaces (it is sent in a header)"
                    .into(),
            );
        }
        if token.len() < MIN_EXPORT_TOKEN_CHARS {
            return Err(format!(
                "the export token must be at least {MIN_EXPORT_TOKEN_CHARS} characters (it has {}); make one with `openssl rand -hex 32`",
                token.len()
            ));
        }
        Ok(ExportToken(Some(Arc::from(token))))
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

impl FromRef<AppState> for AllowedOrigins {
    fn from_ref(state: &AppState) -> Self {
        state.allow_origins.clone()
    }
}

impl FromRef<AppState> for InboxCountCap {
    fn from_ref(state: &AppState) -> InboxCountCap {
        state.inbox_count_cap
    }
}

impl FromRef<AppState> for Clock {
    fn from_ref(state: &AppState) -> Self {
        state.clock.clone()
    }
}

impl FromRef<AppState> for SessionCookie {
    fn from_ref(state: &AppState) -> Self {
        state.cookie
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

    #[test]
    fn export_tokens() {
        assert!(ExportToken::new(None).unwrap().0.is_none());
        assert!(ExportToken::new(Some("")).unwrap().0.is_none());
        let short = ExportToken::new(Some("e2e-token")).err().unwrap();
        assert!(
            short.contains("at least 32 characters (it has 9)"),
            "{short}"
        );
        let spaced = "a b".repeat(16);
        assert!(ExportToken::new(Some(&spaced))
            .err()
            .unwrap()
            .contains("visible ASCII"));
        let good = "0123456789abcdef".repeat(2);
        assert_eq!(
            ExportToken::new(Some(&good)).unwrap().0.as_deref(),
            Some(good.as_str())
        );
    }
}
