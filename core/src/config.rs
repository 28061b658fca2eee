//! `config.json`: parsed and validated here, so a typo never silently disables a setting
//! (SPEC §3). The same validator runs in the app and in `evenhand-receiver check-config`.

use crate::lang::Lang;
use crate::limits::{MAX_NAME_CHARS, MAX_STAFF_NAMES, MAX_TOPICS, MAX_VENUE_ID_CHARS};

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
    /// The operator's own privacy line under the contact field, per language
    /// (`privacy_note.en`); a language without one shows `i18n::Copy::privacy_note`.
    pub privacy_note: Vec<(Lang, String)>,
}

/// The longest privacy line: one or two short sentences under a field.
pub const MAX_PRIVACY_NOTE_CHARS: usize = 300;

impl Config {
    /// The operator's privacy line in `lang`, if they wrote one.
    pub fn privacy_note(&self, lang: Lang) -> Option<&str> {
        self.privacy_note
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, note)| note.as_str())
    }
}

mod fault;

pub use fault::{describe_all, ConfigError, Expected, JsonFault, Reason};

type Object = serde_json::Map<String, Value>;

/// Walks the JSON by hand so every fault is reported with its dotted key.
struct Checker {
    errors: Vec<ConfigError>,
}

impl Checker {
    fn unknown_keys(&mut self, obj: &Object, prefix: &str, known: &[&str]) {
        for key in obj.keys().filter(|k| !known.contains(&k.as_str())) {
            self.errors.push(ConfigError::UnknownKey {
                key: join(prefix, key),
            });
        }
    }

