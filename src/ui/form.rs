//! The form: praise and complaint side by side, optional ratings and contact, "Review".

use evenhand_core::config::ContactMode;
use evenhand_core::i18n::fill;
use evenhand_core::session::{char_count, clamp_text, Answers, ReviewGate, MAX_TEXT_CHARS};
use leptos::prelude::*;

use crate::app::{use_kiosk, Screen};
use crate::browser;
use crate::ui::guidance_note::{use_guidance, GuidanceNote};

/// Which message the form shows after "Review" was pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prompt {
    None,
    NothingToSend,
    AskForPraise,
    ConsentNeeded,
}

#[component]
pub fn FeedbackForm() -> impl IntoView {
    let kiosk = use_kiosk();
    let answers = kiosk.answers;
    let prompt = RwSignal::new(Prompt::None);
    let config = kiosk.config();
    let k = kiosk;

    let review = move || {
        let a = answers.get_untracked();
        if !a.email.trim().is_empty() && !a.consent {
            prompt.set(Prompt::ConsentNeeded);
            browser::focus("consent");
            return;
        }
        match a.review_gate() {
            ReviewGate::Empty => prompt.set(Prompt::NothingToSend),
            ReviewGate::AskForPraise => {
                prompt.set(Prompt::AskForPraise);
                browser::focus("praise");
            }
            ReviewGate::Ready => k.screen.set(Screen::Review),
        }
    };
    let review_click = review;
    let k = kiosk;
    let decline = move |_| {
        answers.update(|a| a.praise_declined = true);
        k.screen.set(Screen::Review);
    };
    // A prompt answers the last press of "Review"; typing again makes it stale,
    // except the nudge, which stays until the guest writes praise or declines.
    Effect::new(move |_| {
        let a = answers.get();
        if prompt.get_untracked() == Prompt::NothingToSend && !a.is_blank() {
            prompt.set(Prompt::None);
        }
        if prompt.get_untracked() == Prompt::AskForPraise && a.has_praise() {
            prompt.set(Prompt::None);
        }
        if prompt.get_untracked() == Prompt::ConsentNeeded && (a.consent || a.email.is_empty()) {
            prompt.set(Prompt::None);
        }
    });

    let c = kiosk.copy();
    let topics = config.topics.clone();
    let contact = config.contact == ContactMode::Optional;

    view! {
        <h1 class="visually-hidden" id="screen-heading" tabindex="-1">{c.app_title}</h1>
        <p class="intro">{c.intro}</p>
        <form
            class="feedback-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                review();
            }
        >
            <div class="panels">
                <TextPanel
                    id="praise"
                    extra=Box::new(move || view! {
                        // The balance nudge sits by the praise box, where focus goes.
                        <div class="nudge-region" role="alert">
                            <Show when=move || prompt.get() == Prompt::AskForPraise>
                                <div class="prompt nudge">
                                    <p class="nudge-question">{c.nudge_question}</p>
                                    <p class="hint">{c.nudge_hint}</p>
                                    <button type="button" class="button secondary" on:click=decline>
                                        {c.nothing_this_time}
                                    </button>
                                </div>
                            </Show>
                        </div>
                    }.into_any())
                    class="panel praise"
                    label=c.praise_label
                    hint=c.praise_hint
                    read=move |a: &Answers| a.praise.clone()
                    write=move |a: &mut Answers, v: String| a.praise = v
                />
                <TextPanel
                    id="complaint"
                    class="panel complaint"
                    label=c.complaint_label
                    hint=c.complaint_hint
                    read=move |a: &Answers| a.complaint.clone()
                    write=move |a: &mut Answers, v: String| a.complaint = v
                />
            </div>
            {(!topics.is_empty()).then(|| view! { <Ratings topics=topics.clone() /> })}
            {contact.then(|| view! { <ContactFields /> })}
            <div class="prompts" role="alert">
                {move || match prompt.get() {
                    Prompt::None => ().into_any(),
                    Prompt::NothingToSend => view! { <p class="prompt">{c.nothing_to_send}</p> }.into_any(),
                    Prompt::ConsentNeeded => view! { <p class="prompt">{c.consent_needed}</p> }.into_any(),
                    Prompt::AskForPraise => ().into_any(),
                }}
            </div>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| review_click()>
                    {c.review_button}
                </button>
            </div>
        </form>
    }
}

