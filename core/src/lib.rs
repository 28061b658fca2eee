//! The rules of evenhand, free of any browser API so they run and are tested natively.
//!
//! Data flows one way: [`config`] → [`session`] → [`submission`] → [`queue`].
//! [`guidance`] looks at the guest's text along the way; [`i18n`] holds every string.

pub mod config;
pub mod guidance;
pub mod i18n;
pub mod inbox_page;
pub mod lang;
pub mod limits;
pub mod masking;
pub mod places;
pub mod praise;
pub mod queue;
pub mod retention;
pub mod session;
pub mod sign_in;
pub mod staff;
pub mod submission;
pub mod time;
