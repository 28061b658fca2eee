//! Names out of sight (SPEC §10): in the inbox, each staff name a complaint mentions
//! reads "[staff member]" until a manager chooses to see it. The spans come from the
//! guidance name matcher, so every form it finds is masked too: compound names with a
//! hyphen, a space or none (`Jean-Marc`, `jean marc`, `jeanmarc`), possessives
//! (`Amy's`: the name goes, the `'s` stays), any case, with or without accents
//! (`Lea` for `Léa`).

use crate::guidance::{Checker, Field};

/// What a masked name reads as.
pub const STAFF_MEMBER: &str = "[staff member]";

/// `text` with every span of one of `names` replaced by [`STAFF_MEMBER`]; the rest of
/// the text exactly as written.
pub fn mask_names(text: &str, names: &[String]) -> String {
    if names.iter().all(|n| n.trim().is_empty()) {
        return text.to_string();
    }
    let findings = Checker::new(names).check(Field::Complaint, text);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for hit in findings.names_to_note() {
        let span = hit.span;
        // Hits come in text order and never overlap; one that did is skipped rather
        // than cut a character in two.
        if span.start < copied || text.get(span.start..span.end).is_none() {
            continue;
        }
        out.push_str(&text[copied..span.start]);
        out.push_str(STAFF_MEMBER);
        copied = span.end;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn compound_names_in_every_form() {
        let staff = names(&["Jean-Marc"]);
        for (text, masked) in [
            ("Jean-Marc ignored us", "[staff member] ignored us"),
            ("then jean marc left", "then [staff member] left"),
            ("JEANMARC again", "[staff member] again"),
            ("Jean – Marc, rude", "[staff member], rude"),
        ] {
            assert_eq!(mask_names(text, &staff), masked, "{text}");
        }
        // One part alone is another person (or nobody): kept.
        assert_eq!(mask_names("Marc was fine", &staff), "Marc was fine");
    }

    #[test]
    fn possessives_keep_their_s() {
        let staff = names(&["Amy"]);
        assert_eq!(
            mask_names("Amy's table and Amy’s tone", &staff),
            "[staff member]'s table and [staff member]’s tone"
        );
    }

    #[test]
    fn accent_free_and_any_case() {
        let staff = names(&["Léa", "Tom"]);
        assert_eq!(
            mask_names("Lea was late, LÉA too; tom laughed", &staff),
            "[staff member] was late, [staff member] too; [staff member] laughed"
        );
        // A longer word that starts like a name is not the name.
        assert_eq!(mask_names("Léandre et Tomate", &staff), "Léandre et Tomate");
    }

    #[test]
    fn only_the_given_names_are_masked() {
        let text = "Amy and Tom forgot the order";
        assert_eq!(
            mask_names(text, &names(&["Tom"])),
            "Amy and [staff member] forgot the order"
        );
    }

    #[test]
    fn a_text_without_the_names_is_unchanged() {
        let text = "Vingt minutes d'attente pour l'addition. Café froid !!!";
        assert_eq!(mask_names(text, &names(&["Amy", "Jean-Marc"])), text);
        assert_eq!(mask_names(text, &[]), text);
        assert_eq!(mask_names("", &names(&["Amy"])), "");
    }

    #[test]
    fn the_text_around_names_is_kept_exactly() {
        let text = "« Léa » m'a dit : non.\nEt Léa a ri.";
        assert_eq!(
            mask_names(text, &names(&["Léa"])),
            "« [staff member] » m'a dit : non.\nEt [staff member] a ri."
        );
    }
}
