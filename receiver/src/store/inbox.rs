//! The inbox's side of the store (SPEC §10): the columns and search index its filters
//! read, filled on insert; the filtered, paged list; a complaint's status and the
//! append-only history of what managers did with it.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};
use serde::Deserialize;

use super::{pg, Conn, Result, Scope, Store};

/// Where a complaint stands (one definition, in the core, shared with the inbox page).
/// A submission without a complaint has none.
pub use evenhand_core::inbox_page::Status;

/// What a history entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Status,
    NamesShown,
}

impl Change {
    pub fn code(self) -> &'static str {
        match self {
            Change::Status => "status",
            Change::NamesShown => "names_shown",
        }
    }

    /// The change a history row's `kind` records.
    pub fn from_code(kind: &str) -> Change {
        if kind == "names_shown" {
            Change::NamesShown
        } else {
            Change::Status
        }
    }
}

/// One line of a submission's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Milliseconds since the Unix epoch.
    pub at: i64,
    /// The manager's email.
    pub by: String,
    pub change: Change,
    pub from: Option<Status>,
    pub to: Option<Status>,
    pub note: Option<String>,
}

impl HistoryEntry {
    /// "Show names", by `by` at `at`.
    pub fn names_shown(by: &str, at: i64) -> HistoryEntry {
        HistoryEntry {
            at,
            by: by.to_string(),
            change: Change::NamesShown,
            from: None,
            to: None,
            note: None,
        }
    }

    /// A status set from `from` to `to`, with the manager's note if any.
    pub fn status_set(
        by: &str,
        at: i64,
        from: Status,
        to: Status,
        note: Option<&str>,
    ) -> HistoryEntry {
        HistoryEntry {
            at,
            by: by.to_string(),
            change: Change::Status,
            from: Some(from),
            to: Some(to),
            note: note.map(str::to_string),
        }
    }
}

/// A submission as the inbox shows it: the payload as stored (unmasked: the route
/// masks it), its status and history, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxItem {
    pub id: String,
    pub received_at: String,
    pub payload: String,
    pub status: Option<Status>,
    pub history: Vec<HistoryEntry>,
}

/// Which submissions to list; every part optional, all parts ANDed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub venue: Option<String>,
    pub place: Option<String>,
    /// Received on or after this UTC day, `YYYY-MM-DD`.
    pub from_day: Option<String>,
    /// Received on or before this UTC day, `YYYY-MM-DD`.
    pub to_day: Option<String>,
    pub status: Option<Status>,
    /// Only complaints that name staff.
    pub names_staff: bool,
    pub heated: bool,
    /// The guest's words to search for, as typed ([`fts_query`] makes the query).
    pub search: Option<String>,
}

/// One page of the list, and how many submissions the filter matches in all, counted
/// up to a cap.
#[derive(Debug, Clone)]
pub struct Listed {
    pub items: Vec<InboxItem>,
    /// The matches, or the cap when more match ([`Listed::total_capped`]).
    pub total: u64,
    /// More than `total` match: the count stopped there.
    pub total_capped: bool,
    /// Whether an older page follows this one.
    pub more: bool,
}

impl Listed {
    /// The page, whether one follows, and the matches counted up to one past `cap`.
    pub(super) fn new(items: Vec<InboxItem>, more: bool, counted: i64, cap: u64) -> Listed {
        let counted = u64::try_from(counted).unwrap_or(0);
        Listed {
            items,
            total: counted.min(cap),
            total_capped: counted > cap,
            more,
        }
    }
}

/// Cuts rows read one past a page of `per_page` to the page; whether there was one
/// past it (an older page follows).
pub(super) fn cut_to_page<T>(rows: &mut Vec<T>, per_page: u32) -> bool {
    let page_len = usize::try_from(per_page).unwrap_or(usize::MAX);
    let more = rows.len() > page_len;
    rows.truncate(page_len);
    more
}

/// The bound of a capped count: one past the cap, so that reaching it tells that more
/// match than the cap.
pub(super) fn count_limit(cap: u64) -> i64 {
    i64::try_from(cap.saturating_add(1)).unwrap_or(i64::MAX)
}

/// What setting a status came to.
#[derive(Debug)]
pub enum StatusSet {
    Done(InboxItem),
    /// No submission has this id.
    Unknown,
    /// The submission has no complaint, so nothing to verify.
    NoComplaint,
}

