//! The faults a config can have, each in English and French. Every text is built as a
//! pair ([`EnFr`]), so a fault or a reason without its French does not compile.

use std::fmt;

use crate::lang::Lang;

/// One fault in a config, naming the key at fault by its dotted path (`kiosk.idle_reset_seconds`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    Syntax {
        line: usize,
        column: usize,
        fault: JsonFault,
    },
    NotAnObject,
    Missing {
        key: String,
    },
    UnknownKey {
        key: String,
    },
    WrongType {
        key: String,
        expected: Expected,
    },
    OutOfRange {
        key: String,
        min: i64,
        max: i64,
    },
    Invalid {
        key: String,
        reason: Reason,
    },
}

/// What is wrong with a file that is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFault {
    /// The text stops inside a value (a truncated file).
    EndsEarly,
    /// A character that JSON does not allow there.
    Malformed,
}

/// The type a key must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    WholeNumber,
    ListOfTexts,
    Object,
    /// One of two words, as written in the file (`"json"` or `"form"`).
    OneOf(&'static str, &'static str),
}

/// Why a value of the right type is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// `venue.id`: letters, digits, `-`, `_`, `.`, up to the limit.
    VenueId {
        max: usize,
    },
    /// A text of 1 to `max` characters.
    Chars {
        max: usize,
    },
    /// Not https, not a same-origin path, not http on this machine.
    EndpointUrl,
    /// http to another machine.
    HttpNotLocal,
    /// The value appears earlier in the same list.
    ListedTwice(String),
    /// A language code the app has no copy for.
    LanguageNotOffered(String),
    /// An empty `languages` list.
    NoLanguage,
    /// `cooling_off_heated_seconds` below `cooling_off_seconds` (its value).
    HeatedBelowNormal(u32),
    TooManyTopics {
        max: usize,
    },
    /// A topic is used in form field names.
    TopicName {
        max: usize,
    },
    TooManyNames {
        max: usize,
    },
    AccentFormat,
    /// Contrast with white text, in tenths (`32` for 3.2:1).
    AccentContrast {
        tenths: u32,
    },
    LogoPath,
    PinHash,
}

/// A text in English and in French, built together so neither can be left out.
struct EnFr(String, String);

impl EnFr {
    fn new(en: impl Into<String>, fr: impl Into<String>) -> EnFr {
        EnFr(en.into(), fr.into())
    }

    fn pick(self, lang: Lang) -> String {
        match lang {
            Lang::En => self.0,
            Lang::Fr => self.1,
        }
    }
}

impl JsonFault {
    /// From serde_json's classification; its own messages are English only.
    pub fn of(e: &serde_json::Error) -> JsonFault {
        match e.classify() {
            serde_json::error::Category::Eof => JsonFault::EndsEarly,
            _ => JsonFault::Malformed,
        }
    }

    fn text(self) -> EnFr {
        match self {
            JsonFault::EndsEarly => EnFr::new(
                "the file stops before its end, as if cut off",
                "le fichier s'arrête avant sa fin, comme coupé",
            ),
            JsonFault::Malformed => EnFr::new(
                "look for a missing or extra comma, quote or bracket",
                "cherchez une virgule, un guillemet, une accolade ou un crochet en trop ou manquant",
            ),
        }
    }
}

impl Expected {
    fn text(self) -> EnFr {
        match self {
            Expected::Text => EnFr::new("a string", "un texte"),
            Expected::WholeNumber => EnFr::new("a whole number", "un nombre entier"),
            Expected::ListOfTexts => EnFr::new("a list of strings", "une liste de textes"),
            Expected::Object => EnFr::new("an object", "un objet"),
            Expected::OneOf(a, b) => {
                EnFr::new(format!("\"{a}\" or \"{b}\""), format!("« {a} » ou « {b} »"))
            }
        }
    }
}

