//! The guest's answers in one feedback session, and the balance rules (SPEC §2).

use std::collections::BTreeMap;

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

/// What pressing "Review" leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewGate {
    /// Nothing written and nothing rated: explain there is nothing to send yet.
    Empty,
    /// A complaint with no praise: ask "Was there anything that went well?".
    AskForPraise,
    /// Go on to the review screen.
    Ready,
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

    /// The balance rule: a complaint alone first asks for praise, unless declined.
    pub fn review_gate(&self) -> ReviewGate {
        if self.has_complaint() && !self.has_praise() && !self.praise_declined {
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

    /// The email to send: only with an address and an explicit consent.
    pub fn consented_email(&self) -> Option<&str> {
        let email = self.email.trim();
        (self.consent && !email.is_empty()).then_some(email)
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

/// Seconds "Send" stays disabled: none for praise alone, longer while a text is heated.
pub fn cooling_off_seconds(answers: &Answers, heated: bool, normal: u32, when_heated: u32) -> u32 {
    if !answers.has_complaint() && !heated {
        0
    } else if heated {
        when_heated.max(normal)
    } else {
        normal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn cooling_off_only_with_a_complaint() {
        assert_eq!(cooling_off_seconds(&answers("nice", ""), false, 10, 20), 0);
        assert_eq!(cooling_off_seconds(&answers("", "slow"), false, 10, 20), 10);
        assert_eq!(cooling_off_seconds(&answers("", "slow"), true, 10, 20), 20);
    }

    #[test]
    fn contact_needs_consent() {
        let mut a = answers("nice", "");
        a.email = "guest@example.org".into();
        assert_eq!(a.consented_email(), None);
        a.consent = true;
        assert_eq!(a.consented_email(), Some("guest@example.org"));
    }
}
