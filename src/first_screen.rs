//! The form's first screen: plain HTML in `index.html` that a guest can type into
//! before the wasm arrives (SPEC §9; `src/first_screen.js` picks its language). The app
//! takes what its boxes hold, with focus and caret, and removes it in the same task as
//! it renders its own form, so nothing typed is lost and nothing flickers.

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;

use crate::browser;

const ID: &str = "first-screen";
const BOXES: [&str; 2] = ["praise", "complaint"];

/// What the first screen held when the app took it over.
pub struct Typed {
    pub praise: String,
    pub complaint: String,
    /// The box that had focus, and its selection (UTF-16 offsets, as the DOM counts).
    focus: Option<(&'static str, u32, u32)>,
}

fn text_box(id: &str) -> Option<HtmlTextAreaElement> {
    browser::element_by_id(id)?.dyn_into().ok()
}

/// Whether the page still shows the first screen (the app has not taken it over).
pub fn present() -> bool {
    browser::element_by_id(ID).is_some()
}

/// Reads the first screen and removes it; `None` when the page has none.
pub fn take() -> Option<Typed> {
    let screen = browser::element_by_id(ID)?;
    let active = browser::active_element_id();
    // A box still holding the draft `first_screen.js` put back is not new words: the
    // app's own draft rules decide about it (kept in personal mode, dropped in kiosk).
    let value = |id| {
        text_box(id)
            .map(|b| {
                let v = b.value();
                if b.get_attribute("data-draft").as_ref() == Some(&v) {
                    String::new()
                } else {
                    v
                }
            })
            .unwrap_or_default()
    };
    let focus = BOXES
        .into_iter()
        .find(|id| active.as_deref() == Some(*id))
        .and_then(|id| {
            let b = text_box(id)?;
            let start = b.selection_start().ok().flatten().unwrap_or(0);
            let end = b.selection_end().ok().flatten().unwrap_or(start);
            Some((id, start, end))
        });
    let typed = Typed {
        praise: value("praise"),
        complaint: value("complaint"),
        focus,
    };
    screen.remove();
    Some(typed)
}

impl Typed {
    /// Puts focus and caret back in the app's box of the same name, once it is mounted,
    /// unless the guest has moved on meanwhile.
    pub fn refocus(&self) {
        let Some((id, start, end)) = self.focus else {
            return;
        };
        if browser::active_element_id().is_some() {
            return;
        }
        if let Some(b) = text_box(id) {
            let _ = b.focus();
            let _ = b.set_selection_range(start, end);
        }
    }
}
