//! Components: they render and forward events; decisions live in `evenhand-core`, state
//! in `crate::state`.

pub mod boot;
pub mod error_page;
pub mod form;
pub mod guidance_note;
pub mod header;
pub mod idle_warning;
pub mod kiosk;
pub mod review;
pub mod thanks;
