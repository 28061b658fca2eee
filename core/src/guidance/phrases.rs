//! Phrase sets: heated phrases (`get you fired`, `faut ... virer`), ordinary phrases that
//! contain a listed word (`allow.txt`), and phrases where a name is something else
//! (`not_names.txt`). Each is indexed by its first words in the shared [`Lex`] index.

use super::fold::squeeze;
use super::lists::{entry_lines, parse_entry, Entry, Lex, ListError};
use super::scan::Scan;
use super::{FxMap, HeatKind};

/// One word of a list, folded, and squeezed (`connard` → `conard`).
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub(super) w: String,
    pub(super) sq: String,
}

impl Word {
    pub(super) fn new(w: String) -> Word {
        Word { sq: squeeze(&w), w }
    }

    /// Equal, or equal once repeated letters are squeezed and the typed word is no
    /// shorter (`stuuupid`, `connnard`; not `as` for `ass`), or the same word with
    /// letters starred (`thick as pigsh*t`), at least two of them shown.
    pub(super) fn matches(&self, hkey: &str, sq: &str) -> bool {
        hkey == self.w
            || (sq.len() < hkey.len() && sq == self.sq && hkey.len() >= self.w.len())
            || (hkey.contains('*')
                && hkey.chars().count() == self.w.chars().count()
                && hkey.chars().filter(|&c| c != '*').count() >= 2
                && hkey
                    .chars()
                    .zip(self.w.chars())
                    .all(|(a, b)| a == b || a == '*'))
    }
}

#[derive(Debug, Clone)]
pub(super) enum Alt {
    Word(Word),
    /// `@name`: any configured staff name.
    Name,
}

#[derive(Debug, Clone)]
pub(super) struct Step {
    /// How many other words may come before this one (0, or [`GAP`] after `...`).
    pub(super) gap: usize,
    pub(super) alts: Vec<Alt>,
}

#[derive(Debug, Clone)]
pub(super) struct Phrase {
    pub(super) kind: HeatKind,
    pub(super) steps: Vec<Step>,
}

/// Which phrase set: the heated phrases, the allowed phrases, the not-name phrases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum SetId {
    #[default]
    Heated,
    Allowed,
    NotNames,
}

/// Phrases of each set that start with one word, by their place in the set.
#[derive(Debug, Default)]
pub(super) struct Starts {
    heated: Vec<usize>,
    allowed: Vec<usize>,
    not_names: Vec<usize>,
}

impl Starts {
    pub(super) fn of(&self, set: SetId) -> &[usize] {
        match set {
            SetId::Heated => &self.heated,
            SetId::Allowed => &self.allowed,
            SetId::NotNames => &self.not_names,
        }
    }

    fn of_mut(&mut self, set: SetId) -> &mut Vec<usize> {
        match set {
            SetId::Heated => &mut self.heated,
            SetId::Allowed => &mut self.allowed,
            SetId::NotNames => &mut self.not_names,
        }
    }
}

/// Phrases; their first words are indexed in [`Lists::lex`].
#[derive(Debug, Default)]
pub(super) struct PhraseSet {
    /// Which of [`Lex::starts`] indexes this set.
    pub(super) set: SetId,
    pub(super) phrases: Vec<Phrase>,
    /// Phrases that start with `@name`.
    pub(super) name_led: Vec<usize>,
    pub(super) longest: usize,
}

impl PhraseSet {
    pub(super) fn add(&mut self, phrase: Phrase) {
        let id = self.phrases.len();
        self.longest = self.longest.max(phrase.steps.len());
        if phrase.steps[0].alts.iter().any(|a| matches!(a, Alt::Name)) {
            self.name_led.push(id);
        }
        self.phrases.push(phrase);
    }

