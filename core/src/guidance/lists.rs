//! The word list files in `core/guidance/`, their line syntax, and the index built from
//! them once per process: every listed word, squeezed word, phrase start and context word.

use std::sync::OnceLock;

use super::classes::parse_classes;
use super::context::parse_context;
use super::fold::squeeze;
use super::phrases::{Alt, Phrase, PhraseSet, SetId, Starts, Step, Word};
use super::scan::Scan;
use super::{FxMap, HeatKind};

/// A word list: file name, language, kind.
pub(super) struct WordList {
    pub(super) file: &'static str,
    /// `en` or `fr`: which sentence the tests try its entries in.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) lang: &'static str,
    pub(super) kind: HeatKind,
}

pub(super) const WORD_LISTS: [WordList; 8] = [
    WordList {
        file: "insults.en.txt",
        lang: "en",
        kind: HeatKind::Insult,
    },
    WordList {
        file: "insults.fr.txt",
        lang: "fr",
        kind: HeatKind::Insult,
    },
    WordList {
        file: "slurs.en.txt",
        lang: "en",
        kind: HeatKind::Slur,
    },
    WordList {
        file: "slurs.fr.txt",
        lang: "fr",
        kind: HeatKind::Slur,
    },
    WordList {
        file: "threats.en.txt",
        lang: "en",
        kind: HeatKind::Threat,
    },
    WordList {
        file: "threats.fr.txt",
        lang: "fr",
        kind: HeatKind::Threat,
    },
    WordList {
        file: "dehumanising.en.txt",
        lang: "en",
        kind: HeatKind::Dehumanising,
    },
    WordList {
        file: "dehumanising.fr.txt",
        lang: "fr",
        kind: HeatKind::Dehumanising,
    },
];

/// The list files built in, by name. The app does not call this, so their 43 KB stay out
/// of its wasm: it fetches the same files as one `guidance-<hash>.txt` once the form is
/// up (made by scripts/post-build.mjs). The native bench and tests read them here, and
/// the wasm tests through [`super::load_builtin_lists`].
pub(super) fn builtin(file: &str) -> Option<&'static str> {
    Some(match file {
        "insults.en.txt" => include_str!("../../guidance/insults.en.txt"),
        "insults.fr.txt" => include_str!("../../guidance/insults.fr.txt"),
        "slurs.en.txt" => include_str!("../../guidance/slurs.en.txt"),
        "slurs.fr.txt" => include_str!("../../guidance/slurs.fr.txt"),
        "threats.en.txt" => include_str!("../../guidance/threats.en.txt"),
        "threats.fr.txt" => include_str!("../../guidance/threats.fr.txt"),
        "dehumanising.en.txt" => include_str!("../../guidance/dehumanising.en.txt"),
        "dehumanising.fr.txt" => include_str!("../../guidance/dehumanising.fr.txt"),
        "allow.txt" => include_str!("../../guidance/allow.txt"),
        "not_names.txt" => include_str!("../../guidance/not_names.txt"),
        "context.txt" => include_str!("../../guidance/context.txt"),
        "address.txt" => include_str!("../../guidance/address.txt"),
        _ => return None,
    })
}

/// The file `file` in a bundle of list files, as scripts/post-build.mjs writes it: each
/// file is a record separator (U+001E), its name, a line break, then its text.
pub(super) fn in_bundle<'b>(bundle: &'b str, file: &str) -> Option<&'b str> {
    bundle.split('\u{1e}').find_map(|record| {
        let (name, text) = record.split_once('\n')?;
        (name.trim_end() == file).then_some(text)
    })
}

/// Up to this many other words where a phrase says `...`.
pub(super) const GAP: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WordEntry {
    pub(super) kind: HeatKind,
    /// `~word`: only next to a person.
    pub(super) contextual: bool,
}

/// A problem in a list file: file, line, what.
pub(super) type ListError = (&'static str, usize, &'static str);

/// A parsed list line.
pub(super) enum Entry {
    Word(String, bool),
    Prefix(String),
    Phrase(Vec<Step>),
}

/// The words of `s` as folded, look-alike-free keys.
pub(super) fn keys(s: &str) -> Vec<String> {
    let scan = Scan::new(s);
    (0..scan.toks.len())
        .map(|i| scan.hkey(i).to_owned())
        .collect()
}