impl Reason {
    fn text(&self) -> EnFr {
        match self {
            Reason::VenueId { max } => EnFr::new(
                format!("use 1 to {max} letters, digits, '-', '_' or '.'"),
                format!("utilisez de 1 à {max} lettres, chiffres, « - », « _ » ou « . »"),
            ),
            Reason::Chars { max } => EnFr::new(
                format!("use 1 to {max} characters"),
                format!("utilisez de 1 à {max} caractères"),
            ),
            Reason::EndpointUrl => EnFr::new(
                "use https://…, a path on this site such as /api/feedback, or http://localhost…",
                "utilisez https://…, un chemin de ce site comme /api/feedback, ou http://localhost…",
            ),
            Reason::HttpNotLocal => EnFr::new(
                "http is only allowed for localhost; use https",
                "http n'est permis que pour localhost ; utilisez https",
            ),
            Reason::ListedTwice(value) => EnFr::new(
                format!("\"{value}\" is listed twice"),
                format!("« {value} » figure deux fois"),
            ),
            Reason::LanguageNotOffered(code) => {
                let codes = Lang::ALL.map(Lang::code);
                EnFr::new(
                    format!("\"{code}\" is not offered; use \"{}\"", codes.join("\" or \"")),
                    format!("« {code} » n'est pas proposé ; utilisez « {} »", codes.join(" » ou « ")),
                )
            }
            Reason::NoLanguage => EnFr::new("list at least one language", "indiquez au moins une langue"),
            Reason::HeatedBelowNormal(normal) => EnFr::new(
                format!("must be at least cooling_off_seconds ({normal})"),
                format!("doit valoir au moins cooling_off_seconds ({normal})"),
            ),
            Reason::TooManyTopics { max } => {
                EnFr::new(format!("at most {max} topics"), format!("{max} thèmes au plus"))
            }
            Reason::TopicName { max } => EnFr::new(
                format!("use 1 to {max} ASCII letters, digits, '-' or '_'"),
                format!("utilisez de 1 à {max} lettres ASCII, chiffres, « - » ou « _ »"),
            ),
            Reason::TooManyNames { max } => {
                EnFr::new(format!("at most {max} names"), format!("{max} noms au plus"))
            }
            Reason::AccentFormat => EnFr::new(
                "use a colour written #rgb or #rrggbb",
                "utilisez une couleur écrite #rgb ou #rrggbb",
            ),
            Reason::AccentContrast { tenths } => {
                let (whole, tenth) = (tenths / 10, tenths % 10);
                EnFr::new(
                    format!("contrast with white text is {whole}.{tenth}:1; it needs at least 4.5:1"),
                    format!(
                        "le contraste avec le texte blanc est de {whole},{tenth}:1 ; il faut au moins 4,5:1"
                    ),
                )
            }
            Reason::LogoPath => EnFr::new(
                "use an image path on this site, such as logo.svg",
                "utilisez le chemin d'une image de ce site, comme logo.svg",
            ),
            Reason::PinHash => EnFr::new(
                "use the 64 hexadecimal characters of the PIN's SHA-256",
                "utilisez les 64 caractères hexadécimaux du SHA-256 du code",
            ),
        }
    }
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

    fn text(&self) -> EnFr {
        match self {
            ConfigError::Syntax {
                line,
                column,
                fault,
            } => {
                let EnFr(en, fr) = fault.text();
                EnFr::new(
                    format!("config.json is not valid JSON (line {line}, column {column}): {en}"),
                    format!(
                        "config.json n'est pas un JSON valide (ligne {line}, colonne {column}) : {fr}"
                    ),
                )
            }
            ConfigError::NotAnObject => EnFr::new(
                "config.json must be a JSON object",
                "config.json doit être un objet JSON",
            ),
            ConfigError::Missing { key } => EnFr::new(
                format!("`{key}` is required"),
                format!("`{key}` est obligatoire"),
            ),
            ConfigError::UnknownKey { key } => EnFr::new(
                format!("`{key}` is not a known setting"),
                format!("`{key}` n'est pas un réglage connu"),
            ),
            ConfigError::WrongType { key, expected } => {
                let EnFr(en, fr) = expected.text();
                EnFr::new(
                    format!("`{key}` must be {en}"),
                    format!("`{key}` doit être {fr}"),
                )
            }
            ConfigError::OutOfRange { key, min, max } => EnFr::new(
                format!("`{key}` must be between {min} and {max}"),
                format!("`{key}` doit être entre {min} et {max}"),
            ),
            ConfigError::Invalid { key, reason } => {
                let EnFr(en, fr) = reason.text();
                EnFr::new(format!("`{key}`: {en}"), format!("`{key}` : {fr}"))
            }
        }
    }

