//! `purge`, `staff-report` and `erase` (SPEC §13), and the retention options `serve`
//! shares with `purge`.

use clap::{ArgGroup, Args, ValueEnum};
use evenhand_core::lang::Lang;
use evenhand_core::retention::Rules;
use evenhand_core::time::{parse_rfc3339_ms, rfc3339_millis};

use super::DEFAULT_DB;
use crate::retention::{counts_lines, describe};
use crate::staff_report;
use crate::store::privacy::EraseTarget;
use crate::store::{now_ms, Database, Scope, Store};

/// How long guests' contacts and words are kept, in days; 0 keeps forever.
#[derive(Debug, Clone, Copy, Args)]
pub struct RetentionArgs {
    /// Days after its complaint is Resolved or Not confirmed that a guest's email is
    /// erased (0: kept).
    #[arg(long, value_name = "DAYS", default_value_t = Rules::default().contact_after_closed_days)]
    contact_days_after_closed: u32,
    /// Days after receipt that a guest's email is erased in any case (0: kept).
    #[arg(long, value_name = "DAYS", default_value_t = Rules::default().contact_days)]
    contact_days: u32,
    /// Days after a complaint is set to Not confirmed that its text is erased (0: kept).
    #[arg(long, value_name = "DAYS", default_value_t = Rules::default().not_confirmed_text_days)]
    not_confirmed_text_days: u32,
    /// Days after receipt that every guest text is erased (0: kept).
    #[arg(long, value_name = "DAYS", default_value_t = Rules::default().text_days)]
    text_days: u32,
}

impl RetentionArgs {
    pub fn rules(&self) -> Rules {
        Rules {
            contact_after_closed_days: self.contact_days_after_closed,
            contact_days: self.contact_days,
            not_confirmed_text_days: self.not_confirmed_text_days,
            text_days: self.text_days,
        }
    }
}

#[derive(Debug, Args)]
pub struct Purge {
    /// The SQLite database, or a postgres:// URL.
    #[arg(long, env = "EVENHAND_DB", default_value = DEFAULT_DB, value_name = "PATH|URL")]
    db: Database,
    /// Applies the rules as on this date instead of now, such as 2027-01-31T00:00:00Z.
    #[arg(long, value_name = "RFC3339", value_parser = parse_as_of)]
    as_of: Option<i64>,
    /// Counts what would be erased, and erases nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    retention: RetentionArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportLang {
    En,
    Fr,
}

#[derive(Debug, Args)]
pub struct StaffReport {
    /// The SQLite database, or a postgres:// URL.
    #[arg(long, env = "EVENHAND_DB", default_value = DEFAULT_DB, value_name = "PATH|URL")]
    db: Database,
    /// The person's name, as guests would write it (`Jean-Marc` also finds `jean marc`).
    #[arg(long, value_name = "NAME")]
    name: String,
    /// JSON, or a page to hand to the person.
    #[arg(long, value_enum, default_value = "json")]
    format: ReportFormat,
    /// The page's language (`--format html`).
    #[arg(long, value_enum, default_value = "en")]
    lang: ReportLang,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("target").required(true).args(["id", "email"])))]
pub struct Erase {
    /// The SQLite database, or a postgres:// URL.
    #[arg(long, env = "EVENHAND_DB", default_value = DEFAULT_DB, value_name = "PATH|URL")]
    db: Database,
    /// The submission's id.
    #[arg(long, value_name = "UUID")]
    id: Option<String>,
    /// Every submission a guest left this email with.
    #[arg(long, value_name = "ADDRESS")]
    email: Option<String>,
}

/// `--as-of`: RFC 3339, with its expected form in the refusal.
fn parse_as_of(s: &str) -> Result<i64, String> {
    parse_rfc3339_ms(s.trim())
        .map(|ms| ms as i64)
        .ok_or_else(|| {
            "expected an RFC 3339 date and time, such as 2027-01-31T00:00:00Z or 2027-01-31T09:00:00+01:00"
                .to_string()
        })
}

fn open(db: &Database) -> Result<Store, String> {
    super::open_store(db, false)
}

pub fn purge(args: &Purge) -> Result<(), String> {
    let store = open(&args.db)?;
    let rules = args.retention.rules();
    let at = args.as_of.unwrap_or_else(now_ms);
    let by = match args.as_of {
        Some(_) => format!("purge --as-of {}", rfc3339_millis(at)),
        None => "purge".to_string(),
    };
    let counts = if args.dry_run {
        store.purge_dry_run(&rules, at)
    } else {
        store.purge(&rules, at, &by)
    }
    .map_err(|e| format!("cannot apply the retention rules to {}: {e}", args.db))?;
    println!(
        "{} as of {} (limits: {}):",
        if args.dry_run {
            "Would erase"
        } else {
            "Erased"
        },
        rfc3339_millis(at),
        describe(&rules)
    );
    for line in counts_lines(&counts) {
        println!("  {line}");
    }
    Ok(())
}

pub fn staff_report(args: &StaffReport) -> Result<(), String> {
    if args.name.trim().is_empty() {
        return Err("--name is blank: give the person's name".into());
    }
    let store = open(&args.db)?;
    let report = staff_report::build(&store, args.name.trim(), now_ms())
        .map_err(|e| format!("cannot read the database {}: {e}", args.db))?;
    let text = match args.format {
        ReportFormat::Json => serde_json::to_string_pretty(&report)
            .map_err(|e| format!("cannot write the report: {e}"))?,
        ReportFormat::Html => staff_report::html(
            &report,
            match args.lang {
                ReportLang::En => Lang::En,
                ReportLang::Fr => Lang::Fr,
            },
        ),
    };
    println!("{text}");
    Ok(())
}

pub fn erase(args: &Erase) -> Result<(), String> {
    let (target, by) = match (&args.id, &args.email) {
        (Some(id), _) => (EraseTarget::Id(id.trim().to_string()), "erase --id"),
        (None, Some(email)) => (EraseTarget::Email(email.clone()), "erase --email"),
        // clap's group requires one of them.
        (None, None) => return Err("give --id UUID or --email ADDRESS".into()),
    };
    let store = open(&args.db)?;
    let n = store
        .erase(&Scope::Every, &target, now_ms(), by)
        .map_err(|e| format!("cannot erase from {}: {e}", args.db))?;
    match n {
        0 => println!("No submission matched; nothing was erased."),
        1 => println!("Erased 1 submission, with its history and search entry."),
        n => println!("Erased {n} submissions, with their history and search entries."),
    }
    Ok(())
}
