//! When an animal word (`~pig`, `~porc`) is said of a person: the sections of
//! `context.txt` and the patterns around the word (`you pig`, `espèce de porc`,
//! `the waiter is a pig`, `cochon stupide`).

use super::classes::{
    is as is_in, BETWEEN, CHARACTER, COMPARE, PRAISE, PRONOUN, SCORN, SCORN_FR, SWEAR, VERDICT,
    VERDICT_FR,
};
use super::lists::{parse_sections, Lex, ListError};
use super::scan::Scan;
use super::{FxMap, HeatKind};

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
pub(super) fn parse_context(text: &str, lex: &mut FxMap<String, Lex>, errors: &mut Vec<ListError>) {
    let sections = ("context.txt", &CONTEXT_SECTIONS[..]);
    // Eight sections: every bit fits a `u8`.
    parse_sections(text, sections, lex, errors, |l, bit| l.ctx |= bit as u8);
}

/// Whether word `k` names a person ("the waiter", « elle ») or a staff member.
pub(super) fn is_person(scan: &Scan, k: usize) -> bool {
    scan.is_name(k)
        || (scan.lex(k)[0].is_some_and(|l| l.ctx & PERSON != 0)
            // A dish: « le croque-monsieur était un vrai navet ».
            && !(k > 0 && scan.gap_before(k) == "-" && scan.hkey(k - 1) == "croque"))
}

/// Whether word `k` is a copula ("is", « est »).
pub(super) fn is_copula(scan: &Scan, k: usize) -> bool {
    scan.lex(k)[0].is_some_and(|l| l.ctx & COPULA != 0)
}