    /// The fault in plain words, for the error page and the command line.
    pub fn message(&self, lang: Lang) -> String {
        self.text().pick(lang)
    }
}

/// In English, as the command line prints it.
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ConfigError {}

/// Every fault in a list of config errors, as lines of plain words.
pub fn describe_all(errors: &[ConfigError], lang: Lang) -> Vec<String> {
    errors.iter().map(|e| e.message(lang)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One fault of each kind, with one of each reason, expected type and JSON fault.
    fn one_of_each() -> Vec<ConfigError> {
        let key = || "kiosk.idle_reset_seconds".to_string();
        let mut faults = vec![
            ConfigError::NotAnObject,
            ConfigError::Missing { key: key() },
            ConfigError::UnknownKey { key: key() },
            ConfigError::OutOfRange {
                key: key(),
                min: 10,
                max: 3600,
            },
        ];
        for fault in [JsonFault::EndsEarly, JsonFault::Malformed] {
            faults.push(ConfigError::Syntax {
                line: 3,
                column: 7,
                fault,
            });
        }
        for expected in [
            Expected::Text,
            Expected::WholeNumber,
            Expected::ListOfTexts,
            Expected::Object,
            Expected::OneOf("json", "form"),
        ] {
            faults.push(ConfigError::WrongType {
                key: key(),
                expected,
            });
        }
        for reason in [
            Reason::VenueId { max: 64 },
            Reason::Chars { max: 80 },
            Reason::EndpointUrl,
            Reason::HttpNotLocal,
            Reason::ListedTwice("food".into()),
            Reason::LanguageNotOffered("de".into()),
            Reason::NoLanguage,
            Reason::HeatedBelowNormal(10),
            Reason::TooManyTopics { max: 12 },
            Reason::TopicName { max: 40 },
            Reason::TooManyNames { max: 200 },
            Reason::AccentFormat,
            Reason::AccentContrast { tenths: 32 },
            Reason::LogoPath,
            Reason::PinHash,
        ] {
            faults.push(ConfigError::Invalid { key: key(), reason });
        }
        faults
    }

    /// Which variant a fault is, counting reasons, expected types and JSON faults as
    /// their own. A new variant does not compile here until it has a number; the test
    /// then fails until [`one_of_each`] holds it.
    fn variant(e: &ConfigError) -> usize {
        match e {
            ConfigError::NotAnObject => 0,
            ConfigError::Missing { .. } => 1,
            ConfigError::UnknownKey { .. } => 2,
            ConfigError::OutOfRange { .. } => 3,
            ConfigError::Syntax { fault, .. } => match fault {
                JsonFault::EndsEarly => 4,
                JsonFault::Malformed => 5,
            },
            ConfigError::WrongType { expected, .. } => match expected {
                Expected::Text => 6,
                Expected::WholeNumber => 7,
                Expected::ListOfTexts => 8,
                Expected::Object => 9,
                Expected::OneOf(..) => 10,
            },
            ConfigError::Invalid { reason, .. } => match reason {
                Reason::VenueId { .. } => 11,
                Reason::Chars { .. } => 12,
                Reason::EndpointUrl => 13,
                Reason::HttpNotLocal => 14,
                Reason::ListedTwice(_) => 15,
                Reason::LanguageNotOffered(_) => 16,
                Reason::NoLanguage => 17,
                Reason::HeatedBelowNormal(_) => 18,
                Reason::TooManyTopics { .. } => 19,
                Reason::TopicName { .. } => 20,
                Reason::TooManyNames { .. } => 21,
                Reason::AccentFormat => 22,
                Reason::AccentContrast { .. } => 23,
                Reason::LogoPath => 24,
                Reason::PinHash => 25,
            },
        }
    }
    const VARIANTS: usize = 26;

    /// Words of a message, lower case, leaving out what is quoted as written in the
    /// file (keys in backticks, values in quotes or guillemets).
    fn words(message: &str) -> Vec<String> {
        let mut plain = String::new();
        let mut quote: Option<char> = None;
        for c in message.chars() {
            match (quote, c) {
                (None, '`' | '"' | '«') => quote = Some(if c == '«' { '»' } else { c }),
                (Some(q), c) if c == q => quote = None,
                (None, c) => plain.push(c),
                (Some(_), _) => {}
            }
        }
        plain
            .split(|c: char| !c.is_alphanumeric() && c != '_' && c != '\'')
            .flat_map(|w| w.split('\''))
            .filter(|w| w.chars().count() >= 2 && w.chars().any(char::is_alphabetic))
            .map(str::to_lowercase)
            .collect()
    }

    /// Words both languages write the same way: names of files, formats and schemes,
    /// and two French words that English has too.
    const SHARED: [&str; 15] = [
        "config",
        "json",
        "https",
        "http",
        "localhost",
        "api",
        "feedback",
        "logo",
        "svg",
        "rgb",
        "rrggbb",
        "sha",
        "ascii",
        "site",
        "image",
    ];

    /// Words of `fr` that are English words of the messages, except shared ones.
    fn untranslated(fr: &str, english: &[String]) -> Vec<String> {
        words(fr)
            .into_iter()
            // Key names (`cooling_off_seconds`) are the same in both.
            .filter(|w| !w.contains('_'))
            .filter(|w| english.contains(w) && !SHARED.contains(&w.as_str()))
            .collect()
    }

    #[test]
    fn every_fault_reads_in_french() {
        let faults = one_of_each();
        let mut seen = [false; VARIANTS];
        for f in &faults {
            seen[variant(f)] = true;
        }
        let missing: Vec<usize> = (0..VARIANTS).filter(|&v| !seen[v]).collect();
        assert_eq!(missing, Vec::<usize>::new(), "variants with no sample");

        let english: Vec<String> = faults
            .iter()
            .flat_map(|f| words(&f.message(Lang::En)))
            .collect();
        assert!(english.len() > 100, "{english:?}");
        for f in &faults {
            let (en, fr) = (f.message(Lang::En), f.message(Lang::Fr));
            assert_ne!(en, fr);
            assert_eq!(f.to_string(), en);
            assert_eq!(untranslated(&fr, &english), Vec::<String>::new(), "{fr}");
        }
        // What the check catches: a French message with English left in it.
        assert_eq!(
            untranslated(
                "`cooling_off_heated_seconds` : must be at least cooling_off_seconds (10)",
                &english
            ),
            ["must", "be", "at", "least"]
        );
    }

    #[test]
    fn french_reads_as_french() {
        let fault = ConfigError::Invalid {
            key: "cooling_off_heated_seconds".into(),
            reason: Reason::HeatedBelowNormal(10),
        };
        assert_eq!(
            fault.message(Lang::Fr),
            "`cooling_off_heated_seconds` : doit valoir au moins cooling_off_seconds (10)"
        );
        assert_eq!(
            ConfigError::Invalid {
                key: "languages[1]".into(),
                reason: Reason::LanguageNotOffered("de".into()),
            }
            .message(Lang::Fr),
            "`languages[1]` : « de » n'est pas proposé ; utilisez « en » ou « fr »"
        );
        assert_eq!(
            ConfigError::Invalid {
                key: "theme.accent".into(),
                reason: Reason::AccentContrast { tenths: 32 },
            }
            .message(Lang::En),
            "`theme.accent`: contrast with white text is 3.2:1; it needs at least 4.5:1"
        );
    }
}
