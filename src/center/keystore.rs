//! The center's key store, a directory:
//!
//! ```text
//! DIR/center.key            Ed25519 signing key (PKCS#8), owner-only
//! DIR/center.pub            its public key, hex, for stations to trust
//! DIR/packages/SEAL.key     each sealed package's AES-256-GCM key, hex, owner-only
//! DIR/stations/ID.key       each station's link key (AES-256-GCM, hex, owner-only): the station
//!                           seals its offline journal exports under it
//! ```
//!
//! Package keys live here and never in a package.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::crypto::aead::{KEY_LEN, Key};
use crate::crypto::sign::{PUBLIC_LEN, SigningKey};
use crate::crypto::{CryptoError, hex};

/// What went wrong with the key store.
#[derive(Debug, Clone, thiserror::Error)]
pub enum KeyStoreError {
    #[error("{0} already holds a center key; refusing to replace it")]
    Exists(String),
    #[error("{0} is not a center key store (run `ustudy-center init --dir DIR` first)")]
    Missing(String),
    #[error("no key for package seal {0} in this key store")]
    NoPackageKey(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: Arc<std::io::Error>,
    },
    #[error("{path} is damaged: {source}")]
    Damaged { path: String, source: CryptoError },
    #[error("no link key for station {0} in this key store (create it with `station-key`)")]
    NoStationKey(String),
    #[error("station id {0:?} must be 1–64 letters, digits, '-' or '_'")]
    StationId(String),
    #[error("seal id {0:?} is not valid")]
    SealId(String),
    #[error("the center's TLS certificate cannot be made or used: {0}")]
    Tls(String),
}

/// An opened key store.
#[derive(Debug)]
pub struct KeyStore {
    dir: PathBuf,
    signer: SigningKey,
}

pub(super) fn io(path: &Path, e: std::io::Error) -> KeyStoreError {
    KeyStoreError::Io {
        path: path.display().to_string(),
        source: Arc::new(e),
    }
}

/// Reads a hex AES key file; `missing` is the error for a file that is not there.
fn read_key(path: &Path, missing: impl FnOnce() -> KeyStoreError) -> Result<Key, KeyStoreError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            missing()
        } else {
            io(path, e)
        }
    })?;
    let bytes: [u8; KEY_LEN] = hex::decode(&text).map_err(|source| KeyStoreError::Damaged {
        path: path.display().to_string(),
        source,
    })?;
    Ok(Key::from_bytes(bytes))
}

/// Writes a file that only its owner may read, refusing to overwrite.
pub(super) fn write_private(path: &Path, bytes: &[u8]) -> Result<(), KeyStoreError> {
    crate::private::write(path, bytes, true).map_err(|e| io(path, e))
}

/// A station id: 1–64 letters, digits, '-' or '_'.
pub fn check_station_id(station: &str) -> Result<(), KeyStoreError> {
    let ok = (1..=64).contains(&station.len())
        && station
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(KeyStoreError::StationId(station.to_owned()))
    }
}

impl KeyStore {
    /// Creates a key store with a new center signing key.
    pub fn init(dir: &Path) -> Result<KeyStore, KeyStoreError> {
        let key_path = dir.join("center.key");
        if key_path.exists() {
            return Err(KeyStoreError::Exists(dir.display().to_string()));
        }
        std::fs::create_dir_all(dir.join("packages")).map_err(|e| io(dir, e))?;
        let (signer, doc) = SigningKey::generate().map_err(|source| KeyStoreError::Damaged {
            path: key_path.display().to_string(),
            source,
        })?;
        write_private(&key_path, &doc)?;
        let pub_path = dir.join("center.pub");
        std::fs::write(&pub_path, format!("{}\n", hex::encode(&signer.public())))
            .map_err(|e| io(&pub_path, e))?;
        Ok(KeyStore {
            dir: dir.to_owned(),
            signer,
        })
    }

    /// Opens an existing key store.
    pub fn open(dir: &Path) -> Result<KeyStore, KeyStoreError> {
        let key_path = dir.join("center.key");
        let doc = std::fs::read(&key_path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                KeyStoreError::Missing(dir.display().to_string())
            } else {
                io(&key_path, e)
            }
        })?;
        let signer = SigningKey::from_pkcs8(&doc).map_err(|source| KeyStoreError::Damaged {
            path: key_path.display().to_string(),
            source,
        })?;
        Ok(KeyStore {
            dir: dir.to_owned(),
            signer,
        })
    }

    /// The center's signing key.
    pub fn signer(&self) -> &SigningKey {
        &self.signer
    }

    /// The center's public key.
    pub fn public(&self) -> [u8; PUBLIC_LEN] {
        self.signer.public()
    }

    fn package_path(&self, seal_id: &str) -> Result<PathBuf, KeyStoreError> {
        let ok = seal_id.len() == 32 && seal_id.bytes().all(|b| b.is_ascii_hexdigit());
        if !ok {
            return Err(KeyStoreError::SealId(seal_id.to_owned()));
        }
        Ok(self.dir.join("packages").join(format!("{seal_id}.key")))
    }

    /// Stores a package key under its seal id.
    pub fn put_package_key(&self, seal_id: &str, key: &Key) -> Result<(), KeyStoreError> {
        let path = self.package_path(seal_id)?;
        write_private(
            &path,
            format!("{}\n", hex::encode(key.as_bytes())).as_bytes(),
        )
    }

    /// The key of a sealed package.
    pub fn package_key(&self, seal_id: &str) -> Result<Key, KeyStoreError> {
        let path = self.package_path(seal_id)?;
        read_key(&path, || KeyStoreError::NoPackageKey(seal_id.to_owned()))
    }

    /// The key store's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn station_path(&self, station: &str) -> Result<PathBuf, KeyStoreError> {
        check_station_id(station)?;
        Ok(self.dir.join("stations").join(format!("{station}.key")))
    }

    /// Creates a station's link key; refuses to replace one.
    pub fn create_station_key(&self, station: &str) -> Result<Key, KeyStoreError> {
        let path = self.station_path(station)?;
        let parent = self.dir.join("stations");
        std::fs::create_dir_all(&parent).map_err(|e| io(&parent, e))?;
        if path.exists() {
            return Err(KeyStoreError::Exists(path.display().to_string()));
        }
        let key = Key::generate().map_err(|source| KeyStoreError::Damaged {
            path: path.display().to_string(),
            source,
        })?;
        write_private(
            &path,
            format!("{}\n", hex::encode(key.as_bytes())).as_bytes(),
        )?;
        Ok(key)
    }

    /// A station's link key.
    pub fn station_key(&self, station: &str) -> Result<Key, KeyStoreError> {
        let path = self.station_path(station)?;
        read_key(&path, || KeyStoreError::NoStationKey(station.to_owned()))
    }
}
