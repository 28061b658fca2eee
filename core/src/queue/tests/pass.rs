use std::collections::BTreeMap;

use super::*;
use crate::config::Format;

type Store = BTreeMap<String, OutboxItem>;

fn store_of(items: &[OutboxItem]) -> Store {
    items.iter().map(|i| (i.id.clone(), i.clone())).collect()
}

fn start(store: &Store, held: &[Held], lock: Lock, kick: Kick, now: f64) -> Pass {
    Pass::start(
        store.values().cloned().collect(),
        "gen-1",
        held,
        lock,
        kick,
        now,
    )
}

/// Drives a pass as the shell does, against an in-memory store; `answer` plays the
/// endpoint. Returns the steps taken: "store ID", "send ID", "delete ID".
fn drive(
    pass: &mut Pass,
    store: &mut Store,
    format: Format,
    now: f64,
    mut answer: impl FnMut(&str) -> Outcome,
) -> Vec<String> {
    let mut log = Vec::new();
    while let Some(step) = pass.next("tab-a", format, now) {
        match step {
            Step::Store(i) => {
                log.push(format!("store {}", i.id));
                store.insert(i.id.clone(), i);
            }
            Step::Delete(id) => {
                log.push(format!("delete {id}"));
                store.remove(&id);
            }
            Step::Send { sending, request } => {
                assert_eq!(request.idempotency_key, sending.id);
                assert!(matches!(sending.state, ItemState::Sending { .. }));
                log.push(format!("send {}", sending.id));
                store.insert(sending.id.clone(), sending.clone());
                pass.answered(&answer(&sending.id), now, 0.0);
            }
        }
    }
    log
}

fn held(id: &str, generation: Option<&str>) -> Held {
    Held {
        item: item(id, T0),
        generation: generation.map(String::from),
    }
}

#[test]
fn due_ordering_and_wake() {
    let a = item("a", T0 + 300.0);
    let b = item("b", T0 + 100.0);
    let c = item("c", T0 + 100.0);
    let mut later = item("d", T0);
    later.next_attempt_ms = T0 + 10_000.0;
    let rejected = updated(after_attempt(&item("e", T0 - 1.0), &status(410), T0, 0.0));
    let items = vec![a, later, c, rejected, b];
    assert_eq!(due(&items, T0 + 1_000.0), vec!["b", "c", "a"]);
    assert_eq!(due(&items, T0 + 10_000.0), vec!["d", "b", "c", "a"]);
    assert_eq!(next_wake_ms(&items, T0 + 1_000.0), Some(T0 + 1_000.0));
    assert_eq!(next_wake_ms(&items[1..2], T0), Some(T0 + 10_000.0));
    assert_eq!(next_wake_ms(&[], T0), None);
}

#[test]
fn sending_items_are_not_sent_twice() {
    let s = begin_attempt(&item(ID, T0), "tab-a", T0);
    let items = [s.clone()];
    assert!(due(&items, T0 + f64::from(TIMEOUT_MS)).is_empty());
    assert!(due(&items, T0 + f64::from(SENDING_STALE_MS) - 1.0).is_empty());
    assert_eq!(due(&items, T0 + f64::from(SENDING_STALE_MS)), vec![ID]);
    assert_eq!(
        next_wake_ms(&items, T0),
        Some(T0 + f64::from(SENDING_STALE_MS))
    );
    // Under a Web Lock the marker is known abandoned.
    let r = reclaim_abandoned(&s).unwrap();
    assert_eq!(r.state, ItemState::Pending);
    assert_eq!(due(std::slice::from_ref(&r), T0), vec![ID]);
    assert_eq!(reclaim_abandoned(&r), None);
    assert_eq!(summarise(&items).sending, 1);
}

