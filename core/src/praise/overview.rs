//! The inbox's "Overview" (SPEC §11): per ISO week, how many submissions came, how many
//! carried praise, a complaint, or declined praise; the average rating per topic. The
//! store counts per day (SQL); this folds days into ISO weeks, with empty weeks kept so
//! a chart shows the gaps.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::period::day_start_ms;

const DAY_MS: i64 = 86_400_000;

/// The counts of one day or one week.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub submissions: u64,
    pub with_praise: u64,
    pub with_complaint: u64,
    pub declined_praise: u64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.submissions += other.submissions;
        self.with_praise += other.with_praise;
        self.with_complaint += other.with_complaint;
        self.declined_praise += other.declined_praise;
    }
}

/// One ISO week's counts, e.g. `2026-W48`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week {
    pub week: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// The average of one topic's ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    pub topic: String,
    pub average: f64,
    pub count: u64,
}

/// The whole overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub weeks: Vec<Week>,
    pub ratings: Vec<Rating>,
}

/// The ISO 8601 week of a day `YYYY-MM-DD`, as `2026-W48`.
pub fn iso_week(day: &str) -> Option<String> {
    let days = day_start_ms(day)?.div_euclid(DAY_MS);
    Some(iso_week_of_days(days))
}

/// The ISO week of a day counted from 1970-01-01 (a Thursday).
fn iso_week_of_days(days: i64) -> String {
    // Monday = 0 … Sunday = 6.
    let weekday = (days + 3).rem_euclid(7);
    // The week belongs to the year of its Thursday.
    let thursday = days - weekday + 3;
    let day = super::period::day_of(thursday * DAY_MS);
    let year = &day[..4];
    let jan1 = day_start_ms(&format!("{year}-01-01")).unwrap_or(0) / DAY_MS;
    format!("{year}-W{:02}", (thursday - jan1) / 7 + 1)
}

/// Folds per-day counts (`YYYY-MM-DD`, any order) into ISO weeks, oldest first, every
/// week from the first to the last included. Unreadable days are skipped.
pub fn weeks(days: impl IntoIterator<Item = (String, Counts)>) -> Vec<Week> {
    let mut by_day: Vec<(i64, Counts)> = days
        .into_iter()
        .filter_map(|(d, c)| Some((day_start_ms(&d)?.div_euclid(DAY_MS), c)))
        .collect();
    by_day.sort_by_key(|(d, _)| *d);
    let (Some(first), Some(last)) = (by_day.first(), by_day.last()) else {
        return Vec::new();
    };
    let monday = |d: i64| d - (d + 3).rem_euclid(7);
    let (start, end) = (monday(first.0), monday(last.0));
    let mut out: Vec<Week> = (0..=(end - start) / 7)
        .map(|i| Week {
            week: iso_week_of_days(start + i * 7),
            counts: Counts::default(),
        })
        .collect();
    for (d, c) in by_day {
        out[((monday(d) - start) / 7) as usize].counts.add(c);
    }
    out
}

/// The average rating of each topic, by topic, from sets of ratings (a `ratings`
/// object as JSON text, and how many submissions carried exactly it). Only ratings 1–5
/// count; unreadable sets are skipped.
pub fn averages(sets: impl IntoIterator<Item = (String, u64)>) -> Vec<Rating> {
    let mut topics: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (text, n) in sets {
        let Ok(set) = serde_json::from_str::<BTreeMap<String, serde_json::Value>>(&text) else {
            continue;
        };
        for (topic, value) in set {
            if let Some(v) = value.as_u64().filter(|v| (1..=5).contains(v)) {
                let (sum, count) = topics.entry(topic).or_default();
                *sum += v * n;
                *count += n;
            }
        }
    }
    topics
        .into_iter()
        .map(|(topic, (sum, count))| Rating {
            topic,
            average: sum as f64 / count as f64,
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_at_the_turn_of_the_year() {
        assert_eq!(iso_week("2026-11-27").as_deref(), Some("2026-W48"));
        assert_eq!(iso_week("2026-01-01").as_deref(), Some("2026-W01"));
        // 2021-01-03 was a Sunday of 2020's week 53; 2024-12-30 a Monday of 2025-W01.
        assert_eq!(iso_week("2021-01-03").as_deref(), Some("2020-W53"));
        assert_eq!(iso_week("2024-12-30").as_deref(), Some("2025-W01"));
        assert_eq!(iso_week("2026-12-31").as_deref(), Some("2026-W53"));
        assert_eq!(iso_week("not a day"), None);
    }

    fn c(s: u64, p: u64, k: u64, d: u64) -> Counts {
        Counts {
            submissions: s,
            with_praise: p,
            with_complaint: k,
            declined_praise: d,
        }
    }

    #[test]
    fn days_fold_into_weeks_with_the_gaps_kept() {
        let w = weeks([
            ("2026-11-27".to_string(), c(3, 2, 1, 0)),
            ("2026-11-08".to_string(), c(1, 0, 1, 1)),
            ("2026-11-23".to_string(), c(2, 2, 0, 0)),
        ]);
        let got: Vec<_> = w.iter().map(|w| (w.week.as_str(), w.counts)).collect();
        assert_eq!(
            got,
            [
                ("2026-W45", c(1, 0, 1, 1)),
                ("2026-W46", c(0, 0, 0, 0)),
                ("2026-W47", c(0, 0, 0, 0)),
                ("2026-W48", c(5, 4, 1, 0)),
            ]
        );
        assert!(weeks([]).is_empty());
        let json = serde_json::to_value(&w[0]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "week": "2026-W45", "submissions": 1, "with_praise": 0,
                                "with_complaint": 1, "declined_praise": 1 })
        );
    }

    #[test]
    fn averages_weigh_each_set_of_ratings_by_how_many_carried_it() {
        let r = averages([
            (r#"{"service":4,"food":2}"#.to_string(), 3),
            (r#"{"service":1}"#.to_string(), 1),
            (r#"{"service":9,"food":"x"}"#.to_string(), 5),
            ("not json".to_string(), 2),
        ]);
        assert_eq!(
            r,
            [
                Rating {
                    topic: "food".into(),
                    average: 2.0,
                    count: 3
                },
                Rating {
                    topic: "service".into(),
                    average: 13.0 / 4.0,
                    count: 4
                },
            ]
        );
        assert!(averages([]).is_empty());
    }
}
