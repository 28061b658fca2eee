//! The inbox's "Praise" view and "Overview" (SPEC §11): `GET /api/inbox/praise` and
//! `GET /api/inbox/overview`, each over an optional period `?from=YYYY-MM-DD&to=…`
//! (inclusive UTC days of receipt).

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::Json;
use evenhand_core::praise::overview::{averages, weeks, Overview};
use evenhand_core::praise::period::Bounds;
use evenhand_core::praise::{Digest, Item};

use super::SignedIn;
use crate::error::ApiError;
use crate::store::Store;

pub async fn praise(
    signed_in: SignedIn,
    State(store): State<Arc<Store>>,
    RawQuery(query): RawQuery,
) -> Result<Json<Digest<Item>>, ApiError> {
    let period = period(query.as_deref())?;
    let rows = read(store, move |s| s.praise(&signed_in.scope, &period)).await?;
    Ok(Json(Digest::assemble(rows)))
}

pub async fn overview(
    signed_in: SignedIn,
    State(store): State<Arc<Store>>,
    RawQuery(query): RawQuery,
) -> Result<Json<Overview>, ApiError> {
    let period = period(query.as_deref())?;
    let (days, ratings) = read(store, move |s| s.overview(&signed_in.scope, &period)).await?;
    Ok(Json(Overview {
        weeks: weeks(days),
        ratings: averages(ratings),
    }))
}

/// The period of `?from=…&to=…`; any other parameter is refused by name, so a typo
/// never silently widens what is shown.
fn period(query: Option<&str>) -> Result<Bounds, ApiError> {
    let (mut from, mut to) = (None, None);
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match name {
            "from" => from = Some(value).filter(|v| !v.is_empty()),
            "to" => to = Some(value).filter(|v| !v.is_empty()),
            _ => {
                return Err(ApiError::BadRequest(format!(
                    "unknown parameter `{}`: only `from` and `to` (YYYY-MM-DD)",
                    name.chars().take(40).collect::<String>()
                )))
            }
        }
    }
    Bounds::days(from, to).map_err(|e| ApiError::BadRequest(e.to_string()))
}

/// Runs a read of the database off the async threads.
pub(crate) async fn read<T: Send + 'static>(
    store: Arc<Store>,
    f: impl FnOnce(&Store) -> crate::store::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(move || f(&store))
        .await
        .map_err(|e| ApiError::ReadFailed(e.to_string()))?
        .map_err(|e| ApiError::from_store(e, ApiError::ReadFailed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_from_the_query() {
        assert_eq!(period(None).unwrap(), Bounds::default());
        assert_eq!(period(Some("from=&to=")).unwrap(), Bounds::default());
        let b = period(Some("from=2026-11-01&to=2026-11-02")).unwrap();
        assert_eq!(b.until.as_deref(), Some("2026-11-03T00:00:00.000Z"));
        let unknown = period(Some("form=2026-11-01")).unwrap_err().to_string();
        assert!(unknown.contains("unknown parameter `form`"), "{unknown}");
        let bad = period(Some("to=2026-02-30")).unwrap_err().to_string();
        assert!(bad.contains("`to` must be a day"), "{bad}");
    }
}
