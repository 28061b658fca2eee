//! Heated words and phrases: listed words through repeated letters, look-alikes, stars
//! and spelled-out letters, animal words in context, minus allowed phrases.

use super::address::address;
use super::classes::{is, AIMED, PRAISE_SLANG, PRONOUN, SCORN, SELF_GAP, SWEAR, TRAIT};
use super::context::{aimed, in_context, is_person};
use super::exposure::exposed;
use super::fold::{is_letter, squeeze, unleet};
use super::lists::{Lex, Lists, WordEntry};
use super::scan::Scan;
use super::{HeatHit, HeatKind, Span};

impl Lists {
    /// A listed word, through repeated letters, from its index entries.
    pub(super) fn word_from(
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
    pub(super) fn word(&self, h: &str, sq: &str) -> Option<WordEntry> {
        let squeezed = (sq.len() < h.len()).then(|| self.lex.get(sq)).flatten();
        self.word_from([self.lex.get(h), squeezed], h, sq)
    }

    /// A listed word behind stars (`st*pid`, `f**king`, `s*t*u*p*i*d`).
    pub(super) fn starred(&self, h: &str) -> Option<WordEntry> {
        let stars = h.chars().filter(|&c| c == '*').count();
        let letters = h.chars().count() - stars;
        // A first letter and the rest starred (`f***`, `b****`) hides a swear word,
        // whichever it is.
        if letters == 1 && stars >= 2 && h.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Some(WordEntry {
                kind: HeatKind::Insult,
                contextual: false,
            });
        }
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
    pub(super) fn word_at(&self, scan: &Scan, i: usize) -> Option<(WordEntry, bool)> {
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
    pub(super) fn spelled(&self, scan: &Scan, out: &mut Vec<(HeatKind, usize, usize)>) {
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

    /// Listed words and phrases, minus those inside an allowed phrase; in the `praise`,
    /// minus praise slang ("Tom is a beast behind the grill", « le chef est un monstre »).
    pub(super) fn heat(&self, scan: &Scan, praise: bool) -> Vec<HeatHit> {
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
            if in_context(scan, i, &insult, kind) {
                found.push((kind, i, i));
            }
        }
        self.spelled(scan, &mut found);
        let words = found.len();
        self.phrases.find(scan, &mut found);
        // A listed insult phrase reported, like a listed word: « s'est fait traiter de
        // « gros lourd » », 'she said, quote, "shut up and wait"' (not a construction,
        // which is heated whoever says it).
        let mut k = words;
        while k < found.len() {
            let (kind, a, b) = found[k];
            if kind == HeatKind::Insult && a < b && not_aimed(scan, a) {
                found.remove(k);
            } else {
                k += 1;
            }
        }
        address(scan, praise, &mut found);
        if !praise {
            exposed(scan, &mut found);
        }
        found
            .into_iter()
            .filter(|&(_, a, b)| !self.allow.covers(scan, a, b))
            .filter(|&(kind, a, b)| !(kind == HeatKind::Insult && a == b && not_aimed(scan, a)))
            // "You absolute beast" in the praise ends on the slang word too.
            .filter(|&(_, _, b)| !(praise && is(scan, b, PRAISE_SLANG)))
            .filter(|&(kind, a, b)| {
                !(kind == HeatKind::Insult
                    // A comparison ("dumb as rocks", "useless as a chocolate teapot")
                    // is said of whatever its subject is: aimed, or a strong word.
                    && (((is(scan, a, AIMED)
                        || (a == b && is(scan, a, SWEAR))
                        || (a < b && scan.hkey(a + 1) == "as" && !is(scan, a, TRAIT)))
                        && !aimed(scan, a, &insult))
                        || (a == b && in_a_title(scan, a))))
            })
            // A threat to a person's thing is none: "posted a pic of your chef's
            // lasagne".
            .filter(|&(kind, a, b)| {
                !(kind == HeatKind::Threat
                    && a < b
                    && scan.hkey(b + 1) == "s"
                    && matches!(scan.gap_before(b + 1), "'" | "’"))
            })
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

/// Whether the insult at word `k` is one the guest says of themselves ("I was an idiot
/// to order the fish", « je me suis senti con », "stupid me") or reports being called
/// ("the waiter called me an idiot", « il m'a traité de connard »): it insults nobody
/// here, and a guest told off for reporting an insult stops trusting the kiosk.
fn not_aimed(scan: &Scan, k: usize) -> bool {
    let n = scan.toks.len();
    let same = |j: usize| j < n && scan.toks[j].sentence == scan.toks[k].sentence;
    let at = |j: Option<usize>| j.filter(|&j| same(j)).map_or("", |j| scan.hkey(j));
    if quoted_to_me(scan, k) {
        return true;
    }
    // "stupid me", "Idiot me left my phone", « idiot que je suis ».
    let opens = k == 0 || !same(k - 1);
    if at(Some(k + 1)) == "me" && (opens || !same(k + 2) || scan.gap_before(k + 2).contains(',')) {
        return true;
    }
    if [at(Some(k + 1)), at(Some(k + 2)), at(Some(k + 3))] == ["que", "je", "suis"] {
        return true;
    }
    // « Quelle idiote je suis », "What an idiot I am", "such a moron I was".
    let exclaimed = (1..=2).any(|d| {
        matches!(
            at(k.checked_sub(d)),
            "what" | "such" | "quel" | "quelle" | "quels" | "quelles"
        )
    });
    if exclaimed
        && matches!(
            [at(Some(k + 1)), at(Some(k + 2))],
            ["je" | "j", "suis" | "etais" | "fais" | "faisais"] | ["i", "am" | "m" | "was"]
        )
    {
        return true;
    }
    let mut j = k;
    for _ in 0..4 {
        match j.checked_sub(1) {
            // "I'm a grumpy old git".
            Some(p)
                if same(p)
                    && (is(scan, p, SELF_GAP | SCORN)
                        || matches!(scan.hkey(p), "old" | "vieux" | "vieille" | "pauvre")) =>
            {
                j = p
            }
            _ => break,
        }
    }
    let Some(v) = j.checked_sub(1).filter(|&v| same(v)) else {
        return false;
    };
    let before = |d: usize| at(v.checked_sub(d));
    match scan.hkey(v) {
        "am" | "m" | "was" | "felt" | "feel" | "look" | "looked" | "sound" | "sounded" => {
            before(1) == "i"
                || (before(1) == "me" && matches!(before(2), "made" | "make" | "makes" | "making"))
        }
        "me" | "us" => matches!(before(1), "called" | "call" | "calls" | "calling"),
        // "the waiter told us to fuck off".
        "to" => {
            matches!(before(1), "me" | "us")
                && matches!(before(2), "told" | "tell" | "tells" | "telling")
        }
        "suis" | "etais" | "sens" | "sentais" | "senti" | "sentie" | "sentis" => {
            (1..=3).any(|d| matches!(before(d), "je" | "j"))
        }
        "traite" | "traitee" | "traites" | "traitees" => {
            (1..=3).any(|d| matches!(before(d), "m" | "nous" | "me"))
        }
        // « je me suis fait traiter d'abruti », « mon mari s'est fait traiter de… »,
        // "I got called a moron".
        "traiter" => {
            matches!(before(1), "fait" | "faite" | "faits" | "faites")
                && (2..=4).any(|d| matches!(before(d), "m" | "nous" | "me" | "s" | "se"))
        }
        // "I'm probably being a total idiot".
        "being" => (1..=2).any(|d| matches!(before(d), "m" | "am" | "i" | "was")),
        // « même moi, pauvre idiot qui… ».
        "moi" => scan.gap_before(v + 1).contains(','),
        "called" => matches!(before(1), "got" | "get" | "been" | "was" | "were" | "being"),
        _ => false,
    }
}

/// Whether the word at `k` is inside quotation marks that report what someone said
/// to the guest: 'called me "mate" and then "idiot"', « m'a dit « vous êtes vraiment
/// une idiote » », « je me suis fait traiter d'« abruti » ».
fn quoted_to_me(scan: &Scan, k: usize) -> bool {
    // The quotation opens within the eight words before, after the verb of saying.
    let from = k.saturating_sub(8);
    let window = &scan.text[scan.toks[from].start..scan.toks[k].start];
    if !window.contains(['"', '“', '”', '«']) {
        return false;
    }
    let before = &scan.text[..scan.toks[k].start];
    let straight = before.matches(['"', '“', '”']).count() % 2 == 1;
    let guillemet = before
        .rfind('«')
        .is_some_and(|o| before.rfind('»').is_none_or(|c| c < o));
    if !straight && !guillemet {
        return false;
    }
    let words = || (from..k).map(|j| scan.hkey(j));
    // A verb of saying with "me" or "us" among them.
    words().any(|w| {
        matches!(
            w,
            "called"
                | "said"
                | "told"
                | "says"
                | "shouted"
                | "yelled"
                | "dit"
                | "lance"
                | "repondu"
                | "crie"
                | "traite"
                | "traitee"
                | "appele"
                | "appelee"
                | "insulte"
                | "insultee"
                | "quote"
        )
    }) && (from..k).any(|j| {
        is_person(scan, j)
            || matches!(
                scan.hkey(j),
                "me" | "us" | "m" | "nous" | "s" | "he" | "she" | "they" | "il" | "elle" | "ils"
            )
    })
}

/// Whether word `k` sits in a run of capitalised words that names a dish or a place
/// ("Big Bastard Burger"): a title insults nobody, unless it holds a person ("Stupid
/// Tom") or is all insults.
fn in_a_title(scan: &Scan, k: usize) -> bool {
    let capital = |j: usize| {
        let t = &scan.toks[j];
        t.upper == 1 && t.lower >= 1 && scan.text[t.start..].starts_with(char::is_uppercase)
    };
    let joined = |j: usize| {
        scan.toks[j].sentence == scan.toks[k].sentence
            && scan.gap_before(j).chars().all(|c| c == ' ' || c == '-')
    };
    if !capital(k) {
        return false;
    }
    let mut a = k;
    while a > 0 && joined(a) && capital(a - 1) {
        a -= 1;
    }
    let mut b = k;
    while b + 1 < scan.toks.len() && joined(b + 1) && capital(b + 1) {
        b += 1;
    }
    let person = (a..=b).any(|j| super::context::is_person(scan, j) || is(scan, j, PRONOUN));
    // Two capitals past the sentence's first word: not "Bloody Idiot, that waiter".
    let starts = a == 0 || scan.toks[a - 1].sentence != scan.toks[a].sentence;
    b > a + usize::from(starts)
        && !person
        && (a..=b).any(|j| scan.lex(j)[0].is_none_or(|l| l.word.is_none()))
}
