//! Shouting: runs and sentences mostly in capitals, and runs of `!!!` / `???`.

use super::scan::Scan;
use super::{insert_sorted, HeatHit, HeatKind, Span};

/// At least this many letters, mostly capitals, read as shouting.
pub(super) const SHOUT_LETTERS: u32 = 12;

/// "Mostly capitals": at least 70 % of the cased letters.
pub(super) fn mostly_upper(upper: u32, lower: u32) -> bool {
    upper > 0 && upper * 10 >= (upper + lower) * 7
}

pub(super) fn shouting(scan: &Scan) -> Vec<HeatHit> {
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
