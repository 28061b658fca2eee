//! What the praise view, the team page and the overview read (SPEC §11). The payload is
//! JSON text; SQLite's JSON functions pick out its fields, and the grouping, counting
//! and cutting happen in SQL, so 100,000 submissions never cross into Rust as rows.

use std::collections::HashMap;

use evenhand_core::praise::overview::Counts;
use evenhand_core::praise::period::Bounds;
use evenhand_core::praise::{staff_named, Item, Row, Tally};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter};

use super::{pg, Conn, Result, Scope, Store};

// Both scans name their index (migration 0004): other indexes on `received_at` would
// look as good to the planner and parse every payload.

/// Above every stored `received_at` (RFC 3339 text starts with a digit).
const NO_UPPER_BOUND: &str = "~";

pub(super) fn bounds(b: &Bounds) -> (&str, &str) {
    (
        b.from.as_deref().unwrap_or(""),
        b.until.as_deref().unwrap_or(NO_UPPER_BOUND),
    )
}

/// The period's bounds (`?1`, `?2`), then `scope`'s venues: the values of a query
/// that ends its `WHERE` with the `AND …` returned.
fn period_in(b: &Bounds, scope: &Scope) -> (String, Vec<Value>) {
    let (from, until) = bounds(b);
    let (within, venues) = scope.and("venue");
    let mut values = vec![Value::Text(from.into()), Value::Text(until.into())];
    values.extend(venues);
    (within, values)
}

/// Per day its counts, and each distinct set of ratings with how many carried it.
pub type OverviewRows = (Vec<(String, Counts)>, Vec<(String, u64)>);

impl Store {
    /// The praise received within `b`, one row per person named (a text naming no one:
    /// one row without a name), each with that person's whole count; at most
    /// [`evenhand_core::praise::MAX_ITEMS_PER_GROUP`] newest rows a person. Declined and
    /// empty praise is left out. The names come from the index that holds them, newest
    /// first, and are counted here ([`Tally`]): per-row `json_each` and window sorts in
    /// SQL cost several times more over 100,000 submissions. Only the texts shown are
    /// read from the payloads. Only the venues of `scope`.
    pub fn praise(&self, scope: &Scope, b: &Bounds) -> Result<Vec<Row<Item>>> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::praise::praise(pool, scope.listed(), b)),
        };
        let (within, values) = period_in(b, scope);
        let mut names = conn.prepare_cached(&format!(
            "SELECT rowid, json_extract(payload, '$.praise.staff_named')
             FROM submissions INDEXED BY submissions_praise_overview
             WHERE received_at >= ?1 AND received_at < ?2 AND json_valid(payload)
               AND (ifnull(json_extract(payload, '$.praise.text'), '') <> '') = 1
               AND (ifnull(json_extract(payload, '$.praise.declined'), 0) = 1) = 0{within}
             ORDER BY received_at DESC"
        ))?;
        let mut tally = Tally::default();
        let mut parsed: HashMap<String, Vec<String>> = HashMap::new();
        let mut rows = names.query(params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            let rowid: i64 = r.get(0)?;
            match r.get_ref(1)?.as_str_or_null()? {
                None | Some("[]") => tally.add(&[], rowid),
                Some(text) => {
                    if !parsed.contains_key(text) {
                        parsed.insert(text.to_string(), staff_named(Some(text)));
                    }
                    tally.add(&parsed[text], rowid);
                }
            }
        }
        let mut text = conn.prepare_cached(
            "SELECT id, received_at, json_extract(payload, '$.praise.text'), language
             FROM submissions WHERE rowid = ?1",
        )?;
        let mut items: HashMap<i64, Item> = HashMap::new();
        for &rowid in tally.keys() {
            if items.contains_key(&rowid) {
                continue;
            }
            let item = text.query_row(params![rowid], |r| {
                Ok(Item {
                    id: r.get(0)?,
                    received_at: r.get(1)?,
                    text: r.get(2)?,
                    language: r.get(3)?,
                })
            })?;
            items.insert(rowid, item);
        }
        Ok(tally.rows(|k| items.get(k).cloned()))
    }

    /// Per UTC day of receipt within `b`: submissions, with praise, with a complaint,
    /// with declined praise; and how many submissions carried each set of ratings (the
    /// `ratings` object as text). One pass over the index that holds these fields:
    /// folding 100,000 rows here costs less than two SQL groupings with their sorts, and
    /// a few distinct sets of ratings are parsed rather than one per submission. Only
    /// the venues of `scope`.
    pub fn overview(&self, scope: &Scope, b: &Bounds) -> Result<OverviewRows> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::praise::overview(pool, scope.listed(), b))
            }
        };
        let (within, values) = period_in(b, scope);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT substr(received_at, 1, 10),
                    (ifnull(json_extract(payload, '$.praise.text'), '') <> ''),
                    (json_type(payload, '$.complaint') = 'object'),
                    (ifnull(json_extract(payload, '$.praise.declined'), 0) = 1),
                    json_extract(payload, '$.ratings')
             FROM submissions INDEXED BY submissions_praise_overview
             WHERE received_at >= ?1 AND received_at < ?2 AND json_valid(payload){within}
             ORDER BY received_at"
        ))?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        let mut days: Vec<(String, Counts)> = Vec::new();
        let mut ratings: HashMap<String, u64> = HashMap::new();
        while let Some(r) = rows.next()? {
            let day = r.get_ref(0)?.as_str()?;
            if days.last().is_none_or(|(d, _)| d != day) {
                days.push((day.to_string(), Counts::default()));
            }
            let yes = |i| r.get::<_, Option<i64>>(i).map(|v| u64::from(v == Some(1)));
            if let Some((_, c)) = days.last_mut() {
                c.submissions += 1;
                c.with_praise += yes(1)?;
                c.with_complaint += yes(2)?;
                c.declined_praise += yes(3)?;
            }
            if let Some(text) = r.get_ref(4)?.as_str_or_null()? {
                match ratings.get_mut(text) {
                    Some(n) => *n += 1,
                    None => {
                        ratings.insert(text.to_string(), 1);
                    }
                }
            }
        }
        Ok((days, ratings.into_iter().collect()))
    }
}
