//! `evenhand-receiver`: the reference endpoint for evenhand submissions.
//!
//! ```text
//! evenhand-receiver serve [--addr 127.0.0.1:8080] [--db data/feedback.sqlite] [--app dist]
//!                         [--allow-origin https://kiosk.example.org]... [--export-token TOKEN]
//! evenhand-receiver check-config PATH
//! evenhand-receiver export-csv [--db PATH]
//! ```

mod export;
mod headers_file;
mod server;
mod store;
mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
evenhand-receiver: reference endpoint for evenhand submissions

USAGE:
  evenhand-receiver serve [--addr ADDR] [--db PATH] [--app DIR]
                          [--allow-origin ORIGIN]... [--export-token TOKEN]
  evenhand-receiver check-config PATH
  evenhand-receiver export-csv [--db PATH]

serve options (environment fallback in brackets):
  --addr ADDR            address to listen on [EVENHAND_ADDR] (default 127.0.0.1:8080)
  --db PATH              SQLite database [EVENHAND_DB] (default data/feedback.sqlite)
  --app DIR              folder of the built app to serve (default dist)
  --allow-origin ORIGIN  another origin allowed to POST submissions (repeatable)
  --export-token TOKEN   enables GET /api/feedback.json and .csv with
                         `Authorization: Bearer TOKEN` [EVENHAND_EXPORT_TOKEN]

check-config PATH        validates a config.json; lists every fault, exit 1 on any
export-csv               writes every stored submission as CSV to standard output
";

const DEFAULT_ADDR: &str = "127.0.0.1:8080";
const DEFAULT_DB: &str = "data/feedback.sqlite";
const DEFAULT_APP: &str = "dist";

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Reads `--flag value` or `--flag=value` from `args` at `i`, advancing `i`.
fn flag_value(args: &[String], i: &mut usize, flag: &str) -> Result<Option<String>, String> {
    let arg = &args[*i];
    if arg == flag {
        *i += 1;
        return args
            .get(*i)
            .cloned()
            .map(Some)
            .ok_or_else(|| format!("{flag} needs a value"));
    }
    Ok(arg
        .strip_prefix(flag)
        .and_then(|rest| rest.strip_prefix('='))
        .map(String::from))
}

fn parse_serve(args: &[String]) -> Result<server::Options, String> {
    let mut opts = server::Options {
        addr: env("EVENHAND_ADDR").unwrap_or_else(|| DEFAULT_ADDR.into()),
        db: env("EVENHAND_DB").map_or_else(|| DEFAULT_DB.into(), PathBuf::from),
        app: PathBuf::from(DEFAULT_APP),
        allow_origins: Vec::new(),
        export_token: env("EVENHAND_EXPORT_TOKEN"),
    };
    let mut i = 0;
    while i < args.len() {
        if let Some(v) = flag_value(args, &mut i, "--addr")? {
            opts.addr = v;
        } else if let Some(v) = flag_value(args, &mut i, "--db")? {
            opts.db = v.into();
        } else if let Some(v) = flag_value(args, &mut i, "--app")? {
            opts.app = v.into();
        } else if let Some(v) = flag_value(args, &mut i, "--allow-origin")? {
            opts.allow_origins.push(v);
        } else if let Some(v) = flag_value(args, &mut i, "--export-token")? {
            opts.export_token = Some(v);
        } else {
            return Err(format!("unknown option {:?} for serve", args[i]));
        }
        i += 1;
    }
    Ok(opts)
}

fn serve(args: &[String]) -> ExitCode {
    let opts = match parse_serve(args) {
        Ok(o) => o,
        Err(e) => return usage_error(&e),
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

fn check_config(args: &[String]) -> ExitCode {
    let [path] = args else {
        return usage_error("check-config needs exactly one PATH");
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            println!("{path}: cannot be read: {e}");
            return ExitCode::FAILURE;
        }
    };
    match evenhand_core::config::parse(&text) {
        Ok(c) => {
            let langs: Vec<&str> = c.languages.iter().map(|l| l.code()).collect();
            println!(
                "{path}: OK: venue {} ({}), endpoint {} ({}), languages {}, mode {}",
                c.venue.id,
                c.venue.name,
                c.endpoint.url,
                match c.endpoint.format {
                    evenhand_core::config::Format::Json => "json",
                    evenhand_core::config::Format::Form => "form",
                },
                langs.join(", "),
                c.mode.code(),
            );
            ExitCode::SUCCESS
        }
        Err(faults) => {
            let n = faults.len();
            println!("{path}: {n} fault{} found:", if n == 1 { "" } else { "s" });
            for f in &faults {
                println!("  - {f}");
            }
            ExitCode::FAILURE
        }
    }
}

fn export_csv(args: &[String]) -> ExitCode {
    let mut db = env("EVENHAND_DB").map_or_else(|| PathBuf::from(DEFAULT_DB), PathBuf::from);
    let mut i = 0;
    while i < args.len() {
        match flag_value(args, &mut i, "--db") {
            Ok(Some(v)) => db = v.into(),
            Ok(None) => {
                return usage_error(&format!("unknown option {:?} for export-csv", args[i]))
            }
            Err(e) => return usage_error(&e),
        }
        i += 1;
    }
    match export_csv_from(&db) {
        Ok(csv) => {
            use std::io::Write as _;
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(csv.as_bytes()).and_then(|()| out.flush()) {
                eprintln!("error: cannot write the CSV: {e}");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn export_csv_from(db: &Path) -> Result<String, String> {
    if !db.is_file() {
        return Err(format!("no database at {}", db.display()));
    }
    let store = store::Store::open_read_only(db)
        .map_err(|e| format!("cannot open the database {}: {e}", db.display()))?;
    let rows = store
        .all()
        .map_err(|e| format!("cannot read the database {}: {e}", db.display()))?;
    Ok(export::to_csv(&rows))
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        return usage_error("a command is needed");
    };
    let rest = &args[1..];
    match command.as_str() {
        "serve" => serve(rest),
        "check-config" => check_config(rest),
        "export-csv" => export_csv(rest),
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        "-V" | "--version" => {
            println!("evenhand-receiver {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        other => usage_error(&format!("unknown command {other:?}")),
    }
}
