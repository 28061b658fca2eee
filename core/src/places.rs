//! The list of places for the QR sheet: one per line, with `name-1..40` ranges.

use crate::limits::MAX_PLACE_CHARS;
use crate::session::clamp_chars;

/// Most places on one printed sheet.
pub const MAX_PLACES: usize = 200;

/// Expands the staff's list: blank lines dropped, duplicates removed (first kept),
/// `prefix<A>..<B>` expanded to `prefix<A>` … `prefix<B>`, each capped at 64 characters.
/// `Err` carries the list cut at [`MAX_PLACES`] when there were more.
pub fn expand(list: &str) -> Result<Vec<String>, Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut overflow = false;
    for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
        for place in expand_line(line) {
            let place = clamp_chars(&place, MAX_PLACE_CHARS).trim().to_string();
            if out.len() >= MAX_PLACES {
                overflow = true;
                break;
            }
            if !place.is_empty() && !out.contains(&place) {
                out.push(place);
            }
        }
    }
    if overflow {
        Err(out)
    } else {
        Ok(out)
    }
}

fn expand_line(line: &str) -> Vec<String> {
    if let Some((head, tail)) = line.split_once("..") {
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (prefix, start) = head.split_at(head.len() - digits);
        if let (Ok(a), Ok(b)) = (start.parse::<u32>(), tail.trim().parse::<u32>()) {
            if a <= b && b - a < MAX_PLACES as u32 {
                return (a..=b).map(|n| format!("{prefix}{n}")).collect();
            }
        }
    }
    vec![line.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_names() {
        let places = expand("table-1..3\n\nterrace\n till \nterrace").unwrap_or_default();
        assert_eq!(places, ["table-1", "table-2", "table-3", "terrace", "till"]);
    }

    #[test]
    fn forty_tables() {
        let places = expand("table-1..40").unwrap_or_default();
        assert_eq!(places.len(), 40);
        assert_eq!(places[39], "table-40");
    }

    #[test]
    fn not_a_range_is_kept_as_written() {
        assert_eq!(expand("bar..x").unwrap_or_default(), ["bar..x"]);
        assert_eq!(expand("t5..2").unwrap_or_default(), ["t5..2"]);
    }

    #[test]
    fn too_many_is_reported_with_the_first_two_hundred() {
        match expand("a1..150\nb1..150") {
            Err(cut) => assert_eq!(cut.len(), MAX_PLACES),
            Ok(_) => panic!("expected overflow"),
        }
    }

    #[test]
    fn long_places_are_capped() {
        let long = "x".repeat(80);
        assert_eq!(expand(&long).unwrap_or_default()[0].len(), MAX_PLACE_CHARS);
    }
}
