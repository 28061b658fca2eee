//! The parameters of `GET /api/inbox/submissions`, read strictly: a bad or unknown one
//! is a 400 that names it, never silently ignored (a filter that does nothing would
//! show a manager the wrong list).

use evenhand_core::limits::{MAX_PLACE_CHARS, MAX_VENUE_ID_CHARS};
use evenhand_core::praise::period::day_start_ms;

use crate::error::ApiError;
use crate::store::inbox::{Filter, Status};

pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 200;
/// Past any real inbox (200 a page); keeps the offset arithmetic small.
const MAX_PAGE: u32 = 1_000_000;
/// Most characters in a search.
pub const MAX_SEARCH_CHARS: usize = 200;

const KNOWN: &str = "page, per_page, place, venue, from, to, status, names_staff, heated, q";

/// A list request: which submissions, which page.
#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    pub filter: Filter,
    pub page: u32,
    pub per_page: u32,
}

impl ListQuery {
    /// Reads the query string (`None`: no parameters). An empty value counts as absent,
    /// as a form sends an untouched field.
    pub fn parse(raw: Option<&str>) -> Result<ListQuery, ApiError> {
        let mut q = ListQuery {
            filter: Filter::default(),
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        };
        let mut seen: Vec<String> = Vec::new();
        for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            if seen.iter().any(|s| *s == name) {
                return Err(bad(format!("`{name}` is given twice")));
            }
            seen.push(name.to_string());
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let f = &mut q.filter;
            match name.as_ref() {
                "page" => q.page = number(&name, value, 1, MAX_PAGE)?,
                "per_page" => q.per_page = number(&name, value, 1, MAX_PER_PAGE)?,
                "venue" => f.venue = Some(text(&name, value, MAX_VENUE_ID_CHARS)?),
                "place" => f.place = Some(text(&name, value, MAX_PLACE_CHARS)?),
                "from" => f.from_day = Some(day(&name, value)?),
                "to" => f.to_day = Some(day(&name, value)?),
                "status" => {
                    f.status = Some(Status::from_code(value).ok_or_else(|| {
                        bad(format!(
                            "`status` must be one of unverified, verified, not_confirmed, resolved (not {value:?})"
                        ))
                    })?)
                }
                "names_staff" => f.names_staff = flag(&name, value)?,
                "heated" => f.heated = flag(&name, value)?,
                "q" => f.search = Some(text(&name, value, MAX_SEARCH_CHARS)?),
                _ => return Err(bad(format!("unknown parameter `{name}`; known: {KNOWN}"))),
            }
        }
        if let (Some(from), Some(to)) = (&q.filter.from_day, &q.filter.to_day) {
            if from > to {
                return Err(bad(format!("`from` ({from}) is after `to` ({to})")));
            }
        }
        Ok(q)
    }
}

fn bad(message: String) -> ApiError {
    ApiError::BadRequest(message)
}

fn number(name: &str, value: &str, min: u32, max: u32) -> Result<u32, ApiError> {
    value
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            bad(format!(
                "`{name}` must be a whole number from {min} to {max} (not {value:?})"
            ))
        })
}

fn text(name: &str, value: &str, max: usize) -> Result<String, ApiError> {
    let n = value.chars().count();
    if n > max {
        return Err(bad(format!(
            "`{name}` is {n} characters long; at most {max}"
        )));
    }
    Ok(value.to_string())
}

fn flag(name: &str, value: &str) -> Result<bool, ApiError> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(bad(format!(
            "`{name}` must be true or false (not {value:?})"
        ))),
    }
}

/// A UTC day `YYYY-MM-DD` that exists on the calendar.
fn day(name: &str, value: &str) -> Result<String, ApiError> {
    if day_start_ms(value).is_none() {
        return Err(bad(format!(
            "`{name}` must be a day as YYYY-MM-DD (not {value:?})"
        )));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<ListQuery, String> {
        ListQuery::parse(Some(raw)).map_err(|e| e.to_string())
    }

    #[test]
    fn every_parameter_read() {
        let q = parse(
            "page=3&per_page=20&place=terrasse%20sud&venue=bistro-1&from=2026-11-01&to=2026-11-30\
             &status=not_confirmed&names_staff=true&heated=true&q=caf%C3%A9+froid",
        )
        .unwrap();
        assert_eq!((q.page, q.per_page), (3, 20));
        let f = q.filter;
        assert_eq!(f.place.as_deref(), Some("terrasse sud"));
        assert_eq!(f.venue.as_deref(), Some("bistro-1"));
        assert_eq!(f.from_day.as_deref(), Some("2026-11-01"));
        assert_eq!(f.to_day.as_deref(), Some("2026-11-30"));
        assert_eq!(f.status, Some(Status::NotConfirmed));
        assert!(f.names_staff && f.heated);
        assert_eq!(f.search.as_deref(), Some("café froid"));
    }

    #[test]
    fn defaults_and_empty_values() {
        let none = ListQuery::parse(None).unwrap();
        assert_eq!((none.page, none.per_page), (1, DEFAULT_PER_PAGE));
        let empty = parse("status=&q=&heated=false&place=").unwrap();
        assert_eq!(empty, none);
    }

    #[test]
    fn bad_values_are_named() {
        for (raw, words) in [
            ("page=0", "`page` must be a whole number from 1"),
            ("page=two", "`page` must be a whole number"),
            (
                "per_page=201",
                "`per_page` must be a whole number from 1 to 200",
            ),
            ("status=done", "`status` must be one of unverified"),
            ("from=2026-02-30", "`from` must be a day as YYYY-MM-DD"),
            ("to=27/11/2026", "`to` must be a day"),
            (
                "from=2026-11-02&to=2026-11-01",
                "`from` (2026-11-02) is after `to`",
            ),
            ("heated=yes", "`heated` must be true or false"),
            ("sort=old", "unknown parameter `sort`"),
            ("page=1&page=2", "`page` is given twice"),
        ] {
            let err = parse(raw).unwrap_err();
            assert!(err.contains(words), "{raw}: {err}");
        }
        let long = format!("q={}", "a".repeat(MAX_SEARCH_CHARS + 1));
        assert!(parse(&long)
            .unwrap_err()
            .contains("`q` is 201 characters long"));
    }
}
