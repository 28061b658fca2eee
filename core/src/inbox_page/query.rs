//! The inbox's filters and page as the query of `GET /api/inbox/submissions`.

use super::item::Status;

/// What the manager asked to see. Empty text means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub q: String,
    pub venue: String,
    pub place: String,
    /// `YYYY-MM-DD`, as a date input gives it.
    pub from: String,
    pub to: String,
    pub status: Option<Status>,
    pub names_staff: bool,
    pub heated: bool,
}

// `#[inline]`: built only where used, so the kiosk's wasm, which never filters, stays
// byte for byte as it was (bench/size).
impl Filters {
    /// These filters as query pairs of `GET /api/inbox/submissions`: only what is set,
    /// text trimmed. The page adds `page` and encodes them (`URLSearchParams`).
    #[inline]
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        let status = self.status.map_or("", Status::code);
        let on = |set: bool| if set { "true" } else { "" };
        [
            ("q", self.q.trim()),
            ("venue", self.venue.trim()),
            ("place", self.place.trim()),
            ("from", self.from.trim()),
            ("to", self.to.trim()),
            ("status", status),
            ("names_staff", on(self.names_staff)),
            ("heated", on(self.heated)),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .collect()
    }

    /// A period that ends before it starts: said before asking the server. Dates in
    /// `YYYY-MM-DD` compare as text.
    #[inline]
    pub fn dates_reversed(&self) -> bool {
        let (from, to) = (self.from.trim(), self.to.trim());
        !from.is_empty() && !to.is_empty() && from > to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_is_set_goes_in_the_query() {
        assert!(Filters::default().pairs().is_empty());
        let f = Filters {
            q: "  café crème ".into(),
            place: "terrace & bar".into(),
            venue: "   ".into(),
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
            status: Some(Status::NotConfirmed),
            names_staff: true,
            heated: false,
        };
        assert_eq!(
            f.pairs(),
            [
                ("q", "café crème"),
                ("place", "terrace & bar"),
                ("from", "2026-11-01"),
                ("to", "2026-11-30"),
                ("status", "not_confirmed"),
                ("names_staff", "true"),
            ]
        );
    }

    #[test]
    fn a_period_ending_before_it_starts_is_caught() {
        let f = |from: &str, to: &str| Filters {
            from: from.into(),
            to: to.into(),
            ..Filters::default()
        };
        assert!(f("2026-11-30", "2026-11-01").dates_reversed());
        assert!(!f("2026-11-01", "2026-11-01").dates_reversed());
        assert!(!f("2026-11-30", "").dates_reversed());
    }
}
