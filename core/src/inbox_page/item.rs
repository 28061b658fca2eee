//! What `GET /api/inbox/submissions` and its siblings answer, as the page reads it.
//! Unknown fields are ignored, so the server may add some without breaking the page.

use serde::{Deserialize, Serialize};

use crate::i18n::fill;
use crate::i18n::inbox::InboxCopy;
use crate::submission::Payload;

/// Where a complaint stands (SPEC §10). A complaint starts [`Status::Unverified`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Unverified,
    Verified,
    NotConfirmed,
    Resolved,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Unverified,
        Status::Verified,
        Status::NotConfirmed,
        Status::Resolved,
    ];
    /// The statuses a manager sets with a button.
    pub const SETTABLE: [Status; 3] = [Status::Verified, Status::NotConfirmed, Status::Resolved];

    /// The API's word: `?status=` and the status body.
    pub fn code(self) -> &'static str {
        match self {
            Status::Unverified => "unverified",
            Status::Verified => "verified",
            Status::NotConfirmed => "not_confirmed",
            Status::Resolved => "resolved",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Its name for the manager: "Not confirmed", « Non confirmée ».
    pub fn name(self, c: &InboxCopy) -> &'static str {
        let i = Status::ALL.iter().position(|s| *s == self).unwrap_or(0);
        c.status_names[i]
    }
}

/// What one history entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryKind {
    Status,
    NamesShown,
    /// A kind this page does not know yet: shown as a plain change.
    #[serde(other)]
    Other,
}

/// One change to a submission, append-only, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct HistoryEntry {
    pub at: String,
    pub by: String,
    pub kind: HistoryKind,
    #[serde(default)]
    pub from: Option<Status>,
    #[serde(default)]
    pub to: Option<Status>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One submission as the inbox lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Item {
    pub id: String,
    pub received_at: String,
    /// Payload v1; in a masked answer the complaint's names read "[staff member]".
    pub payload: Payload,
    /// `None` when there is no complaint.
    pub status: Option<Status>,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    #[serde(default)]
    pub names_masked: bool,
}

impl Item {
    /// Whether "Show names" has anything to show: a complaint that named staff, masked.
    pub fn has_hidden_names(&self) -> bool {
        self.names_masked
            && self.payload.complaint.is_some()
            && !self.payload.guidance.names_mentioned.is_empty()
    }
}

/// One page of the list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ItemPage {
    pub items: Vec<Item>,
    /// How many submissions match; with [`ItemPage::total_capped`], more than this.
    pub total: u64,
    /// The server stopped counting at `total` ([`crate::limits::INBOX_COUNT_CAP`]):
    /// more match, and the number of pages is not known.
    #[serde(default)]
    pub total_capped: bool,
    /// Whether an older page follows this one.
    #[serde(default)]
    pub more: bool,
    pub page: u32,
    pub per_page: u32,
}

impl ItemPage {
    /// Pages in all, at least 1 (an empty list is one empty page); `None` when the
    /// count stopped at the cap.
    pub fn pages(&self) -> Option<u32> {
        let per_page = u64::from(self.per_page.max(1));
        let pages = u32::try_from(self.total.div_ceil(per_page).max(1)).unwrap_or(u32::MAX);
        (!self.total_capped).then_some(pages)
    }

    /// Newest first: page 1 is the newest, so "Newer" goes back a page...
    pub fn newer(&self) -> Option<u32> {
        (self.page > 1).then(|| self.page - 1)
    }

    /// ...and "Older" forward: up to the last page when the count is whole, while the
    /// server says one follows when it is capped.
    pub fn older(&self) -> Option<u32> {
        let follows = match self.pages() {
            Some(pages) => self.page < pages,
            None => self.more,
        };
        follows.then(|| self.page + 1)
    }

    /// The results' summary: "120 submissions · Page 2 of 3", "More than 10,000
    /// submissions · Page 2", "No submissions match."
    pub fn summary(&self, c: &InboxCopy) -> String {
        if self.total == 0 && !self.total_capped {
            return c.none_match.to_string();
        }
        match self.pages() {
            Some(pages) => format!(
                "{} · {}",
                c.count_of(self.total),
                fill(c.page_of, self.page, &pages.to_string())
            ),
            None => format!(
                "{} · {}",
                c.count_over_of(self.total),
                fill(c.page_alone, self.page, "")
            ),
        }
    }

    /// Whether the page shows the way to newer or older ones.
    pub fn has_other_pages(&self) -> bool {
        self.newer().is_some() || self.older().is_some()
    }
}

