//! Inbox passwords: the length rule, Argon2id hashing with OWASP's parameters and a
//! random salt, and verification that takes as long for an unknown email as for a
//! wrong password.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The longest: hashing stays cheap to ask for.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// OWASP's Argon2id choice: 19 MiB of memory, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    // The figures are within Argon2's bounds; the default (the same) is never needed.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Checks the password rule; the message says what is wrong.
pub fn check(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(format!(
            "the password must be at least {MIN_PASSWORD_CHARS} characters (it has {n})"
        ));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(format!(
            "the password must be at most {MAX_PASSWORD_CHARS} characters (it has {n})"
        ));
    }
    Ok(())
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) of `password` with a fresh salt.
pub fn hash(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("no randomness from the system: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| format!("cannot encode a salt: {e}"))?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

/// Whether `password` matches the stored hash; a hash that does not parse matches
/// nothing.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
}

/// Spends the time of one verification for an email with no account, so a wrong email
/// and a wrong password answer alike.
pub fn verify_nothing(password: &str) {
    static DUMMY: OnceLock<Option<String>> = OnceLock::new();
    if let Some(dummy) = DUMMY.get_or_init(|| hash("not a password of anyone's").ok()) {
        let _ = verify(password, dummy);
    }
}

/// A random password for the demo account: 128 bits, as 32 hex digits.
pub fn random() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness from the system: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_rule() {
        assert!(check("elevenchars")
            .unwrap_err()
            .contains("at least 12 characters (it has 11)"));
        assert!(check("twelve chars").is_ok());
        // Characters, not bytes: four accented letters are four.
        assert!(check("éééééééééééé").is_ok());
        assert!(check(&"x".repeat(1025)).unwrap_err().contains("at most"));
    }

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("correct horse battery").unwrap();
        let b = hash("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "a fresh salt each time");
        assert!(verify("correct horse battery", &a));
        assert!(!verify("correct horse batterY", &a));
        assert!(!verify("correct horse battery", "not a hash"));
        assert_ne!(random().unwrap(), random().unwrap());
        assert_eq!(random().unwrap().len(), 32);
    }
}