/// Whether a `~word` at word `i` is said of a person.
pub(super) fn in_context(scan: &Scan, i: usize, insult: &[bool], kind: HeatKind) -> bool {
    let is = |bit: u8, k: Option<usize>| {
        k.is_some_and(|k| scan.lex(k)[0].is_some_and(|l| l.ctx & bit != 0))
    };
    let back = |d: usize| i.checked_sub(d);
    let person = |k: Option<usize>| k.is_some_and(|k| is_person(scan, k));
    // A measure of something: "a fat lump of butter", "a dirty mug of tea"; not "that
    // clown of a waiter" (« un beauf de première » is French emphasis).
    let of_thing = (scan.hkey(i + 1) == "of"
        || (matches!(scan.hkey(i + 1), "de" | "d")
            && !matches!(
                scan.hkey(i + 2),
                "premiere" | "competition" | "concours" | "service"
            )))
        && scan.gap_before(i + 1).trim().is_empty()
        && !(i + 2..=i + 3).any(|k| person(Some(k)));
    if of_thing {
        return false;
    }
    // « Serveur = larve », "manager = pig": `=` for a copula, the word ending the
    // clause (not « Cuisinier = porc au caramel »).
    let clause_ends = scan.toks.get(i + 1).is_none_or(|t| {
        t.sentence != scan.toks[i].sentence || scan.gap_before(i + 1).contains([',', ':'])
    });
    if scan.gap_before(i).contains('=') && person(back(1)) && clause_ends {
        return true;
    }
    // "you pig", "sale porc"; not a description after an indefinite article that goes
    // on: "un gros rat dans la cour", "a fat pigeon on the terrace" (but "le portier est
    // un gros colon.", « c une grosse vache, elle… »).
    let goes_on = scan.toks.get(i + 1).is_some_and(|t| {
        t.sentence == scan.toks[i].sentence && scan.gap_before(i + 1).trim().is_empty()
    });
    let described = goes_on
        && back(1).is_some_and(|k| {
            matches!(
                scan.hkey(k),
                "gros" | "grosse" | "grosses" | "vieux" | "vieille" | "vieilles" | "fat" | "big"
            )
        })
        && back(2)
            .is_some_and(|k| matches!(scan.hkey(k), "un" | "une" | "des" | "du" | "a" | "an"));
    // "quel rat dans la réserve ?" is a rat; "quel porc, ce serveur" is not.
    let placed = matches!(
        scan.hkey(i + 1),
        "dans" | "sur" | "sous" | "in" | "on" | "under" | "behind" | "derriere"
    ) && scan.gap_before(i + 1).trim().is_empty();
    let exclaimed = back(1).is_some_and(|k| {
        matches!(
            scan.hkey(k),
            "quel" | "quelle" | "quels" | "quelles" | "what" | "such"
        )
    });
    if is(BEFORE, back(1)) && !described && !(placed && exclaimed) {
        return true;
    }
    // Past words of scorn or an intensifier: "that smug little cow", "u absolute melt",
    // « une vraie dinde, elle… », « un vrai singe. ». One word of scorn is not enough
    // ("a nasty rat ran across the floor") unless it is a `before` word, and "little"
    // or "old" alone is no scorn ("three little pigs"); an intensifier needs "you" or
    // an article before it and the clause to end there ("du vrai porc fermier", « une
    // vraie dinde de Noël »).
    let mut s = i;
    let (mut scorn, mut intense, mut run) = (false, false, 0);
    // Scorn of character, not of a thing's look: "the grumpy sod", not "a fat lump of
    // butter" or "a dirty mug".
    let mut character = false;
    // The second half of a scornful compound: "tight-fisted", "two-faced", "pig-headed";
    // not "slow-cooked" or "free-range".
    let compound = |k: usize| {
        scan.gap_before(k) == "-"
            && matches!(
                scan.hkey(k),
                "faced" | "fisted" | "headed" | "mouthed" | "nosed" | "hearted" | "arsed" | "up"
            )
    };
    while let Some(p) = s.checked_sub(1).filter(|&p| {
        i - p <= 3
            && scan.toks[p].sentence == scan.toks[i].sentence
            && (is_in(scan, p, SCORN | VERDICT | VERDICT_FR)
                || matches!(
                    scan.hkey(p),
                    "old" | "petit" | "petite" | "petits" | "petites"
                )
                || compound(p)
                || (compound(p + 1) && scan.gap_before(p + 1) == "-"))
    }) {
        let strong = is_in(scan, p, VERDICT | VERDICT_FR);
        intense |= strong;
        let small = matches!(
            scan.hkey(p),
            "little" | "old" | "petit" | "petite" | "petits" | "petites"
        );
        scorn |= !strong && !small;
        character |= !strong
            && !matches!(
                scan.hkey(p),
                "little"
                    | "old"
                    | "petit"
                    | "petite"
                    | "petits"
                    | "petites"
                    | "fat"
                    | "dirty"
                    | "filthy"
                    | "thick"
                    | "sad"
                    | "nasty"
                    | "stinking"
                    | "lousy"
                    | "horrible"
                    | "disgusting"
                    | "ugly"
                    | "vile"
                    | "bloody"
                    | "fucking"
                    | "sorry"
                    | "flaming"
                    | "jumped"
            );
        run += 1;
        s = p;
    }
    let lead = s.checked_sub(1);
    let ends = scan.toks.get(i + 1).is_none_or(|t| {
        t.sentence != scan.toks[i].sentence
            || scan.gap_before(i + 1).contains([',', ':', '—', '–'])
            || matches!(scan.hkey(i + 1), "qui" | "who" | "that" | "tho" | "though")
    });
    if s < i && ((scorn && run >= 2) || is(BEFORE, lead) || (intense && ends && is(ARTICLE, lead)))
    {
        return true;
    }
    // An insult (not an animal) needs one word of scorn only: "the grumpy sod on the
    // till", "a lazy oaf"; and a name after it is its target: "that oaf Tom".
    // "ce petit escroc", "that little clown": a demonstrative and "little" before an
    // insult (not an animal: « ce petit cochon de lait », "this little piggy").
    let pointed =
        lead.is_some_and(|l| matches!(scan.hkey(l), "ce" | "cet" | "cette" | "that" | "this"));
    if kind == HeatKind::Insult && s < i && pointed {
        return true;
    }
    if kind == HeatKind::Insult
        && ((s < i
            && character
            && (is(ARTICLE, lead)
                || lead.is_some_and(|l| matches!(scan.hkey(l), "the" | "that" | "this"))))
            || scan.is_name(i + 1))
    {
        return true;
    }
    // An animal after a word said only of a character (`character` of `address.txt`):
    // "the sulky cow with the ponytail", "a dozy cow"; not "a nasty rat ran across the
    // floor".
    let of_a_person = |k: usize| is_in(scan, k, CHARACTER);
    if s < i
        && (s..i).any(of_a_person)
        && (is(ARTICLE, lead)
            || lead.is_some_and(|l| matches!(scan.hkey(l), "the" | "that" | "this")))
    {
        return true;
    }
    // « l'autre mégère au bar », « l'autre abruti »: an insult after « l'autre ».
    if kind == HeatKind::Insult
        && s == i
        && i >= 2
        && scan.hkey(i - 1) == "autre"
        && scan.hkey(i - 2) == "l"
        && matches!(scan.hkey(i + 1), "au" | "qui")
    {
        return true;
    }
    // A sentence of its own, scorn and the word: "Pathetic creature.", "Lazy oaf!".
    let first = |k: usize| k == 0 || scan.toks[k - 1].sentence != scan.toks[k].sentence;
    // "Des larves.", "A pig.": an article may open it.
    let alone = |k: usize| {
        first(k) || (matches!(scan.hkey(k - 1), "a" | "an" | "un" | "une" | "des") && first(k - 1))
    };
    // Or the word alone after a sentence about a person: "… the owner … Clown.",
    // not "Dessert? Cake.".
    let after_person = || {
        let sentence = scan.toks[i].sentence;
        (0..i)
            .rev()
            .take_while(|&k| scan.toks[k].sentence + 1 >= sentence)
            .any(|k| scan.toks[k].sentence + 1 == sentence && is_person(scan, k))
    };
    // An animal too, when it is all the sentence says: « … Des larves. », "… Pig.".
    if (kind == HeatKind::Insult || (kind == HeatKind::Dehumanising && s == i))
        && ((s < i && character) || (s == i && after_person()))
        && alone(s)
        && scan
            .toks
            .get(i + 1)
            .is_none_or(|t| t.sentence != scan.toks[i].sentence)
    {
        return true;
    }
    // "that knob who took our coats": "who" speaks of a person (insults only: "the dog
    // who greeted us" is a dog).
    if kind == HeatKind::Insult
        && scan
            .toks
            .get(i + 1)
            .is_some_and(|t| t.sentence == scan.toks[i].sentence)
        && scan.gap_before(i + 1).trim().is_empty()
        && scan.hkey(i + 1) == "who"
    {
        return true;
    }
    // In apposition to a person, past words of scorn: "The cook though, that pig, …",
    // "the owner, a total pig to his staff", « Sophie et Marie-Ève, deux pintades ».
    let det = if matches!(
        scan.hkey(lead.unwrap_or(i)),
        "that" | "this" | "ce" | "cette" | "two" | "deux" | "trois" | "a" | "an" | "un" | "une"
    ) {
        lead
    } else {
        None
    };
    // The person is right before the comma, past "though", « par contre », « et » or
    // the parts of a compound name: not "Tom recommended the special, a pig roast".
    // Also a question and its answer, or a colon: « Le cuisinier ? Un porc. », "The
    // host: a total pig.", when the word ends the answer (not « Le plat du chef ? Un
    // porc au caramel »).
    let ends_here = scan
        .toks
        .get(i + 1)
        .is_none_or(|t| t.sentence != scan.toks[i].sentence);
    let asked = |d: usize| scan.gap_before(d).contains(['?', ':']) && ends_here;
    if let Some(d) = det.filter(|&d| scan.gap_before(d).contains(',') || asked(d)) {
        let sentence = scan.toks[d.saturating_sub(1)].sentence;
        let mut p = d.checked_sub(1);
        // Past a complement, a dish is no person: « Le chef de la ferme, une oie rôtie
        // à la main ».
        let cooked = matches!(
            scan.hkey(i + 1),
            "roti"
                | "rotie"
                | "rotis"
                | "roties"
                | "roast"
                | "roasted"
                | "grille"
                | "grillee"
                | "fume"
                | "fumee"
                | "confit"
                | "confite"
                | "braise"
                | "braisee"
                | "farci"
                | "farcie"
                | "laque"
                | "laquee"
        );
        while let Some(k) = p.filter(|&k| {
            scan.toks[k].sentence == scan.toks[i].sentence
                || (asked(d) && scan.toks[k].sentence == sentence)
        }) {
            if person(Some(k)) && (k + 1 == d || !cooked) {
                return true;
            }
            // Past where the person works, too: « Le concierge de l'hôtel, un lézard »,
            // "the lad at the till, a right pig".
            let complement = |k: usize| {
                matches!(
                    scan.hkey(k),
                    "de" | "du"
                        | "des"
                        | "d"
                        | "l"
                        | "la"
                        | "le"
                        | "les"
                        | "a"
                        | "au"
                        | "aux"
                        | "at"
                        | "on"
                        | "behind"
                        | "the"
                        | "of"
                )
            };
            let skip = matches!(
                scan.hkey(k),
                "though" | "however" | "par" | "contre" | "en" | "revanche" | "et" | "and" | "lui"
            ) || scan.gap_before(k) == "-"
                || complement(k)
                || k.checked_sub(1).is_some_and(complement);
            if !skip || d - k > 7 {
                break;
            }
            p = k.checked_sub(1);
        }
    }
    // Before the person, in apposition: « Un déchet, ce réceptionniste », "A pig, that
    // waiter"; not « Un porc au caramel, ce plat ».
    if scan.gap_before(i + 1).contains(',')
        && matches!(scan.hkey(i + 1), "ce" | "cette" | "cet" | "that" | "this")
        && person(Some(i + 2))
    {
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
    // The subject may sit up to four words before the copula: "the lady at the till
    // was a witch".
    let copula_of = |k: Option<usize>, demonstrative: bool| {
        let subject = |s: Option<usize>| person(s) || (demonstrative && is(DEMONSTRATIVE, s));
        is(COPULA, k)
            && k.is_some_and(|k| {
                // A thing right before the copula is its subject: not Sophie in
                // 'Sophie said "relax, it's only a cake"'.
                let thing = k.checked_sub(1).is_some_and(|f| {
                    matches!(
                        scan.hkey(f),
                        "it" | "this" | "that" | "there" | "which" | "what" | "ca" | "cela"
                    )
                });
                (1..=if thing { 1 } else { 4 }).any(|d| subject(k.checked_sub(d)))
            })
    };
    // Up to two adjectives after the article: "a right old witch".
    for da in 1..=3 {
        let Some(a) = back(da) else { break };
        if !is(ARTICLE, Some(a)) {
            continue;
        }
        // A second verdict: "the owner is a cowboy and a crook", « un rapace et un porc ».
        if a.checked_sub(1)
            .is_some_and(|k| matches!(scan.hkey(k), "and" | "et" | "or" | "ou"))
        {
            let first = (3..=6).filter_map(|d| a.checked_sub(d)).find(|&c| {
                scan.toks[c].sentence == scan.toks[i].sentence
                    && is(ARTICLE, Some(c + 1))
                    && copula_of(Some(c), true)
            });
            if first.is_some() {
                return true;
            }
        }
        for dc in 1..=2 {
            let k = a.checked_sub(dc);
            if (is(LEAD, k) && !placed) || copula_of(k, true) {
                return true;
            }
        }
    }
    // "the waiter looked like a pig", « il se comporte comme un porc », "they behave like
    // animals"; not "they treated us like animals" or "the toilets smelled like a dog".
    // One adjective may come first ("like a rabid dog") and "at me" after the verb
    // ("glared at me like a dog").
    let like = if is(ARTICLE, back(1)) {
        back(2)
    } else if is(ARTICLE, back(2)) {
        back(3)
    } else {
        back(1)
    };
    // « le serveur, on dirait un porc »: the verb is the likeness.
    if let Some(l) = like.filter(|&l| scan.hkey(l) == "dirait") {
        if (1..=3).any(|d| person(l.checked_sub(d))) {
            return true;
        }
    }
    if let Some(l) = like.filter(|&l| matches!(scan.hkey(l), "like" | "comme" | "a")) {
        let at_me = l.checked_sub(2).filter(|&a| {
            scan.hkey(a) == "at" && matches!(scan.hkey(a + 1), "me" | "us" | "everyone")
        });
        // "strutted about like a peacock", "hovering behind her like a vulture".
        let verb = at_me
            .map_or(l.checked_sub(1), |a| a.checked_sub(1))
            .map(|v| match scan.hkey(v) {
                "about" | "around" => v.saturating_sub(1),
                "her" | "him" | "us" | "me" | "them"
                    if v > 1
                        && matches!(scan.hkey(v - 1), "behind" | "over" | "around" | "round") =>
                {
                    v - 2
                }
                _ => v,
            })
            .filter(|&v| is_in(scan, v, COMPARE));
        if verb.is_some_and(|v| (1..=3).any(|d| person(v.checked_sub(d)))) {
            return true;
        }
    }
    // "Votre serveur est aussi rapide qu'une limace", "the waiter is as slow as a snail":
    // a person likened to an animal in a comparison.
    let than = if is(ARTICLE, back(1)) {
        back(2)
    } else {
        back(1)
    };
    if let Some(t) = than.filter(|&t| matches!(scan.hkey(t), "qu" | "que" | "as" | "than")) {
        let more = t.checked_sub(2).filter(|&m| {
            matches!(
                scan.hkey(m),
                "aussi" | "as" | "plus" | "more" | "moins" | "less"
            )
        });
        if more.is_some_and(|m| (1..=4).any(|d| person(m.checked_sub(d)))) {
            return true;
        }
    }
    // "they are pigs", "you are really animals"; not "the owner's dog" (a possessive:
    // "he's" needs an article, "he's a pig").
    // Nor "Amy's carrot cake": "'s" two words back is a possessive unless an adverb
    // follows it ("he's really animals" is rare; "he's really a pig" has its article).
    (copula_of(back(1), false) && scan.hkey(back(1).unwrap_or(i)) != "s")
        || (copula_of(back(2), false)
            && (scan.hkey(back(2).unwrap_or(i)) != "s"
                || back(1).is_some_and(|k| is_in(scan, k, BETWEEN))))
}

/// Whether a person at word `f`, more than one word before a copula, is its subject:
/// a place or an adverb comes next ("the lady at the till is", "Tom really is"), or
/// the rest of a name ("Jean-Marc is", « D'Arcy est »); not "Sophie said it's".
pub(super) fn subject_of(scan: &Scan, f: usize) -> bool {
    is_in(scan, f + 1, BETWEEN)
        || scan.gap_before(f + 1) == "-"
        || (scan.is_name(f) && matches!(scan.gap_before(f + 1), "'" | "’"))
        || matches!(
            scan.hkey(f + 1),
            "at" | "on"
                | "who"
                | "qui"
                | "in"
                | "behind"
                | "by"
                | "from"
                | "with"
                | "a"
                | "au"
                | "aux"
                | "derriere"
                | "du"
                | "de"
                | "d"
        )
}

/// Whether the `[aimed]` or `[swear]` word at `i` ("stupid", « débile », « putain », "shit") is aimed
/// at a person: "you stupid", "stupid waiter", « putain de serveur », « serveur
/// débile », "the waiter is so dumb", « c'est un débile », « espèce de débile », « quel
/// débile ! ». Said of a thing or of nobody it is a strong word, not an insult: "the
/// stupid app", "dumb mistake on my part", « Putain, 28 euros », « de la merde ».
pub(super) fn aimed(scan: &Scan, i: usize, insult: &[bool]) -> bool {
    let is = |bit: u8, k: Option<usize>| {
        k.is_some_and(|k| scan.lex(k)[0].is_some_and(|l| l.ctx & bit != 0))
    };
    let sentence = scan.toks[i].sentence;
    // Word `k`, when only spaces, a hyphen or an elision part it from its neighbour
    // towards `i` (« t'es qu'un »).
    let joined = |k: usize, gap: usize| {
        (k < scan.toks.len() && scan.toks[k].sentence == sentence)
            && scan
                .gap_before(gap)
                .chars()
                .all(|c| matches!(c, ' ' | '-' | '\'' | '’'))
    };
    let back = |d: usize| i.checked_sub(d).filter(|&k| joined(k, k + 1));
    let person = |k: Option<usize>| k.is_some_and(|k| is_person(scan, k));
    // « une bête », « une vraie bête de cuisinier » are praise (a beast at the job).
    if is_in(scan, i, PRAISE)
        && (1..=2).any(|d| back(d).is_some_and(|k| matches!(scan.hkey(k), "un" | "une")))
    {
        return false;
    }
    // "you stupid", « toi débile », « serveur débile ».
    if back(1).is_some_and(|k| matches!(scan.hkey(k), "you" | "u" | "ya" | "ye" | "toi"))
        || person(back(1))
    {
        return true;
    }
    // "Fuck off", said to someone.
    if scan.hkey(i) == "fuck" && joined(i + 1, i + 1) && scan.hkey(i + 1) == "off" {
        return true;
    }
    // "stupid waiter", "stupid cow", « putain de serveur », « ce débile de serveur »,
    // "fuck the manager".
    let mut n = i + 1;
    if joined(n, n) && is(OF, Some(n)) {
        n += 1;
    }
    if joined(n, n)
        && matches!(
            scan.hkey(n),
            "the" | "that" | "this" | "your" | "ur" | "ce" | "cette" | "ton" | "ta" | "votre"
        )
        && person(Some(n + 1))
    {
        return true;
    }
    if joined(n, n) && (person(Some(n)) || insult.get(n) == Some(&true)) {
        return true;
    }
    // « espèce de débile », "bunch of morons".
    if is(OF, back(1)) && is(GROUP, back(2)) {
        return true;
    }
    // "the waiter is so dumb", « t'es débile », « c'est un gros débile », « quel débile ! »,
    // « livreur complètement débile », past intensifiers, words of scorn and an article;
    // not "the app is stupid", « c'est débile ».
    let mut k = back(1);
    let mut article = false;
    for _ in 0..3 {
        let Some(p) = k else { break };
        let skip = matches!(
            scan.hkey(p),
            "so" | "really"
                | "very"
                | "too"
                | "just"
                | "such"
                | "plain"
                | "completely"
                | "totally"
                | "as"
                | "si"
                | "trop"
                | "tellement"
                | "vraiment"
                | "completement"
                | "totalement"
                | "carrement"
                | "super"
                | "bien"
                | "ben"
                | "aussi"
                | "about"
                | "all"
                | "tous"
                | "toutes"
                | "qu"
                | "que"
                | "rien"
                | "gros"
                | "grosse"
                | "vieux"
                | "vieille"
        ) || is_in(scan, p, SCORN | SCORN_FR)
            // Stretched: "sooo", "toooo", "reaaally".
            || (scan.sq(p).len() < scan.hkey(p).len()
                && matches!(scan.sq(p), "so" | "to" | "realy"));
        if !(skip || is(ARTICLE, Some(p))) {
            break;
        }
        article |= is(ARTICLE, Some(p));
        k = back(i - p + 1);
    }
    let ends = scan.toks.get(i + 1).is_none_or(|t| {
        t.sentence != sentence || scan.gap_before(i + 1).contains([',', ':', '!', '—'])
    });
    // Said as a noun: « ce gros débile, », « c'est un débile. », "what a moron!".
    let determiner = matches!(
        k.map_or("", |k| scan.hkey(k)),
        "ce" | "cet" | "cette" | "that" | "this" | "le" | "la" | "the"
    );
    let noun = !is_in(scan, i, SWEAR) && (is(LEAD, k) || article || determiner);
    if ends && noun || person(k) {
        return true;
    }
    // Said to the people it ends on: "Useless as tits on a bull, the lot of you", "…,
    // you lot".
    let mut last = i;
    while scan
        .toks
        .get(last + 1)
        .is_some_and(|t| t.sentence == sentence)
    {
        last += 1;
    }
    let tail = |d: usize| last.checked_sub(d).map_or("", |k| scan.hkey(k));
    if last > i + 1
        && scan.text[scan.toks[i].end..scan.toks[last].start].contains(',')
        && ((tail(0) == "you" && matches!(tail(1), "of")) || (tail(1) == "you" && tail(0) == "lot"))
    {
        return true;
    }
    // A list after one copula: « D'Arcy est nulle, moche et méchante », "the waiter is
    // rude, ugly and slow".
    let listed = if is(COPULA, k) {
        None
    } else {
        let mut c = None;
        let mut p = i;
        while let Some(q) = p.checked_sub(1).filter(|&q| i - q <= 6) {
            if scan.toks[q].sentence != sentence {
                break;
            }
            if is(COPULA, Some(q)) {
                c = Some(q);
                break;
            }
            let linked = scan.gap_before(q + 1).trim() == ","
                || matches!(scan.hkey(q), "et" | "and" | "or" | "ou")
                || matches!(scan.hkey(q + 1), "et" | "and" | "or" | "ou");
            if !linked || is_person(scan, q) || is_in(scan, q, PRONOUN) {
                break;
            }
            p = q;
        }
        c.filter(|&c| c + 1 < i)
    };
    // The person is the copula's subject: right before it, past an adverb ("Tom really
    // is"), or before a place ("the lady at the till is"); not "the waiter said the rule
    // is stupid".
    let k = listed.or(k);
    is(COPULA, k)
        && k.is_some_and(|c| {
            (1..=4).any(|d| {
                let Some(f) = c.checked_sub(d) else {
                    return false;
                };
                let s = Some(f);
                let subject = d == 1 || subject_of(scan, f);
                (person(s) && subject) || (article && d == 1 && is(DEMONSTRATIVE, s))
            })
        })
}
