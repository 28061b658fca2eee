//! A small learned scorer for heated language, behind the rules: hashed word and
//! character n-grams and a logistic regression, trained offline on the tuning part of
//! `core/guidance/corpus.tsv` (`examples/guidance_bench/folds.rs`, fixed seed), its
//! weights quantised to one signed byte each. The figures and the decision whether it
//! runs in the app are in `core/guidance/README.md` ("Learned scorer, sixth review").
//!
//! The features are shared by the trainer and the app, so a model trained offline
//! reads text exactly as the app will. The trainer cuts the passages the rules flag out
//! of its texts, so the weights learn how an attack on a person reads around the word
//! (whom it is aimed at, the verbs of a threat) rather than the listed words the rules
//! already catch. It speaks only where the rules found nothing, and then calls the whole
//! text heated (an `Insult` spanning it): it knows that a text reads heated, not where.

use super::fold::{fold_into, squeeze};
use super::{Field, HeatHit, HeatKind, Span};

/// Whether the app runs the scorer behind the rules: off. On the blind held-out part it
/// found 3 more heated texts of 112 and no false positive, but it reads "The chef is a
/// lousy cook." as heated, a strong word about a person's work that SPEC §6 keeps
/// legitimate; `bench/guidance --scorer on` measures it (`core/guidance/README.md`,
/// "Learned scorer, sixth review").
pub const IN_APP: bool = false;

/// The weights, written by `cargo run --release -p evenhand-core --example
/// guidance_bench -- --train-scorer`.
const WEIGHTS: &[u8] = include_bytes!("../../guidance/scorer.bin");

/// The whole text as one heated passage, when the scorer reads it as heated. Nothing
/// if the embedded weights are not the expected shape (a test holds them to it).
pub(super) fn heated(field: Field, text: &str) -> Option<HeatHit> {
    // An empty box is nobody's insult, whatever the bias says.
    if !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    let model = Model::from_bytes(WEIGHTS)?;
    let trimmed = text.trim_end();
    let start = trimmed.len() - trimmed.trim_start().len();
    (model.probability(field, text) >= THRESHOLD).then_some(HeatHit {
        kind: HeatKind::Insult,
        span: Span {
            start,
            end: trimmed.len(),
        },
    })
}

/// The embedded model.
pub fn model() -> Option<Model<'static>> {
    Model::from_bytes(WEIGHTS)
}

/// The probability at or above which the scorer calls a text heated that the rules
/// left alone: high, since a guest wrongly told off stops trusting the kiosk.
pub const THRESHOLD: f32 = 0.95;

/// Hash buckets: one weight each.
pub const BUCKETS: usize = 8192;
/// Character n-gram lengths, over the folded text with single spaces between words.
const CHAR_GRAMS: std::ops::RangeInclusive<usize> = 3..=5;

/// Feature families, hashed apart so a word and the same letters as a character
/// n-gram do not share a bucket by construction.
const WORD: u32 = 1;
const BIGRAM: u32 = 2;
const CHARS: u32 = 3;
const FIELD: u32 = 4;

