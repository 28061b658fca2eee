//! The languages the app speaks.

use serde::{Deserialize, Serialize};

/// A language with a full set of copy in [`crate::i18n`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// Every language the app has copy for, in a stable order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The BCP 47 code used in `<html lang>`, `?lang=` and the payload.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Reads a code such as `fr`, `FR` or `fr-CA` (the region is ignored).
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }
}

/// Picks the active language: `?lang=` when offered, else the first of the browser's
/// preferences that is offered, else the first offered language.
pub fn choose(offered: &[Lang], url_lang: Option<&str>, browser_prefs: &[String]) -> Lang {
    let is_offered = |l: &Lang| offered.contains(l);
    url_lang
        .and_then(Lang::from_code)
        .filter(is_offered)
        .or_else(|| {
            browser_prefs
                .iter()
                .filter_map(|p| Lang::from_code(p))
                .find(is_offered)
        })
        .or_else(|| offered.first().copied())
        .unwrap_or(Lang::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_wins_when_offered() {
        let prefs = vec!["en-GB".to_string()];
        assert_eq!(choose(&[Lang::En, Lang::Fr], Some("fr"), &prefs), Lang::Fr);
    }

    #[test]
    fn url_ignored_when_not_offered() {
        let prefs = vec!["de".to_string(), "fr-CA".to_string()];
        assert_eq!(choose(&[Lang::En, Lang::Fr], Some("de"), &prefs), Lang::Fr);
        assert_eq!(choose(&[Lang::En], Some("fr"), &prefs), Lang::En);
    }

    #[test]
    fn falls_back_to_first_offered() {
        assert_eq!(
            choose(&[Lang::Fr, Lang::En], None, &["de".into()]),
            Lang::Fr
        );
        assert_eq!(choose(&[], None, &[]), Lang::En);
    }
}
