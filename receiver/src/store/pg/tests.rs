//! The Postgres inbox, praise, team links and privacy give what the SQLite store gives:
//! each test does the same to both stores and compares every answer. Run when
//! `EVENHAND_TEST_PG` names a test cluster (`scripts/pg-cluster.sh start` prints its
//! URL); each test makes a fresh database there.

use evenhand_core::limits::INBOX_COUNT_CAP;
use evenhand_core::praise::period::Bounds;
use evenhand_core::retention::{Rules, DAY_MS};
use evenhand_core::time::rfc3339_millis;
use serde_json::{json, Value};

use crate::store::inbox::{Filter, Status, StatusSet};
use crate::store::privacy::EraseTarget;
use crate::store::{AddedManager, Database, Row, Scope, Store};

const T0: i64 = 1_780_000_000_000;

/// A SQLite store and a Postgres one, both empty; `None` (said on standard error) when
/// no test cluster is named.
struct Pair {
    sqlite: Store,
    pg: Store,
    /// The Postgres database's URL, for raw SQL.
    url: String,
    _dir: tempfile::TempDir,
}

fn pair() -> Option<Pair> {
    let Some(admin) = std::env::var("EVENHAND_TEST_PG")
        .ok()
        .filter(|u| !u.trim().is_empty())
    else {
        eprintln!("EVENHAND_TEST_PG is not set: the Postgres comparison is not run");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Store::open(&dir.path().join("t.sqlite")).unwrap();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let name = format!("evenhand_unit_{}_{nanos}", std::process::id());
    postgres::Client::connect(&admin, postgres::NoTls)
        .unwrap()
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let (base, query) = admin.split_once('?').unwrap_or((&admin, ""));
    let (server, _) = base.rsplit_once('/').unwrap();
    let url = if query.is_empty() {
        format!("{server}/{name}")
    } else {
        format!("{server}/{name}?{query}")
    };
    let pg = Store::open_at(&url.parse::<Database>().unwrap()).unwrap();
    Some(Pair {
        sqlite,
        pg,
        url,
        _dir: dir,
    })
}

impl Pair {
    fn both(&self) -> [&Store; 2] {
        [&self.sqlite, &self.pg]
    }

    fn add(&self, id: &str, received_ms: i64, venue: &str, place: Option<&str>, payload: &Value) {
        let received_at = rfc3339_millis(received_ms);
        let text = payload.to_string();
        for store in self.both() {
            store
                .insert(&Row {
                    id,
                    received_at: &received_at,
                    venue,
                    place,
                    language: "fr",
                    payload: &text,
                })
                .unwrap();
        }
    }

    /// Runs `f` on both stores and asserts the same answer; that answer.
    fn same<T: PartialEq + std::fmt::Debug>(&self, what: &str, f: impl Fn(&Store) -> T) -> T {
        let on_sqlite = f(&self.sqlite);
        let on_pg = f(&self.pg);
        assert_eq!(
            on_pg, on_sqlite,
            "{what}: Postgres (left) and SQLite (right)"
        );
        on_pg
    }

    fn sql(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).unwrap()
    }
}

fn payload(praise: Option<(&str, &[&str])>, complaint: Option<&str>, email: Option<&str>) -> Value {
    json!({
        "schema": "evenhand.feedback/1",
        "praise": praise.map(|(t, names)| json!({ "text": t, "declined": false, "staff_named": names })),
        "complaint": complaint.map(|t| json!({ "text": t })),
        "ratings": { "service": 4, "waiting": 2 },
        "contact": email.map(|e| json!({ "email": e, "consent": true })),
        "guidance": { "names_mentioned": if complaint.is_some_and(|c| c.contains("Tom")) { json!(["Tom"]) } else { json!([]) },
                      "heated": complaint.is_some_and(|c| c.contains('!')) },
    })
}

/// Ids and total of a list, as the inbox shows them.
fn listed(store: &Store, filter: &Filter, page: u32, per_page: u32) -> (Vec<String>, u64) {
    let l = store
        .inbox_list(&Scope::Every, filter, page, per_page, INBOX_COUNT_CAP)
        .unwrap();
    (l.items.into_iter().map(|i| i.id).collect(), l.total)
}

