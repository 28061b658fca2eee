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
    // Meta stored by an earlier build still reads, with no storage trouble noted.
    let older = r#"{"last_success_ms":1.0,"last_error":null}"#;
    assert_eq!(OutboxMeta::decode(older).last_success_ms, Some(1.0));
    assert!(!OutboxMeta::decode(older).storage_lost);

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

#[test]
fn storage_trouble_outlives_the_page_that_saw_it() {
    // The kiosk notes it; the staff page, another page, reads it back from storage.
    let mut meta = OutboxMeta::default();
    meta.note_storage_lost();
    meta.note_fault(StorageFault::Write, "quota exceeded");
    meta.note_fault(StorageFault::Delete, "the disk is on fire");
    let read = OutboxMeta::decode(&serde_json::to_string(&meta).unwrap());
    assert!(read.storage_lost);
    assert_eq!(
        read.storage_fault,
        Some((StorageFault::Delete, "the disk is on fire".to_string())),
        "the latest failure is the one staff see"
    );
}