/// What the inbox reads from a payload when it is stored. A payload that is not JSON
/// (only the store's own tests write one) gives nothing.
#[derive(Default)]
pub(super) struct Indexed {
    status: Option<Status>,
    names_staff: bool,
    heated: bool,
    praise: Option<String>,
    complaint: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PayloadView {
    praise: Option<TextView>,
    complaint: Option<TextView>,
    guidance: GuidanceView,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TextView {
    text: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct GuidanceView {
    names_mentioned: Vec<String>,
    heated: bool,
}

impl Indexed {
    pub(super) fn of(payload: &str) -> Indexed {
        let Ok(view) = serde_json::from_str::<PayloadView>(payload) else {
            return Indexed::default();
        };
        let has_complaint = view.complaint.is_some();
        Indexed {
            status: has_complaint.then_some(Status::Unverified),
            names_staff: has_complaint && !view.guidance.names_mentioned.is_empty(),
            heated: view.guidance.heated,
            praise: view.praise.map(|p| p.text),
            complaint: view.complaint.map(|c| c.text),
        }
    }

    pub(super) fn status(&self) -> Option<Status> {
        self.status
    }

    pub(super) fn names_staff(&self) -> bool {
        self.names_staff
    }

    pub(super) fn heated(&self) -> bool {
        self.heated
    }

    /// Writes the inbox's columns and search words of the submission just inserted.
    pub(super) fn write(&self, tx: &Transaction<'_>, id: &str) -> rusqlite::Result<()> {
        tx.prepare_cached(
            "UPDATE submissions SET status = ?2, names_staff = ?3, heated = ?4 WHERE id = ?1",
        )?
        .execute(params![
            id,
            self.status.map(Status::code),
            self.names_staff,
            self.heated
        ])?;
        tx.prepare_cached(
            "INSERT INTO submissions_text (rowid, praise, complaint)
             SELECT rowid, ?2, ?3 FROM submissions WHERE id = ?1",
        )?
        .execute(params![id, self.praise, self.complaint])?;
        Ok(())
    }
}

/// The search box's words as an FTS5 query: each word quoted (so no word is read as
/// FTS syntax), all of them required, the last one also as the start of a longer word
/// (results while typing). `None` when there is no word to look for.
pub fn fts_query(typed: &str) -> Option<String> {
    let words = search_words(typed);
    let last = words.len().checked_sub(1)?;
    let quoted: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == last {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect();
    Some(quoted.join(" "))
}

/// The search box's words: what lies between characters that are neither letters nor
/// digits (the Postgres store cuts its texts alike, migration 0002).
pub fn search_words(typed: &str) -> Vec<&str> {
    typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

impl Filter {
    /// The SQL conditions and their values, within `scope`'s venues.
    fn sql(&self, scope: &Scope) -> (String, Vec<Value>) {
        let mut conds: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some((cond, venues)) = scope.condition("venue") {
            conds.push(cond);
            values.extend(venues);
        }
        let mut text = |cond: &'static str, value: String| {
            conds.push(cond.to_string());
            values.push(Value::Text(value));
        };
        if let Some(v) = &self.venue {
            text("venue = ?", v.clone());
        }
        if let Some(p) = &self.place {
            text("place = ?", p.clone());
        }
        // `received_at` is always RFC 3339 UTC with milliseconds: text order is time
        // order.
        if let Some(day) = &self.from_day {
            text("received_at >= ?", format!("{day}T00:00:00.000Z"));
        }
        if let Some(day) = &self.to_day {
            text("received_at <= ?", format!("{day}T23:59:59.999Z"));
        }
        if let Some(s) = self.status {
            text("status = ?", s.code().to_string());
        }
        if let Some(q) = self.search.as_deref().and_then(fts_query) {
            // `+`: the matches filter the walk down an index in date order (which
            // stops at the page's end) rather than drive it (thousands of rows read
            // and sorted for a common word).
            text(
                "+rowid IN (SELECT rowid FROM submissions_text WHERE submissions_text MATCH ?)",
                q,
            );
        }
        if self.names_staff {
            conds.push("names_staff = 1".into());
        }
        if self.heated {
            conds.push("heated = 1".into());
        }
        let clause = if conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conds.join(" AND "))
        };
        (clause, values)
    }
}

impl Store {
    /// Page `page` (from 1) of `per_page` submissions matching `filter` within
    /// `scope`, newest first, and the number matching in all, counted up to `cap`
    /// (`evenhand_core::limits::INBOX_COUNT_CAP` when serving): a common word over a
    /// chain's million submissions would otherwise take the count most of a second.
    pub fn inbox_list(
        &self,
        scope: &Scope,
        filter: &Filter,
        page: u32,
        per_page: u32,
        cap: u64,
    ) -> Result<Listed> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| {
                    pg::inbox::list(pool, scope.listed(), filter, page, per_page, cap)
                })
            }
        };
        let (clause, values) = filter.sql(scope);
        // A search alone, over every venue, is counted by its index: one row there per
        // submission.
        let search_only = Filter {
            search: filter.search.clone(),
            ..Filter::default()
        };
        let matching = if filter.search.as_deref().and_then(fts_query).is_some()
            && *filter == search_only
            && *scope == Scope::Every
        {
            "SELECT 1 FROM submissions_text WHERE submissions_text MATCH ?".to_string()
        } else {
            format!("SELECT 1 FROM submissions {clause}")
        };
        let mut counted = values.clone();
        counted.push(Value::Integer(count_limit(cap)));
        let total: i64 = conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM ({matching} LIMIT ?)"))?
            .query_row(params_from_iter(counted.iter()), |r| r.get(0))?;
        let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
        let mut paged = values;
        // One row past the page tells whether an older page follows.
        paged.push(Value::Integer(i64::from(per_page) + 1));
        paged.push(Value::Integer(offset));
        // The page's rows are chosen first, then only their payloads read.
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, received_at, payload, status FROM submissions WHERE rowid IN (
                 SELECT rowid FROM submissions {clause}
                 ORDER BY received_at DESC, rowid DESC LIMIT ? OFFSET ?
             ) ORDER BY received_at DESC, rowid DESC"
        ))?;
        let mut rows = stmt
            .query_map(params_from_iter(paged.iter()), row_item)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let more = cut_to_page(&mut rows, per_page);
        let items = rows
            .into_iter()
            .map(|mut item| {
                item.history = history(&conn, &item.id)?;
                Ok(item)
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Listed::new(items, more, total, cap))
    }

    /// One submission with its history; `None` for an unknown id or one of a venue
    /// outside `scope` (alike: the answer does not tell that it exists).
    pub fn inbox_item(&self, scope: &Scope, id: &str) -> Result<Option<InboxItem>> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::inbox::item(pool, scope.listed(), id)),
        };
        Ok(item(&conn, scope, id)?)
    }

    /// "Show names": written to the history first, then the item; `None` for an
    /// unknown id (or one outside `scope`).
    pub fn show_names(
        &self,
        scope: &Scope,
        id: &str,
        by: &str,
        at: i64,
    ) -> Result<Option<InboxItem>> {
        let mut conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| pg::inbox::show_names(pool, scope.listed(), id, by, at))
            }
        };
        let tx = conn.transaction()?;
        if item(&tx, scope, id)?.is_none() {
            return Ok(None);
        }
        append(&tx, id, &HistoryEntry::names_shown(by, at))?;
        let shown = item(&tx, scope, id)?;
        tx.commit()?;
        Ok(shown)
    }

    /// Sets a complaint's status, with the change and its note in the history, in one
    /// transaction; a submission outside `scope` is [`StatusSet::Unknown`].
    pub fn set_status(
        &self,
        scope: &Scope,
        id: &str,
        to: Status,
        note: Option<&str>,
        by: &str,
        at: i64,
    ) -> Result<StatusSet> {
        let mut conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => {
                return pg::run(|| {
                    pg::inbox::set_status(pool, scope.listed(), id, to, note, by, at)
                })
            }
        };
        let tx = conn.transaction()?;
        let Some(current) = item(&tx, scope, id)? else {
            return Ok(StatusSet::Unknown);
        };
        let Some(from) = current.status else {
            return Ok(StatusSet::NoComplaint);
        };
        tx.prepare_cached("UPDATE submissions SET status = ?2 WHERE id = ?1")?
            .execute(params![id, to.code()])?;
        append(&tx, id, &HistoryEntry::status_set(by, at, from, to, note))?;
        let done = item(&tx, scope, id)?;
        tx.commit()?;
        Ok(done.map_or(StatusSet::Unknown, StatusSet::Done))
    }

    /// The venues and places submissions within `scope` came from, each distinct and
    /// sorted, for the filter menus.
    pub fn inbox_places(&self, scope: &Scope) -> Result<(Vec<String>, Vec<String>)> {
        let conn = match self.backend() {
            Conn::Sqlite(conn) => conn,
            Conn::Postgres(pool) => return pg::run(|| pg::inbox::places(pool, scope.listed())),
        };
        let (within, venues) = scope.and("venue");
        let column = |sql: &str| -> rusqlite::Result<Vec<String>> {
            conn.prepare_cached(sql)?
                .query_map(params_from_iter(venues.iter()), |r| r.get(0))?
                .collect()
        };
        Ok((
            column(&format!(
                "SELECT DISTINCT venue FROM submissions WHERE 1 = 1{within} ORDER BY venue"
            ))?,
            column(&format!(
                "SELECT DISTINCT place FROM submissions WHERE place IS NOT NULL{within} ORDER BY place"
            ))?,
        ))
    }
}

