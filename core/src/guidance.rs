//! Guidance that protects staff (SPEC §6): staff names and heated language.
//! Never blocks and never alters the guest's words; it only points things out.
//!
//! # How a text is checked
//!
//! [`Checker::check`] makes one pass over the text and cuts it into words (letters,
//! digits and the look-alike symbols `*`, `@`, `$`; apostrophes, hyphens, spaces and
//! punctuation separate words). Each word is folded once: lower case, accents removed
//! by a small hand-written table for Latin-1 and Latin Extended-A (`é`→`e`, `œ`→`oe`,
//! `ß`→`ss`, combining marks dropped), which is all French and English need and keeps
//! the `unicode-normalization` tables out of the bundle. Every hit carries byte offsets
//! into the original text, so the interface can highlight exactly what was typed.
//!
//! * **Staff names** are whole words, case- and accent-insensitive: `Léa` matches
//!   `lea`, `LÉA`, `Léa's`, `Léa’s`, `d'Léa`; never `Léandre` or `Galéa`. A compound
//!   name matches with a hyphen, a dash, spaces or an apostrophe between its parts and
//!   written as one word (`Jean-Marc`: `jean marc`, `JEAN-MARC`, `Jean – Marc`,
//!   `jeanmarc`); one part alone (`Marc`) does not, unless it is configured itself.
//!   `not_names.txt` lists phrases where a name is something else (`tom yum`).
//!   Limitation, by the letter of SPEC §6: a name that is also an ordinary word (Rose,
//!   Will, Claire, Pierre) is found in its ordinary uses too.
//! * **Heated language** comes from reviewed word lists in `core/guidance/*.txt`
//!   (insults and strong profanity, slurs, threats, dehumanising words; English and
//!   French; syntax in `core/guidance/README.md`). A word matches through repeated letters
//!   (`stuuupid`, `connnnard`), digits and symbols for letters (`1diot`, `c0nnard`,
//!   `@` for a, `$` for s), stars (`st*pid`, `f**k`) and spaced or dotted letters
//!   (`s.t.u.p.i.d`). Phrases (`get you fired`, `faut la virer`) may allow a few
//!   words in between and stay within one sentence. Animal words (`pig`, `cochon`,
//!   `animal`) count only next to a person (`you pig`, `espèce de cochon`, `the
//!   waiter is a pig`, `cochon stupide`), never as food (`pulled pig`, `filet de
//!   porc`); obfuscated forms count anywhere. `allow.txt` lists ordinary phrases that
//!   contain a listed word (`chili con carne`, `jerk chicken`, `cochon de lait`).
//! * **Shouting**: a run of mostly upper-case words of at least 12 letters, or a
//!   sentence of at least 12 letters that is at least 70 % upper case; and runs of
//!   three or more `!`/`?` (`!!!`, `???`, `?!?!`). Short acronyms (`USA`, `CEO`)
//!   and a word of emphasis (`I did NOT order this`) are not shouting.
//!
//! Deliberately not heated (they describe the service, not a person): `rude`, `slow`,
//! `cold`, `dirty table`, `lazy`, `useless`, `incompetent`, `pathetic`, `a bit of a
//! joke`, « c'était nul », « dégueulasse », « lent », "crap", "sucks", idioms such as
//! "this heat is killing me", and recourse such as "I'm going to complain to the
//! manager", "I'll leave a review", « je vais porter plainte ».
//!
//! # Why no regex
//!
//! The lists are words and short phrases, so a hash set of folded words and a phrase
//! index keyed by first word do the job in one linear pass. The `regex` crate would add
//! well over 100 KB of wasm before compression against a 150 KB gzipped budget for the
//! whole app (SPEC §9), and a big alternation would be slower to build and to run. The
//! lists are parsed once per process ([`OnceLock`]); a [`Checker`] only adds the staff
//! names, and clones cheaply (the name index is shared behind an [`Arc`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, OnceLock};

/// The Fx hash (rustc's): a multiply and a rotate per 8 bytes, several times faster
/// than the default SipHash on the short words looked up here. Flooding is no concern:
/// the keys are our own lists, and the text only ever reads them.
#[derive(Debug, Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ rest.len() as u64);
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Fx = BuildHasherDefault<FxHasher>;
type FxMap<K, V> = HashMap<K, V, Fx>;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// In text order.
    pub names: Vec<NameHit>,
    /// In text order; one passage may be reported under two kinds.
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

/// Prepared once per config so a keystroke only pays for the scan.
#[derive(Debug, Clone, Default)]
pub struct Checker {
    staff_names: Vec<String>,
    names: Arc<NameIndex>,
}

impl Checker {
    /// Prepares the staff names; blank entries are ignored. The word lists are parsed
    /// on first use and shared by every checker.
    pub fn new(staff_names: &[String]) -> Checker {
        Checker {
            staff_names: staff_names.to_vec(),
            names: Arc::new(NameIndex::new(staff_names)),
        }
    }

    /// Parses the word lists and runs every path of a check once on a short text, so
    /// the guest's first check does not pay for it (in a browser, wasm functions are
    /// compiled on their first call). The app calls this once the form is up.
    pub fn warm_up(&self) {
        const TEXT: &str = "Jean-Marc's service was SLOW AND RUDE!!! Quel c0nnard, \
                            vous êtes nuls ??? I'll get you fired, stuuupid.";
        std::hint::black_box(self.check(std::hint::black_box(TEXT)));
    }

    /// The staff names as configured.
    pub fn staff_names(&self) -> &[String] {
        &self.staff_names
    }

    pub fn check(&self, text: &str) -> Findings {
        let mut scan = Scan::new(text);
        self.names.mark(&mut scan);
        let lists = lists();
        lists.annotate(&mut scan);
        let mut heat = Vec::new();
        for hit in lists.heat(&scan).into_iter().chain(shouting(&scan)) {
            insert_sorted(&mut heat, hit, |h| (h.span.start, h.span.end, h.kind));
        }
        Findings {
            names: self.names.find(&scan, lists),
            heat,
        }
    }
}

/// Inserts `x` into `v`, kept sorted by `key` and without duplicates. The vectors here
/// are short, and this keeps the sort routines (several KB each) out of the bundle.
fn insert_sorted<T: PartialEq, K: Ord>(v: &mut Vec<T>, x: T, key: impl Fn(&T) -> K) {
    let k = key(&x);
    let at = v.partition_point(|y| key(y) <= k);
    if !v[..at]
        .iter()
        .rev()
        .take_while(|y| key(y) == k)
        .any(|y| *y == x)
    {
        v.insert(at, x);
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

// ---------------------------------------------------------------------------------
// Folding and scanning

/// Letters and digits, plus the symbols people type for letters (`c0nn@rd`, `st*pid`).
/// By code point ranges rather than `char::is_alphanumeric`, whose Unicode tables would
/// cost the bundle more than they give: Latin, combining marks, Greek, Cyrillic and the
/// other scripts up to U+1FFF, CJK and Hangul are letters; general punctuation (`’`,
/// `–`, `…`, `€`), `«»`, the no-break space, `×`, `÷` and emoji separate words.
fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphanumeric() || matches!(c, '*' | '@' | '$'),
        0xC0..=0x24F => c != '×' && c != '÷',
        0x300..=0x1FFF | 0x3040..=0xD7FF | 0xF900..=0xFAFF => true,
        _ => false,
    }
}

/// A word character that is not a digit, a look-alike symbol or a combining mark.
fn is_letter(c: char) -> bool {
    is_word_char(c) && !c.is_ascii_digit() && !matches!(c, '*' | '@' | '$') && !is_combining(c)
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The case of a letter, as far as [`fold_into`] knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Lower,
    Uncased,
}

