//! The command line: `serve`, `check-config PATH`, `export-csv`, the inbox's
//! `add-manager`, `list-managers`, `remove-manager`, and privacy's `purge`,
//! `staff-report`, `erase`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{Arg, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use evenhand_core::config::{self, Format};

use crate::export;
use crate::routes::rate_limit::AddressRate;

mod managers;
mod privacy;
use crate::server::{self, ConnectionLimits, ServeOptions};
use crate::state::{AppOptions, InboxCountCap};
use crate::store::{Database, Store};

const DEFAULT_ADDR: &str = "127.0.0.1:8080";
const DEFAULT_DB: &str = "data/feedback.sqlite";

/// Reference endpoint for evenhand submissions: stores them in SQLite and serves the app.
#[derive(Debug, Parser)]
#[command(name = "evenhand-receiver", version, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serves the app and accepts its submissions at /api/feedback.
    Serve(Serve),
    /// Validates a config.json; lists every fault, exit 1 on any.
    CheckConfig {
        /// The config.json to check.
        path: PathBuf,
    },
    /// Writes every stored submission as CSV to standard output.
    ExportCsv {
        /// The SQLite database, or a postgres:// URL.
        #[arg(long, env = "EVENHAND_DB", default_value = DEFAULT_DB, value_name = "PATH|URL")]
        db: Database,
    },
    /// Adds an inbox manager; the password (at least 12 characters) is read as one line
    /// from standard input, or asked for on a terminal.
    AddManager(AddManager),
    /// Lists the inbox managers' emails, each with the venues it sees.
    ListManagers {
        /// The SQLite database, or a postgres:// URL.
        #[arg(long, env = "EVENHAND_DB", default_value = DEFAULT_DB, value_name = "PATH|URL")]
        db: Database,
    },
    /// Removes an inbox manager and ends their sessions.
    RemoveManager {
        /// The SQLite database, or a postgres:// URL.
        #[arg(long, env = "EVENHAND_DB", default_value = DEFAULT_DB, value_name = "PATH|URL")]
        db: Database,
        /// The manager's email.
        email: String,
    },
    /// Applies the retention rules now (or as of --as-of) and prints what they erased.
    Purge(privacy::Purge),
    /// Writes every submission naming a person, with status and history, for their
    /// right of access; guests' contacts and other staff names redacted.
    StaffReport(privacy::StaffReport),
    /// Deletes a guest's submissions (by id or by their email) with their history.
    Erase(privacy::Erase),
}

#[derive(Debug, Args)]
pub struct AddManager {
    /// The SQLite database, created if missing; or a postgres:// URL (a chain's
    /// receivers share one Postgres).
    #[arg(long, env = "EVENHAND_DB", default_value = DEFAULT_DB, value_name = "PATH|URL")]
    db: Database,
    /// Makes up a random password and prints it once, instead of reading one.
    #[arg(long)]
    random_password: bool,
    /// Does nothing (exit 0) when the database has a manager already: for a demo set-up.
    #[arg(long)]
    unless_any: bool,
    /// Limits the account to this venue (a kiosk config's `venue.id`); repeatable. It
    /// then sees, searches and shares those venues' submissions only. Without it, the
    /// account sees every venue.
    #[arg(long = "venue", value_name = "ID")]
    venues: Vec<String>,
    /// The manager's email, their name to sign in.
    email: String,
}

