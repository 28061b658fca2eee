//! Privacy by default (SPEC §13): how long a guest's contact and words are kept. Pure
//! decisions over times in milliseconds since the Unix epoch; the receiver reads the
//! rows, asks [`due`], and erases what it answers in one transaction.

/// One day, in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// The limits, in days. `0` keeps forever: only ever set explicitly, never a fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// A guest's contact goes this long after its complaint is Resolved or Not confirmed.
    pub contact_after_closed_days: u32,
    /// A guest's contact goes this long after receipt, whatever the complaint's status.
    pub contact_days: u32,
    /// A "Not confirmed" complaint's text goes this long after that status was set.
    pub not_confirmed_text_days: u32,
    /// Every guest text (praise and complaint) goes this long after receipt.
    pub text_days: u32,
}

impl Default for Rules {
    /// SPEC §13's numbers.
    fn default() -> Self {
        Rules {
            contact_after_closed_days: 30,
            contact_days: 90,
            not_confirmed_text_days: 30,
            text_days: 365,
        }
    }
}

/// A complaint's status when it is closed: the two that start a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    Resolved,
    NotConfirmed,
}

/// What a stored submission still holds, and the times the rules count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub received_ms: i64,
    /// Its complaint's status, when Resolved or Not confirmed, and when it was set.
    pub closed: Option<(Closed, i64)>,
    pub contact: bool,
    pub praise_text: bool,
    pub complaint_text: bool,
}

/// What is due for erasure now. Each kind is counted once: a complaint text past the
/// 365 days goes as [`Due::texts`], not as [`Due::not_confirmed_text`] too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Due {
    /// The guest's email.
    pub contact: bool,
    /// The complaint's text only (the praise stays): Not confirmed long enough.
    pub not_confirmed_text: bool,
    /// Praise and complaint texts: received long enough ago.
    pub texts: bool,
}

impl Due {
    pub fn any(self) -> bool {
        self.contact || self.not_confirmed_text || self.texts
    }
}

/// Whether `days` after `since_ms` has come by `now_ms`; a limit of 0 never comes.
pub fn elapsed(since_ms: i64, days: u32, now_ms: i64) -> bool {
    days != 0
        && since_ms
            .checked_add(i64::from(days) * DAY_MS)
            .is_some_and(|limit| now_ms >= limit)
}

/// What `rules` erase from `held` at `now_ms`. Only what is still held is due, so a
/// second pass erases nothing more.
pub fn due(rules: &Rules, held: &Held, now_ms: i64) -> Due {
    let closed_since = held.closed.map(|(_, at)| at);
    let not_confirmed_since = match held.closed {
        Some((Closed::NotConfirmed, at)) => Some(at),
        _ => None,
    };
    let contact = held.contact
        && (elapsed(held.received_ms, rules.contact_days, now_ms)
            || closed_since.is_some_and(|at| elapsed(at, rules.contact_after_closed_days, now_ms)));
    let texts = (held.praise_text || held.complaint_text)
        && elapsed(held.received_ms, rules.text_days, now_ms);
    let not_confirmed_text = !texts
        && held.complaint_text
        && not_confirmed_since.is_some_and(|at| elapsed(at, rules.not_confirmed_text_days, now_ms));
    Due {
        contact,
        not_confirmed_text,
        texts,
    }
}

/// The latest receipt time a rule counting from receipt could erase at `now_ms`: rows
/// received then or before may be due, later ones only through a closed status.
/// `None` when both receipt rules keep forever.
pub fn received_before(rules: &Rules, now_ms: i64) -> Option<i64> {
    [rules.contact_days, rules.text_days]
        .into_iter()
        .filter(|&d| d != 0)
        .min()
        .map(|d| now_ms.saturating_sub(i64::from(d) * DAY_MS))
}

/// How much one purge erased, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub contacts: u64,
    pub not_confirmed_texts: u64,
    pub texts: u64,
}

impl Counts {
    pub fn add(&mut self, due: Due) {
        self.contacts += u64::from(due.contact);
        self.not_confirmed_texts += u64::from(due.not_confirmed_text);
        self.texts += u64::from(due.texts);
    }

