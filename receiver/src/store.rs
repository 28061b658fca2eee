//! The store: SQLite (the default, embedded, for one shop) or Postgres (a chain's
//! receivers on one database, SPEC §12), behind one synchronous interface and one
//! [`Error`]. Each method dispatches on the backend: the SQLite arm is the code that
//! always was; the Postgres one lives under `pg/`.
//!
//! SQLite: one row per submission id, committed (WAL, `synchronous=FULL`) before the
//! endpoint answers. The files hold guests' emails: only their owner may read them
//! (0600).

use std::io;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OpenFlags};

mod accounts;
mod database;
mod error;
pub mod inbox;
pub mod migrations;
pub mod pg;
mod praise;
pub mod privacy;
mod scope;
mod team_links;

pub use accounts::{AddedManager, Manager};
pub use database::{Database, PostgresUrl};
pub use error::{Error, Result};
pub use scope::Scope;
pub use team_links::TeamLink;

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

/// The store: a SQLite connection or a Postgres pool.
pub struct Store {
    backend: Backend,
}

enum Backend {
    /// A single connection behind a mutex: correctness over throughput.
    Sqlite(Mutex<Connection>),
    Postgres(pg::Pool),
}

/// What a method works with: the SQLite connection, locked, or the Postgres pool.
pub(crate) enum Conn<'a> {
    Sqlite(MutexGuard<'a, Connection>),
    Postgres(&'a pg::Pool),
}

impl Store {
    /// Opens the database `--db` names: a SQLite file (created if needed, see
    /// [`Store::open`]) or a Postgres database (its schema brought up to date).
    pub fn open_at(db: &Database) -> Result<Store> {
        match db {
            Database::Sqlite(path) => Store::open(path),
            Database::Postgres(url) => Store::open_postgres(url),
        }
    }

    /// Connects to a Postgres database and migrates it.
    pub fn open_postgres(url: &PostgresUrl) -> Result<Store> {
        Ok(Store {
            backend: Backend::Postgres(pg::open(url)?),
        })
    }

    /// Opens (creating if needed) the SQLite database for writing; the database and its
    /// `-wal` and `-shm` files are made readable by their owner only.
    pub fn open(path: &Path) -> Result<Store> {
        create_private(path)?;
        let conn = Store::open_conn(path)?;
        // SQLite gives the -wal and -shm files the database's mode; these were made
        // while opening, and a database from an older receiver may still be 0644.
        for suffix in ["", "-wal", "-shm"] {
            let mut file = path.as_os_str().to_owned();
            file.push(suffix);
            restrict(Path::new(&file))?;
        }
        Ok(Store::sqlite(conn))
    }

    fn sqlite(conn: Connection) -> Store {
        Store {
            backend: Backend::Sqlite(Mutex::new(conn)),
        }
    }

    fn open_conn(path: &Path) -> rusqlite::Result<Connection> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(rusqlite::Error::InvalidParameterName(format!(
                "the database refused WAL mode (journal_mode is {mode})"
            )));
        }
        // Foreign keys: a removed manager's sessions go with it.
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
        migrations::migrate(&mut conn, now_ms())?;
        Ok(conn)
    }

    /// Opens an existing SQLite database for reading only (the export command).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        Ok(Store::sqlite(conn))
    }

    /// Whether this store is on Postgres.
    pub fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    /// The connection or pool a method works with.
    pub(crate) fn backend(&self) -> Conn<'_> {
        match &self.backend {
            // A panic while holding the lock cannot leave SQLite half-written (each
            // write is its own transaction), so a poisoned lock is still usable.
            Backend::Sqlite(conn) => Conn::Sqlite(conn.lock().unwrap_or_else(|e| e.into_inner())),
            Backend::Postgres(pool) => Conn::Postgres(pool),
        }
    }

    /// The SQLite connection for a method that has no Postgres version yet: on
    /// Postgres, [`Error::Unsupported`] naming `what`.
    pub(crate) fn sqlite_only(&self, what: &'static str) -> Result<MutexGuard<'_, Connection>> {
        match self.backend() {
            Conn::Sqlite(conn) => Ok(conn),
            Conn::Postgres(_) => Err(Error::Unsupported(what)),
        }
    }

    /// The SQLite connection, for the store's own tests.
    #[cfg(test)]
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        match self.sqlite_only("a test's SQL") {
            Ok(conn) => conn,
            Err(e) => panic!("{e}"),
        }
    }

    /// Stores a submission unless its id is known, with what the inbox reads from it
    /// (its filters' columns, its search words) in the same transaction; returns once
    /// committed.
    pub fn insert(&self, row: &Row<'_>) -> Result<Inserted> {
        let mut conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::submissions::insert(pool, row)),
        };
        let indexed = inbox::Indexed::of(row.payload);
        let tx = conn.transaction()?;
        let changed = tx.execute(
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
        if changed == 1 {
            indexed.write(&tx, row.id)?;
        }
        tx.commit()?;
        Ok(if changed == 1 {
            Inserted::New
        } else {
            Inserted::Duplicate
        })
    }

    /// Hands every submission to `each`, in arrival order, until it returns false.
    ///
    /// Rows are read [`BATCH_ROWS`] at a time, each batch under the lock for as long as
    /// the query takes: memory holds one batch whatever the table's size, and a slow
    /// reader (an export to a phone) never holds up the submissions arriving meanwhile.
    pub fn for_each(&self, mut each: impl FnMut(Stored) -> bool) -> Result<()> {
        if let Conn::Postgres(pool) = self.backend() {
            return pg::submissions::for_each(pool, each);
        }
        let mut after: i64 = 0;
        loop {
            let batch = {
                let conn = self.sqlite_only("the export")?;
                let mut stmt = conn.prepare_cached(
                    "SELECT rowid, received_at, payload FROM submissions
                     WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
                )?;
                let rows = stmt.query_map(params![after, BATCH_ROWS], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        Stored {
                            received_at: r.get(1)?,
                            payload: r.get(2)?,
                        },
                    ))
                })?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            };
            if batch.is_empty() {
                return Ok(());
            }
            for (rowid, row) in batch {
                after = rowid;
                if !each(row) {
                    return Ok(());
                }
            }
        }
    }
}

