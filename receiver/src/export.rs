//! Exports of stored submissions: JSON (exact) and CSV (for spreadsheets), written row
//! by row as the store reads them, so an export of any size takes the memory of one
//! batch of rows.

use evenhand_core::submission::{Field, Payload};
use serde_json::Value;

use crate::store::{Store, Stored};

/// The two exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `[{"received_at": …, "payload": {…}}, …]` in arrival order, the exact words.
    Json,
    /// RFC 4180 with a header row and CRLF line ends, after a UTF-8 byte-order mark.
    Csv,
}

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

/// Opens the CSV so spreadsheet programs (Excel above all) read it as UTF-8 and show
/// accented guest text correctly; most CSV readers skip it (Python: `utf-8-sig`).
pub const UTF8_BOM: char = '\u{feff}';

/// Writes every stored row in `format` through `sink`, in pieces of at least
/// `chunk_bytes` (the last one shorter), and stops early when `sink` returns false (the
/// client went away). Returns whether the export was written to its end.
pub fn write(
    store: &Store,
    format: Format,
    chunk_bytes: usize,
    mut sink: impl FnMut(String) -> bool,
) -> crate::store::Result<bool> {
    let mut writer = Writer::new(format);
    let mut buf = writer.start();
    let mut open = true;
    store.for_each(|row| {
        writer.row(&row, &mut buf);
        if buf.len() >= chunk_bytes {
            open = sink(std::mem::take(&mut buf));
        }
        open
    })?;
    if open {
        writer.finish(&mut buf);
        open = sink(buf);
    }
    Ok(open)
}

/// One export, written a row at a time: [`Writer::start`], [`Writer::row`] for each
/// row in arrival order, then [`Writer::finish`].
pub struct Writer {
    format: Format,
    rows: usize,
}

impl Writer {
    pub fn new(format: Format) -> Writer {
        Writer { format, rows: 0 }
    }

    /// The export's opening: `[`, or the byte-order mark and the CSV header.
    pub fn start(&self) -> String {
        match self.format {
            Format::Json => String::from("["),
            Format::Csv => {
                let mut out = String::from(UTF8_BOM);
                push_csv_row(&mut out, csv_columns().into_iter().map(String::from));
                out
            }
        }
    }

    /// Appends one stored row to `out`.
    pub fn row(&mut self, s: &Stored, out: &mut String) {
        match self.format {
            Format::Json => {
                if self.rows > 0 {
                    out.push(',');
                }
                let item = serde_json::json!({ "received_at": s.received_at, "payload": payload_value(s) });
                out.push_str(&item.to_string());
            }
            Format::Csv => push_csv_row(out, csv_cells(s).into_iter()),
        }
        self.rows += 1;
    }

    /// Appends the export's end to `out`.
    pub fn finish(&self, out: &mut String) {
        if self.format == Format::Json {
            out.push(']');
        }
    }
}

/// The whole export of `rows` as one text (tests and small exports).
pub fn to_string(format: Format, rows: &[Stored]) -> String {
    let mut writer = Writer::new(format);
    let mut out = writer.start();
    for row in rows {
        writer.row(row, &mut out);
    }
    writer.finish(&mut out);
    out
}

fn payload_value(s: &Stored) -> Value {
    // Rows are written from a validated payload; a row that no longer parses is still
    // exported, as text, rather than hidden.
    serde_json::from_str(&s.payload).unwrap_or_else(|_| Value::String(s.payload.clone()))
}

/// The cells of one stored row, in column order.
fn csv_cells(s: &Stored) -> Vec<String> {
    match serde_json::from_str::<Payload>(&s.payload) {
        Ok(p) => [p.id.clone(), s.received_at.clone()]
            .into_iter()
            .chain(csv_fields().map(|f| cell(&p, f)))
            .collect(),
        // Rows are written from a validated payload; one that no longer reads is still
        // listed by id (the JSON export has its exact text), not hidden.
        Err(_) => {
            let id = payload_value(s)
                .get("id")
                .and_then(Value::as_str)
                .map(String::from)
                .unwrap_or_default();
            let mut cells = vec![id, s.received_at.clone()];
            cells.resize(csv_columns().len(), String::new());
            cells
        }
    }
}

fn cell(p: &Payload, field: Field) -> String {
    match field {
        Field::NamesMentioned => p.guidance.names_mentioned.join(", "),
        Field::PraiseStaffNamed => p.praise.staff_named.join(", "),
        _ => field.text(p),
    }
}

/// What a spreadsheet shows of a cell: control characters other than tab and line
/// breaks (NUL, escape, C1) and the bidirectional embedding, override and isolate
/// characters (which make `exe.txt` read as `txt.exe`) are dropped; then text that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'`, the usual defence against CSV injection. No
/// stored value other than guest text starts with those, so every cell goes through
/// it. The JSON export keeps the exact words.
fn csv_cell(raw: &str) -> String {
    let clean: String = raw.chars().filter(|&c| !is_hidden_control(c)).collect();
    if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{clean}")
    } else {
        clean
    }
}

