//! AES-256-GCM sealing. Every seal draws a fresh random 96-bit nonce from the operating system
//! (never a counter: a crash, a restored backup or a cloned image could repeat one) and stores it
//! in front of the ciphertext.

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};

use super::{CryptoError, random};

/// Length of a key in bytes.
pub const KEY_LEN: usize = 32;
/// Bytes a seal adds to the plaintext: the nonce and the tag.
pub const OVERHEAD: usize = NONCE_LEN + 16;

/// A 256-bit AES-GCM key.
#[derive(Clone)]
pub struct Key {
    bytes: [u8; KEY_LEN],
    /// The expanded key, made at the first use and kept: a session's records and a batch's
    /// hundreds of records are sealed and opened under one key.
    ring: std::sync::OnceLock<LessSafeKey>,
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for Key {}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

impl Key {
    /// A fresh random key.
    pub fn generate() -> Result<Key, CryptoError> {
        random().map(Key::from_bytes)
    }

    /// A key from its bytes.
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Key {
        Key {
            bytes,
            ring: std::sync::OnceLock::new(),
        }
    }

    /// The key's bytes, for storing it in a key store.
    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.bytes
    }

    fn ring(&self) -> Result<&LessSafeKey, CryptoError> {
        if let Some(ring) = self.ring.get() {
            return Ok(ring);
        }
        let unbound = UnboundKey::new(&AES_256_GCM, &self.bytes).map_err(|_| CryptoError::Key)?;
        Ok(self.ring.get_or_init(|| LessSafeKey::new(unbound)))
    }

    /// Encrypts and authenticates `plaintext`, binding `aad`. Returns nonce ‖ ciphertext ‖ tag.
    pub fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let nonce_bytes: [u8; NONCE_LEN] = random()?;
        let mut out = Vec::with_capacity(plaintext.len() + OVERHEAD);
        out.extend_from_slice(&nonce_bytes);
        out.extend_from_slice(plaintext);
        let nonce = Nonce::assume_unique_for_key(nonce_bytes);
        let tag = self
            .ring()?
            .seal_in_place_separate_tag(nonce, Aad::from(aad), &mut out[NONCE_LEN..])
            .map_err(|_| CryptoError::Seal)?;
        out.extend_from_slice(tag.as_ref());
        Ok(out)
    }

    /// Verifies and decrypts what `seal` produced with the same `aad`.
    pub fn open(&self, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if sealed.len() < OVERHEAD {
            return Err(CryptoError::Open);
        }
        let (nonce_bytes, body) = sealed.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce_bytes).map_err(|_| CryptoError::Open)?;
        let mut buf = body.to_vec();
        let plain = self
            .ring()?
            .open_in_place(nonce, Aad::from(aad), &mut buf)
            .map_err(|_| CryptoError::Open)?;
        let len = plain.len();
        buf.truncate(len);
        Ok(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_tamper() -> Result<(), CryptoError> {
        let key = Key::generate()?;
        let sealed = key.seal(b"aad", "Қазақстан".as_bytes())?;
        assert_eq!(key.open(b"aad", &sealed)?, "Қазақстан".as_bytes());
        assert_eq!(key.open(b"other", &sealed), Err(CryptoError::Open));
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert_eq!(key.open(b"aad", &bad), Err(CryptoError::Open), "byte {i}");
        }
        assert_eq!(
            key.open(b"aad", &sealed[..sealed.len() - 1]),
            Err(CryptoError::Open)
        );
        assert_eq!(key.open(b"aad", &[]), Err(CryptoError::Open));
        assert_eq!(
            Key::generate()?.open(b"aad", &sealed),
            Err(CryptoError::Open)
        );
        Ok(())
    }

    #[test]
    fn nonces_are_fresh() -> Result<(), CryptoError> {
        let key = Key::generate()?;
        let mut nonces = std::collections::BTreeSet::new();
        for _ in 0..1000 {
            let sealed = key.seal(b"", b"x")?;
            assert!(nonces.insert(sealed[..NONCE_LEN].to_vec()));
        }
        Ok(())
    }
}
