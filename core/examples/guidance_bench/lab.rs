//! The learned scorer's training data, its threshold, `--train-scorer` and
//! `--scorer-lab`.
//!
//! * **Training texts**: the tuning part of `corpus.tsv` plus any `--extra FILE` in the
//!   same format, deduplicated by text; a text of the held-out part is never trained
//!   on, wherever it appears.
//! * **Threshold**: chosen on cross-validation of the training texts (5 folds), never
//!   on the held-out part: the lowest probability at which the scorer flags at most
//!   [`MAX_ADDED_FALSE`] of a language's legitimate texts the rules leave alone. The scorer does not know the
//!   language a guest writes in, so one threshold serves both: the higher of the two.
//! * `--train-scorer` trains on every training text and writes
//!   `core/guidance/scorer.bin` (scale, bias, threshold, one byte per bucket).
//! * `--scorer-lab` compares designs and recipes: each chooses its threshold by
//!   cross-validation, is trained on every training text, then scored on the held-out
//!   part, per language, alone and behind the rules.

use std::collections::HashSet;

use evenhand_core::guidance::corpus::{self, Sample, Score};
use evenhand_core::guidance::{scorer, Checker, Field};
use evenhand_core::lang::Lang;

use super::folds::{labels, mask, quantise, staff, train_model, Quantised, Recipe, RECIPE};

/// The share of a language's legitimate training texts the scorer may flag beyond the
/// rules on cross-validation: one in 200. A bound on legitimate texts, not on
/// precision, because precision depends on how many heated texts the corpus holds
/// (nearly half of it, far more than at a till), while a guest wrongly told off is
/// counted among the legitimate texts whatever the mix.
const MAX_ADDED_FALSE: f64 = 0.005;
const FOLDS: usize = 5;

/// The training texts (tuning part and `extra` files, deduplicated by text) and the
/// held-out part.
pub fn load(extra: &[String]) -> Result<(Vec<Sample>, Vec<Sample>), String> {
    let (held_out, mut training): (Vec<Sample>, Vec<Sample>) =
        corpus::samples()?.into_iter().partition(|s| s.held_out);
    let key = |s: &Sample| s.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut seen: HashSet<String> = held_out.iter().chain(&training).map(key).collect();
    for path in extra {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        // The samples borrow their text for the life of the run.
        let text: &'static str = Box::leak(text.into_boxed_str());
        for s in corpus::parse(path, text)? {
            if seen.insert(key(&s)) {
                training.push(Sample {
                    held_out: false,
                    ..s
                });
            }
        }
    }
    Ok((training, held_out))
}

/// The features a recipe trains on (masked or not) and those it scores.
fn features(
    checker: &Checker,
    recipe: &Recipe,
    samples: &[Sample],
) -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
    let staff = staff();
    let of = |field: Field, text: &str| scorer::features_of(&recipe.design, field, text, &staff);
    let scored: Vec<Vec<u32>> = samples.iter().map(|s| of(s.field, s.text)).collect();
    let trained = if recipe.masked {
        samples
            .iter()
            .map(|s| of(s.field, &mask(checker, s.field, s.text)))
            .collect()
    } else {
        scored.clone()
    };
    (trained, scored)
}

/// Each training text's probability from a model trained on the other folds.
fn cross_validate(
    train_x: &[Vec<u32>],
    x: &[Vec<u32>],
    heated: &[bool],
    recipe: &Recipe,
) -> Vec<f32> {
    let mut prob = vec![0.0; x.len()];
    for fold in 0..FOLDS {
        let train: Vec<usize> = (0..x.len()).filter(|i| i % FOLDS != fold).collect();
        let (w, bias) = train_model(train_x, heated, &train, recipe.design.buckets, recipe);
        let q = quantise(&w);
        for i in (0..x.len()).filter(|i| i % FOLDS == fold) {
            prob[i] = q.probability_of(bias, &x[i]);
        }
    }
    prob
}

