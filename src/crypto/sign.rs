//! Ed25519 signing keys (kept as PKCS#8 documents on disk) and signature checks.

use ring::rand::SystemRandom;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};

use super::{CryptoError, hex, sha256};

/// Length of a public key.
pub const PUBLIC_LEN: usize = 32;
/// Length of a signature.
pub const SIGNATURE_LEN: usize = 64;

/// An Ed25519 signing key.
pub struct SigningKey {
    pair: Ed25519KeyPair,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({})", key_id(&self.public()))
    }
}

impl SigningKey {
    /// Generates a new key and returns it with its PKCS#8 document for storage.
    pub fn generate() -> Result<(SigningKey, Vec<u8>), CryptoError> {
        let doc = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
            .map_err(|_| CryptoError::Random)?;
        let bytes = doc.as_ref().to_vec();
        Ok((SigningKey::from_pkcs8(&bytes)?, bytes))
    }

    /// Loads a key from its PKCS#8 document.
    pub fn from_pkcs8(doc: &[u8]) -> Result<SigningKey, CryptoError> {
        let pair = Ed25519KeyPair::from_pkcs8(doc).map_err(|_| CryptoError::Key)?;
        Ok(SigningKey { pair })
    }

    /// The public half.
    pub fn public(&self) -> [u8; PUBLIC_LEN] {
        let mut out = [0u8; PUBLIC_LEN];
        out.copy_from_slice(self.pair.public_key().as_ref());
        out
    }

    /// Signs a message.
    pub fn sign(&self, message: &[u8]) -> [u8; SIGNATURE_LEN] {
        let mut out = [0u8; SIGNATURE_LEN];
        out.copy_from_slice(self.pair.sign(message).as_ref());
        out
    }
}

/// Checks a signature against a public key.
pub fn verify(
    public: &[u8; PUBLIC_LEN],
    message: &[u8],
    signature: &[u8],
) -> Result<(), CryptoError> {
    UnparsedPublicKey::new(&ED25519, public)
        .verify(message, signature)
        .map_err(|_| CryptoError::Signature)
}

/// A short, stable id for a public key: the first 8 bytes of its SHA-256, in hex.
pub fn key_id(public: &[u8; PUBLIC_LEN]) -> String {
    hex::encode(&sha256(public)[..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_verify_and_reload() -> Result<(), CryptoError> {
        let (key, doc) = SigningKey::generate()?;
        let sig = key.sign(b"package");
        verify(&key.public(), b"package", &sig)?;
        assert_eq!(
            verify(&key.public(), b"packagf", &sig),
            Err(CryptoError::Signature)
        );
        let again = SigningKey::from_pkcs8(&doc)?;
        assert_eq!(again.public(), key.public());
        let (other, _) = SigningKey::generate()?;
        assert_eq!(
            verify(&other.public(), b"package", &sig),
            Err(CryptoError::Signature)
        );
        assert_eq!(
            SigningKey::from_pkcs8(b"junk").err(),
            Some(CryptoError::Key)
        );
        assert_eq!(key_id(&key.public()).len(), 16);
        Ok(())
    }
}
