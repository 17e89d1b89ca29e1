//! Sealed test packages. A package source is a directory (manifest, tasks, answer key, media);
//! `seal` turns it into one file: a header, the paper encrypted with AES-256-GCM under a fresh
//! random package key, and an Ed25519 signature by the center over everything. `open` verifies
//! the signature first, then decrypts, then validates the format and every task.

pub mod container;
pub mod open;
pub mod seal;
pub mod source;

use std::sync::Arc;

use crate::crypto::CryptoError;
use crate::exam::paper::PaperError;

pub use container::Header;
pub use open::{open, read_header};
pub use seal::seal;
pub use source::load_source;

/// Why a package or a package source was refused.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PackageError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: Arc<std::io::Error>,
    },
    #[error("{file} is not valid: {message}")]
    Json { file: String, message: String },
    #[error("unknown format preset \"{0}\"")]
    UnknownPreset(String),
    #[error("the answer key has no entry for task {0}")]
    KeyMissing(String),
    #[error("the answer key names task {0}, which does not exist")]
    KeyUnknown(String),
    #[error("media file {0}: {1}")]
    Media(String, &'static str),
    #[error("the paper is invalid: {0}")]
    Paper(#[from] PaperError),
    #[error("not a test package (the file is too short or its marker is wrong)")]
    NotAPackage,
    #[error("package format version {0} is not supported by this program")]
    Version(u32),
    #[error("the package is truncated or its parts do not fit together")]
    Framing,
    #[error("the package header is damaged: {0}")]
    Header(String),
    #[error("the package is signed by key {found}, not by this center's key {expected}")]
    Untrusted { found: String, expected: String },
    #[error("the package signature does not verify: the file was altered or damaged")]
    Signature,
    #[error("the package cannot be decrypted: wrong package key or damaged data")]
    Decrypt,
    #[error("the decrypted package does not match its header ({0})")]
    Mismatch(&'static str),
    #[error("cryptography failed: {0}")]
    Crypto(#[from] CryptoError),
}

impl PackageError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> PackageError {
        PackageError::Io {
            path: path.display().to_string(),
            source: Arc::new(source),
        }
    }
}
