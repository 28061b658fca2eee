//! The SPEC §4 example payload, for the tests of this module.

use serde_json::{json, Value};

pub const ID: &str = "6f1c2e0a-3b7d-4f6e-9a51-0c2d8e7f4a10";

pub fn sample() -> Value {
    json!({
        "schema": "evenhand.feedback/1",
        "id": ID,
        "created_at": "2026-11-24T19:30:05.120Z",
        "venue": "bistro-lyon-1",
        "place": "table-12",
        "mode": "kiosk",
        "language": "fr",
        "praise": { "text": "Service rapide et souriant, merci Amy.", "declined": false, "staff_named": ["Amy"] },
        "complaint": { "text": "Vingt minutes d'attente pour l'addition." },
        "ratings": { "service": 4, "waiting": 2 },
        "contact": { "email": "guest@example.org", "consent": true },
        "guidance": { "names_mentioned": ["Amy"], "heated": false, "edited_after_guidance": true },
        "verified": false
    })
}
