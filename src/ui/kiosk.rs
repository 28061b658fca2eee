//! The kiosk's page: header, the session's current screen, the idle warning and the
//! link to the staff page. Each re-renders when the language changes or a session starts.

use evenhand_core::session::Screen;
use leptos::prelude::*;

use crate::browser;
use crate::state::{use_session, use_setup};
use crate::ui::form::FeedbackForm;
use crate::ui::header::Header;
use crate::ui::idle_warning::IdleWarning;
use crate::ui::review::Review;
use crate::ui::thanks::Thanks;

#[component]
pub fn KioskScreens(
    /// Seconds left before the idle wipe while the warning shows; kiosk mode only.
    idle_warning: Option<ReadSignal<Option<u32>>>,
) -> impl IntoView {
    let session = use_session();
    let (lang, screen, count) = (session.lang, session.screen, session.count);
    let lists = use_setup().guidance_lists;
    view! {
        {move || {
            lang.track();
            view! { <Header /> }
        }}
        <main id="main" class="main">
            {move || {
                count.track();
                lang.track();
                match screen.get() {
                    Screen::Form => view! { <FeedbackForm /> }.into_any(),
                    // Review checks the texts once as it opens: when guidance's word
                    // lists arrive after that, it opens again with their verdict and pause.
                    Screen::Review => (move || {
                        lists.track();
                        view! { <Review /> }
                    })
                    .into_any(),
                    Screen::Thanks => view! { <Thanks /> }.into_any(),
                }
            }}
        </main>
        {idle_warning.map(|warning| view! { <IdleWarning warning /> })}
        {move || {
            lang.track();
            view! { <StaffLink /> }
        }}
    }
}

/// The discreet way to the staff page (`staff.html`, its own bundle: the kiosk's first
/// load carries neither the staff view nor the export), in the kiosk's language; the PIN
/// is asked there. Absent without a PIN. Leaving ends a kiosk session, which is the
/// staff's choice; a personal-mode draft is in storage and comes back.
#[component]
fn StaffLink() -> impl IntoView {
    if use_setup().config().staff_pin_sha256.is_none() {
        return ().into_any();
    }
    let session = use_session();
    let href = browser::link_with_query("staff.html", "lang", session.lang.get_untracked().code());
    view! { <a class="staff-toggle" href=href>{session.copy().staff_open}</a> }.into_any()
}
