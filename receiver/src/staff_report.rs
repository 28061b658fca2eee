//! The employee's right of access (SPEC §13): every submission that names a person, in
//! praise or complaint, with its status and history. Names are found by the core's
//! matcher, as the kiosk finds them (any case, without accents, possessive, compound
//! forms); guests' contacts and other staff members' names are redacted.

use std::collections::BTreeMap;

use evenhand_core::guidance::{Checker, Field};
use evenhand_core::i18n::fill;
use evenhand_core::i18n::privacy::{report as report_copy, ReportCopy};
use evenhand_core::lang::Lang;
use evenhand_core::masking::mask_names;
use evenhand_core::time::rfc3339_millis;
use serde::Serialize;
use serde_json::Value;

use crate::store::inbox::InboxItem;
use crate::store::{Scope, Store};

/// What replaces a guest's email.
pub const REDACTED: &str = "[redacted]";

#[derive(Debug, Serialize)]
pub struct Report {
    /// The name asked for, as given.
    pub name: String,
    pub generated_at: String,
    pub count: usize,
    pub submissions: Vec<Entry>,
}

#[derive(Debug, Serialize)]
pub struct Entry {
    pub id: String,
    pub received_at: String,
    pub venue: String,
    pub place: Option<String>,
    pub language: String,
    /// `praise`, `complaint`, or both: where the person is named.
    pub named_in: Vec<&'static str>,
    /// The guest's words with other staff names redacted; `None` without that text.
    pub praise: Option<String>,
    pub complaint: Option<String>,
    pub ratings: BTreeMap<String, Value>,
    /// [`REDACTED`] when the guest left a contact.
    pub contact: Option<&'static str>,
    /// `unverified`, `verified`, `not_confirmed`, `resolved`; `None` without a complaint.
    pub status: Option<&'static str>,
    pub history: Vec<HistoryLine>,
}

#[derive(Debug, Serialize)]
pub struct HistoryLine {
    pub at: String,
    pub by: String,
    pub kind: &'static str,
    pub from: Option<&'static str>,
    pub to: Option<&'static str>,
    pub note: Option<String>,
}

/// A submission as read for the report.
struct Read {
    received_at: String,
    payload: Value,
    praise: Option<String>,
    complaint: Option<String>,
    named_in: Vec<&'static str>,
}

