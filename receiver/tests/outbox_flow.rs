//! The outbox's own pass decisions (`evenhand_core::queue::Pass`, the ones the browser
//! shell drives) against the real receiver: offline then online, an answer lost, a
//! refusal, a page that died mid-request, two tabs, and site storage cleared.
//!
//! The shell's part is played here as the browser plays it: storage is a map of JSON
//! text (IndexedDB's store, the generation record included), each request is one real
//! HTTP POST, and every request is counted per submission id.
//!
//! From `common`: `Server::start_default`, `Server::{addr, export, post_json}`,
//! `try_request`, `payload`, `new_id`, `stored_ids`.

mod common;

use std::collections::BTreeMap;

use evenhand_core::config::Format;
use evenhand_core::queue::{
    self, Held, ItemState, Kick, Lock, OutboxItem, Outcome, Pass, Step, GENERATION_KEY,
    SENDING_STALE_MS,
};

use common::*;

/// IndexedDB's `outbox` store, as text, shared by every tab of the origin.
struct Storage(BTreeMap<String, String>);

impl Storage {
    fn new(generation: &str) -> Storage {
        Storage(BTreeMap::from([(
            GENERATION_KEY.to_string(),
            generation.to_string(),
        )]))
    }

    fn put(&mut self, item: &OutboxItem) {
        self.0.insert(item.id.clone(), queue::encode_item(item));
    }

    fn item(&self, id: &str) -> OutboxItem {
        queue::decode_item(&self.0[id]).unwrap()
    }

    fn items(&self) -> Vec<OutboxItem> {
        self.0
            .iter()
            .filter(|(k, _)| *k != GENERATION_KEY)
            .map(|(_, v)| queue::decode_item(v).unwrap())
            .collect()
    }
}

/// One page: its id (the owner of its `Sending` markers) and what it holds in memory.
struct Tab {
    owner: String,
    held: Vec<Held>,
}

impl Tab {
    fn new(owner: &str) -> Tab {
        Tab {
            owner: owner.into(),
            held: Vec::new(),
        }
    }

    /// `Outbox::put`: stored, then held with the store's generation.
    fn put(&mut self, storage: &mut Storage, item: OutboxItem) {
        storage.put(&item);
        self.held.push(Held {
            item,
            generation: Some(storage.0[GENERATION_KEY].clone()),
        });
    }
}

/// The endpoint as the tabs reach it, with every request counted per submission id.
struct Endpoint {
    addr: String,
    format: Format,
    /// Per id, the status of each request (0: no answer).
    requests: BTreeMap<String, Vec<u16>>,
}

impl Endpoint {
    fn post(&mut self, id: &str, request: &queue::RequestBody) -> Outcome {
        let answer = try_request(
            &self.addr,
            "POST",
            "/api/feedback",
            &[
                ("Content-Type", request.content_type),
                ("Idempotency-Key", &request.idempotency_key),
            ],
            request.body.as_bytes(),
        );
        let outcome = match answer {
            Ok(r) => Outcome::Status {
                code: r.status,
                retry_after: r.header("retry-after").map(String::from),
                detail: Some(r.text()),
            },
            Err(e) => Outcome::NetworkError(e.to_string()),
        };
        let code = match outcome {
            Outcome::Status { code, .. } => code,
            _ => 0,
        };
        self.requests.entry(id.to_string()).or_default().push(code);
        outcome
    }

    fn total(&self) -> usize {
        self.requests.values().map(Vec::len).sum()
    }
}

/// What every tab of the origin shares: its storage and the endpoint.
struct Origin {
    storage: Storage,
    endpoint: Endpoint,
}

impl Origin {
    fn new(generation: &str, addr: String, format: Format) -> Origin {
        Origin {
            storage: Storage::new(generation),
            endpoint: Endpoint {
                addr,
                format,
                requests: BTreeMap::new(),
            },
        }
    }
}

/// What a pass said at its end.
struct Ran {
    sleep_ms: u32,
    restored: bool,
}

impl Tab {
    /// One pass, driven as `src/outbox/driver.rs` drives it.
    fn pass(&mut self, origin: &mut Origin, lock: Lock, kick: Kick, now: f64) -> Ran {
        let Origin { storage, endpoint } = origin;
        let generation = storage.0[GENERATION_KEY].clone();
        let mut pass = Pass::start(storage.items(), &generation, &self.held, lock, kick, now);
        while let Some(step) = pass.next(&self.owner, endpoint.format, now) {
            match step {
                Step::Store(item) => storage.put(&item),
                Step::Delete(id) => {
                    storage.0.remove(&id);
                }
                Step::Send { sending, request } => {
                    storage.put(&sending);
                    let outcome = endpoint.post(&sending.id, &request);
                    pass.answered(&outcome, now, 0.5);
                }
            }
        }
        pass.update_held(&mut self.held);
        Ran {
            sleep_ms: pass.sleep_ms(now),
            restored: pass.restored_any(),
        }
    }
}

