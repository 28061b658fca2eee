//! Insults made by how a person is addressed rather than by a listed word: « espèce de
//! X », « bande de X », "what a bunch of X", "you are a bunch of X", "You useless X",
//! "X-brained". Whatever X is, these say it of a person; "une espèce de ragoût", "une
//! bande de copains", "a bunch of flowers" and "they gave you useless advice" do not.

use super::classes::{
    is, not_an_insult, APPAREL, BETWEEN, CHARACTER, DETERMINER, FRIENDS, FUNCTION, IRONY, KIND,
    KIND_OF, MOCK, NEUTRAL, PRAISE, PRAISE_SLANG, PRONOUN, ROLE, ROLE_EN, SALE_NOT, SCORN,
    SCORN_FR, SHAME, STRONG, TRAIT, VERDICT, VERDICT_FR,
};
use super::context::{is_copula, is_person, subject_of};
use super::scan::Scan;
use super::HeatKind;

/// Whether word `i` opens what is said: first of its sentence, or after a comma, colon,
/// dash or quote.
fn opens(scan: &Scan, i: usize) -> bool {
    let Some(p) = i.checked_sub(1) else {
        return true;
    };
    scan.toks[p].sentence != scan.toks[i].sentence
        || scan
            .gap_before(i)
            .contains([',', ':', '—', '–', '(', '"', '«', '“'])
}

/// Words between an article and the noun it brings that only add scorn: "a lazy,
/// useless X", « un pauvre X ».
fn is_scorn(scan: &Scan, k: usize) -> bool {
    is(scan, k, SCORN | SCORN_FR)
}

/// Whether a listed word or an earlier construction already covers word `k`.
fn found_at(out: &[(HeatKind, usize, usize)], k: usize) -> bool {
    out.iter().any(|&(_, a, b)| (a..=b).contains(&k))
}

/// The first word from `j` in the same sentence as `i` that is not a word of scorn.
fn past_scorn(scan: &Scan, i: usize, mut j: usize) -> usize {
    let n = scan.toks.len();
    while j < n && scan.toks[j].sentence == scan.toks[i].sentence && is_scorn(scan, j) {
        j += 1;
    }
    j
}

/// The X of "what a X that waiter" or « quel X ce caissier » after `what` at word `i`,
/// unless praise or already found; scorn may come before X: "what a useless lump
/// that waiter is".
fn exclaimed(scan: &Scan, i: usize, out: &[(HeatKind, usize, usize)]) -> Option<usize> {
    let n = scan.toks.len();
    let x = i + 1 + usize::from(i + 1 < n && matches!(scan.hkey(i + 1), "a" | "an"));
    let x = past_scorn(scan, i, x);
    let fits = x + 2 < n
        && scan.toks[i].sentence == scan.toks[x + 2].sentence
        && matches!(scan.hkey(x + 1), "that" | "this" | "ce" | "cette" | "cet")
        && is_person(scan, x + 2)
        && !not_an_insult(scan, x)
        && !is(scan, x, FUNCTION)
        && !found_at(out, x);
    fits.then_some(x)
}

/// The X of "The bartender, what a plank." after `what` at word `i`: said right after
/// a person and a comma, and ending the sentence.
fn after_person(scan: &Scan, i: usize, out: &[(HeatKind, usize, usize)]) -> Option<usize> {
    let p = i.checked_sub(1)?;
    let n = scan.toks.len();
    let x = i + 1 + usize::from(i + 1 < n && matches!(scan.hkey(i + 1), "a" | "an"));
    let x = past_scorn(scan, i, x);
    let fits = x < n
        && scan.toks[x].sentence == scan.toks[i].sentence
        && scan
            .toks
            .get(x + 1)
            .is_none_or(|t| t.sentence != scan.toks[x].sentence)
        && is_person(scan, p)
        && !is(scan, p, PRONOUN)
        && scan.gap_before(i).contains([',', '—', '–', ':'])
        && !not_an_insult(scan, x)
        && !is(scan, x, FUNCTION | NEUTRAL)
        && !is_person(scan, x)
        && !found_at(out, x);
    fits.then_some(x)
}

