//! The inbox's praise views (SPEC §11), each a view of the inbox's navigation
//! (`super::inbox::nav`): [`PraiseView`] ("Praise", with "Print"), [`TeamLinksView`]
//! ("Create team link", "Revoke") and [`OverviewView`] (SVG charts with their numbers
//! as text), and "Erase" on each item of the "Inbox" view ([`erase`], SPEC §13). They
//! share the inbox's state (`inbox::Ctx`: language, session, live regions) and its API
//! (`inbox::api`). [`digest`] renders praise as quotes, for these views and the team
//! page.
//!
//! Included by the binaries that use them (`#[path]`), never by the library: even
//! unused, modules in the library shift the kiosk's wasm by a few bytes.

pub mod digest;
pub mod erase;
pub mod load;
pub mod overview;
pub mod period;
pub mod praise;
pub mod team_links;

pub use overview::OverviewView;
pub use praise::PraiseView;
pub use team_links::TeamLinksView;
