//! Sign in (SPEC §10): "Email", "Password", "Sign in". The server's refusals are told
//! in the alert region; the password field is emptied and focused for another try.

use evenhand_core::inbox_page::Failure;
use leptos::prelude::*;

use super::{api, use_ctx, Session};
use evenhand::browser;

#[component]
pub fn SignIn() -> impl IntoView {
    let ctx = use_ctx();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // The page opens here, and comes back here after "Sign out" or an ended session:
    // the first field is where the manager goes next.
    Effect::new(move |_| browser::focus("sign-in-email"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        ctx.quiet();
        let (e, p) = (email.get_untracked(), password.get_untracked());
        leptos::task::spawn_local(async move {
            let outcome = match api::sign_in(e.trim(), &p).await {
                // The session is checked once: a browser that refused the cookie
                // would otherwise show an inbox that answers nothing.
                Ok(()) => match api::me().await {
                    Ok(Some(who)) => Ok(who),
                    Ok(None) => Err(Failure::CookieNotKept),
                    Err(f) => Err(f),
                },
                Err(f) => Err(f),
            };
            busy.try_set(false);
            match outcome {
                Ok(who) => {
                    ctx.session.try_set(Session::SignedIn(who));
                }
                Err(failure) => {
                    password.try_set(String::new());
                    ctx.fail(failure);
                    browser::focus("sign-in-password");
                }
            }
        });
    };
    view! {
        <section class="sign-in" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title" tabindex="-1">{move || ctx.copy().sign_in_heading}</h1>
            <form class="sign-in-form" on:submit=submit>
                <label for="sign-in-email">{move || ctx.copy().email_label}</label>
                <input
                    id="sign-in-email"
                    type="email"
                    autocomplete="username"
                    required
                    prop:value=move || email.get()
                    on:input:target=move |ev| email.set(ev.target().value())
                />
                <label for="sign-in-password">{move || ctx.copy().password_label}</label>
                <input
                    id="sign-in-password"
                    type="password"
                    autocomplete="current-password"
                    required
                    prop:value=move || password.get()
                    on:input:target=move |ev| password.set(ev.target().value())
                />
                <div class="actions">
                    <button type="submit" class="button primary" aria-disabled=move || busy.get().to_string()>
                        {move || ctx.copy().sign_in}
                    </button>
                </div>
                <p class="news" aria-live="polite">
                    {move || busy.get().then(|| ctx.copy().signing_in)}
                </p>
            </form>
        </section>
    }
}
