//! Praise reaches the people it names (SPEC §11): the shapes of the inbox's "Praise"
//! view and of the public team page, how praise is grouped by the person named, the
//! period a request asks for, and the weekly overview.
//!
//! The receiver reads rows from its database (grouping and counting in SQL, where it
//! pays) and hands them to [`Digest::assemble`]; the browser reads the same shapes back.

pub mod overview;
pub mod period;

use serde::{Deserialize, Serialize};

/// The public team page shows the praise of this many days back.
pub const TEAM_WINDOW_DAYS: i64 = 30;

/// At most this many praise texts, newest first, are listed per group; the group's
/// count is always the whole count. A year of a busy shop is tens of thousands of
/// texts: a page and a printed digest hold the latest ones.
pub const MAX_ITEMS_PER_GROUP: usize = 100;

/// One praise text as the inbox lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub received_at: String,
    pub text: String,
    pub language: String,
}

/// One praise text as the public team page shows it. It has no field for an id, a
/// complaint, a rating, an email, a place or a venue, so no team answer can carry one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamItem {
    pub received_at: String,
    pub text: String,
    pub language: String,
}

impl From<Item> for TeamItem {
    fn from(item: Item) -> TeamItem {
        TeamItem {
            received_at: item.received_at,
            text: item.text,
            language: item.language,
        }
    }
}

/// The praise naming one person: "Jean-Marc (3)".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group<I> {
    pub name: String,
    pub count: u64,
    pub items: Vec<I>,
}

/// The praise naming no one: the whole team's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team<I> {
    pub count: u64,
    pub items: Vec<I>,
}

/// The praise of a period, by person and for the whole team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digest<I> {
    pub groups: Vec<Group<I>>,
    pub team: Team<I>,
}

/// A row as the store reads it: the person named (`None`: no one), how many praise
/// texts name them in the period, and one of those texts. A text naming two people
/// comes as two rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<I> {
    pub name: Option<String>,
    pub count: u64,
    pub item: I,
}

/// One praise text, whatever the answer's shape: ordered by `received_at`, shown as
/// `text` in its `language`.
pub trait Quote {
    fn received_at(&self) -> &str;
    fn text(&self) -> &str;
    fn language(&self) -> &str;
}

macro_rules! quote_fields {
    ($($t:ty),*) => {$(
        impl Quote for $t {
            fn received_at(&self) -> &str {
                &self.received_at
            }
            fn text(&self) -> &str {
                &self.text
            }
            fn language(&self) -> &str {
                &self.language
            }
        }
    )*};
}

quote_fields!(Item, TeamItem);

impl<I: Quote> Digest<I> {
    /// Groups rows by the person named: groups by count (most praised first), then by
    /// name; items newest first, at most [`MAX_ITEMS_PER_GROUP`] a group.
    pub fn assemble(rows: impl IntoIterator<Item = Row<I>>) -> Digest<I> {
        let mut groups: Vec<Group<I>> = Vec::new();
        let mut team = Team {
            count: 0,
            items: Vec::new(),
        };
        for row in rows {
            let (count, items) = match row.name {
                None => (&mut team.count, &mut team.items),
                Some(name) => {
                    let at = match groups.iter().position(|g| g.name == name) {
                        Some(at) => at,
                        None => {
                            groups.push(Group {
                                name,
                                count: 0,
                                items: Vec::new(),
                            });
                            groups.len() - 1
                        }
                    };
                    let g = &mut groups[at];
                    (&mut g.count, &mut g.items)
                }
            };
            *count = (*count).max(row.count);
            items.push(row.item);
        }
        let newest_first = |items: &mut Vec<I>| {
            items.sort_by(|a, b| b.received_at().cmp(a.received_at()));
            items.truncate(MAX_ITEMS_PER_GROUP);
        };
        for g in &mut groups {
            newest_first(&mut g.items);
        }
        newest_first(&mut team.items);
        groups.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        Digest { groups, team }
    }

    /// The same digest with each item turned into another shape.
    pub fn map<J>(self, f: impl Fn(I) -> J) -> Digest<J> {
        Digest {
            groups: self
                .groups
                .into_iter()
                .map(|g| Group {
                    name: g.name,
                    count: g.count,
                    items: g.items.into_iter().map(&f).collect(),
                })
                .collect(),
            team: Team {
                count: self.team.count,
                items: self.team.items.into_iter().map(&f).collect(),
            },
        }
    }
}

/// Counts praise per person named from texts read newest first, keeping the keys (the
/// store's row ids) of the newest [`MAX_ITEMS_PER_GROUP`] of each group, so only those
/// texts are read. A few people are named in a shop: groups are found by a scan.
#[derive(Debug)]
pub struct Tally<K> {
    groups: Vec<(Option<String>, u64, Vec<K>)>,
}

impl<K> Default for Tally<K> {
    fn default() -> Self {
        Tally { groups: Vec::new() }
    }
}

impl<K: Clone> Tally<K> {
    /// One praise text naming `names` (none: the whole team's), newer than any before.
    pub fn add(&mut self, names: &[String], key: K) {
        if names.is_empty() {
            return self.bump(None, key);
        }
        for (i, name) in names.iter().enumerate() {
            if !names[..i].contains(name) {
                self.bump(Some(name), key.clone());
            }
        }
    }