/// The subject of a verdict whose article is at word `a`: the person of "the waiter
/// was a", « t'es qu'un », « Amy really is an »: the word before the copula (past an
/// adverb) when `reach` is 1, else any of the `reach` words before it.
fn verdict_subject(scan: &Scan, a: usize, reach: usize) -> Option<usize> {
    let mut c = a.checked_sub(1)?;
    // « t'es qu'un X », "the manager is such a X", « t'es vraiment une X ».
    if matches!(scan.hkey(c), "qu" | "such") || is(scan, c, BETWEEN) {
        c = c.checked_sub(1)?;
    }
    // "ur a joke", "your a disgrace", "youre a X": "you are" in one word.
    if matches!(scan.hkey(c), "ur" | "your" | "youre" | "ure") {
        return Some(c);
    }
    if !is_copula(scan, c) {
        return None;
    }
    if reach > 1 {
        return (1..=reach)
            .filter_map(|d| c.checked_sub(d))
            .find(|&s| is_person(scan, s));
    }
    let mut s = c.checked_sub(1)?;
    while is(scan, s, BETWEEN) {
        s = s.checked_sub(1)?;
    }
    // « Le serveur, c'est un X », « Ton serveur c'est un X »: the person before « c'est ».
    if matches!(scan.hkey(s), "c" | "ce" | "ca") {
        s = s
            .checked_sub(1)
            .filter(|&p| scan.toks[p].sentence == scan.toks[a].sentence)?;
    }
    if is_person(scan, s) {
        return Some(s);
    }
    // Past a complement: « le chef de cuisine est », "the manager at the hotel is".
    (1..=3)
        .filter_map(|d| s.checked_sub(d))
        .take_while(|&f| scan.toks[f].sentence == scan.toks[a].sentence)
        .find(|&f| is_person(scan, f) && subject_of(scan, f))
}

/// Whether word `s`, a verdict's subject, is the person spoken to: "you", « t'es »,
/// "ur a joke".
fn is_you(scan: &Scan, s: usize) -> bool {
    matches!(
        scan.hkey(s),
        "you" | "u" | "t" | "tu" | "vous" | "ur" | "your" | "youre" | "ure"
    )
}

/// Whether word `k` may be part of an insult, the noun or a word describing it: not
/// praise, a strong word about the evening, a neutral or a small word, or a person.
fn may_insult(scan: &Scan, k: usize) -> bool {
    !is(
        scan,
        k,
        PRAISE | STRONG | NEUTRAL | FUNCTION | PRONOUN | DETERMINER | PRAISE_SLANG,
    ) && !is_person(scan, k)
}

/// Whether word `k` could be the noun of a verdict that insults: not praise, a strong
/// word about the evening, a neutral or a person's noun, a small word, or one already
/// found.
fn insulting_noun(scan: &Scan, k: usize, out: &[(HeatKind, usize, usize)]) -> bool {
    may_insult(scan, k)
        && !found_at(out, k)
        && !matches!(
            scan.hkey(k),
            "one" | "someone" | "somebody" | "anyone" | "quelqu" | "personne" | "bit" | "lot"
        )
}