    fn object<'a>(
        &mut self,
        obj: &'a Object,
        prefix: &str,
        key: &str,
        required: bool,
    ) -> Option<&'a Object> {
        match obj.get(key) {
            None => {
                if required {
                    self.errors.push(ConfigError::Missing {
                        key: join(prefix, key),
                    });
                }
                None
            }
            Some(Value::Object(o)) => Some(o),
            Some(_) => {
                self.wrong(prefix, key, Expected::Object);
                None
            }
        }
    }

    fn string(&mut self, obj: &Object, prefix: &str, key: &str, required: bool) -> Option<String> {
        match obj.get(key) {
            None => {
                if required {
                    self.errors.push(ConfigError::Missing {
                        key: join(prefix, key),
                    });
                }
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.wrong(prefix, key, Expected::Text);
                None
            }
        }
    }

    fn number(&mut self, obj: &Object, prefix: &str, key: &str, min: u32, max: u32) -> Option<u32> {
        let value = obj.get(key)?;
        match value.as_u64().or_else(|| value.as_i64().map(|_| u64::MAX)) {
            Some(n) if n >= u64::from(min) && n <= u64::from(max) => u32::try_from(n).ok(),
            Some(_) => {
                self.errors.push(ConfigError::OutOfRange {
                    key: join(prefix, key),
                    min: i64::from(min),
                    max: i64::from(max),
                });
                None
            }
            None => {
                self.wrong(prefix, key, Expected::WholeNumber);
                None
            }
        }
    }

    fn strings(&mut self, obj: &Object, key: &str) -> Option<Vec<String>> {
        match obj.get(key)? {
            Value::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        _ => self.wrong("", &format!("{key}[{i}]"), Expected::Text),
                    }
                }
                Some(out)
            }
            _ => {
                self.wrong("", key, Expected::ListOfTexts);
                None
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        obj: &Object,
        prefix: &str,
        key: &str,
        options: [(&'static str, T); 2],
    ) -> Option<T> {
        let value = self.string(obj, prefix, key, false)?;
        let found = options
            .iter()
            .find(|(name, _)| *name == value)
            .map(|(_, v)| *v);
        if found.is_none() {
            self.wrong(prefix, key, Expected::OneOf(options[0].0, options[1].0));
        }
        found
    }

    fn wrong(&mut self, prefix: &str, key: &str, expected: Expected) {
        self.errors.push(ConfigError::WrongType {
            key: join(prefix, key),
            expected,
        });
    }

    fn invalid(&mut self, key: &str, reason: Reason) {
        self.errors.push(ConfigError::Invalid {
            key: key.to_string(),
            reason,
        });
    }
}

use serde_json::Value;

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Parses and validates `config.json`, returning every fault found (never just the first).
pub fn parse(json: &str) -> Result<Config, Vec<ConfigError>> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        vec![ConfigError::Syntax {
            line: e.line(),
            column: e.column(),
            fault: JsonFault::of(&e),
        }]
    })?;
    let Value::Object(root) = value else {
        return Err(vec![ConfigError::NotAnObject]);
    };
    let mut c = Checker { errors: Vec::new() };
    c.unknown_keys(
        &root,
        "",
        &[
            "venue",
            "endpoint",
            "languages",
            "mode",
            "cooling_off_seconds",
            "cooling_off_heated_seconds",
            "topics",
            "staff_names",
            "contact",
            "kiosk",
            "theme",
            "staff",
            "privacy_note",
        ],
    );

    let mut venue = Venue {
        id: String::new(),
        name: String::new(),
    };
    if let Some(v) = c.object(&root, "", "venue", true) {
        c.unknown_keys(v, "venue", &["id", "name"]);
        if let Some(id) = c.string(v, "venue", "id", true) {
            if !is_venue_id(&id) {
                c.invalid(
                    "venue.id",
                    Reason::VenueId {
                        max: MAX_VENUE_ID_CHARS,
                    },
                );
            }
            venue.id = id;
        }
        if let Some(name) = c.string(v, "venue", "name", true) {
            if name.trim().is_empty() || name.chars().count() > 80 {
                c.invalid("venue.name", Reason::Chars { max: 80 });
            }
            venue.name = name;
        }
    }

    let mut endpoint = Endpoint {
        url: String::new(),
        format: Format::Json,
    };
    if let Some(e) = c.object(&root, "", "endpoint", true) {
        c.unknown_keys(e, "endpoint", &["url", "format"]);
        if let Some(url) = c.string(e, "endpoint", "url", true) {
            if let Err(reason) = check_endpoint_url(&url) {
                c.invalid("endpoint.url", reason);
            }
            endpoint.url = url;
        }
        if let Some(f) = c.choice(
            e,
            "endpoint",
            "format",
            [("json", Format::Json), ("form", Format::Form)],
        ) {
            endpoint.format = f;
        }
    }

    let mut languages = vec![Lang::En];
    if let Some(list) = c.strings(&root, "languages") {
        let mut langs = Vec::new();
        for (i, code) in list.iter().enumerate() {
            match Lang::ALL.iter().find(|l| l.code() == code) {
                Some(l) if langs.contains(l) => c.invalid(
                    &format!("languages[{i}]"),
                    Reason::ListedTwice(code.clone()),
                ),
                Some(l) => langs.push(*l),
                None => c.invalid(
                    &format!("languages[{i}]"),
                    Reason::LanguageNotOffered(code.clone()),
                ),
            }
        }
        if list.is_empty() {
            c.invalid("languages", Reason::NoLanguage);
        }
        if !langs.is_empty() {
            languages = langs;
        }
    }

    let mode = c
        .choice(
            &root,
            "",
            "mode",
            [("kiosk", Mode::Kiosk), ("personal", Mode::Personal)],
        )
        .unwrap_or(Mode::Kiosk);
    let cooling_off_seconds = c
        .number(&root, "", "cooling_off_seconds", 0, 60)
        .unwrap_or(10);
    let heated = c.number(&root, "", "cooling_off_heated_seconds", 0, 60);
    if let Some(h) = heated {
        if h < cooling_off_seconds {
            c.invalid(
                "cooling_off_heated_seconds",
                Reason::HeatedBelowNormal(cooling_off_seconds),
            );
        }
    }
    let cooling_off_heated_seconds = heated.unwrap_or(20).max(cooling_off_seconds);

    let topics = c.strings(&root, "topics").unwrap_or_default();
    if topics.len() > MAX_TOPICS {
        c.invalid("topics", Reason::TooManyTopics { max: MAX_TOPICS });
    }
    for (i, t) in topics.iter().enumerate() {
        if t.is_empty()
            || t.chars().count() > MAX_NAME_CHARS
            || !t
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        {
            c.invalid(
                &format!("topics[{i}]"),
                Reason::TopicName {
                    max: MAX_NAME_CHARS,
                },
            );
        } else if topics[..i].contains(t) {
            c.invalid(&format!("topics[{i}]"), Reason::ListedTwice(t.clone()));
        }
    }
    let staff_names = c.strings(&root, "staff_names").unwrap_or_default();
    if staff_names.len() > MAX_STAFF_NAMES {
        c.invalid(
            "staff_names",
            Reason::TooManyNames {
                max: MAX_STAFF_NAMES,
            },
        );
    }
    for (i, n) in staff_names.iter().enumerate() {
        if n.trim().is_empty() || n.chars().count() > MAX_NAME_CHARS {
            c.invalid(
                &format!("staff_names[{i}]"),
                Reason::Chars {
                    max: MAX_NAME_CHARS,
                },
            );
        } else if staff_names[..i].iter().any(|m| m.eq_ignore_ascii_case(n)) {
            c.invalid(&format!("staff_names[{i}]"), Reason::ListedTwice(n.clone()));
        }
    }
    let contact = c
        .choice(
            &root,
            "",
            "contact",
            [
                ("off", ContactMode::Off),
                ("optional", ContactMode::Optional),
            ],
        )
        .unwrap_or(ContactMode::Off);

    let mut kiosk = Kiosk {
        idle_reset_seconds: 90,
        thank_you_seconds: 8,
    };
    if let Some(k) = c.object(&root, "", "kiosk", false) {
        c.unknown_keys(k, "kiosk", &["idle_reset_seconds", "thank_you_seconds"]);
        kiosk.idle_reset_seconds = c
            .number(k, "kiosk", "idle_reset_seconds", 10, 3600)
            .unwrap_or(90);
        kiosk.thank_you_seconds = c
            .number(k, "kiosk", "thank_you_seconds", 2, 60)
            .unwrap_or(8);
    }

    let mut theme = Theme::default();
    if let Some(t) = c.object(&root, "", "theme", false) {
        c.unknown_keys(t, "theme", &["accent", "logo"]);
        if let Some(accent) = c.string(t, "theme", "accent", false) {
            match contrast_with_white(&accent) {
                None => c.invalid("theme.accent", Reason::AccentFormat),
                Some(ratio) if ratio < 4.5 => c.invalid(
                    "theme.accent",
                    Reason::AccentContrast {
                        tenths: tenths(ratio),
                    },
                ),
                Some(_) => theme.accent = Some(accent),
            }
        }
        if let Some(logo) = c.string(t, "theme", "logo", false) {
            let lower = logo.to_ascii_lowercase();
            if logo.is_empty()
                || logo.len() > 200
                || logo.starts_with('/') && logo.starts_with("//")
                || lower.contains(':')
                || logo.contains("..")
                || logo.contains('\\')
            {
                c.invalid("theme.logo", Reason::LogoPath);
            } else {
                theme.logo = Some(logo);
            }
        }
    }

    let mut staff_pin_sha256 = None;
    if let Some(s) = c.object(&root, "", "staff", false) {
        c.unknown_keys(s, "staff", &["pin_sha256"]);
        if let Some(pin) = c.string(s, "staff", "pin_sha256", true) {
            if pin.len() == 64 && pin.chars().all(|ch| ch.is_ascii_hexdigit()) {
                staff_pin_sha256 = Some(pin.to_ascii_lowercase());
            } else {
                c.invalid("staff.pin_sha256", Reason::PinHash);
            }
        }
    }

    let mut privacy_note = Vec::new();
    if let Some(notes) = c.object(&root, "", "privacy_note", false) {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        c.unknown_keys(notes, "privacy_note", &codes);
        for lang in Lang::ALL {
            if let Some(note) = c.string(notes, "privacy_note", lang.code(), false) {
                if note.trim().is_empty() || note.chars().count() > MAX_PRIVACY_NOTE_CHARS {
                    c.invalid(
                        &join("privacy_note", lang.code()),
                        Reason::Chars {
                            max: MAX_PRIVACY_NOTE_CHARS,
                        },
                    );
                } else {
                    privacy_note.push((lang, note));
                }
            }
        }
    }

    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    Ok(Config {
        venue,
        endpoint,
        languages,
        mode,
        cooling_off_seconds,
        cooling_off_heated_seconds,
        topics,
        staff_names,
        contact,
        kiosk,
        theme,
        staff_pin_sha256,
        privacy_note,
    })
}

