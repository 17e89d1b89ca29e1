//! Opening a sealed package at the start of a candidate's session: with the key the center
//! releases for that candidate (online), or with the key code a proctor types from the center's
//! key sheet (the hall network is down). Either way the package is opened exactly as a sealed
//! package always is: the center's signature, the decryption, the paper's checks.

use std::sync::Arc;

use crate::crypto::aead::Key;
use crate::crypto::keycode::{self, KeyCodeError};
use crate::exam::Paper;
use crate::package::{self, Header};
use crate::sync::link::{Link, LinkError};

/// The center a station belongs to, as the running station needs it.
#[derive(Clone)]
pub struct Center {
    /// The link that asks for keys.
    pub link: Arc<Link>,
    /// The center's signing key: the only signer of packages this station opens.
    pub signing_public: [u8; 32],
}

impl std::fmt::Debug for Center {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Center").finish_non_exhaustive()
    }
}

/// Why a sealed package did not open for a candidate.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ReleaseError {
    #[error("this station has no center to release keys")]
    NoCenter,
    #[error("{0}")]
    Link(#[from] LinkError),
    #[error("{0}")]
    Code(#[from] KeyCodeError),
    #[error("the key does not open package {0}")]
    WrongKey(String),
}

/// Asks the center for the key of `header`'s package for candidate `iin` and opens `sealed`.
pub async fn online(
    center: &Center,
    header: &Header,
    sealed: &[u8],
    iin: &str,
) -> Result<Paper, ReleaseError> {
    let key = center.link.start(&header.seal_id, iin).await?;
    open(center, header, sealed, &key)
}

/// Opens `sealed` with the key code the proctor typed.
pub fn with_code(
    center: &Center,
    header: &Header,
    sealed: &[u8],
    typed: &str,
) -> Result<Paper, ReleaseError> {
    let key = Key::from_bytes(keycode::decode(typed)?);
    open(center, header, sealed, &key)
}

/// Opens `sealed` with `key`: the center's signature, the decryption, the paper's checks, and
/// the seal `header` names.
pub fn open(
    center: &Center,
    header: &Header,
    sealed: &[u8],
    key: &Key,
) -> Result<Paper, ReleaseError> {
    let (opened, paper) = package::open(sealed, &center.signing_public, key)
        .map_err(|_| ReleaseError::WrongKey(header.package_id.clone()))?;
    if opened.seal_id != header.seal_id {
        return Err(ReleaseError::WrongKey(header.package_id.clone()));
    }
    Ok(paper)
}
