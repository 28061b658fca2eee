use super::*;

#[test]
fn lease_model() {
    let me = "tab-a";
    let other = "tab-b";
    assert!(may_take(None, me, T0));
    let mine = take_lease(me, T0);
    assert!(may_take(Some(&mine), me, T0 + 1.0));
    assert!(!may_take(Some(&mine), other, T0 + 1.0));
    assert!(may_take(Some(&mine), other, mine.until_ms));
    assert!(lease_confirmed(Some(&mine), me, T0 + 150.0));
    assert!(!lease_confirmed(Some(&mine), other, T0 + 150.0));
    assert!(!lease_confirmed(None, me, T0));
    assert!(may_start_attempt(Some(&mine), me, T0));
    assert!(!may_start_attempt(Some(&mine), other, T0));
    // Not enough left for a whole request: renew first.
    let late = mine.until_ms - f64::from(LEASE_MARGIN_MS) + 1.0;
    assert!(!may_start_attempt(Some(&mine), me, late));
    let renewed = take_lease(me, late);
    assert!(may_start_attempt(Some(&renewed), me, late));
    // Clock jumped back: a lease too far ahead is not believed.
    let skewed = Lease {
        owner: other.into(),
        until_ms: T0 + 10.0 * f64::from(LEASE_MS),
    };
    assert!(may_take(Some(&skewed), me, T0));
    // Garbage in storage is no lease.
    assert_eq!(decode_lease("{not json"), None);
    assert_eq!(decode_lease(r#"{"owner":1}"#), None);
    let json = serde_json::to_string(&mine).unwrap();
    assert_eq!(decode_lease(&json), Some(mine));
}
