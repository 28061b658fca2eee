//! Loads the config and mounts the kiosk: the error page when the config cannot be
//! used, else the state (`state`), the shell's services and the screens (`ui`).

use evenhand_core::config::{Config, Mode};
use evenhand_core::i18n::copy;
use evenhand_core::lang::{self, Lang};
use evenhand_core::session::place_from_url;
use leptos::prelude::*;

use crate::browser;
use crate::config_load::{self, LoadError};
use crate::first_screen::{self, Typed};
use crate::state::{self, Session, Setup};
use crate::ui::boot::Loading;
use crate::ui::error_page::ErrorPage;
use crate::ui::kiosk::KioskScreens;

#[component]
pub fn App() -> impl IntoView {
    let loaded: RwSignal<Option<Result<Config, LoadError>>> = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let result = config_load::load().await;
        loaded.set(Some(result));
        // After the screen's render effects have run.
        gloo_timers::future::TimeoutFuture::new(0).await;
        browser::announce_ready();
    });
    // The form's first screen stays until the config is loaded; then it is taken over
    // (or, when the config cannot be used, dropped for the error page) in this same task.
    move || match loaded.get() {
        None if first_screen::present() => ().into_any(),
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => {
            first_screen::take();
            let lang = choose_lang(&Lang::ALL);
            view! { <ErrorPage error lang /> }.into_any()
        }
        Some(Ok(config)) => {
            let typed = first_screen::take();
            view! { <Kiosk config typed /> }.into_any()
        }
    }
}

/// The language from `?lang=`, else the browser's, among those offered.
fn choose_lang(offered: &[Lang]) -> Lang {
    lang::choose(
        offered,
        browser::query_param("lang").as_deref(),
        &browser::preferred_languages(),
    )
}

/// The kiosk once its config is valid: state, services, screens.
#[component]
fn Kiosk(
    config: Config,
    /// What the guest typed on the first screen before the app started.
    typed: Option<Typed>,
) -> impl IntoView {
    let lang = choose_lang(&config.languages);
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
    let place = place_from_url(browser::query_param("place").as_deref());
    let endpoint = config.endpoint.clone();
    let idle_reset_seconds = config.kiosk.idle_reset_seconds;
    let setup = Setup::new(config, place, mode);
    let mut answers = restored.unwrap_or_default();
    if let Some(typed) = &typed {
        answers.adopt_typed(&typed.praise, &typed.complaint);
    }
    let session = Session::new(lang, answers);
    state::provide(setup, session);
    provide_context(crate::outbox::Outbox::start(endpoint));

    let lang = session.lang;
    Effect::new(move |_| {
        let l = lang.get();
        browser::set_document_language(l.code(), copy(l).app_title);
    });
    if mode == Mode::Personal {
        let answers = session.answers;
        Effect::new(move |_| answers.with(crate::draft::save));
    }
    crate::device::request_persistent_storage();
    // Guidance's word lists (17 KB gzipped) come once the form is up, not in the wasm a
    // guest waits for (SPEC §9); the loader names the hashed file (scripts/post-build.mjs)
    // and the service worker keeps it for offline use. If they cannot be fetched, the
    // form works and sends all the same, with guidance silent. Then warm guidance up
    // (≈ 10–20 ms once), not on the guest's first debounced check.
    leptos::task::spawn_local(async move {
        // After the form is announced ready (App, above), so the fetch does not delay it.
        gloo_timers::future::TimeoutFuture::new(0).await;
        if let Some(url) = browser::global_string("evenhandGuidance") {
            if let Ok(bundle) = crate::send::get_text(&url).await {
                evenhand_core::guidance::load_lists(&bundle);
            }
        }
        if evenhand_core::guidance::lists_loaded() {
            setup.checker().warm_up();
            setup.guidance_lists.try_set(true);
        }
    });
    if mode == Mode::Kiosk {
        crate::device::keep_screen_awake();
    }
    let idle_warning = (mode == Mode::Kiosk)
        .then(|| crate::idle::use_idle_reset(setup, session, idle_reset_seconds));
    if let Some(typed) = typed {
        // Runs once the form below is mounted, before the next paint.
        Effect::new(move |_| typed.refocus());
    }
    view! { <KioskScreens idle_warning /> }
}