/// Absolute https, a same-origin path, or http on the local machine only.
/// A venue id as `venue.id` allows it (letters, digits, `-`, `_`, `.`, at most
/// [`MAX_VENUE_ID_CHARS`]): also what the receiver accepts for a manager's venues.
pub fn is_venue_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= MAX_VENUE_ID_CHARS
        && id
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || "-_.".contains(ch))
}

fn check_endpoint_url(url: &str) -> Result<(), Reason> {
    const HELP: Reason = Reason::EndpointUrl;
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(HELP);
    }
    if url.starts_with('/') {
        return if url.starts_with("//") {
            Err(HELP)
        } else {
            Ok(())
        };
    }
    let lower = url.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("https://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        return if host.is_empty() || host.contains('@') {
            Err(HELP)
        } else {
            Ok(())
        };
    }
    if let Some(rest) = lower.strip_prefix("http://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = match authority.strip_prefix('[') {
            Some(v6) => v6
                .split(']')
                .next()
                .map(|h| format!("[{h}]"))
                .unwrap_or_default(),
            None => authority.split(':').next().unwrap_or_default().to_string(),
        };
        return if ["localhost", "127.0.0.1", "[::1]"].contains(&host.as_str()) {
            Ok(())
        } else {
            Err(Reason::HttpNotLocal)
        };
    }
    Err(HELP)
}

