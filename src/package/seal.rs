//! Sealing a paper into a package file with a fresh random package key.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::Serialize;

use super::PackageError;
use super::container::{self, Header};
use super::source::Manifest;
use crate::crypto::aead::Key;
use crate::crypto::sign::SigningKey;
use crate::crypto::{hex, random};
use crate::exam::paper::Paper;

/// The decrypted body: the paper with its media carried as base64 beside it.
#[derive(Serialize)]
pub(super) struct BodyOut<'a> {
    pub paper: &'a Paper,
    pub media: std::collections::BTreeMap<&'a str, String>,
}

/// A sealed package and the key that opens it.
pub struct Sealed {
    /// The package file's bytes.
    pub bytes: Vec<u8>,
    /// The header written into it.
    pub header: Header,
    /// The package key, for the center's key store only.
    pub key: Key,
}

/// Seals a validated paper. The package key is fresh and random and is returned, never written
/// into the package.
pub fn seal(
    manifest: &Manifest,
    paper: &Paper,
    signer: &SigningKey,
) -> Result<Sealed, PackageError> {
    let header = header(manifest, paper, hex::encode(&signer.public()))?;
    seal_as(header, paper, signer)
}

/// The header a validated paper is sealed under, with a fresh random seal id; `signer` is the
/// signer's public key in hex.
pub fn header(manifest: &Manifest, paper: &Paper, signer: String) -> Result<Header, PackageError> {
    paper.validate()?;
    Ok(Header {
        package_id: manifest.id.clone(),
        seal_id: hex::encode(&random::<16>()?),
        format: paper.format.id.clone(),
        title: manifest.title.clone(),
        subjects: paper.subjects.clone(),
        languages: paper.languages.clone(),
        variant: manifest.variant.clone(),
        sample: manifest.sample,
        tasks: u32::try_from(paper.tasks.len()).unwrap_or(u32::MAX),
        minutes: paper.base_minutes(),
        extra_minutes: paper.format.extra_minutes,
        max_score: paper.format.max_score,
        signer,
    })
}

/// Seals a paper under a header given as it is, without deriving it from the paper: for tools
/// that build headers themselves and for tests of the checks `open` makes (a header that does
/// not match its paper must be refused there).
pub fn seal_as(header: Header, paper: &Paper, signer: &SigningKey) -> Result<Sealed, PackageError> {
    let header_bytes =
        serde_json::to_vec(&header).map_err(|e| PackageError::Header(e.to_string()))?;
    let mut bare = paper.clone();
    bare.media.clear();
    let media = paper
        .media
        .iter()
        .map(|(name, bytes)| (name.as_str(), B64.encode(bytes)))
        .collect();
    let body = serde_json::to_vec(&BodyOut {
        paper: &bare,
        media,
    })
    .map_err(|e| PackageError::Header(e.to_string()))?;
    let key = Key::generate()?;
    // The body's associated data is the container prefix up to the header's end.
    let aad = container::prefix(container::MAGIC, container::VERSION, &header_bytes);
    let sealed_body = key.seal(&aad, &body)?;
    let bytes = container::assemble(&header_bytes, &sealed_body, |signed| signer.sign(signed));
    Ok(Sealed { bytes, header, key })
}
