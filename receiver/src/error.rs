//! Every refusal the API gives, as one type: handlers return `Result<_, ApiError>` and
//! use `?`; the answer is the status and `{"error": "…"}` naming what is wrong.

use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use evenhand_core::submission::PayloadError;
use serde_json::json;

use crate::routes::feedback::MAX_BODY_BYTES;

/// How long a client should wait before retrying when the database cannot write.
const RETRY_AFTER_SECONDS: &str = "10";
/// How long a client should wait while the database (Postgres) is down or restarting:
/// a few seconds, a restart's time.
const DATABASE_RETRY_AFTER_SECONDS: &str = "5";

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("no such API route")]
    NotFound,
    #[error("the export needs `Authorization: Bearer <export token>`")]
    Unauthorized,
    /// A browser on another site posted (a cross-site form needs no preflight).
    #[error("submissions from {0} are not accepted: only from this receiver's own origin and its --allow-origin ones")]
    ForeignOrigin(String),
    #[error("`Content-Type` must be application/json or application/x-www-form-urlencoded")]
    UnsupportedMediaType,
    #[error("the body is larger than {} KiB", MAX_BODY_BYTES / 1024)]
    TooLarge,
    #[error("the body could not be read")]
    BodyBroken,
    #[error("the body took too long to arrive")]
    BodyTooSlow,
    /// Not payload v1: 400 when unreadable, 422 when readable but invalid.
    #[error(transparent)]
    Payload(#[from] PayloadError),
    #[error("the `Idempotency-Key` header must equal the payload's `id`")]
    IdempotencyKey,
    /// The database refused the write: the client retries after [`RETRY_AFTER_SECONDS`].
    #[error("the submission could not be stored just now; try again later")]
    StoreUnavailable,
    #[error("the submission could not be stored")]
    StoreFailed,
    /// The database cannot be reached (down, restarting, out of connections): the
    /// client retries after [`DATABASE_RETRY_AFTER_SECONDS`]; nothing was lost.
    #[error("the database is unavailable just now (restarting or unreachable); nothing was lost, try again in a few seconds")]
    DatabaseUnavailable,
    #[error("cannot read the database: {0}")]
    ReadFailed(String),
    /// An inbox route without a valid session (none, ended, or signed out).
    #[error("sign in to the inbox first")]
    SignInNeeded,
    /// One answer for an unknown email and a wrong password (SPEC §10).
    #[error("Email or password is wrong.")]
    WrongCredentials,
    /// The email is locked out; the client may try again after this many seconds.
    #[error("Too many attempts; try again in {}.", minutes(*.0))]
    TooManyAttempts(u64),
    #[error("`Content-Type` must be application/json")]
    JsonOnly,
    #[error("the body is larger than {0} bytes")]
    BodyOver(usize),
    /// A body that is not the JSON the route reads; the text names what is wrong.
    #[error("{0}")]
    BadRequest(String),
    #[error("no submission has the id {0}")]
    UnknownSubmission(String),
    /// A request that does not fit the item's state (a status for a praise only).
    #[error("{0}")]
    Conflict(String),
    /// A readable request whose value is refused (an unknown status, a note too long).
    #[error("{0}")]
    Unprocessable(String),
    #[error("cannot write to the database: {0}")]
    WriteFailed(String),
    /// `POST /api/feedback` from an address over its rate; retry after this many
    /// seconds.
    #[error("too many submissions from this address; try again in {0} s")]
    RateLimited(u64),
}

impl ApiError {
    /// A store failure as the client should hear it: an unreachable database is a 503
    /// to retry ([`ApiError::DatabaseUnavailable`], logged), anything else as `otherwise`
    /// says.
    pub fn from_store(
        e: crate::store::Error,
        otherwise: impl FnOnce(String) -> ApiError,
    ) -> ApiError {
        if e.is_unavailable() {
            eprintln!("error: the database is unavailable: {e}");
            ApiError::DatabaseUnavailable
        } else {
            otherwise(e.to_string())
        }
    }
}

/// "N minutes" to wait for `seconds`, in whole minutes, never "0 minutes".
fn minutes(seconds: u64) -> String {
    match evenhand_core::sign_in::minutes_to_wait(seconds as i64 * 1000) {
        1 => "1 minute".into(),
        n => format!("{n} minutes"),
    }
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound | ApiError::UnknownSubmission(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unauthorized | ApiError::SignInNeeded | ApiError::WrongCredentials => {
                StatusCode::UNAUTHORIZED
            }
            ApiError::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::JsonOnly => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::BodyOver(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::ForeignOrigin(_) => StatusCode::FORBIDDEN,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::BodyBroken => StatusCode::BAD_REQUEST,
            ApiError::BodyTooSlow => StatusCode::REQUEST_TIMEOUT,
            ApiError::Payload(e) if e.is_malformed() => StatusCode::BAD_REQUEST,
            ApiError::Payload(_) | ApiError::IdempotencyKey => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::StoreUnavailable | ApiError::DatabaseUnavailable => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::StoreFailed | ApiError::ReadFailed(_) | ApiError::WriteFailed(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = (self.status(), Json(json!({ "error": self.to_string() }))).into_response();
        let headers = resp.headers_mut();
        match self {
            ApiError::Unauthorized => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::StoreUnavailable => {
                headers.insert(
                    header::RETRY_AFTER,
                    HeaderValue::from_static(RETRY_AFTER_SECONDS),
                );
            }
            ApiError::DatabaseUnavailable => {
                headers.insert(
                    header::RETRY_AFTER,
                    HeaderValue::from_static(DATABASE_RETRY_AFTER_SECONDS),
                );
            }
            ApiError::TooManyAttempts(seconds) | ApiError::RateLimited(seconds) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            _ => {}
        }
        resp
    }
}
