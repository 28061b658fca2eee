//! The inbox's praise views (SPEC §11), each a self-contained component the inbox's
//! navigation mounts: [`PraiseView`] ("Praise", with "Print"), [`TeamLinksView`]
//! ("Create team link", "Revoke") and [`OverviewView`] (SVG charts with their numbers
//! as text). [`digest`] renders praise as quotes, for these views and the team page.
//!
//! Included by the binaries that use them (`#[path]`), never by the library: even
//! unused, modules in the library shift the kiosk's wasm by a few bytes.

pub mod api;
pub mod digest;
pub mod overview;
pub mod period;
pub mod praise;
pub mod team_links;

pub use overview::OverviewView;
pub use praise::PraiseView;
pub use team_links::TeamLinksView;

use evenhand_core::lang::{self, Lang};

/// The language of these views: `?lang=` when given, else the browser's preference.
pub fn page_lang() -> Lang {
    lang::choose(
        &Lang::ALL,
        evenhand::browser::query_param("lang").as_deref(),
        &evenhand::browser::preferred_languages(),
    )
}
