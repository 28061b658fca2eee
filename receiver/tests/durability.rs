//! Never lose an acknowledged submission: SIGKILL the receiver in the middle of a burst,
//! restart it on the same database, and find every id that was answered 2xx.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;

#[test]
fn kill_9_during_a_burst_loses_no_acknowledged_submission() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/feedback.sqlite");
    let app = dir.path().join("app").to_str().unwrap().to_string();
    // A burst far faster than any shop: the rate limit has its own tests.
    let unlimited = ["--app", &app, "--rate-limit-per-minute", "0"];
    let mut first = Server::start_with_token(&db, &unlimited);
    let addr = first.addr.clone();

    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let sent = Arc::new(Mutex::new(Vec::<String>::new()));
    let started = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..6)
        .map(|_| {
            let (addr, acked, sent, started) =
                (addr.clone(), acked.clone(), sent.clone(), started.clone());
            std::thread::spawn(move || {
                let deadline = Instant::now() + Duration::from_secs(20);
                // Bounded: stops at the first failed request (the server is gone), after
                // 5,000 posts, or after 20 s.
                for _ in 0..5_000 {
                    if Instant::now() > deadline {
                        break;
                    }
                    let id = new_id();
                    sent.lock().unwrap().push(id.clone());
                    let body = payload(&id).to_string();
                    match try_request(
                        &addr,
                        "POST",
                        "/api/feedback",
                        &[
                            ("Content-Type", "application/json"),
                            ("Idempotency-Key", &id),
                        ],
                        body.as_bytes(),
                    ) {
                        Ok(r) if (200..300).contains(&r.status) => {
                            acked.lock().unwrap().push(id);
                            started.store(true, Ordering::SeqCst);
                        }
                        Ok(r) => panic!("unexpected answer {}: {}", r.status, r.text()),
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();

    // Let the burst get going, then pull the plug.
    let wait_start = Instant::now();
    while !started.load(Ordering::SeqCst) && wait_start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(400));
    first.child.kill().unwrap(); // SIGKILL on Unix
    first.child.wait().unwrap();
    for w in workers {
        w.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    let sent_count = sent.lock().unwrap().len();
    assert!(
        acked.len() >= 10,
        "the burst was too short to mean anything ({} acknowledged)",
        acked.len()
    );
    assert!(sent_count >= acked.len());

    let second = Server::start_with_token(&db, &unlimited);
    let stored: std::collections::HashSet<String> =
        stored_ids(&second.export()).into_iter().collect();
    let lost: Vec<&String> = acked.iter().filter(|id| !stored.contains(*id)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged submissions lost, e.g. {:?}",
        lost.len(),
        acked.len(),
        lost.first()
    );
    // Ids are unique in the store, and a retry of an acknowledged one is a duplicate.
    assert_eq!(stored.len(), second.export().len());
    let again = second.post_json(&payload(&acked[0]).to_string(), &[]);
    assert_eq!(again.status, 200, "{}", again.text());
    eprintln!(
        "durability: {} sent, {} acknowledged, {} stored after kill -9",
        sent_count,
        acked.len(),
        stored.len()
    );
}