/// FNV-1a over `bytes`, seeded by the feature family.
fn hash(family: u32, bytes: impl IntoIterator<Item = u32>) -> u32 {
    let mut h: u32 = 0x811c_9dc5 ^ family.wrapping_mul(0x9e37_79b9);
    for b in bytes {
        h ^= b;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The words of `text`, folded (lower case, no accents) and squeezed (`stuuupid` →
/// `stupid`), with digits and `*` kept as typed.
fn words(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || c == '*' {
            fold_into(c, &mut folded);
        } else if !folded.ends_with(' ') {
            folded.push(' ');
        }
    }
    folded.split_whitespace().map(squeeze).collect()
}

/// The distinct buckets a text lights, in no particular order.
pub fn features(field: Field, text: &str) -> Vec<u32> {
    let words = words(text);
    let mut seen = vec![0u64; BUCKETS / 64];
    let mut out = Vec::new();
    let mut add = |h: u32| {
        let b = h as usize % BUCKETS;
        if seen[b / 64] & (1 << (b % 64)) == 0 {
            seen[b / 64] |= 1 << (b % 64);
            out.push(b as u32);
        }
    };
    add(hash(FIELD, [field as u32]));
    for (i, w) in words.iter().enumerate() {
        add(hash(WORD, w.bytes().map(u32::from)));
        if let Some(next) = words.get(i + 1) {
            let pair = w.bytes().chain([b' ']).chain(next.bytes());
            add(hash(BIGRAM, pair.map(u32::from)));
        }
    }
    let line: Vec<u32> = std::iter::once(' ' as u32)
        .chain(
            words
                .iter()
                .flat_map(|w| w.chars().chain([' ']))
                .map(u32::from),
        )
        .collect();
    for n in CHAR_GRAMS {
        for g in line.windows(n) {
            add(hash(CHARS ^ (n as u32) << 8, g.iter().copied()));
        }
    }
    out
}

/// Each feature's value: the text's features scaled to unit length, so a long story
/// and a one-liner weigh alike.
pub fn feature_value(features: &[u32]) -> f32 {
    1.0 / (features.len().max(1) as f32).sqrt()
}

/// A trained model: `BUCKETS` weights of one signed byte each (stored as their
/// two's-complement bytes), each times `scale`, and a bias.
#[derive(Debug, Clone)]
pub struct Model<'w> {
    pub scale: f32,
    pub bias: f32,
    pub weights: &'w [u8],
}

impl<'w> Model<'w> {
    /// Reads the file written by the trainer: `scale` and `bias` as little-endian
    /// `f32`, then `BUCKETS` signed bytes. `None` if the file is not that shape.
    pub fn from_bytes(bytes: &'w [u8]) -> Option<Model<'w>> {
        let (head, rest) = bytes.split_at_checked(8)?;
        if rest.len() != BUCKETS {
            return None;
        }
        let f =
            |at: usize| f32::from_le_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
        Some(Model {
            scale: f(0),
            bias: f(4),
            weights: rest,
        })
    }

    /// The probability that the text is heated.
    pub fn probability(&self, field: Field, text: &str) -> f32 {
        let x = features(field, text);
        let v = feature_value(&x);
        let sum: i32 = x
            .iter()
            .map(|&b| i32::from(self.weights[b as usize] as i8))
            .sum();
        let z = self.bias + self.scale * v * sum as f32;
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::corpus::staff_checker;

    #[test]
    fn the_embedded_weights_are_a_model() {
        let model = model().expect("scorer.bin: scale, bias and one byte per bucket");
        assert!(model.scale > 0.0 && model.scale.is_finite());
        assert!(model.weights.iter().any(|&w| w != 0));
        assert!(Model::from_bytes(&WEIGHTS[..WEIGHTS.len() - 1]).is_none());
    }

    /// Threats and wishes of harm in plain words, aimed at a member of staff: each word
    /// is innocent, so no list or construction reads them, and none is in the corpus.
    #[test]
    fn it_catches_threats_in_plain_words_that_the_rules_miss() {
        let rules = staff_checker().with_scorer(false);
        let both = staff_checker().with_scorer(true);
        for text in [
            "I hope your chef burns his hands on that grill",
            "Je vais attendre votre serveur à la fin de son service, il va comprendre",
            "Dites à votre serveur de surveiller ses arrières",
        ] {
            assert!(!rules.check(Field::Complaint, text).is_heated(), "{text}");
            let f = both.check(Field::Complaint, text);
            assert!(f.is_heated(), "{text}");
            assert_eq!(f.heat[0].kind, HeatKind::Insult);
            assert_eq!(&text[f.heat[0].span.start..f.heat[0].span.end], text);
        }
    }

    /// Strong words about the service, food or place, and recourse, stay legitimate
    /// (SPEC §6) with the scorer on.
    #[test]
    fn it_leaves_strong_complaints_and_recourse_alone() {
        let both = staff_checker().with_scorer(true);
        for text in [
            "worst service ever",
            "Awful. Worst service ever, rude staff, never again",
            "Terrible service, the worst ever, avoid",
            "The waiter was rude and slow",
            "The manager was a complete disaster at handling the booking",
            "I'll call my lawyer",
            "I'll report this to the health inspector",
            "service déplorable",
            "Service déplorable, plats minables",
            "Service lamentable, plus jamais",
            "Le serveur était impoli et lent",
            "C'était nul",
            "Je vais porter plainte",
        ] {
            for field in [Field::Complaint, Field::Praise] {
                assert!(!both.check(field, text).is_heated(), "{text}");
            }
        }
    }

    #[test]
    fn an_empty_box_is_not_heated() {
        let both = staff_checker().with_scorer(true);
        for text in ["", "   ", "!!", "\n"] {
            assert!(!both.check(Field::Praise, text).is_heated(), "{text:?}");
        }
    }

    /// Why it is off in the app: a legitimate look-alike of the constructions.
    #[test]
    fn it_reads_a_strong_word_about_a_cook_as_heated() {
        let both = staff_checker().with_scorer(true);
        let text = "The chef is a lousy cook.";
        assert!(!staff_checker()
            .with_scorer(false)
            .check(Field::Complaint, text)
            .is_heated());
        assert!(both.check(Field::Complaint, text).is_heated());
    }

    #[test]
    fn it_speaks_only_where_the_rules_found_nothing() {
        let both = staff_checker().with_scorer(true);
        let f = both.check(
            Field::Complaint,
            "You idiot, I hope your chef burns his hands",
        );
        assert_eq!(f.heat.len(), 1);
        assert_eq!(f.heat[0].span.end, "You idiot".len());
    }
}
