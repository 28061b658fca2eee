//! Every size and count limit of a submission, in one place. The config's caps on the
//! entries a payload repeats (venue id, topics, staff names) are the same constants, so
//! a kiosk whose config passes `check-config` never sends a payload the receiver refuses.

/// Most characters in a guest's text field (SPEC §4).
pub const MAX_TEXT_CHARS: usize = 4000;
/// Most characters in `place`, from `?place=` (SPEC §3).
pub const MAX_PLACE_CHARS: usize = 64;
/// Most characters in `venue.id`, sent as the payload's `venue`.
pub const MAX_VENUE_ID_CHARS: usize = 64;
/// Most characters in a topic or a staff name (a `ratings` key, a name mentioned).
pub const MAX_NAME_CHARS: usize = 40;
/// Most characters in an email address (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Most `topics` in the config, and so most `ratings` in a payload.
pub const MAX_TOPICS: usize = 12;
/// Most `staff_names` in the config, and so most `guidance.names_mentioned`.
pub const MAX_STAFF_NAMES: usize = 200;
/// Most bytes a posted body may weigh. Room for the largest payload a kiosk sends in
/// either format: two texts of 4,000 four-byte characters take 96 KB once
/// percent-encoded for the `form` format (tested below).
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Most characters in a manager's note on a status change in the inbox (SPEC §10).
pub const MAX_NOTE_CHARS: usize = 2000;
/// Most matches the inbox counts for a list (SPEC §10): past it the answer says "more
/// than 10,000", as useful to a manager as the exact figure and far quicker to find in
/// a chain's million submissions (`bench/receiver`).
pub const INBOX_COUNT_CAP: u64 = 10_000;

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::config::{self, Mode};
    use crate::lang::Lang;
    use crate::session::Answers;
    use crate::submission::{self, GuidanceReport, SendContext};

    fn config_with(venue: &str, topics: &[String], names: &[String]) -> String {
        json!({
            "venue": { "id": venue, "name": "V" },
            "endpoint": { "url": "/api/feedback" },
            "topics": topics,
            "staff_names": names,
        })
        .to_string()
    }

    fn names(n: usize, prefix: char) -> Vec<String> {
        (0..n)
            .map(|i| format!("{prefix}{i:0>w$}", w = MAX_NAME_CHARS - 1))
            .collect()
    }

    #[test]
    fn a_config_at_every_limit_sends_payloads_the_receiver_accepts() {
        let venue = "v".repeat(MAX_VENUE_ID_CHARS);
        let text = config_with(
            &venue,
            &names(MAX_TOPICS, 't'),
            &names(MAX_STAFF_NAMES, 's'),
        );
        let config = config::parse(&text).unwrap();
        // Four bytes each in UTF-8, twelve once percent-encoded.
        let mut answers = Answers {
            praise: "😀".repeat(MAX_TEXT_CHARS + 5),
            complaint: "😀".repeat(MAX_TEXT_CHARS),
            email: format!("{}@example.org", "a".repeat(MAX_EMAIL_CHARS - 12)),
            consent: true,
            ..Answers::default()
        };
        for topic in &config.topics {
            answers.rate(topic, Some(5));
        }
        let ctx = SendContext {
            id: "6f1c2e0a-3b7d-4f6e-9a51-0c2d8e7f4a10".into(),
            created_at: "2026-11-24T19:30:05.120Z".into(),
            place: crate::session::place_from_url(Some(&"p".repeat(200))),
            mode: Mode::Kiosk,
            language: Lang::Fr,
            staff_named: config.staff_names.clone(),
            guidance: GuidanceReport {
                names_mentioned: config.staff_names.clone(),
                ..GuidanceReport::default()
            },
        };
        let payload = submission::build(&answers, &config, ctx);
        assert_eq!(payload.ratings.len(), MAX_TOPICS);
        payload.validate().unwrap();
        let json = serde_json::to_string(&payload).unwrap();
        let form = submission::form_body(&payload);
        assert!(form.len() > 96_000, "{}", form.len());
        for (format, len) in [("json", json.len()), ("form", form.len())] {
            assert!(len <= MAX_BODY_BYTES, "{format}: {len} bytes");
        }
    }

    #[test]
    fn check_config_refuses_one_over_each_limit() {
        let ok_topics = names(MAX_TOPICS, 't');
        let ok_names = names(MAX_STAFF_NAMES, 's');
        let refused = |text: String, key: &str| {
            let faults = config::parse(&text).err().unwrap_or_default();
            assert!(
                faults.iter().any(|f| f.key() == Some(key)),
                "{key}: {faults:?}"
            );
        };
        let long_venue = "v".repeat(MAX_VENUE_ID_CHARS + 1);
        refused(config_with(&long_venue, &ok_topics, &ok_names), "venue.id");
        refused(
            config_with("v", &names(MAX_TOPICS + 1, 't'), &ok_names),
            "topics",
        );
        refused(
            config_with("v", &ok_topics, &names(MAX_STAFF_NAMES + 1, 's')),
            "staff_names",
        );
        let long = vec!["x".repeat(MAX_NAME_CHARS + 1)];
        refused(config_with("v", &long, &ok_names), "topics[0]");
        refused(config_with("v", &ok_topics, &long), "staff_names[0]");
    }
}
