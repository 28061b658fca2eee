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

impl Filters {
    /// The query string (without `?`) for `page` of these filters: only what is set,
    /// text trimmed, form-encoded.
    pub fn query(&self, page: u32) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.append_pair("page", &page.max(1).to_string());
        for (name, value) in [
            ("q", self.q.trim()),
            ("venue", self.venue.trim()),
            ("place", self.place.trim()),
            ("from", self.from.trim()),
            ("to", self.to.trim()),
        ] {
            if !value.is_empty() {
                q.append_pair(name, value);
            }
        }
        if let Some(status) = self.status {
            q.append_pair("status", status.code());
        }
        if self.names_staff {
            q.append_pair("names_staff", "true");
        }
        if self.heated {
            q.append_pair("heated", "true");
        }
        q.finish()
    }

    /// A period that ends before it starts: said before asking the server. Dates in
    /// `YYYY-MM-DD` compare as text.
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
        assert_eq!(Filters::default().query(1), "page=1");
        assert_eq!(Filters::default().query(0), "page=1");
        let f = Filters {
            q: "  café crème ".into(),
            place: "terrace & bar".into(),
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
            status: Some(Status::NotConfirmed),
            names_staff: true,
            heated: true,
            ..Filters::default()
        };
        assert_eq!(
            f.query(3),
            "page=3&q=caf%C3%A9+cr%C3%A8me&place=terrace+%26+bar&from=2026-11-01&to=2026-11-30\
             &status=not_confirmed&names_staff=true&heated=true"
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
