//! Team links on Postgres (SPEC §11), as the SQLite store keeps them
//! (`store/team_links.rs`): each known by its token's SHA-256; a revoked link opens
//! nothing, whichever receiver is asked.

use crate::store::{Result, TeamLink};

use super::Pool;

/// Keeps a new link's token hash; returns its id.
pub fn add(pool: &Pool, token_hash: &str, created_by: &str, now_ms: i64) -> Result<i64> {
    Ok(pool
        .get()?
        .query_one(
            "INSERT INTO team_links (token_hash, created_at, created_by)
             VALUES ($1, $2, $3) RETURNING id",
            &[&token_hash, &now_ms, &created_by],
        )?
        .try_get(0)?)
}

/// The links not revoked, newest first.
pub fn list(pool: &Pool) -> Result<Vec<TeamLink>> {
    pool.get()?
        .query(
            "SELECT id, created_at, created_by FROM team_links
             WHERE revoked_at IS NULL ORDER BY id DESC",
            &[],
        )?
        .iter()
        .map(|r| {
            Ok(TeamLink {
                id: r.try_get(0)?,
                created_at: r.try_get(1)?,
                created_by: r.try_get(2)?,
            })
        })
        .collect()
}

/// Revokes a link; false when there is no such link still open.
pub fn revoke(pool: &Pool, id: i64, now_ms: i64) -> Result<bool> {
    let changed = pool.get()?.execute(
        "UPDATE team_links SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
        &[&id, &now_ms],
    )?;
    Ok(changed == 1)
}

/// Whether a token hash names a link that is not revoked.
pub fn open(pool: &Pool, token_hash: &str) -> Result<bool> {
    Ok(pool
        .get()?
        .query_opt(
            "SELECT 1 FROM team_links WHERE token_hash = $1 AND revoked_at IS NULL",
            &[&token_hash],
        )?
        .is_some())
}
