//! Versioned schema for Postgres: numbered SQL files under `migrations/`, applied in
//! order at open, all pending ones in one transaction, the version reached kept in
//! `schema_migrations`. The transaction first takes an advisory lock, so of several
//! receivers starting together one migrates and the others then find nothing to do.

use postgres::Client;

use crate::store::{Error, Result};

/// Every migration, in order; the number is its version. Never edit one that has
/// shipped: add the next, with its file under `migrations/`.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "submissions_accounts",
        include_str!("migrations/0001_submissions_accounts.sql"),
    ),
    (2, "inbox", include_str!("migrations/0002_inbox.sql")),
    (
        3,
        "team_links",
        include_str!("migrations/0003_team_links.sql"),
    ),
    (4, "privacy", include_str!("migrations/0004_privacy.sql")),
    (
        5,
        "venue_scopes",
        include_str!("migrations/0005_venue_scopes.sql"),
    ),
];

/// The advisory lock's key: "evenhand" in ASCII, so it is no other program's.
const LOCK_KEY: i64 = 0x6576_656e_6861_6e64;

/// The newest schema this receiver knows.
pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Brings the database to [`latest`]; returns the version it had before. A database
/// newer than this receiver is refused rather than written with the wrong idea of it.
pub fn migrate(client: &mut Client, now_ms: i64) -> Result<i64> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version BIGINT PRIMARY KEY,
             name TEXT NOT NULL,
             applied_at BIGINT NOT NULL
         )",
    )?;
    let current: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            &[],
        )?
        .get(0);
    if current > latest() {
        return Err(Error::Refused(format!(
            "the database has schema version {current}, newer than this receiver's {}: use a newer receiver",
            latest()
        )));
    }
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            &[version, name, &now_ms],
        )?;
    }
    tx.commit()?;
    Ok(current)
}
