//! Privacy by default (SPEC §13) in the store: the retention purge, erasure on request,
//! and the log of both. Each is one transaction: interrupted, the database is as before.
//!
//! Erasing a text keeps the row, its date, venue, place, ratings and status (the
//! overview stays whole) and takes its words out of the search index; erasing a
//! submission deletes it with its history and search entry. The log records when, by
//! whom and how many — never what.

use evenhand_core::retention::{self, Closed, Counts, Due, Held, Rules};
use evenhand_core::time::{parse_rfc3339_ms, rfc3339_millis};
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};
use serde_json::Value;

use super::{pg, Conn, Result, Scope, Store};

/// Which submissions an erasure on request deletes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EraseTarget {
    /// The submission with this id.
    Id(String),
    /// Every submission whose contact is this email (any case).
    Email(String),
}

/// One line of the erasure log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// Milliseconds since the Unix epoch.
    pub at: i64,
    /// The command (`erase --id`, `purge`, `serve`) or the manager (`inbox: EMAIL`).
    pub by: String,
    /// `submissions`, `contacts`, `not_confirmed_texts` or `texts`.
    pub what: String,
    pub count: u64,
}

impl Store {
    /// Erases what `rules` say is due at `now_ms`, logged as done `by`; the counts by
    /// kind. Nothing due: nothing written, not even to the log.
    pub fn purge(&self, rules: &Rules, now_ms: i64, by: &str) -> Result<Counts> {
        let mut conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::privacy::purge(pool, rules, now_ms, by)),
        };
        let tx = conn.transaction()?;
        let counts = purge_in(&tx, rules, now_ms)?;
        for (what, count) in [
            ("contacts", counts.contacts),
            ("not_confirmed_texts", counts.not_confirmed_texts),
            ("texts", counts.texts),
        ] {
            log(&tx, now_ms, by, what, count)?;
        }
        tx.commit()?;
        Ok(counts)
    }

    /// What [`Store::purge`] would erase at `now_ms`, erasing nothing.
    pub fn purge_dry_run(&self, rules: &Rules, now_ms: i64) -> Result<Counts> {
        let mut conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::privacy::purge_dry_run(pool, rules, now_ms))
            }
        };
        let tx = conn.transaction()?;
        let counts = purge_in(&tx, rules, now_ms)?;
        tx.rollback()?;
        Ok(counts)
    }

    /// Deletes the submissions `target` names within `scope`, with their history and
    /// search entries; how many. Logged as done `by`, also when none matched (the
    /// request was made).
    pub fn erase(&self, scope: &Scope, target: &EraseTarget, now_ms: i64, by: &str) -> Result<u64> {
        let mut conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::privacy::erase(pool, scope.listed(), target, now_ms, by))
            }
        };
        let tx = conn.transaction()?;
        // The history refers to its submission; both go in this transaction, so the
        // reference is checked at commit, once both are gone.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let (within, venues) = scope.and("venue");
        let found: Vec<String> = match target {
            EraseTarget::Id(id) => tx
                .query_row(
                    &format!("SELECT id FROM submissions WHERE id = ?{within}"),
                    // Stored in lower case (a UUID in any case is one submission).
                    params_from_iter(
                        std::iter::once(rusqlite::types::Value::Text(id.trim().to_lowercase()))
                            .chain(venues),
                    ),
                    |r| r.get(0),
                )
                .optional()?
                .into_iter()
                .collect(),
            EraseTarget::Email(email) => {
                let wanted = email.trim().to_lowercase();
                let mut stmt = tx.prepare(&format!(
                    "SELECT id, json_extract(payload, '$.contact.email') FROM submissions
                     WHERE json_valid(payload) AND json_type(payload, '$.contact') = 'object'{within}"
                ))?;
                let rows = stmt.query_map(params_from_iter(venues.iter()), |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
                })?;
                let mut found = Vec::new();
                for row in rows {
                    let (id, email) = row?;
                    if same_email(email.as_deref(), &wanted) {
                        found.push(id);
                    }
                }
                found
            }
        };
        // The search index loses their words with them (a trigger of migration 3).
        for id in &found {
            tx.execute("DELETE FROM submissions WHERE id = ?1", params![id])?;
            tx.execute(
                "DELETE FROM submission_history WHERE submission_id = ?1",
                params![id],
            )?;
        }
        let count = found.len() as u64;
        log_always(&tx, now_ms, by, "submissions", count)?;
        tx.commit()?;
        Ok(count)
    }

    /// The erasure log, oldest first.
    pub fn erasure_log(&self) -> Result<Vec<LogEntry>> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::privacy::erasure_log(pool)),
        };
        let mut stmt =
            conn.prepare("SELECT at, by_whom, what, count FROM erasure_log ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(LogEntry {
                at: r.get(0)?,
                by: r.get(1)?,
                what: r.get(2)?,
                count: r.get::<_, i64>(3)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The texts a payload holds, as the search index has them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Texts {
    praise: Option<String>,
    complaint: Option<String>,
}

impl Texts {
    fn of(payload: &Value) -> Texts {
        let text = |field: &str| {
            payload
                .get(field)
                .and_then(|f| f.get("text"))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        Texts {
            praise: text("praise"),
            complaint: text("complaint"),
        }
    }

    fn any(&self) -> bool {
        [&self.praise, &self.complaint]
            .iter()
            .any(|t| t.as_deref().is_some_and(|t| !t.is_empty()))
    }
}

/// Replaces the search words of the submission at `rowid` with the texts left; none
/// left, no entry. The index keeps no words of its own (contentless), so the old entry
/// is deleted by its row number.
fn replace_words(tx: &Transaction<'_>, rowid: i64, left: &Texts) -> rusqlite::Result<()> {
    tx.execute(
        "DELETE FROM submissions_text WHERE rowid = ?1",
        params![rowid],
    )?;
    if left.any() {
        tx.execute(
            "INSERT INTO submissions_text (rowid, praise, complaint) VALUES (?1, ?2, ?3)",
            params![rowid, left.praise, left.complaint],
        )?;
    }
    Ok(())
}

/// A row the rules may apply to: it still holds a contact or a text.
pub(super) struct Candidate {
    /// SQLite's rowid, Postgres's `seq`.
    pub rowid: i64,
    pub id: String,
    pub received_at: String,
    pub status: Option<String>,
    /// When its status was last set (the history's newest status change).
    pub status_at: Option<i64>,
    pub payload: String,
}

/// What a purge does to one row at `now_ms`: what is due, the payload with it blanked,
/// and whether its texts (the search's words) changed; `None` when nothing is due (or
/// the row cannot be read, which is said on standard error).
pub(super) fn purge_row(c: &Candidate, rules: &Rules, now_ms: i64) -> Option<(Due, Value, bool)> {
    let mut payload = serde_json::from_str::<Value>(&c.payload).ok()?;
    let Some(received_ms) = parse_rfc3339_ms(&c.received_at) else {
        eprintln!(
            "warning: submission {} has an unreadable receipt time {:?}; the retention rules skip it",
            c.id, c.received_at
        );
        return None;
    };
    let held = held(&payload, received_ms as i64, c);
    let due = retention::due(rules, &held, now_ms);
    if !due.any() {
        return None;
    }
    let before = Texts::of(&payload);
    erase_in_payload(&mut payload, due);
    let texts_changed = Texts::of(&payload) != before;
    Some((due, payload, texts_changed))
}

/// Whether a stored contact email is the one an erasure asks for (`wanted`, trimmed and
/// lowercased): any case, spaces around ignored.
pub(super) fn same_email(stored: Option<&str>, wanted: &str) -> bool {
    stored.is_some_and(|e| e.trim().to_lowercase() == wanted)
}

fn purge_in(tx: &Transaction<'_>, rules: &Rules, now_ms: i64) -> rusqlite::Result<Counts> {
    // Rows received up to this time may be due by a receipt rule; later ones only
    // through a closed status. No receipt rule: no time is "" or before.
    let before = retention::received_before(rules, now_ms)
        .map(rfc3339_millis)
        .unwrap_or_default();
    let candidates: Vec<Candidate> = {
        let mut stmt = tx.prepare(
            "SELECT s.rowid, s.id, s.received_at, s.status, s.payload,
                    (SELECT MAX(h.at) FROM submission_history h
                     WHERE h.submission_id = s.id AND h.kind = 'status')
             FROM submissions s
             WHERE (s.received_at <= ?1 OR s.status IN ('resolved', 'not_confirmed'))
               AND json_valid(s.payload)
               AND (json_type(s.payload, '$.contact') = 'object'
                    OR COALESCE(json_extract(s.payload, '$.praise.text'), '') <> ''
                    OR COALESCE(json_extract(s.payload, '$.complaint.text'), '') <> '')",
        )?;
        let rows = stmt.query_map(params![before], |r| {
            Ok(Candidate {
                rowid: r.get(0)?,
                id: r.get(1)?,
                received_at: r.get(2)?,
                status: r.get(3)?,
                payload: r.get(4)?,
                status_at: r.get(5)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut counts = Counts::default();
    for c in candidates {
        let Some((due, payload, texts_changed)) = purge_row(&c, rules, now_ms) else {
            continue;
        };
        if texts_changed {
            replace_words(tx, c.rowid, &Texts::of(&payload))?;
        }
        tx.execute(
            "UPDATE submissions SET payload = ?2 WHERE id = ?1",
            params![c.id, payload.to_string()],
        )?;
        counts.add(due);
    }
    Ok(counts)
}

fn held(payload: &Value, received_ms: i64, c: &Candidate) -> Held {
    let has_text = |field: &str| {
        payload
            .pointer(&format!("/{field}/text"))
            .and_then(Value::as_str)
            .is_some_and(|t| !t.is_empty())
    };
    let closed = match (c.status.as_deref(), c.status_at) {
        (Some("resolved"), Some(at)) => Some((Closed::Resolved, at)),
        (Some("not_confirmed"), Some(at)) => Some((Closed::NotConfirmed, at)),
        _ => None,
    };
    Held {
        received_ms,
        closed,
        contact: payload.get("contact").is_some_and(Value::is_object),
        praise_text: has_text("praise"),
        complaint_text: has_text("complaint"),
    }
}

/// Blanks what `due` names in a payload v1, keeping its shape: a text becomes `""`, the
/// staff names read from it `[]`, the contact `null`.
fn erase_in_payload(payload: &mut Value, due: Due) {
    let mut blank = |pointer: &str, value: Value| {
        if let Some(v) = payload.pointer_mut(pointer) {
            *v = value;
        }
    };
    if due.contact {
        blank("/contact", Value::Null);
    }
    if due.texts {
        blank("/praise/text", Value::from(""));
        blank("/praise/staff_named", Value::Array(Vec::new()));
    }
    if due.texts || due.not_confirmed_text {
        blank("/complaint/text", Value::from(""));
        blank("/guidance/names_mentioned", Value::Array(Vec::new()));
    }
}

fn log(tx: &Transaction<'_>, at: i64, by: &str, what: &str, count: u64) -> rusqlite::Result<()> {
    if count == 0 {
        return Ok(());
    }
    log_always(tx, at, by, what, count)
}

fn log_always(
    tx: &Transaction<'_>,
    at: i64,
    by: &str,
    what: &str,
    count: u64,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO erasure_log (at, by_whom, what, count) VALUES (?1, ?2, ?3, ?4)",
        params![at, by, what, count as i64],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
