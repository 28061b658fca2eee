//! Payload v1 (SPEC §4): built from a finished session by a pure function, sent as JSON
//! or as flat form fields, and read and checked by the receiver with the same code.

mod error;
mod form;
#[cfg(test)]
mod sample;
mod validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::{Config, Format, Mode};
use crate::lang::Lang;
use crate::session::{clamp_text, Answers};

pub use error::PayloadError;
pub use form::{encode_form, form_body, form_fields, Field, RATING_PREFIX};
pub use validate::is_uuid;

/// The value of `schema` in every payload v1.
pub const SCHEMA_V1: &str = "evenhand.feedback/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Praise {
    pub text: String,
    pub declined: bool,
    /// Configured names the praise mentions, as configured (SPEC §4, §11); `[]` when
    /// none, and when an earlier build sent no such field.
    #[serde(default)]
    pub staff_named: Vec<String>,
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
    /// Configured names still present in the complaint when sent, as configured.
    pub names_mentioned: Vec<String>,
    /// A text was still heated when sent.
    pub heated: bool,
    /// The guest changed a text after a guidance note.
    pub edited_after_guidance: bool,
}

/// Payload v1, exactly as posted.
///
/// Fields added later come with `#[serde(default)]`, so payloads from earlier builds
/// still read.
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
    /// `praise.staff_named`: names in the praise, passed on.
    pub staff_named: Vec<String>,
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
            staff_named: ctx.staff_named,
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

impl Payload {
    /// Reads a posted body in either format, checks it against SPEC §4 and returns it
    /// [normalised](Payload::normalise): what a receiver stores.
    pub fn receive(format: Format, body: &[u8]) -> Result<Payload, PayloadError> {
        let mut payload = match format {
            Format::Json => Payload::from_json(body)?,
            Format::Form => Payload::from_form_body(body)?,
        };
        payload.validate()?;
        payload.normalise();
        Ok(payload)
    }

    /// Writes the id in lower case, so `6F1C…` and `6f1c…` are one submission.
    pub fn normalise(&mut self) {
        self.id.make_ascii_lowercase();
    }
}
