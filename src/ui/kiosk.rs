//! The kiosk's page: header, the session's current screen, the idle warning and the
//! staff control. Each re-renders when the language changes or a session starts.

use evenhand_core::session::Screen;
use leptos::prelude::*;

use crate::state::use_session;
use crate::ui::form::FeedbackForm;
use crate::ui::header::Header;
use crate::ui::idle_warning::IdleWarning;
use crate::ui::review::Review;
use crate::ui::staff::StaffControl;
use crate::ui::thanks::Thanks;

#[component]
pub fn KioskScreens(
    /// Seconds left before the idle wipe while the warning shows; kiosk mode only.
    idle_warning: Option<ReadSignal<Option<u32>>>,
) -> impl IntoView {
    let session = use_session();
    let (lang, screen, count) = (session.lang, session.screen, session.count);
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
                    Screen::Review => view! { <Review /> }.into_any(),
                    Screen::Thanks => view! { <Thanks /> }.into_any(),
                }
            }}
        </main>
        {idle_warning.map(|warning| view! { <IdleWarning warning /> })}
        {move || {
            lang.track();
            view! { <StaffControl /> }
        }}
    }
}
