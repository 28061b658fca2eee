//! The manager's inbox API under `/api/inbox/` (SPEC §10). Every route but sign-in
//! takes a [`SignedIn`] manager, so it answers 401 without a valid session; every
//! state-changing request from a browser on another origin answers 403 first.

pub mod erase;
mod item;
mod json_body;
mod list_query;
pub mod praise;
pub mod session;
pub mod signed_in;
pub mod submissions;
pub mod team_links;

use axum::extract::Request;
use axum::http::Method;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, delete, get, post};
use axum::Router;

use crate::error::ApiError;
use crate::routes::{origin, rate_limit};
use crate::state::{AllowedOrigins, AppState};

pub use signed_in::SignedIn;

pub fn router(state: &AppState) -> Router<AppState> {
    // The address limit guards only the sign-in, before its body is read or a password
    // hashed; signing out and the signed-in routes are not limited.
    let mut sign_in = post(session::sign_in);
    if let Some(limiter) = state.sign_in_limiter.clone() {
        sign_in = sign_in.layer(middleware::from_fn_with_state(limiter, rate_limit::limit));
    }
    Router::new()
        .route(
            "/api/inbox/session",
            sign_in.delete(session::sign_out).fallback(unknown),
        )
        .route("/api/inbox/me", get(session::me).fallback(unknown))
        .route(
            "/api/inbox/submissions/{id}/erase",
            post(erase::erase).fallback(unknown),
        )
        .merge(submissions::routes())
        .route("/api/inbox/praise", get(praise::praise).fallback(unknown))
        .route(
            "/api/inbox/overview",
            get(praise::overview).fallback(unknown),
        )
        .route(
            "/api/inbox/team-links",
            get(team_links::list)
                .post(team_links::create)
                .fallback(unknown),
        )
        .route(
            "/api/inbox/team-links/{id}",
            delete(team_links::revoke).fallback(unknown),
        )
        .route("/api/inbox", any(unknown))
        .route("/api/inbox/{*rest}", any(unknown))
        .route_layer(middleware::from_fn(own_origin_only))
}

/// A browser may change the inbox only from the receiver's own pages: the kiosks'
/// `--allow-origin` origins post submissions, never inbox changes.
async fn own_origin_only(req: Request, next: Next) -> Result<Response, ApiError> {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        origin::check(req.headers(), &AllowedOrigins::default())?;
    }
    Ok(next.run(req).await)
}

/// No such inbox route (or no such method on one, rather than a 405 that tells a
/// stranger the route exists): said only to a signed-in manager.
async fn unknown(_: SignedIn) -> ApiError {
    ApiError::NotFound
}
