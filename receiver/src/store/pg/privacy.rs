//! Privacy by default (SPEC §13) on Postgres, as the SQLite store does it
//! (`store/privacy.rs`): the retention purge, its dry run, erasure on request and the
//! log of both, each in one transaction. A payload's search words and praise fields
//! follow it (the trigger of migration 0002), an erasure included.

use evenhand_core::retention::{self, Counts, Rules};
use evenhand_core::time::rfc3339_millis;
use postgres::Transaction;

use crate::store::privacy::{purge_row, same_email, Candidate, EraseTarget, LogEntry};
use crate::store::Result;

use super::inbox::{within, Params, Venues};
use super::Pool;

/// Taken by a purge and an erasure for their transaction: several receivers each apply
/// the rules daily, and the second to come then finds done what the first did rather
/// than count (and log) it again. "evenhand" in ASCII, plus one.
const ERASING_LOCK: i64 = 0x6576_656e_6861_6e65;

/// Erases what `rules` say is due at `now_ms`, logged as done `by`; the counts by kind.
/// Nothing due: nothing written, not even to the log.
pub fn purge(pool: &Pool, rules: &Rules, now_ms: i64, by: &str) -> Result<Counts> {
    let mut client = pool.get()?;
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&ERASING_LOCK])?;
    let counts = purge_in(&mut tx, rules, now_ms, true)?;
    for (what, count) in [
        ("contacts", counts.contacts),
        ("not_confirmed_texts", counts.not_confirmed_texts),
        ("texts", counts.texts),
    ] {
        if count > 0 {
            log(&mut tx, now_ms, by, what, count)?;
        }
    }
    tx.commit()?;
    Ok(counts)
}

/// What [`purge`] would erase at `now_ms`, erasing nothing.
pub fn purge_dry_run(pool: &Pool, rules: &Rules, now_ms: i64) -> Result<Counts> {
    let mut client = pool.get()?;
    let mut tx = client.build_transaction().read_only(true).start()?;
    let counts = purge_in(&mut tx, rules, now_ms, false)?;
    tx.rollback()?;
    Ok(counts)
}

/// Deletes the submissions `target` names within `venues`, with their history; how
/// many. Logged as done `by`, also when none matched (the request was made).
pub fn erase(
    pool: &Pool,
    venues: Venues<'_>,
    target: &EraseTarget,
    now_ms: i64,
    by: &str,
) -> Result<u64> {
    let mut client = pool.get()?;
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&ERASING_LOCK])?;
    // The history refers to its submission and may go only once it is gone: the
    // reference is checked at commit, when both are.
    tx.batch_execute("SET CONSTRAINTS submission_history_submission DEFERRED")?;
    let mut params = Params::default();
    let within = within(venues, &mut params)
        .map(|c| format!(" AND {c}"))
        .unwrap_or_default();
    let found: Vec<String> = match target {
        // Stored in lower case (a UUID in any case is one submission).
        EraseTarget::Id(id) => {
            let id_is = params.push(id.trim().to_lowercase());
            tx.query_opt(
                &format!("SELECT id FROM submissions WHERE id = {id_is}{within}"),
                &params.refs(),
            )?
            .map(|r| r.try_get(0))
            .transpose()?
            .into_iter()
            .collect()
        }
        EraseTarget::Email(email) => {
            let wanted = email.trim().to_lowercase();
            let mut found = Vec::new();
            for r in tx.query(
                &format!(
                    "SELECT id, payload::jsonb #>> '{{contact,email}}' FROM submissions
                     WHERE json_ok AND CASE WHEN json_ok
                         THEN jsonb_typeof(payload::jsonb -> 'contact') = 'object' END{within}"
                ),
                &params.refs(),
            )? {
                if same_email(r.try_get(1)?, &wanted) {
                    found.push(r.try_get(0)?);
                }
            }
            found
        }
    };
    tx.execute("DELETE FROM submissions WHERE id = ANY($1)", &[&found])?;
    tx.execute(
        "DELETE FROM submission_history WHERE submission_id = ANY($1)",
        &[&found],
    )?;
    let count = found.len() as u64;
    log(&mut tx, now_ms, by, "submissions", count)?;
    tx.commit()?;
    Ok(count)
}

/// The erasure log, oldest first.
pub fn erasure_log(pool: &Pool) -> Result<Vec<LogEntry>> {
    pool.get()?
        .query(
            "SELECT at, by_whom, what, count FROM erasure_log ORDER BY id",
            &[],
        )?
        .iter()
        .map(|r| {
            Ok(LogEntry {
                at: r.try_get(0)?,
                by: r.try_get(1)?,
                what: r.try_get(2)?,
                count: r.try_get::<_, i64>(3)?.max(0) as u64,
            })
        })
        .collect()
}

/// Applies the rules to every row still holding a contact or a text (`write`: the
/// payloads blanked, else only counted).
fn purge_in(tx: &mut Transaction<'_>, rules: &Rules, now_ms: i64, write: bool) -> Result<Counts> {
    // Rows received up to this time may be due by a receipt rule; later ones only
    // through a closed status. No receipt rule: no time is "" or before.
    let before = retention::received_before(rules, now_ms)
        .map(rfc3339_millis)
        .unwrap_or_default();
    let candidates = tx
        .query(
            "SELECT s.seq, s.id, s.received_at, s.status, s.payload,
                    (SELECT MAX(h.at) FROM submission_history h
                     WHERE h.submission_id = s.id AND h.kind = 'status')
             FROM submissions s
             WHERE (s.received_at <= $1 OR s.status IN ('resolved', 'not_confirmed'))
               AND s.json_ok
               AND CASE WHEN s.json_ok THEN
                       jsonb_typeof(s.payload::jsonb -> 'contact') = 'object'
                       OR s.praise_present
                       OR COALESCE(s.payload::jsonb #>> '{complaint,text}', '') <> ''
                   END",
            &[&before],
        )?
        .iter()
        .map(|r| {
            Ok(Candidate {
                rowid: r.try_get(0)?,
                id: r.try_get(1)?,
                received_at: r.try_get(2)?,
                status: r.try_get(3)?,
                payload: r.try_get(4)?,
                status_at: r.try_get(5)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut counts = Counts::default();
    for c in candidates {
        let Some((due, payload, _)) = purge_row(&c, rules, now_ms) else {
            continue;
        };
        if write {
            tx.execute(
                "UPDATE submissions SET payload = $2 WHERE seq = $1",
                &[&c.rowid, &payload.to_string()],
            )?;
        }
        counts.add(due);
    }
    Ok(counts)
}

fn log(tx: &mut Transaction<'_>, at: i64, by: &str, what: &str, count: u64) -> Result<()> {
    tx.execute(
        "INSERT INTO erasure_log (at, by_whom, what, count) VALUES ($1, $2, $3, $4)",
        &[&at, &by, &what, &(count as i64)],
    )?;
    Ok(())
}