fn row_item(r: &rusqlite::Row<'_>) -> rusqlite::Result<InboxItem> {
    let status: Option<String> = r.get(3)?;
    Ok(InboxItem {
        id: r.get(0)?,
        received_at: r.get(1)?,
        payload: r.get(2)?,
        status: status.as_deref().and_then(Status::from_code),
        history: Vec::new(),
    })
}

fn item(conn: &Connection, scope: &Scope, id: &str) -> rusqlite::Result<Option<InboxItem>> {
    let (within, venues) = scope.and("venue");
    let mut values = vec![Value::Text(id.to_string())];
    values.extend(venues);
    let found = conn
        .prepare_cached(&format!(
            "SELECT id, received_at, payload, status FROM submissions WHERE id = ?{within}"
        ))?
        .query_row(params_from_iter(values.iter()), row_item)
        .optional()?;
    found
        .map(|mut item| {
            item.history = history(conn, id)?;
            Ok(item)
        })
        .transpose()
}

fn history(conn: &Connection, id: &str) -> rusqlite::Result<Vec<HistoryEntry>> {
    let status = |s: Option<String>| s.as_deref().and_then(Status::from_code);
    conn.prepare_cached(
        "SELECT at, manager_email, kind, from_status, to_status, note
         FROM submission_history WHERE submission_id = ?1 ORDER BY id",
    )?
    .query_map([id], |r| {
        let kind: String = r.get(2)?;
        Ok(HistoryEntry {
            at: r.get(0)?,
            by: r.get(1)?,
            change: Change::from_code(&kind),
            from: status(r.get(3)?),
            to: status(r.get(4)?),
            note: r.get(5)?,
        })
    })?
    .collect()
}

