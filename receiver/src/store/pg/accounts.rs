//! Inbox accounts on Postgres: managers, sessions and failed sign-ins, shared by every
//! receiver on the database (a session opened through one is open on all, and the
//! lockout counts the failures made through any of them).

use evenhand_core::sign_in::{session_open, sessions_ended_before};

use crate::store::accounts::{email_key, AddedManager, Manager};
use crate::store::Result;

use super::inbox::Venues;
use super::Pool;

/// The first key of the sign-in advisory locks (the second is the email's hash): a
/// lock space of its own, apart from the migrations' one-key lock.
const SIGN_IN_LOCK: i32 = 0x6576_6568; // "eveh"

/// Adds an account and the venues it is limited to (none: every venue) in one
/// transaction, as the SQLite store does.
pub fn add_manager(
    pool: &Pool,
    email: &str,
    password_hash: &str,
    venues: Venues<'_>,
    now_ms: i64,
) -> Result<AddedManager> {
    let mut client = pool.get()?;
    let mut tx = client.transaction()?;
    let id: Option<i64> = tx
        .query_opt(
            "INSERT INTO managers (email, password_hash, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (email) DO NOTHING RETURNING id",
            &[&email_key(email), &password_hash, &now_ms],
        )?
        .map(|r| r.try_get(0))
        .transpose()?;
    let Some(id) = id else {
        return Ok(AddedManager::EmailTaken);
    };
    for venue in venues.unwrap_or_default() {
        tx.execute(
            "INSERT INTO manager_venues (manager_id, venue) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
            &[&id, venue],
        )?;
    }
    tx.commit()?;
    Ok(AddedManager::Added)
}

/// The venues a manager is limited to, sorted; none means every venue.
pub fn manager_venues(pool: &Pool, manager_id: i64) -> Result<Vec<String>> {
    pool.get()?
        .query(
            "SELECT venue FROM manager_venues WHERE manager_id = $1 ORDER BY venue",
            &[&manager_id],
        )?
        .iter()
        .map(|r| Ok(r.try_get(0)?))
        .collect()
}

pub fn list_managers(pool: &Pool) -> Result<Vec<Manager>> {
    pool.get()?
        .query(
            "SELECT id, email, created_at FROM managers ORDER BY email",
            &[],
        )?
        .iter()
        .map(|r| {
            Ok(Manager {
                id: r.try_get(0)?,
                email: r.try_get(1)?,
                created_at: r.try_get(2)?,
            })
        })
        .collect()
}

pub fn remove_manager(pool: &Pool, email: &str) -> Result<bool> {
    let mut client = pool.get()?;
    let mut tx = client.transaction()?;
    let key = email_key(email);
    tx.execute(
        "DELETE FROM sessions WHERE manager_id IN (SELECT id FROM managers WHERE email = $1)",
        &[&key],
    )?;
    let removed = tx.execute("DELETE FROM managers WHERE email = $1", &[&key])?;
    tx.commit()?;
    Ok(removed > 0)
}

pub fn manager_credentials(pool: &Pool, email: &str) -> Result<Option<(i64, String)>> {
    let row = pool.get()?.query_opt(
        "SELECT id, password_hash FROM managers WHERE email = $1",
        &[&email_key(email)],
    )?;
    Ok(match row {
        Some(r) => Some((r.try_get(0)?, r.try_get(1)?)),
        None => None,
    })
}

/// As the SQLite version; the transaction first takes an advisory lock on the email,
/// so attempts on one email through several receivers are counted one after another
/// and parallel guesses meet the lockout too.
pub fn begin_sign_in(
    pool: &Pool,
    email: &str,
    now_ms: i64,
    forget_before: i64,
    locked: impl Fn(&[i64], i64) -> Option<i64>,
) -> Result<Result<(), i64>> {
    let mut client = pool.get()?;
    let mut tx = client.transaction()?;
    let key = email_key(email);
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, hashtext($2))",
        &[&SIGN_IN_LOCK, &key],
    )?;
    tx.execute(
        "DELETE FROM sign_in_failures WHERE at < $1",
        &[&forget_before],
    )?;
    let failures = tx
        .query("SELECT at FROM sign_in_failures WHERE email = $1", &[&key])?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<Vec<i64>, _>>()?;
    if let Some(ms) = locked(&failures, now_ms) {
        return Ok(Err(ms));
    }
    tx.execute(
        "INSERT INTO sign_in_failures (email, at) VALUES ($1, $2)",
        &[&key, &now_ms],
    )?;
    tx.commit()?;
    Ok(Ok(()))
}

pub fn clear_sign_in_failures(pool: &Pool, email: &str) -> Result<()> {
    pool.get()?.execute(
        "DELETE FROM sign_in_failures WHERE email = $1",
        &[&email_key(email)],
    )?;
    Ok(())
}

/// As the SQLite version: the ended sessions go first, in the same transaction.
pub fn create_session(pool: &Pool, token_hash: &str, manager_id: i64, now_ms: i64) -> Result<()> {
    let mut client = pool.get()?;
    let mut tx = client.transaction()?;
    tx.execute(
        "DELETE FROM sessions WHERE last_seen_at < $1",
        &[&sessions_ended_before(now_ms)],
    )?;
    tx.execute(
        "INSERT INTO sessions (token_hash, manager_id, created_at, last_seen_at)
         VALUES ($1, $2, $3, $3)",
        &[&token_hash, &manager_id, &now_ms],
    )?;
    tx.commit()?;
    Ok(())
}

pub fn use_session(pool: &Pool, token_hash: &str, now_ms: i64) -> Result<Option<Manager>> {
    let mut client = pool.get()?;
    let found = client.query_opt(
        "SELECT m.id, m.email, m.created_at, s.last_seen_at
         FROM sessions s JOIN managers m ON m.id = s.manager_id
         WHERE s.token_hash = $1",
        &[&token_hash],
    )?;
    let Some(r) = found else {
        return Ok(None);
    };
    let manager = Manager {
        id: r.try_get(0)?,
        email: r.try_get(1)?,
        created_at: r.try_get(2)?,
    };
    let last_seen: i64 = r.try_get(3)?;
    if session_open(last_seen, now_ms) {
        client.execute(
            "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1",
            &[&token_hash, &now_ms],
        )?;
        Ok(Some(manager))
    } else {
        client.execute("DELETE FROM sessions WHERE token_hash = $1", &[&token_hash])?;
        Ok(None)
    }
}

pub fn delete_session(pool: &Pool, token_hash: &str) -> Result<()> {
    pool.get()?
        .execute("DELETE FROM sessions WHERE token_hash = $1", &[&token_hash])?;
    Ok(())
}
