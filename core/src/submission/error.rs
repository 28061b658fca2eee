//! Why a posted body is not a payload v1, in plain words naming the field.

use crate::limits::{MAX_NAME_CHARS, MAX_VENUE_ID_CHARS};

use super::SCHEMA_V1;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    // Unreadable: not JSON, or not a form body ([`PayloadError::is_malformed`]).
    #[error("the body is not valid JSON: {0}")]
    NotJson(String),
    #[error("the form body is not UTF-8 text")]
    FormNotUtf8,
    #[error("the form body has a bad escape in {0:?}")]
    FormBadEscape(String),
    #[error("the form body has an escape that is not UTF-8 text")]
    FormEscapeNotUtf8,

    // Readable, but not a payload v1.
    #[error("the body must be a JSON object (a payload {SCHEMA_V1})")]
    NotAnObject,
    #[error("`{0}` is missing")]
    Missing(String),
    #[error("`schema` must be \"{SCHEMA_V1}\"")]
    Schema,
    /// The JSON does not fit payload v1 as a whole.
    #[error("the payload does not match {SCHEMA_V1}: {0}")]
    Shape(String),
    /// The JSON does not fit payload v1 at `field` (`ratings.food`, `praise`…).
    #[error("`{field}`: {reason}")]
    Json { field: String, reason: String },
    #[error("`{0}` is not a known field")]
    UnknownField(String),
    #[error("`{0}` is given twice")]
    Repeated(String),
    #[error("`{RATING_FIELD}` needs a topic name after it")]
    RatingWithoutTopic,
    #[error("`{0}` must be a whole number from 1 to 5")]
    RatingNotNumber(String),
    #[error("`{0}` must be true or false")]
    NotBoolean(String),
    #[error("`mode` must be kiosk or personal")]
    Mode,
    #[error("`language` must be one of en, fr")]
    Language,
    #[error("`id` must be a UUID (8-4-4-4-12 hexadecimal digits)")]
    Id,
    #[error("`created_at` must be an RFC 3339 time such as 2026-11-24T19:30:05.120Z")]
    CreatedAt,
    #[error("`venue` must be 1 to {MAX_VENUE_ID_CHARS} characters")]
    Venue,
    #[error("`{field}` is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("`{field}` has more than {max} entries")]
    TooMany { field: &'static str, max: usize },
    #[error("`ratings` topic names must be 1 to {MAX_NAME_CHARS} characters")]
    RatingTopic,
    #[error("`ratings.{0}` must be from 1 to 5")]
    RatingValue(String),
    #[error("`contact.consent` must be true: an email is only sent with the guest's consent")]
    Consent,
    #[error("`contact.email` must be an email address")]
    Email,
    #[error("`{0}` entries must be at most {MAX_NAME_CHARS} characters")]
    NameTooLong(&'static str),
    #[error("`verified` must be false: verification is management's job")]
    Verified,
}

const RATING_FIELD: &str = super::RATING_PREFIX;

impl PayloadError {
    /// The body could not be read at all (HTTP 400); otherwise it was read but is not a
    /// valid payload v1 (HTTP 422).
    pub fn is_malformed(&self) -> bool {
        matches!(
            self,
            PayloadError::NotJson(_)
                | PayloadError::FormNotUtf8
                | PayloadError::FormBadEscape(_)
                | PayloadError::FormEscapeNotUtf8
        )
    }
}
