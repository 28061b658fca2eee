//! Reading a posted submission (JSON or form) into payload v1 and checking it against
//! SPEC §4. Pure functions, so they are unit-tested without a server.

use std::collections::BTreeMap;

use evenhand_core::config::Mode;
use evenhand_core::lang::Lang;
use evenhand_core::session::MAX_TEXT_CHARS;
use evenhand_core::submission::{Complaint, Contact, GuidanceReport, Payload, Praise, SCHEMA_V1};
use serde_json::Value;

/// The most a body may weigh.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// `place` comes from the URL and is at most 64 characters (SPEC §3).
pub const MAX_PLACE_CHARS: usize = 64;
const MAX_VENUE_CHARS: usize = 200;
const MAX_NAME_CHARS: usize = 100;
const MAX_EMAIL_CHARS: usize = 254;

/// Why a body was refused, in plain words naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    /// Not JSON at all, or not a readable form body (400).
    Malformed(String),
    /// Readable, but not a valid payload v1 (422).
    Invalid(String),
}

fn invalid(msg: impl Into<String>) -> BodyError {
    BodyError::Invalid(msg.into())
}

/// Reads an `application/json` body.
pub fn from_json(body: &[u8]) -> Result<Payload, BodyError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| BodyError::Malformed(format!("the body is not valid JSON: {e}")))?;
    let Value::Object(map) = &value else {
        return Err(invalid(
            "the body must be a JSON object (a payload evenhand.feedback/1)",
        ));
    };
    match map.get("schema") {
        None => return Err(invalid("`schema` is missing")),
        Some(Value::String(s)) if s == SCHEMA_V1 => {}
        Some(_) => return Err(invalid(format!("`schema` must be \"{SCHEMA_V1}\""))),
    }
    serde_path_to_error::deserialize::<_, Payload>(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." || path.is_empty() {
            invalid(format!("the payload does not match {SCHEMA_V1}: {inner}"))
        } else {
            invalid(format!("`{path}`: {inner}"))
        }
    })
}

/// Reads an `application/x-www-form-urlencoded` body with the fields documented on
/// `evenhand_core::submission::form_fields`.
pub fn from_form(body: &[u8]) -> Result<Payload, BodyError> {
    let pairs = parse_urlencoded(body)?;
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    let mut ratings = BTreeMap::new();
    for (name, value) in pairs {
        if let Some(topic) = name.strip_prefix("rating_") {
            if topic.is_empty() {
                return Err(invalid("`rating_` needs a topic name after it"));
            }
            let n: u8 = value
                .trim()
                .parse()
                .map_err(|_| invalid(format!("`{name}` must be a whole number from 1 to 5")))?;
            if ratings.insert(topic.to_string(), n).is_some() {
                return Err(invalid(format!("`{name}` is given twice")));
            }
            continue;
        }
        const KNOWN: [&str; 16] = [
            "schema",
            "id",
            "created_at",
            "venue",
            "place",
            "mode",
            "language",
            "praise",
            "praise_declined",
            "complaint",
            "email",
            "contact_consent",
            "names_mentioned",
            "heated",
            "edited_after_guidance",
            "verified",
        ];
        if !KNOWN.contains(&name.as_str()) {
            return Err(invalid(format!("`{name}` is not a known field")));
        }
        if fields.contains_key(&name) {
            return Err(invalid(format!("`{name}` is given twice")));
        }
        fields.insert(name, value);
    }
    let required = |key: &str| -> Result<String, BodyError> {
        match fields.get(key) {
            Some(v) if !v.is_empty() => Ok(v.clone()),
            _ => Err(invalid(format!("`{key}` is missing"))),
        }
    };
    let optional = |key: &str| fields.get(key).cloned().unwrap_or_default();
    let boolean = |key: &str| -> Result<bool, BodyError> {
        match fields.get(key).map(String::as_str) {
            None | Some("") | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(_) => Err(invalid(format!("`{key}` must be true or false"))),
        }
    };
    let schema = required("schema")?;
    if schema != SCHEMA_V1 {
        return Err(invalid(format!("`schema` must be \"{SCHEMA_V1}\"")));
    }
    let mode = Mode::from_code(&required("mode")?)
        .ok_or_else(|| invalid("`mode` must be kiosk or personal"))?;
    let language_code = required("language")?;
    let language = Lang::ALL
        .into_iter()
        .find(|l| l.code() == language_code)
        .ok_or_else(|| invalid("`language` must be one of en, fr"))?;
    let place = optional("place");
    let complaint = optional("complaint");
    let email = optional("email");
    let names = optional("names_mentioned");
    Ok(Payload {
        schema,
        id: required("id")?,
        created_at: required("created_at")?,
        venue: required("venue")?,
        place: (!place.is_empty()).then_some(place),
        mode,
        language,
        praise: Praise {
            text: optional("praise"),
            declined: boolean("praise_declined")?,
        },
        complaint: (!complaint.is_empty()).then_some(Complaint { text: complaint }),
        ratings,
        contact: (!email.is_empty())
            .then(|| -> Result<Contact, BodyError> {
                Ok(Contact {
                    email,
                    consent: boolean("contact_consent")?,
                })
            })
            .transpose()?,
        guidance: GuidanceReport {
            names_mentioned: names
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from)
                .collect(),
            heated: boolean("heated")?,
            edited_after_guidance: boolean("edited_after_guidance")?,
        },
        verified: boolean("verified")?,
    })
}

