//! Payload v1 (SPEC §4), built from a finished session by a pure function.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::{Config, Mode};
use crate::lang::Lang;
use crate::session::{clamp_text, Answers};

/// The value of `schema` in every payload v1.
pub const SCHEMA_V1: &str = "evenhand.feedback/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Praise {
    pub text: String,
    pub declined: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complaint {
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub email: String,
    pub consent: bool,
}

/// What guidance (SPEC §6) saw when the guest pressed "Send".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidanceReport {
    /// Configured names still present in a text when sent, as configured.
    pub names_mentioned: Vec<String>,
    /// A text was still heated when sent.
    pub heated: bool,
    /// The guest changed a text after a guidance note.
    pub edited_after_guidance: bool,
}

/// Payload v1, exactly as posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    pub schema: String,
    pub id: String,
    pub created_at: String,
    pub venue: String,
    pub place: Option<String>,
    pub mode: Mode,
    pub language: Lang,
    pub praise: Praise,
    pub complaint: Option<Complaint>,
    pub ratings: BTreeMap<String, u8>,
    pub contact: Option<Contact>,
    pub guidance: GuidanceReport,
    pub verified: bool,
}

/// What the shell knows at the moment of sending and the core cannot make itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendContext {
    /// A fresh UUID v4.
    pub id: String,
    /// RFC 3339 UTC with milliseconds (see `time::rfc3339_millis`).
    pub created_at: String,
    pub place: Option<String>,
    pub mode: Mode,
    pub language: Lang,
    pub guidance: GuidanceReport,
}

/// Builds payload v1: text trimmed and capped, ratings only for configured topics
/// the guest rated, contact only with consent, `verified` always false.
pub fn build(answers: &Answers, config: &Config, ctx: SendContext) -> Payload {
    let complaint = clamp_text(answers.complaint_text()).trim_end();
    let praise = clamp_text(answers.praise_text()).trim_end();
    let ratings = answers
        .ratings
        .iter()
        .filter(|(topic, value)| config.topics.contains(topic) && (1..=5).contains(*value))
        .map(|(topic, value)| (topic.clone(), *value))
        .collect();
    Payload {
        schema: SCHEMA_V1.to_string(),
        id: ctx.id,
        created_at: ctx.created_at,
        venue: config.venue.id.clone(),
        place: ctx.place,
        mode: ctx.mode,
        language: ctx.language,
        praise: Praise {
            text: praise.to_string(),
            declined: answers.praise_declined && praise.is_empty(),
        },
        complaint: (!complaint.is_empty()).then(|| Complaint {
            text: complaint.to_string(),
        }),
        ratings,
        contact: answers.consented_email().map(|email| Contact {
            email: email.to_string(),
            consent: true,
        }),
        guidance: ctx.guidance,
        verified: false,
    }
}

/// The flat fields of the `form` endpoint format, in a stable order. Field names:
/// `schema`, `id`, `created_at`, `venue`, `place`, `mode`, `language`, `praise`,
/// `praise_declined`, `complaint`, `rating_<topic>` (one per rated topic), `email`,
/// `contact_consent`, `names_mentioned` (comma-separated), `heated`,
/// `edited_after_guidance`, `verified`. Absent values are sent as empty strings;
/// booleans as `true`/`false`.
pub fn form_fields(p: &Payload) -> Vec<(String, String)> {
    let b = |v: bool| v.to_string();
    let mut fields = vec![
        ("schema".to_string(), p.schema.clone()),
        ("id".into(), p.id.clone()),
        ("created_at".into(), p.created_at.clone()),
        ("venue".into(), p.venue.clone()),
        ("place".into(), p.place.clone().unwrap_or_default()),
        ("mode".into(), p.mode.code().to_string()),
        ("language".into(), p.language.code().to_string()),
        ("praise".into(), p.praise.text.clone()),
        ("praise_declined".into(), b(p.praise.declined)),
        (
            "complaint".into(),
            p.complaint
                .as_ref()
                .map(|c| c.text.clone())
                .unwrap_or_default(),
        ),
    ];
    fields.extend(
        p.ratings
            .iter()
            .map(|(topic, v)| (format!("rating_{topic}"), v.to_string())),
    );
    let (email, consent) = match &p.contact {
        Some(c) => (c.email.clone(), c.consent),
        None => (String::new(), false),
    };
    fields.extend([
        ("email".to_string(), email),
        ("contact_consent".into(), b(consent)),
        (
            "names_mentioned".into(),
            p.guidance.names_mentioned.join(","),
        ),
        ("heated".into(), b(p.guidance.heated)),
        (
            "edited_after_guidance".into(),
            b(p.guidance.edited_after_guidance),
        ),
        ("verified".into(), b(p.verified)),
    ]);
    fields
}
