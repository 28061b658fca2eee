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
//!   `not_names.txt` lists phrases where a name is something else (`tom yum`); a name
//!   right after one of the guest's own people (`my son Tom`, `ma copine Zoé`) is theirs.
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
//! * **Fields**: every text is checked as the [`Field`] it was written in (SPEC §6). A
//!   staff name in the complaint gets a note; in the praise it is welcome and passed
//!   on ([`Findings::names_to_pass_on`]). Shouting counts only in the complaint:
//!   "THANK YOU SO MUCH!!!" in the praise is joy. Insults, slurs and threats count in
//!   either.
//! * **Shouting**: a run of mostly upper-case words of at least 12 letters, or a
//!   sentence of at least 12 letters that is at least 70 % upper case; and runs of
//!   three or more `!`/`?` (`!!!`, `???`, `?!?!`). Short acronyms (`USA`, `CEO`)
//!   and a word of emphasis (`I did NOT order this`) are not shouting.
//!
//! Deliberately not heated (they describe the service, not a person): `rude`, `slow`,
//! `cold`, `dirty table`, `lazy`, `useless`, `incompetent`, `pathetic`, `a bit of a
//! joke`, « c'était nul », « dégueulasse », « lent », "crap", "sucks", idioms such as
//! "this heat is killing me", and recourse such as "I'm going to complain to the
//! manager", "I'll leave a review", « je vais porter plainte », and an insult a guest
//! says of themselves or reports receiving ("I was an idiot to order the fish", "the
//! waiter called me an idiot", « il m'a traité de connard »).
//!
//! # Why no regex
//!
//! The lists are words and short phrases, so a hash set of folded words and a phrase
//! index keyed by first word do the job in one linear pass. The `regex` crate would add
//! well over 100 KB of wasm before compression against a 150 KB gzipped budget for the
//! whole app (SPEC §9), and a big alternation would be slower to build and to run. The
//! lists are parsed once per process (a `OnceLock`); a [`Checker`] only adds the staff
//! names, and clones cheaply (the name index is shared behind an [`Arc`]).
//!
//! # Where things are
//!
//! - `fold`: lower case, accents and look-alikes; `scan`: the text cut into words.
//! - `names`: staff names.
//! - `lists`: the word list files and their parsing, into one index of words;
//!   `phrases`: phrase sets (heated, allowed, not names); `context`: when an
//!   animal word is said of a person; `address`: insults made by how a person is
//!   addressed, whatever the word, with their word classes in `classes`.
//! - `heated`: listed words, disguised and spelled out; `shouting`: capitals and `!!!`.
//! - [`scorer`]: a small learned scorer behind the rules, on in the app
//!   ([`scorer::IN_APP`]; `bench/guidance --scorer off` measures the rules alone).
//! - [`corpus`]: the labelled corpus and its figures (tests and `bench/guidance`).

mod address;
mod classes;
mod context;
pub mod corpus;
mod exposure;
mod fold;
mod heated;
mod lists;
mod names;
mod phrases;
mod scan;
pub mod scorer;
mod shouting;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use lists::loaded;
use names::NameIndex;
use scan::Scan;
use shouting::shouting;

/// The Fx hash (rustc's), several times faster than the default SipHash on the short
/// words looked up here. Flooding is no concern: the keys are our own lists, and the
/// text only ever reads them. rustc-hash 1.x, whose byte hashing is the classic one:
/// 2.x's costs ~200 bytes more gzipped wasm (bench/size).
type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<rustc_hash::FxHasher>>;

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

/// Which text of the form a text is: guidance treats them differently (SPEC §6).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Field {
    /// Names are welcome and passed on; shouting is joy.
    Praise,
    /// Names get a note; shouting counts as heated.
    #[default]
    Complaint,
}

impl Field {
    /// Capitals and `!!!` read as heated only in the complaint.
    fn counts_shouting(self) -> bool {
        self == Field::Complaint
    }
}

/// Everything guidance noticed in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    /// The text's field, which decides what the names mean.
    pub field: Field,
    /// In text order.
    pub names: Vec<NameHit>,
    /// In text order; one passage may be reported under two kinds.
    pub heat: Vec<HeatHit>,
}

impl Findings {
    pub fn is_heated(&self) -> bool {
        !self.heat.is_empty()
    }

    /// Staff names the guest is steered away from: those in the complaint.
    pub fn names_to_note(&self) -> &[NameHit] {
        match self.field {
            Field::Complaint => &self.names,
            Field::Praise => &[],
        }
    }

    /// Staff names the praise sings, to pass on to them: those in the praise.
    pub fn names_to_pass_on(&self) -> &[NameHit] {
        match self.field {
            Field::Praise => &self.names,
            Field::Complaint => &[],
        }
    }

    /// Guidance has a note for this text (a welcome for a name is not one).
    pub fn has_note(&self) -> bool {
        !self.names_to_note().is_empty() || self.is_heated()
    }
}

