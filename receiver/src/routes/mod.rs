//! The API under `/api`.

pub mod export;
pub mod feedback;
pub mod inbox;
pub mod origin;
pub mod rate_limit;
pub mod team;

use std::time::Duration;

use axum::http::header::{self, HeaderName};
use axum::http::Method;
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::error::ApiError;
use crate::state::AppState;

/// Every `/api` route; other `/api/…` paths are a JSON 404.
pub fn api(state: &AppState) -> Router<AppState> {
    let mut post_feedback = post(feedback::post);
    if let Some(limiter) = state.feedback_limiter.clone() {
        post_feedback =
            post_feedback.layer(middleware::from_fn_with_state(limiter, rate_limit::limit));
    }
    let mut feedback = Router::new().route("/api/feedback", post_feedback);
    if !state.allow_origins.0.is_empty() {
        feedback = feedback.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(state.allow_origins.0.iter().cloned()))
                .allow_methods([Method::POST])
                .allow_headers([
                    header::CONTENT_TYPE,
                    HeaderName::from_static("idempotency-key"),
                ])
                .expose_headers([header::RETRY_AFTER])
                .max_age(Duration::from_secs(600)),
        );
    }
    let exports = Router::new()
        .route("/api/feedback.json", get(export::json))
        .route("/api/feedback.csv", get(export::csv))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            export::require_token,
        ));
    Router::new()
        .route("/api/health", get(|| async { "ok" }))
        .route("/api", get(not_found))
        .route("/api/team/{token}", get(team::get))
        .route("/api/{*rest}", get(not_found).post(not_found))
        .merge(exports)
        .merge(feedback)
        .merge(inbox::router(state))
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}
