//! Team links (SPEC §11): each known by its token's SHA-256; "Revoke" marks it, and a
//! revoked link opens nothing. A link keeps the venues of the manager who made it
//! (SPEC §12): its page shows those venues' praise only, and a limited manager lists and
//! revokes only the links whose venues it sees all of.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};

use super::{pg, Conn, Result, Scope, Store};

/// A link as the inbox lists it: never its token (only its hash is kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamLink {
    pub id: i64,
    pub created_at: i64,
    pub created_by: String,
}

/// The condition on `team_links` that keeps the links `scope` sees whole: any link
/// for every venue; for a limited manager, the links limited to venues it has (none
/// of them outside its list).
fn links_within(scope: &Scope) -> (String, Vec<Value>) {
    match scope.condition("v.venue") {
        None => (String::new(), Vec::new()),
        Some((inside, venues)) => (
            format!(
                " AND EXISTS (SELECT 1 FROM team_link_venues v WHERE v.team_link_id = team_links.id)
                  AND NOT EXISTS (SELECT 1 FROM team_link_venues v
                                  WHERE v.team_link_id = team_links.id AND NOT ({inside}))"
            ),
            venues,
        ),
    }
}

impl Store {
    /// Keeps a new link's token hash, for `scope`'s venues; returns its id.
    pub fn add_team_link(
        &self,
        token_hash: &str,
        created_by: &str,
        scope: &Scope,
        now_ms: i64,
    ) -> Result<i64> {
        let mut conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| {
                    pg::team_links::add(pool, token_hash, created_by, scope.listed(), now_ms)
                })
            }
        };
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO team_links (token_hash, created_at, created_by) VALUES (?1, ?2, ?3)",
            params![token_hash, now_ms, created_by],
        )?;
        let id = tx.last_insert_rowid();
        for venue in scope.listed().unwrap_or_default() {
            tx.execute(
                "INSERT INTO team_link_venues (team_link_id, venue) VALUES (?1, ?2)",
                params![id, venue],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// The links not revoked that `scope` sees whole, newest first.
    pub fn team_links(&self, scope: &Scope) -> Result<Vec<TeamLink>> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::team_links::list(pool, scope.listed())),
        };
        let (within, venues) = links_within(scope);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, created_at, created_by FROM team_links
             WHERE revoked_at IS NULL{within} ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map(params_from_iter(venues.iter()), |r| {
            Ok(TeamLink {
                id: r.get(0)?,
                created_at: r.get(1)?,
                created_by: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Revokes a link `scope` sees whole; false when there is no such link still open.
    pub fn revoke_team_link(&self, scope: &Scope, id: i64, now_ms: i64) -> Result<bool> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::team_links::revoke(pool, scope.listed(), id, now_ms))
            }
        };
        let (within, venues) = links_within(scope);
        let mut values = vec![Value::Integer(id), Value::Integer(now_ms)];
        values.extend(venues);
        let changed = conn.execute(
            &format!(
                "UPDATE team_links SET revoked_at = ?2
                 WHERE id = ?1 AND revoked_at IS NULL{within}"
            ),
            params_from_iter(values.iter()),
        )?;
        Ok(changed == 1)
    }

    /// The venues whose praise a token hash's link shows, or `None` when it names no
    /// link or a revoked one.
    pub fn team_link_open(&self, token_hash: &str) -> Result<Option<Scope>> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::team_links::open(pool, token_hash))
                    .map(|open| open.map(Scope::from_rows))
            }
        };
        let Some(id) = conn
            .query_row(
                "SELECT id FROM team_links WHERE token_hash = ?1 AND revoked_at IS NULL",
                params![token_hash],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
        else {
            return Ok(None);
        };
        let venues = conn
            .prepare_cached("SELECT venue FROM team_link_venues WHERE team_link_id = ?1")?
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(Some(Scope::from_rows(venues)))
    }
}
