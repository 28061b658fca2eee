//! The fallback sender lock where `navigator.locks` is missing: a lease in localStorage,
//! taken, confirmed after a short settle and renewed before each request (the rules are
//! `queue::lease`'s). Released on `pagehide` so the next page need not wait it out.

use evenhand_core::queue::{self, Lease};

use super::{local_storage, sleep};
use crate::browser;
use crate::send::describe;

const KEY: &str = "evenhand.outbox.lease";

fn read() -> Option<Lease> {
    local_storage()?
        .get_item(KEY)
        .ok()
        .flatten()
        .and_then(|json| queue::decode_lease(&json))
}

fn write(lease: &Lease) -> Result<(), String> {
    let storage = local_storage().ok_or("no localStorage")?;
    let json = serde_json::to_string(lease).map_err(|e| e.to_string())?;
    storage.set_item(KEY, &json).map_err(describe)
}

/// Takes the lease if free (or ours) and confirms that no other tab took it meanwhile.
/// `Ok(false)`: another tab holds it. `Err`: localStorage refused the write.
pub async fn acquire(me: &str) -> Result<bool, String> {
    if local_storage().is_none() {
        // No localStorage at all: nothing to coordinate with, this tab sends alone.
        return Ok(true);
    }
    if !queue::may_take(read().as_ref(), me, browser::now_ms()) {
        return Ok(false);
    }
    write(&queue::take_lease(me, browser::now_ms()))?;
    sleep(queue::LEASE_SETTLE_MS).await;
    Ok(queue::lease_confirmed(
        read().as_ref(),
        me,
        browser::now_ms(),
    ))
}

/// Before a request: keeps the lease long enough for the request to finish.
pub fn renew(me: &str) -> Result<bool, String> {
    if local_storage().is_none() {
        return Ok(true);
    }
    let now = browser::now_ms();
    let lease = read();
    if queue::may_start_attempt(lease.as_ref(), me, now) {
        return Ok(true);
    }
    if !queue::may_take(lease.as_ref(), me, now) {
        return Ok(false);
    }
    write(&queue::take_lease(me, now)).map(|()| true)
}

/// Gives the lease up if it is ours.
pub fn release(me: &str) -> Result<(), String> {
    match local_storage() {
        Some(s) if read().is_some_and(|l| l.owner == me) => s.remove_item(KEY).map_err(describe),
        _ => Ok(()),
    }
}