fn new_item(created: f64) -> OutboxItem {
    let id = new_id();
    queue::new_item(payload(&id), &id, created)
}

/// An address with nothing listening: bind, note the port, let it go.
fn dead_addr() -> String {
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    dead.local_addr().unwrap().to_string()
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[test]
fn offline_then_online_delivers_each_submission_in_one_request() {
    for format in [Format::Json, Format::Form] {
        let dir = tempfile::tempdir().unwrap();
        let mut origin = Origin::new("gen-1", dead_addr(), format);
        let mut tab = Tab::new("tab-a");
        for k in 0..20 {
            tab.put(&mut origin.storage, new_item(f64::from(k)));
        }
        let mut bad = new_item(100.0);
        bad.payload["ratings"]["food"] = serde_json::json!(9);
        let bad_id = bad.id.clone();
        tab.put(&mut origin.storage, bad);
        let good_ids: Vec<String> = tab.held[..20].iter().map(|h| h.item.id.clone()).collect();

        // Offline: the first attempt fails and the pass stops there, to wait its backoff.
        let mut now = 1_000.0;
        let ran = tab.pass(&mut origin, Lock::WebLock, Kick::Wake, now);
        assert_eq!(origin.endpoint.total(), 1, "one request while unreachable");
        assert_eq!(ran.sleep_ms, 3_000, "2–4 s of backoff; 3 s at this jitter");
        let first = origin.storage.item(&good_ids[0]);
        assert_eq!((first.attempts, &first.state), (1, &ItemState::Pending));
        assert!(first.last_error.unwrap().status.is_none());
        assert_eq!(origin.storage.item(&good_ids[1]).attempts, 0);

        // The receiver comes up. One submission had in fact arrived before (its answer
        // was lost), so its next request must be a harmless duplicate.
        let server = Server::start_default(dir.path());
        let early = origin.storage.item(&good_ids[3]).payload.to_string();
        assert_eq!(server.post_json(&early, &[]).status, 201);
        origin.endpoint.addr = server.addr.clone();
        now += 500.0;
        // Back online: the backoff is skipped.
        let ran = tab.pass(&mut origin, Lock::WebLock, Kick::Wake, now);

        let requests = &origin.endpoint.requests;
        for id in &good_ids {
            let expected: &[u16] = match id == &good_ids[0] {
                true => &[0, 201],
                false if id == &good_ids[3] => &[200],
                false => &[201],
            };
            assert_eq!(requests[id], expected, "{format:?} {id}");
        }
        assert_eq!(requests[&bad_id], [422]);
        // Only the refused one is left, kept for staff, never due by itself.
        let left = origin.storage.items();
        assert_eq!(left.len(), 1);
        match &left[0].state {
            ItemState::Rejected { status, detail, .. } => {
                assert_eq!(*status, 422);
                assert!(detail.contains("ratings.food"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(ran.sleep_ms, queue::MAX_SLEEP_MS);
        assert_eq!(tab.held.len(), 1, "delivered items are no longer held");
        assert_eq!(
            sorted(stored_ids(&server.export())),
            sorted(good_ids.clone()),
            "every valid submission stored once"
        );

        // Later passes send nothing more, until staff ask to retry the refused one.
        let before = origin.endpoint.total();
        let later = now + 600_000.0;
        tab.pass(&mut origin, Lock::WebLock, Kick::Wake, later);
        assert_eq!(origin.endpoint.total(), before);
        tab.pass(&mut origin, Lock::WebLock, Kick::RetryAll, later);
        assert_eq!(origin.endpoint.requests[&bad_id], [422, 422]);
        assert_eq!(origin.endpoint.total(), before + 1);
    }
}

#[test]
fn a_page_that_died_mid_request_is_sent_again_at_once_under_a_web_lock_when_stale_under_a_lease() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_default(dir.path());
    for lock in [Lock::WebLock, Lock::Lease] {
        let mut origin = Origin::new("gen-1", server.addr.clone(), Format::Json);
        let mut dying = Tab::new("tab-a");
        let item = new_item(0.0);
        let id = item.id.clone();
        dying.put(&mut origin.storage, item);
        // Tab A stores its marker and sends; the receiver stores the submission; the
        // page dies before it hears the answer.
        let t0 = 10_000.0;
        let items = origin.storage.items();
        let mut pass_a = Pass::start(items, "gen-1", &dying.held, lock, Kick::Due, t0);
        let Some(Step::Send { sending, request }) = pass_a.next("tab-a", Format::Json, t0) else {
            panic!("the item is sent");
        };
        origin.storage.put(&sending);
        let answer = origin.endpoint.post(&id, &request);
        assert!(matches!(answer, Outcome::Status { code: 201, .. }));

        // Tab B opens a second later.
        let mut tab_b = Tab::new("tab-b");
        let t1 = t0 + 1_000.0;
        let ran = tab_b.pass(&mut origin, lock, Kick::Wake, t1);
        match lock {
            // The lock was freed, so the page that held it is gone: sent again at once.
            Lock::WebLock => assert_eq!(origin.endpoint.requests[&id], [201, 200]),
            // Another tab may still be sending: left alone until the marker is stale.
            Lock::Lease => {
                assert_eq!(origin.endpoint.requests[&id], [201]);
                let stale = t0 + f64::from(SENDING_STALE_MS);
                assert_eq!(f64::from(ran.sleep_ms), stale - t1);
                tab_b.pass(&mut origin, lock, Kick::Due, stale);
                assert_eq!(origin.endpoint.requests[&id], [201, 200]);
            }
        }
        assert!(origin.storage.items().is_empty());
    }
    assert_eq!(server.export().len(), 2, "one row per submission");
}

#[test]
fn two_tabs_each_item_in_one_successful_request() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_default(dir.path());
    let mut origin = Origin::new("gen-1", dead_addr(), Format::Json);
    let mut tab_a = Tab::new("tab-a");
    let mut tab_b = Tab::new("tab-b");
    for k in 0..5 {
        tab_a.put(&mut origin.storage, new_item(f64::from(k)));
        tab_b.put(&mut origin.storage, new_item(f64::from(k) + 0.5));
    }
    // Down: each tab tries, in turn (the lock serialises passes), and backs off.
    let mut now = 1_000.0;
    tab_a.pass(&mut origin, Lock::WebLock, Kick::Wake, now);
    tab_b.pass(&mut origin, Lock::WebLock, Kick::Wake, now);
    // Up: tab B's pass delivers everything, its own items and tab A's.
    origin.endpoint.addr = server.addr.clone();
    now += 60_000.0;
    tab_b.pass(&mut origin, Lock::WebLock, Kick::Due, now);
    assert!(origin.storage.items().is_empty());
    assert!(tab_b.held.is_empty());
    // Tab A still holds its items, finds them gone from the same store: delivered, not
    // lost. It forgets them and sends nothing.
    assert_eq!(tab_a.held.len(), 5);
    let before = origin.endpoint.total();
    let ran = tab_a.pass(&mut origin, Lock::WebLock, Kick::Wake, now);
    assert!(!ran.restored);
    assert_eq!(origin.endpoint.total(), before);
    assert!(tab_a.held.is_empty());
    for (id, statuses) in &origin.endpoint.requests {
        let ok = statuses.iter().filter(|s| (200..300).contains(*s)).count();
        assert_eq!(ok, 1, "{id}: {statuses:?}");
    }
    assert_eq!(origin.endpoint.requests.len(), 10);
    assert_eq!(server.export().len(), 10);
}

#[test]
fn items_held_by_the_page_survive_site_storage_being_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_default(dir.path());
    let mut origin = Origin::new("gen-1", server.addr.clone(), Format::Json);
    let mut tab = Tab::new("tab-a");
    let held: Vec<String> = (0..3)
        .map(|k| {
            let item = new_item(f64::from(k));
            let id = item.id.clone();
            tab.put(&mut origin.storage, item);
            id
        })
        .collect();
    // The browser clears site data; the next open creates a new, empty store.
    origin.storage = Storage::new("gen-2");
    let ran = tab.pass(&mut origin, Lock::WebLock, Kick::Due, 10.0);
    assert!(ran.restored, "staff are told");
    for id in &held {
        assert_eq!(origin.endpoint.requests[id], [201]);
    }
    assert!(tab.held.is_empty());
    assert_eq!(sorted(stored_ids(&server.export())), sorted(held));
}
