//! Guidance that protects staff (SPEC §6): staff names and heated language.
//! It never blocks sending and never alters the guest's words; it only points things out.
//!
//! Hand-written matching over a folded token stream rather than a regex engine: the
//! checks are word-list lookups and short phrase matches, and the `regex` crate would
//! add tens of KB to a wasm bundle whose first load is budgeted at 150 KB.
//!
//! - Text is split into words of letters; accents are folded (`é` → `e`, `œ` → `oe`)
//!   and case ignored. Apostrophes split words, so `Amy's`, `Amy’s` and `d'Amy` all
//!   contain the word `amy`; `Amyot` and `Lamy` do not.
//! - For heated language, a word is also read with common obfuscation undone (`0` → `o`,
//!   `1` → `i`, `3` → `e`, `4`/`@` → `a`, `$`/`5` → `s`, `7` → `t`, `*` matches any
//!   letter), runs of one letter collapsed (`stuuupid` → `stupid`), single letters
//!   spelled out joined (`s.t.u.p.i.d`), and a plural `s`/`x` dropped.
//! - Shouting: at least 12 letters, 70 % or more of them capitals; or a run of three
//!   or more `!`/`?`.
//! - Word lists live in `core/guidance/*.txt`, one entry per line; an entry of several
//!   words is a phrase matched word by word.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A byte range in the checked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A configured staff name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHit {
    /// The name as configured (`Jean-Marc`), not as typed.
    pub name: String,
    pub span: Span,
}

/// Why a passage reads as heated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeatKind {
    Insult,
    Slur,
    Threat,
    Dehumanising,
    Shouting,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatHit {
    pub kind: HeatKind,
    pub span: Span,
}

/// Everything guidance noticed in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    pub names: Vec<NameHit>,
    pub heat: Vec<HeatHit>,
}

impl Findings {
    pub fn is_heated(&self) -> bool {
        !self.heat.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.heat.is_empty()
    }
}

/// The reviewed word lists, compiled in.
pub const LISTS: [(HeatKind, &str, &str); 8] = [
    (
        HeatKind::Insult,
        "insults.en.txt",
        include_str!("../guidance/insults.en.txt"),
    ),
    (
        HeatKind::Insult,
        "insults.fr.txt",
        include_str!("../guidance/insults.fr.txt"),
    ),
    (
        HeatKind::Slur,
        "slurs.en.txt",
        include_str!("../guidance/slurs.en.txt"),
    ),
    (
        HeatKind::Slur,
        "slurs.fr.txt",
        include_str!("../guidance/slurs.fr.txt"),
    ),
    (
        HeatKind::Threat,
        "threats.en.txt",
        include_str!("../guidance/threats.en.txt"),
    ),
    (
        HeatKind::Threat,
        "threats.fr.txt",
        include_str!("../guidance/threats.fr.txt"),
    ),
    (
        HeatKind::Dehumanising,
        "dehumanising.en.txt",
        include_str!("../guidance/dehumanising.en.txt"),
    ),
    (
        HeatKind::Dehumanising,
        "dehumanising.fr.txt",
        include_str!("../guidance/dehumanising.fr.txt"),
    ),
];

/// The entries of a list file: trimmed, without blank lines and `#` comments.
pub fn entries(list: &str) -> impl Iterator<Item = &str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Ordinary phrases containing a listed word (`pros and cons`, `hot dog`): a heated
/// match wholly inside one is not reported.
const ALLOW: &str = include_str!("../guidance/allow.txt");
/// Phrases in which a staff name is not that person (`tom yum`, `amy winehouse`).
const NOT_NAMES: &str = include_str!("../guidance/not_names.txt");
/// Word classes that make a dehumanising word aimed at a person (`you pig`,
/// `espèce de porc`, `ce porc de serveur`), unlike `pulled pig` or `filet de porc`.
const CONTEXT: &str = include_str!("../guidance/context.txt");

/// One word of a phrase: its alternatives (`a|b`), or any word (`*`).
type Slot = Vec<String>;

/// A phrase: one slot per word.
type Phrase = Vec<Slot>;

fn parse_phrase(entry: &str) -> Phrase {
    entry
        .split_whitespace()
        .map(|word| {
            word.split('|')
                .flat_map(|alt| {
                    if alt == "*" {
                        vec!["*".to_string()]
                    } else {
                        tokens(alt).map(|t| collapse(&t.folded)).collect()
                    }
                })
                .collect()
        })
        .filter(|slot: &Slot| !slot.is_empty())
        .collect()
}

