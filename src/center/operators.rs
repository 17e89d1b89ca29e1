//! The dashboard's operators: their password hashes (PBKDF2-HMAC-SHA256 with ring, a random
//! salt each, the iteration count kept in the hash so it can rise later), the random tokens of
//! their logins (the store keeps only a token's SHA-256) and the CSRF token a login's forms
//! carry, derived from its token.

use ring::rand::{SecureRandom as _, SystemRandom};
use ring::{digest, hmac};

use crate::crypto::hex;
use crate::crypto::pin::PinHash;

/// PBKDF2 iterations for a new hash (OWASP's figure for HMAC-SHA256).
pub const ITERATIONS: u32 = 600_000;
/// The shortest password `operator add` takes.
pub const MIN_PASSWORD: usize = 10;
/// How long a login lasts: a test day.
pub const LOGIN_MS: i64 = 12 * 3600 * 1000;
/// An operator name: letters, digits, `-`, `_` and `.`, at most this many.
pub const MAX_NAME: usize = 40;

/// Why a name or password is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OperatorError {
    #[error("an operator name is 1 to {MAX_NAME} letters, digits, '-', '_' or '.'; {0:?} is not")]
    BadName(String),
    #[error("the password must be at least {MIN_PASSWORD} characters")]
    ShortPassword,
    #[error("the system's random source failed")]
    Random,
}

/// Checks an operator name.
pub fn check_name(name: &str) -> Result<(), OperatorError> {
    let ok = !name.is_empty()
        && name.chars().count() <= MAX_NAME
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(OperatorError::BadName(name.to_owned()))
    }
}

/// The stored form of `password`: `pbkdf2-sha256$ITERATIONS$SALT$HASH`, hex (the proctor PIN's
/// form, with more iterations).
pub fn hash(password: &str) -> Result<String, OperatorError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(OperatorError::ShortPassword);
    }
    PinHash::with_iterations(password, ITERATIONS)
        .map(|h| h.encode())
        .map_err(|_| OperatorError::Random)
}

/// Whether `password` matches `stored` (in constant time); a malformed hash matches nothing.
pub fn verify(password: &str, stored: &str) -> bool {
    PinHash::decode(stored).is_ok_and(|h| h.verify(password))
}

/// A new login token (the cookie's value), hex.
pub fn new_token() -> Result<String, OperatorError> {
    let mut token = [0u8; 32];
    SystemRandom::new()
        .fill(&mut token)
        .map_err(|_| OperatorError::Random)?;
    Ok(hex::encode(&token))
}

/// What the store keeps of a token: its SHA-256.
pub fn token_hash(token: &str) -> [u8; 32] {
    let d = digest::digest(&digest::SHA256, token.as_bytes());
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

/// The CSRF token of a login's (or a login form's) forms: an HMAC of its token, so a page from
/// another site, which cannot read the cookie, cannot make it.
pub fn csrf(token: &str) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, token.as_bytes());
    hex::encode(hmac::sign(&key, b"ustudy-dashboard-csrf").as_ref())
}

/// Whether a form's CSRF field belongs to `token` (in constant time).
pub fn csrf_ok(token: &str, field: &str) -> bool {
    let key = hmac::Key::new(hmac::HMAC_SHA256, token.as_bytes());
    hex::decode_vec(field)
        .is_ok_and(|tag| hmac::verify(&key, b"ustudy-dashboard-csrf", &tag).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let stored = hash("correct horse").unwrap();
        assert!(stored.starts_with("pbkdf2-sha256$600000$"), "{stored}");
        assert!(verify("correct horse", &stored));
        assert!(!verify("correct horsf", &stored));
        assert!(!verify(
            "correct horse",
            &stored.replace("$600000$", "$600001$")
        ));
        assert!(!verify("correct horse", "plain"));
        assert!(!verify("correct horse", "pbkdf2-sha256$0$00$00"));
        assert_ne!(
            hash("a long password").unwrap(),
            hash("a long password").unwrap()
        );
        assert_eq!(hash("short"), Err(OperatorError::ShortPassword));
    }

    #[test]
    fn names_and_csrf_tokens() {
        assert!(check_name("aigerim.s").is_ok());
        assert!(check_name("Айгерім").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("a b").is_err());
        assert!(check_name("<script>").is_err());
        let token = new_token().unwrap();
        assert!(csrf_ok(&token, &csrf(&token)));
        assert!(!csrf_ok(&new_token().unwrap(), &csrf(&token)));
        assert!(!csrf_ok(&token, "zz"));
        assert_ne!(token_hash(&token), token_hash(&new_token().unwrap()));
    }
}
