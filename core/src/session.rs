//! One feedback session (SPEC §2): the guest's answers and the rules that decide what
//! happens next — the balance nudge, the consent check, the screens, what guidance has
//! seen. [`payload`] turns a finished session into the payload; [`idle_step`] and
//! [`reload_at_reset`] decide when a shared tablet wipes an idle session and when it
//! reloads.

use std::collections::BTreeMap;

mod kiosk;
mod send;

pub use kiosk::{
    idle_applies, idle_step, reload_at_reset, warning_seconds, IdleStep, RELOAD_EVERY_SESSIONS,
};
pub use send::{payload, ReviewCheck, Stamp};

pub use crate::limits::{MAX_PLACE_CHARS, MAX_TEXT_CHARS};

/// What the guest has written and chosen so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Answers {
    pub praise: String,
    /// The guest pressed "Nothing this time".
    #[serde(default)]
    pub praise_declined: bool,
    pub complaint: String,
    /// Topic → 1..=5, only for topics the guest rated.
    #[serde(default)]
    pub ratings: BTreeMap<String, u8>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub consent: bool,
}

/// The screens of one feedback session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Form,
    Review,
    Thanks,
}

/// What pressing "Review" leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewGate {
    /// Nothing written and nothing rated: explain there is nothing to send yet.
    Empty,
    /// An email without the consent box ticked: tick it or empty the email (SPEC §8).
    ConsentNeeded,
    /// A complaint with no praise: ask "Was there anything that went well?".
    AskForPraise,
    /// Go on to the review screen.
    Ready,
}

impl ReviewGate {
    /// Whether the prompt this gate showed still applies after the guest changed the
    /// answers: typing makes "nothing to send" stale at once; the consent prompt and
    /// the balance nudge stay until what they ask for is done.
    pub fn still_applies(self, a: &Answers) -> bool {
        match self {
            ReviewGate::Empty => a.is_blank(),
            ReviewGate::ConsentNeeded => a.lacks_consent(),
            ReviewGate::AskForPraise => !a.has_praise(),
            ReviewGate::Ready => false,
        }
    }
}

/// What guidance has seen in the session so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GuidanceState {
    /// A note was shown for some text during this session.
    pub noted: bool,
    /// The guest changed a text after a note.
    pub edited_after: bool,
}

impl GuidanceState {
    /// A note showed for some text. Returns whether that changed the state.
    pub fn note_shown(&mut self) -> bool {
        !std::mem::replace(&mut self.noted, true)
    }

    /// The guest changed a text: it counts as an edit after guidance once a note showed.
    /// Returns whether that changed the state.
    pub fn text_changed(&mut self) -> bool {
        let before = self.edited_after;
        self.edited_after |= self.noted;
        self.edited_after != before
    }
}

impl Answers {
    pub fn praise_text(&self) -> &str {
        self.praise.trim()
    }

    pub fn complaint_text(&self) -> &str {
        self.complaint.trim()
    }

    pub fn has_praise(&self) -> bool {
        !self.praise_text().is_empty()
    }

    pub fn has_complaint(&self) -> bool {
        !self.complaint_text().is_empty()
    }

    /// Whether the guest typed or chose anything at all (drives the idle warning and drafts).
    pub fn is_blank(&self) -> bool {
        self.praise.trim().is_empty()
            && self.complaint.trim().is_empty()
            && self.ratings.is_empty()
            && self.email.trim().is_empty()
            && !self.praise_declined
    }

    /// An email given without the consent to use it.
    pub fn lacks_consent(&self) -> bool {
        !self.consent && !self.email.trim().is_empty()
    }

    /// What "Review" leads to: an email needs consent first; then the balance rule, a
    /// complaint alone first asks for praise, unless declined.
    pub fn review_gate(&self) -> ReviewGate {
        if self.lacks_consent() {
            ReviewGate::ConsentNeeded
        } else if self.has_complaint() && !self.has_praise() && !self.praise_declined {
            ReviewGate::AskForPraise
        } else if self.has_complaint() || self.has_praise() || !self.ratings.is_empty() {
            ReviewGate::Ready
        } else {
            ReviewGate::Empty
        }
    }

