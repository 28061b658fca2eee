//! The inbox API (`/api/inbox/…`, SPEC §10 and §11) over `fetch`: one function per
//! route, each answering the contract's type or a [`Failure`] the page can tell the
//! manager. The session cookie goes with every same-origin request; the page never sees
//! it. The team page (`src/bin/team.rs`) reads `/api/team/<token>` through [`call`].

use std::cell::Cell;
use std::rc::Rc;

use evenhand_core::inbox_page::failure::Route;
use evenhand_core::inbox_page::{Failure, Filters, Item, ItemPage, Places, Status};
use evenhand_core::praise::overview::Overview;
use evenhand_core::praise::{self, Digest};
use serde::de::DeserializeOwned;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use evenhand::send::{describe, fetch};

/// A request that has not answered by then is abandoned and said to have timed out.
const TIMEOUT_MS: u32 = 15_000;

/// The signed-in manager: the email, and the venues an account limited to some sees
/// (`None`: every venue). The server limits every answer to them; the page only says so.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Who {
    pub email: String,
    #[serde(default)]
    pub venues: Option<Vec<String>>,
}

/// Who is signed in, or `None` without a session.
pub async fn me() -> Result<Option<Who>, Failure> {
    match call::<Who>("GET", "/api/inbox/me", None, Route::Other).await {
        Ok(me) => Ok(Some(me)),
        Err(Failure::SignedOut) => Ok(None),
        Err(f) => Err(f),
    }
}

pub async fn sign_in(email: &str, password: &str) -> Result<(), Failure> {
    let body = serde_json::json!({ "email": email, "password": password }).to_string();
    send("POST", "/api/inbox/session", Some(&body), Route::SignIn).await?;
    Ok(())
}

/// Ends the session on the server. Without one (it ended already), there is nothing
/// left to end.
pub async fn sign_out() -> Result<(), Failure> {
    match send("DELETE", "/api/inbox/session", None, Route::Other).await {
        Ok(_) | Err(Failure::SignedOut) => Ok(()),
        Err(f) => Err(f),
    }
}

pub async fn submissions(filters: &Filters, page: u32) -> Result<ItemPage, Failure> {
    let query = web_sys::UrlSearchParams::new().map_err(|e| Failure::Network(describe(e)))?;
    query.append("page", &page.max(1).to_string());
    for (name, value) in filters.pairs() {
        query.append(name, value);
    }
    let url = format!("/api/inbox/submissions?{}", String::from(query.to_string()));
    call("GET", &url, None, Route::Other).await
}

pub async fn places() -> Result<Places, Failure> {
    call("GET", "/api/inbox/places", None, Route::Other).await
}

/// "Show names": the item unmasked, and a `names_shown` entry in its history.
pub async fn show_names(id: &str) -> Result<Item, Failure> {
    call("POST", &item_url(id, "names"), None, Route::Other).await
}

/// A blank note is no note (the server reads it so too).
pub async fn set_status(id: &str, status: Status, note: &str) -> Result<Item, Failure> {
    let note = note.trim();
    let body = serde_json::json!({
        "status": status.code(),
        "note": (!note.is_empty()).then_some(note),
    })
    .to_string();
    call("POST", &item_url(id, "status"), Some(&body), Route::Other).await
}

/// "Erase" (SPEC §13): the submission, its history and search entry are deleted.
pub async fn erase(id: &str) -> Result<(), Failure> {
    send("POST", &item_url(id, "erase"), None, Route::Other).await?;
    Ok(())
}

/// The "Praise" view's digest; `period` is the query ("?from=…&to=…", or empty).
pub async fn praise(period: &str) -> Result<Digest<praise::Item>, Failure> {
    call(
        "GET",
        &format!("/api/inbox/praise{period}"),
        None,
        Route::Other,
    )
    .await
}

/// The "Overview"'s weeks and ratings; `period` as for [`praise`].
pub async fn overview(period: &str) -> Result<Overview, Failure> {
    call(
        "GET",
        &format!("/api/inbox/overview{period}"),
        None,
        Route::Other,
    )
    .await
}

/// A team link still open (its URL is shown once, when made).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct TeamLink {
    pub id: i64,
    pub created_at: String,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct TeamLinks {
    pub links: Vec<TeamLink>,
}

/// A team link just made: its path, `/team/<token>`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct NewTeamLink {
    pub id: i64,
    pub url: String,
}

pub async fn team_links() -> Result<TeamLinks, Failure> {
    call("GET", "/api/inbox/team-links", None, Route::Other).await
}

pub async fn create_team_link() -> Result<NewTeamLink, Failure> {
    call("POST", "/api/inbox/team-links", None, Route::Other).await
}

pub async fn revoke_team_link(id: i64) -> Result<(), Failure> {
    send(
        "DELETE",
        &format!("/api/inbox/team-links/{id}"),
        None,
        Route::Other,
    )
    .await?;
    Ok(())
}

fn item_url(id: &str, action: &str) -> String {
    let id = String::from(js_sys::encode_uri_component(id));
    format!("/api/inbox/submissions/{id}/{action}")
}

/// The API's `{"error": "…"}`, or whatever else came back (a proxy's page).
fn error_text(body: &str) -> String {
    #[derive(serde::Deserialize)]
    struct ApiError {
        error: String,
    }
    serde_json::from_str::<ApiError>(body).map_or_else(|_| body.to_string(), |e| e.error)
}

/// A request whose 2xx answer is JSON of type `T` (the team page's one route, too).
pub async fn call<T: DeserializeOwned>(
    method: &str,
    url: &str,
    body: Option<&str>,
    route: Route,
) -> Result<T, Failure> {
    let text = send(method, url, body, route).await?;
    serde_json::from_str(&text).map_err(|e| Failure::Unreadable(e.to_string()))
}

/// One request with a timeout: the body of a 2xx answer, or why there is none.
async fn send(
    method: &str,
    url: &str,
    body: Option<&str>,
    route: Route,
) -> Result<String, Failure> {
    let controller = AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let _timer = controller.clone().map(|c| {
        let timed_out = timed_out.clone();
        gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            c.abort();
        })
    });
    let signal = controller.as_ref().map(|c| c.signal());
    let headers: &[(&str, &str)] = if body.is_some() {
        &[("Content-Type", "application/json")]
    } else {
        &[]
    };
    let response = match fetch(method, url, headers, body, signal.as_ref()).await {
        Ok(r) => r,
        Err(_) if timed_out.get() => return Err(Failure::TimedOut),
        Err(e) => return Err(Failure::Network(e)),
    };
    let text = match response.text() {
        Ok(p) => match JsFuture::from(p).await {
            Ok(t) => t.as_string().unwrap_or_default(),
            Err(_) if timed_out.get() => return Err(Failure::TimedOut),
            Err(e) => return Err(Failure::Network(describe(e))),
        },
        Err(e) => return Err(Failure::Unreadable(describe(e))),
    };
    if response.ok() {
        Ok(text)
    } else {
        let retry_after = response.headers().get("retry-after").ok().flatten();
        Err(Failure::from_status(
            route,
            response.status(),
            retry_after.as_deref(),
            &error_text(&text),
        ))
    }
}