/// A bare verdict on a person, whatever the noun, where the article is word `i - 1`
/// and the noun ends the clause: "Your sommelier is a cowboy, …", "The manager is an
/// overgrown toddler who…", « Votre patron est un rapace et un… », « t'es une
/// incapable. »; not "the waiter is a student", "Tom is a star", "the owner is an
/// Italian", "the host is a fan of jazz" or « le chef est un passionné de vin ». In
/// the complaint only: the praise has too many words for a good person.
fn bare(scan: &Scan, i: usize, out: &[(HeatKind, usize, usize)]) -> Option<usize> {
    let n = scan.toks.len();
    let same = |k: usize| k < n && scan.toks[k].sentence == scan.toks[i].sentence;
    if is(scan, i, VERDICT | VERDICT_FR | SCORN | SCORN_FR) {
        return None;
    }
    let ends = |j: usize| {
        !same(j + 1)
            || scan
                .gap_before(j + 1)
                .contains([',', ';', ':', '!', '?', '(', '—', '–', '.'])
            || matches!(
                scan.hkey(j + 1),
                "who" | "qui" | "that" | "though" | "tho" | "sans" | "without"
            )
            || (matches!(scan.hkey(j + 1), "and" | "et")
                && matches!(scan.hkey(j + 2), "a" | "an" | "un" | "une"))
            // « un zievereer de première ».
            || (matches!(scan.hkey(j + 1), "de" | "d")
                && matches!(scan.hkey(j + 2), "premiere" | "competition" | "concours"))
    };
    // The noun ends the clause, past up to two words that describe it ("a bloated
    // tomato-faced blowhard", "an overgrown toddler"), none of them praise, a strong
    // word or a person: not "a hard worker", "a lovely lad".
    let j = (i..i + 3).find(|&j| same(j) && ends(j))?;
    if !(i..j).all(|k| may_insult(scan, k))
        || is(scan, j, VERDICT | VERDICT_FR | SCORN | SCORN_FR | MOCK)
        || !insulting_noun(scan, j, out)
    {
        return None;
    }
    // A capital past the sentence's first word is a nationality or a name: "an
    // Italian", "a Gooner".
    let t = &scan.toks[j];
    if scan.text[t.start..].starts_with(char::is_uppercase) || scan.hkey(j).len() < 3 {
        return None;
    }
    verdict_subject(scan, i - 1, 1)?;
    Some(j)
}

/// Whether the clause of word `i` ends at word `j`: the sentence ends or a comma, a
/// full stop, a semicolon or "!" follows.
fn ends_at(scan: &Scan, i: usize, j: usize) -> bool {
    let n = scan.toks.len();
    let same = |k: usize| k < n && scan.toks[k].sentence == scan.toks[i].sentence;
    same(j) && (!same(j + 1) || scan.gap_before(j + 1).contains([',', '.', ';', '!']))
}

/// A thing dressed as staff, where `in`, `with`, « en » or « avec » is word `p`: "a
/// boiled ham in an apron", "a thumb with a beard", « un néant en tablier », « un
/// paillasson avec une cravate »; not "a man in a tie" or "an angel in an apron".
fn dressed(scan: &Scan, p: usize, out: &[(HeatKind, usize, usize)]) -> Option<(usize, usize)> {
    let n = scan.toks.len();
    let same = |k: usize| k < n && scan.toks[k].sentence == scan.toks[p].sentence;
    let mut k = p + 1;
    if matches!(scan.hkey(k), "a" | "an" | "un" | "une" | "des") {
        k += 1;
    }
    let x = p.checked_sub(1)?;
    if !same(k) || !same(x) || !is(scan, k, APPAREL) || !insulting_noun(scan, x, out) {
        return None;
    }
    let a = (1..=3)
        .filter_map(|d| x.checked_sub(d))
        .find(|&a| same(a) && matches!(scan.hkey(a), "a" | "an" | "un" | "une" | "des"))?;
    // « un pot de chambre avec des jambes ».
    let plain = (a + 1..x).all(|m| {
        (matches!(scan.hkey(m), "de" | "d") || !is(scan, m, FUNCTION | PRONOUN))
            && !is_person(scan, m)
    });
    plain.then_some((a, k))
}

