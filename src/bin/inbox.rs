//! The manager's inbox (`inbox.html`, served at `/inbox/` by the receiver, SPEC §10):
//! its own bundle, so the kiosk's first load never carries it. This only mounts.

use evenhand::browser;
use evenhand::inbox::InboxPage;

fn main() {
    browser::remove_element("boot");
    match browser::element_by_id("app") {
        Some(root) => leptos::mount::mount_to(root, InboxPage).forget(),
        None => leptos::mount::mount_to_body(InboxPage),
    }
}
