//! Insults made by how a person is addressed rather than by a listed word: « espèce de
//! X », « bande de X », "what a bunch of X", "you are a bunch of X", "You useless X",
//! "X-brained". Whatever X is, these say it of a person; "une espèce de ragoût", "une
//! bande de copains", "a bunch of flowers" and "they gave you useless advice" do not.

use super::context::{is_copula, is_person};
use super::scan::Scan;
use super::HeatKind;

/// Words before « espèce de » that make it "a kind of": « une espèce de sauce ».
const KIND_OF: [&str; 14] = [
    "un", "une", "cette", "cet", "quelle", "quel", "l", "la", "le", "les", "des", "d", "de",
    "autre",
];

/// Words that, said to someone right after "you", make the next word an insult: "You
/// useless lot", "you rude little X". Also the scorn of a verdict: "the waiter was a
/// lazy, useless X".
const SCORN: [&str; 47] = [
    "useless",
    "lazy",
    "incompetent",
    "pathetic",
    "worthless",
    "miserable",
    "arrogant",
    "clueless",
    "ignorant",
    "fat",
    "ugly",
    "spineless",
    "smug",
    "slimy",
    "brainless",
    "little",
    "sad",
    "stupid",
    "dumb",
    "rude",
    "greedy",
    "filthy",
    "dirty",
    "disgusting",
    "nasty",
    "vile",
    "bloody",
    "fucking",
    "thick",
    "gormless",
    "horrible",
    "entitled",
    "condescending",
    "patronising",
    "patronizing",
    "pompous",
    "snotty",
    "lying",
    "sorry",
    "sneaky",
    "creepy",
    "sleazy",
    "lousy",
    "stinking",
    "grumpy",
    "miserly",
    "jumped",
];

/// French words of scorn before a noun, for a verdict on a person: « le serveur est un
/// sale X », « t'es qu'un pauvre X ».
const SCORN_FR: [&str; 10] = [
    "sale", "sales", "pauvre", "pauv", "maudit", "maudite", "maudits", "maudites", "foutu",
    "foutue",
];

/// Staff an English guest names by role, for "that X of a waiter".
const ROLE_EN: [&str; 22] = [
    "waiter",
    "waitress",
    "server",
    "manager",
    "cashier",
    "bartender",
    "barman",
    "barmaid",
    "host",
    "hostess",
    "chef",
    "cook",
    "receptionist",
    "bouncer",
    "doorman",
    "employee",
    "owner",
    "boss",
    "supervisor",
    "sommelier",
    "human",
    "person",
];

/// Nouns of « sale X » that are a bad time, not a person: « sale temps », « une sale
/// journée ».
const SALE_NOT: [&str; 24] = [
    "temps",
    "journee",
    "soiree",
    "nuit",
    "semaine",
    "ambiance",
    "coup",
    "affaire",
    "histoire",
    "boulot",
    "moment",
    "periode",
    "odeur",
    "gout",
    "etat",
    "tete",
    "mine",
    "habitude",
    "quart",
    "caractere",
    "humeur",
    "travail",
    "table",
    "endroit",
];

/// Words that make the next noun a verdict on a person: "the waiter is a total X",
/// « le serveur est un vrai X », and, the first seven, "You absolute X".
const VERDICT: [&str; 14] = [
    "total",
    "complete",
    "absolute",
    "utter",
    "proper",
    "right",
    "massive",
    "vrai",
    "vraie",
    "sacre",
    "sacree",
    "parfait",
    "parfaite",
    "veritable",
];

/// What a verdict or an exclamation may call a person in praise: "an absolute legend",
/// « une vraie perle », "what a gem that waitress was", "a prince of a man".
const PRAISE: [&str; 73] = [
    "an absolute legend",
    "what a
/// difference this waiter made",
    "a
/// complete disaster",
    "legend",
    "star",
    "gem",
    "angel",
    "pro",
    "professional",
    "sweetheart",
    "delight",
    "darling",
    "hero",
    "joy",
    "credit",
    "asset",
    "treasure",
    "superstar",
    "saint",
    "lifesaver",
    "genius",
    "rockstar",
    "natural",
    "diamond",
    "champ",
    "dream",
    "pleasure",
    "gentleman",
    "lady",
    "charmer",
    "marvel",
    "wizard",
    "trooper",
    "rock",
    "class",
    "perle",
    "amour",
    "ange",
    "tresor",
    "bijou",
    "plaisir",
    "regal",
    "professionnel",
    "professionnelle",
    "artiste",
    "modele",
    "fee",
    "crack",
    "prince",
    "princess",
    "sweetie",
    "cracker",
    "hoot",
    "scream",
    "laugh",
    "giant",
    "bear",
    "mountain",
    "doll",
    "babe",
    "peach",
    "poppet",
    "stunner",
    "beauty",
    "perfectionist",
    "rock star",
    "creme",
    "chou",
    "coeur",
    "soleil",
    "rayon",
    "pepite",
    "merveille",
];

