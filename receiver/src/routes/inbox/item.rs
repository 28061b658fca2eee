//! A submission as the inbox API answers it: the payload, its status and history, and
//! the complaint's staff names masked unless a manager asked to see them (SPEC §10).
//! Masking happens here, on the server, so a masked name never reaches the browser.

use evenhand_core::masking::{mask_names, STAFF_MEMBER};
use evenhand_core::time::rfc3339_millis;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::store::inbox::{HistoryEntry, InboxItem, Status};

/// Whether the answer shows the staff names of the complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    Masked,
    Shown,
}

/// The API's `Item`.
pub fn to_json(item: &InboxItem, names: Names) -> Result<Value, ApiError> {
    let mut payload: Value = serde_json::from_str(&item.payload).map_err(|e| {
        ApiError::ReadFailed(format!("the submission {} is not JSON: {e}", item.id))
    })?;
    if names == Names::Masked {
        mask(&mut payload);
    }
    Ok(json!({
        "id": item.id,
        "received_at": item.received_at,
        "payload": payload,
        "status": item.status.map(Status::code),
        "history": item.history.iter().map(entry).collect::<Vec<_>>(),
        "names_masked": names == Names::Masked,
    }))
}

/// Each name of `guidance.names_mentioned` out of the complaint's text, and the list
/// itself one "[staff member]" per name. Praise and `praise.staff_named` stay: praise
/// reaches the people it names.
fn mask(payload: &mut Value) {
    let names: Vec<String> = payload
        .pointer("/guidance/names_mentioned")
        .and_then(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if names.is_empty() {
        return;
    }
    if let Some(text) = payload.pointer_mut("/complaint/text") {
        if let Some(masked) = text.as_str().map(|t| mask_names(t, &names)) {
            *text = Value::String(masked);
        }
    }
    if let Some(list) = payload.pointer_mut("/guidance/names_mentioned") {
        *list = json!(vec![STAFF_MEMBER; names.len()]);
    }
}

fn entry(e: &HistoryEntry) -> Value {
    json!({
        "at": rfc3339_millis(e.at),
        "by": e.by,
        "kind": e.change.code(),
        "from": e.from.map(Status::code),
        "to": e.to.map(Status::code),
        "note": e.note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_complaint_and_its_list_never_the_praise() {
        let mut p = json!({
            "praise": { "text": "Merci Amy", "declined": false, "staff_named": ["Amy"] },
            "complaint": { "text": "Amy's tone, and Jean Marc" },
            "guidance": { "names_mentioned": ["Amy", "Jean-Marc"], "heated": false }
        });
        mask(&mut p);
        assert_eq!(
            p["complaint"]["text"],
            "[staff member]'s tone, and [staff member]"
        );
        assert_eq!(
            p["guidance"]["names_mentioned"],
            json!(["[staff member]", "[staff member]"])
        );
        assert_eq!(p["praise"]["text"], "Merci Amy");
        assert_eq!(p["praise"]["staff_named"], json!(["Amy"]));
    }

    #[test]
    fn nothing_to_mask_leaves_the_payload_alone() {
        let before = json!({
            "praise": { "text": "Amy", "declined": false },
            "complaint": null,
            "guidance": { "names_mentioned": [], "heated": false }
        });
        let mut p = before.clone();
        mask(&mut p);
        assert_eq!(p, before);
    }
}
