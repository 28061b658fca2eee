//! One error for both databases. The routes ask [`Error::is_unavailable`]: a database
//! that is down, restarting or out of connections is answered 503 with `Retry-After`
//! (the kiosk keeps the submission and retries), any other failure as it always was.

/// What a store call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// A Postgres error; its text never holds the connection URL (nor its password).
    /// The server's own words when it gave some: the client's text alone is "db error".
    #[error("{}", postgres_text(.0))]
    Postgres(#[from] postgres::Error),
    /// No connection could be had from the pool in time: the server is down or full.
    #[error("the database is unavailable: {0}")]
    Pool(#[from] r2d2::Error),
    /// The database's files could not be created or made private.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The database is not one this receiver can use (a newer schema, a bad URL).
    #[error("{0}")]
    Refused(String),
    /// A part of the store that has no Postgres version yet.
    #[error("{0}: not yet available on a Postgres database")]
    Unsupported(&'static str),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Whether the database could not be reached (refused or closed connection, no
    /// pooled connection in time, a server shutting down or starting up): worth a
    /// retry in a few seconds. SQLite errors never are (the file is always there; a
    /// busy one has waited its 10 s already).
    pub fn is_unavailable(&self) -> bool {
        match self {
            Error::Pool(_) => true,
            Error::Postgres(e) => postgres_unavailable(e),
            Error::Sqlite(_) | Error::Io(_) | Error::Refused(_) | Error::Unsupported(_) => false,
        }
    }
}

fn postgres_text(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.to_string(),
        None => e.to_string(),
    }
}

/// Connection class (08), admin or crash shutdown (57P01, 57P02), a server still
/// starting (57P03), too many connections (53300); or no server answer at all (a
/// closed connection, an I/O error underneath).
fn postgres_unavailable(e: &postgres::Error) -> bool {
    if let Some(code) = e.code() {
        let code = code.code();
        return code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "53300");
    }
    if e.is_closed() {
        return true;
    }
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if inner.is::<std::io::Error>() {
            return true;
        }
        source = inner.source();
    }
    false
}

impl From<rusqlite::types::FromSqlError> for Error {
    fn from(e: rusqlite::types::FromSqlError) -> Error {
        Error::Sqlite(e.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Database, Store};

    /// A loopback port nobody listens on.
    fn closed_port() -> u16 {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    }

    #[test]
    fn a_database_nobody_answers_for_is_unavailable_and_its_password_unsaid() {
        let url = format!(
            "postgres://ana:s3cret-pw@127.0.0.1:{}/evenhand",
            closed_port()
        );
        let Err(refused) = postgres::Client::connect(&url, postgres::NoTls) else {
            panic!("connected to a port nobody listens on");
        };
        assert!(Error::from(refused).is_unavailable());
        let db: Database = url.parse().unwrap();
        let Err(e) = Store::open_at(&db) else {
            panic!("opened a database nobody serves");
        };
        assert!(e.is_unavailable(), "{e}");
        let said = format!("{e} {e:?}");
        assert!(!said.contains("s3cret-pw"), "{said}");
    }

    #[test]
    fn other_failures_are_not_unavailability() {
        let sqlite = rusqlite::Connection::open_in_memory()
            .unwrap()
            .execute("NOT SQL", [])
            .unwrap_err();
        assert!(!Error::from(sqlite).is_unavailable());
        assert!(!Error::Unsupported("the inbox list").is_unavailable());
        assert_eq!(
            Error::Unsupported("the inbox list").to_string(),
            "the inbox list: not yet available on a Postgres database"
        );
        assert!(!Error::Refused("newer schema".into()).is_unavailable());
    }
}