/// Whether `phrase` matches the words starting at `at`.
fn phrase_at(words: &[String], at: usize, phrase: &Phrase) -> bool {
    words.get(at..at + phrase.len()).is_some_and(|window| {
        window.iter().zip(phrase).all(|(w, slot)| {
            slot.iter()
                .any(|alt| alt == "*" || alt == w || forms(w).contains(&Some(alt.as_str())))
        })
    })
}

/// Phrases indexed by the alternatives of their first word, so a scan only tries the
/// phrases that can start at each word.
type PhraseIndex = HashMap<String, Vec<Phrase>>;

fn index(phrases: impl Iterator<Item = Phrase>) -> PhraseIndex {
    let mut idx = PhraseIndex::new();
    for p in phrases {
        for first in p.first().cloned().unwrap_or_default() {
            idx.entry(first).or_default().push(p.clone());
        }
    }
    idx
}

/// Token ranges `[start, end)` covered by any of the indexed phrases.
fn covered(words: &[String], phrases: &PhraseIndex) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (at, word) in words.iter().enumerate() {
        let candidates = forms(word)
            .into_iter()
            .flatten()
            .filter_map(|f| phrases.get(f))
            .flatten();
        for p in candidates {
            if phrase_at(words, at, p) {
                out.push((at, at + p.len()));
            }
        }
    }
    out
}

/// Heated vocabulary, prepared once per page.
struct Lexicon {
    /// Single words (collapsed) → kind.
    words: HashMap<String, HeatKind>,
    /// Phrases keyed by their first (collapsed) word; `*` for a wildcard first word.
    phrases: HashMap<String, Vec<(Phrase, HeatKind)>>,
    /// Single words by length, for tokens with `*` in them.
    by_len: HashMap<usize, Vec<(String, HeatKind)>>,
    allow: PhraseIndex,
    not_names: PhraseIndex,
    /// Sections of `context.txt`: `before`, `group`, `of`, `article`, `copula`, `lead`, `person`.
    context: HashMap<String, HashSet<String>>,
}

impl Lexicon {
    fn in_class(&self, class: &str, word: Option<&String>) -> bool {
        word.is_some_and(|w| self.context.get(class).is_some_and(|set| set.contains(w)))
    }
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lex = Lexicon {
            words: HashMap::new(),
            phrases: HashMap::new(),
            by_len: HashMap::new(),
            allow: index(entries(ALLOW).map(parse_phrase)),
            not_names: index(entries(NOT_NAMES).map(parse_phrase)),
            context: HashMap::new(),
        };
        for (kind, _, list) in LISTS {
            for entry in entries(list) {
                let phrase = parse_phrase(entry);
                match phrase.as_slice() {
                    [] => {}
                    [one] if one.len() == 1 && one[0] != "*" => {
                        lex.words.insert(one[0].clone(), kind);
                        lex.by_len
                            .entry(one[0].len())
                            .or_default()
                            .push((one[0].clone(), kind));
                    }
                    [first, ..] => {
                        for key in first {
                            lex.phrases
                                .entry(key.clone())
                                .or_default()
                                .push((phrase.clone(), kind));
                        }
                    }
                }
            }
        }
        let mut section = String::new();
        for line in entries(CONTEXT) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_string();
                continue;
            }
            let set = lex.context.entry(section.clone()).or_default();
            set.extend(tokens(line).map(|t| collapse(&t.folded)));
        }
        lex
    })
}

/// Prepared once per config so a keystroke only pays for the scan.
#[derive(Debug, Clone, Default)]
pub struct Checker {
    staff_names: Vec<String>,
    /// Each configured name as folded words (`Jean-Marc` → `["jean", "marc"]`).
    name_words: Vec<Vec<String>>,
}

impl Checker {
    pub fn new(staff_names: &[String]) -> Checker {
        Checker {
            staff_names: staff_names.to_vec(),
            name_words: staff_names
                .iter()
                .map(|n| tokens(n).map(|t| t.folded).collect())
                .collect(),
        }
    }

    pub fn check(&self, text: &str) -> Findings {
        let toks: Vec<Token> = tokens(text).collect();
        Findings {
            names: self.names(text, &toks),
            heat: heat(text, &toks),
        }
    }

