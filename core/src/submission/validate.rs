//! Reading payload v1 from JSON and checking it against SPEC §4 (the parts a receiver
//! can check), with the limits of [`crate::limits`].

use serde_json::Value;

use crate::limits::{
    MAX_EMAIL_CHARS, MAX_NAME_CHARS, MAX_PLACE_CHARS, MAX_STAFF_NAMES, MAX_TEXT_CHARS, MAX_TOPICS,
    MAX_VENUE_ID_CHARS,
};
use crate::time::parse_rfc3339_ms;

use super::{Payload, PayloadError, SCHEMA_V1};

/// Whether `s` is a UUID written 8-4-4-4-12 in hex, in either case.
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

fn at_most(field: &'static str, text: &str, max: usize) -> Result<(), PayloadError> {
    if chars(text) > max {
        return Err(PayloadError::TooLong { field, max });
    }
    Ok(())
}

impl Payload {
    /// Reads an `application/json` body. Only reads: see [`Payload::validate`].
    pub fn from_json(body: &[u8]) -> Result<Payload, PayloadError> {
        let value: Value =
            serde_json::from_slice(body).map_err(|e| PayloadError::NotJson(e.to_string()))?;
        let Value::Object(map) = &value else {
            return Err(PayloadError::NotAnObject);
        };
        // The schema first: a payload of another version is named as such, not by
        // whichever of its fields v1 does not know.
        match map.get("schema") {
            None => return Err(PayloadError::Missing("schema".into())),
            Some(Value::String(s)) if s == SCHEMA_V1 => {}
            Some(_) => return Err(PayloadError::Schema),
        }
        serde_path_to_error::deserialize::<_, Payload>(value).map_err(|e| {
            let field = e.path().to_string();
            let reason = e.into_inner().to_string();
            if field == "." || field.is_empty() {
                PayloadError::Shape(reason)
            } else {
                PayloadError::Json { field, reason }
            }
        })
    }