    /// Sets or clears a topic's rating; values outside 1..=5 clear it.
    pub fn rate(&mut self, topic: &str, value: Option<u8>) {
        match value.filter(|v| (1..=5).contains(v)) {
            Some(v) => {
                self.ratings.insert(topic.to_string(), v);
            }
            None => {
                self.ratings.remove(topic);
            }
        }
    }

    /// The guest's ratings of topics the config still offers, by topic name.
    pub fn configured_ratings(&self, topics: &[String]) -> Vec<(String, u8)> {
        self.ratings
            .iter()
            .filter(|(topic, _)| topics.contains(topic))
            .map(|(topic, value)| (topic.clone(), *value))
            .collect()
    }

    /// The email to send: only with an address and an explicit consent.
    pub fn consented_email(&self) -> Option<&str> {
        let email = self.email.trim();
        (self.consent && !email.is_empty()).then_some(email)
    }

    /// Takes in what the guest typed on the form's first screen (plain HTML, before the
    /// app started): each box that holds anything replaces the restored draft's text for
    /// it, cut to the limit as typing is; an empty box keeps the draft's.
    pub fn adopt_typed(&mut self, praise: &str, complaint: &str) {
        for (typed, kept) in [(praise, &mut self.praise), (complaint, &mut self.complaint)] {
            if !typed.is_empty() {
                *kept = clamp_text(typed).to_string();
            }
        }
    }
}

/// Cuts a text to [`MAX_TEXT_CHARS`] characters (not bytes), on a char boundary.
pub fn clamp_text(text: &str) -> &str {
    clamp_chars(text, MAX_TEXT_CHARS)
}

/// Cuts a text to `max` characters.
pub fn clamp_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((byte, _)) => &text[..byte],
        None => text,
    }
}

