//! `--folds K`: K-fold figures over the tuning part of the corpus.
//!
//! Every K-th tuning text (in file order) goes to the same fold, so each fold mixes
//! languages, fields and the periods the texts were written in.
//!
//! * **Rules**: the word lists and constructions are the same for every fold and were
//!   written with every tuning text in view, so a fold's figures say how evenly the
//!   rules do across the part, not how they would do on text nobody tuned for. Only a
//!   held-out part written blind says that.
//! * **Learned scorer**: hashed character n-grams and a logistic regression, trained on
//!   K-1 folds and scored on the fold left out. This is a true cross-validated estimate
//!   for the scorer, which is what decides whether one is worth shipping.

use evenhand_core::guidance::corpus::{self, Sample, Score};
use evenhand_core::guidance::{Checker, Field};
use evenhand_core::lang::Lang;

/// Hash buckets: 4,096 one-byte weights would be about 4 KB in the wasm.
const BUCKETS: usize = 1 << 12;
/// Character n-gram lengths.
const GRAMS: std::ops::RangeInclusive<usize> = 2..=4;
const EPOCHS: usize = 40;
const RATE: f64 = 0.2;
const L2: f64 = 1e-4;
/// The scorer's probability above which it calls a text heated, on its own and
/// alongside the rules (a high bar: precision is the guest's trust).
const THRESHOLDS: [f64; 2] = [0.5, 0.8];

pub fn report(checker: &Checker, k: usize) {
    let samples: Vec<Sample> = match corpus::samples() {
        Ok(s) => s.into_iter().filter(|s| !s.held_out).collect(),
        Err(e) => {
            eprintln!("guidance: {e}");
            return;
        }
    };
    println!();
    println!(
        "{k}-fold figures over the {} tuning texts (text i in fold i mod {k})",
        samples.len()
    );
    println!(
        "rules: the same lists for every fold, all written with these texts in view: \
         the spread across folds, not an estimate for unseen text"
    );
    println!(
        "  {:<6} {:<5} {:>9} {:>7} {:>5} {:>5} {:>5}   {:>9} {:>7}",
        "fold", "lang", "precision", "recall", "TP", "FP", "FN", "names P", "names R"
    );
    let rules: Vec<bool> = samples
        .iter()
        .map(|s| checker.check(s.field, s.text).is_heated())
        .collect();
    for fold in 0..k {
        for lang in Lang::ALL {
            let picked = |i: usize, s: &Sample| i % k == fold && s.lang == lang;
            let heated = score(&samples, &rules, picked);
            let names = names_score(checker, &samples, picked);
            println!(
                "  {:<6} {:<5} {:>9.3} {:>7.3} {:>5} {:>5} {:>5}   {:>9.3} {:>7.3}",
                fold,
                lang.code(),
                heated.precision(),
                heated.recall(),
                heated.tp,
                heated.fp,
                heated.fn_,
                names.precision(),
                names.recall()
            );
        }
    }

    // The learned scorer, cross-validated: each fold scored by a model trained on
    // the others.
    let features: Vec<Vec<(usize, f64)>> = samples.iter().map(|s| featurize(s.text)).collect();
    let mut prob = vec![0.0; samples.len()];
    for fold in 0..k {
        let train: Vec<usize> = (0..samples.len()).filter(|i| i % k != fold).collect();
        let w = train_model(&features, &samples, &train);
        for i in (0..samples.len()).filter(|i| i % k == fold) {
            prob[i] = predict(&w, &features[i]);
        }
    }
    println!(
        "learned scorer ({} hashed character {}- to {}-grams, logistic regression), \
         cross-validated: each fold scored by a model trained on the other {}",
        BUCKETS,
        GRAMS.start(),
        GRAMS.end(),
        k - 1
    );
    println!(
        "  {:<22} {:<5} {:>9} {:>7} {:>5} {:>5} {:>5}",
        "", "lang", "precision", "recall", "TP", "FP", "FN"
    );
    for t in THRESHOLDS {
        let scorer: Vec<bool> = prob.iter().map(|&p| p >= t).collect();
        let either: Vec<bool> = scorer.iter().zip(&rules).map(|(a, b)| *a || *b).collect();
        for (label, flags) in [
            (format!("scorer ≥ {t}"), &scorer),
            (format!("rules or scorer ≥ {t}"), &either),
        ] {
            for lang in Lang::ALL {
                let s = score(&samples, flags, |_, s| s.lang == lang);
                println!(
                    "  {:<22} {:<5} {:>9.3} {:>7.3} {:>5} {:>5} {:>5}",
                    label,
                    lang.code(),
                    s.precision(),
                    s.recall(),
                    s.tp,
                    s.fp,
                    s.fn_
                );
            }
        }
    }
    println!(
        "  (the rules in \"rules or scorer\" have seen every fold: that row only shows \
         what the scorer would add, and the false positives it would bring)"
    );
    for t in THRESHOLDS {
        let added: Vec<&Sample> = samples
            .iter()
            .zip(&prob)
            .zip(&rules)
            .filter(|((s, &p), &r)| s.heated && p >= t && !r)
            .map(|((s, _), _)| s)
            .collect();
        println!(
            "  heated texts the rules miss and the scorer ≥ {t} finds: {}",
            added.len()
        );
        for s in added {
            println!("      corpus.tsv:{} {}", s.line, s.text);
        }
    }
}