pub(super) fn parse_entry(line: &str) -> Result<Entry, &'static str> {
    let (contextual, line) = match line.strip_prefix('~') {
        Some(rest) => (true, rest.trim()),
        None => (false, line),
    };
    let pieces: Vec<&str> = line.split_whitespace().collect();
    if let [one] = pieces.as_slice() {
        if let Some(stem) = one.strip_suffix('*') {
            let k = keys(stem);
            return match k.as_slice() {
                [w] if !contextual && w.chars().count() >= 3 => Ok(Entry::Prefix(w.clone())),
                _ => Err("a word* needs one word of 3 letters or more, and no ~"),
            };
        }
    }
    let mut steps: Vec<Step> = Vec::new();
    let mut gap = 0;
    for piece in pieces {
        if piece == "..." {
            if steps.is_empty() || gap > 0 {
                return Err("'...' must sit between words");
            }
            gap = GAP;
            continue;
        }
        let mut alts = Vec::new();
        let mut multi = None;
        for alt in piece.split('|') {
            if alt == "@name" {
                alts.push(Alt::Name);
                continue;
            }
            if alt.contains(['*', '@', '~', '$']) || alt.chars().any(|c| c.is_ascii_digit()) {
                return Err("unexpected symbol or digit");
            }
            let mut k = keys(alt);
            match k.len() {
                0 => return Err("empty alternative"),
                1 => alts.extend(k.pop().map(|w| Alt::Word(Word::new(w)))),
                _ => multi = Some(k),
            }
        }
        match multi {
            // `i'll`, `sous-homme`: several words in one piece.
            Some(words) if alts.is_empty() && !piece.contains('|') => {
                for (n, w) in words.into_iter().enumerate() {
                    steps.push(Step {
                        gap: if n == 0 { gap } else { 0 },
                        alts: vec![Alt::Word(Word::new(w))],
                    });
                }
            }
            Some(_) => return Err("an alternative is several words"),
            None => steps.push(Step { gap, alts }),
        }
        gap = 0;
    }
    if gap > 0 {
        return Err("'...' must sit between words");
    }
    match steps.as_slice() {
        [] => Err("empty entry"),
        [Step { alts, .. }] if alts.len() == 1 => match &alts[0] {
            Alt::Word(w) => Ok(Entry::Word(w.w.clone(), contextual)),
            Alt::Name => Err("@name alone"),
        },
        _ if contextual => Err("~ applies to single words only"),
        _ => Ok(Entry::Phrase(steps)),
    }
}

/// The entry lines of a list file with their line numbers.
pub(super) fn entry_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// Parses a file of word sections (`context.txt`, `address.txt`): a `[name]` line,
/// then words separated by spaces. `mark` adds the section's bit (its place in
/// `sections.1`) to each word's index entry.
pub(super) fn parse_sections(
    text: &str,
    (file, sections): (&'static str, &[&str]),
    lex: &mut FxMap<String, Lex>,
    errors: &mut Vec<ListError>,
    mark: impl Fn(&mut Lex, u32),
) {
    let mut bit = 0u32;
    for (n, line) in entry_lines(text) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            bit = sections
                .iter()
                .position(|s| *s == name)
                .map_or(0, |i| 1 << i);
            if bit == 0 {
                errors.push((file, n, "unknown section"));
            }
            continue;
        }
        if bit == 0 {
            errors.push((file, n, "words outside a known section"));
        }
        for k in keys(line) {
            mark(lex.entry(k).or_default(), bit);
        }
    }
}

/// What one folded word means to the lists, so that each word of a text is looked up
/// once: a listed word, a listed word once squeezed, and the phrases it starts.
#[derive(Debug, Default)]
pub(super) struct Lex {
    pub(super) word: Option<WordEntry>,
    /// The entry and the length of the listed word (`connard` under `conard`).
    pub(super) squeezed: Option<(WordEntry, usize)>,
    /// Phrases starting with this word or its squeezed form, by [`PhraseSet::set`].
    pub(super) starts: Starts,
    /// Its sections of `context.txt` ([`BEFORE`], [`PERSON`]...).
    pub(super) ctx: u8,
    /// Its sections of `address.txt` (`classes::SCORN`...).
    pub(super) class: u32,
}

