//! evenhand: a feedback kiosk that asks for praise alongside complaints.
//! This binary only mounts the app; everything else lives in the library.

fn main() {
    evenhand::mount();
}
