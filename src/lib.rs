//! The browser shell of evenhand: storage, fetch, timers and DOM around the rules in
//! `evenhand-core`.

pub mod app;
pub mod browser;
pub mod config_load;
pub mod device;
pub mod draft;
pub mod hooks;
pub mod idle;
pub mod outbox;
pub mod send;
pub mod state;
pub mod ui;

/// Replaces the static loading notice in `index.html` with the app.
pub fn mount() {
    browser::remove_element("boot");
    match browser::element_by_id("app") {
        Some(root) => leptos::mount::mount_to(root, app::App).forget(),
        None => leptos::mount::mount_to_body(app::App),
    }
}
