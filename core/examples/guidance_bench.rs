//! Precision and recall of guidance over `core/guidance/corpus.tsv`, the texts it gets
//! wrong, and the native time of one check of a 4,000-character text (SPEC §9).
//! Run by `bench/guidance`; run it directly with
//! `cargo run --release -p evenhand-core --example guidance_bench`.
//!
//! `--folds K` adds K-fold figures over the tuning part: the rules' figures on each
//! fold (the lists are the same for every fold, so these show how evenly the rules do
//! across the part, not how they do on unseen text), and a small learned scorer
//! (hashed character n-grams, logistic regression) trained on K-1 folds and scored on
//! the one left out, which is an honest estimate for the scorer. `--scorer on|off`
//! scores the corpus with the learned scorer behind the rules or without it, whatever
//! the app's default; `--train-scorer` retrains it (`core/guidance/scorer.bin`) on the
//! tuning part and any `--extra FILE...` in the corpus's format, and `--scorer-lab`
//! compares designs and recipes of it (`guidance_bench/lab.rs`).

use std::process::ExitCode;
use std::time::Instant;

use evenhand_core::guidance::corpus::{self, Score, Tally};
use evenhand_core::guidance::{Checker, Field};
use evenhand_core::lang::Lang;

#[path = "guidance_bench/folds.rs"]
mod folds;
#[path = "guidance_bench/lab.rs"]
mod lab;

fn main() -> ExitCode {
    // `--scorer on|off` runs the learned scorer behind the rules or not, whatever the
    // app's default.
    let args: Vec<String> = std::env::args().collect();
    let mut checker = corpus::staff_checker();
    match args
        .iter()
        .position(|a| a == "--scorer")
        .map(|at| args.get(at + 1).map(String::as_str))
    {
        None => {}
        Some(Some("on")) => checker = checker.with_scorer(true),
        Some(Some("off")) => checker = checker.with_scorer(false),
        Some(_) => {
            eprintln!("guidance: --scorer takes on or off");
            return ExitCode::FAILURE;
        }
    }
    // `--extra FILE...`: more labelled texts to train the scorer on (the files up to
    // the next `--` flag).
    let extra: Vec<String> = args
        .iter()
        .skip_while(|a| *a != "--extra")
        .skip(1)
        .take_while(|a| !a.starts_with("--"))
        .cloned()
        .collect();
    // Training writes `scorer.bin`, which this binary embedded when it was built: the
    // figures of the new weights come from the next run, which rebuilds.
    if args.iter().any(|a| a == "--train-scorer") {
        if let Err(e) = lab::train_and_write(&checker, &extra) {
            eprintln!("guidance: {e}");
            return ExitCode::FAILURE;
        }
        println!("run the bench again (it rebuilds with the new weights) for their figures");
        return ExitCode::SUCCESS;
    }
    if args.iter().any(|a| a == "--scorer-lab") {
        if let Err(e) = lab::lab(&checker, &extra) {
            eprintln!("guidance: {e}");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    }
    let report = match corpus::evaluate_with(&checker) {
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
        "names: the complaint's noted names and the praise's passed-on names; \
         heated: shouting counts only in the complaint"
    );
    for (part, held_out) in [
        ("tuning (the lists were reviewed against these)", false),
        (
            "held out (after `# held out`, never used to tune the lists)",
            true,
        ),
    ] {
        let all = report.tally(|g| g.held_out == held_out);
        // Between blind parts the held-out part is empty: say so rather than print
        // figures of nothing.
        if held_out && all.samples == 0 {
            println!(
                "no held-out part: nothing after `# held out` yet (a blind part is appended \
                 there and scored once)"
            );
            continue;
        }
        println!("{part}: {} texts", all.samples);
        println!(
            "  {:<18} {:>5} {:<7} {:>9} {:>7} {:>5} {:>5} {:>5}",
            "texts", "n", "check", "precision", "recall", "TP", "FP", "FN"
        );
        print_tally("all", all);
        for lang in Lang::ALL {
            print_tally(
                lang.code(),
                report.tally(|g| g.held_out == held_out && g.lang == lang),
            );
            for field in [Field::Praise, Field::Complaint] {
                let label = format!("{} {}", lang.code(), corpus::field_name(field));
                print_tally(
                    &label,
                    report.tally(|g| (g.held_out, g.lang, g.field) == (held_out, lang, field)),
                );
            }
        }
    }
    // Held-out misses stay hidden unless asked for: whoever tunes the lists must not
    // read them, or the held-out figures stop estimating text nobody tuned for.
    let show_held_out = std::env::args().any(|a| a == "--show-held-out");
    let held_out_lines: Vec<usize> = corpus::samples()
        .unwrap_or_default()
        .iter()
        .filter(|s| s.held_out)
        .map(|s| s.line)
        .collect();
    let (held_out_misses, tuning_misses): (Vec<_>, Vec<_>) = report
        .misses
        .iter()
        .partition(|m| held_out_lines.contains(&m.line));
    let shown: Vec<_> = if show_held_out {
        report.misses.iter().collect()
    } else {
        tuning_misses
    };
    if shown.is_empty() {
        println!("misclassified in the tuning part: none");
    } else {
        println!("misclassified ({}):", shown.len());
        for m in shown {
            let found = if m.found.is_empty() { "-" } else { &m.found };
            println!(
                "  corpus.tsv:{:<4} {} {:<9} {:<6} expected {:<10} found {}\n      {}",
                m.line,
                m.lang.code(),
                corpus::field_name(m.field),
                m.check,
                m.expected,
                found,
                m.text
            );
        }
    }
    if !show_held_out && !held_out_misses.is_empty() {
        println!(
            "held-out misses: {} (texts hidden; --show-held-out prints them, after which \
             a fixed one moves to the tuning part and a fresh held-out text replaces it)",
            held_out_misses.len()
        );
    }

    if let Some(k) = args
        .iter()
        .position(|a| a == "--folds")
        .and_then(|at| args.get(at + 1))
    {
        match k.parse::<usize>() {
            Ok(k) if k >= 2 => folds::report(&checker, k),
            _ => {
                eprintln!("guidance: --folds needs a number of folds of 2 or more");
                return ExitCode::FAILURE;
            }
        }
    }
    let text = corpus::sample_text(4000);
    time_checks(&checker, &text);
    // A calm text, where the rules find nothing and the learned scorer (when on) reads
    // the whole text.
    let calm = corpus::calm_text(4000);
    time_checks(&checker, &calm);
    ExitCode::SUCCESS
}

fn print_tally(label: &str, t: Tally) {
    for (check, s) in [("names", t.names), ("heated", t.heated)] {
        let (label, n) = match check {
            "names" => (label, t.samples.to_string()),
            _ => ("", String::new()),
        };
        print_score(label, &n, check, s);
    }
}

fn print_score(label: &str, n: &str, check: &str, s: Score) {
    println!(
        "  {:<18} {:>5} {:<7} {:>9.3} {:>7.3} {:>5} {:>5} {:>5}",
        label,
        n,
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
    let findings = checker.check(Field::Complaint, text);
    let first = first.elapsed();
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(checker.check(Field::Complaint, std::hint::black_box(text)));
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
         (parses the lists) {:.1} µs; budget in the browser: median ≤ 1 ms, first check after warm-up ≤ 5 ms",
        text.chars().count(),
        findings.names.len(),
        findings.heat.len(),
        median,
        p99,
        max,
        first.as_secs_f64() * 1e6
    );
}
