//! The packages a center offers its stations: `DIR/published/SEAL.pkg`, each a sealed package
//! signed by this center (written there by `pack`). Listing reads and verifies every header, so a
//! file that is not the center's is never offered.

use std::path::{Path, PathBuf};

use crate::crypto::{self, hex};
use crate::package::{self, Header};
use crate::protocol::packages::PackageInfo;

/// The folder in the key store.
pub const FOLDER: &str = "published";

/// Where a seal's file is kept.
pub fn path(dir: &Path, seal_id: &str) -> Option<PathBuf> {
    let ok = !seal_id.is_empty()
        && seal_id.len() <= 64
        && seal_id.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then(|| dir.join(FOLDER).join(format!("{seal_id}.pkg")))
}

/// The paper of the published package with this seal, opened with the center's own key.
pub fn open_paper(
    dir: &Path,
    keys: &super::KeyStore,
    seal_id: &str,
) -> Result<crate::exam::Paper, String> {
    let path = path(dir, seal_id).ok_or_else(|| format!("seal id {seal_id:?}"))?;
    let bytes = std::fs::read(&path)
        .map_err(|e| format!("package of seal {seal_id} is not kept here: {e}"))?;
    let key = keys.package_key(seal_id).map_err(|e| e.to_string())?;
    let (_, paper) = package::open(&bytes, &keys.public(), &key).map_err(|e| e.to_string())?;
    Ok(paper)
}

/// Keeps a sealed package for stations (beside it first, then renamed).
pub fn publish(dir: &Path, header: &Header, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let target = path(dir, &header.seal_id)
        .ok_or_else(|| std::io::Error::other(format!("seal id {:?}", header.seal_id)))?;
    std::fs::create_dir_all(dir.join(FOLDER))?;
    let tmp = target.with_extension("pkg.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &target)?;
    Ok(target)
}

/// Every published package signed by `center`, as stations see it. A file that does not verify
/// is left out and logged.
pub fn list(dir: &Path, center: &[u8; 32]) -> std::io::Result<Vec<PackageInfo>> {
    let folder = dir.join(FOLDER);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in entries {
        let file = entry?.path();
        if file.extension().and_then(|e| e.to_str()) != Some("pkg") {
            continue;
        }
        let bytes = std::fs::read(&file)?;
        match package::read_header(&bytes, Some(center)) {
            Ok(header) => out.push(PackageInfo {
                package_id: header.package_id,
                seal_id: header.seal_id,
                format: header.format,
                sample: header.sample,
                sha256: hex::encode(&crypto::sha256(&bytes)),
            }),
            Err(e) => {
                tracing::error!(file = %file.display(), error = %e, "a published package does not verify; not offered");
            }
        }
    }
    out.sort_by(|a, b| a.package_id.cmp(&b.package_id));
    Ok(out)
}
