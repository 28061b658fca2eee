//! What the praise view, the team page and the overview read (SPEC §11), on Postgres:
//! the fields migration 0002 keeps beside each payload, over a period, through the
//! partial indexes of migration 0003. Results as the SQLite store gives them
//! (`store/praise.rs`).

use std::collections::HashMap;

use evenhand_core::praise::overview::Counts;
use evenhand_core::praise::period::Bounds;
use evenhand_core::praise::{staff_named, Item, Row, Tally};

use crate::store::praise::{bounds, OverviewRows};
use crate::store::Result;

use super::inbox::{within, Params, Venues};
use super::Pool;

/// The period's bounds, then `venues`: the parameters of a query whose `WHERE` ends
/// with the ` AND …` returned.
fn period_within(b: &Bounds, venues: Venues<'_>) -> (Params, String, String, String) {
    let (from, until) = bounds(b);
    let mut params = Params::default();
    let from = params.push(from.to_string());
    let until = params.push(until.to_string());
    let within = within(venues, &mut params)
        .map(|c| format!(" AND {c}"))
        .unwrap_or_default();
    (params, from, until, within)
}

/// The praise received within `b`, one row per person named (a text naming no one: one
/// row without a name), each with that person's whole count; at most
/// [`evenhand_core::praise::MAX_ITEMS_PER_GROUP`] newest rows a person. Declined and
/// empty praise is left out. Only the texts shown are read from the payloads. Only the
/// venues of `venues`.
pub fn praise(pool: &Pool, venues: Venues<'_>, b: &Bounds) -> Result<Vec<Row<Item>>> {
    let (params, from, until, within) = period_within(b, venues);
    let mut client = pool.get()?;
    let mut tx = super::snapshot(&mut client)?;
    let names = tx.query(
        &format!(
            "SELECT seq, praise_staff_named FROM submissions
             WHERE received_at >= {from} AND received_at < {until}
               AND json_ok AND praise_present AND NOT praise_declined{within}
             ORDER BY received_at DESC, seq DESC"
        ),
        &params.refs(),
    )?;
    let mut tally = Tally::default();
    let mut parsed: HashMap<String, Vec<String>> = HashMap::new();
    for r in &names {
        let seq: i64 = r.try_get(0)?;
        match r.try_get::<_, Option<&str>>(1)? {
            None | Some("[]") => tally.add(&[], seq),
            Some(text) => {
                let names = parsed
                    .entry(text.to_string())
                    .or_insert_with(|| staff_named(Some(text)));
                tally.add(names, seq);
            }
        }
    }
    let shown: Vec<i64> = tally.keys().copied().collect();
    let mut items: HashMap<i64, Item> = HashMap::new();
    for r in tx.query(
        "SELECT seq, id, received_at, payload::jsonb #>> '{praise,text}', language
         FROM submissions WHERE seq = ANY($1) AND json_ok",
        &[&shown],
    )? {
        items.insert(
            r.try_get(0)?,
            Item {
                id: r.try_get(1)?,
                received_at: r.try_get(2)?,
                text: r.try_get(3)?,
                language: r.try_get(4)?,
            },
        );
    }
    tx.commit()?;
    Ok(tally.rows(|k| items.get(k).cloned()))
}

/// Per UTC day of receipt within `b`: submissions, with praise, with a complaint, with
/// declined praise; and how many submissions carried each set of ratings (the
/// `ratings` object as text). Counted in SQL: only one row a day, and one a set of
/// ratings, cross to Rust. Only the venues of `venues`.
pub fn overview(pool: &Pool, venues: Venues<'_>, b: &Bounds) -> Result<OverviewRows> {
    let (params, from, until, within) = period_within(b, venues);
    let mut client = pool.get()?;
    let mut tx = super::snapshot(&mut client)?;
    let count = |r: &postgres::Row, i: usize| -> Result<u64> {
        Ok(u64::try_from(r.try_get::<_, i64>(i)?).unwrap_or(0))
    };
    let days = tx
        .query(
            &format!(
                "SELECT substr(received_at, 1, 10) AS day, COUNT(*),
                        COUNT(*) FILTER (WHERE praise_present),
                        COUNT(*) FILTER (WHERE complaint_present),
                        COUNT(*) FILTER (WHERE praise_declined)
                 FROM submissions
                 WHERE received_at >= {from} AND received_at < {until} AND json_ok{within}
                 GROUP BY day ORDER BY day"
            ),
            &params.refs(),
        )?
        .iter()
        .map(|r| {
            Ok((
                r.try_get(0)?,
                Counts {
                    submissions: count(r, 1)?,
                    with_praise: count(r, 2)?,
                    with_complaint: count(r, 3)?,
                    declined_praise: count(r, 4)?,
                },
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let ratings = tx
        .query(
            &format!(
                "SELECT ratings, COUNT(*) FROM submissions
                 WHERE received_at >= {from} AND received_at < {until} AND json_ok
                   AND ratings IS NOT NULL{within}
                 GROUP BY ratings"
            ),
            &params.refs(),
        )?
        .iter()
        .map(|r| Ok((r.try_get(0)?, count(r, 1)?)))
        .collect::<Result<Vec<_>>>()?;
    tx.commit()?;
    Ok((days, ratings))
}
