//! `evenhand-receiver`: the reference endpoint for evenhand submissions, as a library.
//! [`router`] builds the whole app from an [`AppState`], so tests call it in-process;
//! `main.rs` only reads the command line ([`cli`]).

pub mod cli;
pub mod error;
pub mod export;
pub mod headers_file;
pub mod password;
pub mod retention;
pub mod routes;
pub mod server;
pub mod staff_report;
pub mod state;
pub mod static_files;
pub mod store;

use axum::http::header::{self, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub use error::ApiError;
pub use server::{ConnectionLimits, ServeOptions};
pub use state::{AppOptions, AppState, InboxCountCap};
pub use store::Store;

/// The whole app: the API, the app's files for every other path, and the headers every
/// answer carries.
pub fn router(state: AppState) -> Router {
    let files = static_files::router(&state);
    routes::api(&state)
        .with_state(state)
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        // Never framed (clickjacking), also when no `_headers` sets `frame-ancestors`;
        // a `_headers` rule may choose otherwise.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
}
