//! The word classes of `address.txt`, which the constructions of `address` (and the
//! animal comparisons of `context`, the self-directed insults of `heated`) test words
//! against: kept as data like the lists, and looked up with the word's index entry.

use super::lists::{parse_sections, Lex, ListError};
use super::scan::Scan;
use super::FxMap;

/// The sections of `address.txt`, as bits of [`Lex::class`], in this order.
const SECTIONS: [&str; 31] = [
    "verdict",
    "verdict_fr",
    "scorn",
    "scorn_fr",
    "praise",
    "strong",
    "neutral",
    "function",
    "pronoun",
    "determiner",
    "between",
    "kind_of",
    "friends",
    "role",
    "kind",
    "role_en",
    "sale_not",
    "compare",
    "self_gap",
    "shame",
    "aimed",
    "swear",
    "trait",
    "praise_slang",
    "irony",
    "character",
    "mock",
    "apparel",
    "capture",
    "platform",
    "kin",
];
pub(super) const VERDICT: u32 = 1;
pub(super) const VERDICT_FR: u32 = 1 << 1;
pub(super) const SCORN: u32 = 1 << 2;
pub(super) const SCORN_FR: u32 = 1 << 3;
pub(super) const PRAISE: u32 = 1 << 4;
pub(super) const STRONG: u32 = 1 << 5;
pub(super) const NEUTRAL: u32 = 1 << 6;
pub(super) const FUNCTION: u32 = 1 << 7;
pub(super) const PRONOUN: u32 = 1 << 8;
pub(super) const DETERMINER: u32 = 1 << 9;
pub(super) const BETWEEN: u32 = 1 << 10;
pub(super) const KIND_OF: u32 = 1 << 11;
pub(super) const FRIENDS: u32 = 1 << 12;
pub(super) const ROLE: u32 = 1 << 13;
pub(super) const KIND: u32 = 1 << 14;
pub(super) const ROLE_EN: u32 = 1 << 15;
pub(super) const SALE_NOT: u32 = 1 << 16;
pub(super) const COMPARE: u32 = 1 << 17;
pub(super) const SELF_GAP: u32 = 1 << 18;
pub(super) const SHAME: u32 = 1 << 19;
pub(super) const AIMED: u32 = 1 << 20;
pub(super) const SWEAR: u32 = 1 << 21;
pub(super) const TRAIT: u32 = 1 << 22;
pub(super) const PRAISE_SLANG: u32 = 1 << 23;
pub(super) const IRONY: u32 = 1 << 24;
pub(super) const CHARACTER: u32 = 1 << 25;
pub(super) const MOCK: u32 = 1 << 26;
pub(super) const APPAREL: u32 = 1 << 27;
pub(super) const CAPTURE: u32 = 1 << 28;
pub(super) const PLATFORM: u32 = 1 << 29;
pub(super) const KIN: u32 = 1 << 30;

/// Adds the words of `address.txt` to the index.
pub(super) fn parse_classes(text: &str, lex: &mut FxMap<String, Lex>, errors: &mut Vec<ListError>) {
    let sections = ("address.txt", &SECTIONS[..]);
    parse_sections(text, sections, lex, errors, |l, bit| l.class |= bit);
}

/// Whether word `k` of `scan` (as typed, look-alikes read) is in one of `classes`.
pub(super) fn is(scan: &Scan, k: usize, classes: u32) -> bool {
    scan.lex(k)[0].is_some_and(|l| l.class & classes != 0)
}

/// Neither praise nor a strong complaint about the evening: what a verdict may call an
/// insult.
pub(super) fn not_an_insult(scan: &Scan, k: usize) -> bool {
    is(scan, k, PRAISE | STRONG)
}
