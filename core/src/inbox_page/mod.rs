//! The rules of the manager's inbox page (SPEC §10), apart from the browser: the API's
//! answers as types ([`item`]), the filters as a query ([`query`]), and what a failed
//! request tells the manager ([`failure`]). The page (`src/inbox/`) only fetches and
//! renders.

pub mod failure;
pub mod item;
pub mod query;

pub use failure::Failure;
pub use item::{HistoryEntry, HistoryKind, Item, ItemPage, Places, Status};
pub use query::Filters;
