//! `--folds K`: K-fold figures over the tuning part of the corpus.
//!
//! Every K-th tuning text (in file order) goes to the same fold, so each fold mixes
//! languages, fields and the periods the texts were written in.
//!
//! * **Rules**: the word lists and constructions are the same for every fold and were
//!   written with every tuning text in view, so a fold's figures say how evenly the
//!   rules do across the part, not how they would do on text nobody tuned for. Only a
//!   held-out part written blind says that.
//! * **Learned scorer** (`core/src/guidance/scorer.rs`: hashed word and character
//!   n-grams, logistic regression, i8 weights): trained on K-1 folds and scored on the
//!   fold left out, alone, behind the rules (speaking only where they found nothing,
//!   trained on all text or on the text with the rules' hits cut out), and over the
//!   rules' findings. Since the rules have seen every fold, what counts behind them is
//!   what the scorer adds on each fold's texts the rules miss, and the legitimate texts
//!   it flags.
//!
//! The scorer's recipe ([`RECIPE`]) and its trainer live here; `--train-scorer` and
//! `--scorer-lab` are in `lab.rs`.

use evenhand_core::guidance::corpus::{self, Sample, Score};
use evenhand_core::guidance::{scorer, Checker, Field, HeatKind};
use evenhand_core::lang::Lang;

pub fn report(checker: &Checker, k: usize) {
    // The rules alone, whatever the app's default for the scorer.
    let checker = &checker.clone().with_scorer(false);
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

    scorer_report(checker, &samples, &rules, k);
}

/// Thresholds on the scorer's probability, from lenient to strict.
const THRESHOLDS: [f32; 6] = [0.5, 0.7, 0.8, 0.9, 0.95, 0.98];