fn search(words: &str) -> Filter {
    Filter {
        search: Some(words.into()),
        ..Filter::default()
    }
}

/// Texts with accents, cases and words that look like search syntax, over two venues
/// and places, three days and two at the same millisecond.
fn seeded() -> Option<Pair> {
    let p = pair()?;
    let rows: [(&str, i64, &str, Option<&str>, Value); 8] = [
        (
            "a",
            0,
            "bistro-2",
            Some("terrace"),
            payload(
                Some(("Café délicieux, merci Amélie", &["Amélie"])),
                None,
                None,
            ),
        ),
        (
            "b",
            1,
            "bistro-1",
            Some("bar"),
            payload(None, Some("Le CAFÉ était froid"), Some("g@example.org")),
        ),
        (
            "c",
            1,
            "bistro-1",
            None,
            payload(Some(("Merci", &[])), Some("Tom a renversé le café !"), None),
        ),
        (
            "d",
            DAY_MS,
            "Bistro-0",
            Some("Terrace"),
            payload(Some(("NEAR(a b) OR -x* \"quoted\"", &[])), None, None),
        ),
        (
            "e",
            DAY_MS + 5,
            "bistro-1",
            Some("bar"),
            payload(
                Some(("cafetière neuve", &["Amy", "Léa"])),
                Some("pain rassis"),
                None,
            ),
        ),
        (
            "f",
            2 * DAY_MS,
            "bistro-2",
            None,
            payload(None, Some("naïve Ångström łódź straße ǖ İstanbul"), None),
        ),
        (
            "g",
            2 * DAY_MS,
            "bistro-2",
            Some("terrace"),
            payload(Some(("Ὀδυσσεύς ÉCOLE l'eau 3.5", &[])), None, None),
        ),
        (
            "h",
            2 * DAY_MS + 1,
            "bistro-1",
            Some("bar"),
            json!("not an object"),
        ),
    ];
    for (id, at, venue, place, body) in &rows {
        p.add(id, T0 + at, venue, *place, body);
    }
    Some(p)
}

#[test]
fn the_list_filters_pages_and_counts_alike() {
    let Some(p) = seeded() else { return };
    let day = |n: i64| rfc3339_millis(T0 + n * DAY_MS)[..10].to_string();
    let filters = [
        Filter::default(),
        Filter {
            venue: Some("bistro-1".into()),
            ..Filter::default()
        },
        Filter {
            place: Some("terrace".into()),
            ..Filter::default()
        },
        Filter {
            from_day: Some(day(1)),
            ..Filter::default()
        },
        Filter {
            to_day: Some(day(1)),
            ..Filter::default()
        },
        Filter {
            status: Some(Status::Unverified),
            ..Filter::default()
        },
        Filter {
            names_staff: true,
            ..Filter::default()
        },
        Filter {
            heated: true,
            ..Filter::default()
        },
        Filter {
            venue: Some("bistro-1".into()),
            search: Some("cafe".into()),
            ..Filter::default()
        },
    ];
    for f in &filters {
        for (page, per_page) in [(1, 50), (1, 3), (2, 3), (3, 3), (9, 3)] {
            p.same(&format!("{f:?} page {page}/{per_page}"), |s| {
                listed(s, f, page, per_page)
            });
        }
    }
    let all = p.same("everything", |s| listed(s, &Filter::default(), 1, 50));
    // Newest first; the same millisecond: the later arrival first.
    assert_eq!(
        all,
        (
            ["h", "g", "f", "e", "d", "c", "b", "a"]
                .map(String::from)
                .to_vec(),
            8
        )
    );
    p.same("an item", |s| s.inbox_item(&Scope::Every, "e").unwrap());
    p.same("an unknown item", |s| {
        s.inbox_item(&Scope::Every, "zz").unwrap()
    });
    let places = p.same("the filter menus", |s| {
        s.inbox_places(&Scope::Every).unwrap()
    });
    // Byte order, as SQLite sorts, whatever the database's locale.
    assert_eq!(places.0, ["Bistro-0", "bistro-1", "bistro-2"]);
    assert_eq!(places.1, ["Terrace", "bar", "terrace"]);
}

