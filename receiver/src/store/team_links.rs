//! Team links (SPEC §11): each known by its token's SHA-256; "Revoke" marks it, and a
//! revoked link opens nothing.

use rusqlite::{params, OptionalExtension};

use super::{pg, Conn, Result, Store};

/// A link as the inbox lists it: never its token (only its hash is kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamLink {
    pub id: i64,
    pub created_at: i64,
    pub created_by: String,
}

impl Store {
    /// Keeps a new link's token hash; returns its id.
    pub fn add_team_link(&self, token_hash: &str, created_by: &str, now_ms: i64) -> Result<i64> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::team_links::add(pool, token_hash, created_by, now_ms))
            }
        };
        conn.execute(
            "INSERT INTO team_links (token_hash, created_at, created_by) VALUES (?1, ?2, ?3)",
            params![token_hash, now_ms, created_by],
        )?;
        Ok(conn.last_insert_rowid())
    }

    /// The links not revoked, newest first.
    pub fn team_links(&self) -> Result<Vec<TeamLink>> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::team_links::list(pool)),
        };
        let mut stmt = conn.prepare_cached(
            "SELECT id, created_at, created_by FROM team_links
             WHERE revoked_at IS NULL ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TeamLink {
                id: r.get(0)?,
                created_at: r.get(1)?,
                created_by: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Revokes a link; false when there is no such link still open.
    pub fn revoke_team_link(&self, id: i64, now_ms: i64) -> Result<bool> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::team_links::revoke(pool, id, now_ms)),
        };
        let changed = conn.execute(
            "UPDATE team_links SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
            params![id, now_ms],
        )?;
        Ok(changed == 1)
    }

    /// Whether a token hash names a link that is not revoked.
    pub fn team_link_open(&self, token_hash: &str) -> Result<bool> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::team_links::open(pool, token_hash)),
        };
        Ok(conn
            .query_row(
                "SELECT 1 FROM team_links WHERE token_hash = ?1 AND revoked_at IS NULL",
                params![token_hash],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())?)
    }
}
