//! The inbox on Postgres (SPEC §10), giving what the SQLite store gives
//! (`store/inbox.rs`): the filtered, paged list, newest first; an item; "Show names";
//! a status set with its history, in one transaction; the filter menus. Search reads
//! the `search` column that migration 0002 keeps from each payload's texts.

use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::GenericClient;

use crate::store::inbox::{
    count_limit, cut_to_page, search_words, Change, Filter, HistoryEntry, InboxItem, Listed,
    Status, StatusSet,
};
use crate::store::Result;

use super::Pool;

/// The venues a reader may see (SPEC §12): `None` every venue; a list only those (an
/// empty one, none). Each query below puts it in its own `WHERE`.
pub type Venues<'a> = Option<&'a [String]>;

/// The condition limiting `venue` to `venues`, its value pushed on `params`; `None` for
/// every venue.
pub(super) fn within(venues: Venues<'_>, params: &mut Params) -> Option<String> {
    venues.map(|v| format!("venue = ANY({})", params.push(v.to_vec())))
}

/// A query's parameters, numbered `$1…` in the order they are pushed.
#[derive(Default)]
pub(super) struct Params {
    values: Vec<Box<dyn ToSql + Sync>>,
}

impl Params {
    /// Adds a value; its placeholder.
    pub(super) fn push(&mut self, value: impl ToSql + Sync + 'static) -> String {
        self.values.push(Box::new(value));
        format!("${}", self.values.len())
    }

    pub(super) fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.values.iter().map(|v| v.as_ref()).collect()
    }
}

/// The filter's SQL conditions within `venues` (a `WHERE` clause, or nothing), their
/// values pushed on `params`.
fn where_clause(venues: Venues<'_>, filter: &Filter, params: &mut Params) -> String {
    let mut conds: Vec<String> = within(venues, params).into_iter().collect();
    if let Some(v) = &filter.venue {
        conds.push(format!("venue = {}", params.push(v.clone())));
    }
    if let Some(p) = &filter.place {
        conds.push(format!("place = {}", params.push(p.clone())));
    }
    // `received_at` is RFC 3339 UTC with milliseconds, in byte order (migration 0002).
    if let Some(day) = &filter.from_day {
        let from = params.push(format!("{day}T00:00:00.000Z"));
        conds.push(format!("received_at >= {from}"));
    }
    if let Some(day) = &filter.to_day {
        let to = params.push(format!("{day}T23:59:59.999Z"));
        conds.push(format!("received_at <= {to}"));
    }
    if let Some(s) = filter.status {
        conds.push(format!("status = {}", params.push(s.code().to_string())));
    }
    if let Some(typed) = &filter.search {
        let words: Vec<String> = search_words(typed)
            .into_iter()
            .map(str::to_string)
            .collect();
        if !words.is_empty() {
            let words = params.push(words);
            conds.push(format!("search @@ evenhand_query({words}::text[])"));
        }
    }
    if filter.names_staff {
        conds.push("names_staff".into());
    }
    if filter.heated {
        conds.push("heated".into());
    }
    if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    }
}

/// Page `page` (from 1) of `per_page` submissions matching `filter`, newest first (ties
/// in arrival order, newest first), and the number matching in all, counted up to
/// `cap`. One snapshot: the count and the page agree.
pub fn list(
    pool: &Pool,
    venues: Venues<'_>,
    filter: &Filter,
    page: u32,
    per_page: u32,
    cap: u64,
) -> Result<Listed> {
    let mut client = pool.get()?;
    let mut tx = super::snapshot(&mut client)?;
    let mut params = Params::default();
    let clause = where_clause(venues, filter, &mut params);
    // The count reads the clause's values and one more, its limit: the page's own limit
    // and offset are pushed after it is read.
    let stop = count_limit(cap);
    let mut counted = params.refs();
    counted.push(&stop);
    let stop_at = counted.len();
    let total: i64 = tx
        .query_one(
            &format!(
                "SELECT COUNT(*) FROM (SELECT 1 FROM submissions {clause} LIMIT ${stop_at}) AS matching"
            ),
            &counted,
        )?
        .try_get(0)?;
    // One row past the page tells whether an older page follows.
    let limit = params.push(i64::from(per_page) + 1);
    let offset = params.push(i64::from(page.saturating_sub(1)) * i64::from(per_page));
    let rows = tx.query(
        &format!(
            "SELECT id, received_at, payload, status FROM submissions {clause}
             ORDER BY received_at DESC, seq DESC LIMIT {limit} OFFSET {offset}"
        ),
        &params.refs(),
    )?;
    let mut items = rows.iter().map(row_item).collect::<Result<Vec<_>>>()?;
    let more = cut_to_page(&mut items, per_page);
    let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    let mut histories = histories(&mut tx, &ids)?;
    for item in &mut items {
        item.history = histories.remove(&item.id).unwrap_or_default();
    }
    tx.commit()?;
    Ok(Listed::new(items, more, total, cap))
}

/// One submission with its history; `None` for an unknown id or one outside `venues`.
pub fn item(pool: &Pool, venues: Venues<'_>, id: &str) -> Result<Option<InboxItem>> {
    let mut client = pool.get()?;
    let mut tx = super::snapshot(&mut client)?;
    let found = item_in(&mut tx, venues, id, false)?;
    tx.commit()?;
    Ok(found)
}

