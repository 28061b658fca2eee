//! The kiosk's state, as two contexts: [`Setup`], what never changes once the config is
//! valid, and [`Session`], the guest's session. Screens read them through
//! [`use_setup`] and [`use_session`]; the rules that decide live in `evenhand-core`.

use std::sync::Arc;

use evenhand_core::config::{Config, Mode};
use evenhand_core::guidance::Checker;
use evenhand_core::i18n::{copy, Copy};
use evenhand_core::lang::Lang;
use evenhand_core::session::{reload_at_reset, Answers, GuidanceState, Screen};
use leptos::prelude::*;

use crate::browser;

/// What never changes once the config is valid.
#[derive(Clone, Copy)]
pub struct Setup {
    config: StoredValue<Arc<Config>>,
    checker: StoredValue<Arc<Checker>>,
    place: StoredValue<Option<String>>,
    pub mode: Mode,
    /// Whether guidance has its word lists, fetched once the form is up (src/app.rs):
    /// the notes check the texts again when they arrive.
    pub guidance_lists: RwSignal<bool>,
}

impl Setup {
    pub fn new(config: Config, place: Option<String>, mode: Mode) -> Setup {
        Setup {
            checker: StoredValue::new(Arc::new(Checker::new(&config.staff_names))),
            config: StoredValue::new(Arc::new(config)),
            place: StoredValue::new(place),
            mode,
            guidance_lists: RwSignal::new(evenhand_core::guidance::lists_loaded()),
        }
    }

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
}

/// The guest's session: the language, the answers, the screen, what guidance saw.
#[derive(Clone, Copy)]
pub struct Session {
    pub lang: RwSignal<Lang>,
    pub answers: RwSignal<Answers>,
    pub screen: RwSignal<Screen>,
    pub guidance: RwSignal<GuidanceState>,
    /// How many sessions this page has finished; screens mount anew when it changes.
    pub count: RwSignal<u32>,
}

impl Session {
    pub fn new(lang: Lang, answers: Answers) -> Session {
        Session {
            lang: RwSignal::new(lang),
            answers: RwSignal::new(answers),
            screen: RwSignal::new(Screen::Form),
            guidance: RwSignal::new(GuidanceState::default()),
            count: RwSignal::new(0),
        }
    }

    /// The copy for the active language. Screens re-render when the language changes,
    /// so static text is cheaper than a reactive closure per string.
    pub fn copy(&self) -> &'static Copy {
        copy(self.lang.get_untracked())
    }

    /// Wipes the session (screen, memory and draft) and shows a fresh form, or reloads
    /// the page when `evenhand_core::session::reload_at_reset` says so. From the
    /// service worker's cache a reload takes a moment.
    pub fn reset(&self, mode: Mode) {
        crate::draft::clear();
        if reload_at_reset(browser::update_ready(), mode, self.count.get_untracked()) {
            browser::reload();
            return;
        }
        self.answers.set(Answers::default());
        self.guidance.set(GuidanceState::default());
        self.screen.set(Screen::Form);
        self.count.update(|n| *n += 1);
    }
}

/// Provides both contexts to everything mounted below.
pub fn provide(setup: Setup, session: Session) {
    provide_context(setup);
    provide_context(session);
}

/// What never changes; provided once the config is valid.
pub fn use_setup() -> Setup {
    expect_context::<Setup>()
}

/// The guest's session; provided once the config is valid.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
