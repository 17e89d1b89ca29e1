//! The station's own keys, made on the station at enrollment and never shipped in an installer:
//! an Ed25519 key that signs what it sends the center and an X25519 key the center wraps package
//! keys to. One owner-only file in the data directory, `station-identity.key`:
//!
//! ```text
//! signing HEX(PKCS#8)
//! agree HEX(32 bytes)
//! ```

use std::path::{Path, PathBuf};

use x25519_dalek::{PublicKey, StaticSecret};

use crate::crypto::sign::SigningKey;
use crate::crypto::{self, CryptoError, hex};

/// The file's name in the data directory.
pub const FILE: &str = "station-identity.key";

/// What went wrong with the identity file.
#[derive(Debug, Clone, thiserror::Error)]
pub enum IdentityError {
    #[error("{0}: {1}")]
    Io(String, String),
    #[error("{0} is damaged")]
    Damaged(String),
    #[error("keys cannot be made: {0}")]
    Crypto(#[from] CryptoError),
}

/// The station's keys.
pub struct Identity {
    signing: SigningKey,
    agree: StaticSecret,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("signing_public", &hex::encode(&self.signing.public()))
            .finish_non_exhaustive()
    }
}

fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

impl Identity {
    /// The identity in `dir`, which must be there (an enrolled station that lost it must enroll
    /// again: a new key is never made behind the center's back).
    pub fn load(dir: &Path) -> Result<Identity, IdentityError> {
        let file = path(dir);
        let shown = file.display().to_string();
        let text = std::fs::read_to_string(&file)
            .map_err(|e| IdentityError::Io(shown.clone(), e.to_string()))?;
        Identity::parse(&text).ok_or(IdentityError::Damaged(shown))
    }

    /// The identity in `dir`, or a new one written there (owner-only) if there is none.
    pub fn load_or_create(dir: &Path) -> Result<Identity, IdentityError> {
        let file = path(dir);
        let shown = file.display().to_string();
        match std::fs::read_to_string(&file) {
            Ok(text) => Identity::parse(&text).ok_or(IdentityError::Damaged(shown)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                crate::private::create_dir(dir)
                    .map_err(|e| IdentityError::Io(dir.display().to_string(), e.to_string()))?;
                let (signing, doc) = SigningKey::generate()?;
                let agree: [u8; 32] = crypto::random()?;
                let text = format!(
                    "signing {}\nagree {}\n",
                    hex::encode(&doc),
                    hex::encode(&agree)
                );
                crate::private::write(&file, text.as_bytes(), true)
                    .map_err(|e| IdentityError::Io(shown, e.to_string()))?;
                Ok(Identity {
                    signing,
                    agree: StaticSecret::from(agree),
                })
            }
            Err(e) => Err(IdentityError::Io(shown, e.to_string())),
        }
    }

    fn parse(text: &str) -> Option<Identity> {
        let mut signing = None;
        let mut agree = None;
        for line in text.lines() {
            match line.split_once(' ') {
                Some(("signing", v)) => signing = Some(hex::decode_vec(v).ok()?),
                Some(("agree", v)) => agree = Some(hex::decode::<32>(v.trim()).ok()?),
                _ => {}
            }
        }
        Some(Identity {
            signing: SigningKey::from_pkcs8(&signing?).ok()?,
            agree: StaticSecret::from(agree?),
        })
    }

    /// The Ed25519 public key.
    pub fn signing_public(&self) -> [u8; 32] {
        self.signing.public()
    }

    /// The X25519 public key.
    pub fn agree_public(&self) -> [u8; 32] {
        PublicKey::from(&self.agree).to_bytes()
    }

    /// Opens what the center sealed to this station's X25519 key (`crypto::agree`).
    pub fn open_sealed(
        &self,
        ephemeral: &[u8; 32],
        context: &[u8],
        sealed: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        crypto::agree::open_with(&self.agree, ephemeral, context, sealed)
    }

    /// The secret of one-time unlock codes, agreed with the center's X25519 key at enrollment
    /// (`protocol::unlock`).
    pub fn unlock_secret(&self, center_agree: &[u8; 32]) -> Result<[u8; 32], CryptoError> {
        crypto::agree::shared(&self.agree, center_agree, crate::protocol::unlock::LABEL)
    }

    /// Signs `message` with the station's key.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identity_is_made_once_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let made = Identity::load_or_create(dir.path()).unwrap();
        let again = Identity::load_or_create(dir.path()).unwrap();
        assert_eq!(made.signing_public(), again.signing_public());
        assert_eq!(made.agree_public(), again.agree_public());
        std::fs::write(path(dir.path()), "signing zz\n").unwrap();
        assert!(matches!(
            Identity::load_or_create(dir.path()),
            Err(IdentityError::Damaged(_))
        ));
    }
}