/// "Show names": written to the history first, then the item; `None` for an unknown id
/// (or one outside `venues`).
pub fn show_names(
    pool: &Pool,
    venues: Venues<'_>,
    id: &str,
    by: &str,
    at: i64,
) -> Result<Option<InboxItem>> {
    let mut client = pool.get()?;
    let mut tx = client.transaction()?;
    if item_in(&mut tx, venues, id, true)?.is_none() {
        return Ok(None);
    }
    append(&mut tx, id, &HistoryEntry::names_shown(by, at))?;
    let shown = item_in(&mut tx, venues, id, false)?;
    tx.commit()?;
    Ok(shown)
}

/// Sets a complaint's status, with the change and its note in the history, in one
/// transaction. The row is locked first, so that two receivers setting it at once each
/// record the status the other left. Outside `venues`: [`StatusSet::Unknown`].
pub fn set_status(
    pool: &Pool,
    venues: Venues<'_>,
    id: &str,
    to: Status,
    note: Option<&str>,
    by: &str,
    at: i64,
) -> Result<StatusSet> {
    let mut client = pool.get()?;
    let mut tx = client.transaction()?;
    let Some(current) = item_in(&mut tx, venues, id, true)? else {
        return Ok(StatusSet::Unknown);
    };
    let Some(from) = current.status else {
        return Ok(StatusSet::NoComplaint);
    };
    tx.execute(
        "UPDATE submissions SET status = $2 WHERE id = $1",
        &[&id, &to.code()],
    )?;
    append(
        &mut tx,
        id,
        &HistoryEntry::status_set(by, at, from, to, note),
    )?;
    let done = item_in(&mut tx, venues, id, false)?;
    tx.commit()?;
    Ok(done.map_or(StatusSet::Unknown, StatusSet::Done))
}

/// The venues and places submissions within `venues` came from, each distinct and
/// sorted (byte order, as SQLite sorts), for the filter menus.
pub fn places(pool: &Pool, venues: Venues<'_>) -> Result<(Vec<String>, Vec<String>)> {
    let mut params = Params::default();
    let within = within(venues, &mut params)
        .map(|c| format!(" AND {c}"))
        .unwrap_or_default();
    let mut client = pool.get()?;
    let mut column = |sql: &str| -> Result<Vec<String>> {
        client
            .query(sql, &params.refs())?
            .iter()
            .map(|r| Ok(r.try_get(0)?))
            .collect()
    };
    Ok((
        column(&format!(
            "SELECT DISTINCT venue FROM submissions WHERE TRUE{within} ORDER BY venue"
        ))?,
        column(&format!(
            "SELECT DISTINCT place FROM submissions WHERE place IS NOT NULL{within} ORDER BY place"
        ))?,
    ))
}

fn row_item(r: &postgres::Row) -> Result<InboxItem> {
    let status: Option<String> = r.try_get(3)?;
    Ok(InboxItem {
        id: r.try_get(0)?,
        received_at: r.try_get(1)?,
        payload: r.try_get(2)?,
        status: status.as_deref().and_then(Status::from_code),
        history: Vec::new(),
    })
}

/// The submission `id` with its history, if within `venues`; `lock`: its row locked
/// until the transaction ends.
fn item_in(
    client: &mut impl GenericClient,
    venues: Venues<'_>,
    id: &str,
    lock: bool,
) -> Result<Option<InboxItem>> {
    let mut params = Params::default();
    let id_is = params.push(id.to_string());
    let within = within(venues, &mut params)
        .map(|c| format!(" AND {c}"))
        .unwrap_or_default();
    let lock = if lock { " FOR UPDATE" } else { "" };
    let sql = format!(
        "SELECT id, received_at, payload, status FROM submissions WHERE id = {id_is}{within}{lock}"
    );
    let Some(row) = client.query_opt(&sql, &params.refs())? else {
        return Ok(None);
    };
    let mut item = row_item(&row)?;
    item.history = histories(client, &[id])?.remove(id).unwrap_or_default();
    Ok(Some(item))
}

/// The histories of the submissions `ids`, each oldest first, in one query.
fn histories(
    client: &mut impl GenericClient,
    ids: &[&str],
) -> Result<HashMap<String, Vec<HistoryEntry>>> {
    let mut by_id: HashMap<String, Vec<HistoryEntry>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_id);
    }
    let status = |s: Option<String>| s.as_deref().and_then(Status::from_code);
    for r in client.query(
        "SELECT submission_id, at, manager_email, kind, from_status, to_status, note
         FROM submission_history WHERE submission_id = ANY($1) ORDER BY submission_id, id",
        &[&ids],
    )? {
        let kind: String = r.try_get(3)?;
        by_id.entry(r.try_get(0)?).or_default().push(HistoryEntry {
            at: r.try_get(1)?,
            by: r.try_get(2)?,
            change: Change::from_code(&kind),
            from: status(r.try_get(4)?),
            to: status(r.try_get(5)?),
            note: r.try_get(6)?,
        });
    }
    Ok(by_id)
}

fn append(client: &mut impl GenericClient, id: &str, entry: &HistoryEntry) -> Result<()> {
    client.execute(
        "INSERT INTO submission_history
             (submission_id, at, manager_email, kind, from_status, to_status, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &id,
            &entry.at,
            &entry.by,
            &entry.change.code(),
            &entry.from.map(Status::code),
            &entry.to.map(Status::code),
            &entry.note,
        ],
    )?;
    Ok(())
}