    pub fn total(self) -> u64 {
        self.contacts + self.not_confirmed_texts + self.texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_780_000_000_000;

    fn day(n: i64) -> i64 {
        T0 + n * DAY_MS
    }

    fn held() -> Held {
        Held {
            received_ms: T0,
            closed: None,
            contact: true,
            praise_text: true,
            complaint_text: true,
        }
    }

    fn rules() -> Rules {
        Rules::default()
    }

    #[test]
    fn the_spec_numbers_are_the_defaults() {
        assert_eq!(
            rules(),
            Rules {
                contact_after_closed_days: 30,
                contact_days: 90,
                not_confirmed_text_days: 30,
                text_days: 365
            }
        );
    }

    #[test]
    fn a_fresh_submission_keeps_everything() {
        assert_eq!(due(&rules(), &held(), T0), Due::default());
        assert!(!due(&rules(), &held(), day(89)).any());
    }

    #[test]
    fn contact_goes_90_days_after_receipt_to_the_millisecond() {
        assert!(!due(&rules(), &held(), day(90) - 1).contact);
        let at_90 = due(&rules(), &held(), day(90));
        assert_eq!(
            at_90,
            Due {
                contact: true,
                ..Due::default()
            }
        );
    }

    #[test]
    fn contact_goes_30_days_after_resolved_or_not_confirmed() {
        for status in [Closed::Resolved, Closed::NotConfirmed] {
            let mut h = held();
            h.closed = Some((status, day(10)));
            assert!(!due(&rules(), &h, day(40) - 1).contact, "{status:?}");
            assert!(due(&rules(), &h, day(40)).contact, "{status:?}");
        }
        // Closed late: the 90 days after receipt still come first.
        let mut late = held();
        late.closed = Some((Closed::Resolved, day(80)));
        assert!(due(&rules(), &late, day(90)).contact);
    }

    #[test]
    fn a_not_confirmed_complaint_text_goes_30_days_after_that_status_and_the_praise_stays() {
        let mut h = held();
        h.contact = false;
        h.closed = Some((Closed::NotConfirmed, day(5)));
        assert!(!due(&rules(), &h, day(35) - 1).any());
        assert_eq!(
            due(&rules(), &h, day(35)),
            Due {
                not_confirmed_text: true,
                ..Due::default()
            }
        );
        // Resolved is not a reason to erase the words.
        h.closed = Some((Closed::Resolved, day(5)));
        assert!(!due(&rules(), &h, day(200)).any());
    }

    #[test]
    fn every_text_goes_365_days_after_receipt_counted_once() {
        let mut h = held();
        h.contact = false;
        assert!(!due(&rules(), &h, day(365) - 1).any());
        assert_eq!(
            due(&rules(), &h, day(365)),
            Due {
                texts: true,
                ..Due::default()
            }
        );
        // A Not confirmed complaint past both limits is one erasure, of the texts.
        h.closed = Some((Closed::NotConfirmed, day(1)));
        assert_eq!(
            due(&rules(), &h, day(400)),
            Due {
                texts: true,
                ..Due::default()
            }
        );
        // Praise alone is a text too.
        h.complaint_text = false;
        h.closed = None;
        assert!(due(&rules(), &h, day(365)).texts);
    }

    #[test]
    fn what_is_gone_is_not_due_again() {
        let gone = Held {
            received_ms: T0,
            closed: Some((Closed::NotConfirmed, T0)),
            contact: false,
            praise_text: false,
            complaint_text: false,
        };
        assert_eq!(due(&rules(), &gone, day(1000)), Due::default());
        // The praise alone remains after a Not confirmed complaint lost its text.
        let mut praise_only = gone;
        praise_only.praise_text = true;
        assert_eq!(due(&rules(), &praise_only, day(100)), Due::default());
    }

    #[test]
    fn zero_keeps_forever_rule_by_rule() {
        let forever = Rules {
            contact_after_closed_days: 0,
            contact_days: 0,
            not_confirmed_text_days: 0,
            text_days: 0,
        };
        let mut h = held();
        h.closed = Some((Closed::NotConfirmed, T0));
        assert_eq!(due(&forever, &h, day(100_000)), Due::default());
        // Only the receipt rule off: the closed rule still erases the contact.
        let only_closed = Rules {
            contact_days: 0,
            ..rules()
        };
        assert!(due(&only_closed, &h, day(30)).contact);
        let open = held();
        assert!(!due(&only_closed, &open, day(364)).contact);
    }

    #[test]
    fn times_far_out_do_not_overflow() {
        let mut h = held();
        h.received_ms = i64::MAX - 5;
        assert!(!due(&rules(), &h, i64::MAX).any());
    }

    #[test]
    fn rows_received_before_the_shorter_receipt_limit_are_candidates() {
        assert_eq!(received_before(&rules(), day(100)), Some(day(10)));
        let texts_only = Rules {
            contact_days: 0,
            ..rules()
        };
        assert_eq!(received_before(&texts_only, day(400)), Some(day(35)));
        let none = Rules {
            contact_days: 0,
            text_days: 0,
            ..rules()
        };
        assert_eq!(received_before(&none, day(400)), None);
    }

    #[test]
    fn counts_add_up_by_kind() {
        let mut c = Counts::default();
        c.add(Due {
            contact: true,
            not_confirmed_text: true,
            texts: false,
        });
        c.add(Due {
            contact: true,
            not_confirmed_text: false,
            texts: true,
        });
        c.add(Due::default());
        assert_eq!(
            c,
            Counts {
                contacts: 2,
                not_confirmed_texts: 1,
                texts: 1
            }
        );
        assert_eq!(c.total(), 4);
    }
}