/// Splits a urlencoded body into (name, value) pairs, strictly: bad percent escapes and
/// text that is not UTF-8 are refused rather than replaced.
fn parse_urlencoded(body: &[u8]) -> Result<Vec<(String, String)>, BodyError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| BodyError::Malformed("the form body is not UTF-8 text".into()))?;
    let mut out = Vec::new();
    for part in text.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        out.push((decode_component(name)?, decode_component(value)?));
    }
    Ok(out)
}

fn decode_component(s: &str) -> Result<String, BodyError> {
    let bad = || BodyError::Malformed(format!("the form body has a bad escape in {s:?}"));
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
    String::from_utf8(out).map_err(|_| {
        BodyError::Malformed("the form body has an escape that is not UTF-8 text".into())
    })
}

/// Whether `s` is a UUID written 8-4-4-4-12 in hex.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Checks a payload against SPEC §4 (the parts a receiver can check).
pub fn validate(p: &Payload) -> Result<(), BodyError> {
    if p.schema != SCHEMA_V1 {
        return Err(invalid(format!("`schema` must be \"{SCHEMA_V1}\"")));
    }
    if !is_uuid(&p.id) {
        return Err(invalid(
            "`id` must be a UUID (8-4-4-4-12 hexadecimal digits)",
        ));
    }
    if evenhand_core::queue::parse_rfc3339_ms(&p.created_at).is_none() {
        return Err(invalid(
            "`created_at` must be an RFC 3339 time such as 2026-11-24T19:30:05.120Z",
        ));
    }
    if p.venue.trim().is_empty() || chars(&p.venue) > MAX_VENUE_CHARS {
        return Err(invalid(format!(
            "`venue` must be 1 to {MAX_VENUE_CHARS} characters"
        )));
    }
    if let Some(place) = &p.place {
        if chars(place) > MAX_PLACE_CHARS {
            return Err(invalid(format!(
                "`place` is longer than {MAX_PLACE_CHARS} characters"
            )));
        }
    }
    if chars(&p.praise.text) > MAX_TEXT_CHARS {
        return Err(invalid(format!(
            "`praise.text` is longer than {MAX_TEXT_CHARS} characters"
        )));
    }
    if let Some(c) = &p.complaint {
        if chars(&c.text) > MAX_TEXT_CHARS {
            return Err(invalid(format!(
                "`complaint.text` is longer than {MAX_TEXT_CHARS} characters"
            )));
        }
    }
    for (topic, value) in &p.ratings {
        if topic.trim().is_empty() || chars(topic) > MAX_NAME_CHARS {
            return Err(invalid(format!(
                "`ratings` topic names must be 1 to {MAX_NAME_CHARS} characters"
            )));
        }
        if !(1..=5).contains(value) {
            return Err(invalid(format!("`ratings.{topic}` must be from 1 to 5")));
        }
    }
    if let Some(contact) = &p.contact {
        if !contact.consent {
            return Err(invalid(
                "`contact.consent` must be true: an email is only sent with the guest's consent",
            ));
        }
        let email = contact.email.trim();
        if email.is_empty() || chars(email) > MAX_EMAIL_CHARS || !email.contains('@') {
            return Err(invalid("`contact.email` must be an email address"));
        }
    }
    if p.guidance
        .names_mentioned
        .iter()
        .any(|n| chars(n) > MAX_NAME_CHARS)
    {
        return Err(invalid(format!(
            "`guidance.names_mentioned` entries must be at most {MAX_NAME_CHARS} characters"
        )));
    }
    if p.verified {
        return Err(invalid(
            "`verified` must be false: verification is management's job",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use evenhand_core::submission::form_fields;
    use serde_json::json;

    const ID: &str = "6f1c2e0a-3b7d-4f6e-9a51-0c2d8e7f4a10";

    fn sample() -> Value {
        json!({
            "schema": "evenhand.feedback/1",
            "id": ID,
            "created_at": "2026-11-24T19:30:05.120Z",
            "venue": "bistro-lyon-1",
            "place": "table-12",
            "mode": "kiosk",
            "language": "fr",
            "praise": { "text": "Service rapide et souriant.", "declined": false },
            "complaint": { "text": "Vingt minutes d'attente pour l'addition." },
            "ratings": { "service": 4, "waiting": 2 },
            "contact": { "email": "guest@example.org", "consent": true },
            "guidance": { "names_mentioned": ["Amy"], "heated": false, "edited_after_guidance": true },
            "verified": false
        })
    }

    fn check(v: &Value) -> Result<Payload, BodyError> {
        let p = from_json(v.to_string().as_bytes())?;
        validate(&p)?;
        Ok(p)
    }

    fn message(v: Value) -> String {
        match check(&v) {
            Err(BodyError::Invalid(m)) => m,
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn spec_example_is_valid() {
        check(&sample()).unwrap();
    }

    #[test]
    fn malformed_json() {
        assert!(matches!(from_json(b"{"), Err(BodyError::Malformed(_))));
        assert!(matches!(from_json(b""), Err(BodyError::Malformed(_))));
        assert!(matches!(from_json(b"[]"), Err(BodyError::Invalid(_))));
    }

    #[test]
    fn fields_are_named() {
        let mut v = sample();
        v["extra"] = json!(1);
        assert!(message(v).contains("extra"));
        let mut v = sample();
        v["praise"]["colour"] = json!("red");
        assert!(message(v).contains("colour"));
        let mut v = sample();
        v["ratings"]["food"] = json!(300);
        assert!(message(v).contains("ratings.food"));
        let mut v = sample();
        v["ratings"]["food"] = json!(0);
        assert!(message(v).contains("ratings.food"));
        let mut v = sample();
        v["schema"] = json!("evenhand.feedback/2");
        assert!(message(v).contains("schema"));
        let mut v = sample();
        v.as_object_mut().unwrap().remove("venue");
        assert!(message(v).contains("venue"));
        let mut v = sample();
        v["id"] = json!("not-a-uuid");
        assert!(message(v).contains("`id`"));
        let mut v = sample();
        v["created_at"] = json!("yesterday");
        assert!(message(v).contains("created_at"));
        let mut v = sample();
        v["verified"] = json!(true);
        assert!(message(v).contains("verified"));
        let mut v = sample();
        v["contact"]["consent"] = json!(false);
        assert!(message(v).contains("consent"));
        let mut v = sample();
        v["complaint"]["text"] = json!("é".repeat(4001));
        assert!(message(v).contains("complaint.text"));
        let mut v = sample();
        v["praise"]["text"] = json!("é".repeat(4000));
        check(&v).unwrap();
        let mut v = sample();
        v["language"] = json!("de");
        assert!(message(v).contains("language"));
    }

    #[test]
    fn uuid_shape() {
        assert!(is_uuid(ID));
        assert!(is_uuid(&ID.to_uppercase()));
        assert!(!is_uuid(&ID.replace('-', "")));
        assert!(!is_uuid("6f1c2e0a-3b7d-4f6e-9a51-0c2d8e7f4a1g"));
        assert!(!is_uuid("6f1c2e0a-3b7d-4f6e-9a51-0c2d8e7f4a10 "));
    }

    #[test]
    fn form_round_trip() {
        let p = check(&sample()).unwrap();
        let body = form_body(&form_fields(&p));
        let back = from_form(body.as_bytes()).unwrap();
        assert_eq!(back, p);
        validate(&back).unwrap();
        // Minimal: praise only.
        let mut v = sample();
        v["place"] = Value::Null;
        v["complaint"] = Value::Null;
        v["contact"] = Value::Null;
        v["ratings"] = json!({});
        v["guidance"]["names_mentioned"] = json!([]);
        let p = check(&v).unwrap();
        assert_eq!(
            from_form(form_body(&form_fields(&p)).as_bytes()).unwrap(),
            p
        );
    }

    #[test]
    fn form_faults() {
        let p = check(&sample()).unwrap();
        let fields = form_fields(&p);
        let with = |k: &str, v: &str| {
            let mut f = fields.clone();
            f.push((k.into(), v.into()));
            from_form(form_body(&f).as_bytes())
        };
        assert!(
            matches!(with("unknown", "1"), Err(BodyError::Invalid(m)) if m.contains("unknown"))
        );
        assert!(matches!(with("id", ID), Err(BodyError::Invalid(m)) if m.contains("twice")));
        assert!(
            matches!(with("rating_food", "x"), Err(BodyError::Invalid(m)) if m.contains("rating_food"))
        );
        let without = |k: &str| {
            let f: Vec<_> = fields.iter().filter(|(n, _)| n != k).cloned().collect();
            from_form(form_body(&f).as_bytes())
        };
        assert!(matches!(without("venue"), Err(BodyError::Invalid(m)) if m.contains("venue")));
        assert!(matches!(from_form(b"a=%zz"), Err(BodyError::Malformed(_))));
        assert!(matches!(from_form(b"a=%ff"), Err(BodyError::Malformed(_))));
        assert!(matches!(from_form(b"\xff"), Err(BodyError::Malformed(_))));
        // Email without consent is read, then refused by validation.
        let f: Vec<_> = fields
            .iter()
            .map(|(k, v)| match k.as_str() {
                "contact_consent" => (k.clone(), "false".to_string()),
                _ => (k.clone(), v.clone()),
            })
            .collect();
        let p = from_form(form_body(&f).as_bytes()).unwrap();
        assert!(matches!(validate(&p), Err(BodyError::Invalid(m)) if m.contains("consent")));
    }

    fn form_body(fields: &[(String, String)]) -> String {
        fn enc(s: &str) -> String {
            s.bytes()
                .map(|b| match b {
                    b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        (b as char).to_string()
                    }
                    b' ' => "+".into(),
                    _ => format!("%{b:02X}"),
                })
                .collect()
        }
        fields
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}
