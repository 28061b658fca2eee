//! The outbox state machine (`evenhand_core::queue`) driven against the real receiver,
//! as the browser shell drives it: offline first, then back online, with a retry of a
//! submission whose answer was lost and one that the receiver refuses.

mod common;

use evenhand_core::config::Format;
use evenhand_core::queue::{self, ItemState, Next, OutboxItem, Outcome};

use common::*;

/// One attempt, as the shell makes it.
fn attempt(addr: &str, item: &OutboxItem, format: Format, now: f64) -> Next {
    let sending = queue::begin_attempt(item, "test-tab", now);
    let req = queue::request_body(&sending, format).unwrap();
    let outcome = match try_request(
        addr,
        "POST",
        "/api/feedback",
        &[
            ("Content-Type", req.content_type),
            ("Idempotency-Key", &req.idempotency_key),
        ],
        req.body.as_bytes(),
    ) {
        Ok(r) => Outcome::Status {
            code: r.status,
            retry_after: r.header("retry-after").map(String::from),
            detail: Some(r.text()),
        },
        Err(e) => Outcome::NetworkError(e.to_string()),
    };
    queue::after_attempt(&sending, &outcome, now, 0.5)
}

fn flush(addr: &str, outbox: &mut Vec<OutboxItem>, now: f64) {
    let due: Vec<String> = queue::due(outbox, now)
        .into_iter()
        .map(String::from)
        .collect();
    for id in due {
        let Some(pos) = outbox.iter().position(|i| i.id == id) else {
            continue;
        };
        let format = if pos % 2 == 0 {
            Format::Json
        } else {
            Format::Form
        };
        match attempt(addr, &outbox[pos], format, now) {
            Next::Remove => {
                outbox.remove(pos);
            }
            Next::Update(item) => {
                // The shell stores it, and reads it back after a reload.
                outbox[pos] = queue::decode_item(&queue::encode_item(&item)).unwrap();
            }
        }
    }
}

#[test]
fn offline_then_online_delivers_everything_once() {
    let dir = tempfile::tempdir().unwrap();
    // An address with nothing listening: bind, note the port, let it go.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_addr = dead.local_addr().unwrap().to_string();
    drop(dead);

    let mut outbox: Vec<OutboxItem> = (0..20)
        .map(|k| {
            let id = new_id();
            queue::new_item(payload(&id), &id, f64::from(k))
        })
        .collect();
    let mut bad = payload(&new_id());
    bad["ratings"]["food"] = serde_json::json!(9);
    let bad_id = bad["id"].as_str().unwrap().to_string();
    outbox.push(queue::new_item(bad, &bad_id, 100.0));
    let good_ids: Vec<String> = outbox[..20].iter().map(|i| i.id.clone()).collect();

    // Offline: every attempt fails and is rescheduled with backoff.
    let mut now = 1_000.0;
    flush(&dead_addr, &mut outbox, now);
    assert_eq!(outbox.len(), 21);
    for item in &outbox {
        assert_eq!(item.attempts, 1);
        assert_eq!(item.state, ItemState::Pending);
        assert!((now + 2_000.0..=now + 4_000.0).contains(&item.next_attempt_ms));
        assert!(item.last_error.as_ref().unwrap().status.is_none());
    }
    assert!(queue::due(&outbox, now + 1.0).is_empty());

    // The receiver comes up; one submission had in fact arrived before (its answer
    // was lost), so the retry must be a harmless duplicate.
    let s = Server::start_default(dir.path());
    assert_eq!(s.post_json(&outbox[3].payload.to_string(), &[]).status, 201);
    now = queue::next_wake_ms(&outbox, now).unwrap();
    flush(&s.addr, &mut outbox, now);

    // Only the refused one is left, kept for staff, never due by itself.
    assert_eq!(outbox.len(), 1);
    let left = &outbox[0];
    assert_eq!(left.id, bad_id);
    match &left.state {
        ItemState::Rejected { status, detail, .. } => {
            assert_eq!(*status, 422);
            assert!(detail.contains("ratings.food"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(queue::next_wake_ms(&outbox, now), None);
    let summary = queue::summarise(&outbox);
    assert_eq!((summary.pending, summary.rejected), (0, 1));

    let mut stored = stored_ids(&s.export());
    stored.sort();
    let mut expected = good_ids;
    expected.sort();
    assert_eq!(
        stored, expected,
        "every valid submission stored exactly once"
    );
}
