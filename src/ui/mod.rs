//! Components: they render and forward events; decisions live in `evenhand-core`.

pub mod error_page;
pub mod form;
pub mod guidance_note;
pub mod header;
pub mod review;
pub mod staff;
pub mod thanks;