/// A sentence of scorn and a noun after a sentence about a person, whatever the noun,
/// where word `i` is a word said only of a character: "… Thieving little magpie.",
/// « … Un raté aigri. »; not "Arrogant waiter." (a person: a strong word) or "Smug
/// attitude.".
fn fragment(scan: &Scan, i: usize, out: &[(HeatKind, usize, usize)]) -> Option<(usize, usize)> {
    let n = scan.toks.len();
    let sentence = scan.toks[i].sentence;
    let same = |k: usize| k < n && scan.toks[k].sentence == sentence;
    let first = |k: usize| k == 0 || scan.toks[k - 1].sentence != scan.toks[k].sentence;
    let article = |k: usize| matches!(scan.hkey(k), "a" | "an" | "un" | "une");
    let (start, x) = if same(i + 1) {
        // "Thieving little magpie.", "A smug little weasel."
        let mut x = i + 1;
        while same(x + 1) && (is(scan, x, SCORN | CHARACTER) || scan.hkey(x) == "old") {
            x += 1;
        }
        let start = if i > 0 && article(i - 1) && same(i - 1) {
            i - 1
        } else {
            i
        };
        (start, x)
    } else {
        // « Un raté aigri. »
        let x = i.checked_sub(1).filter(|&x| same(x))?;
        (x.checked_sub(1).filter(|&a| same(a) && article(a))?, x)
    };
    if !first(start) || same(x.max(i) + 1) || !insulting_noun(scan, x, out) {
        return None;
    }
    let person = (0..start)
        .rev()
        .take_while(|&k| scan.toks[k].sentence + 1 >= sentence)
        .any(|k| is_person(scan, k) && !is(scan, k, PRONOUN) || scan.is_name(k));
    person.then_some((start, x.max(i)))
}

/// A verdict on a person from the adjective at word `i` after the article at `i - 1`:
/// "the host was a complete boor", "the waiter was a lazy useless lump", « le serveur
/// est un sale X », "you're a useless waiter"; not "an absolute legend", "a complete
/// disaster", "the waiter was a lazy student" or "the manager was a little rude".
fn verdict(scan: &Scan, i: usize, out: &[(HeatKind, usize, usize)]) -> Option<usize> {
    let n = scan.toks.len();
    let same = |b: usize| b < n && scan.toks[i].sentence == scan.toks[b].sentence;
    let mut j = i;
    let mut strong = false;
    while same(j) && (is(scan, j, VERDICT | VERDICT_FR) || is_scorn(scan, j)) {
        strong |= is(scan, j, VERDICT | VERDICT_FR);
        j += 1;
    }
    if j == i || !same(j) || not_an_insult(scan, j) || is(scan, j, FUNCTION) || found_at(out, j) {
        return None;
    }
    // "a little slow" is an adverb, not scorn; "a shifty little man", "a nasty little
    // woman" belittle the person they name.
    let little = (i..j).any(|k| scan.hkey(k) == "little");
    if little && j == i + 1 {
        return None;
    }
    let belittled = little && j > i + 1;
    let a = i - 1;
    // "the lady at the till was a right old X" reaches four words back; scorn alone
    // only the word before the copula.
    let subject = verdict_subject(scan, a, if strong { 4 } else { 1 })?;
    let to_you = is_you(scan, subject);
    if is(scan, j, NEUTRAL | PRONOUN) {
        return None;
    }
    (strong || to_you || belittled || !is_person(scan, j)).then_some(j)
}

/// The X of "that X of a waiter", "a poor excuse for a manager", where `of` is word
/// `i`; not "one hell of a waiter", "a gem of a waitress" or "a disaster of a meal".
fn of_a_role(scan: &Scan, i: usize, out: &[(HeatKind, usize, usize)]) -> Option<usize> {
    let x = i.checked_sub(1)?;
    let n = scan.toks.len();
    let fits = i + 2 < n
        && scan.toks[x].sentence == scan.toks[i + 2].sentence
        && matches!(scan.hkey(i + 1), "a" | "an")
        && is(scan, i + 2, ROLE_EN)
        && match scan.hkey(i) {
            "for" => scan.hkey(x) == "excuse",
            _ => {
                !is(scan, x, PRAISE | FUNCTION)
                    && !matches!(
                        scan.hkey(x),
                        "hell"
                            | "heck"
                            | "one"
                            | "sort"
                            | "kind"
                            | "type"
                            | "lot"
                            | "friend"
                            | "son"
                            | "daughter"
                            | "wife"
                            | "husband"
                            | "name"
                            | "job"
                            | "bit"
                            | "piece"
                            | "smile"
                            | "help"
                            | "side"
                            | "part"
                    )
            }
        }
        && !found_at(out, x);
    fits.then_some(x)
}

