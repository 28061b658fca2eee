//! The manager's inbox (`inbox.html`, SPEC §10): sign in, then read, filter and verify
//! submissions. Its own bundle (`src/bin/inbox.rs`), never part of the kiosk's first
//! load. Rules (filters, paging, failures, copy) live in `evenhand_core::inbox_page`
//! and `evenhand_core::i18n::inbox`; these modules fetch and render.

pub mod api;
pub mod filters;
pub mod item;
pub mod list;
pub mod nav;
pub mod sign_in;
pub mod status;
pub mod time;

use evenhand_core::i18n::inbox::{inbox_copy, InboxCopy};
use evenhand_core::inbox_page::{Failure, Status};
use evenhand_core::lang::{self, Lang};
use leptos::prelude::*;

use evenhand::browser;

/// Whether a manager is signed in, as far as the page knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Session {
    /// `GET /api/inbox/me` has not answered yet.
    Checking,
    SignedOut,
    SignedIn(api::Who),
}

/// A short piece of news for the polite live region, told in the current language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum News {
    SignedOut,
    StatusSet(Status),
    NamesShown,
}

impl News {
    fn message(self, c: &InboxCopy) -> String {
        match self {
            News::SignedOut => c.signed_out.to_string(),
            News::StatusSet(s) => evenhand_core::i18n::fill(c.status_set, "", s.name(c)),
            News::NamesShown => c.names_revealed.to_string(),
        }
    }
}

/// What every part of the page shares: the language, the session, and the two live
/// regions (news, politely; failures, as alerts).
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub session: RwSignal<Session>,
    pub news: RwSignal<Option<News>>,
    pub failure: RwSignal<Option<Failure>>,
}

impl Ctx {
    /// The copy of the current language (tracked: views re-render on a switch).
    pub fn copy(&self) -> &'static InboxCopy {
        inbox_copy(self.lang.get())
    }

    /// Tells the manager what failed; an ended session goes back to sign-in.
    pub fn fail(&self, failure: Failure) {
        if failure == Failure::SignedOut {
            self.session.try_set(Session::SignedOut);
        }
        self.news.try_set(None);
        self.failure.try_set(Some(failure));
    }

    /// Good news, which also clears a failure it follows.
    pub fn tell(&self, news: News) {
        self.failure.try_set(None);
        self.news.try_set(Some(news));
    }

    /// Clears both live regions before an action whose outcome they will tell.
    pub fn quiet(&self) {
        self.failure.try_set(None);
        self.news.try_set(None);
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// The whole page: header (language, who is signed in, "Sign out"), the live regions,
/// then sign-in or the signed-in views.
#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = RwSignal::new(lang::choose(
        &Lang::ALL,
        browser::query_param("lang").as_deref(),
        &browser::preferred_languages(),
    ));
    let ctx = Ctx {
        lang,
        session: RwSignal::new(Session::Checking),
        news: RwSignal::new(None),
        failure: RwSignal::new(None),
    };
    provide_context(ctx);
    Effect::new(move |_| {
        let l = lang.get();
        browser::set_document_language(l.code(), inbox_copy(l).title);
    });
    leptos::task::spawn_local(async move {
        match api::me().await {
            Ok(Some(who)) => ctx.session.try_set(Session::SignedIn(who)),
            Ok(None) => ctx.session.try_set(Session::SignedOut),
            Err(f) => {
                ctx.session.try_set(Session::SignedOut);
                ctx.fail(f);
                None
            }
        };
    });
    view! {
        <header class="top">
            <span class="venue-name">"evenhand"</span>
            <LanguageSwitch />
            <Account />
        </header>
        <main id="main" class="main inbox">
            <p class="failure" role="alert">
                {move || ctx.failure.get().map(|f| f.message(ctx.copy()))}
            </p>
            <p class="news" role="status">
                {move || ctx.news.get().map(|n| n.message(ctx.copy()))}
            </p>
            {move || match ctx.session.get() {
                Session::Checking => view! {
                    <p class="boot" aria-busy="true">{ctx.copy().loading}</p>
                }.into_any(),
                Session::SignedOut => view! { <sign_in::SignIn /> }.into_any(),
                Session::SignedIn(_) => view! { <nav::SignedIn /> }.into_any(),
            }}
        </main>
    }
}

/// The other languages, each a button in its own language.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let ctx = use_ctx();
    let buttons = Lang::ALL
        .into_iter()
        .map(|l| {
            view! {
                <button
                    type="button"
                    class="link-button"
                    lang=l.code()
                    hidden=move || ctx.lang.get() == l
                    on:click=move |_| ctx.lang.set(l)
                >
                    {l.native_name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <nav class="lang-switch" aria-label=move || ctx.copy().language_switch_label>
            {buttons}
        </nav>
    }
}

/// Who is signed in (with the venues of an account limited to some), and "Sign out":
/// the session ends on the server first, so the cookie is useless afterwards.
#[component]
fn Account() -> impl IntoView {
    let ctx = use_ctx();
    let busy = RwSignal::new(false);
    let sign_out = move |_| {
        busy.set(true);
        ctx.quiet();
        leptos::task::spawn_local(async move {
            match api::sign_out().await {
                Ok(()) => {
                    ctx.session.try_set(Session::SignedOut);
                    ctx.tell(News::SignedOut);
                }
                Err(f) => ctx.fail(f),
            }
            busy.try_set(false);
        });
    };
    move || match ctx.session.get() {
        Session::SignedIn(who) => Some(view! {
            <div class="account">
                <span>{evenhand_core::i18n::fill(ctx.copy().signed_in_as, "", &who.email)}</span>
                {who.venues.map(|v| view! {
                    <span class="account-venues">
                        {evenhand_core::i18n::fill(ctx.copy().account_venues, "", &v.join(", "))}
                    </span>
                })}
                <button
                    type="button"
                    class="button secondary"
                    disabled=move || busy.get()
                    on:click=sign_out
                >
                    {move || ctx.copy().sign_out}
                </button>
            </div>
        }),
        _ => None,
    }
}
