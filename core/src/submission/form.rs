//! The `form` endpoint format: payload v1 as flat `application/x-www-form-urlencoded`
//! fields, written by the kiosk and read back by the receiver with the same list.

use std::collections::BTreeMap;

use crate::config::Mode;
use crate::lang::Lang;

use super::{Complaint, Contact, GuidanceReport, Payload, PayloadError, Praise};

/// A rating is sent as one field per rated topic: `rating_<topic>`.
pub const RATING_PREFIX: &str = "rating_";

/// One flat field of payload v1. [`Field::ALL`] is the order of the form format's
/// fields, and the receiver's CSV export takes its columns from the same list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Schema,
    Id,
    CreatedAt,
    Venue,
    Place,
    Mode,
    Language,
    Praise,
    PraiseDeclined,
    /// Comma-separated.
    PraiseStaffNamed,
    Complaint,
    /// Sent as one `rating_<topic>` field per rated topic.
    Ratings,
    Email,
    ContactConsent,
    /// Comma-separated.
    NamesMentioned,
    Heated,
    EditedAfterGuidance,
    Verified,
}

impl Field {
    pub const ALL: [Field; 18] = [
        Field::Schema,
        Field::Id,
        Field::CreatedAt,
        Field::Venue,
        Field::Place,
        Field::Mode,
        Field::Language,
        Field::Praise,
        Field::PraiseDeclined,
        Field::PraiseStaffNamed,
        Field::Complaint,
        Field::Ratings,
        Field::Email,
        Field::ContactConsent,
        Field::NamesMentioned,
        Field::Heated,
        Field::EditedAfterGuidance,
        Field::Verified,
    ];

    /// The field's name; for [`Field::Ratings`], `ratings` (the form sends
    /// [`RATING_PREFIX`]`<topic>` fields instead).
    pub const fn name(self) -> &'static str {
        match self {
            Field::Schema => "schema",
            Field::Id => "id",
            Field::CreatedAt => "created_at",
            Field::Venue => "venue",
            Field::Place => "place",
            Field::Mode => "mode",
            Field::Language => "language",
            Field::Praise => "praise",
            Field::PraiseDeclined => "praise_declined",
            Field::PraiseStaffNamed => "praise_staff_named",
            Field::Complaint => "complaint",
            Field::Ratings => "ratings",
            Field::Email => "email",
            Field::ContactConsent => "contact_consent",
            Field::NamesMentioned => "names_mentioned",
            Field::Heated => "heated",
            Field::EditedAfterGuidance => "edited_after_guidance",
            Field::Verified => "verified",
        }
    }

    /// The field's text as the form sends it: absent values as empty strings, booleans
    /// as `true`/`false`. [`Field::Ratings`] is a JSON object (`{"food":4}`).
    pub fn text(self, p: &Payload) -> String {
        let contact = p.contact.as_ref();
        match self {
            Field::Schema => p.schema.clone(),
            Field::Id => p.id.clone(),
            Field::CreatedAt => p.created_at.clone(),
            Field::Venue => p.venue.clone(),
            Field::Place => p.place.clone().unwrap_or_default(),
            Field::Mode => p.mode.code().to_string(),
            Field::Language => p.language.code().to_string(),
            Field::Praise => p.praise.text.clone(),
            Field::PraiseDeclined => p.praise.declined.to_string(),
            Field::PraiseStaffNamed => p.praise.staff_named.join(","),
            Field::Complaint => p
                .complaint
                .as_ref()
                .map(|c| c.text.clone())
                .unwrap_or_default(),
            // A map of strings to numbers always serialises.
            Field::Ratings => serde_json::to_string(&p.ratings).unwrap_or_default(),
            Field::Email => contact.map(|c| c.email.clone()).unwrap_or_default(),
            Field::ContactConsent => contact.is_some_and(|c| c.consent).to_string(),
            Field::NamesMentioned => p.guidance.names_mentioned.join(","),
            Field::Heated => p.guidance.heated.to_string(),
            Field::EditedAfterGuidance => p.guidance.edited_after_guidance.to_string(),
            Field::Verified => p.verified.to_string(),
        }
    }

    /// The field a form field name stands for; `rating_<topic>` is read apart.
    fn from_form_name(name: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| *f != Field::Ratings && f.name() == name)
    }
}