/// Counts characters the way the limit counts them.
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// The place from `?place=`: trimmed, at most 64 characters, none when empty.
pub fn place_from_url(raw: Option<&str>) -> Option<String> {
    let place = clamp_chars(raw?.trim(), MAX_PLACE_CHARS).trim();
    (!place.is_empty()).then(|| place.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_before_the_app_started_replaces_the_draft_box_by_box() {
        let mut restored = answers("draft praise", "draft complaint");
        restored.rate("food", Some(4));
        restored.adopt_typed("Lovely soup, Ana", "");
        assert_eq!(restored.praise, "Lovely soup, Ana");
        assert_eq!(
            restored.complaint, "draft complaint",
            "an empty box keeps the draft"
        );
        assert_eq!(
            restored.ratings.get("food"),
            Some(&4),
            "ratings are untouched"
        );

        let mut fresh = Answers::default();
        fresh.adopt_typed("  spaced  ", "Cold\nplates");
        assert_eq!(
            (fresh.praise.as_str(), fresh.complaint.as_str()),
            ("  spaced  ", "Cold\nplates")
        );
    }

    #[test]
    fn typed_before_the_app_started_is_cut_to_the_limit() {
        let long = "é".repeat(MAX_TEXT_CHARS + 10);
        let mut a = Answers::default();
        a.adopt_typed(&long, &long);
        assert_eq!(char_count(&a.praise), MAX_TEXT_CHARS);
        assert_eq!(char_count(&a.complaint), MAX_TEXT_CHARS);
    }

    fn answers(praise: &str, complaint: &str) -> Answers {
        Answers {
            praise: praise.into(),
            complaint: complaint.into(),
            ..Answers::default()
        }
    }

    #[test]
    fn complaint_alone_asks_for_praise() {
        assert_eq!(
            answers("", "cold soup").review_gate(),
            ReviewGate::AskForPraise
        );
        assert_eq!(
            answers("   ", "cold soup").review_gate(),
            ReviewGate::AskForPraise
        );
    }

    #[test]
    fn declining_praise_lets_the_complaint_through() {
        let mut a = answers("", "cold soup");
        a.praise_declined = true;
        assert_eq!(a.review_gate(), ReviewGate::Ready);
    }

    #[test]
    fn praise_alone_needs_no_nudge() {
        assert_eq!(answers("lovely", "").review_gate(), ReviewGate::Ready);
        assert_eq!(
            answers("lovely", "cold soup").review_gate(),
            ReviewGate::Ready
        );
    }

    #[test]
    fn nothing_is_empty_but_a_rating_is_enough() {
        assert_eq!(answers(" ", "\n").review_gate(), ReviewGate::Empty);
        let mut a = Answers::default();
        a.rate("food", Some(4));
        assert_eq!(a.review_gate(), ReviewGate::Ready);
        a.rate("food", Some(9));
        assert_eq!(a.review_gate(), ReviewGate::Empty);
    }

    #[test]
    fn clamp_counts_characters_not_bytes() {
        let text = "é".repeat(MAX_TEXT_CHARS + 10);
        assert_eq!(char_count(clamp_text(&text)), MAX_TEXT_CHARS);
        assert_eq!(clamp_text("short"), "short");
    }

    #[test]
    fn place_is_trimmed_and_capped() {
        assert_eq!(place_from_url(Some(" table-12 ")), Some("table-12".into()));
        assert_eq!(place_from_url(Some("")), None);
        assert_eq!(place_from_url(None), None);
        let long = "x".repeat(100);
        assert_eq!(place_from_url(Some(&long)).map(|p| p.len()), Some(64));
    }

    #[test]
    fn contact_needs_consent() {
        let mut a = answers("nice", "");
        a.email = "guest@example.org".into();
        assert_eq!(a.consented_email(), None);
        a.consent = true;
        assert_eq!(a.consented_email(), Some("guest@example.org"));
    }

    #[test]
    fn only_configured_topics_are_rated() {
        let mut a = Answers::default();
        a.rate("food", Some(4));
        a.rate("parking", Some(2));
        let topics = ["service".to_string(), "food".to_string()];
        assert_eq!(a.configured_ratings(&topics), [("food".to_string(), 4)]);
    }

    #[test]
    fn an_email_without_consent_stops_review_first() {
        let mut a = answers("", "cold soup");
        a.email = " guest@example.org ".into();
        assert_eq!(a.review_gate(), ReviewGate::ConsentNeeded);
        a.consent = true;
        assert_eq!(a.review_gate(), ReviewGate::AskForPraise);
        // Consent alone, or blank space for an email, asks nothing.
        let mut b = answers("lovely", "");
        b.consent = true;
        assert_eq!(b.review_gate(), ReviewGate::Ready);
        b.consent = false;
        b.email = "  ".into();
        assert_eq!(b.review_gate(), ReviewGate::Ready);
    }

    #[test]
    fn a_prompt_stands_until_its_answer_is_given() {
        let mut a = Answers::default();
        assert!(ReviewGate::Empty.still_applies(&a));
        a.complaint = "slow".into();
        assert!(!ReviewGate::Empty.still_applies(&a));
        assert!(ReviewGate::AskForPraise.still_applies(&a));
        a.praise = "the view".into();
        assert!(!ReviewGate::AskForPraise.still_applies(&a));
        a.email = "guest@example.org".into();
        assert!(ReviewGate::ConsentNeeded.still_applies(&a));
        a.consent = true;
        assert!(!ReviewGate::ConsentNeeded.still_applies(&a));
        a.consent = false;
        a.email.clear();
        assert!(!ReviewGate::ConsentNeeded.still_applies(&a));
    }

    #[test]
    fn an_edit_counts_only_after_a_note() {
        let mut g = GuidanceState::default();
        assert!(!g.text_changed());
        assert!(!g.edited_after);
        assert!(g.note_shown());
        assert!(!g.note_shown());
        assert!(g.text_changed());
        assert!(g.edited_after);
        assert!(!g.text_changed());
    }
}
