//! A small learned scorer for heated language, behind the rules: hashed word and
//! character n-grams and a logistic regression over naive Bayes-scaled features,
//! trained offline on labelled texts (the tuning part of `core/guidance/corpus.tsv` and
//! any extra labelled files; the app's weights on the 4,179 texts it held before the
//! seventh review) (`examples/guidance_bench/lab.rs`, fixed seed), its weights quantised
//! to one signed byte each and its threshold chosen by cross-validation. The figures
//! and the decision are in `core/guidance/README.md` ("Learned scorer, seventh review").
//!
//! The features are shared by the trainer and the app, so a model trained offline
//! reads text exactly as the app will. It speaks only where the rules found nothing,
//! and then calls the whole text heated (an `Insult` spanning it): it knows that a text
//! reads heated, not where.

use super::classes::{KIND, PRONOUN, ROLE, ROLE_EN};
use super::fold::{fold_into, squeeze_into};
use super::lists::loaded;
use super::{Field, HeatHit, HeatKind, Span};

/// Whether the app runs the scorer behind the rules: on. On blind part v8 it finds 9
/// more heated texts of 112 than the rules alone and no legitimate one
/// (`core/guidance/README.md`, "Learned scorer, seventh review"); `bench/guidance
/// --scorer off` measures the rules alone.
pub const IN_APP: bool = true;

/// The weights and threshold, written by `cargo run --release -p evenhand-core
/// --example guidance_bench -- --train-scorer [--extra FILE...]`.
const WEIGHTS: &[u8] = include_bytes!("../../guidance/scorer.bin");

/// The whole text as one heated passage, when the scorer reads it as heated. Nothing
/// if the embedded weights are not the expected shape (a test holds them to it).
pub(super) fn heated(field: Field, text: &str, staff: &[String]) -> Option<HeatHit> {
    // An empty box is nobody's insult, whatever the bias says.
    if !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    let model = Model::from_bytes(WEIGHTS)?;
    let trimmed = text.trim_end();
    let start = trimmed.len() - trimmed.trim_start().len();
    (model.probability(field, text, staff) >= model.threshold).then_some(HeatHit {
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

/// What the scorer reads: how many hash buckets (one weight each), and which feature
/// families besides the word 1-2-grams and character 3- to 5-grams. The trainer tries
/// other designs (`bench/guidance --scorer-lab`); the app reads text with [`DESIGN`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Design {
    /// A power of two.
    pub buckets: usize,
    /// Word pairs across a person reference: staff names, roles and pronouns read as one
    /// `PERSON` word ("PERSON is a", "hope PERSON", "PERSON _ _ fired"), so an attack
    /// reads alike whoever it is aimed at.
    pub person: bool,
    /// Word skip-bigrams (`w _ w`) and trigrams everywhere.
    pub skips: bool,
    /// Leaves out a verdict on someone's work ("a lousy cook", « un piètre serveur »),
    /// which SPEC §6 keeps legitimate however strong ([`drop_trade_verdicts`]).
    pub trades: bool,
}

/// The design of the embedded weights.
pub const DESIGN: Design = Design {
    buckets: 16384,
    person: false,
    skips: false,
    trades: true,
};

/// Hash buckets of the embedded weights.
pub const BUCKETS: usize = DESIGN.buckets;
/// Character n-gram lengths, over the folded text with single spaces between words.
const CHAR_GRAMS: std::ops::RangeInclusive<usize> = 3..=5;

/// Feature families, hashed apart so a word and the same letters as a character
/// n-gram do not share a bucket by construction.
const WORD: u32 = 1;
const BIGRAM: u32 = 2;
const CHARS: u32 = 3;
const FIELD: u32 = 4;
const AROUND_PERSON: u32 = 5;
const SKIP: u32 = 6;
const TRIGRAM: u32 = 7;

/// FNV-1a over `bytes`, seeded by the feature family.
fn hash(family: u32, bytes: impl IntoIterator<Item = u32>) -> u32 {
    bytes.into_iter().fold(seed(family), step)
}

fn seed(family: u32) -> u32 {
    0x811c_9dc5 ^ family.wrapping_mul(0x9e37_79b9)
}

/// One FNV-1a step.
fn step(h: u32, b: u32) -> u32 {
    (h ^ b).wrapping_mul(0x0100_0193)
}

/// [`hash`] of words joined by single spaces, without building the string.
fn hash_words(family: u32, words: &[&str]) -> u32 {
    let bytes = words.iter().enumerate().flat_map(|(i, w)| {
        let space = (i > 0).then_some(b' ');
        space.into_iter().chain(w.bytes())
    });
    hash(family, bytes.map(u32::from))
}

/// The words of `text`, folded (lower case, no accents), with digits and `*` kept as
/// typed: as folded, and squeezed (`stuuupid` → `stupid`).
/// Both as one string with single spaces between words, which [`pairs`] splits.
fn words(text: &str) -> (String, String) {
    let mut folded = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if c.is_alphanumeric() || c == '*' {
            fold_into(c, &mut folded);
        } else if !folded.ends_with(' ') {
            folded.push(' ');
        }
    }
    // No letter repeats across the space between two words, so squeezing the whole
    // text squeezes each word.
    let mut squeezed = String::with_capacity(folded.len());
    squeeze_into(&folded, &mut squeezed);
    (folded, squeezed)
}

/// Each word as folded and as squeezed.
fn pairs((folded, squeezed): &(String, String)) -> Vec<(&str, &str)> {
    folded
        .split_whitespace()
        .zip(squeezed.split_whitespace())
        .collect()
}

/// The parts of `staff`'s names, folded, of three letters or more (`jean`, `marc`,
/// `arcy`): a guest writes "Jean-Marc" as "jean marc" or "Marc".
fn name_parts(staff: &[String]) -> Vec<String> {
    let mut parts = Vec::new();
    for name in staff {
        let mut folded = String::with_capacity(name.len());
        for c in name.chars() {
            fold_into(c, &mut folded);
        }
        parts.extend(
            folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|p| p.len() >= 3)
                .map(str::to_owned),
        );
    }
    parts
}