    fn names(&self, text: &str, toks: &[Token]) -> Vec<NameHit> {
        let lex = lexicon();
        let folded: Vec<String> = toks.iter().map(|t| collapse(&t.folded)).collect();
        let not_names = covered(&folded, &lex.not_names);
        let mut hits = Vec::new();
        for (name, words) in self.staff_names.iter().zip(&self.name_words) {
            if words.is_empty() {
                continue;
            }
            let joined_name = words.concat();
            for i in 0..toks.len() {
                if words.len() > 1 && toks[i].folded == joined_name {
                    hits.push(NameHit {
                        name: name.clone(),
                        span: Span {
                            start: toks[i].start,
                            end: toks[i].end,
                        },
                    });
                    continue;
                }
                if not_names
                    .iter()
                    .any(|&(a, b)| a <= i && i + words.len() <= b)
                {
                    continue;
                }
                let Some(window) = toks.get(i..i + words.len()) else {
                    break;
                };
                let same = window.iter().zip(words).all(|(t, w)| &t.folded == w);
                // Words of a compound name may be joined by spaces or hyphens only.
                let joined = window.windows(2).all(|p| {
                    text[p[0].end..p[1].start]
                        .chars()
                        .all(|c| c == ' ' || c == '-')
                });
                if same && joined {
                    hits.push(NameHit {
                        name: name.clone(),
                        span: Span {
                            start: window[0].start,
                            end: window[window.len() - 1].end,
                        },
                    });
                }
            }
        }
        hits
    }
}

/// Configured names present in any of the texts, deduplicated, in config order.
pub fn names_mentioned(checker: &Checker, findings: &[&Findings]) -> Vec<String> {
    checker
        .staff_names
        .iter()
        .filter(|n| {
            findings
                .iter()
                .any(|f| f.names.iter().any(|h| &h.name == *n))
        })
        .cloned()
        .collect()
}

/// A word of the text: its byte span, its folded letters, and its de-obfuscated form.
#[derive(Debug)]
struct Token {
    start: usize,
    end: usize,
    /// Lower-case, accents folded, letters only.
    folded: String,
    /// Like `folded`, with look-alike digits and symbols read as letters (`*` kept).
    deobfuscated: String,
}

/// Splits text into words. Look-alike digits and symbols inside a word stay in it.
fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to a letter, or a look-alike digit right before a letter (`1diot`).
        while let Some(&(_, c)) = chars.peek() {
            if fold(c).is_some() {
                break;
            }
            let mut ahead = chars.clone();
            ahead.next();
            let letter_next = ahead.peek().is_some_and(|&(_, n)| fold(n).is_some());
            if (c.is_ascii_digit() || c == '@' || c == '$')
                && look_alike(c).is_some()
                && letter_next
            {
                break;
            }
            chars.next();
        }
        let &(start, _) = chars.peek()?;
        let mut end = start;
        let mut folded = String::new();
        let mut deobfuscated = String::new();
        while let Some(&(i, c)) = chars.peek() {
            if let Some(f) = fold(c) {
                folded.push_str(f);
                deobfuscated.push_str(f);
            } else if let Some(l) = look_alike(c) {
                deobfuscated.push(l);
            } else {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some(Token {
            start,
            end,
            folded,
            deobfuscated,
        })
    })
}

/// A letter, lower-cased and without accents; `None` for anything else.
fn fold(c: char) -> Option<&'static str> {
    const ASCII: [&str; 26] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
        "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    let lower = c.to_ascii_lowercase();
    if lower.is_ascii_lowercase() {
        return Some(ASCII[(lower as u8 - b'a') as usize]);
    }
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ß' => "ss",
        _ => return None,
    })
}

/// Digits and symbols people use in place of letters to dodge filters.
fn look_alike(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        '*' => '*',
        _ => return None,
    })
}

