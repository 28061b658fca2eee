//! The text cut into words, each folded once, with byte offsets into what was typed.

use super::fold::{fold_into, is_combining, is_letter, is_word_char, squeeze_into, unleet, Case};
use super::lists::Lex;
#[cfg(doc)]
use super::{lists::Lists, names::NameIndex};

/// One word of the text.
#[derive(Debug, Clone)]
pub(super) struct Tok {
    /// Byte range in the original text.
    pub(super) start: usize,
    pub(super) end: usize,
    /// The folded word: a byte range in `Scan::buf`.
    pub(super) key: (usize, usize),
    /// With look-alikes read as letters, in `Scan::hbuf`; `None` when the same as `key`.
    pub(super) hkey: Option<(usize, usize)>,
    /// That with repeated letters squeezed, in `Scan::sbuf`; `None` when the same.
    pub(super) sq: Option<(usize, usize)>,
    /// The word as a name, in `Scan::buf`, and its byte range in the text: without
    /// surrounding `@*$` (`@Amy`), empty if symbols remain inside.
    pub(super) name: (usize, usize),
    pub(super) name_span: (usize, usize),
    pub(super) upper: u32,
    pub(super) lower: u32,
    /// Increases at `.`, `!`, `?`, `…`, `;` and line breaks: phrases stay within one.
    pub(super) sentence: u32,
    /// Had digits or symbols among letters: an obfuscated word.
    pub(super) disguised: bool,
    /// Starts a configured staff name (set by [`NameIndex::mark`]).
    pub(super) is_name: bool,
}

/// A text cut into words, each folded once.
pub(super) struct Scan<'t> {
    pub(super) text: &'t str,
    pub(super) buf: String,
    pub(super) hbuf: String,
    pub(super) sbuf: String,
    pub(super) toks: Vec<Tok>,
    /// What each word means to the lists, looked up once: as typed (look-alikes read)
    /// and squeezed (set by [`Lists::annotate`]).
    pub(super) lex: Vec<[Option<&'static Lex>; 2]>,
}

/// The length of the word character at byte `i`, if it is one.
pub(super) fn word_char_at(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        // `!` for `i` only between letters (`sh!t`), so "!!!" and "no!" stay punctuation.
        let letter = |k: Option<usize>| {
            k.and_then(|k| text.as_bytes().get(k))
                .is_some_and(u8::is_ascii_alphabetic)
        };
        let bang = b == b'!' && letter(i.checked_sub(1)) && letter(Some(i + 1));
        return (b.is_ascii_alphanumeric() || bang || matches!(b, b'*' | b'@' | b'$')).then_some(1);
    }
    let c = text.get(i..)?.chars().next()?;
    is_word_char(c).then(|| c.len_utf8())
}

impl<'t> Scan<'t> {
    pub(super) fn new(text: &'t str) -> Scan<'t> {
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
    pub(super) fn word(&mut self, start: usize, end: usize, sentence: u32) {
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

    pub(super) fn key(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.buf[t.key.0..t.key.1])
    }

    pub(super) fn hkey(&self, i: usize) -> &str {
        match self.toks.get(i).map(|t| t.hkey) {
            Some(Some((a, b))) => &self.hbuf[a..b],
            _ => self.key(i),
        }
    }

    pub(super) fn sq(&self, i: usize) -> &str {
        match self.toks.get(i).map(|t| t.sq) {
            Some(Some((a, b))) => &self.sbuf[a..b],
            _ => self.hkey(i),
        }
    }

    /// The word as a name (see [`Tok::name`]).
    pub(super) fn name_key(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .map_or("", |t| &self.buf[t.name.0..t.name.1])
    }

    pub(super) fn lex(&self, i: usize) -> [Option<&'static Lex>; 2] {
        self.lex.get(i).copied().unwrap_or([None, None])
    }

    pub(super) fn is_name(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_name)
    }

    /// The text between word `i - 1` and word `i`.
    pub(super) fn gap_before(&self, i: usize) -> &str {
        match (
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) {
            (Some(p), Some(t)) => &self.text[p.end..t.start],
            _ => "",
        }
    }
}
