//! Precision and recall of guidance over `core/guidance/corpus.tsv`, the texts it gets
//! wrong, and the native time of one check of a 4,000-character text (SPEC §9).
//! Run by `bench/guidance`; run it directly with
//! `cargo run --release -p evenhand-core --example guidance_bench`.

use std::process::ExitCode;
use std::time::Instant;

use evenhand_core::guidance::corpus::{self, Score};
use evenhand_core::guidance::Checker;

fn main() -> ExitCode {
    let report = match corpus::evaluate() {
        Ok(report) => report,
        Err(e) => {
            eprintln!("guidance: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "guidance corpus: {} texts, staff {:?}",
        report.samples,
        corpus::STAFF
    );
    println!(
        "{:<8} {:>9} {:>7} {:>5} {:>5} {:>5}",
        "check", "precision", "recall", "TP", "FP", "FN"
    );
    for (check, s) in [("names", report.names), ("heated", report.heated)] {
        print_score(check, s);
    }
    println!(
        "held out ({} texts after `{}`, never used to tune the lists):",
        report.held_out_samples,
        corpus::HELD_OUT_MARK
    );
    for (check, s) in [
        ("names", report.held_out_names),
        ("heated", report.held_out_heated),
    ] {
        print_score(check, s);
    }
    if report.misses.is_empty() {
        println!("misclassified: none");
    } else {
        println!("misclassified ({}):", report.misses.len());
        for m in &report.misses {
            let found = if m.found.is_empty() { "-" } else { &m.found };
            println!(
                "  corpus.tsv:{:<4} {:<6} expected {:<10} found {}\n      {}",
                m.line, m.check, m.expected, found, m.text
            );
        }
    }

    let checker = corpus::staff_checker();
    let text = corpus::sample_text(4000);
    time_checks(&checker, &text);
    ExitCode::SUCCESS
}

fn print_score(check: &str, s: Score) {
    println!(
        "{:<8} {:>9.3} {:>7.3} {:>5} {:>5} {:>5}",
        check,
        s.precision(),
        s.recall(),
        s.tp,
        s.fp,
        s.fn_
    );
}

fn time_checks(checker: &Checker, text: &str) {
    const RUNS: usize = 2000;
    // The first check parses the word lists; the app pays it once per page.
    let first = Instant::now();
    let findings = checker.check(text);
    let first = first.elapsed();
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(checker.check(std::hint::black_box(text)));
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let median = times[RUNS / 2];
    let p99 = times[RUNS * 99 / 100];
    let max = times[RUNS - 1];
    println!(
        "native check of a {}-character text ({} names, {} heated passages found): \
         median {:.1} µs, p99 {:.1} µs, max {:.1} µs over {RUNS} runs; first check \
         (parses the lists) {:.1} µs; budget 2 ms in the browser",
        text.chars().count(),
        findings.names.len(),
        findings.heat.len(),
        median,
        p99,
        max,
        first.as_secs_f64() * 1e6
    );
}