/// U+00C0 to U+017F (Latin-1 letters and Latin Extended-A), three bytes each: `U`pper,
/// `l`ower or `-` (`×`, `÷`), then the ASCII folding padded with spaces (`é` → `e`,
/// `Œ` → `oe`, `ß` → `ss`, `Þ` → `th`). Generated from Unicode's decompositions.
const LATIN: [&[u8; 48]; 12] = [
    b"Ua Ua Ua Ua Ua Ua UaeUc Ue Ue Ue Ue Ui Ui Ui Ui ",
    b"Ud Un Uo Uo Uo Uo Uo -  Uo Uu Uu Uu Uu Uy Uthlss",
    b"la la la la la la laelc le le le le li li li li ",
    b"ld ln lo lo lo lo lo -  lo lu lu lu lu ly lthly ",
    b"Ua la Ua la Ua la Uc lc Uc lc Uc lc Uc lc Ud ld ",
    b"Ud ld Ue le Ue le Ue le Ue le Ue le Ug lg Ug lg ",
    b"Ug lg Ug lg Uh lh Uh lh Ui li Ui li Ui li Ui li ",
    b"Ui li UijlijUj lj Uk lk lk Ul ll Ul ll Ul ll Ul ",
    b"ll Ul ll Un ln Un ln Un ln ln Un ln Uo lo Uo lo ",
    b"Uo lo UoeloeUr lr Ur lr Ur lr Us ls Us ls Us ls ",
    b"Us ls Ut lt Ut lt Ut lt Uu lu Uu lu Uu lu Uu lu ",
    b"Uu lu Uu lu Uw lw Uy ly Uy Uz lz Uz lz Uz lz ls ",
];

/// Appends `c` in lower case without accents: ASCII, Latin-1 and Latin Extended-A by
/// [`LATIN`], Greek and Cyrillic capitals by their fixed offsets, combining marks
/// dropped, anything else as is (no `char::to_lowercase` tables). Returns its case.
fn fold_into(c: char, out: &mut String) -> Case {
    let cp = u32::from(c);
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return match c {
            'A'..='Z' => Case::Upper,
            'a'..='z' => Case::Lower,
            _ => Case::Uncased,
        };
    }
    if (0xC0..0x180).contains(&cp) {
        let i = (cp - 0xC0) as usize;
        let entry = &LATIN[i / 16][i % 16 * 3..i % 16 * 3 + 3];
        for &b in &entry[1..] {
            if b != b' ' {
                out.push(char::from(b));
            }
        }
        return match entry[0] {
            b'U' => Case::Upper,
            b'l' => Case::Lower,
            _ => Case::Uncased,
        };
    }
    if is_combining(c) {
        return Case::Uncased;
    }
    let (lower, case) = match cp {
        0x391..=0x3A9 | 0x410..=0x42F => (cp + 0x20, Case::Upper),
        0x400..=0x40F => (cp + 0x50, Case::Upper),
        0x3B1..=0x3C9 | 0x430..=0x45F => (cp, Case::Lower),
        _ => (cp, Case::Uncased),
    };
    out.push(char::from_u32(lower).unwrap_or(c));
    case
}

/// Digits and symbols typed for letters.
fn unleet(c: char) -> char {
    match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        c => c,
    }
}

/// Runs of one character squeezed to one: `stuuupid` → `stupid`.
fn squeeze_into(s: &str, out: &mut String) {
    let mut last = None;
    for c in s.chars() {
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
}

fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squeeze_into(s, &mut out);
    out
}

/// One word of the text.
#[derive(Debug, Clone)]
struct Tok {
    /// Byte range in the original text.
    start: usize,
    end: usize,
    /// The folded word: a byte range in `Scan::buf`.
    key: (usize, usize),
    /// With look-alikes read as letters, in `Scan::hbuf`; `None` when the same as `key`.
    hkey: Option<(usize, usize)>,
    /// That with repeated letters squeezed, in `Scan::sbuf`; `None` when the same.
    sq: Option<(usize, usize)>,
    /// The word as a name, in `Scan::buf`, and its byte range in the text: without
    /// surrounding `@*$` (`@Amy`), empty if symbols remain inside.
    name: (usize, usize),
    name_span: (usize, usize),
    upper: u32,
    lower: u32,
    /// Increases at `.`, `!`, `?`, `…`, `;` and line breaks: phrases stay within one.
    sentence: u32,
    /// Had digits or symbols among letters: an obfuscated word.
    disguised: bool,
    /// Starts a configured staff name (set by [`NameIndex::mark`]).
    is_name: bool,
}

/// A text cut into words, each folded once.
struct Scan<'t> {
    text: &'t str,
    buf: String,
    hbuf: String,
    sbuf: String,
    toks: Vec<Tok>,
    /// What each word means to the lists, looked up once: as typed (look-alikes read)
    /// and squeezed (set by [`Lists::annotate`]).
    lex: Vec<[Option<&'static Lex>; 2]>,
}

/// The length of the word character at byte `i`, if it is one.
fn word_char_at(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return (b.is_ascii_alphanumeric() || matches!(b, b'*' | b'@' | b'$')).then_some(1);
    }
    let c = text.get(i..)?.chars().next()?;
    is_word_char(c).then(|| c.len_utf8())
}

