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

/// What a verdict may also call a person or their work without insult: praise ("an
/// absolute legend", « une vraie perle ») and the strong complaints a guest may make
/// ("a complete disaster", « un vrai désastre »).
const NOT_AN_INSULT: [&str; 58] = [
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
            // "bird-brained", "pea-brained"; not a "hare-brained" scheme.
            "brained" if i > 0 && scan.gap_before(i) == "-" && prev != "hare" => {
                out.push((HeatKind::Insult, i - 1, i));
            }
            _ => {}
        }
    }
}