/// One text box with its label, hint, character counter and guidance note.
#[component]
fn TextPanel(
    /// Element id of the textarea; hint, counter and note ids derive from it.
    id: &'static str,
    /// CSS class of the panel.
    class: &'static str,
    label: &'static str,
    hint: &'static str,
    /// Reads this panel's text from the answers.
    read: impl Fn(&Answers) -> String + Copy + Send + Sync + 'static,
    /// Writes this panel's text into the answers.
    write: impl Fn(&mut Answers, String) + Copy + Send + Sync + 'static,
    /// Shown under the text box (the balance nudge for praise).
    #[prop(optional)]
    extra: Option<Box<dyn FnOnce() -> AnyView + Send>>,
) -> impl IntoView {
    let kiosk = use_kiosk();
    let answers = kiosk.answers;
    let text = Memo::new(move |_| answers.with(read));
    let count = move || char_count(&text.get());
    let at_limit = move || count() >= MAX_TEXT_CHARS;
    let findings = use_guidance(text);
    let hint_id = format!("{id}-hint");
    let counter_id = format!("{id}-count");
    let note_id = format!("{id}-note");
    let described_by = format!("{hint_id} {counter_id} {note_id}");
    let c = kiosk.copy();
    let k = kiosk;
    view! {
        <section class=class>
            <label for=id class="panel-label">{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
            <textarea
                id=id
                name=id
                rows="6"
                aria-describedby=described_by
                prop:value=move || text.get()
                on:input:target=move |ev| {
                    let raw = ev.target().value();
                    let kept = clamp_text(&raw).to_string();
                    if kept.len() != raw.len() {
                        // Stop input at the limit; the counter and message say why.
                        ev.target().set_value(&kept);
                    }
                    answers.update(|a| write(a, kept));
                    if k.guidance.with_untracked(|g| g.noted) {
                        k.guidance.update(|g| g.edited_after = true);
                    }
                }
            ></textarea>
            <p class="counter" id=counter_id class:at-limit=at_limit>
                {move || fill(c.counter, count(), "")}
            </p>
            <p class="limit" role="status">
                {move || at_limit().then_some(c.limit_reached)}
            </p>
            <GuidanceNote id=note_id findings />
            {extra.map(|f| f())}
        </section>
    }
}

/// Optional 1–5 ratings, one radio group per configured topic, with text labels.
#[component]
fn Ratings(
    /// Topic names from the config.
    topics: Vec<String>,
) -> impl IntoView {
    let kiosk = use_kiosk();
    let answers = kiosk.answers;
    let c = kiosk.copy();
    view! {
        <fieldset class="ratings">
            <legend>{c.ratings_legend}</legend>
            {topics
                .into_iter()
                .map(|topic| {
                                        let name = format!("rating-{topic}");
                    let t = topic.clone();
                    let current = Memo::new(move |_| answers.with(|a| a.ratings.get(&t).copied()));
                    let choices = (0u8..=5)
                        .map(|value| {
                            let topic = topic.clone();
                                                        let id = format!("{name}-{value}");
                            view! {
                                <label class="choice" for=id.clone()>
                                    <input
                                        type="radio"
                                        id=id.clone()
                                        name=name.clone()
                                        value=value.to_string()
                                        prop:checked=move || current.get().unwrap_or(0) == value
                                        on:change=move |_| answers.update(|a| a.rate(&topic, Some(value)))
                                    />
                                    <span>
                                        {if value == 0 { c.rating_clear } else { c.rating_names[usize::from(value - 1)] }}
                                    </span>
                                </label>
                            }
                        })
                        .collect_view();
                    let legend_id = format!("{name}-legend");
                    let labelled_by = legend_id.clone();
                    view! {
                        <fieldset class="rating" role="radiogroup" aria-labelledby=labelled_by>
                            <legend id=legend_id>{topic_label(&topic)}</legend>
                            <div class="choices">{choices}</div>
                        </fieldset>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// An operator's topic name as a label: first letter capitalised.
fn topic_label(topic: &str) -> String {
    let mut chars = topic.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Optional email with an explicit consent checkbox (SPEC §4, §8).
#[component]
fn ContactFields() -> impl IntoView {
    let kiosk = use_kiosk();
    let answers = kiosk.answers;
    let c = kiosk.copy();
    view! {
        <fieldset class="contact">
            <legend>{c.contact_legend}</legend>
            <label for="email">{c.email_label}</label>
            <input
                type="email"
                id="email"
                name="email"
                autocomplete="off"
                maxlength="254"
                prop:value=move || answers.with(|a| a.email.clone())
                on:input:target=move |ev| answers.update(|a| a.email = ev.target().value())
            />
            <label class="check" for="consent">
                <input
                    type="checkbox"
                    id="consent"
                    name="consent"
                    prop:checked=move || answers.with(|a| a.consent)
                    on:change:target=move |ev| answers.update(|a| a.consent = ev.target().checked())
                />
                <span>{c.consent_label}</span>
            </label>
        </fieldset>
    }
}
