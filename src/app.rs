//! Loads the config, picks the language and the screen, and provides the session.

use std::sync::Arc;

use evenhand_core::config::{Config, Mode};
use evenhand_core::guidance::Checker;
use evenhand_core::i18n::{copy, Copy};
use evenhand_core::lang::{self, Lang};
use evenhand_core::session::{place_from_url, Answers};
use leptos::prelude::*;

use crate::browser;
use crate::config_load::{self, LoadError};
use crate::ui::error_page::ErrorPage;
use crate::ui::form::FeedbackForm;
use crate::ui::header::Header;
use crate::ui::review::Review;
use crate::ui::staff::StaffControl;
use crate::ui::thanks::Thanks;

/// A kiosk reloads itself at the start of a fresh session after this many sessions.
pub const RELOAD_EVERY_SESSIONS: u32 = 200;

/// The screens of one feedback session (SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Form,
    Review,
    Thanks,
}

/// What guidance has seen in the session so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GuidanceState {
    /// A note was shown for some text during this session.
    pub noted: bool,
    /// The guest changed a text after a note.
    pub edited_after: bool,
}

/// Everything a screen needs, provided as context once the config is valid.
#[derive(Clone, Copy)]
pub struct Kiosk {
    config: StoredValue<Arc<Config>>,
    checker: StoredValue<Arc<Checker>>,
    place: StoredValue<Option<String>>,
    pub lang: RwSignal<Lang>,
    pub mode: Mode,
    pub answers: RwSignal<Answers>,
    pub screen: RwSignal<Screen>,
    pub guidance: RwSignal<GuidanceState>,
    /// Bumped on every fresh session so screens mount anew.
    pub session: RwSignal<u32>,
}

impl Kiosk {
    pub fn config(&self) -> Arc<Config> {
        self.config.get_value()
    }

    pub fn checker(&self) -> Arc<Checker> {
        self.checker.get_value()
    }

    /// The place from `?place=`, if any.
    pub fn place(&self) -> Option<String> {
        self.place.get_value()
    }

    /// The copy for the active language. Screens re-render when the language changes,
    /// so static text is cheaper than a reactive closure per string.
    pub fn copy(&self) -> &'static Copy {
        copy(self.lang.get_untracked())
    }

    /// Wipes the session (screen, memory and draft) and shows a fresh form.
    pub fn reset(&self) {
        crate::draft::clear();
        // A fresh session is the safe moment to reload: nothing is on screen, and every
        // sent submission is already in the outbox. Reload for a new build, and every
        // `RELOAD_EVERY_SESSIONS` sessions, because Leptos keeps ~1.6 KB per unmounted
        // screen under long-lived owners (measured by bench/soak): a tablet running
        // for months stays bounded. From the service worker's cache it takes a moment.
        if browser::update_ready()
            || (self.mode == Mode::Kiosk
                && self.session.get_untracked() + 1 >= RELOAD_EVERY_SESSIONS)
        {
            browser::reload();
            return;
        }
        self.answers.set(Answers::default());
        self.guidance.set(GuidanceState::default());
        self.screen.set(Screen::Form);
        self.session.update(|n| *n += 1);
    }
}

/// The session context; every screen is mounted inside `KioskRoot`, which provides it.
pub fn use_kiosk() -> Kiosk {
    expect_context::<Kiosk>()
}

#[component]
pub fn App() -> impl IntoView {
    let loaded: RwSignal<Option<Result<Config, LoadError>>> = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let result = config_load::load().await;
        loaded.set(Some(result));
    });
    move || match loaded.get() {
        None => view! {
            <main class="boot" aria-busy="true">
                <p>"Loading… · " <span lang="fr">"Chargement…"</span></p>
            </main>
        }
        .into_any(),
        Some(Err(error)) => {
            let lang = lang::choose(
                &Lang::ALL,
                browser::query_param("lang").as_deref(),
                &browser::preferred_languages(),
            );
            view! { <ErrorPage error lang /> }.into_any()
        }
        Some(Ok(config)) => view! { <KioskRoot config /> }.into_any(),
    }
}

/// The kiosk once its config is valid.
#[component]
fn KioskRoot(config: Config) -> impl IntoView {
    let lang = RwSignal::new(lang::choose(
        &config.languages,
        browser::query_param("lang").as_deref(),
        &browser::preferred_languages(),
    ));
    let mode = browser::query_param("mode")
        .as_deref()
        .and_then(Mode::from_code)
        .unwrap_or(config.mode);
    if let Some(accent) = &config.theme.accent {
        browser::set_root_css_var("--accent", accent);
    }
    // Personal mode restores the guest's draft; kiosk mode never keeps one.
    let restored = match mode {
        Mode::Personal => crate::draft::load(),
        Mode::Kiosk => {
            crate::draft::clear();
            None
        }
    };
    let kiosk = Kiosk {
        checker: StoredValue::new(Arc::new(Checker::new(&config.staff_names))),
        config: StoredValue::new(Arc::new(config)),
        lang,
        place: StoredValue::new(place_from_url(browser::query_param("place").as_deref())),
        mode,
        answers: RwSignal::new(restored.unwrap_or_default()),
        screen: RwSignal::new(Screen::Form),
        guidance: RwSignal::new(GuidanceState::default()),
        session: RwSignal::new(0),
    };
    Effect::new(move |_| {
        let l = lang.get();
        browser::set_document_language(l.code(), copy(l).app_title);
    });
    provide_context(kiosk);
    provide_context(crate::outbox::Outbox::start(
        kiosk.config().endpoint.clone(),
    ));
    if mode == Mode::Personal {
        let answers = kiosk.answers;
        Effect::new(move |_| answers.with(crate::draft::save));
    }
    crate::device::request_persistent_storage();
    // Warm guidance up just after the form is up (≈ 10–20 ms once), not on the guest's
    // first debounced check.
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(300).await;
        kiosk.checker().warm_up();
    });
    if mode == Mode::Kiosk {
        crate::device::keep_screen_awake();
    }
    let idle_warning = (mode == Mode::Kiosk)
        .then(|| crate::idle::use_idle_reset(kiosk, kiosk.config().kiosk.idle_reset_seconds));

    let screen = kiosk.screen;
    let session = kiosk.session;
    view! {
        {move || {
            lang.track();
            view! { <Header /> }
        }}
        <main id="main" class="main">
            {move || {
                session.track();
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

/// "Are you still there?": any touch or key keeps the session.
#[component]
fn IdleWarning(
    /// Seconds left before the wipe, while the warning shows.
    warning: ReadSignal<Option<u32>>,
) -> impl IntoView {
    let kiosk = use_kiosk();
    view! {
        <Show when=move || warning.get().is_some()>
            <div class="idle-warning" role="alertdialog" aria-labelledby="idle-text">
                <p id="idle-text">
                    {move || {
                        lang_text(kiosk, |c| c.idle_warning, warning.get().unwrap_or(0))
                    }}
                </p>
                <button type="button" class="button primary">{move || {
                    kiosk.lang.track();
                    kiosk.copy().still_here
                }}</button>
            </div>
        </Show>
    }
}

fn lang_text(kiosk: Kiosk, pick: fn(&Copy) -> &'static str, n: u32) -> String {
    kiosk.lang.track();
    evenhand_core::i18n::fill(pick(kiosk.copy()), n, "")
}
