//! What a failed inbox request tells the manager, in their language: every failure
//! (the network, a timeout, a refusal, an ended session, the server) gets a sentence.

use crate::i18n::fill;
use crate::i18n::inbox::InboxCopy;
use crate::sign_in::{minutes_to_wait, LOCKOUT_MS};

/// Why a request to the inbox API did not give what the page wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// `fetch` itself failed; the browser's words.
    Network(String),
    TimedOut,
    /// 401 on sign-in: one answer for a wrong email and a wrong password.
    WrongCredentials,
    /// 429 on sign-in, for this many whole minutes.
    Locked(i64),
    /// 401 on any other route: the session has ended (expired, or signed out elsewhere).
    SignedOut,
    /// Sign-in succeeded but the next request had no session: the browser did not keep
    /// the cookie (cookies blocked, or a `Secure` cookie over plain http).
    CookieNotKept,
    NotFound,
    /// 409 on a status change: no complaint to verify.
    NoComplaint,
    /// 5xx.
    Server(u16),
    /// Any other refusal, with the server's `error` text.
    Refused(u16, String),
    /// A 2xx whose body is not what the contract says.
    Unreadable(String),
}

/// Which request failed: sign-in reads 401 and 429 its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    SignIn,
    Other,
}

impl Failure {
    /// The failure an HTTP answer that is not 2xx stands for. `retry_after` is the
    /// header (seconds); `body` is the answer's text (`{"error": "…"}` from the API).
    pub fn from_status(
        route: Route,
        status: u16,
        retry_after: Option<&str>,
        body: &str,
    ) -> Failure {
        match (route, status) {
            (Route::SignIn, 401) => Failure::WrongCredentials,
            (Route::SignIn, 429) => {
                let ms = retry_after
                    .and_then(|s| s.trim().parse::<i64>().ok())
                    .map_or(LOCKOUT_MS, |s| s.saturating_mul(1000));
                Failure::Locked(minutes_to_wait(ms))
            }
            (Route::Other, 401) => Failure::SignedOut,
            (_, 404) => Failure::NotFound,
            (_, 409) => Failure::NoComplaint,
            (_, 500..=599) => Failure::Server(status),
            _ => Failure::Refused(status, error_text(body)),
        }
    }

    /// The sentence for the manager.
    pub fn message(&self, c: &InboxCopy) -> String {
        match self {
            Failure::Network(detail) => fill(c.network_failed, "", detail),
            Failure::TimedOut => c.timed_out.to_string(),
            Failure::WrongCredentials => c.wrong_credentials.to_string(),
            Failure::Locked(minutes) => c.locked_for(*minutes),
            Failure::SignedOut => c.session_ended.to_string(),
            Failure::CookieNotKept => c.cookie_not_kept.to_string(),
            Failure::NotFound => c.not_found.to_string(),
            Failure::NoComplaint => c.nothing_to_verify.to_string(),
            Failure::Server(status) => fill(c.server_failed, status, ""),
            Failure::Refused(status, detail) => fill(c.refused, status, detail),
            Failure::Unreadable(detail) => fill(c.unreadable, "", detail),
        }
    }
}

/// The API's `{"error": "…"}`, or the start of whatever else came back.
fn error_text(body: &str) -> String {
    #[derive(serde::Deserialize)]
    struct ApiError {
        error: String,
    }
    match serde_json::from_str::<ApiError>(body) {
        Ok(e) => e.error,
        Err(_) => body.trim().chars().take(200).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::inbox::{INBOX_EN, INBOX_FR};

    #[test]
    fn sign_in_refusals_are_the_spec_words() {
        let wrong = Failure::from_status(Route::SignIn, 401, None, "{}");
        assert_eq!(wrong.message(&INBOX_EN), "Email or password is wrong.");
        let locked = Failure::from_status(Route::SignIn, 429, Some("840"), "");
        assert_eq!(locked, Failure::Locked(14));
        assert_eq!(
            locked.message(&INBOX_EN),
            "Too many attempts; try again in 14 minutes."
        );
        // Without a readable Retry-After, the whole lockout.
        let locked = Failure::from_status(Route::SignIn, 429, Some("soon"), "");
        assert_eq!(locked, Failure::Locked(15));
        assert_eq!(
            Failure::from_status(Route::SignIn, 429, Some("1"), "").message(&INBOX_FR),
            "Trop de tentatives ; réessayez dans 1 minute."
        );
    }

    #[test]
    fn a_401_elsewhere_means_the_session_ended() {
        let f = Failure::from_status(Route::Other, 401, None, r#"{"error":"sign in"}"#);
        assert_eq!(f, Failure::SignedOut);
        assert_eq!(
            f.message(&INBOX_EN),
            "Your session has ended. Please sign in again."
        );
    }

    #[test]
    fn server_failures_and_refusals_are_told_plainly() {
        assert_eq!(
            Failure::from_status(Route::Other, 503, Some("10"), "").message(&INBOX_EN),
            "The server could not answer (HTTP 503). Try again in a moment."
        );
        let bad = Failure::from_status(
            Route::Other,
            400,
            None,
            r#"{"error":"`from` must be a day, YYYY-MM-DD"}"#,
        );
        assert_eq!(
            bad.message(&INBOX_EN),
            "The server refused this request (HTTP 400: `from` must be a day, YYYY-MM-DD)."
        );
        let proxy = Failure::from_status(Route::Other, 413, None, "  <html>too big</html> ");
        assert_eq!(proxy, Failure::Refused(413, "<html>too big</html>".into()));
        assert_eq!(
            Failure::from_status(Route::Other, 409, None, "").message(&INBOX_FR),
            "Cet avis n'a pas de réclamation à vérifier."
        );
        assert_eq!(
            Failure::from_status(Route::Other, 404, None, ""),
            Failure::NotFound
        );
        assert!(Failure::Network("Failed to fetch".into())
            .message(&INBOX_FR)
            .contains("(Failed to fetch)"));
    }
}
