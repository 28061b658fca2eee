//! SQLite storage: one row per submission id, committed (WAL, `synchronous=FULL`)
//! before the endpoint answers.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OpenFlags};

/// One stored submission, as it arrived.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub received_at: String,
    /// Payload v1 as JSON text.
    pub payload: String,
}

/// Whether an insert stored a new submission or found its id already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    New,
    Duplicate,
}

/// The columns the store keeps besides the payload itself.
pub struct Row<'a> {
    pub id: &'a str,
    pub received_at: &'a str,
    pub venue: &'a str,
    pub place: Option<&'a str>,
    pub language: &'a str,
    pub payload: &'a str,
}

/// A single connection behind a mutex: correctness over throughput.
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the database for writing.
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(rusqlite::Error::InvalidParameterName(format!(
                "the database refused WAL mode (journal_mode is {mode})"
            )));
        }
        conn.execute_batch(
            "PRAGMA synchronous=FULL;
             CREATE TABLE IF NOT EXISTS submissions (
                 id TEXT PRIMARY KEY,
                 received_at TEXT NOT NULL,
                 venue TEXT NOT NULL,
                 place TEXT,
                 language TEXT NOT NULL,
                 payload TEXT NOT NULL
             );",
        )?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    /// Opens an existing database for reading only (the export command).
    pub fn open_read_only(path: &Path) -> rusqlite::Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (each insert
        // is its own transaction), so a poisoned lock is still usable.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Stores a submission unless its id is known; returns once committed.
    pub fn insert(&self, row: &Row<'_>) -> rusqlite::Result<Inserted> {
        let changed = self.conn().execute(
            "INSERT INTO submissions (id, received_at, venue, place, language, payload)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO NOTHING",
            params![
                row.id,
                row.received_at,
                row.venue,
                row.place,
                row.language,
                row.payload
            ],
        )?;
        Ok(if changed == 1 {
            Inserted::New
        } else {
            Inserted::Duplicate
        })
    }

    /// Every submission in arrival order.
    pub fn all(&self) -> rusqlite::Result<Vec<Stored>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT received_at, payload FROM submissions ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| {
            Ok(Stored {
                received_at: r.get(0)?,
                payload: r.get(1)?,
            })
        })?;
        rows.collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_once_and_list_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        let store = Store::open(&path).unwrap();
        let row = |id: &'static str| Row {
            id,
            received_at: "2026-01-01T00:00:00.000Z",
            venue: "v",
            place: None,
            language: "en",
            payload: "{}",
        };
        assert_eq!(store.insert(&row("b")).unwrap(), Inserted::New);
        assert_eq!(store.insert(&row("a")).unwrap(), Inserted::New);
        assert_eq!(store.insert(&row("b")).unwrap(), Inserted::Duplicate);
        assert_eq!(store.all().unwrap().len(), 2);
        drop(store);
        let ro = Store::open_read_only(&path).unwrap();
        assert_eq!(ro.all().unwrap().len(), 2);
    }
}
