//! Submissions on Postgres: stored once per id whichever receiver gets them, and read
//! back in arrival order for the exports.

use crate::store::inbox::{Indexed, Status};
use crate::store::{Inserted, Result, Row, Stored, BATCH_ROWS};

use super::Pool;

/// Stores a submission unless its id is known (`ON CONFLICT (id) DO NOTHING`: two
/// receivers given the same id store it once), with the inbox's columns, in one
/// transaction.
pub fn insert(pool: &Pool, row: &Row<'_>) -> Result<Inserted> {
    let indexed = Indexed::of(row.payload);
    let mut client = pool.get()?;
    let mut tx = client.transaction()?;
    let changed = tx.execute(
        "INSERT INTO submissions
             (id, received_at, venue, place, language, payload, status, names_staff, heated)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO NOTHING",
        &[
            &row.id,
            &row.received_at,
            &row.venue,
            &row.place,
            &row.language,
            &row.payload,
            &indexed.status().map(Status::code),
            &indexed.names_staff(),
            &indexed.heated(),
        ],
    )?;
    tx.commit()?;
    Ok(if changed == 1 {
        Inserted::New
    } else {
        Inserted::Duplicate
    })
}

/// Hands every submission to `each`, in arrival order, until it returns false; read
/// [`BATCH_ROWS`] at a time by `seq`, a connection held for one query only. `each` runs
/// on the caller's thread (an export's sink may be bound to it), the queries where
/// Postgres calls may run ([`super::run`]).
pub fn for_each(pool: &Pool, mut each: impl FnMut(Stored) -> bool) -> Result<()> {
    let mut after: i64 = 0;
    loop {
        let batch = super::run(|| batch_after(pool, after))?;
        if batch.is_empty() {
            return Ok(());
        }
        for (seq, stored) in batch {
            after = seq;
            if !each(stored) {
                return Ok(());
            }
        }
    }
}

/// Up to [`BATCH_ROWS`] submissions after `seq`, with theirs.
fn batch_after(pool: &Pool, seq: i64) -> Result<Vec<(i64, Stored)>> {
    pool.get()?
        .query(
            "SELECT seq, received_at, payload FROM submissions
             WHERE seq > $1 ORDER BY seq LIMIT $2",
            &[&seq, &BATCH_ROWS],
        )?
        .iter()
        .map(|row| {
            Ok((
                row.try_get(0)?,
                Stored {
                    received_at: row.try_get(1)?,
                    payload: row.try_get(2)?,
                },
            ))
        })
        .collect()
}