fn append(conn: &Connection, id: &str, entry: &HistoryEntry) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO submission_history
             (submission_id, at, manager_email, kind, from_status, to_status, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        entry.at,
        entry.by,
        entry.change.code(),
        entry.from.map(Status::code),
        entry.to.map(Status::code),
        entry.note
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_quoted_anded_and_the_last_is_a_prefix() {
        assert_eq!(
            fts_query("café froid").as_deref(),
            Some("\"café\" \"froid\"*")
        );
        // FTS syntax typed by a guest's reader is only words.
        assert_eq!(
            fts_query("\"NEAR(a b)\" OR -x*").as_deref(),
            Some("\"NEAR\" \"a\" \"b\" \"OR\" \"x\"*")
        );
        assert_eq!(fts_query("  ,;!  "), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn the_search_stays_right_after_a_delete_and_a_vacuum() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.sqlite")).unwrap();
        let insert = |i: usize, text: &str| {
            let id = i.to_string();
            let payload = serde_json::json!({ "complaint": { "text": text } }).to_string();
            store
                .insert(&super::super::Row {
                    id: &id,
                    received_at: &format!("2026-11-0{i}T00:00:00.000Z"),
                    venue: "v",
                    place: None,
                    language: "fr",
                    payload: &payload,
                })
                .unwrap();
        };
        for (i, text) in ["café froid", "café renversé", "pain rassis", "Café brûlant"]
            .iter()
            .enumerate()
        {
            insert(i + 1, text);
        }
        // Rows going (a retention rule, by hand) take their words with them; VACUUM
        // keeps the other rows' rowids, which the index is keyed by.
        store
            .conn()
            .execute_batch("DELETE FROM submissions WHERE id = '2'; VACUUM;")
            .unwrap();
        insert(5, "un café noir");
        let search = |q: &str| {
            let filter = Filter {
                search: Some(q.into()),
                ..Filter::default()
            };
            let listed = store
                .inbox_list(&Scope::Every, &filter, 1, 50, u64::MAX)
                .unwrap();
            let ids: Vec<String> = listed.items.into_iter().map(|i| i.id).collect();
            (ids, listed.total)
        };
        assert_eq!(
            search("cafe"),
            (vec!["5".into(), "4".into(), "1".into()], 3)
        );
        assert_eq!(search("rassis"), (vec!["3".into()], 1));
        assert_eq!(search("renverse"), (vec![], 0));
    }

    #[test]
    fn statuses_read_back() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
        assert_eq!(Status::from_code("done"), None);
    }

    #[test]
    fn what_the_inbox_reads_from_a_payload() {
        let full = Indexed::of(
            r#"{"praise":{"text":"Merci"},"complaint":{"text":"Froid"},
                "guidance":{"names_mentioned":["Amy"],"heated":true}}"#,
        );
        assert_eq!(full.status, Some(Status::Unverified));
        assert!(full.names_staff && full.heated);
        assert_eq!(full.complaint.as_deref(), Some("Froid"));
        let praise_only = Indexed::of(
            r#"{"praise":{"text":"Merci Amy"},"complaint":null,
                "guidance":{"names_mentioned":["Amy"],"heated":false}}"#,
        );
        assert_eq!(praise_only.status, None);
        assert!(!praise_only.names_staff && !praise_only.heated);
        assert!(Indexed::of("not json").status.is_none());
    }
}