/// A ratio in tenths, rounded down, without pulling float formatting into the wasm.
fn tenths(ratio: f64) -> u32 {
    (ratio * 10.0).floor() as u32
}

/// WCAG contrast ratio of a `#rgb`/`#rrggbb` colour against white.
pub fn contrast_with_white(hex: &str) -> Option<f64> {
    let digits = hex.strip_prefix('#')?;
    let full: String = match digits.len() {
        3 => digits.chars().flat_map(|c| [c, c]).collect(),
        6 => digits.to_string(),
        _ => return None,
    };
    let channel = |i: usize| -> Option<f64> {
        let byte = u8::from_str_radix(full.get(i..i + 2)?, 16).ok()?;
        Some(f64::from(LINEAR[usize::from(byte)]) / 65535.0)
    };
    let l = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    Some(1.05 / (l + 0.05))
}

/// sRGB channel byte → linear light × 65535 (WCAG 2 relative luminance). A table
/// instead of `powf`, which would pull a float power routine into the wasm.
#[rustfmt::skip]
const LINEAR: [u16; 256] = [
    0, 20, 40, 60, 80, 99, 119, 139, 159, 179, 199, 219, 241, 264, 288, 313, 340, 367, 396, 427,
    458, 491, 526, 562, 599, 637, 677, 718, 761, 805, 851, 898, 947, 997, 1048, 1101, 1156,
    1212, 1270, 1330, 1391, 1453, 1517, 1583, 1651, 1720, 1790, 1863, 1937, 2013, 2090, 2170,
    2250, 2333, 2418, 2504, 2592, 2681, 2773, 2866, 2961, 3058, 3157, 3258, 3360, 3464, 3570,
    3678, 3788, 3900, 4014, 4129, 4247, 4366, 4488, 4611, 4736, 4864, 4993, 5124, 5257, 5392,
    5530, 5669, 5810, 5953, 6099, 6246, 6395, 6547, 6700, 6856, 7014, 7174, 7335, 7500, 7666,
    7834, 8004, 8177, 8352, 8528, 8708, 8889, 9072, 9258, 9445, 9635, 9828, 10022, 10219, 10417,
    10619, 10822, 11028, 11235, 11446, 11658, 11873, 12090, 12309, 12530, 12754, 12980, 13209,
    13440, 13673, 13909, 14146, 14387, 14629, 14874, 15122, 15371, 15623, 15878, 16135, 16394,
    16656, 16920, 17187, 17456, 17727, 18001, 18277, 18556, 18837, 19121, 19407, 19696, 19987,
    20281, 20577, 20876, 21177, 21481, 21787, 22096, 22407, 22721, 23038, 23357, 23678, 24002,
    24329, 24658, 24990, 25325, 25662, 26001, 26344, 26688, 27036, 27386, 27739, 28094, 28452,
    28813, 29176, 29542, 29911, 30282, 30656, 31033, 31412, 31794, 32179, 32567, 32957, 33350,
    33745, 34143, 34544, 34948, 35355, 35764, 36176, 36591, 37008, 37429, 37852, 38278, 38706,
    39138, 39572, 40009, 40449, 40891, 41337, 41785, 42236, 42690, 43147, 43606, 44069, 44534,
    45002, 45473, 45947, 46423, 46903, 47385, 47871, 48359, 48850, 49344, 49841, 50341, 50844,
    51349, 51858, 52369, 52884, 53401, 53921, 54445, 54971, 55500, 56032, 56567, 57105, 57646,
    58190, 58737, 59287, 59840, 60396, 60955, 61517, 62082, 62650, 63221, 63795, 64372, 64952,
    65535
];

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC_EXAMPLE: &str = r##"{
      "venue": { "id": "bistro-lyon-1", "name": "Bistro Lyon" },
      "endpoint": { "url": "/api/feedback", "format": "json" },
      "languages": ["fr", "en"],
      "mode": "kiosk",
      "cooling_off_seconds": 10,
      "topics": ["service", "food", "cleanliness", "waiting"],
      "staff_names": ["Amy", "Jean-Marc"],
      "contact": "optional",
      "kiosk": { "idle_reset_seconds": 90, "thank_you_seconds": 8 },
      "theme": { "accent": "#1b6e5a", "logo": "logo.svg" },
      "staff": { "pin_sha256": "03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4" }
    }"##;

    fn errors(json: &str) -> Vec<ConfigError> {
        parse(json).err().unwrap_or_default()
    }

    fn keys(json: &str) -> Vec<String> {
        errors(json)
            .iter()
            .filter_map(|e| e.key().map(str::to_string))
            .collect()
    }

    const MIN: &str = r#""venue": {"id": "v", "name": "V"}, "endpoint": {"url": "/api/feedback"}"#;

    #[test]
    fn spec_example_parses() {
        let c = parse(SPEC_EXAMPLE).ok();
        let c = c.as_ref();
        assert_eq!(c.map(|c| c.venue.id.as_str()), Some("bistro-lyon-1"));
        assert_eq!(
            c.map(|c| c.languages.clone()),
            Some(vec![Lang::Fr, Lang::En])
        );
        assert_eq!(c.map(|c| c.contact), Some(ContactMode::Optional));
        assert_eq!(c.map(|c| c.cooling_off_heated_seconds), Some(20));
        assert_eq!(c.map(|c| c.topics.len()), Some(4));
        assert_eq!(
            c.and_then(|c| c.theme.logo.clone()).as_deref(),
            Some("logo.svg")
        );
    }

    #[test]
    fn privacy_note_per_language_checked() {
        let c = parse(&format!(
            r#"{{{MIN}, "privacy_note": {{"fr": "Effacé sous 30 jours."}}}}"#
        ));
        let Ok(c) = c else { panic!("{c:?}") };
        assert_eq!(c.privacy_note(Lang::Fr), Some("Effacé sous 30 jours."));
        assert_eq!(c.privacy_note(Lang::En), None);
        let long = "x".repeat(MAX_PRIVACY_NOTE_CHARS + 1);
        assert_eq!(
            keys(&format!(
                r#"{{{MIN}, "privacy_note": {{"en": "{long}", "fr": " ", "de": "Hallo"}}}}"#
            )),
            ["privacy_note.de", "privacy_note.en", "privacy_note.fr"]
        );
        assert_eq!(
            keys(&format!(r#"{{{MIN}, "privacy_note": "Kept 90 days"}}"#)),
            ["privacy_note"]
        );
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse(&format!("{{{MIN}}}"));
        let Ok(c) = c else { panic!("{c:?}") };
        assert_eq!(c.languages, vec![Lang::En]);
        assert_eq!(c.mode, Mode::Kiosk);
        assert_eq!(
            (c.cooling_off_seconds, c.cooling_off_heated_seconds),
            (10, 20)
        );
        assert_eq!(
            c.kiosk,
            Kiosk {
                idle_reset_seconds: 90,
                thank_you_seconds: 8
            }
        );
        assert_eq!(c.contact, ContactMode::Off);
        assert_eq!(c.endpoint.format, Format::Json);
        assert_eq!(c.staff_pin_sha256, None);
        assert!(c.privacy_note.is_empty());
    }

    #[test]
    fn faults_name_their_key() {
        assert_eq!(
            keys(&format!(
                r#"{{{MIN}, "kiosk": {{"idle_reset_seconds": 5}}}}"#
            )),
            ["kiosk.idle_reset_seconds"]
        );
        assert_eq!(
            keys(&format!(r#"{{{MIN}, "kiosk": {{"idle_reset": 50}}}}"#)),
            ["kiosk.idle_reset"]
        );
        assert_eq!(keys(&format!(r#"{{{MIN}, "colour": "red"}}"#)), ["colour"]);
        assert_eq!(keys(&format!(r#"{{{MIN}, "mode": "shop"}}"#)), ["mode"]);
        assert_eq!(
            keys(&format!(r#"{{{MIN}, "cooling_off_seconds": "10"}}"#)),
            ["cooling_off_seconds"]
        );
        assert_eq!(
            keys(&format!(r#"{{{MIN}, "cooling_off_seconds": -1}}"#)),
            ["cooling_off_seconds"]
        );
        assert_eq!(
            keys(&format!(r#"{{{MIN}, "languages": ["en", "de"]}}"#)),
            ["languages[1]"]
        );
        assert_eq!(
            keys(&format!(r#"{{{MIN}, "staff": {{}}}}"#)),
            ["staff.pin_sha256"]
        );
        assert_eq!(keys(r#"{"endpoint": {"url": "/x"}}"#), ["venue"]);
        assert_eq!(
            keys(r#"{"venue": {"id": "v"}, "endpoint": {}}"#),
            ["venue.name", "endpoint.url"]
        );
    }

    #[test]
    fn several_faults_are_all_reported() {
        let e = keys(&format!(
            r#"{{{MIN}, "mode": 3, "kiosk": {{"thank_you_seconds": 100}}, "x": 1}}"#
        ));
        assert_eq!(e.len(), 3, "{e:?}");
    }

    #[test]
    fn endpoint_urls() {
        for ok in [
            "/api/feedback",
            "https://api.example.org/f",
            "http://localhost:8080/x",
            "http://127.0.0.1/x",
            "http://[::1]:9/x",
        ] {
            assert!(check_endpoint_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "//evil.example/x",
            "http://example.org/x",
            "javascript:alert(1)",
            "ftp://x",
            "",
            "api/feedback",
            "https:// x",
        ] {
            assert!(check_endpoint_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn heated_pause_is_at_least_the_normal_one() {
        assert_eq!(
            keys(&format!(
                r#"{{{MIN}, "cooling_off_seconds": 30, "cooling_off_heated_seconds": 20}}"#
            )),
            ["cooling_off_heated_seconds"]
        );
        let c = parse(&format!(r#"{{{MIN}, "cooling_off_seconds": 30}}"#)).ok();
        assert_eq!(c.map(|c| c.cooling_off_heated_seconds), Some(30));
    }

    #[test]
    fn accent_needs_aa_contrast() {
        assert_eq!(
            keys(&format!(r##"{{{MIN}, "theme": {{"accent": "#ffcc00"}}}}"##)),
            ["theme.accent"]
        );
        assert_eq!(
            keys(&format!(r##"{{{MIN}, "theme": {{"accent": "red"}}}}"##)),
            ["theme.accent"]
        );
        assert!(parse(&format!(r##"{{{MIN}, "theme": {{"accent": "#1b6e5a"}}}}"##)).is_ok());
        let ratio = contrast_with_white("#777").unwrap_or_default();
        assert!((ratio - 4.48).abs() < 0.01, "{ratio}");
        assert!((contrast_with_white("#000").unwrap_or_default() - 21.0).abs() < 0.01);
        assert!((contrast_with_white("#fff").unwrap_or_default() - 1.0).abs() < 0.01);
        // The table matches the WCAG formula.
        for (i, v) in LINEAR.iter().enumerate() {
            let c = i as f64 / 255.0;
            let l = if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            };
            assert!((f64::from(*v) / 65535.0 - l).abs() < 1e-4, "{i}");
        }
    }

    #[test]
    fn broken_json_never_panics() {
        for cut in 0..SPEC_EXAMPLE.len() {
            if let Some(prefix) = SPEC_EXAMPLE.get(..cut) {
                let _ = parse(prefix);
            }
        }
        assert!(matches!(
            errors("{\"venue\": ").first(),
            Some(ConfigError::Syntax { .. })
        ));
        assert_eq!(errors("[1]"), [ConfigError::NotAnObject]);
    }

    #[test]
    fn messages_in_both_languages_name_the_key() {
        for e in errors(&format!(
            r#"{{{MIN}, "kiosk": {{"idle_reset_seconds": 5}}, "x": 1, "mode": 2}}"#
        )) {
            for lang in Lang::ALL {
                let m = e.message(lang);
                assert!(m.contains(e.key().unwrap_or("config.json")), "{m}");
            }
        }
        let fr = ConfigError::OutOfRange {
            key: "kiosk.idle_reset_seconds".into(),
            min: 10,
            max: 3600,
        }
        .message(Lang::Fr);
        assert_eq!(fr, "`kiosk.idle_reset_seconds` doit être entre 10 et 3600");
    }
}
