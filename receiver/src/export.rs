//! Exports of stored submissions: JSON (exact) and CSV (for spreadsheets).

use evenhand_core::submission::{Field, Payload};
use serde_json::Value;

use crate::store::Stored;

/// The fields of the form format that are not CSV columns: the schema is always the
/// same, `id` comes first, an email is only ever sent with consent, and `verified` is
/// always false.
const NOT_IN_CSV: [Field; 4] = [
    Field::Schema,
    Field::Id,
    Field::ContactConsent,
    Field::Verified,
];

/// The CSV columns after `id` and `received_at`: the payload's flat fields, in the
/// order of the form format.
fn csv_fields() -> impl Iterator<Item = Field> {
    Field::ALL.into_iter().filter(|f| !NOT_IN_CSV.contains(f))
}

/// The CSV header, in column order.
pub fn csv_columns() -> Vec<&'static str> {
    ["id", "received_at"]
        .into_iter()
        .chain(csv_fields().map(Field::name))
        .collect()
}

fn payload_value(s: &Stored) -> Value {
    // Rows are written from a validated payload; a row that no longer parses is still
    // exported, as text, rather than hidden.
    serde_json::from_str(&s.payload).unwrap_or_else(|_| Value::String(s.payload.clone()))
}

/// `[{"received_at": …, "payload": {…}}, …]` in arrival order.
pub fn to_json(rows: &[Stored]) -> String {
    let items: Vec<Value> = rows
        .iter()
        .map(|s| serde_json::json!({ "received_at": s.received_at, "payload": payload_value(s) }))
        .collect();
    Value::Array(items).to_string()
}

/// Opens the CSV so spreadsheet programs (Excel above all) read it as UTF-8 and show
/// accented guest text correctly; most CSV readers skip it (Python: `utf-8-sig`).
pub const UTF8_BOM: char = '\u{feff}';

/// RFC 4180 CSV with a header row and CRLF line ends, one row per submission, after a
/// UTF-8 byte-order mark ([`UTF8_BOM`]).
///
/// Guest text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, the usual defence against CSV
/// injection; the JSON export keeps the exact words.
pub fn to_csv(rows: &[Stored]) -> String {
    let mut out = String::from(UTF8_BOM);
    let columns = csv_columns();
    let width = columns.len();
    push_row(&mut out, columns.into_iter().map(String::from));
    for s in rows {
        let cells = match serde_json::from_str::<Payload>(&s.payload) {
            Ok(p) => [p.id.clone(), s.received_at.clone()]
                .into_iter()
                .chain(csv_fields().map(|f| cell(&p, f)))
                .collect(),
            // Rows are written from a validated payload; one that no longer reads is
            // still listed by id (the JSON export has its exact text), not hidden.
            Err(_) => {
                let id = payload_value(s)
                    .get("id")
                    .and_then(Value::as_str)
                    .map(String::from)
                    .unwrap_or_default();
                let mut cells = vec![id, s.received_at.clone()];
                cells.resize(width, String::new());
                cells
            }
        };
        push_row(&mut out, cells.into_iter());
    }
    out
}

fn cell(p: &Payload, field: Field) -> String {
    match field {
        Field::NamesMentioned => defuse(p.guidance.names_mentioned.join(", ")),
        Field::Venue | Field::Place | Field::Praise | Field::Complaint | Field::Email => {
            defuse(field.text(p))
        }
        _ => field.text(p),
    }
}

fn defuse(s: String) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses() {
        let payload = serde_json::json!({
            "schema": "evenhand.feedback/1", "verified": false,
            "id": "x", "created_at": "c", "venue": "v", "place": null, "mode": "kiosk",
            "language": "fr",
            "praise": { "text": "Bon, \"très\"\nbon", "declined": false },
            "complaint": { "text": "=HYPERLINK(\"x\")" },
            "ratings": { "food": 4 }, "contact": null,
            "guidance": { "names_mentioned": ["Amy", "Jean-Marc"], "heated": true, "edited_after_guidance": false }
        });
        let rows = [Stored {
            received_at: "r".into(),
            payload: payload.to_string(),
        }];
        let csv = to_csv(&rows);
        let csv = csv
            .strip_prefix(UTF8_BOM)
            .expect("a UTF-8 byte-order mark first");
        let mut lines = csv.split("\r\n");
        assert_eq!(
            lines.next().unwrap(),
            "id,received_at,created_at,venue,place,mode,language,praise,praise_declined,complaint,ratings,email,names_mentioned,heated,edited_after_guidance"
        );
        assert_eq!(
            lines.next().unwrap(),
            "x,r,c,v,,kiosk,fr,\"Bon, \"\"très\"\"\nbon\",false,\"'=HYPERLINK(\"\"x\"\")\",\"{\"\"food\"\":4}\",,\"Amy, Jean-Marc\",true,false"
        );
        let json: Value = serde_json::from_str(&to_json(&rows)).unwrap();
        assert_eq!(json[0]["payload"]["complaint"]["text"], "=HYPERLINK(\"x\")");
        assert_eq!(json[0]["received_at"], "r");
    }

    #[test]
    fn a_row_that_no_longer_reads_is_listed_by_id() {
        let rows = [
            Stored {
                received_at: "r1".into(),
                payload: r#"{"id":"abc","schema":"evenhand.feedback/9"}"#.into(),
            },
            Stored {
                received_at: "r2".into(),
                payload: "not json".into(),
            },
        ];
        let csv = to_csv(&rows);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        let empty = ",".repeat(13);
        assert_eq!(
            lines[1..],
            [
                format!("abc,r1{empty}"),
                format!(",r2{empty}"),
                String::new()
            ]
        );
        let json: Value = serde_json::from_str(&to_json(&rows)).unwrap();
        assert_eq!(json[0]["payload"]["schema"], "evenhand.feedback/9");
        assert_eq!(json[1]["payload"], "not json");
    }
}