#[test]
fn a_pass_delivers_oldest_first_and_keeps_what_is_refused() {
    let mut store = store_of(&[
        item("b", T0 + 2.0),
        item("a", T0 + 1.0),
        item("c", T0 + 3.0),
    ]);
    let now = T0 + 10.0;
    let mut pass = start(&store, &[], Lock::WebLock, Kick::Due, now);
    let log = drive(&mut pass, &mut store, Format::Json, now, |id| {
        status(if id == "b" { 422 } else { 201 })
    });
    assert_eq!(
        log,
        ["send a", "delete a", "send b", "store b", "send c", "delete c"]
    );
    assert_eq!(store.keys().collect::<Vec<_>>(), ["b"]);
    assert!(matches!(
        store["b"].state,
        ItemState::Rejected { status: 422, .. }
    ));
    assert_eq!(pass.items().count(), 1);
    // Nothing waits: look again within a minute all the same.
    assert_eq!(pass.sleep_ms(now), MAX_SLEEP_MS);
    let mut meta = OutboxMeta::default();
    assert!(pass.update_meta(&mut meta));
    assert_eq!(meta.last_success_ms, Some(now));
    assert_eq!(meta.last_error.as_ref().and_then(|e| e.status), Some(422));
    assert!(!pass.update_meta(&mut meta), "nothing new the second time");
}

#[test]
fn a_pass_stops_at_the_first_answer_worth_retrying() {
    for outcome in [
        status(503),
        Outcome::Timeout,
        Outcome::NetworkError("offline".into()),
    ] {
        let mut store = store_of(&[item("a", T0), item("b", T0 + 1.0), item("c", T0 + 2.0)]);
        let mut pass = start(&store, &[], Lock::WebLock, Kick::Due, T0);
        let log = drive(&mut pass, &mut store, Format::Json, T0, |_| outcome.clone());
        assert_eq!(log, ["send a", "store a"], "{outcome:?}");
        assert_eq!(store["a"].attempts, 1);
        assert_eq!(store["a"].state, ItemState::Pending);
        assert_eq!(store["b"], item("b", T0 + 1.0), "not tried");
        // Wakes for a's next attempt (2 s with this jitter), though b and c are due.
        assert_eq!(pass.sleep_ms(T0), 2_000);
    }
}

#[test]
fn under_a_web_lock_a_sending_marker_is_reclaimed_at_once() {
    let marked = begin_attempt(&item("a", T0), "a-page-that-died", T0);
    let mut store = store_of(&[marked]);
    let now = T0 + 1.0;
    let mut pass = start(&store, &[], Lock::WebLock, Kick::Due, now);
    let Some(Step::Store(first)) = pass.next("tab-a", Format::Json, now) else {
        panic!("the reclaimed item is stored first");
    };
    assert_eq!(first.state, ItemState::Pending);
    store.insert(first.id.clone(), first);
    let log = drive(&mut pass, &mut store, Format::Json, now, |_| status(201));
    assert_eq!(log, ["send a", "delete a"]);
}

#[test]
fn under_the_lease_a_sending_marker_is_trusted_until_stale() {
    let marked = begin_attempt(&item("a", T0), "tab-b", T0);
    let stale = T0 + f64::from(SENDING_STALE_MS);
    for now in [T0 + 1.0, T0 + f64::from(TIMEOUT_MS), stale - 1.0] {
        for kick in [Kick::Due, Kick::Wake, Kick::RetryAll] {
            let mut store = store_of(std::slice::from_ref(&marked));
            let mut pass = start(&store, &[], Lock::Lease, kick, now);
            let log = drive(&mut pass, &mut store, Format::Json, now, |_| status(201));
            assert!(log.is_empty(), "{now} {kick:?}: {log:?}");
            assert_eq!(store["a"], marked);
            assert_eq!(pass.sleep_ms(now), ((stale - now) as u32).max(250));
        }
    }
    let mut store = store_of(&[marked]);
    let mut pass = start(&store, &[], Lock::Lease, Kick::Due, stale);
    let log = drive(&mut pass, &mut store, Format::Json, stale, |_| status(201));
    assert_eq!(log, ["send a", "delete a"]);
}