/// Gives guidance its word lists: the list files as one bundle, as the app fetches it
/// once the form is up (`guidance-<hash>.txt`, made by scripts/post-build.mjs). Until
/// then, guidance in the wasm has not spoken: every check finds nothing. A file missing
/// from the bundle counts as empty; a second call changes nothing.
pub fn load_lists(bundle: &str) {
    lists::set_lists(|file| lists::in_bundle(bundle, file));
}

/// Gives guidance the list files built into the crate (natively this happens on first
/// use). For the wasm tests: the app fetches them instead ([`load_lists`]).
pub fn load_builtin_lists() {
    lists::set_lists(lists::builtin);
}

/// Whether guidance has its word lists (natively always).
pub fn lists_loaded() -> bool {
    loaded().is_some()
}

/// Prepared once per config so a keystroke only pays for the scan.
#[derive(Debug, Clone, Default)]
pub struct Checker {
    staff_names: Vec<String>,
    names: Arc<NameIndex>,
    /// The learned scorer speaks where the rules found nothing ([`scorer::IN_APP`]).
    scorer: bool,
}

impl Checker {
    /// Prepares the staff names; blank entries are ignored. The word lists are parsed
    /// on first use and shared by every checker.
    pub fn new(staff_names: &[String]) -> Checker {
        Checker {
            staff_names: staff_names.to_vec(),
            names: Arc::new(NameIndex::new(staff_names)),
            scorer: scorer::IN_APP,
        }
    }

    /// The same checker with the learned scorer on or off, whatever the app's default
    /// (for the bench and the tests; in the wasm [`scorer::IN_APP`] alone decides).
    pub fn with_scorer(mut self, on: bool) -> Checker {
        self.scorer = on;
        self
    }

    /// Parses the word lists and runs every path of a check once on a short text, so
    /// the guest's first check does not pay for it (in a browser, wasm functions are
    /// compiled on their first call). The app calls this once the form is up.
    pub fn warm_up(&self) {
        const TEXT: &str = "Jean-Marc's service was SLOW AND RUDE!!! Quel c0nnard, \
                            vous êtes nuls ??? I'll get you fired, stuuupid. He's a lazy \
                            oaf of a waiter, sale type, il ressemble à un porc, who hired \
                            this twit? I was an idiot. Amy Smith, that smug little cow, \
                            is thick as pigsh*t. Putain de serveur, the Big Bastard \
                            Burger. The host has the manners of a goat; t'es qu'un \
                            larbin, aimable comme une porte de prison. Le cuisinier ? \
                            Un porc. Manager = total clown.";
        const CALM: &str = "The soup was cold, le dessert était correct.";
        std::hint::black_box(self.check(Field::Complaint, std::hint::black_box(TEXT)));
        std::hint::black_box(self.check(Field::Praise, std::hint::black_box(TEXT)));
        // A calm text, which the learned scorer (when on) reads.
        std::hint::black_box(self.check(Field::Complaint, std::hint::black_box(CALM)));
    }

    /// Checks `text` as written in `field`.
    pub fn check(&self, field: Field, text: &str) -> Findings {
        let Some(lists) = loaded() else {
            return Findings {
                field,
                ..Findings::default()
            };
        };
        let mut scan = Scan::new(text);
        self.names.mark(&mut scan);
        lists.annotate(&mut scan);
        let mut heat = Vec::new();
        let shouted = if field.counts_shouting() {
            shouting(&scan)
        } else {
            Vec::new()
        };
        for hit in lists
            .heat(&scan, field == Field::Praise)
            .into_iter()
            .chain(shouted)
        {
            insert_sorted(&mut heat, hit, |h| (h.span.start, h.span.end, h.kind));
        }
        // In the app the constant decides, so a scorer left off costs no bytes of wasm;
        // natively the bench and the tests may turn it on.
        let scorer_on = if cfg!(target_arch = "wasm32") {
            scorer::IN_APP
        } else {
            self.scorer
        };
        if heat.is_empty() && scorer_on {
            heat.extend(scorer::heated(field, text, &self.staff_names));
        }
        Findings {
            field,
            names: self.names.find(&scan, lists),
            heat,
        }
    }
}

/// Inserts `x` into `v`, kept sorted by `key` and without duplicates. The vectors here
/// are short, and this keeps the sort routines (several KB each) out of the bundle.
pub(super) fn insert_sorted<T: PartialEq, K: Ord>(v: &mut Vec<T>, x: T, key: impl Fn(&T) -> K) {
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

impl Checker {
    /// The configured names among `hits`, deduplicated, in config order, spelled as
    /// configured.
    pub fn configured(&self, hits: &[NameHit]) -> Vec<String> {
        self.staff_names
            .iter()
            .filter(|n| hits.iter().any(|h| &h.name == *n))
            .cloned()
            .collect()
    }

    /// `guidance.names_mentioned`: the names noted in the complaint.
    pub fn names_mentioned(&self, complaint: &Findings) -> Vec<String> {
        self.configured(complaint.names_to_note())
    }

    /// `praise.staff_named`: the names the praise passes on.
    pub fn staff_named(&self, praise: &Findings) -> Vec<String> {
        self.configured(praise.names_to_pass_on())
    }
}