/// The report on `name` at `now_ms`. A name nobody wrote gives an empty report.
pub fn build(store: &Store, name: &str, now_ms: i64) -> crate::store::Result<Report> {
    let person = Checker::new(&[name.to_string()]);
    let names_person = |field: Field, text: &str| !person.check(field, text).names.is_empty();
    // Every staff name the kiosks noted, to redact those that are not the person's.
    let mut seen_names: Vec<String> = Vec::new();
    let mut found: Vec<Read> = Vec::new();
    store.for_each(|stored| {
        let Ok(payload) = serde_json::from_str::<Value>(&stored.payload) else {
            return true;
        };
        let text = |field: &str| {
            payload
                .pointer(&format!("/{field}/text"))
                .and_then(Value::as_str)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        let listed = |pointer: &str| -> Vec<String> {
            payload
                .pointer(pointer)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        let staff_named = listed("/praise/staff_named");
        let names_mentioned = listed("/guidance/names_mentioned");
        for n in staff_named.iter().chain(&names_mentioned) {
            if !seen_names.iter().any(|s| s.eq_ignore_ascii_case(n)) {
                seen_names.push(n.clone());
            }
        }
        let (praise, complaint) = (text("praise"), text("complaint"));
        let mut named_in = Vec::new();
        if praise
            .as_deref()
            .is_some_and(|t| names_person(Field::Praise, t))
            || staff_named.iter().any(|n| names_person(Field::Praise, n))
        {
            named_in.push("praise");
        }
        if complaint
            .as_deref()
            .is_some_and(|t| names_person(Field::Complaint, t))
            || names_mentioned
                .iter()
                .any(|n| names_person(Field::Complaint, n))
        {
            named_in.push("complaint");
        }
        if !named_in.is_empty() {
            found.push(Read {
                received_at: stored.received_at,
                payload,
                praise,
                complaint,
                named_in,
            });
        }
        true
    })?;
    // A listed name the matcher takes for the person (`Jean-Marc` for `jean marc`) is
    // the person.
    let others: Vec<String> = seen_names
        .into_iter()
        .filter(|n| !names_person(Field::Complaint, n))
        .collect();
    let mut submissions = Vec::with_capacity(found.len());
    for read in found {
        let id = str_at(&read.payload, "/id");
        // The command line reads every venue (its operator has the database).
        let item = store.inbox_item(&Scope::Every, &id)?;
        submissions.push(entry(read, id, item.as_ref(), &others));
    }
    Ok(Report {
        name: name.to_string(),
        generated_at: rfc3339_millis(now_ms),
        count: submissions.len(),
        submissions,
    })
}

fn str_at(payload: &Value, pointer: &str) -> String {
    payload
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn entry(read: Read, id: String, item: Option<&InboxItem>, others: &[String]) -> Entry {
    let p = &read.payload;
    let redact = |text: &str| mask_names(text, others);
    let ratings = p
        .get("ratings")
        .and_then(Value::as_object)
        .map(|r| r.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    Entry {
        received_at: read.received_at,
        venue: str_at(p, "/venue"),
        place: p.get("place").and_then(Value::as_str).map(str::to_string),
        language: str_at(p, "/language"),
        named_in: read.named_in,
        praise: read.praise.as_deref().map(redact),
        complaint: read.complaint.as_deref().map(redact),
        ratings,
        contact: p
            .get("contact")
            .is_some_and(Value::is_object)
            .then_some(REDACTED),
        status: item.and_then(|i| i.status).map(|s| s.code()),
        history: item
            .map(|i| {
                i.history
                    .iter()
                    .map(|h| HistoryLine {
                        at: rfc3339_millis(h.at),
                        by: h.by.clone(),
                        kind: h.change.code(),
                        from: h.from.map(|s| s.code()),
                        to: h.to.map(|s| s.code()),
                        note: h.note.as_deref().map(redact),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        id,
    }
}

/// The report as a page in `lang`; every guest's and manager's word escaped.
pub fn html(report: &Report, lang: Lang) -> String {
    let c = report_copy(lang);
    let esc = |s: &str| html_escape::encode_text(s).into_owned();
    let title = esc(&fill(c.title, "", &report.name));
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>{title}</h1>\n<p>{}</p>\n<p><small>{}</small></p>\n",
        lang.code(),
        esc(c.intro),
        esc(&report.generated_at),
    );
    if report.submissions.is_empty() {
        out.push_str(&format!("<p><strong>{}</strong></p>\n", esc(c.none)));
    } else {
        out.push_str(&format!(
            "<p><strong>{}</strong></p>\n",
            esc(&fill(c.count, report.count, ""))
        ));
    }
    for e in &report.submissions {
        out.push_str(&entry_html(e, c, &esc));
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn entry_html(e: &Entry, c: &ReportCopy, esc: &dyn Fn(&str) -> String) -> String {
    let mut out = format!(
        "<article>\n<h2>{} {}</h2>\n<dl>\n",
        esc(c.received),
        esc(&readable_time(&e.received_at))
    );
    let mut row = |term: &str, value: &str| {
        out.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", esc(term), esc(value)));
    };
    if let Some(place) = &e.place {
        row(c.place, place);
    }
    row(c.status, e.status.map_or(c.no_status, |s| c.status(s)));
    if !e.ratings.is_empty() {
        let ratings: Vec<String> = e
            .ratings
            .iter()
            .map(|(topic, v)| format!("{topic} {v}/5"))
            .collect();
        row(c.ratings, &ratings.join(", "));
    }
    out.push_str("</dl>\n");
    for (heading, text) in [(c.praise, &e.praise), (c.complaint, &e.complaint)] {
        let Some(text) = text else { continue };
        out.push_str(&format!(
            "<h3>{}</h3>\n<p class=\"text\">{}</p>\n",
            esc(heading),
            esc(text)
        ));
    }
    if !e.history.is_empty() {
        out.push_str(&format!("<h3>{}</h3>\n<ol>\n", esc(c.history)));
        for h in &e.history {
            let what = match (h.kind, h.from, h.to) {
                ("names_shown", _, _) => c.names_shown.to_string(),
                (_, from, Some(to)) => format!(
                    "{} → {}",
                    from.map_or(c.no_status, |s| c.status(s)),
                    c.status(to)
                ),
                (kind, _, None) => kind.to_string(),
            };
            let note = h
                .note
                .as_deref()
                .map(|n| format!(" — {}", esc(n)))
                .unwrap_or_default();
            out.push_str(&format!(
                "<li>{} ({}): {}{note}</li>\n",
                esc(&readable_time(&h.at)),
                esc(&h.by),
                esc(&what)
            ));
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</article>\n");
    out
}

/// `2026-11-27T16:00:05.120Z` as `2026-11-27 16:00 UTC`.
fn readable_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => rfc3339.to_string(),
    }
}

const STYLE: &str = "body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a}\
main{max-width:44rem;margin:0 auto;padding:1.5rem}\
article{border-top:1px solid #ccc;padding:.5rem 0 1rem}\
dt{font-weight:600;float:left;clear:left;margin-right:.5rem}dd{margin:0}\
.text{white-space:pre-wrap}";
