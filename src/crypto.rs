//! The few cryptographic operations the station and the center use, as thin wrappers around
//! ring: random bytes, AES-256-GCM with a fresh random nonce per seal, Ed25519 keys and
//! signatures, SHA-256, HMAC-SHA-256 and hex. Nothing else in the code base calls ring directly.

pub mod aead;
pub mod agree;
pub mod hex;
pub mod keycode;
pub mod pin;
pub mod sign;

use ring::rand::{SecureRandom, SystemRandom};

/// What went wrong in a cryptographic operation. Deliberately coarse: a failed open does not
/// say why, so an attacker learns nothing from the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("the system random generator failed")]
    Random,
    #[error("encryption failed")]
    Seal,
    #[error("decryption failed: wrong key or damaged data")]
    Open,
    #[error("a key has the wrong length or format")]
    Key,
    #[error("the signature does not verify")]
    Signature,
}

/// Fills a fresh array with random bytes from the operating system.
pub fn random<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut bytes = [0u8; N];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| CryptoError::Random)?;
    Ok(bytes)
}

/// SHA-256 of a byte string.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    sha256_of(&[data])
}

/// SHA-256 of `parts` one after another (as of their concatenation, without making it).
pub fn sha256_of(parts: &[&[u8]]) -> [u8; 32] {
    let mut context = ring::digest::Context::new(&ring::digest::SHA256);
    for part in parts {
        context.update(part);
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(context.finish().as_ref());
    out
}

/// HMAC-SHA-256 of the length-prefixed `parts` under `key`, for `label` (a key used for one
/// label never authenticates another's data). Length prefixes keep `("ab", "c")` and
/// `("a", "bc")` apart.
pub fn mac(key: &[u8], label: &str, parts: &[&[u8]]) -> [u8; 32] {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key);
    let mut out = [0u8; 32];
    out.copy_from_slice(ring::hmac::sign(&key, &framed(label, parts)).as_ref());
    out
}

/// Checks a tag made by `mac`, in constant time.
pub fn mac_matches(key: &[u8], label: &str, parts: &[&[u8]], tag: &[u8]) -> bool {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key);
    ring::hmac::verify(&key, &framed(label, parts), tag).is_ok()
}

fn framed(label: &str, parts: &[&[u8]]) -> Vec<u8> {
    let mut data = Vec::new();
    for part in std::iter::once(label.as_bytes()).chain(parts.iter().copied()) {
        data.extend_from_slice(&(part.len() as u64).to_le_bytes());
        data.extend_from_slice(part);
    }
    data
}
