//! Fetches `config.json` from the app's own base URL and hands it to the validator.
//! Never from anywhere the URL could name (SPEC §3).

use evenhand_core::config::{self, Config, ConfigError};
use evenhand_core::i18n::{copy, fill};
use evenhand_core::lang::Lang;

/// Why the app cannot start; every variant is shown on the error page.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No answer, or an answer that was not 200.
    Unreachable(String),
    /// The file was read but is not a valid config.
    Invalid(Vec<ConfigError>),
}

impl LoadError {
    /// Plain-words lines for the error page, one per fault.
    pub fn messages(&self, lang: Lang) -> Vec<String> {
        match self {
            LoadError::Unreachable(detail) => {
                vec![fill(copy(lang).config_load_failed, "", detail)]
            }
            LoadError::Invalid(errors) => config::describe_all(errors, lang),
        }
    }
}

pub const CONFIG_PATH: &str = "config.json";

/// Loads and validates the config. The loader (scripts/post-build.mjs) starts fetching
/// it while the wasm downloads, saving a round trip on a slow phone; its promise gives
/// the text or rejects with the same words as `get_text`. Taken once, so a page
/// without that loader, or a second load, fetches afresh.
pub async fn load() -> Result<Config, LoadError> {
    let text = match crate::browser::take_global_promise("evenhandConfig") {
        Some(early) => crate::send::promised_text(early).await,
        None => crate::send::get_text(CONFIG_PATH).await,
    }
    .map_err(LoadError::Unreachable)?;
    config::parse(&text).map_err(LoadError::Invalid)
}
