//! `config.json`: parsed and validated here, so a typo never silently disables a setting
//! (SPEC §3). The same validator runs in the app and in `evenhand-receiver check-config`.

use crate::lang::Lang;

/// Where and how submissions are posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Absolute https URL, a same-origin path, or http on localhost.
    pub url: String,
    pub format: Format,
}

/// The body format of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Payload v1 as `application/json`.
    Json,
    /// Flat `application/x-www-form-urlencoded` fields (see `submission::form_fields`).
    Form,
}

/// Shared tablet or the guest's own phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Kiosk,
    Personal,
}

impl Mode {
    pub fn code(self) -> &'static str {
        match self {
            Mode::Kiosk => "kiosk",
            Mode::Personal => "personal",
        }
    }

    pub fn from_code(code: &str) -> Option<Mode> {
        match code {
            "kiosk" => Some(Mode::Kiosk),
            "personal" => Some(Mode::Personal),
            _ => None,
        }
    }
}

/// Whether the form offers an optional email with explicit consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactMode {
    Off,
    Optional,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Venue {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kiosk {
    /// 10–3600.
    pub idle_reset_seconds: u32,
    /// 2–60.
    pub thank_you_seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Theme {
    /// A CSS colour as written in the config (`#rgb` / `#rrggbb`).
    pub accent: Option<String>,
    /// A same-origin image path.
    pub logo: Option<String>,
}

/// A validated configuration. Every field holds its default when the key was absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub venue: Venue,
    pub endpoint: Endpoint,
    /// Never empty.
    pub languages: Vec<Lang>,
    pub mode: Mode,
    /// 0–60.
    pub cooling_off_seconds: u32,
    /// 0–60, at least `cooling_off_seconds`.
    pub cooling_off_heated_seconds: u32,
    pub topics: Vec<String>,
    pub staff_names: Vec<String>,
    pub contact: ContactMode,
    pub kiosk: Kiosk,
    pub theme: Theme,
    /// Lower-case hex SHA-256 of the staff PIN; `None` turns the staff view off.
    pub staff_pin_sha256: Option<String>,
}

/// One fault in a config, naming the key at fault by its dotted path (`kiosk.idle_reset_seconds`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("config.json is not valid JSON (line {line}, column {column}): {detail}")]
    Syntax { line: usize, column: usize, detail: String },
    #[error("config.json must be a JSON object")]
    NotAnObject,
    #[error("`{key}` is required")]
    Missing { key: String },
    #[error("`{key}` is not a known setting")]
    UnknownKey { key: String },
    #[error("`{key}` must be {expected}")]
    WrongType { key: String, expected: &'static str },
    #[error("`{key}` must be between {min} and {max}")]
    OutOfRange { key: String, min: i64, max: i64 },
    #[error("`{key}`: {reason}")]
    Invalid { key: String, reason: String },
}

impl ConfigError {
    /// The dotted key at fault, when there is one.
    pub fn key(&self) -> Option<&str> {
        match self {
            ConfigError::Syntax { .. } | ConfigError::NotAnObject => None,
            ConfigError::Missing { key }
            | ConfigError::UnknownKey { key }
            | ConfigError::WrongType { key, .. }
            | ConfigError::OutOfRange { key, .. }
            | ConfigError::Invalid { key, .. } => Some(key),
        }
    }
}

/// Parses and validates `config.json`, returning every fault found (never just the first).
pub fn parse(_json: &str) -> Result<Config, Vec<ConfigError>> {
    todo!("validator")
}
