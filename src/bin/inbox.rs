//! The manager's inbox (`inbox.html`, served at `/inbox/` by the receiver, SPEC §10):
//! its own bundle, so the kiosk's first load never carries it. This only mounts.

// The inbox's modules belong to this binary alone: in the library, even unused, they
// shifted the kiosk's wasm by a few bytes.
#[path = "../inbox/mod.rs"]
mod inbox;
// The views of praise (SPEC §11) and "Erase" on each item (SPEC §13).
#[path = "../inbox_views/mod.rs"]
mod inbox_views;

use evenhand::browser;
use inbox::InboxPage;

fn main() {
    browser::remove_element("boot");
    match browser::element_by_id("app") {
        Some(root) => leptos::mount::mount_to(root, InboxPage).forget(),
        None => leptos::mount::mount_to_body(InboxPage),
    }
}
