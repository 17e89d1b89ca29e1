//! The byte layout of a sealed package:
//!
//! ```text
//! magic "USTPKG\0" + version byte | u32 LE header length | header (JSON)
//! | u64 LE body length | body: AES-256-GCM (nonce ‖ ciphertext ‖ tag) | Ed25519 signature (64)
//! ```
//!
//! The signature covers every byte before it; the body's associated data is everything before
//! the body length, so a header cannot be swapped onto another body.

use serde::{Deserialize, Serialize};

use super::PackageError;
use crate::crypto::sign::SIGNATURE_LEN;
use crate::exam::paper::Subject;
use crate::exam::task::{Lang, Localized};

/// The package marker.
pub const MAGIC: &[u8; 7] = b"USTPKG\0";
/// The container version this program writes and reads.
pub const VERSION: u8 = 1;
/// Largest header accepted.
pub const MAX_HEADER: usize = 64 * 1024;

/// What anyone may read about a package without its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Package id from the manifest.
    pub package_id: String,
    /// Random id of this sealing; names the package key in the center's key store.
    pub seal_id: String,
    /// Session format id.
    pub format: String,
    /// Human title.
    pub title: Localized,
    /// Subject of every block.
    pub subjects: Vec<Subject>,
    /// Content languages.
    pub languages: Vec<Lang>,
    /// Candidate variant (`standard`, `no-pictures`, ...).
    pub variant: String,
    /// Sample content, not a real test.
    pub sample: bool,
    /// Number of tasks.
    pub tasks: u32,
    /// Testing minutes before accommodation.
    pub minutes: u32,
    /// Extra minutes for accommodated candidates.
    pub extra_minutes: u32,
    /// Maximum score.
    pub max_score: u32,
    /// The signer's Ed25519 public key, hex.
    pub signer: String,
}

impl Header {
    /// The language the content is shown in for a candidate who asked for `wanted`, as
    /// [`crate::exam::Paper::content_language`] decides it once the package is open.
    pub fn content_language(&self, wanted: Lang) -> Lang {
        if self.languages.contains(&wanted) {
            wanted
        } else {
            self.languages.first().copied().unwrap_or(wanted)
        }
    }
}

/// A package split into its parts, nothing verified yet.
pub struct Parts<'a> {
    /// Magic, version and header: the body's associated data.
    pub aad: &'a [u8],
    /// The header bytes.
    pub header: &'a [u8],
    /// The sealed body.
    pub body: &'a [u8],
    /// Everything the signature covers.
    pub signed: &'a [u8],
    /// The signature.
    pub signature: &'a [u8],
}

/// The framing every sealed file here starts with: marker, version byte, u32 LE header length,
/// header. It is also the associated data the body is sealed with.
pub fn prefix(magic: &[u8], version: u8, header: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(magic.len() + 5 + header.len());
    out.extend_from_slice(magic);
    out.push(version);
    out.extend_from_slice(
        &u32::try_from(header.len())
            .unwrap_or(u32::MAX)
            .to_le_bytes(),
    );
    out.extend_from_slice(header);
    out
}

/// Writes the container around a header and a sealed body; `sign` signs the bytes so far.
pub fn assemble(
    header: &[u8],
    body: &[u8],
    sign: impl FnOnce(&[u8]) -> [u8; SIGNATURE_LEN],
) -> Vec<u8> {
    let mut out = prefix(MAGIC, VERSION, header);
    out.reserve(body.len() + 8 + SIGNATURE_LEN);
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(body);
    let signature = sign(&out);
    out.extend_from_slice(&signature);
    out
}

/// Splits a package into its parts, checking only lengths and the marker.
pub fn split(bytes: &[u8]) -> Result<Parts<'_>, PackageError> {
    let fixed = MAGIC.len() + 1;
    if bytes.len() < fixed + 4 + 8 + SIGNATURE_LEN || &bytes[..MAGIC.len()] != MAGIC {
        return Err(PackageError::NotAPackage);
    }
    if bytes[MAGIC.len()] != VERSION {
        return Err(PackageError::Version(u32::from(bytes[MAGIC.len()])));
    }
    let header_len = read_u32(&bytes[fixed..fixed + 4]) as usize;
    let header_start = fixed + 4;
    let header_end = header_start
        .checked_add(header_len)
        .ok_or(PackageError::Framing)?;
    if header_len > MAX_HEADER || header_end + 8 > bytes.len() {
        return Err(PackageError::Framing);
    }
    let body_len = usize::try_from(read_u64(&bytes[header_end..header_end + 8]))
        .map_err(|_| PackageError::Framing)?;
    let body_start = header_end + 8;
    let body_end = body_start
        .checked_add(body_len)
        .ok_or(PackageError::Framing)?;
    if body_end.checked_add(SIGNATURE_LEN) != Some(bytes.len()) {
        return Err(PackageError::Framing);
    }
    Ok(Parts {
        aad: &bytes[..header_end],
        header: &bytes[header_start..header_end],
        body: &bytes[body_start..body_end],
        signed: &bytes[..body_end],
        signature: &bytes[body_end..],
    })
}

fn read_u32(b: &[u8]) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(b);
    u32::from_le_bytes(a)
}

fn read_u64(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    u64::from_le_bytes(a)
}
