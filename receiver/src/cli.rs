//! The command line: `serve`, `check-config PATH`, `export-csv`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Arg, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use evenhand_core::config::{self, Format};

use crate::server::{self, ServeOptions};
use crate::state::AppOptions;
use crate::store::Store;

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
        /// The SQLite database.
        #[arg(long, env = "EVENHAND_DB", default_value = DEFAULT_DB, value_name = "PATH")]
        db: PathBuf,
    },
}

#[derive(Debug, Args)]
#[command(args_override_self = true)]
pub struct Serve {
    /// Address to listen on (port 0: any free port, printed on start).
    #[arg(long, env = "EVENHAND_ADDR", default_value = DEFAULT_ADDR)]
    addr: String,
    /// The SQLite database, created if missing.
    #[arg(long, env = "EVENHAND_DB", default_value = DEFAULT_DB, value_name = "PATH")]
    db: PathBuf,
    /// Folder of the built app to serve.
    #[arg(long, default_value = "dist", value_name = "DIR")]
    app: PathBuf,
    /// Another origin allowed to POST submissions, such as https://kiosk.example.org
    /// (repeatable).
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origins: Vec<String>,
    /// Enables GET /api/feedback.json and .csv with `Authorization: Bearer TOKEN`.
    // The token's value never appears in `--help`.
    #[arg(
        long,
        env = "EVENHAND_EXPORT_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    export_token: Option<String>,
}

impl Cli {
    pub fn run(self) -> ExitCode {
        match self.command {
            Command::Serve(args) => serve(args),
            Command::CheckConfig { path } => check_config(&path),
            Command::ExportCsv { db } => export_csv(&db),
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
    let opts = ServeOptions {
        addr: args.addr,
        db: args.db,
        app: AppOptions {
            app: args.app,
            allow_origins: args.allow_origins,
            export_token: args.export_token,
        },
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

fn export_csv(db: &Path) -> ExitCode {
    let csv = match read_csv(db) {
        Ok(csv) => csv,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(csv.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("error: cannot write the CSV: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn read_csv(db: &Path) -> Result<String, String> {
    if !db.is_file() {
        return Err(format!("no database at {}", db.display()));
    }
    let store = Store::open_read_only(db)
        .map_err(|e| format!("cannot open the database {}: {e}", db.display()))?;
    let rows = store
        .all()
        .map_err(|e| format!("cannot read the database {}: {e}", db.display()))?;
    Ok(crate::export::to_csv(&rows))
}