/// The distinct venues and places, for the filter menus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Places {
    #[serde(default)]
    pub venues: Vec<String>,
    #[serde(default)]
    pub places: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::inbox::{INBOX_EN, INBOX_FR};

    fn item_json(status: &str, masked: bool) -> String {
        format!(
            r#"{{"id":"6f1c2a9e-3b7d-4c1e-9a2b-1c2d3e4f5a6b","received_at":"2026-11-27T16:00:00.000Z",
            "payload":{{"schema":"evenhand.feedback/1","id":"6f1c2a9e-3b7d-4c1e-9a2b-1c2d3e4f5a6b",
              "created_at":"2026-11-27T15:59:58.000Z","venue":"bistro","place":"table-4","mode":"kiosk",
              "language":"fr","praise":{{"text":"Super café","declined":false,"staff_named":[]}},
              "complaint":{{"text":"[staff member] was rude"}},"ratings":{{"service":2}},"contact":null,
              "guidance":{{"names_mentioned":["[staff member]"],"heated":true,"edited_after_guidance":false}},
              "verified":false}},
            "status":{status},"names_masked":{masked},"later_field":1,
            "history":[{{"at":"2026-11-27T16:01:00Z","by":"ana@example.org","kind":"status",
              "from":"unverified","to":"not_confirmed","note":"asked the team"}},
              {{"at":"2026-11-27T16:02:00Z","by":"ana@example.org","kind":"names_shown","from":null,"to":null,"note":null}},
              {{"at":"2026-11-27T16:03:00Z","by":"ana@example.org","kind":"exported"}}]}}"#
        )
    }

    #[test]
    fn an_item_reads_with_its_status_history_and_masked_names() {
        let item: Item = serde_json::from_str(&item_json(r#""not_confirmed""#, true)).unwrap();
        assert_eq!(item.status, Some(Status::NotConfirmed));
        assert_eq!(
            item.payload.complaint.as_ref().unwrap().text,
            "[staff member] was rude"
        );
        assert!(item.has_hidden_names());
        assert_eq!(item.history.len(), 3);
        assert_eq!(item.history[0].from, Some(Status::Unverified));
        assert_eq!(item.history[0].note.as_deref(), Some("asked the team"));
        assert_eq!(item.history[1].kind, HistoryKind::NamesShown);
        assert_eq!(item.history[2].kind, HistoryKind::Other);
        let shown: Item = serde_json::from_str(&item_json("null", false)).unwrap();
        assert_eq!(shown.status, None);
        assert!(!shown.has_hidden_names());
        assert!(serde_json::from_str::<Item>(&item_json(r#""pending""#, true)).is_err());
    }

    #[test]
    fn statuses_have_the_api_words_and_the_managers_names() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.code()));
        }
        assert_eq!(Status::from_code("Verified"), None);
        assert_eq!(Status::NotConfirmed.name(&INBOX_EN), "Not confirmed");
        assert_eq!(Status::Unverified.name(&INBOX_EN), "Unverified");
        assert_eq!(Status::Resolved.name(&INBOX_FR), "Résolue");
    }

    /// A page of 50 a page, its items left out.
    fn page_of(total: u64, total_capped: bool, more: bool, page: u32) -> ItemPage {
        ItemPage {
            items: vec![],
            total,
            total_capped,
            more,
            page,
            per_page: 50,
        }
    }

    #[test]
    fn paging_goes_newer_back_and_older_forward() {
        let page = |total, page| page_of(total, false, false, page);
        assert_eq!(page(0, 1).pages(), Some(1));
        assert_eq!(page(50, 1).pages(), Some(1));
        assert_eq!(page(51, 1).pages(), Some(2));
        assert_eq!(
            (page(120, 1).newer(), page(120, 1).older()),
            (None, Some(2))
        );
        assert_eq!(
            (page(120, 3).newer(), page(120, 3).older()),
            (Some(2), None)
        );
        assert_eq!((page(0, 1).newer(), page(0, 1).older()), (None, None));
        assert!(!page(50, 1).has_other_pages());
        assert!(page(120, 3).has_other_pages());
    }

    #[test]
    fn past_the_cap_older_follows_the_server_not_the_count() {
        let capped = |page, more| page_of(10_000, true, more, page);
        assert_eq!(capped(1, true).pages(), None);
        // Page 200 ends at the cap, and page 201 goes past it: older pages follow
        // while the server says so, and the list ends where it ends.
        assert_eq!(capped(200, true).older(), Some(201));
        assert_eq!(capped(6049, true).older(), Some(6050));
        assert_eq!(capped(6050, false).older(), None);
        assert_eq!(capped(6050, false).newer(), Some(6049));
        // An older server, without `more` or `total_capped`: the count decides.
        let old: ItemPage =
            serde_json::from_str(r#"{"items":[],"total":120,"page":2,"per_page":50}"#).unwrap();
        assert_eq!((old.pages(), old.older()), (Some(3), Some(3)));
    }

    #[test]
    fn the_summary_says_the_count_or_that_it_stopped_at_the_cap() {
        for (total, capped, page, c, said) in [
            (120, false, 2, &INBOX_EN, "120 submissions · Page 2 of 3"),
            (
                10_000,
                false,
                1,
                &INBOX_EN,
                "10,000 submissions · Page 1 of 200",
            ),
            (0, false, 1, &INBOX_FR, "Aucun avis ne correspond."),
            (
                10_000,
                true,
                3,
                &INBOX_EN,
                "More than 10,000 submissions · Page 3",
            ),
            (
                10_000,
                true,
                250,
                &INBOX_FR,
                "Plus de 10\u{202f}000 avis · Page 250",
            ),
        ] {
            assert_eq!(page_of(total, capped, true, page).summary(c), said);
        }
    }
}