/// Every list, parsed once.
#[derive(Debug, Default)]
pub(super) struct Lists {
    /// Every listed word, squeezed word and first word of a phrase.
    pub(super) lex: FxMap<String, Lex>,
    /// The listed words in file order, for the rare starred word.
    pub(super) ordered: Vec<(String, WordEntry)>,
    pub(super) prefixes: Vec<(Word, HeatKind)>,
    /// First bytes of the prefixes, so most words skip them.
    pub(super) prefix_starts: [u64; 4],
    pub(super) phrases: PhraseSet,
    pub(super) allow: PhraseSet,
    pub(super) not_names: PhraseSet,
    /// Problems in the list files (the tests require none).
    pub(super) errors: Vec<ListError>,
}

static LISTS: OnceLock<Lists> = OnceLock::new();

/// The lists, once there: natively (bench, tests) the built-in files, parsed on first
/// use; in the wasm, once [`set_lists`] has been given them.
pub(super) fn loaded() -> Option<&'static Lists> {
    #[cfg(not(target_arch = "wasm32"))]
    return Some(LISTS.get_or_init(|| Lists::parse(builtin)));
    #[cfg(target_arch = "wasm32")]
    LISTS.get()
}

/// Parses the lists from `files` (a file's text by its name), unless they are there.
pub(super) fn set_lists<'t>(files: impl Fn(&str) -> Option<&'t str>) {
    LISTS.get_or_init(|| Lists::parse(files));
}

#[cfg(test)]
pub(super) fn lists() -> &'static Lists {
    loaded().unwrap_or_else(|| unreachable!("native lists are built in"))
}

impl Lists {
    pub(super) fn parse<'t>(files: impl Fn(&str) -> Option<&'t str>) -> Lists {
        let mut l = Lists::default();
        let text = |file: &'static str, errors: &mut Vec<ListError>| {
            files(file).unwrap_or_else(|| {
                errors.push((file, 0, "missing"));
                ""
            })
        };
        let mut phrases = PhraseSet {
            set: SetId::Heated,
            ..PhraseSet::default()
        };
        for list in &WORD_LISTS {
            let (file, kind) = (list.file, list.kind);
            for (n, line) in entry_lines(text(file, &mut l.errors)) {
                match parse_entry(line) {
                    Ok(Entry::Word(w, contextual)) => {
                        let entry = WordEntry { kind, contextual };
                        let known = &mut l.lex.entry(w.clone()).or_default().word;
                        match known {
                            Some(old) if *old != entry => {
                                l.errors.push((file, n, "listed before as another kind"));
                            }
                            Some(_) => {}
                            None => {
                                *known = Some(entry);
                                l.ordered.push((w, entry));
                            }
                        }
                    }
                    Ok(Entry::Prefix(p)) => l.prefixes.push((Word::new(p), kind)),
                    Ok(Entry::Phrase(steps)) => phrases.add(Phrase { kind, steps }),
                    Err(e) => l.errors.push((file, n, e)),
                }
            }
        }
        l.phrases = phrases;
        let allow = text("allow.txt", &mut l.errors);
        l.allow = PhraseSet::parse(allow, "allow.txt", SetId::Allowed, &mut l.errors);
        let not_names = text("not_names.txt", &mut l.errors);
        l.not_names = PhraseSet::parse(not_names, "not_names.txt", SetId::NotNames, &mut l.errors);
        let context = text("context.txt", &mut l.errors);
        parse_context(context, &mut l.lex, &mut l.errors);
        let address = text("address.txt", &mut l.errors);
        parse_classes(address, &mut l.lex, &mut l.errors);
        for (w, e) in &l.ordered {
            let squeezed = &mut l.lex.entry(squeeze(w)).or_default().squeezed;
            if squeezed.is_none() {
                *squeezed = Some((*e, w.len()));
            }
        }
        for set in [&l.phrases, &l.allow, &l.not_names] {
            set.index(&mut l.lex);
        }
        for (p, _) in &l.prefixes {
            if let Some(&b) = p.w.as_bytes().first() {
                l.prefix_starts[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        l
    }

    /// Looks every word of `scan` up once.
    pub(super) fn annotate(&'static self, scan: &mut Scan) {
        let lex = (0..scan.toks.len())
            .map(|i| {
                let (h, sq) = (scan.hkey(i), scan.sq(i));
                let squeezed = (sq.len() < h.len()).then(|| self.lex.get(sq)).flatten();
                [self.lex.get(h), squeezed]
            })
            .collect();
        scan.lex = lex;
    }
}