#[test]
fn two_tabs_under_the_lease_never_send_one_item_at_once() {
    // Tab A stores its marker and sends; tab B, which also believes it holds the lease,
    // starts a pass before A's answer comes.
    let mut store = store_of(&[item("a", T0), item("b", T0 + 1.0)]);
    let mut tab_a = start(&store, &[], Lock::Lease, Kick::Due, T0);
    let Some(Step::Send { sending, .. }) = tab_a.next("tab-a", Format::Json, T0) else {
        panic!("a is sent first");
    };
    store.insert(sending.id.clone(), sending);
    let now = T0 + 5_000.0;
    let mut tab_b = start(&store, &[], Lock::Lease, Kick::Wake, now);
    let log = drive(&mut tab_b, &mut store, Format::Json, now, |_| status(201));
    assert_eq!(log, ["send b", "delete b"], "b only: a is in flight");
    tab_a.answered(&status(201), now, 0.0);
    assert_eq!(
        tab_a.next("tab-a", Format::Json, now),
        Some(Step::Delete("a".into()))
    );
}

#[test]
fn a_wake_skips_backoff_but_not_retry_after_and_retry_all_takes_everything() {
    let mut backoff = item("w", T0 - 3.0);
    backoff.attempts = 3;
    backoff.next_attempt_ms = T0 + 60_000.0;
    let asked = pause(503, "30");
    let paused = updated(after_attempt(&item("p", T0 - 2.0), &asked, T0, 0.0));
    let refused = updated(after_attempt(&item("r", T0 - 1.0), &status(422), T0, 0.0));
    let all = [backoff, paused, refused];
    let now = T0 + 1.0;

    let mut store = store_of(&all);
    let mut pass = start(&store, &[], Lock::WebLock, Kick::Due, now);
    assert!(drive(&mut pass, &mut store, Format::Json, now, |_| status(201)).is_empty());
    assert_eq!(pass.sleep_ms(now), 29_999, "the server's pause ends first");

    let mut pass = start(&store, &[], Lock::WebLock, Kick::Wake, now);
    let log = drive(&mut pass, &mut store, Format::Json, now, |_| status(201));
    assert_eq!(log, ["store w", "send w", "delete w"]);

    let mut store = store_of(&all);
    let mut pass = start(&store, &[], Lock::WebLock, Kick::RetryAll, now);
    let log = drive(&mut pass, &mut store, Format::Json, now, |_| status(201));
    assert_eq!(
        log,
        [
            "store p", "store r", "store w", "send w", "delete w", "send p", "delete p", "send r",
            "delete r"
        ]
    );
    assert!(store.is_empty());
}

#[test]
fn held_items_are_stored_again_only_when_the_store_was_replaced() {
    let mut store = store_of(&[item("x", T0)]);
    let mut mine = vec![
        held("x", Some("gen-1")),
        // Gone from the same store: another tab delivered it.
        held("y", Some("gen-1")),
        // Gone from an older store: site data was cleared.
        held("z", Some("gen-0")),
        // Stored before this page knew the generation: assume the worst.
        held("w", None),
    ];
    let mut pass = start(&store, &mine, Lock::WebLock, Kick::Due, T0);
    let log = drive(&mut pass, &mut store, Format::Json, T0, |_| status(503));
    assert_eq!(log, ["store z", "store w", "send w", "store w"]);
    assert!(pass.restored_any());
    pass.update_held(&mut mine);
    let ids: Vec<_> = mine.iter().map(|h| h.item.id.as_str()).collect();
    assert_eq!(ids, ["x", "z", "w"]);
    assert!(mine
        .iter()
        .all(|h| h.generation.as_deref() == Some("gen-1")));

    // Nothing lost and nothing delivered elsewhere: nothing stored again.
    let mut pass = start(&store, &mine, Lock::WebLock, Kick::Due, T0);
    let log = drive(&mut pass, &mut store, Format::Json, T0, |_| status(503));
    assert_eq!(log, ["send x", "store x"]);
    assert!(!pass.restored_any());
}