/// The flat fields of the `form` endpoint format, in [`Field::ALL`] order, with one
/// `rating_<topic>` field per rated topic.
pub fn form_fields(p: &Payload) -> Vec<(String, String)> {
    let mut fields = Vec::with_capacity(Field::ALL.len() + p.ratings.len());
    for field in Field::ALL {
        match field {
            Field::Ratings => fields.extend(
                p.ratings
                    .iter()
                    .map(|(topic, v)| (format!("{RATING_PREFIX}{topic}"), v.to_string())),
            ),
            _ => fields.push((field.name().to_string(), field.text(p))),
        }
    }
    fields
}

/// Encodes (name, value) pairs as an `application/x-www-form-urlencoded` body with the
/// WHATWG URL standard's serializer.
pub fn encode_form(fields: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// The body of the `form` endpoint format for a payload.
pub fn form_body(p: &Payload) -> String {
    encode_form(&form_fields(p))
}

impl Payload {
    /// Reads an `application/x-www-form-urlencoded` body of [`form_fields`]. Only reads:
    /// see [`Payload::validate`].
    pub fn from_form_body(body: &[u8]) -> Result<Payload, PayloadError> {
        Payload::from_form_fields(decode_form(body)?)
    }

    /// Reads the fields of [`form_fields`], refusing unknown and repeated ones. Only
    /// reads: see [`Payload::validate`].
    pub fn from_form_fields(
        pairs: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Payload, PayloadError> {
        let mut fields: BTreeMap<Field, String> = BTreeMap::new();
        let mut ratings = BTreeMap::new();
        for (name, value) in pairs {
            if let Some(topic) = name.strip_prefix(RATING_PREFIX) {
                if topic.is_empty() {
                    return Err(PayloadError::RatingWithoutTopic);
                }
                let Ok(n) = value.trim().parse::<u8>() else {
                    return Err(PayloadError::RatingNotNumber(name));
                };
                if ratings.insert(topic.to_string(), n).is_some() {
                    return Err(PayloadError::Repeated(name));
                }
                continue;
            }
            let Some(field) = Field::from_form_name(&name) else {
                return Err(PayloadError::UnknownField(name));
            };
            if fields.insert(field, value).is_some() {
                return Err(PayloadError::Repeated(name));
            }
        }
        let text = |f: Field| fields.get(&f).map_or("", String::as_str);
        let required = |f: Field| match text(f) {
            "" => Err(PayloadError::Missing(f.name().to_string())),
            v => Ok(v.to_string()),
        };
        let list = |f: Field| {
            text(f)
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from)
                .collect()
        };
        let optional = |f: Field| (!text(f).is_empty()).then(|| text(f).to_string());
        let boolean = |f: Field| match text(f) {
            "" | "false" => Ok(false),
            "true" => Ok(true),
            _ => Err(PayloadError::NotBoolean(f.name().to_string())),
        };
        let schema = required(Field::Schema)?;
        if schema != super::SCHEMA_V1 {
            return Err(PayloadError::Schema);
        }
        let mode = Mode::from_code(&required(Field::Mode)?).ok_or(PayloadError::Mode)?;
        let language_code = required(Field::Language)?;
        let language = Lang::ALL
            .into_iter()
            .find(|l| l.code() == language_code)
            .ok_or(PayloadError::Language)?;
        let contact = match optional(Field::Email) {
            Some(email) => Some(Contact {
                email,
                consent: boolean(Field::ContactConsent)?,
            }),
            None => None,
        };
        Ok(Payload {
            schema,
            id: required(Field::Id)?,
            created_at: required(Field::CreatedAt)?,
            venue: required(Field::Venue)?,
            place: optional(Field::Place),
            mode,
            language,
            praise: Praise {
                text: text(Field::Praise).to_string(),
                declined: boolean(Field::PraiseDeclined)?,
                staff_named: list(Field::PraiseStaffNamed),
            },
            complaint: optional(Field::Complaint).map(|text| Complaint { text }),
            ratings,
            contact,
            guidance: GuidanceReport {
                names_mentioned: list(Field::NamesMentioned),
                heated: boolean(Field::Heated)?,
                edited_after_guidance: boolean(Field::EditedAfterGuidance)?,
            },
            verified: boolean(Field::Verified)?,
        })
    }
}

/// Splits a urlencoded body into (name, value) pairs, strictly: the WHATWG parser (and
/// the `form_urlencoded` crate) keeps a bad percent escape as text and replaces bytes
/// that are not UTF-8, which would store words the guest never wrote; these are refused.
fn decode_form(body: &[u8]) -> Result<Vec<(String, String)>, PayloadError> {
    let text = std::str::from_utf8(body).map_err(|_| PayloadError::FormNotUtf8)?;
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            Ok((decode_component(name)?, decode_component(value)?))
        })
        .collect()
}

