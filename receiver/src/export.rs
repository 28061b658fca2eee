//! Exports of stored submissions: JSON (exact) and CSV (for spreadsheets).

use serde_json::Value;

use crate::store::Stored;

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 15] = [
    "id",
    "received_at",
    "created_at",
    "venue",
    "place",
    "mode",
    "language",
    "praise",
    "praise_declined",
    "complaint",
    "ratings",
    "email",
    "names_mentioned",
    "heated",
    "edited_after_guidance",
];

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
    push_row(&mut out, CSV_COLUMNS.iter().map(|c| c.to_string()));
    for s in rows {
        let p = payload_value(s);
        let text = |ptr: &str| match p.pointer(ptr) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        let guest = |ptr: &str| defuse(text(ptr));
        let names = match p.pointer("/guidance/names_mentioned") {
            Some(Value::Array(a)) => a
                .iter()
                .map(|n| n.as_str().map_or_else(|| n.to_string(), String::from))
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        };
        let ratings = match p.get("ratings") {
            Some(r @ Value::Object(_)) => r.to_string(),
            _ => "{}".to_string(),
        };
        push_row(
            &mut out,
            [
                text("/id"),
                s.received_at.clone(),
                text("/created_at"),
                guest("/venue"),
                guest("/place"),
                text("/mode"),
                text("/language"),
                guest("/praise/text"),
                text("/praise/declined"),
                guest("/complaint/text"),
                ratings,
                guest("/contact/email"),
                defuse(names),
                text("/guidance/heated"),
                text("/guidance/edited_after_guidance"),
            ]
            .into_iter(),
        );
    }
    out
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
        assert_eq!(lines.next().unwrap(), CSV_COLUMNS.join(","));
        assert_eq!(
            lines.next().unwrap(),
            "x,r,c,v,,kiosk,fr,\"Bon, \"\"très\"\"\nbon\",false,\"'=HYPERLINK(\"\"x\"\")\",\"{\"\"food\"\":4}\",,\"Amy, Jean-Marc\",true,false"
        );
        let json: Value = serde_json::from_str(&to_json(&rows)).unwrap();
        assert_eq!(json[0]["payload"]["complaint"]["text"], "=HYPERLINK(\"x\")");
        assert_eq!(json[0]["received_at"], "r");
    }
}
