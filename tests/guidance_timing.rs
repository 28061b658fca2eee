//! Times guidance on a 4,000-character text in the browser (SPEC §9: ≤ 2 ms).
//! Run by `bench/guidance` (release build); as a test it only checks the text is flagged.

use evenhand_core::guidance::{Checker, CORPUS_STAFF};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sample_4000() -> String {
    let parts = [
        "The soup was cold and Amy forgot our drinks twice. ",
        "L'attente était trop longue, vingt minutes pour l'addition. ",
        "Jean-Marc was lovely though, very patient with the kids! ",
        "Le serveur était un peu stupide avec nous. ",
        "We will come back for the terrace and the desserts. ",
    ];
    let mut text = String::new();
    for part in parts.iter().cycle() {
        if text.chars().count() + part.chars().count() > 4000 {
            break;
        }
        text.push_str(part);
    }
    text
}

#[wasm_bindgen_test]
fn guidance_on_4000_characters() {
    let staff: Vec<String> = CORPUS_STAFF.iter().map(|s| s.to_string()).collect();
    let checker = Checker::new(&staff);
    let text = sample_4000();
    let first = checker.check(&text);
    assert!(first.is_heated() && !first.names.is_empty());
    let perf = web_sys::window().and_then(|w| w.performance());
    let now = || {
        perf.as_ref()
            .map(|p| p.now())
            .unwrap_or_else(js_sys::Date::now)
    };
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let t = now();
            let f = checker.check(&text);
            let elapsed = now() - t;
            assert_eq!(f.names.len(), first.names.len());
            elapsed
        })
        .collect();
    times.sort_by(f64::total_cmp);
    console_log!(
        "guidance in the browser: {:.3} ms median, {:.3} ms max for a 4,000-character text (budget 2 ms)",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
