//! Versioned schema: numbered SQL files, applied in order at open, all pending ones in
//! one transaction. The version reached is kept in a `schema_version` table (plain SQL,
//! so a Postgres store can keep the same files and the same bookkeeping).

use rusqlite::{params, Connection, OptionalExtension};

/// Every migration, in order; the number is its version. Never edit one that has
/// shipped: add the next.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "submissions",
        include_str!("migrations/0001_submissions.sql"),
    ),
    (
        2,
        "managers_sessions",
        include_str!("migrations/0002_managers_sessions.sql"),
    ),
    (3, "inbox", include_str!("migrations/0003_inbox.sql")),
    (
        4,
        "team_links",
        include_str!("migrations/0004_team_links.sql"),
    ),
    (5, "privacy", include_str!("migrations/0005_privacy.sql")),
    (
        6,
        "venue_scopes",
        include_str!("migrations/0006_venue_scopes.sql"),
    ),
];

/// The newest schema this receiver knows.
pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Brings the database to [`latest`]; returns the version it had before. A database
/// newer than this receiver is refused rather than written with the wrong idea of it.
pub fn migrate(conn: &mut Connection, now_ms: i64) -> rusqlite::Result<i64> {
    let tx = conn.transaction()?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_version (
             version BIGINT PRIMARY KEY,
             name TEXT NOT NULL,
             applied_at BIGINT NOT NULL
         );",
    )?;
    let current: i64 = tx
        .query_row("SELECT MAX(version) FROM schema_version", [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .optional()?
        .flatten()
        .unwrap_or(0);
    if current > latest() {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "the database has schema version {current}, newer than this receiver's {}: use a newer receiver",
            latest()
        )));
    }
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![version, name, now_ms],
        )?;
    }
    tx.commit()?;
    Ok(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_count_up_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.0, i as i64 + 1, "{}", m.1);
        }
    }

    #[test]
    fn applies_once_and_refuses_a_newer_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn, 1).unwrap(), 0);
        assert_eq!(migrate(&mut conn, 2).unwrap(), latest());
        let rows: i64 = conn
            .query_row("SELECT COUNT(*) FROM schema_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, latest());
        conn.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'future', 0)",
            [],
        )
        .unwrap();
        let err = migrate(&mut conn, 3).unwrap_err().to_string();
        assert!(err.contains("schema version 99, newer"), "{err}");
    }

    #[test]
    fn a_database_of_the_receiver_before_migrations_keeps_every_submission() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        {
            // The DDL and rows as the receiver wrote them before versioned migrations.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "PRAGMA journal_mode=WAL;
                 CREATE TABLE IF NOT EXISTS submissions (
                     id TEXT PRIMARY KEY,
                     received_at TEXT NOT NULL,
                     venue TEXT NOT NULL,
                     place TEXT,
                     language TEXT NOT NULL,
                     payload TEXT NOT NULL
                 );
                 INSERT INTO submissions VALUES ('a', 'r1', 'v', NULL, 'en', '{\"n\":1}');
                 INSERT INTO submissions VALUES ('b', 'r2', 'v', 'terrace', 'fr', '{\"n\":2}');",
            )
            .unwrap();
        }
        let store = crate::store::Store::open(&path).unwrap();
        let mut kept = Vec::new();
        store
            .for_each(|s| {
                kept.push((s.received_at, s.payload));
                true
            })
            .unwrap();
        assert_eq!(
            kept,
            [
                ("r1".to_string(), r#"{"n":1}"#.to_string()),
                ("r2".to_string(), r#"{"n":2}"#.to_string())
            ]
        );
        assert!(store.list_managers().unwrap().is_empty());
        drop(store);
        // Opened again: nothing re-applied, nothing lost.
        let store = crate::store::Store::open(&path).unwrap();
        let mut n = 0;
        store
            .for_each(|_| {
                n += 1;
                true
            })
            .unwrap();
        assert_eq!(n, 2);
        let conn = Connection::open(&path).unwrap();
        let versions: Vec<i64> = conn
            .prepare("SELECT version FROM schema_version ORDER BY version")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(versions, (1..=latest()).collect::<Vec<_>>());
    }
}
