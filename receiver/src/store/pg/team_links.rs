//! Team links on Postgres (SPEC §11), as the SQLite store keeps them
//! (`store/team_links.rs`): each known by its token's SHA-256; a revoked link opens
//! nothing, whichever receiver is asked. A link keeps the venues of the manager who made
//! it (SPEC §12), and a limited manager lists and revokes only the links whose venues it
//! sees all of.

use crate::store::{Result, TeamLink};

use super::inbox::{Params, Venues};
use super::Pool;

/// The condition on `team_links` that keeps the links `venues` sees whole: any link for
/// every venue; for a limited manager, the links limited to venues it has (none of them
/// outside its list). Its value pushed on `params`.
fn links_within(venues: Venues<'_>, params: &mut Params) -> String {
    let Some(venues) = venues else {
        return String::new();
    };
    let list = params.push(venues.to_vec());
    format!(
        " AND EXISTS (SELECT 1 FROM team_link_venues v WHERE v.team_link_id = team_links.id)
          AND NOT EXISTS (SELECT 1 FROM team_link_venues v
                          WHERE v.team_link_id = team_links.id AND NOT (v.venue = ANY({list})))"
    )
}

/// Keeps a new link's token hash with `venues` (none: every venue), in one
/// transaction; returns its id.
pub fn add(
    pool: &Pool,
    token_hash: &str,
    created_by: &str,
    venues: Venues<'_>,
    now_ms: i64,
) -> Result<i64> {
    let mut client = pool.get()?;
    let mut tx = client.transaction()?;
    let id: i64 = tx
        .query_one(
            "INSERT INTO team_links (token_hash, created_at, created_by)
             VALUES ($1, $2, $3) RETURNING id",
            &[&token_hash, &now_ms, &created_by],
        )?
        .try_get(0)?;
    for venue in venues.unwrap_or_default() {
        tx.execute(
            "INSERT INTO team_link_venues (team_link_id, venue) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
            &[&id, venue],
        )?;
    }
    tx.commit()?;
    Ok(id)
}

/// The links not revoked that `venues` sees whole, newest first.
pub fn list(pool: &Pool, venues: Venues<'_>) -> Result<Vec<TeamLink>> {
    let mut params = Params::default();
    let within = links_within(venues, &mut params);
    pool.get()?
        .query(
            &format!(
                "SELECT id, created_at, created_by FROM team_links
                 WHERE revoked_at IS NULL{within} ORDER BY id DESC"
            ),
            &params.refs(),
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

/// Revokes a link `venues` sees whole; false when there is no such link still open.
pub fn revoke(pool: &Pool, venues: Venues<'_>, id: i64, now_ms: i64) -> Result<bool> {
    let mut params = Params::default();
    let at = params.push(now_ms);
    let link = params.push(id);
    let within = links_within(venues, &mut params);
    let changed = pool.get()?.execute(
        &format!(
            "UPDATE team_links SET revoked_at = {at}
             WHERE id = {link} AND revoked_at IS NULL{within}"
        ),
        &params.refs(),
    )?;
    Ok(changed == 1)
}

/// The venues a token hash's link shows (sorted; none: every venue), or `None` when it
/// names no link or a revoked one.
pub fn open(pool: &Pool, token_hash: &str) -> Result<Option<Vec<String>>> {
    let mut client = pool.get()?;
    let Some(row) = client.query_opt(
        "SELECT id FROM team_links WHERE token_hash = $1 AND revoked_at IS NULL",
        &[&token_hash],
    )?
    else {
        return Ok(None);
    };
    let id: i64 = row.try_get(0)?;
    let venues = client
        .query(
            "SELECT venue FROM team_link_venues WHERE team_link_id = $1 ORDER BY venue",
            &[&id],
        )?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<std::result::Result<Vec<String>, _>>()?;
    Ok(Some(venues))
}
