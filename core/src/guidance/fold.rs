//! Folding: lower case without accents, look-alike symbols read as letters, repeated
//! letters squeezed. Hand-written tables for the scripts French and English need, so
//! no Unicode case or normalisation tables reach the bundle.

/// Letters and digits, plus the symbols people type for letters (`c0nn@rd`, `st*pid`).
/// By code point ranges rather than `char::is_alphanumeric`, whose Unicode tables would
/// cost the bundle more than they give: Latin, combining marks, Greek, Cyrillic and the
/// other scripts up to U+1FFF, CJK and Hangul are letters; general punctuation (`’`,
/// `–`, `…`, `€`), `«»`, the no-break space, `×`, `÷` and emoji separate words.
pub(super) fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphanumeric() || matches!(c, '*' | '@' | '$'),
        0xC0..=0x24F => c != '×' && c != '÷',
        0x300..=0x1FFF | 0x3040..=0xD7FF | 0xF900..=0xFAFF => true,
        _ => false,
    }
}

/// A word character that is not a digit, a look-alike symbol or a combining mark.
pub(super) fn is_letter(c: char) -> bool {
    is_word_char(c) && !c.is_ascii_digit() && !matches!(c, '*' | '@' | '$') && !is_combining(c)
}

pub(super) fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The case of a letter, as far as [`fold_into`] knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    Upper,
    Lower,
    Uncased,
}

/// U+00C0 to U+017F (Latin-1 letters and Latin Extended-A), three bytes each: `U`pper,
/// `l`ower or `-` (`×`, `÷`), then the ASCII folding padded with spaces (`é` → `e`,
/// `Œ` → `oe`, `ß` → `ss`, `Þ` → `th`). Generated from Unicode's decompositions.
pub(super) const LATIN: [&[u8; 48]; 12] = [
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
pub(super) fn fold_into(c: char, out: &mut String) -> Case {
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
pub(super) fn unleet(c: char) -> char {
    match c {
        '0' => 'o',
        '1' | '!' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        c => c,
    }
}

/// Runs of one character squeezed to one: `stuuupid` → `stupid`.
pub(super) fn squeeze_into(s: &str, out: &mut String) {
    let mut last = None;
    for c in s.chars() {
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
}

pub(super) fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squeeze_into(s, &mut out);
    out
}
