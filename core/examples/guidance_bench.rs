//! Prints guidance's precision and recall over the labelled corpus, the texts it got
//! wrong, and the native time for a 4,000-character text. Run by `bench/guidance`.

use std::time::Instant;

use evenhand_core::guidance::{evaluate, Checker, CORPUS_STAFF};

fn main() {
    let corpus = include_str!("../guidance/corpus.tsv");
    let e = evaluate(corpus);
    println!(
        "guidance corpus: {} labelled texts (core/guidance/corpus.tsv)",
        e.rows
    );
    for (check, s) in [("names", e.names), ("heated", e.heated)] {
        println!(
            "  {check:7} precision {:.3}  recall {:.3}  (TP {}, FP {}, FN {})",
            s.precision(),
            s.recall(),
            s.tp,
            s.fp,
            s.fn_
        );
    }
    for miss in &e.misses {
        println!("  miss: {miss}");
    }

    let staff: Vec<String> = CORPUS_STAFF.iter().map(|s| s.to_string()).collect();
    let checker = Checker::new(&staff);
    let text = sample_4000();
    let _ = checker.check(&text);
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(checker.check(std::hint::black_box(&text)));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "  native: {:.3} ms median, {:.3} ms max for a 4,000-character text",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}

/// A realistic 4,000-character mix of English and French, names and heat included.
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
    while text.chars().count() < 4000 {
        text.push('.');
    }
    text
}