/// A page's ids with the count a manager sees, counted up to `cap`: (ids, total,
/// whether more than the total match, whether an older page follows).
fn counted(
    store: &Store,
    filter: &Filter,
    page: u32,
    per_page: u32,
    cap: u64,
) -> (Vec<String>, u64, bool, bool) {
    let l = store
        .inbox_list(&Scope::Every, filter, page, per_page, cap)
        .unwrap();
    let ids = l.items.into_iter().map(|i| i.id).collect();
    (ids, l.total, l.total_capped, l.more)
}

#[test]
fn a_low_count_cap_stops_the_count_alike_on_every_page() {
    let Some(p) = seeded() else { return };
    let place = |w: &str| Filter {
        place: Some(w.into()),
        ..Filter::default()
    };
    let venue = |w: &str| Filter {
        venue: Some(w.into()),
        ..Filter::default()
    };
    // Eight match, three, two (the cap), one and none.
    let cases = [
        (Filter::default(), 2, true),
        (venue("bistro-2"), 2, true),
        (place("terrace"), 2, false),
        (venue("Bistro-0"), 1, false),
        (search("absent"), 0, false),
    ];
    for (f, total, capped) in &cases {
        let mut seen = Vec::new();
        for page in 1..=9 {
            let got = p.same(&format!("{f:?} page {page}/1, cap 2"), |s| {
                counted(s, f, page, 1, 2)
            });
            // Every page says the same count, whichever page is open.
            assert_eq!((got.1, got.2), (*total, *capped), "{f:?} page {page}");
            seen.extend(got.0);
            if !got.3 {
                break;
            }
        }
        // Paging on reaches every match, past the cap: the list is not cut to it.
        let every = p.same(&format!("{f:?} in one page"), |s| listed(s, f, 1, 50).0);
        assert_eq!(seen, every, "{f:?}");
    }
    // Three pages of three: "more" until the last page, the count capped on each.
    let pages: Vec<_> = (1..=4)
        .map(|page| {
            p.same(&format!("page {page}/3, cap 2"), |s| {
                let (ids, total, capped, more) = counted(s, &Filter::default(), page, 3, 2);
                (ids.len(), total, capped, more)
            })
        })
        .collect();
    assert_eq!(
        pages,
        [
            (3, 2, true, true),
            (3, 2, true, true),
            (2, 2, true, false),
            (0, 2, true, false)
        ]
    );
}

#[test]
fn search_folds_accents_and_case_requires_every_word_and_reads_no_syntax() {
    let Some(p) = seeded() else { return };
    let expect = |typed: &str, ids: &[&str]| {
        let got = p.same(typed, |s| listed(s, &search(typed), 1, 50));
        assert_eq!(got.0, ids, "{typed}");
        assert_eq!(got.1, ids.len() as u64, "{typed}");
    };
    // The last word also as the start of a longer one (« cafetière »); the others whole.
    expect("cafe", &["e", "c", "b", "a"]);
    expect("CAFÉ", &["e", "c", "b", "a"]);
    expect("caf", &["e", "c", "b", "a"]);
    expect("cafe merci", &["c", "a"]);
    expect("caf froid", &[]);
    expect("froid caf", &["b"]);
    expect("merci cafe", &["c", "a"]);
    expect("amelie", &["a"]);
    expect("rassis", &["e"]);
    // Query syntax typed is words.
    expect("NEAR(a b)", &["d"]);
    expect("\"quoted\" OR", &["d"]);
    expect("-x*", &["d"]);
    // Marks on Latin letters only, as FTS5 folds them; other scripts' cases alike.
    expect("ὈΔΥΣΣΕΎΣ", &["g"]);
    expect("οδυσσευς", &[]);
    expect("naive angstrom łodz istanbul u", &["f"]);
    expect("lodz", &[]);
    expect("strasse", &[]);
    expect("STRASSE straß", &[]);
    expect("straße", &["f"]);
    expect("ecole eau", &["g"]);
    expect("3 5", &["g"]);
    expect("not an object", &[]);
    expect("  ,;!  ", &["h", "g", "f", "e", "d", "c", "b", "a"]);
    expect("", &["h", "g", "f", "e", "d", "c", "b", "a"]);
}