/// What a verdict or an exclamation may call the evening, the meal or the service in a
/// strong but legitimate complaint: "a complete disaster", « un vrai désastre »,
/// « quelle honte, ce serveur ».
const STRONG: [&str; 69] = [
    "disaster",
    "mess",
    "nightmare",
    "shambles",
    "failure",
    "letdown",
    "disappointment",
    "desastre",
    "catastrophe",
    "cauchemar",
    "deception",
    "gachis",
    "bazar",
    "shame",
    "pity",
    "joke",
    "difference",
    "surprise",
    "relief",
    "change",
    "welcome",
    "treat",
    "find",
    "wait",
    "day",
    "night",
    "evening",
    "experience",
    "time",
    "waste",
    "honte",
    "dommage",
    "chance",
    "bonheur",
    "accueil",
    "service",
    "sourire",
    "soiree",
    "attente",
    "gentillesse",
    "idea",
    "meal",
    "dinner",
    "lunch",
    "breakfast",
    "place",
    "menu",
    "bill",
    "room",
    "table",
    "mistake",
    "error",
    "mixup",
    "muddle",
    "fuss",
    "farce",
    "circus",
    "repas",
    "diner",
    "dejeuner",
    "endroit",
    "carte",
    "note",
    "addition",
    "salle",
    "erreur",
    "arnaque",
    "blague",
    "galere",
];

/// People a verdict with a scornful adjective may name without insult: "the waiter
/// was a lazy student" judges the service, "a lazy lump" the person.
const NEUTRAL: [&str; 22] = [
    "student",
    "students",
    "trainee",
    "trainees",
    "teenager",
    "teenagers",
    "kid",
    "kids",
    "beginner",
    "novice",
    "rookie",
    "stranger",
    "newbie",
    "intern",
    "temp",
    "stagiaire",
    "debutant",
    "debutante",
    "etudiant",
    "etudiante",
    "apprenti",
    "apprentie",
];

/// Neither praise nor a strong complaint about the evening.
fn not_an_insult(w: &str) -> bool {
    PRAISE.contains(&w) || STRONG.contains(&w)
}

/// Staff a guest names by role, for « ce X de serveur »: singular, so that « ce manque
/// de serveurs » is not read as one.
const ROLE: [&str; 16] = [
    "serveur",
    "serveuse",
    "caissier",
    "caissiere",
    "vendeur",
    "vendeuse",
    "barman",
    "gerant",
    "gerante",
    "patron",
    "patronne",
    "cuisinier",
    "cuisiniere",
    "mec",
    "gars",
    "vigile",
];

/// The friendly or plain of « Bande de copains bruyants à côté ».
const FRIENDS: [&str; 18] = [
    "copains",
    "copines",
    "potes",
    "amis",
    "amies",
    "jeunes",
    "gamins",
    "enfants",
    "filles",
    "garcons",
    "collegues",
    "touristes",
    "musiciens",
    "supporters",
    "etudiants",
    "ados",
    "personnes",
    "clients",
];

/// Words of « ce X de serveur » that say what kind or how many, not who.
const KIND: [&str; 14] = [
    "type",
    "genre",
    "sorte",
    "style",
    "niveau",
    "manque",
    "nombre",
    "absence",
    "changement",
    "probleme",
    "changement",
    "attitude",
    "comportement",
    "tenue",
];

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
fn is_scorn(w: &str) -> bool {
    SCORN.contains(&w) || SCORN_FR.contains(&w)
}

/// Words that cannot be the noun of a verdict: "the manager was a little rude to us".
const FUNCTION: [&str; 52] = [
    "to", "at", "about", "with", "and", "or", "but", "of", "for", "when", "because", "in", "on",
    "too", "as", "than", "who", "that", "the", "this", "bit", "et", "ou", "mais", "a", "au", "aux",
    "de", "du", "des", "en", "par", "pour", "avec", "sans", "sur", "sous", "comme", "que", "qui",
    "quand", "partout", "aussi", "tres", "trop", "le", "la", "les", "l", "un", "une", "d",
];