/// The likeness of "the manners of a goat", "a face like a slapped arse", "the
/// personality of one", « un QI d'huître », « la politesse d'une porte de grange », where
/// the trait is word `i`: a person's trait (a person earlier in the sentence, or a
/// possessive) likened to a thing or an animal; not praise ("the patience of a saint",
/// "the manners of a true gentleman"), a person ("the brain of the team") or the
/// guest's own ("j'ai le cerveau d'un poisson rouge ce matin").
fn likened(scan: &Scan, i: usize, out: &[(HeatKind, usize, usize)]) -> Option<usize> {
    let n = scan.toks.len();
    let same = |k: usize| k < n && scan.toks[k].sentence == scan.toks[i].sentence;
    let trait_ = scan.hkey(i);
    let face = matches!(trait_, "face" | "mouth");
    let link = scan.hkey(i + 1);
    let before = |d: usize| i.checked_sub(d).map_or("", |k| scan.hkey(k));
    let irony = is(scan, i, IRONY);
    match link {
        // « aimable comme une porte de prison », « aussi futée qu'un poteau », "as
        // welcoming as a morgue".
        "comme" | "qu" | "que" | "as" if irony => {}
        _ if irony => return None,
        "like" => {}
        "of" | "de" | "d" if !face => {}
        // "as much charm as a parking ticket", "less personality than a wet flannel",
        // « autant de charme qu'une porte de prison ».
        "as" if matches!(before(1), "much" | "more" | "less") => {}
        "than" if matches!(before(1), "more" | "less") => {}
        "qu" | "que" if before(1) == "de" && matches!(before(2), "autant" | "moins" | "plus") => {}
        _ => return None,
    }
    let mut x = i + 2;
    if matches!(scan.hkey(x), "a" | "an" | "un" | "une") {
        x += 1;
    } else if !((scan.hkey(x) == "one"
        && scan.toks.get(x + 1).is_none_or(|t| {
            t.sentence != scan.toks[x].sentence
                || scan.gap_before(x + 1).trim() != ""
                || scan.hkey(x + 1) == "and"
        }))
        || (matches!(link, "de" | "d") && matches!(trait_, "qi" | "cerveau"))
        || (link == "of" && matches!(trait_, "iq")))
    {
        return None;
    }
    if !same(x)
        || is(scan, x, FUNCTION | PRONOUN | DETERMINER | NEUTRAL)
        || is_person(scan, x)
        || found_at(out, x)
        || (x..x + 3).any(|k| same(k) && is(scan, k, PRAISE))
    {
        return None;
    }
    let possessive = i.checked_sub(1).is_some_and(|p| {
        matches!(
            scan.hkey(p),
            "his"
                | "her"
                | "your"
                | "ur"
                | "their"
                | "sa"
                | "son"
                | "ta"
                | "ton"
                | "votre"
                | "leur"
        )
    });
    let owner = (i.saturating_sub(12)..i).any(|k| same(k) && is_person(scan, k));
    (possessive || owner).then_some(x)
}