#[derive(Debug, Args)]
#[command(args_override_self = true)]
pub struct Serve {
    /// Address to listen on (port 0: any free port, printed on start).
    #[arg(long, env = "EVENHAND_ADDR", default_value = DEFAULT_ADDR)]
    addr: String,
    /// The SQLite database, created if missing; or a postgres:// URL (a chain's
    /// receivers share one Postgres).
    #[arg(long, env = "EVENHAND_DB", default_value = DEFAULT_DB, value_name = "PATH|URL")]
    db: Database,
    /// Folder of the built app to serve.
    #[arg(long, default_value = "dist", value_name = "DIR")]
    app: PathBuf,
    /// Another origin allowed to POST submissions, such as https://kiosk.example.org
    /// (repeatable).
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origins: Vec<String>,
    /// The address managers open the inbox at, such as https://feedback.example.org:
    /// an https one makes the session cookie `Secure` and `__Host-`. Needed behind a
    /// proxy that ends TLS (X-Forwarded-Proto is not trusted).
    #[arg(long, env = "EVENHAND_PUBLIC_URL", value_name = "URL")]
    public_url: Option<String>,
    /// A file holding the export token, which enables GET /api/feedback.json and .csv
    /// with `Authorization: Bearer TOKEN`: at least 32 characters (`openssl rand -hex
    /// 32`), readable by this user only. Or set EVENHAND_EXPORT_TOKEN to the token. Never
    /// on the command line, which every local user can read.
    #[arg(long, env = "EVENHAND_EXPORT_TOKEN_FILE", value_name = "FILE")]
    export_token_file: Option<PathBuf>,
    /// The token itself, from EVENHAND_EXPORT_TOKEN: hidden from `--help`, value and
    /// all, and refused with a message saying why when given as `--export-token VALUE`
    /// ([`parse`]).
    #[arg(long, env = "EVENHAND_EXPORT_TOKEN", hide = true)]
    export_token: Option<String>,
    /// Seconds a client has to send a request's line and headers, whole; also how long
    /// a kept-alive connection waits for its next request at most.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = ConnectionLimits::default().header_timeout.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    header_timeout: u64,
    /// Seconds a connection may stay silent (no byte either way) before it is closed.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = ConnectionLimits::default().keep_alive_timeout.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    keep_alive_timeout: u64,
    /// Most connections open at once; the next ones wait until one closes.
    #[arg(
        long,
        value_name = "N",
        default_value_t = ConnectionLimits::default().max_connections as u64,
        value_parser = clap::value_parser!(u64).range(1..=65_535)
    )]
    max_connections: u64,
    /// Submissions a minute one client address may post to /api/feedback, sustained;
    /// over it the answer is 429 with Retry-After, which the kiosk honours. 0 turns the
    /// limit off (behind a proxy every client has its address: limit there instead).
    #[arg(
        long,
        value_name = "N",
        default_value_t = AddressRate::FEEDBACK_DEFAULT.per_minute,
        value_parser = clap::value_parser!(u32).range(0..=1_000_000)
    )]
    rate_limit_per_minute: u32,
    /// Submissions one address may post at once after a quiet spell (an outbox
    /// emptying after an outage).
    #[arg(
        long,
        value_name = "N",
        default_value_t = AddressRate::FEEDBACK_DEFAULT.burst,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000)
    )]
    rate_limit_burst: u32,
    /// Inbox sign-ins a minute one client address may try, whatever the emails (the
    /// lockout counts per email); over it the answer is the lockout's 429 with
    /// Retry-After, before any password is checked. 0 turns the limit off.
    #[arg(
        long,
        value_name = "N",
        default_value_t = AddressRate::SIGN_IN_DEFAULT.per_minute,
        value_parser = clap::value_parser!(u32).range(0..=1_000_000)
    )]
    sign_in_limit_per_minute: u32,
    /// Sign-ins one address may try at once after a quiet spell.
    #[arg(
        long,
        value_name = "N",
        default_value_t = AddressRate::SIGN_IN_DEFAULT.burst,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000)
    )]
    sign_in_limit_burst: u32,
    #[command(flatten)]
    retention: privacy::RetentionArgs,
}

impl Cli {
    pub fn run(self) -> ExitCode {
        match self.command {
            Command::Serve(args) => serve(args),
            Command::CheckConfig { path } => check_config(&path),
            Command::ExportCsv { db } => export_csv(&db),
            Command::AddManager(args) => report(managers::add(&args)),
            Command::ListManagers { db } => report(managers::list(&db)),
            Command::RemoveManager { db, email } => report(managers::remove(&db, &email)),
            Command::Purge(args) => report(privacy::purge(&args)),
            Command::StaffReport(args) => report(privacy::staff_report(&args)),
            Command::Erase(args) => report(privacy::erase(&args)),
        }
    }
}

/// Reads the command line; a usage error exits 2, `--help` and `--version` exit 0.
///
/// An empty environment variable counts as unset (clap would refuse it as a missing
/// value), so `EVENHAND_EXPORT_TOKEN=` leaves the exports off as it always did.
pub fn parse() -> Cli {
    let mut cmd = Cli::command();
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |sub| sub.mut_args(ignore_empty_env));
    }
    let matches = cmd.get_matches();
    let token_on_command_line = matches
        .subcommand_matches("serve")
        .and_then(|serve| serve.value_source("export_token"))
        == Some(ValueSource::CommandLine);
    if token_on_command_line {
        let mut cmd = Cli::command();
        // Built, so the usage line names `evenhand-receiver serve`.
        cmd.build();
        let message = "--export-token puts the token where every local user can read it \
                       (/proc/PID/cmdline, ps): set EVENHAND_EXPORT_TOKEN, or give \
                       --export-token-file FILE";
        match cmd.find_subcommand_mut("serve") {
            Some(serve) => serve.error(ErrorKind::ArgumentConflict, message).exit(),
            None => Cli::command()
                .error(ErrorKind::ArgumentConflict, message)
                .exit(),
        }
    }
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

fn ignore_empty_env(arg: Arg) -> Arg {
    let empty = arg
        .get_env()
        .and_then(std::env::var_os)
        .is_some_and(|v| v.is_empty());
    if empty {
        arg.env(None::<&str>)
    } else {
        arg
    }
}