/// Collapses runs of one letter: `stuuupid` → `stupid`, `connard` → `conard`.
fn collapse(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut last = None;
    for c in word.chars() {
        if last != Some(c) || c == '*' {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// The forms of a word to look up: as written, and without a plural or feminine ending.
fn forms(word: &str) -> [Option<&str>; 2] {
    [
        Some(word),
        word.strip_suffix('s').or_else(|| word.strip_suffix('x')),
    ]
}

fn lookup(lex: &Lexicon, word: &str) -> Option<HeatKind> {
    if word.contains('*') {
        let pattern: Vec<char> = word.chars().collect();
        return lex
            .by_len
            .get(&word.len())?
            .iter()
            .find_map(|(entry, kind)| {
                entry
                    .chars()
                    .zip(&pattern)
                    .all(|(e, p)| *p == '*' || e == *p)
                    .then_some(*kind)
            });
    }
    forms(word)
        .into_iter()
        .flatten()
        .find_map(|f| lex.words.get(f).copied())
}

fn heat(text: &str, toks: &[Token]) -> Vec<HeatHit> {
    let lex = lexicon();
    // (kind, first token, one past the last token)
    let mut found: Vec<(HeatKind, usize, usize)> = Vec::new();
    let words: Vec<String> = toks.iter().map(|t| collapse(&t.deobfuscated)).collect();
    let mut i = 0;
    while i < toks.len() {
        // Single letters spelled out: s.t.u.p.i.d, c o n n a r d.
        let mut j = i;
        while j < toks.len() && toks[j].deobfuscated.chars().count() == 1 {
            j += 1;
        }
        if j - i >= 3 {
            let joined: String = toks[i..j].iter().map(|t| t.deobfuscated.as_str()).collect();
            if let Some(kind) = lookup(lex, &collapse(&joined)) {
                found.push((kind, i, j));
                i = j;
                continue;
            }
        }
        let phrase = lex
            .phrases
            .get(&words[i])
            .into_iter()
            .chain(lex.phrases.get("*"))
            .flatten()
            .find(|(p, _)| phrase_at(&words, i, p));
        if let Some((p, kind)) = phrase {
            found.push((*kind, i, i + p.len()));
        } else if let Some(kind) = lookup(lex, &words[i]) {
            found.push((kind, i, i + 1));
        }
        i += 1;
    }
    let allowed = covered(&words, &lex.allow);
    let insults: HashSet<usize> = found
        .iter()
        .filter(|f| matches!(f.0, HeatKind::Insult | HeatKind::Slur))
        .map(|f| f.1)
        .collect();
    let insult_at = |k: usize| insults.contains(&k);
    let mut hits: Vec<HeatHit> = found
        .iter()
        .filter(|&&(_, a, b)| !allowed.iter().any(|&(x, y)| x <= a && b <= y))
        .filter(|&&(kind, a, b)| {
            kind != HeatKind::Dehumanising || aimed_at_a_person(lex, &words, a, b, insult_at)
        })
        .map(|&(kind, a, b)| hit(kind, toks[a].start, toks[b - 1].end))
        .collect();
    hits.extend(shouting(text));
    hits
}

/// A dehumanising word counts only when aimed at a person: `you pig`, `what a pig`,
/// `is a pig`, `bande de cochons`, `ce porc de serveur`, `cochon stupide`.
fn aimed_at_a_person(
    lex: &Lexicon,
    w: &[String],
    a: usize,
    b: usize,
    insult_at: impl Fn(usize) -> bool,
) -> bool {
    let before = |n: usize| a.checked_sub(n).and_then(|k| w.get(k));
    let after = |n: usize| w.get(b + n - 1);
    lex.in_class("before", before(1))
        || lex.in_class("lead", before(1))
        || (lex.in_class("article", before(1))
            && (lex.in_class("copula", before(2)) || lex.in_class("lead", before(2))))
        || (lex.in_class("of", before(1)) && lex.in_class("group", before(2)))
        || (lex.in_class("of", after(1)) && lex.in_class("person", after(2)))
        || (a > 0 && insult_at(a - 1))
        || insult_at(b)
}

fn hit(kind: HeatKind, start: usize, end: usize) -> HeatHit {
    HeatHit {
        kind,
        span: Span { start, end },
    }
}

/// Capitals over most of a long enough text, or runs of `!`/`?`.
fn shouting(text: &str) -> Vec<HeatHit> {
    let mut hits = Vec::new();
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in text.chars().filter(|c| fold(*c).is_some()) {
        letters += 1;
        // ASCII and Latin-1 capitals: no Unicode case tables in the wasm.
        if c.is_ascii_uppercase() || ('À'..='Þ').contains(&c) || c == 'Œ' || c == 'Ÿ' {
            upper += 1;
        }
    }
    if letters >= 12 && upper * 10 >= letters * 7 {
        hits.push(hit(HeatKind::Shouting, 0, text.len()));
    }
    let mut run_start = None;
    let mut run = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c == '!' || c == '?' {
            run_start.get_or_insert(i);
            run += 1;
        } else {
            if run >= 3 {
                if let Some(s) = run_start {
                    hits.push(hit(HeatKind::Shouting, s, i));
                }
            }
            run_start = None;
            run = 0;
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker() -> Checker {
        Checker::new(&["Amy".into(), "Jean-Marc".into(), "Léa".into()])
    }

    fn names(text: &str) -> Vec<String> {
        checker()
            .check(text)
            .names
            .into_iter()
            .map(|h| h.name)
            .collect()
    }

    fn heated(text: &str) -> bool {
        checker().check(text).is_heated()
    }

    #[test]
    fn names_whole_word_any_case_and_accent() {
        assert_eq!(names("amy was lovely"), ["Amy"]);
        assert_eq!(names("AMY forgot us"), ["Amy"]);
        assert_eq!(names("Amy's smile"), ["Amy"]);
        assert_eq!(names("Amy’s smile"), ["Amy"]);
        assert_eq!(names("merci d'Amy"), ["Amy"]);
        assert_eq!(names("lea was kind"), ["Léa"]);
        assert_eq!(names("LÉA était là"), ["Léa"]);
        assert!(names("Amyot and Lamy were there").is_empty());
        assert!(names("the beamy boat").is_empty());
    }

    #[test]
    fn compound_names() {
        for text in [
            "Jean-Marc was rude",
            "jean marc was rude",
            "JEAN-MARC was rude",
            "Jean Marc",
        ] {
            assert_eq!(names(text), ["Jean-Marc"], "{text}");
        }
        assert!(names("Jean. Marc came later").is_empty());
        assert!(names("Jean came").is_empty());
    }

    #[test]
    fn spans_point_at_the_name() {
        let text = "Thanks to JEAN-MARC's team";
        let f = checker().check(text);
        let span = f.names[0].span;
        assert_eq!(&text[span.start..span.end], "JEAN-MARC");
    }

    #[test]
    fn every_list_entry_is_found() {
        let c = Checker::new(&[]);
        for (kind, file, list) in LISTS {
            for entry in entries(list) {
                // A concrete example of the entry: `*` is any word, `a|b` either word.
                let example: Vec<&str> = entry
                    .split_whitespace()
                    .map(|w| {
                        if w == "*" {
                            "him"
                        } else {
                            w.split('|').next().unwrap_or(w)
                        }
                    })
                    .collect();
                let text = format!("honestly you {} today", example.join(" "));
                let f = c.check(&text);
                assert!(
                    f.heat.iter().any(|h| h.kind == kind),
                    "{file}: {entry:?} not found"
                );
            }
        }
    }

    #[test]
    fn heated_words_despite_disguise() {
        for text in [
            "the waiter is stupid",
            "so STUUUUPID",
            "what a st*pid place",
            "quel c0nnard",
            "s.t.u.p.i.d service",
            "un vrai cochon stupide",
            "I'll get you fired",
            "je vais vous faire virer",
            "you 1diot",
            "IDIOTS",
            "Connasse",
        ] {
            assert!(heated(text), "{text}");
        }
    }

    #[test]
    fn shouting() {
        assert!(heated("THE SOUP WAS COLD AND NOBODY CAME"));
        assert!(heated("Where is my food!!!"));
        assert!(heated("Seriously???"));
        assert!(!heated("We came from the USA and loved it"));
        assert!(!heated("Great food!"));
    }

    #[test]
    fn ordinary_complaints_stay_calm() {
        for text in [
            "the soup was cold",
            "l'attente était trop longue",
            "the waiter forgot our drinks",
            "dirty table and sticky menus",
            "the staff seemed rude when we asked for water",
            "c'était un peu nul, le dessert",
            "I'm going to complain to the manager",
            "Tom yum soup was too spicy",
            "the music was killing me, too loud",
            "Le serveur a oublié notre commande.",
            "Vingt minutes d'attente pour l'addition.",
            "The bill had a mistake, please check it.",
        ] {
            assert!(!heated(text), "{text}");
        }
    }

    #[test]
    fn corpus_precision_and_recall() {
        let figures = evaluate(include_str!("../guidance/corpus.tsv"));
        assert!(figures.rows >= 200, "{} rows", figures.rows);
        for (check, s) in [("names", figures.names), ("heated", figures.heated)] {
            assert!(
                s.precision() >= 0.95,
                "{check} precision {:.3}",
                s.precision()
            );
            assert!(s.recall() >= 0.9, "{check} recall {:.3}", s.recall());
        }
    }
}

/// True/false positives and false negatives of one check over a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }

    fn add(&mut self, expected: bool, got: bool) {
        match (expected, got) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => {}
        }
    }
}

/// The staff names the labelled corpus assumes.
pub const CORPUS_STAFF: [&str; 5] = ["Amy", "Jean-Marc", "Sophie", "Léa", "Tom"];

/// Figures over a labelled corpus (`names<TAB>heated<TAB>text`), plus the rows missed.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub rows: usize,
    pub names: Score,
    pub heated: Score,
    pub misses: Vec<String>,
}

/// Scores both checks over the corpus: names per (text, name), heat per text.
pub fn evaluate(corpus: &str) -> Evaluation {
    let staff: Vec<String> = CORPUS_STAFF.iter().map(|s| s.to_string()).collect();
    let checker = Checker::new(&staff);
    let mut e = Evaluation::default();
    for line in corpus.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut cols = line.splitn(3, '\t');
        let (Some(names), Some(heated), Some(text)) = (cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        e.rows += 1;
        let f = checker.check(text);
        let expected: Vec<&str> = names
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        for name in &staff {
            let want = expected.contains(&name.as_str());
            let got = f.names.iter().any(|h| &h.name == name);
            e.names.add(want, got);
            if want != got {
                e.misses
                    .push(format!("names {name}: expected {want}, got {got}: {text}"));
            }
        }
        let want = heated.trim() == "1";
        e.heated.add(want, f.is_heated());
        if want != f.is_heated() {
            e.misses.push(format!(
                "heated: expected {want}, got {}: {text}",
                f.is_heated()
            ));
        }
    }
    e
}

// ---------------------------------------------------------------------------------
// Corpus and figures

/// The labelled corpus in `core/guidance/corpus.tsv` and the precision and recall of
/// [`Checker`] over it, shared by the tests, `examples/guidance_bench.rs` (run by
/// `bench/guidance`) and the browser timing test. Not used by the app.
pub mod corpus {
    use super::{Checker, Findings};

    /// Columns: `names` (comma-separated, from [`STAFF`]), `heated` (0/1), `text`.
    pub const TSV: &str = include_str!("../guidance/corpus.tsv");

    /// The staff list the corpus is labelled against.
    pub const STAFF: [&str; 5] = ["Amy", "Jean-Marc", "Sophie", "Léa", "Tom"];

    /// One labelled text.
    #[derive(Debug, Clone)]
    pub struct Sample {
        /// Line number in the file.
        pub line: usize,
        pub names: Vec<String>,
        pub heated: bool,
        pub text: &'static str,
    }

    /// The samples, or the first malformed line.
    pub fn samples() -> Result<Vec<Sample>, String> {
        TSV.lines()
            .enumerate()
            .skip(1)
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| {
                let mut cols = l.splitn(3, '\t');
                let (names, heated, text) = (cols.next(), cols.next(), cols.next());
                let (Some(names), Some(heated), Some(text)) = (names, heated, text) else {
                    return Err(format!("corpus.tsv:{}: expected 3 columns", n + 1));
                };
                let heated = match heated {
                    "0" => false,
                    "1" => true,
                    other => return Err(format!("corpus.tsv:{}: heated {other:?}", n + 1)),
                };
                let names: Vec<String> = names
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                if let Some(bad) = names.iter().find(|n| !STAFF.contains(&n.as_str())) {
                    return Err(format!(
                        "corpus.tsv:{}: {bad} is not on the staff list",
                        n + 1
                    ));
                }
                Ok(Sample {
                    line: n + 1,
                    names,
                    heated,
                    text,
                })
            })
            .collect()
    }

    /// True and false positives and false negatives.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Score {
        pub tp: usize,
        pub fp: usize,
        pub fn_: usize,
    }

    impl Score {
        /// 1 when nothing was flagged.
        pub fn precision(&self) -> f64 {
            ratio(self.tp, self.tp + self.fp)
        }

        /// 1 when nothing was expected.
        pub fn recall(&self) -> f64 {
            ratio(self.tp, self.tp + self.fn_)
        }
    }

    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            1.0
        } else {
            a as f64 / b as f64
        }
    }

    /// A misclassified text.
    #[derive(Debug, Clone)]
    pub struct Miss {
        pub line: usize,
        /// `names` or `heated`.
        pub check: &'static str,
        pub expected: String,
        pub found: String,
        pub text: &'static str,
    }

    #[derive(Debug, Clone, Default)]
    pub struct Report {
        pub samples: usize,
        /// Per (text, name) pair.
        pub names: Score,
        /// Per text.
        pub heated: Score,
        pub misses: Vec<Miss>,
    }

    /// A checker for [`STAFF`].
    pub fn staff_checker() -> Checker {
        let staff: Vec<String> = STAFF.iter().map(|s| (*s).to_owned()).collect();
        Checker::new(&staff)
    }

    /// What was flagged, with the flagged text: `Insult «idiot», Shouting «!!!»`.
    pub fn describe_heat(text: &str, findings: &Findings) -> String {
        findings
            .heat
            .iter()
            .map(|h| {
                let passage = text.get(h.span.start..h.span.end).unwrap_or("?");
                format!("{:?} «{passage}»", h.kind)
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Runs [`staff_checker`] over the corpus.
    pub fn evaluate() -> Result<Report, String> {
        let checker = staff_checker();
        let samples = samples()?;
        let mut report = Report {
            samples: samples.len(),
            ..Report::default()
        };
        for s in samples {
            let f = checker.check(s.text);
            let mut found: Vec<&str> = f.names.iter().map(|h| h.name.as_str()).collect();
            found.sort_unstable();
            found.dedup();
            let tp = found
                .iter()
                .filter(|n| s.names.iter().any(|e| e == *n))
                .count();
            report.names.tp += tp;
            report.names.fp += found.len() - tp;
            report.names.fn_ += s.names.len() - tp;
            if tp != found.len() || tp != s.names.len() {
                report.misses.push(Miss {
                    line: s.line,
                    check: "names",
                    expected: s.names.join(","),
                    found: found.join(","),
                    text: s.text,
                });
            }
            let heated = f.is_heated();
            match (s.heated, heated) {
                (true, true) => report.heated.tp += 1,
                (false, true) => report.heated.fp += 1,
                (true, false) => report.heated.fn_ += 1,
                (false, false) => {}
            }
            if s.heated != heated {
                report.misses.push(Miss {
                    line: s.line,
                    check: "heated",
                    expected: u8::from(s.heated).to_string(),
                    found: describe_heat(s.text, &f),
                    text: s.text,
                });
            }
        }
        Ok(report)
    }

    /// A realistic guest text of exactly `chars` characters: French and English,
    /// polite and heated, with staff names, for timing [`Checker::check`].
    pub fn sample_text(chars: usize) -> String {
        const PARTS: [&str; 12] = [
            "Le serveur était un peu lent ce soir, mais Léa nous a très bien conseillés sur le vin. ",
            "The soup was cold and we waited forty minutes for the mains, which is far too long. ",
            "Honestly the manager was an idiot about our booking and Jean-Marc had to sort it out. ",
            "La terrasse est magnifique, les desserts aussi, mais l'addition était vraiment salée. ",
            "Amy’s recommendation was spot on, the Tom yum soup was the best I've had in years!!! ",
            "C'est inadmissible, je vais vous faire virer si ça continue, espèce de cochon stupide. ",
            "We loved the atmosphere; the kids menu could be bigger and the chairs more comfortable. ",
            "THE MUSIC WAS WAY TOO LOUD and nobody answered when we asked to turn it down a bit. ",
            "Sophie a été adorable avec les enfants, merci à toute l'équipe pour cette soirée. ",
            "The b*tch at the till charged us twice and the c0nnard at the bar laughed at us. ",
            "Dommage pour l'attente, on reviendra quand même : le poisson était parfaitement cuit. ",
            "Tom's burger recommendation was great, though the fries were soggy and lukewarm. ",
        ];
        let mut out = String::new();
        let mut n = 0;
        'fill: loop {
            for part in PARTS {
                for c in part.chars() {
                    if n == chars {
                        break 'fill;
                    }
                    out.push(c);
                    n += 1;
                }
            }
        }
        out
    }
}
