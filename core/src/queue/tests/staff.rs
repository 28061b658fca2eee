use super::*;

#[test]
fn summary_and_meta() {
    let p = item("p", T0 + 5.0);
    let r = updated(after_attempt(&item("r", T0), &status(400), T0 + 50.0, 0.0));
    let f = updated(after_attempt(
        &item("f", T0 + 1.0),
        &status(500),
        T0 + 60.0,
        0.0,
    ));
    let s = summarise(&[p, r, f.clone()]);
    assert_eq!((s.total, s.pending, s.rejected, s.sending), (3, 2, 1, 0));
    assert_eq!(s.oldest_created_ms, Some(T0));
    assert_eq!(s.next_attempt_ms, Some(T0 + 5.0));
    assert_eq!(s.last_error, f.last_error);
    assert_eq!(summarise(&[]), Summary::default());

    let mut meta = OutboxMeta::default();
    meta.note_success(T0);
    meta.note_error(f.last_error.as_ref().unwrap());
    let stored = serde_json::to_string(&meta).unwrap();
    assert_eq!(OutboxMeta::decode(&stored), meta);
    assert_eq!(OutboxMeta::decode("garbage"), OutboxMeta::default());

    let export: Value = serde_json::from_str(&export_json(&[f], &meta, T0)).unwrap();
    assert_eq!(export["items"][0]["id"], "f");
    assert_eq!(export["summary"]["pending"], 1);
}

#[test]
fn every_storage_fault_tells_staff_what_failed_in_both_languages() {
    use crate::i18n::{EN, FR};
    let faults = [
        StorageFault::Open,
        StorageFault::Read,
        StorageFault::Write,
        StorageFault::Delete,
        StorageFault::Meta,
        StorageFault::Export,
    ];
    let mut seen = std::collections::BTreeSet::new();
    for f in faults {
        for c in [&EN, &FR] {
            let m = f.message(c);
            assert!(m.contains("{detail}"), "{f:?}: {m}");
            assert!(seen.insert(m), "{f:?} says the same as another fault: {m}");
        }
    }
}
