//! Where the store lives, as `--db` gives it: a SQLite file (the default, for one
//! shop) or a `postgres://` / `postgresql://` URL (a chain, SPEC §12). Shown in logs
//! and errors without the URL's password.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A SQLite path or a Postgres URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    Sqlite(PathBuf),
    Postgres(PostgresUrl),
}

/// A Postgres connection URL: kept whole to connect with, shown without its password.
#[derive(Clone, PartialEq, Eq)]
pub struct PostgresUrl(String);

impl PostgresUrl {
    /// The URL whole, password included: only for connecting (and for handing to a
    /// child process in tests).
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl Database {
    /// The SQLite file, or `None` for Postgres.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Database::Sqlite(path) => Some(path),
            Database::Postgres(_) => None,
        }
    }

    /// The value to give a child's `--db` (the URL with its password).
    pub fn to_arg(&self) -> OsString {
        match self {
            Database::Sqlite(path) => path.clone().into_os_string(),
            Database::Postgres(url) => url.0.clone().into(),
        }
    }
}

impl FromStr for Database {
    type Err = String;

    fn from_str(s: &str) -> Result<Database, String> {
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            // Parsed now so that a malformed URL is a usage error, not a failure later;
            // the parser's message is not shown (it may quote the URL).
            s.parse::<postgres::Config>().map_err(|_| {
                format!(
                    "{} is not a Postgres URL such as postgres://user@host/db",
                    redact(s)
                )
            })?;
            return Ok(Database::Postgres(PostgresUrl(s.to_string())));
        }
        if s.is_empty() {
            return Err("the database path is empty".into());
        }
        Ok(Database::Sqlite(PathBuf::from(s)))
    }
}

impl From<PathBuf> for Database {
    fn from(path: PathBuf) -> Database {
        Database::Sqlite(path)
    }
}

impl From<&Path> for Database {
    fn from(path: &Path) -> Database {
        Database::Sqlite(path.to_path_buf())
    }
}

impl fmt::Display for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "{}", path.display()),
            Database::Postgres(url) => write!(f, "{url}"),
        }
    }
}

impl fmt::Debug for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            Database::Postgres(url) => f.debug_tuple("Postgres").field(url).finish(),
        }
    }
}

impl fmt::Display for PostgresUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(&self.0))
    }
}

impl fmt::Debug for PostgresUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", redact(&self.0))
    }
}

/// The URL with its password (in the user part or as a `password=` parameter) shown
/// as `***`.
fn redact(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{name}:***@{host}"),
            None => authority.to_string(),
        },
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let params: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => p.to_string(),
                })
                .collect();
            format!("{path}?{}", params.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_or_a_url() {
        assert_eq!(
            "data/f.sqlite".parse::<Database>().unwrap(),
            Database::Sqlite("data/f.sqlite".into())
        );
        for url in ["postgres://u@h/db", "postgresql://u@h:5433/db"] {
            assert!(
                matches!(url.parse::<Database>().unwrap(), Database::Postgres(_)),
                "{url}"
            );
        }
        let bad = "postgres://u:hunter2@h/db?sslmode=sometimes"
            .parse::<Database>()
            .unwrap_err();
        assert!(bad.contains("not a Postgres URL"), "{bad}");
        assert!(!bad.contains("hunter2"), "{bad}");
        assert!("".parse::<Database>().is_err());
    }

    #[test]
    fn the_password_is_never_shown() {
        let db: Database =
            "postgres://ana:s3cr%40t@db.example:5432/evenhand?password=x2&sslmode=prefer"
                .parse()
                .unwrap();
        let shown = format!("{db} {db:?}");
        assert!(!shown.contains("s3cr"), "{shown}");
        assert!(!shown.contains("x2"), "{shown}");
        assert!(
            shown.contains(
                "postgres://ana:***@db.example:5432/evenhand?password=***&sslmode=prefer"
            ),
            "{shown}"
        );
        assert!(db.to_arg().to_string_lossy().contains("s3cr%40t"));
        let no_password: Database = "postgresql://ana@h/db".parse().unwrap();
        assert_eq!(no_password.to_string(), "postgresql://ana@h/db");
    }
}