/// Pronouns, which no scorn turns into an insult: « c'était sale, vous savez ».
const PRONOUN: [&str; 22] = [
    "you", "u", "he", "she", "they", "him", "her", "them", "il", "elle", "ils", "elles", "tu",
    "vous", "t", "on", "nous", "je", "j", "me", "moi", "toi",
];

/// Words before « sale X » that make X the one meant: « ce sale type », « toi, sale X ».
const DETERMINER: [&str; 24] = [
    "un", "une", "le", "la", "les", "ce", "cette", "ces", "cet", "ton", "ta", "tes", "votre",
    "vos", "son", "sa", "ses", "leur", "leurs", "quel", "quelle", "d", "toi", "vous",
];

/// Adverbs between a subject and its copula: "Amy really is", « il n'est qu'un ».
const BETWEEN: [&str; 12] = [
    "really",
    "honestly",
    "truly",
    "just",
    "clearly",
    "frankly",
    "simply",
    "vraiment",
    "franchement",
    "juste",
    "n",
    "aussi",
];

/// Whether a listed word or an earlier construction already covers word `k`.
fn found_at(out: &[(HeatKind, usize, usize)], k: usize) -> bool {
    out.iter().any(|&(_, a, b)| (a..=b).contains(&k))
}

/// The first word from `j` in the same sentence as `i` that is not a word of scorn.
fn past_scorn(scan: &Scan, i: usize, mut j: usize) -> usize {
    let n = scan.toks.len();
    while j < n && scan.toks[j].sentence == scan.toks[i].sentence && is_scorn(scan.hkey(j)) {
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
        && !not_an_insult(scan.hkey(x))
        && !FUNCTION.contains(&scan.hkey(x))
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
    let w = scan.hkey(x);
    let fits = x < n
        && scan.toks[x].sentence == scan.toks[i].sentence
        && scan
            .toks
            .get(x + 1)
            .is_none_or(|t| t.sentence != scan.toks[x].sentence)
        && is_person(scan, p)
        && !PRONOUN.contains(&scan.hkey(p))
        && scan.gap_before(i).contains([',', '—', '–', ':'])
        && !not_an_insult(w)
        && !FUNCTION.contains(&w)
        && !NEUTRAL.contains(&w)
        && !is_person(scan, x)
        && !found_at(out, x);
    fits.then_some(x)
}

/// The subject of a verdict whose article is at word `a`: the person of "the waiter
/// was a", « t'es qu'un », « Amy really is an »: the word before the copula (past an
/// adverb) when `reach` is 1, else any of the `reach` words before it.
fn verdict_subject(scan: &Scan, a: usize, reach: usize) -> Option<usize> {
    let mut c = a.checked_sub(1)?;
    if scan.hkey(c) == "qu" {
        c = c.checked_sub(1)?;
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
    while BETWEEN.contains(&scan.hkey(s)) {
        s = s.checked_sub(1)?;
    }
    is_person(scan, s).then_some(s)
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
    while same(j) && (VERDICT.contains(&scan.hkey(j)) || is_scorn(scan.hkey(j))) {
        strong |= VERDICT.contains(&scan.hkey(j));
        j += 1;
    }
    let x = scan.hkey(j);
    if j == i || !same(j) || not_an_insult(x) || FUNCTION.contains(&x) || found_at(out, j) {
        return None;
    }
    let a = i - 1;
    // "the lady at the till was a right old X" reaches four words back; scorn alone
    // only the word before the copula.
    let subject = verdict_subject(scan, a, if strong { 4 } else { 1 })?;
    let to_you = matches!(scan.hkey(subject), "you" | "u" | "t" | "tu" | "vous");
    if NEUTRAL.contains(&x) || PRONOUN.contains(&x) {
        return None;
    }
    (strong || to_you || !is_person(scan, j)).then_some(j)
}

/// The X of "that X of a waiter", "a poor excuse for a manager", where `of` is word
/// `i`; not "one hell of a waiter", "a gem of a waitress" or "a disaster of a meal".
fn of_a_role(scan: &Scan, i: usize, out: &[(HeatKind, usize, usize)]) -> Option<usize> {
    let x = i.checked_sub(1)?;
    let n = scan.toks.len();
    let fits = i + 2 < n
        && scan.toks[x].sentence == scan.toks[i + 2].sentence
        && matches!(scan.hkey(i + 1), "a" | "an")
        && ROLE_EN.contains(&scan.hkey(i + 2))
        && match scan.hkey(i) {
            "for" => scan.hkey(x) == "excuse",
            _ => {
                let w = scan.hkey(x);
                !PRAISE.contains(&w)
                    && !FUNCTION.contains(&w)
                    && !matches!(
                        w,
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

/// The insults of `scan` made by address, as (kind, first word, last word), after the
/// listed words already in `out` (a verdict on a listed word is not found twice).
pub(super) fn address(scan: &Scan, out: &mut Vec<(HeatKind, usize, usize)>) {
    let n = scan.toks.len();
    let same = |a: usize, b: usize| b < n && scan.toks[a].sentence == scan.toks[b].sentence;
    let at = |k: Option<usize>| k.map_or("", |k| scan.hkey(k));
    for i in 0..n {
        let prev = at(i.checked_sub(1));
        let of = |w: &str| matches!(w, "de" | "d" | "of");
        match scan.hkey(i) {
            // « espèce de crétin », not « une espèce de sauce ».
            "espece"
                if of(at(Some(i + 1)))
                    && same(i, i + 2)
                    && (opens(scan, i) || !KIND_OF.contains(&prev)) =>
            {
                out.push((HeatKind::Insult, i, i + 2));
            }
            // « bande d'incapables », « quelle bande de X », « vous êtes une bande de
            // X », "what a bunch of X", "you are a bunch of X"; not « une bande de
            // copains » or "a bunch of flowers".
            g @ ("bande" | "bunch") if of(at(Some(i + 1))) && same(i, i + 2) => {
                let lead = matches!(prev, "quelle" | "vous" | "you" | "u")
                    || (prev == "a" && at(i.checked_sub(2)) == "what");
                let start = g == "bande" && opens(scan, i) && !FRIENDS.contains(&at(Some(i + 2)));
                let to_you = matches!(prev, "une" | "a")
                    && i.checked_sub(2).is_some_and(|c| {
                        matches!(scan.hkey(c), "etes" | "are" | "re" | "r")
                            && matches!(at(c.checked_sub(1)), "vous" | "you" | "u")
                    });
                if lead || start || to_you {
                    out.push((HeatKind::Insult, i, i + 2));
                }
            }
            // "You useless lot", "…, you lazy little man", "You absolute X"; not "you
            // absolute legend".
            "you" | "u" if opens(scan, i) => {
                let mut j = i + 1;
                let scorn = |w: &str| SCORN.contains(&w) || VERDICT[..7].contains(&w);
                while j < n && same(i, j) && scorn(scan.hkey(j)) {
                    j += 1;
                }
                let x = scan.hkey(j);
                if j > i + 1 && same(i, j) && !not_an_insult(x) && !FUNCTION.contains(&x) {
                    out.push((HeatKind::Insult, i, j));
                }
            }
            // "the lady at the till was a right old X", « Léa est une vraie X », "the
            // waiter was a lazy, useless lump", « t'es qu'un pauvre X »; not "an
            // absolute legend" or "a complete disaster".
            v if (VERDICT.contains(&v) || is_scorn(v))
                && matches!(prev, "a" | "an" | "un" | "une") =>
            {
                if let Some(x) = verdict(scan, i, out) {
                    out.push((HeatKind::Insult, i, x));
                }
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
                let x = scan.hkey(i + 1);
                let noun = !PRONOUN.contains(&x) && !FUNCTION.contains(&x);
                let led = DETERMINER.contains(&prev) || opens(scan, i);
                let person = is_person(scan, i + 1);
                let lone = w.starts_with("sale") && opens(scan, i) && !SALE_NOT.contains(&x);
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
                    && ROLE.contains(&scan.hkey(i + 3))
                    && !KIND.contains(&scan.hkey(i + 1))
                    && !not_an_insult(scan.hkey(i + 1))
                    && !out.iter().any(|&(_, a, b)| (a..=b).contains(&(i + 1))) =>
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
                    && !NEUTRAL.contains(&scan.hkey(x))
                    && !not_an_insult(scan.hkey(x))
                    && !FUNCTION.contains(&scan.hkey(x))
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
