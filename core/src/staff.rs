//! The staff PIN: a casual lock that keeps guests out of the staff view, not security.
//! `config.json` is public, so its SHA-256 of a short PIN can be brute-forced; it
//! must never guard anything secret.

use sha2::{Digest, Sha256};

/// The hash of the sample config's PIN, `1234`: `check-config` warns when a config
/// still has it, as every copy of the project knows it.
pub const SAMPLE_PIN_SHA256: &str =
    "03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4";

/// Whether a configured hash is the sample PIN's.
pub fn is_sample_pin(pin_sha256_hex: &str) -> bool {
    pin_sha256_hex
        .trim()
        .eq_ignore_ascii_case(SAMPLE_PIN_SHA256)
}

/// Lower-case hex SHA-256 of a text.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the typed PIN (trimmed) hashes to the configured hash.
pub fn pin_matches(pin: &str, pin_sha256_hex: &str) -> bool {
    let typed = sha256_hex(pin.trim());
    let expected = pin_sha256_hex.trim().to_ascii_lowercase();
    typed.len() == expected.len()
        && typed
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC_HASH: &str = SAMPLE_PIN_SHA256;

    #[test]
    fn spec_example_is_1234() {
        assert!(is_sample_pin(&sha256_hex("1234").to_uppercase()));
        assert!(!is_sample_pin(&sha256_hex("4821")));
        assert_eq!(sha256_hex("1234"), SPEC_HASH);
        assert!(pin_matches("1234", SPEC_HASH));
        assert!(pin_matches(" 1234 ", &SPEC_HASH.to_uppercase()));
        assert!(!pin_matches("1235", SPEC_HASH));
        assert!(!pin_matches("", SPEC_HASH));
    }
}