/// The insults of `scan` made by address, as (kind, first word, last word), after the
/// listed words already in `out` (a verdict on a listed word is not found twice).
pub(super) fn address(scan: &Scan, praise: bool, out: &mut Vec<(HeatKind, usize, usize)>) {
    let n = scan.toks.len();
    let same = |a: usize, b: usize| b < n && scan.toks[a].sentence == scan.toks[b].sentence;
    let at = |k: Option<usize>| k.map_or("", |k| scan.hkey(k));
    for i in 0..n {
        let prev = at(i.checked_sub(1));
        if !praise && i > 0 && matches!(prev, "a" | "an" | "un" | "une") {
            if let Some(x) = bare(scan, i, out) {
                out.push((HeatKind::Insult, i - 1, x));
                continue;
            }
        }
        if matches!(
            scan.hkey(i),
            "in" | "with" | "wearing" | "en" | "avec" | "a"
        ) {
            if let Some((a, x)) = dressed(scan, i, out) {
                out.push((HeatKind::Insult, a, x));
                continue;
            }
        }
        // "The owner, a total X,", « Le patron en revanche, un vrai rapace, »: an
        // intensifier and any noun in apposition to a person; not "the chef, a real
        // pro".
        if i > 1
            && matches!(prev, "a" | "an" | "un" | "une")
            && is(scan, i, VERDICT | VERDICT_FR)
            && scan.gap_before(i - 1).contains(',')
            && (2..=4)
                .filter_map(|d| i.checked_sub(d))
                .take_while(|&k| same(k, i))
                .find(|&k| {
                    !matches!(
                        scan.hkey(k),
                        "par" | "contre" | "revanche" | "en" | "though" | "however"
                    )
                })
                .is_some_and(|k| is_person(scan, k) && !is(scan, k, PRONOUN))
            && same(i, i + 1)
            && insulting_noun(scan, i + 1, out)
            && !is(scan, i + 1, VERDICT | VERDICT_FR | SCORN | SCORN_FR)
            // Past one word that describes it: « une vraie belette visqueuse. ».
            && (ends_at(scan, i, i + 1)
                || (ends_at(scan, i, i + 2) && !is(scan, i + 2, FUNCTION | PRAISE | NEUTRAL)))
        {
            out.push((HeatKind::Insult, i - 1, i + 1));
            continue;
        }
        if is(scan, i, CHARACTER) {
            if let Some((a, x)) = fragment(scan, i, out) {
                out.push((HeatKind::Insult, a, x));
                continue;
            }
        }
        let of = |w: &str| matches!(w, "de" | "d" | "of");
        match scan.hkey(i) {
            // « espèce de crétin », not « une espèce de sauce ».
            "espece"
                if of(at(Some(i + 1)))
                    && same(i, i + 2)
                    && (opens(scan, i)
                        || !i.checked_sub(1).is_some_and(|p| is(scan, p, KIND_OF))) =>
            {
                out.push((HeatKind::Insult, i, i + 2));
            }
            // « bande d'incapables », « quelle bande de X », « vous êtes une bande de
            // X », "what a bunch of X", "you are a bunch of X"; not « une bande de
            // copains » or "a bunch of flowers".
            g @ ("bande" | "bunch") if of(at(Some(i + 1))) && same(i, i + 2) => {
                let lead = matches!(prev, "quelle" | "vous" | "you" | "u")
                    || (prev == "a" && at(i.checked_sub(2)) == "what");
                let start = g == "bande" && opens(scan, i) && !is(scan, i + 2, FRIENDS);
                let to_you = matches!(prev, "une" | "a")
                    && i.checked_sub(2).is_some_and(|c| {
                        matches!(scan.hkey(c), "etes" | "are" | "re" | "r")
                            && (matches!(at(c.checked_sub(1)), "vous" | "you" | "u")
                                || (at(c.checked_sub(1)) == "lot"
                                    && matches!(at(c.checked_sub(2)), "you" | "u")))
                    });
                if lead || start || to_you {
                    out.push((HeatKind::Insult, i, i + 2));
                }
            }
            // "bartender = total tool", "Manager = walking toothache": `=` for a copula;
            // not "waiter = total legend" or "manager = complete disaster".
            _ if i > 0
                && scan.gap_before(i).contains('=')
                && is_person(scan, i - 1)
                && (is(scan, i, VERDICT | VERDICT_FR) || is_scorn(scan, i)) =>
            {
                let mut j = i;
                while same(i, j) && (is(scan, j, VERDICT | VERDICT_FR) || is_scorn(scan, j)) {
                    j += 1;
                }
                if same(i, j)
                    && !not_an_insult(scan, j)
                    && !is(scan, j, FUNCTION | NEUTRAL | PRONOUN)
                    && !is_person(scan, j)
                    && !found_at(out, j)
                {
                    out.push((HeatKind::Insult, i, j));
                }
            }
            // "the manners of a goat", « un QI d'huître ».
            // "all the warmth of a traffic warden": any quality, ironic.
            _ if is(scan, i, TRAIT | IRONY)
                || (prev == "the" && at(i.checked_sub(2)) == "all" && at(Some(i + 1)) == "of") =>
            {
                if let Some(x) = likened(scan, i, out) {
                    out.push((HeatKind::Insult, i, x));
                }
            }
            // "you are a joke", "zoe u r a joke", « t'es une blague »: said to someone;
            // "the service is a joke" and "the manager was a joke" stay strong words.
            "joke" | "blague"
                if matches!(prev, "a" | "une")
                    && verdict_subject(scan, i - 1, 1).is_some_and(|s| is_you(scan, s)) =>
            {
                out.push((HeatKind::Insult, i - 1, i));
            }
            // « T'es qu'un larbin », « vous n'êtes que des amateurs », "you're nothing but
            // a thief": said to someone, whatever the noun; not « ce n'est qu'un détail »,
            // « tu n'es qu'un stagiaire » or "it's nothing but a scam".
            w @ ("qu" | "que" | "but")
                if (w != "but" || prev == "nothing")
                    && matches!(at(Some(i + 1)), "un" | "une" | "des" | "a" | "an")
                    && same(i, i + 2) =>
            {
                let c = if w == "but" {
                    i.checked_sub(2)
                } else {
                    i.checked_sub(1)
                };
                let to_you = c.filter(|&c| is_copula(scan, c)).is_some_and(|c| {
                    (1..=2).any(|d| {
                        c.checked_sub(d).is_some_and(|s| {
                            matches!(scan.hkey(s), "t" | "tu" | "vous" | "you" | "u")
                        })
                    })
                });
                // Scorn before the noun is the verdict's (« t'es qu'un pauvre X »).
                let x = i + 2;
                if to_you
                    && !is_scorn(scan, x)
                    && !is(scan, x, VERDICT | VERDICT_FR)
                    && !not_an_insult(scan, x)
                    && !is(scan, x, FUNCTION | NEUTRAL | PRONOUN)
                    && !is_person(scan, x)
                    && !found_at(out, x)
                {
                    out.push((HeatKind::Insult, i, x));
                }
            }
            // "You useless lot", "…, you lazy little man", "You absolute X", "zoe u
            // absolute X" (said to a name); not "you absolute legend".
            "you" | "u" if opens(scan, i) || i.checked_sub(1).is_some_and(|p| scan.is_name(p)) => {
                let mut j = i + 1;
                while same(i, j) && is(scan, j, SCORN | VERDICT) {
                    j += 1;
                }
                if j > i + 1 && same(i, j) && !not_an_insult(scan, j) && !is(scan, j, FUNCTION) {
                    out.push((HeatKind::Insult, i, j));
                }
            }
            // "the lady at the till was a right old X", « Léa est une vraie X », "the
            // waiter was a lazy, useless lump", « t'es qu'un pauvre X »; not "an
            // absolute legend" or "a complete disaster".
            _ if matches!(prev, "a" | "an" | "un" | "une")
                && (is(scan, i, VERDICT | VERDICT_FR) || is_scorn(scan, i)) =>
            {
                if let Some(x) = verdict(scan, i, out) {
                    out.push((HeatKind::Insult, i, x));
                }
            }
            // "The staff are a disgrace", "you are an embarrassment"; not "the service is
            // a disgrace".
            _ if matches!(prev, "a" | "an" | "une")
                && is(scan, i, SHAME)
                && verdict_subject(scan, i - 1, 1).is_some() =>
            {
                out.push((HeatKind::Insult, i - 1, i));
            }
            // "that clown of a waiter", "a poor excuse for a manager".
            "of" | "for" => {
                if let Some(x) = of_a_role(scan, i, out) {
                    out.push((HeatKind::Insult, x, i + 2));
                }
            }
            // « Sale menteur ! », « ce sale type », « toi, sale X », « maudit serveur » ;
            // not « une sale journée », « des verres sales » or « c'était sale, vous
            // savez ».
            w @ ("sale" | "sales" | "maudit" | "maudite" | "maudits" | "maudites")
                if same(i, i + 1) && scan.gap_before(i + 1).trim().is_empty() =>
            {
                let noun = !is(scan, i + 1, PRONOUN | FUNCTION);
                let led =
                    i.checked_sub(1).is_some_and(|p| is(scan, p, DETERMINER)) || opens(scan, i);
                // Said of a person: « jeanmarc le sale lâche », « le patron est un sale
                // radin ».
                let said_of = i.checked_sub(2).is_some_and(|k| {
                    is_person(scan, k)
                        || (is_copula(scan, k)
                            && (1..=3)
                                .any(|d| k.checked_sub(d).is_some_and(|s| is_person(scan, s))))
                });
                let person = is_person(scan, i + 1) || (said_of && !is(scan, i + 1, SALE_NOT));
                // « Sale menteur ! », and in apposition: « …, ce sale parvenu ».
                let apposed = i.checked_sub(1).is_some_and(|p| {
                    matches!(scan.hkey(p), "ce" | "cet" | "cette") && opens(scan, p)
                });
                let lone = w.starts_with("sale")
                    && (opens(scan, i) || apposed)
                    && !is(scan, i + 1, SALE_NOT);
                if noun && led && (person || lone) && !found_at(out, i + 1) {
                    out.push((HeatKind::Insult, i, i + 1));
                }
            }
            // "What a X that waiter is", « Quel X ce caissier ! », "The bartender, what a
            // plank."; not "what a gem that waitress was", "what a lovely waitress" or
            // "the waiter, what a legend".
            "what" | "quel" | "quelle" => {
                if let Some(x) = exclaimed(scan, i, out).or_else(|| after_person(scan, i, out)) {
                    out.push((HeatKind::Insult, i, x));
                }
            }
            // « ce crétin de serveur », not « ce manque de serveurs » or « ce type de
            // serveur ».
            "ce" | "cette" | "cet"
                if i + 3 < n
                    && same(i, i + 3)
                    && of(at(Some(i + 2)))
                    && is(scan, i + 3, ROLE)
                    && !is(scan, i + 1, KIND)
                    && !not_an_insult(scan, i + 1)
                    && !found_at(out, i + 1) =>
            {
                out.push((HeatKind::Insult, i, i + 3));
            }
            // "Who hired this clown?", « Qui a embauché ce guignol ? »; not "who hired this
            // waiter" or "who trained this kid".
            "who" | "qui" => {
                let mut v = i + 1;
                if matches!(at(Some(v)), "a" | "has" | "on") {
                    v += 1;
                }
                let hired = matches!(
                    at(Some(v)),
                    "hired"
                        | "hires"
                        | "employed"
                        | "employs"
                        | "trained"
                        | "let"
                        | "embauche"
                        | "engage"
                        | "recrute"
                        | "employe"
                );
                let x = v + 2;
                if hired
                    && same(i, x)
                    && matches!(
                        at(Some(v + 1)),
                        "this" | "that" | "these" | "those" | "ce" | "cette" | "ces" | "cet"
                    )
                    && !is_person(scan, x)
                    && !is(scan, x, NEUTRAL | FUNCTION)
                    && !not_an_insult(scan, x)
                    && !found_at(out, x)
                {
                    out.push((HeatKind::Insult, i, x));
                }
            }
            // "bird-brained", "pea-brained"; not a "hare-brained" scheme.
            "brained" if i > 0 && scan.gap_before(i) == "-" && prev != "hare" => {
                out.push((HeatKind::Insult, i - 1, i));
            }
            _ => {}
        }
    }
}
