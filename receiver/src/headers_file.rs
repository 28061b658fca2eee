//! The app's `_headers` file (the Netlify / Cloudflare Pages format the build ships in
//! `public/_headers`), applied to the static files this receiver serves, so the CSP
//! and other security headers live in one place.
//!
//! Format: a line starting with `/` is a path pattern (exact, or ending in `*` for a
//! prefix); the indented `Name: value` lines under it are its headers. `#` starts a
//! comment line. Later rules override earlier ones for the same header.

use std::path::Path;

use axum::http::header::{HeaderName, HeaderValue};

#[derive(Debug, Default)]
pub struct HeaderRules {
    rules: Vec<(String, Vec<(HeaderName, HeaderValue)>)>,
}

impl HeaderRules {
    /// Reads the file; a missing file is no rules, a bad line is reported and skipped.
    pub fn load(path: &Path) -> HeaderRules {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let (rules, faults) = HeaderRules::parse(&text);
                for f in faults {
                    eprintln!("warning: {}: {f}", path.display());
                }
                rules
            }
            Err(_) => HeaderRules::default(),
        }
    }

    /// Parses the text, returning the rules and a note per line that was skipped.
    pub fn parse(text: &str) -> (HeaderRules, Vec<String>) {
        let mut rules: Vec<(String, Vec<(HeaderName, HeaderValue)>)> = Vec::new();
        let mut faults = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if !line.starts_with([' ', '\t']) {
                if trimmed.starts_with('/') {
                    rules.push((trimmed.to_string(), Vec::new()));
                } else {
                    faults.push(format!("line {}: a path must start with /", n + 1));
                }
                continue;
            }
            let parsed = trimmed.split_once(':').and_then(|(name, value)| {
                Some((
                    HeaderName::from_bytes(name.trim().as_bytes()).ok()?,
                    HeaderValue::from_str(value.trim()).ok()?,
                ))
            });
            match (rules.last_mut(), parsed) {
                (Some((_, headers)), Some(h)) => headers.push(h),
                (None, _) => faults.push(format!("line {}: a header before any path", n + 1)),
                (_, None) => faults.push(format!("line {}: not a `Name: value` header", n + 1)),
            }
        }
        (HeaderRules { rules }, faults)
    }

    /// The headers for a request path, in file order.
    pub fn matching<'a>(
        &'a self,
        path: &'a str,
    ) -> impl Iterator<Item = &'a (HeaderName, HeaderValue)> + 'a {
        self.rules
            .iter()
            .filter(move |(pattern, _)| match pattern.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => pattern == path,
            })
            .flat_map(|(_, headers)| headers.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_shipped_format() {
        let text = "# comment\n/*\n  X-Frame: DENY\n  Content-Security-Policy: default-src 'self'\n\n/index.html\n  Cache-Control: no-cache\nbad\n  Broken line\n";
        let (rules, faults) = HeaderRules::parse(text);
        assert_eq!(faults.len(), 2);
        let all: Vec<_> = rules
            .matching("/index.html")
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(all, ["x-frame", "content-security-policy", "cache-control"]);
        assert_eq!(rules.matching("/app.js").count(), 2);
    }
}
