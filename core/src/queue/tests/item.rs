use super::*;
use serde_json::json;

#[test]
fn decode_v1_round_trip() {
    let i = updated(after_attempt(
        &begin_attempt(&item(ID, T0), "tab", T0),
        &Outcome::Status {
            code: 503,
            retry_after: Some("5".into()),
            detail: Some("busy".into()),
        },
        T0 + 10.0,
        0.25,
    ));
    let s = encode_item(&i);
    assert!(s.contains(r#""v":1"#));
    assert_eq!(decode_item(&s), Ok(i.clone()));
    let r = updated(after_attempt(&i, &status(422), T0 + 20.0, 0.0));
    assert_eq!(decode_item(&encode_item(&r)), Ok(r));
    let s = begin_attempt(&i, "tab-b", T0);
    assert_eq!(decode_item(&encode_item(&s)), Ok(s));
}

#[test]
fn decode_documented_v1_literal() {
    let s = format!(
        r#"{{"v":1,"id":"{ID}","payload":{},"created_ms":1795548605120,"attempts":2,
        "state":{{"kind":"rejected","status":422,"detail":"bad","at_ms":1}},
        "next_attempt_ms":0,"last_error":null}}"#,
        payload(ID)
    );
    let i = decode_item(&s).unwrap();
    assert_eq!(i.attempts, 2);
    assert_eq!(i.retry_after_until_ms, None);
    assert!(matches!(i.state, ItemState::Rejected { status: 422, .. }));
}

#[test]
fn decode_v0_upgrades() {
    let v0 = payload(ID).to_string();
    let i = decode_item(&v0).unwrap();
    assert_eq!(i.v, ITEM_VERSION);
    assert_eq!(i.id, ID);
    assert_eq!(i.payload, payload(ID));
    assert_eq!(i.attempts, 0);
    assert_eq!(i.state, ItemState::Pending);
    assert_eq!(i.created_ms, T0);
    assert_eq!(due(std::slice::from_ref(&i), T0), vec![ID]);
    // Written back as v1, read back the same.
    assert_eq!(decode_item(&encode_item(&i)), Ok(i));
    // A v0 with an unreadable date is still delivered.
    let mut p = payload(ID);
    p["created_at"] = json!("yesterday");
    assert_eq!(decode_item(&p.to_string()).unwrap().created_ms, 0.0);
}

#[test]
fn decode_newer_version() {
    let mut v = serde_json::to_value(item(ID, T0)).unwrap();
    v["v"] = json!(2);
    v["priority"] = json!("high");
    let i = decode_item(&v.to_string()).unwrap();
    assert_eq!(i.v, ITEM_VERSION);
    assert_eq!(
        decode_item(r#"{"v":7,"entirely":"different"}"#),
        Err(DecodeError::UnsupportedVersion(7))
    );
}

#[test]
fn decode_garbage_and_truncated() {
    let full = encode_item(&item(ID, T0));
    for cut in 0..full.len() {
        if let Some(prefix) = full.get(..cut) {
            assert!(decode_item(prefix).is_err(), "{prefix}");
        }
    }
    for bad in [
        "",
        "null",
        "42",
        "[]",
        r#""text""#,
        "{}",
        r#"{"v":"one"}"#,
        r#"{"v":-1}"#,
        r#"{"v":1}"#,
        r#"{"v":0,"payload":{}}"#,
        r#"{"schema":"evenhand.feedback/1"}"#,
        r#"{"schema":"evenhand.feedback/1","id":5}"#,
        "\u{0}\u{ffff}",
    ] {
        assert!(decode_item(bad).is_err(), "{bad:?}");
    }
    // The envelope and payload ids must agree.
    let mut v = serde_json::to_value(item(ID, T0)).unwrap();
    v["id"] = json!("other");
    assert!(matches!(
        decode_item(&v.to_string()),
        Err(DecodeError::Invalid(_))
    ));
    assert!(matches!(decode_item("{"), Err(DecodeError::Json(_))));
    assert_eq!(decode_item("[1]"), Err(DecodeError::NotAnObject));
}

#[test]
fn states_are_stored_as_flat_tagged_records() {
    let sending = begin_attempt(&item(ID, T0), "tab", 5.0);
    let json: serde_json::Value = serde_json::from_str(&encode_item(&sending)).unwrap();
    assert_eq!(
        json["state"],
        json!({ "kind": "sending", "owner": "tab", "since_ms": 5.0 })
    );
    let json: serde_json::Value = serde_json::from_str(&encode_item(&item(ID, T0))).unwrap();
    assert_eq!(json["state"], json!({ "kind": "pending" }));
    for bad in [
        r#"{"kind":"sending","since_ms":1}"#,
        r#"{"kind":"rejected","status":422,"at_ms":1}"#,
        r#"{"kind":"lost"}"#,
        r#"{"owner":"tab"}"#,
    ] {
        let mut v = serde_json::to_value(item(ID, T0)).unwrap();
        v["state"] = serde_json::from_str(bad).unwrap();
        assert!(
            matches!(decode_item(&v.to_string()), Err(DecodeError::Invalid(_))),
            "{bad}"
        );
    }
}
