//! The browser shell of evenhand: storage, fetch, timers and DOM around the rules in
//! `evenhand-core`.

pub mod app;
pub mod browser;
pub mod config_load;
pub mod device;
pub mod draft;
pub mod first_screen;
pub mod hooks;
pub mod idle;
pub mod outbox;
pub mod send;
pub mod state;
pub mod ui;

/// Mounts the app beside the form's first screen in `index.html`, which it takes over
/// once the config is loaded (`first_screen`).
pub fn mount() {
    match browser::element_by_id("app") {
        Some(root) => leptos::mount::mount_to(root, app::App).forget(),
        None => leptos::mount::mount_to_body(app::App),
    }
}
