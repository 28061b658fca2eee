//! The guest's unsent draft. Personal mode keeps it in localStorage so it survives a
//! reload or a switch to another app (SPEC §7); kiosk mode never writes it, so nothing
//! of a shared-tablet session outlives the session (SPEC §8).

use evenhand_core::session::Answers;

/// Also read by `src/first_screen.js`, which puts the draft back before the app starts.
const KEY: &str = "evenhand.draft";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved draft, if any and readable. An unreadable draft is dropped, not fatal.
pub fn load() -> Option<Answers> {
    let text = storage()?.get_item(KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Saves the draft; a blank one is removed instead. Failure (full or blocked storage)
/// only loses the convenience of restoring, never a submission.
pub fn save(answers: &Answers) {
    if answers.is_blank() {
        clear();
    } else if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(answers)) {
        let _ = s.set_item(KEY, &text);
    }
}

pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
