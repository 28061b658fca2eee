//! For `bench/inbox`: writes N varied submissions (default 100,000) into a new database
//! laid out as the receiver before the inbox left it (the bare `submissions` table), in
//! one transaction. The receiver's first open then upgrades it in place (migrations,
//! the inbox's columns and search index backfilled), which the bench times too.
//!
//! `cargo run --release -p evenhand-receiver --example inbox_fill -- DB [N]`

use std::process::ExitCode;

use rusqlite::{params, Connection};
use serde_json::json;

const VENUES: [&str; 3] = ["bistro-lyon-1", "bistro-lyon-2", "cafe-gare"];
const PRAISE: [&str; 8] = [
    "Service rapide et souriant",
    "Le café était parfait",
    "Great coffee and a warm welcome",
    "Crème brûlée délicieuse",
    "Lovely terrace, quick service",
    "Très bon accueil, merci",
    "The bread was fresh and the staff kind",
    "Ambiance agréable, on reviendra",
];
const COMPLAINT: [&str; 8] = [
    "Vingt minutes d'attente pour l'addition",
    "The soup was cold",
    "Table collante et café tiède",
    "We waited a long time for the menu",
    "Musique trop forte en terrasse",
    "My order was wrong twice",
    "Pas de serviettes, verre ébréché",
    "The toilets were not clean",
];
const NAMES: [&str; 5] = ["Amy", "Jean-Marc", "Léa", "Tom", "Zoé"];

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(db) = args.next() else {
        eprintln!("usage: inbox_fill DB [N]");
        return ExitCode::FAILURE;
    };
    let n: u64 = match args.next().map(|a| a.parse()) {
        None => 100_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("error: N must be a number: {e}");
            return ExitCode::FAILURE;
        }
    };
    match fill(&db, n) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn fill(db: &str, n: u64) -> rusqlite::Result<()> {
    let mut conn = Connection::open(db)?;
    conn.execute_batch(include_str!("../src/store/migrations/0001_submissions.sql"))?;
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO submissions (id, received_at, venue, place, language, payload)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        // A year of submissions, the newest now-ish, about every five minutes.
        let newest_ms: i64 = 1_795_773_600_000;
        for i in 0..n {
            let r = mix(i);
            let received_ms = newest_ms - (n - i) as i64 * 315_000;
            let received_at = evenhand_core::time::rfc3339_millis(received_ms);
            let id = format!(
                "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                r as u32,
                (r >> 32) as u16,
                (r >> 48) & 0xfff,
                i & 0xfff,
                i
            );
            let venue = VENUES[(r % 3) as usize];
            let place = format!("table-{}", (r >> 8) % 40);
            let language = if r % 5 < 3 { "fr" } else { "en" };
            let has_complaint = (r >> 16) % 10 < 6;
            let named: Vec<&str> = if has_complaint && (r >> 20) % 10 == 0 {
                vec![NAMES[((r >> 24) % 5) as usize]]
            } else {
                vec![]
            };
            let complaint = has_complaint.then(|| {
                let mut text = format!("{} ({i}).", COMPLAINT[((r >> 28) % 8) as usize]);
                if let Some(name) = named.first() {
                    text.push_str(&format!(" {name} ne nous a pas écoutés."));
                }
                json!({ "text": text })
            });
            let payload = json!({
                "schema": "evenhand.feedback/1",
                "id": id,
                "created_at": received_at,
                "venue": venue,
                "place": place,
                "mode": "kiosk",
                "language": language,
                "praise": { "text": format!("{} ({i}).", PRAISE[((r >> 32) % 8) as usize]),
                            "declined": false, "staff_named": [] },
                "complaint": complaint,
                "ratings": { "service": 1 + (r >> 36) % 5, "waiting": 1 + (r >> 40) % 5 },
                "contact": null,
                "guidance": { "names_mentioned": named, "heated": (r >> 44) % 20 == 0,
                              "edited_after_guidance": false },
                "verified": false
            });
            insert.execute(params![
                id,
                received_at,
                venue,
                place,
                language,
                payload.to_string()
            ])?;
        }
    }
    tx.commit()
}

/// A well-mixed 64-bit number from `i` (splitmix64): varied rows, the same every run.
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