/// Now, in milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Rows read per query by [`Store::for_each`].
pub const BATCH_ROWS: i64 = 100;

/// Creates the database file, empty, readable by its owner only, unless it exists
/// (SQLite takes an empty file as a new database).
fn create_private(path: &Path) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

/// Makes an existing file readable and writable by its owner only.
fn restrict(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::metadata(path) {
            Ok(meta) if meta.permissions().mode() & 0o777 != 0o600 => {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            }
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
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
            payload: id,
        };
        assert_eq!(store.insert(&row("b")).unwrap(), Inserted::New);
        assert_eq!(store.insert(&row("a")).unwrap(), Inserted::New);
        assert_eq!(store.insert(&row("b")).unwrap(), Inserted::Duplicate);
        assert_eq!(ids(&store), ["b", "a"]);
        drop(store);
        let ro = Store::open_read_only(&path).unwrap();
        assert_eq!(ids(&ro), ["b", "a"]);
    }

    fn ids(store: &Store) -> Vec<String> {
        let mut out = Vec::new();
        store
            .for_each(|s| {
                out.push(s.payload);
                true
            })
            .unwrap();
        out
    }

    #[test]
    fn reads_past_a_batch_in_order_and_stops_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.sqlite")).unwrap();
        let n = BATCH_ROWS as usize * 2 + 7;
        for i in 0..n {
            let id = format!("{i:05}");
            store
                .insert(&Row {
                    id: &id,
                    received_at: "r",
                    venue: "v",
                    place: None,
                    language: "en",
                    payload: &id,
                })
                .unwrap();
        }
        let all = ids(&store);
        assert_eq!(all.len(), n);
        assert!(all.windows(2).all(|w| w[0] < w[1]), "arrival order");
        let mut seen = 0;
        store
            .for_each(|_| {
                seen += 1;
                seen < 3
            })
            .unwrap();
        assert_eq!(seen, 3);
    }

    #[cfg(unix)]
    #[test]
    fn files_are_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        // A database left 0644 by an older receiver is tightened too.
        std::fs::write(&path, b"").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let store = Store::open(&path).unwrap();
        store
            .insert(&Row {
                id: "a",
                received_at: "r",
                venue: "v",
                place: None,
                language: "en",
                payload: "{}",
            })
            .unwrap();
        for suffix in ["", "-wal", "-shm"] {
            let file = dir.path().join(format!("t.sqlite{suffix}"));
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", file.display());
        }
    }
}
