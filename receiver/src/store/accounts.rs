//! Inbox accounts in the database: managers, their sessions (kept as token hashes) and
//! failed sign-ins. Emails are stored and looked up lowercased.

use rusqlite::{params, ErrorCode, OptionalExtension};

use evenhand_core::sign_in::{session_open, sessions_ended_before};

use super::{pg, Conn, Result, Scope, Store};

/// A manager as listed: never the password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manager {
    pub id: i64,
    pub email: String,
    pub created_at: i64,
}

/// Whether `add_manager` stored a new account or found the email taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddedManager {
    Added,
    EmailTaken,
}

/// The form an email is stored and compared in.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

impl Store {
    /// Adds an account that sees `scope`'s venues, in one transaction: an account is
    /// never seen, even briefly, with more venues than it was given.
    pub fn add_manager(
        &self,
        email: &str,
        password_hash: &str,
        scope: &Scope,
        now_ms: i64,
    ) -> Result<AddedManager> {
        let mut conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| {
                    pg::accounts::add_manager(pool, email, password_hash, scope.listed(), now_ms)
                })
            }
        };
        let tx = conn.transaction()?;
        let result = tx.execute(
            "INSERT INTO managers (email, password_hash, created_at) VALUES (?1, ?2, ?3)",
            params![email_key(email), password_hash, now_ms],
        );
        match result {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == ErrorCode::ConstraintViolation =>
            {
                return Ok(AddedManager::EmailTaken)
            }
            Err(e) => return Err(e.into()),
        }
        let id = tx.last_insert_rowid();
        for venue in scope.listed().unwrap_or_default() {
            tx.execute(
                "INSERT INTO manager_venues (manager_id, venue) VALUES (?1, ?2)",
                params![id, venue],
            )?;
        }
        tx.commit()?;
        Ok(AddedManager::Added)
    }

    /// The venues a manager sees: every venue unless the account was limited.
    pub fn manager_scope(&self, manager_id: i64) -> Result<Scope> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::accounts::manager_venues(pool, manager_id))
                    .map(Scope::from_rows)
            }
        };
        let mut stmt = conn.prepare_cached(
            "SELECT venue FROM manager_venues WHERE manager_id = ?1 ORDER BY venue",
        )?;
        let rows = stmt
            .query_map(params![manager_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(Scope::from_rows(rows))
    }

    /// Every manager, by email.
    pub fn list_managers(&self) -> Result<Vec<Manager>> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::accounts::list_managers(pool)),
        };
        let mut stmt = conn.prepare("SELECT id, email, created_at FROM managers ORDER BY email")?;
        let rows = stmt.query_map([], |r| {
            Ok(Manager {
                id: r.get(0)?,
                email: r.get(1)?,
                created_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes a manager and their sessions; false when no such email.
    pub fn remove_manager(&self, email: &str) -> Result<bool> {
        let mut conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::accounts::remove_manager(pool, email)),
        };
        let tx = conn.transaction()?;
        let key = email_key(email);
        tx.execute(
            "DELETE FROM sessions WHERE manager_id IN (SELECT id FROM managers WHERE email = ?1)",
            params![key],
        )?;
        let removed = tx.execute("DELETE FROM managers WHERE email = ?1", params![key])?;
        tx.commit()?;
        Ok(removed > 0)
    }

    /// A manager's id and password hash, by email.
    pub fn manager_credentials(&self, email: &str) -> Result<Option<(i64, String)>> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::accounts::manager_credentials(pool, email))
            }
        };
        Ok(conn
            .query_row(
                "SELECT id, password_hash FROM managers WHERE email = ?1",
                params![email_key(email)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Starts a sign-in attempt for `email`, in one transaction: forgets failures older
    /// than `forget_before`, asks `locked` (the core's rule) about the remaining ones,
    /// and unless it answers a lockout (returned as `Err(ms)`), counts this attempt as
    /// a failure until [`Store::clear_sign_in_failures`] says it succeeded. Counted
    /// before the password is checked, parallel guesses cannot slip past the lockout.
    pub fn begin_sign_in(
        &self,
        email: &str,
        now_ms: i64,
        forget_before: i64,
        locked: impl Fn(&[i64], i64) -> Option<i64> + Send,
    ) -> Result<Result<(), i64>> {
        let mut conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| {
                    pg::accounts::begin_sign_in(pool, email, now_ms, forget_before, locked)
                })
            }
        };
        let tx = conn.transaction()?;
        let key = email_key(email);
        tx.execute(
            "DELETE FROM sign_in_failures WHERE at < ?1",
            params![forget_before],
        )?;
        let failures: Vec<i64> = {
            let mut stmt = tx.prepare_cached("SELECT at FROM sign_in_failures WHERE email = ?1")?;
            let rows = stmt.query_map(params![key], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if let Some(ms) = locked(&failures, now_ms) {
            return Ok(Err(ms));
        }
        tx.execute(
            "INSERT INTO sign_in_failures (email, at) VALUES (?1, ?2)",
            params![key, now_ms],
        )?;
        tx.commit()?;
        Ok(Ok(()))
    }

    pub fn clear_sign_in_failures(&self, email: &str) -> Result<()> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::accounts::clear_sign_in_failures(pool, email))
            }
        };
        conn.execute(
            "DELETE FROM sign_in_failures WHERE email = ?1",
            params![email_key(email)],
        )?;
        Ok(())
    }

    /// Opens a session, and first deletes every session that has ended (the core's
    /// idle rule), whoever's it was.
    ///
    /// An ended session is otherwise deleted only when its cookie comes back, and most
    /// never do (a browser closed, a device replaced), so the table would keep every
    /// session ever opened, each with when its manager last used the inbox. Pruned at
    /// each sign-in, the only moment the table grows, it holds the sessions open at the
    /// last sign-in and no more, with no timer to run: the same on every receiver of a
    /// chain, and nothing to do while nobody signs in. (Sessions end only by idling:
    /// there is no absolute lifetime.) The table stays that small, so scanning it costs
    /// less than an index on `last_seen_at`, which every signed-in request updates.
    pub fn create_session(&self, token_hash: &str, manager_id: i64, now_ms: i64) -> Result<()> {
        let mut conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| {
                    pg::accounts::create_session(pool, token_hash, manager_id, now_ms)
                })
            }
        };
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM sessions WHERE last_seen_at < ?1",
            params![sessions_ended_before(now_ms)],
        )?;
        tx.execute(
            "INSERT INTO sessions (token_hash, manager_id, created_at, last_seen_at)
             VALUES (?1, ?2, ?3, ?3)",
            params![token_hash, manager_id, now_ms],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The manager of a session still open (the core's idle rule), marking it used now;
    /// a session idle for longer is deleted and gives `None`.
    pub fn use_session(&self, token_hash: &str, now_ms: i64) -> Result<Option<Manager>> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::accounts::use_session(pool, token_hash, now_ms))
            }
        };
        let found = conn
            .query_row(
                "SELECT m.id, m.email, m.created_at, s.last_seen_at
                 FROM sessions s JOIN managers m ON m.id = s.manager_id
                 WHERE s.token_hash = ?1",
                params![token_hash],
                |r| {
                    Ok((
                        Manager {
                            id: r.get(0)?,
                            email: r.get(1)?,
                            created_at: r.get(2)?,
                        },
                        r.get::<_, i64>(3)?,
                    ))
                },
            )
            .optional()?;
        match found {
            Some((manager, last_seen)) if session_open(last_seen, now_ms) => {
                conn.execute(
                    "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
                    params![token_hash, now_ms],
                )?;
                Ok(Some(manager))
            }
            Some(_) => {
                conn.execute(
                    "DELETE FROM sessions WHERE token_hash = ?1",
                    params![token_hash],
                )?;
                Ok(None)
            }
            None => Ok(None),
        }
    }

    pub fn delete_session(&self, token_hash: &str) -> Result<()> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::accounts::delete_session(pool, token_hash))
            }
        };
        conn.execute(
            "DELETE FROM sessions WHERE token_hash = ?1",
            params![token_hash],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use evenhand_core::sign_in::SESSION_IDLE_MS;

    #[test]
    fn emails_are_one_account_whatever_their_case() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.sqlite")).unwrap();
        assert_eq!(
            store
                .add_manager("Ana@Example.org", "h", &Scope::Every, 1)
                .unwrap(),
            AddedManager::Added
        );
        assert_eq!(
            store
                .add_manager(" ana@example.ORG", "h", &Scope::Every, 2)
                .unwrap(),
            AddedManager::EmailTaken
        );
        let all = store.list_managers().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].email, "ana@example.org");
        let (id, hash) = store
            .manager_credentials("ANA@example.org")
            .unwrap()
            .unwrap();
        assert_eq!(hash, "h");
        store.create_session("t", id, 10).unwrap();
        assert!(store.use_session("t", 20).unwrap().is_some());
        assert!(store.remove_manager("ana@EXAMPLE.org").unwrap());
        assert!(store.use_session("t", 30).unwrap().is_none());
        assert!(!store.remove_manager("ana@example.org").unwrap());
    }

    #[test]
    fn a_limited_account_keeps_its_venues_until_removed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.sqlite")).unwrap();
        let lyon = Scope::venues(["bistro-lyon-2", "bistro-lyon-1"]);
        store.add_manager("a@b.c", "h", &lyon, 0).unwrap();
        store.add_manager("all@b.c", "h", &Scope::Every, 0).unwrap();
        let (a, _) = store.manager_credentials("a@b.c").unwrap().unwrap();
        let (all, _) = store.manager_credentials("all@b.c").unwrap().unwrap();
        assert_eq!(store.manager_scope(a).unwrap(), lyon);
        assert_eq!(store.manager_scope(all).unwrap(), Scope::Every);
        // A taken email adds no venues to the account that has it.
        assert_eq!(
            store
                .add_manager("A@b.c", "h", &Scope::venues(["paris"]), 1)
                .unwrap(),
            AddedManager::EmailTaken
        );
        assert_eq!(store.manager_scope(a).unwrap(), lyon);
        assert!(store.remove_manager("a@b.c").unwrap());
        let left: i64 = store
            .conn()
            .query_row("SELECT COUNT(*) FROM manager_venues", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "a removed manager's venues go with it");
    }

    #[test]
    fn an_idle_session_ends() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.sqlite")).unwrap();
        store.add_manager("a@b.c", "h", &Scope::Every, 0).unwrap();
        let (id, _) = store.manager_credentials("a@b.c").unwrap().unwrap();
        store.create_session("t", id, 100).unwrap();
        // Used just before it would end: open, and its idle time starts again.
        let used = 100 + SESSION_IDLE_MS;
        assert!(store.use_session("t", used).unwrap().is_some());
        assert!(store
            .use_session("t", used + SESSION_IDLE_MS)
            .unwrap()
            .is_some());
        let late = used + 2 * SESSION_IDLE_MS + 1;
        assert!(store.use_session("t", late).unwrap().is_none());
        // Gone for good, not only refused once.
        assert!(store.use_session("t", used).unwrap().is_none());
    }

    #[test]
    fn a_new_session_deletes_the_ended_ones() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.sqlite")).unwrap();
        store.add_manager("a@b.c", "h", &Scope::Every, 0).unwrap();
        let (id, _) = store.manager_credentials("a@b.c").unwrap().unwrap();
        store.create_session("ended", id, 0).unwrap();
        store.create_session("open", id, 1).unwrap();
        // Exactly the idle limit after "open" was last used: it is still open.
        store
            .create_session("new", id, 1 + SESSION_IDLE_MS)
            .unwrap();
        let left: Vec<String> = store
            .conn()
            .prepare("SELECT token_hash FROM sessions ORDER BY token_hash")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(left, ["new", "open"]);
    }
}