#[test]
fn statuses_and_names_shown_go_to_the_history_alike() {
    let Some(p) = seeded() else { return };
    for s in p.both() {
        assert!(matches!(
            s.set_status(
                &Scope::Every,
                "b",
                Status::Verified,
                Some("seen"),
                "ana@example.org",
                10
            )
            .unwrap(),
            StatusSet::Done(_)
        ));
        assert!(matches!(
            s.set_status(
                &Scope::Every,
                "b",
                Status::Resolved,
                None,
                "bo@example.org",
                20
            )
            .unwrap(),
            StatusSet::Done(_)
        ));
        assert!(matches!(
            s.set_status(
                &Scope::Every,
                "a",
                Status::Verified,
                None,
                "ana@example.org",
                30
            )
            .unwrap(),
            StatusSet::NoComplaint
        ));
        assert!(matches!(
            s.set_status(
                &Scope::Every,
                "zz",
                Status::Verified,
                None,
                "ana@example.org",
                30
            )
            .unwrap(),
            StatusSet::Unknown
        ));
        assert!(s
            .show_names(&Scope::Every, "c", "ana@example.org", 40)
            .unwrap()
            .is_some());
        assert!(s
            .show_names(&Scope::Every, "zz", "ana@example.org", 40)
            .unwrap()
            .is_none());
    }
    let b = p.same("a resolved item", |s| {
        s.inbox_item(&Scope::Every, "b").unwrap().unwrap()
    });
    assert_eq!(b.status, Some(Status::Resolved));
    assert_eq!(b.history.len(), 2);
    assert_eq!(b.history[0].note.as_deref(), Some("seen"));
    p.same("names shown", |s| s.inbox_item(&Scope::Every, "c").unwrap());
    let resolved = Filter {
        status: Some(Status::Resolved),
        ..Filter::default()
    };
    p.same("the resolved, with histories", |s| {
        s.inbox_list(&Scope::Every, &resolved, 1, 50, INBOX_COUNT_CAP)
            .unwrap()
            .items
    });
    // The history is append-only, in SQL too.
    let mut sql = p.sql();
    for change in [
        "UPDATE submission_history SET note = 'x'",
        "DELETE FROM submission_history",
    ] {
        let refused = sql.batch_execute(change).unwrap_err();
        let message = refused.as_db_error().map(|e| e.message().to_string());
        assert_eq!(
            message.as_deref(),
            Some("the history is append-only"),
            "{change}"
        );
    }
    assert!(sql.batch_execute("TRUNCATE submission_history").is_err());
}

#[test]
fn praise_and_the_overview_read_alike() {
    let Some(p) = seeded() else { return };
    let mut declined = payload(Some(("Ignored Amy", &["Amy"])), None, None);
    declined["praise"]["declined"] = json!(true);
    p.add("declined", T0 + 3, "bistro-1", None, &declined);
    for (from, until) in [
        (None, None),
        (Some(rfc3339_millis(T0 + DAY_MS)), None),
        (None, Some(rfc3339_millis(T0 + DAY_MS))),
    ] {
        let b = Bounds { from, until };
        let praise = p.same(&format!("praise {b:?}"), |s| {
            s.praise(&Scope::Every, &b).unwrap()
        });
        if b.from.is_none() && b.until.is_none() {
            let names: Vec<_> = praise.iter().map(|r| (r.name.clone(), r.count)).collect();
            assert!(names.contains(&(Some("Amélie".into()), 1)), "{names:?}");
            assert!(!praise.iter().any(|r| r.item.text.contains("Ignored")));
        }
        p.same(&format!("overview {b:?}"), |s| {
            let (days, mut ratings) = s.overview(&Scope::Every, &b).unwrap();
            ratings.sort();
            // The same sets of ratings, however each database writes the JSON.
            let ratings: Vec<(Value, u64)> = ratings
                .into_iter()
                .map(|(t, n)| (serde_json::from_str(&t).unwrap(), n))
                .collect();
            (days, ratings)
        });
    }
}

