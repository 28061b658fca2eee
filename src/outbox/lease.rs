//! One sender at a time across tabs: a lease in localStorage, taken, confirmed after a
//! short settle and renewed before each request (the rules are `queue`'s). It works in
//! every browser, older tablets included; the `Sending` marker on each item and the
//! receiver's de-duplication on `id` cover the rare race two tabs could still win.

use evenhand_core::queue::{self, Lease};

use super::{local_storage, sleep};
use crate::browser;

const KEY: &str = "evenhand.outbox.lease";

fn read() -> Option<Lease> {
    local_storage()?
        .get_item(KEY)
        .ok()
        .flatten()
        .and_then(|json| queue::decode_lease(&json))
}

fn write(lease: &Lease) -> bool {
    match (local_storage(), serde_json::to_string(lease)) {
        (Some(s), Ok(json)) => s.set_item(KEY, &json).is_ok(),
        _ => false,
    }
}

/// Takes the lease if free (or ours) and confirms no other tab took it meanwhile.
pub async fn acquire(me: &str) -> bool {
    if local_storage().is_none() {
        // No localStorage at all: nothing to coordinate with, this tab sends alone.
        return true;
    }
    if !queue::may_take(read().as_ref(), me, browser::now_ms()) {
        return false;
    }
    if !write(&queue::take_lease(me, browser::now_ms())) {
        return false;
    }
    sleep(queue::LEASE_SETTLE_MS).await;
    queue::lease_confirmed(read().as_ref(), me, browser::now_ms())
}

/// Before a request: keeps the lease long enough for the request to finish.
pub async fn renew(me: &str) -> bool {
    if local_storage().is_none() {
        return true;
    }
    let now = browser::now_ms();
    let lease = read();
    if queue::may_start_attempt(lease.as_ref(), me, now) {
        return true;
    }
    queue::may_take(lease.as_ref(), me, now) && write(&queue::take_lease(me, now))
}

pub fn release(me: &str) {
    if read().is_some_and(|l| l.owner == me) {
        if let Some(s) = local_storage() {
            let _ = s.remove_item(KEY);
        }
    }
}