/// Heated precision and recall of `flags` over the samples in `lang`.
fn score(samples: &[Sample], flags: &[bool], lang: Lang) -> Score {
    let mut s = Score::default();
    for (sample, &flag) in samples.iter().zip(flags) {
        if sample.lang != lang {
            continue;
        }
        s.tp += usize::from(sample.heated && flag);
        s.fp += usize::from(!sample.heated && flag);
        s.fn_ += usize::from(sample.heated && !flag);
    }
    s
}

/// The share of `lang`'s legitimate texts the scorer flags at `t` that the rules leave
/// alone.
fn added_false(samples: &[Sample], rules: &[bool], prob: &[f32], t: f32, lang: Lang) -> f64 {
    let (mut legit, mut added) = (0usize, 0usize);
    for ((sample, &rule), &p) in samples.iter().zip(rules).zip(prob) {
        if sample.lang == lang && !sample.heated {
            legit += 1;
            added += usize::from(!rule && p >= t);
        }
    }
    added as f64 / legit.max(1) as f64
}

fn either(rules: &[bool], prob: &[f32], t: f32) -> Vec<bool> {
    rules.iter().zip(prob).map(|(&r, &p)| r || p >= t).collect()
}

/// The lowest threshold (in steps of 0.01) at which the scorer flags at most
/// [`MAX_ADDED_FALSE`] of each language's legitimate texts beyond the rules, on the
/// cross-validated probabilities, and the thresholds per language.
fn threshold(samples: &[Sample], rules: &[bool], prob: &[f32]) -> (f32, Vec<f32>) {
    let per: Vec<f32> = Lang::ALL
        .into_iter()
        .map(|lang| {
            (50..=99)
                .map(|t| t as f32 / 100.0)
                .find(|&t| added_false(samples, rules, prob, t, lang) <= MAX_ADDED_FALSE)
                .unwrap_or(1.0)
        })
        .collect();
    (per.iter().fold(0.0f32, |a, &b| a.max(b)), per)
}

/// A recipe trained on every training text, with its cross-validated threshold.
struct Trained {
    q: Quantised,
    bias: f64,
    threshold: f32,
    per_lang: Vec<f32>,
    cv_prob: Vec<f32>,
}

fn train(checker: &Checker, recipe: &Recipe, training: &[Sample]) -> Trained {
    let (train_x, x) = features(checker, recipe, training);
    let heated = labels(training);
    let rules = rules(checker, training);
    let cv_prob = cross_validate(&train_x, &x, &heated, recipe);
    let (threshold, per_lang) = threshold(training, &rules, &cv_prob);
    let all: Vec<usize> = (0..training.len()).collect();
    let (w, bias) = train_model(&train_x, &heated, &all, recipe.design.buckets, recipe);
    Trained {
        q: quantise(&w),
        bias,
        threshold,
        per_lang,
        cv_prob,
    }
}

fn rules(checker: &Checker, samples: &[Sample]) -> Vec<bool> {
    samples
        .iter()
        .map(|s| checker.check(s.field, s.text).is_heated())
        .collect()
}

impl Trained {
    fn bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(12 + self.q.weights.len());
        bytes.extend_from_slice(&self.q.scale.to_le_bytes());
        bytes.extend_from_slice(&(self.bias as f32).to_le_bytes());
        bytes.extend_from_slice(&self.threshold.to_le_bytes());
        bytes.extend(self.q.weights.iter().map(|&w| w as u8));
        bytes
    }
}

/// `--train-scorer`: trains [`RECIPE`] on every training text and writes
/// `core/guidance/scorer.bin`, which the app embeds, with the threshold chosen by
/// cross-validation.
pub fn train_and_write(checker: &Checker, extra: &[String]) -> Result<(), String> {
    let checker = &checker.clone().with_scorer(false);
    let (training, _) = load(extra)?;
    let t = train(checker, &RECIPE, &training);
    let bytes = t.bytes();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/guidance/scorer.bin");
    std::fs::write(path, &bytes).map_err(|e| format!("{path}: {e}"))?;
    println!(
        "scorer: trained on {} texts (tuning part and {} extra files), threshold {:.2} \
         (en {:.2}, fr {:.2} for at most {MAX_ADDED_FALSE} of legitimate texts flagged beyond the rules by {FOLDS}-fold cross-validation), \
         {} bytes written to {path}",
        training.len(),
        extra.len(),
        t.threshold,
        t.per_lang[0],
        t.per_lang[1],
        bytes.len()
    );
    Ok(())
}