impl<'t> Scan<'t> {
    fn new(text: &'t str) -> Scan<'t> {
        let mut scan = Scan {
            text,
            buf: String::with_capacity(text.len()),
            hbuf: String::new(),
            sbuf: String::new(),
            toks: Vec::with_capacity(text.len() / 5 + 1),
            lex: Vec::new(),
        };
        let bytes = text.as_bytes();
        let mut sentence = 0u32;
        let mut i = 0;
        while i < bytes.len() {
            if word_char_at(text, i).is_some() {
                let start = i;
                while let Some(n) = word_char_at(text, i) {
                    i += n;
                }
                scan.word(start, i, sentence);
                continue;
            }
            let b = bytes[i];
            if matches!(b, b'.' | b'!' | b'?' | b';' | b'\n' | b'\r') {
                sentence += 1;
            }
            // `…` is E2 80 A6.
            if b == 0xE2 && bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA6]) {
                sentence += 1;
            }
            i += 1;
            while i < bytes.len() && !text.is_char_boundary(i) {
                i += 1;
            }
        }
        scan
    }

    /// Folds the word at `start..end` of the text.
    fn word(&mut self, start: usize, end: usize, sentence: u32) {
        let slice = &self.text[start..end];
        let k0 = self.buf.len();
        let (mut upper, mut lower) = (0, 0);
        let (mut letters, mut others) = (false, false);
        if slice.is_ascii() {
            for b in slice.bytes() {
                upper += u32::from(b.is_ascii_uppercase());
                lower += u32::from(b.is_ascii_lowercase());
                letters |= b.is_ascii_alphabetic();
                others |= !b.is_ascii_alphabetic();
            }
            self.buf.push_str(slice);
            self.buf[k0..].make_ascii_lowercase();
        } else {
            for c in slice.chars() {
                match fold_into(c, &mut self.buf) {
                    Case::Upper => upper += 1,
                    Case::Lower => lower += 1,
                    Case::Uncased => {}
                }
                letters |= is_letter(c);
                others |= !is_letter(c) && !is_combining(c);
            }
        }
        let key = (k0, self.buf.len());
        let folded = &self.buf[k0..];
        // Look-alikes are letters only among letters: `c0nnard`, not `2024`.
        let mut disguised = false;
        let hkey = (letters && others).then(|| {
            let h0 = self.hbuf.len();
            for c in folded.chars() {
                let u = unleet(c);
                disguised |= u != c;
                self.hbuf.push(u);
            }
            (h0, self.hbuf.len())
        });
        let h = match hkey {
            Some((a, b)) => &self.hbuf[a..b],
            None => folded,
        };
        let doubled = h.as_bytes().windows(2).any(|w| w[0] == w[1]);
        let sq = doubled.then(|| {
            let s0 = self.sbuf.len();
            squeeze_into(h, &mut self.sbuf);
            (s0, self.sbuf.len())
        });
        let symbol = |c: char| matches!(c, '*' | '@' | '$');
        let (name, name_span) = if others {
            let trimmed = folded.trim_start_matches(symbol);
            let lead = folded.len() - trimmed.len();
            let trimmed = trimmed.trim_end_matches(symbol);
            let trail = folded.len() - lead - trimmed.len();
            if trimmed.contains(symbol) {
                ((k0, k0), (start, start))
            } else {
                // The trimmed symbols are ASCII: one byte in the text as in the key.
                (
                    (k0 + lead, k0 + lead + trimmed.len()),
                    (start + lead, end - trail),
                )
            }
        } else {
            (key, (start, end))
        };
        self.toks.push(Tok {
            start,
            end,
            key,
            hkey,
            sq,
            name,
            name_span,
            upper,
            lower,
            sentence,
            disguised,
            is_name: false,
        });
    }

    fn key(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.buf[t.key.0..t.key.1])
    }

    fn hkey(&self, i: usize) -> &str {
        match self.toks.get(i).map(|t| t.hkey) {
            Some(Some((a, b))) => &self.hbuf[a..b],
            _ => self.key(i),
        }
    }

    fn sq(&self, i: usize) -> &str {
        match self.toks.get(i).map(|t| t.sq) {
            Some(Some((a, b))) => &self.sbuf[a..b],
            _ => self.hkey(i),
        }
    }

    /// The word as a name (see [`Tok::name`]).
    fn name_key(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .map_or("", |t| &self.buf[t.name.0..t.name.1])
    }

    fn lex(&self, i: usize) -> [Option<&'static Lex>; 2] {
        self.lex.get(i).copied().unwrap_or([None, None])
    }

    fn is_name(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_name)
    }

    /// The text between word `i - 1` and word `i`.
    fn gap_before(&self, i: usize) -> &str {
        match (
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) {
            (Some(p), Some(t)) => &self.text[p.end..t.start],
            _ => "",
        }
    }
}

// ---------------------------------------------------------------------------------
// Staff names

#[derive(Debug, Default)]
struct NameIndex {
    /// Configured spelling and folded parts (`Jean-Marc` → `jean`, `marc`).
    patterns: Vec<(String, Vec<String>)>,
    /// First part, or all parts written together (`jeanmarc`) → patterns, longest first.
    by_first: FxMap<String, Vec<usize>>,
}

impl NameIndex {
    fn new(staff_names: &[String]) -> NameIndex {
        let mut index = NameIndex::default();
        for name in staff_names {
            let scan = Scan::new(name);
            let parts: Vec<String> = (0..scan.toks.len())
                .map(|i| scan.name_key(i).to_owned())
                .filter(|p| !p.is_empty())
                .collect();
            let Some(first) = parts.first().cloned() else {
                continue;
            };
            if index.patterns.iter().any(|(_, p)| *p == parts) {
                continue;
            }
            let id = index.patterns.len();
            let len = parts.len();
            let joined = (len > 1).then(|| parts.concat());
            for key in [Some(first), joined].into_iter().flatten() {
                // Longest first, so `Jean-Marc` wins over a configured `Jean`.
                let patterns = &index.patterns;
                let ids = index.by_first.entry(key).or_default();
                let at = ids.partition_point(|&other| patterns[other].1.len() >= len);
                ids.insert(at, id);
            }
            index.patterns.push((name.trim().to_owned(), parts));
        }
        index
    }

    /// Marks the words that start a configured name.
    fn mark(&self, scan: &mut Scan) {
        if self.patterns.is_empty() {
            return;
        }
        for i in 0..scan.toks.len() {
            let key = scan.name_key(i);
            let hit = !key.is_empty() && self.by_first.contains_key(key);
            scan.toks[i].is_name = hit;
        }
    }

    /// The pattern and last word of a name starting at word `i`.
    fn match_at(&self, scan: &Scan, i: usize) -> Option<(usize, usize)> {
        if !scan.is_name(i) {
            return None;
        }
        let key = scan.name_key(i);
        for &id in self.by_first.get(key).into_iter().flatten() {
            let parts = &self.patterns[id].1;
            if parts[0] != key {
                // All parts written together.
                return Some((id, i));
            }
            let mut last = i;
            let whole = parts[1..].iter().all(|part| {
                last += 1;
                name_joint(scan.gap_before(last)) && scan.name_key(last) == part
            });
            if whole {
                return Some((id, last));
            }
        }
        None
    }

    fn find(&self, scan: &Scan, lists: &Lists) -> Vec<NameHit> {
        let mut hits = Vec::new();
        if self.patterns.is_empty() {
            return hits;
        }
        let mut i = 0;
        while i < scan.toks.len() {
            let Some((id, last)) = self.match_at(scan, i) else {
                i += 1;
                continue;
            };
            if !lists.not_names.covers(scan, i, last) {
                hits.push(NameHit {
                    name: self.patterns[id].0.clone(),
                    span: Span {
                        start: scan.toks[i].name_span.0,
                        end: scan.toks[last].name_span.1,
                    },
                });
            }
            i = last + 1;
        }
        hits
    }
}

/// What may join the parts of a compound name: spaces, hyphens, dashes, apostrophes.
fn name_joint(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().count() <= 3
        && gap.chars().all(|c| {
            matches!(
                c,
                ' ' | '\u{a0}' | '\u{202f}' | '-' | '‐' | '‑' | '–' | '—' | '\'' | '’'
            )
        })
}

// ---------------------------------------------------------------------------------
// Word lists

/// A built-in list: file name, language, kind, text.
struct WordList {
    file: &'static str,
    /// `en` or `fr`: which sentence the tests try its entries in.
    #[cfg_attr(not(test), allow(dead_code))]
    lang: &'static str,
    kind: HeatKind,
    text: &'static str,
}

const WORD_LISTS: [WordList; 8] = [
    WordList {
        file: "insults.en.txt",
        lang: "en",
        kind: HeatKind::Insult,
        text: include_str!("../guidance/insults.en.txt"),
    },
    WordList {
        file: "insults.fr.txt",
        lang: "fr",
        kind: HeatKind::Insult,
        text: include_str!("../guidance/insults.fr.txt"),
    },
    WordList {
        file: "slurs.en.txt",
        lang: "en",
        kind: HeatKind::Slur,
        text: include_str!("../guidance/slurs.en.txt"),
    },
    WordList {
        file: "slurs.fr.txt",
        lang: "fr",
        kind: HeatKind::Slur,
        text: include_str!("../guidance/slurs.fr.txt"),
    },
    WordList {
        file: "threats.en.txt",
        lang: "en",
        kind: HeatKind::Threat,
        text: include_str!("../guidance/threats.en.txt"),
    },
    WordList {
        file: "threats.fr.txt",
        lang: "fr",
        kind: HeatKind::Threat,
        text: include_str!("../guidance/threats.fr.txt"),
    },
    WordList {
        file: "dehumanising.en.txt",
        lang: "en",
        kind: HeatKind::Dehumanising,
        text: include_str!("../guidance/dehumanising.en.txt"),
    },
    WordList {
        file: "dehumanising.fr.txt",
        lang: "fr",
        kind: HeatKind::Dehumanising,
        text: include_str!("../guidance/dehumanising.fr.txt"),
    },
];
const ALLOW: &str = include_str!("../guidance/allow.txt");
const NOT_NAMES: &str = include_str!("../guidance/not_names.txt");
const CONTEXT: &str = include_str!("../guidance/context.txt");

