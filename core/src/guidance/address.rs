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

/// Words that, said to someone right after "you", make the next word an insult.
const SCORN: [&str; 17] = [
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

/// What a verdict or an exclamation may also call a person, their work or the evening
/// without insult: praise ("an absolute legend", « une vraie perle », "what a
/// difference this waiter made") and the strong complaints a guest may make ("a
/// complete disaster", « un vrai désastre », « quelle honte, ce serveur »).
const NOT_AN_INSULT: [&str; 85] = [
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
];

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

/// The X of "what a X that waiter" or « quel X ce caissier » after `what` at word `i`,
/// unless praise or already found.
fn exclaimed(scan: &Scan, i: usize, out: &[(HeatKind, usize, usize)]) -> Option<usize> {
    let n = scan.toks.len();
    let x = i + 1 + usize::from(i + 1 < n && matches!(scan.hkey(i + 1), "a" | "an"));
    let fits = x + 2 < n
        && scan.toks[i].sentence == scan.toks[x + 2].sentence
        && matches!(scan.hkey(x + 1), "that" | "this" | "ce" | "cette" | "cet")
        && is_person(scan, x + 2)
        && !NOT_AN_INSULT.contains(&scan.hkey(x))
        && !out.iter().any(|&(_, a, b)| (a..=b).contains(&x));
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
                let start = g == "bande" && opens(scan, i);
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
                if j > i + 1 && same(i, j) && !NOT_AN_INSULT.contains(&scan.hkey(j)) {
                    out.push((HeatKind::Insult, i, j));
                }
            }
            // "the lady at the till was a right old X", « Léa est une vraie X », not "an
            // absolute legend" or "a complete disaster".
            v if VERDICT.contains(&v)
                && matches!(prev, "a" | "an" | "un" | "une")
                && same(i, i + 1)
                && !NOT_AN_INSULT.contains(&scan.hkey(i + 1))
                && !out.iter().any(|&(_, a, b)| (a..=b).contains(&(i + 1)))
                && i.checked_sub(2).is_some_and(|c| {
                    is_copula(scan, c)
                        && (1..=4).any(|d| c.checked_sub(d).is_some_and(|s| is_person(scan, s)))
                }) =>
            {
                out.push((HeatKind::Insult, i, i + 1));
            }
            // "What a X that waiter is", « Quel X ce caissier ! »; not "what a gem that
            // waitress was" or "what a lovely waitress".
            "what" | "quel" | "quelle" => {
                if let Some(x) = exclaimed(scan, i, out) {
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
                    && !NOT_AN_INSULT.contains(&scan.hkey(i + 1))
                    && !out.iter().any(|&(_, a, b)| (a..=b).contains(&(i + 1))) =>
            {
                out.push((HeatKind::Insult, i, i + 3));
            }
            // "bird-brained", "pea-brained"; not a "hare-brained" scheme.
            "brained" if i > 0 && scan.gap_before(i) == "-" && prev != "hare" => {
                out.push((HeatKind::Insult, i - 1, i));
            }
            _ => {}
        }
    }
}
