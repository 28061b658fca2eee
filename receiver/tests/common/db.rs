//! The store under test: SQLite by default; Postgres when `EVENHAND_TEST_PG` names a
//! cluster (`scripts/pg-cluster.sh start` prints its URL), each call then making a
//! fresh database in it, so tests stay independent and run in parallel. The router
//! suites open their store here, so the same tests run against both stores.
#![allow(dead_code)]

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use evenhand_receiver::store::Database;
use evenhand_receiver::Store;

/// The variable naming the test cluster's admin URL (its `postgres` database).
pub const TEST_PG: &str = "EVENHAND_TEST_PG";

/// The test cluster's URL, when the tests run against Postgres.
pub fn postgres_url() -> Option<String> {
    std::env::var(TEST_PG)
        .ok()
        .filter(|url| !url.trim().is_empty())
}

pub fn on_postgres() -> bool {
    postgres_url().is_some()
}

/// Where a test's store lives: `sqlite` (the file the test would use), or a new,
/// empty Postgres database when the tests run against Postgres.
pub fn database(sqlite: &Path) -> Database {
    match postgres_url() {
        Some(admin) => fresh_postgres(&admin),
        None => Database::Sqlite(sqlite.to_path_buf()),
    }
}

/// Opens the test's store (see [`database`]).
pub fn open(sqlite: &Path) -> Store {
    let db = database(sqlite);
    Store::open_at(&db).unwrap_or_else(|e| panic!("open the test database {db}: {e}"))
}

/// A new database on the cluster at `admin`, with a name no other test (of any test
/// binary running now) has.
pub fn fresh_postgres(admin: &str) -> Database {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let name = format!(
        "evenhand_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    // Off the test's runtime, as the store does it (`pg::run`).
    evenhand_receiver::store::pg::run(|| {
        let mut client = postgres::Client::connect(admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("connect to the test cluster {TEST_PG}: {e}"));
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("create the test database {name}: {e}"));
    });
    with_database(admin, &name).parse().expect("a Postgres URL")
}

/// `url` naming the database `name` instead of its own.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let authority_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| base[start..].find('/').map(|j| start + j))
        .unwrap_or(base.len());
    format!("{}/{name}{query}", &base[..authority_end])
}