/// Up to this many other words where a phrase says `...`.
const GAP: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WordEntry {
    kind: HeatKind,
    /// `~word`: only next to a person.
    contextual: bool,
}

/// One word of a list, folded, and squeezed (`connard` → `conard`).
#[derive(Debug, Clone)]
struct Word {
    w: String,
    sq: String,
}

impl Word {
    fn new(w: String) -> Word {
        Word { sq: squeeze(&w), w }
    }

    /// Equal, or equal once repeated letters are squeezed and the typed word is no
    /// shorter (`stuuupid`, `connnard`; not `as` for `ass`).
    fn matches(&self, hkey: &str, sq: &str) -> bool {
        hkey == self.w || (sq.len() < hkey.len() && sq == self.sq && hkey.len() >= self.w.len())
    }
}

#[derive(Debug, Clone)]
enum Alt {
    Word(Word),
    /// `@name`: any configured staff name.
    Name,
}

#[derive(Debug, Clone)]
struct Step {
    /// How many other words may come before this one (0, or [`GAP`] after `...`).
    gap: usize,
    alts: Vec<Alt>,
}

#[derive(Debug, Clone)]
struct Phrase {
    kind: HeatKind,
    steps: Vec<Step>,
}

/// A problem in a list file: file, line, what.
type ListError = (&'static str, usize, &'static str);

/// A parsed list line.
enum Entry {
    Word(String, bool),
    Prefix(String),
    Phrase(Vec<Step>),
}

/// The words of `s` as folded, look-alike-free keys.
fn keys(s: &str) -> Vec<String> {
    let scan = Scan::new(s);
    (0..scan.toks.len())
        .map(|i| scan.hkey(i).to_owned())
        .collect()
}

fn parse_entry(line: &str) -> Result<Entry, &'static str> {
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
fn entry_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// What one folded word means to the lists, so that each word of a text is looked up
/// once: a listed word, a listed word once squeezed, and the phrases it starts.
#[derive(Debug, Default)]
struct Lex {
    word: Option<WordEntry>,
    /// The entry and the length of the listed word (`connard` under `conard`).
    squeezed: Option<(WordEntry, usize)>,
    /// Phrases starting with this word or its squeezed form, by [`PhraseSet::set`].
    starts: [Vec<usize>; 3],
    /// Its sections of `context.txt` ([`BEFORE`], [`PERSON`]...).
    ctx: u8,
}

/// The heated phrases, the allowed phrases, the not-name phrases.
const HEATED: usize = 0;
const ALLOWED: usize = 1;
const NOT_NAMES_SET: usize = 2;

/// Phrases; their first words are indexed in [`Lists::lex`].
#[derive(Debug, Default)]
struct PhraseSet {
    /// Which of [`Lex::starts`] indexes this set.
    set: usize,
    phrases: Vec<Phrase>,
    /// Phrases that start with `@name`.
    name_led: Vec<usize>,
    longest: usize,
}

impl PhraseSet {
    fn add(&mut self, phrase: Phrase) {
        let id = self.phrases.len();
        self.longest = self.longest.max(phrase.steps.len());
        if phrase.steps[0].alts.iter().any(|a| matches!(a, Alt::Name)) {
            self.name_led.push(id);
        }
        self.phrases.push(phrase);
    }