/// The learned scorer, cross-validated: each fold scored by a model trained on the
/// other folds, with quantised weights as the app would hold them. Two ways of
/// combining it with the rules:
/// * **rules or scorer**: the scorer reads only the text and speaks only where the
///   rules found nothing. The rules have seen every fold, so what counts is what the
///   scorer adds on each fold's texts the rules miss, and the legitimate texts it flags.
/// * **scorer over the rules' findings**: the same n-grams plus what the rules found
///   (each kind of heat, staff names), deciding alone.
fn scorer_report(checker: &Checker, samples: &[Sample], rules: &[bool], k: usize) {
    let text_only: Vec<Vec<u32>> = samples
        .iter()
        .map(|s| scorer::features(s.field, s.text, &staff()))
        .collect();
    let with_rules: Vec<Vec<u32>> = samples
        .iter()
        .zip(&text_only)
        .map(|(s, x)| {
            let f = checker.check(s.field, s.text);
            let mut x = x.clone();
            for (i, kind) in [
                HeatKind::Insult,
                HeatKind::Slur,
                HeatKind::Threat,
                HeatKind::Dehumanising,
                HeatKind::Shouting,
            ]
            .into_iter()
            .enumerate()
            {
                if f.heat.iter().any(|h| h.kind == kind) {
                    x.push((scorer::BUCKETS + i) as u32);
                }
            }
            if !f.names.is_empty() {
                x.push((scorer::BUCKETS + 5) as u32);
            }
            x
        })
        .collect();
    println!(
        "learned scorer ({} hashed word 1-2-grams and character 3- to 5-grams, logistic \
         regression, weights quantised to i8), cross-validated: each fold scored by a model \
         trained on the other {}",
        scorer::BUCKETS,
        k - 1
    );
    // The texts with what the rules flagged cut out, so a scorer trained on them
    // learns how an attack on a person reads around the word, not the listed words the
    // rules already catch.
    let masked: Vec<Vec<u32>> = samples
        .iter()
        .map(|s| scorer::features(s.field, &mask(checker, s.field, s.text), &staff()))
        .collect();
    let cv = |train_x: &[Vec<u32>], x: &[Vec<u32>]| -> Vec<f32> {
        let mut prob = vec![0.0; samples.len()];
        for fold in 0..k {
            let train: Vec<usize> = (0..samples.len()).filter(|i| i % k != fold).collect();
            let (w, bias) = train_model(
                train_x,
                &labels(samples),
                &train,
                scorer::BUCKETS + 8,
                &RECIPE,
            );
            let q = quantise(&w);
            for i in (0..samples.len()).filter(|i| i % k == fold) {
                prob[i] = q.probability_of(bias, &x[i]);
            }
        }
        prob
    };
    let plain = cv(&text_only, &text_only);
    let informed = cv(&with_rules, &with_rules);
    let behind = cv(&masked, &text_only);
    println!(
        "  {:<34} {:<5} {:>9} {:>7} {:>5} {:>5} {:>5}   {:>14} {:>14}",
        "", "lang", "precision", "recall", "TP", "FP", "FN", "rule misses", "legit flagged"
    );
    for t in THRESHOLDS {
        let scorer: Vec<bool> = plain.iter().map(|&p| p >= t).collect();
        let either: Vec<bool> = scorer.iter().zip(rules).map(|(a, b)| *a || *b).collect();
        let informed: Vec<bool> = informed.iter().map(|&p| p >= t).collect();
        let behind: Vec<bool> = behind
            .iter()
            .zip(rules)
            .map(|(&p, &r)| r || p >= t)
            .collect();
        for (label, flags) in [
            (format!("scorer ≥ {t}"), &scorer),
            (format!("rules or scorer ≥ {t}"), &either),
            (format!("scorer over findings ≥ {t}"), &informed),
            (format!("rules or masked scorer ≥ {t}"), &behind),
        ] {
            for lang in Lang::ALL {
                let s = score(samples, flags, |_, s| s.lang == lang);
                // What the flags add over the rules: heated texts the rules miss that
                // they find, and legitimate texts the rules leave alone that they flag.
                let (mut found, mut missed, mut flagged, mut legit) = (0, 0, 0, 0);
                for ((sample, &flag), &rule) in samples.iter().zip(flags.iter()).zip(rules) {
                    if sample.lang != lang || rule {
                        continue;
                    }
                    if sample.heated {
                        missed += 1;
                        found += usize::from(flag);
                    } else {
                        legit += 1;
                        flagged += usize::from(flag);
                    }
                }
                println!(
                    "  {:<34} {:<5} {:>9.3} {:>7.3} {:>5} {:>5} {:>5}   {:>14} {:>14}",
                    label,
                    lang.code(),
                    s.precision(),
                    s.recall(),
                    s.tp,
                    s.fp,
                    s.fn_,
                    format!("{found} of {missed}"),
                    format!("{flagged} of {legit}")
                );
            }
        }
    }
    println!(
        "  (rule misses: heated texts the rules miss that the row finds; legit flagged: \
         legitimate texts the rules leave alone that the row flags)"
    );
    // The scorer as the app runs it: trained on the masked texts, speaking only where
    // the rules found nothing, at the app's threshold. Per fold, as the rules miss
    // different texts in each.
    let t = scorer::model().map_or(0.95, |m| m.threshold);
    println!("  rules or masked scorer ≥ {t} (the app's), per fold: rule misses found, legitimate texts flagged");
    for fold in 0..k {
        for lang in Lang::ALL {
            let (mut found, mut missed, mut flagged, mut legit) = (0, 0, 0, 0);
            for (i, ((s, &p), &r)) in samples.iter().zip(&behind).zip(rules).enumerate() {
                if i % k != fold || s.lang != lang || r {
                    continue;
                }
                if s.heated {
                    missed += 1;
                    found += usize::from(p >= t);
                } else {
                    legit += 1;
                    flagged += usize::from(p >= t);
                }
            }
            println!(
                "    fold {fold} {}: {found} of {missed} misses found, {flagged} of {legit} legitimate texts flagged",
                lang.code()
            );
        }
    }
    println!("  legitimate texts it flags where the rules do not:");
    for ((s, &p), &r) in samples.iter().zip(&behind).zip(rules) {
        if !s.heated && !r && p >= t {
            println!(
                "      corpus.tsv:{} {} {:.2} {}",
                s.line,
                s.lang.code(),
                p,
                s.text
            );
        }
    }
    println!("  heated texts the rules miss and it finds:");
    for ((s, &p), &r) in samples.iter().zip(&behind).zip(rules) {
        if s.heated && !r && p >= t {
            println!(
                "      corpus.tsv:{} {} {:.2} {}",
                s.line,
                s.lang.code(),
                p,
                s.text
            );
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

/// `text` with the passages the rules flag (shouting aside) blanked out.
pub fn mask(checker: &Checker, field: Field, text: &str) -> String {
    let f = checker.check(field, text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for h in f.heat.iter().filter(|h| h.kind != HeatKind::Shouting) {
        if h.span.start >= at {
            out.push_str(text.get(at..h.span.start).unwrap_or(""));
            out.push(' ');
            at = h.span.end;
        } else {
            at = at.max(h.span.end);
        }
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// Weights quantised to one signed byte each, as the app holds them.
pub struct Quantised {
    pub scale: f32,
    pub weights: Vec<i8>,
}

pub fn quantise(w: &[f64]) -> Quantised {
    let max = w.iter().fold(0.0f64, |m, x| m.max(x.abs())).max(1e-9);
    let scale = max / 127.0;
    Quantised {
        scale: scale as f32,
        weights: w.iter().map(|x| (x / scale).round() as i8).collect(),
    }
}

impl Quantised {
    pub fn probability_of(&self, bias: f64, x: &[u32]) -> f32 {
        let v = scorer::feature_value(x);
        let sum: i32 = x.iter().map(|&b| i32::from(self.weights[b as usize])).sum();
        let z = bias as f32 + self.scale * v * sum as f32;
        1.0 / (1.0 + (-z).exp())
    }
}

/// How a model is trained: on which text, for how long, and how much a heated text
/// weighs against a legitimate one.
#[derive(Debug, Clone, Copy)]
pub struct Recipe {
    pub design: scorer::Design,
    /// The passages the rules flag cut out of the training texts.
    pub masked: bool,
    pub heated_weight: f64,
    pub epochs: usize,
    pub l2: f64,
    /// Features scaled by their naive Bayes log-count ratio before the regression.
    pub nb: bool,
}

/// The recipe of the embedded weights.
pub const RECIPE: Recipe = Recipe {
    design: scorer::DESIGN,
    masked: false,
    heated_weight: 1.0,
    epochs: 30,
    l2: 1e-4,
    nb: true,
};

const RATE: f64 = 0.3;

/// The corpus's staff names, as the trainer's checker knows them.
pub fn staff() -> Vec<String> {
    corpus::STAFF.iter().map(|s| (*s).to_owned()).collect()
}

pub fn labels(samples: &[Sample]) -> Vec<bool> {
    samples.iter().map(|s| s.heated).collect()
}

fn predict(w: &[f64], r: &[f64], bias: f64, x: &[u32]) -> f64 {
    let v = f64::from(scorer::feature_value(x));
    let z: f64 = bias
        + x.iter()
            .map(|&b| w[b as usize] * r[b as usize] * v)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// Each bucket's log-count ratio over the training texts (naive Bayes, smoothed): how
/// much more often it lights in heated texts than in legitimate ones.
fn log_count_ratios(x: &[Vec<u32>], heated: &[bool], train: &[usize], dims: usize) -> Vec<f64> {
    let (mut p, mut q) = (vec![1.0; dims], vec![1.0; dims]);
    for &i in train {
        let counts = if heated[i] { &mut p } else { &mut q };
        for &b in &x[i] {
            counts[b as usize] += 1.0;
        }
    }
    let (sp, sq): (f64, f64) = (p.iter().sum(), q.iter().sum());
    p.iter()
        .zip(&q)
        .map(|(a, b)| ((a / sp) / (b / sq)).ln())
        .collect()
}

/// Logistic regression by stochastic gradient descent, in a fixed shuffled order
/// (fixed seed: the same texts give the same weights). With `recipe.nb`, each feature
/// is first scaled by its log-count ratio (NBSVM-style) and the returned weights carry
/// that scale, so the app reads them as plain weights.
pub fn train_model(
    x: &[Vec<u32>],
    heated: &[bool],
    train: &[usize],
    dims: usize,
    recipe: &Recipe,
) -> (Vec<f64>, f64) {
    let r = if recipe.nb {
        log_count_ratios(x, heated, train, dims)
    } else {
        vec![1.0; dims]
    };
    let mut w = vec![0.0; dims];
    let mut bias = 0.0;
    let mut order = train.to_vec();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..recipe.epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let y = f64::from(u8::from(heated[i]));
            let weight = if heated[i] { recipe.heated_weight } else { 1.0 };
            let g = (predict(&w, &r, bias, &x[i]) - y) * weight;
            let v = f64::from(scorer::feature_value(&x[i]));
            for &b in &x[i] {
                let b = b as usize;
                w[b] -= RATE * (g * v * r[b] + recipe.l2 * w[b]);
            }
            bias -= RATE * g;
        }
    }
    (w.iter().zip(&r).map(|(w, r)| w * r).collect(), bias)
}
