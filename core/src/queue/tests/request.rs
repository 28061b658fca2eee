use super::*;
use serde_json::json;

#[test]
fn request_bodies() {
    use crate::config::Format;
    let i = item(ID, T0);
    let json = request_body(&i, Format::Json).unwrap();
    assert_eq!(json.content_type, "application/json");
    assert_eq!(json.idempotency_key, ID);
    assert_eq!(
        serde_json::from_str::<Value>(&json.body).unwrap(),
        payload(ID)
    );
    let mut p = payload(ID);
    p["praise"]["text"] = json!("Très bien & vite = 100%");
    p["ratings"] = json!({ "food": 5 });
    let form = request_body(&new_item(p, ID, T0), Format::Form).unwrap();
    assert_eq!(form.content_type, "application/x-www-form-urlencoded");
    assert!(form
        .body
        .starts_with("schema=evenhand.feedback%2F1&id=6f1c2e0a-"));
    assert!(form
        .body
        .contains("&praise=Tr%C3%A8s+bien+%26+vite+%3D+100%25&"));
    assert!(form.body.contains("&rating_food=5&"));
    // A payload that no longer reads as v1 cannot go out as a form: kept for staff.
    let mut odd = payload(ID);
    odd["surprise"] = json!(1);
    let odd = new_item(odd, ID, T0);
    let err = request_body(&odd, Format::Form).unwrap_err();
    assert!(request_body(&odd, Format::Json).is_ok());
    let r = reject_locally(&odd, &err, T0);
    assert!(matches!(r.state, ItemState::Rejected { status: 0, .. }));
    assert!(due(std::slice::from_ref(&r), T0 + 1e9).is_empty());
    assert_eq!(summarise(&[r]).rejected, 1);
}
