//! Opening a package: verify the signature, then decrypt, then validate. Nothing is trusted
//! before the step that checks it.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::Deserialize;

use super::PackageError;
use super::container::{self, Header};
use super::source::check_media;
use crate::crypto::aead::Key;
use crate::crypto::hex;
use crate::crypto::sign::{self, PUBLIC_LEN};
use crate::exam::paper::Paper;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BodyIn<'a> {
    paper: Paper,
    /// Base64, read in place (it has nothing to unescape).
    #[serde(borrow)]
    media: BTreeMap<String, std::borrow::Cow<'a, str>>,
}

/// Reads the header and checks the signature against the signer key the header names. With
/// `trusted`, the signer must also be that key. Nothing is decrypted.
pub fn read_header(
    bytes: &[u8],
    trusted: Option<&[u8; PUBLIC_LEN]>,
) -> Result<Header, PackageError> {
    let parts = container::split(bytes)?;
    let header: Header =
        serde_json::from_slice(parts.header).map_err(|e| PackageError::Header(e.to_string()))?;
    let signer: [u8; PUBLIC_LEN] =
        hex::decode(&header.signer).map_err(|_| PackageError::Header("signer key".to_owned()))?;
    if let Some(trusted) = trusted
        && &signer != trusted
    {
        return Err(PackageError::Untrusted {
            found: sign::key_id(&signer),
            expected: sign::key_id(trusted),
        });
    }
    sign::verify(&signer, parts.signed, parts.signature).map_err(|_| PackageError::Signature)?;
    Ok(header)
}

/// Opens a package signed by `trusted` with its package key, and validates the paper.
pub fn open(
    bytes: &[u8],
    trusted: &[u8; PUBLIC_LEN],
    key: &Key,
) -> Result<(Header, Paper), PackageError> {
    let header = read_header(bytes, Some(trusted))?;
    let parts = container::split(bytes)?;
    let plain = key
        .open(parts.aad, parts.body)
        .map_err(|_| PackageError::Decrypt)?;
    let json_error = |message: String| PackageError::Json {
        file: "package body".to_owned(),
        message,
    };
    // Checked as UTF-8 once, whole: read from a `str`, the parser does not check each string
    // again (a paper is mostly strings). The SIMD check is several times faster on Cyrillic;
    // on a failure the standard one says where.
    let plain = simdutf8::basic::from_utf8(&plain)
        .or_else(|_| std::str::from_utf8(&plain))
        .map_err(|e| json_error(e.to_string()))?;
    let body: BodyIn = serde_json::from_str(plain).map_err(|e| json_error(e.to_string()))?;
    let mut paper = body.paper;
    if !paper.media.is_empty() {
        return Err(PackageError::Mismatch("media outside the media table"));
    }
    for (name, data) in body.media {
        let data = B64
            .decode(data.as_bytes())
            .map_err(|_| PackageError::Media(name.clone(), "is not valid base64"))?;
        check_media(&name, &data)?;
        paper.media.insert(name, data);
    }
    if paper.format.id != header.format
        || paper.subjects != header.subjects
        || paper.languages != header.languages
    {
        return Err(PackageError::Mismatch("format, subjects or languages"));
    }
    if paper.tasks.len() != header.tasks as usize || paper.format.max_score != header.max_score {
        return Err(PackageError::Mismatch("task count or maximum score"));
    }
    // The header is what a proctor and the center see before the key is released: each of its
    // promises must be what the sealed paper says.
    if paper.base_minutes() != header.minutes || paper.format.extra_minutes != header.extra_minutes
    {
        return Err(PackageError::Mismatch("testing minutes or extra minutes"));
    }
    if paper.sample != header.sample {
        return Err(PackageError::Mismatch("sample flag"));
    }
    paper.validate()?;
    Ok((header, paper))
}
