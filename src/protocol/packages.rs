//! Packages on the wire: what a center offers a station (for the formats on its hall's roster),
//! and the sealed file itself. The station checks each file's hash and the center's signature
//! before it keeps it; the package key comes separately, at the start of a session.

use serde::{Deserialize, Serialize};

/// A package a center offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageInfo {
    /// Its id.
    pub package_id: String,
    /// Its seal id (names the file and its key).
    pub seal_id: String,
    /// Its session format.
    pub format: String,
    /// Sealed as a sample (drills only).
    pub sample: bool,
    /// SHA-256 of the sealed file, hex.
    pub sha256: String,
}
