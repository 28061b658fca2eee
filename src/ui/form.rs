//! The form: praise and complaint side by side, optional ratings and contact, "Review".

use evenhand_core::config::ContactMode;
use evenhand_core::guidance::Field;
use evenhand_core::i18n::fill;
use evenhand_core::session::{
    char_count, clamp_text, Answers, GuidanceState, ReviewGate, Screen, MAX_TEXT_CHARS,
};
use leptos::prelude::*;

use crate::browser;
use crate::state::{use_session, use_setup};
use crate::ui::guidance_note::{use_guidance, GuidanceNote};

#[component]
pub fn FeedbackForm() -> impl IntoView {
    let session = use_session();
    let answers = session.answers;
    // The prompt of the last press of "Review", while it still applies.
    let prompt: RwSignal<Option<ReviewGate>> = RwSignal::new(None);
    let config = use_setup().config();

    let review = move || match answers.with_untracked(Answers::review_gate) {
        ReviewGate::Ready => session.screen.set(Screen::Review),
        gate => {
            prompt.set(Some(gate));
            match gate {
                ReviewGate::ConsentNeeded => browser::focus("consent"),
                ReviewGate::AskForPraise => browser::focus("praise"),
                _ => {}
            }
        }
    };
    let review_click = review;
    let decline = move |_| {
        answers.update(|a| a.praise_declined = true);
        session.screen.set(Screen::Review);
    };
    Effect::new(move |_| {
        let stale = answers.with(|a| prompt.get_untracked().is_some_and(|p| !p.still_applies(a)));
        if stale {
            prompt.set(None);
        }
    });

    let c = session.copy();
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
                    field=Field::Praise
                    extra=Box::new(move || view! {
                        // The balance nudge sits by the praise box, where focus goes.
                        <div class="nudge-region" role="alert">
                            <Show when=move || prompt.get() == Some(ReviewGate::AskForPraise)>
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
                    field=Field::Complaint
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
                    Some(ReviewGate::Empty) => view! { <p class="prompt">{c.nothing_to_send}</p> }.into_any(),
                    Some(ReviewGate::ConsentNeeded) => view! { <p class="prompt">{c.consent_needed}</p> }.into_any(),
                    // The balance nudge sits by the praise box.
                    Some(ReviewGate::AskForPraise | ReviewGate::Ready) | None => ().into_any(),
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
    /// Which text this is, for guidance.
    field: Field,
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
    let session = use_session();
    let answers = session.answers;
    let text = Memo::new(move |_| answers.with(read));
    let count = move || char_count(&text.get());
    let at_limit = move || count() >= MAX_TEXT_CHARS;
    let findings = use_guidance(field, text);
    let hint_id = format!("{id}-hint");
    let counter_id = format!("{id}-count");
    let note_id = format!("{id}-note");
    let described_by = format!("{hint_id} {counter_id} {note_id}");
    let c = session.copy();
    let guidance = session.guidance;
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
                    guidance.maybe_update(GuidanceState::text_changed);
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
    let session = use_session();
    let answers = session.answers;
    let c = session.copy();
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
    let session = use_session();
    let answers = session.answers;
    let c = session.copy();
    // The operator's own words when the config has them (SPEC §13), else the default.
    let privacy_note = use_setup()
        .config()
        .privacy_note(session.lang.get_untracked())
        .unwrap_or(c.privacy_note)
        .to_string();
    view! {
        <fieldset class="contact">
            <legend>{c.contact_legend}</legend>
            <label for="email">{c.email_label}</label>
            <input
                type="email"
                id="email"
                name="email"
                autocomplete="off"
                maxlength=evenhand_core::limits::MAX_EMAIL_CHARS
                aria-describedby="privacy-note"
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
            <p class="privacy-note" id="privacy-note">{privacy_note}</p>
        </fieldset>
    }
}
