//! Proctor PINs (and the dashboard's operator passwords), kept only as PBKDF2-HMAC-SHA256 hashes
//! with a random salt.

use std::num::NonZeroU32;

use ring::pbkdf2;

use super::{CryptoError, random};

const ITERATIONS: u32 = 100_000;

/// A salted PIN hash.
#[derive(Clone, PartialEq, Eq)]
pub struct PinHash {
    salt: [u8; 16],
    hash: [u8; 32],
    iterations: NonZeroU32,
}

impl std::fmt::Debug for PinHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PinHash(…)")
    }
}

impl PinHash {
    /// Hashes a PIN with a fresh salt.
    pub fn new(pin: &str) -> Result<PinHash, CryptoError> {
        PinHash::with_iterations(pin, ITERATIONS)
    }

    /// Hashes a secret with a fresh salt and `iterations` rounds (at least 10,000).
    pub fn with_iterations(pin: &str, iterations: u32) -> Result<PinHash, CryptoError> {
        let salt = random()?;
        let iterations = NonZeroU32::new(iterations.max(10_000)).ok_or(CryptoError::Key)?;
        let mut hash = [0u8; 32];
        pbkdf2::derive(
            pbkdf2::PBKDF2_HMAC_SHA256,
            iterations,
            &salt,
            pin.as_bytes(),
            &mut hash,
        );
        Ok(PinHash {
            salt,
            hash,
            iterations,
        })
    }

    /// The hash as text for a configuration file: `pbkdf2-sha256$ITERATIONS$SALT$HASH` (hex).
    pub fn encode(&self) -> String {
        format!(
            "pbkdf2-sha256${}${}${}",
            self.iterations,
            super::hex::encode(&self.salt),
            super::hex::encode(&self.hash)
        )
    }

    /// Reads `encode`'s text back.
    pub fn decode(text: &str) -> Result<PinHash, CryptoError> {
        let mut parts = text.trim().split('$');
        let (Some("pbkdf2-sha256"), Some(iterations), Some(salt), Some(hash), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(CryptoError::Key);
        };
        let iterations = iterations
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 10_000)
            .and_then(NonZeroU32::new)
            .ok_or(CryptoError::Key)?;
        Ok(PinHash {
            salt: super::hex::decode(salt)?,
            hash: super::hex::decode(hash)?,
            iterations,
        })
    }

    /// Whether `pin` is the hashed PIN (constant time).
    pub fn verify(&self, pin: &str) -> bool {
        pbkdf2::verify(
            pbkdf2::PBKDF2_HMAC_SHA256,
            self.iterations,
            &self.salt,
            pin.as_bytes(),
            &self.hash,
        )
        .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_right_and_wrong() -> Result<(), CryptoError> {
        let h = PinHash::new("2468")?;
        assert!(h.verify("2468"));
        assert!(!h.verify("2469"));
        assert!(!h.verify(""));
        assert_ne!(PinHash::new("2468")?, h, "salted");
        let back = PinHash::decode(&h.encode())?;
        assert!(back.verify("2468") && !back.verify("2469"));
        assert!(
            PinHash::decode("pbkdf2-sha256$10$00$00").is_err(),
            "too few iterations"
        );
        assert!(PinHash::decode("md5$100000$00$00").is_err());
        Ok(())
    }

    /// Known answers computed by another implementation (Python's `hashlib.pbkdf2_hmac`, which
    /// is OpenSSL's): PIN 1357, salt 00..0f.
    #[test]
    fn known_answer_vectors() -> Result<(), CryptoError> {
        let salt = "000102030405060708090a0b0c0d0e0f";
        for (iterations, hash) in [
            (
                100_000,
                "e76b56577a32661c86f4ad039730ef3754bedeb67db8f64c8dc2b4699d9c4aa2",
            ),
            (
                10_000,
                "0a58ab22ff195efa0510562375b853eacaeceb21fe165331674a5d21583b95ea",
            ),
        ] {
            let h = PinHash::decode(&format!("pbkdf2-sha256${iterations}${salt}${hash}"))?;
            assert!(h.verify("1357"), "{iterations}");
            assert!(!h.verify("1358"), "{iterations}");
        }
        Ok(())
    }
}