#[test]
fn team_links_open_until_revoked_alike() {
    let Some(p) = pair() else { return };
    p.same("a first link", |s| {
        s.add_team_link("h1", "ana@example.org", &Scope::Every, 1)
            .unwrap()
    });
    p.same("a second", |s| {
        s.add_team_link("h2", "bo@example.org", &Scope::Every, 2)
            .unwrap()
    });
    p.same("the same hash again", |s| {
        s.add_team_link("h2", "bo@example.org", &Scope::Every, 3)
            .is_err()
    });
    p.same("the list", |s| s.team_links(&Scope::Every).unwrap());
    p.same("open", |s| {
        (
            s.team_link_open("h1").unwrap().is_some(),
            s.team_link_open("hx").unwrap().is_some(),
        )
    });
    p.same("revoked", |s| {
        s.revoke_team_link(&Scope::Every, 1, 5).unwrap()
    });
    p.same("revoked twice", |s| {
        s.revoke_team_link(&Scope::Every, 1, 6).unwrap()
    });
    p.same("after", |s| {
        (
            s.team_link_open("h1").unwrap().is_some(),
            s.team_links(&Scope::Every).unwrap(),
        )
    });
}

#[test]
fn retention_and_erasure_erase_and_log_alike() {
    let Some(p) = seeded() else { return };
    let day = |n: i64| T0 + n * DAY_MS;
    for s in p.both() {
        s.set_status(
            &Scope::Every,
            "b",
            Status::NotConfirmed,
            None,
            "ana@example.org",
            day(3),
        )
        .unwrap();
    }
    let rules = Rules::default();
    p.same("a dry run", |s| s.purge_dry_run(&rules, day(40)).unwrap());
    p.same("the dry run erased nothing", |s| {
        s.inbox_item(&Scope::Every, "b").unwrap()
    });
    p.same("a purge", |s| s.purge(&rules, day(40), "test").unwrap());
    p.same("again", |s| s.purge(&rules, day(40), "test").unwrap());
    let b = p.same("not confirmed, erased", |s| {
        s.inbox_item(&Scope::Every, "b").unwrap().unwrap()
    });
    assert!(!b.payload.contains("froid") && !b.payload.contains("g@example.org"));
    p.same("its words gone", |s| listed(s, &search("froid"), 1, 50));
    p.same("a year on", |s| s.purge(&rules, day(400), "test").unwrap());
    p.same("every word gone", |s| listed(s, &search("cafe"), 1, 50));
    p.same("the overview whole", |s| {
        s.overview(
            &Scope::Every,
            &Bounds {
                from: None,
                until: None,
            },
        )
        .unwrap()
        .0
    });
    p.add(
        "x",
        day(500),
        "bistro-1",
        None,
        &payload(None, Some("Tom"), Some(" G@Example.org")),
    );
    p.add(
        "y",
        day(500),
        "bistro-1",
        None,
        &payload(None, Some("Tom"), Some("other@example.org")),
    );
    for s in p.both() {
        s.set_status(
            &Scope::Every,
            "x",
            Status::Verified,
            None,
            "ana@example.org",
            day(501),
        )
        .unwrap();
    }
    p.same("by email", |s| {
        s.erase(
            &Scope::Every,
            &EraseTarget::Email("g@example.ORG".into()),
            day(502),
            "erase --email",
        )
        .unwrap()
    });
    p.same("by id", |s| {
        s.erase(
            &Scope::Every,
            &EraseTarget::Id(" Y ".into()),
            day(502),
            "erase --id",
        )
        .unwrap()
    });
    p.same("by unknown id", |s| {
        s.erase(
            &Scope::Every,
            &EraseTarget::Id("y".into()),
            day(503),
            "erase --id",
        )
        .unwrap()
    });
    p.same("what is left", |s| listed(s, &Filter::default(), 1, 50));
    let log = p.same("the log", |s| s.erasure_log().unwrap());
    assert_eq!(log.len(), 6, "{log:?}");
    let mut sql = p.sql();
    let history: i64 = sql
        .query_one(
            "SELECT COUNT(*) FROM submission_history WHERE submission_id = 'x'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(history, 0);
    assert!(sql.batch_execute("DELETE FROM erasure_log").is_err());
    assert!(sql
        .batch_execute("UPDATE erasure_log SET count = 0")
        .is_err());
}

#[test]
fn venues_limit_accounts_and_team_links_alike() {
    let Some(p) = seeded() else { return };
    let one = Scope::venues(["bistro-1"]);
    let none = Scope::venues(Vec::<String>::new());
    let (lyon, all) = p.same("accounts added", |s| {
        (
            s.add_manager("lyon@example.org", "h", &one, 1).unwrap(),
            s.add_manager("all@example.org", "h", &Scope::Every, 1)
                .unwrap(),
        )
    });
    assert_eq!((lyon, all), (AddedManager::Added, AddedManager::Added));
    p.same("an account's venues", |s| {
        let id = |e| s.manager_credentials(e).unwrap().unwrap().0;
        (
            s.manager_scope(id("lyon@example.org")).unwrap(),
            s.manager_scope(id("all@example.org")).unwrap(),
        )
    });
    assert_eq!(
        p.pg.manager_scope(
            p.pg.manager_credentials("lyon@example.org")
                .unwrap()
                .unwrap()
                .0
        )
        .unwrap(),
        one
    );
    for scope in [&one, &none] {
        p.same(&format!("{scope:?}: the list"), |s| {
            s.inbox_list(scope, &Filter::default(), 1, 50, INBOX_COUNT_CAP)
                .map(|l| {
                    (
                        l.items.into_iter().map(|i| i.id).collect::<Vec<_>>(),
                        l.total,
                    )
                })
                .unwrap()
        });
        p.same(&format!("{scope:?}: another venue's item"), |s| {
            s.inbox_item(scope, "a").unwrap()
        });
        p.same(&format!("{scope:?}: the menus"), |s| {
            s.inbox_places(scope).unwrap()
        });
        p.same(&format!("{scope:?}: praise"), |s| {
            s.praise(scope, &Bounds::default()).unwrap()
        });
    }
    // A link keeps its maker's venues; a limited manager sees and revokes only links
    // within its own.
    p.same("links made", |s| {
        (
            s.add_team_link("h1", "lyon@example.org", &one, 2).unwrap(),
            s.add_team_link("h2", "all@example.org", &Scope::Every, 3)
                .unwrap(),
        )
    });
    p.same("opened", |s| {
        (
            s.team_link_open("h1").unwrap(),
            s.team_link_open("h2").unwrap(),
        )
    });
    assert_eq!(p.pg.team_link_open("h1").unwrap(), Some(one.clone()));
    let ids =
        |links: Vec<crate::store::TeamLink>| links.into_iter().map(|l| l.id).collect::<Vec<_>>();
    assert_eq!(
        p.same("listed within", |s| ids(s.team_links(&one).unwrap())),
        vec![1]
    );
    p.same("listed by every venue", |s| {
        ids(s.team_links(&Scope::Every).unwrap())
    });
    assert!(!p.same("another's link not revoked", |s| {
        s.revoke_team_link(&one, 2, 4).unwrap()
    }));
    assert!(p.same("its own revoked", |s| s
        .revoke_team_link(&one, 1, 4)
        .unwrap()));
    // A removed account's venues go with it.
    p.same("removed and added again", |s| {
        s.remove_manager("lyon@example.org").unwrap();
        s.add_manager("lyon@example.org", "h", &Scope::Every, 5)
            .unwrap();
        s.manager_scope(
            s.manager_credentials("lyon@example.org")
                .unwrap()
                .unwrap()
                .0,
        )
        .unwrap()
    });
    let left: i64 = p
        .sql()
        .query_one("SELECT COUNT(*) FROM manager_venues", &[])
        .unwrap()
        .get(0);
    assert_eq!(left, 0);
}

#[test]
fn an_interrupted_purge_leaves_the_database_as_it_was() {
    let Some(p) = seeded() else { return };
    let mut sql = p.sql();
    sql.batch_execute(
        "CREATE FUNCTION interrupt() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'interrupted'; END $$;
         CREATE TRIGGER interrupt BEFORE UPDATE OF payload ON submissions
         FOR EACH ROW WHEN (OLD.id = 'e') EXECUTE FUNCTION interrupt();",
    )
    .unwrap();
    let before = listed(&p.pg, &search("cafe"), 1, 50);
    let items: Vec<_> = ["a", "b", "e"]
        .iter()
        .map(|id| p.pg.inbox_item(&Scope::Every, id).unwrap())
        .collect();
    let err =
        p.pg.purge(&Rules::default(), T0 + 400 * DAY_MS, "test")
            .unwrap_err();
    assert!(
        err.to_string().contains("interrupted") || format!("{err:?}").contains("interrupted"),
        "{err:?}"
    );
    assert_eq!(listed(&p.pg, &search("cafe"), 1, 50), before);
    let after: Vec<_> = ["a", "b", "e"]
        .iter()
        .map(|id| p.pg.inbox_item(&Scope::Every, id).unwrap())
        .collect();
    assert_eq!(after, items);
    assert!(p.pg.erasure_log().unwrap().is_empty());
}

#[test]
fn two_receivers_on_one_database_share_statuses_links_and_one_purge() {
    let Some(p) = seeded() else { return };
    let other = Store::open_at(&p.url.parse::<Database>().unwrap()).unwrap();
    // Statuses set through both at once: each change starts from the status the other
    // left, so the history is one unbroken chain.
    std::thread::scope(|s| {
        for (store, by) in [(&p.pg, "ana@example.org"), (&other, "bo@example.org")] {
            s.spawn(move || {
                for i in 0..20 {
                    let to = Status::ALL[i % Status::ALL.len()];
                    store
                        .set_status(&Scope::Every, "b", to, None, by, i as i64)
                        .unwrap();
                }
            });
        }
    });
    let b = other.inbox_item(&Scope::Every, "b").unwrap().unwrap();
    assert_eq!(b.history.len(), 40);
    assert_eq!(b.history[0].from, Some(Status::Unverified));
    for pair in b.history.windows(2) {
        assert_eq!(pair[1].from, pair[0].to, "{pair:?}");
    }
    assert_eq!(b.status, b.history[39].to);
    // A link made through one opens through the other, until revoked there.
    let id =
        p.pg.add_team_link("h", "ana@example.org", &Scope::Every, 1)
            .unwrap();
    assert!(other.team_link_open("h").unwrap().is_some());
    assert!(other.revoke_team_link(&Scope::Every, id, 2).unwrap());
    assert!(p.pg.team_link_open("h").unwrap().is_none());
    assert!(!p.pg.revoke_team_link(&Scope::Every, id, 3).unwrap());
    // Both apply the rules at once: erased and logged once.
    let at = T0 + 400 * DAY_MS;
    let due = p.pg.purge_dry_run(&Rules::default(), at).unwrap();
    assert!(due.contacts > 0 && due.texts > 0, "{due:?}");
    let done = std::thread::scope(|s| {
        let runs: Vec<_> = [&p.pg, &other]
            .map(|store| s.spawn(move || store.purge(&Rules::default(), at, "serve").unwrap()))
            .into_iter()
            .collect();
        runs.into_iter()
            .map(|r| r.join().unwrap())
            .collect::<Vec<_>>()
    });
    let mut total = done[0];
    total.contacts += done[1].contacts;
    total.not_confirmed_texts += done[1].not_confirmed_texts;
    total.texts += done[1].texts;
    assert_eq!(total, due, "{done:?}");
    let log = other.erasure_log().unwrap();
    let logged: u64 = log.iter().map(|l| l.count).sum();
    assert_eq!(
        logged,
        due.contacts + due.not_confirmed_texts + due.texts,
        "{log:?}"
    );
}

#[test]
fn a_reader_limited_to_venues_reads_and_changes_those_only() {
    use crate::store::pg::{inbox, praise};
    use crate::store::Conn;
    let Some(p) = seeded() else { return };
    let Conn::Postgres(pool) = p.pg.backend() else {
        panic!("a Postgres store")
    };
    let one = ["bistro-1".to_string()];
    let lyon: Option<&[String]> = Some(&one);
    let none: Option<&[String]> = Some(&[]);
    let ids = |venues, filter: &Filter| -> Vec<String> {
        let l = inbox::list(pool, venues, filter, 1, 50, INBOX_COUNT_CAP).unwrap();
        assert_eq!(l.total as usize, l.items.len());
        l.items.into_iter().map(|i| i.id).collect()
    };
    assert_eq!(ids(lyon, &Filter::default()), ["h", "e", "c", "b"]);
    assert_eq!(ids(lyon, &search("cafe")), ["e", "c", "b"]);
    // Another venue named in the filter: nothing, not that venue.
    let other = Filter {
        venue: Some("bistro-2".into()),
        ..Filter::default()
    };
    assert!(ids(lyon, &other).is_empty());
    assert!(ids(none, &Filter::default()).is_empty());
    assert_eq!(ids(None, &Filter::default()).len(), 8);
    // An item of another venue is unknown, and stays unchanged.
    assert!(inbox::item(pool, lyon, "a").unwrap().is_none());
    assert!(inbox::item(pool, lyon, "b").unwrap().is_some());
    assert!(inbox::show_names(pool, lyon, "g", "bo@example.org", 1)
        .unwrap()
        .is_none());
    let set = inbox::set_status(pool, lyon, "g", Status::Verified, None, "bo@example.org", 1);
    assert!(matches!(set.unwrap(), StatusSet::Unknown));
    assert!(inbox::item(pool, None, "g")
        .unwrap()
        .unwrap()
        .history
        .is_empty());
    assert_eq!(
        inbox::places(pool, lyon).unwrap(),
        (vec!["bistro-1".to_string()], vec!["bar".to_string()])
    );
    assert_eq!(inbox::places(pool, none).unwrap(), (vec![], vec![]));
    let all = Bounds {
        from: None,
        until: None,
    };
    let texts: Vec<String> = praise::praise(pool, lyon, &all)
        .unwrap()
        .into_iter()
        .map(|r| r.item.id)
        .collect();
    assert!(
        texts.iter().all(|id| ["c", "e"].contains(&id.as_str())),
        "{texts:?}"
    );
    assert!(texts.contains(&"e".to_string()), "{texts:?}");
    let (days, _) = praise::overview(pool, lyon, &all).unwrap();
    let submissions: u64 = days.iter().map(|(_, c)| c.submissions).sum();
    // b, c, e and h (JSON, though not an object: counted as SQLite counts it).
    assert_eq!(submissions, 4);
    assert!(praise::praise(pool, none, &all).unwrap().is_empty());
    // An erasure within venues leaves the others' submissions.
    use crate::store::pg::privacy;
    let by_id = |id: &str| EraseTarget::Id(id.into());
    assert_eq!(
        privacy::erase(pool, lyon, &by_id("a"), 1, "inbox").unwrap(),
        0
    );
    assert!(inbox::item(pool, None, "a").unwrap().is_some());
    assert_eq!(
        privacy::erase(pool, lyon, &by_id("c"), 1, "inbox").unwrap(),
        1
    );
    let email = EraseTarget::Email("g@example.org".into());
    assert_eq!(privacy::erase(pool, none, &email, 1, "inbox").unwrap(), 0);
    assert_eq!(privacy::erase(pool, lyon, &email, 1, "inbox").unwrap(), 1);
    assert!(inbox::item(pool, None, "b").unwrap().is_none());
}

#[test]
fn a_database_that_is_not_utf8_is_refused_saying_why() {
    let Some(p) = pair() else { return };
    let (server, _) = p.url.rsplit_once('/').unwrap();
    let name = format!("{}_ascii", p.url.rsplit_once('/').unwrap().1);
    p.sql()
        .batch_execute(&format!(
            "CREATE DATABASE {name} ENCODING 'SQL_ASCII' TEMPLATE template0"
        ))
        .unwrap();
    let db = format!("{server}/{name}").parse::<Database>().unwrap();
    let err = Store::open_at(&db).err().expect("refused").to_string();
    assert!(err.contains("needs a UTF8 database"), "{err}");
}