    /// Checks the payload against SPEC §4; the first fault found, naming its field.
    pub fn validate(&self) -> Result<(), PayloadError> {
        if self.schema != SCHEMA_V1 {
            return Err(PayloadError::Schema);
        }
        if !is_uuid(&self.id) {
            return Err(PayloadError::Id);
        }
        if parse_rfc3339_ms(&self.created_at).is_none() {
            return Err(PayloadError::CreatedAt);
        }
        if self.venue.trim().is_empty() || chars(&self.venue) > MAX_VENUE_ID_CHARS {
            return Err(PayloadError::Venue);
        }
        if let Some(place) = &self.place {
            at_most("place", place, MAX_PLACE_CHARS)?;
        }
        at_most("praise.text", &self.praise.text, MAX_TEXT_CHARS)?;
        if let Some(c) = &self.complaint {
            at_most("complaint.text", &c.text, MAX_TEXT_CHARS)?;
        }
        if self.ratings.len() > MAX_TOPICS {
            return Err(PayloadError::TooMany {
                field: "ratings",
                max: MAX_TOPICS,
            });
        }
        for (topic, value) in &self.ratings {
            if topic.trim().is_empty() || chars(topic) > MAX_NAME_CHARS {
                return Err(PayloadError::RatingTopic);
            }
            if !(1..=5).contains(value) {
                return Err(PayloadError::RatingValue(topic.clone()));
            }
        }
        if let Some(contact) = &self.contact {
            if !contact.consent {
                return Err(PayloadError::Consent);
            }
            let email = contact.email.trim();
            if email.is_empty() || chars(email) > MAX_EMAIL_CHARS || !email.contains('@') {
                return Err(PayloadError::Email);
            }
        }
        for (field, names) in [
            ("praise.staff_named", &self.praise.staff_named),
            ("guidance.names_mentioned", &self.guidance.names_mentioned),
        ] {
            if names.len() > MAX_STAFF_NAMES {
                return Err(PayloadError::TooMany {
                    field,
                    max: MAX_STAFF_NAMES,
                });
            }
            if names.iter().any(|n| chars(n) > MAX_NAME_CHARS) {
                return Err(PayloadError::NameTooLong(field));
            }
        }
        if self.verified {
            return Err(PayloadError::Verified);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::config::Format;
    use crate::submission::sample::{sample, ID};

    fn check(v: &Value) -> Result<Payload, PayloadError> {
        let p = Payload::from_json(v.to_string().as_bytes())?;
        p.validate()?;
        Ok(p)
    }

    fn message(v: Value) -> String {
        match check(&v) {
            Err(e) if !e.is_malformed() => e.to_string(),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn spec_example_is_valid() {
        check(&sample()).unwrap();
    }

    #[test]
    fn malformed_json() {
        assert!(Payload::from_json(b"{").unwrap_err().is_malformed());
        assert!(Payload::from_json(b"").unwrap_err().is_malformed());
        assert!(!Payload::from_json(b"[]").unwrap_err().is_malformed());
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
    fn an_upper_case_id_is_received_in_lower_case() {
        let mut v = sample();
        v["id"] = json!(ID.to_uppercase());
        let body = v.to_string();
        let p = Payload::receive(Format::Json, body.as_bytes()).unwrap();
        assert_eq!(p.id, ID);
        let form = super::super::form_body(&Payload::from_json(body.as_bytes()).unwrap());
        assert_eq!(
            Payload::receive(Format::Form, form.as_bytes()).unwrap().id,
            ID
        );
    }

    #[test]
    fn every_limit_reached_is_accepted_one_over_is_refused() {
        // Every limit reached: accepted.
        let mut v = sample();
        v["venue"] = json!("v".repeat(MAX_VENUE_ID_CHARS));
        v["place"] = json!("p".repeat(MAX_PLACE_CHARS));
        let topics: serde_json::Map<String, Value> = (0..MAX_TOPICS)
            .map(|i| (format!("{i:0>width$}", width = MAX_NAME_CHARS), json!(3)))
            .collect();
        v["ratings"] = Value::Object(topics);
        v["guidance"]["names_mentioned"] = json!(vec!["n".repeat(MAX_NAME_CHARS); MAX_STAFF_NAMES]);
        v["praise"]["staff_named"] = json!(vec!["s".repeat(MAX_NAME_CHARS); MAX_STAFF_NAMES]);
        check(&v).unwrap();
        // One over each: refused, naming the field.
        let over = |change: &dyn Fn(&mut Value)| {
            let mut w = v.clone();
            change(&mut w);
            message(w)
        };
        let msg = over(&|w| w["venue"] = json!("v".repeat(MAX_VENUE_ID_CHARS + 1)));
        assert!(msg.contains("venue"), "{msg}");
        let msg = over(&|w| w["place"] = json!("p".repeat(MAX_PLACE_CHARS + 1)));
        assert!(msg.contains("place"), "{msg}");
        let msg = over(&|w| w["ratings"]["one-more"] = json!(3));
        assert!(msg.contains("`ratings` has more than 12"), "{msg}");
        let msg = over(&|w| {
            w["guidance"]["names_mentioned"]
                .as_array_mut()
                .unwrap()
                .push(json!("Amy"))
        });
        assert!(
            msg.contains("`guidance.names_mentioned` has more than 200"),
            "{msg}"
        );
        let msg = over(&|w| w["guidance"]["names_mentioned"][0] = json!("n".repeat(41)));
        assert!(msg.contains("guidance.names_mentioned"), "{msg}");
        let msg = over(&|w| {
            w["praise"]["staff_named"]
                .as_array_mut()
                .unwrap()
                .push(json!("Amy"))
        });
        assert!(
            msg.contains("`praise.staff_named` has more than 200"),
            "{msg}"
        );
        let msg = over(&|w| w["praise"]["staff_named"][0] = json!("s".repeat(41)));
        assert!(msg.contains("`praise.staff_named` entries"), "{msg}");
        let msg = over(&|w| w["praise"]["staff_named"] = json!("Amy"));
        assert!(msg.contains("praise.staff_named"), "{msg}");
        let msg = over(&|w| {
            w["ratings"] = json!({ "t".repeat(MAX_NAME_CHARS + 1): 3 });
        });
        assert!(msg.contains("ratings"), "{msg}");
    }

    #[test]
    fn payloads_of_earlier_builds_still_read() {
        // As the first build sent it: no field has been added since.
        let first = r#"{"schema":"evenhand.feedback/1","id":"6f1c2e0a-3b7d-4f6e-9a51-0c2d8e7f4a10","created_at":"2026-11-24T19:30:05.120Z","venue":"bistro-lyon-1","place":null,"mode":"personal","language":"en","praise":{"text":"Lovely","declined":false},"complaint":null,"ratings":{},"contact":null,"guidance":{"names_mentioned":[],"heated":false,"edited_after_guidance":false},"verified":false}"#;
        let p = Payload::receive(Format::Json, first.as_bytes()).unwrap();
        // Praise naming no one, as the field did not exist yet.
        assert_eq!(p.praise.staff_named, Vec::<String>::new());
        let again = serde_json::to_value(&p).unwrap();
        assert_eq!(again["praise"]["staff_named"], json!([]));
    }
}