/// Whether a folded word names a person: a part of a staff name, or a role or pronoun
/// of `address.txt`.
fn is_person(word: &str, names: &[String]) -> bool {
    names.iter().any(|n| n == word)
        || loaded()
            .and_then(|l| l.lex.get(word))
            .is_some_and(|l| l.class & (ROLE | ROLE_EN | PRONOUN) != 0)
}

/// Words of the role classes that name a person rather than a trade: "a vile person",
/// « un pauvre mec » are verdicts on the person.
const NOT_A_TRADE: [&str; 4] = ["person", "human", "mec", "gars"];

/// Whether a folded word is a trade: a role of `address.txt` ("cook", « serveur »).
fn is_trade(word: &str) -> bool {
    !NOT_A_TRADE.contains(&word)
        && loaded()
            .and_then(|l| l.lex.get(word))
            .is_some_and(|l| l.class & (ROLE | ROLE_EN) != 0)
}

/// `words` without the verdicts on someone's work: an article, one or two words and a
/// trade ("a lousy cook", "a really bad waiter", « un piètre cuisinier »), and without
/// « type de », « manque de » and the other kinds of `address.txt`. Calling a
/// cook a lousy cook judges the cooking, a strong complaint; the words around it
/// ("the chef is") are what any verdict on a person reads like, so the scorer must not
/// see the two together.
fn drop_trade_verdicts(words: &mut Vec<(&str, &str)>) {
    let mut i = 0;
    while i < words.len() {
        let article = matches!(words[i].0, "a" | "an" | "un" | "une");
        let end = article
            .then(|| (i + 2..=i + 3).find(|&j| words.get(j).is_some_and(|(f, _)| is_trade(f))))
            .flatten();
        // « ce type de serveur », « ce manque de serveurs »: what kind or how many
        // staff, not who (the class the rules read this look-alike by).
        let kind = matches!(words.get(i + 1), Some((f, _)) if *f == "de" || *f == "d")
            && loaded()
                .and_then(|l| l.lex.get(words[i].0))
                .is_some_and(|l| l.class & KIND != 0);
        match end {
            Some(j) => {
                words.drain(i..=j);
            }
            None if kind => {
                words.drain(i..=i + 1);
            }
            _ => i += 1,
        }
    }
}

