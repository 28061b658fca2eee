//! From review to payload: what guidance says about the texts as they stand, how long
//! "Send" waits, and the payload built from the session.

use crate::config::{Config, Mode};
use crate::guidance::{Checker, Field, Findings};
use crate::lang::Lang;
use crate::submission::{self, GuidanceReport, Payload, SendContext};
use crate::time::rfc3339_millis;

use super::{Answers, GuidanceState};

/// Guidance on the texts as the review screen shows them, and the count to ten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewCheck {
    pub praise: Findings,
    pub complaint: Findings,
    /// The staff the praise names, as configured: passed on (`praise.staff_named`).
    pub staff_named: Vec<String>,
    /// Seconds "Send" stays disabled.
    pub pause_seconds: u32,
}

impl ReviewCheck {
    pub fn new(answers: &Answers, checker: &Checker, config: &Config) -> ReviewCheck {
        let praise = checker.check(Field::Praise, answers.praise_text());
        let complaint = checker.check(Field::Complaint, answers.complaint_text());
        let heated = praise.is_heated() || complaint.is_heated();
        let pause_seconds = cooling_off_seconds(
            answers,
            heated,
            config.cooling_off_seconds,
            config.cooling_off_heated_seconds,
        );
        ReviewCheck {
            staff_named: checker.staff_named(&praise),
            praise,
            complaint,
            pause_seconds,
        }
    }

    /// A text is still heated: the pause is the longer one, and the payload says so.
    pub fn heated(&self) -> bool {
        self.praise.is_heated() || self.complaint.is_heated()
    }

    /// Guidance has a note for some text (names in the praise are welcome, not noted).
    pub fn noted(&self) -> bool {
        self.praise.has_note() || self.complaint.has_note()
    }

    /// "We'll pass this on to Amy.": the praise's names, in the guest's language.
    pub fn pass_on(&self, lang: Lang) -> Option<String> {
        crate::i18n::copy(lang).pass_on(&self.staff_named)
    }

    /// What the payload's `guidance` block records (SPEC §6).
    fn report(&self, checker: &Checker, seen: GuidanceState) -> GuidanceReport {
        GuidanceReport {
            names_mentioned: checker.names_mentioned(&self.complaint),
            heated: self.heated(),
            edited_after_guidance: seen.edited_after,
        }
    }
}

/// Seconds "Send" stays disabled: none for praise alone, longer while a text is heated.
fn cooling_off_seconds(answers: &Answers, heated: bool, normal: u32, when_heated: u32) -> u32 {
    if !answers.has_complaint() && !heated {
        0
    } else if heated {
        when_heated.max(normal)
    } else {
        normal
    }
}

/// What only the shell can know when the guest presses "Send".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// A fresh UUID v4.
    pub id: String,
    /// The clock, in milliseconds since the Unix epoch.
    pub now_ms: i64,
    pub place: Option<String>,
    pub mode: Mode,
    pub language: Lang,
}

