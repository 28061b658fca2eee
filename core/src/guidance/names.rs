//! Configured staff names: whole words, any case, accents folded, compound names joined
//! by a space, a hyphen or nothing; never inside a phrase of `not_names.txt`.

use super::classes::{is, KIN};
use super::lists::Lists;
use super::scan::Scan;
use super::{FxMap, NameHit, Span};

#[derive(Debug, Default)]
pub(super) struct NameIndex {
    /// Configured spelling and folded parts (`Jean-Marc` → `jean`, `marc`).
    pub(super) patterns: Vec<(String, Vec<String>)>,
    /// First part, or all parts written together (`jeanmarc`) → patterns, longest first.
    pub(super) by_first: FxMap<String, Vec<usize>>,
}

impl NameIndex {
    pub(super) fn new(staff_names: &[String]) -> NameIndex {
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
    pub(super) fn mark(&self, scan: &mut Scan) {
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
    pub(super) fn match_at(&self, scan: &Scan, i: usize) -> Option<(usize, usize)> {
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

    pub(super) fn find(&self, scan: &Scan, lists: &Lists) -> Vec<NameHit> {
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
            if !lists.not_names.covers(scan, i, last)
                && !namesake(scan, last)
                && !guests_own(scan, i)
            {
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

/// Whether the name ending at word `last` is followed by a surname (« Léa Seydoux »,
/// "Tom Jones"): a capitalised word, not another staff name, after one space. Guests
/// know staff by the first name on a badge, so a first name and surname is someone
/// else who shares it; a capitalised word in shouting (`AMY WAS`) is not a surname.
fn namesake(scan: &Scan, last: usize) -> bool {
    let k = last + 1;
    let Some(t) = scan.toks.get(k) else {
        return false;
    };
    t.sentence == scan.toks[last].sentence
        && scan.gap_before(k) == " "
        && !scan.is_name(k)
        && t.lower > 0
        && scan.text[t.start..].starts_with(|c: char| c.is_uppercase())
}

/// Whether the name starting at word `i` follows one of the guest's own people ("my
/// son Tom", "me and my friend Amy", "my friend's daughter Amy", « ma copine Zoé »,
/// "my mate, Tom,"): someone the guest brought, not the staff member who shares the
/// name, so it is neither noted nor passed on. Only this mention: the same name
/// elsewhere in the text is read as any other ("my friend Amy said Amy was lovely").
fn guests_own(scan: &Scan, i: usize) -> bool {
    let Some(k) = i.checked_sub(1) else {
        return false;
    };
    let sentence = scan.toks[i].sentence;
    if scan.toks[k].sentence != sentence
        || !matches!(scan.gap_before(i).trim(), "" | ",")
        || !is(scan, k, KIN)
    {
        return false;
    }
    // "my little girl Zoë", "my wee boy Tom"; not "our girl Amy at the till", who
    // may be staff.
    if matches!(scan.hkey(k), "girl" | "boy" | "baby")
        && k.checked_sub(1)
            .is_none_or(|j| !matches!(scan.hkey(j), "little" | "wee" | "baby"))
    {
        return false;
    }
    // "my son", "my little girl", "my best friend", "my friend's daughter".
    (1..=4)
        .filter_map(|d| k.checked_sub(d))
        .take_while(|&j| scan.toks[j].sentence == sentence)
        .any(|j| {
            matches!(
                scan.hkey(j),
                "my" | "our" | "mon" | "ma" | "mes" | "notre" | "nos"
            )
        })
}

/// What may join the parts of a compound name: spaces, hyphens, dashes, apostrophes.
pub(super) fn name_joint(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().count() <= 3
        && gap.chars().all(|c| {
            matches!(
                c,
                ' ' | '\u{a0}' | '\u{202f}' | '-' | '‐' | '‑' | '–' | '—' | '\'' | '’'
            )
        })
}