/// Heated precision and recall of `flags` over the samples `keep` picks.
fn score(samples: &[Sample], flags: &[bool], keep: impl Fn(usize, &Sample) -> bool) -> Score {
    let mut s = Score::default();
    for (i, (sample, &flag)) in samples.iter().zip(flags).enumerate() {
        if !keep(i, sample) {
            continue;
        }
        s.tp += usize::from(sample.heated && flag);
        s.fp += usize::from(!sample.heated && flag);
        s.fn_ += usize::from(sample.heated && !flag);
    }
    s
}

/// Names precision and recall over the samples `keep` picks, per (text, name) pair.
fn names_score(
    checker: &Checker,
    samples: &[Sample],
    keep: impl Fn(usize, &Sample) -> bool,
) -> Score {
    let mut s = Score::default();
    for (i, sample) in samples.iter().enumerate() {
        if !keep(i, sample) {
            continue;
        }
        let f = checker.check(sample.field, sample.text);
        let found = match sample.field {
            Field::Complaint => checker.names_mentioned(&f),
            Field::Praise => checker.staff_named(&f),
        };
        let tp = found.iter().filter(|n| sample.names.contains(n)).count();
        s.tp += tp;
        s.fp += found.len() - tp;
        s.fn_ += sample.names.len() - tp;
    }
    s
}

/// Lower case without the common accents, so `Connard` and `connârd` share n-grams.
fn fold(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            '’' => '\'',
            c if c.is_alphanumeric() || "*@$!'".contains(c) => c,
            _ => ' ',
        };
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out.push(' ');
    out
}

/// Hashed character n-grams, each present once, scaled to unit length.
fn featurize(text: &str) -> Vec<(usize, f64)> {
    let chars: Vec<char> = fold(text).chars().collect();
    let mut buckets: Vec<usize> = Vec::new();
    for n in GRAMS {
        for w in chars.windows(n) {
            // FNV-1a over the n-gram and its length.
            let mut h: u32 = 0x811c_9dc5 ^ n as u32;
            for &c in w {
                h ^= c as u32;
                h = h.wrapping_mul(0x0100_0193);
            }
            buckets.push(h as usize % BUCKETS);
        }
    }
    buckets.sort_unstable();
    buckets.dedup();
    let norm = 1.0 / (buckets.len().max(1) as f64).sqrt();
    buckets.into_iter().map(|b| (b, norm)).collect()
}

fn predict(w: &[f64], x: &[(usize, f64)]) -> f64 {
    let z: f64 = w[BUCKETS] + x.iter().map(|&(b, v)| w[b] * v).sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// Logistic regression by stochastic gradient descent, in a fixed shuffled order.
fn train_model(x: &[Vec<(usize, f64)>], samples: &[Sample], train: &[usize]) -> Vec<f64> {
    let mut w = vec![0.0; BUCKETS + 1];
    let mut order = train.to_vec();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..EPOCHS {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let y = f64::from(u8::from(samples[i].heated));
            let g = predict(&w, &x[i]) - y;
            for &(b, v) in &x[i] {
                w[b] -= RATE * (g * v + L2 * w[b]);
            }
            w[BUCKETS] -= RATE * g;
        }
    }
    w
}