fn serve(args: Serve) -> ExitCode {
    let export_token = match export_token(args.export_token, args.export_token_file.as_deref()) {
        Ok(token) => token,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let opts = ServeOptions {
        addr: args.addr,
        db: args.db,
        app: AppOptions {
            app: args.app,
            allow_origins: args.allow_origins,
            export_token,
            public_url: args.public_url,
            feedback_rate: AddressRate {
                per_minute: args.rate_limit_per_minute,
                burst: args.rate_limit_burst,
            },
            sign_in_rate: AddressRate {
                per_minute: args.sign_in_limit_per_minute,
                burst: args.sign_in_limit_burst,
            },
            inbox_count_cap: InboxCountCap::default(),
        },
        limits: ConnectionLimits {
            header_timeout: Duration::from_secs(args.header_timeout),
            keep_alive_timeout: Duration::from_secs(args.keep_alive_timeout),
            max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
        },
        retention: args.retention.rules(),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(server::serve(opts)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The export token from EVENHAND_EXPORT_TOKEN or the file (its first line); its rules
/// are checked with the rest of the options (`AppOptions::check`).
fn export_token(from_env: Option<String>, file: Option<&Path>) -> Result<Option<String>, String> {
    let Some(file) = file else {
        return Ok(from_env);
    };
    if from_env.is_some() {
        return Err(
            "the export token is given twice: set EVENHAND_EXPORT_TOKEN or --export-token-file, not both"
                .into(),
        );
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read the export token file {}: {e}", file.display()))?;
    let token = text.lines().next().unwrap_or("").trim();
    if token.is_empty() {
        return Err(format!("the export token file {} is empty", file.display()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(file) {
            if meta.permissions().mode() & 0o077 != 0 {
                eprintln!(
                    "warning: the export token file {} is readable by other users: chmod 600 it",
                    file.display()
                );
            }
        }
    }
    Ok(Some(token.to_string()))
}

fn check_config(path: &Path) -> ExitCode {
    let shown = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            println!("{shown}: cannot be read: {e}");
            return ExitCode::FAILURE;
        }
    };
    match config::parse(&text) {
        Ok(c) => {
            let langs: Vec<&str> = c.languages.iter().map(|l| l.code()).collect();
            println!(
                "{shown}: OK: venue {} ({}), endpoint {} ({}), languages {}, mode {}",
                c.venue.id,
                c.venue.name,
                c.endpoint.url,
                match c.endpoint.format {
                    Format::Json => "json",
                    Format::Form => "form",
                },
                langs.join(", "),
                c.mode.code(),
            );
            if c.staff_pin_sha256
                .as_deref()
                .is_some_and(evenhand_core::staff::is_sample_pin)
            {
                println!(
                    "{shown}: warning: staff.pin_sha256 is the sample config's PIN (1234), which anyone can look up; choose another: printf %s NEW-PIN | sha256sum"
                );
            }
            ExitCode::SUCCESS
        }
        Err(faults) => {
            let n = faults.len();
            println!("{shown}: {n} fault{} found:", if n == 1 { "" } else { "s" });
            for f in &faults {
                println!("  - {f}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Exit 0, or the message on standard error and exit 1.
fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the store `--db` names. A SQLite file that does not exist is created only
/// when `create` says so (`add-manager`); otherwise it is refused by name.
pub(crate) fn open_store(db: &Database, create: bool) -> Result<Store, String> {
    if let Some(path) = db.sqlite_path() {
        if !create && !path.is_file() {
            return Err(format!("no database at {db}"));
        }
    }
    Store::open_at(db).map_err(|e| format!("cannot open the database {db}: {e}"))
}

fn export_csv(db: &Database) -> ExitCode {
    match write_csv(db) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Streams the CSV to standard output a batch of rows at a time, as the HTTP export.
fn write_csv(db: &Database) -> Result<(), String> {
    let store = match db.sqlite_path() {
        Some(path) if !path.is_file() => return Err(format!("no database at {db}")),
        Some(path) => Store::open_read_only(path)
            .map_err(|e| format!("cannot open the database {db}: {e}"))?,
        None => open_store(db, false)?,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut write_error = None;
    export::write(&store, export::Format::Csv, 64 * 1024, |piece| {
        match out.write_all(piece.as_bytes()) {
            Ok(()) => true,
            Err(e) => {
                write_error = Some(e);
                false
            }
        }
    })
    .map_err(|e| format!("cannot read the database {}: {e}", db))?;
    match write_error {
        Some(e) => Err(format!("cannot write the CSV: {e}")),
        None => out
            .flush()
            .map_err(|e| format!("cannot write the CSV: {e}")),
    }
}
