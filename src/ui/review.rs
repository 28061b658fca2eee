//! Review: the guest's own words as text, guidance, the count to ten, "Send" and "Edit".

use evenhand_core::guidance::Findings;
use evenhand_core::i18n::fill;
use evenhand_core::session::{payload, GuidanceState, ReviewCheck, Screen, Stamp};
use leptos::prelude::*;

use crate::browser;
use crate::hooks::use_countdown;
use crate::outbox::Outbox;
use crate::state::{use_session, use_setup};

#[component]
pub fn Review() -> impl IntoView {
    let setup = use_setup();
    let session = use_session();
    let answers = session.answers.get_untracked();
    let config = setup.config();
    let check = ReviewCheck::new(&answers, &setup.checker(), &config);
    if check.noted() {
        session.guidance.maybe_update(GuidanceState::note_shown);
    }
    let heated = check.heated();
    let pause = check.pause_seconds;
    let remaining = use_countdown(pause);
    let sending = RwSignal::new(false);
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    Effect::new(move |_| browser::focus("screen-heading"));
    let outbox = expect_context::<Outbox>();
    let on_send = move |_: leptos::ev::MouseEvent| {
        if sending.get_untracked() || remaining.get_untracked() > 0 {
            return;
        }
        let stamp = Stamp {
            id: browser::new_id(),
            now_ms: browser::now_ms() as i64,
            place: setup.place(),
            mode: setup.mode,
            language: session.lang.get_untracked(),
        };
        let submission = session.answers.with_untracked(|answers| {
            payload(
                answers,
                session.guidance.get_untracked(),
                &setup.checker(),
                &setup.config(),
                stamp,
            )
        });
        sending.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            // The thank-you shows only once the submission is durably stored (SPEC §5).
            match outbox.put(&submission).await {
                Ok(()) => {
                    crate::draft::clear();
                    session.screen.try_set(Screen::Thanks);
                }
                Err(e) => {
                    sending.try_set(false);
                    let lang = session.lang.get_untracked();
                    failure.try_set(Some(fill(
                        evenhand_core::i18n::copy(lang).storage_failed,
                        "",
                        &e.detail(),
                    )));
                }
            }
        });
    };
    let edit = move |_| session.screen.set(Screen::Form);

    let c = session.copy();
    let praise = answers.praise_text().to_string();
    let complaint = answers.complaint_text().to_string();
    let declined = answers.praise_declined && praise.is_empty();
    let ratings = answers.configured_ratings(&config.topics);
    let email = answers.consented_email().map(str::to_string);
    let pass_on = check
        .pass_on(session.lang.get_untracked())
        .unwrap_or_default();
    let ReviewCheck {
        praise: praise_findings,
        complaint: complaint_findings,
        ..
    } = check;
    view! {
        <h1 id="screen-heading" tabindex="-1">{c.review_heading}</h1>
        <p class="intro">{c.review_intro}</p>
        <div class="review">
            {(!praise.is_empty() || declined).then(|| view! {
                <section class="panel praise">
                    <h2>{c.review_praise}</h2>
                    {if declined {
                        view! { <p class="declined">{c.review_praise_declined}</p> }.into_any()
                    } else {
                        view! { <p class="guest-text">{praise.clone()}</p> }.into_any()
                    }}
                    <Notes findings=praise_findings.clone() pass_on=pass_on.clone() />
                </section>
            })}
            {(!complaint.is_empty()).then(|| view! {
                <section class="panel complaint">
                    <h2>{c.review_complaint}</h2>
                    <p class="guest-text">{complaint.clone()}</p>
                    <Notes findings=complaint_findings.clone() pass_on=String::new() />
                </section>
            })}
            {(!ratings.is_empty()).then(|| view! {
                <section class="panel ratings-summary">
                    <h2>{c.review_ratings}</h2>
                    <ul>
                        {ratings.iter().map(|(topic, value)| {
                            let topic = topic.clone();
                            let value = *value;
                            view! {
                                <li>{topic} " : " {move || c.rating_names[usize::from(value.clamp(1, 5) - 1)]}</li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {email.map(|email| view! {
                <section class="panel contact-summary">
                    <h2>{c.review_contact}</h2>
                    <p class="guest-text">{email}</p>
                </section>
            })}
        </div>
        {(pause > 0).then(|| view! {
            <p class="why">{move || if heated { c.countdown_why_heated } else { c.countdown_why }}</p>
        })}
        <p class="countdown" role="status" aria-atomic="true">
            {move || {
                let left = remaining.get();
                if left > 0 { fill(c.countdown, left, "") } else if pause > 0 { c.ready_to_send.to_string() } else { String::new() }
            }}
        </p>
        <p class="failure" role="alert">{move || failure.get()}</p>
        <div class="actions">
            <button type="button" class="button secondary" on:click=edit>
                {c.edit}
            </button>
            <button
                type="button"
                class="button primary"
                disabled=move || { remaining.get() > 0 || sending.get() }
                on:click=on_send
            >
                {move || if sending.get() { c.sending } else { c.send }}
            </button>
        </div>
    }
}

/// Guidance notes for one text on the review screen.
#[component]
fn Notes(
    /// What guidance found in the text.
    findings: Findings,
    /// "We'll pass this on to Amy." for praise that names staff; empty otherwise.
    pass_on: String,
) -> impl IntoView {
    let named = !findings.names_to_note().is_empty();
    let heated = findings.is_heated();
    let c = use_session().copy();
    view! {
        <div class="guidance">
            {named.then(|| view! { <p class="note">{c.guidance_name_note}</p> })}
            {heated.then(|| view! { <p class="note">{c.guidance_heated_note}</p> })}
            <p class="pass-on">{pass_on}</p>
        </div>
    }
}