/// The distinct buckets a text lights, in no particular order, as the app reads it.
pub fn features(field: Field, text: &str, staff: &[String]) -> Vec<u32> {
    features_of(&DESIGN, field, text, staff)
}

/// The distinct buckets a text lights under `design`, in no particular order.
pub fn features_of(design: &Design, field: Field, text: &str, staff: &[String]) -> Vec<u32> {
    let buckets = design.buckets;
    let text = words(text);
    let mut pairs = pairs(&text);
    if design.trades {
        drop_trade_verdicts(&mut pairs);
    }
    let words: Vec<&str> = pairs.iter().map(|(_, s)| *s).collect();
    let mut seen = vec![0u64; buckets.div_ceil(64)];
    let mut out = Vec::new();
    // A power of two, so a mask and not a division picks the bucket.
    let mask = buckets.next_power_of_two() - 1;
    debug_assert_eq!(mask + 1, buckets);
    let mut add = |h: u32| {
        let b = h as usize & mask;
        if seen[b / 64] & (1 << (b % 64)) == 0 {
            seen[b / 64] |= 1 << (b % 64);
            out.push(b as u32);
        }
    };
    add(hash(FIELD, [field as u32]));
    for (i, w) in words.iter().enumerate() {
        add(hash(WORD, w.bytes().map(u32::from)));
        if let Some(next) = words.get(i + 1) {
            add(hash_words(BIGRAM, &[w, next]));
        }
        if design.skips {
            if let Some(skip) = words.get(i + 2) {
                add(hash_words(SKIP, &[w, skip]));
                add(hash_words(TRIGRAM, &[w, words[i + 1], skip]));
            }
        }
    }
    if design.person {
        // `PERSON` stands for each person reference; the n-grams that touch one.
        const PERSON: &str = "\u{1}";
        let names = name_parts(staff);
        let seq: Vec<&str> = pairs
            .iter()
            .map(|&(f, s)| {
                if is_person(f, &names) || (f != s && is_person(s, &names)) {
                    PERSON
                } else {
                    s
                }
            })
            .collect();
        for (i, _) in seq.iter().enumerate().filter(|(_, w)| **w == PERSON) {
            let at = |j: usize| seq.get(j).copied();
            let before = |d: usize| i.checked_sub(d).and_then(at);
            let mut gram = |ws: &[Option<&str>]| {
                if ws.iter().all(Option::is_some) {
                    let ws: Vec<&str> = ws.iter().flatten().copied().collect();
                    add(hash_words(AROUND_PERSON, &ws));
                }
            };
            gram(&[Some(PERSON), at(i + 1)]);
            gram(&[Some(PERSON), at(i + 1), at(i + 2)]);
            gram(&[Some(PERSON), Some("_"), at(i + 2)]);
            gram(&[Some(PERSON), Some("_"), Some("_"), at(i + 3)]);
            gram(&[before(1), Some(PERSON)]);
            gram(&[before(2), before(1), Some(PERSON)]);
            gram(&[before(2), Some("_"), Some(PERSON)]);
        }
    }
    let line: Vec<char> = std::iter::once(' ')
        .chain(words.iter().flat_map(|w| w.chars().chain([' '])))
        .collect();
    // Each n-gram's hash continues the one of its first n-1 characters, so one pass
    // from each place gives the 3-, 4- and 5-grams that start there.
    for start in 0..line.len() {
        let mut h = seed(CHARS);
        for (n, &c) in line[start..].iter().take(*CHAR_GRAMS.end()).enumerate() {
            h = step(h, u32::from(c));
            if n + 1 >= *CHAR_GRAMS.start() {
                add(h);
            }
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
/// two's-complement bytes), each times `scale`, a bias, and the probability at or above
/// which the scorer calls a text heated that the rules left alone (chosen by the
/// trainer on cross-validation: high, since a guest wrongly told off stops trusting
/// the kiosk).
#[derive(Debug, Clone)]
pub struct Model<'w> {
    pub scale: f32,
    pub bias: f32,
    pub threshold: f32,
    pub weights: &'w [u8],
}

impl<'w> Model<'w> {
    /// Reads the file written by the trainer: `scale`, `bias` and `threshold` as
    /// little-endian `f32`, then `BUCKETS` signed bytes. `None` if the file is not that
    /// shape.
    pub fn from_bytes(bytes: &'w [u8]) -> Option<Model<'w>> {
        let (head, rest) = bytes.split_at_checked(12)?;
        if rest.len() != BUCKETS {
            return None;
        }
        let f =
            |at: usize| f32::from_le_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
        Some(Model {
            scale: f(0),
            bias: f(4),
            threshold: f(8),
            weights: rest,
        })
    }

    /// The probability that the text is heated.
    pub fn probability(&self, field: Field, text: &str, staff: &[String]) -> f32 {
        let x = features(field, text, staff);
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
    /// is innocent, so no list or construction reads them, and none is in the corpus or
    /// the training files, or close to a text there.
    #[test]
    fn it_catches_threats_in_plain_words_that_the_rules_miss() {
        let rules = staff_checker().with_scorer(false);
        let both = staff_checker().with_scorer(true);
        for text in [
            "Your cashier should be careful, people like her end up getting hurt",
            // The seventh review's rules read "Hope the cook slips on his own grease"
            // (a wish of harm after "hope"), so this takes its place.
            "Hope the cook cuts himself on his own knives",
            "Je vais attendre votre serveur à la fin de son service, il va comprendre",
            "J'espère que la serveuse va se brûler avec son café",
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

    /// A verdict on someone's work is a strong complaint (SPEC §6): the scorer does not
    /// read it, and reads the rest of the text as before.
    #[test]
    fn it_leaves_a_verdict_on_someones_work_alone() {
        let rules = staff_checker().with_scorer(false);
        let both = staff_checker().with_scorer(true);
        for text in [
            "The chef is a lousy cook.",
            "Le cuisinier est un piètre cuisinier.",
            "Our server was a really slow waiter, but friendly",
            "Ce manque de serveurs et ce type de serveur pressé, dommage.",
        ] {
            assert!(!rules.check(Field::Complaint, text).is_heated(), "{text}");
            assert!(!both.check(Field::Complaint, text).is_heated(), "{text}");
        }
        let text = "The chef is a lousy cook, and your cashier should be careful, people like her \
                    end up getting hurt";
        assert!(!rules.check(Field::Complaint, text).is_heated());
        assert!(both.check(Field::Complaint, text).is_heated());
    }

    #[test]
    fn verdicts_on_a_trade_and_kinds_of_staff_are_left_out_of_the_words() {
        let left = |text: &str| {
            let text = words(text);
            let mut w = pairs(&text);
            drop_trade_verdicts(&mut w);
            w.into_iter().map(|(f, _)| f).collect::<Vec<_>>().join(" ")
        };
        assert_eq!(left("The chef is a lousy cook."), "the chef is");
        assert_eq!(left("She's a really bad waitress!"), "she s");
        assert_eq!(
            left("Le cuisinier est un piètre cuisinier"),
            "le cuisinier est"
        );
        assert_eq!(left("ce type de serveur"), "ce serveur");
        // A person, not a trade: the verdict stays for the scorer to read.
        assert_eq!(left("he is a vile person"), "he is a vile person");
        assert_eq!(left("t'es un pauvre mec"), "t es un pauvre mec");
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
