//! The Postgres store (SPEC §12): a pool of blocking clients, so that the store keeps
//! one synchronous interface for both databases (the routes call it off the async
//! threads, as they do for SQLite). Each function here takes the pool, gets a client
//! (`pool.get()?`: a dead connection is dropped and a new one made, so the pool
//! recovers by itself once the server is back) and runs its statements, several in one
//! transaction when they must hold together.

use std::time::Duration;

use postgres::NoTls;
use r2d2_postgres::PostgresConnectionManager;

use super::database::PostgresUrl;
use super::Result;

pub mod accounts;
pub mod inbox;
pub mod migrations;
pub mod praise;
pub mod privacy;
pub mod submissions;
pub mod team_links;

type Manager = PostgresConnectionManager<NoTls>;

/// The pool the store holds: `pool.get()?` gives a connection that derefs to a
/// `postgres::Client`, back in the pool when dropped.
pub struct Pool {
    /// `None` only while being dropped.
    inner: Option<r2d2::Pool<Manager>>,
}

impl Pool {
    /// A connection from the pool, waiting at most [`CONNECTION_TIMEOUT`] (then the
    /// database counts as unavailable).
    pub fn get(&self) -> Result<r2d2::PooledConnection<Manager>> {
        match &self.inner {
            Some(pool) => Ok(pool.get()?),
            // Unreachable: `inner` is taken in `drop` only.
            None => Err(super::Error::Refused(
                "the database's pool is closed".into(),
            )),
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Closing a client blocks on its own runtime: not where Tokio's is current.
        if let Some(pool) = self.inner.take() {
            run(move || drop(pool));
        }
    }
}

/// Runs `f`, which makes blocking Postgres calls, where they may run. The `postgres`
/// client blocks on a runtime of its own, which Tokio refuses to start on a thread
/// where its runtime is current (an async test's body, `serve`'s start, and the
/// blocking threads of the routes alike, as far as Tokio lets one tell): there `f`
/// runs on a thread of its own, and this waits for it. Every Postgres arm of a
/// [`Store`](super::Store) method goes through here.
pub fn run<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    if tokio::runtime::Handle::try_current().is_err() {
        return f();
    }
    std::thread::scope(|scope| match scope.spawn(f).join() {
        Ok(done) => done,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

/// A read-only transaction that sees one snapshot throughout, so that the queries of
/// one answer (a page and its total, groups and their counts) agree with each other.
pub fn snapshot(client: &mut postgres::Client) -> Result<postgres::Transaction<'_>> {
    Ok(client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?)
}

/// Connections one receiver keeps at most: more than the blocking threads that use
/// them at once in practice, few enough that several receivers fit under Postgres's
/// default `max_connections` (100).
const MAX_CONNECTIONS: u32 = 16;
/// How long a request waits for a connection before its answer is 503: short, so a
/// kiosk hears "retry" quickly while the database is down.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(3);

/// Connects and brings the schema up to date (under an advisory lock, so receivers
/// starting together apply each migration once).
pub fn open(url: &PostgresUrl) -> Result<Pool> {
    run(|| open_here(url))
}

fn open_here(url: &PostgresUrl) -> Result<Pool> {
    let mut config: postgres::Config = url
        .secret()
        .parse()
        .map_err(|_| super::Error::Refused(format!("{url} is not a Postgres URL")))?;
    if config.get_application_name().is_none() {
        config.application_name("evenhand-receiver");
    }
    config.connect_timeout(CONNECTION_TIMEOUT);
    let pool = Pool {
        inner: Some(
            r2d2::Pool::builder()
                .max_size(MAX_CONNECTIONS)
                .min_idle(Some(0))
                .connection_timeout(CONNECTION_TIMEOUT)
                // r2d2 would log through `log`, which the receiver does not set up.
                .error_handler(Box::new(r2d2::NopErrorHandler))
                .build_unchecked(PostgresConnectionManager::new(config, NoTls)),
        ),
    };
    run(|| -> Result<()> {
        let mut client = pool.get()?;
        migrations::migrate(&mut client, super::now_ms())?;
        Ok(())
    })?;
    Ok(pool)
}

#[cfg(test)]
mod tests;
