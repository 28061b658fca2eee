//! Which venues a reader may see (SPEC §12): a manager account limited with
//! `add-manager --venue ID`, and a team link that manager made, see those venues'
//! submissions only; an account without `--venue`, and the command line, see every
//! venue. Each store method that reads or changes submissions takes a [`Scope`] and adds
//! [`Scope::condition`] to its `WHERE`, so the limit holds in the query itself.

use rusqlite::types::Value;

/// Every venue, or these venues only (sorted, each once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    Every,
    Venues(Vec<String>),
}

impl Scope {
    /// These venues only; an empty list sees nothing (it never means every venue).
    pub fn venues<I, S>(venues: I) -> Scope
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut list: Vec<String> = venues.into_iter().map(Into::into).collect();
        list.sort();
        list.dedup();
        Scope::Venues(list)
    }

    /// The stored venue rows of an account or a link: none means every venue.
    pub(super) fn from_rows(rows: Vec<String>) -> Scope {
        if rows.is_empty() {
            Scope::Every
        } else {
            Scope::venues(rows)
        }
    }

    /// The venues listed, or `None` for every venue.
    pub fn listed(&self) -> Option<&[String]> {
        match self {
            Scope::Every => None,
            Scope::Venues(v) => Some(v),
        }
    }

    /// The SQL condition on `column` (`venue IN (?, ?)`, plain SQL that reads the same
    /// in Postgres with `$n` placeholders) and its values; `None` for every venue.
    pub(super) fn condition(&self, column: &str) -> Option<(String, Vec<Value>)> {
        let venues = self.listed()?;
        if venues.is_empty() {
            return Some(("0 = 1".to_string(), Vec::new()));
        }
        let marks = vec!["?"; venues.len()].join(", ");
        Some((
            format!("{column} IN ({marks})"),
            venues.iter().cloned().map(Value::Text).collect(),
        ))
    }

    /// [`Scope::condition`] as ` AND …` to append to a `WHERE`, or nothing.
    pub(super) fn and(&self, column: &str) -> (String, Vec<Value>) {
        match self.condition(column) {
            Some((cond, values)) => (format!(" AND {cond}"), values),
            None => (String::new(), Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn venues_are_sorted_once_and_none_listed_sees_nothing() {
        let s = Scope::venues(["b", "a", "b"]);
        assert_eq!(s.listed(), Some(&["a".to_string(), "b".to_string()][..]));
        assert_eq!(Scope::from_rows(vec![]), Scope::Every);
        let none = Scope::venues(Vec::<String>::new());
        assert_eq!(none.condition("venue").unwrap().0, "0 = 1");
        assert!(Scope::Every.condition("venue").is_none());
        assert_eq!(s.condition("s.venue").unwrap().0, "s.venue IN (?, ?)");
    }
}