    /// Adds the first words of the phrases to the index.
    fn index(&self, lex: &mut FxMap<String, Lex>) {
        for (id, phrase) in self.phrases.iter().enumerate() {
            for alt in &phrase.steps[0].alts {
                if let Alt::Word(w) = alt {
                    for k in [&w.w, &w.sq] {
                        let ids = &mut lex.entry(k.clone()).or_default().starts[self.set];
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                }
            }
        }
    }

    /// A set of plain phrases (`allow.txt`, `not_names.txt`): no gaps, no `~`, no `*`.
    fn parse(text: &str, file: &'static str, set: usize, errors: &mut Vec<ListError>) -> PhraseSet {
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

    fn step_matches(step: &Step, scan: &Scan, i: usize) -> bool {
        let (h, sq) = (scan.hkey(i), scan.sq(i));
        step.alts.iter().any(|alt| match alt {
            Alt::Word(w) => w.matches(h, sq),
            Alt::Name => scan.is_name(i),
        })
    }

    /// The last word of `phrase` matched from word `i` at step `s`, if it matches.
    fn match_from(
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
    fn candidates<'a>(&'a self, scan: &Scan, i: usize) -> impl Iterator<Item = usize> + 'a {
        let [h, s] = scan.lex(i);
        let set = self.set;
        let n = if scan.is_name(i) {
            &self.name_led[..]
        } else {
            &[]
        };
        h.into_iter()
            .chain(s)
            .flat_map(move |l| l.starts[set].iter())
            .chain(n.iter())
            .copied()
    }

    /// Every match: (kind, first word, last word).
    fn find(&self, scan: &Scan, out: &mut Vec<(HeatKind, usize, usize)>) {
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
    fn covers(&self, scan: &Scan, first: usize, last: usize) -> bool {
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

/// The sections of `context.txt`, as bits of [`Lex::ctx`].
const CONTEXT_SECTIONS: [&str; 8] = [
    "before",
    "group",
    "of",
    "article",
    "copula",
    "lead",
    "person",
    "demonstrative",
];
const BEFORE: u8 = 1;
const GROUP: u8 = 1 << 1;
const OF: u8 = 1 << 2;
const ARTICLE: u8 = 1 << 3;
const COPULA: u8 = 1 << 4;
const LEAD: u8 = 1 << 5;
const PERSON: u8 = 1 << 6;
const DEMONSTRATIVE: u8 = 1 << 7;

/// Adds the words of `context.txt` to the index.
fn parse_context(text: &str, lex: &mut FxMap<String, Lex>, errors: &mut Vec<ListError>) {
    let mut bit = 0u8;
    for (n, line) in entry_lines(text) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            bit = CONTEXT_SECTIONS
                .iter()
                .position(|s| *s == name)
                .map_or(0, |i| 1 << i);
            if bit == 0 {
                errors.push(("context.txt", n, "unknown section"));
            }
            continue;
        }
        if bit == 0 {
            errors.push(("context.txt", n, "words outside a known section"));
        }
        for k in keys(line) {
            lex.entry(k).or_default().ctx |= bit;
        }
    }
}

/// Every list, parsed once.
#[derive(Debug, Default)]
struct Lists {
    /// Every listed word, squeezed word and first word of a phrase.
    lex: FxMap<String, Lex>,
    /// The listed words in file order, for the rare starred word.
    ordered: Vec<(String, WordEntry)>,
    prefixes: Vec<(Word, HeatKind)>,
    /// First bytes of the prefixes, so most words skip them.
    prefix_starts: [u64; 4],
    phrases: PhraseSet,
    allow: PhraseSet,
    not_names: PhraseSet,
    /// Problems in the list files (the tests require none).
    errors: Vec<ListError>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(Lists::parse)
}

impl Lists {
    fn parse() -> Lists {
        let mut l = Lists::default();
        let mut phrases = PhraseSet {
            set: HEATED,
            ..PhraseSet::default()
        };
        for list in &WORD_LISTS {
            let (file, kind) = (list.file, list.kind);
            for (n, line) in entry_lines(list.text) {
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
        l.allow = PhraseSet::parse(ALLOW, "allow.txt", ALLOWED, &mut l.errors);
        l.not_names = PhraseSet::parse(NOT_NAMES, "not_names.txt", NOT_NAMES_SET, &mut l.errors);
        parse_context(CONTEXT, &mut l.lex, &mut l.errors);
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
    fn annotate(&'static self, scan: &mut Scan) {
        let lex = (0..scan.toks.len())
            .map(|i| {
                let (h, sq) = (scan.hkey(i), scan.sq(i));
                let squeezed = (sq.len() < h.len()).then(|| self.lex.get(sq)).flatten();
                [self.lex.get(h), squeezed]
            })
            .collect();
        scan.lex = lex;
    }

    /// A listed word, through repeated letters, from its index entries.
    fn word_from(
        &self,
        [exact, squeezed]: [Option<&Lex>; 2],
        h: &str,
        sq: &str,
    ) -> Option<WordEntry> {
        if let Some(e) = exact.and_then(|l| l.word) {
            return Some(e);
        }
        if let Some((e, len)) = squeezed.and_then(|l| l.squeezed) {
            if h.len() >= len {
                return Some(e);
            }
        }
        let first = h.as_bytes().first().copied().unwrap_or(0);
        if self.prefix_starts[usize::from(first >> 6)] & (1 << (first & 63)) == 0 {
            return None;
        }
        let squeezed = sq.len() < h.len();
        self.prefixes
            .iter()
            .find(|(p, _)| h.starts_with(&p.w) || (squeezed && sq.starts_with(&p.sq)))
            .map(|(_, kind)| WordEntry {
                kind: *kind,
                contextual: false,
            })
    }

    /// A listed word, through repeated letters.
    fn word(&self, h: &str, sq: &str) -> Option<WordEntry> {
        let squeezed = (sq.len() < h.len()).then(|| self.lex.get(sq)).flatten();
        self.word_from([self.lex.get(h), squeezed], h, sq)
    }

    /// A listed word behind stars (`st*pid`, `f**king`, `s*t*u*p*i*d`).
    fn starred(&self, h: &str) -> Option<WordEntry> {
        let stars = h.chars().filter(|&c| c == '*').count();
        let letters = h.chars().count() - stars;
        if stars == 0 || letters < 2 {
            return None;
        }
        let bare: String = h.chars().filter(|&c| c != '*').collect();
        if letters >= 3 {
            if let Some(e) = self.word(&bare, &squeeze(&bare)) {
                return Some(e);
            }
        }
        if stars > letters + 1 {
            return None;
        }
        let fits = |w: &str, whole: bool| {
            let (mut a, mut b) = (h.chars(), w.chars());
            loop {
                match (a.next(), b.next()) {
                    (Some(x), Some(y)) if x == y || x == '*' => {}
                    (None, None) => return true,
                    (Some(_), None) => return !whole,
                    _ => return false,
                }
            }
        };
        self.ordered
            .iter()
            .find(|(w, _)| fits(w, true))
            .map(|(_, e)| *e)
            .or_else(|| {
                self.prefixes
                    .iter()
                    .find(|(p, _)| fits(&p.w, false))
                    .map(|(_, kind)| WordEntry {
                        kind: *kind,
                        contextual: false,
                    })
            })
    }

    /// A listed word at word `i`, and whether it was disguised.
    fn word_at(&self, scan: &Scan, i: usize) -> Option<(WordEntry, bool)> {
        let h = scan.hkey(i);
        let t = &scan.toks[i];
        if h.contains('*') {
            return self.starred(h).map(|e| (e, true));
        }
        if let Some(e) = self.word_from(scan.lex(i), h, scan.sq(i)) {
            return Some((e, t.disguised));
        }
        // `1` stands for `l` as often as for `i`.
        let key = scan.key(i);
        if t.disguised && key.contains('1') {
            let alt: String = key
                .chars()
                .map(|c| if c == '1' { 'l' } else { unleet(c) })
                .collect();
            return self.word(&alt, &squeeze(&alt)).map(|e| (e, true));
        }
        None
    }

    /// Words spelled out one letter at a time (`s.t.u.p.i.d`, `i d i o t`).
    fn spelled(&self, scan: &Scan, out: &mut Vec<(HeatKind, usize, usize)>) {
        let single = |i: usize| {
            let mut c = scan.hkey(i).chars();
            matches!((c.next(), c.next()), (Some(x), None) if is_letter(x))
        };
        let joint = |i: usize| {
            let g = scan.gap_before(i);
            (1..=2).contains(&g.len())
                && g.chars()
                    .all(|c| matches!(c, ' ' | '.' | '-' | '_' | '/' | '|' | '·'))
        };
        let n = scan.toks.len();
        let mut i = 0;
        while i < n {
            if !single(i) {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < n && end - i < 24 && single(end) && joint(end) {
                end += 1;
            }
            let mut a = i;
            while a + 3 <= end {
                let found = (a + 3..=end).rev().find_map(|b| {
                    let joined: String = (a..b).map(|k| scan.hkey(k)).collect();
                    self.word(&joined, &squeeze(&joined)).map(|e| (e.kind, b))
                });
                match found {
                    Some((kind, b)) => {
                        out.push((kind, a, b - 1));
                        a = b;
                    }
                    None => a += 1,
                }
            }
            i = end;
        }
    }

    /// Whether a `~word` at word `i` is said of a person.
    fn in_context(&self, scan: &Scan, i: usize, insult: &[bool]) -> bool {
        let is = |bit: u8, k: Option<usize>| {
            k.is_some_and(|k| scan.lex(k)[0].is_some_and(|l| l.ctx & bit != 0))
        };
        let back = |d: usize| i.checked_sub(d);
        let person = |k: Option<usize>| is(PERSON, k) || k.is_some_and(|k| scan.is_name(k));
        // "you pig", "sale porc".
        if is(BEFORE, back(1)) {
            return true;
        }
        // "bunch of animals", "espèce de porc".
        if is(OF, back(1)) && is(GROUP | BEFORE, back(2)) {
            return true;
        }
        // "cochon stupide", "stupid pig".
        if back(1).is_some_and(|k| insult[k]) || insult.get(i + 1) == Some(&true) {
            return true;
        }
        // "ce porc de serveur".
        if is(OF, Some(i + 1)) && person(Some(i + 2)) {
            return true;
        }
        // "he is a pig", "the waiter was a complete pig", "t'es qu'un porc", "what a pig",
        // "c'est un porc" (but not "c'est bête").
        let copula_of = |k: Option<usize>, demonstrative: bool| {
            let subject = |s: Option<usize>| person(s) || (demonstrative && is(DEMONSTRATIVE, s));
            is(COPULA, k)
                && k.is_some_and(|k| subject(k.checked_sub(1)) || subject(k.checked_sub(2)))
        };
        for da in 1..=2 {
            let Some(a) = back(da) else { break };
            if !is(ARTICLE, Some(a)) {
                continue;
            }
            for dc in 1..=2 {
                let k = a.checked_sub(dc);
                if is(LEAD, k) || copula_of(k, true) {
                    return true;
                }
            }
        }
        // "they are pigs", "you are really animals".
        copula_of(back(1), false) || copula_of(back(2), false)
    }

    /// Listed words and phrases, minus those inside an allowed phrase.
    fn heat(&self, scan: &Scan) -> Vec<HeatHit> {
        let n = scan.toks.len();
        let mut found: Vec<(HeatKind, usize, usize)> = Vec::new();
        let mut contextual = Vec::new();
        let mut insult = vec![false; n];
        for (i, is_insult) in insult.iter_mut().enumerate() {
            match self.word_at(scan, i) {
                Some((e, disguised)) if e.contextual && !disguised => contextual.push((e.kind, i)),
                Some((e, _)) => {
                    *is_insult = true;
                    found.push((e.kind, i, i));
                }
                None => {}
            }
        }
        for (kind, i) in contextual {
            if self.in_context(scan, i, &insult) {
                found.push((kind, i, i));
            }
        }
        self.spelled(scan, &mut found);
        self.phrases.find(scan, &mut found);
        found
            .into_iter()
            .filter(|&(_, a, b)| !self.allow.covers(scan, a, b))
            .map(|(kind, a, b)| HeatHit {
                kind,
                span: Span {
                    start: scan.toks[a].start,
                    end: scan.toks[b].end,
                },
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------
// Shouting

/// At least this many letters, mostly capitals, read as shouting.
const SHOUT_LETTERS: u32 = 12;

/// "Mostly capitals": at least 70 % of the cased letters.
fn mostly_upper(upper: u32, lower: u32) -> bool {
    upper > 0 && upper * 10 >= (upper + lower) * 7
}

fn shouting(scan: &Scan) -> Vec<HeatHit> {
    let toks = &scan.toks;
    let mut spans: Vec<Span> = Vec::new();
    let push = |a: usize, b: usize, up: u32, low: u32, spans: &mut Vec<Span>| {
        if up + low >= SHOUT_LETTERS && mostly_upper(up, low) {
            spans.push(Span {
                start: toks[a].start,
                end: toks[b].end,
            });
        }
    };
    // Runs of words in capitals, and sentences mostly in capitals: (first, last, upper,
    // lower).
    let mut run: Option<(usize, usize, u32, u32)> = None;
    let mut sentence: Option<(usize, usize, u32, u32)> = None;
    for (i, t) in toks.iter().enumerate() {
        if t.upper + t.lower > 0 {
            if mostly_upper(t.upper, t.lower) {
                let r = run.get_or_insert((i, i, 0, 0));
                r.1 = i;
                r.2 += t.upper;
                r.3 += t.lower;
            } else if let Some((a, b, up, low)) = run.take() {
                push(a, b, up, low, &mut spans);
            }
        }
        match sentence.as_mut() {
            Some(s) if toks[s.0].sentence == t.sentence => {
                s.1 = i;
                s.2 += t.upper;
                s.3 += t.lower;
            }
            _ => {
                if let Some((a, b, up, low)) = sentence.take() {
                    push(a, b, up, low, &mut spans);
                }
                sentence = Some((i, i, t.upper, t.lower));
            }
        }
    }
    for (a, b, up, low) in run.into_iter().chain(sentence) {
        push(a, b, up, low, &mut spans);
    }
    // Runs of !!! and ???, fullwidth ！？ and ‼ ⁉ ⁈ ⁇ included.
    let bytes = scan.text.as_bytes();
    let mut start = None;
    let mut count = 0;
    let mut i = 0;
    while i <= bytes.len() {
        let (weight, len) = match bytes.get(i..(i + 3).min(bytes.len())) {
            Some([b'!' | b'?', ..]) => (1, 1),
            Some([0xEF, 0xBC, 0x81 | 0x9F]) => (1, 3),
            Some([0xE2, 0x80, 0xBC] | [0xE2, 0x81, 0x87..=0x89]) => (2, 3),
            _ => (0, 1),
        };
        if weight > 0 {
            start.get_or_insert(i);
            count += weight;
        } else {
            if let Some(s) = start.take() {
                if count >= 3 {
                    spans.push(Span { start: s, end: i });
                }
            }
            count = 0;
        }
        i += len;
    }
    // One hit per shouted passage.
    let mut sorted: Vec<Span> = Vec::new();
    for s in spans {
        insert_sorted(&mut sorted, s, |s| (s.start, s.end));
    }
    let mut merged: Vec<Span> = Vec::new();
    for s in sorted {
        match merged.last_mut() {
            Some(m) if s.start <= m.end => m.end = m.end.max(s.end),
            _ => merged.push(s),
        }
    }
    merged
        .into_iter()
        .map(|span| HeatHit {
            kind: HeatKind::Shouting,
            span,
        })
        .collect()
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

    /// The comment line in `corpus.tsv` after which texts are held out: written after
    /// the lists were reviewed and never used to tune them, so their figures estimate
    /// how the lists do on texts nobody has seen.
    pub const HELD_OUT_MARK: &str = "# held out";

    /// One labelled text.
    #[derive(Debug, Clone)]
    pub struct Sample {
        /// Line number in the file.
        pub line: usize,
        pub names: Vec<String>,
        pub heated: bool,
        pub text: &'static str,
        /// After [`HELD_OUT_MARK`].
        pub held_out: bool,
    }

    /// The samples, or the first malformed line. Lines starting with `#` are comments.
    pub fn samples() -> Result<Vec<Sample>, String> {
        let mut held_out = false;
        let mut out = Vec::new();
        for (n, l) in TSV.lines().enumerate().skip(1) {
            if l.starts_with('#') {
                held_out |= l.starts_with(HELD_OUT_MARK);
                continue;
            }
            if l.trim().is_empty() {
                continue;
            }
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
            out.push(Sample {
                line: n + 1,
                names,
                heated,
                text,
                held_out,
            });
        }
        Ok(out)
    }

    /// True and false positives and false negatives.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Score {
        pub tp: usize,
        pub fp: usize,
        pub fn_: usize,
    }

    impl Score {
        fn add(&mut self, other: Score) {
            self.tp += other.tp;
            self.fp += other.fp;
            self.fn_ += other.fn_;
        }

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
        /// The same, over the held-out texts only ([`HELD_OUT_MARK`]).
        pub held_out_samples: usize,
        pub held_out_names: Score,
        pub held_out_heated: Score,
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
            report.held_out_samples += usize::from(s.held_out);
            let f = checker.check(s.text);
            let mut found: Vec<&str> = f.names.iter().map(|h| h.name.as_str()).collect();
            found.sort_unstable();
            found.dedup();
            let tp = found
                .iter()
                .filter(|n| s.names.iter().any(|e| e == *n))
                .count();
            let names = Score {
                tp,
                fp: found.len() - tp,
                fn_: s.names.len() - tp,
            };
            report.names.add(names);
            if s.held_out {
                report.held_out_names.add(names);
            }
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
            let score = Score {
                tp: usize::from(s.heated && heated),
                fp: usize::from(!s.heated && heated),
                fn_: usize::from(s.heated && !heated),
            };
            report.heated.add(score);
            if s.held_out {
                report.held_out_heated.add(score);
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
#[cfg(test)]
mod tests {
    use super::*;

    fn staff() -> Checker {
        corpus::staff_checker()
    }

    fn names(text: &str) -> Vec<String> {
        staff()
            .check(text)
            .names
            .into_iter()
            .map(|h| h.name)
            .collect()
    }

    /// The text under each name hit.
    fn name_spans(text: &str) -> Vec<&str> {
        staff()
            .check(text)
            .names
            .iter()
            .map(|h| &text[h.span.start..h.span.end])
            .collect()
    }

    fn heat(text: &str) -> Vec<(HeatKind, &str)> {
        staff()
            .check(text)
            .heat
            .iter()
            .map(|h| (h.kind, &text[h.span.start..h.span.end]))
            .collect()
    }

    #[test]
    fn the_lists_parse_without_errors() {
        assert_eq!(lists().errors, []);
        for list in &WORD_LISTS {
            assert!(
                list.text.starts_with("# "),
                "{} needs its header",
                list.file
            );
            assert!(
                list.text.contains("Reviewed"),
                "{} must say it was reviewed",
                list.file
            );
            assert!(list.text.contains("To add an entry"), "{}", list.file);
            assert!(list.text.contains("README.md"), "{}", list.file);
            assert!(matches!(list.lang, "en" | "fr"), "{}", list.file);
        }
    }

    /// Sample texts for a list line: each alternative in turn, `@name` as Amy.
    fn samples(line: &str, lang: &str) -> Vec<String> {
        let (contextual, line) = match line.strip_prefix('~') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let pieces: Vec<Vec<&str>> = line
            .split_whitespace()
            .filter(|p| *p != "...")
            .map(|p| {
                p.split('|')
                    .map(|a| {
                        if a == "@name" {
                            "Amy"
                        } else {
                            a.trim_end_matches('*')
                        }
                    })
                    .collect()
            })
            .collect();
        let mut out = Vec::new();
        for (at, piece) in pieces.iter().enumerate() {
            for alt in piece {
                let words: Vec<&str> = pieces
                    .iter()
                    .enumerate()
                    .map(|(k, p)| if k == at { *alt } else { p[0] })
                    .collect();
                let mut phrase = words.join(" ");
                if contextual {
                    let lead = if lang == "fr" { "espèce de" } else { "you" };
                    phrase = format!("{lead} {phrase}");
                }
                let sentence = if lang == "fr" {
                    format!("Franchement, {phrase} aujourd'hui.")
                } else {
                    format!("Honestly, {phrase} today.")
                };
                if !out.contains(&sentence) {
                    out.push(sentence);
                }
            }
        }
        out
    }

    #[test]
    fn every_entry_of_every_list_is_found() {
        let checker = staff();
        let mut tried = 0;
        for list in &WORD_LISTS {
            for (n, line) in entry_lines(list.text) {
                for text in samples(line, list.lang) {
                    tried += 1;
                    let f = checker.check(&text);
                    assert!(
                        f.heat.iter().any(|h| h.kind == list.kind),
                        "{}:{n} {line:?} not found as {:?} in {text:?}: {:?}",
                        list.file,
                        list.kind,
                        f.heat
                    );
                }
            }
        }
        assert!(tried > 500, "{tried}");
    }

    /// `idiot` → `IDIOT`, `idioooot`, `1d1ot`, `i*iot`.
    fn disguises(word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = vec![word.to_uppercase()];
        if let Some(v) = chars.iter().rposition(|c| "aeiouy".contains(*c)) {
            let mut s = chars.clone();
            s.insert(v, chars[v]);
            s.insert(v, chars[v]);
            out.push(s.into_iter().collect());
        }
        let leet: String = chars
            .iter()
            .map(|&c| match c {
                'o' => '0',
                'i' => '1',
                'e' => '3',
                'a' => '@',
                c => c,
            })
            .collect();
        if leet != word {
            out.push(leet);
        }
        if chars.len() >= 4 {
            let mut s = chars.clone();
            s[1] = '*';
            out.push(s.into_iter().collect());
        }
        out
    }

    #[test]
    fn every_listed_word_is_found_disguised() {
        let checker = staff();
        for list in &WORD_LISTS {
            for (n, line) in entry_lines(list.text) {
                let word = line.trim_start_matches('~');
                if word.contains([' ', '*']) {
                    continue;
                }
                for d in disguises(word) {
                    let lead = match (line.starts_with('~'), list.lang) {
                        (false, _) => "",
                        (true, "fr") => "espèce de ",
                        (true, _) => "you ",
                    };
                    let text = format!("well {lead}{d} again");
                    assert!(
                        checker.check(&text).is_heated(),
                        "{}:{n} {word:?} missed as {text:?}",
                        list.file
                    );
                }
            }
        }
    }

    #[test]
    fn ordinary_complaints_are_not_heated() {
        for text in [
            "the soup was cold",
            "l'attente était trop longue",
            "the waiter forgot our drinks",
            "it was a bit of a joke",
            "c'était nul",
            "Franchement nul, le dessert.",
            "the staff were rude",
            "dirty table, sticky menus",
            "this heat is killing me",
            "I'm going to complain to the manager",
            "I'll leave a review",
            "Je vais porter plainte.",
            "Le retard était énorme.",
            "Tom yum soup was too spicy",
            "chili con carne, jerk chicken and a hot dog",
            "Le cochon de lait et le filet de porc étaient secs.",
            "We had the pulled pig and the pig cheeks.",
            "We saw a rat in the yard.",
            "They treated us like animals.",
            "The food was garbage.",
            "C'est bête, personne ne nous a proposé de dessert.",
            "La vache, c'était long !",
            "Pros and cons: the only con is the parking.",
            "Our CEO loved the BBQ, the USA themed night was fun.",
            "I did NOT order this.",
            "Great food!! Thanks.",
            "Why?! Just why?",
            "The service was slow, lazy and useless.",
            "I could kill for your chocolate cake.",
            "I hope nobody gets fired over this, it was just a busy night.",
            "On a dû attendre 20 min. Dommage.",
            "2024 was better, the menu had 3 more dishes and 10% off.",
            "Prix : 25 $ par personne, c'est cher.",
            // From e2e/guidance.test.mjs.
            "L'attente était trop longue et la soupe était froide.",
            "The waitress was slow to bring the bill",
        ] {
            assert_eq!(heat(text), [], "{text}");
        }
    }

    #[test]
    fn heated_language_in_english_and_french() {
        for (text, kind, passage) in [
            ("The waiter is an idiot.", HeatKind::Insult, "idiot"),
            ("what a STUUUUPID waiter", HeatKind::Insult, "STUUUUPID"),
            ("what a st*pid place", HeatKind::Insult, "st*pid"),
            ("quel c0nnard", HeatKind::Insult, "c0nnard"),
            ("a real 1diot", HeatKind::Insult, "1diot"),
            ("s.t.u.p.i.d service", HeatKind::Insult, "s.t.u.p.i.d"),
            ("the manager is an @sshole", HeatKind::Insult, "@sshole"),
            ("un vrai connnnnard", HeatKind::Insult, "connnnnard"),
            ("F**K this", HeatKind::Insult, "F**K"),
            ("so fuuucking slow", HeatKind::Insult, "fuuucking"),
            ("I'll get you fired", HeatKind::Threat, "get you fired"),
            ("you should be fired", HeatKind::Threat, "should be fired"),
            ("je vais vous faire virer", HeatKind::Threat, "faire virer"),
            ("Faut la virer.", HeatKind::Threat, "Faut la virer"),
            ("Il faut virer Tom.", HeatKind::Threat, "faut virer"),
            (
                "Get Jean-Marc fired.",
                HeatKind::Threat,
                "Get Jean-Marc fired",
            ),
            (
                "I know where you live",
                HeatKind::Threat,
                "know where you live",
            ),
            (
                "The manager is a STUPID PIG and I will get you fired!!!",
                HeatKind::Threat,
                "get you fired",
            ),
            (
                "Le serveur est un cochon stupide.",
                HeatKind::Dehumanising,
                "cochon",
            ),
            (
                "Le serveur est un cochon stupide.",
                HeatKind::Insult,
                "stupide",
            ),
            ("espèce de porc", HeatKind::Dehumanising, "porc"),
            ("you pig", HeatKind::Dehumanising, "pig"),
            ("the staff are animals", HeatKind::Dehumanising, "animals"),
            ("Tom is a pig", HeatKind::Dehumanising, "pig"),
            ("c'est un porc", HeatKind::Dehumanising, "porc"),
            ("bande de cons", HeatKind::Insult, "cons"),
            ("what a bunch of clowns", HeatKind::Insult, "clowns"),
            ("sale arabe", HeatKind::Slur, "sale arabe"),
            (
                "THE SOUP WAS COLD AND NOBODY CAME",
                HeatKind::Shouting,
                "THE SOUP WAS COLD AND NOBODY CAME",
            ),
            (
                "It was COLD, STALE AND LATE, again",
                HeatKind::Shouting,
                "COLD, STALE AND LATE",
            ),
            ("Where is my food!!!", HeatKind::Shouting, "!!!"),
            ("Seriously???", HeatKind::Shouting, "???"),
            ("Are you kidding?!?!", HeatKind::Shouting, "?!?!"),
            ("Encore‼!", HeatKind::Shouting, "‼!"),
            (
                "C'EST INADMISSIBLE, PERSONNE NE RÉPOND",
                HeatKind::Shouting,
                "C'EST INADMISSIBLE, PERSONNE NE RÉPOND",
            ),
        ] {
            let found = heat(text);
            assert!(found.contains(&(kind, passage)), "{text}: {found:?}");
        }
    }

    #[test]
    fn names_whole_word_case_and_accent_insensitive() {
        assert_eq!(names("amy was lovely"), ["Amy"]);
        assert_eq!(names("AMY forgot us"), ["Amy"]);
        assert_eq!(names("Amy's smile"), ["Amy"]);
        assert_eq!(names("Amy’s smile"), ["Amy"]);
        assert_eq!(names("l'attitude d'Amy"), ["Amy"]);
        assert_eq!(names("thanks @Amy!"), ["Amy"]);
        assert_eq!(names("lea was kind"), ["Léa"]);
        assert_eq!(names("LÉA était là"), ["Léa"]);
        // `e` followed by a combining acute accent.
        assert_eq!(names("Le\u{301}a était là"), ["Léa"]);
        assert_eq!(names("Sophie et Tom"), ["Sophie", "Tom"]);
        assert_eq!(names("jean-marc forgot our order twice"), ["Jean-Marc"]);
        assert_eq!(names("Amy was so slow"), ["Amy"]);
        for text in [
            "Amyot and Lamy were there",
            "a sophisticated menu",
            "Tom yum soup, a Tom Collins and tom kha",
            "Tomato soup",
            "Léandre et Galéa",
            "Sophia and Leah",
            "Thomas",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn compound_names() {
        for text in [
            "Jean-Marc was rude",
            "jean-marc was rude",
            "jean marc was rude",
            "JEAN-MARC was rude",
            "Jean Marc was rude",
            "Jean – Marc was rude",
            "Jean‑Marc was rude",
            "jeanmarc was rude",
            "Jean-Marc's table",
        ] {
            assert_eq!(names(text), ["Jean-Marc"], "{text}");
        }
        for text in [
            "Jean. Marc came later",
            "Jean came",
            "Marc came",
            "Jean-Marcel",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
        // The longer configured name wins over a configured part.
        let c = Checker::new(&["Jean".into(), "Jean-Marc".into()]);
        let found: Vec<String> = c
            .check("Jean-Marc and Jean")
            .names
            .into_iter()
            .map(|h| h.name)
            .collect();
        assert_eq!(found, ["Jean-Marc", "Jean"]);
    }

    #[test]
    fn spans_point_at_the_text() {
        assert_eq!(name_spans("Thanks to JEAN-MARC's team"), ["JEAN-MARC"]);
        assert_eq!(name_spans("« Léa » et jean marc"), ["Léa", "jean marc"]);
        assert_eq!(name_spans("merci @Amy."), ["Amy"]);
        assert_eq!(name_spans("l'équipe d'Amy’s"), ["Amy"]);
        let text = "Honnêtement, Léa était une vraie c0nne !!!";
        let f = staff().check(text);
        assert_eq!(f.names[0].span, Span { start: 14, end: 18 });
        assert_eq!(
            heat(text),
            [(HeatKind::Insult, "c0nne"), (HeatKind::Shouting, "!!!")]
        );
    }

    #[test]
    fn spans_are_on_char_boundaries() {
        let checker = staff();
        let texts = corpus::samples().unwrap_or_default();
        let long = corpus::sample_text(4000);
        for text in texts
            .iter()
            .map(|s| s.text)
            .chain([long.as_str(), "é!!!É‼"])
        {
            let f = checker.check(text);
            let spans = f
                .names
                .iter()
                .map(|h| h.span)
                .chain(f.heat.iter().map(|h| h.span));
            for span in spans {
                assert!(span.start < span.end, "{text}");
                assert!(text.get(span.start..span.end).is_some(), "{text}");
            }
        }
    }

    #[test]
    fn names_mentioned_in_config_order() {
        let c = staff();
        let a = c.check("Tom and Amy");
        let b = c.check("Léa");
        assert_eq!(names_mentioned(&c, &[&a, &b]), ["Amy", "Léa", "Tom"]);
        assert_eq!(names_mentioned(&c, &[]), Vec::<String>::new());
    }

    #[test]
    fn blank_names_and_no_names() {
        let c = Checker::new(&["".into(), "  ".into(), "-".into()]);
        assert!(c.check("anything at all").names.is_empty());
        let d = Checker::default();
        assert!(d.check("Amy is an idiot").is_heated());
        assert!(d.check("").is_empty());
    }

    #[test]
    fn the_corpus_holds_its_figures() {
        let report = corpus::evaluate().unwrap_or_else(|e| panic!("{e}"));
        let samples = corpus::samples().unwrap_or_default();
        assert!(report.samples >= 200, "{} texts", report.samples);
        assert!(samples.iter().filter(|s| s.heated).count() >= 80);
        assert!(samples.iter().filter(|s| !s.names.is_empty()).count() >= 40);
        // The held-out part stays large enough to mean something.
        assert!(report.held_out_samples >= 70, "{}", report.held_out_samples);
        assert!(report.held_out_heated.tp + report.held_out_heated.fn_ >= 25);
        let misses: Vec<String> = report
            .misses
            .iter()
            .map(|m| format!("{}:{} {} {:?}", m.line, m.check, m.found, m.text))
            .collect();
        // Thresholds: the figures `bench/guidance` reports, rounded down (names 66 TP,
        // 0 FP, 0 FN; heated 124 TP, 1 FP, 12 FN over 370 texts).
        for (check, s, precision, recall) in [
            ("names", report.names, 0.99, 0.99),
            ("heated", report.heated, 0.99, 0.91),
        ] {
            assert!(
                s.precision() >= precision && s.recall() >= recall,
                "{check}: precision {:.3}, recall {:.3}; misses {misses:#?}",
                s.precision(),
                s.recall()
            );
        }
    }

    #[test]
    fn the_timing_text_is_4000_characters() {
        let text = corpus::sample_text(4000);
        assert_eq!(text.chars().count(), 4000);
        let f = staff().check(&text);
        assert!(!f.names.is_empty() && f.is_heated());
    }
}