    /// Adds the first words of the phrases to the index.
    pub(super) fn index(&self, lex: &mut FxMap<String, Lex>) {
        for (id, phrase) in self.phrases.iter().enumerate() {
            for alt in &phrase.steps[0].alts {
                if let Alt::Word(w) = alt {
                    for k in [&w.w, &w.sq] {
                        let ids = lex.entry(k.clone()).or_default().starts.of_mut(self.set);
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                }
            }
        }
    }

    /// A set of plain phrases (`allow.txt`, `not_names.txt`): no gaps, no `~`, no `*`.
    pub(super) fn parse(
        text: &str,
        file: &'static str,
        set: SetId,
        errors: &mut Vec<ListError>,
    ) -> PhraseSet {
        let mut set = PhraseSet {
            set,
            ..PhraseSet::default()
        };
        for (n, line) in entry_lines(text) {
            let steps = match parse_entry(line) {
                Ok(Entry::Phrase(steps)) => steps,
                Ok(Entry::Word(w, false)) => vec![Step {
                    gap: 0,
                    alts: vec![Alt::Word(Word::new(w))],
                }],
                Ok(_) => {
                    errors.push((file, n, "no ~ or word* here"));
                    continue;
                }
                Err(e) => {
                    errors.push((file, n, e));
                    continue;
                }
            };
            if steps.iter().any(|s| s.gap > 0) {
                errors.push((file, n, "no ... here"));
                continue;
            }
            // The kind of these phrases is not used.
            set.add(Phrase {
                kind: HeatKind::Insult,
                steps,
            });
        }
        set
    }

    pub(super) fn step_matches(step: &Step, scan: &Scan, i: usize) -> bool {
        let (h, sq) = (scan.hkey(i), scan.sq(i));
        step.alts.iter().any(|alt| match alt {
            Alt::Word(w) => w.matches(h, sq),
            Alt::Name => scan.is_name(i),
        })
    }

    /// The last word of `phrase` matched from word `i` at step `s`, if it matches.
    pub(super) fn match_from(
        phrase: &Phrase,
        s: usize,
        scan: &Scan,
        i: usize,
        sentence: u32,
    ) -> Option<usize> {
        let step = &phrase.steps[s];
        for j in i..=i + step.gap {
            let t = scan.toks.get(j)?;
            if t.sentence != sentence {
                return None;
            }
            if Self::step_matches(step, scan, j) {
                if s + 1 == phrase.steps.len() {
                    return Some(j);
                }
                if let Some(end) = Self::match_from(phrase, s + 1, scan, j + 1, sentence) {
                    return Some(end);
                }
            }
        }
        None
    }

    /// Phrases that may start at word `i`.
    pub(super) fn candidates<'a>(
        &'a self,
        scan: &Scan,
        i: usize,
    ) -> impl Iterator<Item = usize> + 'a {
        let [h, s] = scan.lex(i);
        let set = self.set;
        let n = if scan.is_name(i) {
            &self.name_led[..]
        } else {
            &[]
        };
        h.into_iter()
            .chain(s)
            .flat_map(move |l| l.starts.of(set).iter())
            .chain(n.iter())
            .copied()
    }

    /// Every match: (kind, first word, last word).
    pub(super) fn find(&self, scan: &Scan, out: &mut Vec<(HeatKind, usize, usize)>) {
        for i in 0..scan.toks.len() {
            let sentence = scan.toks[i].sentence;
            for id in self.candidates(scan, i) {
                let phrase = &self.phrases[id];
                if let Some(end) = Self::match_from(phrase, 0, scan, i, sentence) {
                    out.push((phrase.kind, i, end));
                }
            }
        }
    }

    /// Whether a phrase matches over all of words `first..=last`.
    pub(super) fn covers(&self, scan: &Scan, first: usize, last: usize) -> bool {
        let from = first.saturating_sub(self.longest.saturating_sub(1));
        (from..=first).any(|i| {
            let sentence = scan.toks[i].sentence;
            self.candidates(scan, i).any(|id| {
                Self::match_from(&self.phrases[id], 0, scan, i, sentence)
                    .is_some_and(|end| end >= last)
            })
        })
    }
}