fn is_hidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_csv_row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, raw) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = csv_cell(&raw);
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

    fn stored(payload: &Value) -> Stored {
        Stored {
            received_at: "r".into(),
            payload: payload.to_string(),
        }
    }

    fn sample() -> Value {
        serde_json::json!({
            "schema": "evenhand.feedback/1", "verified": false,
            "id": "x", "created_at": "c", "venue": "v", "place": null, "mode": "kiosk",
            "language": "fr",
            "praise": { "text": "Bon, \"très\"\nbon", "declined": false, "staff_named": ["Léa", "Tom"] },
            "complaint": { "text": "=HYPERLINK(\"x\")" },
            "ratings": { "food": 4 }, "contact": null,
            "guidance": { "names_mentioned": ["Amy", "Jean-Marc"], "heated": true, "edited_after_guidance": false }
        })
    }

    #[test]
    fn csv_quotes_and_defuses() {
        let rows = [stored(&sample())];
        let csv = to_string(Format::Csv, &rows);
        let csv = csv
            .strip_prefix(UTF8_BOM)
            .expect("a UTF-8 byte-order mark first");
        let mut lines = csv.split("\r\n");
        assert_eq!(
            lines.next().unwrap(),
            "id,received_at,created_at,venue,place,mode,language,praise,praise_declined,praise_staff_named,complaint,ratings,email,names_mentioned,heated,edited_after_guidance"
        );
        assert_eq!(
            lines.next().unwrap(),
            "x,r,c,v,,kiosk,fr,\"Bon, \"\"très\"\"\nbon\",false,\"Léa, Tom\",\"'=HYPERLINK(\"\"x\"\")\",\"{\"\"food\"\":4}\",,\"Amy, Jean-Marc\",true,false"
        );
        let json: Value = serde_json::from_str(&to_string(Format::Json, &rows)).unwrap();
        assert_eq!(json[0]["payload"]["complaint"]["text"], "=HYPERLINK(\"x\")");
        assert_eq!(json[0]["received_at"], "r");
    }

    #[test]
    fn csv_drops_control_and_bidi_override_characters() {
        let mut p = sample();
        p["praise"]["text"] = Value::from("ok\u{0}\u{1b}[31m\u{85}fine\tand\nmore");
        // U+202E would show "exe.txt" for "txt.exe"; a formula behind it is defused.
        p["complaint"]["text"] = Value::from("\u{202e}=1+1 \u{2066}x\u{2069}\u{202a}y\u{202c}");
        p["venue"] = Value::from("v\u{7f}\u{9b}");
        let rows = [stored(&p)];
        let csv = to_string(Format::Csv, &rows);
        let row = csv.split("\r\n").nth(1).unwrap();
        assert!(
            row.starts_with(
                "x,r,c,v,,kiosk,fr,\"ok[31mfine\tand\nmore\",false,\"Léa, Tom\",'=1+1 xy,"
            ),
            "{row:?}"
        );
        assert!(!csv.contains(['\u{0}', '\u{202e}', '\u{2066}', '\u{7f}']));
        // The JSON export keeps the exact words.
        let json: Value = serde_json::from_str(&to_string(Format::Json, &rows)).unwrap();
        assert_eq!(json[0]["payload"], p);
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
        let csv = to_string(Format::Csv, &rows);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        let empty = ",".repeat(14);
        assert_eq!(
            lines[1..],
            [
                format!("abc,r1{empty}"),
                format!(",r2{empty}"),
                String::new()
            ]
        );
        let json: Value = serde_json::from_str(&to_string(Format::Json, &rows)).unwrap();
        assert_eq!(json[0]["payload"]["schema"], "evenhand.feedback/9");
        assert_eq!(json[1]["payload"], "not json");
        assert_eq!(to_string(Format::Json, &[]), "[]");
    }

    #[test]
    fn written_in_pieces_the_export_is_the_same_text() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.sqlite")).unwrap();
        let mut rows = Vec::new();
        for i in 0..250 {
            let mut p = sample();
            let id = format!("id-{i:03}");
            p["id"] = Value::from(id.clone());
            let json = p.to_string();
            store
                .insert(&crate::store::Row {
                    id: &id,
                    received_at: "r",
                    venue: "v",
                    place: None,
                    language: "fr",
                    payload: &json,
                })
                .unwrap();
            rows.push(stored(&p));
        }
        for format in [Format::Json, Format::Csv] {
            let mut pieces = Vec::new();
            let done = write(&store, format, 4096, |piece| {
                pieces.push(piece);
                true
            })
            .unwrap();
            assert!(done);
            assert!(pieces.len() > 5, "{format:?}: {} pieces", pieces.len());
            assert_eq!(pieces.concat(), to_string(format, &rows), "{format:?}");
            // A client that goes away stops the reading.
            let mut calls = 0;
            let done = write(&store, format, 4096, |_| {
                calls += 1;
                false
            })
            .unwrap();
            assert!(!done);
            assert_eq!(calls, 1);
        }
    }
}
