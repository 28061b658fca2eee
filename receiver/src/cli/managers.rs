//! `add-manager`, `list-managers`, `remove-manager`: the inbox's accounts. There is no
//! default account; a password is never taken from the command line (every local user
//! can read it there).

use std::io::{BufRead as _, IsTerminal as _};

use evenhand_core::config::is_venue_id;
use evenhand_core::limits::MAX_VENUE_ID_CHARS;

use super::AddManager;
use crate::password;
use crate::store::{now_ms, AddedManager, Database, Scope, Store};

pub fn add(args: &AddManager) -> Result<(), String> {
    let email = args.email.trim();
    check_email(email)?;
    let scope = scope_of(&args.venues)?;
    let store = open(&args.db, true)?;
    let db = &args.db;
    if args.unless_any && !list_of(&store, &args.db)?.is_empty() {
        println!("{db} has an inbox manager already: none added.");
        return Ok(());
    }
    if store
        .manager_credentials(email)
        .map_err(|e| format!("cannot read the database {db}: {e}"))?
        .is_some()
    {
        return Err(taken(email));
    }
    let password = if args.random_password {
        password::random()?
    } else {
        read_password(email)?
    };
    password::check(&password)?;
    let hash = password::hash(&password)?;
    match store
        .add_manager(email, &hash, &scope, now_ms())
        .map_err(|e| format!("cannot write the database {db}: {e}"))?
    {
        AddedManager::EmailTaken => Err(taken(email)),
        AddedManager::Added => {
            println!(
                "Added inbox manager {}, who sees {}.",
                email.to_lowercase(),
                venues_seen(&scope)
            );
            if args.random_password {
                println!("Password (shown this once): {password}");
            }
            Ok(())
        }
    }
}

pub fn list(db: &Database) -> Result<(), String> {
    let store = open(db, false)?;
    let managers = list_of(&store, db)?;
    if managers.is_empty() {
        println!(
            "No inbox managers in {}; add one with `evenhand-receiver add-manager --db {} EMAIL`.",
            db, db
        );
    }
    for m in managers {
        let scope = store
            .manager_scope(m.id)
            .map_err(|e| format!("cannot read the database {db}: {e}"))?;
        println!("{}: {}", m.email, venues_seen(&scope));
    }
    Ok(())
}

/// The venues of `--venue ID …`, each a venue id as a kiosk config has it; none given,
/// every venue.
fn scope_of(venues: &[String]) -> Result<Scope, String> {
    if venues.is_empty() {
        return Ok(Scope::Every);
    }
    if let Some(bad) = venues.iter().find(|v| !is_venue_id(v)) {
        return Err(format!(
            "--venue {bad:?} is not a venue id: letters, digits, `-`, `_` and `.`, at most {MAX_VENUE_ID_CHARS} characters, as the kiosk config's venue.id"
        ));
    }
    Ok(Scope::venues(venues.iter().cloned()))
}

/// "every venue", or the venues listed.
fn venues_seen(scope: &Scope) -> String {
    match scope.listed() {
        None => "every venue".into(),
        Some(v) => format!("venues {}", v.join(", ")),
    }
}

pub fn remove(db: &Database, email: &str) -> Result<(), String> {
    let store = open(db, false)?;
    let removed = store
        .remove_manager(email)
        .map_err(|e| format!("cannot write the database {}: {e}", db))?;
    if !removed {
        return Err(format!(
            "no inbox manager with the email {}",
            email.trim().to_lowercase()
        ));
    }
    println!(
        "Removed inbox manager {}; their sessions have ended.",
        email.trim().to_lowercase()
    );
    Ok(())
}

fn open(db: &Database, create: bool) -> Result<Store, String> {
    super::open_store(db, create)
}

fn list_of(store: &Store, db: &Database) -> Result<Vec<crate::store::Manager>, String> {
    store
        .list_managers()
        .map_err(|e| format!("cannot read the database {}: {e}", db))
}

fn taken(email: &str) -> String {
    format!(
        "an inbox manager with the email {} exists already",
        email.to_lowercase()
    )
}

/// An email is what a manager types to sign in: one `@`, something either side, no
/// spaces, at most 254 characters.
fn check_email(email: &str) -> Result<(), String> {
    let ok = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && !b.contains('@'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{email:?} is not an email address such as manager@example.org"
        ))
    }
}

/// On a terminal: asked twice, without echo. Otherwise: the first line of standard
/// input, without its line ending.
fn read_password(email: &str) -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        let prompt = format!(
            "Password for {email} (at least {} characters): ",
            password::MIN_PASSWORD_CHARS
        );
        let first =
            rpassword::prompt_password(prompt).map_err(|e| format!("no password read: {e}"))?;
        password::check(&first)?;
        let again = rpassword::prompt_password("The same password again: ")
            .map_err(|e| format!("no password read: {e}"))?;
        if again != first {
            return Err("the two passwords differ; nothing was added".into());
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let line = line.strip_suffix('\n').unwrap_or(&line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.is_empty() {
        return Err(
            "no password on standard input: give it as one line, e.g. `printf '%s\\n' \"$PASSWORD\" | evenhand-receiver add-manager EMAIL`"
                .into(),
        );
    }
    Ok(line.to_string())
}