    fn bump(&mut self, name: Option<&String>, key: K) {
        let at = match self.groups.iter().position(|g| g.0.as_ref() == name) {
            Some(at) => at,
            None => {
                self.groups.push((name.cloned(), 0, Vec::new()));
                self.groups.len() - 1
            }
        };
        let (_, count, keys) = &mut self.groups[at];
        *count += 1;
        if keys.len() < MAX_ITEMS_PER_GROUP {
            keys.push(key);
        }
    }

    /// Every key kept, in any group.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.groups.iter().flat_map(|g| g.2.iter())
    }

    /// The rows for [`Digest::assemble`], each key turned into its item; a key without
    /// one (gone meanwhile) is left out.
    pub fn rows<I>(self, item: impl Fn(&K) -> Option<I>) -> Vec<Row<I>> {
        self.groups
            .into_iter()
            .flat_map(|(name, count, keys)| {
                keys.iter()
                    .filter_map(&item)
                    .map(|item| Row {
                        name: name.clone(),
                        count,
                        item,
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// The names of a payload's `praise.staff_named` (JSON text); none when it is missing
/// or unreadable.
pub fn staff_named(json: Option<&str>) -> Vec<String> {
    match json {
        None | Some("[]") => Vec::new(),
        Some(text) => serde_json::from_str(text).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, at: &str) -> Item {
        Item {
            id: id.into(),
            received_at: at.into(),
            text: "Lovely evening.".into(),
            language: "en".into(),
        }
    }

    fn row(name: Option<&str>, count: u64, id: &str, at: &str) -> Row<Item> {
        Row {
            name: name.map(str::to_string),
            count,
            item: item(id, at),
        }
    }

    #[test]
    fn groups_by_count_then_name_items_newest_first() {
        let d = Digest::assemble([
            row(Some("Amy"), 1, "a", "2026-11-01T10:00:00.000Z"),
            row(Some("Jean-Marc"), 3, "b", "2026-11-02T10:00:00.000Z"),
            row(Some("Jean-Marc"), 3, "c", "2026-11-05T10:00:00.000Z"),
            row(None, 2, "d", "2026-11-03T10:00:00.000Z"),
            row(Some("Jean-Marc"), 3, "a", "2026-11-01T10:00:00.000Z"),
            row(Some("Léa"), 1, "e", "2026-11-04T10:00:00.000Z"),
            row(None, 2, "f", "2026-11-06T10:00:00.000Z"),
        ]);
        let names: Vec<_> = d
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.count))
            .collect();
        assert_eq!(names, [("Jean-Marc", 3), ("Amy", 1), ("Léa", 1)]);
        let jm: Vec<_> = d.groups[0].items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(jm, ["c", "b", "a"]);
        assert_eq!(d.team.count, 2);
        let team: Vec<_> = d.team.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(team, ["f", "d"]);
    }

    #[test]
    fn counts_stay_whole_when_items_are_cut() {
        let n = MAX_ITEMS_PER_GROUP + 5;
        let rows = (0..n).map(|i| {
            row(
                Some("Amy"),
                1000,
                &format!("{i:04}"),
                &format!("2026-11-01T10:{:02}:{:02}.000Z", i / 60, i % 60),
            )
        });
        let d = Digest::assemble(rows);
        assert_eq!(d.groups[0].count, 1000);
        assert_eq!(d.groups[0].items.len(), MAX_ITEMS_PER_GROUP);
        assert_eq!(d.groups[0].items[0].id, format!("{:04}", n - 1));
    }

    #[test]
    fn the_team_shape_has_no_id_and_refuses_one() {
        let d = Digest::assemble([row(Some("Amy"), 1, "secret-id", "2026-11-01T10:00:00.000Z")])
            .map(TeamItem::from);
        let json = serde_json::to_string(&d).unwrap();
        assert!(!json.contains("secret-id"), "{json}");
        assert!(!json.contains("\"id\""), "{json}");
        let with_id = r#"{"received_at":"x","text":"t","language":"en","id":"1"}"#;
        assert!(serde_json::from_str::<TeamItem>(with_id).is_err());
    }

    #[test]
    fn a_tally_counts_everyone_and_keeps_the_newest_of_each() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut t = Tally::default();
        // Newest first: key 0 is the newest.
        for k in 0..(MAX_ITEMS_PER_GROUP + 3) {
            t.add(&names(&["Amy"]), k);
        }
        t.add(&names(&["Jean-Marc", "Amy", "Jean-Marc"]), 500);
        t.add(&[], 501);
        assert_eq!(t.keys().count(), MAX_ITEMS_PER_GROUP + 2);
        let rows =
            t.rows(|k| (*k != 501).then(|| item(&k.to_string(), "2026-11-01T10:00:00.000Z")));
        let amy: Vec<_> = rows
            .iter()
            .filter(|r| r.name.as_deref() == Some("Amy"))
            .collect();
        assert_eq!(amy.len(), MAX_ITEMS_PER_GROUP);
        assert!(amy
            .iter()
            .all(|r| r.count == MAX_ITEMS_PER_GROUP as u64 + 4));
        assert_eq!(amy[0].item.id, "0");
        let jm: Vec<_> = rows
            .iter()
            .filter(|r| r.name.as_deref() == Some("Jean-Marc"))
            .collect();
        assert_eq!((jm.len(), jm[0].count), (1, 1), "named twice, counted once");
        assert!(
            rows.iter().all(|r| r.name.is_some()),
            "a key gone meanwhile is left out"
        );
        assert_eq!(
            staff_named(Some(r#"["Amy","Léa"]"#)),
            names(&["Amy", "Léa"])
        );
        assert!(staff_named(None).is_empty() && staff_named(Some("{")).is_empty());
    }
}
