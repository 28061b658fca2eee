//! Review: the guest's own words as text, guidance, the count to ten, "Send" and "Edit".

use evenhand_core::guidance::names_mentioned;
use evenhand_core::i18n::fill;
use evenhand_core::session::cooling_off_seconds;
use evenhand_core::submission::{self, GuidanceReport, SendContext};
use evenhand_core::time::rfc3339_millis;
use leptos::prelude::*;

use crate::app::{use_kiosk, Screen};
use crate::browser;
use crate::hooks::use_countdown;
use crate::outbox::Outbox;

#[component]
pub fn Review() -> impl IntoView {
    let kiosk = use_kiosk();
    let answers = kiosk.answers.get_untracked();
    let config = kiosk.config();
    let praise_findings = kiosk.checker().check(answers.praise_text());
    let complaint_findings = kiosk.checker().check(answers.complaint_text());
    let heated = praise_findings.is_heated() || complaint_findings.is_heated();
    let named = !praise_findings.names.is_empty() || !complaint_findings.names.is_empty();
    if heated || named {
        kiosk.guidance.update(|g| g.noted = true);
    }
    let pause = cooling_off_seconds(
        &answers,
        heated,
        config.cooling_off_seconds,
        config.cooling_off_heated_seconds,
    );
    let remaining = use_countdown(pause);
    let sending = RwSignal::new(false);
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    Effect::new(move |_| browser::focus("screen-heading"));
    let k = kiosk;
    let outbox = expect_context::<Outbox>();
    let on_send = move |_: leptos::ev::MouseEvent| {
        if sending.get_untracked() || remaining.get_untracked() > 0 {
            return;
        }
        let answers = k.answers.get_untracked();
        let guidance = k.guidance.get_untracked();
        let ctx = SendContext {
            id: browser::new_id(),
            created_at: rfc3339_millis(browser::now_ms() as i64),
            place: k.place(),
            mode: k.mode,
            language: k.lang.get_untracked(),
            guidance: GuidanceReport {
                names_mentioned: names_mentioned(
                    &k.checker(),
                    &[
                        &k.checker().check(answers.praise_text()),
                        &k.checker().check(answers.complaint_text()),
                    ],
                ),
                heated,
                edited_after_guidance: guidance.edited_after,
            },
        };
        let payload = submission::build(&answers, &k.config(), ctx);
        sending.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            // The thank-you shows only once the submission is durably stored (SPEC §5).
            match outbox.put(&payload).await {
                Ok(()) => {
                    crate::draft::clear();
                    k.screen.try_set(Screen::Thanks);
                }
                Err(e) => {
                    sending.try_set(false);
                    let lang = k.lang.get_untracked();
                    failure.try_set(Some(fill(
                        evenhand_core::i18n::copy(lang).storage_failed,
                        "",
                        &e.detail(),
                    )));
                }
            }
        });
    };
    let k = kiosk;
    let edit = move |_| k.screen.set(Screen::Form);

    let c = kiosk.copy();
    let praise = answers.praise_text().to_string();
    let complaint = answers.complaint_text().to_string();
    let declined = answers.praise_declined && praise.is_empty();
    let ratings: Vec<(String, u8)> = answers
        .ratings
        .iter()
        .filter(|(t, _)| config.topics.contains(t))
        .map(|(t, v)| (t.clone(), *v))
        .collect();
    let email = answers.consented_email().map(str::to_string);
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
                    <Notes findings=praise_findings.clone() />
                </section>
            })}
            {(!complaint.is_empty()).then(|| view! {
                <section class="panel complaint">
                    <h2>{c.review_complaint}</h2>
                    <p class="guest-text">{complaint.clone()}</p>
                    <Notes findings=complaint_findings.clone() />
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
    findings: evenhand_core::guidance::Findings,
) -> impl IntoView {
    let kiosk = use_kiosk();
    let named = !findings.names.is_empty();
    let heated = findings.is_heated();
    let c = kiosk.copy();
    view! {
        <div class="guidance">
            {named.then(|| view! { <p class="note">{c.guidance_name_note}</p> })}
            {heated.then(|| view! { <p class="note">{c.guidance_heated_note}</p> })}
        </div>
    }
}
