//! Threats to expose a person: their picture taken and put where everyone will see it
//! ("filmed your manager … going on TikTok", "a picture of your cashier on the local
//! Facebook page", « j'ai pris en photo votre serveur, il va être célèbre sur
//! Facebook », "screenshotted your bartender's Facebook"). A picture of a thing ("photos
//! of the soup on TripAdvisor") or of the guests ("a photo of us for Instagram") is none.
//! In the complaint only: "Posted a pic of the chef with my birthday cake" is praise.

use super::classes::{is, CAPTURE, PLATFORM};
use super::context::is_person;
use super::scan::Scan;
use super::HeatKind;

/// Words between a picture and the person in it: "a video of the waiter", « en photo
/// votre serveur », "filmed ur manager".
fn between(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "your"
            | "ur"
            | "that"
            | "this"
            | "his"
            | "her"
            | "de"
            | "du"
            | "d"
            | "votre"
            | "ton"
            | "ta"
            | "le"
            | "la"
            | "ce"
            | "cette"
            | "cet"
    )
}

/// A possessive before a picture or a face: "his pic", « sa photo », "her face".
fn possessive(w: &str) -> bool {
    matches!(
        w,
        "his" | "her" | "their" | "your" | "ur" | "sa" | "son" | "ses" | "ta" | "ton" | "tes"
    )
}

/// A face or a name, which a possessive makes a person's: « filmer ta tronche », "her
/// face and her name tag".
fn face(w: &str) -> bool {
    matches!(
        w,
        "face" | "tronche" | "gueule" | "visage" | "name" | "nom" | "prenom" | "mug" | "badge"
    )
}

/// The person a picture at word `c` shows, within four words: a staff member or a
/// role, him or her, or a possessive and a face; not "the waiter's note".
fn pictured(scan: &Scan, c: usize) -> Option<usize> {
    let n = scan.toks.len();
    let same = |k: usize| k < n && scan.toks[k].sentence == scan.toks[c].sentence;
    let at = |k: Option<usize>| k.filter(|&k| same(k)).map_or("", |k| scan.hkey(k));
    // "his pic", « sa photo », and « je t'ai filmée », « je l'ai prise en photo ».
    let owner = c.checked_sub(1);
    if possessive(at(owner)) {
        return owner;
    }
    // "the waitress's photo".
    if at(c.checked_sub(1)) == "s"
        && matches!(scan.gap_before(c - 1), "'" | "’")
        && c.checked_sub(2).is_some_and(|p| is_person(scan, p))
    {
        return c.checked_sub(2);
    }
    let object = c.checked_sub(2);
    if matches!(at(c.checked_sub(1)), "ai" | "avons" | "a")
        && matches!(at(object), "t" | "l" | "te" | "le" | "la" | "vous")
    {
        return object;
    }
    let mut k = c + 1;
    while same(k) && k <= c + 4 {
        let w = scan.hkey(k);
        if possessive(w) && same(k + 1) && face(scan.hkey(k + 1)) {
            return Some(k + 1);
        }
        if matches!(w, "him" | "her")
            || (is_person(scan, k) && !is(scan, k, super::classes::PRONOUN))
        {
            // "the waiter's note" is a thing; "your bartender's Facebook" is him.
            let owns = same(k + 1)
                && scan.hkey(k + 1) == "s"
                && matches!(scan.gap_before(k + 1), "'" | "’");
            return (!owns || (same(k + 2) && is(scan, k + 2, PLATFORM))).then_some(k);
        }
        if !between(w) && !matches!(w, "en" | "a" | "an") {
            return None;
        }
        k += 1;
    }
    None
}

/// Threats to expose a person in `scan`, as (kind, first word, last word): a picture
/// of a person and, in its sentence or the next, where it goes.
pub(super) fn exposed(scan: &Scan, out: &mut Vec<(HeatKind, usize, usize)>) {
    let n = scan.toks.len();
    for c in 0..n {
        if !is(scan, c, CAPTURE) {
            continue;
        }
        let Some(p) = pictured(scan, c) else {
            continue;
        };
        let sentence = scan.toks[c].sentence;
        let shown = (0..n).find(|&k| {
            let s = scan.toks[k].sentence;
            (s == sentence || s == sentence + 1) && is(scan, k, PLATFORM)
        });
        if let Some(k) = shown {
            out.push((HeatKind::Threat, c.min(k), p.max(k)));
        }
    }
    // "I've got her Instagram", « j'ai chopé son Insta »: a person's account taken;
    // not "found her Instagram through the menu".
    for k in 2..n {
        let found = matches!(
            scan.hkey(k - 2),
            "got" | "screenshotted" | "chope" | "choppe"
        );
        if found
            && matches!(scan.hkey(k - 1), "his" | "her" | "son" | "sa")
            && (is(scan, k, PLATFORM) || matches!(scan.hkey(k), "address" | "adresse"))
        {
            out.push((HeatKind::Threat, k - 2, k));
        }
    }
}