fn decode_component(s: &str) -> Result<String, PayloadError> {
    let bad = || PayloadError::FormBadEscape(s.to_string());
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = b.get(i + 1..i + 3).ok_or_else(bad)?;
                let hex = std::str::from_utf8(hex).map_err(|_| bad())?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| PayloadError::FormEscapeNotUtf8)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::submission::sample::{sample, ID};

    fn check(v: &serde_json::Value) -> Payload {
        let p = Payload::from_json(v.to_string().as_bytes()).unwrap();
        p.validate().unwrap();
        p
    }

    fn read(fields: &[(String, String)]) -> Result<Payload, PayloadError> {
        Payload::from_form_body(encode_form(fields).as_bytes())
    }

    fn invalid(r: Result<Payload, PayloadError>) -> String {
        match r {
            Err(e) if !e.is_malformed() => e.to_string(),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn form_round_trip() {
        let p = check(&sample());
        let back = Payload::from_form_body(form_body(&p).as_bytes()).unwrap();
        assert_eq!(back, p);
        back.validate().unwrap();
        // Minimal: praise only.
        let mut v = sample();
        v["place"] = serde_json::Value::Null;
        v["complaint"] = serde_json::Value::Null;
        v["contact"] = serde_json::Value::Null;
        v["ratings"] = json!({});
        v["guidance"]["names_mentioned"] = json!([]);
        v["praise"]["staff_named"] = json!([]);
        let p = check(&v);
        assert_eq!(
            Payload::from_form_body(form_body(&p).as_bytes()).unwrap(),
            p
        );
        // Several names, comma-separated.
        let mut v = sample();
        v["praise"]["staff_named"] = json!(["Amy", "Jean-Marc"]);
        let p = check(&v);
        assert!(form_fields(&p).contains(&("praise_staff_named".into(), "Amy,Jean-Marc".into())));
        assert_eq!(
            Payload::from_form_body(form_body(&p).as_bytes()).unwrap(),
            p
        );
    }

    #[test]
    fn a_form_of_an_earlier_build_without_praise_staff_named_reads() {
        let fields: Vec<_> = form_fields(&check(&sample()))
            .into_iter()
            .filter(|(k, _)| k != "praise_staff_named")
            .collect();
        let p = read(&fields).unwrap();
        p.validate().unwrap();
        assert_eq!(p.praise.staff_named, Vec::<String>::new());
    }

    #[test]
    fn form_faults() {
        let p = check(&sample());
        let fields = form_fields(&p);
        let with = |k: &str, v: &str| {
            let mut f = fields.clone();
            f.push((k.into(), v.into()));
            read(&f)
        };
        assert!(invalid(with("unknown", "1")).contains("unknown"));
        assert!(invalid(with("id", ID)).contains("twice"));
        assert!(invalid(with("rating_food", "x")).contains("rating_food"));
        assert!(invalid(with("rating_service", "3")).contains("twice"));
        // `ratings` is the CSV's column, not a form field.
        assert!(invalid(with("ratings", "{}")).contains("`ratings` is not a known field"));
        let without = |k: &str| {
            let f: Vec<_> = fields.iter().filter(|(n, _)| n != k).cloned().collect();
            read(&f)
        };
        assert!(invalid(without("venue")).contains("venue"));
        for bad in [&b"a=%zz"[..], b"a=%ff", b"\xff", b"a=%4"] {
            let e = Payload::from_form_body(bad).unwrap_err();
            assert!(e.is_malformed(), "{bad:?}: {e}");
        }
        // Email without consent is read, then refused by validation.
        let f: Vec<_> = fields
            .iter()
            .map(|(k, v)| match k.as_str() {
                "contact_consent" => (k.clone(), "false".to_string()),
                _ => (k.clone(), v.clone()),
            })
            .collect();
        let p = read(&f).unwrap();
        assert!(p.validate().unwrap_err().to_string().contains("consent"));
    }

    #[test]
    fn fields_in_their_documented_order() {
        let names: Vec<String> = form_fields(&check(&sample()))
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(
            names,
            [
                "schema",
                "id",
                "created_at",
                "venue",
                "place",
                "mode",
                "language",
                "praise",
                "praise_declined",
                "praise_staff_named",
                "complaint",
                "rating_service",
                "rating_waiting",
                "email",
                "contact_consent",
                "names_mentioned",
                "heated",
                "edited_after_guidance",
                "verified"
            ]
        );
    }
}