/// The payload of a finished session: the answers, and what guidance sees in the texts
/// as they are sent and saw during the session.
pub fn payload(
    answers: &Answers,
    seen: GuidanceState,
    checker: &Checker,
    config: &Config,
    stamp: Stamp,
) -> Payload {
    let check = ReviewCheck::new(answers, checker, config);
    let ctx = SendContext {
        guidance: check.report(checker, seen),
        staff_named: check.staff_named,
        id: stamp.id,
        created_at: rfc3339_millis(stamp.now_ms),
        place: stamp.place,
        mode: stamp.mode,
        language: stamp.language,
    };
    submission::build(answers, config, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;

    fn config(extra: &str) -> Config {
        let json = format!(
            r#"{{"venue": {{"id": "bistro", "name": "Bistro"}}, "endpoint": {{"url": "/api/feedback"}},
                "staff_names": ["Amy", "Jean-Marc", "Léa"], "topics": ["food"]{extra}}}"#
        );
        parse(&json).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn answers(praise: &str, complaint: &str) -> Answers {
        Answers {
            praise: praise.into(),
            complaint: complaint.into(),
            ..Answers::default()
        }
    }

    fn stamp() -> Stamp {
        Stamp {
            id: "0b5e3c9a-4a8f-4c1e-9d2b-7f6a5e4d3c2b".into(),
            now_ms: 1_795_000_000_123,
            place: Some("table-12".into()),
            mode: Mode::Personal,
            language: Lang::Fr,
        }
    }

    #[test]
    fn cooling_off_only_with_a_complaint() {
        assert_eq!(cooling_off_seconds(&answers("nice", ""), false, 10, 20), 0);
        assert_eq!(cooling_off_seconds(&answers("", "slow"), false, 10, 20), 10);
        assert_eq!(cooling_off_seconds(&answers("", "slow"), true, 10, 20), 20);
    }

    #[test]
    fn review_waits_longer_while_a_text_is_heated() {
        let c = config(r#", "cooling_off_seconds": 5, "cooling_off_heated_seconds": 30"#);
        let checker = Checker::new(&c.staff_names);
        let calm = ReviewCheck::new(&answers("", "the soup was cold"), &checker, &c);
        assert_eq!(
            (calm.pause_seconds, calm.heated(), calm.noted()),
            (5, false, false)
        );
        let praise = ReviewCheck::new(&answers("lovely terrace", ""), &checker, &c);
        assert_eq!(praise.pause_seconds, 0);
        // Heated praise is rare, but it waits too.
        let heated = ReviewCheck::new(&answers("what an idiot", ""), &checker, &c);
        assert_eq!((heated.pause_seconds, heated.heated()), (30, true));
        // A name in the praise is welcome: no note, no pause, passed on.
        let named = ReviewCheck::new(&answers("Amy was kind", ""), &checker, &c);
        assert_eq!((named.pause_seconds, named.noted()), (0, false));
        assert_eq!(
            named.pass_on(Lang::En).as_deref(),
            Some("We'll pass this on to Amy.")
        );
        // Joy in capitals is not heated in the praise; the same in the complaint is.
        let joy = "THANK YOU SO MUCH!!!";
        let loud = ReviewCheck::new(&answers(joy, ""), &checker, &c);
        assert_eq!(
            (loud.heated(), loud.noted(), loud.pause_seconds),
            (false, false, 0)
        );
        let loud = ReviewCheck::new(&answers("", joy), &checker, &c);
        assert_eq!(
            (loud.heated(), loud.noted(), loud.pause_seconds),
            (true, true, 30)
        );
        // A name in the complaint gets the note.
        let named = ReviewCheck::new(&answers("", "Amy forgot us"), &checker, &c);
        assert_eq!((named.noted(), named.pass_on(Lang::En)), (true, None));
    }

    #[test]
    fn the_payload_carries_the_session_and_what_guidance_saw() {
        let c = config("");
        let checker = Checker::new(&c.staff_names);
        let mut a = answers(
            "  Léa and Jean-Marc were lovely, Amy too ",
            "JEAN-MARC is an idiot",
        );
        a.rate("food", Some(4));
        a.rate("parking", Some(2));
        a.email = "guest@example.org".into();
        let seen = GuidanceState {
            noted: true,
            edited_after: true,
        };
        let p = payload(&a, seen, &checker, &c, stamp());
        assert_eq!(p.id, "0b5e3c9a-4a8f-4c1e-9d2b-7f6a5e4d3c2b");
        assert_eq!(p.created_at, "2026-11-18T11:06:40.123Z");
        assert_eq!(p.venue, "bistro");
        assert_eq!(p.place.as_deref(), Some("table-12"));
        assert_eq!((p.mode, p.language), (Mode::Personal, Lang::Fr));
        assert_eq!(p.praise.text, "Léa and Jean-Marc were lovely, Amy too");
        // Names in config order, as configured: the praise's passed on, the
        // complaint's noted; heated; the edit after a note.
        assert_eq!(p.praise.staff_named, ["Amy", "Jean-Marc", "Léa"]);
        assert_eq!(p.guidance.names_mentioned, ["Jean-Marc"]);
        assert!(p.guidance.heated && p.guidance.edited_after_guidance);
        // Only configured topics, and no contact without consent.
        assert_eq!(p.ratings.keys().collect::<Vec<_>>(), ["food"]);
        assert_eq!(p.contact, None);
    }

    #[test]
    fn a_calm_session_reports_nothing() {
        let c = config("");
        let checker = Checker::new(&c.staff_names);
        let p = payload(
            &answers("great coffee", "a bit slow"),
            GuidanceState::default(),
            &checker,
            &c,
            stamp(),
        );
        assert_eq!(p.guidance, GuidanceReport::default());
        assert!(p.praise.staff_named.is_empty());
    }

    #[test]
    fn shouted_praise_is_sent_as_not_heated() {
        let c = config("");
        let checker = Checker::new(&c.staff_names);
        let send = |praise: &str, complaint: &str| {
            let a = answers(praise, complaint);
            payload(&a, GuidanceState::default(), &checker, &c, stamp())
        };
        let p = send("THANK YOU SO MUCH!!! AMY WAS AMAZING", "");
        assert!(!p.guidance.heated);
        assert_eq!(p.praise.staff_named, ["Amy"]);
        assert!(p.guidance.names_mentioned.is_empty());
        assert!(send("", "WE WAITED AN HOUR!!!").guidance.heated);
        // An insult counts in either text.
        assert!(send("thanks, you idiot", "").guidance.heated);
    }
}