#[test]
fn delivered_items_are_no_longer_held() {
    let mut store = store_of(&[item("x", T0)]);
    let mut mine = vec![held("x", Some("gen-1"))];
    let mut pass = start(&store, &mine, Lock::WebLock, Kick::Due, T0);
    drive(&mut pass, &mut store, Format::Json, T0, |_| status(201));
    // Held since the pass started: left alone.
    mine.push(held("new", Some("gen-1")));
    pass.update_held(&mut mine);
    assert_eq!(mine, [held("new", Some("gen-1"))]);
}

#[test]
fn a_storage_failure_ends_the_pass_and_forgets_nothing() {
    // Storing a lost item fails: it stays held as lost, to be stored next time.
    let mut mine = vec![held("z", Some("gen-0"))];
    let mut pass = start(&Store::new(), &mine, Lock::WebLock, Kick::Due, T0);
    assert!(matches!(
        pass.next("tab-a", Format::Json, T0),
        Some(Step::Store(_))
    ));
    pass.storage_failed(T0);
    assert_eq!(pass.next("tab-a", Format::Json, T0), None);
    pass.update_held(&mut mine);
    assert_eq!(mine, [held("z", Some("gen-0"))]);
    assert_eq!(pass.sleep_ms(T0), STORAGE_RETRY_MS);

    // The in-flight marker could not be stored: nothing was sent, the item is as it was.
    let store = store_of(&[item("a", T0), item("b", T0 + 1.0)]);
    let mut pass = start(&store, &[], Lock::WebLock, Kick::Due, T0);
    assert!(matches!(
        pass.next("tab-a", Format::Json, T0),
        Some(Step::Send { .. })
    ));
    pass.storage_failed(T0);
    assert_eq!(pass.next("tab-a", Format::Json, T0), None);
    assert_eq!(
        pass.items().cloned().collect::<Vec<_>>(),
        store.into_values().collect::<Vec<_>>()
    );
}

#[test]
fn a_lease_lost_before_a_request_ends_the_pass() {
    let store = store_of(&[item("a", T0)]);
    let mut pass = start(&store, &[], Lock::Lease, Kick::Due, T0);
    assert!(matches!(
        pass.next("tab-a", Format::Json, T0),
        Some(Step::Send { .. })
    ));
    pass.lock_lost(T0);
    assert_eq!(pass.next("tab-a", Format::Json, T0), None);
    assert_eq!(pass.items().next(), Some(&item("a", T0)));
    assert_eq!(pass.sleep_ms(T0), LEASE_BUSY_MS);
}

#[test]
fn an_item_that_cannot_go_out_as_configured_is_kept_and_the_pass_goes_on() {
    let mut odd = payload("odd");
    odd["surprise"] = serde_json::json!(1);
    let mut store = store_of(&[new_item(odd, "odd", T0), item("good", T0 + 1.0)]);
    let now = T0 + 10.0;
    let mut pass = start(&store, &[], Lock::WebLock, Kick::Due, now);
    let log = drive(&mut pass, &mut store, Format::Form, now, |_| status(201));
    assert_eq!(log, ["store odd", "send good", "delete good"]);
    assert!(matches!(
        store["odd"].state,
        ItemState::Rejected { status: 0, .. }
    ));
}

#[test]
fn sleeps_stay_within_bounds() {
    assert_eq!(crate::queue::pass::sleep_until(T0 + 100.0, T0), 250);
    assert_eq!(crate::queue::pass::sleep_until(T0 - 5_000.0, T0), 250);
    assert_eq!(crate::queue::pass::sleep_until(T0 + 5_000.0, T0), 5_000);
    assert_eq!(
        crate::queue::pass::sleep_until(T0 + 3_600_000.0, T0),
        MAX_SLEEP_MS
    );
    assert_eq!(crate::queue::pass::sleep_until(f64::NAN, T0), MAX_SLEEP_MS);
}
