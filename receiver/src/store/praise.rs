//! What the praise view, the team page and the overview read (SPEC §11). The payload is
//! JSON text; SQLite's JSON functions pick out its fields, and the grouping, counting
//! and cutting happen in SQL, so 100,000 submissions never cross into Rust as rows.

use evenhand_core::praise::overview::{Counts, Rating};
use evenhand_core::praise::period::Bounds;
use evenhand_core::praise::{Item, Row, MAX_ITEMS_PER_GROUP};
use rusqlite::params;

use super::Store;

/// Above every stored `received_at` (RFC 3339 text starts with a digit).
const NO_UPPER_BOUND: &str = "~";

fn bounds(b: &Bounds) -> (&str, &str) {
    (
        b.from.as_deref().unwrap_or(""),
        b.until.as_deref().unwrap_or(NO_UPPER_BOUND),
    )
}

impl Store {
    /// The praise received within `b`, one row per person named (a text naming no one:
    /// one row without a name), each with that person's whole count; at most
    /// [`MAX_ITEMS_PER_GROUP`] newest rows a person. Declined and empty praise is left
    /// out.
    pub fn praise(&self, b: &Bounds) -> rusqlite::Result<Vec<Row<Item>>> {
        let (from, until) = bounds(b);
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "WITH p AS (
                 SELECT rowid AS r, received_at AS at, payload FROM submissions
                 WHERE received_at >= ?1 AND received_at < ?2
                   AND ifnull(json_extract(payload, '$.praise.text'), '') <> ''
                   AND ifnull(json_extract(payload, '$.praise.declined'), 0) = 0
             ),
             named AS (
                 SELECT n.value AS name, p.r AS r,
                        ROW_NUMBER() OVER (PARTITION BY n.value ORDER BY p.at DESC, p.r DESC) AS k,
                        COUNT(*) OVER (PARTITION BY n.value) AS n
                 FROM p LEFT JOIN json_each(p.payload, '$.praise.staff_named') n
             )
             SELECT named.name, named.n, s.id, s.received_at,
                    json_extract(s.payload, '$.praise.text'), s.language
             FROM named JOIN submissions s ON s.rowid = named.r
             WHERE named.k <= ?3",
        )?;
        let rows = stmt.query_map(params![from, until, MAX_ITEMS_PER_GROUP as i64], |r| {
            Ok(Row {
                name: r.get(0)?,
                count: r.get::<_, i64>(1)?.max(0) as u64,
                item: Item {
                    id: r.get(2)?,
                    received_at: r.get(3)?,
                    text: r.get(4)?,
                    language: r.get(5)?,
                },
            })
        })?;
        rows.collect()
    }

    /// Per UTC day of receipt within `b`: submissions, with praise, with a complaint,
    /// with declined praise.
    pub fn overview_days(&self, b: &Bounds) -> rusqlite::Result<Vec<(String, Counts)>> {
        let (from, until) = bounds(b);
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT substr(received_at, 1, 10) AS day, COUNT(*),
                    SUM(ifnull(json_extract(payload, '$.praise.text'), '') <> ''),
                    SUM(ifnull(json_type(payload, '$.complaint') = 'object', 0)),
                    SUM(ifnull(json_extract(payload, '$.praise.declined'), 0) = 1)
             FROM submissions WHERE received_at >= ?1 AND received_at < ?2
             GROUP BY day",
        )?;
        let count = |r: &rusqlite::Row<'_>, i| r.get::<_, i64>(i).map(|n| n.max(0) as u64);
        let rows = stmt.query_map(params![from, until], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Counts {
                    submissions: count(r, 1)?,
                    with_praise: count(r, 2)?,
                    with_complaint: count(r, 3)?,
                    declined_praise: count(r, 4)?,
                },
            ))
        })?;
        rows.collect()
    }

    /// The average rating of each topic rated within `b`, by topic.
    pub fn rating_averages(&self, b: &Bounds) -> rusqlite::Result<Vec<Rating>> {
        let (from, until) = bounds(b);
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT t.key, AVG(t.value), COUNT(*)
             FROM submissions s, json_each(s.payload, '$.ratings') t
             WHERE s.received_at >= ?1 AND s.received_at < ?2 AND t.type = 'integer'
             GROUP BY t.key ORDER BY t.key",
        )?;
        let rows = stmt.query_map(params![from, until], |r| {
            Ok(Rating {
                topic: r.get(0)?,
                average: r.get(1)?,
                count: r.get::<_, i64>(2)?.max(0) as u64,
            })
        })?;
        rows.collect()
    }
}