/// `--scorer-lab`: the designs and recipes side by side.
pub fn lab(checker: &Checker, extra: &[String]) -> Result<(), String> {
    let checker = &checker.clone().with_scorer(false);
    let (training, held_out) = load(extra)?;
    let heated_n = training.iter().filter(|s| s.heated).count();
    println!(
        "scorer lab: {} training texts ({} heated), {} held-out texts",
        training.len(),
        heated_n,
        held_out.len()
    );
    let rules_train = rules(checker, &training);
    let rules_held = rules(checker, &held_out);
    for lang in Lang::ALL {
        let r = score(&training, &rules_train, lang);
        let h = score(&held_out, &rules_held, lang);
        println!(
            "  rules {}: training P/R {:.3}/{:.3} ({} FN); held out {:.3}/{:.3} ({} TP, {} FP, {} FN)",
            lang.code(),
            r.precision(),
            r.recall(),
            r.fn_,
            h.precision(),
            h.recall(),
            h.tp,
            h.fp,
            h.fn_
        );
    }
    // The recipes of the README's table, each a step from the sixth review's (8,192
    // buckets, trained on the text with the rules' hits cut out); `LAB_GRID=all` tries
    // every combination instead.
    let recipe = |buckets, (person, skips, trades), masked, heated_weight, l2, nb| Recipe {
        design: scorer::Design {
            buckets,
            person,
            skips,
            trades,
        },
        masked,
        heated_weight,
        epochs: 30,
        l2,
        nb,
    };
    let plain = (false, false, false);
    let trades = (false, false, true);
    let person = (true, false, true);
    let skips = (true, true, true);
    let mut recipes = vec![
        recipe(8192, plain, true, 1.0, 1e-5, false),
        recipe(8192, plain, false, 1.0, 1e-5, false),
        recipe(8192, plain, false, 2.0, 1e-5, false),
        recipe(8192, trades, false, 1.0, 1e-5, false),
        recipe(8192, person, false, 1.0, 1e-5, false),
        recipe(8192, skips, false, 1.0, 1e-5, false),
        recipe(8192, trades, false, 1.0, 1e-4, true),
        recipe(16384, plain, false, 1.0, 1e-5, false),
        recipe(16384, trades, true, 1.0, 1e-4, true),
        recipe(16384, trades, false, 2.0, 1e-4, true),
        RECIPE,
        recipe(16384, person, false, 1.0, 1e-4, true),
        recipe(16384, skips, false, 1.0, 1e-4, true),
        recipe(32768, trades, false, 1.0, 1e-4, true),
    ];
    if std::env::var("LAB_GRID").is_ok_and(|g| g == "all") {
        recipes.clear();
        for buckets in [8192, 16384, 32768] {
            for features in [plain, trades, person, skips] {
                for masked in [false, true] {
                    for heated_weight in [1.0, 2.0] {
                        for (l2, nb) in [(1e-5, false), (1e-4, false), (1e-5, true), (1e-4, true)] {
                            recipes.push(recipe(buckets, features, masked, heated_weight, l2, nb));
                        }
                    }
                }
            }
        }
    }
    let probe = std::env::var("LAB_PROBE")
        .ok()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    let only: Option<usize> = std::env::var("LAB_ONLY").ok().and_then(|v| v.parse().ok());
    println!(
        "  {:<40} {:>5} {:>5} {:>5} | {:<4} {:>17} {:>17} {:>17} {:>6}",
        "recipe",
        "t",
        "t en",
        "t fr",
        "lang",
        "CV rules|scorer",
        "held rules|scorer",
        "held scorer",
        "gz"
    );
    for (n, recipe) in recipes.iter().enumerate() {
        if only.is_some_and(|o| o != n) {
            continue;
        }
        let t = train(checker, recipe, &training);
        let (_, held_x) = features(checker, recipe, &held_out);
        let held_prob: Vec<f32> = held_x
            .iter()
            .map(|x| t.q.probability_of(t.bias, x))
            .collect();
        let gz = gzipped(&t.bytes());
        let name = format!(
            "{n:>2} {}b{}{}{} {} w{} e{} l2 {:e}{}",
            recipe.design.buckets,
            if recipe.design.person { " person" } else { "" },
            if recipe.design.skips { " skips" } else { "" },
            if recipe.design.trades { " trades" } else { "" },
            if recipe.masked { "masked" } else { "whole" },
            recipe.heated_weight,
            recipe.epochs,
            recipe.l2,
            if recipe.nb { " nb" } else { "" }
        );
        let lousy = t.q.probability_of(
            t.bias,
            &scorer::features_of(
                &recipe.design,
                Field::Complaint,
                "The chef is a lousy cook.",
                &staff(),
            ),
        );
        // Look-alikes that must stay unflagged (`LAB_PROBE`: a file, one text a line).
        let flagged: Vec<(f32, &str)> = probe
            .lines()
            .filter(|l| !l.trim().is_empty() && !checker.check(Field::Complaint, l).is_heated())
            .map(|l| {
                let x = scorer::features_of(&recipe.design, Field::Complaint, l, &staff());
                (t.q.probability_of(t.bias, &x), l)
            })
            .filter(|(p, _)| *p >= t.threshold)
            .collect();
        for lang in Lang::ALL {
            let cv = score(
                &training,
                &either(&rules_train, &t.cv_prob, t.threshold),
                lang,
            );
            let both = score(
                &held_out,
                &either(&rules_held, &held_prob, t.threshold),
                lang,
            );
            let alone: Vec<bool> = held_prob.iter().map(|&p| p >= t.threshold).collect();
            let alone = score(&held_out, &alone, lang);
            let pr = |s: Score| format!("{:.3}/{:.3} {:>2}", s.precision(), s.recall(), s.fp);
            println!(
                "  {:<40} {:>5.2} {:>5.2} {:>5.2} | {:<4} {:>17} {:>17} {:>17} {:>6}",
                if lang == Lang::ALL[0] {
                    name.clone()
                } else {
                    format!("   lousy cook {lousy:.3}, look-alikes {}", flagged.len())
                },
                t.threshold,
                t.per_lang[0],
                t.per_lang[1],
                lang.code(),
                pr(cv),
                pr(both),
                pr(alone),
                gz
            );
        }
        if only.is_some() {
            // For the record: what other thresholds would give on the held-out part
            // (the threshold itself is chosen by cross-validation, above).
            for th in [0.5f32, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98] {
                let line: Vec<String> = Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        let h = score(&held_out, &either(&rules_held, &held_prob, th), lang);
                        let c = score(&training, &either(&rules_train, &t.cv_prob, th), lang);
                        format!(
                            "{} held {:.3}/{:.3} {} FP, CV {:.3}/{:.3} {} FP",
                            lang.code(),
                            h.precision(),
                            h.recall(),
                            h.fp,
                            c.precision(),
                            c.recall(),
                            c.fp
                        )
                    })
                    .collect();
                println!("      at {th:.2}: {}", line.join("; "));
            }
            for (p, l) in &flagged {
                println!("      look-alike flagged {p:.3} {l}");
            }
        }
    }
    println!("  (P/R then false positives; t: the threshold by cross-validation, the higher of en and fr)");
    Ok(())
}

/// `gzip -9` size of `bytes`, by the system's gzip.
fn gzipped(bytes: &[u8]) -> String {
    use std::io::Write;
    let path = std::env::temp_dir().join(format!("scorer-lab-{}.bin", std::process::id()));
    let written = std::fs::File::create(&path).and_then(|mut f| f.write_all(bytes));
    let size = written.ok().and_then(|()| {
        std::process::Command::new("gzip")
            .args(["-9", "-c"])
            .arg(&path)
            .output()
            .ok()
            .map(|o| o.stdout.len().to_string())
    });
    let _ = std::fs::remove_file(&path);
    size.unwrap_or_else(|| "?".into())
}
